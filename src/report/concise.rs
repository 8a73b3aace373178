//! `--format concise`: one line per finding, `path:line:col: severity rule message`, the
//! shape editors, grep and `sort` understand. Files that could not be checked are
//! `path: failure: reason`.

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        out.push_str(&format!(
            "{}:{}:{}: {} {} {}\n",
            d.path,
            d.line,
            d.column,
            d.severity.as_str(),
            d.rule,
            one_line(&d.message)
        ));
    }
    for f in report.failures {
        out.push_str(&format!("{}: failure: {}\n", f.path, one_line(&f.message)));
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
