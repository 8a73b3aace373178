//! Lists of people as minutes write them, one helper for every parser that reads them:
//! "Anne Holm (A), Bo Dahl (V) og Carl Berg", one name a line with bullets or numbers, names
//! run together by a PDF transcript ("Anne Holm (A) Bo Dahl (V)"), and each entry's parts —
//! a title ("Formand", "Borgmester", "Kommunaldirektør"), the party in every shape ("(A)",
//! ", (A)", ", A", "(Enhedslisten)", "(u.p.)", "V2", "()"), a role ("1. næstformand",
//! "etnisk repræsentant"), a status ("- Deltog", ": Afbud", "(Afbud)"), a reason ("(ferie)",
//! "tjenesterejse"), and a substitution ("Stedfortræder for X", "Suppleant for X").

use super::lines::starts_with_word;
use crate::lexicon::{HeaderWords, Lexicon};
use crate::model::{ParticipantStatus, Span};

/// One person of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub span: Span,
    pub party: Option<String>,
    pub role: Option<String>,
    /// What the entry itself says ("- Afbud", "(Afbud)", "Stedfortræder for X").
    pub status: Option<ParticipantStatus>,
    pub substitute_for: Option<(String, Span)>,
    /// The substitute who stood in for this person ("X, F - Y stedfortræder", "Afbud fra X
    /// stedfortræder Y"): Y, read as an entry of its own.
    pub replaced_by: Option<Box<Entry>>,
    pub official: bool,
}

/// Split a one-line list ("A (A), B og C", "A (A) B (V) C (C)") into pieces (offsets
/// relative to `t`): at commas and " og " outside parentheses; a piece that is only a
/// party (", A", ", A (sygdom)") or a remark ("(ferie)", ", tjenesterejse") stays with the
/// name before it.
pub fn split_list(t: &str, lex: &Lexicon) -> Vec<(usize, usize)> {
    let mut raw = Vec::new();
    let b = t.as_bytes();
    let (mut depth, mut start, mut i) = (0i32, 0, 0);
    while i < b.len() {
        match b[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b',' | b';' if depth <= 0 => {
                raw.push((start, i));
                start = i + 1;
            }
            b' ' if depth <= 0 && (t[i..].starts_with(" og ") || t[i..].starts_with(" & ")) => {
                raw.push((start, i));
                start = i + 3;
                i += 2;
            }
            _ => {}
        }
        i += 1;
    }
    raw.push((start, t.len()));
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (a, z) in raw {
        let piece = t[a..z].trim();
        if piece.is_empty() {
            continue;
        }
        // ", A (sygdom)": a party with its remark.
        let head = piece.split('(').next().unwrap_or(piece).trim();
        let party = if head.is_empty() { piece } else { head };
        let attached = is_party(party.trim_matches(['(', ')', ' ']), lex) && party.len() <= 6
            || (piece.starts_with('(') && piece.ends_with(')'))
            || piece.starts_with(char::is_lowercase);
        match out.last_mut() {
            Some(last) if attached => last.1 = z,
            _ => out.extend(run_together(t, a, z, lex)),
        }
    }
    out
}

/// "Anne Holm (A) Bo Dahl (V)": a party's closing parenthesis followed by a capitalised word
/// ends an entry.
fn run_together(t: &str, a: usize, z: usize, lex: &Lexicon) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    let piece = &t[a..z];
    for (k, _) in piece.match_indices(") ") {
        let after = &piece[k + 2..];
        let next_upper = after.chars().next().is_some_and(char::is_uppercase);
        let inner_start = piece[..k].rfind('(').map(|p| p + 1).unwrap_or(k);
        let inner = &piece[inner_start..k];
        if next_upper && is_party(inner.trim(), lex) && !after.starts_with('(') {
            out.push((start, a + k + 1));
            start = a + k + 2;
        }
    }
    out.push((start, z));
    out
}

/// A party as lists write it: letters ("A", "UFG", "Ø"), with a digit ("V2"), "u.p.", or a
/// party's name ("Enhedslisten", "Socialdemokratiet", "Løsgænger", "Uden for parti").
pub fn is_party(t: &str, lex: &Lexicon) -> bool {
    let t = t.trim();
    if t.is_empty() {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let short = t.chars().count() <= 3
        && t.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && letters >= 1;
    let lower = t.to_lowercase();
    short
        || lower == "u.p."
        || lex
            .votes
            .party_names
            .iter()
            .any(|p| lower.starts_with(p.as_str()))
        || lex
            .header
            .non_party
            .iter()
            .any(|p| p.eq_ignore_ascii_case(t))
}

/// After a comma, without parentheses ("Kasper Holm, A"), only a party letter or a known
/// abbreviation is a party: "Ib Kjær, LO" names an organisation.
fn is_party_after_comma(t: &str, lex: &Lexicon) -> bool {
    let one_letter = t.chars().count() == 1 && t.chars().all(char::is_uppercase);
    one_letter
        || lex.header.party_letters.iter().any(|p| p == t)
        || (t.chars().count() > 3 && is_party(t, lex))
}

/// A decision's outcome word at the start ("Godkendt.", "Vedtaget Emil Holm …"): text run
/// into the names from the decision, never part of a name.
pub fn starts_with_outcome(t: &str, lex: &Lexicon) -> bool {
    let first = t.split([' ', '.', ',']).next().unwrap_or("");
    !first.is_empty()
        && lex
            .votes
            .adopted
            .iter()
            .chain(&lex.votes.rejected)
            .any(|w| crate::lexicon::eq_fold(w, first))
}

/// "Anna Holm pga. arbejde" → "Anna Holm": the reason for an absence is no part of the entry.
fn without_reason<'a>(s: &'a str, lex: &Lexicon) -> &'a str {
    // Most entries hold no word starting with a reason's first letter.
    let reasons = &lex.attendance.reasons;
    let b = s.as_bytes();
    let may = (1..b.len()).any(|i| {
        b[i - 1] == b' '
            && reasons
                .iter()
                .any(|r| r.as_bytes().first() == Some(&b[i].to_ascii_lowercase()))
    });
    if !may {
        return s;
    }
    let lower = crate::fold::lower_same_len(s);
    reasons
        .iter()
        .filter_map(|r| {
            lower
                .match_indices(r.as_str())
                .find(|&(p, _)| p > 0 && lower.as_bytes()[p - 1] == b' ')
                .map(|(p, _)| p - 1)
        })
        .min()
        .map_or(s, |p| s[..p].trim_end())
}

/// Read one entry (`t` starts at byte `base` of the document). `None` when it holds no
/// person's name.
pub fn entry(t: &str, base: usize, lex: &Lexicon) -> Option<Entry> {
    let h = &lex.header;
    let lead = t.len() - t.trim_start().len();
    let mut s = t.trim();
    let mut at = base + lead;
    // Bullets and numbering: "• ", "- ", "1. ".
    let trimmed = s.trim_start_matches(|c| {
        crate::parse::lines::is_bullet(c) || matches!(c, '-' | '–' | ' ' | '\t')
    });
    at += s.len() - trimmed.len();
    s = trimmed;
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 3 && s[digits..].starts_with(". ") {
        let rest = s[digits + 2..].trim_start();
        at += s.len() - rest.len();
        s = rest;
    }
    if h.nobody.iter().any(|w| w == s.trim_end_matches('.')) {
        return None;
    }
    s = without_reason(s, lex);
    let mut e = Entry {
        name: String::new(),
        span: Span::new(at, 0),
        party: None,
        role: None,
        status: None,
        substitute_for: None,
        replaced_by: None,
        official: false,
    };
    // "Y (A) Stedfortræder for X (A)", "Y (A), Suppleant for X", ", stedfortræder for X".
    // (Lower-cased only when a "for" is there: most entries are a name and a party.)
    let lower = if s.contains(" for ") {
        s.to_lowercase()
    } else {
        String::new()
    };
    for marker in ["stedfortræder for ", "suppleant for "] {
        if let Some(p) = lower.find(marker) {
            let replaced = s[p + marker.len()..].trim();
            let name_end = replaced.find(['(', ',']).unwrap_or(replaced.len());
            let name = replaced[..name_end].trim();
            if !name.is_empty() {
                let off = at + p + marker.len() + (s[p + marker.len()..].len() - replaced.len());
                e.substitute_for = Some((name.to_string(), Span::new(off, name.len())));
                e.status = Some(ParticipantStatus::Substitute);
            }
            s = s[..p].trim_end_matches([',', ' ']);
            break;
        }
    }
    // "X, F - Y stedfortræder", "X stedfortræder Y", "Y (A), stedfortræder", "Suppleant Y".
    if e.substitute_for.is_none() {
        if let Some(r) = stand_in(s, at, lex) {
            at += r.keep.start;
            s = &s[r.keep];
            match r.replaced_by {
                Some(y) => e.replaced_by = Some(Box::new(y)),
                None => e.status = Some(ParticipantStatus::Substitute),
            }
        }
    }
    // "Name (A) - Deltog", "Name: Afbud (…)", "Name (A)- afbud", "Name - deltog ikke …".
    if let Some((cut, status)) = status_suffix(s) {
        e.status = e.status.or(status);
        s = s[..cut].trim_end();
    }
    // Titles in front: "Formand", "Borgmester", "Vicepolitidirektør".
    for _ in 0..2 {
        let found = title_at_start(s, h);
        let Some((len, official)) = found else { break };
        let title = s[..len].trim();
        e.role = Some(title.to_string());
        e.official |= official;
        let rest = s[len..].trim_start();
        at += s.len() - rest.len();
        s = rest;
    }
    // The name: capitalised words up to a parenthesis, comma or " - ".
    let name_end = s
        .find(['(', ',', '\t'])
        .into_iter()
        .chain(s.find(" - "))
        .chain(s.find(" – "))
        .min()
        .unwrap_or(s.len());
    let (name_at, name) = name_words(&s[..name_end], h)?;
    e.name = name.to_string();
    e.span = Span::new(at + name_at, name.len());
    let mut roles: Vec<&str> = Vec::new();
    // "Ove Holm Grundejerforeningen Nord": the organisation after the name.
    let tail = s[name_at + name.len()..name_end].trim();
    if !tail.is_empty() && organisation(tail.split(' ').next().unwrap_or(""), h) {
        roles.push(tail);
    }
    // What follows the name: parentheses and comma-separated parts.
    let rest = &s[name_end..];
    for part in after_name_parts(rest) {
        let p = part.trim().trim_end_matches('.');
        if p.is_empty() {
            continue;
        }
        let inner = p.trim_start_matches('(').trim_end_matches(')').trim();
        let in_parens = p.starts_with('(');
        if h.afbud_marker.iter().any(|m| m.eq_ignore_ascii_case(inner)) {
            e.status = Some(ParticipantStatus::Afbud);
        } else if e.party.is_none()
            && ((in_parens && (inner.is_empty() || is_party(inner, lex)))
                || (!in_parens && is_party_after_comma(inner, lex)))
        {
            e.party = (!inner.is_empty()).then(|| inner.to_string());
        } else if !inner.is_empty() {
            if is_official(inner, h) {
                e.official = true;
            }
            roles.push(inner);
        }
    }
    if e.role.is_none() && !roles.is_empty() {
        e.role = Some(roles.join(", "));
    } else if let (Some(r), false) = (&mut e.role, roles.is_empty()) {
        *r = format!("{r}, {}", roles.join(", "));
    }
    Some(e)
}

/// The parts after a name: "(A) (borgmester)", ", (A)", ", A, (ferie)", " - Organisation".
fn after_name_parts(rest: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let rest = rest.trim_start_matches([' ', '-', '–']);
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => {
                if depth == 0 && i > start {
                    out.push(&rest[start..i]);
                    start = i;
                }
                depth += 1;
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    out.push(&rest[start..=i]);
                    start = i + 1;
                }
            }
            ',' if depth == 0 => {
                out.push(&rest[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&rest[start..]);
    out.into_iter()
        .map(|p| p.trim_start_matches([' ', '-', '–']))
        .collect()
}

/// The person's name in `t`: its capitalised words, after any place ("Hjørring Rådhus
/// Bendt Bak"), document kind ("REFERAT Maja Buskov") or label words, before any label
/// word after it. Two to six words.
fn name_words<'a>(t: &'a str, h: &HeaderWords) -> Option<(usize, &'a str)> {
    const PARTICLES: [&str; 7] = ["von", "van", "de", "la", "af", "du", "der"];
    let words: Vec<(usize, &str)> = t
        .split(' ')
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let is_label = |w: &str| {
        let w = w.trim_end_matches([':', '.']);
        h.remarks.iter().chain(&h.other_fields).any(|l| l == w)
    };
    let is_org = |k: usize, w: &str| k > 0 && organisation(w, h);
    let is_place = |w: &str| {
        h.place_words
            .iter()
            .any(|p| p == w.trim_end_matches([',', '.']))
    };
    let all_caps = |w: &str| w.chars().count() >= 3 && w.chars().all(|c| c.is_uppercase());
    let mut first = 0;
    for (k, (_, w)) in words.iter().enumerate() {
        if is_place(w) || all_caps(w) {
            first = k + 1;
        }
    }
    let mut last = words.len();
    for (k, (_, w)) in words.iter().enumerate().skip(first) {
        if is_label(w) || is_org(k - first, w) {
            last = k;
            break;
        }
    }
    if first >= last {
        return None;
    }
    // "… Vera Rindal åben": the item status a transcript ran onto the list's end.
    while last > first
        && h.open_closed
            .iter()
            .any(|m| crate::lexicon::eq_fold(m, words[last - 1].1))
    {
        last -= 1;
    }
    let words = &words[first.min(last)..last];
    let (a, _) = *words.first()?;
    let (z, w) = *words.last()?;
    let name = t[a..z + w.len()].trim_end_matches(['.', ':']);
    let n = crate::names::capitalised_words(name, &PARTICLES)?.0;
    ((2..=6).contains(&n)).then_some((a, name))
}

/// A word naming an organisation ("Grundejerforeningen", "Kommune"), never a person's.
fn organisation(w: &str, h: &HeaderWords) -> bool {
    let w = w.trim_end_matches([',', '.', ':']);
    // By bytes: a Danish letter has as many bytes in either case ("Æ", "æ").
    h.organisation_endings.iter().any(|end| {
        w.len() >= end.len()
            && w.is_char_boundary(w.len() - end.len())
            && crate::lexicon::eq_fold(&w[w.len() - end.len()..], end)
    })
}

/// What [`stand_in`] found in an entry.
struct StandIn {
    /// The part of the entry that is the person listed.
    keep: std::ops::Range<usize>,
    /// Who stood in for them; `None` when the entry itself is the substitute.
    replaced_by: Option<Entry>,
}

/// A substitute named in an entry without "for": "X, F - Y stedfortræder", "X (V) - Y (V)
/// mødte som stedfortræder", "X stedfortræder Y", "X: Afbud (Stedfortræder Y, …)", and the
/// entry that is a substitute itself: "Y (A), stedfortræder", "Suppleant Y (A)".
fn stand_in(s: &str, at: usize, lex: &Lexicon) -> Option<StandIn> {
    let h = &lex.header;
    let lower = crate::fold::lower_same_len(s);
    let any_marker = h.stand_in_set.get_or_init(|| {
        aho_corasick::AhoCorasick::new(h.stand_in_before.iter().chain(&h.stand_in_after))
            .expect("stand-in markers build an automaton")
    });
    if !any_marker.is_match(&lower) {
        return None;
    }
    let bounded = |p: usize, len: usize| {
        !s[..p]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && !s[p + len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    };
    let find = |markers: &[String]| -> Option<(usize, usize)> {
        markers
            .iter()
            .filter_map(|m| {
                lower
                    .match_indices(m.as_str())
                    .map(|(p, _)| p)
                    .find(|&p| bounded(p, m.len()))
                    .map(|p| (p, m.len()))
            })
            // The first marker, and the longest there ("mødte som stedfortræder").
            .min_by_key(|&(p, len)| (p, std::cmp::Reverse(len)))
    };
    let separators = [" - ", " – ", ", "];
    // "stedfortræder Y": the marker before a capitalised name.
    if let Some((p, len)) = find(&h.stand_in_before) {
        let after = &s[p + len..];
        let name = after.trim_start_matches([':', ' ']);
        if name.chars().next().is_some_and(char::is_uppercase) {
            let from = p + len + (after.len() - name.len());
            let mut depth = 0i32;
            let end = name
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth < 0 || (depth == 0 && matches!(c, ',' | ';'))
                })
                .map(|(i, _)| i)
                .unwrap_or(name.len());
            let y = &name[..end];
            let before = s[..p].trim_end_matches([' ', ',', '-', '–', '(', ':']);
            if before.is_empty() {
                return Some(StandIn {
                    keep: from..from + end,
                    replaced_by: None,
                });
            }
            if let Some(y) = entry(y, at + from, lex) {
                return Some(StandIn {
                    keep: 0..before.len(),
                    replaced_by: Some(y),
                });
            }
        }
    }
    // "Y stedfortræder": the marker at the end.
    let (p, len) = find(&h.stand_in_after)?;
    if !s[p + len..].trim_matches([' ', '.', ')']).is_empty() {
        return None;
    }
    let own = s[..p].trim_end_matches([' ', ',', '-', '–', ':']);
    if own.is_empty() {
        return None;
    }
    // "X - Y": the person before the last separator, the substitute after it.
    let split = separators
        .iter()
        .filter_map(|sep| own.rfind(sep).map(|q| (q, sep.len())))
        .max();
    if let Some((q, sep_len)) = split {
        let x = own[..q].trim_end();
        if let (false, Some(y)) = (
            x.is_empty(),
            entry(&own[q + sep_len..], at + q + sep_len, lex),
        ) {
            return Some(StandIn {
                keep: 0..x.len(),
                replaced_by: Some(y),
            });
        }
    }
    // "Y (A), stedfortræder", "Y stedfortræder": the entry is the substitute — not when the
    // marker ends a role ("observatør/mulig ny suppleant").
    let marked = s[..p].trim_end().ends_with([',', '-', '–', '(', ')']);
    let named = || {
        entry(own, at, lex).is_some_and(|e| {
            let after = own[e.span.end() - at..].trim();
            after.is_empty() || (after.starts_with('(') && after.ends_with(')'))
        })
    };
    (marked || named()).then_some(StandIn {
        keep: 0..own.len(),
        replaced_by: None,
    })
}

/// A title in front of a name: its length, and whether it is an official's.
fn title_at_start(s: &str, h: &HeaderWords) -> Option<(usize, bool)> {
    let mut best: Option<(usize, bool)> = None;
    for (list, official) in [(&h.member_titles, false), (&h.official_titles, true)] {
        for t in list {
            if let Some(rest) = starts_with_word(s, t) {
                // Only when a name follows: "Formand" alone is no entry's title.
                let next = rest.trim_start();
                if next.chars().next().is_some_and(char::is_uppercase)
                    && best.is_none_or(|(l, _)| t.len() > l)
                {
                    best = Some((t.len(), official));
                }
            }
        }
    }
    best
}

pub fn is_official(role: &str, h: &HeaderWords) -> bool {
    role.split(|c: char| !c.is_alphanumeric()).any(|w| {
        h.official_titles
            .iter()
            .any(|t| crate::lexicon::eq_fold(t, w))
    })
}

/// "- Deltog", ": Afbud", "- afbud", " - deltog ikke i behandlingen af punkt: 12": where the
/// status starts, and what it says.
fn status_suffix(s: &str) -> Option<(usize, Option<ParticipantStatus>)> {
    if !s.contains(['-', ':', '–']) {
        return None;
    }
    let lower = s.to_lowercase();
    let mut best: Option<(usize, Option<ParticipantStatus>)> = None;
    for sep in [" - ", "- ", ": ", " – "] {
        for (p, _) in lower.match_indices(sep) {
            let word = lower[p + sep.len()..]
                .split_whitespace()
                .next()
                .unwrap_or("");
            let word = word.trim_matches(|c: char| !c.is_alphabetic());
            let status = match word {
                "deltog" | "deltager" | "til" => Some(None),
                "afbud" | "forfald" | "syg" => Some(Some(ParticipantStatus::Afbud)),
                "fraværende" | "fravær" => Some(Some(ParticipantStatus::Absent)),
                _ => None,
            };
            if let Some(status) = status {
                // "deltog ikke i behandlingen af …": present at the meeting.
                if best.is_none_or(|(b, _)| p < b) {
                    best = Some((p, status));
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;

    fn read(t: &str) -> Option<(String, Option<String>, Option<ParticipantStatus>, bool)> {
        entry(t, 0, lexicon()).map(|e| (e.name, e.party, e.status, e.official))
    }

    fn e(
        name: &str,
        party: Option<&str>,
        status: Option<ParticipantStatus>,
    ) -> Option<(String, Option<String>, Option<ParticipantStatus>, bool)> {
        Some((name.to_string(), party.map(str::to_string), status, false))
    }

    #[test]
    fn entries_in_every_shape() {
        use ParticipantStatus::*;
        assert_eq!(read("Ali Ünsal, (V)"), e("Ali Ünsal", Some("V"), None));
        assert_eq!(
            read("Kasper Damsgaard, A"),
            e("Kasper Damsgaard", Some("A"), None)
        );
        assert_eq!(
            read(" • Formand Steen Holm (A)"),
            e("Steen Holm", Some("A"), None)
        );
        assert_eq!(
            read("1. Overborgmester Frank Olsen (A)"),
            e("Frank Olsen", Some("A"), None)
        );
        assert_eq!(
            read("Jesper Würtz (A) (borgmester) - Deltog"),
            e("Jesper Würtz", Some("A"), None)
        );
        assert_eq!(
            read("Michael Jensen (O) - Afbud"),
            e("Michael Jensen", Some("O"), Some(Afbud))
        );
        assert_eq!(read("Lars Gaard: Deltog"), e("Lars Gaard", None, None));
        assert_eq!(
            read("Sofie Olsen: Afbud (Stedfortræder Jarl Fey, fraværende ved sag 1-4. )"),
            e("Sofie Olsen", None, Some(Afbud))
        );
        assert_eq!(
            read("Peter Jacobsen (O), 1. næstformand- afbud"),
            e("Peter Jacobsen", Some("O"), Some(Afbud))
        );
        assert_eq!(
            read("Emil Viskum (Afbud)"),
            e("Emil Viskum", None, Some(Afbud))
        );
        assert_eq!(
            read("Anette Holm Christensen, A, (ferie)"),
            e("Anette Holm Christensen", Some("A"), None)
        );
        assert_eq!(
            read("Ninna Hede Olsen (Enhedslisten), tjenesterejse."),
            e("Ninna Hede Olsen", Some("Enhedslisten"), None)
        );
        assert_eq!(read("Hans Østergaard ()"), e("Hans Østergaard", None, None));
        assert_eq!(
            read("Birte Jessen (A), sag 129-138"),
            e("Birte Jessen", Some("A"), None)
        );
        assert_eq!(
            read("Frode Iversted (A) Stedfortræder for Erkan Özdil (A)"),
            e("Frode Iversted", Some("A"), Some(Substitute))
        );
        assert_eq!(
            read("Bodil Graff (A), Suppleant for Bent Mølsted (A)"),
            e("Bodil Graff", Some("A"), Some(Substitute))
        );
        assert_eq!(
            read("Hjørring Rådhus Bendt Bak"),
            e("Bendt Bak", None, None)
        );
        assert_eq!(read("REFERAT Maja Buskov."), e("Maja Buskov", None, None));
        assert_eq!(
            read("Sonja Inglev Bemærkninger"),
            e("Sonja Inglev", None, None)
        );
        assert_eq!(read("Ingen."), None);
        assert_eq!(read("Asta Wedel deltog ikke i behandlingen af pkt"), None);
    }

    #[test]
    fn officials_and_roles() {
        let v = entry("Vicepolitidirektør Inge Tolstrup", 0, lexicon()).unwrap();
        assert!(v.official);
        assert_eq!(v.name, "Inge Tolstrup");
        let r = entry(
            "Karina Hoyda, ansat i Center for Social Indsats (referent)",
            0,
            lexicon(),
        )
        .unwrap();
        assert!(r.official);
        let m = entry(
            "Grete Kjeldsen-Westermann, Formand, udpeget af Kommunalbestyrelsen",
            0,
            lexicon(),
        )
        .unwrap();
        assert!(!m.official);
        assert_eq!(
            m.role.as_deref(),
            Some("Formand, udpeget af Kommunalbestyrelsen")
        );
    }

    #[test]
    fn lists_split_at_commas_and_run_together_parties() {
        let t = "Anne Holm (A), Bo Dahl, A, Carl Berg og Dorte Lund";
        let pieces: Vec<&str> = split_list(t, lexicon())
            .into_iter()
            .map(|(a, z)| t[a..z].trim())
            .collect();
        assert_eq!(
            pieces,
            ["Anne Holm (A)", "Bo Dahl, A", "Carl Berg", "Dorte Lund"]
        );
        let t = "Otto Finn Jessing (A) John Andersen (V) Kaj Rokkjær (A) Side 1 af 56";
        let pieces: Vec<&str> = split_list(t, lexicon())
            .into_iter()
            .map(|(a, z)| t[a..z].trim())
            .collect();
        assert_eq!(
            pieces,
            [
                "Otto Finn Jessing (A)",
                "John Andersen (V)",
                "Kaj Rokkjær (A)",
                "Side 1 af 56"
            ]
        );
    }

    /// The name, the status and the substitute (name, party) an entry gives.
    type StandInRead = (
        String,
        Option<ParticipantStatus>,
        Option<(String, Option<String>)>,
    );

    fn stand_in_of(t: &str) -> StandInRead {
        let e = entry(t, 0, lexicon()).unwrap();
        let y = e.replaced_by.map(|y| (y.name, y.party));
        (e.name, e.status, y)
    }

    #[test]
    fn substitutes_named_with_the_member_they_replace() {
        use ParticipantStatus::*;
        let s = |n: &str| n.to_string();
        assert_eq!(
            stand_in_of("Jan Ravn Toft, F - Mie Bisgaard Strøm stedfortræder"),
            (
                s("Jan Ravn Toft"),
                None,
                Some((s("Mie Bisgaard Strøm"), None))
            )
        );
        assert_eq!(
            stand_in_of("Evan Holm (V) - Marie Kjær (V) mødte som stedfortræder."),
            (s("Evan Holm"), None, Some((s("Marie Kjær"), Some(s("V")))))
        );
        assert_eq!(
            stand_in_of("Kasper Lykke Brandt stedfortræder Camilla Hald Ravn"),
            (
                s("Kasper Lykke Brandt"),
                None,
                Some((s("Camilla Hald Ravn"), None))
            )
        );
        assert_eq!(
            stand_in_of("Sofie Olsen: Afbud (Stedfortræder Jarl Fey, fraværende ved sag 1-4. )"),
            (s("Sofie Olsen"), Some(Afbud), Some((s("Jarl Fey"), None)))
        );
        // The entry is the substitute itself.
        assert_eq!(
            stand_in_of("Mette Holm (F), stedfortræder"),
            (s("Mette Holm"), Some(Substitute), None)
        );
        assert_eq!(
            stand_in_of("Suppleant Bo Dahl (A)"),
            (s("Bo Dahl"), Some(Substitute), None)
        );
        // A role that ends in the word, and prose: no substitute.
        assert_eq!(
            stand_in_of("Sara Nielsen, observatør/mulig ny suppleant"),
            (s("Sara Nielsen"), None, None)
        );
        assert_eq!(read("Der blev indkaldt en stedfortræder"), None);
        assert_eq!(
            stand_in_of("Anne Holm (A), Stedfortrædere indkaldt"),
            (s("Anne Holm"), None, None)
        );
        // The markers are matched in a lower-cased copy.
        let h = &lexicon().header;
        for m in h.stand_in_after.iter().chain(&h.stand_in_before) {
            assert_eq!(*m, m.to_lowercase(), "write stand-in markers in lower case");
        }
    }

    #[test]
    fn an_organisation_after_the_name() {
        let o = entry(
            "Ove Lykke Svendsen Grundejerforeningen Gilleleje Øst",
            0,
            lexicon(),
        )
        .unwrap();
        assert_eq!(o.name, "Ove Lykke Svendsen");
        assert_eq!(o.role.as_deref(), Some("Grundejerforeningen Gilleleje Øst"));
        assert_eq!(
            read("Lis Bonde Kjær Sammenslutningen af Grundejerforeninger"),
            e("Lis Bonde Kjær", None, None)
        );
        // Not the first word, and only whole endings: "Udvalgsen" is a name.
        assert_eq!(read("Karin Udvalgsen"), e("Karin Udvalgsen", None, None));
        assert_eq!(
            read("Jesper Hald (kommunaldirektør) - Deltog"),
            Some(("Jesper Hald".to_string(), None, None, true))
        );
    }
}
