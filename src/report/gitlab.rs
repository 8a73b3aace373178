//! `--format gitlab`: GitLab Code Quality JSON, an array of issues that the merge request's
//! code quality widget compares with the target branch's. The comparison goes by
//! fingerprint, so a fingerprint names the finding, not its line: the rule, the file, the
//! message and which occurrence of that message in the file it is. A finding keeps its
//! fingerprint when text is added above it, and a fixed one disappears from the widget.

use super::{Diagnostic, Report};
use crate::rules::Severity;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The id a file that could not be read is reported under.
const FAILURE: &str = "referat/failure";

pub fn render(report: &Report) -> String {
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    let mut issues: Vec<Issue> = Vec::new();
    for d in report.diagnostics {
        let nth = seen.entry((&d.path, &d.rule, &d.message)).or_default();
        *nth += 1;
        issues.push(Issue {
            description: description(d),
            check_name: &d.rule,
            fingerprint: fingerprint(&[&d.rule, &d.path, &d.message, &nth.to_string()]),
            severity: severity(d.severity),
            location: Location {
                path: &d.path,
                lines: Lines {
                    begin: d.line.max(1),
                },
            },
        });
    }
    for f in report.failures {
        issues.push(Issue {
            description: f.message.clone(),
            check_name: FAILURE,
            fingerprint: fingerprint(&[FAILURE, &f.path, &f.message]),
            severity: "critical",
            location: Location {
                path: &f.path,
                lines: Lines { begin: 1 },
            },
        });
    }
    let mut out = serde_json::to_string_pretty(&issues).expect("issues serialize");
    out.push('\n');
    out
}

fn description(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{} ({help})", d.message),
        None => d.message.clone(),
    }
}

/// Code Quality's severities: an error blocks publication, a warning is likely a mistake.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// A stable hex digest of the parts (each ended by a NUL, so that no two lists collide).
fn fingerprint(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for p in parts {
        hash.update(p.as_bytes());
        hash.update([0]);
    }
    hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
