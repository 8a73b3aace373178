//! Which rules run, and how loud: `select`/`ignore` by id or family prefix and per-rule
//! severity overrides, as ruff does it. A more specific selector wins over a less specific
//! one (`select = ["vote/tally-exceeds-present"]` with `ignore = ["vote"]` keeps that rule),
//! and a later layer (per-path override, command line) wins over an earlier one.

use super::Severity;
use crate::catalogue;
use serde::Deserialize;

/// The families of DESIGN.md. A family is a valid selector even before its first rule exists,
/// so a configuration written for a newer referat does not break on an older one.
pub const FAMILIES: &[&str] = &[
    "vote",
    "table",
    "amount",
    "attendance",
    "date",
    "structure",
    "name",
    "parse",
];

/// A severity as configured; `off` turns the rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    #[serde(alias = "warn")]
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "error" => Some(Level::Error),
            "warning" | "warn" => Some(Level::Warning),
            "info" => Some(Level::Info),
            "off" => Some(Level::Off),
            _ => None,
        }
    }
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// `all`, a family (`vote`) or a rule id (`vote/tally-exceeds-present`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    All,
    Family(String),
    Rule(String),
}

fn selector_text(s: &Selector) -> String {
    match s {
        Selector::All => "all".into(),
        Selector::Family(f) => f.clone(),
        Selector::Rule(r) => r.clone(),
    }
}

/// Why a selector was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelector(pub String);

impl UnknownSelector {
    pub fn message(&self) -> String {
        format!("unknown rule or family `{}`", self.0)
    }
    pub fn help(&self) -> String {
        suggest(&self.0)
    }
}

impl Selector {
    pub fn parse(s: &str) -> Result<Selector, UnknownSelector> {
        let s = s.trim();
        let family = s.trim_end_matches('/');
        if s.eq_ignore_ascii_case("all") {
            Ok(Selector::All)
        } else if !family.contains('/') && known_family(family) {
            Ok(Selector::Family(family.to_string()))
        } else if known_rule(s) {
            Ok(Selector::Rule(s.to_string()))
        } else {
            Err(UnknownSelector(s.to_string()))
        }
    }
    pub fn matches(&self, rule: &str) -> bool {
        match self {
            Selector::All => true,
            Selector::Family(f) => rule.split('/').next() == Some(f.as_str()),
            Selector::Rule(r) => r == rule,
        }
    }
    fn specificity(&self) -> u8 {
        match self {
            Selector::All => 0,
            Selector::Family(_) => 1,
            Selector::Rule(_) => 2,
        }
    }
}

pub fn known_rule(id: &str) -> bool {
    catalogue::head(id).is_some()
}

fn known_family(family: &str) -> bool {
    FAMILIES.contains(&family) || catalogue::ids().any(|id| id.split('/').next() == Some(family))
}

/// "Did you mean …?" from the catalogue, or where to look.
pub fn suggest(unknown: &str) -> String {
    let best = catalogue::ids()
        .chain(FAMILIES.iter().copied())
        .map(|id| (edit_distance(unknown, id), id))
        .min();
    match best {
        Some((d, id)) if d <= 3.max(unknown.len() / 4) => {
            format!("did you mean `{id}`? `referat rules` lists every rule")
        }
        _ => format!(
            "use a rule id (`referat rules` lists them) or a family: {}",
            FAMILIES.join(", ")
        ),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The resolved settings for one file.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// `None`: every rule.
    select: Option<Vec<Selector>>,
    ignore: Vec<Selector>,
    severity: Vec<(Selector, Level)>,
    pub tolerance: crate::config::Tolerances,
    /// The layout profile to read the file as (`[[overrides]] layout`, `--layout`).
    pub layout: Option<String>,
}

impl Policy {
    /// The settings as `--show-settings` prints them: (name, value) lines.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let list = |s: &[Selector]| {
            if s.is_empty() {
                "none".to_string()
            } else {
                s.iter().map(selector_text).collect::<Vec<_>>().join(", ")
            }
        };
        vec![
            (
                "select",
                self.select.as_deref().map_or("every rule".into(), list),
            ),
            ("ignore", list(&self.ignore)),
            (
                "severity",
                if self.severity.is_empty() {
                    "as in the catalogue".into()
                } else {
                    self.severity
                        .iter()
                        .map(|(s, l)| format!("{} = {l:?}", selector_text(s)).to_lowercase())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            ),
            (
                "tolerance",
                if self.tolerance.0.is_empty() {
                    "none".into()
                } else {
                    self.tolerance
                        .0
                        .iter()
                        .map(|(rule, t)| {
                            format!("{rule} {t}").replace('\n', " ").trim().to_string()
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                },
            ),
            (
                "layout",
                self.layout
                    .clone()
                    .unwrap_or_else(|| "recognised from the text".into()),
            ),
        ]
    }

    /// Lay `settings` over this policy: a `select` replaces the selection, `ignore` and
    /// severities add to it (a later severity for the same selector wins).
    pub fn apply(&mut self, settings: &crate::config::RuleSettings) {
        if let Some(select) = &settings.select {
            self.select = Some(select.clone());
            self.ignore.clear();
        }
        self.ignore.extend(settings.ignore.iter().cloned());
        self.severity.extend(settings.severity.iter().cloned());
        for (rule, table) in &settings.tolerance.0 {
            self.tolerance.0.insert(rule.clone(), table.clone());
        }
        if settings.layout.is_some() {
            self.layout.clone_from(&settings.layout);
        }
    }

    pub fn enabled(&self, rule: &str) -> bool {
        let best = |list: &[Selector]| {
            list.iter()
                .filter(|s| s.matches(rule))
                .map(|s| s.specificity() as i8)
                .max()
                .unwrap_or(-1)
        };
        let selected = match &self.select {
            None => 0,
            Some(list) => best(list),
        };
        selected >= 0 && selected > best(&self.ignore)
    }

    /// The severity `rule` reports with, or `None` when it is off.
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        if !self.enabled(rule) {
            return None;
        }
        // The most specific matching override; among equals, the last one written.
        let level = self.severity.iter().filter(|(s, _)| s.matches(rule)).fold(
            None::<(u8, Level)>,
            |best, (s, l)| match best {
                Some((spec, _)) if spec > s.specificity() => best,
                _ => Some((s.specificity(), *l)),
            },
        );
        match level {
            Some((_, l)) => l.severity(),
            None => catalogue::head(rule).map(|d| d.severity),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RuleSettings;

    fn sel(list: &[&str]) -> Vec<Selector> {
        list.iter().map(|s| Selector::parse(s).unwrap()).collect()
    }

    #[test]
    fn prefixes_and_ids() {
        assert_eq!(
            Selector::parse("parse").unwrap(),
            Selector::Family("parse".into())
        );
        assert_eq!(
            Selector::parse("parse/").unwrap(),
            Selector::Family("parse".into())
        );
        assert_eq!(
            Selector::parse("parse/no-items").unwrap(),
            Selector::Rule("parse/no-items".into())
        );
        assert!(Selector::parse("pars").is_err());
        assert!(Selector::parse("parse/nope").is_err());
        assert!(suggest("parse/no-item").contains("`parse/no-items`"));
    }

    #[test]
    fn more_specific_wins() {
        let mut p = Policy::default();
        p.apply(&RuleSettings {
            select: Some(sel(&["parse/no-items"])),
            ignore: sel(&["parse"]),
            ..Default::default()
        });
        assert!(p.enabled("parse/no-items"));
        assert!(!p.enabled("parse/no-participants"));
        assert!(!p.enabled("structure/x"));
    }

    #[test]
    fn severity_overrides() {
        let mut p = Policy::default();
        p.apply(&RuleSettings {
            severity: vec![
                (Selector::parse("parse").unwrap(), Level::Warning),
                (Selector::parse("parse/no-items").unwrap(), Level::Info),
                (
                    Selector::parse("parse/no-meeting-header").unwrap(),
                    Level::Off,
                ),
            ],
            ..Default::default()
        });
        assert_eq!(p.severity("parse/no-items"), Some(Severity::Info));
        assert_eq!(p.severity("parse/no-participants"), Some(Severity::Warning));
        assert_eq!(p.severity("parse/no-meeting-header"), None);
    }
}
