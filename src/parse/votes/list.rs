//! A list of voters: "B (1), O(1) og A(1)", "S, V, Victoria Velasquez (EL) og Jeppe Søe
//! (UFG)", "A+V+C", "Michael Dorph Jensen, …, Signe Ejersbo og Susanne Damsgaard", one name a
//! line under "Følgende undlod at stemme:".

use super::group::{trim_group, Group};
use super::text::{is_digits, number, pieces, squash, strip_word};
use super::Sent;
use crate::lexicon::VoteWords;
use crate::model::{PartyCount, Span};
use crate::parse::lines::offset_in;

/// The list in `s.text[a..b]`, or `None` when an entry is neither a party nor a name.
/// `own_lines`: the list starts on a line of its own, one entry a line.
pub(super) fn list(s: &Sent, a: usize, b: usize, w: &VoteWords, own_lines: bool) -> Option<Group> {
    let mut entries = Vec::new();
    for (ia, ib) in split_list(s.text, a, b, own_lines) {
        let (ia, ib) = trim_group(s.text, ia, ib);
        let ia = if own_lines {
            after_bullet(s.text, ia, ib)
        } else {
            ia
        };
        if ia >= ib {
            continue;
        }
        entries.push(item(s, ia, ib, w)?);
    }
    Some(gather(entries))
}

/// One entry of a list.
enum Entry {
    /// A party, and where a count written in parentheses after it stands ("F (5)").
    Party(PartyCount, Option<Span>),
    /// A name, the party written with it, the name's span.
    Name(String, Option<String>, Span),
}

/// The entries as a group. A count after the last of several parties only is the group's:
/// "A, V og F (5)", "C og O (2)" (F has not 5 votes, the three parties have).
fn gather(mut entries: Vec<Entry>) -> Group {
    let mut g = Group::default();
    let counted = entries
        .iter()
        .filter(|e| matches!(e, Entry::Party(p, _) if p.count.is_some()))
        .count();
    if entries.len() >= 2 && counted == 1 {
        if let Some(Entry::Party(p, Some(at))) = entries.last_mut() {
            g.count = p.count.take().map(|n| (n, *at));
        }
    }
    for e in entries {
        match e {
            Entry::Party(p, _) => g.parties.push(p),
            Entry::Name(n, party, span) => g.names.push((n, party, span)),
        }
    }
    g
}

/// The entries of a list in `text[a..b]` as byte ranges: split at commas, semicolons, "+",
/// "og" and "samt" outside parentheses, after a stray closing parenthesis before a capital
/// ("Anna Berg (C)) Bo Ib (V)"), and at line breaks when `own_lines`. Lazy: most candidate
/// groups fail at their first entry.
fn split_list(
    text: &str,
    a: usize,
    b: usize,
    own_lines: bool,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = &text.as_bytes()[a..b];
    let mut depth = 0i32;
    pieces(bytes.len(), move |at| {
        match bytes[at] {
            b'(' => depth += 1,
            b')' if depth > 0 => depth -= 1,
            b')' => {
                let rest = &text[a + at + 1..a + bytes.len()];
                let next = rest.trim_start();
                if next.len() < rest.len() && next.chars().next().is_some_and(char::is_uppercase) {
                    return Some((at + 1, at + 1));
                }
            }
            b',' | b';' | b'+' if depth == 0 => return Some((at, at + 1)),
            b'\n' if depth == 0 && own_lines => return Some((at, at + 1)),
            c if c.is_ascii_whitespace() && depth == 0 => {
                let rest = &bytes[at + 1..];
                for conj in [&b"og "[..], b"samt ", b"og\n"] {
                    if rest.starts_with(conj) {
                        return Some((at, at + 1 + conj.len()));
                    }
                }
            }
            _ => {}
        }
        None
    })
    .map(move |(start, end)| (a + start, a + end))
}

/// Where an entry starts after its bullet ("- Anna Berg", "• Bo Ib").
fn after_bullet(text: &str, a: usize, b: usize) -> usize {
    let t = &text[a..b];
    let rest = t.trim_start_matches(|c: char| {
        crate::parse::lines::is_bullet(c) || c == '-' || c == '–' || c.is_whitespace()
    });
    a + (t.len() - rest.len())
}

/// One list entry.
fn item(s: &Sent, a: usize, b: usize, w: &VoteWords) -> Option<Entry> {
    let t = without_stray_close(&s.text[a..b]);
    let span = Span::new(s.base + a, t.len());
    // "1 RV (ved en fejl)", "10 medlemmer af A (Anna Berg, …)": a count written before the
    // party. The names of such a party are not the side's names: its total is the count.
    let mut words = t.splitn(2, char::is_whitespace);
    let head = words.next().unwrap_or("");
    if let (true, Some(rest)) = (is_digits(head), words.next()) {
        let n = number(head, w)?;
        let mut rest = rest.trim();
        for word in w.count_nouns.iter().chain(&w.count_of) {
            if let Some(r) = strip_word(rest, word) {
                rest = r.trim_start();
            }
        }
        let (main, note) = split_paren(rest);
        let party = party(s, main, w)?;
        return Some(Entry::Party(
            PartyCount {
                party,
                count: Some(n),
                span,
                note: note.map(str::to_string),
            },
            None,
        ));
    }
    let (main, paren) = split_paren(t);
    if let Some(party) = party(s, main, w) {
        let paren = paren.map(str::trim);
        let count = paren.and_then(|p| number(p, w));
        // A party letter takes a count in parentheses only; a party written out may also
        // carry its letter ("Enhedslisten (Ø)").
        if paren.is_some() && count.is_none() && is_party_letter(main) {
            return None;
        }
        let count_span = paren
            .filter(|_| count.is_some())
            .map(|p| Span::new(s.base + offset_in(s.text, p), p.len()));
        return Some(Entry::Party(
            PartyCount {
                party,
                count,
                span,
                note: None,
            },
            count_span,
        ));
    }
    if is_person_name(main) {
        let party = match paren {
            Some(p) => Some(self::party(s, p.trim(), w)?),
            None => None,
        };
        return Some(Entry::Name(
            squash(main),
            party,
            Span::new(s.base + a, main.len()),
        ));
    }
    None
}

/// The party a stretch of `s.text` names: a letter ("A", "EL", "V2"), a letter after a word
/// such as "Liste" ("Liste B"), or a name written out, as its letter when it has one
/// ("Socialistisk Folkeparti" → "F", "Rebildlisten").
fn party(s: &Sent, t: &str, w: &VoteWords) -> Option<String> {
    if t.is_empty() {
        return None;
    }
    if is_party_letter(t) {
        return Some(t.to_string());
    }
    let at = offset_in(s.text, t);
    let lower = &s.lower[at..at + t.len()];
    if let Some((word, letter)) = t.split_once(' ') {
        let word = word.to_lowercase();
        if is_party_letter(letter) && w.party_letter_words.contains(&word) {
            return Some(letter.to_string());
        }
    }
    if w.names_party(lower) {
        return Some(
            w.party_letter(lower)
                .map_or_else(|| squash(t), str::to_string),
        );
    }
    None
}

/// `t` without closing parentheses that close nothing: "Anna Berg (C))".
fn without_stray_close(t: &str) -> &str {
    let mut t = t;
    while t.ends_with(')') && t.matches(')').count() > t.matches('(').count() {
        t = t[..t.len() - 1].trim_end();
    }
    t
}

/// "Victoria Velasquez (EL)" → ("Victoria Velasquez", Some("EL")).
fn split_paren(t: &str) -> (&str, Option<&str>) {
    let t = t.trim();
    if t.ends_with(')') {
        if let Some(open) = t.find('(') {
            return (t[..open].trim_end(), Some(&t[open + 1..t.len() - 1]));
        }
    }
    (t, None)
}

/// Party letters as minutes write them: "A", "C", "Ø", "EL", "UFG", "RV", "V2".
fn is_party_letter(t: &str) -> bool {
    let n = t.chars().count();
    (1..=4).contains(&n)
        && t.chars().next().is_some_and(char::is_uppercase)
        && t.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Two to six capitalised words (with hyphens, initials, particles): "Jan E. Jørgensen",
/// "Tom Vang Knudsen". One word is no voter's name: "Magistraten", "Direktionen", "V".
fn is_person_name(n: &str) -> bool {
    const PARTICLES: [&str; 7] = ["von", "van", "de", "la", "af", "du", "el"];
    crate::names::capitalised_words(n, &PARTICLES).is_some_and(|(count, _)| count >= 2)
}
