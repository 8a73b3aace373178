//! Who is listed at meeting level: the participant list under any of its labels
//! ("Mødedeltagere A, B", "Deltagere:" one name a line, "Medlemmer", "Tilstede var:", a
//! participant table Navn | Parti | Bemærkning), the header absence fields ("Afbud:",
//! "Fraværende med afbud", "Ikke til stede:", "Fraværende Ingen") and substitutes named in
//! the list. A member listed and also in an absence field is one participant, with the
//! absence. The labels and the header's extent come from the segmentation
//! ([`crate::segment::Outline`]); the entries are read by [`super::namelist`].

use super::lines::{is_bullet, page_furniture, starts_with_word, Line};
use super::namelist::{self, Entry};
use crate::lexicon::{eq_fold, Lexicon};
use crate::model::{Participant, ParticipantStatus, Span, Text};
use crate::names::same_person;
use crate::segment::labels::{self, LabelHit, LabelKind};
use crate::segment::Outline;

/// The participants, and the span of the (first) participant list.
pub fn parse(
    all: &[Line],
    outline: &Outline,
    lex: &Lexicon,
) -> Option<(Vec<Participant>, Option<Span>)> {
    let header = outline.header.clone();
    let mut blocks = blocks_from(all, &outline.labels, header.end, lex);
    // A table under the label ("Deltagere:" / "Navn\tParti\tBemærkning") or with none.
    if !blocks
        .iter()
        .any(|b| b.kind == LabelKind::Participants && !b.entries.is_empty())
    {
        if let Some(t) = table(all, header.clone(), lex) {
            blocks.retain(|b| b.kind != LabelKind::Participants);
            blocks.push(t);
        }
    }
    // A single-item page may hold the meeting's attendance roll inside its decision
    // ("Tilstede var:" under item 1's Beslutning), with the apologies beside it ("Afbud
    // fra:"): the roll is then those present and those away together.
    if !blocks.iter().any(|b| b.kind == LabelKind::Participants) {
        if let Some(first) = outline.items.first().filter(|i| !i.implicit) {
            let range = first.lines.start..first.lines.end.min(all.len());
            let roll = |k: LabelKind| {
                matches!(
                    k,
                    LabelKind::Participants | LabelKind::Afbud | LabelKind::Absent
                )
            };
            let mut hits = labels::scan(&all[range.clone()], lex);
            hits.retain(|h| roll(h.kind) && h.line_start);
            for h in &mut hits {
                h.line += range.start;
            }
            let found: Vec<Block> = blocks_from(all, &hits, range.end, lex)
                .into_iter()
                .filter(|b| roll(b.kind))
                .collect();
            if found.iter().any(|b| b.kind == LabelKind::Participants) {
                blocks.extend(found);
            }
        }
    }
    // "Der var afbud fra X (O) og Y (C).": a sentence of the header.
    blocks.extend(afbud_sentences(all, outline, lex));
    let mut out: Vec<Participant> = Vec::new();
    let mut span = None;
    for b in &blocks {
        if b.kind == LabelKind::Participants && span.is_none() && !b.entries.is_empty() {
            span = Some(b.span);
        }
        // Two entries of one list are two people, however alike their names.
        let before = out.len();
        for e in &b.entries {
            add(&mut out, before, e, b.kind);
        }
    }
    (!out.is_empty() || span.is_some()).then_some((out, span))
}

/// One labelled list.
struct Block {
    kind: LabelKind,
    /// From the label to the end of the list.
    span: Span,
    entries: Vec<Entry>,
}

/// The lists under `hits` (of the lines before `end`).
fn blocks_from(all: &[Line], hits: &[LabelHit], end: usize, lex: &Lexicon) -> Vec<Block> {
    let mut out = Vec::new();
    let mut skip_to = 0;
    for (k, h) in hits.iter().enumerate() {
        if k < skip_to {
            continue;
        }
        if let Some((blocks, last)) = stacked(all, hits, k, end, lex) {
            out.extend(blocks);
            skip_to = last + 1;
            continue;
        }
        let kind = h.kind;
        if !matches!(
            kind,
            LabelKind::Participants
                | LabelKind::Afbud
                | LabelKind::Absent
                | LabelKind::Substitutes
                | LabelKind::Officials
        ) {
            continue;
        }
        let line = &all[h.line];
        let line_end = line.offset + line.text.len();
        // The value on the label's line runs to the next label on it.
        let next = hits.get(k + 1);
        let value_end = next
            .filter(|n| n.line == h.line)
            .map(|n| n.start)
            .unwrap_or(line_end);
        let value = &line.text[h.value_start - line.offset..value_end - line.offset];
        let mut entries = Vec::new();
        let mut last = value_end;
        if !value.trim().is_empty() {
            if nobody(value, lex) {
                out.push(Block {
                    kind,
                    span: Span::new(h.start, value_end - h.start),
                    entries,
                });
                continue;
            }
            // A list on the label's line, perhaps wrapped onto the next lines (a break may
            // fall inside a name: "Christian Mutwa\nChristensen").
            let mut text = value.to_string();
            let mut i = h.line + 1;
            if next.is_none_or(|n| n.line != h.line) {
                while i < end.min(all.len())
                    && !all[i].is_blank()
                    && !hits.iter().any(|x| x.line == i)
                {
                    text.push(' ');
                    text.push_str(all[i].trimmed());
                    last = all[i].offset + all[i].text.len();
                    i += 1;
                }
            }
            let base = h.value_start;
            // Offsets are only exact on the label's line; a wrapped tail keeps the first
            // line's base, which the name's own span then corrects by search.
            entries = list_entries(&text, base, lex, all, h.line);
        } else if !h.line_start || next.is_some_and(|n| n.line == h.line) {
            // A label whose value was moved elsewhere by a PDF transcript: nothing to read.
        } else {
            // One entry a line (bullets, numbers, blank lines between), to the next label.
            out.extend(line_blocks(all, hits, h, end, lex));
            continue;
        }
        out.push(Block {
            kind,
            span: Span::new(h.start, last.max(h.start) - h.start),
            entries,
        });
    }
    out
}

/// The lists of a label followed by one entry a line (bullets, numbers, blank lines between),
/// to the next label: the label's, and one for each heading inside the list ("• Afbud").
/// Lines that belong to the entry before are read with it (a role "Formand" or a party "(A)"
/// on a line of its own); a remark between two entries ("• Deltog ikke under punkt 4") and a
/// lone "-" between groups are passed over.
fn line_blocks(
    all: &[Line],
    hits: &[LabelHit],
    h: &LabelHit,
    end: usize,
    lex: &Lexicon,
) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur = Block {
        kind: h.kind,
        span: Span::new(h.start, 0),
        entries: Vec::new(),
    };
    let mut last = all[h.line].offset + all[h.line].text.len();
    let end = end.min(all.len());
    // Whether titles on a line of their own stand before the name (decided by the first).
    let mut titles_before: Option<bool> = None;
    let mut pending_title: Option<(String, bool)> = None;
    let mut remarks = 0;
    let mut blanks = 0;
    let mut i = h.line + 1;
    while i < end {
        let l = &all[i];
        if l.is_blank() {
            blanks += 1;
            if blanks > 2 {
                break;
            }
            i += 1;
            continue;
        }
        blanks = 0;
        if ends_list(all, hits, i) {
            break;
        }
        let t = l.trimmed();
        let core = strip_bullet(t);
        if cur.entries.is_empty() && nobody(core, lex) {
            last = l.offset + l.text.len();
            // "Ingen" under a heading inside the list ("• Afbud" / "• Ingen"): the list goes on.
            if out.is_empty() {
                break;
            }
            i += 1;
            continue;
        }
        // "-" between two groups of the list.
        if core.is_empty() {
            i += 1;
            continue;
        }
        // "• Afbud", "Fraværende:", "• Afbud: X (A)": the entries after it are of that kind.
        if let Some((kind, rest)) = sub_label(core, lex) {
            cur.span = Span::new(cur.span.offset, last.max(cur.span.offset) - cur.span.offset);
            out.push(std::mem::replace(
                &mut cur,
                Block {
                    kind,
                    span: Span::new(l.offset_of(core), 0),
                    entries: Vec::new(),
                },
            ));
            if !rest.trim().is_empty() && !nobody(rest, lex) {
                cur.entries = list_entries(rest, l.offset_of(rest), lex, all, i);
            }
            last = l.offset + l.text.len();
            pending_title = None;
            remarks = 0;
            i += 1;
            continue;
        }
        // "Formand" under the name (or over it, when the list starts so).
        if let Some(official) = title_line(core, lex) {
            let title = core.trim_end_matches([',', '.', ':']).to_string();
            match cur.entries.last_mut() {
                Some(e) if titles_before != Some(true) => {
                    titles_before = Some(false);
                    e.official |= official;
                    e.role = Some(match e.role.take() {
                        Some(r) => format!("{r}, {title}"),
                        None => title,
                    });
                }
                _ => {
                    titles_before = Some(true);
                    pending_title = Some((title, official));
                }
            }
            last = l.offset + l.text.len();
            i += 1;
            continue;
        }
        // "(A)" or "A" under the name.
        if let (Some(party), Some(e)) = (party_line(core, lex), cur.entries.last_mut()) {
            if e.party.is_none() {
                e.party = Some(party.to_string());
            }
            last = l.offset + l.text.len();
            i += 1;
            continue;
        }
        let mut found = line_entries(l, lex);
        if !found.is_empty() {
            if let Some((title, official)) = pending_title.take() {
                let e = &mut found[0];
                e.official |= official;
                e.role.get_or_insert(title);
            }
            cur.entries.extend(found);
            last = l.offset + l.text.len();
            remarks = 0;
            i += 1;
            continue;
        }
        // A remark on the entry before ("• Deltog ikke under punkterne 4-5"): passed over
        // when the list goes on after it.
        let listed = !cur.entries.is_empty() || out.iter().any(|b: &Block| !b.entries.is_empty());
        if listed && remarks < 2 && continues(all, hits, i + 1, end, lex) {
            remarks += 1;
            i += 1;
            continue;
        }
        break;
    }
    cur.span = Span::new(cur.span.offset, last.max(cur.span.offset) - cur.span.offset);
    out.push(cur);
    out
}

/// Does line `i` end a one-per-line list: a label starting it ("Afbud", "Referent:") — not a
/// label word starting a sentence of prose ("Deltog ikke under punkt 4").
fn ends_list(all: &[Line], hits: &[LabelHit], i: usize) -> bool {
    hits.iter().any(|x| {
        x.line == i && x.line_start && {
            let l = &all[i];
            let rest = l.text[x.value_start - l.offset..].trim_start();
            x.colon || !rest.chars().next().is_some_and(char::is_lowercase)
        }
    })
}

/// Does the list go on at line `from`: its next line (past one blank) reads as an entry or a
/// heading of the list.
fn continues(all: &[Line], hits: &[LabelHit], from: usize, end: usize, lex: &Lexicon) -> bool {
    let Some(j) = (from..end.min(from + 2)).find(|&j| !all[j].is_blank()) else {
        return false;
    };
    if ends_list(all, hits, j) {
        return false;
    }
    let core = strip_bullet(all[j].trimmed());
    !core.is_empty() && (sub_label(core, lex).is_some() || !line_entries(&all[j], lex).is_empty())
}

/// A line without its bullet ("• ", "- ", "* ").
fn strip_bullet(t: &str) -> &str {
    t.trim_start_matches(|c| is_bullet(c) || matches!(c, '-' | '–' | '—' | ' ' | '\t'))
        .trim_end()
}

/// A heading inside a list: a participant or absence label alone on its line, perhaps behind
/// a bullet ("• Afbud", "Fraværende:"), or with its list after a colon ("• Afbud: X (A)").
fn sub_label<'a>(core: &'a str, lex: &Lexicon) -> Option<(LabelKind, &'a str)> {
    let h = &lex.header;
    let lists = [
        (&h.absent_afbud, LabelKind::Afbud),
        (&h.absent, LabelKind::Absent),
        (&h.substitutes, LabelKind::Substitutes),
        (&h.officials, LabelKind::Officials),
        (&h.participants, LabelKind::Participants),
    ];
    let mut best: Option<(usize, LabelKind, &str)> = None;
    for (list, kind) in lists {
        for w in list.iter() {
            let Some(rest) = starts_with_word(core, w) else {
                continue;
            };
            let rest = rest.trim_start();
            let value = match rest.strip_prefix(':') {
                Some(v) => v.trim_start(),
                None if rest.is_empty() => rest,
                None => continue,
            };
            if best.is_none_or(|(len, _, _)| w.len() > len) {
                best = Some((w.len(), kind, value));
            }
        }
    }
    best.map(|(_, kind, value)| (kind, value))
}

/// A title alone on a line ("Formand", "Næstformand", "Kommunaldirektør"): whether it is an
/// official's.
fn title_line(core: &str, lex: &Lexicon) -> Option<bool> {
    let h = &lex.header;
    let t = core.trim_end_matches([',', '.', ':']);
    if h.member_titles.iter().any(|w| eq_fold(w, t)) {
        Some(false)
    } else if h.official_titles.iter().any(|w| eq_fold(w, t)) {
        Some(true)
    } else {
        None
    }
}

/// A party alone on a line: "(A)", "(Enhedslisten)", "A", "SF".
fn party_line<'a>(core: &'a str, lex: &Lexicon) -> Option<&'a str> {
    let t = core.trim_end_matches([',', '.']);
    if let Some(inner) = t.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        let inner = inner.trim();
        return (!inner.is_empty()
            && !inner.contains(['(', ')'])
            && namelist::is_party(inner, lex))
        .then_some(inner);
    }
    let one_letter = t.chars().count() == 1 && t.chars().all(char::is_uppercase);
    (one_letter || lex.header.party_letters.iter().any(|p| p == t)).then_some(t)
}

/// "Deltagere: Fraværende: Referent: Byrådssalen Alle medlemmer undtagen X og Y X, Y Z": a
/// PDF transcript's labels in a row, their values all after the last. Read when the
/// participant field names the members away and the absence field after it repeats them, which
/// is where the values part; the rest is the one field after them (the referent). The blocks,
/// and the index of the run's last hit.
fn stacked(
    all: &[Line],
    hits: &[LabelHit],
    k: usize,
    end: usize,
    lex: &Lexicon,
) -> Option<(Vec<Block>, usize)> {
    let h = &hits[k];
    if h.kind != LabelKind::Participants {
        return None;
    }
    let line = &all[h.line];
    let text_of = |a: usize, z: usize| &line.text[a - line.offset..z - line.offset];
    // The run of labels with nothing between them.
    let mut j = k;
    while let Some(n) = hits.get(j + 1) {
        if n.line != h.line
            || n.start < hits[j].value_start
            || !text_of(hits[j].value_start, n.start).trim().is_empty()
        {
            break;
        }
        j += 1;
    }
    let absence = hits.get(k + 1)?;
    if j == k || !matches!(absence.kind, LabelKind::Absent | LabelKind::Afbud) {
        return None;
    }
    // The values: the last label's line and the lines it runs onto.
    let mut value = text_of(hits[j].value_start, line.offset + line.text.len()).to_string();
    let base = hits[j].value_start;
    let mut i = h.line + 1;
    while i < end.min(all.len())
        && !all[i].is_blank()
        && !hits.iter().any(|x| x.line == i)
        && !page_furniture(all[i].trimmed())
    {
        value.push(' ');
        value.push_str(all[i].trimmed());
        i += 1;
    }
    let lower = crate::fold::lower_same_len(&value);
    let (q, len) = lex
        .header
        .all_members_except
        .iter()
        .filter_map(|m| {
            let m = crate::fold::lower_same_len(m);
            lower.find(m.as_str()).map(|q| (q, m.len()))
        })
        .min_by_key(|&(q, len)| (q, std::cmp::Reverse(len)))?;
    let r_at = q + len;
    let r = &value[r_at..];
    // The words after the phrase ("og" aside), the names of the first list repeated by the
    // second.
    let words: Vec<(usize, usize, &str)> = r
        .split(' ')
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, at + w.len(), w))
        })
        .map(|(a, z, w)| (a, z, w.trim_matches([',', ';', '.'])))
        .filter(|(_, _, w)| !w.is_empty() && *w != "og" && *w != "&")
        .collect();
    let Some(p) = (2..=words.len() / 2).find(|&p| (0..p).all(|x| words[x].2 == words[p + x].2))
    else {
        // Where one field's names end and the next one's start is lost: read none of them
        // (rather than one name of all).
        return Some((Vec::new(), j));
    };
    let except = &r[..words[p].0];
    let away = &r[words[p].0..words[2 * p - 1].1];
    let rest = &r[words[2 * p - 1].1..];
    let at = |part: &str| base + r_at + (part.as_ptr() as usize - r.as_ptr() as usize);
    let mut listed = list_entries(except, at(except), lex, all, h.line);
    for e in &mut listed {
        e.status.get_or_insert(ParticipantStatus::Absent);
    }
    let mut out = vec![
        Block {
            kind: LabelKind::Participants,
            span: Span::new(h.start, base + r_at + except.trim_end().len() - h.start),
            entries: listed,
        },
        Block {
            kind: absence.kind,
            span: Span::new(absence.start, absence.value_start - absence.start),
            entries: list_entries(away, at(away), lex, all, h.line),
        },
    ];
    // The one field left takes the rest ("Referent: Z").
    if j == k + 2 && !rest.trim().is_empty() {
        let f = &hits[j];
        if matches!(
            f.kind,
            LabelKind::Officials | LabelKind::Substitutes | LabelKind::Afbud | LabelKind::Absent
        ) {
            out.push(Block {
                kind: f.kind,
                span: Span::new(f.start, f.value_start - f.start),
                entries: list_entries(rest, at(rest), lex, all, h.line),
            });
        }
    }
    Some((out, j))
}

/// "Der var afbud fra X (O) og Y (C).": sentences of the header (before the first item, not
/// in its table of contents) that name members who sent apologies.
fn afbud_sentences(all: &[Line], outline: &Outline, lex: &Lexicon) -> Option<Block> {
    let phrases = &lex.header.afbud_sentence;
    let mut entries = Vec::new();
    let mut first = None;
    for i in outline.header.clone().take_while(|&i| i < all.len()) {
        if outline.toc.as_ref().is_some_and(|t| t.lines.contains(&i)) {
            continue;
        }
        let l = &all[i];
        let t = l.trimmed();
        // Sentence starts: the line's, and after each full stop.
        let starts = std::iter::once(0).chain(t.match_indices(". ").map(|(p, _)| p + 2));
        for a in starts {
            let s = &t[a..];
            let Some(rest) = phrases.iter().find_map(|p| starts_with_word(s, p)) else {
                continue;
            };
            let list = rest.trim_start();
            let list = &list[..sentence_end(list)];
            let at = l.offset_of(list);
            first.get_or_insert(l.offset_of(s));
            entries.extend(list_entries(list, at, lex, all, i));
        }
    }
    (!entries.is_empty()).then(|| Block {
        kind: LabelKind::Afbud,
        span: Span::new(first.unwrap_or(0), 0),
        entries,
    })
}

/// Where the sentence starting `t` ends: at a full stop that ends no initial ("N. J. Holm").
fn sentence_end(t: &str) -> usize {
    for (p, _) in t.match_indices('.') {
        let word = t[..p].rsplit(' ').next().unwrap_or("");
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let next = t[p + 1..].chars().next();
        if !initial && next.is_none_or(char::is_whitespace) {
            return p;
        }
    }
    t.len()
}

/// The sentences of `t`, split at ". " (not after an initial); each a slice of `t`.
fn sentences(t: &str) -> impl Iterator<Item = &str> {
    let mut rest = t;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = sentence_end(rest);
        let s = &rest[..end];
        rest = rest.get(end + 1..).map(str::trim_start).unwrap_or("");
        Some(s)
    })
}

fn nobody(t: &str, lex: &Lexicon) -> bool {
    let t = t.trim().trim_end_matches('.');
    lex.header
        .nobody
        .iter()
        .any(|w| w.trim_end_matches('.') == t)
}

/// The entries of one list written on one line ("A (A), B og C", "A (A) B (V)").
fn list_entries(text: &str, base: usize, lex: &Lexicon, all: &[Line], line: usize) -> Vec<Entry> {
    let mut out = Vec::new();
    for sentence in sentences(text).filter(|s| !s.trim().is_empty()) {
        // "… Afbud fra X stedfortræder Y": a field's label repeated for its next sentence.
        let (sentence, status) = sentence_label(sentence, lex);
        let s_at = offset_in(text, sentence);
        for (a, z) in namelist::split_list(sentence, lex) {
            // "Den 8. juni 2026: Anne Holm (C)": the name after a dated prefix.
            let piece = &sentence[a..z];
            let (piece, skip) = match piece.rfind(": ") {
                Some(p) => (&piece[p + 2..], p + 2),
                None => (piece, 0),
            };
            if let Some(mut e) = namelist::entry(piece, base + s_at + a + skip, lex) {
                fix_span(&mut e, all, line);
                if e.status.is_none() {
                    e.status = status;
                }
                out.push(e);
            }
        }
    }
    out
}

/// A sentence that starts with an absence label ("Afbud fra X") or says who was away ("Alle
/// medlemmer undtagen X"): the sentence after it, and the status it gives.
fn sentence_label<'a>(sentence: &'a str, lex: &Lexicon) -> (&'a str, Option<ParticipantStatus>) {
    let h = &lex.header;
    let t = sentence.trim_start();
    let lists = [
        (&h.absent_afbud, ParticipantStatus::Afbud),
        (&h.absent, ParticipantStatus::Absent),
        (&h.all_members_except, ParticipantStatus::Absent),
    ];
    let mut best: Option<(usize, &str, ParticipantStatus)> = None;
    for (list, status) in lists {
        for w in list.iter() {
            if let Some(rest) = starts_with_word(t, w) {
                let rest = rest.trim_start();
                let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
                // A name must follow: "Afbud" alone is the entry's own status.
                if rest.chars().next().is_some_and(char::is_uppercase)
                    && best.is_none_or(|(len, _, _)| w.len() > len)
                {
                    best = Some((w.len(), rest, status));
                }
            }
        }
    }
    match best {
        Some((_, rest, status)) => (rest, Some(status)),
        None => (sentence, None),
    }
}

/// The entries of one line of a one-per-line list: the line is one entry ("Gitte Holm,
/// Formand, udpeget af …"), or a list itself when every piece of it is a name.
fn line_entries(l: &Line, lex: &Lexicon) -> Vec<Entry> {
    let t = l.trimmed();
    let base = l.offset_of(t);
    let pieces = namelist::split_list(t, lex);
    // "Bjørn Ulsted, Sorgenfri Frivillignet" is one person and an organisation; a line is a
    // list of its own when it names three or more, or every piece has a party.
    let parties = pieces
        .iter()
        .all(|&(a, z)| t[a..z].trim_end().ends_with(')'));
    if pieces.len() >= 3 || (pieces.len() == 2 && parties) {
        let all: Option<Vec<Entry>> = pieces
            .iter()
            .map(|&(a, z)| namelist::entry(&t[a..z], base + a, lex))
            .collect();
        if let Some(all) = all {
            if all.iter().all(|e| e.role.is_none()) {
                return all;
            }
        }
    }
    namelist::entry(t, base, lex).into_iter().collect()
}

/// A name found on a wrapped line gets the span of where it is written (a line indented or
/// ending in spaces shifts the joined text against the document).
fn fix_span(e: &mut Entry, all: &[Line], line: usize) {
    let Some(l) = all.get(line) else { return };
    let end = l.offset + l.text.len();
    if e.span.end() <= end {
        return;
    }
    for next in all.iter().skip(line + 1).take(10) {
        if let Some(p) = next.text.find(&e.name) {
            e.span = Span::new(next.offset + p, e.name.len());
            return;
        }
    }
    // A name broken over two lines: the lines were joined by one space for the line break,
    // so the span is the name's, across the break.
}

fn offset_in(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// A participant table (a Word table or tab-separated rows): "Navn\tParti\tBemærkning".
fn table(all: &[Line], header: std::ops::Range<usize>, lex: &Lexicon) -> Option<Block> {
    let h = &lex.header;
    let is = |cell: &str, list: &[String]| list.iter().any(|w| eq_fold(w, cell.trim()));
    let (at, cells) = all[header.clone()].iter().enumerate().find_map(|(i, l)| {
        let cells: Vec<&str> = l.trimmed().split('\t').collect();
        (cells.len() >= 2 && is(cells[0], &h.table_name)).then_some((header.start + i, cells))
    })?;
    let party_col = cells.iter().position(|c| is(c, &h.table_party));
    let status_col = cells.iter().position(|c| is(c, &h.table_status));
    let mut entries = Vec::new();
    let mut last = all[at].offset + all[at].text.len();
    for l in &all[at + 1..header.end] {
        let t = l.trimmed();
        if t.is_empty() {
            if entries.is_empty() {
                continue;
            }
            break;
        }
        let row: Vec<&str> = t.split('\t').collect();
        if row.len() < 2 {
            break;
        }
        let Some(mut e) = namelist::entry(row[0], l.offset_of(row[0]), lex) else {
            break;
        };
        if let Some(p) = party_col.and_then(|c| row.get(c)).map(|p| p.trim()) {
            if !p.is_empty() {
                e.party = Some(p.trim_matches(['(', ')']).to_string());
            }
        }
        if let Some(s) = status_col.and_then(|c| row.get(c)) {
            let lower = s.to_lowercase();
            let remark = s.trim();
            if !remark.is_empty() && namelist::is_official(remark, h) {
                e.official = true;
                e.role = Some(remark.to_string());
            } else if !remark.is_empty() && h.member_titles.iter().any(|t| eq_fold(t, remark)) {
                e.role = Some(remark.to_string());
            } else if lower.contains("afbud") {
                e.status = Some(ParticipantStatus::Afbud);
            } else if lower.contains("fravær") {
                e.status = Some(ParticipantStatus::Absent);
            } else if let Some(p) = ["stedfortræder for ", "suppleant for "]
                .iter()
                .find_map(|m| lower.find(m).map(|p| p + m.len()))
            {
                let name = s[p..].trim();
                let name = name[..name.find('(').unwrap_or(name.len())].trim();
                e.status = Some(ParticipantStatus::Substitute);
                e.substitute_for =
                    Some((name.to_string(), Span::new(l.offset_of(s) + p, name.len())));
            }
        }
        entries.push(e);
        last = l.offset + l.text.len();
    }
    Some(Block {
        kind: LabelKind::Participants,
        span: Span::new(all[at].span().offset, last - all[at].span().offset),
        entries,
    })
}

/// Add an entry of a list of `kind`; an entry for someone already listed updates them (a
/// member list that also names the absent, then "Fraværende: …").
fn add(out: &mut Vec<Participant>, earlier: usize, e: &Entry, kind: LabelKind) {
    let status = e.status.unwrap_or(match kind {
        LabelKind::Afbud => ParticipantStatus::Afbud,
        LabelKind::Absent => ParticipantStatus::Absent,
        LabelKind::Substitutes => ParticipantStatus::Substitute,
        // Someone else stood in for a member listed with the members.
        _ if e.replaced_by.is_some() => ParticipantStatus::Absent,
        _ => ParticipantStatus::Present,
    });
    add_one(out, earlier, e, kind, status);
    if let Some(y) = &e.replaced_by {
        add_substitute(out, y, e);
    }
}

/// Y, who stood in for the member of entry `x`: a substitute, whether listed already (with
/// the members) or not.
fn add_substitute(out: &mut Vec<Participant>, y: &Entry, x: &Entry) {
    let replaced = Text::new(x.name.clone(), x.span);
    if let Some(p) = out.iter_mut().find(|p| same_person(&p.name, &y.name)) {
        p.status = ParticipantStatus::Substitute;
        p.afbud = false;
        p.substitute_for = Some(replaced);
        if p.party.is_none() {
            p.party.clone_from(&y.party);
        }
        return;
    }
    out.push(Participant {
        name: y.name.clone(),
        party: y.party.clone(),
        afbud: false,
        status: ParticipantStatus::Substitute,
        role: y.role.clone(),
        substitute_for: Some(replaced),
        official: false,
        span: y.span,
    });
}

fn add_one(
    out: &mut Vec<Participant>,
    earlier: usize,
    e: &Entry,
    kind: LabelKind,
    status: ParticipantStatus,
) {
    if let Some(p) = out[..earlier]
        .iter_mut()
        .find(|p| same_person(&p.name, &e.name))
    {
        if status != ParticipantStatus::Present {
            p.status = status;
            p.afbud = status == ParticipantStatus::Afbud;
        }
        if p.party.is_none() {
            p.party.clone_from(&e.party);
        }
        return;
    }
    out.push(Participant {
        name: e.name.clone(),
        party: e.party.clone(),
        afbud: status == ParticipantStatus::Afbud,
        status,
        role: e.role.clone(),
        substitute_for: e
            .substitute_for
            .as_ref()
            .map(|(n, s)| Text::new(n.clone(), *s)),
        official: e.official || kind == LabelKind::Officials,
        span: e.span,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::parse::lines::lines;
    use crate::segment::{segment, styles::layouts};

    fn read(text: &str) -> Vec<(String, Option<String>, ParticipantStatus)> {
        let all = lines(text, 0);
        let outline = segment(text, &all, lexicon(), layouts(), None);
        parse(&all, &outline, lexicon())
            .map(|(ps, _)| ps)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.name, p.party, p.status))
            .collect()
    }

    #[test]
    fn reads_parties_afbud_and_wrapped_names() {
        let text = "Mødedeltagere Rasmus Andresen (A), Christian Mutwa\nChristensen, Emil Viskum (Afbud), Suleman Naim (Uden for parti)\n\nIndholdsfortegnelse";
        let all = lines(text, 0);
        let outline = segment(text, &all, lexicon(), layouts(), None);
        let (ps, span) = parse(&all, &outline, lexicon()).unwrap();
        let names: Vec<_> = ps.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Rasmus Andresen",
                "Christian Mutwa Christensen",
                "Emil Viskum",
                "Suleman Naim"
            ]
        );
        assert_eq!(ps[0].party.as_deref(), Some("A"));
        assert!(ps[2].afbud && ps[2].party.is_none());
        assert_eq!(ps[3].party.as_deref(), Some("Uden for parti"));
        assert_eq!(
            &text[ps[1].span.offset..ps[1].span.end()],
            "Christian Mutwa\nChristensen"
        );
        assert_eq!(span.unwrap().offset, 0);
    }

    #[test]
    fn one_name_a_line_under_a_label_is_a_list() {
        use ParticipantStatus::*;
        let got = read("Deltagere:\n\nAnne Holm, (A)\nBo Dahl, (V)\nCarl Berg, (C)\n\n\n1.   Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n");
        assert_eq!(
            got,
            [
                ("Anne Holm".into(), Some("A".into()), Present),
                ("Bo Dahl".into(), Some("V".into()), Present),
                ("Carl Berg".into(), Some("C".into()), Present),
            ]
        );
    }

    #[test]
    fn absence_fields_and_a_member_list_that_names_the_absent() {
        use ParticipantStatus::*;
        let got = read("Medlemmer\n\nAnne Holm (A)\n\nBo Dahl (V)\n\nAfbud\n\nBo Dahl (V)\n\nNr.1 - Godkendelse af dagsordenen\n\nBeslutning i Byrådet den 26-01-2026\n\nGodkendt.\n");
        assert_eq!(
            got,
            [
                ("Anne Holm".into(), Some("A".into()), Present),
                ("Bo Dahl".into(), Some("V".into()), Afbud),
            ]
        );
        let got = read("Til stede:\nGitte Holm, Formand, udpeget af Kommunalbestyrelsen\nRuth Lund, etnisk repræsentant\nAfbud:\nIb Kjær, LO\nPkt. 1\nValg af formand\n");
        assert_eq!(got.len(), 3);
        assert_eq!(got[2], ("Ib Kjær".into(), None, Afbud));
        assert_eq!(
            read("Fraværende Ingen\nMedlemmer: Anne Holm, Bo Dahl\n").len(),
            2
        );
    }

    #[test]
    fn a_participant_table() {
        use ParticipantStatus::*;
        let got = read("Referat\n\nNavn\tParti\tBemærkning\nAnne Holm\tA\t\nBo Dahl\tV\tAfbud\nCarl Berg\tV\tStedfortræder for Bo Dahl\n\nPunkt 1: Budget\n\nBeslutning\n\nGodkendt.\n");
        assert_eq!(
            got,
            [
                ("Anne Holm".into(), Some("A".into()), Present),
                ("Bo Dahl".into(), Some("V".into()), Afbud),
                ("Carl Berg".into(), Some("V".into()), Substitute),
            ]
        );
    }

    fn full(text: &str) -> Vec<Participant> {
        let all = lines(text, 0);
        let outline = segment(text, &all, lexicon(), layouts(), None);
        parse(&all, &outline, lexicon())
            .map(|(ps, _)| ps)
            .unwrap_or_default()
    }

    fn names(ps: &[Participant]) -> Vec<&str> {
        ps.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn a_remark_under_a_member_does_not_end_the_list() {
        let text = "Deltagere\n• Ulla Brix Holm (A) - Deltog\n• Per Vang Lind (V) - Deltog\n• Deltog ikke under punkterne 12-13\n• Ida Krag Nør (F) - Deltog\n• Ole Ask (kommunaldirektør) - Deltog\n\nAFBUD/FRAVÆRENDE\n• Eva Lund Bro (O) - Afbud\n\n• 11. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n";
        let ps = full(text);
        assert_eq!(
            names(&ps),
            [
                "Ulla Brix Holm",
                "Per Vang Lind",
                "Ida Krag Nør",
                "Ole Ask",
                "Eva Lund Bro"
            ]
        );
        assert!(ps[3].official);
        assert_eq!(ps[4].status, ParticipantStatus::Afbud);
        // Written without a bullet, the remark starts with a label word ("Deltog").
        let ps = full("Medlemmer\nUlla Brix Holm (A)\nDeltog ikke under punkt 4\nIda Krag Nør (F)\n\n1. Budget\nBeslutning\nGodkendt.\n");
        assert_eq!(names(&ps), ["Ulla Brix Holm", "Ida Krag Nør"]);
    }

    #[test]
    fn prose_after_a_list_is_no_remark() {
        // The line after the list is no entry, nor is the one after it: the list ends.
        let ps = full("Deltagere\n• Ulla Brix Holm (A)\n• Per Vang Lind (V)\nMødet blev holdt på Teams, og alle deltog\nfra start til slut.\n\n1. Budget\nBeslutning\nGodkendt.\n");
        assert_eq!(names(&ps), ["Ulla Brix Holm", "Per Vang Lind"]);
        // Nothing listed yet: a line that is no entry ends the list.
        let ps = full("Deltagere\nSe bilag for mødets deltagere\nUlla Brix Holm (A)\n\n1. Budget\nBeslutning\nGodkendt.\n");
        assert!(ps.is_empty(), "{ps:?}");
    }

    #[test]
    fn name_role_and_party_on_lines_of_their_own() {
        use ParticipantStatus::*;
        let text = "Medlemmer af udvalget:\nKarl Juhl Bonde\nFormand\n(A)\nLis Skov Dal\nNæstformand\n(V)\nEbbe Kjær Lund\nA\nVera Frandsen\n(C)\n\nFraværende:\nEbbe Kjær Lund\n(A)\n\n1 (Åben) Godkendelse af dagsorden\nBeslutning\nGodkendt.\n";
        let ps = full(text);
        let got: Vec<_> = ps
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.party.as_deref(),
                    p.role.as_deref(),
                    p.status,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Karl Juhl Bonde", Some("A"), Some("Formand"), Present),
                ("Lis Skov Dal", Some("V"), Some("Næstformand"), Present),
                ("Ebbe Kjær Lund", Some("A"), None, Absent),
                ("Vera Frandsen", Some("C"), None, Present),
            ]
        );
        // Titles above the names when the list starts with one.
        let ps = full("Medlemmer:\nFormand\nKarl Juhl Bonde\n(A)\nKommunaldirektør\nOle Ask\n\n1. Budget\nBeslutning\nGodkendt.\n");
        assert_eq!(names(&ps), ["Karl Juhl Bonde", "Ole Ask"]);
        assert_eq!(ps[0].role.as_deref(), Some("Formand"));
        assert_eq!(ps[0].party.as_deref(), Some("A"));
        assert!(ps[1].official && !ps[0].official);
        // A party line with no name before it is nobody.
        assert!(full("Medlemmer:\n(A)\nFormand\n\n1. Budget\nBeslutning\nGodkendt.\n").is_empty());
    }

    #[test]
    fn an_afbud_heading_inside_the_list_and_a_substitute_after_the_member() {
        use ParticipantStatus::*;
        let text = "Deltagere\n• Lis Krogh Bak, V\n• Jan Ravn Toft, F\n• Eva Holm, A\n• Mie Bisgaard Strøm, F\n\n• Afbud\n• Jan Ravn Toft, F - Mie Bisgaard Strøm stedfortræder\n\n1.      Godkendelse af dagsorden\nBeslutning\nGodkendt.\n";
        let ps = full(text);
        let got: Vec<_> = ps.iter().map(|p| (p.name.as_str(), p.status)).collect();
        assert_eq!(
            got,
            [
                ("Lis Krogh Bak", Present),
                ("Jan Ravn Toft", Afbud),
                ("Eva Holm", Present),
                ("Mie Bisgaard Strøm", Substitute),
            ]
        );
        assert_eq!(
            ps[3].substitute_for.as_ref().map(|t| t.text.as_str()),
            Some("Jan Ravn Toft")
        );
        // "Afbud:" with its list on the line, and a substitute not in the member list.
        let ps = full("Deltagere\n• Lis Krogh Bak (V)\n• Jan Ravn Toft (F)\n• Afbud: Jan Ravn Toft (F) - Ib Vang (F) mødte som stedfortræder\n\n1. Budget\nBeslutning\nGodkendt.\n");
        let got: Vec<_> = ps
            .iter()
            .map(|p| (p.name.as_str(), p.party.as_deref(), p.status))
            .collect();
        assert_eq!(
            got,
            [
                ("Lis Krogh Bak", Some("V"), Present),
                ("Jan Ravn Toft", Some("F"), Afbud),
                ("Ib Vang", Some("F"), Substitute),
            ]
        );
        // "• Afbud" / "• Ingen": nobody away, and the list goes on after it.
        let got = read("Deltagere\n• Lis Krogh Bak (V)\n• Afbud\n• Ingen\n• Desuden deltog\n• Ole Ask, direktør\n\n1. Budget\nBeslutning\nGodkendt.\n");
        assert_eq!(
            got,
            [
                ("Lis Krogh Bak".into(), Some("V".into()), Present),
                ("Ole Ask".into(), None, Present),
            ]
        );
        // A remarks field: "Afbud fra X stedfortræder Y. Afbud fra Z stedfortræder W".
        let ps = full("Medlemmer\n• Ane Bak (A)\nFraværende med afbud\n• Bo Holm (A)\n• Cai Lund (V)\nBemærkninger\nAfbud fra Bo Holm stedfortræder Dan Ørn. Afbud fra Cai Lund stedfortræder Eik Vig\n\n1. Budget\nBeslutning\nGodkendt.\n");
        let got: Vec<_> = ps.iter().map(|p| (p.name.as_str(), p.status)).collect();
        assert_eq!(
            got,
            [
                ("Ane Bak", Present),
                ("Bo Holm", Afbud),
                ("Cai Lund", Afbud),
                ("Dan Ørn", Substitute),
                ("Eik Vig", Substitute),
            ]
        );
    }

    #[test]
    fn a_dash_between_groups_and_an_organisation_on_the_next_line() {
        use ParticipantStatus::*;
        let text = "Deltagere:\nPia Bach Holm - Grundejerforeningen Nordstrand\nBo Ravn - Sammenslutningen af Grundejerforeninger\n-\nKim Toft Dam - Teknik- og Miljøudvalget\n-\nHans Riis - Gribskov Kommune, Vej og Park\nFraværende: Ove Lykke Sand\nGrundejerforeningen Øst\nReferent: Nina Lund\n\n01 Bemærkninger til dagsordenen\nReferat:\nIngen bemærkninger.\n";
        let ps = full(text);
        let got: Vec<_> = ps.iter().map(|p| (p.name.as_str(), p.status)).collect();
        assert_eq!(
            got,
            [
                ("Pia Bach Holm", Present),
                ("Bo Ravn", Present),
                ("Kim Toft Dam", Present),
                ("Hans Riis", Present),
                ("Ove Lykke Sand", Absent),
                ("Nina Lund", Present),
            ]
        );
        assert_eq!(ps[4].role.as_deref(), Some("Grundejerforeningen Øst"));
        // A dash line ends nothing, but starts nothing either.
        assert!(full("Deltagere:\n-\n-\n\n1. Budget\nBeslutning\nGodkendt.\n").is_empty());
    }

    #[test]
    fn an_afbud_sentence_of_the_header() {
        use ParticipantStatus::*;
        let text = "Referat\ntil\nmødet i Byrådet\nden 22. april 2026 kl. 17:00\n\nDer var afbud fra Jens Bonde Krogh (O) og Maja Toft Lund (C).\n\n313. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\n314. Meddelelser\nBeslutning\nDer var afbud fra Ulla Vang (A).\n";
        assert_eq!(
            read(text),
            [
                ("Jens Bonde Krogh".into(), Some("O".into()), Afbud),
                ("Maja Toft Lund".into(), Some("C".into()), Afbud),
            ]
        );
        // Mid-line, after another sentence, and with an initial in a name.
        let got = read("Byrådet 22. april 2026. Der er afbud fra N. J. Holm. Mødet sluttede kl. 19.\n\n1. Budget\nBeslutning\nGodkendt.\n");
        assert_eq!(got, [("N. J. Holm".into(), None, Afbud)]);
        // Nobody named, or not at the start of a sentence: no participants.
        assert!(read(
            "Der var afbud fra flere medlemmer af byrådet.\n\n1. Budget\nBeslutning\nGodkendt.\n"
        )
        .is_empty());
        assert!(read("Formanden oplyste, at der var afbud fra Jens Holm.\n\n1. Budget\nBeslutning\nGodkendt.\n").is_empty());
    }

    #[test]
    fn labels_in_a_row_with_their_values_after_the_last() {
        use ParticipantStatus::*;
        let text = "1 Referat Byrådet Mødedato: Tirsdag den 30. juni 2015 Mødetidspunkt: 18:00-20:15 Mødested:\nDeltagere: Fraværende: Referent: Byrådssalen, Rådhuset Alle medlemmer undtagen Gunnar Lyk Thomsen og Ruth Bo Holm Gunnar Lyk Thomsen, Ruth Bo Holm Lise Krogh Dam\nSide 1 af 6\n\n2 436. Godkendelse af dagsorden Dok.nr.: 7001 Beslutning Byrådet den Godkendt.\n437. Meddelelser Beslutning Taget til efterretning.\n";
        let ps = full(text);
        let got: Vec<_> = ps
            .iter()
            .map(|p| (p.name.as_str(), p.status, p.official))
            .collect();
        assert_eq!(
            got,
            [
                ("Gunnar Lyk Thomsen", Absent, false),
                ("Ruth Bo Holm", Absent, false),
                ("Lise Krogh Dam", Present, true),
            ]
        );
        // Without the repetition the values cannot be parted: no name made of several.
        let ps = full("Deltagere: Fraværende: Referent: Alle medlemmer undtagen Gunnar Lyk Thomsen Lise Krogh Dam\n\n436. Godkendelse af dagsorden Beslutning Godkendt.\n437. Meddelelser Beslutning Godkendt.\n");
        assert!(ps.is_empty(), "{ps:?}");
    }
}
