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
    if m.participants.is_empty() && !m.items.is_empty() {
        let at = m.meeting.title.as_ref().map(|t| t.span).unwrap_or(start);
        sink.push(Finding::new("parse/no-participants", at));
    }
    if m.items.is_empty() {
        let at = m.meeting.title.as_ref().map(|t| t.span).unwrap_or(start);
        sink.push(Finding::new("parse/no-items", at));
    }
    for u in &m.unrecognised {
        if u.kind == "vote" {
            sink.push(Finding::new("parse/unrecognised-vote", u.span).arg("text", &u.text));
        }
    }
}
