//! Heading styles and layout profiles, read from `rules/layouts.toml` (compiled in) and
//! compiled once. The knowledge of how each system writes its headings lives in that file;
//! this module only gives it a type.

use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

pub const LAYOUTS_TOML: &str = include_str!("../../rules/layouts.toml");

/// Where the title of a heading that holds none on its line is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum TitlePlace {
    /// The next non-blank line ("• 100" / title).
    #[default]
    NextLine,
    /// The line above when it touches the heading line ("Spørgetid" / "Sag nr. 129"),
    /// else the next one.
    BeforeOrNext,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    id: String,
    pattern: String,
    strength: f32,
    #[serde(default)]
    title: TitlePlace,
    examples: Vec<(String, u32, String)>,
    #[serde(default)]
    not: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    /// The family of ../shared/LAYOUTS.md ("F04").
    pub family: String,
    /// Heading styles its items use (ids of `[[heading]]`).
    pub headings: Vec<String>,
    /// Texts its pages carry.
    pub markers: Vec<String>,
    /// A single-item page's title is the line before this line (page furniture that
    /// follows the title).
    #[serde(default)]
    pub title_before: Option<String>,
    /// The layout writes an item's absent members on the first line under its heading,
    /// without a label ("Lars Holm (V), Bo Dahl (A)").
    #[serde(default)]
    pub absence_after_heading: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    heading: Vec<StyleFile>,
    profile: Vec<Profile>,
}

/// The positions of a style's named groups in its pattern.
#[derive(Debug, Clone, Copy, Default)]
pub struct Groups {
    pub number: Option<usize>,
    pub number2: Option<usize>,
    pub suffix: Option<usize>,
    pub sep: Option<usize>,
    pub status: Option<usize>,
    pub status2: Option<usize>,
    pub bullet: Option<usize>,
}

/// What a style's headings can start with, as its examples show: a line is only read by
/// the styles that can start as it does.
#[derive(Debug, Clone, Copy, Default)]
pub struct Starts {
    pub digit: bool,
    pub bullet: bool,
    pub letter: bool,
}

/// How a line starts, as [`Starts`] tells lines apart.
#[derive(Clone, Copy)]
enum Start {
    Digit,
    Letter,
    Bullet,
}

fn start(t: &str) -> Option<Start> {
    match t.chars().next()? {
        c if c.is_ascii_digit() => Some(Start::Digit),
        c if c.is_alphabetic() => Some(Start::Letter),
        _ => Some(Start::Bullet),
    }
}

impl Starts {
    /// The starts of these example lines.
    fn of<'a>(examples: impl IntoIterator<Item = &'a str>) -> Starts {
        let mut starts = Starts::default();
        for s in examples.into_iter().filter_map(start) {
            *starts.field(s) = true;
        }
        starts
    }

    fn field(&mut self, s: Start) -> &mut bool {
        match s {
            Start::Digit => &mut self.digit,
            Start::Letter => &mut self.letter,
            Start::Bullet => &mut self.bullet,
        }
    }

    pub fn admits(&self, t: &str) -> bool {
        start(t).is_some_and(|s| match s {
            Start::Digit => self.digit,
            Start::Letter => self.letter,
            Start::Bullet => self.bullet,
        })
    }
}

/// One way of writing an item heading.
#[derive(Debug)]
pub struct HeadingStyle {
    pub id: String,
    pub regex: Regex,
    pub groups: Groups,
    pub starts: Starts,
    pub strength: f32,
    pub title: TitlePlace,
    pub examples: Vec<(String, u32, String)>,
    pub not: Vec<String>,
}

/// Every heading style and profile.
#[derive(Debug)]
pub struct Layouts {
    pub styles: Vec<HeadingStyle>,
    pub profiles: Vec<Profile>,
    /// Every profile's markers in one automaton, with the profile each belongs to (built on
    /// first use).
    pub markers: OnceLock<(aho_corasick::AhoCorasick, Vec<usize>)>,
    /// Every style's pattern in one regex, in the file's order: one search finds the first
    /// style that reads a line (a pattern's groups are numbered as in its own regex).
    pub any: regex_automata::meta::Regex,
}

impl Layouts {
    pub fn from_toml(text: &str) -> Result<Layouts, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut styles = Vec::with_capacity(file.heading.len());
        for s in file.heading {
            let regex = Regex::new(&s.pattern).map_err(|e| format!("heading {}: {e}", s.id))?;
            if !regex.capture_names().any(|n| n == Some("number")) {
                return Err(format!(
                    "heading {}: the pattern has no `number` group",
                    s.id
                ));
            }
            let group = |name: &str| regex.capture_names().position(|n| n == Some(name));
            let groups = Groups {
                number: group("number"),
                number2: group("number2"),
                suffix: group("suffix"),
                sep: group("sep"),
                status: group("status"),
                status2: group("status2"),
                bullet: group("bullet"),
            };
            let starts = Starts::of(s.examples.iter().map(|(line, _, _)| line.as_str()));
            styles.push(HeadingStyle {
                id: s.id,
                regex,
                groups,
                starts,
                strength: s.strength,
                title: s.title,
                examples: s.examples,
                not: s.not,
            });
        }
        for p in &file.profile {
            if let Some(h) = p
                .headings
                .iter()
                .find(|h| !styles.iter().any(|s| &s.id == *h))
            {
                return Err(format!("profile {}: no heading style {h:?}", p.id));
            }
        }
        let patterns: Vec<&str> = styles.iter().map(|s| s.regex.as_str()).collect();
        let any = regex_automata::meta::Regex::new_many(&patterns).map_err(|e| e.to_string())?;
        Ok(Layouts {
            styles,
            profiles: file.profile,
            markers: OnceLock::new(),
            any,
        })
    }

    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    pub fn style_index(&self, id: &str) -> Option<usize> {
        self.styles.iter().position(|s| s.id == id)
    }
}

/// The compiled-in layouts.
pub fn layouts() -> &'static Layouts {
    static LAYOUTS: OnceLock<Layouts> = OnceLock::new();
    LAYOUTS.get_or_init(|| {
        Layouts::from_toml(LAYOUTS_TOML).expect("rules/layouts.toml is valid (tested)")
    })
}
