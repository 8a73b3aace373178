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

/// How folders are walked (`--hidden`, `--no-ignore`).
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Check hidden files and look into hidden folders (except `.git`).
    pub hidden: bool,
    /// Check what .gitignore, .ignore and git's excludes leave out.
    pub no_ignore: bool,
}

/// What a folder walk found and left out on purpose, for the note after the summary.
#[derive(Debug, Default, PartialEq)]
pub struct Skipped {
    /// Hidden files of a minutes type (without `--hidden`).
    pub hidden: usize,
    /// Document files of a type referat cannot read, by extension (".odt": 2).
    pub unreadable_types: std::collections::BTreeMap<String, usize>,
}

/// Document types found in folders of minutes that referat does not read: counted, so that
/// a folder of .odt files is not "no minutes found" without a word on why.
const UNREAD_DOCUMENT_TYPES: &[&str] = &["doc", "odt", "rtf", "pages", "wpd", "docm", "dotx"];

impl Skipped {
    /// "2 hidden files were not checked (--hidden checks them); 3 .odt files were skipped: …"
    pub fn note(&self, lang: crate::catalogue::Lang) -> Option<String> {
        use crate::catalogue::Lang;
        let mut parts = Vec::new();
        if self.hidden > 0 {
            let n = self.hidden;
            parts.push(match (lang, n) {
                (Lang::Da, 1) => {
                    "1 skjult fil er ikke kontrolleret (--hidden tager den med)".into()
                }
                (Lang::Da, _) => {
                    format!("{n} skjulte filer er ikke kontrolleret (--hidden tager dem med)")
                }
                (Lang::En, 1) => "1 hidden file was not checked (--hidden checks it)".into(),
                (Lang::En, _) => {
                    format!("{n} hidden files were not checked (--hidden checks them)")
                }
            });
        }
        for (ext, &n) in &self.unreadable_types {
            parts.push(match (lang, n) {
                (Lang::Da, 1) => {
                    format!("1 .{ext}-fil er sprunget over: gem den som .docx eller PDF")
                }
                (Lang::Da, _) => {
                    format!("{n} .{ext}-filer er sprunget over: gem dem som .docx eller PDF")
                }
                (Lang::En, 1) => format!("1 .{ext} file was skipped: save it as .docx or PDF"),
                (Lang::En, _) => {
                    format!("{n} .{ext} files were skipped: save them as .docx or PDF")
                }
            });
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

fn failure(path: &Path, message: impl Into<String>) -> Failure {
    Failure {
        path: path.display().to_string(),
        message: message.into(),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn extension_of(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|x| x.to_str())
        .map(|x| x.to_ascii_lowercase())
}

/// Expand the command-line paths into files, in a deterministic order. Folders are walked
/// following symbolic links (a loop is a failure), respecting .gitignore and leaving out
/// hidden files unless `options` say otherwise, and leaving out the files `exclude` matches
/// (by their path as found or relative to the folder walked). A path that does not exist,
/// a named pipe or a device is a failure; what is left out on purpose is counted in
/// [`Skipped`].
pub fn collect_inputs(
    paths: &[PathBuf],
    exclude: &globset::GlobSet,
    options: WalkOptions,
    failures: &mut Vec<Failure>,
) -> (Vec<PathBuf>, Skipped) {
    let mut files = Vec::new();
    let mut skipped = Skipped::default();
    for path in paths {
        if path.as_os_str() == "-" {
            files.push(path.clone());
            continue;
        }
        if std::fs::symlink_metadata(path).is_err() {
            failures.push(failure(path, "no such file or folder"));
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                failures.push(failure(
                    path,
                    "a link to a file or folder that does not exist",
                ));
                continue;
            }
            Err(e) => {
                failures.push(failure(path, e.to_string()));
                continue;
            }
        };
        if meta.is_file() {
            files.push(path.clone());
            continue;
        }
        if !meta.is_dir() {
            failures.push(failure(path, not_a_regular_file(&meta)));
            continue;
        }
        let mut found = Vec::new();
        let mut excluded_any = false;
        let mut walker = ignore::WalkBuilder::new(path);
        walker
            .follow_links(true)
            .hidden(false)
            .git_ignore(!options.no_ignore)
            .git_global(!options.no_ignore)
            .git_exclude(!options.no_ignore)
            .ignore(!options.no_ignore)
            .parents(!options.no_ignore)
            .filter_entry(move |e| {
                // Hidden folders are not looked into (`.git` never); hidden files are seen
                // here and counted below.
                let dir = e.file_type().is_some_and(|t| t.is_dir());
                e.depth() == 0
                    || !dir
                    || !is_hidden(e.file_name())
                    || (options.hidden && e.file_name() != ".git")
            });
        for entry in walker.build() {
            let e = match entry {
                Ok(e) => e,
                Err(err) => {
                    if let Some(f) = walk_failure(path, &err) {
                        failures.push(f);
                    }
                    continue;
                }
            };
            let Some(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                continue;
            }
            let ext = extension_of(e.path());
            let minutes_type = ext.as_deref().is_some_and(|x| TEXT_EXTENSIONS.contains(&x));
            if !kind.is_file() {
                if minutes_type {
                    let why = e
                        .metadata()
                        .map(|m| not_a_regular_file(&m))
                        .unwrap_or_else(|err| err.to_string());
                    failures.push(failure(e.path(), why));
                }
                continue;
            }
            let p = e.into_path();
            let excluded = !exclude.is_empty()
                && (exclude.is_match(&p)
                    || p.strip_prefix(path).is_ok_and(|r| exclude.is_match(r)));
            excluded_any |= excluded;
            if excluded {
                continue;
            }
            let hidden = p.file_name().is_some_and(is_hidden);
            if hidden && !options.hidden {
                skipped.hidden += usize::from(minutes_type);
            } else if minutes_type {
                found.push(p);
            } else if let Some(x) = ext.filter(|x| UNREAD_DOCUMENT_TYPES.contains(&x.as_str())) {
                *skipped.unreadable_types.entry(x).or_default() += 1;
            }
        }
        // A folder whose every file is excluded was asked to be left out, not found empty.
        if found.is_empty() && !excluded_any {
            failures.push(failure(
                path,
                format!(
                    "no minutes found in this folder (looked for {})",
                    TEXT_EXTENSIONS
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        found.sort();
        files.extend(found);
    }
    (files, skipped)
}

/// A walk error worth a failure: a link that loops back to a folder being walked, or an
/// entry of a minutes type that cannot be read. A dangling link named `notes` is no minutes.
fn walk_failure(root: &Path, err: &ignore::Error) -> Option<Failure> {
    match err {
        ignore::Error::Loop { child, .. } => Some(failure(
            child,
            "a link back to a folder that is being walked (a loop): not followed",
        )),
        ignore::Error::WithPath { path, err } => {
            let minutes = extension_of(path).is_some_and(|x| TEXT_EXTENSIONS.contains(&x.as_str()));
            minutes.then(|| failure(path, err.to_string()))
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_failure(root, err)
        }
        other => Some(failure(root, other.to_string())),
    }
}

/// Why a path that is neither file nor folder is not read.
fn not_a_regular_file(meta: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        let what = if t.is_fifo() {
            "a named pipe"
        } else if t.is_socket() {
            "a socket"
        } else if t.is_char_device() || t.is_block_device() {
            "a device"
        } else {
            "not a file"
        };
        format!("this is {what}, not a regular file; referat reads files and folders")
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        "this is not a regular file; referat reads files and folders".into()
    }
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
    // Not a rule about minutes (no document triggers it), but a finding a run can report.
    out.push_str(&format!(
        "{:<44} {:<8} {}\n",
        check::UNUSED_ALLOW,
        "warning",
        match lang {
            Lang::Da => "En [[allow]]-undtagelse i referat.toml passer ikke længere på noget fund",
            Lang::En => "An [[allow]] suppression in referat.toml no longer matches any finding",
        }
    ));
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
    let readable = crate::catalogue::readable;
    out.push_str(&format!("\nMessage: {}\n", readable(doc.message.get(lang))));
    if let Some(help) = &doc.help {
        out.push_str(&format!("Help: {}\n", readable(help.get(lang))));
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
            if let Some(r) = &ex.repeat {
                out.push_str(&format!(
                    "  where {{repeat}} is, {} times:\n    {}\n",
                    r.times,
                    r.text.trim_end()
                ));
            }
        }
    }
    out
}
