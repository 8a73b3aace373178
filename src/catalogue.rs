//! The rule catalogue: one TOML file per rule under `rules/<family>/<name>.toml`, compiled in
//! by build.rs. It holds the id, default severity, summary, explanation, the message and help
//! templates in Danish and English, and the `fails`/`passes` examples a test runs.
//!
//! A check needs only each rule's severity and templates: build.rs reads those into
//! [`CATALOGUE_HEADS`] ([`head`]), so that checking one page does not parse the whole
//! catalogue with its examples ([`catalogue`], for `explain`, `rules`, SARIF and the tests).
//!
//! A message or help is a template filled from the finding's args ([`fill`]): `{name}` is the
//! arg's value, and `{name|singular|plural}` is the singular word when the arg is exactly 1,
//! else the plural. It prints the word only, so a count and its noun are written
//! `{count} {count|stemme|stemmer}` ("1 stemme", "2 stemmer"; "1 vote", "0 votes").

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
    /// The language of the user's locale: [`lang_from`] over `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// and `LANGUAGE`, and, when none of the first three is set (Windows has no `LANG`), the
    /// system's UI language from [`sys_locale::get_locale`].
    pub fn from_env() -> Lang {
        let var = |name: &str| std::env::var(name).ok();
        let (lc_all, lc_messages, lang, language) = (
            var("LC_ALL"),
            var("LC_MESSAGES"),
            var("LANG"),
            var("LANGUAGE"),
        );
        let unset = |v: &Option<String>| v.as_deref().is_none_or(str::is_empty);
        let system = if unset(&lc_all) && unset(&lc_messages) && unset(&lang) {
            sys_locale::get_locale()
        } else {
            None
        };
        lang_from(
            lc_all.as_deref(),
            lc_messages.as_deref(),
            lang.as_deref(),
            language.as_deref(),
            system.as_deref(),
        )
    }
}

/// Which language a user with these locale settings reads, as GNU gettext decides it for the
/// messages of a program translated into Danish and English:
///
/// * The locale is the first set (non-empty) of `LC_ALL`, `LC_MESSAGES`, `LANG` (POSIX).
/// * If it is "C" or "POSIX" (also "C.UTF-8"), English: gettext ignores `LANGUAGE` then.
/// * Else `LANGUAGE`, a colon-separated list of languages in order of preference, wins over
///   the locale: its first entry that is Danish or English ("da", "da_DK", "en_GB", "C").
///   "nb:da" reads Danish, "sv" alone leaves the decision to the locale.
/// * Else the locale decides: Danish when it is "da", "da_DK.UTF-8", "da-DK", "da@euro"...
/// * With no locale set at all, `system` (the OS's UI language, a BCP 47 tag such as
///   "da-DK") decides; without it, English.
///
/// Anything that is not Danish ("nb", "en_US", "dak") is English.
pub fn lang_from(
    lc_all: Option<&str>,
    lc_messages: Option<&str>,
    lang: Option<&str>,
    language: Option<&str>,
    system: Option<&str>,
) -> Lang {
    fn set(v: Option<&str>) -> Option<&str> {
        v.map(str::trim).filter(|v| !v.is_empty())
    }
    let locale = set(lc_all).or(set(lc_messages)).or(set(lang));
    if locale.is_some_and(is_c_locale) {
        return Lang::En;
    }
    let preferred = set(language).and_then(|list| {
        list.split(':').find_map(|entry| match entry.trim() {
            e if is_danish(e) => Some(Lang::Da),
            e if is_language(e, "en") || is_c_locale(e) => Some(Lang::En),
            _ => None,
        })
    });
    if let Some(lang) = preferred {
        return lang;
    }
    match locale.or(set(system)) {
        Some(l) if is_danish(l) => Lang::Da,
        _ => Lang::En,
    }
}

/// "C", "POSIX", "C.UTF-8": the untranslated locale.
fn is_c_locale(locale: &str) -> bool {
    locale == "POSIX" || locale == "C" || locale.starts_with("C.") || locale.starts_with("C@")
}

fn is_danish(locale: &str) -> bool {
    is_language(locale, "da")
}

/// Whether a POSIX locale ("da_DK.UTF-8", "da@euro") or BCP 47 tag ("da-DK") is of the
/// language `code` (not merely starting with its letters: "dak" is Dakota).
fn is_language(locale: &str, code: &str) -> bool {
    let end = locale.find(['_', '-', '.', '@']).unwrap_or(locale.len());
    locale[..end].eq_ignore_ascii_case(code)
}

impl Template {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
    /// Fill the placeholders from the finding's args (see [`fill`]).
    pub fn render(&self, lang: Lang, args: &[(&str, String)]) -> String {
        fill(self.get(lang), args)
    }
}

/// Fill a template's placeholders from `args`, in one pass (an arg's value is not read for
/// placeholders: a name in the document that looks like "{count}" stays as written):
///
/// * `{name}` is the value of the arg `name`.
/// * `{name|singular|plural}` is `singular` when the arg's value is exactly "1" and `plural`
///   otherwise (in Danish and English 0 takes the plural: "0 stemmer", "0 votes"). It prints
///   the word only, not the number: "{count} {count|stemme|stemmer}" reads "1 stemme" and
///   "2 stemmer", and the number may stand elsewhere ("{n|item|items} {items}" reads
///   "item 3" and "items 3, 5"). A form may hold spaces ("{n|is an image|are images}") but
///   no `|` or `}`.
///
/// A placeholder naming no arg, or of another shape, is left as written.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let value = |name: &str| {
        args.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    };
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after
            .find(['}', '{'])
            .filter(|&c| after.as_bytes()[c] == b'}')
        else {
            out.push('{');
            rest = after;
            continue;
        };
        let inner = &after[..close];
        let mut parts = inner.split('|');
        let filled = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(name), None, None, None) => value(name),
            (Some(name), Some(one), Some(many), None) => {
                value(name).map(|v| if v.trim() == "1" { one } else { many })
            }
            _ => None,
        };
        match filled {
            Some(text) => out.push_str(text),
            None => {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A template as a person reads it in `referat explain`: "{count|stemme|stemmer}" becomes
/// "stemme/stemmer"; plain placeholders stay.
pub fn readable(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let inner = &after[..close];
                match inner.split('|').collect::<Vec<_>>()[..] {
                    [_, one, many] => out.push_str(&format!("{one}/{many}")),
                    _ => out.push_str(&format!("{{{inner}}}")),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
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

    fn args(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        pairs.iter().map(|(n, v)| (*n, v.to_string())).collect()
    }

    #[test]
    fn readable_templates_show_both_forms() {
        assert_eq!(
            readable("{party} har {n} {n|stemme|stemmer}"),
            "{party} har {n} stemme/stemmer"
        );
        assert_eq!(readable("a { b"), "a { b");
    }

    #[test]
    fn fill_replaces_placeholders_once() {
        let a = args(&[("name", "Anna {count}"), ("count", "3")]);
        assert_eq!(fill("{name} har {count}", &a), "Anna {count} har 3");
        assert_eq!(fill("{unknown} {name", &a), "{unknown} {name");
        assert_eq!(fill("{{count}} }{", &a), "{3} }{");
        assert_eq!(
            fill("{count|a|b|c} {count|a}", &a),
            "{count|a|b|c} {count|a}"
        );
        assert_eq!(fill("{missing|a|b}", &a), "{missing|a|b}");
        assert_eq!(fill("", &a), "");
        assert_eq!(fill("æ {count} ø", &a), "æ 3 ø");
    }

    #[test]
    fn plural_placeholder_takes_the_singular_for_exactly_one() {
        let t = Template {
            da: "{count} {count|stemme|stemmer}, men kun {seats} {seats|medlem|medlemmer}".into(),
            en: "{count} {count|vote|votes}, but only {seats} {seats|member|members}".into(),
        };
        let one = args(&[("count", "1"), ("seats", "1")]);
        let two = args(&[("count", "2"), ("seats", "2")]);
        let zero = args(&[("count", "0"), ("seats", "11")]);
        assert_eq!(t.render(Lang::Da, &one), "1 stemme, men kun 1 medlem");
        assert_eq!(t.render(Lang::Da, &two), "2 stemmer, men kun 2 medlemmer");
        assert_eq!(t.render(Lang::Da, &zero), "0 stemmer, men kun 11 medlemmer");
        assert_eq!(t.render(Lang::En, &one), "1 vote, but only 1 member");
        assert_eq!(t.render(Lang::En, &two), "2 votes, but only 2 members");
        assert_eq!(t.render(Lang::En, &zero), "0 votes, but only 11 members");
    }

    #[test]
    fn locale_follows_posix_precedence() {
        let posix = |lc_all, lc_messages, lang| lang_from(lc_all, lc_messages, lang, None, None);
        assert_eq!(posix(None, None, Some("da_DK.UTF-8")), Lang::Da);
        assert_eq!(posix(None, None, Some("da")), Lang::Da);
        assert_eq!(posix(None, None, Some("da-DK")), Lang::Da);
        assert_eq!(posix(None, None, Some("da_DK@euro")), Lang::Da);
        assert_eq!(posix(None, None, Some("DA_dk")), Lang::Da);
        assert_eq!(posix(None, None, Some("nb_NO.UTF-8")), Lang::En);
        assert_eq!(posix(None, None, Some("dak")), Lang::En);
        assert_eq!(posix(None, None, Some("en_US.UTF-8")), Lang::En);
        assert_eq!(posix(None, None, None), Lang::En);
        // LC_ALL before LC_MESSAGES before LANG; an empty variable counts as unset.
        assert_eq!(posix(Some("en_GB"), Some("da_DK"), Some("da_DK")), Lang::En);
        assert_eq!(posix(Some("da_DK"), Some("en_GB"), Some("en_GB")), Lang::Da);
        assert_eq!(posix(None, Some("da_DK"), Some("en_GB")), Lang::Da);
        assert_eq!(posix(None, Some("en_GB"), Some("da_DK")), Lang::En);
        assert_eq!(posix(Some(""), Some(""), Some("da_DK")), Lang::Da);
        assert_eq!(posix(None, None, Some("C")), Lang::En);
    }

    #[test]
    fn language_list_wins_unless_the_locale_is_c() {
        let with = |lc_all, lang, language| lang_from(lc_all, None, lang, Some(language), None);
        assert_eq!(with(None, Some("en_US.UTF-8"), "da"), Lang::Da);
        assert_eq!(with(None, Some("en_US.UTF-8"), "da_DK:en"), Lang::Da);
        assert_eq!(with(Some("en_US.UTF-8"), None, "da"), Lang::Da);
        assert_eq!(with(None, Some("da_DK.UTF-8"), "en_GB:en"), Lang::En);
        assert_eq!(with(None, Some("da_DK.UTF-8"), "C"), Lang::En);
        // The first entry there are messages for: Norwegian falls back to Danish.
        assert_eq!(with(None, Some("en_US.UTF-8"), "nb:da:en"), Lang::Da);
        assert_eq!(with(None, Some("en_US.UTF-8"), "nb:en:da"), Lang::En);
        // No Danish or English entry: the locale decides.
        assert_eq!(with(None, Some("da_DK.UTF-8"), "sv:nb"), Lang::Da);
        assert_eq!(with(None, Some("da_DK.UTF-8"), ""), Lang::Da);
        assert_eq!(with(None, Some("da_DK.UTF-8"), ":"), Lang::Da);
        // gettext ignores LANGUAGE in the C locale.
        assert_eq!(with(None, Some("C"), "da"), Lang::En);
        assert_eq!(with(Some("C.UTF-8"), None, "da"), Lang::En);
        assert_eq!(with(Some("POSIX"), Some("da_DK"), "da"), Lang::En);
        // No locale at all (Windows): LANGUAGE still says what the user prefers.
        assert_eq!(with(None, None, "da"), Lang::Da);
    }

    #[test]
    fn without_a_locale_the_system_language_decides() {
        let system = |tag| lang_from(None, None, None, None, Some(tag));
        assert_eq!(system("da-DK"), Lang::Da);
        assert_eq!(system("da"), Lang::Da);
        assert_eq!(system("en-US"), Lang::En);
        assert_eq!(system("nb-NO"), Lang::En);
        // A locale that is set wins over the system's language.
        assert_eq!(
            lang_from(None, None, Some("en_US.UTF-8"), None, Some("da-DK")),
            Lang::En
        );
        assert_eq!(
            lang_from(None, None, Some(""), None, Some("da-DK")),
            Lang::Da
        );
    }

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
