//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
//! the pull request's changed lines. Chosen automatically when `GITHUB_ACTIONS=true` and no
//! `--format` is given, as oxlint does.
//!
//! Escaping follows the workflow-commands documentation: in the message `%`, `\r` and `\n`
//! are percent-encoded; in properties also `:` and `,`.
//!
//! GitHub shows at most [`SHOWN_PER_SEVERITY`] annotations of each kind (error, warning,
//! notice) per step. Every finding is still printed (the log has them all); when more than
//! that exist, the command layer also writes every finding as Markdown tables to the step
//! summary (`$GITHUB_STEP_SUMMARY`, built here by [`step_summary_heading`],
//! [`step_summary_rows`] and [`step_summary_end`]), and the report ends with a `::notice`
//! saying how many GitHub leaves out ([`end`]). The last line is a plain summary.
//!
//! Nothing here reads the environment: the command layer passes the workspace-relative
//! names and whether a step summary is written.

use super::{Diagnostic, Failure, Report, Summary};
use crate::catalogue::Lang;
use crate::rules::Severity;
use std::path::{Component, Path};

/// Annotations of each kind GitHub shows per step.
pub const SHOWN_PER_SEVERITY: usize = 10;

/// The report whole, as `check` streams it without a workspace or step summary.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let mut counts = Counts::default();
    for d in report.diagnostics {
        out.push_str(&diagnostic(d));
        counts.add(d.severity);
    }
    for f in report.failures {
        out.push_str(&failure(f));
        counts.add(Severity::Error);
    }
    out.push_str(&end(
        report.summary,
        report.failures,
        counts,
        None,
        report.lang,
    ));
    out
}

/// A finding's workflow command, under its own path.
pub fn diagnostic(d: &Diagnostic) -> String {
    annotation(d, &d.path)
}

/// A finding's workflow command with `file` as its `file=` property.
pub fn annotation(d: &Diagnostic, file: &str) -> String {
    let command = kind(d.severity);
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\n\n");
        message.push_str(help);
    }
    message.push_str(&format!("\n\n(referat explain {})", d.rule));
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
        property(file),
        d.line,
        d.column,
        d.end_line,
        d.end_column,
        property(&format!("referat {}", d.rule)),
        data(&message)
    )
}

/// The workflow command of a file that could not be checked.
pub fn failure(f: &Failure) -> String {
    failure_at(f, &f.path)
}

/// The workflow command of a file that could not be checked, named `file`.
pub fn failure_at(f: &Failure, file: &str) -> String {
    format!(
        "::error file={},title={}::{}\n",
        property(file),
        property("referat could not check this file"),
        data(&f.message)
    )
}

fn kind(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Annotations written, by kind (a file that could not be checked is an error).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notices: usize,
}

impl Counts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.notices += 1,
        }
    }

    /// Annotations GitHub does not show.
    pub fn hidden(&self) -> usize {
        [self.errors, self.warnings, self.notices]
            .iter()
            .map(|n| n.saturating_sub(SHOWN_PER_SEVERITY))
            .sum()
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.notices
    }
}

/// Where the findings GitHub does not show can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllIn {
    /// The step summary (`$GITHUB_STEP_SUMMARY`) has them.
    StepSummary,
    /// Only the log (no step summary).
    Log,
}

/// What follows the annotations: when GitHub hides some, a `::notice` saying how many and
/// where they all are (`all_in`; `None` reads as [`AllIn::Log`]), then the summary line.
/// The notice counts against GitHub's notices too: after ten info findings it is in the log
/// only (the step summary still has every finding), not among the shown annotations.
pub fn end(
    summary: Summary,
    failures: &[Failure],
    counts: Counts,
    all_in: Option<AllIn>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let hidden = counts.hidden();
    if hidden > 0 {
        let total = counts.total();
        let shown = SHOWN_PER_SEVERITY;
        let text = match (lang, all_in.unwrap_or(AllIn::Log)) {
            (Lang::En, AllIn::StepSummary) => format!(
                "GitHub shows {shown} annotations of each severity per step: {hidden} of {total} are not shown here. All findings are in the step summary."
            ),
            (Lang::En, AllIn::Log) => format!(
                "GitHub shows {shown} annotations of each severity per step: {hidden} of {total} are not shown here. All findings are in the log; run with --format json for a report to keep."
            ),
            (Lang::Da, AllIn::StepSummary) => format!(
                "GitHub viser {shown} annotationer af hver alvorsgrad pr. trin: {hidden} af {total} vises ikke her. Alle fund står i trinnets opsummering (step summary)."
            ),
            (Lang::Da, AllIn::Log) => format!(
                "GitHub viser {shown} annotationer af hver alvorsgrad pr. trin: {hidden} af {total} vises ikke her. Alle fund står i loggen; kør med --format json for en rapport at gemme."
            ),
        };
        out.push_str(&format!(
            "::notice title={}::{}\n",
            property("referat"),
            data(&text)
        ));
    }
    out.push_str(&format!(
        "referat: {}\n",
        summary.text(failures.len(), lang)
    ));
    out
}

/// The name of `path` (absolute, canonical where it could be) relative to the workspace
/// `workspace` (absolute), with `/` between the parts: `None` outside it.
pub fn relative_to(path: &Path, workspace: &Path) -> Option<String> {
    let rest = path.strip_prefix(workspace).ok()?;
    let mut parts = Vec::new();
    for c in rest.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            // `..` after the prefix may leave the workspace: keep the name as given.
            _ => return None,
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("/"))
}

/// The step summary's heading (written once, before the first table).
pub fn step_summary_heading(lang: Lang) -> String {
    match lang {
        Lang::En => "## referat: all findings\n\n".to_string(),
        Lang::Da => "## referat: alle fund\n\n".to_string(),
    }
}

/// The table of one file's findings, `file` its name; `continued` when rows of the same file
/// were just written (no new header).
pub fn step_summary_rows(
    file: &str,
    diagnostics: &[Diagnostic],
    continued: bool,
    lang: Lang,
) -> String {
    let mut out = String::new();
    if !continued {
        out.push_str(&format!("### {}\n\n", cell(file)));
        out.push_str(match lang {
            Lang::En => "| Line | Column | Severity | Rule | Message |\n",
            Lang::Da => "| Linje | Kolonne | Alvor | Regel | Meddelelse |\n",
        });
        out.push_str("|---:|---:|---|---|---|\n");
    }
    for d in diagnostics {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            d.line,
            d.column,
            severity_name(d.severity, lang),
            cell(&d.rule),
            cell(&d.message)
        ));
    }
    out
}

/// After the tables: the files that could not be checked and the summary line. `tables`:
/// whether a table was written (a blank line closes it).
pub fn step_summary_end(
    summary: Summary,
    failures: &[Failure],
    tables: bool,
    lang: Lang,
) -> String {
    let mut out = String::new();
    if tables {
        out.push('\n');
    }
    if !failures.is_empty() {
        out.push_str(match lang {
            Lang::En => "### Could not be checked\n\n| File | Reason |\n|---|---|\n",
            Lang::Da => "### Kunne ikke kontrolleres\n\n| Fil | Årsag |\n|---|---|\n",
        });
        for f in failures {
            out.push_str(&format!("| {} | {} |\n", cell(&f.path), cell(&f.message)));
        }
        out.push('\n');
    }
    out.push_str(&cell(&summary.text(failures.len(), lang)));
    out.push_str("\n\n");
    out
}

fn severity_name(severity: Severity, lang: Lang) -> &'static str {
    match (lang, severity) {
        (Lang::En, s) => s.as_str(),
        (Lang::Da, Severity::Error) => "fejl",
        (Lang::Da, Severity::Warning) => "advarsel",
        (Lang::Da, Severity::Info) => "bemærkning",
    }
}

/// Text made safe for a Markdown table cell: no HTML (`<`, `>`, `&` become entities), no
/// cell break (`|`), no row break (line breaks become spaces), and no Markdown emphasis,
/// code or links from the document's text (their characters are backslash-escaped).
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(c, '\n' | '\r') {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Escape a command's message.
pub fn data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            // An ESC or a bidi control from a document would act on the log, not show in it.
            c if super::is_unprintable(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Escape a property value.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn escapes() {
        assert_eq!(super::data("50%\nx\r"), "50%25%0Ax%0D");
        assert_eq!(super::data("a\x1b[2Jb\u{202e}"), "a\\u{1b}[2Jb\\u{202e}");
        assert_eq!(super::property("a,b: c%"), "a%2Cb%3A c%25");
    }

    #[test]
    fn markdown_cells_hold_no_html_and_break_no_table() {
        assert_eq!(
            cell("<script>alert(1)</script> & \"Bo | Anna\"\r\nnæste\nlinje"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Bo &#124; Anna\" næste linje"
        );
        assert_eq!(cell("&lt;b&gt;"), "&amp;lt;b&amp;gt;");
        assert_eq!(
            cell("*fed* _kursiv_ `kode` [link](x) ![b](y) \\| ~slet~ #3"),
            "\\*fed\\* \\_kursiv\\_ \\`kode\\` \\[link\\](x) \\!\\[b\\](y) \\\\&#124; \\~slet\\~ \\#3"
        );
        assert_eq!(cell("\n tab\there \u{7}"), "tab here");
        // A row of cells: exactly the five separators of the header, whatever the text.
        let d = Diagnostic {
            path: "a|b.txt".into(),
            rule: "date/weekday-mismatch".into(),
            severity: Severity::Error,
            message: "a | b\n| c |".into(),
            line: 3,
            column: 7,
            offset: 0,
            length: 1,
            help: None,
            labels: Vec::new(),
            omitted_labels: 0,
            item: None,
            primary_label: None,
            end_line: 3,
            end_column: 8,
        };
        let table = step_summary_rows("a|b.txt", &[d], false, Lang::En);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "### a&#124;b.txt");
        assert_eq!(
            lines[4],
            "| 3 | 7 | error | date/weekday-mismatch | a &#124; b &#124; c &#124; |"
        );
        for row in &lines[2..] {
            assert_eq!(row.matches('|').count(), 6, "{row}");
        }
    }

    #[test]
    fn paths_relative_to_the_workspace() {
        let ws = Path::new("/home/runner/work/r/r");
        assert_eq!(
            relative_to(Path::new("/home/runner/work/r/r/referater/a b.txt"), ws).as_deref(),
            Some("referater/a b.txt")
        );
        assert_eq!(
            relative_to(Path::new("/home/runner/work/r/r/./x.txt"), ws).as_deref(),
            Some("x.txt")
        );
        assert_eq!(
            relative_to(Path::new("/home/runner/work/r/rr/x.txt"), ws),
            None
        );
        assert_eq!(relative_to(Path::new("/tmp/x.txt"), ws), None);
        assert_eq!(relative_to(ws, ws), None);
    }

    #[test]
    fn the_notice_counts_what_github_hides() {
        let counts = Counts {
            errors: 25,
            warnings: 3,
            notices: 12,
        };
        assert_eq!(counts.hidden(), 17);
        let summary = Summary {
            files: 2,
            errors: 24,
            warnings: 3,
            infos: 12,
        };
        let failures = [Failure {
            path: "x.pdf".into(),
            message: "not text".into(),
        }];
        let out = end(
            summary,
            &failures,
            counts,
            Some(AllIn::StepSummary),
            Lang::En,
        );
        assert_eq!(
            out,
            "::notice title=referat::GitHub shows 10 annotations of each severity per step: 17 of 40 are not shown here. All findings are in the step summary.\n\
             referat: 24 errors, 3 warnings, 12 infos in 2 files (1 could not be checked)\n"
        );
        let out = end(summary, &[], Counts::default(), None, Lang::Da);
        assert_eq!(
            out,
            "referat: 24 fejl, 3 advarsler, 12 bemærkninger i 2 filer\n"
        );
    }
}
