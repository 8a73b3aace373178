//! `--format json`: the contract in DESIGN.md ("Contracts"). Other tools are built against
//! it: add fields freely, rename none.

use super::stats::Stats;
use super::{Diagnostic, Failure, Summary};
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: &'a [Diagnostic],
    summary: Summary,
    failures: &'a [Failure],
    /// Only with `--stats`.
    #[serde(skip_serializing_if = "Option::is_none")]
    stats: Option<&'a Stats>,
}

pub fn render(diagnostics: &[Diagnostic], summary: Summary, failures: &[Failure]) -> String {
    render_with_stats(diagnostics, summary, failures, None)
}

pub fn render_with_stats(
    diagnostics: &[Diagnostic],
    summary: Summary,
    failures: &[Failure],
    stats: Option<&Stats>,
) -> String {
    let out = Output {
        version: 1,
        diagnostics,
        summary,
        failures,
        stats,
    };
    let mut s = serde_json::to_string_pretty(&out).expect("diagnostics serialize");
    s.push('\n');
    s
}
