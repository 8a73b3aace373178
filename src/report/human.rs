//! The default output: miette's graphical report with the source snippet, labelled spans
//! and help, one per finding.

use super::{Diagnostic, Failure, Summary};
use crate::catalogue::Lang;
use crate::rules::Severity;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

/// The document as miette reads it. miette 7.6's `line_count` for a snippet is the line
/// number where the snippet ends, not the number of lines in it, which makes it merge two
/// labels far apart into one snippet showing every line between them; this wrapper reports
/// the true count.
struct Document {
    name: String,
    text: String,
}

impl SourceCode for Document {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let data = inner.data();
        let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            *inner.span(),
            inner.line(),
            inner.column(),
            lines,
        )))
    }
}

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
    let source = std::sync::Arc::new(Document {
        name: name.to_string(),
        text: text.to_string(),
    });
    let mut out = String::new();
    for d in diagnostics {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(d.primary_label.clone().unwrap_or_else(|| d.message.clone())),
            (d.offset, d.length),
        )];
        labels.extend(
            d.labels
                .iter()
                .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), (l.offset, l.length))),
        );
        let mut diag = MietteDiagnostic::new(d.message.clone())
            .with_code(d.rule.clone())
            .with_severity(match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            })
            .with_labels(labels);
        let more = match (d.omitted_labels, style.lang) {
            (0, _) => None,
            (n, Lang::Da) => Some(format!("({n} steder mere er ikke vist.)")),
            (n, Lang::En) => Some(format!("({n} more places are not shown.)")),
        };
        let help = match (&d.help, more) {
            (Some(h), Some(m)) => Some(format!("{h} {m}")),
            (h, m) => h.clone().or(m),
        };
        if let Some(help) = help {
            diag = diag.with_help(help);
        }
        let report = miette::Report::new(diag).with_source_code(source.clone());
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
            Lang::Da => format!("fejl: {}: {}\n", f.path, f.message),
            Lang::En => format!("error: {}: {}\n", f.path, f.message),
        });
    }
    let files = summary.files;
    out.push_str(&match lang {
        Lang::Da => format!(
            "{files} {} kontrolleret: {} fejl, {} advarsler, {} bemærkninger{}\n",
            if files == 1 { "fil" } else { "filer" },
            summary.errors,
            summary.warnings,
            summary.infos,
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
