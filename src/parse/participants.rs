//! Who is listed at meeting level: the participant list under any of its labels
//! ("Mødedeltagere A, B", "Deltagere:" one name a line, "Medlemmer", "Tilstede var:", a
//! participant table Navn | Parti | Bemærkning), the header absence fields ("Afbud:",
//! "Fraværende med afbud", "Ikke til stede:", "Fraværende Ingen") and substitutes named in
//! the list. A member listed and also in an absence field is one participant, with the
//! absence. The labels and the header's extent come from the segmentation
//! ([`crate::segment::Outline`]); the entries are read by [`super::namelist`].

use super::lines::Line;
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
    // ("Tilstede var:" under item 1's Beslutning).
    if !blocks.iter().any(|b| b.kind == LabelKind::Participants) {
        if let Some(first) = outline.items.first().filter(|i| !i.implicit) {
            let range = first.lines.start..first.lines.end.min(all.len());
            let mut hits = labels::scan(&all[range.clone()], lex);
            hits.retain(|h| h.kind == LabelKind::Participants && h.line_start);
            for h in &mut hits {
                h.line += range.start;
            }
            blocks.extend(
                blocks_from(all, &hits, range.end, lex)
                    .into_iter()
                    .filter(|b| b.kind == LabelKind::Participants),
            );
        }
    }
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
    for (k, h) in hits.iter().enumerate() {
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
            let mut i = h.line + 1;
            let mut blanks = 0;
            while i < end.min(all.len()) {
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
                if hits.iter().any(|x| x.line == i && x.line_start) {
                    break;
                }
                let t = l.trimmed();
                if entries.is_empty() && nobody(t, lex) {
                    last = l.offset + l.text.len();
                    break;
                }
                let found = line_entries(l, lex);
                if found.is_empty() {
                    break;
                }
                entries.extend(found);
                last = l.offset + l.text.len();
                i += 1;
            }
        }
        out.push(Block {
            kind,
            span: Span::new(h.start, last.max(h.start) - h.start),
            entries,
        });
    }
    out
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
    for sentence in text.split(". ").filter(|s| !s.trim().is_empty()) {
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
                out.push(e);
            }
        }
    }
    out
}

/// The entries of one line of a one-per-line list: the line is one entry ("Gitte Holm,
/// Formand, udpeget af …"), or a list itself when every piece of it is a name.
fn line_entries(l: &Line, lex: &Lexicon) -> Vec<Entry> {
    let t = l.trimmed();
    let base = l.offset_of(t);
    let pieces = namelist::split_list(t, lex);
    // "Bjarne Olsen, Lyngby Frivillignet" is one person and an organisation; a line is a
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
        _ => ParticipantStatus::Present,
    });
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
}
