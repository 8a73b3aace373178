//! The `Mødedeltagere` list: "Esat Senturk, Emil Viskum (Afbud), Michael Dorph Jensen (Ø),
//! Suleman Naim (Uden for parti)". Exports wrap the list across lines, even in the middle of
//! a name ("Christian Mutwa\nChristensen"), so the list runs until the next blank line.

use super::lines::{squash, starts_with_word, Line};
use crate::lexicon::Lexicon;
use crate::model::{Participant, Span};

/// Find the participant list among the header lines. Returns the participants and the span
/// of the whole list.
pub fn parse(doc: &str, lines: &[Line], lex: &Lexicon) -> Option<(Vec<Participant>, Span)> {
    let (index, rest) = lines.iter().enumerate().find_map(|(i, line)| {
        let t = line.text.trim_start();
        lex.header
            .participants
            .iter()
            .find_map(|w| starts_with_word(t, w))
            .map(|rest| (i, rest))
    })?;
    let first = &lines[index];
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let list_start = first.offset_of(rest);
    // The list is the rest of this line plus the following non-blank lines.
    let mut end = list_start + rest.len();
    for line in &lines[index + 1..] {
        if line.is_blank() || looks_like_next_field(line.trimmed(), lex) {
            break;
        }
        end = line.offset + line.text.len();
    }
    let header_line = first.span();
    let whole = Span::new(header_line.offset, end - header_line.offset);
    Some((split(doc, list_start, end, lex), whole))
}

fn looks_like_next_field(t: &str, lex: &Lexicon) -> bool {
    lex.header
        .toc
        .iter()
        .chain(&lex.header.meeting_place)
        .chain(&lex.header.item)
        .any(|w| starts_with_word(t, w).is_some())
}

/// Split the list (document bytes `start..end`) at commas outside parentheses.
fn split(doc: &str, start: usize, end: usize, lex: &Lexicon) -> Vec<Participant> {
    let text = &doc[start..end];
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut piece_start = 0;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b',' if depth <= 0 => {
                push_entry(&text[piece_start..i], start + piece_start, lex, &mut out);
                piece_start = i + 1;
            }
            _ => {}
        }
    }
    push_entry(&text[piece_start..], start + piece_start, lex, &mut out);
    out
}

fn push_entry(raw: &str, offset: usize, lex: &Lexicon, out: &mut Vec<Participant>) {
    let lead = raw.len() - raw.trim_start().len();
    let entry = raw.trim();
    if entry.is_empty() {
        return;
    }
    let name_end = entry.find('(').unwrap_or(entry.len());
    let name_raw = entry[..name_end].trim_end();
    let mut party = None;
    let mut afbud = false;
    for group in entry[name_end..].split('(').skip(1) {
        let inner = group.split(')').next().unwrap_or("").trim();
        if lex
            .header
            .afbud_marker
            .iter()
            .any(|m| m.eq_ignore_ascii_case(inner))
        {
            afbud = true;
        } else if !inner.is_empty() {
            party = Some(squash(inner));
        }
    }
    let name = squash(name_raw);
    if name.is_empty() {
        return;
    }
    out.push(Participant {
        name,
        party,
        afbud,
        span: Span::new(offset + lead, name_raw.len()),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::parse::lines::lines;

    #[test]
    fn reads_parties_afbud_and_wrapped_names() {
        let text = "Mødedeltagere Rasmus Andresen (A), Christian Mutwa\nChristensen, Emil Viskum (Afbud), Suleman Naim (Uden for parti)\n\nIndholdsfortegnelse";
        let (ps, span) = parse(text, &lines(text, 0), lexicon()).unwrap();
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
        assert_eq!(span.offset, 0);
    }
}
