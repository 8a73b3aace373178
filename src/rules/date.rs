//! `date/*`: weekdays that do not match their date, impossible dates, meeting dates that
//! disagree, and year ranges that run backwards or are empty.

use super::{Context, Finding, Sink};
use crate::lexicon::lexicon;
use crate::model::{DateRef, Minutes, Span};
use crate::parse::dates::{civil, weekday_index};
use std::collections::BTreeMap;

pub fn check(ctx: &Context, sink: &mut Sink) {
    let m = ctx.minutes;
    let all = all_dates(m);
    weekdays(&all, sink);
    impossible(&all, sink);
    meeting_dates(m, sink);
    year_ranges(m, sink);
}

/// Every date the model holds, once per span (the Mødedato is also found in running text;
/// the header's version, with its weekday, wins).
fn all_dates(m: &Minutes) -> Vec<&DateRef> {
    let mut by_span: BTreeMap<Span, &DateRef> = BTreeMap::new();
    let header = [m.meeting.date.as_ref(), m.meeting.title_date.as_ref()];
    let sections = m
        .items
        .iter()
        .flat_map(|i| i.sections.iter().filter_map(|s| s.date.as_ref()));
    let signatures = m.signatures.iter().filter_map(|s| s.date.as_ref());
    for d in header
        .into_iter()
        .flatten()
        .chain(sections)
        .chain(signatures)
    {
        by_span.entry(d.span).or_insert(d);
    }
    // Skip running-text dates that lie inside a date already taken. The taken spans by
    // offset, each with the furthest end so far: a span contains `d` when one starting at
    // or before it reaches past its end (looked up by bisection, not by scanning them all).
    let mut reach: Vec<(usize, usize)> = Vec::with_capacity(by_span.len());
    for s in by_span.keys() {
        let end = reach.last().map_or(s.end(), |(_, e)| (*e).max(s.end()));
        reach.push((s.offset, end));
    }
    for d in &m.dates {
        let before = reach.partition_point(|(offset, _)| *offset <= d.span.offset);
        let inside = before > 0 && reach[before - 1].1 >= d.span.end();
        if !inside {
            by_span.insert(d.span, d);
        }
    }
    by_span.into_values().collect()
}

fn weekday_name(i: usize) -> &'static str {
    lexicon()
        .calendar
        .weekdays
        .get(i)
        .map(String::as_str)
        .unwrap_or("?")
}

/// The English weekday names, Monday first (as [`weekday_index`]), for the English messages.
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn weekday_name_en(i: usize) -> &'static str {
    WEEKDAYS_EN.get(i).copied().unwrap_or("?")
}

fn weekdays(all: &[&DateRef], sink: &mut Sink) {
    let cal = &lexicon().calendar;
    for d in all {
        let (Some(written), Some(date)) = (&d.weekday, civil(d)) else {
            continue;
        };
        let Some(written_ix) = cal.weekday(&written.text) else {
            continue;
        };
        let actual = weekday_index(date);
        if written_ix != actual {
            let date_part = Span::new(written.span.end(), d.span.end() - written.span.end());
            sink.push(
                Finding::new("date/weekday-mismatch", written.span)
                    // The weekday names of the messages, in the message's language; the
                    // labels quote the document ("skrevet: Onsdag").
                    .arg("written", weekday_name(written_ix))
                    .arg("written_en", weekday_name_en(written_ix))
                    .arg("date", format!("{:02}-{:02}-{}", d.day, d.month, d.year))
                    .arg("actual", weekday_name(actual))
                    .arg("actual_en", weekday_name_en(actual))
                    .primary(
                        format!("skrevet: {}", written.text),
                        format!("written: {}", written.text),
                    )
                    .label(
                        date_part,
                        format!("denne dato er en {}", weekday_name(actual)),
                        format!("this date is a {}", weekday_name_en(actual)),
                    ),
            );
        }
    }
}

fn impossible(all: &[&DateRef], sink: &mut Sink) {
    for d in all {
        let plausible_shape = (1..=31).contains(&d.day) && (1..=12).contains(&d.month);
        if plausible_shape && civil(d).is_none() && (1900..2100).contains(&d.year) {
            sink.push(
                Finding::new("date/impossible-date", d.span)
                    .arg("written", &d.written)
                    .primary("findes ikke i kalenderen", "not in the calendar"),
            );
        }
    }
}

fn same_day(a: &DateRef, b: &DateRef) -> bool {
    (a.day, a.month, a.year) == (b.day, b.month, b.year)
}

fn fmt(d: &DateRef) -> String {
    format!("{:02}-{:02}-{}", d.day, d.month, d.year)
}

/// The title date, the Mødedato and this body's own decision dates must agree.
fn meeting_dates(m: &Minutes, sink: &mut Sink) {
    let title = m.meeting.title_date.as_ref();
    let held = m.meeting.date.as_ref();
    if let (Some(t), Some(h)) = (title, held) {
        if !same_day(t, h) {
            sink.push(
                Finding::new("date/meeting-date-mismatch", t.span)
                    .arg("date", fmt(t))
                    .arg("meeting", fmt(h))
                    .primary("datoen i overskriften", "the date in the title")
                    .label(h.span, "mødedatoen", "the meeting date"),
            );
        }
    }
    let Some(reference) = held.or(title) else {
        return;
    };
    let Some(body) = m.meeting.body.as_ref() else {
        return;
    };
    for item in &m.items {
        for s in &item.sections {
            let (Some(d), Some(named)) = (&s.date, &s.body_name) else {
                continue;
            };
            // The cheap test first: most decisions are dated the meeting's day.
            if same_day(d, reference) || !super::structure::same_body(&named.text, &body.text) {
                continue;
            }
            sink.push(
                Finding::new("date/meeting-date-mismatch", d.span)
                    .arg("date", fmt(d))
                    .arg("meeting", fmt(reference))
                    .primary(
                        format!("beslutningen er dateret {}", fmt(d)),
                        format!("the decision is dated {}", fmt(d)),
                    )
                    .label(reference.span, "mødedatoen", "the meeting date")
                    .item(item.number),
            );
        }
    }
}

/// "2026-2026" (empty) and "2029-2026" (backwards). When the text elsewhere writes a range
/// that starts in the same year, that range is shown as the likely intended one.
fn year_ranges(m: &Minutes, sink: &mut Sink) {
    for r in &m.year_ranges {
        if r.to > r.from {
            continue;
        }
        let mut f = Finding::new("date/year-range", r.span)
            .arg("written", &r.written)
            .primary(
                if r.to == r.from {
                    "intervallet er tomt"
                } else {
                    "intervallet går baglæns"
                },
                if r.to == r.from {
                    "the range is empty"
                } else {
                    "the range runs backwards"
                },
            );
        if let Some(other) = m
            .year_ranges
            .iter()
            .find(|o| (o.from == r.from || o.to == r.from || o.from == r.to) && o.to > o.from)
        {
            f = f.label(
                other.span,
                format!("andetsteds: {}", other.written),
                format!("elsewhere: {}", other.written),
            );
        }
        if let Some(item) = m
            .items
            .iter()
            .find(|i| i.span.offset <= r.span.offset && r.span.end() <= i.span.end())
        {
            f = f.item(item.number);
        }
        sink.push(f);
    }
}
