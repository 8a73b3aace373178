//! `check`'s report, written while the files are checked: each file's findings go out as soon
//! as the files before it in report order are done, so a run over a year of minutes holds a
//! batch of findings, not all of them. The bytes are those of the report built whole.

use crate::catalogue::Lang;
use crate::cli::Format;
use crate::report::json::JsonStream;
use crate::report::stats::Stats;
use crate::report::{self, Diagnostic, Failure, Report, Summary};
use crate::rules::Severity;
use std::io::Write;

/// Where the findings go.
enum Sink<W: Write> {
    /// Each file's human rendering, in the order of the inputs.
    Human(W),
    Json(JsonStream<W>),
    /// `concise` or `github`: a line per finding, then a line per failure.
    Lines {
        out: W,
        diagnostic: fn(&Diagnostic) -> String,
        failure: fn(&Failure) -> String,
    },
    /// SARIF and JUnit: built whole at the end (their headers count what follows).
    Whole {
        out: W,
        render: fn(&Report) -> String,
    },
}

pub struct ReportWriter<W: Write> {
    sink: Sink<W>,
    /// A write failed (stdout closed): the run goes on, nothing more is written.
    broken: bool,
    /// Keep every finding for the end and write them sorted then (SARIF and JUnit, or when a
    /// stale `[[allow]]` may sort in among the files' findings).
    hold: bool,
    held: Vec<Diagnostic>,
    /// The findings of the path being written: a file named twice is one path's findings.
    group: Vec<Diagnostic>,
    group_path: Option<String>,
}

impl<W: Write> ReportWriter<W> {
    /// `hold`: keep the sorted formats' findings for the end.
    pub fn new(format: Format, out: W, hold: bool) -> Self {
        let sink = match format {
            Format::Human => Sink::Human(out),
            Format::Json => Sink::Json(JsonStream::new(out)),
            Format::Concise => Sink::Lines {
                out,
                diagnostic: report::concise::diagnostic,
                failure: report::concise::failure,
            },
            Format::Github => Sink::Lines {
                out,
                diagnostic: report::github::diagnostic,
                failure: report::github::failure,
            },
            Format::Sarif => Sink::Whole {
                out,
                render: report::sarif::render,
            },
            Format::Junit => Sink::Whole {
                out,
                render: report::junit::render,
            },
            Format::Gitlab => Sink::Whole {
                out,
                render: report::gitlab::render,
            },
        };
        Self {
            hold: hold || matches!(sink, Sink::Whole { .. }),
            sink,
            broken: false,
            held: Vec::new(),
            group: Vec::new(),
            group_path: None,
        }
    }

    /// One file's findings (path order, except for human output: input order) and, for
    /// human output, their rendering.
    pub fn file(&mut self, path: String, diagnostics: Vec<Diagnostic>, rendered: &str) {
        if matches!(self.sink, Sink::Human(_)) {
            self.human(rendered);
        } else if self.hold {
            self.held.extend(diagnostics);
        } else {
            if self.group_path.as_ref() != Some(&path) {
                self.flush_group();
                self.group_path = Some(path);
            }
            self.group.extend(diagnostics);
        }
    }

    /// Human text as it is.
    pub fn human(&mut self, text: &str) {
        if let (Sink::Human(out), false) = (&mut self.sink, self.broken) {
            let written = out.write_all(text.as_bytes());
            self.written(written);
        }
    }

    /// Pass on what is buffered (the end of a batch).
    pub fn flush(&mut self) {
        if self.broken {
            return;
        }
        let written = match &mut self.sink {
            Sink::Human(out) | Sink::Lines { out, .. } => out.flush(),
            Sink::Json(stream) => stream.flush(),
            Sink::Whole { .. } => Ok(()),
        };
        self.written(written);
    }

    fn flush_group(&mut self) {
        let mut group = std::mem::take(&mut self.group);
        group.sort_by(|a, b| (a.offset, &a.rule).cmp(&(b.offset, &b.rule)));
        self.emit(&group);
    }

    /// Findings in report order to the streaming formats.
    fn emit(&mut self, diagnostics: &[Diagnostic]) {
        if self.broken {
            return;
        }
        let written = match &mut self.sink {
            Sink::Json(stream) => stream.diagnostics(diagnostics),
            Sink::Lines {
                out, diagnostic, ..
            } => diagnostics
                .iter()
                .try_for_each(|d| out.write_all(diagnostic(d).as_bytes())),
            Sink::Human(_) | Sink::Whole { .. } => Ok(()),
        };
        self.written(written);
    }

    fn written(&mut self, result: std::io::Result<()>) {
        self.broken |= result.is_err();
    }

    /// Everything after the findings: failures, summary and stats, each where its format
    /// puts it. `files` (the checked files, sorted) is only needed for JUnit.
    pub fn finish(
        mut self,
        summary: Summary,
        failures: &[Failure],
        stats: Option<&Stats>,
        files: &[report::CheckedFile],
        (fail_on, lang, summary_to_terminal): (Severity, Lang, bool),
    ) {
        self.flush_group();
        let mut held = std::mem::take(&mut self.held);
        held.sort_by(|a, b| (&a.path, a.offset, &a.rule).cmp(&(&b.path, b.offset, &b.rule)));
        self.emit(&held);
        let stats_text = stats.map(Stats::render);
        let mut stderr = std::io::stderr();
        // Errors writing the end of the report are as ignorable as those before it.
        let _ = match self.sink {
            _ if self.broken => Ok(()),
            Sink::Human(mut out) => {
                stats_to(&mut out, stats_text.as_deref()).and_then(|()| out.flush())
            }
            Sink::Json(stream) => stream.finish(summary, failures, stats).map(drop),
            Sink::Lines {
                mut out, failure, ..
            } => failures
                .iter()
                .try_for_each(|f| out.write_all(failure(f).as_bytes()))
                .and_then(|()| out.flush())
                .and_then(|()| stats_to(&mut stderr, stats_text.as_deref())),
            Sink::Whole { mut out, render } => {
                let whole = Report {
                    diagnostics: &held,
                    summary,
                    failures,
                    files,
                    fail_on,
                    lang,
                };
                out.write_all(render(&whole).as_bytes())
                    .and_then(|()| out.flush())
                    .and_then(|()| stats_to(&mut stderr, stats_text.as_deref()))
            }
        };
        if summary_to_terminal {
            // Failures and the summary go to stderr so that stdout holds only reports.
            let summary = report::human::render_summary(summary, failures, lang);
            let _ = stderr.write_all(summary.as_bytes());
        }
    }
}

fn stats_to(out: &mut impl Write, stats: Option<&str>) -> std::io::Result<()> {
    stats.map_or(Ok(()), |s| out.write_all(s.as_bytes()))
}
