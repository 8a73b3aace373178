//! Per-item attendance, as the corpus writes it:
//! - "Afbud Emil Viskum", "Afbud: Susanne Provstgaard (V)." (a line opener, then names);
//! - "Fraværende Malene Rask, Raul Puf, Mohammed Hamad", or "Fraværende:" with the names on
//!   the following lines;
//! - "Tom Vang Knudsen deltog i stedet for Kristine Henriksen og Lone Yalcinkaya deltog i
//!   stedet for Suleman Naim." (several substitutions in one sentence);
//! - prose: "Jesper Kjeldsen deltog ikke i sagens behandling.", "X forlod mødet …",
//!   "X erklærede sig inhabil", "X var forhindret i at deltage".

use super::lines::{starts_with_word, Line};
use crate::lexicon::{AttendanceWords, Lexicon};
use crate::model::{Absence, AbsenceKind, Attendance, Span, Substitution, Text};

pub fn parse(doc: &str, lines: &[Line], lex: &Lexicon) -> Attendance {
    let words = &lex.attendance;
    let mut att = Attendance::default();
    // One quick pass over the whole body for the prose phrases' anchor words: most lines
    // hold none, and only those that do are read.
    let mut prose_hits = prose_hits(doc, lines, words).peekable();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let t = line.trimmed();
        i += 1;
        if t.is_empty() || t.len() > 600 {
            continue;
        }
        if let Some((kind, rest)) = opener(t, words) {
            let rest_trim = rest.trim_start_matches([':', ' ']).trim();
            if rest_trim.is_empty() {
                // "Fraværende:" — the names follow on the next non-blank lines.
                while i < lines.len() && lines[i].is_blank() {
                    i += 1;
                }
                while i < lines.len()
                    && !lines[i].is_blank()
                    && is_name_list(lines[i].trimmed())
                    && opener(lines[i].trimmed(), words).is_none()
                {
                    let l = &lines[i];
                    names(
                        l.trimmed(),
                        l.span().offset,
                        kind,
                        l.span(),
                        words,
                        &mut att.absences,
                    );
                    i += 1;
                }
            } else if is_name_list(rest_trim) {
                let offset = line.offset_of(rest_trim);
                names(
                    rest_trim,
                    offset,
                    kind,
                    line.span(),
                    words,
                    &mut att.absences,
                );
            }
            continue;
        }
        let line_end = line.offset + line.text.len();
        while prose_hits.next_if(|&at| at < line.offset).is_some() {}
        if prose_hits.peek().is_some_and(|&at| at < line_end) {
            prose(line, words, &mut att);
        }
    }
    dedupe(&mut att.absences);
    att
}

/// "Afbud …" / "Fraværende …" at the start of a line.
fn opener<'a>(t: &'a str, words: &AttendanceWords) -> Option<(AbsenceKind, &'a str)> {
    let mut best: Option<(AbsenceKind, &'a str)> = None;
    for (list, kind) in [
        (&words.afbud, AbsenceKind::Afbud),
        (&words.absent, AbsenceKind::Fravaerende),
    ] {
        for w in list {
            if let Some(rest) = starts_with_word(t, w) {
                // Prefer the longest opener ("Fraværende var" over "Fraværende").
                if best.is_none_or(|(_, r)| rest.len() < r.len()) {
                    best = Some((kind, rest));
                }
            }
        }
    }
    best
}

/// A line that is only names: "Henrik Torning", "Malene Rask, Raul Puf og Mohammed Hamad",
/// "Susanne Provstgaard (V).".
pub fn is_name_list(t: &str) -> bool {
    let t = t.trim_end_matches('.');
    if t.is_empty() || t.len() > 300 {
        return false;
    }
    split_names(t)
        .iter()
        .all(|(n, _)| is_name(strip_party(n).0))
}

/// Capitalised words (with hyphens, apostrophes), 1 to 6 of them, lower-case particles allowed.
fn is_name(n: &str) -> bool {
    const PARTICLES: [&str; 6] = ["von", "van", "de", "la", "af", "du"];
    crate::names::capitalised_words(n, &PARTICLES).is_some()
}

/// Split "A, B og C" into names with their offsets relative to `t`.
fn split_names(t: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = t.as_bytes();
    let mut i = 0;
    let mut depth = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b',' if depth == 0 => {
                out.push((&t[start..i], start));
                start = i + 1;
            }
            b' ' if depth == 0 && t[i..].starts_with(" og ") => {
                out.push((&t[start..i], start));
                start = i + 4;
                i += 3;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((&t[start..], start));
    out.into_iter()
        .filter_map(|(n, off)| {
            let lead = n.len() - n.trim_start().len();
            let n = n.trim();
            (!n.is_empty()).then_some((n, off + lead))
        })
        .collect()
}

/// "Susanne Provstgaard (V)" → ("Susanne Provstgaard", Some("V")).
fn strip_party(n: &str) -> (&str, Option<&str>) {
    let n = n.trim_end_matches('.');
    if let Some(open) = n.rfind('(') {
        if n.ends_with(')') {
            return (n[..open].trim_end(), Some(n[open + 1..n.len() - 1].trim()));
        }
    }
    (n, None)
}

fn strip_title<'a>(n: &'a str, words: &AttendanceWords) -> &'a str {
    for t in &words.titles {
        if let Some(rest) = starts_with_word(n, t) {
            return rest.trim_start();
        }
    }
    n
}

fn names(
    t: &str,
    offset: usize,
    kind: AbsenceKind,
    line: Span,
    words: &AttendanceWords,
    out: &mut Vec<Absence>,
) {
    for (n, off) in split_names(t.trim_end_matches('.')) {
        let (name, party) = strip_party(n);
        let name = strip_title(name, words);
        let name_off =
            offset + off + (n.len() - n.trim_start().len()) + (strip_party(n).0.len() - name.len());
        if is_name(name) {
            out.push(Absence {
                name: name.to_string(),
                party: party.map(str::to_string),
                kind,
                span: Span::new(name_off, name.len()),
                line,
            });
        }
    }
}

/// Attendance recorded in sentences.
fn prose(line: &Line, words: &AttendanceWords, att: &mut Attendance) {
    let t = line.text;
    if !prose_phrases(words).is_match(t) {
        return;
    }
    for sentence in sentences(t) {
        let s_off = line.offset_of(sentence);
        let s = sentence.trim();
        let s_off = s_off + (sentence.len() - sentence.trim_start().len());
        let line_span = Span::new(s_off, s.len());
        // Every phrase of the sentence in one search: (list, index in the list, offset).
        let lists = prose_lists(words);
        let hits: Vec<(usize, usize, usize)> = prose_phrases(words)
            .find_overlapping_iter(s)
            .map(|m| {
                let (list, k) = list_of(&lists, m.pattern().as_usize());
                (list, k, m.start())
            })
            .collect();
        // Substitutions: "X deltog i stedet for Y og Z deltog i stedet for W" (the first
        // phrase of the list that the sentence holds).
        if let Some(&(_, k, _)) = hits.iter().filter(|h| h.0 == 0).min_by_key(|h| h.1) {
            substitutions(s, s_off, &words.substitute[k], line_span, att);
            continue;
        }
        let kinds = [
            AbsenceKind::DeltogIkke,
            AbsenceKind::ForlodMoedet,
            AbsenceKind::Inhabil,
            AbsenceKind::Fravaerende,
        ];
        for (list, kind) in kinds.into_iter().enumerate().map(|(k, kind)| (k + 1, kind)) {
            // The phrase after a word: " deltog ikke".
            if let Some(pos) = hits
                .iter()
                .filter(|h| h.0 == list && h.2 > 0 && s.as_bytes()[h.2 - 1] == b' ')
                .map(|h| h.2 - 1)
                .min()
            {
                let subject = &s[..pos];
                if is_name_list(strip_title(subject, words))
                    || split_names(subject)
                        .iter()
                        .all(|(n, _)| is_name(strip_title(strip_party(n).0, words)))
                {
                    names(subject, s_off, kind, line_span, words, &mut att.absences);
                }
                break;
            }
        }
    }
}

fn substitutions(s: &str, s_off: usize, phrase: &str, line_span: Span, att: &mut Attendance) {
    // Pieces: "X deltog i stedet for Y og Z deltog i stedet for W."
    let parts: Vec<&str> = s.split(phrase).collect();
    let mut pos = 0;
    let mut subs: Vec<(&str, usize)> = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let part_off = pos;
        pos += part.len() + phrase.len();
        if k == 0 {
            subs.push((
                part.trim(),
                part_off + (part.len() - part.trim_start().len()),
            ));
            continue;
        }
        // "Y og Z" — Y is the replaced member of the previous pair, Z the next substitute.
        let body = part.trim_end_matches(['.', ' ']);
        let (replaced, next) = if k + 1 < parts.len() {
            match body.rfind(" og ").or_else(|| body.rfind(", ")) {
                Some(p) => (
                    &body[..p],
                    Some((&body[p + 4.min(body.len() - p)..], p + 4)),
                ),
                None => (body, None),
            }
        } else {
            (body, None)
        };
        let lead = replaced.len() - replaced.trim_start().len();
        let replaced_t = replaced.trim();
        if let Some((sub, sub_off)) = subs.last().copied() {
            if is_name(sub) && is_name(replaced_t) {
                att.substitutions.push(Substitution {
                    substitute: Text::new(sub, Span::new(s_off + sub_off, sub.len())),
                    replaced: Text::new(
                        replaced_t,
                        Span::new(s_off + part_off + lead, replaced_t.len()),
                    ),
                    span: line_span,
                });
            }
        }
        if let Some((n, rel)) = next {
            let lead = n.len() - n.trim_start().len();
            subs.push((n.trim(), part_off + rel + lead));
        }
    }
}

/// Where a prose phrase may start in the lines' stretch of `doc` (an anchor word of one),
/// in order; every line start where no SIMD search is at hand.
fn prose_hits<'a>(
    doc: &'a str,
    lines: &'a [Line],
    words: &'a AttendanceWords,
) -> Box<dyn Iterator<Item = usize> + 'a> {
    let from = lines.first().map_or(0, |l| l.offset);
    let to = lines.last().map_or(0, |l| l.offset + l.text.len());
    let text = doc.get(from..to).unwrap_or("");
    let anchors = words.prose_anchors.get_or_init(|| {
        crate::fold::Anchors::new(prose_lists(words).into_iter().flatten().map(String::as_str))
    });
    match anchors.starts(text) {
        Some(starts) => Box::new(starts.map(move |at| from + at)),
        None => Box::new(lines.iter().map(|l| l.offset)),
    }
}

/// Every phrase that records attendance in prose, as one automaton built once per lexicon.
fn prose_phrases(words: &AttendanceWords) -> &aho_corasick::AhoCorasick {
    words.prose_automaton.get_or_init(|| {
        aho_corasick::AhoCorasick::new(prose_lists(words).into_iter().flatten())
            .expect("lexicon phrases build an automaton")
    })
}

/// Which of `lists` the phrase with this id of [`prose_phrases`] comes from, and its index there.
fn list_of(lists: &[&Vec<String>], mut id: usize) -> (usize, usize) {
    for (k, list) in lists.iter().enumerate() {
        if id < list.len() {
            return (k, id);
        }
        id -= list.len();
    }
    (lists.len(), id)
}

/// The lexicon's lists of phrases that record attendance in prose.
fn prose_lists(words: &AttendanceWords) -> [&Vec<String>; 5] {
    [
        &words.substitute,
        &words.not_participating,
        &words.left,
        &words.inhabil,
        &words.prevented,
    ]
}

/// Sentences of a line: split after ". " (but not after initials or abbreviations like "kl.").
fn sentences(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in t.match_indices(". ") {
        let before = &t[start..i];
        let last_word = before.rsplit(' ').next().unwrap_or("");
        if last_word.chars().count() <= 2 || last_word == "kl" {
            continue;
        }
        out.push(&t[start..i + 1]);
        start = i + 2;
    }
    out.push(&t[start..]);
    out
}

/// The same absence recorded twice on one item (000 records "Fraværende:" in the decision
/// and again at the end of the item) counts once; the first occurrence is kept.
fn dedupe(absences: &mut Vec<Absence>) {
    let mut seen = std::collections::HashSet::new();
    absences.retain(|a| seen.insert((a.name.clone(), a.kind)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::parse::lines::lines;

    fn att(text: &str) -> Attendance {
        parse(text, &lines(text, 0), lexicon())
    }

    fn named(a: &Attendance) -> Vec<(&str, AbsenceKind)> {
        a.absences
            .iter()
            .map(|a| (a.name.as_str(), a.kind))
            .collect()
    }

    #[test]
    fn line_openers() {
        let a = att("Afbud Emil Viskum\n\nAfbud: Susanne Provstgaard (V).\nFraværende Malene Rask, Raul Puf, Mohammed Hamad");
        let names = named(&a);
        assert_eq!(
            names,
            [
                ("Emil Viskum", AbsenceKind::Afbud),
                ("Susanne Provstgaard", AbsenceKind::Afbud),
                ("Malene Rask", AbsenceKind::Fravaerende),
                ("Raul Puf", AbsenceKind::Fravaerende),
                ("Mohammed Hamad", AbsenceKind::Fravaerende)
            ]
        );
        assert_eq!(a.absences[1].party.as_deref(), Some("V"));
    }

    #[test]
    fn names_on_following_lines_and_spans() {
        let text = "Godkendt.\n\nFraværende:\n\nHenrik Torning\n\nSagsfremstilling\n\nFraværende Henrik Torning";
        let a = att(text);
        assert_eq!(a.absences.len(), 1);
        let s = a.absences[0].span;
        assert_eq!(&text[s.offset..s.end()], "Henrik Torning");
    }

    #[test]
    fn substitutions_in_one_sentence() {
        let text = "Tom Vang Knudsen deltog i stedet for Kristine Henriksen og Lone Yalcinkaya deltog i stedet for Suleman Naim.";
        let a = att(text);
        let pairs: Vec<_> = a
            .substitutions
            .iter()
            .map(|s| (s.substitute.text.as_str(), s.replaced.text.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Tom Vang Knudsen", "Kristine Henriksen"),
                ("Lone Yalcinkaya", "Suleman Naim")
            ]
        );
        for s in &a.substitutions {
            assert_eq!(
                &text[s.substitute.span.offset..s.substitute.span.end()],
                s.substitute.text
            );
            assert_eq!(
                &text[s.replaced.span.offset..s.replaced.span.end()],
                s.replaced.text
            );
        }
    }

    #[test]
    fn prose_absences() {
        let a = att("Socialdemokratiet tog forbehold.\nRådmand Nicolaj Bang og Jesper Kjeldsen deltog ikke i sagens behandling.");
        let names = named(&a);
        assert_eq!(
            names,
            [
                ("Nicolaj Bang", AbsenceKind::DeltogIkke),
                ("Jesper Kjeldsen", AbsenceKind::DeltogIkke)
            ]
        );
    }
}
