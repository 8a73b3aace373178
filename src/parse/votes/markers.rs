//! Side markers: the phrases of a sentence that say which side a group voted ("For stemte",
//! "stemte imod", "undlod at stemme", "5 for", "For 5", "26 stemmer mod 24"), kept
//! non-overlapping, longest first.

use super::text::{number, split_words, starts_word};
use super::Sent;
use crate::lexicon::{VoteList, VoteWords};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    For,
    Against,
    Abstain,
    /// The first number of "26 stemmer mod 24": its side is known once the outcome is read
    /// ("forkastet med 22 stemmer mod 2": 22 against).
    First,
    /// The second number of "26 stemmer mod 24".
    Second,
    Reservation,
    Protocol,
    Dissent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dir {
    Before,
    After,
    /// After, and the group must be a bare number.
    AfterCount,
    Between,
}

#[derive(Debug, Clone)]
pub(super) struct Marker {
    pub side: Side,
    pub dir: Dir,
    pub start: usize,
    pub end: usize,
    /// "For ændringsforslaget stemte": the motion named inside the marker.
    pub motion: Option<(usize, usize)>,
    /// The group must name its members ("5 medlemmer (A+V+C) anbefaler"): a bare number or
    /// a body is no group of this marker.
    pub named: bool,
}

/// The number a marker needs next to it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Needs {
    Nothing,
    /// "6 for": a number right before.
    NumberBefore,
    /// "For 5,": a bare number right after.
    BareNumberAfter,
    /// "stemmer mod 1": a number right after.
    NumberAfter,
}

struct Kind {
    list: VoteList,
    side: Side,
    dir: Dir,
    named: bool,
    needs: Needs,
    /// A tally only in a sentence about votes (with a vote word, or a marker of another
    /// side): "Lokalplan 460 for Avedøre Landsby" and "budgettet for 2026" are none.
    weak: bool,
}

const fn kind(list: VoteList, side: Side, dir: Dir) -> Kind {
    Kind {
        list,
        side,
        dir,
        named: false,
        needs: Needs::Nothing,
        weak: false,
    }
}

const fn count_kind(list: VoteList, side: Side, dir: Dir, needs: Needs) -> Kind {
    Kind {
        needs,
        weak: true,
        ..kind(list, side, dir)
    }
}

/// In this order where two markers cover the same words: "stemmer imod 24" is the second
/// number of a pair before it is a side of its own; "6 for" is a count before "for 6" is.
const KINDS: [Kind; 18] = [
    Kind {
        needs: Needs::NumberAfter,
        ..kind(VoteList::ForAgainst, Side::First, Dir::Between)
    },
    kind(VoteList::AbstainBefore, Side::Abstain, Dir::Before),
    kind(VoteList::ForBefore, Side::For, Dir::Before),
    kind(VoteList::AgainstBefore, Side::Against, Dir::Before),
    Kind {
        named: true,
        ..kind(VoteList::ForBeforeNamed, Side::For, Dir::Before)
    },
    count_kind(
        VoteList::ForAfterCount,
        Side::For,
        Dir::AfterCount,
        Needs::NumberBefore,
    ),
    count_kind(
        VoteList::AgainstAfterCount,
        Side::Against,
        Dir::AfterCount,
        Needs::NumberBefore,
    ),
    count_kind(
        VoteList::AbstainAfterCount,
        Side::Abstain,
        Dir::AfterCount,
        Needs::NumberBefore,
    ),
    count_kind(
        VoteList::ForBeforeCount,
        Side::For,
        Dir::Before,
        Needs::BareNumberAfter,
    ),
    count_kind(
        VoteList::AgainstBeforeCount,
        Side::Against,
        Dir::Before,
        Needs::BareNumberAfter,
    ),
    count_kind(
        VoteList::AbstainBeforeCount,
        Side::Abstain,
        Dir::Before,
        Needs::BareNumberAfter,
    ),
    kind(VoteList::AbstainAfter, Side::Abstain, Dir::After),
    kind(VoteList::ForAfter, Side::For, Dir::After),
    kind(VoteList::AgainstAfter, Side::Against, Dir::After),
    Kind {
        named: true,
        ..kind(VoteList::ForAfterNamed, Side::For, Dir::After)
    },
    kind(VoteList::Reservation, Side::Reservation, Dir::After),
    kind(VoteList::Protocol, Side::Protocol, Dir::After),
    kind(VoteList::Dissent, Side::Dissent, Dir::After),
];

/// All side markers in a sentence, non-overlapping, longest first at each position. `cue`:
/// the sentence has a vote word.
pub(super) fn markers(s: &Sent, w: &VoteWords, cue: bool) -> Vec<Marker> {
    let set = w.phrases();
    // Most sentences with a phrase hold no marker (an outcome only): no allocation for them.
    let mut found: Vec<(Marker, bool)> = Vec::new();
    for k in &KINDS {
        for &phrase in s.ids(w, k.list) {
            let len = set.len_of(phrase);
            let mut from = 0;
            while let Some(at) = s.hits.find_id(phrase, from) {
                from = at + len;
                if !has_number(s, at, at + len, k.needs, w) {
                    continue;
                }
                let m = Marker {
                    side: k.side,
                    dir: k.dir,
                    start: at,
                    end: at + len,
                    motion: None,
                    named: k.named,
                };
                found.push((m, k.weak));
            }
        }
    }
    // "For ændringsforslaget stemte": a side word, up to six words of motion, the verb.
    for (opens, side) in [
        (VoteList::ForMotion, Side::For),
        (VoteList::AgainstMotion, Side::Against),
    ] {
        for &open in s.ids(w, opens) {
            for verb in &w.motion_vote_verb {
                motion_markers(s, set.phrase(open), verb, side, w, &mut found);
            }
        }
    }
    found.sort_by(|(a, _), (b, _)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    // Non-overlapping: a marker starting inside the last one kept is dropped.
    let mut kept_end: Option<usize> = None;
    found.retain(|(m, _)| {
        let overlaps = kept_end.is_some_and(|end| m.start < end);
        if !overlaps {
            kept_end = Some(m.end);
        }
        !overlaps
    });
    if !cue {
        let sides: Vec<Side> = found.iter().map(|(m, _)| m.side).collect();
        found.retain(|(m, weak)| !weak || sides.iter().any(|s| *s != m.side));
    }
    found.into_iter().map(|(m, _)| m).collect()
}

/// The most votes one side can have: the Folketing's 179 seats. A larger number next to a
/// bare "for" or "imod" is a year or an amount ("budgettet for 2026, og …").
const MOST_VOTES: u32 = 179;

/// Is the number a marker needs next to it there?
fn has_number(s: &Sent, start: usize, end: usize, needs: Needs, w: &VoteWords) -> bool {
    match needs {
        Needs::Nothing => true,
        Needs::NumberBefore => {
            let before = s.lower[..start].trim_end();
            let last = before
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            number(last, w).is_some_and(|n| n <= MOST_VOTES)
        }
        Needs::NumberAfter | Needs::BareNumberAfter => {
            let rest = s.lower[end..].trim_start_matches([' ', '\t']);
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let after = &rest[digits..];
            if digits == 0 || after.chars().next().is_some_and(char::is_alphanumeric) {
                return false;
            }
            let votes = number(&rest[..digits], w).is_some_and(|n| n <= MOST_VOTES);
            votes && (needs == Needs::NumberAfter || bare(after, w))
        }
    }
}

/// Does what follows a number leave it bare ("5, imod 2", "5 stemmer", "0"), not a number
/// of something else ("3 år", "5.000")?
fn bare(after: &str, w: &VoteWords) -> bool {
    if let Some(rest) = after.strip_prefix('.') {
        return !rest.starts_with(|c: char| c.is_ascii_digit());
    }
    let next = after.trim_start_matches([' ', '\t']);
    next.is_empty()
        || next.starts_with([',', ';', '\n', '(', ')'])
        || starts_word(next, "og")
        || w.count_nouns.iter().any(|n| starts_word(next, n))
}

fn motion_markers(
    s: &Sent,
    open: &str,
    verb: &str,
    side: Side,
    w: &VoteWords,
    found: &mut Vec<(Marker, bool)>,
) {
    // "For behandling: 4": the motion's last word carries the colon.
    let colon = verb == ":";
    let mut from = 0;
    while let Some(at) = s.hits.find_word(open, from) {
        from = at + open.len();
        let rest = &s.lower[from..];
        let mut words = 0;
        // Where the motion ends and the marker ends, in `rest`.
        let mut ends = None;
        for (i, word) in split_words(rest) {
            if colon {
                if let Some(bare) = word.strip_suffix(':') {
                    let motion_word = !bare.is_empty()
                        && bare.chars().all(|c| c.is_alphabetic() || c == '-')
                        && !w.motion_vote_verb.iter().any(|v| v == bare);
                    if motion_word && words < 3 {
                        ends = Some((i + bare.len(), i + word.len()));
                    }
                    break;
                }
            } else if word.trim_end_matches([':', ',']) == verb {
                if words > 0 {
                    ends = Some((s.lower[..from + i].trim_end().len() - from, i + verb.len()));
                }
                break;
            }
            words += 1;
            if words > 6 || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
                break;
            }
        }
        let before = s.lower[..at].trim_end();
        let after_verb = before.ends_with("stemte") || before.ends_with("hverken");
        if let (Some((motion_end, end)), false) = (ends, after_verb) {
            let mstart = from + (rest.len() - rest.trim_start().len());
            let m = Marker {
                side,
                dir: Dir::Before,
                start: at,
                end: from + end,
                motion: Some((mstart, from + motion_end)),
                named: false,
            };
            found.push((m, colon));
        }
    }
}
