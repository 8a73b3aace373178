//! What one sentence of a decision says: the groups next to its side markers, positions,
//! unanimity, the outcome and the motion.

use super::group::{prefix_group, suffix_group, Group, Want};
use super::markers::{markers, Dir, Marker, Side};
use super::outcome::{outcome, Outcome};
use super::text::squash;
use super::Sent;
use crate::lexicon::{VoteList, VoteWords};
use crate::model::{OutcomeKind, Position, PositionKind, Span, Text};

/// What one sentence says.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub sides: Vec<(Side, Group)>,
    pub positions: Vec<Position>,
    pub unanimous: Option<Span>,
    pub outcome: Option<Outcome>,
    pub motion: Option<Text>,
    /// A vote word ("stemte", "afstemning") outside a decision taken without a vote.
    pub cue: bool,
    /// It names a vote without recording one: "Der blev stemt om forslaget:".
    pub procedural: bool,
}

impl Parsed {
    pub fn has_tally(&self) -> bool {
        !self.sides.is_empty() || self.unanimous.is_some()
    }
}

pub(super) fn sentence(s: &Sent, w: &VoteWords) -> Parsed {
    let set = w.phrases();
    let mut p = Parsed {
        // "Godkendt uden afstemning": a decision without a vote is no vote left unread.
        cue: s.holds(w, VoteList::Cues) && !s.holds(w, VoteList::NoVote),
        procedural: s.holds(w, VoteList::Procedural),
        ..Parsed::default()
    };
    for &u in s.ids(w, VoteList::Unanimous) {
        if let Some(at) = s.hits.find_id(u, 0) {
            p.unanimous = Some(Span::new(s.base + at, set.len_of(u)));
            break;
        }
    }
    let markers = markers(s, w, p.cue);
    let mut cursor = 0;
    for (k, m) in markers.iter().enumerate() {
        let next_start = markers.get(k + 1).map(|n| n.start).unwrap_or(s.text.len());
        let next_is_after = markers
            .get(k + 1)
            .is_some_and(|n| matches!(n.dir, Dir::After | Dir::AfterCount));
        match m.dir {
            Dir::Before => {
                let region = (m.end, next_start);
                let want = if m.named {
                    Want::Named
                } else if next_is_after {
                    Want::Count
                } else {
                    Want::Any
                };
                if let Some((g, used_end)) = prefix_group(s, region, w, want) {
                    p.sides.push((m.side, g));
                    cursor = used_end;
                } else {
                    cursor = m.end;
                }
                if let Some((a, b)) = m.motion {
                    p.motion = Some(text_at(s, a, b));
                }
            }
            Dir::After | Dir::AfterCount => {
                if let Some(g) = group_of_after(s, m, cursor, next_start, w) {
                    after_group(&mut p, s, m, next_start, g);
                }
                cursor = m.end;
            }
            Dir::Between => {
                let before = suffix_group(s, (cursor, m.start), w, Want::Count);
                let after = prefix_group(s, (m.end, next_start), w, Want::Count);
                if let (Some(f), Some((a, used))) = (before, after) {
                    p.sides.push((Side::First, f));
                    p.sides.push((Side::Second, a));
                    cursor = used;
                } else {
                    cursor = m.end;
                }
            }
        }
    }
    // "Alle stemte for" is a statement about everybody, not a tally of one group.
    p.sides.retain(|(_, g)| !(g.all && g.count.is_none()));
    p.outcome = outcome(s, w, &markers);
    pair_sides(&mut p);
    p
}

/// The sides of "N stemmer mod M". Adopted (or no outcome written): N for. Rejected, the
/// order is written both ways ("forkastet med 22 stemmer mod 2" after "For forslaget stemte"
/// two members; "faldt med 1 stemme mod 4"): the larger number is against.
fn pair_sides(p: &mut Parsed) {
    let rejected = p
        .outcome
        .as_ref()
        .is_some_and(|o| o.kind == OutcomeKind::Rejected);
    let count = |side: Side| {
        p.sides
            .iter()
            .find(|(s, _)| *s == side)
            .and_then(|(_, g)| g.count)
            .map(|(n, _)| n)
    };
    let first_against = rejected && count(Side::First) >= count(Side::Second);
    for (side, _) in &mut p.sides {
        *side = match (*side, first_against) {
            (Side::First, false) | (Side::Second, true) => Side::For,
            (Side::First, true) | (Side::Second, false) => Side::Against,
            (other, _) => other,
        };
    }
}

/// The group of a marker written after it ("6 stemte for"), or, with nothing before the
/// marker, behind it ("Undlod at stemme 3 (O)").
fn group_of_after(
    s: &Sent,
    m: &Marker,
    cursor: usize,
    next_start: usize,
    w: &VoteWords,
) -> Option<Group> {
    let region = (cursor, m.start);
    let want = match (m.dir, m.named) {
        (Dir::AfterCount, _) => Want::Count,
        (_, true) => Want::Named,
        _ => Want::Any,
    };
    suffix_group(s, region, w, want).or_else(|| {
        (m.dir == Dir::After && cursor_blank(s, region))
            .then(|| prefix_group(s, (m.end, next_start), w, want))
            .flatten()
            .map(|(g, _)| g)
    })
}

/// Record the group of an after-marker: a side, or a position.
fn after_group(p: &mut Parsed, s: &Sent, m: &Marker, next_start: usize, g: Group) {
    let kind = match m.side {
        Side::Reservation => Some(PositionKind::Reservation),
        Side::Protocol => Some(PositionKind::Protocol),
        Side::Dissent => Some(PositionKind::Dissent),
        _ => None,
    };
    if let Some(kind) = kind {
        p.positions.push(position(kind, &g, s));
        return;
    }
    if matches!(m.side, Side::For | Side::Against) {
        if let Some(mt) = motion_after(s, m.end, next_start) {
            p.motion.get_or_insert(mt);
        }
    }
    if g.all && m.side == Side::For && p.unanimous.is_none() {
        p.unanimous = Some(Span::new(s.base + m.start, m.end - m.start));
    }
    p.sides.push((m.side, g));
}

fn cursor_blank(s: &Sent, (a, b): (usize, usize)) -> bool {
    s.text[a..b]
        .trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .is_empty()
}

fn position(kind: PositionKind, g: &Group, s: &Sent) -> Position {
    let mut who: Vec<Text> = g
        .names
        .iter()
        .map(|(n, _, sp)| Text::new(n.clone(), *sp))
        .collect();
    who.extend(g.parties.iter().map(|p| Text::new(p.party.clone(), p.span)));
    let span = who
        .iter()
        .map(|t| t.span)
        .reduce(Span::cover)
        .unwrap_or_else(|| s.span());
    Position {
        kind,
        who,
        span: span.cover(s.span()),
    }
}

/// The text after a for/against marker up to the next punctuation: what was voted on
/// ("Alle stemte for de tre oprindelige indstillingspunkter").
fn motion_after(s: &Sent, from: usize, to: usize) -> Option<Text> {
    let rest = &s.text[from..to];
    let stop = rest.find([',', '.', ';', ':', '(']).unwrap_or(rest.len());
    let m = rest[..stop].trim();
    let first = m.chars().next()?;
    if !first.is_lowercase() || m.len() > 120 {
        return None;
    }
    let a = from + (rest.len() - rest.trim_start().len());
    Some(text_at(s, a, a + m.len()))
}

fn text_at(s: &Sent, a: usize, b: usize) -> Text {
    Text::new(squash(&s.text[a..b]), Span::new(s.base + a, b - a))
}
