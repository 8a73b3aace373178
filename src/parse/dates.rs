//! Dates as Danish minutes write them: "15-04-2026", "01.04.2025", "Onsdag d. 15. april 2026",
//! "onsdag den 15. april 2026". The numbers are kept even when they form no valid date.

use crate::lexicon::CalendarWords;
use crate::model::{DateRef, Span, Text, YearRange};
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
    if !rest.starts_with(char::is_alphabetic) {
        return None; // most numbers: no month word follows
    }
    let word_len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let (word, rest) = rest.split_at(word_len);
    let rest = rest.strip_prefix(' ')?;
    let (rest, y) = digits(4, 4).parse(rest).ok()?;
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    // The month last: most figures followed by a word ("5 stemmer", "2. behandling") have
    // no year after it, and that is cheaper to see than the month list.
    let month = cal.month(word)?;
    Some((
        d.parse().ok()?,
        month,
        y.parse().ok()?,
        s.len() - rest.len(),
    ))
}

/// A date at the start of `s` in either form. `base` is the offset of `s` in the document.
pub fn date_at(s: &str, base: usize, cal: &CalendarWords) -> Option<DateRef> {
    // Both forms start with a day of one or two digits followed by a separator or the month:
    // most figures in minutes (amounts, case numbers, years) fail here without a parse.
    let b = s.as_bytes();
    let day_len = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    let after_day = b.get(day_len).copied();
    if !(1..=2).contains(&day_len)
        || !after_day.is_some_and(|c| matches!(c, b'-' | b'.' | b' ') || is_word_byte(c))
    {
        return None;
    }
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
///
/// Every date holds a digit, so the scan stops only at digits that start a word and looks
/// back for a weekday from there: looking a weekday up at every word start cost a quarter
/// of the whole check.
pub fn find_dates(text: &str, base: usize, cal: &CalendarWords) -> Vec<DateRef> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Text before `floor` belongs to the previous date.
    let mut floor = 0;
    while i < bytes.len() {
        // Dates start at digits: jump to the next one (prose has few).
        match crate::fold::find_digit(&bytes[i..]) {
            Some(k) => i += k,
            None => break,
        }
        if i == 0 || !is_word_byte(bytes[i - 1]) {
            if let Some(mut date) = date_at(&text[i..], base + i, cal) {
                let len = date.span.length;
                if let Some((start, word_len)) = weekday_before(&text[floor..i], cal) {
                    let start = floor + start;
                    date.weekday = Some(Text::new(
                        text[start..start + word_len].to_lowercase(),
                        Span::new(base + start, word_len),
                    ));
                    date.written = text[start..i + len].to_string();
                    date.span = Span::new(base + start, i + len - start);
                }
                i += len;
                floor = i;
                out.push(date);
                continue;
            }
        }
        // The rest of this word cannot start a date: its bytes follow a word byte.
        i += 1;
        while i < bytes.len() && is_word_byte(bytes[i]) {
            i += 1;
        }
    }
    out
}

/// A byte that continues a word (letters, digits, any non-ASCII character).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The weekday written right before a date, as [`date_with_weekday`] reads it forwards:
/// "Onsdag d. ", "onsdag den ", "Onsdag ". Returns its offset in `head` and its length.
fn weekday_before(head: &str, cal: &CalendarWords) -> Option<(usize, usize)> {
    let mut rest = head.trim_end_matches(' ');
    for joiner in ["d.", "den"] {
        if let Some(r) = rest.strip_suffix(joiner) {
            // The joiner is a word of its own: "Onsdagden" is no weekday.
            if r.ends_with(char::is_alphabetic) {
                return None;
            }
            rest = r.trim_end_matches(' ');
            break;
        }
    }
    let word_start = rest
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(k, _)| k)?;
    if word_start > 0 && is_word_byte(rest.as_bytes()[word_start - 1]) {
        return None;
    }
    let word = &rest[word_start..];
    cal.weekday(word)?;
    Some((word_start, word.len()))
}

/// Every year range ("2026-2029", "2022–2025", "2023-26") in a stretch of text. A range is a
/// four-digit year 1900–2099 not glued to other digits, a hyphen or en dash, and a four- or
/// two-digit year not followed by more digits or another "-digit" (so parts of dates and
/// journal numbers like "15.00.00-G01-2536-21" are not ranges).
pub fn find_year_ranges(text: &str, base: usize) -> Vec<YearRange> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Text before `floor` belongs to the previous range.
    let mut floor = 0;
    // A range is four digits and a dash: search the dashes, which are fewer than the digits.
    // '–' is E2 80 93 in UTF-8; its last byte marks it.
    for at in memchr::memchr2_iter(b'-', 0x93, bytes) {
        let dash = if bytes[at] == b'-' {
            at
        } else if at >= 2 && bytes[at - 2..=at] == [0xE2, 0x80, 0x93] {
            at - 2
        } else {
            continue;
        };
        let Some(start) = dash.checked_sub(4) else {
            continue;
        };
        let glued_before = start > 0
            && (bytes[start - 1].is_ascii_alphanumeric()
                || matches!(bytes[start - 1], b'-' | b'.' | b'/'));
        if start < floor || glued_before || !bytes[start..dash].iter().all(u8::is_ascii_digit) {
            continue;
        }
        if let Some(r) = year_range_at(&text[start..], base + start) {
            floor = start + r.span.length;
            out.push(r);
        }
    }
    out
}

fn year_range_at(s: &str, base: usize) -> Option<YearRange> {
    let from: i32 = s.get(..4)?.parse().ok()?;
    let rest = &s[4..];
    let dash = if rest.starts_with('-') {
        1
    } else if rest.starts_with('–') {
        '–'.len_utf8()
    } else {
        return None;
    };
    let rest = &rest[dash..];
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = &rest[n..];
    if after.starts_with(['-', '.', '/']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let to: i32 = match n {
        4 => rest[..4].parse().ok()?,
        2 => from / 100 * 100 + rest[..2].parse::<i32>().ok()?,
        _ => return None,
    };
    if !(1900..2100).contains(&from) || !(1900..2100).contains(&to) {
        return None;
    }
    let len = 4 + dash + n;
    Some(YearRange {
        written: s[..len].to_string(),
        from,
        to,
        span: Span::new(base, len),
    })
}

/// The weekday (Monday = 0) a calendar date falls on.
pub fn weekday_index(date: jiff::civil::Date) -> usize {
    date.weekday().to_monday_zero_offset() as usize
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

    /// The plain scan [`find_year_ranges`] replaces: every run of digits that starts a word.
    fn year_ranges_by_digits(text: &str) -> Vec<YearRange> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i + 4 < bytes.len() {
            let glued_before = i > 0
                && (bytes[i - 1].is_ascii_alphanumeric()
                    || matches!(bytes[i - 1], b'-' | b'.' | b'/'));
            if !bytes[i].is_ascii_digit()
                || glued_before
                || !bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            {
                i += 1;
                while bytes[i - 1].is_ascii_digit() && i < bytes.len() && bytes[i].is_ascii_digit()
                {
                    i += 1;
                }
                continue;
            }
            match year_range_at(&text[i..], i) {
                Some(r) => {
                    i += r.span.length;
                    out.push(r);
                }
                None => i += 4,
            }
        }
        out
    }

    #[test]
    fn year_ranges_found_from_dashes_agree_with_a_digit_scan() {
        let texts = [
            "Budget 2026-2029 og 2025–2028, ikke 12026-2029, a2026-2029 eller 2026-20291.",
            "2024-25 2024-2025-2026 2024-2025 2024 - 2025 1899-1901 2099-2101 2026–27x 2026-27",
            "-2026-2027 /2026-2027 .2026-2027 2026-2027/1 2026-2027.5 2026–2027– 2026-2027",
            "ø2026-2027 “2026–2027” 20262027-2028 2026-2027-2028-2029 15-04-2026 2026-",
            "",
            "2026-2029",
        ];
        for t in texts {
            assert_eq!(find_year_ranges(t, 0), year_ranges_by_digits(t), "{t:?}");
        }
        assert_eq!(find_year_ranges(texts[0], 0).len(), 2);
    }

    proptest::proptest! {
        #[test]
        fn year_ranges_agree_on_any_text(t in "((19|20)[0129]{2}|[0129 a./–-]|–|-){0,16}") {
            proptest::prop_assert_eq!(find_year_ranges(&t, 0), year_ranges_by_digits(&t));
        }
    }

    #[test]
    fn figures_that_cannot_start_a_date_are_turned_away() {
        let cal = &lexicon().calendar;
        for t in [
            "111.105",
            "19/25111",
            "2021",
            "1.813.737",
            "3 stemmer",
            "15:30",
        ] {
            assert!(date_at(t, 0, cal).is_none(), "{t:?}");
        }
        for t in [
            "15-04-2026",
            "5.4.2026",
            "15. april 2026",
            "15 april 2026",
            "15.april 2026",
        ] {
            assert!(date_at(t, 0, cal).is_some(), "{t:?}");
        }
    }

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
        assert!(found.iter().all(|d| d.weekday.is_none()));
        // A weekday is found looking back from the date, with or without "d."/"den".
        let text = "Mødet holdes Onsdag d. 15. april 2026, torsdag den 16.04.2026 og fredag 17. april 2026.";
        let found = find_dates(text, 3, cal);
        let got: Vec<_> = found
            .iter()
            .map(|d| {
                (
                    d.weekday.as_ref().unwrap().text.as_str(),
                    d.written.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("onsdag", "Onsdag d. 15. april 2026"),
                ("torsdag", "torsdag den 16.04.2026"),
                ("fredag", "fredag 17. april 2026")
            ]
        );
        let at = text.find("Onsdag").unwrap();
        assert_eq!(
            found[0].span,
            Span::new(3 + at, "Onsdag d. 15. april 2026".len())
        );
        // The same as read forwards from the weekday.
        let forward = date_with_weekday(&text[at..], 3 + at, cal).unwrap();
        assert_eq!(forward.span, found[0].span);
        assert_eq!(forward.weekday, found[0].weekday);
        // Glued words are no weekdays.
        for glued in ["Onsdagden 15. april 2026", "xonsdag 15. april 2026"] {
            let found = find_dates(glued, 0, cal);
            assert_eq!(found.len(), 1, "{glued}");
            assert!(found[0].weekday.is_none(), "{glued}");
        }
        assert_eq!(civil(&date_at("29-02-2025", 0, cal).unwrap()), None);
    }

    #[test]
    fn year_ranges() {
        let r = find_year_ranges(
            "Budgetbidrag 2026-2026 og 2026-2029, plan 2023-26, udvalget 2022–2025",
            5,
        );
        let got: Vec<_> = r.iter().map(|r| (r.from, r.to)).collect();
        assert_eq!(
            got,
            vec![(2026, 2026), (2026, 2029), (2023, 2026), (2022, 2025)]
        );
        assert_eq!(r[0].span, Span::new(5 + 13, 9));
        assert!(find_year_ranges(
            "15.00.00-G01-2536-21 og 15-04-2026 og 25-1-85.10.00-P07, tlf 2026-20-30",
            0
        )
        .is_empty());
    }
}
