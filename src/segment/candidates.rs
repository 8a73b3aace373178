//! Heading candidates: every line that one of the heading styles of `rules/layouts.toml`
//! reads as an item heading, found in one pass, with what the lines around it say for it
//! (a section heading or case number after it, a separator before it). Which candidates are
//! the document's items is decided by [`super::chain`].

use super::styles::{HeadingStyle, Layouts, TitlePlace};
use crate::lexicon::Lexicon;
use crate::model::Span;
pub use crate::parse::items::is_case_line;
use crate::parse::items::is_case_number;
use crate::parse::lines::Line;
use crate::parse::sections;
use rustc_hash::FxHashMap;

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

/// A match's groups by index: start and end, `None` for a group that did not take part.
type Groups = Vec<Option<(usize, usize)>>;

/// Reads lines with the heading styles, reusing one set of capture slots per style.
struct Reader<'a> {
    layouts: &'a Layouts,
    lex: &'a Lexicon,
    styles: &'a [usize],
    slots: Vec<regex::CaptureLocations>,
    /// No style is left out: one search with every style at once finds the first that reads
    /// a line.
    every_style: bool,
    /// The groups of a style's match, by the match's shape (its text with every digit made
    /// `0`): the patterns tell digits apart only as digits, so "12. " and "13. " have the
    /// same groups. A document writes its headings in a few shapes; the group search costs
    /// four times the search for the match, and runs once per shape.
    groups_by_shape: FxHashMap<(usize, Vec<u8>), Option<Groups>>,
}

impl<'a> Reader<'a> {
    fn new(layouts: &'a Layouts, lex: &'a Lexicon, styles: &'a [usize]) -> Self {
        let slots = layouts
            .styles
            .iter()
            .map(|s| s.regex.capture_locations())
            .collect();
        Reader {
            layouts,
            lex,
            styles,
            slots,
            every_style: styles.len() == layouts.styles.len(),
            groups_by_shape: FxHashMap::default(),
        }
    }

    /// The first style that reads `t` as a heading.
    fn read_any(&mut self, t: &str) -> Option<(usize, Reading)> {
        if looks_like_a_figure(t) || !number_then_title(t) {
            return None;
        }
        let mut from = 0;
        if self.every_style {
            // Which style reads the line, by the fast search without groups; then that
            // style's groups, from the few bytes its match spans.
            let input = regex_automata::Input::new(t).anchored(regex_automata::Anchored::Yes);
            let found = self.layouts.any.search(&input)?;
            let s = found.pattern().as_usize();
            let style = &self.layouts.styles[s];
            let matched = &t[..found.end()];
            let shape: Vec<u8> = matched
                .bytes()
                .map(|b| if b.is_ascii_digit() { b'0' } else { b })
                .collect();
            let caps = &mut self.slots[s];
            let groups = self.groups_by_shape.entry((s, shape)).or_insert_with(|| {
                style.regex.captures_read(caps, matched)?;
                Some((0..caps.len()).map(|i| caps.get(i)).collect())
            });
            if let Some(groups) = groups {
                let group = |i: usize| groups.get(i).copied().flatten();
                if let Some(r) = interpret(t, style, self.lex, group) {
                    return Some((s, r));
                }
            }
            // The title did not pass: a later style may still read the line.
            from = s + 1;
        }
        for k in from..self.styles.len() {
            let s = self.styles[k];
            if let Some(r) = self.read(t, s) {
                return Some((s, r));
            }
        }
        None
    }

    /// Read `t` with style `s` (byte offsets relative to `t`).
    fn read(&mut self, t: &str, s: usize) -> Option<Reading> {
        let style = &self.layouts.styles[s];
        if !style.starts.admits(t) {
            return None;
        }
        let caps = &mut self.slots[s];
        style.regex.captures_read(caps, t)?;
        let caps = &*caps;
        interpret(t, style, self.lex, |i| caps.get(i))
    }
}

/// The heading a style's match in `t` reads, given the match's groups by index; `None` when
/// the number or the title is no heading's.
fn interpret(
    t: &str,
    style: &HeadingStyle,
    lex: &Lexicon,
    group: impl Fn(usize) -> Option<(usize, usize)>,
) -> Option<Reading> {
    let g = style.groups;
    let get = |i: Option<usize>| i.and_then(&group);
    let (na, nz) = get(g.number).or_else(|| get(g.number2))?;
    let value: u32 = t[na..nz].parse().ok()?;
    if value == 0 {
        return None;
    }
    // The title is the rest of the line: the patterns stop where it starts.
    let (_, end) = group(0)?;
    let title = (end < t.len()).then_some((end, t.len()));
    let glued = get(g.sep).is_some_and(|(a, b)| a == b);
    if let Some((a, b)) = title {
        let t = &t[a..b];
        if !title_start_ok(t, glued, style.strength) || not_a_title(t, lex) {
            return None;
        }
    }
    let closed = get(g.status)
        .or_else(|| get(g.status2))
        .is_some_and(|(a, b)| t[a..b].eq_ignore_ascii_case("lukket"));
    Some(Reading {
        number: value,
        number_span: (na, nz),
        suffix: get(g.suffix).map(|(a, b)| t[a..b].to_string()),
        title,
        bullet: get(g.bullet).is_some(),
        closed,
    })
}

/// A line that starts with a number reads as a heading only when a title can follow it as
/// every style writes one: after a full stop or spaces (and perhaps " : "), a capital
/// letter, a digit, a quotation mark or a parenthesis — or nothing (the number alone). A
/// quick look that turns away list points ("2. at …", "1) for …"), case numbers ("24/1234")
/// and ranges before any pattern is tried; the patterns decide the rest.
fn number_then_title(t: &str) -> bool {
    let t = t.trim_start_matches(|c| crate::parse::lines::is_bullet(c) || c == ' ');
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return true; // a heading word's line: for the patterns
    }
    let mut rest = &t[digits..];
    // "12a"
    if let Some(c) = rest.chars().next().filter(|c| c.is_lowercase()) {
        if !rest[c.len_utf8()..].starts_with(char::is_alphabetic) {
            rest = &rest[c.len_utf8()..];
        }
    }
    // "1) 3. behandling af …" (Folketinget) but not "1)for" or "1)".
    let rest = match rest.strip_prefix(')') {
        Some(r) if r.starts_with(' ') => r,
        _ => rest,
    };
    let after = rest.trim_start_matches(['.', ' ', ':']);
    if after.len() == rest.len() && !rest.is_empty() {
        return false; // "24/1234", "1)", "12-15"
    }
    after
        .chars()
        .next()
        .is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“”„«'(§".contains(c))
}

/// "1.250.000 kr.", "15.04.2026", "2.093,8", "1\t…": a figure, a date or a table row starts
/// with a number, but no heading does so.
fn looks_like_a_figure(t: &str) -> bool {
    let b = t.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    match (b.get(digits), b.get(digits + 1)) {
        (Some(b'.' | b','), Some(d)) => d.is_ascii_digit(),
        (Some(b'\t'), _) => true,
        _ => false,
    }
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

fn heading_first(lex: &Lexicon) -> &crate::fold::FirstBytes {
    lex.segment.heading_first.get_or_init(|| {
        crate::fold::FirstBytes::new(lex.segment.heading_words.iter().map(String::as_str))
    })
}

/// Only lines that start like a heading are read by the patterns: a digit, a bullet, or one
/// of the words headings start with ("Punkt", "Pkt.", "Nr.", "Sag", "åbent"). Most lines are
/// prose and stop here.
fn may_start_heading(t: &str, lex: &Lexicon) -> bool {
    match t.as_bytes().first() {
        Some(b) if b.is_ascii_digit() || *b == b'*' => true,
        // "•" and the other bullets start with 0xC2 or 0xE2.
        Some(0xC2 | 0xE2) => true,
        Some(_) if !heading_first(lex).may_start(t) => false,
        Some(_) => {
            let word = t.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            // A word of another length is none of them (case never changes these words'
            // lengths): most lines stop at the comparison of lengths.
            lex.segment
                .heading_words
                .iter()
                .any(|w| w.len() == word.len() && crate::lexicon::eq_fold(w, word))
        }
        None => false,
    }
}

/// Every heading candidate of the document, in order. `labels` are the words a heading may
/// be glued to ("Indholdsfortegnelse1. Fraværende"); `styles` restricts the styles tried
/// (a pinned layout), `None` tries every style.
pub fn find(
    doc: &str,
    lines: &[Line],
    lex: &Lexicon,
    layouts: &Layouts,
    styles: Option<&[usize]>,
    glue_words: &[String],
) -> Vec<Candidate> {
    let all: Vec<usize> = (0..layouts.styles.len()).collect();
    let styles = styles.unwrap_or(&all);
    // The styles in the order of rules/layouts.toml: the first that reads a line wins.
    let mut reader = Reader::new(layouts, lex, styles);
    let punkt = layouts.style_index("punkt").filter(|s| styles.contains(s));
    // "Punkt " glued to the text before it ("Godkendt.Punkt 2:"): one search of the whole
    // text, not one per line; a word holds no line break, so each lies inside one line.
    let mut glued = memchr::memmem::find_iter(doc.as_bytes(), b"Punkt ")
        .filter(|&at| at > 0 && !doc.as_bytes()[at - 1].is_ascii_whitespace())
        .peekable();
    // The first two bytes of the labels a heading may be glued to, in lower case: most lines
    // that start like one ("Det", "For") part from every label at the second byte.
    let glue_starts: Vec<[u8; 2]> = glue_words.iter().map(|w| first_two(w)).collect();
    let glue_first = crate::fold::FirstBytes::new(glue_words.iter().map(String::as_str));
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trimmed();
        if t.is_empty() || t.len() > 400 {
            continue;
        }
        let at = line.span().offset;
        if may_start_heading(t, lex) {
            if let Some((s, r)) = reader.read_any(t) {
                out.push(candidate(lines, i, at, r, s, false, lex, layouts));
                continue;
            }
        }
        // Glued to a label: "Indholdsfortegnelse1. Fraværende".
        let may_glue = glue_first.may_start(t) && glue_starts.contains(&first_two(t));
        if let Some(rest) = may_glue
            .then(|| glue_words.iter().find_map(|w| starts_with_glued(t, w)))
            .flatten()
        {
            let rest_at = line.offset_of(rest);
            if let Some((s, r)) = reader.read_any(rest) {
                out.push(candidate(lines, i, rest_at, r, s, true, lex, layouts));
                continue;
            }
        }
        // Glued to the previous page's text: "Godkendt.Punkt 2: …", "…28Punkt 1: …".
        let line_end = line.offset + line.text.len();
        while glued.next_if(|&g| g < at).is_some() {}
        if let (Some(s), Some(&g)) = (punkt, glued.peek()) {
            if g < line_end {
                if let Some(r) = reader.read(&doc[g..line_end], s) {
                    out.push(candidate(lines, i, g, r, s, true, lex, layouts));
                }
            }
        }
    }
    merge_repeats(lines, &mut out);
    out
}

/// A text's first two bytes, ASCII letters in lower case; only the first when it is not
/// ASCII (a letter's cases differ in their second byte: "Ø" is C3 98, "ø" C3 B8).
fn first_two(t: &str) -> [u8; 2] {
    let b = t.as_bytes();
    let at = |i: usize| b.get(i).map_or(0, u8::to_ascii_lowercase);
    match at(0) {
        first if first.is_ascii() => [first, at(1)],
        first => [first, 0],
    }
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
    let title = |k: &Candidate| {
        k.title.map(|t| {
            let l = &lines[k.line];
            crate::parse::lines::squash(&l.text[t.offset - l.offset..t.end() - l.offset])
                .to_lowercase()
        })
    };
    let mut merged: Vec<Candidate> = Vec::with_capacity(out.len());
    for c in out.drain(..) {
        let repeat = merged.last().is_some_and(|prev| {
            c.number == prev.number
                && c.line > prev.line
                && c.line - prev.line <= 6
                && lines[prev.line + 1..c.line]
                    .iter()
                    .filter(|l| !l.is_blank())
                    .count()
                    <= 1
                && match (title(prev), title(&c)) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                }
        });
        match merged.last_mut() {
            Some(prev) if repeat => {
                prev.score = prev.score.max(c.score) + 0.5;
                prev.supported |= c.supported;
            }
            _ => merged.push(c),
        }
    }
    *out = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::segment::styles::layouts;

    /// Every heading style reads its examples as documented and none of its counter-examples.
    #[test]
    fn every_heading_style_reads_its_examples() {
        let l = layouts();
        let mut wrong = Vec::new();
        for (s, style) in l.styles.iter().enumerate() {
            for (line, number, title) in &style.examples {
                match Reader::new(l, lexicon(), &[]).read(line, s) {
                    Some(r) => {
                        let got = r.title.map(|(a, b)| &line[a..b]).unwrap_or("");
                        if r.number != *number || got != title {
                            wrong.push(format!(
                                "{}: {line:?} read as {} {got:?}",
                                style.id, r.number
                            ));
                        }
                    }
                    None => wrong.push(format!("{}: {line:?} not read", style.id)),
                }
            }
            for line in &style.not {
                if Reader::new(l, lexicon(), &[]).read(line, s).is_some() {
                    wrong.push(format!("{}: {line:?} read as a heading", style.id));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn headings_in_prose_are_no_candidates() {
        let text = "Punkt 28 blev behandlet før punkt 27.\njf. punkt 8: se ovenfor\n1. at dagsordenen godkendes\nSide 2 af 9\nPage 1 of 8\n2026\n1.250.000 kr.\n15-04-2026\nKl. 16.15: Dialogmøde\n";
        let lines = crate::parse::lines::lines(text, 0);
        let c = find(
            text,
            &lines,
            lexicon(),
            layouts(),
            None,
            &lexicon().header.toc,
        );
        assert!(c.is_empty(), "{c:?}");
    }
}
