//! Small text helpers shared by the vote readers.

/// Consecutive pieces of `0..len`, cut lazily: `cut` is asked about each offset in turn (but
/// those a cut skips) and `Some((end, next))` ends a piece at `end` and starts the next at
/// `next`. The last piece runs to `len`. Lists and sentences are both read this way.
pub(super) fn pieces(
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

/// The first parenthesis of `t` and the one closing it, when it is closed.
pub(super) fn first_paren(t: &str) -> Option<(usize, usize)> {
    let open = t.find('(')?;
    let close = open + matching_close(&t[open..]);
    (close > open && close < t.len()).then_some((open, close))
}

/// Index of the parenthesis closing the one at 0 (or `t.len()` when it is not closed).
pub(super) fn matching_close(t: &str) -> usize {
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

pub(super) fn starts_word(lower: &str, phrase: &str) -> bool {
    lower.starts_with(phrase)
        && lower[phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// `t` without the word `word` (lower case) at its start, when it starts with it.
pub(super) fn strip_word<'a>(t: &'a str, word: &str) -> Option<&'a str> {
    let l = t.get(..word.len())?;
    (l.to_lowercase() == word
        && t[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric()))
    .then(|| &t[word.len()..])
}

/// Words of a lower-cased string with their byte offsets.
pub(super) fn split_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

pub(super) fn is_digits(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// "5", "fem", "én".
pub(super) fn number(t: &str, w: &crate::lexicon::VoteWords) -> Option<u32> {
    if is_digits(t) {
        return t.parse().ok().filter(|n| *n < 100_000);
    }
    w.number_word(t)
}

pub(super) fn squash(s: &str) -> String {
    crate::parse::lines::squash(s)
}
