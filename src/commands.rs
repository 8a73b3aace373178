//! What each subcommand does. Returns the process exit status: 0 no errors, 1 at least one
//! error (or warning with `--deny warnings`), 2 the tool could not do its job.

use crate::catalogue::{self, Lang};
use crate::cli::{CheckArgs, Cli, ColorChoice, Command, DenyLevel, ExtractArgs, Format};
use crate::report::{self, Diagnostic, Failure, Summary};
use crate::rules::Severity;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Extract(args) => extract(args),
        Command::Rules(lang) => rules(lang.resolve()),
        Command::Explain { id, lang } => explain(&id, lang.resolve()),
    }
}

/// File extensions read when walking a folder.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];

/// Expand the command-line paths into files, in a deterministic order. Folders are walked
/// respecting .gitignore; a path that does not exist is a failure.
pub fn collect_inputs(paths: &[PathBuf], failures: &mut Vec<Failure>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.exists() {
            failures.push(Failure {
                path: path.display().to_string(),
                message: "no such file or folder".into(),
            });
            continue;
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(path).follow_links(false).build() {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    let p = e.into_path();
                    if p.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| TEXT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
                    {
                        found.push(p);
                    }
                }
                Ok(_) => {}
                Err(err) => failures.push(Failure {
                    path: path.display().to_string(),
                    message: err.to_string(),
                }),
            }
        }
        if found.is_empty() {
            failures.push(Failure {
                path: path.display().to_string(),
                message: format!(
                    "no minutes found in this folder (looked for {})",
                    TEXT_EXTENSIONS
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        found.sort();
        files.extend(found);
    }
    files
}

fn default_severity(rule: &str) -> Option<Severity> {
    catalogue::rule(rule).map(|d| d.severity)
}

fn check(args: CheckArgs) -> u8 {
    let lang = args.lang.resolve();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut failures = Vec::new();
    let files = collect_inputs(&paths, &mut failures);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let style = report::human::Style {
        color,
        width: terminal_width(),
        lang,
    };
    let mut summary = Summary::default();
    let mut all = Vec::new();
    let stdout = std::io::stdout();
    for path in &files {
        let source = match crate::source::load(path, args.max_file_size) {
            Ok(s) => s,
            Err(e) => {
                failures.push(Failure {
                    path: display(path),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let checked = crate::check_source(source);
        let diagnostics = report::resolve(
            &checked.source.name,
            &checked.source.text,
            &checked.findings,
            lang,
            &default_severity,
        );
        summary.files += 1;
        summary.add(&diagnostics);
        if args.format == Format::Human {
            let rendered = report::human::render_file(
                &checked.source.name,
                &checked.source.text,
                &diagnostics,
                &style,
            );
            let _ = stdout.lock().write_all(rendered.as_bytes());
        }
        all.extend(diagnostics);
    }
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    let out = match args.format {
        Format::Human => report::human::render_summary(summary, &failures, lang),
        Format::Json => {
            all.sort_by(|a, b| (&a.path, a.offset, &a.rule).cmp(&(&b.path, b.offset, &b.rule)));
            report::json::render(&all, summary, &failures)
        }
    };
    if args.format == Format::Human {
        // Failures and the summary go to stderr so that stdout holds only reports.
        let _ = std::io::stderr().write_all(out.as_bytes());
    } else {
        let _ = stdout.lock().write_all(out.as_bytes());
    }
    exit_status(&all, &failures, args.deny)
}

pub fn exit_status(
    diagnostics: &[Diagnostic],
    failures: &[Failure],
    deny: Option<DenyLevel>,
) -> u8 {
    if !failures.is_empty() {
        return EXIT_TROUBLE;
    }
    let worst = diagnostics.iter().map(|d| d.severity).max();
    match (worst, deny) {
        (Some(Severity::Error), _) => EXIT_FINDINGS,
        (Some(Severity::Warning), Some(DenyLevel::Warnings)) => EXIT_FINDINGS,
        _ => EXIT_OK,
    }
}

fn display(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn extract(args: ExtractArgs) -> u8 {
    match crate::source::load(&args.path, args.max_file_size) {
        Ok(source) => {
            let minutes = crate::parse::parse(&source.text);
            let mut json = serde_json::to_string_pretty(&minutes).expect("model serializes");
            json.push('\n');
            let _ = std::io::stdout().lock().write_all(json.as_bytes());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {}: {e}", display(&args.path));
            EXIT_TROUBLE
        }
    }
}

fn rules(lang: Lang) -> u8 {
    let mut out = String::new();
    for (id, doc) in catalogue::catalogue() {
        out.push_str(&format!(
            "{id:<40} {:<8} {}\n",
            doc.severity.as_str(),
            doc.summary
        ));
    }
    let _ = lang;
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    EXIT_OK
}

fn explain(id: &str, lang: Lang) -> u8 {
    let Some(doc) = catalogue::rule(id) else {
        let known: Vec<&str> = catalogue::catalogue()
            .keys()
            .map(|k| k.as_str())
            .filter(|k| k.starts_with(id.split('/').next().unwrap_or("")))
            .collect();
        eprintln!(
            "error: no rule called '{id}'. Run `referat rules` to list them.{}",
            if known.is_empty() {
                String::new()
            } else {
                format!(" Rules in that family: {}", known.join(", "))
            }
        );
        return EXIT_TROUBLE;
    };
    let _ = std::io::stdout()
        .lock()
        .write_all(explain_text(doc, lang).as_bytes());
    EXIT_OK
}

/// The text `referat explain` prints (also what the docs link to).
pub fn explain_text(doc: &catalogue::RuleDoc, lang: Lang) -> String {
    let mut out = format!(
        "{} ({})\n\n{}\n\n{}\n",
        doc.id,
        doc.severity.as_str(),
        doc.summary,
        doc.explanation.trim()
    );
    out.push_str(&format!("\nMessage: {}\n", doc.message.get(lang)));
    if let Some(help) = &doc.help {
        out.push_str(&format!("Help: {}\n", help.get(lang)));
    }
    for (title, examples) in [("Fails", &doc.fails), ("Passes", &doc.passes)] {
        for ex in examples {
            out.push_str(&format!(
                "\n{title}{}:\n",
                ex.note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            ));
            for line in ex.text.trim_end().lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    out
}
