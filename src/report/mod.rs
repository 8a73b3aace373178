//! Rendering findings. [`Diagnostic`] is a finding resolved against its source and the
//! catalogue (message in the chosen language, line and column); each output format is a thin
//! serializer of diagnostics.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod stats;

use crate::catalogue::{self, Lang};
use crate::model::Span;
use crate::rules::{Finding, Severity};
use serde::Serialize;
use std::collections::HashMap;

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
    /// Labels left out beyond the first [`crate::rules::MAX_LABELS`] (a column total over
    /// 100,000 rows does not need 100,000 labels). Absent from JSON when none were.
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted_labels: usize,
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

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything a renderer may need about one run.
pub struct Report<'a> {
    /// Every diagnostic, sorted by path, then offset.
    pub diagnostics: &'a [Diagnostic],
    pub summary: Summary,
    pub failures: &'a [Failure],
    /// Every file that was checked, in order (for formats with one entry per file).
    pub files: &'a [CheckedFile],
    /// The least severity that fails the run: error, or warning with `--deny warnings`.
    pub fail_on: Severity,
    /// The language of the texts the format adds itself (JUnit's failure messages).
    pub lang: crate::catalogue::Lang,
}

/// A file that was checked, and how long its check took.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedFile {
    pub path: String,
    pub seconds: f64,
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
    /// For long lines (a PDF paragraph, a file without line breaks), checkpoints every
    /// [`MARK_EVERY`] bytes: (byte offset, characters before it on the line). Without them,
    /// every finding on a 10 MB line counted the line's characters again.
    marks: std::sync::Mutex<HashMap<usize, Vec<(usize, usize)>>>,
}

const MARK_EVERY: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            marks: Default::default(),
        }
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|s| *s <= offset) - 1;
        let start = self.starts[line];
        let end = crate::fold::floor_char_boundary(text, offset);
        let (mut from, mut col) = (start, 0);
        if end - start > MARK_EVERY {
            let line_end = self.starts.get(line + 1).map_or(text.len(), |s| s - 1);
            let mut marks = self.marks.lock().unwrap_or_else(|e| e.into_inner());
            let marks = marks
                .entry(line)
                .or_insert_with(|| line_marks(&text[start..line_end], start));
            let k = marks.partition_point(|(at, _)| *at <= end);
            if k > 0 {
                (from, col) = marks[k - 1];
            }
        }
        (line + 1, col + text[from..end].chars().count() + 1)
    }
}

impl LineIndex {
    /// The 0-based line an offset lies on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|s| *s <= offset) - 1
    }
    /// Where a 0-based line starts (the text's end for lines past it).
    pub fn start_of(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(usize::MAX)
    }
    /// The length in bytes of the line an offset lies on.
    pub fn line_length_around(&self, text: &str, offset: usize) -> usize {
        let line = self.line_of(offset.min(text.len()));
        let end = self.starts.get(line + 1).map_or(text.len(), |s| s - 1);
        end - self.starts[line]
    }
}

/// A character a terminal or a CI log would act on instead of showing: control characters
/// (but line break and tab) and the bidi controls that reorder what follows.
pub fn is_unprintable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Text for a one-line report (a path, a message): line breaks, tabs, control and bidi
/// characters shown escaped (`\n`, `\u{1b}`), so that a file named `x\n::error …` cannot
/// start a line of its own in a CI log.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| is_unprintable(c) || matches!(c, '\n' | '\t'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unprintable(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Checkpoints of one line that starts at byte `start`: see [`LineIndex::marks`].
fn line_marks(line: &str, start: usize) -> Vec<(usize, usize)> {
    let mut marks = Vec::new();
    let mut next = MARK_EVERY;
    for (chars, (i, _)) in line.char_indices().enumerate() {
        if i >= next {
            marks.push((start + i, chars));
            next = i + MARK_EVERY;
        }
    }
    marks
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
    // Most documents in a publishing pipeline are clean: no line index for them.
    if findings.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    let mut out: Vec<Diagnostic> = findings
        .iter()
        .filter_map(|f| {
            let doc = catalogue::head(f.rule)?;
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
                omitted_labels: f.omitted_labels,
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

    /// The counts as one line, e.g. "3 errors, 2 warnings, 0 infos in 4 files (1 could not
    /// be checked)", or in Danish "3 fejl, 2 advarsler, 0 bemærkninger i 4 filer (1 kunne
    /// ikke kontrolleres)". `failed`: the files that could not be checked.
    pub fn text(&self, failed: usize, lang: Lang) -> String {
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let (counts, files, failures) = match lang {
            Lang::En => (
                [
                    n(self.errors, "error", "errors"),
                    n(self.warnings, "warning", "warnings"),
                    n(self.infos, "info", "infos"),
                ],
                format!("in {}", n(self.files, "file", "files")),
                format!("({failed} could not be checked)"),
            ),
            Lang::Da => (
                [
                    n(self.errors, "fejl", "fejl"),
                    n(self.warnings, "advarsel", "advarsler"),
                    n(self.infos, "bemærkning", "bemærkninger"),
                ],
                format!("i {}", n(self.files, "fil", "filer")),
                format!("({failed} kunne ikke kontrolleres)"),
            ),
        };
        let mut out = format!("{} {files}", counts.join(", "));
        if failed > 0 {
            out.push(' ');
            out.push_str(&failures);
        }
        out
    }
}

#[cfg(test)]
mod summary_tests {
    use super::{Lang, Summary};

    #[test]
    fn summary_text_counts_in_both_languages() {
        let one = Summary {
            files: 1,
            errors: 1,
            warnings: 1,
            infos: 1,
        };
        assert_eq!(
            one.text(0, Lang::En),
            "1 error, 1 warning, 1 info in 1 file"
        );
        assert_eq!(
            one.text(0, Lang::Da),
            "1 fejl, 1 advarsel, 1 bemærkning i 1 fil"
        );
        let many = Summary {
            files: 4,
            errors: 3,
            warnings: 2,
            infos: 0,
        };
        assert_eq!(
            many.text(1, Lang::En),
            "3 errors, 2 warnings, 0 infos in 4 files (1 could not be checked)"
        );
        assert_eq!(
            many.text(2, Lang::Da),
            "3 fejl, 2 advarsler, 0 bemærkninger i 4 filer (2 kunne ikke kontrolleres)"
        );
    }
}

#[cfg(test)]
mod line_index_tests {
    use super::LineIndex;

    fn naive(text: &str, offset: usize) -> (usize, usize) {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        )
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        let long: String = "Æble og ø, ".repeat(3000); // multi-byte, 40 KB on one line
        let text = format!("første linje\n{long}\nkort\n{long}");
        let index = LineIndex::new(&text);
        // Out of order, across checkpoints, inside characters and past the end.
        let mut offsets: Vec<usize> = (0..text.len() + 3).step_by(997).collect();
        offsets.reverse();
        offsets.extend([0, 13, 14, 4096 + 14, 4097 + 14, text.len()]);
        for offset in offsets {
            assert_eq!(
                index.line_col(&text, offset),
                naive(&text, offset),
                "{offset}"
            );
        }
    }
}
