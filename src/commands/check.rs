//! `referat check`: find the inputs and their configuration, check the files in parallel,
//! apply selection, severities and suppressions, and render one report in a deterministic
//! order whatever the number of threads.

use super::output::{GithubRun, ReportWriter};
use super::{collect_inputs, display, terminal_width, EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE};
use crate::catalogue::Lang;
use crate::cli::{CheckArgs, ColorChoice, Format};
use crate::config::{Config, ConfigError, RuleSettings};
use crate::report::stats::{Coverage, FileCoverage, Stats};
use crate::report::{self, Diagnostic, Failure, Summary};
use crate::rules::selection::{Level, Selector};
use crate::rules::Severity;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The id under which a stale `[[allow]]` entry is reported. It is not a rule about minutes
/// (no document can trigger it), so it has no catalogue entry.
pub const UNUSED_ALLOW: &str = "config/unused-allow";

/// What checking one file produced.
struct Outcome {
    diagnostics: Vec<Diagnostic>,
    failure: Option<Failure>,
    coverage: Coverage,
    /// How the file was read (for `--stats`).
    file: Option<FileCoverage>,
    /// Index of the configuration used, and the `[[allow]]` entries that silenced something.
    config: usize,
    used_allows: Vec<usize>,
    /// The file's path relative to its configuration's folder.
    relative: String,
    /// Human output, rendered on the worker thread.
    rendered: String,
    /// How long reading and checking the file took.
    seconds: f64,
}

/// What a checked file tells about the `[[allow]]` entries: kept for every file when there
/// are any, to find the stale ones at the end.
struct AllowUse {
    config: usize,
    used: Vec<usize>,
    checked: bool,
    relative: String,
}

pub fn check(args: CheckArgs) -> u8 {
    let lang = args.lang.resolve();
    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Human
        }
    });
    let stderr_color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && args.color != ColorChoice::Never;
    let mut out = match report_output(args.output_file.as_deref()) {
        Ok(out) => Some(out),
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_TROUBLE;
        }
    };
    let take_out =
        |out: &mut Option<Box<dyn Write>>| out.take().expect("the report is opened once");
    let cli = match cli_settings(&args) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("error: {message}");
            return run_failed(format, take_out(&mut out), "<command line>", &message, lang);
        }
    };
    let exclude = match exclusions(&args.exclude) {
        Ok(set) => set,
        Err(message) => {
            eprintln!("error: {message}");
            return run_failed(format, take_out(&mut out), "<command line>", &message, lang);
        }
    };
    if let Some(n) = args.threads {
        // Fails only when the pool already exists (a second call in tests): harmless.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut failures = Vec::new();
    let walk = super::WalkOptions {
        hidden: args.hidden,
        no_ignore: args.no_ignore,
    };
    let (files, skipped) = collect_inputs(&paths, &exclude, walk, &mut failures);
    let (configs, assigned) = match configurations(&args, &files) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", e.render(stderr_color));
            let mut message = e.message.clone();
            if !e.label.is_empty() && !message.contains(&e.label) {
                message = format!("{message}: {}", e.label);
            }
            if let Some(help) = &e.help {
                message = format!("{message} ({help})");
            }
            return run_failed(format, take_out(&mut out), e.src.name(), &message, lang);
        }
    };
    // `exclude` in a referat.toml leaves walked files out; a file named on the command line
    // is checked all the same (as with --exclude).
    let (files, assigned): (Vec<PathBuf>, Vec<usize>) = files
        .into_iter()
        .zip(assigned)
        .filter(|(f, i)| paths.contains(f) || !configs[*i].excludes(f))
        .unzip();
    if args.show_settings {
        let text = show_settings(&files, &configs, &assigned, &cli);
        let written = take_out(&mut out).write_all(text.as_bytes());
        return if written.is_ok() && failures.is_empty() {
            EXIT_OK
        } else {
            for f in &failures {
                eprintln!("error: {}: {}", f.path, f.message);
            }
            EXIT_TROUBLE
        };
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output_file.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let style = report::human::Style {
        color,
        width: terminal_width(),
        lang,
    };

    let deny = args.deny.is_some() || configs.iter().any(|c| c.deny_warnings);
    let fail_on = if deny {
        Severity::Warning
    } else {
        Severity::Error
    };
    // Human output follows the order of the inputs; the other formats sort by path.
    let mut order: Vec<usize> = (0..files.len()).collect();
    if format != Format::Human {
        order.sort_by_cached_key(|&i| input_name(&files[i], args.stdin_filename.as_deref()));
    }
    let any_allows = configs.iter().any(|c| !c.allows.is_empty());
    let mut writer = ReportWriter::new(
        format,
        std::io::BufWriter::new(take_out(&mut out)),
        // A stale `[[allow]]` is known only once every file is checked, and its finding
        // sorts among the files' findings by the path of its referat.toml.
        any_allows,
    )
    .github(github_run(format, lang));
    let mut run = Tally {
        failures,
        stats: args.stats.then(|| Stats::new(&[], Coverage::default())),
        keep_allow_uses: any_allows,
        keep_file_names: format == Format::Junit,
        ..Tally::default()
    };

    // Files are checked in parallel a batch at a time and written in order as each batch
    // ends: memory holds one batch's findings, not the run's.
    let progress = Progress::new(files.len(), format == Format::Human && !args.quiet);
    let names: Vec<String> = files
        .iter()
        .map(|f| input_name(f, args.stdin_filename.as_deref()))
        .collect();
    let min_severity = args.min_severity.map_or(Severity::Info, |m| m.severity());
    let job = Job {
        cli: &cli,
        lang,
        max_file_size: args.max_file_size,
        input_format: args.input_format,
        human: (format == Format::Human).then_some(&style),
        min_severity,
        stdin_name: args.stdin_filename.as_deref(),
    };
    let batch = 256 * rayon::current_num_threads();
    for chunk in order.chunks(batch) {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|&i| {
                let config = assigned[i];
                let outcome = check_one((&files[i], &names[i]), config, &configs[config], &job);
                progress.tick();
                outcome
            })
            .collect();
        // The batch's findings reach the terminal in one go, with the progress bar off it.
        progress.suspend(|| {
            for (mut o, &i) in outcomes.into_iter().zip(chunk) {
                let path = names[i].clone();
                run.add(&mut o, &path);
                writer.file(path, o.diagnostics, &o.rendered);
            }
            writer.flush();
        });
    }
    progress.finish();

    for (config, diagnostic) in stale_allows(&configs, &run.allow_uses, lang)
        .into_iter()
        .filter(|(_, d)| d.severity >= min_severity)
    {
        if format == Format::Human {
            writer.human(&report::human::render_file(
                &diagnostic.path,
                &configs[config].text,
                std::slice::from_ref(&diagnostic),
                &style,
            ));
        }
        run.count(std::slice::from_ref(&diagnostic));
        writer.file(diagnostic.path.clone(), vec![diagnostic], "");
    }
    run.failures.sort_by(|a, b| a.path.cmp(&b.path));
    run.file_names.sort_by(|a, b| a.path.cmp(&b.path));
    let stats = run.stats.map(|mut s| {
        s.coverage = run.coverage;
        s
    });
    // The summary reaches the terminal with human output, and with a report written to a
    // file, unless asked for the findings only.
    let summary_to_terminal =
        !args.quiet && (format == Format::Human || args.output_file.is_some());
    writer.finish(
        run.summary,
        &run.failures,
        stats.as_ref(),
        &run.file_names,
        (fail_on, lang, summary_to_terminal),
    );
    // What the walk left out on purpose is said after the summary, wherever the report goes.
    if let (false, Some(note)) = (args.quiet, skipped.note(lang)) {
        let label = if lang == crate::catalogue::Lang::Da {
            "bemærk"
        } else {
            "note"
        };
        eprintln!("{label}: {note}");
    }
    match exit_status(run.summary, &run.failures, deny) {
        EXIT_FINDINGS if args.exit_zero => EXIT_OK,
        status => status,
    }
}

/// Where the report goes: the `--output-file`, or standard output.
fn report_output(file: Option<&Path>) -> Result<Box<dyn Write>, String> {
    match file {
        None => Ok(Box::new(std::io::stdout().lock())),
        Some(path) => std::fs::File::create(path)
            .map(|f| Box::new(f) as Box<dyn Write>)
            .map_err(|e| format!("{}: cannot write the report: {e}", path.display())),
    }
}

/// `--exclude` globs, matched against a walked file's path as given and relative to the
/// folder walked.
fn exclusions(globs: &[String]) -> Result<globset::GlobSet, String> {
    let mut set = globset::GlobSetBuilder::new();
    for g in globs {
        let glob = globset::GlobBuilder::new(g)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("--exclude {g}: {e}"))?;
        set.add(glob);
    }
    set.build().map_err(|e| format!("--exclude: {e}"))
}

/// The name a file is reported under: its path as given, or for standard input the
/// `--stdin-filename` (else "<stdin>").
fn input_name(path: &Path, stdin_name: Option<&Path>) -> String {
    match stdin_name {
        Some(name) if path.as_os_str() == "-" => name.display().to_string(),
        _ => display(path),
    }
}

/// A run that could not start (a bad flag, a bad referat.toml): the machine formats still
/// write a whole, valid report holding the failure, so that CI uploads something true
/// rather than an empty file; human output has had the error on stderr already.
fn run_failed(format: Format, out: Box<dyn Write>, path: &str, message: &str, lang: Lang) -> u8 {
    let failures = [Failure {
        path: path.to_string(),
        message: message.to_string(),
    }];
    if format != Format::Human {
        let writer = ReportWriter::new(format, std::io::BufWriter::new(out), false)
            .github(github_run(format, lang));
        writer.finish(
            Summary::default(),
            &failures,
            None,
            &[],
            (Severity::Error, lang, false),
        );
    }
    EXIT_TROUBLE
}

/// `--format github`'s workspace and step summary, from the environment (read only for
/// that format).
fn github_run(format: Format, lang: Lang) -> GithubRun {
    if format == Format::Github {
        GithubRun::from_env(lang)
    } else {
        GithubRun {
            lang,
            ..GithubRun::default()
        }
    }
}

/// What a run adds up as its files are done: counts, coverage, failures, and what the end
/// of the run needs to know of each file (only when it needs it).
#[derive(Default)]
struct Tally {
    summary: Summary,
    coverage: Coverage,
    failures: Vec<Failure>,
    /// Findings per rule, with `--stats`.
    stats: Option<Stats>,
    keep_allow_uses: bool,
    allow_uses: Vec<AllowUse>,
    /// The names of the checked files (for JUnit, which lists clean files too).
    keep_file_names: bool,
    file_names: Vec<report::CheckedFile>,
}

impl Tally {
    /// A checked (or failed) file; its diagnostics stay in `o` for the report.
    fn add(&mut self, o: &mut Outcome, path: &str) {
        let checked = o.failure.is_none();
        match o.failure.take() {
            Some(f) => self.failures.push(f),
            None => {
                self.summary.files += 1;
                if self.keep_file_names {
                    self.file_names.push(report::CheckedFile {
                        path: path.to_string(),
                        seconds: o.seconds,
                    });
                }
            }
        }
        self.coverage.merge(&o.coverage);
        if let (Some(stats), Some(file)) = (&mut self.stats, o.file.take()) {
            stats.files.push(file);
        }
        if self.keep_allow_uses {
            self.allow_uses.push(AllowUse {
                config: o.config,
                used: std::mem::take(&mut o.used_allows),
                checked,
                relative: std::mem::take(&mut o.relative),
            });
        }
        self.count(&o.diagnostics);
    }

    fn count(&mut self, diagnostics: &[Diagnostic]) {
        self.summary.add(diagnostics);
        if let Some(stats) = &mut self.stats {
            stats.count(diagnostics);
        }
    }
}

/// The exit status from the run's counts.
pub fn exit_status(summary: Summary, failures: &[Failure], deny: bool) -> u8 {
    if !failures.is_empty() {
        EXIT_TROUBLE
    } else if summary.errors > 0 || (deny && summary.warnings > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// `--select`, `--ignore` and `--severity` as one settings layer over the configuration.
fn cli_settings(args: &CheckArgs) -> Result<RuleSettings, String> {
    let parse = |flag: &str, s: &str| {
        Selector::parse(s).map_err(|e| format!("{flag}: {}\n  help: {}", e.message(), e.help()))
    };
    let select = if args.select.is_empty() {
        None
    } else {
        Some(
            args.select
                .iter()
                .map(|s| parse("--select", s))
                .collect::<Result<Vec<_>, _>>()?,
        )
    };
    let ignore = args
        .ignore
        .iter()
        .map(|s| parse("--ignore", s))
        .collect::<Result<Vec<_>, _>>()?;
    let mut severity = Vec::new();
    for s in &args.severity {
        let Some((rule, level)) = s.split_once('=') else {
            return Err(format!(
                "--severity {s}: expected RULE=LEVEL, e.g. --severity parse/no-participants=off"
            ));
        };
        let level = Level::parse(level.trim()).ok_or_else(|| {
            format!("--severity {s}: unknown level `{level}`; use error, warning, info or off")
        })?;
        severity.push((parse("--severity", rule)?, level));
    }
    let layout = args
        .layout
        .as_deref()
        .map(crate::config::layout_flag)
        .transpose()?;
    Ok(RuleSettings {
        select,
        ignore,
        severity,
        tolerance: Default::default(),
        layout,
    })
}

/// The configurations in play (index 0: the defaults) and which one each file uses:
/// `--config`, else the nearest referat.toml above the file, else above the working folder.
fn configurations(
    args: &CheckArgs,
    files: &[PathBuf],
) -> Result<(Vec<Config>, Vec<usize>), ConfigError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut configs = vec![Config::defaults_in(cwd.clone())];
    if args.no_config {
        return Ok((configs, vec![0; files.len()]));
    }
    if let Some(path) = &args.config {
        configs.push(Config::load(path)?);
        return Ok((configs, vec![1; files.len()]));
    }
    let mut by_file: HashMap<PathBuf, usize> = HashMap::new();
    let mut by_dir: HashMap<PathBuf, usize> = HashMap::new();
    let mut load = |file: Option<PathBuf>, configs: &mut Vec<Config>| match file {
        None => Ok(0),
        Some(f) => {
            if let Some(i) = by_file.get(&f) {
                return Ok(*i);
            }
            configs.push(Config::load(&f)?);
            by_file.insert(f, configs.len() - 1);
            Ok(configs.len() - 1)
        }
    };
    let fallback = Config::find(&cwd).map(|f| relative_to(&f, &cwd));
    let fallback = load(fallback, &mut configs)?;
    let mut assigned = Vec::with_capacity(files.len());
    for file in files {
        let file = match &args.stdin_filename {
            Some(named) if file.as_os_str() == "-" => named,
            _ => file,
        };
        if file.as_os_str() == "-" {
            assigned.push(fallback);
            continue;
        }
        let dir = cwd.join(file.parent().unwrap_or(Path::new(".")));
        let index = match by_dir.get(&dir) {
            Some(i) => *i,
            None => {
                let found = Config::find(&dir).map(|f| relative_to(&f, &cwd));
                let i = if found.is_some() {
                    load(found, &mut configs)?
                } else {
                    fallback
                };
                by_dir.insert(dir, i);
                i
            }
        };
        assigned.push(index);
    }
    Ok((configs, assigned))
}

/// `--show-settings`: for each file, the referat.toml it is checked with and the settings
/// that result (top level, matching overrides, then the command line).
fn show_settings(
    files: &[PathBuf],
    configs: &[Config],
    assigned: &[usize],
    cli: &RuleSettings,
) -> String {
    let mut out = String::new();
    for (file, &i) in files.iter().zip(assigned) {
        let config = &configs[i];
        let relative = config.relative(file);
        out.push_str(&format!("{}\n", report::printable(&display(file))));
        let source = config
            .file
            .as_ref()
            .map_or("none (the defaults)".to_string(), |f| {
                f.display().to_string()
            });
        out.push_str(&format!("  configuration: {source}\n"));
        out.push_str(&format!("  paths relative to: {}\n", config.root.display()));
        for (name, value) in config.policy(&relative, cli).describe() {
            out.push_str(&format!("  {name}: {value}\n"));
        }
        let allows = config
            .allows
            .iter()
            .filter(|a| a.matches_path(&relative))
            .count();
        out.push_str(&format!("  suppressions for this file: {allows}\n"));
        out.push_str(&format!("  rosters: {}\n", config.bodies.len()));
        out.push_str(&format!(
            "  deny warnings: {}\n",
            if config.deny_warnings { "yes" } else { "no" }
        ));
        if !config.exclude_patterns.is_empty() {
            out.push_str(&format!(
                "  exclude: {}\n",
                config.exclude_patterns.join(", ")
            ));
        }
    }
    out
}

/// A shorter path for messages when `path` is under `base`.
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// What every file of a run is checked with.
struct Job<'a> {
    /// `--select`, `--ignore`, `--severity`, `--layout`.
    cli: &'a RuleSettings,
    lang: Lang,
    max_file_size: u64,
    input_format: Option<crate::source::InputFormat>,
    /// Human output is rendered on the worker thread, in this style.
    human: Option<&'a report::human::Style>,
    /// Findings below it are left out.
    min_severity: Severity,
    /// `--stdin-filename`.
    stdin_name: Option<&'a Path>,
}

fn check_one(
    (path, name): (&Path, &str),
    config_index: usize,
    config: &Config,
    job: &Job,
) -> Outcome {
    let Job {
        cli,
        lang,
        max_file_size,
        input_format,
        human,
        min_severity,
        stdin_name,
    } = *job;
    let mut outcome = Outcome {
        diagnostics: Vec::new(),
        failure: None,
        coverage: Coverage::default(),
        file: None,
        config: config_index,
        used_allows: Vec::new(),
        relative: String::new(),
        rendered: String::new(),
        seconds: 0.0,
    };
    let started = Instant::now();
    let mut source = match crate::source::load_as(path, max_file_size, input_format) {
        Ok(s) => s,
        Err(e) => {
            outcome.failure = Some(Failure {
                path: name.to_string(),
                message: e.to_string(),
            });
            outcome.seconds = started.elapsed().as_secs_f64();
            return outcome;
        }
    };
    source.name = name.to_string();
    outcome.relative = match stdin_name {
        _ if path.as_os_str() != "-" => config.relative(path),
        Some(named) => config.relative(named),
        None => crate::source::STDIN.into(),
    };
    let policy = config.policy(&outcome.relative, cli);
    let checked = crate::check_source_with(source, config, &policy);
    let mut diagnostics = report::resolve(
        &checked.source.name,
        &checked.source.text,
        &checked.findings,
        lang,
        &|rule| policy.severity(rule),
    );
    diagnostics.retain(|d| {
        match config
            .allows
            .iter()
            .position(|a| a.covers(&outcome.relative, &d.rule, d.item))
        {
            Some(i) => {
                outcome.used_allows.push(i);
                outcome.coverage.suppressed += 1;
                false
            }
            None => true,
        }
    });
    diagnostics.retain(|d| d.severity >= min_severity);
    outcome
        .coverage
        .add_minutes(&checked.minutes, checked.body.is_some());
    outcome.file = Some(FileCoverage::of(
        &checked.source.name,
        &checked.minutes,
        checked.body.is_some(),
    ));
    if let Some(style) = human {
        outcome.rendered = report::human::render_file(
            &checked.source.name,
            &checked.source.text,
            &diagnostics,
            style,
        );
    }
    outcome.diagnostics = diagnostics;
    outcome.seconds = started.elapsed().as_secs_f64();
    outcome
}

/// `[[allow]]` entries that silenced nothing although their file was checked (or no longer
/// exists), reported as warnings pointing into referat.toml so that suppressions do not rot.
fn stale_allows(configs: &[Config], uses: &[AllowUse], lang: Lang) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    for (ci, config) in configs.iter().enumerate() {
        let Some(file) = &config.file else { continue };
        let index = report::LineIndex::new(&config.text);
        for (ai, allow) in config.allows.iter().enumerate() {
            let mine = || uses.iter().filter(|u| u.config == ci);
            if mine().any(|u| u.used.contains(&ai)) {
                continue;
            }
            let checked = mine().any(|u| u.checked && allow.matches_path(&u.relative));
            let is_pattern = allow.path.contains(['*', '?', '[', '{']);
            let gone = !is_pattern && !config.root.join(&allow.path).exists();
            if !checked && !gone {
                continue;
            }
            let (offset, length) = allow.span;
            let (line, column) = index.line_col(&config.text, offset);
            let (end_line, end_column) = index.line_col(&config.text, offset + length);
            let item = allow
                .item
                .map(|n| match lang {
                    Lang::Da => format!(" på punkt {n}"),
                    Lang::En => format!(" on item {n}"),
                })
                .unwrap_or_default();
            let rule = match &allow.rule {
                Selector::Rule(r) | Selector::Family(r) => r.clone(),
                Selector::All => "all".into(),
            };
            let (message, help) = match (lang, gone) {
                (Lang::Da, false) => (
                    format!("Undtagelsen for {rule}{item} i {} passer ikke længere på noget fund", allow.path),
                    "Fundet er væk (rettet, eller punktet har fået nyt nummer): slet denne [[allow]], eller ret item.".to_string(),
                ),
                (Lang::Da, true) => (
                    format!("Undtagelsen for {rule}{item} nævner {}, som ikke findes", allow.path),
                    "Filen er flyttet eller slettet: ret path, eller slet denne [[allow]].".to_string(),
                ),
                (Lang::En, false) => (
                    format!("The suppression of {rule}{item} in {} no longer matches any finding", allow.path),
                    "The finding is gone (fixed, or the item was renumbered): delete this [[allow]] entry, or correct its item number.".to_string(),
                ),
                (Lang::En, true) => (
                    format!("The suppression of {rule}{item} names {}, which does not exist", allow.path),
                    "The file was moved or deleted: correct the path, or delete this [[allow]] entry.".to_string(),
                ),
            };
            out.push((
                ci,
                Diagnostic {
                    path: display(file),
                    rule: UNUSED_ALLOW.into(),
                    severity: Severity::Warning,
                    message,
                    line,
                    column,
                    offset,
                    length,
                    help: Some(help),
                    labels: Vec::new(),
                    omitted_labels: 0,
                    item: allow.item,
                    primary_label: Some(match lang {
                        Lang::Da => "passer ikke på noget".into(),
                        Lang::En => "matches nothing".into(),
                    }),
                    end_line,
                    end_column,
                },
            ));
        }
    }
    out
}

/// A progress bar on stderr, drawn only when stderr is a terminal, the output is for people,
/// not in CI, and more than a second of work is left once the first files are done.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
}

impl Progress {
    fn new(total: usize, human: bool) -> Progress {
        let wanted = human
            && total > 1
            && std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none();
        let bar = wanted.then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} files, {eta} left")
                    .expect("valid template"),
            );
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    fn tick(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        let done = bar.position().max(1);
        let left = bar.length().unwrap_or(0).saturating_sub(done);
        let elapsed = self.started.elapsed();
        let ahead = elapsed.mul_f64(left as f64 / done as f64);
        if elapsed > Duration::from_millis(200)
            && ahead > Duration::from_secs(1)
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Run `write` with the bar off the screen, so that output written to the same terminal
    /// does not run through it.
    fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.shown.load(Ordering::Relaxed) => bar.suspend(write),
            _ => write(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
