//! The rule catalogue: one TOML file per rule under `rules/<family>/<name>.toml`, compiled in
//! by build.rs. It holds the id, default severity, summary, explanation, the message and help
//! templates in Danish and English, and the `fails`/`passes` examples a test runs.

use crate::rules::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/catalogue_files.rs"));

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    pub id: String,
    pub severity: Severity,
    pub summary: String,
    pub explanation: String,
    pub message: Template,
    #[serde(default)]
    pub help: Option<Template>,
    #[serde(default)]
    pub fails: Vec<Example>,
    #[serde(default)]
    pub passes: Vec<Example>,
}

/// A message in both languages, with `{name}` placeholders filled from the finding's args.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub da: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// What the example shows, in a few words.
    #[serde(default)]
    pub note: Option<String>,
    /// A referat.toml the example is checked with (for rules that need a roster).
    #[serde(default)]
    pub config: Option<String>,
    /// A minimal minutes text.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Da,
    En,
}

impl Lang {
    /// Danish when the locale is Danish (`LC_ALL`, `LC_MESSAGES`, `LANG` = da*), else English.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                if !value.is_empty() {
                    return if value.starts_with("da") {
                        Lang::Da
                    } else {
                        Lang::En
                    };
                }
            }
        }
        Lang::En
    }
}

impl Template {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
    /// Fill `{name}` placeholders; unknown placeholders are left as written.
    pub fn render(&self, lang: Lang, args: &[(&str, String)]) -> String {
        fill(self.get(lang), args)
    }
}

pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// All rules, by id. Malformed catalogue files are a build defect caught by the test suite.
pub fn catalogue() -> &'static BTreeMap<String, RuleDoc> {
    static CATALOGUE: OnceLock<BTreeMap<String, RuleDoc>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        CATALOGUE_FILES
            .iter()
            .map(|(id, text)| {
                let doc: RuleDoc =
                    toml::from_str(text).unwrap_or_else(|e| panic!("rules/{id}.toml: {e}"));
                (id.to_string(), doc)
            })
            .collect()
    })
}

pub fn rule(id: &str) -> Option<&'static RuleDoc> {
    catalogue().get(id)
}
