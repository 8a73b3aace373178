//! The agenda items an attendance sentence names: "forlod mødet efter behandlingen af punkt
//! 8", "ankom kl. 17.32 under behandling af dagsordenspunkt 3", "deltog ikke under
//! punkterne 12-15 og 18", "var fraværende ved sag 1-4". The words are `[attendance]`
//! `item_nouns`, `items_after` and `items_before` of rules/lexicon.toml.

use crate::lexicon::AttendanceWords;
use crate::model::ItemRange;

/// How the sentence places its items against the person's presence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// "efter punkt 8".
    After,
    /// "inden behandlingen af punkt 18".
    Before,
    /// "under punkt 5", "i punkterne 12-15", "ved sag 1-4".
    During,
}

/// The first items named in `rest` (the sentence from its attendance phrase on), and how
/// they are placed. `None` when it names no item.
pub fn find(rest: &str, words: &AttendanceWords) -> Option<(Relation, Vec<ItemRange>)> {
    let lower = crate::fold::lower_same_len(rest);
    let mut nouns: Vec<(usize, usize)> = words
        .item_nouns
        .iter()
        .flat_map(|n| {
            let lower = &lower;
            lower
                .match_indices(n.as_str())
                .filter(|&(p, _)| p == 0 || !lower.as_bytes()[p - 1].is_ascii_alphanumeric())
                .map(move |(p, _)| (p, n.len()))
        })
        .collect();
    // In order; at one place the longest ("punkterne" over "punkt").
    nouns.sort_by_key(|&(p, len)| (p, std::cmp::Reverse(len)));
    let (at, ranges) = nouns.into_iter().find_map(|(p, len)| {
        let ranges = numbers(&rest[p + len..]);
        (!ranges.is_empty()).then_some((p, ranges))
    })?;
    let between = &lower[..at];
    let said = |list: &[String]| {
        list.iter().any(|w| {
            between
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word == w)
        })
    };
    let relation = if said(&words.items_after) {
        Relation::After
    } else if said(&words.items_before) {
        Relation::Before
    } else {
        Relation::During
    };
    Some((relation, ranges))
}

/// "12-15 og 18", "14–19", "1, 3 og 5", "5 til 7": the numbers after an item noun.
fn numbers(t: &str) -> Vec<ItemRange> {
    let mut out = Vec::new();
    let mut s = t.trim_start_matches([' ', '.']);
    while let Some((from, rest)) = number(s) {
        s = rest;
        let mut to = from;
        for dash in ["-", "–", " - ", " – ", " til "] {
            if let Some((n, rest)) = s.strip_prefix(dash).and_then(number) {
                to = n;
                s = rest;
                break;
            }
        }
        out.push(ItemRange {
            from: Some(from.min(to)),
            to: Some(from.max(to)),
        });
        match [", ", " og ", ",", " samt "]
            .iter()
            .find_map(|sep| s.strip_prefix(sep))
        {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => s = rest,
            _ => break,
        }
    }
    out
}

/// A number of at most four digits; a letter after it ("12a", a sub-item) is passed over,
/// and a time ("17.40") is no item.
fn number(s: &str) -> Option<(u32, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    // "17.40" is a time, not an item.
    if s[digits..].starts_with(['.', ':'])
        && s[digits + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let rest = s[digits..].trim_start_matches(|c: char| c.is_ascii_lowercase());
    Some((s[..digits].parse().ok()?, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;

    type Bounds = Vec<(Option<u32>, Option<u32>)>;

    fn read(t: &str) -> Option<(Relation, Bounds)> {
        find(t, &lexicon().attendance)
            .map(|(r, v)| (r, v.into_iter().map(|x| (x.from, x.to)).collect()))
    }

    #[test]
    fn items_in_the_ways_minutes_name_them() {
        use Relation::*;
        assert_eq!(
            read(" efter behandlingen af punkt 8."),
            Some((After, vec![(Some(8), Some(8))]))
        );
        assert_eq!(
            read(" inden behandlingen af punkt 18"),
            Some((Before, vec![(Some(18), Some(18))]))
        );
        assert_eq!(
            read(" kl. 17.40 under behandling af pkt. 5."),
            Some((During, vec![(Some(5), Some(5))]))
        );
        assert_eq!(
            read(" under punkterne 12-15 og 18"),
            Some((During, vec![(Some(12), Some(15)), (Some(18), Some(18))]))
        );
        assert_eq!(
            read(" i pkt. 14–19 og den lukkede dagsorden"),
            Some((During, vec![(Some(14), Some(19))]))
        );
        assert_eq!(
            read(" ved sag 1-4."),
            Some((During, vec![(Some(1), Some(4))]))
        );
        assert_eq!(read(" kl. 17.35"), None);
        assert_eq!(read(" i sagens behandling"), None);
    }
}
