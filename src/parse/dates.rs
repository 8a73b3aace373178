//! Dates as Danish minutes write them: "15-04-2026", "01.04.2025", "Onsdag d. 15. april 2026",
//! "onsdag den 15. april 2026". The numbers are kept even when they form no valid date.

use crate::lexicon::CalendarWords;
use crate::model::{DateRef, Span, Text};
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::one_of;
use nom::{IResult, Parser};

fn digits(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i| take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(i)
}

/// "15-04-2026", "5-2-2026", "01.04.2025" at the start of `s`. Returns (day, month, year, length).
pub fn numeric_date(s: &str) -> Option<(u32, u32, i32, usize)> {
    let (rest, (d, sep1, m, sep2, y)) = (
        digits(1, 2),
        one_of("-."),
        digits(1, 2),
        one_of("-."),
        digits(4, 4),
    )
        .parse(s)
        .ok()?;
    // The two separators must agree ("15-04.2026" is not a date).
    if sep1 != sep2 {
        return None;
    }
    // "2026-2029" style year ranges and longer digit runs are not dates.
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((
        d.parse().ok()?,
        m.parse().ok()?,
        y.parse().ok()?,
        s.len() - rest.len(),
    ))
}

/// "15. april 2026" (also "15 april 2026", "15.april 2026") at the start of `s`.
pub fn long_date(s: &str, cal: &CalendarWords) -> Option<(u32, u32, i32, usize)> {
    let (rest, d) = digits(1, 2).parse(s).ok()?;
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let rest = rest.trim_start_matches(' ');
    let word_len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let month = cal.month(&rest[..word_len])?;
    let rest = &rest[word_len..];
    let rest = rest.strip_prefix(' ')?;
    let (rest, y) = digits(4, 4).parse(rest).ok()?;
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((
        d.parse().ok()?,
        month,
        y.parse().ok()?,
        s.len() - rest.len(),
    ))
}

/// A date at the start of `s` in either form. `base` is the offset of `s` in the document.
pub fn date_at(s: &str, base: usize, cal: &CalendarWords) -> Option<DateRef> {
    let (day, month, year, len) = numeric_date(s).or_else(|| long_date(s, cal))?;
    Some(DateRef {
        written: s[..len].to_string(),
        day,
        month,
        year,
        weekday: None,
        span: Span::new(base, len),
    })
}

/// A date optionally preceded by a weekday and "d."/"den": "Onsdag d. 15. april 2026".
pub fn date_with_weekday(s: &str, base: usize, cal: &CalendarWords) -> Option<DateRef> {
    let word_len = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    if word_len > 0 && cal.weekday(&s[..word_len]).is_some() {
        let weekday = Text::new(s[..word_len].to_lowercase(), Span::new(base, word_len));
        let mut rest = s[word_len..].trim_start_matches(' ');
        for joiner in ["d.", "den"] {
            if let Some(r) = rest.strip_prefix(joiner) {
                rest = r.trim_start_matches(' ');
                break;
            }
        }
        let start = s.len() - rest.len();
        let mut date = date_at(rest, base + start, cal)?;
        date.span = Span::new(base, start + date.span.length);
        date.written = s[..start + date.written.len()].to_string();
        date.weekday = Some(weekday);
        return Some(date);
    }
    date_at(s, base, cal)
}

/// Every date in a stretch of running text, each with its weekday when one is written.
pub fn find_dates(text: &str, base: usize, cal: &CalendarWords) -> Vec<DateRef> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        // Only try at word starts.
        let at_word_start =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] >= 0x80);
        if at_word_start
            && (bytes[i].is_ascii_alphanumeric() || bytes[i] >= 0x80)
            && text.is_char_boundary(i)
        {
            if let Some(date) = date_with_weekday(&text[i..], base + i, cal) {
                i += date.span.length;
                out.push(date);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The date as a calendar date, when it is one.
pub fn civil(date: &DateRef) -> Option<jiff::civil::Date> {
    let year = i16::try_from(date.year).ok()?;
    let month = i8::try_from(date.month).ok()?;
    let day = i8::try_from(date.day).ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;

    #[test]
    fn reads_both_forms() {
        let cal = &lexicon().calendar;
        let d = date_with_weekday("Onsdag d. 15. april 2026 kl. 17:30", 10, cal).unwrap();
        assert_eq!((d.day, d.month, d.year), (15, 4, 2026));
        assert_eq!(d.weekday.as_ref().unwrap().text, "onsdag");
        assert_eq!(d.written, "Onsdag d. 15. april 2026");
        assert_eq!(d.span, Span::new(10, "Onsdag d. 15. april 2026".len()));
        let d = date_at("15-04-2026", 0, cal).unwrap();
        assert_eq!((d.day, d.month, d.year), (15, 4, 2026));
        assert!(date_at("2026-2029", 0, cal).is_none());
        assert!(date_at("15-04.2026", 0, cal).is_none());
        let found = find_dates("mødet den 27. august 2025 og 01.04.2025, punkt 8", 0, cal);
        assert_eq!(found.len(), 2);
        assert_eq!(civil(&date_at("29-02-2025", 0, cal).unwrap()), None);
    }
}
