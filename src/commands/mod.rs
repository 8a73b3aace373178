//! What each subcommand does. Returns the process exit status: 0 no errors, 1 at least one
//! error (or warning with `--deny warnings`), 2 the tool could not do its job.

pub mod check;
pub mod init;
mod output;

use crate::catalogue::{self, Lang};
use crate::cli::{Cli, Command, ExtractArgs};
use crate::report::Failure;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use check::exit_status;

pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check::check(args),
        Command::Init(args) => init::init(args),
        Command::Extract(args) => extract(args),
        Command::Rules(lang) => rules(lang.resolve()),
        Command::Explain { id, lang } => explain(&id, lang.resolve()),
    }
}

/// File extensions read when walking a folder (text exports, Word, PDF, web pages).
const TEXT_EXTENSIONS: &[&str] = crate::source::SOURCE_EXTENSIONS;

/// Expand the command-line paths into files, in a deterministic order. Folders are walked
/// respecting .gitignore, leaving out the files `exclude` matches (by their path as found or
/// relative to the folder walked); a path that does not exist is a failure.
pub fn collect_inputs(
    paths: &[PathBuf],
    exclude: &globset::GlobSet,
    failures: &mut Vec<Failure>,
) -> Vec<PathBuf> {
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
        let mut excluded_any = false;
        for entry in ignore::WalkBuilder::new(path).follow_links(false).build() {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    let p = e.into_path();
                    let excluded = !exclude.is_empty()
                        && (exclude.is_match(&p)
                            || p.strip_prefix(path).is_ok_and(|r| exclude.is_match(r)));
                    excluded_any |= excluded;
                    if !excluded
                        && p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                            TEXT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str())
                        })
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
        // A folder whose every file is excluded was asked to be left out, not found empty.
        if found.is_empty() && !excluded_any {
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

pub(crate) fn display(path: &Path) -> String {
    if path.as_os_str() == "-" {
        crate::source::STDIN.into()
    } else {
        path.display().to_string()
    }
}

pub(crate) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn extract(args: ExtractArgs) -> u8 {
    let layout = match args
        .layout
        .as_deref()
        .map(crate::config::layout_flag)
        .transpose()
    {
        Ok(layout) => layout,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_TROUBLE;
        }
    };
    // Without --layout, the layout referat.toml pins for the file, as `check` reads it.
    let layout = match layout {
        Some(l) => Some(l),
        None => match configured_layout(&args.path) {
            Ok(l) => l,
            Err(e) => {
                use std::io::IsTerminal;
                eprint!("{}", e.render(std::io::stderr().is_terminal()));
                return EXIT_TROUBLE;
            }
        },
    };
    match crate::source::load_as(&args.path, args.max_file_size, args.input_format) {
        Ok(source) => {
            let minutes = crate::parse::parse_layout(
                &source.text,
                crate::lexicon::lexicon(),
                crate::parse::Options::default(),
                layout.as_deref(),
            );
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

/// The layout the nearest referat.toml above `path` (or the working folder, for stdin) pins
/// for it with `[[overrides]] layout`, if any.
fn configured_layout(path: &std::path::Path) -> Result<Option<String>, crate::config::ConfigError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
    let dir = match path.parent() {
        Some(p) if path.as_os_str() != "-" => cwd.join(p),
        _ => cwd,
    };
    let Some(file) = crate::config::Config::find(&dir) else {
        return Ok(None);
    };
    let config = crate::config::Config::load(&file)?;
    let relative = if path.as_os_str() == "-" {
        String::new()
    } else {
        config.relative(path)
    };
    Ok(config
        .policy(&relative, &crate::config::RuleSettings::default())
        .layout)
}

fn rules(lang: Lang) -> u8 {
    let mut out = String::new();
    for (id, doc) in catalogue::catalogue() {
        out.push_str(&format!(
            "{id:<44} {:<8} {}\n",
            doc.severity.as_str(),
            doc.summary
        ));
    }
    let _ = lang;
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    EXIT_OK
}

fn explain(id: &str, lang: Lang) -> u8 {
    if id == check::UNUSED_ALLOW {
        let _ = std::io::stdout()
            .lock()
            .write_all(UNUSED_ALLOW_TEXT.as_bytes());
        return EXIT_OK;
    }
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

const UNUSED_ALLOW_TEXT: &str = "config/unused-allow (warning)

A suppression ([[allow]] in referat.toml) no longer matches any finding.

An [[allow]] entry silences one finding that a person has checked and judged correct, by
file, rule and agenda item. Minutes are regenerated from the source system, so the finding
can disappear (the text was corrected) or move (the items were renumbered). A suppression
that matches nothing would then silence the next, different finding at that place without
anyone looking at it, so referat reports it: delete the entry, or correct its path or item.
It is reported when the file it names was checked in the run (or no longer exists).
";

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
            if let Some(config) = &ex.config {
                out.push_str("  with referat.toml:\n");
                for line in config.trim_end().lines() {
                    out.push_str(&format!("    {line}\n"));
                }
                out.push_str("  minutes:\n");
            }
            for line in ex.text.trim_end().lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    out
}
