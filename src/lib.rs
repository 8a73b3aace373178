//! referat checks Danish municipal meeting minutes for contradictions.
//!
//! The data flows `source` (bytes → text) → `parse` (text → [`model::Minutes`]) → `rules`
//! (model → [`rules::Finding`]s) → `report` (findings → human or machine output).

pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod config;
pub mod fold;
pub mod lexicon;
pub mod model;
pub mod names;
pub mod parse;
pub mod report;
pub mod rules;
pub mod segment;
pub mod source;

use model::Minutes;
use rules::selection::Policy;
use rules::Finding;
use source::Source;

/// One checked document.
pub struct Checked {
    pub source: Source,
    pub minutes: Minutes,
    pub findings: Vec<Finding>,
    /// The name of the roster (`[[body]]`) the document was matched to, if any.
    pub body: Option<String>,
}

/// Parse and check one decoded document with every rule and no configuration.
pub fn check_source(source: Source) -> Checked {
    check_source_with(source, &config::Config::default(), &Policy::default())
}

/// `span` widened to the characters it touches, and kept inside `text`.
fn on_characters(text: &str, span: model::Span) -> model::Span {
    let start = fold::floor_char_boundary(text, span.offset.min(text.len()));
    let mut end = span.end().min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    model::Span::new(start, end - start)
}

/// Parse and check one decoded document under a configuration (its roster for the
/// document's body) and the file's rule policy (selection, tolerances). Findings of rules
/// the policy turns off are dropped here; severities are applied when reporting.
pub fn check_source_with(source: Source, config: &config::Config, policy: &Policy) -> Checked {
    let minutes = parse::parse_layout(
        &source.text,
        lexicon::lexicon(),
        parse::Options {
            section_texts: false,
        },
        policy.layout.as_deref(),
    );
    let roster = config.body_for(&minutes);
    let ctx = rules::Context {
        minutes: &minutes,
        roster,
        tolerance: &policy.tolerance,
    };
    let mut findings = rules::run(&ctx);
    // What the source saw but the text cannot show (a PDF without a text layer).
    for note in &source.notes {
        let mut finding = Finding::new(note.rule(), model::Span::new(0, 0));
        for (name, value) in note.args() {
            finding = finding.arg(name, value);
        }
        findings.push(finding);
    }
    findings.retain(|f| policy.severity(f.rule).is_some());
    // Every span a report quotes starts and ends on a character. A parser that joins lines
    // (a TOC entry wrapped over several) can be off by the whitespace it collapsed; that
    // must cost a character of precision, never a report that slices inside a character.
    for f in &mut findings {
        f.span = on_characters(&source.text, f.span);
        for l in &mut f.labels {
            l.span = on_characters(&source.text, l.span);
        }
    }
    let body = roster.map(|b| b.name.clone());
    Checked {
        source,
        minutes,
        findings,
        body,
    }
}

/// Check a catalogue example, with its `config` when it has one (a roster, say).
pub fn check_example(name: &str, example: &catalogue::Example) -> Checked {
    let config = match &example.config {
        Some(text) => config::Config::parse(
            std::path::Path::new("referat.toml"),
            text,
            std::path::PathBuf::from("."),
        )
        .unwrap_or_else(|e| panic!("{name}: example config: {e}")),
        None => config::Config::default(),
    };
    let source = source::from_bytes(name.to_string(), example.full_text().as_bytes())
        .expect("catalogue examples are text");
    check_source_with(source, &config, &Policy::default())
}

/// Convenience for tests and examples: check a text as if it were a file called `name`.
pub fn check_text(name: &str, text: &str) -> Checked {
    let source = source::from_bytes(name.to_string(), text.as_bytes())
        .unwrap_or_else(|_| Source::from_text(name, text));
    check_source(source)
}
