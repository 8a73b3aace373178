//! Danish numbers into [`rust_decimal::Decimal`], keeping the written precision.
//!
//! Danish notation groups thousands with a period and writes decimals after a comma
//! (`1.146.600`, `1.070,9`). The number of decimals written matters: a budget table in
//! mio. kr. with one decimal is rounded to ±0,05 mio. kr., and that is the tolerance its totals
//! are checked with. Negative numbers are written `-3,2`, `÷ 3,2` or, in tables, `(3,2)`.
//!
//! In running text a year (`2026`), a date (`31.03.2025`, `01-07-2025`), a range (`0-15 år`),
//! a case number (`26/3977`), a clock time or a reference (`§ 13`, `stk. 2`) is not an amount.

use crate::fold::{Hit, PhraseSet};
use crate::lexicon::{Lexicon, NumberWords, UnitWords};
use crate::model::{Amount, AmountRole, Number, Span, Unit};
use rust_decimal::Decimal;

/// A number written in Danish notation at the start of `s`: its value, the decimals written,
/// and the bytes it takes. `None` when `s` does not start with a well-formed Danish number
/// (a date like `31.03.2025` is not one: its groups are not thousands).
pub fn read_number(s: &str) -> Option<(Decimal, u32, usize)> {
    // One pass over the bytes: this runs on every figure of a document, and the splits and
    // searches of a string-based version were a sixth of the number parser's time.
    let b = s.as_bytes();
    if !b.first()?.is_ascii_digit() {
        return None;
    }
    let run = b
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'.' || **c == b',')
        .count();
    // Trailing separators end the sentence or the list, not the number.
    let len = run
        - b[..run]
            .iter()
            .rev()
            .take_while(|c| **c == b'.' || **c == b',')
            .count();
    let token = &b[..len];
    let (int, frac) = match token.iter().position(|&c| c == b',') {
        Some(i) => (&token[..i], Some(&token[i + 1..])),
        None => (token, None),
    };
    // The digits go straight into the mantissa of a Decimal: at most 29 before the comma
    // (a decimal's precision) and 10 after fit in an i128; beyond 96 bits
    // `try_from_i128_with_scale` refuses.
    let mut mantissa: i128 = 0;
    let mut int_digits = 0usize;
    // Thousands groups: 1–3 digits before the first period, exactly 3 after each.
    let mut group = 0usize;
    let mut first_group: Option<usize> = None;
    for &c in int {
        if c == b'.' {
            match first_group {
                None if (1..=3).contains(&group) => first_group = Some(group),
                Some(_) if group == 3 => {}
                _ => return None,
            }
            group = 0;
        } else {
            int_digits += 1;
            if int_digits > 29 {
                return None;
            }
            mantissa = mantissa * 10 + i128::from(c - b'0');
            group += 1;
        }
    }
    if first_group.is_some() && group != 3 {
        return None;
    }
    let decimals = match frac {
        Some(f) => {
            if f.is_empty() || f.len() > 10 || !f.iter().all(u8::is_ascii_digit) {
                return None;
            }
            for &c in f {
                // 29 digits before the comma and 10 after overflow even an i128.
                mantissa = mantissa
                    .checked_mul(10)?
                    .checked_add(i128::from(c - b'0'))?;
            }
            f.len() as u32
        }
        None => 0,
    };
    let value = Decimal::try_from_i128_with_scale(mantissa, decimals).ok()?;
    Some((value, decimals, len))
}

/// The unit spelled at the start of `s` (after optional spaces): canonical name and bytes taken.
pub fn unit_at(s: &str, words: &NumberWords) -> Option<(Unit, usize)> {
    let lead = s.len() - s.trim_start_matches([' ', '\u{a0}']).len();
    if lead > 2 {
        return None;
    }
    let rest = &s[lead..];
    if !words.may_start_unit(rest) {
        return None;
    }
    let mut best: Option<(&UnitWords, usize)> = None;
    for &(u, k) in words.unit_spellings(rest.as_bytes()[0]) {
        let unit = &words.units[u];
        let spelling = &unit.spellings[k];
        let n = spelling.len();
        let Some(head) = rest.get(..n) else { continue };
        if !crate::lexicon::eq_fold(head, spelling) {
            continue;
        }
        // A spelling ending in a letter must end a word: "kr" is not the start of "krav".
        if spelling.ends_with(|c: char| c.is_alphabetic())
            && rest[n..].starts_with(|c: char| c.is_alphanumeric())
        {
            continue;
        }
        if best.is_none_or(|(_, len)| n + lead > len) {
            best = Some((unit, lead + n));
        }
    }
    best.map(|(unit, len)| (unit.name.clone(), len))
}

/// A unit named anywhere in a header or caption ("Udgift (kr.)", "Mio. kr.", "Andel i %").
/// Scaled money units win over plain "kr." ("(1.000 kr.)" is t. kr.).
pub fn unit_in(text: &str, words: &NumberWords) -> Option<Unit> {
    let mut found: Option<(u32, Unit)> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let at_word = !prev.is_some_and(|p| p.is_alphanumeric() || p == '.');
        prev = Some(c);
        // Only where a unit may start: a space before a unit is skipped by `unit_at`, which
        // then finds the same unit as from the word start after it.
        if (!at_word && c != '%') || !words.may_start_unit(&text[i..]) {
            continue;
        }
        if let Some((name, _)) = unit_at(&text[i..], words) {
            if &*name == "antal" {
                // "Antal borgere" names a count, which is the default anyway.
                continue;
            }
            let scale = words.unit(&name).map(|u| u.scale).unwrap_or(0);
            if found.as_ref().is_none_or(|(s, _)| scale > *s) {
                found = Some((scale, name));
            }
        }
    }
    found.map(|(_, n)| n)
}

/// A whole table cell read as a number: `48,6`, `1.070,9`, `-3,2`, `÷ 3,2`, `(3,2)`,
/// `63 %`, `kr. 997.000`, `2,6 mio. kr.`. `None` for blank cells, words and anything with
/// text left over.
pub fn parse_cell(text: &str, words: &NumberWords) -> Option<Number> {
    let mut s = text.trim();
    let mut negative = false;
    // Most figures start with their first digit: no parenthesis, sign or unit before it.
    if s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return with_unit_after(s, false, None, words);
    }
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    for sign in ['-', '−', '–', '÷'] {
        if let Some(rest) = s.strip_prefix(sign) {
            negative = !negative;
            s = rest.trim_start();
            break;
        }
    }
    let mut unit = None;
    for before in &words.unit_before {
        if let Some(head) = s.get(..before.len()) {
            if head.eq_ignore_ascii_case(before) && s[before.len()..].starts_with(' ') {
                unit = unit_at(head, words).map(|(n, _)| n);
                s = s[before.len()..].trim_start();
                break;
            }
        }
    }
    with_unit_after(s, negative, unit, words)
}

/// The figure at the start of a cell's `s`, then nothing or a unit ("12,5 %").
fn with_unit_after(
    s: &str,
    negative: bool,
    mut unit: Option<Unit>,
    words: &NumberWords,
) -> Option<Number> {
    let (value, decimals, len) = read_number(s)?;
    let rest = &s[len..];
    if !rest.trim().is_empty() {
        let (name, taken) = unit_at(rest, words)?;
        if !rest[taken..].trim().is_empty() {
            return None;
        }
        unit = Some(name);
    }
    Some(Number {
        value: if negative { -value } else { value },
        decimals,
        unit,
    })
}

/// Amounts and counts in running text (an item's body), with their units and, where the
/// sentence names it, their role in a stated relation (udgift, indtægt, egenfinansiering,
/// "i alt", the parts of "Fordelingen er …"). Lines with tabs are tables and are left to
/// [`super::tables`].
pub fn amounts(text: &str, base: usize, lex: &Lexicon) -> Vec<Amount> {
    let words = &lex.numbers;
    let set = words.breakdowns();
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Breakdown keys ("Fordelingen er"), offsets in `text`.
    let mut keys: Vec<Hit> = Vec::new();
    // Only lines with a figure can hold an amount: jump from digit to digit.
    let mut from = 0;
    while let Some(d) = bytes.get(from..).and_then(crate::fold::find_digit) {
        let d = from + d;
        let start = memchr::memrchr(b'\n', &bytes[..d]).map_or(0, |k| k + 1);
        let end = memchr::memchr(b'\n', &bytes[d..]).map_or(bytes.len(), |k| d + k);
        from = end + 1;
        let line = &text[start..end];
        if memchr::memchr(b'\t', line.as_bytes()).is_some() {
            continue;
        }
        let found = out.len();
        scan_line(line, base + start, words, &mut out);
        // A breakdown's parts are figures in the key's own sentence: two at least.
        if out.len() - found >= 2 {
            let lower = crate::fold::lower_same_len(line);
            keys.extend(set.hits(&lower).into_iter().map(|h| Hit {
                at: start + h.at,
                ..h
            }));
        }
    }
    // Amounts come out in text order; `link_breakdowns` looks them up by bisection.
    debug_assert!(out.windows(2).all(|w| w[0].span.offset < w[1].span.offset));
    link_breakdowns(text, base, set, keys, &mut out);
    out
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// Does `before` end with `word` as a whole word (case-insensitive)?
fn ends_with_word(before: &str, word: &str) -> bool {
    let Some(k) = before.len().checked_sub(word.len()) else {
        return false;
    };
    // Asked for every reference word before every amount: most part at the last letter.
    if let (Some(a), Some(b)) = (before.as_bytes().last(), word.as_bytes().last()) {
        if a.is_ascii() && b.is_ascii() && !a.eq_ignore_ascii_case(b) {
            return false;
        }
    }
    !word.is_empty()
        && before.is_char_boundary(k)
        && crate::lexicon::eq_fold(&before[k..], word)
        && !before[..k]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
}

/// The amounts of one line.
fn scan_line(line: &str, base: usize, words: &NumberWords, out: &mut Vec<Amount>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    // From digit to digit: most of a line with a figure is words.
    while let Some(k) = bytes.get(i..).and_then(crate::fold::find_digit) {
        i += k;
        let run = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_digit() || **b == b'.' || **b == b',')
            .count();
        let next = i + run;
        let prev = prev_char(line, i);
        // Glued to a word or to another number: "B2", "3-4", "26/3977", "0.-7.".
        if prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | ':'))
            || (matches!(prev, Some('-' | '–'))
                && line[..i]
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(|c| c.is_ascii_digit()))
        {
            i = next;
            continue;
        }
        let Some((value, decimals, len)) = read_number(&line[i..]) else {
            i = next;
            continue;
        };
        let after = &line[i + len..];
        // Dates, ranges, case numbers, clock times: "01-07-2025", "0-15", "26/3977", "17:30".
        let mut chained = after.chars();
        let joiner = chained.next();
        let follows_digit = chained.next().is_some_and(|c| c.is_ascii_digit());
        if let (true, Some(j @ ('-' | '–' | ':' | '.'))) = (follows_digit, joiner) {
            i = next.max(i + len + j.len_utf8());
            continue;
        }
        if follows_digit && joiner == Some('/') {
            // "1/3" is a fraction; "26/3977" a case number.
            let denom_len = after[1..]
                .bytes()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let denom: Option<u32> = after[1..1 + denom_len].parse().ok();
            if decimals == 0 && len <= 2 && denom_len <= 2 {
                if let Some(d) = denom.filter(|d| *d >= 2 && Decimal::from(*d) > value) {
                    let v = (value / Decimal::from(d)).round_dp(4);
                    out.push(Amount {
                        number: Number {
                            value: v,
                            decimals: 4,
                            unit: Some("brøk".into()),
                        },
                        span: Span::new(base + i, len + 1 + denom_len),
                        role: None,
                        part_of: None,
                    });
                }
            }
            i += len + 1 + denom_len;
            continue;
        }
        // The text itself, not a lower-cased copy: the word comparisons fold case, and most
        // lines with figures hold no amount to give a role to.
        let before = line[..i].trim_end();
        if words
            .references_ending(before)
            .any(|w| ends_with_word(before, w) || (w == "§" && before.ends_with('§')))
        {
            i = next;
            continue;
        }
        // Unit after ("448.800 kr.", "1.146.600. kr.") or before ("kr. 997.000").
        let mut unit = None;
        let mut end = i + len;
        let after_dot = after.strip_prefix('.').unwrap_or(after);
        let dot = after.len() - after_dot.len();
        if let Some((name, taken)) = unit_at(after_dot, words) {
            if &*name != "antal" {
                unit = Some(name);
                end = i + len + dot + taken;
            }
        }
        if unit.is_none() {
            for w in &words.unit_before {
                if ends_with_word(before, w) {
                    unit = unit_at(w, words).map(|(n, _)| n);
                }
            }
        }
        if unit.is_none() && decimals == 0 {
            let plain = !line[i..i + len].contains('.');
            // A year is not an amount.
            if plain && len == 4 && (Decimal::from(1900)..=Decimal::from(2100)).contains(&value) {
                i = next;
                continue;
            }
            // An ordinal: "1. kvartal", "2. etape".
            if let Some(rest) = after.strip_prefix(". ") {
                if rest.starts_with(|c: char| c.is_lowercase()) {
                    i = next;
                    continue;
                }
            }
        }
        // Sign: "-3,2", "÷ 3,2", "− 3,2", written after a space or at the line start.
        let mut start = i;
        let mut negative = false;
        let trimmed = line[..i].trim_end_matches(' ');
        if let Some(c) = trimmed.chars().next_back() {
            if matches!(c, '-' | '−' | '÷') && (trimmed.len() == i || c == '÷' || c == '−') {
                let sign_at = trimmed.len() - c.len_utf8();
                if prev_char(line, sign_at).is_none_or(|p| p.is_whitespace() || p == '(') {
                    negative = true;
                    start = sign_at;
                }
            }
        }
        let role = role_before(line, start, words, out, base);
        out.push(Amount {
            number: Number {
                value: if negative { -value } else { value },
                decimals,
                unit,
            },
            span: Span::new(base + start, end - start),
            role,
            part_of: None,
        });
        i = end.max(next);
    }
}

/// The role a sentence gives an amount: the nearest role word before it in the same
/// sentence, with no other amount in between ("egenfinansiering udgør 149.600 kr.").
fn role_before(
    line: &str,
    at: usize,
    words: &NumberWords,
    found: &[Amount],
    base: usize,
) -> Option<AmountRole> {
    // (role words, role, how far before the amount in bytes they may stand)
    let lists: [(&Vec<String>, AmountRole, usize); 5] = [
        (&words.deviation, AmountRole::Deviation, 40),
        (&words.total, AmountRole::Total, 30),
        (&words.own_financing, AmountRole::OwnFinancing, 80),
        (&words.income, AmountRole::Income, 80),
        (&words.expense, AmountRole::Expense, 80),
    ];
    // A role word further back than the longest reach cannot count: look no further.
    let longest_reach = lists.iter().map(|(_, _, reach)| *reach).max().unwrap_or(0);
    // The sentence so far, stopping at the previous amount on this line. A sentence start
    // further back than the reach leaves the window where the reach puts it, so it is looked
    // for only within the reach (". " is two bytes): a paragraph full of figures was read
    // back to its start for every figure.
    let search_from = crate::fold::floor_char_boundary(line, at.saturating_sub(longest_reach + 2));
    let stretch = &line.as_bytes()[search_from..at];
    // ". " by its full stop (a `str` pattern search is set up anew for every figure).
    let mut from = memchr::memrchr_iter(b'.', stretch)
        .filter(|&k| stretch.get(k + 1) == Some(&b' '))
        .map(|k| search_from + k)
        .find(|&k| line[k + 2..].starts_with(|c: char| c.is_uppercase()))
        .map(|k| k + 2)
        .unwrap_or(0);
    if let Some(last) = found.last() {
        if last.span.end() > base && last.span.end() - base <= at {
            from = from.max(last.span.end() - base);
        }
    }
    let near = crate::fold::floor_char_boundary(line, at.saturating_sub(longest_reach).max(from));
    // Lower-cased here, not per line: most lines with figures hold no amount.
    let window = crate::fold::lower_same_len(&line[near..at]);
    // A named role ("egenfinansiering på samlet 149.600 kr.") wins over a bare "i alt".
    let set = words.roles();
    let hits = set.hits(&window);
    let mut best: Option<(bool, usize, AmountRole)> = None;
    for (list, role, reach) in lists {
        for w in list {
            // The last occurrence, as `rfind` would find it.
            let last = hits
                .iter()
                .rev()
                .find(|h| set.phrase(h.phrase) == w.as_str())
                .map(|h| h.at);
            if let Some(k) = last {
                let distance = window.len() - k;
                let named = role != AmountRole::Total;
                if distance <= reach
                    && best.is_none_or(|(n, d, _)| {
                        (named, std::cmp::Reverse(distance)) > (n, std::cmp::Reverse(d))
                    })
                {
                    best = Some((named, distance, role));
                }
            }
        }
    }
    best.map(|(_, _, r)| r)
}

/// "Der er i alt visiteret 370 … Fordelingen er 89 børn …, 252 borgere … og 29 borgere …":
/// the figures opening each part of a breakdown sentence become parts of the last total
/// stated before it (within a few lines).
fn link_breakdowns(
    text: &str,
    base: usize,
    set: &PhraseSet,
    mut hits: Vec<Hit>,
    out: &mut [Amount],
) {
    // Key by key, as written in the lexicon.
    hits.sort_unstable_by_key(|h| (h.phrase, h.at));
    for h in hits {
        let k = h.at;
        let from = k + set.len_of(h.phrase);
        let end = sentence_end(text, from);
        let sentence = &text[from..end];
        // Parts: segments separated by ", " and " og ", each opening with a figure.
        let mut starts = Vec::new();
        let mut seg_start = 0;
        let bytes = sentence.as_bytes();
        let mut j = 0;
        while j <= bytes.len() {
            let cut = if j == bytes.len() {
                Some(0)
            } else if bytes[j] == b',' {
                Some(1)
            } else if bytes[j..].starts_with(b" og ") {
                Some(4)
            } else {
                None
            };
            if let Some(skip) = cut {
                let seg = &sentence[seg_start..j];
                let seg_trim = seg.trim_start();
                let seg_trim = seg_trim
                    .strip_prefix("og ")
                    .unwrap_or(seg_trim)
                    .trim_start();
                let at = base + from + seg_start + (seg.len() - seg_trim.len());
                starts.push(at);
                seg_start = j + skip.max(1);
                j += skip.max(1);
            } else {
                j += 1;
            }
        }
        // `out` is in text order: find each part's amount by bisection.
        let parts: Vec<usize> = starts
            .iter()
            .filter_map(|at| {
                let k = out.partition_point(|a| a.span.offset < *at);
                (out.get(k)?.span.offset == *at).then_some(k)
            })
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let key_at = base + k;
        // The last total ending less than 400 bytes before the key: walk back from the key
        // only as far as that.
        let before = out.partition_point(|a| a.span.offset < key_at);
        let Some(total) = (0..before)
            .rev()
            .take_while(|&j| key_at.saturating_sub(out[j].span.end()) < 400)
            .find(|&j| out[j].role == Some(AmountRole::Total) && out[j].span.end() <= key_at)
        else {
            continue;
        };
        for p in parts {
            out[p].role = Some(AmountRole::Part);
            out[p].part_of = Some(total);
        }
    }
}

/// The longest sentence a breakdown is read from, in bytes.
const MAX_SENTENCE: usize = 2000;

/// End of the sentence starting at `from`: a period followed by a space and a capital, a
/// period at the end of the line, or the line end — looking at most [`MAX_SENTENCE`] bytes.
fn sentence_end(text: &str, from: usize) -> usize {
    // A breakdown is one sentence: looking further than a long paragraph's worth only made a
    // page without line breaks quadratic.
    let limit = crate::fold::floor_char_boundary(text, from + MAX_SENTENCE);
    let line_end = memchr::memchr(b'\n', &text.as_bytes()[from..limit])
        .map(|n| from + n)
        .unwrap_or(limit);
    let line = &text[from..line_end];
    for (k, _) in line.match_indices('.') {
        let rest = &line[k + 1..];
        if rest.trim().is_empty()
            || (rest.starts_with(' ') && rest[1..].starts_with(|c: char| c.is_uppercase()))
        {
            return from + k;
        }
    }
    line_end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use std::str::FromStr;

    /// The char-by-char `unit_in` this one replaced: the definition it is tested against.
    fn unit_in_at_every_char(text: &str, words: &NumberWords) -> Option<Unit> {
        let mut found: Option<(u32, Unit)> = None;
        for (i, c) in text.char_indices() {
            let at_word = i == 0
                || !text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_alphanumeric() || p == '.');
            if !at_word && c != '%' {
                continue;
            }
            if let Some((name, _)) = unit_at(&text[i..], words) {
                if &*name == "antal" {
                    continue;
                }
                let scale = words.unit(&name).map(|u| u.scale).unwrap_or(0);
                if found.as_ref().is_none_or(|(s, _)| scale > *s) {
                    found = Some((scale, name));
                }
            }
        }
        found.map(|(_, n)| n)
    }

    proptest::proptest! {
        #[test]
        fn unit_in_agrees_with_every_char(text in proptest::collection::vec(proptest::sample::select(vec![
            "kr.", "Kr", "mio.", "mio. kr.", "t. kr.", "1.000 kr.", "%", "pct.", "antal", "Antal",
            "Udgift", "(", ")", " ", "  ", "\u{a0}", ".", "krav", "i", "å", "Ø", "mia.", "timer",
        ]), 0..10)) {
            let text = text.concat();
            let words = &lexicon().numbers;
            proptest::prop_assert_eq!(unit_in(&text, words), unit_in_at_every_char(&text, words));
        }
    }

    /// The string-based `read_number` this one replaced: the definition the fast one is
    /// tested against.
    fn read_number_by_splitting(s: &str) -> Option<(Decimal, u32, usize)> {
        let run = s
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
            .count();
        if run == 0 || !s.as_bytes()[0].is_ascii_digit() {
            return None;
        }
        let token = s[..run].trim_end_matches(['.', ',']);
        let (int, frac) = match token.split_once(',') {
            Some((i, f)) => (i, Some(f)),
            None => (token, None),
        };
        if let Some(f) = frac {
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
        }
        // The digits, read straight into the mantissa of a Decimal: no string to build and
        // parse again. At most 18 before the comma and 10 after: 28 digits fit in an i128.
        let mut mantissa: i128 = 0;
        let mut int_digits = 0usize;
        let mut push = |group: &str| {
            for b in group.bytes() {
                mantissa = mantissa
                    .saturating_mul(10)
                    .saturating_add(i128::from(b - b'0'));
            }
        };
        if int.contains('.') {
            let mut groups = int.split('.');
            let first = groups.next()?;
            if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            int_digits += first.len();
            for g in groups {
                if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                int_digits += 3;
            }
        } else {
            if !int.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            int_digits = int.len();
        }
        let decimals = frac.map(|f| f.len() as u32).unwrap_or(0);
        if decimals > 10 || int_digits > 29 {
            return None;
        }
        int.split('.').for_each(&mut push);
        if let Some(f) = frac {
            push(f);
        }
        let value = Decimal::try_from_i128_with_scale(mantissa, decimals).ok()?;
        Some((value, decimals, token.len()))
    }

    proptest::proptest! {
        #[test]
        fn read_number_agrees_with_splitting(text in proptest::prop_oneof![
            "[0-9.,]{0,40}[ a-z%]{0,3}",
            // Digit groups of every length between separators: thousands and decimals.
            "([0-9]{1,5}[.,]{1,2}){0,7}[0-9]{0,12}[ .,a-z]{0,2}",
            // Near-misses of thousands groups and decimals: "1.2345", "12.34,5678901234".
            "[0-9]{1,4}([.][0-9]{2,4}){0,7}(,[0-9]{0,12})?[ .,a]{0,2}",
        ]) {
            proptest::prop_assert_eq!(read_number(&text), read_number_by_splitting(&text));
        }
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn cell(s: &str) -> Option<(Decimal, u32, Option<String>)> {
        parse_cell(s, &lexicon().numbers)
            .map(|n| (n.value, n.decimals, n.unit.as_deref().map(String::from)))
    }

    fn prose(s: &str) -> Vec<(Decimal, u32, Option<String>, String)> {
        amounts(s, 0, lexicon())
            .into_iter()
            .map(|a| {
                let written = s[a.span.offset..a.span.end()].to_string();
                let unit = a.number.unit.as_deref().map(String::from);
                (a.number.value, a.number.decimals, unit, written)
            })
            .collect()
    }

    #[test]
    fn danish_notation_in_cells() {
        assert_eq!(cell("1.146.600"), Some((dec("1146600"), 0, None)));
        assert_eq!(cell("448.800"), Some((dec("448800"), 0, None)));
        assert_eq!(cell("48,6"), Some((dec("48.6"), 1, None)));
        assert_eq!(cell("1.070,9"), Some((dec("1070.9"), 1, None)));
        assert_eq!(cell("0"), Some((dec("0"), 0, None)));
        assert_eq!(cell("-3,2"), Some((dec("-3.2"), 1, None)));
        assert_eq!(cell("÷ 3,2"), Some((dec("-3.2"), 1, None)));
        assert_eq!(cell("(3,2)"), Some((dec("-3.2"), 1, None)));
        assert_eq!(cell("63 %"), Some((dec("63"), 0, Some("%".into()))));
        assert_eq!(
            cell("2,6 mio. kr."),
            Some((dec("2.6"), 1, Some("mio. kr.".into())))
        );
        assert_eq!(
            cell("kr. 997.000"),
            Some((dec("997000"), 0, Some("kr.".into())))
        );
        assert_eq!(cell(""), None);
        assert_eq!(cell("Arbejde"), None);
        assert_eq!(cell("31.03.2025"), None);
        assert_eq!(cell("12 borgere"), None);
    }

    #[test]
    fn decimals_keep_the_written_precision() {
        let (v, d, _) = read_number("1.071,0").unwrap();
        assert_eq!((v, d), (dec("1071.0"), 1));
        assert_eq!(read_number("0,49").map(|x| x.1), Some(2));
        assert_eq!(read_number("1.14.600"), None);
        assert_eq!(read_number("1146.600"), None);
    }

    /// Any figure a Decimal holds (up to about 7,9·10²⁸) is read; beyond it, none.
    #[test]
    fn numbers_too_long_for_a_decimal_are_none() {
        let int19 = "1.123.456.789.012.345.678";
        assert_eq!(read_number(int19).map(|x| x.2), Some(int19.len()));
        let max = "79.228.162.514.264.337.593.543.950.335";
        assert_eq!(read_number(max).map(|x| x.0), Some(Decimal::MAX));
        assert_eq!(read_number("79.228.162.514.264.337.593.543.950.336"), None);
        assert_eq!(read_number("123456789012345678901234567890"), None);
        assert_eq!(read_number("0,1234567890").map(|x| x.1), Some(10));
        assert_eq!(read_number("0,12345678901"), None);
        assert_eq!(
            read_number("79.228.162.514.264.337.593.543.950.335,1234567890"),
            None
        );
    }

    #[test]
    fn amounts_in_prose() {
        let got = prose("et mindreforbrug på 14,9 mio. kr. og 0,49 mio. kr. samt 0,9 mia. kr.");
        assert_eq!(
            got,
            vec![
                (
                    dec("14.9"),
                    1,
                    Some("mio. kr.".into()),
                    "14,9 mio. kr.".into()
                ),
                (
                    dec("0.49"),
                    2,
                    Some("mio. kr.".into()),
                    "0,49 mio. kr.".into()
                ),
                (
                    dec("0.9"),
                    1,
                    Some("mia. kr.".into()),
                    "0,9 mia. kr.".into()
                ),
            ]
        );
        let got = prose("udgør 252.366 kr. mens tilskuddet er på kr. 997.000. Der er 20 procent og 63 % og 2,6 mio. kr.");
        let units: Vec<_> = got.iter().map(|g| (g.0, g.2.clone().unwrap())).collect();
        assert_eq!(
            units,
            vec![
                (dec("252366"), "kr.".to_string()),
                (dec("997000"), "kr.".to_string()),
                (dec("20"), "%".to_string()),
                (dec("63"), "%".to_string()),
                (dec("2.6"), "mio. kr.".to_string()),
            ]
        );
        let got = prose("udgør 1.146.600. kr. i perioden");
        assert_eq!(got[0].0, dec("1146600"));
        assert_eq!(got[0].2.as_deref(), Some("kr."));
        assert_eq!(got[0].3, "1.146.600. kr.");
    }

    #[test]
    fn negative_amounts_in_prose() {
        let got = prose("en afvigelse på -3,2 mio. kr. og ÷ 3,2 mio. kr.");
        assert_eq!(got[0].0, dec("-3.2"));
        assert_eq!(got[0].3, "-3,2 mio. kr.");
        assert_eq!(got[1].0, dec("-3.2"));
        assert_eq!(got[1].3, "÷ 3,2 mio. kr.");
    }

    #[test]
    fn fractions() {
        let got = prose("Næsten 1/3 af de 154 borgere");
        assert_eq!(got[0].2.as_deref(), Some("brøk"));
        assert_eq!(got[0].3, "1/3");
        assert_eq!(got[1].0, dec("154"));
    }

    #[test]
    fn years_dates_cases_and_references_are_not_amounts() {
        for s in [
            "i perioden 2026",
            "Den 01-07-2025 trådte",
            "Pr. 31.03.2025 er der",
            "sag 26/3977 og 25-1-85.10.00-P07",
            "efter § 13 og §13, stk. 2",
            "kl. 17:30",
            "i 1. kvartal og 2. etape",
            "i alderen 0-15 år",
            "i uge 14",
            "BUDGET 2025-2028",
        ] {
            assert_eq!(prose(s), vec![], "{s}");
        }
    }

    #[test]
    fn roles_and_breakdowns() {
        let text = "De samlede udgifter udgør 1.146.600 kr. Egenfinansiering udgør 149.600 kr. mens tilskuddet fra STAR er på kr. 997.000.\n- Der er i alt visiteret 370 fordrevne. 236 bor fortsat her.\n- Fordelingen er 89 børn i alderen 0-15 år, 252 borgere i alderen 16-66 år, og 29 borgere over pensionsalderen.";
        let got = amounts(text, 0, lexicon());
        let roles: Vec<_> = got.iter().map(|a| (a.number.value, a.role)).collect();
        assert_eq!(
            roles,
            vec![
                (dec("1146600"), Some(AmountRole::Expense)),
                (dec("149600"), Some(AmountRole::OwnFinancing)),
                (dec("997000"), Some(AmountRole::Income)),
                (dec("370"), Some(AmountRole::Total)),
                (dec("236"), None),
                (dec("89"), Some(AmountRole::Part)),
                (dec("252"), Some(AmountRole::Part)),
                (dec("29"), Some(AmountRole::Part)),
            ]
        );
        assert!(got[5..].iter().all(|a| a.part_of == Some(3)));
    }
}
