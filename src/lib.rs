//! referat checks Danish municipal meeting minutes for contradictions.
//!
//! The data flows `source` (bytes → text) → `parse` (text → [`model::Minutes`]) → `rules`
//! (model → [`rules::Finding`]s) → `report` (findings → human or machine output).

pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod lexicon;
pub mod model;
pub mod names;
pub mod parse;
pub mod report;
pub mod rules;
pub mod source;

use model::Minutes;
use rules::Finding;
use source::Source;

/// One checked document.
pub struct Checked {
    pub source: Source,
    pub minutes: Minutes,
    pub findings: Vec<Finding>,
}

/// Parse and check one decoded document.
pub fn check_source(source: Source) -> Checked {
    let minutes = parse::parse(&source.text);
    let findings = rules::run(&rules::Context { minutes: &minutes });
    Checked {
        source,
        minutes,
        findings,
    }
}

/// Convenience for tests and examples: check a text as if it were a file called `name`.
pub fn check_text(name: &str, text: &str) -> Checked {
    let source = source::from_bytes(name.to_string(), text.as_bytes()).unwrap_or_else(|_| Source {
        name: name.to_string(),
        text: text.to_string(),
        encoding: "UTF-8",
    });
    check_source(source)
}
