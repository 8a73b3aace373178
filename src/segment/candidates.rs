//! Heading candidates: every line that one of the heading styles of `rules/layouts.toml`
//! reads as an item heading, found in one pass, with what the lines around it say for it
//! (a section heading or case number after it, a separator before it). Which candidates are
//! the document's items is decided by [`super::chain`].

use super::styles::{Layouts, TitlePlace};
use crate::lexicon::Lexicon;
use crate::model::Span;
pub use crate::parse::items::is_case_line;
use crate::parse::items::is_case_number;
use crate::parse::lines::Line;
use crate::parse::sections;

/// A line that reads as an item heading.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index of the heading's line.
    pub line: usize,
    /// Where the heading starts: the line's text, or inside it when glued to a label
    /// ("Indholdsfortegnelse1. Fraværende") or a previous page's text ("Godkendt.Punkt 2:").
    pub offset: usize,
    pub number: u32,
    pub number_span: Span,
    pub suffix: Option<String>,
    /// The title on the heading's line, if any.
    pub title: Option<Span>,
    /// The line holding the title when the heading's line holds none.
    pub title_line: Option<usize>,
    /// The first line of the item: the heading's, or the title's above it.
    pub first_line: usize,
    /// Index into [`Layouts::styles`].
    pub style: usize,
    /// Written after a bullet ("• 301."): one document's items share the bullet or its lack.
    pub bullet: bool,
    /// "lukket" in the heading.
    pub closed: bool,
    /// Found inside a line rather than at its start.
    pub glued: bool,
    /// How much the heading and the lines around it say that this is an item heading.
    pub score: f32,
    /// What follows the heading confirms it: a section heading, a case number, a decision.
    pub supported: bool,
}

/// A heading read from one line (or the tail of one) by one style.
struct Reading {
    number: u32,
    number_span: (usize, usize),
    suffix: Option<String>,
    title: Option<(usize, usize)>,
    bullet: bool,
    closed: bool,
}

/// Read `t` with style `s` (byte offsets relative to `t`).
fn read(t: &str, layouts: &Layouts, s: usize, lex: &Lexicon) -> Option<Reading> {
    let style = &layouts.styles[s];
    let caps = style.regex.captures(t)?;
    let number = caps.name("number").or_else(|| caps.name("number2"))?;
    let value: u32 = number.as_str().parse().ok()?;
    if value == 0 {
        return None;
    }
    let title = caps
        .name("title")
        .map(|m| (m.start(), m.end()))
        .filter(|(a, b)| a < b);
    let glued = caps.name("sep").is_some_and(|m| m.as_str().is_empty());
    if let Some((a, b)) = title {
        if !title_start_ok(&t[a..b], glued, style.strength) || not_a_title(&t[a..b], lex) {
            return None;
        }
    }
    let status = caps
        .name("status")
        .or_else(|| caps.name("status2"))
        .map(|m| m.as_str().to_lowercase());
    Some(Reading {
        number: value,
        number_span: (number.start(), number.end()),
        suffix: caps.name("suffix").map(|m| m.as_str().to_string()),
        title,
        bullet: caps.name("bullet").is_some(),
        closed: status.is_some_and(|s| s == "lukket"),
    })
}

/// "1. At dagsorden godkendes": the points of an Indstilling start with words no agenda
/// title starts with.
fn not_a_title(title: &str, lex: &Lexicon) -> bool {
    lex.segment
        .not_title_starts
        .iter()
        .any(|w| crate::parse::lines::starts_with_word(title, w).is_some())
}

/// A title starts as titles do: a capital letter, a digit, a quotation mark or a
/// parenthesis — never a lower-case word ("Punkt 28 blev behandlet …", "1. at …"). Glued
/// to its number ("12.Title") and after a bare number (a weak style) only a capital letter
/// will do, so that "16.15: Dialogmøde" and "1.250.000 kr." are no headings.
fn title_start_ok(title: &str, glued: bool, strength: f32) -> bool {
    let Some(c) = title.chars().next() else {
        return true;
    };
    if glued || strength < 1.0 {
        return c.is_uppercase();
    }
    c.is_uppercase() || c.is_ascii_digit() || "\"“”„«'(§".contains(c)
}

/// Only lines that start like a heading are read by the patterns: a digit, a bullet, or a
/// letter one of the heading words starts with. Most lines are prose and stop here.
fn may_start_heading(t: &str) -> bool {
    match t.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => true,
        Some(b'P' | b'p' | b'N' | b'n' | b'S' | b's' | b'D' | b'd' | b'L' | b'l' | b'*') => true,
        // "•" and the other bullets, "å"/"Å" (åbent): all start with 0xC2, 0xC3, 0xE2 or 0xE2.
        Some(0xC2 | 0xC3 | 0xE2) => true,
        _ => false,
    }
}

/// Every heading candidate of the document, in order. `labels` are the words a heading may
/// be glued to ("Indholdsfortegnelse1. Fraværende"); `styles` restricts the styles tried
/// (a pinned layout), `None` tries every style.
pub fn find(
    lines: &[Line],
    lex: &Lexicon,
    layouts: &Layouts,
    styles: Option<&[usize]>,
    glue_words: &[String],
) -> Vec<Candidate> {
    let all: Vec<usize> = (0..layouts.styles.len()).collect();
    let styles = styles.unwrap_or(&all);
    let punkt = layouts.style_index("punkt").filter(|s| styles.contains(s));
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trimmed();
        if t.is_empty() || t.len() > 400 {
            continue;
        }
        let at = line.span().offset;
        if may_start_heading(t) {
            if let Some((s, r)) = styles
                .iter()
                .find_map(|&s| read(t, layouts, s, lex).map(|r| (s, r)))
            {
                out.push(candidate(lines, i, at, r, s, false, lex, layouts));
                continue;
            }
        }
        // Glued to a label: "Indholdsfortegnelse1. Fraværende".
        if let Some(rest) = glue_words.iter().find_map(|w| starts_with_glued(t, w)) {
            let rest_at = line.offset_of(rest);
            if let Some((s, r)) = styles
                .iter()
                .find_map(|&s| read(rest, layouts, s, lex).map(|r| (s, r)))
            {
                out.push(candidate(lines, i, rest_at, r, s, true, lex, layouts));
                continue;
            }
        }
        // Glued to the previous page's text: "Godkendt.Punkt 2: …", "…28Punkt 1: …".
        if let Some(s) = punkt {
            if let Some(pos) = glued_punkt(t) {
                if let Some(r) = read(&t[pos..], layouts, s, lex) {
                    out.push(candidate(lines, i, at + pos, r, s, true, lex, layouts));
                }
            }
        }
    }
    merge_repeats(lines, &mut out);
    out
}

/// "Indholdsfortegnelse1. Fraværende" → "1. Fraværende".
fn starts_with_glued<'a>(t: &'a str, word: &str) -> Option<&'a str> {
    let head = t.get(..word.len())?;
    if !crate::lexicon::eq_fold(head, word) {
        return None;
    }
    let rest = t[word.len()..].trim_start_matches([' ', ':']);
    (!rest.is_empty()).then_some(rest)
}

/// The position of "Punkt" glued to text before it.
fn glued_punkt(t: &str) -> Option<usize> {
    let pos = memchr::memmem::find(t.as_bytes(), b"Punkt ")?;
    (pos > 0 && !t.as_bytes()[pos - 1].is_ascii_whitespace()).then_some(pos)
}

#[allow(clippy::too_many_arguments)]
fn candidate(
    lines: &[Line],
    i: usize,
    at: usize,
    r: Reading,
    style: usize,
    glued: bool,
    lex: &Lexicon,
    layouts: &Layouts,
) -> Candidate {
    let s = &layouts.styles[style];
    let title = r.title.map(|(a, b)| Span::new(at + a, b - a));
    let mut title_line = None;
    let mut first_line = i;
    let mut score = s.strength - if glued { 1.0 } else { 0.0 };
    if title.is_none() {
        let above = (s.title == TitlePlace::BeforeOrNext)
            .then(|| i.checked_sub(1))
            .flatten()
            .filter(|&k| title_like(&lines[k], lex));
        match above {
            Some(k) => {
                title_line = Some(k);
                first_line = k;
            }
            None => {
                title_line = next_nonblank(lines, i + 1, 2).filter(|&k| title_like(&lines[k], lex));
                if title_line.is_none() {
                    score -= 1.0; // a number with no title anywhere
                }
            }
        }
    } else if let Some(t) = title {
        score += title_shape(&lines[i].text[t.offset - lines[i].offset..t.end() - lines[i].offset]);
    }
    // What follows the heading (after a title on the next line).
    let after = title_line.filter(|&k| k > i).unwrap_or(i) + 1;
    let support = support_after(lines, after, lex);
    score += support;
    if separator_before(lines, first_line, lex) {
        score += 1.0;
    }
    Candidate {
        line: i,
        offset: at,
        number: r.number,
        number_span: Span::new(at + r.number_span.0, r.number_span.1 - r.number_span.0),
        suffix: r.suffix,
        title,
        title_line,
        first_line,
        style,
        bullet: r.bullet,
        closed: r.closed,
        glued,
        score,
        supported: support > 0.0,
    }
}

/// What a title's own shape says: a sentence or a question is no heading's title.
fn title_shape(title: &str) -> f32 {
    let t = title.trim_end();
    let mut score = 0.0;
    if t.len() > 160 {
        score -= 1.5;
    }
    match t.chars().next_back() {
        Some('?' | ',' | ';') => score -= 1.5,
        Some('.') if !t.ends_with("m.m.") && !t.ends_with("..") => score -= 0.75,
        _ => {}
    }
    score
}

/// A line that can be a title standing on its own: not blank, not a section heading, not
/// a bare number, not a sentence that runs on.
fn title_like(line: &Line, lex: &Lexicon) -> bool {
    let t = line.trimmed();
    !t.is_empty()
        && t.len() <= 250
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"')
        && !t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && sections::heading(line, lex).is_none()
        && !t.ends_with(',')
}

fn next_nonblank(lines: &[Line], from: usize, max_blank: usize) -> Option<usize> {
    let mut blanks = 0;
    for (k, l) in lines.iter().enumerate().skip(from) {
        if !l.is_blank() {
            return Some(k);
        }
        blanks += 1;
        if blanks > max_blank {
            return None;
        }
    }
    None
}

/// A section heading, a case number or a decision header within the next few non-blank
/// lines says that the line before them was an item heading.
fn support_after(lines: &[Line], from: usize, lex: &Lexicon) -> f32 {
    let mut seen = 0;
    for line in lines.iter().skip(from).take(12) {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        if sections::heading(line, lex).is_some() {
            return 2.0;
        }
        if is_case_line(t, lex) {
            return 1.5;
        }
        // Another heading (the next TOC entry) ends the look: what follows is its.
        if t.starts_with(|c: char| c.is_ascii_digit()) || t.starts_with("Punkt ") {
            break;
        }
        seen += 1;
        if seen >= 3 {
            break;
        }
    }
    0.0
}

/// A separator line ("Til toppen"), a case number or the start of the document before
/// the heading.
fn separator_before(lines: &[Line], first: usize, lex: &Lexicon) -> bool {
    let prev = lines[..first].iter().rev().find(|l| !l.is_blank());
    match prev {
        None => true,
        Some(l) => {
            let t = l.trimmed();
            lex.segment
                .separators
                .iter()
                .any(|w| w.eq_ignore_ascii_case(t))
                || is_case_number(t)
        }
    }
}

/// A heading printed twice (a list of items over the body, or "• Pkt. 42 Title" then
/// "Pkt. 42" and the title again) is one heading: the first, with the support of both.
fn merge_repeats(lines: &[Line], out: &mut Vec<Candidate>) {
    let mut merged: Vec<Candidate> = Vec::with_capacity(out.len());
    for c in out.drain(..) {
        if let Some(prev) = merged.last_mut() {
            let near = c.line > prev.line
                && c.line - prev.line <= 6
                && lines[prev.line + 1..c.line]
                    .iter()
                    .filter(|l| !l.is_blank())
                    .count()
                    <= 1;
            let title = |k: &Candidate| {
                k.title.map(|t| {
                    let l = &lines[k.line];
                    crate::parse::lines::squash(&l.text[t.offset - l.offset..t.end() - l.offset])
                        .to_lowercase()
                })
            };
            let same_title = match (title(prev), title(&c)) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            if near && c.number == prev.number && same_title {
                prev.score = prev.score.max(c.score) + 0.5;
                prev.supported |= c.supported;
                continue;
            }
        }
        merged.push(c);
    }
    *out = merged;
}
