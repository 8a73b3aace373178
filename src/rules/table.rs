//! `table/*`: budget tables checked the way an auditor would — column totals within rounding,
//! difference and sum columns ("Afvigelse", "Egenfinansiering", "I alt") row by row, and
//! "Heraf" columns never larger than their parent.

use super::interval::{danish, interval_of, Interval};
use super::{Context, Finding, Sink};
use crate::lexicon::lexicon;
use crate::model::{Cell, ColumnKind, Item, Row, Table};
use rust_decimal::Decimal;

pub fn check(ctx: &Context, sink: &mut Sink) {
    for item in &ctx.minutes.items {
        for table in &item.tables {
            column_totals(item, table, sink);
            row_relations(item, table, sink);
            parts(item, table, sink);
        }
    }
}

/// The rounding note of the table, appended to every finding on it.
fn with_rounding_note(f: Finding, table: &Table) -> Finding {
    match table.rounding_note {
        Some(span) => f
            .label(
                span,
                "dokumentet siger, at totalerne kan afvige pga. afrunding",
                "the document says totals may differ because of rounding",
            )
            .note(
                "Dokumentet oplyser selv, at totalerne ikke nødvendigvis stemmer pga. afrundinger. Afvigelsen er dog større, end afrunding kan forklare.",
                "The document itself says the totals may not add up because of rounding. The difference is larger than rounding can explain, though.",
            ),
        None => f,
    }
}

fn name(table: &Table, j: usize) -> String {
    let h = table.header_text(j);
    if h.is_empty() {
        format!("kolonne {}", j + 1)
    } else {
        h.to_string()
    }
}

fn row_label(row: &Row) -> &str {
    row.cells.first().map(|c| c.text.as_str()).unwrap_or("")
}

fn figure<'r>(table: &Table, row: &'r Row, j: usize) -> Option<(Interval, &'r Cell)> {
    let cell = row.cells.get(j)?;
    let n = cell.value.as_ref()?;
    let decimals = table.columns.get(j).map(|c| c.decimals).unwrap_or(0);
    Some((interval_of(n, decimals)?, cell))
}

fn is_blank(row: &Row, j: usize) -> bool {
    row.cells.get(j).is_none_or(|c| c.text.is_empty())
}

/// `table/column-total`: each number column of a table with a total row adds up to it,
/// within the rounding of its figures.
fn column_totals(item: &Item, table: &Table, sink: &mut Sink) {
    let Some(total) = &table.total_row else {
        return;
    };
    for (j, col) in table.columns.iter().enumerate() {
        if col.kind != ColumnKind::Number {
            continue;
        }
        let Some((printed, total_cell)) = figure(table, total, j) else {
            continue;
        };
        let mut sum = Interval::exact(Decimal::ZERO);
        let mut exact_sum = Decimal::ZERO;
        let mut summands = Vec::new();
        let mut readable = true;
        let mut in_range = true;
        for row in &table.rows {
            if is_blank(row, j) {
                continue;
            }
            match figure(table, row, j) {
                Some((iv, cell)) => {
                    let value = cell.value.as_ref().map(|n| n.value).unwrap_or_default();
                    match (sum.plus(iv), exact_sum.checked_add(value)) {
                        (Some(s), Some(e)) => (sum, exact_sum) = (s, e),
                        _ => in_range = false,
                    }
                    summands.push((row, cell));
                }
                None => readable = false,
            }
        }
        if !in_range {
            sink.push(
                Finding::new("table/unchecked-total", total_cell.span)
                    .arg("column", name(table, j))
                    .arg("printed", &total_cell.text)
                    .item(item.number),
            );
            continue;
        }
        if !readable || summands.is_empty() || sum.meets(printed) {
            continue;
        }
        let expected = danish(exact_sum);
        let mut f = Finding::new("table/column-total", total_cell.span)
            .arg("column", name(table, j))
            .arg("expected", &expected)
            .arg("printed", &total_cell.text)
            .arg("interval", sum.danish())
            .arg("printed_interval", printed.danish())
            .primary(
                format!(
                    "{}: {} trykt, men cellerne giver {}",
                    row_label(total),
                    total_cell.text,
                    expected
                ),
                format!(
                    "{}: printed {}, but the cells add up to {}",
                    row_label(total),
                    total_cell.text,
                    expected
                ),
            )
            .item(item.number);
        for (row, cell) in summands {
            f = f.label(
                cell.span,
                format!("{}: {}", row_label(row), cell.text),
                format!("{}: {}", row_label(row), cell.text),
            );
        }
        sink.push(with_rounding_note(f, table));
    }
}

/// A relation between columns inferred from the headers and confirmed by the values.
#[derive(Debug, Clone)]
enum Relation {
    /// column = a − b
    Difference { c: usize, a: usize, b: usize },
    /// column = sum of `parts`
    Sum { c: usize, parts: Vec<usize> },
}

impl Relation {
    fn column(&self) -> usize {
        match self {
            Relation::Difference { c, .. } | Relation::Sum { c, .. } => *c,
        }
    }
    /// The expected interval of the column on one row, `None` when a figure is missing.
    fn expected(&self, table: &Table, row: &Row) -> Option<Interval> {
        match self {
            Relation::Difference { a, b, .. } => {
                figure(table, row, *a)?.0.minus(figure(table, row, *b)?.0)
            }
            Relation::Sum { parts, .. } => {
                let mut sum = Interval::exact(Decimal::ZERO);
                for p in parts {
                    if is_blank(row, *p) {
                        continue;
                    }
                    sum = sum.plus(figure(table, row, *p)?.0)?;
                }
                Some(sum)
            }
        }
    }
    fn inputs(&self) -> Vec<usize> {
        match self {
            Relation::Difference { a, b, .. } => vec![*a, *b],
            Relation::Sum { parts, .. } => parts.clone(),
        }
    }
    /// (rows where it holds, rows where it fails).
    fn score(&self, table: &Table) -> (usize, usize) {
        let mut holds = 0;
        let mut fails = 0;
        for row in table.all_rows() {
            let (Some(exp), Some((got, _))) =
                (self.expected(table, row), figure(table, row, self.column()))
            else {
                continue;
            };
            if exp.meets(got) {
                holds += 1;
            } else {
                fails += 1;
            }
        }
        (holds, fails)
    }
    /// Confirmed by the values: it holds on every row but at most one, on at least two rows,
    /// and a failure needs at least two other rows to confirm the rule it breaks.
    fn confirmed(&self, table: &Table) -> bool {
        let (holds, fails) = self.score(table);
        holds >= 2 && fails <= 1 && (fails == 0 || holds >= 2 + fails)
    }
}

/// Words of a header that carry meaning ("Afvigelse: Vedtaget budget" → vedtaget, budget).
fn header_words(h: &str) -> Vec<String> {
    h.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(String::from)
        .collect()
}

fn overlap(a: &str, b: &str) -> usize {
    let bw = header_words(b);
    header_words(a).iter().filter(|w| bw.contains(w)).count()
}

/// The relations a table's headers name and its values confirm.
fn relations(table: &Table) -> Vec<Relation> {
    let words = &lexicon().tables;
    let numbers: Vec<usize> = (0..table.columns.len())
        .filter(|j| table.columns[*j].kind == ColumnKind::Number)
        .collect();
    let mut out = Vec::new();
    for &c in &numbers {
        let head = table.header_text(c).to_lowercase();
        // The difference words are written in lower case (tested in lexicon.rs).
        if words
            .difference_columns
            .iter()
            .any(|w| head.contains(w.as_str()))
        {
            let unit = &table.columns[c].unit;
            let mut best: Option<(usize, usize, usize, usize)> = None; // holds, overlap, a, b
            let mut tie = false;
            for &a in &numbers {
                for &b in &numbers {
                    if a == b || a == c || b == c {
                        continue;
                    }
                    if table.columns[a].unit != *unit || table.columns[b].unit != *unit {
                        continue;
                    }
                    let rel = Relation::Difference { c, a, b };
                    if !rel.confirmed(table) {
                        continue;
                    }
                    let key = (
                        rel.score(table).0,
                        overlap(table.header_text(c), table.header_text(a)),
                    );
                    match best {
                        Some((h, o, _, _)) if (h, o) == key => tie = true,
                        Some((h, o, _, _)) if (h, o) > key => {}
                        _ => {
                            best = Some((key.0, key.1, a, b));
                            tie = false;
                        }
                    }
                }
            }
            if let (Some((_, _, a, b)), false) = (best, tie) {
                out.push(Relation::Difference { c, a, b });
            }
        } else if words
            .sum_columns
            .iter()
            .any(|w| table.header_text(c).trim().eq_ignore_ascii_case(w))
        {
            let parts: Vec<usize> = numbers
                .iter()
                .copied()
                .filter(|p| *p < c && table.columns[*p].unit == table.columns[c].unit)
                .collect();
            let rel = Relation::Sum { c, parts };
            if rel.inputs().len() >= 2 && rel.confirmed(table) {
                out.push(rel);
            }
        }
    }
    out
}

/// `table/row-relation`: a difference or sum column that disagrees with its columns on a row.
fn row_relations(item: &Item, table: &Table, sink: &mut Sink) {
    for rel in relations(table) {
        let c = rel.column();
        for row in table.all_rows() {
            let (Some(exp), Some((got, cell))) = (rel.expected(table, row), figure(table, row, c))
            else {
                continue;
            };
            if exp.meets(got) {
                continue;
            }
            let expected = danish(exp.mid().round_dp(table.columns[c].decimals));
            let (formula_da, formula_en) = match &rel {
                Relation::Difference { a, b, .. } => (
                    format!("{} − {}", name(table, *a), name(table, *b)),
                    format!("{} − {}", name(table, *a), name(table, *b)),
                ),
                Relation::Sum { parts, .. } => {
                    let names: Vec<String> = parts.iter().map(|p| name(table, *p)).collect();
                    (names.join(" + "), names.join(" + "))
                }
            };
            let mut f = Finding::new("table/row-relation", cell.span)
                .arg("column", name(table, c))
                .arg("row", row_label(row))
                .arg("formula", &formula_da)
                .arg("expected", &expected)
                .arg("printed", &cell.text)
                .arg("interval", exp.danish())
                .primary(
                    format!("{} trykt, men {} giver {}", cell.text, formula_da, expected),
                    format!(
                        "printed {}, but {} gives {}",
                        cell.text, formula_en, expected
                    ),
                )
                .item(item.number);
            for j in rel.inputs() {
                if let Some(input) = row.cells.get(j) {
                    f = f.label(
                        input.span,
                        format!("{}: {}", name(table, j), input.text),
                        format!("{}: {}", name(table, j), input.text),
                    );
                }
            }
            sink.push(with_rounding_note(f, table));
        }
    }
}

/// `table/part-exceeds-whole`: a "Heraf" column larger than the column it is part of.
fn parts(item: &Item, table: &Table, sink: &mut Sink) {
    let words = &lexicon().tables;
    for (j, col) in table.columns.iter().enumerate() {
        if col.kind != ColumnKind::Number {
            continue;
        }
        let head = table.header_text(j);
        if !words
            .part_columns
            .iter()
            .any(|w| crate::parse::lines::starts_with_word(head, w).is_some())
        {
            continue;
        }
        let Some(parent) = (0..j)
            .rev()
            .find(|p| table.columns[*p].kind == ColumnKind::Number)
        else {
            continue;
        };
        for row in table.all_rows() {
            let (Some((part, cell)), Some((whole, whole_cell))) =
                (figure(table, row, j), figure(table, row, parent))
            else {
                continue;
            };
            if part.lo <= whole.hi {
                continue;
            }
            let f = Finding::new("table/part-exceeds-whole", cell.span)
                .arg("column", name(table, j))
                .arg("parent", name(table, parent))
                .arg("row", row_label(row))
                .arg("part", &cell.text)
                .arg("whole", &whole_cell.text)
                .primary(
                    format!("heraf {} af kun {}", cell.text, whole_cell.text),
                    format!("of which {} out of only {}", cell.text, whole_cell.text),
                )
                .label(
                    whole_cell.span,
                    format!("{}: {}", name(table, parent), whole_cell.text),
                    format!("{}: {}", name(table, parent), whole_cell.text),
                )
                .item(item.number);
            sink.push(with_rounding_note(f, table));
        }
    }
}
