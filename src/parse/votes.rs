//! Votes recorded in decisions (Beslutning). The phrasing varies between municipalities and
//! between secretaries, so the parser is driven by *side markers* from `rules/lexicon.toml`:
//!
//! - written before their group: "For ændringsforslaget stemte: B (1), imod stemte C(2), O(1)
//!   og A(1)" (Høje-Taastrup), "For stemte 95 (S, V, DF), imod stemte 0, hverken for eller imod
//!   stemte 0" (Folketinget), "For stemte: 30 (A, B, F), Imod stemte: 12 (C, V), Undlod at
//!   stemme: 3 (O)" (Københavns Borgerrepræsentation);
//! - written after their group: "Et flertal af <udvalg> (names) stemte for. Lone Yalcinkaya
//!   undlod at stemme." (Gladsaxe), "6 stemte for, 1 stemte imod, 0 undlod", "Solveig Munk
//!   kunne ikke tiltræde indstillingen" (Aarhus);
//! - counts in prose: "Godkendt med 5 stemmer for og 2 imod", "vedtaget med 6 stemmer mod 1";
//! - unanimity: "Alle stemte for …", "Enstemmigt vedtaget";
//! - positions that are no side: "X tog forbehold", "X ønskede sin stemme ført til protokols".
//!
//! A decision is read sentence by sentence. A sentence with a tally starts a vote (or adds a
//! side the current vote lacks: "X undlod at stemme." after "… stemte for."); an outcome
//! sentence ("Dermed faldt ændringsforslaget.", "Tiltrådt.") completes the current vote, or
//! waits for the next tally when none is open; any other sentence closes the vote. A sentence
//! with a vote word ("stemte", "stemmer", "undlod", …) that yields no tally is returned as
//! `Unrecognised { kind: "vote" }`: never skipped in silence.

use crate::fold::Hits;
use crate::lexicon::{Lexicon, VoteList, VoteWords};
use crate::model::{
    OutcomeKind, PartyCount, Position, PositionKind, Section, SectionKind, Span, TallySide, Text,
    Unrecognised, Vote,
};

/// The votes of one item: every decision section is read. An item without any section (a
/// vote record, a page whose headings were lost) is read whole: `body` is its text. There,
/// only tallies count: the sentences around a vote ("Afstemningen slutter.", "Der blev
/// stemt om forslaget:") name it without recording one, so they are not reported as votes
/// that could not be read.
pub fn parse_item(
    doc: &str,
    sections: &[Section],
    body: Span,
    lex: &Lexicon,
) -> (Vec<Vote>, Vec<Unrecognised>) {
    match doc.get(body.offset..body.end()) {
        Some(text) if sections.is_empty() => (parse_text(text, body.offset, lex).0, Vec::new()),
        _ => parse(doc, sections, lex),
    }
}

/// The votes of every decision section.
pub fn parse(doc: &str, sections: &[Section], lex: &Lexicon) -> (Vec<Vote>, Vec<Unrecognised>) {
    let mut votes = Vec::new();
    let mut unrecognised = Vec::new();
    for s in sections
        .iter()
        .filter(|s| s.kind == SectionKind::Beslutning)
    {
        let Some(text) = doc.get(s.body.offset..s.body.end()) else {
            continue;
        };
        let (v, u) = parse_text(text, s.body.offset, lex);
        votes.extend(v);
        unrecognised.extend(u);
    }
    (votes, unrecognised)
}

/// The votes in a decision text that starts at byte `base` of the document.
pub fn parse_text(text: &str, base: usize, lex: &Lexicon) -> (Vec<Vote>, Vec<Unrecognised>) {
    let w = &lex.votes;
    let lower = crate::fold::lower_same_len(text);
    let phrases = w.phrases();
    let all_hits = phrases.hits(&lower);
    // Only a tally or a vote word makes a vote or an unrecognised vote sentence: a decision
    // with an outcome at most ("Godkendt.") has neither.
    let outcome_only = VoteList::Adopted.bit() | VoteList::Rejected.bit();
    if w.ids().mask(all_hits.iter().map(|h| h.phrase)) & !outcome_only == 0 {
        return (Vec::new(), Vec::new());
    }
    let mut votes: Vec<Vote> = Vec::new();
    let mut unrecognised = Vec::new();
    let mut current: Option<usize> = None;
    let mut pending: Option<Outcome> = None;
    for (start, end) in sentences(text, &lower, w) {
        let hits = Hits::within(phrases, &all_hits, &lower[start..end], start);
        let s = Sent {
            text: &text[start..end],
            lower: &lower[start..end],
            base: base + start,
            hits,
            lists: w.ids().mask(hits.phrase_ids()),
        };
        // A sentence without any of the lexicon's phrases has no cue, marker or outcome.
        let p = if s.hits.is_empty() {
            Parsed::default()
        } else {
            sentence(&s, w)
        };
        if p.cue && !p.has_tally() && p.positions.is_empty() {
            unrecognised.push(Unrecognised {
                kind: "vote".into(),
                text: squash(s.text),
                span: s.span(),
            });
        }
        if p.has_tally() || !p.positions.is_empty() {
            let merge = current.is_some_and(|i| can_merge(&votes[i], &p));
            let idx = if merge {
                current.unwrap_or_default()
            } else {
                votes.push(Vote::default());
                votes.len() - 1
            };
            let vote = &mut votes[idx];
            let fresh = !merge;
            absorb(vote, p, s.span());
            if fresh && vote.outcome.is_none() {
                if let Some(o) = pending.take() {
                    if motions_agree(o.motion.as_deref(), vote.motion.as_ref()) {
                        set_outcome(vote, o);
                    }
                }
            }
            pending = None;
            current = Some(idx);
        } else if let Some(o) = p.outcome {
            match current {
                Some(i) if votes[i].outcome.is_none() => {
                    let v = &mut votes[i];
                    v.span = v.span.cover(s.span());
                    set_outcome(v, o);
                }
                _ => {
                    current = None;
                    pending = Some(o);
                }
            }
        } else {
            current = None;
            pending = None;
        }
    }
    (votes, unrecognised)
}

/// One sentence of a decision, with its lower-cased twin (same byte offsets).
struct Sent<'a> {
    text: &'a str,
    lower: &'a str,
    base: usize,
    /// The lexicon's phrases in this sentence.
    hits: Hits<'a>,
    /// The vote lists those phrases are in ([`VoteList::bit`]): lists with no phrase in the
    /// sentence are not searched.
    lists: u32,
}

impl Sent<'_> {
    fn has(&self, list: VoteList) -> bool {
        self.lists & list.bit() != 0
    }

    /// The ids of a list's phrases, or none when the sentence holds none of them.
    fn ids<'w>(&self, w: &'w VoteWords, list: VoteList) -> &'w [u32] {
        if self.has(list) {
            w.ids().list(list)
        } else {
            &[]
        }
    }

    fn span(&self) -> Span {
        let lead = self.text.len() - self.text.trim_start().len();
        Span::new(self.base + lead, self.text.trim().len())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    For,
    Against,
    Abstain,
    /// "stemmer mod": for before, against after.
    ForAgainst,
    Reservation,
    Protocol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Before,
    After,
    /// After, and the group must be a bare number.
    AfterCount,
    Between,
}

#[derive(Debug, Clone)]
struct Marker {
    side: Side,
    dir: Dir,
    start: usize,
    end: usize,
    /// "For ændringsforslaget stemte": the motion named inside the marker.
    motion: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct Outcome {
    text: Text,
    kind: OutcomeKind,
    motion: Option<String>,
}

/// What one sentence says.
#[derive(Debug, Default)]
struct Parsed {
    sides: Vec<(Side, Group)>,
    positions: Vec<Position>,
    unanimous: Option<Span>,
    outcome: Option<Outcome>,
    motion: Option<Text>,
    cue: bool,
}

impl Parsed {
    fn has_tally(&self) -> bool {
        !self.sides.is_empty() || self.unanimous.is_some()
    }
}

/// A group of voters as written: a count, parties (with or without counts), names.
#[derive(Debug, Default, Clone)]
struct Group {
    count: Option<(u32, Span)>,
    parties: Vec<PartyCount>,
    names: Vec<(String, Option<String>, Span)>,
    all: bool,
    majority: bool,
}

impl Group {
    fn is_empty(&self) -> bool {
        self.count.is_none()
            && self.parties.is_empty()
            && self.names.is_empty()
            && !self.all
            && !self.majority
    }
}

fn sentence(s: &Sent, w: &VoteWords) -> Parsed {
    let set = w.phrases();
    let mut p = Parsed {
        cue: s
            .ids(w, VoteList::Cues)
            .iter()
            .any(|&c| s.hits.find_id(c, 0).is_some()),
        ..Parsed::default()
    };
    for &u in s.ids(w, VoteList::Unanimous) {
        if let Some(at) = s.hits.find_id(u, 0) {
            p.unanimous = Some(Span::new(s.base + at, set.len_of(u)));
            break;
        }
    }
    let mut markers = markers(s, w);
    // One "N for" alone in a sentence that says nothing of votes is a reference, not a
    // tally ("Lokalplan 460 for Avedøre Landsby udgår").
    if !p.cue && markers.len() == 1 && markers[0].dir == Dir::AfterCount {
        markers.clear();
    }
    let mut cursor = 0;
    for (k, m) in markers.iter().enumerate() {
        let next_start = markers.get(k + 1).map(|n| n.start).unwrap_or(s.text.len());
        let next_is_after = markers
            .get(k + 1)
            .is_some_and(|n| matches!(n.dir, Dir::After | Dir::AfterCount));
        match m.dir {
            Dir::Before => {
                let region = (m.end, next_start);
                if let Some((g, used_end)) = prefix_group(s, region, w, next_is_after) {
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
                let region = (cursor, m.start);
                let g = suffix_group(s, region, w, m.dir == Dir::AfterCount).or_else(|| {
                    // "Undlod at stemme 3 (O)": an after-marker with its group behind it.
                    (m.dir == Dir::After && cursor_blank(s, region))
                        .then(|| prefix_group(s, (m.end, next_start), w, false))
                        .flatten()
                        .map(|(g, _)| g)
                });
                if let Some(g) = g {
                    let side_motion = motion_after(s, m.end, next_start);
                    match m.side {
                        Side::Reservation | Side::Protocol => {
                            p.positions.push(position(m.side, &g, s));
                        }
                        side => {
                            if side == Side::For || side == Side::Against {
                                if let Some(mt) = side_motion {
                                    p.motion.get_or_insert(mt);
                                }
                            }
                            if g.all && side == Side::For && p.unanimous.is_none() {
                                p.unanimous = Some(Span::new(s.base + m.start, m.end - m.start));
                            }
                            p.sides.push((side, g));
                        }
                    }
                }
                cursor = m.end;
            }
            Dir::Between => {
                let before = suffix_group(s, (cursor, m.start), w, true);
                let after = prefix_group(s, (m.end, next_start), w, true);
                if let (Some(f), Some((a, used))) = (before, after) {
                    p.sides.push((Side::For, f));
                    p.sides.push((Side::Against, a));
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
    p
}

fn cursor_blank(s: &Sent, (a, b): (usize, usize)) -> bool {
    s.text[a..b]
        .trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .is_empty()
}

fn position(side: Side, g: &Group, s: &Sent) -> Position {
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
        kind: if side == Side::Protocol {
            PositionKind::Protocol
        } else {
            PositionKind::Reservation
        },
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

/// All side markers in a sentence, non-overlapping, longest first at each position.
fn markers(s: &Sent, w: &VoteWords) -> Vec<Marker> {
    let set = w.phrases();
    const LISTS: [(VoteList, Side, Dir); 12] = [
        (VoteList::AbstainBefore, Side::Abstain, Dir::Before),
        (VoteList::ForBefore, Side::For, Dir::Before),
        (VoteList::AgainstBefore, Side::Against, Dir::Before),
        (VoteList::AbstainAfter, Side::Abstain, Dir::After),
        (VoteList::ForAfter, Side::For, Dir::After),
        (VoteList::AgainstAfter, Side::Against, Dir::After),
        (VoteList::ForAfterCount, Side::For, Dir::AfterCount),
        (VoteList::AgainstAfterCount, Side::Against, Dir::AfterCount),
        (VoteList::AbstainAfterCount, Side::Abstain, Dir::AfterCount),
        (VoteList::ForAgainst, Side::ForAgainst, Dir::Between),
        (VoteList::Reservation, Side::Reservation, Dir::After),
        (VoteList::Protocol, Side::Protocol, Dir::After),
    ];
    // Most sentences with a phrase hold no marker (an outcome only): no allocation for them.
    let mut found: Vec<Marker> = Vec::new();
    for (list, side, dir) in LISTS {
        for &phrase in s.ids(w, list) {
            let len = set.len_of(phrase);
            let mut from = 0;
            while let Some(at) = s.hits.find_id(phrase, from) {
                from = at + len;
                found.push(Marker {
                    side,
                    dir,
                    start: at,
                    end: at + len,
                    motion: None,
                });
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
                motion_markers(s, set.phrase(open), verb, side, &mut found);
            }
        }
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    // Non-overlapping: a marker starting inside the last one kept is dropped.
    let mut kept_end: Option<usize> = None;
    found.retain(|m| {
        let overlaps = kept_end.is_some_and(|end| m.start < end);
        if !overlaps {
            kept_end = Some(m.end);
        }
        !overlaps
    });
    // A count-only marker ("imod", "for") must directly follow a number.
    found.retain(|m| {
        m.dir != Dir::AfterCount || {
            let before = s.lower[..m.start].trim_end();
            let last = before
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            number(last, w).is_some()
        }
    });
    found
}

fn motion_markers(s: &Sent, open: &str, verb: &str, side: Side, found: &mut Vec<Marker>) {
    let mut from = 0;
    while let Some(at) = s.hits.find_word(open, from) {
        from = at + open.len();
        let rest = &s.lower[from..];
        let mut words = 0;
        let mut verb_at = None;
        for (i, word) in split_words(rest) {
            if word.trim_end_matches([':', ',']) == verb {
                verb_at = (words > 0).then_some(i);
                break;
            }
            words += 1;
            if words > 6 || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
                break;
            }
        }
        let before = s.lower[..at].trim_end();
        let after_verb = before.ends_with("stemte") || before.ends_with("hverken");
        if let (Some(pos), false) = (verb_at, after_verb) {
            let mstart = from + (rest.len() - rest.trim_start().len());
            let mend = s.lower[..from + pos].trim_end().len();
            found.push(Marker {
                side,
                dir: Dir::Before,
                start: at,
                end: from + pos + verb.len(),
                motion: Some((mstart, mend)),
            });
        }
    }
}

/// Words of a lower-cased string with their byte offsets.
fn split_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// The outcome written in the sentence, outside the tally groups.
fn outcome(s: &Sent, w: &VoteWords, markers: &[Marker]) -> Option<Outcome> {
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
fn motions_agree(outcome_motion: Option<&str>, vote_motion: Option<&Text>) -> bool {
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

fn set_outcome(vote: &mut Vote, o: Outcome) {
    vote.outcome_kind = Some(o.kind);
    vote.outcome = Some(o.text);
}

/// May this sentence's content join the vote read so far? Only when it adds sides the vote
/// does not have yet ("Lone Yalcinkaya undlod at stemme." after "… stemte for."), or names to
/// a side of names, or positions.
fn can_merge(vote: &Vote, p: &Parsed) -> bool {
    if p.unanimous.is_some() && (vote.unanimous || !vote.for_.is_empty()) {
        return false;
    }
    p.sides.iter().all(|(side, g)| {
        let existing = match side {
            Side::For => &vote.for_,
            Side::Against => &vote.against,
            Side::Abstain => &vote.abstain,
            _ => return true,
        };
        existing.is_empty()
            || (existing.count.is_none()
                && existing.parties.iter().all(|p| p.count.is_none())
                && g.count.is_none()
                && g.parties.iter().all(|p| p.count.is_none()))
    }) && !(p.sides.iter().any(|(s, _)| *s == Side::For) && vote.unanimous)
}

fn absorb(vote: &mut Vote, p: Parsed, span: Span) {
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
    t.parties.extend(g.parties);
    for (n, party, sp) in g.names {
        t.names.push(n);
        t.name_parties.push(party);
        t.name_spans.push(sp);
    }
}

/// The longest group tried, in bytes: Folketinget's longest lists are about 300 bytes. Keeps
/// a long sentence from being re-read at every word boundary.
const MAX_GROUP: usize = 800;

/// The longest prefix of a region (at word boundaries) that reads as a group.
fn prefix_group(
    s: &Sent,
    (a, b): (usize, usize),
    w: &VoteWords,
    count_only: bool,
) -> Option<(Group, usize)> {
    let region = &s.text[a..b];
    // Longest first: the whole region (when short enough), then back from separator to
    // separator within the first MAX_GROUP bytes.
    let whole = (region.len() <= MAX_GROUP).then_some(region.len());
    let reach = crate::fold::floor_char_boundary(region, MAX_GROUP.min(region.len()));
    let separators = region.as_bytes()[..reach]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, c)| matches!(c, b' ' | b',' | b'\n' | b';'))
        .map(|(i, _)| i);
    for e in whole.into_iter().chain(separators) {
        if let Some(g) = group(s, a, a + e, w) {
            if count_only && !(g.count.is_some() && g.parties.is_empty() && g.names.is_empty()) {
                continue;
            }
            return Some((g, a + e));
        }
    }
    None
}

/// The longest suffix of a region (at word boundaries) that reads as a group.
fn suffix_group(
    s: &Sent,
    (a, b): (usize, usize),
    w: &VoteWords,
    count_only: bool,
) -> Option<Group> {
    let region = &s.text[a..b];
    let floor = region.len().saturating_sub(MAX_GROUP);
    // Longest first: the whole region, then forward from separator to separator within the
    // last MAX_GROUP bytes.
    let starts = std::iter::once(0)
        .chain(
            region
                .bytes()
                .enumerate()
                .skip(floor)
                .filter(|(_, c)| matches!(c, b' ' | b',' | b'\n' | b'('))
                .map(|(i, _)| i + 1),
        )
        .filter(|st| *st >= floor);
    let mut depth = 0i32;
    let mut counted = 0;
    for st in starts {
        // Never start inside parentheses.
        for c in region[counted..st].chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
        }
        counted = st;
        if depth != 0 {
            continue;
        }
        if let Some(g) = group(s, a + st, b, w) {
            if count_only && !(g.count.is_some() && g.parties.is_empty() && g.names.is_empty()) {
                return None;
            }
            return Some(g);
        }
    }
    None
}

/// Read `s.text[a..b]` as one group.
fn group(s: &Sent, a: usize, b: usize, w: &VoteWords) -> Option<Group> {
    let (a, b) = trim_group(s.text, a, b);
    if a >= b {
        return None;
    }
    let t = &s.text[a..b];
    let lt = &s.lower[a..b];
    if w.all_members.iter().any(|x| x == lt) {
        return Some(Group {
            all: true,
            ..Group::default()
        });
    }
    // "Et flertal af <udvalg> (names)".
    for m in &w.majority {
        if starts_word(lt, m) {
            let rest_off = a + m.len();
            let rest = &s.text[rest_off..b];
            if rest.trim().is_empty() {
                // "Et flertal stemte for": a side without a number.
                return Some(Group {
                    majority: true,
                    ..Group::default()
                });
            }
            let Some((open, close)) = last_paren(rest) else {
                // "Et flertal i udvalget kunne tiltræde": a majority named by its body only.
                return Some(Group {
                    majority: true,
                    ..Group::default()
                });
            };
            if !rest[close + 1..].trim().is_empty() {
                return None;
            }
            return list(s, rest_off + open + 1, rest_off + close, w).filter(|g| !g.is_empty());
        }
    }
    // "30 (A, B, F)", "95", "0 ()", "5 stemmer".
    let first = t.split(|c: char| c.is_whitespace() || c == '(').next()?;
    if let Some(n) = number(&lt[..first.len()], w) {
        let mut rest = t[first.len()..].trim_start();
        for noun in &w.count_nouns {
            if let Some(r) = strip_word(rest, noun) {
                rest = r.trim_start();
            }
        }
        let count = Some((n, Span::new(s.base + a, first.len())));
        if rest.is_empty() {
            return Some(Group {
                count,
                ..Group::default()
            });
        }
        let rest_off = a + (t.len() - rest.len());
        if rest.starts_with('(') && rest.ends_with(')') && matching_close(rest) == rest.len() - 1 {
            let mut g = list(s, rest_off + 1, rest_off + rest.len() - 1, w)?;
            g.count = count;
            return Some(g);
        }
        // "1 RV (ved en fejl)" is a party count, read below.
        if !(rest.chars().next().is_some_and(|c| c.is_uppercase())) {
            return None;
        }
    }
    list(s, a, b, w).filter(|g| !g.is_empty())
}

fn trim_group(text: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    loop {
        let t = &text[a..b];
        let t2 = t.trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == ',');
        let t2 = t2.strip_prefix("og ").unwrap_or(t2);
        let t2 = t2.trim_end_matches(|c: char| {
            c.is_whitespace() || c == ',' || c == '.' || c == ';' || c == ':'
        });
        let t2 = t2.strip_suffix(" og").unwrap_or(t2);
        if t2.len() == t.len() {
            return (a, b);
        }
        if t2.is_empty() {
            return (a, a);
        }
        a += t2.as_ptr() as usize - t.as_ptr() as usize;
        b = a + t2.len();
    }
}

/// A list "B (1), O(1) og A(1)", "S, V, Victoria Velasquez (EL) og Jeppe Søe (UFG)",
/// "Michael Dorph Jensen, …, Signe Ejersbo og Susanne Damsgaard".
fn list(s: &Sent, a: usize, b: usize, w: &VoteWords) -> Option<Group> {
    let mut g = Group::default();
    for (ia, ib) in split_list(s.text, a, b) {
        let (ia, ib) = trim_group(s.text, ia, ib);
        if ia >= ib {
            continue;
        }
        item(s, ia, ib, w, &mut g)?;
    }
    Some(g)
}

/// The entries of a list in `text[a..b]` as byte ranges: split at commas, semicolons, "og"
/// and "samt" outside parentheses. Lazy: most candidate groups fail at their first entry.
fn split_list(text: &str, a: usize, b: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = &text.as_bytes()[a..b];
    let mut depth = 0i32;
    pieces(bytes.len(), move |at| {
        match bytes[at] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b',' | b';' if depth == 0 => return Some((at, at + 1)),
            c if c.is_ascii_whitespace() && depth == 0 => {
                let rest = &bytes[at + 1..];
                for conj in [&b"og "[..], b"samt ", b"og\n"] {
                    if rest.starts_with(conj) {
                        return Some((at, at + 1 + conj.len()));
                    }
                }
            }
            _ => {}
        }
        None
    })
    .map(move |(start, end)| (a + start, a + end))
}

/// Consecutive pieces of `0..len`, cut lazily: `cut` is asked about each offset in turn (but
/// those a cut skips) and `Some((end, next))` ends a piece at `end` and starts the next at
/// `next`. The last piece runs to `len`. Lists and sentences are both read this way.
fn pieces(
    len: usize,
    mut cut: impl FnMut(usize) -> Option<(usize, usize)>,
) -> impl Iterator<Item = (usize, usize)> {
    let mut start = 0;
    let mut i = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        while i < len {
            let at = i;
            i += 1;
            if let Some((end, next)) = cut(at) {
                let piece = (start, end);
                start = next;
                i = i.max(next);
                return Some(piece);
            }
        }
        if done {
            return None;
        }
        done = true;
        Some((start, len.max(start)))
    })
}

/// One list entry.
fn item(s: &Sent, a: usize, b: usize, w: &VoteWords, g: &mut Group) -> Option<()> {
    let t = &s.text[a..b];
    let span = Span::new(s.base + a, b - a);
    // "1 RV (ved en fejl)": a count written before the party.
    let mut words = t.splitn(2, char::is_whitespace);
    let head = words.next().unwrap_or("");
    if let (Some(n), Some(rest)) = (
        is_digits(head).then(|| number(head, w)).flatten(),
        words.next(),
    ) {
        let (party, note) = split_paren(rest.trim());
        if is_party_letter(party) {
            g.parties.push(PartyCount {
                party: party.to_string(),
                count: Some(n),
                span,
                note: note.map(str::to_string),
            });
            return Some(());
        }
        return None;
    }
    let (main, paren) = split_paren(t);
    if is_party_letter(main) {
        let count = match paren {
            Some(p) => Some(number(p.trim(), w)?),
            None => None,
        };
        g.parties.push(PartyCount {
            party: main.to_string(),
            count,
            span,
            note: None,
        });
        return Some(());
    }
    // `main` is a stretch of `s.text`: its lower-cased twin is the same stretch of `s.lower`.
    let main_at = super::lines::offset_in(s.text, main);
    let lower = &s.lower[main_at..main_at + main.len()];
    if w.names_party(lower) {
        g.parties.push(PartyCount {
            party: squash(main),
            count: None,
            span,
            note: None,
        });
        return Some(());
    }
    if is_person_name(main) {
        let party = match paren {
            Some(p) if is_party_letter(p.trim()) => Some(p.trim().to_string()),
            Some(_) => return None,
            None => None,
        };
        let name_span = Span::new(s.base + a, main.len());
        g.names.push((squash(main), party, name_span));
        return Some(());
    }
    None
}

/// "Victoria Velasquez (EL)" → ("Victoria Velasquez", Some("EL")).
fn split_paren(t: &str) -> (&str, Option<&str>) {
    let t = t.trim();
    if t.ends_with(')') {
        if let Some(open) = t.find('(') {
            return (t[..open].trim_end(), Some(&t[open + 1..t.len() - 1]));
        }
    }
    (t, None)
}

/// Party letters as minutes write them: "A", "C", "Ø", "EL", "UFG", "RV".
fn is_party_letter(t: &str) -> bool {
    let n = t.chars().count();
    (1..=4).contains(&n) && t.chars().all(|c| c.is_uppercase())
}

/// Capitalised words (with hyphens, initials, particles): "Jan E. Jørgensen", "Tom Vang Knudsen".
/// A lone party letter ("V") is a party, not a name.
fn is_person_name(n: &str) -> bool {
    const PARTICLES: [&str; 7] = ["von", "van", "de", "la", "af", "du", "el"];
    crate::names::capitalised_words(n, &PARTICLES)
        .is_some_and(|(count, first)| !(count == 1 && is_party_letter(first)))
}

fn is_digits(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// "5", "fem", "én".
fn number(t: &str, w: &VoteWords) -> Option<u32> {
    if is_digits(t) {
        return t.parse().ok().filter(|n| *n < 100_000);
    }
    w.number_word(t)
}

fn last_paren(t: &str) -> Option<(usize, usize)> {
    let open = t.find('(')?;
    let close = open + matching_close(&t[open..]);
    (close > open && close < t.len()).then_some((open, close))
}

/// Index of the parenthesis closing the one at 0 (or `t.len()` when it is not closed).
fn matching_close(t: &str) -> usize {
    let mut depth = 0;
    for (i, c) in t.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    t.len()
}

/// Sentences of a decision text as byte ranges: split after ". " (not after initials or
/// abbreviations, not inside parentheses) and at blank lines.
fn sentences<'t>(
    text: &'t str,
    lower: &'t str,
    w: &'t VoteWords,
) -> impl Iterator<Item = (usize, usize)> + 't {
    // Lazy, read as the votes are: a decision is short and a vector per decision cost more
    // than the scan.
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    pieces(bytes.len(), move |at| {
        match bytes[at] {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            b'\n' => {
                let rest = &text[at + 1..];
                let blank = rest
                    .find('\n')
                    .is_some_and(|nl| rest[..nl].trim().is_empty());
                if blank {
                    depth = 0;
                    return Some((at, at + 1));
                }
            }
            b'.' | b'!' | b'?' if depth == 0 => {
                let next = text[at + 1..].chars().next();
                if next.is_none_or(char::is_whitespace) && !abbreviation(lower, at, w) {
                    return Some((at + 1, at + 1));
                }
            }
            _ => {}
        }
        None
    })
    .filter(move |(a, b)| !text[*a..*b].trim().is_empty())
}

/// Is the full stop at `i` part of an abbreviation or an initial ("Jan E. Jørgensen")?
fn abbreviation(lower: &str, i: usize, w: &VoteWords) -> bool {
    let before = &lower[..i];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    w.abbreviations.iter().any(|a| a == word)
}

fn starts_word(lower: &str, phrase: &str) -> bool {
    lower.starts_with(phrase)
        && lower[phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn strip_word<'a>(t: &'a str, word: &str) -> Option<&'a str> {
    let l = t.get(..word.len())?;
    (l.to_lowercase() == word
        && t[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric()))
    .then(|| &t[word.len()..])
}

fn squash(s: &str) -> String {
    super::lines::squash(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;

    fn votes(text: &str) -> Vec<Vote> {
        parse_text(text, 0, lexicon()).0
    }

    type Side3 = (Option<u32>, Vec<(String, Option<u32>)>, Vec<String>);

    fn side(t: &TallySide) -> Side3 {
        (
            t.count,
            t.parties
                .iter()
                .map(|p| (p.party.clone(), p.count))
                .collect(),
            t.names.to_vec(),
        )
    }

    #[test]
    fn party_counts_with_outcome_in_next_sentence() {
        let text = "For ændringsforslaget stemte: B (1), imod stemte C(2), O(1) og A(1). Dermed faldt ændringsforslaget.";
        let v = votes(text);
        assert_eq!(v.len(), 1);
        assert_eq!(side(&v[0].for_).1, vec![("B".to_string(), Some(1))]);
        assert_eq!(v[0].against.total(), Some(4));
        assert_eq!(v[0].outcome_kind, Some(OutcomeKind::Rejected));
        assert_eq!(v[0].motion.as_ref().unwrap().text, "ændringsforslaget");
        let c = v[0].against.parties[0].span;
        assert_eq!(&text[c.offset..c.end()], "C(2)");
    }

    #[test]
    fn named_voters_and_abstention_across_sentences() {
        let text = "Et flertal af Udvalget (Anna Berg, Bo Hansen og Carl Ib) stemte for.\n\nDorte Lund undlod at stemme.\n\nTiltrådt.\n\nTom deltog i stedet for Ib.";
        let v = votes(text);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].for_.names, ["Anna Berg", "Bo Hansen", "Carl Ib"]);
        assert_eq!(v[0].abstain.names, ["Dorte Lund"]);
        assert_eq!(v[0].outcome_kind, Some(OutcomeKind::Adopted));
        let s = v[0].for_.name_spans[2];
        assert_eq!(&text[s.offset..s.end()], "Carl Ib");
    }

    #[test]
    fn unrecognised_vote_sentence() {
        let (v, u) = parse_text(
            "Der blev stemt om sagen, og stemmerne faldt som ventet ud.",
            10,
            lexicon(),
        );
        assert!(v.is_empty());
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].span.offset, 10);
    }

    #[test]
    fn outcome_before_unrelated_vote_is_not_attached() {
        let v = votes("Sagen anbefales.\n\nB stillede et ændringsforslag.\n\nFor ændringsforslaget stemte: B (1), imod stemte C(2).");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].outcome, None);
    }

    #[test]
    fn alle_stemte_for_is_unanimous_without_count() {
        let v = votes(
            "Alle stemte for de tre oprindelige indstillingspunkter. Dermed blev sagen anbefalet.",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].unanimous);
        assert!(v[0].for_.is_empty());
        assert_eq!(v[0].outcome_kind, Some(OutcomeKind::Adopted));
        assert_eq!(
            v[0].motion.as_ref().unwrap().text,
            "de tre oprindelige indstillingspunkter"
        );
    }

    #[test]
    fn godkendt_alone_is_no_vote() {
        let (v, u) = parse_text("Godkendt.", 0, lexicon());
        assert!(v.is_empty() && u.is_empty());
    }

    #[test]
    fn sentences_keep_initials_and_parentheses() {
        let text = "For stemte 2 (Jan E. Jørgensen (V) og Bo Ib (KF)). Imod stemte 0.";
        let v = votes(text);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].for_.names, ["Jan E. Jørgensen", "Bo Ib"]);
        assert_eq!(v[0].for_.name_parties[1].as_deref(), Some("KF"));
    }
}
