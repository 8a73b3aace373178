//! `attendance/*`: the participant list against the items' attendance records, and both
//! against the signature sheet.
//!
//! "Every item" means every item that records attendance at all (an Afbud/Fraværende line or
//! a substitution). Exports often write the attendance only on some items (corpus 001 records
//! it on items 1–4 and says nothing on 5–10); a silent item says nothing either way, so it
//! neither confirms nor contradicts the header. At least two recording items are needed, so
//! that one item's "Fraværende" (or "deltog i stedet for") is never read as the whole meeting.

use super::{Context, Finding, Sink};
use crate::lexicon::lexicon;
use crate::model::{AbsenceKind, Item, Minutes, Participant, Span};
use crate::names::same_person;
use crate::parse::dates::civil;
use std::collections::HashMap;

pub fn check(ctx: &Context, sink: &mut Sink) {
    let m = ctx.minutes;
    header_against_items(m, sink);
    unknown_people(m, sink);
    substitutions(m, sink);
    signatures(m, sink);
}

/// Absences that last the whole item (not "deltog ikke i sagens behandling", which is about
/// one case).
fn meeting_absence(kind: AbsenceKind) -> bool {
    matches!(kind, AbsenceKind::Afbud | AbsenceKind::Fravaerende)
}

fn records_attendance(item: &Item) -> bool {
    item.attendance
        .absences
        .iter()
        .any(|a| meeting_absence(a.kind) && a.holds_at(item.number))
        || !item.attendance.substitutions.is_empty()
}

/// How a participant is recorded on one item.
enum OnItem {
    Absent(Span),
    Replaced(Span),
    Silent,
}

fn on_item(p: &Participant, item: &Item) -> OnItem {
    if let Some(a) = item.attendance.absences.iter().find(|a| {
        meeting_absence(a.kind) && a.holds_at(item.number) && same_person(&a.name, &p.name)
    }) {
        return OnItem::Absent(a.span);
    }
    if let Some(s) = item
        .attendance
        .substitutions
        .iter()
        .find(|s| same_person(&s.replaced.text, &p.name))
    {
        return OnItem::Replaced(s.replaced.span);
    }
    OnItem::Silent
}

fn header_against_items(m: &Minutes, sink: &mut Sink) {
    let recording: Vec<&Item> = m.items.iter().filter(|i| records_attendance(i)).collect();
    if recording.len() < 2 {
        return;
    }
    let every_item_records = recording.len() == m.items.len();
    for p in m.participants.iter().filter(|p| !p.official) {
        let states: Vec<(&Item, OnItem, Span)> = recording
            .iter()
            .map(|i| (*i, on_item(p, i), absence_line(i)))
            .collect();
        if p.away() {
            // The header says afbud; an item that records absence but not this member.
            if !every_item_records {
                continue;
            }
            let silent: Vec<&(&Item, OnItem, Span)> = states
                .iter()
                .filter(|(_, s, _)| matches!(s, OnItem::Silent))
                .collect();
            if silent.is_empty() {
                continue;
            }
            let numbers = silent
                .iter()
                .map(|(i, _, _)| i.label())
                .collect::<Vec<_>>()
                .join(", ");
            let mut f = Finding::new("attendance/afbud-missing-on-item", p.span)
                .arg("name", &p.name)
                .arg("items", &numbers)
                .arg("item_count", silent.len())
                .primary("afbud i deltagerlisten", "afbud in the participant list");
            for (i, _, line) in silent.iter().take(3) {
                let n = i.label();
                f = f.label(
                    *line,
                    format!("punkt {n}: {} er ikke nævnt", p.name),
                    format!("item {n}: {} not named", p.name),
                );
            }
            if silent.len() == 1 {
                f = f.item(silent[0].0.number);
            }
            sink.push(f);
            continue;
        }
        let all_absent = states
            .iter()
            .all(|(_, s, _)| matches!(s, OnItem::Absent(_)));
        let all_replaced = states
            .iter()
            .all(|(_, s, _)| matches!(s, OnItem::Replaced(_)));
        let (rule, da, en) = if all_absent {
            (
                "attendance/present-but-absent-everywhere",
                "afbud/fraværende",
                "afbud/absent",
            )
        } else if all_replaced {
            (
                "attendance/present-but-replaced-everywhere",
                "erstattet af stedfortræder",
                "replaced by a substitute",
            )
        } else {
            continue;
        };
        let mut f = Finding::new(rule, p.span)
            .arg("name", &p.name)
            .arg("count", states.len())
            .primary(
                "til stede ifølge deltagerlisten",
                "present according to the participant list",
            );
        for (i, s, _) in states.iter().take(3) {
            let n = i.label();
            if let OnItem::Absent(at) | OnItem::Replaced(at) = s {
                f = f.label(*at, format!("punkt {n}: {da}"), format!("item {n}: {en}"));
            }
        }
        sink.push(f);
    }
}

/// The first attendance line of an item (where a missing name should have been).
fn absence_line(item: &Item) -> Span {
    item.attendance
        .absences
        .iter()
        .find(|a| meeting_absence(a.kind))
        .map(|a| a.line)
        .or_else(|| item.attendance.substitutions.first().map(|s| s.span))
        .unwrap_or(item.title_span)
}

fn on_list(m: &Minutes, name: &str) -> bool {
    m.participants.iter().any(|p| same_person(&p.name, name))
}

/// A per-item absentee or replaced member who is not on the participant list.
fn unknown_people(m: &Minutes, sink: &mut Sink) {
    let Some(list) = m.meeting.participants_span else {
        return;
    };
    if m.participants.is_empty() {
        return;
    }
    // Every substitute of the meeting, each spelling once: a document of many items names
    // the same few people again and again, and comparing every absentee with every
    // substitution of every item was quadratic in the document's length.
    let mut substitutes: Vec<&str> = Vec::new();
    for s in m.items.iter().flat_map(|i| &i.attendance.substitutions) {
        if !substitutes.contains(&s.substitute.text.as_str()) {
            substitutes.push(&s.substitute.text);
        }
    }
    let mut known: HashMap<&str, bool> = HashMap::new();
    for item in &m.items {
        let absent = item
            .attendance
            .absences
            .iter()
            .filter(|a| !a.carried)
            .map(|a| (a.name.as_str(), a.span));
        let replaced = item
            .attendance
            .substitutions
            .iter()
            .map(|s| (s.replaced.text.as_str(), s.replaced.span));
        for (name, span) in absent.chain(replaced) {
            // A substitute may leave again ("X forlod mødet"): substitutes are known too.
            let is_known = *known.entry(name).or_insert_with(|| {
                on_list(m, name) || substitutes.iter().any(|s| same_person(s, name))
            });
            if is_known {
                continue;
            }
            sink.push(
                Finding::new("attendance/unknown-member", span)
                    .arg("name", name)
                    .arg("number", item.label())
                    .primary("ikke i deltagerlisten", "not in the participant list")
                    .label(list, "deltagerlisten", "the participant list")
                    .item(item.number),
            );
        }
    }
}

/// A substitute for someone present at the item, or two substitutes for one member.
fn substitutions(m: &Minutes, sink: &mut Sink) {
    for item in &m.items {
        let subs = &item.attendance.substitutions;
        for (k, s) in subs.iter().enumerate() {
            if let Some(first) = subs[..k]
                .iter()
                .find(|o| same_person(&o.replaced.text, &s.replaced.text))
            {
                sink.push(
                    Finding::new("attendance/double-substitute", s.span)
                        .arg("name", &s.replaced.text)
                        .arg("number", item.label())
                        .primary("anden stedfortræder", "second substitute")
                        .label(first.span, "første stedfortræder", "first substitute")
                        .item(item.number),
                );
            }
            // The replaced member sits at the item themselves: as someone else's substitute,
            // or voting by name.
            let as_substitute = subs
                .iter()
                .find(|o| same_person(&o.substitute.text, &s.replaced.text));
            let voting = item.votes.iter().find_map(|v| {
                [&v.for_, &v.against, &v.abstain]
                    .into_iter()
                    .find_map(|side| {
                        side.names
                            .iter()
                            .zip(&side.name_spans)
                            .find(|(n, _)| same_person(n, &s.replaced.text))
                            .map(|(_, sp)| *sp)
                    })
            });
            let present_at = as_substitute.map(|o| o.substitute.span).or(voting);
            if let Some(at) = present_at {
                sink.push(
                    Finding::new("attendance/substitute-for-present", s.replaced.span)
                        .arg("name", &s.replaced.text)
                        .arg("number", item.label())
                        .primary("erstattet her", "replaced here")
                        .label(at, "men deltog selv", "but took part themselves")
                        .item(item.number),
                );
            }
        }
    }
}

/// For every participant (by index): present at least once as a listed member, per the
/// items; with no item records, the header alone decides. Each item's attendance is worked
/// out once, not once per participant.
fn attended(m: &Minutes) -> Vec<bool> {
    if m.items.is_empty() {
        return m.participants.iter().map(|p| !p.away()).collect();
    }
    let mut out = vec![false; m.participants.len()];
    for item in &m.items {
        let people = crate::rules::presence::at_item(m, item);
        for (seen, p) in out.iter_mut().zip(&m.participants) {
            *seen = *seen
                || people
                    .iter()
                    .any(|a| !a.substitute && a.span == p.span && a.is_present());
        }
    }
    out
}

fn signatures(m: &Minutes, sink: &mut Sink) {
    if m.signatures.is_empty() {
        return;
    }
    let words = &lexicon().signatures;
    let sheet = m
        .signatures
        .first()
        .unwrap()
        .name
        .span
        .cover(m.signatures.last().unwrap().name.span);
    let attended = attended(m);
    for (p, &was_there) in m.participants.iter().zip(&attended) {
        if p.official {
            continue;
        }
        let signed = m
            .signatures
            .iter()
            .find(|s| same_person(&s.name.text, &p.name));
        match (signed, was_there) {
            (Some(s), false) => {
                let approved = s
                    .status
                    .as_ref()
                    .is_none_or(|st| words.is_approved(&st.text));
                if approved {
                    sink.push(
                        Finding::new("attendance/absent-member-signed", s.name.span)
                            .arg("name", &s.name.text)
                            .primary("godkender referatet", "approves the minutes")
                            .label(
                                p.span,
                                "afbud til hele mødet",
                                "absent for the whole meeting",
                            ),
                    );
                }
            }
            (None, true) => {
                sink.push(
                    Finding::new("attendance/attendee-not-signed", p.span)
                        .arg("name", &p.name)
                        .primary("deltog i mødet", "attended the meeting")
                        .label(sheet, "underskriftsarket", "the signature sheet"),
                );
            }
            _ => {}
        }
    }
    let meeting = m.meeting.date.as_ref().or(m.meeting.title_date.as_ref());
    for s in &m.signatures {
        if let Some(st) = &s.status {
            if !words.is_approved(&st.text) {
                sink.push(
                    Finding::new("attendance/signature-not-approved", st.span)
                        .arg("name", &s.name.text)
                        .arg("status", &st.text)
                        .label(s.name.span, "underskriver", "signatory"),
                );
            }
        }
        if let (Some(d), Some(md)) = (&s.date, meeting) {
            if let (Some(signed), Some(held)) = (civil(d), civil(md)) {
                if signed < held {
                    sink.push(
                        Finding::new("attendance/signed-before-meeting", d.span)
                            .arg("name", &s.name.text)
                            .primary("godkendt før mødet", "approved before the meeting")
                            .label(md.span, "mødedatoen", "the meeting date")
                            .label(s.name.span, "underskriver", "signatory"),
                    );
                }
            }
        }
    }
}
