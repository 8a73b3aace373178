//! Decisions of other bodies quoted in an item, as a council's item repeats the committees'
//! recommendations: a line naming the body, a date and the item ("Social og Sundhed, 6.
//! januar 2020, pkt. 123:"), then that body's decision, up to the next such line or the end
//! of the section.

use super::text::is_digits;
use crate::lexicon::Lexicon;

/// One quoted decision, as byte offsets into the section text.
pub(super) struct Quoted {
    /// Where its heading line starts.
    pub header_start: usize,
    /// The body named (start, end).
    pub body: (usize, usize),
    /// The decision's text (start, end).
    pub from: usize,
    pub to: usize,
}

/// The quoted decisions of a section's text, in order.
pub(super) fn decisions(text: &str, lex: &Lexicon) -> Vec<Quoted> {
    let mut out: Vec<Quoted> = Vec::new();
    // Line ends by memchr's SIMD iterator: a section has hundreds of short lines, and a
    // search per line costs more than its bytes.
    let bytes = text.as_bytes();
    let ends = memchr::memchr_iter(b'\n', bytes).map(|i| i + 1);
    let mut start = 0;
    for end in ends.chain((bytes.last() != Some(&b'\n')).then_some(bytes.len())) {
        let at = start;
        start = end;
        let line = &text[at..end];
        let Some(body) = heading(line, lex) else {
            continue;
        };
        if let Some(last) = out.last_mut() {
            last.to = at;
        }
        let body_at = at + crate::parse::lines::offset_in(line, body);
        out.push(Quoted {
            header_start: at,
            body: (body_at, body_at + body.len()),
            from: start,
            to: text.len(),
        });
    }
    out
}

/// The body a quoted decision's heading line names: "<body>, <date>, <ref> <number>" with an
/// optional colon.
fn heading<'a>(line: &'a str, lex: &Lexicon) -> Option<&'a str> {
    let t = line.trim();
    let t = t.strip_suffix(':').unwrap_or(t);
    // Most lines end otherwise: a cheap look first.
    if !t.as_bytes().last().is_some_and(u8::is_ascii_digit) || !t.contains(',') {
        return None;
    }
    let (head, number) = t.rsplit_once(' ')?;
    if !is_digits(number) {
        return None;
    }
    let head = head.trim_end().to_lowercase();
    let refers = lex.votes.quoted_decision_refs.iter().any(|r| {
        head.strip_suffix(r.as_str())
            .is_some_and(|before| before.is_empty() || before.ends_with([' ', ',']))
    });
    if !refers {
        return None;
    }
    // The body is what stands before the date: "Plan, Miljø og Teknik, 7. januar 2020".
    let date = crate::parse::dates::find_dates(t, 0, &lex.calendar)
        .into_iter()
        .next()?;
    let body = t[..date.span.offset]
        .trim_end_matches([' ', ','])
        .trim_start();
    let named =
        body.chars().next().is_some_and(char::is_uppercase) && body.split_whitespace().count() <= 8;
    named.then_some(body)
}
