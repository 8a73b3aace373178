//! The outcome written in a sentence ("Dermed faldt ændringsforslaget", "Tiltrådt") and what
//! it says happened to.

use super::markers::Marker;
use super::Sent;
use crate::lexicon::{VoteList, VoteWords};
use crate::model::{OutcomeKind, Span, Text, Vote};

#[derive(Debug, Clone)]
pub(super) struct Outcome {
    pub text: Text,
    pub kind: OutcomeKind,
    pub motion: Option<String>,
}

/// The outcome written in the sentence, outside the tally groups.
pub(super) fn outcome(s: &Sent, w: &VoteWords, markers: &[Marker]) -> Option<Outcome> {
    let mut best: Option<(usize, usize, OutcomeKind)> = None;
    for (list, kind) in [
        (VoteList::Rejected, OutcomeKind::Rejected),
        (VoteList::Adopted, OutcomeKind::Adopted),
    ] {
        for &word in s.ids(w, list) {
            if let Some(at) = s.hits.find_id(word, 0) {
                let len = w.phrases().len_of(word);
                // "ikke godkendt" overlaps "godkendt": the longer (rejection) wins.
                let overlaps = best.is_some_and(|(a, l, _)| at < a + l && a < at + len);
                if !overlaps && best.is_none_or(|(a, _, _)| at < a) {
                    best = Some((at, len, kind));
                }
            }
        }
    }
    let (at, len, kind) = best?;
    // Words inside a marker ("kunne ikke tiltræde") are no outcome.
    if markers.iter().any(|m| at < m.end && m.start < at + len) {
        return None;
    }
    // What it says happened to: "Dermed faldt ændringsforslaget" / "Ændringsforslaget blev godkendt".
    let after = s.text[at + len..]
        .trim()
        .trim_end_matches('.')
        .split_whitespace()
        .next();
    let before = s.text[..at]
        .split_whitespace()
        .find(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
    let motion = after
        .filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
        .or(before)
        .map(|m| m.to_lowercase());
    Some(Outcome {
        text: Text::new(&s.text[at..at + len], Span::new(s.base + at, len)),
        kind,
        motion,
    })
}

/// An outcome written before the tally ("Vedtaget. For stemte …") only belongs to it when it
/// does not name something else ("Sagen anbefales." before a vote on "ændringsforslaget").
pub(super) fn motions_agree(outcome_motion: Option<&str>, vote_motion: Option<&Text>) -> bool {
    match (outcome_motion, vote_motion) {
        (Some(o), Some(v)) => {
            let v = v.text.to_lowercase();
            let o = o.trim_matches(|c: char| !c.is_alphanumeric());
            ["dermed", "hermed", "derved", "blev", "er"].contains(&o)
                || v.contains(o)
                || o.contains(v.split_whitespace().last().unwrap_or(""))
        }
        _ => true,
    }
}

pub(super) fn set_outcome(vote: &mut Vote, o: Outcome) {
    vote.outcome_kind = Some(o.kind);
    vote.outcome = Some(o.text);
}
