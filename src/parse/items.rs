//! Agenda items: "Punkt N: <title>" (the title may wrap onto following lines), then the case
//! number line (journal nr.), then sections. PDF exports sometimes glue the heading to the
//! previous page's last word ("Godkendt.Punkt 2: …"); such a heading is accepted only when its
//! number is the next one expected, so that "jf. punkt 8:" in prose never starts an item.

use super::lines::{squash, Line};
use super::sections;
use crate::lexicon::Lexicon;
use crate::model::{Span, Text};
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::space0;
use nom::{IResult, Parser};

/// Where one item's heading was found.
#[derive(Debug, Clone, Copy)]
pub struct ItemStart {
    pub line: usize,
    /// Byte offset of "Punkt" (may be inside the line when glued).
    pub offset: usize,
    pub number: u32,
    pub number_span: Span,
    /// Offset of the title text.
    pub title_offset: usize,
}

/// "Punkt 3:" → (rest, number text).
fn item_heading<'a>(s: &'a str, word: &str) -> IResult<&'a str, &'a str> {
    let (rest, (_, _, n, _, _)) = (
        tag(word),
        space0,
        take_while1(|c: char| c.is_ascii_digit()),
        space0,
        tag(":"),
    )
        .parse(s)?;
    Ok((rest, n))
}

/// Find every item heading in the document; `lines` are [`super::lines::lines`] of `doc`.
pub fn find_starts(doc: &str, lines: &[Line], lex: &Lexicon) -> Vec<ItemStart> {
    let mut out: Vec<ItemStart> = Vec::new();
    let words = &lex.header.item;
    // Glued headings' candidates: one search of the whole document per word, in text order (a
    // search per line cost more than the lines' bytes). A word holds no line break, so each
    // occurrence lies inside one line.
    let mut occurrences: Vec<_> = words
        .iter()
        .map(|w| {
            (!w.is_empty())
                .then(|| memchr::memmem::find_iter(doc.as_bytes(), w.as_bytes()).peekable())
        })
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trimmed_start();
        let line_end = line.offset + line.text.len();
        for (word, found) in words.iter().zip(&mut occurrences) {
            // The grammar only on lines that start with the word: most do not.
            if let Some(Ok((rest, n))) = t.starts_with(word.as_str()).then(|| item_heading(t, word))
            {
                if let Some(start) = make_start(line, i, t, rest, n) {
                    out.push(start);
                }
                break;
            }
            // The word's first occurrence in this line.
            let first = found.as_mut().and_then(|f| {
                while f.next_if(|&at| at < line.offset).is_some() {}
                f.peek()
                    .filter(|&&at| at < line_end)
                    .map(|at| at - line.offset)
            });
            // Glued: "…28Punkt 1:" or "Godkendt.Punkt 2:" — only for the expected next number.
            if let Some(pos) = first.filter(|p| *p > 0) {
                let before = line.text[..pos].chars().next_back();
                let glued = before.is_some_and(|c| !c.is_whitespace());
                let tail = &line.text[pos..];
                if let (true, Ok((rest, n))) = (glued, item_heading(tail, word)) {
                    let expected = out.last().map(|s| s.number + 1);
                    let n_val: u32 = n.parse().unwrap_or(0);
                    if expected.is_none_or(|e| e == n_val) {
                        if let Some(start) = make_start(line, i, tail, rest, n) {
                            out.push(start);
                        }
                    }
                }
            }
        }
        if let Some(start) = web_heading(lines, i, out.last().map(|s| s.number + 1), lex) {
            out.push(start);
        }
    }
    out
}

/// Web pages (Aarhus' published minutes) lay an item out as its number alone on a line, the
/// title on the next line, then the case number or a section heading. Accepted only for the
/// expected next number, so a stray "1" (a page or attachment counter) never starts an item.
fn web_heading(
    lines: &[Line],
    i: usize,
    expected: Option<u32>,
    lex: &Lexicon,
) -> Option<ItemStart> {
    let line = &lines[i];
    let n = line.trimmed();
    if n.is_empty() || n.len() > 3 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u32 = n.parse().ok()?;
    if expected.is_some_and(|e| e != number) || (expected.is_none() && number > 100) {
        return None;
    }
    let title = lines
        .get(i + 1)
        .filter(|l| !l.is_blank() && !l.trimmed().bytes().all(|b| b.is_ascii_digit()))?;
    let next = lines[i + 2..].iter().take(4).find(|l| !l.is_blank())?;
    if !is_case_number(next.trimmed()) && sections::heading(next, lex).is_none() {
        return None;
    }
    let number_offset = line.span().offset;
    Some(ItemStart {
        line: i,
        offset: number_offset,
        number,
        number_span: Span::new(number_offset, n.len()),
        title_offset: title.span().offset,
    })
}

fn make_start(line: &Line, index: usize, heading: &str, rest: &str, n: &str) -> Option<ItemStart> {
    let number = n.parse().ok()?;
    let title_offset = line.offset_of(rest) + (rest.len() - rest.trim_start().len());
    Some(ItemStart {
        line: index,
        offset: line.offset_of(heading),
        number,
        number_span: Span::new(line.offset_of(n), n.len()),
        title_offset,
    })
}

/// A case number (journal nr.): one token of digits, capitals and separators, e.g. "26/3977",
/// "25-1-85.10.00-P07", "15.00.00-G01-2536-21", "24-002261", "EMN-2023-009832".
pub fn is_case_number(t: &str) -> bool {
    let t = t.trim();
    t.len() >= 5
        && t.len() <= 40
        && t.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || matches!(c, '/' | '-' | '.'))
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().any(|c| matches!(c, '/' | '-' | '.'))
        && t.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        // Not a plain date ("15-04-2026") or amount ("1.146.600").
        && !t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && super::dates::numeric_date(t).is_none_or(|(_, _, _, len)| len != t.len())
}

/// The title (with wrapped continuation lines) and case number of an item whose heading is
/// `lines[0]` (title starting at `title_offset`). Returns (title, case number, index of the
/// first body line).
pub fn title_and_case(
    doc: &str,
    lines: &[Line],
    title_offset: usize,
    lex: &Lexicon,
) -> (Text, Option<Text>, usize) {
    let first = &lines[0];
    let first_end = first.offset + first.text.trim_end().len();
    let mut title_end = first_end.max(title_offset);
    let mut i = 1;
    // Continuation lines: non-blank, not a case number, not a heading.
    while i < lines.len() {
        let l = &lines[i];
        let t = l.trimmed();
        if t.is_empty() || is_case_number(t) || sections::heading(l, lex).is_some() {
            break;
        }
        // Only a wrapped title continues without a blank line; stop at sentence-like lines
        // after the first continuation to stay conservative.
        if i > 2 {
            break;
        }
        title_end = l.offset + l.text.trim_end().len();
        i += 1;
    }
    let raw = &doc[title_offset..title_end];
    let title = Text::new(squash(raw), Span::new(title_offset, raw.len()));
    // The case number: the first non-blank line after the title.
    let mut case_no = None;
    while i < lines.len() && lines[i].is_blank() {
        i += 1;
    }
    if i < lines.len() && is_case_number(lines[i].trimmed()) {
        let span = lines[i].span();
        case_no = Some(Text::new(lines[i].trimmed(), span));
        i += 1;
    }
    (title, case_no, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers() {
        for ok in [
            "26/3977",
            "25-1-85.10.00-P07",
            "15.00.00-G01-2536-21",
            "24-002261",
            "23-152837-00.00.00-A00",
            "EMN-2023-009832",
        ] {
            assert!(is_case_number(ok), "{ok}");
        }
        for no in [
            "15-04-2026",
            "1.146.600",
            "Godkendt.",
            "2026",
            "Bilag",
            "ASU",
        ] {
            assert!(!is_case_number(no), "{no}");
        }
    }
}
