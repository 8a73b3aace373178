//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
//! the pull request's changed lines. Chosen automatically when `GITHUB_ACTIONS=true` and no
//! `--format` is given, as oxlint does.
//!
//! Escaping follows the workflow-commands documentation: in the message `%`, `\r` and `\n`
//! are percent-encoded; in properties also `:` and `,`.

use super::{Diagnostic, Failure, Report};
use crate::rules::Severity;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        out.push_str(&diagnostic(d));
    }
    for f in report.failures {
        out.push_str(&failure(f));
    }
    out
}

/// A finding's workflow command.
pub fn diagnostic(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\n\n");
        message.push_str(help);
    }
    message.push_str(&format!("\n\n(referat explain {})", d.rule));
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
        property(&d.path),
        d.line,
        d.column,
        d.end_line,
        d.end_column,
        property(&format!("referat {}", d.rule)),
        data(&message)
    )
}

/// The workflow command of a file that could not be checked.
pub fn failure(f: &Failure) -> String {
    format!(
        "::error file={},title={}::{}\n",
        property(&f.path),
        property("referat could not check this file"),
        data(&f.message)
    )
}

/// Escape a command's message.
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::data("50%\nx\r"), "50%25%0Ax%0D");
        assert_eq!(super::property("a,b: c%"), "a%2Cb%3A c%25");
    }
}
