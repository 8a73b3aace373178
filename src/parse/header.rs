//! The meeting header: "REFERAT <body> d. DD-MM-YYYY", "Mødedato <Ugedag> d. DD. <måned> YYYY
//! kl. HH:MM", "Mødested <sted>".

use super::dates;
use super::lines::{starts_with_word, Line};
use crate::lexicon::Lexicon;
use crate::model::{Meeting, Span, Text};

/// Read the header from the lines before the table of contents / first item.
pub fn parse(lines: &[Line], lex: &Lexicon) -> Meeting {
    let mut meeting = Meeting::default();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        let start = line.span().offset;
        if meeting.title.is_none() {
            if let Some(kind) = lex
                .header
                .document_kinds
                .iter()
                .find(|k| t.starts_with(k.as_str()))
            {
                title(&mut meeting, t, start, kind, lex);
                continue;
            }
            // Web pages: "Referat 1. oktober 2025 kl. 15.45", "Dagsorden 8. oktober 2025 …".
            if let Some(kind) = lex.header.document_kinds.iter().find(|k| {
                starts_with_word(t, k)
                    .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            }) {
                meeting.title = Some(Text::new(t, Span::new(start, t.len())));
                meeting.kind = Some(kind.to_string());
                let rest = t[kind.len()..].trim_start();
                meeting.title_date = dates::date_at(rest, line.offset_of(rest), &lex.calendar);
                continue;
            }
        }
        let label = |words: &[String]| words.iter().find_map(|w| starts_with_word(t, w));
        if meeting.date.is_none() {
            if let Some((value, offset)) =
                label(&lex.header.meeting_date).and_then(|rest| field(lines, i, rest))
            {
                meeting_date(&mut meeting, value, offset, lex);
                continue;
            }
        }
        if meeting.place.is_none() {
            if let Some((value, offset)) =
                label(&lex.header.meeting_place).and_then(|rest| field(lines, i, rest))
            {
                meeting.place = Some(Text::new(value, Span::new(offset, value.len())));
                continue;
            }
        }
        if meeting.body.is_none() {
            if let Some((value, offset)) =
                label(&lex.header.body_label).and_then(|rest| field(lines, i, rest))
            {
                meeting.body = Some(Text::new(value, Span::new(offset, value.len())));
            }
        }
    }
    meeting
}

/// The value of a "Label value" line, or — as web pages lay it out — of "Label:" followed by
/// the value on the next non-blank line. Returns the value and its offset.
fn field<'a>(lines: &[Line<'a>], i: usize, rest: &'a str) -> Option<(&'a str, usize)> {
    let line = &lines[i];
    let value = rest.strip_prefix(':').unwrap_or(rest).trim();
    if !value.is_empty() {
        return Some((value, line.offset_of(value)));
    }
    if !rest.trim().starts_with(':') {
        return None;
    }
    let next = lines[i + 1..].iter().take(3).find(|l| !l.is_blank())?;
    let value = next.trimmed();
    // Another label ("Mødedeltagere:") is no value.
    (!value.ends_with(':')).then(|| (value, next.span().offset))
}

fn title(meeting: &mut Meeting, t: &str, start: usize, kind: &str, lex: &Lexicon) {
    meeting.title = Some(Text::new(t, Span::new(start, t.len())));
    meeting.kind = Some(kind.to_string());
    let rest = &t[kind.len()..];
    let body_start = rest.len() - rest.trim_start().len();
    let rest_trimmed = rest.trim_start();
    // "<body> d. 15-04-2026": the date is after the last " d. " / " den ".
    let cut = [" d. ", " den "]
        .iter()
        .filter_map(|j| rest_trimmed.rfind(j).map(|p| (p, j.len())))
        .max_by_key(|(p, _)| *p);
    let (body, date) = match cut {
        Some((p, jl)) => {
            let date_str = &rest_trimmed[p + jl..];
            let date_offset = start + kind.len() + body_start + p + jl;
            (
                &rest_trimmed[..p],
                dates::date_at(date_str.trim_end(), date_offset, &lex.calendar),
            )
        }
        None => (rest_trimmed, None),
    };
    let body = body.trim();
    if !body.is_empty() {
        meeting.body = Some(Text::new(
            body,
            Span::new(start + kind.len() + body_start, body.len()),
        ));
    }
    meeting.title_date = date;
}

fn meeting_date(meeting: &mut Meeting, value: &str, offset: usize, lex: &Lexicon) {
    meeting.date = dates::date_with_weekday(value, offset, &lex.calendar);
    if let Some(kl) = value.find("kl. ").or_else(|| value.find("kl ")) {
        let time = value[kl..].trim_end();
        let clock = time
            .trim_start_matches("kl.")
            .trim_start_matches("kl")
            .trim();
        meeting.time = Some(Text::new(clock, Span::new(offset + kl, time.len())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::parse::lines::lines;

    #[test]
    fn reads_title_date_and_place() {
        let text = "REFERAT Arbejdsmarkeds- og Socialudvalget d. 15-04-2026\n\nMødedato Onsdag d. 15. april 2026 kl. 17:30\n\nMødested Mødelokale 1.14\n";
        let m = parse(&lines(text, 0), lexicon());
        assert_eq!(
            m.body.as_ref().unwrap().text,
            "Arbejdsmarkeds- og Socialudvalget"
        );
        let td = m.title_date.unwrap();
        assert_eq!((td.day, td.month, td.year), (15, 4, 2026));
        assert_eq!(&text[td.span.offset..td.span.end()], "15-04-2026");
        let d = m.date.unwrap();
        assert_eq!(
            &text[d.span.offset..d.span.end()],
            "Onsdag d. 15. april 2026"
        );
        assert_eq!(m.time.unwrap().text, "17:30");
        assert_eq!(m.place.unwrap().text, "Mødelokale 1.14");
    }
}
