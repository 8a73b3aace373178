//! `--format concise`: one line per finding, `path:line:col: severity rule message`, the
//! shape editors, grep and `sort` understand. Files that could not be checked are
//! `path: failure: reason`.

use super::{Diagnostic, Failure, Report};

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

/// A finding's line.
pub fn diagnostic(d: &Diagnostic) -> String {
    format!(
        "{}:{}:{}: {} {} {}\n",
        d.path,
        d.line,
        d.column,
        d.severity.as_str(),
        d.rule,
        one_line(&d.message)
    )
}

/// The line of a file that could not be checked.
pub fn failure(f: &Failure) -> String {
    format!("{}: failure: {}\n", f.path, one_line(&f.message))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
