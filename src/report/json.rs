//! `--format json`: the contract in DESIGN.md ("Contracts"). Other tools are built against
//! it: add fields freely, rename none.

use super::{Diagnostic, Failure, Summary};
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: &'a [Diagnostic],
    summary: Summary,
    failures: &'a [Failure],
}

pub fn render(diagnostics: &[Diagnostic], summary: Summary, failures: &[Failure]) -> String {
    let out = Output {
        version: 1,
        diagnostics,
        summary,
        failures,
    };
    let mut s = serde_json::to_string_pretty(&out).expect("diagnostics serialize");
    s.push('\n');
    s
}
