//! Rendering findings. [`Diagnostic`] is a finding resolved against its source and the
//! catalogue (message in the chosen language, line and column); each output format is a thin
//! serializer of diagnostics.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod stats;

use crate::catalogue::{self, Lang};
use crate::model::Span;
use crate::rules::{Finding, Severity};
use serde::Serialize;

/// A finding ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub length: usize,
    pub help: Option<String>,
    pub labels: Vec<DiagnosticLabel>,
    /// The agenda item the finding belongs to, when it belongs to one.
    pub item: Option<u32>,
    /// Text of the primary label (shown under the primary span in human output).
    #[serde(skip)]
    pub primary_label: Option<String>,
    /// Where the primary span ends (1-based; the column is exclusive), for SARIF and GitHub.
    #[serde(skip)]
    pub end_line: usize,
    #[serde(skip)]
    pub end_column: usize,
}

/// Everything a renderer may need about one run.
pub struct Report<'a> {
    /// Every diagnostic, sorted by path, then offset.
    pub diagnostics: &'a [Diagnostic],
    pub summary: Summary,
    pub failures: &'a [Failure],
    /// Every file that was checked, in order (for formats with one entry per file).
    pub files: &'a [String],
    /// The least severity that fails the run: error, or warning with `--deny warnings`.
    pub fail_on: Severity,
}

impl Report<'_> {
    /// The diagnostics of one file (they are sorted by path).
    pub fn of_file(&self, path: &str) -> &[Diagnostic] {
        let start = self.diagnostics.partition_point(|d| d.path.as_str() < path);
        let end = self
            .diagnostics
            .partition_point(|d| d.path.as_str() <= path);
        &self.diagnostics[start..end]
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DiagnosticLabel {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub length: usize,
    pub message: String,
}

/// A file that could not be checked at all.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub path: String,
    pub message: String,
}

/// 1-based line and column (in characters) of a byte offset. Offsets past the end or inside
/// a character are clamped.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|s| *s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        (line + 1, text[start..end].chars().count() + 1)
    }
}

/// Resolve findings for one source: severity and message from the catalogue, positions from
/// the text. The result is sorted by offset, then rule.
pub fn resolve(
    path: &str,
    text: &str,
    findings: &[Finding],
    lang: Lang,
    severity_of: &dyn Fn(&str) -> Option<Severity>,
) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    let mut out: Vec<Diagnostic> = findings
        .iter()
        .filter_map(|f| {
            let doc = catalogue::rule(f.rule)?;
            let severity = severity_of(f.rule)?;
            let span = clamp(f.span, text);
            let (line, column) = index.line_col(text, span.offset);
            let (end_line, end_column) = index.line_col(text, span.end());
            let mut help = doc.help.as_ref().map(|h| h.render(lang, &f.args));
            if let Some(note) = &f.note {
                let note = pick(lang, &note.da, &note.en).to_string();
                help = Some(match help {
                    Some(h) => format!("{h} {note}"),
                    None => note,
                });
            }
            let labels = f
                .labels
                .iter()
                .map(|l| {
                    let span = clamp(l.span, text);
                    let (line, column) = index.line_col(text, span.offset);
                    DiagnosticLabel {
                        line,
                        column,
                        offset: span.offset,
                        length: span.length,
                        message: pick(lang, &l.text.da, &l.text.en).to_string(),
                    }
                })
                .collect();
            Some(Diagnostic {
                path: path.to_string(),
                rule: f.rule.to_string(),
                severity,
                message: doc.message.render(lang, &f.args),
                line,
                column,
                offset: span.offset,
                length: span.length,
                help,
                labels,
                item: f.item,
                primary_label: f
                    .primary_label
                    .as_ref()
                    .map(|b| pick(lang, &b.da, &b.en).to_string()),
                end_line,
                end_column,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.offset, &a.rule, a.length).cmp(&(b.offset, &b.rule, b.length)));
    out
}

fn pick<'a>(lang: Lang, da: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

fn clamp(span: Span, text: &str) -> Span {
    let offset = span.offset.min(text.len());
    let length = span.length.min(text.len() - offset);
    Span::new(offset, length)
}

/// Counts per severity.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}
