//! Which heading candidates are the document's items: the chain of one style (and bullet)
//! whose numbers increase through the document — +1 steps preferred, gaps allowed (an item
//! that "udgår") — and whose headings the lines after them confirm. A numbered list inside
//! an Indstilling, a numbered participant list and the table of contents are chains too, but
//! weaker ones: their lines are followed by more list lines, not by sections.
//!
//! Linear in the number of candidates: each looks back only at the chains ending at the
//! [`MAX_GAP`] numbers below its own.

use super::candidates::Candidate;
use rustc_hash::FxHashMap as HashMap;

/// The largest step between two consecutive item numbers of one chain.
pub const MAX_GAP: u32 = 20;

/// What a +1 step adds; a larger step costs per missing number.
const STEP: f32 = 1.0;
const GAP_COST: f32 = 0.4;

/// A chain below this total is no set of items (one number-dot line in prose is 1.0).
const MIN_TOTAL: f32 = 2.0;

/// A chain's worth: first how many of its headings the text confirms (a list of 244
/// proposals under one item is longer than the agenda, but nothing confirms its lines), then
/// the score. Compared in that order; both add up along a chain.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Worth(u32, f32);

/// Indices into `cands` of the chosen items, in document order.
pub fn choose(cands: &[Candidate]) -> Vec<usize> {
    // Per (style, bullet): number → (best worth of a chain ending at that number, its last
    // candidate).
    let mut ends: HashMap<(usize, bool, u32), (Worth, usize)> = HashMap::default();
    let mut total = vec![Worth(0, 0.0); cands.len()];
    let mut prev: Vec<Option<usize>> = vec![None; cands.len()];
    let mut best: Option<usize> = None;
    for (i, c) in cands.iter().enumerate() {
        let key = (c.style, c.bullet);
        let own = Worth(u32::from(c.supported), c.score);
        let mut here = own;
        let mut from = None;
        // Gap 0: a confirmed heading that repeats the number before it (a numbering
        // mistake structure/duplicate-item-number reports, not a reason to drop an item).
        let smallest = if c.supported && !c.glued { 0 } else { 1 };
        for gap in smallest..=MAX_GAP.min(c.number) {
            if let Some(&(t, j)) = ends.get(&(key.0, key.1, c.number - gap)) {
                // A heading glued to other text is taken only as the next number.
                if c.glued && gap > 1 {
                    continue;
                }
                let step = match gap {
                    0 => -GAP_COST,
                    1 => STEP,
                    _ => -GAP_COST * (gap - 1) as f32,
                };
                // A repeated number confirms no numbering: it adds no confirmed heading.
                let confirmed = if gap == 0 { 0 } else { own.0 };
                let via = Worth(t.0 + confirmed, t.1 + step + own.1);
                if via > here {
                    here = via;
                    from = Some(j);
                }
            }
        }
        total[i] = here;
        prev[i] = from;
        let slot = ends
            .entry((key.0, key.1, c.number))
            .or_insert((Worth(0, f32::MIN), i));
        if here > slot.0 {
            *slot = (here, i);
        }
        if best.is_none_or(|b| here > total[b]) {
            best = Some(i);
        }
    }
    let Some(end) = best.filter(|&b| total[b].1 >= MIN_TOTAL) else {
        return Vec::new();
    };
    let mut chain = vec![end];
    while let Some(p) = prev[*chain.last().unwrap()] {
        chain.push(p);
    }
    chain.reverse();
    rescue_out_of_order(cands, &mut chain);
    chain
}

/// Items treated out of order ("Punkt 28 blev behandlet før punkt 27") break the increasing
/// chain: a confirmed heading of the chain's style whose number the chain lacks, between
/// its first and last item, is one of its items too.
fn rescue_out_of_order(cands: &[Candidate], chain: &mut Vec<usize>) {
    let (Some(&first), Some(&last)) = (chain.first(), chain.last()) else {
        return;
    };
    let key = (cands[first].style, cands[first].bullet);
    let numbers: std::collections::HashSet<u32> = chain.iter().map(|&i| cands[i].number).collect();
    let (low, high) = chain.iter().fold((u32::MAX, 0), |(lo, hi), &i| {
        (lo.min(cands[i].number), hi.max(cands[i].number))
    });
    let mut extra: Vec<usize> = (first..cands.len())
        .filter(|&i| {
            let c = &cands[i];
            (c.style, c.bullet) == key
                && c.supported
                && !c.glued
                && !numbers.contains(&c.number)
                && c.number > low
                && c.number < high.max(low) + 2
                && (i < last || c.number == high + 1)
        })
        .collect();
    if extra.is_empty() {
        return;
    }
    extra.retain(|i| !chain.contains(i));
    chain.extend(extra);
    chain.sort_unstable();
    chain.dedup_by_key(|&mut i| cands[i].number);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn cand(line: usize, number: u32, score: f32, supported: bool) -> Candidate {
        Candidate {
            line,
            offset: line * 10,
            number,
            number_span: Span::new(line * 10, 1),
            suffix: None,
            title: None,
            title_line: None,
            first_line: line,
            style: 0,
            bullet: false,
            closed: false,
            glued: false,
            score,
            supported,
        }
    }

    #[test]
    fn the_confirmed_chain_wins_over_a_list_inside_an_item() {
        // 183, 184 are headings with sections after them; 1, 2 a numbered list in 184.
        let c = [
            cand(0, 183, 3.0, true),
            cand(5, 184, 3.0, true),
            cand(8, 1, 0.5, false),
            cand(9, 2, 0.5, false),
        ];
        assert_eq!(choose(&c), [0, 1]);
    }

    #[test]
    fn gaps_are_allowed_and_cost() {
        let c = [
            cand(0, 1, 3.0, true),
            cand(5, 2, 3.0, true),
            cand(9, 4, 3.0, true),
        ];
        assert_eq!(choose(&c), [0, 1, 2]);
    }

    #[test]
    fn an_item_treated_out_of_order_stays_an_item() {
        let c = [
            cand(0, 26, 3.0, true),
            cand(5, 28, 3.0, true),
            cand(9, 27, 3.0, true),
            cand(12, 29, 3.0, true),
        ];
        assert_eq!(choose(&c), [0, 1, 2, 3]);
    }

    #[test]
    fn a_repeated_number_keeps_both_items() {
        let c = [
            cand(0, 1, 3.0, true),
            cand(5, 2, 3.0, true),
            cand(9, 2, 3.0, true),
            cand(12, 3, 3.0, true),
        ];
        assert_eq!(choose(&c), [0, 1, 2, 3]);
    }

    #[test]
    fn one_weak_line_is_no_chain() {
        assert!(choose(&[cand(3, 1, 1.0, false)]).is_empty());
    }

    #[test]
    fn a_long_run_of_headings_is_linear() {
        let c: Vec<_> = (1..=100_000)
            .map(|n| cand(n as usize, n, 1.0, false))
            .collect();
        assert_eq!(choose(&c).len(), 100_000);
    }
}
