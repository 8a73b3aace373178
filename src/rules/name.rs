//! `name/*`: one person written in two ways in the same document ("Annemette Bak" in the
//! participant list, "Anne Mette Bak" on the signature sheet). The matching is
//! [`crate::names::same_person`]; its thresholds keep different people with a shared first
//! or last name apart.

use super::{Context, Finding, Sink};
use crate::model::{Minutes, Span};
use crate::names::{same_person, spelling_key};

/// Every place the model names a person, in document order.
fn occurrences(m: &Minutes) -> Vec<(&str, Span)> {
    let mut out: Vec<(&str, Span)> = Vec::new();
    out.extend(m.participants.iter().map(|p| (p.name.as_str(), p.span)));
    for item in &m.items {
        out.extend(
            item.attendance
                .absences
                .iter()
                .filter(|a| !a.carried)
                .map(|a| (a.name.as_str(), a.span)),
        );
        for s in &item.attendance.substitutions {
            out.push((s.substitute.text.as_str(), s.substitute.span));
            out.push((s.replaced.text.as_str(), s.replaced.span));
        }
        for v in &item.votes {
            for side in [&v.for_, &v.against, &v.abstain] {
                out.extend(
                    side.names
                        .iter()
                        .map(String::as_str)
                        .zip(side.name_spans.iter().copied()),
                );
            }
        }
    }
    out.extend(
        m.signatures
            .iter()
            .map(|s| (s.name.text.as_str(), s.name.span)),
    );
    out.sort_by_key(|(_, s)| s.offset);
    out
}

pub fn check(ctx: &Context, sink: &mut Sink) {
    // The first occurrence of each distinct spelling.
    let mut spellings: Vec<(String, &str, Span)> = Vec::new();
    for (name, span) in occurrences(ctx.minutes) {
        // A spelling seen before needs no key.
        if spellings.iter().any(|(_, n, _)| *n == name) {
            continue;
        }
        let key = spelling_key(name);
        if key.split_whitespace().count() < 2 || spellings.iter().any(|(k, _, _)| *k == key) {
            continue;
        }
        spellings.push((key, name, span));
    }
    for (k, (_, b, b_span)) in spellings.iter().enumerate() {
        for (_, a, a_span) in &spellings[..k] {
            if same_person(a, b) {
                sink.push(
                    Finding::new("name/spelling-variant", *b_span)
                        .arg("name", b)
                        .arg("other", a)
                        .primary(format!("skrevet \"{b}\""), format!("written \"{b}\""))
                        .label(
                            *a_span,
                            format!("skrevet \"{a}\""),
                            format!("written \"{a}\""),
                        ),
                );
                break;
            }
        }
    }
}
