//! An agenda item's title and case number: the title after the heading (it may wrap onto
//! the following lines), then the case number line (journal nr.), then sections. Where the
//! headings are is the segmentation's business (`crate::segment`).

use super::lines::{squash, starts_with_word, Line};
use super::sections;
use crate::lexicon::Lexicon;
use crate::model::{Span, Text};

/// A case number (journal nr.): one token of digits, capitals and separators, e.g. "26/3977",
/// "25-1-85.10.00-P07", "15.00.00-G01-2536-21", "24-002261", "EMN-2023-009832".
pub fn is_case_number(t: &str) -> bool {
    let t = t.trim();
    t.len() >= 5
        && t.len() <= 40
        && t.chars().all(|c| {
            c.is_ascii_digit() || c.is_ascii_uppercase() || matches!(c, '/' | '-' | '.' | 'Æ' | 'Ø' | 'Å')
        })
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
        if t.is_empty()
            || is_case_number(t)
            || is_case_line(t, lex)
            || sections::heading(l, lex).is_some()
        {
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
    let (case_no, i) = case_after(lines, i);
    (title, case_no, i)
}

/// The case number on the first non-blank line from `i`, if it is one; returns it and the
/// index of the line after it (or of that first line).
pub fn case_after(lines: &[Line], mut i: usize) -> (Option<Text>, usize) {
    while i < lines.len() && lines[i].is_blank() {
        i += 1;
    }
    if i < lines.len() && is_case_number(lines[i].trimmed()) {
        let span = lines[i].span();
        return (Some(Text::new(lines[i].trimmed(), span)), i + 1);
    }
    (None, i)
}

/// A line that carries the case's number under its heading: "Sagsnr.: 24/1234",
/// "Sagsid.: 21/16998", "00.22.02-A26-1-13", "Sag 306-2014-5450".
pub fn is_case_line(t: &str, lex: &Lexicon) -> bool {
    let mut words = t.split_whitespace();
    let first = words.next().unwrap_or("");
    is_case_number(first.trim_end_matches(['-', ':']))
        || (first == "Sag" && words.next().is_some_and(is_case_number))
        || (case_label_first(lex).may_start(t)
            && lex
                .segment
                .case_labels
                .iter()
                .any(|w| starts_with_word(t, w).is_some()))
}

fn case_label_first(lex: &Lexicon) -> &crate::fold::FirstBytes {
    lex.segment.case_label_first.get_or_init(|| {
        crate::fold::FirstBytes::new(lex.segment.case_labels.iter().map(String::as_str))
    })
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
