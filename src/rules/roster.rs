//! Rules that need the roster from referat.toml. Without a matching `[[body]]` they say
//! nothing: the participant list is all there is to go by.

use super::{Context, Finding, Sink};

/// `attendance/not-on-roster`: someone took part (on the participant list, or as a
/// substitute on an item) who is neither a member of the body nor one of its stedfortrædere
/// on the meeting day. Usually a misspelt name or an outdated roster; occasionally a person
/// who should not have voted.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(roster) = ctx.roster else { return };
    let day = ctx.meeting_day();
    for p in ctx.minutes.participants.iter().filter(|p| !p.official) {
        if !roster.knows(&p.name, day) {
            sink.push(
                Finding::new("attendance/not-on-roster", p.span)
                    .arg("name", &p.name)
                    .arg("body", &roster.name)
                    .primary("ikke på medlemslisten", "not on the roster"),
            );
        }
    }
    for item in &ctx.minutes.items {
        for s in &item.attendance.substitutions {
            if !roster.knows(&s.substitute.text, day) {
                sink.push(
                    Finding::new("attendance/not-on-roster", s.substitute.span)
                        .arg("name", &s.substitute.text)
                        .arg("body", &roster.name)
                        .primary(
                            "ikke stedfortræder ifølge medlemslisten",
                            "not a substitute on the roster",
                        )
                        .label(
                            s.replaced.span,
                            "sad for dette medlem",
                            "sat in for this member",
                        )
                        .item(item.number),
                );
            }
        }
    }
}
