//! A group of voters as written next to a side marker: a count, parties, names, a majority,
//! everyone. The readers try the longest stretch first and back off at word boundaries.

use super::list::list;
use super::text::{first_paren, matching_close, number, starts_word, strip_word};
use super::Sent;
use crate::lexicon::VoteWords;
use crate::model::{PartyCount, Span};

/// A group of voters as written: a count, parties (with or without counts), names.
#[derive(Debug, Default, Clone)]
pub(super) struct Group {
    pub count: Option<(u32, Span)>,
    pub parties: Vec<PartyCount>,
    /// Name, party written with it, span.
    pub names: Vec<(String, Option<String>, Span)>,
    pub all: bool,
    pub majority: bool,
}

impl Group {
    pub fn is_empty(&self) -> bool {
        self.count.is_none()
            && self.parties.is_empty()
            && self.names.is_empty()
            && !self.all
            && !self.majority
    }
}

/// What a marker takes for its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Want {
    Any,
    /// A bare number: "6 for", and a before-marker's group when the next marker's group
    /// stands between them ("For stemte 5, 2 stemte imod").
    Count,
    /// Parties, names or a majority: never a bare number or a body ("… august 2025
    /// anbefaler", "Magistraten anbefaler").
    Named,
}

impl Want {
    fn accepts(self, g: &Group) -> bool {
        match self {
            Want::Any => true,
            Want::Count => g.count.is_some() && g.parties.is_empty() && g.names.is_empty(),
            Want::Named => !g.parties.is_empty() || !g.names.is_empty() || g.majority,
        }
    }
}

/// The longest group tried, in bytes: Folketinget's longest lists are about 300 bytes. Keeps
/// a long sentence from being re-read at every word boundary.
const MAX_GROUP: usize = 800;

/// The longest prefix of a region (at word boundaries) that reads as a group.
pub(super) fn prefix_group(
    s: &Sent,
    (a, b): (usize, usize),
    w: &VoteWords,
    want: Want,
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
            if !want.accepts(&g) {
                continue;
            }
            return Some((g, a + e));
        }
    }
    None
}

/// The longest suffix of a region (at word boundaries) that reads as a group.
pub(super) fn suffix_group(
    s: &Sent,
    (a, b): (usize, usize),
    w: &VoteWords,
    want: Want,
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
            // The longest group is the marker's: a shorter one would be a part of it.
            return want.accepts(&g).then_some(g);
        }
    }
    None
}

/// Read `s.text[a..b]` as one group.
fn group(s: &Sent, a: usize, b: usize, w: &VoteWords) -> Option<Group> {
    let (ta, b) = trim_group(s.text, a, b);
    if ta >= b {
        return None;
    }
    // "Følgende undlod at stemme:" with a name on each line below.
    let own_lines = s.text[a..ta].contains('\n');
    let a = ta;
    let t = &s.text[a..b];
    let lt = &s.lower[a..b];
    if w.all_members.iter().any(|x| x == lt) {
        return Some(Group {
            all: true,
            ..Group::default()
        });
    }
    for m in &w.majority {
        if starts_word(lt, m) {
            return majority(s, a + m.len(), b, w);
        }
    }
    // "30 (A, B, F)", "95", "0 ()", "5 stemmer", "5 medlemmer (A+V+C)".
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
            let mut g = list(s, rest_off + 1, rest_off + rest.len() - 1, w, false)?;
            g.count = count;
            return Some(g);
        }
        // Otherwise a list whose first entry has the count: "1 RV (ved en fejl)", "10
        // medlemmer af A (…), F og Ø".
    }
    list(s, a, b, w, own_lines).filter(|g| !g.is_empty())
}

/// "Et flertal bestående af A, V og F (5)", "Et flertal af Udvalget (Anna Berg, Bo Ib)", "Et
/// flertal i udvalget (udvalget med undtagelse af X (Ø))", "Et flertal". `from` is where the
/// text after the majority words starts.
fn majority(s: &Sent, from: usize, b: usize, w: &VoteWords) -> Option<Group> {
    let with_members = |mut g: Group| {
        g.majority = true;
        g
    };
    let rest = &s.text[from..b];
    // The members listed.
    if let Some(g) = list(s, from, b, w, false).filter(|g| !g.is_empty()) {
        return Some(with_members(g));
    }
    // A body with its members in parentheses.
    if let Some((open, close)) = first_paren(rest) {
        if !rest[close + 1..].trim().is_empty() {
            return None;
        }
        let members = list(s, from + open + 1, from + close, w, false).filter(|g| !g.is_empty());
        if let Some(g) = members {
            return Some(with_members(g));
        }
    }
    // A majority without a number, named by its body at most ("Et flertal i udvalget kunne
    // tiltræde"), or by who it leaves out.
    Some(Group {
        majority: true,
        ..Group::default()
    })
}

/// `text[a..b]` without the separators and "og" around it.
pub(super) fn trim_group(text: &str, mut a: usize, mut b: usize) -> (usize, usize) {
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
