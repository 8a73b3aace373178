//! `referat.toml`: rosters of the bodies whose minutes are checked, rule selection and
//! severities, per-path overrides, tolerances and suppressions ("allow").
//!
//! The file is found by walking up from each checked file (then from the working folder), like
//! ruff and typos do, so a repository of minutes carries its own settings. A configuration
//! error is never guessed around: it stops the run with exit status 2 and a diagnostic that
//! points into the TOML.

use crate::rules::selection::{self, Level, Policy, Selector};
use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name searched for.
pub const FILE_NAME: &str = "referat.toml";

/// The commented starter file `referat init` writes (also examples/referat.toml's model).
pub const STARTER: &str = include_str!("../examples/referat.toml");

/// `referat.toml` as written. Unknown keys are an error (a misspelt `ignroe` must not silently
/// check everything).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// Rules or families to run; all when absent.
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    /// `deny = "warnings"`: warnings fail the run too.
    deny: Option<Spanned<String>>,
    /// `[severity] "date/weekday-mismatch" = "warning"`.
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<Level>>,
    /// `[tolerance."table/column-total"] absolute = 0.5`: a free table per rule.
    #[serde(default)]
    tolerance: BTreeMap<Spanned<String>, toml::Table>,
    #[serde(default)]
    body: Vec<Body>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    allow: Vec<Spanned<RawAllow>>,
    /// `exclude = ["udkast/**"]`: files a folder walk leaves out (relative to this file's
    /// folder); a file named on the command line is still checked.
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<Level>>,
    #[serde(default)]
    tolerance: BTreeMap<Spanned<String>, toml::Table>,
    /// A layout profile of rules/layouts.toml to read these files as.
    layout: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    path: Spanned<String>,
    rule: Spanned<String>,
    item: Option<u32>,
    reason: Option<String>,
}

/// A committee, council or the city council (byråd) with its members: the roster. When the
/// document's body matches `name` or one of `aliases`, vote and attendance rules use it
/// instead of inferring the committee from the participant list.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// The name as the minutes' title writes it ("Arbejdsmarkeds- og Socialudvalget").
    pub name: String,
    /// Other names the body goes by ("ASU").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Number of seats.
    pub size: Option<u32>,
    #[serde(default, rename = "member", alias = "members")]
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: String,
    /// Party letter ("A", "V", "Ø") or "Uden for parti".
    pub party: Option<String>,
    /// Stedfortrædere: who may sit in for this member (they come from the same list).
    #[serde(default)]
    pub substitutes: Vec<String>,
    /// First day of membership (a TOML date, `2022-01-01`).
    pub from: Option<toml::value::Datetime>,
    /// Last day of membership.
    pub until: Option<toml::value::Datetime>,
}

impl Member {
    /// Whether the member sat on the body on this day; undated members always did.
    pub fn valid_on(&self, date: Option<(i32, u32, u32)>) -> bool {
        let Some(day) = date else { return true };
        let key = |d: &toml::value::Datetime| {
            d.date
                .map(|d| (i32::from(d.year), u32::from(d.month), u32::from(d.day)))
        };
        let after_start = self.from.as_ref().and_then(key).is_none_or(|f| f <= day);
        let before_end = self.until.as_ref().and_then(key).is_none_or(|u| day <= u);
        after_start && before_end
    }
}

impl Body {
    /// Whether the minutes' body name is this body: case-insensitive, by name or alias, and
    /// tolerant of the election-period suffix some titles carry
    /// ("Beskæftigelses- og Integrationsudvalget 2022-2025").
    pub fn matches(&self, written: &str) -> bool {
        let written = body_key(written);
        !written.is_empty()
            && std::iter::once(&self.name)
                .chain(&self.aliases)
                .any(|n| body_key(n) == written)
    }

    /// The member or substitute called `name` (compared as [`crate::names::same_key`]).
    pub fn knows(&self, name: &str, date: Option<(i32, u32, u32)>) -> bool {
        use crate::names::same_key;
        self.members
            .iter()
            .filter(|m| m.valid_on(date))
            .any(|m| same_key(&m.name, name) || m.substitutes.iter().any(|s| same_key(s, name)))
    }
}

/// Lower-case, single spaces, without a trailing "2022-2025" period.
fn body_key(name: &str) -> String {
    let mut words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    if let Some(last) = words.last() {
        let is_period = last.split_once(['-', '–']).is_some_and(|(a, b)| {
            a.len() == 4
                && b.len() == 4
                && a.chars().all(|c| c.is_ascii_digit())
                && b.chars().all(|c| c.is_ascii_digit())
        });
        if is_period {
            words.pop();
        }
    }
    words.join(" ")
}

/// Per-rule tolerances, as free tables: `tolerance["table/column-total"]["absolute"]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tolerances(pub BTreeMap<String, toml::Table>);

impl Tolerances {
    /// A number (integer or float) set for `rule`.
    pub fn number(&self, rule: &str, key: &str) -> Option<f64> {
        match self.0.get(rule)?.get(key)? {
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        }
    }
}

/// Rule settings that can be given at the top level, per path, or on the command line.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    pub select: Option<Vec<Selector>>,
    pub ignore: Vec<Selector>,
    pub severity: Vec<(Selector, Level)>,
    pub tolerance: Tolerances,
    /// `layout = "…"`: read the files as this layout profile of rules/layouts.toml.
    pub layout: Option<String>,
}

#[derive(Debug, Clone)]
struct Override {
    globs: GlobSet,
    settings: RuleSettings,
}

/// One suppression: `[[allow]] path rule item reason`.
#[derive(Debug, Clone)]
pub struct Allow {
    pub path: String,
    glob: GlobSet,
    pub rule: Selector,
    pub item: Option<u32>,
    pub reason: String,
    /// Where the entry is in referat.toml (for the stale-suppression report).
    pub span: (usize, usize),
}

impl Allow {
    /// Whether the suppression covers a finding of `rule` on item `item` in the file at
    /// `relative` (the path relative to the configuration's folder).
    pub fn covers(&self, relative: &str, rule: &str, item: Option<u32>) -> bool {
        self.glob.is_match(relative)
            && self.rule.matches(rule)
            && self.item.is_none_or(|n| item == Some(n))
    }
    pub fn matches_path(&self, relative: &str) -> bool {
        self.glob.is_match(relative)
    }
}

/// A loaded configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from; `None` for the defaults.
    pub file: Option<PathBuf>,
    /// Its text (for diagnostics that point into it).
    pub text: String,
    /// The folder that paths in the file are relative to.
    pub root: PathBuf,
    pub base: RuleSettings,
    overrides: Vec<Override>,
    pub bodies: Vec<Body>,
    pub allows: Vec<Allow>,
    pub deny_warnings: bool,
    /// `exclude`: files a folder walk leaves out.
    pub exclude: GlobSet,
    /// The `exclude` patterns as written (for `--show-settings`).
    pub exclude_patterns: Vec<String>,
}

/// A bad referat.toml, pointing at the offending place.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub message: String,
    pub src: Box<NamedSource<String>>,
    pub span: Option<SourceSpan>,
    pub label: String,
    pub help: Option<String>,
}

impl std::error::Error for ConfigError {}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("referat::config"))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display + 'a>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&*self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(Some(self.label.clone()), span),
        )))
    }
}

impl ConfigError {
    fn at(file: &Path, text: &str, span: std::ops::Range<usize>, message: String) -> Self {
        // A line too long to draw (miette cannot pad past column 65,535) is named, not shown.
        let start = crate::fold::floor_char_boundary(text, span.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |k| start + k);
        if line_end - line_start > 2_000 {
            let line = text[..start].matches('\n').count() + 1;
            return ConfigError::plain(file, format!("{message} (line {line})"));
        }
        ConfigError {
            message,
            src: Box::new(NamedSource::new(
                file.display().to_string(),
                text.to_string(),
            )),
            span: Some((span.start, span.end - span.start).into()),
            label: "here".into(),
            help: None,
        }
    }
    fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// An error without a place (the file cannot be read).
    pub fn plain(file: &Path, message: String) -> Self {
        ConfigError {
            message,
            src: Box::new(NamedSource::new(file.display().to_string(), String::new())),
            span: None,
            label: String::new(),
            help: None,
        }
    }
    /// The graphical report (no colour when `color` is false).
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let mut out = String::new();
        let _ = miette::GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .render_report(&mut out, self);
        out
    }
}

/// The largest referat.toml read (a roster of every committee of a region is far less).
const MAX_CONFIG_BYTES: u64 = 4 << 20;

const SCHEMA_HELP: &str = "the keys are described in README.md (\"Configuration\"); \
     `referat init` writes a commented example";

impl Config {
    /// The defaults (no file), with paths relative to `root`.
    pub fn defaults_in(root: PathBuf) -> Config {
        Config {
            root,
            ..Config::default()
        }
    }

    /// Read and validate a configuration file.
    pub fn load(file: &Path) -> Result<Config, ConfigError> {
        let cannot = |why: String| {
            ConfigError::plain(file, format!("cannot read {}: {why}", file.display()))
        };
        // A FIFO would block the open, /dev/zero never ends: only a regular file is read,
        // and at most MAX_CONFIG_BYTES of it.
        let meta = std::fs::metadata(file).map_err(|e| cannot(e.to_string()))?;
        if !meta.is_file() {
            return Err(cannot("it is not a regular file".into()));
        }
        let mut text = String::new();
        std::fs::File::open(file)
            .and_then(|f| f.take(MAX_CONFIG_BYTES + 1).read_to_string(&mut text))
            .map_err(|e| cannot(e.to_string()))?;
        if text.len() as u64 > MAX_CONFIG_BYTES {
            return Err(cannot(format!(
                "it is over {} MiB; a referat.toml is a few kilobytes",
                MAX_CONFIG_BYTES >> 20
            )));
        }
        let root = file
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .unwrap_or(Path::new("."));
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        Config::parse(file, &text, root)
    }

    /// Validate `text` as the contents of `file`, with paths relative to `root`.
    pub fn parse(file: &Path, text: &str, root: PathBuf) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            ConfigError::at(
                file,
                text,
                span,
                format!("invalid {FILE_NAME}: {}", e.message().trim_end()),
            )
            .label(short_label(e.message()))
            .help(SCHEMA_HELP)
        })?;
        let err = |span: std::ops::Range<usize>, message: String| {
            ConfigError::at(file, text, span, message)
        };
        let selectors = |list: &[Spanned<String>]| -> Result<Vec<Selector>, ConfigError> {
            list.iter()
                .map(|s| {
                    Selector::parse(s.get_ref()).map_err(|why| {
                        err(s.span(), why.message())
                            .label("not a rule or family")
                            .help(why.help())
                    })
                })
                .collect()
        };
        let severities = |map: &BTreeMap<Spanned<String>, Spanned<Level>>| {
            map.iter()
                .map(|(k, v)| {
                    Selector::parse(k.get_ref())
                        .map(|s| (s, *v.get_ref()))
                        .map_err(|why| {
                            err(k.span(), why.message())
                                .label("not a rule or family")
                                .help(why.help())
                        })
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let tolerances = |map: &BTreeMap<Spanned<String>, toml::Table>| {
            map.iter()
                .map(|(k, v)| {
                    if selection::known_rule(k.get_ref()) {
                        Ok((k.get_ref().clone(), v.clone()))
                    } else {
                        Err(err(k.span(), format!("unknown rule `{}`", k.get_ref()))
                            .label("tolerances are set per rule id")
                            .help(selection::suggest(k.get_ref())))
                    }
                })
                .collect::<Result<BTreeMap<_, _>, _>>()
                .map(Tolerances)
        };
        let base = RuleSettings {
            select: raw.select.as_deref().map(selectors).transpose()?,
            ignore: selectors(&raw.ignore)?,
            severity: severities(&raw.severity)?,
            tolerance: tolerances(&raw.tolerance)?,
            layout: None,
        };
        let deny_warnings = match &raw.deny {
            None => false,
            Some(d) if d.get_ref() == "warnings" => true,
            Some(d) => return Err(
                err(d.span(), format!("unknown deny level `{}`", d.get_ref()))
                    .label("expected \"warnings\"")
                    .help(
                        "`deny = \"warnings\"` makes warnings fail the run, like --deny warnings",
                    ),
            ),
        };
        // A list of path patterns as one set. Each pattern is parsed on its own (the error
        // points at it); the set compiles them into one regex, which can still be too large
        // (150 nested braces).
        let glob_set = |patterns: &[Spanned<String>], trim: &str| {
            let mut globs = GlobSetBuilder::new();
            for p in patterns {
                globs.add(
                    Glob::new(p.get_ref().trim_start_matches(trim)).map_err(|e| {
                        err(p.span(), format!("bad path pattern: {e}")).label("not a glob pattern")
                    })?,
                );
            }
            globs.build().map_err(|e| {
                let span = patterns.first().map(|p| p.span()).unwrap_or(0..0);
                err(span, format!("bad path pattern: {e}")).label("too complex a pattern")
            })
        };
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            overrides.push(Override {
                globs: glob_set(&o.paths, "")?,
                settings: RuleSettings {
                    select: o.select.as_deref().map(selectors).transpose()?,
                    ignore: selectors(&o.ignore)?,
                    severity: severities(&o.severity)?,
                    tolerance: tolerances(&o.tolerance)?,
                    layout: o
                        .layout
                        .as_ref()
                        .map(|l| {
                            layout_id(l.get_ref()).map_err(|help| {
                                err(l.span(), format!("unknown layout `{}`", l.get_ref()))
                                    .label("not a layout profile")
                                    .help(help)
                            })
                        })
                        .transpose()?,
                },
            });
        }
        let mut allows = Vec::new();
        for a in &raw.allow {
            let span = a.span();
            let a = a.get_ref();
            let reason = a.reason.as_deref().map(str::trim).unwrap_or("");
            if reason.is_empty() {
                return Err(err(span, "a suppression needs a reason".into())
                    .label("no `reason` here")
                    .help(
                        "add reason = \"…\" saying why the finding is correct as it stands \
                         (who checked it, and when), so the next reader need not check again",
                    ));
            }
            let rule = Selector::parse(a.rule.get_ref()).map_err(|why| {
                err(a.rule.span(), why.message())
                    .label("not a rule")
                    .help(why.help())
            })?;
            let pattern = a.path.get_ref().trim_start_matches("./");
            let bad = |e: globset::Error| {
                err(a.path.span(), format!("bad path pattern: {e}")).label("not a path")
            };
            // Through a set, not `compile_matcher`, which panics on a pattern too large to
            // compile.
            let glob = GlobSetBuilder::new()
                .add(Glob::new(pattern).map_err(bad)?)
                .build()
                .map_err(bad)?;
            allows.push(Allow {
                path: pattern.to_string(),
                glob,
                rule,
                item: a.item,
                reason: reason.to_string(),
                span: (span.start, span.end - span.start),
            });
        }
        let exclude = glob_set(&raw.exclude, "./")?;
        Ok(Config {
            file: Some(file.to_path_buf()),
            text: text.to_string(),
            root,
            base,
            overrides,
            bodies: raw.body,
            allows,
            deny_warnings,
            exclude,
            exclude_patterns: raw.exclude.iter().map(|p| p.get_ref().clone()).collect(),
        })
    }

    /// The nearest referat.toml in `dir` or a folder above it.
    pub fn find(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|f| f.is_file())
    }

    /// `path` relative to the configuration's folder, with forward slashes (what `paths` and
    /// `[[allow]] path` patterns are matched against).
    pub fn relative(&self, path: &Path) -> String {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| {
            std::env::current_dir()
                .map(|d| d.join(path))
                .unwrap_or_else(|_| path.to_path_buf())
        });
        let rel = absolute.strip_prefix(&self.root).unwrap_or(path);
        let s = rel.to_string_lossy().replace('\\', "/");
        s.trim_start_matches("./").to_string()
    }

    /// Does `exclude` leave this file out of a folder walk?
    pub fn excludes(&self, path: &Path) -> bool {
        !self.exclude.is_empty() && self.exclude.is_match(self.relative(path))
    }

    /// The rule policy for one file: top level, then matching overrides in order, then the
    /// command line (`cli`), each later layer winning.
    pub fn policy(&self, relative: &str, cli: &RuleSettings) -> Policy {
        let mut policy = Policy::default();
        policy.apply(&self.base);
        for o in &self.overrides {
            if o.globs.is_match(relative) {
                policy.apply(&o.settings);
            }
        }
        policy.apply(cli);
        policy
    }

    /// The roster for the body the minutes are of, if the configuration has one.
    pub fn body_for(&self, minutes: &crate::model::Minutes) -> Option<&Body> {
        let written = minutes.meeting.body.as_ref().map(|b| b.text.as_str())?;
        self.bodies.iter().find(|b| b.matches(written))
    }
}

/// The `--layout` flag's value, or the message for an unknown one (`check` and `extract`).
pub fn layout_flag(id: &str) -> Result<String, String> {
    layout_id(id).map_err(|help| format!("--layout {id}: unknown layout; {help}"))
}

/// A layout profile id of rules/layouts.toml, or the help that lists them.
pub fn layout_id(id: &str) -> Result<String, String> {
    let layouts = crate::segment::styles::layouts();
    if layouts.profile(id).is_some() {
        return Ok(id.to_string());
    }
    let ids: Vec<&str> = layouts.profiles.iter().map(|p| p.id.as_str()).collect();
    Err(format!("the layouts are: {}", ids.join(", ")))
}

/// A short label from toml's message ("unknown field `selct`, expected one of …").
fn short_label(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    first
        .split(", expected")
        .next()
        .unwrap_or(first)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("referat.toml"), text, PathBuf::from("/repo"))
    }

    #[test]
    fn body_matches_name_alias_and_period_suffix() {
        let b = Body {
            name: "Beskæftigelses- og Integrationsudvalget".into(),
            aliases: vec!["BIU".into()],
            size: Some(9),
            members: vec![],
        };
        assert!(b.matches("Beskæftigelses- og Integrationsudvalget 2022-2025"));
        assert!(b.matches("beskæftigelses-  og integrationsudvalget"));
        assert!(b.matches("biu"));
        assert!(!b.matches("Beskæftigelsesudvalget"));
        assert!(!b.matches(""));
    }

    #[test]
    fn unknown_key_points_at_it() {
        let e = parse("selct = [\"parse\"]\n").unwrap_err();
        assert!(e.message.contains("unknown field `selct`"), "{}", e.message);
        assert_eq!(e.span, Some((0, 5).into()));
    }

    #[test]
    fn unknown_rule_suggests_the_nearest() {
        let e = parse("ignore = [\"parse/no-particpants\"]\n").unwrap_err();
        assert!(e.message.contains("parse/no-particpants"));
        assert!(e.help.unwrap().contains("parse/no-participants"));
        assert_eq!(e.span, Some((10, 22).into()));
    }

    #[test]
    fn suppression_needs_a_reason() {
        let e = parse("[[allow]]\npath = \"a.txt\"\nrule = \"parse/no-items\"\nitem = 3\n")
            .unwrap_err();
        assert_eq!(e.message, "a suppression needs a reason");
    }

    #[test]
    fn member_validity() {
        let c = parse(
            "[[body]]\nname = \"X\"\n[[body.member]]\nname = \"Anna\"\nparty = \"A\"\nfrom = 2022-01-01\nuntil = 2025-12-31\n",
        )
        .unwrap();
        let m = &c.bodies[0].members[0];
        assert!(m.valid_on(Some((2023, 5, 1))));
        assert!(!m.valid_on(Some((2026, 1, 1))));
        assert!(m.valid_on(None));
    }

    #[test]
    fn overrides_layer_over_the_top_level() {
        let c = parse(
            "ignore = [\"parse/no-items\"]\n[[overrides]]\npaths = [\"arkiv/**\"]\nignore = [\"parse\"]\n",
        )
        .unwrap();
        let cli = RuleSettings::default();
        assert!(!c.policy("a.txt", &cli).enabled("parse/no-items"));
        assert!(c.policy("a.txt", &cli).enabled("parse/no-participants"));
        assert!(!c
            .policy("arkiv/2019/x.txt", &cli)
            .enabled("parse/no-participants"));
    }
}
