//! Text → [`Minutes`]. Parsers are pure functions of the decoded text: they never print,
//! never panic, and never give up on the whole document because one part is odd.

pub mod attendance;
pub mod dates;
pub mod header;
pub mod items;
pub mod lines;
pub mod numbers;
pub mod participants;
pub mod sections;
pub mod signatures;
pub mod tables;
pub mod toc;
pub mod votes;

use crate::lexicon::{lexicon, Lexicon};
use crate::model::{Item, Minutes, Span};
use lines::{starts_with_word, Line};

/// Parse a whole document.
pub fn parse(doc: &str) -> Minutes {
    parse_with(doc, lexicon())
}

pub fn parse_with(doc: &str, lex: &Lexicon) -> Minutes {
    parse_with_options(doc, lex, Options::default())
}

/// Parse for checking: the rules read section texts through their spans, so the copies in
/// [`crate::model::Section::text`] (a second copy of the document) are left empty.
pub fn parse_for_check(doc: &str, lex: &Lexicon) -> Minutes {
    parse_with_options(
        doc,
        lex,
        Options {
            section_texts: false,
        },
    )
}

/// What a parse keeps beyond what the rules need.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Copy each section's text into the model (`extract` shows it).
    pub section_texts: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            section_texts: true,
        }
    }
}

pub fn parse_with_options(doc: &str, lex: &Lexicon, options: Options) -> Minutes {
    let all = lines::lines(doc, 0);
    let starts = items::find_starts(doc, &all, lex);
    let first_item_line = starts.first().map(|s| s.line).unwrap_or(all.len());
    let toc_line = find_toc(&all[..first_item_line], lex);
    let header_end = toc_line.unwrap_or(first_item_line);

    // PDF exports glue page-break neighbours together ("ByrådssalenIndholdsfortegnelse",
    // "…28Punkt 1:"): give each part the piece of the shared line that belongs to it.
    let mut header_lines = all[..header_end].to_vec();
    if let Some(t) = toc_line {
        if let Some(prefix) = glued_prefix(&all[t], &lex.header.toc) {
            header_lines.push(prefix);
        }
    }
    let mut minutes = Minutes {
        meeting: header::parse(&header_lines, lex),
        ..Minutes::default()
    };
    if let Some((participants, span)) = participants::parse(doc, &header_lines, lex) {
        minutes.participants = participants;
        minutes.meeting.participants_span = Some(span);
    }
    if let Some(t) = toc_line {
        let mut toc_lines = all[(t + 1).min(first_item_line)..first_item_line].to_vec();
        if let Some(first) = starts.first() {
            let line = &all[first.line];
            if first.offset > line.offset {
                toc_lines.push(Line::new(
                    &line.text[..first.offset - line.offset],
                    line.offset,
                ));
            }
        }
        minutes.toc = toc::parse(&toc_lines, lex);
    }
    for (k, start) in starts.iter().enumerate() {
        // The next heading's line is ours too when text of ours is glued before the heading
        // ("Godkendt.Punkt 2: …"); `item` cuts it at the heading.
        let end_line = starts
            .get(k + 1)
            .map(|s| s.line + usize::from(text_before_heading(&all[s.line], s)))
            .unwrap_or(all.len());
        let end_offset = starts.get(k + 1).map(|s| s.offset).unwrap_or(doc.len());
        let item = item(
            doc,
            &all[start.line..end_line],
            start,
            end_offset,
            lex,
            options,
            &mut minutes.unrecognised,
        );
        minutes.items.push(item);
    }
    minutes.signatures = signatures::parse(doc, &all, lex);
    minutes.dates = dates::find_dates(doc, 0, &lex.calendar);
    minutes.year_ranges = dates::find_year_ranges(doc, 0);
    minutes
}

/// Does the heading's line hold words before the heading? Not a page number alone: PDF
/// exports glue the previous page's number there ("28Punkt 1:"), which belongs to no item.
fn text_before_heading(line: &Line, start: &items::ItemStart) -> bool {
    line.text
        .get(..start.offset.saturating_sub(line.offset))
        .is_some_and(|before| before.chars().any(char::is_alphabetic))
}

/// The part of a line before a glued heading word ("Mødested Byrådssalen" of
/// "Mødested ByrådssalenIndholdsfortegnelse").
fn glued_prefix<'a>(line: &Line<'a>, words: &[String]) -> Option<Line<'a>> {
    let t = line.text.trim_end();
    let word = words
        .iter()
        .find(|w| t.ends_with(w.as_str()) && t.len() > w.len())?;
    Some(Line::new(&t[..t.len() - word.len()], line.offset))
}

/// The "Indholdsfortegnelse" line, also when a PDF export glued it to the line before
/// ("ByrådssalenIndholdsfortegnelse").
fn find_toc(lines: &[Line], lex: &Lexicon) -> Option<usize> {
    lines.iter().position(|l| {
        let t = l.trimmed();
        lex.header.toc.iter().any(|w| {
            starts_with_word(t, w).is_some_and(|r| r.trim().is_empty()) || t.ends_with(w.as_str())
        })
    })
}

fn item(
    doc: &str,
    lines: &[Line],
    start: &items::ItemStart,
    end_offset: usize,
    lex: &Lexicon,
    options: Options,
    unrecognised: &mut Vec<crate::model::Unrecognised>,
) -> Item {
    // A glued heading's line belongs to the previous item up to "Punkt"; take it from there.
    // Copied only when a line is cut: most items start and end on whole lines.
    let mut lines = std::borrow::Cow::Borrowed(lines);
    if let Some(first) = lines.first() {
        let skip = start.offset - first.offset;
        if skip > 0 {
            let cut = Line::new(&first.text[skip..], start.offset);
            lines.to_mut()[0] = cut;
        }
    }
    // The next item's glued heading may sit at the end of our last line. A new `Line`, not a
    // shorter `text`: the line's trimmed stretch is worked out from its text.
    if let Some(last) = lines.last() {
        let end = last.offset + last.text.len();
        if end > end_offset && end_offset >= last.offset {
            let cut = Line::new(&last.text[..end_offset - last.offset], last.offset);
            let k = lines.len() - 1;
            lines.to_mut()[k] = cut;
        }
    }
    let (title, case_no, body_from) = items::title_and_case(doc, &lines, start.title_offset, lex);
    let body = &lines[body_from.min(lines.len())..];
    let closed = lex
        .header
        .closed
        .iter()
        .any(|w| starts_with_word(&title.text, w).is_some())
        || lex.header.closed.iter().any(|w| {
            // "2. Lukket" style numbering inside the title.
            title.text.split_once(". ").is_some_and(|(n, rest)| {
                n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(w.as_str())
            })
        });
    let sections = sections::parse(doc, body, lex, options.section_texts);
    let attendance = attendance::parse(doc, body, lex);
    let (votes, not_understood) = votes::parse(doc, &sections, lex);
    unrecognised.extend(not_understood);
    let tables = tables::parse(doc, body, lex);
    let amounts = body
        .first()
        .map(|l| numbers::amounts(&doc[l.offset..end_offset.max(l.offset)], l.offset, lex))
        .unwrap_or_default();
    Item {
        number: start.number,
        number_span: start.number_span,
        title: title.text,
        title_span: title.span,
        case_no,
        closed,
        sections,
        attendance,
        votes,
        tables,
        amounts,
        span: Span::new(start.offset, end_offset.saturating_sub(start.offset)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUED: &str = "REFERAT Økonomiudvalget d. 15-04-2026\n\n\
        Punkt 1: Budget\n\nBeslutning\n\nGodkendt.Punkt 2: Regnskab\n\n\
        Beslutning\n\nTaget til efterretning.\n";

    /// Text glued before the next heading ends the item it belongs to.
    #[test]
    fn text_before_a_glued_heading_stays_with_its_item() {
        let m = parse(GLUED);
        assert_eq!(m.items.len(), 2);
        let decision = m.items[0].decision().expect("item 1 has its decision");
        assert_eq!(decision.text, "Godkendt.");
        assert_eq!(
            &GLUED[decision.body.offset..decision.body.end()],
            "Godkendt."
        );
        assert_eq!(m.items[1].title, "Regnskab");
        assert_eq!(
            m.items[1].decision().unwrap().text,
            "Taget til efterretning."
        );
    }

    /// A page number glued before a heading ("28Punkt 1:") is no text of the item before it.
    #[test]
    fn a_glued_page_number_is_left_out() {
        let m = parse(&GLUED.replace("Godkendt.Punkt 2", "Godkendt.\n28Punkt 2"));
        assert_eq!(m.items[0].decision().unwrap().text, "Godkendt.");
        assert_eq!(m.items[1].title, "Regnskab");
    }
}
