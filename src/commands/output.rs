//! `check`'s report, written while the files are checked: each file's findings go out as soon
//! as the files before it in report order are done, so a run over a year of minutes holds a
//! batch of findings, not all of them. The bytes are those of the report built whole.

use crate::catalogue::Lang;
use crate::cli::Format;
use crate::report::github::{self, AllIn, Counts};
use crate::report::json::JsonStream;
use crate::report::stats::Stats;
use crate::report::{self, Diagnostic, Failure, Report, Summary};
use crate::rules::Severity;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the findings go.
enum Sink<W: Write> {
    /// Each file's human rendering, in the order of the inputs.
    Human(W),
    Json(JsonStream<W>),
    /// `concise`: a line per finding, then a line per failure.
    Lines {
        out: W,
        diagnostic: fn(&Diagnostic) -> String,
        failure: fn(&Failure) -> String,
    },
    /// `github`: a workflow command per finding and failure, the step summary, the summary.
    Github(Box<GithubSink<W>>),
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
            Format::Github => Sink::Github(Box::new(GithubSink::new(out, GithubRun::default()))),
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

    /// How `--format github` runs (the workspace, the step summary, the language): no effect
    /// on other formats.
    pub fn github(mut self, run: GithubRun) -> Self {
        if let Sink::Github(sink) = &mut self.sink {
            sink.run = run;
        }
        self
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
            Sink::Github(sink) => sink.out.flush(),
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
            Sink::Github(sink) => sink.diagnostics(diagnostics),
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
        let stats_text = stats.map(|s| s.render_in(lang));
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
            Sink::Github(sink) => sink
                .finish(summary, failures)
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

/// What `--format github` needs to know of its run, read from the environment by `check`.
#[derive(Debug, Clone)]
pub struct GithubRun {
    /// `$GITHUB_WORKSPACE`, canonical: findings inside it are named relative to it.
    pub workspace: Option<PathBuf>,
    /// The folder referat runs in (relative paths are relative to it).
    pub cwd: Option<PathBuf>,
    /// `$GITHUB_STEP_SUMMARY`: where every finding goes when GitHub would hide some.
    pub step_summary: Option<PathBuf>,
    pub lang: Lang,
}

impl Default for GithubRun {
    fn default() -> Self {
        GithubRun {
            workspace: None,
            cwd: None,
            step_summary: None,
            lang: Lang::En,
        }
    }
}

impl GithubRun {
    /// From `GITHUB_WORKSPACE` and `GITHUB_STEP_SUMMARY` (unset or empty: none).
    pub fn from_env(lang: Lang) -> Self {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let cwd = std::env::current_dir().ok();
        let workspace = var("GITHUB_WORKSPACE").map(|w| {
            let w = match &cwd {
                Some(cwd) if w.is_relative() => cwd.join(w),
                _ => w,
            };
            std::fs::canonicalize(&w).unwrap_or(w)
        });
        GithubRun {
            workspace,
            cwd: cwd.map(|c| std::fs::canonicalize(&c).unwrap_or(c)),
            step_summary: var("GITHUB_STEP_SUMMARY"),
            lang,
        }
    }

    /// The `file=` of a path as reported: relative to the workspace with `/` when it lies
    /// inside it, else as given.
    pub fn file_name(&self, path: &str) -> String {
        let Some(workspace) = &self.workspace else {
            return path.to_string();
        };
        let given = Path::new(path);
        let absolute = if given.is_absolute() {
            given.to_path_buf()
        } else if let Some(cwd) = &self.cwd {
            cwd.join(given)
        } else {
            return path.to_string();
        };
        // A name that is no file (`--stdin-filename`) is taken as written.
        let absolute = std::fs::canonicalize(&absolute).unwrap_or(absolute);
        github::relative_to(&absolute, workspace).unwrap_or_else(|| path.to_string())
    }
}

/// `--format github` as it is written: the annotations to the report, and every finding to
/// the step summary once GitHub would hide one (until then, at most
/// [`github::SHOWN_PER_SEVERITY`] of each kind are held).
struct GithubSink<W: Write> {
    out: W,
    run: GithubRun,
    counts: Counts,
    /// The last path named, and its `file=` (a file's findings come together).
    last_name: Option<(String, String)>,
    /// Step summary Markdown not written yet (from the heading on).
    pending: String,
    /// The step summary, open once GitHub hides an annotation.
    summary_file: Option<std::io::BufWriter<std::fs::File>>,
    /// The step summary could not be written (said once on stderr).
    summary_failed: bool,
    /// The file whose table was written last.
    last_table: Option<String>,
}

impl<W: Write> GithubSink<W> {
    fn new(out: W, run: GithubRun) -> Self {
        GithubSink {
            out,
            run,
            counts: Counts::default(),
            last_name: None,
            pending: String::new(),
            summary_file: None,
            summary_failed: false,
            last_table: None,
        }
    }

    fn name(&mut self, path: &str) -> String {
        match &self.last_name {
            Some((p, name)) if p == path => name.clone(),
            _ => {
                let name = self.run.file_name(path);
                self.last_name = Some((path.to_string(), name.clone()));
                name
            }
        }
    }

    fn diagnostics(&mut self, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
        let step_summary = self.run.step_summary.is_some();
        for same in diagnostics.chunk_by(|a, b| a.path == b.path) {
            let name = self.name(&same[0].path);
            for d in same {
                self.out
                    .write_all(github::annotation(d, &name).as_bytes())?;
                self.counts.add(d.severity);
            }
            if step_summary {
                let continued = self.last_table.as_ref() == Some(&name);
                let rows = github::step_summary_rows(&name, same, continued, self.run.lang);
                self.last_table = Some(name);
                self.write_summary(&rows);
            }
        }
        Ok(())
    }

    /// Markdown for the step summary: held while GitHub shows every annotation, written
    /// (with what was held) from the first it hides.
    fn write_summary(&mut self, markdown: &str) {
        if self.summary_failed {
            return;
        }
        if self.pending.is_empty() && self.summary_file.is_none() {
            self.pending = github::step_summary_heading(self.run.lang);
        }
        self.pending.push_str(markdown);
        if self.summary_file.is_none() && self.counts.hidden() == 0 {
            return;
        }
        let Some(path) = self.run.step_summary.clone() else {
            return;
        };
        if self.summary_file.is_none() {
            match std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
            {
                Ok(f) => self.summary_file = Some(std::io::BufWriter::new(f)),
                Err(e) => return self.summary_failed(&path, &e),
            }
        }
        let pending = std::mem::take(&mut self.pending);
        let file = self.summary_file.as_mut().expect("opened above");
        if let Err(e) = file.write_all(pending.as_bytes()) {
            self.summary_failed(&path, &e);
        }
    }

    fn summary_failed(&mut self, path: &Path, e: &std::io::Error) {
        eprintln!(
            "warning: {}: cannot write the step summary (GITHUB_STEP_SUMMARY): {e}",
            path.display()
        );
        self.summary_failed = true;
        self.summary_file = None;
        self.pending.clear();
    }

    fn finish(mut self, summary: Summary, failures: &[Failure]) -> std::io::Result<()> {
        for f in failures {
            let name = self.name(&f.path);
            self.out
                .write_all(github::failure_at(f, &name).as_bytes())?;
            self.counts.add(Severity::Error);
        }
        let lang = self.run.lang;
        let mut all_in = AllIn::Log;
        if self.run.step_summary.is_some() && self.counts.hidden() > 0 {
            let tables = self.last_table.is_some();
            self.write_summary(&github::step_summary_end(summary, failures, tables, lang));
            if let Some(mut file) = self.summary_file.take() {
                match file.flush() {
                    Ok(()) => all_in = AllIn::StepSummary,
                    Err(e) => {
                        let path = self.run.step_summary.clone().unwrap_or_default();
                        self.summary_failed(&path, &e);
                    }
                }
            }
        }
        let end = github::end(summary, failures, self.counts, Some(all_in), lang);
        self.out.write_all(end.as_bytes())?;
        self.out.flush()
    }
}
