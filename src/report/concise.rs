//! `--format concise`: one line per finding, `path:line:col: severity rule message`, the
//! shape editors, grep and `sort` understand. Files that could not be checked are
//! `path: failure: reason`.

use super::{printable, Diagnostic, Failure, Report};

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

/// A finding's line, its message on one line.
pub fn diagnostic(d: &Diagnostic) -> String {
    line(d, &printable(&one_line(&d.message)))
}

/// `path:line:col: severity rule message` with the message as given (JUnit keeps its line
/// breaks).
pub fn line(d: &Diagnostic, message: &str) -> String {
    format!(
        "{}:{}:{}: {} {} {message}\n",
        printable(&d.path),
        d.line,
        d.column,
        d.severity.as_str(),
        d.rule,
    )
}

/// The line of a file that could not be checked.
pub fn failure(f: &Failure) -> String {
    format!(
        "{}: failure: {}\n",
        printable(&f.path),
        printable(&one_line(&f.message))
    )
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
