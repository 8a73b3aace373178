//! The default output: miette's graphical report with the source snippet, labelled spans
//! and help, one per finding.

use super::{Diagnostic, Failure, Summary};
use crate::catalogue::Lang;
use crate::rules::Severity;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

/// The document as miette reads it. Three things are put right here:
/// - miette 7.6 scans the whole text from its start for every snippet (quadratic in a long
///   document with many findings): each read goes to a window of the lines around the span,
///   found in a line index;
/// - its `line_count` is the line number where the snippet ends, not the number of lines in
///   it, which makes it merge two labels far apart into one snippet showing every line
///   between them: the true count is given;
/// - its column counts bytes: the column given counts characters, as every other format does.
struct Document {
    name: String,
    /// The text with control characters made visible, byte for byte ([`visible`]).
    text: String,
    lines: super::LineIndex,
}

impl Document {
    fn new(name: &str, text: &str) -> Self {
        let text = visible(text).into_owned();
        Document {
            name: super::printable(name).into_owned(),
            lines: super::LineIndex::new(&text),
            text,
        }
    }
}

impl SourceCode for Document {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let offset = span.offset().min(self.text.len());
        let end = (offset + span.len()).min(self.text.len());
        let first = self.lines.line_of(offset);
        let last = self.lines.line_of(end);
        // A line more on each side than miette asks for, so that its own scan ends as it
        // would on the whole text.
        let from_line = first.saturating_sub(before + 1);
        let window_start = self.lines.start_of(from_line);
        let window_end = self.lines.start_of(last + after + 2).min(self.text.len());
        let window = &self.text[window_start..window_end];
        let inner_span = SourceSpan::from((offset - window_start, end - offset));
        let inner = window.read_span(&inner_span, before, after)?;
        let data = inner.data();
        let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
        let data_start = window_start + inner.span().offset();
        let column = if before == 0 {
            self.lines.line_col(&self.text, offset).1 - 1
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            SourceSpan::from((data_start, inner.span().len())),
            from_line + inner.line(),
            column,
            lines,
        )))
    }
}

/// Document text with every control character but line break and tab, and every bidi
/// control, replaced by a visible mark of the same length in bytes (so that spans still
/// point where they did): an ESC from a document must not reach the terminal.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(super::is_unprintable) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !super::is_unprintable(c) {
            out.push(c);
        } else {
            match c.len_utf8() {
                1 => out.push('?'),
                2 => out.push('¤'),
                _ => out.push('\u{FFFD}'),
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Lines longer than this are not drawn as a snippet: a label far out on a 72 KB line is past
/// what miette can pad to (and no terminal shows it); the finding gives its line and column.
const MAX_SNIPPET_LINE: usize = 2_000;

pub struct Style {
    pub color: bool,
    pub width: usize,
    pub lang: Lang,
}

/// Render every diagnostic of one file.
pub fn render_file(name: &str, text: &str, diagnostics: &[Diagnostic], style: &Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let source = std::sync::Arc::new(Document::new(name, text));
    let mut out = String::new();
    for d in diagnostics {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(super::printable(d.primary_label.as_deref().unwrap_or(&d.message)).into_owned()),
            (d.offset, d.length),
        )];
        labels.extend(d.labels.iter().map(|l| {
            LabeledSpan::new_with_span(
                Some(super::printable(&l.message).into_owned()),
                (l.offset, l.length),
            )
        }));
        let drawable = labels
            .iter()
            .all(|l| source.lines.line_length_around(&source.text, l.offset()) <= MAX_SNIPPET_LINE);
        let mut diag = MietteDiagnostic::new(super::printable(&d.message).into_owned())
            .with_code(d.rule.clone())
            .with_severity(match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            });
        let more = match (d.omitted_labels, style.lang) {
            (0, _) => None,
            (n, Lang::Da) => Some(format!("({n} steder mere er ikke vist.)")),
            (n, Lang::En) => Some(format!("({n} more places are not shown.)")),
        };
        let at = (!drawable).then(|| match style.lang {
            Lang::Da => format!(
                "({}, linje {}, kolonne {}: linjen er for lang til at blive vist.)",
                source.name, d.line, d.column
            ),
            Lang::En => format!(
                "({}, line {}, column {}: the line is too long to show.)",
                source.name, d.line, d.column
            ),
        });
        let help = [
            d.help.as_deref().map(super::printable),
            more.map(Into::into),
            at.map(Into::into),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        if !help.is_empty() {
            diag = diag.with_help(help);
        }
        let report = if drawable {
            miette::Report::new(diag.with_labels(labels)).with_source_code(source.clone())
        } else {
            miette::Report::new(diag)
        };
        let _ = handler.render_report(&mut out, report.as_ref());
        out.push('\n');
    }
    out
}

/// The closing summary line.
pub fn render_summary(summary: Summary, failures: &[Failure], lang: Lang) -> String {
    let mut out = String::new();
    for f in failures {
        out.push_str(&match lang {
            Lang::Da => format!(
                "fejl: {}: {}\n",
                super::printable(&f.path),
                super::printable(&f.message)
            ),
            Lang::En => format!(
                "error: {}: {}\n",
                super::printable(&f.path),
                super::printable(&f.message)
            ),
        });
    }
    let files = summary.files;
    out.push_str(&match lang {
        Lang::Da => format!(
            "{files} {} kontrolleret: {} fejl, {} {}, {} {}{}\n",
            if files == 1 { "fil" } else { "filer" },
            summary.errors,
            summary.warnings,
            if summary.warnings == 1 {
                "advarsel"
            } else {
                "advarsler"
            },
            summary.infos,
            if summary.infos == 1 {
                "bemærkning"
            } else {
                "bemærkninger"
            },
            if failures.is_empty() {
                String::new()
            } else {
                format!(", {} kunne ikke læses", failures.len())
            }
        ),
        Lang::En => format!(
            "{files} {} checked: {} {}, {} {}, {} {}{}\n",
            if files == 1 { "file" } else { "files" },
            summary.errors,
            if summary.errors == 1 {
                "error"
            } else {
                "errors"
            },
            summary.warnings,
            if summary.warnings == 1 {
                "warning"
            } else {
                "warnings"
            },
            summary.infos,
            if summary.infos == 1 { "info" } else { "infos" },
            if failures.is_empty() {
                String::new()
            } else {
                format!(", {} could not be read", failures.len())
            }
        ),
    });
    out
}
