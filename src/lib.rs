//! referat checks Danish municipal meeting minutes for contradictions.
//!
//! The data flows `source` (bytes → text) → `parse` (text → [`model::Minutes`]) → `rules`
//! (model → [`rules::Finding`]s) → `report` (findings → human or machine output).

pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod lexicon;
pub mod model;
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
    let mut findings = rules::run(&rules::Context { minutes: &minutes });
    // What the source saw but the text cannot show (a PDF without a text layer).
    for note in &source.notes {
        let mut finding = Finding::new(note.rule(), model::Span::new(0, 0));
        for (name, value) in note.args() {
            finding = finding.arg(name, value);
        }
        findings.push(finding);
    }
    Checked {
        source,
        minutes,
        findings,
    }
}

/// Convenience for tests and examples: check a text as if it were a file called `name`.
pub fn check_text(name: &str, text: &str) -> Checked {
    let source = source::from_bytes(name.to_string(), text.as_bytes())
        .unwrap_or_else(|_| Source::from_text(name, text));
    check_source(source)
}
