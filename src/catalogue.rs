//! The rule catalogue: one TOML file per rule under `rules/<family>/<name>.toml`, compiled in
//! by build.rs. It holds the id, default severity, summary, explanation, the message and help
//! templates in Danish and English, and the `fails`/`passes` examples a test runs.
//!
//! A check needs only each rule's severity and templates: build.rs reads those into
//! [`CATALOGUE_HEADS`] ([`head`]), so that checking one page does not parse the whole
//! catalogue with its examples ([`catalogue`], for `explain`, `rules`, SARIF and the tests).

use crate::rules::Severity;
use serde::Deserialize;
use std::borrow::Cow;
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
    pub da: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

/// What a check needs of a rule: its default severity and its templates.
#[derive(Debug, Clone)]
pub struct RuleHead {
    pub id: &'static str,
    pub severity: Severity,
    pub message: Template,
    pub help: Option<Template>,
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
    /// A minimal minutes text. `{repeat}` in it stands for [`Example::repeat`].
    pub text: String,
    /// A line written many times where the text says `{repeat}` (a rule about floods of
    /// findings needs more than a reader wants to see).
    #[serde(default)]
    pub repeat: Option<Repeat>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    pub text: String,
    pub times: usize,
}

impl Example {
    /// The text with `{repeat}` written out.
    pub fn full_text(&self) -> std::borrow::Cow<'_, str> {
        match &self.repeat {
            Some(r) => self
                .text
                .replace("{repeat}", &r.text.repeat(r.times))
                .into(),
            None => self.text.as_str().into(),
        }
    }
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

/// A rule's severity and templates, without parsing the catalogue.
pub fn head(id: &str) -> Option<&'static RuleHead> {
    CATALOGUE_HEADS
        .binary_search_by(|h| h.id.cmp(id))
        .ok()
        .map(|i| &CATALOGUE_HEADS[i])
}

/// Every rule id, sorted.
pub fn ids() -> impl Iterator<Item = &'static str> {
    CATALOGUE_HEADS.iter().map(|h| h.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &Template, b: &Template) -> bool {
        a.da == b.da && a.en == b.en
    }

    /// build.rs reads the heads with its own code: they must say what the files say.
    #[test]
    fn heads_agree_with_the_catalogue_files() {
        let full = catalogue();
        assert_eq!(ids().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
        for (id, doc) in full {
            let head = head(id).unwrap_or_else(|| panic!("no head for {id}"));
            assert_eq!(head.id, doc.id, "{id}");
            assert_eq!(head.severity, doc.severity, "{id}");
            assert!(same(&head.message, &doc.message), "{id}: message");
            match (&head.help, &doc.help) {
                (Some(a), Some(b)) => assert!(same(a, b), "{id}: help"),
                (None, None) => {}
                _ => panic!("{id}: help in one and not the other"),
            }
        }
        assert!(head("vote/no-such-rule").is_none());
        assert!(head("").is_none());
    }
}
