//! A sentence's tally joined to the vote read so far, or starting a new one.

use super::group::Group;
use super::markers::Side;
use super::outcome::set_outcome;
use super::sentence::Parsed;
use crate::model::{Span, TallySide, Vote};

/// May this sentence's content join the vote read so far? When it adds sides the vote does
/// not have yet ("Lone Yalcinkaya undlod at stemme." after "… stemte for."), names to a side
/// of names, who made up a counted side, or positions.
pub(super) fn can_merge(vote: &Vote, p: &Parsed) -> bool {
    if p.unanimous.is_some() && (vote.unanimous || !vote.for_.is_empty()) {
        return false;
    }
    // "For ændringsforslaget stemte …" after a vote on the recommendation is a vote of its
    // own; "… kunne tiltræde indstillingen" after "… kunne tiltræde indstillingen i
    // overensstemmelse med …" is not.
    if let (Some(a), Some(b)) = (&vote.motion, &p.motion) {
        let (a, b) = (a.text.to_lowercase(), b.text.to_lowercase());
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let words_of_long = long
            .strip_prefix(short.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
        if !words_of_long {
            return false;
        }
    }
    p.sides.iter().all(|(side, g)| {
        let existing = match side {
            Side::For => &vote.for_,
            Side::Against => &vote.against,
            Side::Abstain => &vote.abstain,
            _ => return true,
        };
        existing.is_empty()
            || (uncounted(existing) && !counted(g))
            || names_who_made_up(existing, g)
    }) && !(p.sides.iter().any(|(s, _)| *s == Side::For) && vote.unanimous)
}

fn uncounted(t: &TallySide) -> bool {
    t.count.is_none() && t.parties.iter().all(|p| p.count.is_none())
}

fn counted(g: &Group) -> bool {
    g.count.is_some() || g.parties.iter().any(|p| p.count.is_some())
}

/// Does an uncounted group say who made up a counted side? "Forslaget blev forkastet med 22
/// stemmer mod 2. For forslaget stemte Anna Berg og Bo Hansen.": as many names as the count
/// (fewer could be another vote's); "Imod: 6 (…) … Liste B stemte imod, idet …": parties the
/// side already names (or a side that names none).
fn names_who_made_up(existing: &TallySide, g: &Group) -> bool {
    let Some(total) = existing.total() else {
        return false;
    };
    if counted(g) {
        return false;
    }
    let names_fit =
        g.names.is_empty() || (existing.names.is_empty() && g.names.len() as u32 == total);
    let known = |party: &str| {
        existing.parties.iter().any(|p| p.party == party)
            || existing.name_parties.iter().flatten().any(|p| p == party)
    };
    let names_parties =
        !existing.parties.is_empty() || existing.name_parties.iter().any(Option::is_some);
    let parties_fit = !names_parties || g.parties.iter().all(|p| known(&p.party));
    names_fit && parties_fit
}

pub(super) fn absorb(vote: &mut Vote, p: Parsed, span: Span) {
    vote.span = if vote.span == Span::default() {
        span
    } else {
        vote.span.cover(span)
    };
    if let Some(u) = p.unanimous {
        vote.unanimous = true;
        vote.unanimous_span = Some(u);
    }
    if vote.motion.is_none() {
        vote.motion = p.motion;
    }
    for (side, g) in p.sides {
        let t = match side {
            Side::For => &mut vote.for_,
            Side::Against => &mut vote.against,
            Side::Abstain => &mut vote.abstain,
            _ => continue,
        };
        add_group(t, g);
    }
    vote.positions.extend(p.positions);
    if vote.outcome.is_none() {
        if let Some(o) = p.outcome {
            set_outcome(vote, o);
        }
    }
}

fn add_group(t: &mut TallySide, g: Group) {
    if let Some((c, sp)) = g.count {
        t.count = Some(c);
        t.count_span = Some(sp);
    }
    for party in g.parties {
        // A party named again without a count ("Liste B stemte imod, idet …") is known.
        let known = party.count.is_none()
            && (t.parties.iter().any(|p| p.party == party.party)
                || t.name_parties.iter().flatten().any(|p| *p == party.party));
        if !known {
            t.parties.push(party);
        }
    }
    for (n, party, sp) in g.names {
        t.names.push(n);
        t.name_parties.push(party);
        t.name_spans.push(sp);
    }
}
