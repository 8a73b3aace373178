//! Tab-separated tables, as minutes systems export them to text.
//!
//! A table is a run of lines with tabs: a header row (its first cell may hold the unit,
//! "Mio. kr."), maybe a `----` rule under it, data rows and a total row ("I alt",
//! "Hovedtotal"). Exports sometimes break a table with one blank line (001: "Valdemars Alle" /
//! "Frødings Alle") or put a blank line after the rule (001, Tabel 2). A caption line
//! ("Tabel 1: …") may stand just before it, and a note after it may say that the totals do
//! not add up because of rounding.

use super::lines::{starts_with_word, Line};
use super::numbers::{parse_cell, unit_in};
use crate::lexicon::{Lexicon, TableWords};
use crate::model::{Cell, Column, ColumnKind, Row, Span, Table, Text};
use rust_decimal::Decimal;

/// Every table among an item's body lines.
pub fn parse(doc: &str, lines: &[Line], lex: &Lexicon) -> Vec<Table> {
    let _ = doc;
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_table_line(&lines[i]) {
            i += 1;
            continue;
        }
        let (block, next) = block(lines, i);
        let caption = caption_before(lines, i, &lex.tables);
        let note = rounding_note_after(lines, next, caption.as_ref(), &lex.tables);
        tables.push(table(&block, caption, note, lex));
        i = next;
    }
    tables
}

/// A line of a table: it has a tab and is not a table-of-contents line ("Titel.....\t3").
fn is_table_line(line: &Line) -> bool {
    // memchr's SIMD search: every line of every item is asked, and most are long prose.
    memchr::memchr(b'\t', line.text.as_bytes()).is_some()
        && !line.text.contains(".....\t")
        && !is_rule(line)
}

/// A rule under the header: only dashes (or '='), tabs and spaces.
fn is_rule(line: &Line) -> bool {
    let t = line.trimmed();
    t.contains('-') && t.chars().all(|c| matches!(c, '-' | '=' | '\t' | ' ' | '–'))
}

fn columns_of(line: &Line) -> usize {
    memchr::memchr_iter(b'\t', line.text.as_bytes()).count() + 1
}

/// Does a row hold any figure after its label?
fn has_figures(line: &Line) -> bool {
    tab_parts(line.text)
        .skip(1)
        .any(|c| c.trim().starts_with(|ch: char| ch.is_ascii_digit()))
}

/// The lines of one table starting at `start`, and the index after it. One blank line (or a
/// rule) inside is allowed when rows of figures with the table's width go on after it.
fn block<'a>(lines: &[Line<'a>], start: usize) -> (Vec<Line<'a>>, usize) {
    let width = columns_of(&lines[start]);
    let mut out = vec![lines[start]];
    let mut j = start + 1;
    while j < lines.len() {
        let l = &lines[j];
        if is_rule(l) {
            j += 1;
            continue;
        }
        if is_table_line(l) {
            out.push(*l);
            j += 1;
            continue;
        }
        if l.is_blank() {
            if let Some(n) = lines.get(j + 1) {
                if is_table_line(n) && columns_of(n) == width && has_figures(n) {
                    j += 1;
                    continue;
                }
            }
        }
        break;
    }
    (out, j)
}

/// "Tabel 1: …" on the last non-blank line before the table (at most one blank between).
fn caption_before(lines: &[Line], start: usize, words: &TableWords) -> Option<Text> {
    let mut k = start;
    let mut blanks = 0;
    while k > 0 {
        k -= 1;
        let l = &lines[k];
        if l.is_blank() {
            blanks += 1;
            if blanks > 2 {
                return None;
            }
            continue;
        }
        let t = l.trimmed();
        return words
            .caption
            .iter()
            .any(|w| starts_with_word(t, w).is_some())
            .then(|| Text::new(t, l.span()));
    }
    None
}

/// A note saying the totals may not add up because of rounding, in the caption or in the
/// three non-blank lines after the table.
fn rounding_note_after(
    lines: &[Line],
    after: usize,
    caption: Option<&Text>,
    words: &TableWords,
) -> Option<Span> {
    let says_rounding = |t: &str| {
        // The words are lower case (tested in lexicon.rs); most lines have none of them.
        let t = crate::fold::lower_same_len(t);
        words.rounding_note.iter().any(|w| t.contains(w.as_str()))
    };
    if let Some(c) = caption.filter(|c| says_rounding(&c.text)) {
        return Some(c.span);
    }
    lines[after.min(lines.len())..]
        .iter()
        .filter(|l| !l.is_blank())
        .take_while(|l| !is_table_line(l))
        .take(3)
        .find(|l| says_rounding(l.text))
        .map(|l| l.span())
}

/// One line split at its tabs, each cell with the span of its trimmed text.
fn cells(line: &Line) -> Vec<Cell> {
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\t', line.text.as_bytes()).count() + 1);
    let mut at = line.offset;
    for part in tab_parts(line.text) {
        let lead = part.len() - part.trim_start().len();
        let t = part.trim();
        out.push(Cell {
            text: t.to_string(),
            value: None,
            span: Span::new(at + lead, t.len()),
        });
        at += part.len() + 1;
    }
    out
}

/// `text.split('\t')` from memchr's positions: the same parts without a searcher set up for
/// each (this runs on every cell of every table).
fn tab_parts(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\t', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let part = &text[start..end];
            start = end + 1;
            part
        })
}

fn row(line: &Line) -> Row {
    Row {
        cells: cells(line),
        span: line.span(),
    }
}

fn table(block: &[Line], caption: Option<Text>, note: Option<Span>, lex: &Lexicon) -> Table {
    let words = &lex.tables;
    let numbers = &lex.numbers;
    // The header is the first line when it holds no figures after its label.
    let has_header = !has_figures(&block[0]);
    let header = if has_header {
        cells(&block[0])
    } else {
        Vec::new()
    };
    let mut rows: Vec<Row> = block[usize::from(has_header)..].iter().map(row).collect();
    let is_total = |r: &Row| {
        r.cells.first().is_some_and(|c| {
            words
                .total_row
                .iter()
                .any(|w| starts_with_word(&c.text, w).is_some())
        })
    };
    // Only the last row is the grand total; a table with subtotals gets none.
    let mut total_row = match rows.iter().filter(|r| is_total(r)).count() {
        1 if rows.last().is_some_and(is_total) => rows.pop(),
        _ => None,
    };
    // The unit: the header corner ("Mio. kr."), else the caption.
    let corner_unit = header.first().and_then(|c| {
        let (name, _) = super::numbers::unit_at(c.text.trim_matches(['(', ')']), numbers)?;
        Some(name)
    });
    let unit = corner_unit.or_else(|| caption.as_ref().and_then(|c| unit_in(&c.text, numbers)));

    let width = header
        .len()
        .max(rows.iter().map(|r| r.cells.len()).max().unwrap_or(0))
        .max(total_row.as_ref().map(|r| r.cells.len()).unwrap_or(0));
    // Every cell read as a number once, into its value for now: the columns' kinds need
    // them all, and cells of columns that are no number columns lose them again below.
    for r in rows.iter_mut().chain(total_row.iter_mut()) {
        for c in &mut r.cells {
            c.value = parse_cell(&c.text, numbers);
        }
    }
    let mut columns = Vec::with_capacity(width);
    for j in 0..width {
        let head = header.get(j).map(|c| c.text.as_str()).unwrap_or("");
        let col_unit = if j == 0 {
            None
        } else {
            unit_in(head, numbers).or_else(|| unit.clone())
        };
        // The column's non-blank cells.
        let filled = || {
            rows.iter()
                .chain(total_row.iter())
                .filter_map(|r| r.cells.get(j))
                .filter(|c| !c.text.is_empty())
        };
        let figures = || filled().filter_map(|c| c.value.as_ref());
        let all_numbers = filled().next().is_some() && filled().all(|c| c.value.is_some());
        let is_year_header = words
            .year_columns
            .iter()
            .any(|w| head.eq_ignore_ascii_case(w));
        let all_years = all_numbers
            && filled().all(|c| c.text.len() == 4)
            && figures().all(|n| {
                n.decimals == 0 && (Decimal::from(1900)..=Decimal::from(2100)).contains(&n.value)
            });
        let kind = if is_year_header || (all_years && j == 0) {
            ColumnKind::Year
        } else if j == 0 || !all_numbers {
            ColumnKind::Label
        } else if col_unit.as_deref() == Some("%")
            || figures().any(|n| n.unit.as_deref() == Some("%"))
        {
            ColumnKind::Percent
        } else {
            ColumnKind::Number
        };
        let decimals = figures().map(|n| n.decimals).max().unwrap_or(0);
        columns.push(Column {
            kind,
            unit: col_unit,
            decimals,
        });
    }
    // Number columns keep their figures, with the column's unit where the cell has none.
    for r in rows.iter_mut().chain(total_row.iter_mut()) {
        for (j, c) in r.cells.iter_mut().enumerate() {
            match columns.get(j) {
                Some(col) if matches!(col.kind, ColumnKind::Number | ColumnKind::Percent) => {
                    if let Some(n) = c.value.as_mut().filter(|n| n.unit.is_none()) {
                        n.unit = col.unit.clone();
                    }
                }
                _ => c.value = None,
            }
        }
    }
    let first = caption
        .as_ref()
        .map(|c| c.span)
        .unwrap_or_else(|| block[0].span());
    let last = block.last().map(|l| l.span()).unwrap_or(first);
    Table {
        caption,
        header,
        rows,
        total_row,
        unit,
        rounding_note: note,
        columns,
        span: first.cover(last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn tab_parts_are_split_at_tabs(text in "[a\tø ]{0,12}") {
            let expected: Vec<&str> = text.split('\t').collect();
            proptest::prop_assert_eq!(tab_parts(&text).collect::<Vec<_>>(), expected);
            proptest::prop_assert_eq!(columns_of(&Line::new(&text, 0)), text.split('\t').count());
        }
    }
}
