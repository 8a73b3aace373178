//! `name/*`: one person written in two ways in the same document ("Annemette Bak" in the
//! participant list, "Anne Mette Bak" on the signature sheet). The matching is
//! [`crate::names::same_person`]; its thresholds keep different people with a shared first
//! or last name apart.

use super::{Context, Finding, Sink};
use crate::model::{Minutes, Span};
use crate::names::{match_keys, same_person, spelling_key};
use std::collections::{HashMap, HashSet};

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

/// Names compared with one spelling through one match key at most: a list of 100,000
/// "Anna … Hansen" must not be compared pair by pair.
const MAX_CANDIDATES_PER_KEY: usize = 64;

pub fn check(ctx: &Context, sink: &mut Sink) {
    // The first occurrence of each distinct spelling.
    let mut seen_names: HashSet<&str> = HashSet::new();
    let mut seen_keys: HashSet<String> = HashSet::new();
    let mut spellings: Vec<(&str, Span)> = Vec::new();
    for (name, span) in occurrences(ctx.minutes) {
        // A spelling seen before needs no key.
        if !seen_names.insert(name) {
            continue;
        }
        let key = spelling_key(name);
        if key.split_whitespace().count() < 2 || seen_keys.contains(&key) {
            continue;
        }
        seen_keys.insert(key);
        spellings.push((name, span));
    }
    // Each spelling is compared with the earlier ones that share a match key, the earliest
    // first (as a comparison with every earlier spelling would find them).
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, &(b, b_span)) in spellings.iter().enumerate() {
        let keys = match_keys(b);
        let mut candidates: Vec<usize> = keys
            .iter()
            .filter_map(|key| by_key.get(key))
            .flat_map(|earlier| earlier.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        if let Some(&j) = candidates.iter().find(|&&j| same_person(spellings[j].0, b)) {
            let (a, a_span) = spellings[j];
            sink.push(
                Finding::new("name/spelling-variant", b_span)
                    .arg("name", b)
                    .arg("other", a)
                    .primary(format!("skrevet \"{b}\""), format!("written \"{b}\""))
                    .label(
                        a_span,
                        format!("skrevet \"{a}\""),
                        format!("written \"{a}\""),
                    ),
            );
        }
        for key in keys {
            let list = by_key.entry(key).or_default();
            if list.len() < MAX_CANDIDATES_PER_KEY {
                list.push(k);
            }
        }
    }
}
