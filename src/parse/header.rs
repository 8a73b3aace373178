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
    // Layouts that label neither: the first line that is a date ("Den 24.02.2026 kl. 17:00",
    // "26-01-2026 kl. 18:00"), and the first line or title part that is a body's name.
    if meeting.date.is_none() {
        meeting.date = lines
            .iter()
            .take(UNLABELLED_LINES)
            .find_map(|l| date_line(l, lex));
    }
    if meeting.body.is_none() {
        meeting.body = lines
            .iter()
            .take(UNLABELLED_LINES)
            .find_map(|l| body_line(l, lex));
    }
    meeting
}

/// How far into the header an unlabelled date or body name is looked for.
const UNLABELLED_LINES: usize = 40;

/// A line that starts with the meeting's date, perhaps after "Den" and a weekday, or whose
/// last part (after " – ") is a date.
fn date_line(line: &Line, lex: &Lexicon) -> Option<crate::model::DateRef> {
    let t = line.trimmed();
    if t.is_empty() || t.len() > 100 {
        return None;
    }
    let parts = t.rsplit(" – ").chain(t.rsplit(" - ").take(1));
    let mut candidates = std::iter::once(t).chain(parts);
    candidates.find_map(|part| {
        let part = part.trim();
        let rest = ["Den ", "den "]
            .iter()
            .find_map(|d| part.strip_prefix(d))
            .unwrap_or(part);
        let rest = rest.trim_start();
        let rest_at = line.offset_of(rest);
        dates::date_with_weekday(rest, rest_at, &lex.calendar).filter(|d| d.span.offset == rest_at)
    })
}

/// A short header line that is a body's name ("Regionsrådet", "Teknik- og Miljøudvalget"),
/// or the part of a title line before the document kind ("Økonomiudvalget – Referat – …").
fn body_line(line: &Line, lex: &Lexicon) -> Option<Text> {
    let t = line.trimmed();
    if t.is_empty() || t.len() > 80 {
        return None;
    }
    let head = [" – ", " - ", " | "]
        .iter()
        .filter_map(|sep| t.split_once(sep))
        .find(|(_, rest)| {
            lex.header
                .document_kinds
                .iter()
                .any(|k| starts_with_word(rest.trim(), k).is_some())
        })
        .map_or(t, |(head, _)| head)
        .trim();
    // A label ("Udvalg", "UDVALG") is no name.
    if lex
        .header
        .body_label
        .iter()
        .any(|l| crate::lexicon::eq_fold(l, head))
    {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let last = words.last()?;
    let ends_as_body = lex.header.body_endings.iter().any(|e| {
        last.len() >= e.len()
            && last.is_char_boundary(last.len() - e.len())
            && crate::lexicon::eq_fold(&last[last.len() - e.len()..], e)
    });
    // Every word a name's: capitalised, a joiner ("og", "for") or a hyphenated first part.
    let name_like = words.len() <= 8
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || matches!(*w, "og" | "for" | "i" | "&" | "-" | "–")
                || w.ends_with('-')
        })
        && !head.contains(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
    (ends_as_body && name_like)
        .then(|| Text::new(head, Span::new(line.offset_of(head), head.len())))
}

/// The value of a "Label value" line, or — as web pages lay it out — of "Label:" followed by
/// the value on the next non-blank line. Returns the value and its offset.
fn field<'a>(lines: &[Line<'a>], i: usize, rest: &'a str) -> Option<(&'a str, usize)> {
    let line = &lines[i];
    let value = rest.strip_prefix(':').unwrap_or(rest).trim();
    if !value.is_empty() {
        return Some((value, line.offset_of(value)));
    }
    // "Label:" or a label alone in capitals ("UDVALG", "STARTTIDSPUNKT") above its value.
    let caps_label = rest.trim().is_empty() && !line.trimmed().chars().any(char::is_lowercase);
    if !rest.trim().starts_with(':') && !caps_label {
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

    /// A header, the body and the date (day, month, year) read from it.
    type Case = (&'static str, Option<&'static str>, Option<(u32, u32, i32)>);

    fn body_and_date(text: &str) -> (Option<String>, Option<(u32, u32, i32)>) {
        let m = parse(&lines(text, 0), lexicon());
        (
            m.body.map(|b| b.text),
            m.date.map(|d| (d.day, d.month, d.year)),
        )
    }

    #[test]
    fn unlabelled_body_and_date_lines() {
        let cases: [Case; 7] = [
            ("Regionsrådet\nDen 21.04.2026 kl. 17:00\n", Some("Regionsrådet"), Some((21, 4, 2026))),
            ("Økonomiudvalget – Referat – 16. februar 2026\n", Some("Økonomiudvalget"), Some((16, 2, 2026))),
            ("Teknik- og Miljøudvalget\n26-01-2026 kl. 18:00\n", Some("Teknik- og Miljøudvalget"), Some((26, 1, 2026))),
            ("UDVALG\nUdvalget for Ældre og Sundhed\nSTARTTIDSPUNKT\nMandag den 2. februar 2026\n", Some("Udvalget for Ældre og Sundhed"), Some((2, 2, 2026))),
            // Prose that names a body or holds a date is neither.
            ("Sagen blev sendt til Økonomiudvalget\nBudgettet for 2026 blev vedtaget 14. april 2026.\n", None, None),
            ("Udvalg\nFrist 14. april 2026 for høringssvar\n", None, None),
            ("Byrådet 2022-2025\n", None, None),
        ];
        for (text, body, date) in cases {
            let (b, d) = body_and_date(text);
            assert_eq!(b.as_deref(), body, "{text:?}");
            assert_eq!(d, date, "{text:?}");
        }
    }
}
