//! The table of contents (Indholdsfortegnelse): "2. Godkendelse af dagsorden.....\t4",
//! "Lukket.....\t18", and PDF exports whose leaders carry no tab ("Godkendelse af dagsorden....... 3").

use super::lines::{squash, Line};
use crate::lexicon::Lexicon;
use crate::model::{Span, TocEntry};
use nom::bytes::complete::take_while1;
use nom::character::complete::char;
use nom::{IResult, Parser};

/// Parse the entries in the lines between the "Indholdsfortegnelse" heading and the first item.
pub fn parse(lines: &[Line], lex: &Lexicon) -> Vec<TocEntry> {
    lines
        .iter()
        .filter(|l| !l.is_blank())
        .filter_map(|l| entry(l, lex))
        .collect()
}

fn entry(line: &Line, lex: &Lexicon) -> Option<TocEntry> {
    let span = line.span();
    let t = line.trimmed();
    // The page number is the last run of digits, after a tab, a space or leader dots.
    let without_page = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let page = if without_page.len() < t.len() && (without_page.ends_with(['\t', ' ', '.'])) {
        t[without_page.len()..].parse().ok()
    } else {
        None
    };
    let title_part = if page.is_some() { without_page } else { t };
    let has_leader = title_part.trim_end().ends_with("..");
    if page.is_none() && !has_leader {
        return None;
    }
    let title_part = title_part.trim_end_matches(['\t', ' ', '.', '…']);
    let (number, title) = match numbered(title_part) {
        Ok((rest, n)) => (n.parse().ok(), rest.trim_start()),
        Err(_) => (None, title_part),
    };
    if title.is_empty() {
        return None;
    }
    let title_offset = line.offset_of(title);
    let closed = lex
        .header
        .closed
        .iter()
        .any(|w| title.starts_with(w.as_str()));
    Some(TocEntry {
        number,
        title: squash(title),
        page,
        closed,
        span,
        title_span: Span::new(title_offset, title.len()),
    })
}

/// "2. " in front of a title.
fn numbered(s: &str) -> IResult<&str, &str> {
    let (rest, (n, _)) = (take_while1(|c: char| c.is_ascii_digit()), char('.')).parse(s)?;
    if !rest.starts_with(' ') || n.len() > 3 {
        return Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::parse::lines::lines;

    #[test]
    fn reads_entries_with_and_without_tabs() {
        let text = "Lukket.....\t3\n2. Godkendelse af dagsorden.....\t4\nBro mellem Dokk1 og Balticagade........... 16\nLokalplan 1221 – ved Kattrup, med ti 17\nLukket: Mundtlige meddelelser.....\t22";
        let toc = parse(&lines(text, 0), lexicon());
        assert_eq!(toc.len(), 5);
        assert!(toc[0].closed);
        assert_eq!(
            (toc[1].number, toc[1].title.as_str(), toc[1].page),
            (Some(2), "Godkendelse af dagsorden", Some(4))
        );
        assert_eq!(
            (toc[2].title.as_str(), toc[2].page),
            ("Bro mellem Dokk1 og Balticagade", Some(16))
        );
        assert_eq!(
            (toc[3].title.as_str(), toc[3].page),
            ("Lokalplan 1221 – ved Kattrup, med ti", Some(17))
        );
        assert!(toc[4].closed);
    }
}
