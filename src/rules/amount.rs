//! `amount/*`: totals stated in prose. Only relations the text states are checked, never
//! guessed ones: "egenfinansiering" is udgift − indtægt; "i alt … 370. Fordelingen er 89 …,
//! 252 … og 29 …" must add up; and a figure in the prose that names a table column
//! ("udgifter på 1.146.600 kr." next to a table with an "Udgift" column) must be in that column.

use super::interval::{danish, interval_of, is_money_or_count, rescale, Interval};
use super::{Context, Finding, Sink};
use crate::lexicon::lexicon;
use crate::model::{Amount, AmountRole, ColumnKind, Item};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub fn check(ctx: &Context, sink: &mut Sink) {
    for item in &ctx.minutes.items {
        financing(item, sink);
        breakdowns(item, sink);
        against_tables(item, sink);
    }
}

fn money(a: &Amount) -> bool {
    matches!(
        a.number.unit.as_deref(),
        Some("kr." | "t. kr." | "mio. kr." | "mia. kr.")
    )
}

fn iv(a: &Amount) -> Option<Interval> {
    interval_of(&a.number, a.number.decimals)
}

/// `amount/unchecked-total`: a sum or difference that left the range referat computes in
/// (about 7,9·10²⁸) is said, not passed in silence.
fn unchecked(at: &Amount, item: &Item) -> Finding {
    Finding::new("amount/unchecked-total", at.span)
        .arg("printed", danish(at.number.value))
        .item(item.number)
}

fn with_role(item: &Item, role: AmountRole) -> Vec<&Amount> {
    item.amounts
        .iter()
        .filter(|a| a.role == Some(role) && money(a))
        .collect()
}

/// Expense − income as an interval in the unit of `own`; `None` beyond a decimal's range.
fn difference(exp: &Amount, inc: &Amount, own: &Amount) -> Option<Interval> {
    let unit = own.number.unit.as_deref();
    let exp = rescale(iv(exp)?, exp.number.unit.as_deref(), unit)?;
    exp.minus(rescale(iv(inc)?, inc.number.unit.as_deref(), unit)?)
}

fn nearest<'a>(to: &Amount, among: &[&'a Amount]) -> Option<&'a Amount> {
    among
        .iter()
        .copied()
        .min_by_key(|a| a.span.offset.abs_diff(to.span.offset))
}

/// `amount/financing-difference`: egenfinansiering = udgift − indtægt. Each own financing
/// is checked against the nearest expense and income; when the item states several different
/// expenses or incomes, it is only reported when no combination of them fits.
fn financing(item: &Item, sink: &mut Sink) {
    let expenses = with_role(item, AmountRole::Expense);
    let incomes = with_role(item, AmountRole::Income);
    for own in with_role(item, AmountRole::OwnFinancing) {
        let (Some(exp), Some(inc)) = (nearest(own, &expenses), nearest(own, &incomes)) else {
            return;
        };
        let (Some(expected), Some(printed)) = (difference(exp, inc, own), iv(own)) else {
            sink.push(unchecked(own, item));
            continue;
        };
        if expected.meets(printed) {
            continue;
        }
        let any_fits = expenses.iter().any(|e| {
            incomes
                .iter()
                .any(|i| difference(e, i, own).is_some_and(|d| d.meets(printed)))
        });
        if any_fits {
            continue;
        }
        let text = danish(expected.mid());
        sink.push(
            Finding::new("amount/financing-difference", own.span)
                .arg("expected", &text)
                .arg("printed", danish(own.number.value))
                .arg("interval", expected.danish())
                .primary(
                    format!(
                        "egenfinansiering {}, men udgift − indtægt = {}",
                        danish(own.number.value),
                        text
                    ),
                    format!(
                        "own financing {}, but expense − income = {}",
                        danish(own.number.value),
                        text
                    ),
                )
                .label(exp.span, "udgiften", "the expense")
                .label(inc.span, "indtægten", "the income")
                .item(item.number),
        );
    }
}

/// `amount/breakdown-total`: the parts of a stated breakdown add up to its total.
fn breakdowns(item: &Item, sink: &mut Sink) {
    // The parts of each total, gathered in one pass (not one pass over all amounts per total).
    let mut parts_of: BTreeMap<usize, Vec<&Amount>> = BTreeMap::new();
    for a in &item.amounts {
        if let Some(t) = a.part_of {
            parts_of.entry(t).or_default().push(a);
        }
    }
    for (t, parts) in parts_of {
        let Some(total) = item.amounts.get(t) else {
            continue;
        };
        if parts.len() < 2 || !is_money_or_count(total.number.unit.as_deref()) {
            continue;
        }
        if parts
            .iter()
            .any(|p| !is_money_or_count(p.number.unit.as_deref()))
        {
            continue;
        }
        let unit = total.number.unit.as_deref();
        let sum = parts
            .iter()
            .try_fold(Interval::exact(Decimal::ZERO), |s, p| {
                s.plus(rescale(iv(p)?, p.number.unit.as_deref(), unit)?)
            });
        let (Some(sum), Some(printed)) = (sum, iv(total)) else {
            sink.push(unchecked(total, item));
            continue;
        };
        if sum.meets(printed) {
            continue;
        }
        let text = danish(sum.mid());
        let mut f = Finding::new("amount/breakdown-total", total.span)
            .arg("expected", &text)
            .arg("printed", danish(total.number.value))
            .arg("interval", sum.danish())
            .primary(
                format!(
                    "i alt {}, men delene giver {}",
                    danish(total.number.value),
                    text
                ),
                format!(
                    "{} in total, but the parts add up to {}",
                    danish(total.number.value),
                    text
                ),
            )
            .item(item.number);
        for p in parts {
            f = f.label(
                p.span,
                format!("del: {}", danish(p.number.value)),
                format!("part: {}", danish(p.number.value)),
            );
        }
        sink.push(f);
    }
}

/// `amount/differs-from-table`: "De samlede udgifter udgør 1.146.600 kr." next to a table
/// with an "Udgift" column: the figure must be one of that column's cells.
fn against_tables(item: &Item, sink: &mut Sink) {
    let words = &lexicon().numbers;
    for a in &item.amounts {
        let list = match a.role {
            Some(AmountRole::Expense) => &words.expense,
            Some(AmountRole::Income) => &words.income,
            Some(AmountRole::OwnFinancing) => &words.own_financing,
            Some(AmountRole::Deviation) => &lexicon().tables.difference_columns,
            _ => continue,
        };
        if !money(a) {
            continue;
        }
        let mut candidates = Vec::new();
        for table in &item.tables {
            for (j, col) in table.columns.iter().enumerate() {
                let head = table.header_text(j).to_lowercase();
                // The header's first word names the role ("Udgift", "Indtægt/Puljemidler").
                let first = head
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .unwrap_or("");
                let names_role = if a.role == Some(AmountRole::Deviation) {
                    // "Afvigelse: Vedtaget budget", "Forventet mer/mindreforbrug 2025".
                    list.iter().any(|w| head.contains(&w.to_lowercase()))
                        && col.unit.as_deref() == a.number.unit.as_deref()
                } else {
                    !first.is_empty()
                        && list.iter().any(|w| {
                            let w = w.to_lowercase();
                            w.starts_with(first) || first.starts_with(&w)
                        })
                };
                if col.kind != ColumnKind::Number || !names_role {
                    continue;
                }
                for row in table.all_rows() {
                    if let Some(cell) = row.cells.get(j) {
                        if let Some(n) = &cell.value {
                            candidates.push((cell, n, table.total_row.as_ref() == Some(row)));
                        }
                    }
                }
            }
        }
        if candidates.is_empty() {
            continue;
        }
        let unit = a.number.unit.as_deref();
        // A deviation may be printed with either sign ("mindreforbrug på 14,9" for -14,9).
        let magnitude = |i: Interval| {
            if i.lo.is_sign_negative() && i.hi.is_sign_negative() {
                Interval {
                    lo: -i.hi,
                    hi: -i.lo,
                }
            } else {
                i
            }
        };
        let Some(printed) = iv(a) else {
            sink.push(unchecked(a, item));
            continue;
        };
        let cells: Option<Vec<Interval>> = candidates
            .iter()
            .map(|(_, n, _)| {
                let cell_unit = n.unit.as_deref().or(Some("kr."));
                rescale(interval_of(n, n.decimals)?, cell_unit, unit)
            })
            .collect();
        let Some(cells) = cells else {
            sink.push(unchecked(a, item));
            continue;
        };
        let matches = cells
            .iter()
            .any(|&cell| cell.meets(printed) || magnitude(cell).meets(magnitude(printed)));
        if matches {
            continue;
        }
        // Point at the total row's cell when there is one, else at the first cell.
        let (cell, _, _) = candidates
            .iter()
            .find(|(_, _, is_total)| *is_total)
            .unwrap_or(&candidates[0]);
        sink.push(
            Finding::new("amount/differs-from-table", a.span)
                .arg("printed", danish(a.number.value))
                .arg("cell", &cell.text)
                .primary(
                    format!("{} i teksten", danish(a.number.value)),
                    format!("{} in the text", danish(a.number.value)),
                )
                .label(
                    cell.span,
                    format!("tabellen siger {}", cell.text),
                    format!("the table says {}", cell.text),
                )
                .item(item.number),
        );
    }
}
