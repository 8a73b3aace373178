//! A decision text cut into sentences: after ". " (not after initials or abbreviations, not
//! inside parentheses), at blank lines, and before a line that opens with a vote's side or
//! outcome ("Imod stemte 8 (…)", "Undlod at stemme 5 (…)", "Godkendt.") when its lines carry
//! no full stops.

use super::text::pieces;
use crate::fold::Hit;
use crate::lexicon::{VoteList, VoteWords};

/// The sentences of `text` as byte ranges. `hits` are the vote phrases of `lower`.
pub(super) fn sentences<'t>(
    text: &'t str,
    lower: &'t str,
    hits: &'t [Hit],
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
                if blank || opens_vote_line(text, lower, at + 1, hits, w) {
                    depth = 0;
                    return Some((at, at + 1));
                }
            }
            b'.' | b'!' | b'?' if depth == 0 => {
                // A closing quotation mark stays with its sentence: "… medansvar.”"
                let after = at
                    + 1
                    + text[at + 1..]
                        .chars()
                        .take_while(|c| matches!(c, '”' | '"' | '’' | '»'))
                        .map(char::len_utf8)
                        .sum::<usize>();
                let next = text[after..].chars().next();
                if next.is_none_or(char::is_whitespace) && !abbreviation(text, lower, at, w) {
                    return Some((after, after));
                }
            }
            _ => {}
        }
        None
    })
    .filter(move |(a, b)| !text[*a..*b].trim().is_empty())
}

/// The lists whose phrases open a line of their own in a vote written line by line.
const LINE_OPENERS: [VoteList; 12] = [
    VoteList::ForBefore,
    VoteList::AgainstBefore,
    VoteList::AbstainBefore,
    VoteList::AbstainAfter,
    VoteList::ForBeforeNamed,
    VoteList::ForBeforeCount,
    VoteList::AgainstBeforeCount,
    VoteList::ForMotion,
    VoteList::AgainstMotion,
    VoteList::Unanimous,
    VoteList::Adopted,
    VoteList::Rejected,
];

/// Does the line starting at `at` open, capitalised, with a side marker or an outcome?
fn opens_vote_line(text: &str, lower: &str, at: usize, hits: &[Hit], w: &VoteWords) -> bool {
    let line = &text[at..];
    let start = at + (line.len() - line.trim_start_matches([' ', '\t']).len());
    if !text[start..].chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let openers = LINE_OPENERS.iter().fold(0, |m, l| m | l.bit());
    let first = hits.partition_point(|h| h.at < start);
    hits[first..].iter().take_while(|h| h.at == start).any(|h| {
        w.ids().mask([h.phrase]) & openers != 0
            && crate::fold::is_whole_word(lower, start, w.phrases().len_of(h.phrase))
    })
}

/// Is the full stop at `i` part of an abbreviation or an initial ("Jan E. Jørgensen")?
fn abbreviation(text: &str, lower: &str, i: usize, w: &VoteWords) -> bool {
    let before = &lower[..i];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return initial(text, i - word.len());
    }
    w.abbreviations.iter().any(|a| a == word)
}

/// A letter with a full stop is an initial after a capitalised word ("Jan E. Jørgensen",
/// "A. P. Møller") or at the start; after anything else it is a party letter ending the
/// sentence ("Imod stemte C og O. Godkendt.", "stemte: Ø.").
fn initial(text: &str, letter_at: usize) -> bool {
    let raw = &text[..letter_at];
    let before = raw.trim_end();
    if !before.is_empty() && before.len() == raw.len() {
        // Glued to what precedes it: "(E.", "-P.".
        return true;
    }
    let Some(prev) = before.split_whitespace().next_back() else {
        return true;
    };
    prev.chars().next().is_some_and(char::is_uppercase)
        && prev
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() || c == '.')
}
