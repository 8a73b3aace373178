//! `vote/*`: each recorded vote against the attendance of its item (see [`super::presence`]).
//! Every finding labels the tally *and* the attendance it was measured against.

use super::presence::{at_item, Attendee, Status};
use super::{counted, Context, Finding, Sink};
use crate::model::{AbsenceKind, Item, Minutes, OutcomeKind, Span, TallySide, Vote};
use crate::names::same_key;
use std::collections::BTreeMap;

pub fn check(ctx: &Context, sink: &mut Sink) {
    let m = ctx.minutes;
    for item in &m.items {
        if item.votes.is_empty() {
            continue;
        }
        let mut people = if m.participants.is_empty() {
            Vec::new()
        } else {
            at_item(m, item)
        };
        if let Some(roster) = ctx.roster {
            super::presence::apply_roster(&mut people, roster);
        }
        for vote in &item.votes {
            outcome_contradicts_tally(item, vote, sink);
            unanimous_with_dissent(item, vote, sink);
            counted_twice(item, vote, sink);
            // Another body's decision quoted in the item: its members voted, not this
            // meeting's.
            if vote.body.is_some() {
                continue;
            }
            if people.is_empty() {
                // No participant list: the roster's size is the only bound there is.
                if let Some(size) = ctx.roster.and_then(|r| r.size) {
                    tally_against_roster_size(item, vote, size, sink);
                }
                continue;
            }
            tally_against_present(m, item, vote, &people, sink);
            voters_against_attendance(m, item, vote, &people, sink);
            party_seats(m, item, vote, &people, sink);
        }
        party_seats_changed(item, sink);
    }
}

/// How a not-present person is written in a message: "Henrik Torning (fraværende)".
fn why_absent(a: &Attendee) -> Option<(String, String, Span)> {
    let (da, en, span) = match &a.status {
        Status::Present => return None,
        Status::HeaderAfbud => ("afbud".to_string(), "apologies".to_string(), a.span),
        Status::Absent { kind, line, .. } => {
            let (da, en) = match kind {
                AbsenceKind::Afbud => ("afbud", "apologies"),
                AbsenceKind::Fravaerende => ("fraværende", "absent"),
                AbsenceKind::ForlodMoedet => ("forlod mødet", "left the meeting"),
                AbsenceKind::DeltogIkke => ("deltog ikke", "did not take part"),
                AbsenceKind::Inhabil => ("inhabil", "disqualified"),
            };
            (da.to_string(), en.to_string(), *line)
        }
        Status::Replaced { by, span } => (
            format!("erstattet af {by}"),
            format!("replaced by {by}"),
            *span,
        ),
    };
    Some((
        format!("{} ({da})", a.name),
        format!("{} ({en})", a.name),
        span,
    ))
}

/// The attendance behind a present count: the participant list and every absence line,
/// labelled, and the absent as a list in Danish and in English.
fn attendance_labels(
    m: &Minutes,
    people: &[Attendee],
    mut f: Finding,
) -> (Finding, String, String) {
    let present = people.iter().filter(|a| a.is_present()).count();
    if let Some(span) = m.meeting.participants_span {
        let members = m.participants.iter().filter(|p| !p.official).count();
        f = f.label(
            span,
            counted(members as u64, "mødedeltager", "mødedeltagere"),
            counted(members as u64, "participant", "participants"),
        );
    }
    let (mut absent_da, mut absent_en) = (Vec::new(), Vec::new());
    for a in people {
        if let Some((da, en, span)) = why_absent(a) {
            f = f.label(span, da.clone(), en.clone());
            absent_da.push(da);
            absent_en.push(en);
        }
    }
    let _ = present;
    if absent_da.is_empty() {
        (f, "ingen fraværende".into(), "nobody absent".into())
    } else {
        (f, absent_da.join(", "), absent_en.join(", "))
    }
}

fn side_span(t: &TallySide) -> Option<Span> {
    t.count_span
        .into_iter()
        .chain(t.parties.iter().map(|p| p.span))
        .chain(t.name_spans.iter().copied())
        .reduce(Span::cover)
}

/// vote/tally-exceeds-present (more votes than members present) and vote/tally-below-present
/// (a full tally with fewer votes than members present, nobody recorded for the difference).
fn tally_against_present(
    m: &Minutes,
    item: &Item,
    vote: &Vote,
    people: &[Attendee],
    sink: &mut Sink,
) {
    let Some(total) = vote.total() else {
        return;
    };
    let present = people.iter().filter(|a| a.is_present()).count() as u32;
    if total > present {
        let f = Finding::new("vote/tally-exceeds-present", vote.span)
            .arg("count", total)
            .arg("present", present)
            .primary(
                counted(total, "stemme", "stemmer"),
                counted(total, "vote", "votes"),
            )
            .item(item.number);
        let (f, da, en) = attendance_labels(m, people, f);
        sink.push(f.arg("absent", da).arg("absent_en", en));
    } else if total < present && vote.is_full_tally() && !vote.unanimous {
        let named: Vec<&String> = [&vote.for_, &vote.against, &vote.abstain]
            .iter()
            .flat_map(|s| &s.names)
            .collect();
        let unaccounted: Vec<&str> = if named.is_empty() {
            Vec::new()
        } else {
            people
                .iter()
                .filter(|a| a.is_present() && !named.iter().any(|n| same_key(n, a.name)))
                .map(|a| a.name)
                .collect()
        };
        let mut f = Finding::new("vote/tally-below-present", vote.span)
            .arg("count", total)
            .arg("present", present)
            .primary(
                counted(total, "stemme", "stemmer"),
                counted(total, "vote", "votes"),
            )
            .item(item.number);
        if !unaccounted.is_empty() {
            let names = unaccounted.join(", ");
            f = f.note(
                format!("Til stede, men ikke nævnt i afstemningen: {names}."),
                format!("Present but not named in the vote: {names}."),
            );
        }
        let (f, da, en) = attendance_labels(m, people, f);
        sink.push(f.arg("absent", da).arg("absent_en", en));
    }
}

/// vote/absent-voter (a member recorded absent is named as voting) and vote/unknown-voter
/// (a voter who is neither on the participant list nor a substitute).
fn voters_against_attendance(
    m: &Minutes,
    item: &Item,
    vote: &Vote,
    people: &[Attendee],
    sink: &mut Sink,
) {
    let _ = m;
    for side in [&vote.for_, &vote.against, &vote.abstain] {
        for (name, span) in side.names.iter().zip(&side.name_spans) {
            match people.iter().find(|a| same_key(a.name, name)) {
                Some(a) => {
                    if let Some((da, en, absence)) = why_absent(a) {
                        sink.push(
                            Finding::new("vote/absent-voter", *span)
                                .arg("name", name)
                                .arg("absence", &da)
                                .arg("absence_en", &en)
                                .primary("nævnt som stemmende", "named as voting")
                                .label(absence, da, en)
                                .label(vote.span, "afstemningen", "the vote")
                                .item(item.number),
                        );
                    }
                }
                None => {
                    sink.push(
                        Finding::new("vote/unknown-voter", *span)
                            .arg("name", name)
                            .primary(
                                "hverken mødedeltager eller stedfortræder",
                                "neither a participant nor a substitute",
                            )
                            .label(
                                m.meeting.participants_span.unwrap_or(vote.span),
                                "mødedeltagerne",
                                "the participants",
                            )
                            .item(item.number),
                    );
                }
            }
        }
    }
}

/// vote/counted-twice: the same person on two sides of one vote (or twice on one side).
fn counted_twice(item: &Item, vote: &Vote, sink: &mut Sink) {
    // (side, Danish, English label, English message)
    let sides = [
        (&vote.for_, "for", "for", "voting for"),
        (&vote.against, "imod", "against", "voting against"),
        (&vote.abstain, "undlod", "abstaining", "abstaining"),
    ];
    // Names compared by their keys word by word (`same_key`), without building the keys.
    let mut seen: Vec<(&str, Span, &str, &str, &str)> = Vec::new();
    for (side, da, en, said_en) in sides {
        for (name, span) in side.names.iter().zip(&side.name_spans) {
            if let Some((_, first, fda, fen, fsaid_en)) =
                seen.iter().find(|(k, ..)| same_key(k, name))
            {
                sink.push(
                    Finding::new("vote/counted-twice", *span)
                        .arg("name", name)
                        .arg("first", fda)
                        .arg("second", da)
                        .arg("first_en", fsaid_en)
                        .arg("second_en", said_en)
                        .primary(format!("talt som {da}"), format!("counted {en}"))
                        .label(*first, format!("talt som {fda}"), format!("counted {fen}"))
                        .item(item.number),
                );
            } else {
                seen.push((name, *span, da, en, said_en));
            }
        }
    }
}

/// vote/outcome-contradicts-tally: "vedtaget" with no majority for, "faldt" with a majority for.
/// A tie falls (styrelsesloven § 11: ved stemmelighed er forslaget bortfaldet).
fn outcome_contradicts_tally(item: &Item, vote: &Vote, sink: &mut Sink) {
    let (Some(kind), Some(outcome)) = (vote.outcome_kind, &vote.outcome) else {
        return;
    };
    let (f, a) = if vote.unanimous && vote.for_.total().is_none() {
        if vote.against.total().unwrap_or(0) > 0 {
            return; // reported as vote/unanimous-with-dissent
        }
        (1, 0)
    } else if vote.is_full_tally() {
        (
            vote.for_.total().unwrap_or(0),
            vote.against.total().unwrap_or(0),
        )
    } else {
        return;
    };
    let contradicts = match kind {
        OutcomeKind::Adopted => f <= a && f + a > 0,
        OutcomeKind::Rejected => f > a,
    };
    if !contradicts {
        return;
    }
    let tally = if vote.unanimous && vote.for_.total().is_none() {
        ("alle for".to_string(), "all in favour".to_string())
    } else {
        (
            format!("{f} for, {a} imod"),
            format!("{f} for, {a} against"),
        )
    };
    let tally_span = vote
        .unanimous_span
        .or_else(|| side_span(&vote.for_))
        .unwrap_or(vote.span);
    sink.push(
        Finding::new("vote/outcome-contradicts-tally", outcome.span)
            .arg("outcome", &outcome.text)
            .arg("tally", &tally.0)
            .arg("tally_en", &tally.1)
            .primary(
                format!("udfald: {}", outcome.text),
                format!("outcome: {}", outcome.text),
            )
            .label(tally_span, tally.0, tally.1)
            .item(item.number),
    );
}

/// vote/unanimous-with-dissent: "Alle stemte for" / "enstemmigt" next to a vote against or an
/// abstention.
fn unanimous_with_dissent(item: &Item, vote: &Vote, sink: &mut Sink) {
    if !vote.unanimous {
        return;
    }
    for (side, da, en, said_da, said_en) in [
        (
            &vote.against,
            "imod",
            "against",
            "stemte imod",
            "voted against",
        ),
        (
            &vote.abstain,
            "undlod",
            "abstained",
            "undlod at stemme",
            "abstained",
        ),
    ] {
        let n = side.total().unwrap_or(0);
        if n == 0 {
            continue;
        }
        let Some(span) = side_span(side) else {
            continue;
        };
        sink.push(
            Finding::new(
                "vote/unanimous-with-dissent",
                vote.unanimous_span.unwrap_or(vote.span),
            )
            .arg("count", n)
            .arg("side", said_da)
            .arg("side_en", said_en)
            .primary("enstemmigt", "unanimous")
            .label(span, format!("{n} {da}"), format!("{n} {en}"))
            .item(item.number),
        );
    }
}

/// Votes per party in one vote: the sum of the party's counts on every side.
fn party_totals(vote: &Vote) -> BTreeMap<&str, (u32, Span)> {
    let mut out: BTreeMap<&str, (u32, Span)> = BTreeMap::new();
    for side in [&vote.for_, &vote.against, &vote.abstain] {
        for p in &side.parties {
            if let Some(c) = p.count {
                let e = out.entry(p.party.as_str()).or_insert((0, p.span));
                e.0 += c;
                e.1 = e.1.cover(p.span);
            }
        }
    }
    out
}

/// vote/party-exceeds-seats: a party casting more votes than it has members present. Without
/// a roster, a party's seats are the present attendees with that party letter; a document
/// that gives no party letters (000) is not checked.
fn party_seats(m: &Minutes, item: &Item, vote: &Vote, people: &[Attendee], sink: &mut Sink) {
    let present = || people.iter().filter(|a| a.is_present());
    if present().next().is_none() || present().any(|a| a.party.is_none()) {
        return;
    }
    for (party, (count, span)) in party_totals(vote) {
        let seats = present().filter(|a| a.party == Some(party)).count() as u32;
        if count > seats {
            let mut f = Finding::new("vote/party-exceeds-seats", span)
                .arg("party", party)
                .arg("count", count)
                .arg("seats", seats)
                .primary(
                    format!("{party}: {}", counted(count, "stemme", "stemmer")),
                    format!("{party}: {}", counted(count, "vote", "votes")),
                )
                .item(item.number);
            if let Some(ps) = m.meeting.participants_span {
                f = f.label(
                    ps,
                    format!(
                        "{} fra {party} til stede",
                        counted(seats, "medlem", "medlemmer")
                    ),
                    format!("{} of {party} present", counted(seats, "member", "members")),
                );
            }
            for a in people.iter().filter(|a| a.party == Some(party)) {
                if let Some((da, en, span)) = why_absent(a) {
                    f = f.label(span, da, en);
                }
            }
            sink.push(f);
        }
    }
}

/// vote/party-seats-changed: within one item, a party's votes change between two votes while
/// nobody left or arrived.
fn party_seats_changed(item: &Item, sink: &mut Sink) {
    if item
        .attendance
        .absences
        .iter()
        .any(|a| a.kind == AbsenceKind::ForlodMoedet)
    {
        return;
    }
    let totals: Vec<BTreeMap<&str, (u32, Span)>> = item
        .votes
        .iter()
        .filter(|v| v.body.is_none())
        .map(party_totals)
        .collect();
    // The last earlier vote with party counts, carried along: looking back for it from every
    // vote was quadratic in an item of many votes without parties.
    let mut last_with_parties: Option<usize> = None;
    for (j, later) in totals.iter().enumerate() {
        let earlier = last_with_parties.map(|k| &totals[k]);
        if !later.is_empty() {
            last_with_parties = Some(j);
        }
        let Some(earlier) = earlier else {
            continue;
        };
        for (party, (count, span)) in later {
            if let Some((before, before_span)) = earlier.get(party) {
                if before != count {
                    sink.push(
                        Finding::new("vote/party-seats-changed", *span)
                            .arg("party", party)
                            .arg("before", before)
                            .arg("after", count)
                            .primary(
                                format!("{party}: {}", counted(*count, "stemme", "stemmer")),
                                format!("{party}: {}", counted(*count, "vote", "votes")),
                            )
                            .label(
                                *before_span,
                                format!(
                                    "{party}: {} i afstemningen før",
                                    counted(*before, "stemme", "stemmer")
                                ),
                                format!(
                                    "{party}: {} in the vote before",
                                    counted(*before, "vote", "votes")
                                ),
                            )
                            .item(item.number),
                    );
                }
            }
        }
    }
}

/// Without a participant list, a tally larger than the body's size from the roster
/// (referat.toml) is still impossible.
fn tally_against_roster_size(item: &Item, vote: &Vote, size: u32, sink: &mut Sink) {
    let Some(total) = vote.total() else { return };
    if total <= size {
        return;
    }
    sink.push(
        Finding::new("vote/tally-exceeds-present", vote.span)
            .arg("count", total)
            .arg("present", size)
            .arg("absent", "(referat.toml)")
            .arg("absent_en", "(referat.toml)")
            .primary(
                counted(total, "stemme", "stemmer"),
                counted(total, "vote", "votes"),
            )
            .note(
                format!(
                    "Referatet har ingen deltagerliste; udvalget har {} ifølge referat.toml.",
                    counted(size, "medlem", "medlemmer")
                ),
                format!(
                    "The minutes have no participant list; the body has {} according to referat.toml.",
                    counted(size, "member", "members")
                ),
            )
            .item(item.number),
    );
}
