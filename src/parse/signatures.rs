//! The signature sheet (Underskriftsark / Underskriftsside / Godkendelsesark): who approved
//! the minutes, with what status, on which date.
//!
//! Two layouts occur:
//! - column by column (Høje-Taastrup, corpus 000): a "Bruger" line followed by every name,
//!   then "Status" followed by every status, then "Dato for godkendelse" followed by every
//!   date. The three columns are zipped by position.
//! - row per line: "Name<TAB>Godkendt<TAB>onsdag den 15. april 2026" (optionally under a
//!   "Bruger<TAB>Status<TAB>Dato" header line).
//!
//! A sheet that is only announced (Aabenraa, corpus 004: "Underskriftsside" with an
//! instruction to press "Godkend") gives an empty list.

use super::dates;
use super::lines::Line;
use crate::lexicon::Lexicon;
use crate::model::{DateRef, Signature, Span, Text};

/// Read the sheet from its region: the heading line, then the rows or columns, up to the
/// next item (the segmentation cuts it there).
pub fn parse(region: &[Line], lex: &Lexicon) -> Vec<Signature> {
    let words = &lex.signatures;
    let Some(sheet) = region.get(1..) else {
        return Vec::new();
    };
    let rows = row_layout(sheet, lex);
    if !rows.is_empty() {
        return rows;
    }
    column_layout(sheet, lex, &words.name_column)
}

fn is_word(t: &str, list: &[String]) -> bool {
    let t = t.trim().trim_end_matches(':');
    list.iter()
        .any(|w| w.eq_ignore_ascii_case(t) || w.to_lowercase() == t.to_lowercase())
}

/// A whole line that is a date ("onsdag den 15. april 2026", "15-04-2026").
fn whole_date(line: &Line, lex: &Lexicon) -> Option<DateRef> {
    let span = line.span();
    let t = line.trimmed();
    let d = dates::date_with_weekday(t, span.offset, &lex.calendar)?;
    // Allow a trailing time ("kl. 10:12") after the date, nothing else that is a word list.
    let rest = t[d.span.length..].trim();
    (rest.is_empty()
        || rest.starts_with("kl")
        || rest.chars().next().is_some_and(|c| c.is_ascii_digit()))
    .then_some(d)
}

/// Column by column: names after the name heading, statuses after the status heading, dates
/// after the date heading.
fn column_layout(sheet: &[Line], lex: &Lexicon, name_heads: &[String]) -> Vec<Signature> {
    let words = &lex.signatures;
    let Some(name_at) = sheet.iter().position(|l| is_word(l.trimmed(), name_heads)) else {
        return Vec::new();
    };
    let mut names: Vec<Text> = Vec::new();
    let mut statuses: Vec<Text> = Vec::new();
    let mut dates_found: Vec<DateRef> = Vec::new();
    #[derive(PartialEq)]
    enum Col {
        Names,
        Statuses,
        Dates,
    }
    let mut col = Col::Names;
    for line in &sheet[name_at + 1..] {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        if is_word(t, &words.status_column) {
            col = Col::Statuses;
            continue;
        }
        if is_word(t, &words.date_column) {
            col = Col::Dates;
            continue;
        }
        match col {
            Col::Names => {
                if t.len() > 80 || t.contains('\t') {
                    break;
                }
                names.push(Text::new(t, line.span()));
            }
            Col::Statuses => {
                if t.len() > 40 {
                    break;
                }
                statuses.push(Text::new(t, line.span()));
            }
            Col::Dates => match whole_date(line, lex) {
                Some(d) => dates_found.push(d),
                None => break,
            },
        }
    }
    // A names column without any status or date column is no sheet we understand.
    if statuses.is_empty() && dates_found.is_empty() {
        return Vec::new();
    }
    let mut statuses = statuses.into_iter();
    let mut dates_found = dates_found.into_iter();
    names
        .into_iter()
        .map(|name| Signature {
            name,
            status: statuses.next(),
            date: dates_found.next(),
        })
        .collect()
}

/// Row per line: "Name<TAB>Status<TAB>Date" (cells split by tabs or runs of 2+ spaces).
fn row_layout(sheet: &[Line], lex: &Lexicon) -> Vec<Signature> {
    let words = &lex.signatures;
    let mut out = Vec::new();
    for line in sheet {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        let cells = cells(line);
        if cells.len() < 2 {
            continue;
        }
        if cells.iter().any(|(c, _)| is_word(c, &words.name_column)) {
            continue; // the header row
        }
        let (name, name_at) = cells[0];
        if name.chars().any(|c| c.is_ascii_digit())
            || !name.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        let mut status = None;
        let mut date = None;
        for &(cell, at) in &cells[1..] {
            if date.is_none() {
                if let Some(d) = dates::date_with_weekday(cell, at, &lex.calendar) {
                    date = Some(d);
                    continue;
                }
            }
            if status.is_none() && !cell.is_empty() && cell.len() <= 40 {
                status = Some(Text::new(cell, Span::new(at, cell.len())));
            }
        }
        // A row must carry a date or a recognised status to be a signature.
        let status_known = status.as_ref().is_some_and(|s: &Text| {
            words.is_approved(&s.text) || s.text.split_whitespace().count() <= 2
        });
        if date.is_none() && !status_known {
            continue;
        }
        if date.is_none() && !status.as_ref().is_some_and(|s| words.is_approved(&s.text)) {
            continue;
        }
        out.push(Signature {
            name: Text::new(name, Span::new(name_at, name.len())),
            status,
            date,
        });
    }
    out
}

/// Cells of a row with their document offsets.
fn cells<'a>(line: &Line<'a>) -> Vec<(&'a str, usize)> {
    let text = line.text;
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        let sep = if i == bytes.len() {
            Some(0)
        } else if bytes[i] == b'\t' {
            Some(1)
        } else if bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ') {
            Some(2)
        } else {
            None
        };
        if let Some(n) = sep {
            let raw = &text[start..i];
            let cell = raw.trim();
            if !cell.is_empty() {
                let lead = raw.len() - raw.trim_start().len();
                out.push((cell, line.offset + start + lead));
            }
            if n == 0 {
                break;
            }
            // Skip the whole run of separators.
            let mut j = i;
            while j < bytes.len() && (bytes[j] == b'\t' || bytes[j] == b' ') {
                j += 1;
            }
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::parse::lines::lines;

    fn sheet(doc: &str) -> Vec<Signature> {
        parse(&lines(doc, 0), lexicon())
    }

    #[test]
    fn column_layout_zips_names_statuses_dates() {
        let doc = "Godkendelsesark\n\nBruger\n\nAnne Mette Bak\n\nHenrik Torning\n\nStatus\n\nGodkendt\n\nGodkendt\n\nDato for godkendelse\n\nonsdag den 15. april 2026\n\ntorsdag den 16. april 2026\n\nAfbud Emil Viskum\n";
        let s = sheet(doc);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name.text, "Anne Mette Bak");
        assert_eq!(
            &doc[s[1].name.span.offset..s[1].name.span.end()],
            "Henrik Torning"
        );
        assert_eq!(s[1].status.as_ref().unwrap().text, "Godkendt");
        let d = s[1].date.as_ref().unwrap();
        assert_eq!((d.day, d.month, d.year), (16, 4, 2026));
        assert_eq!(
            &doc[d.span.offset..d.span.end()],
            "torsdag den 16. april 2026"
        );
    }

    #[test]
    fn row_layout() {
        let doc = "Underskriftsark\nBruger\tStatus\tDato for godkendelse\nAnne Mette Bak\tGodkendt\tonsdag den 15. april 2026\nHenrik Torning\tAfvist\t16-04-2026\n";
        let s = sheet(doc);
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].name.text, "Henrik Torning");
        assert_eq!(s[1].status.as_ref().unwrap().text, "Afvist");
        assert_eq!(s[1].date.as_ref().unwrap().day, 16);
    }

    #[test]
    fn announced_sheet_without_names_is_empty() {
        let doc = "Punkt 19: Underskriftsside\n\n25/31181\n\nSagsfremstilling\n\nFor at godkende beslutningsprotokollen skal hvert medlem underskrive ved at trykke på\n\n”Godkend”.\n\nBeslutning\n\nGodkendt.\n";
        assert!(sheet(doc).is_empty());
        assert!(sheet("Underskriftsark.....\t20\n").is_empty());
    }
}
