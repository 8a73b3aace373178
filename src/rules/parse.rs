//! `parse/*`: the document could not be (fully) understood. A format referat does not know
//! must never pass in silence.

use super::{Context, Finding, Sink};
use crate::model::Span;

pub fn check(ctx: &Context, sink: &mut Sink) {
    let m = ctx.minutes;
    let start = Span::new(0, 0);
    if m.meeting.title.is_none() && m.meeting.date.is_none() {
        sink.push(Finding::new("parse/no-meeting-header", start));
    }
    let at = m.meeting.title.as_ref().map(|t| t.span).unwrap_or(start);
    if !m.anything_recognised() {
        sink.push(Finding::new("parse/no-items", at));
        return;
    }
    if m.headings_lost() {
        let item = m.items.first();
        let span = item.map(|i| Span::new(i.span.offset, 0)).unwrap_or(start);
        sink.push(Finding::new("parse/no-headings", span));
    }
    if m.participants.is_empty() {
        // What the missing list leaves unchecked: a warning when there is something.
        let (votes, lines) = m.votes_and_attendance_lines();
        let first = m.items.iter().find_map(|i| {
            i.votes
                .iter()
                .find(|v| v.body.is_none())
                .map(|v| v.span)
                .or(i.attendance.absences.first().map(|a| a.line))
                .or(i.attendance.substitutions.first().map(|s| s.span))
        });
        match first {
            Some(span) => sink.push(
                Finding::new(
                    "parse/unchecked-attendance",
                    m.meeting.title.as_ref().map(|t| t.span).unwrap_or(span),
                )
                .arg("votes", votes)
                .arg("lines", lines)
                .primary("ingen deltagerliste", "no participant list")
                .label(span, "ikke kontrolleret", "not checked"),
            ),
            None if !m.items.is_empty() => sink.push(Finding::new("parse/no-participants", at)),
            None => {}
        }
    }
    for u in &m.unrecognised {
        if u.kind == "vote" {
            sink.push(Finding::new("parse/unrecognised-vote", u.span).arg("text", &u.text));
        }
        if u.kind == "vote-limit" {
            let at = crate::model::Span::new(u.span.offset, 0);
            sink.push(Finding::new("parse/too-many-votes", at).arg("limit", &u.text));
        }
    }
}
