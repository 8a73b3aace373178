//! Invisible and look-alike characters, made what they stand for before any parser sees the
//! text: Word, pandoc and PDF exports write a non-breaking space after "d." and inside
//! names, a soft hyphen inside long compound words and zero-width or bidi marks anywhere.
//! Left in place, "d.\u{a0}14. april" is no date and "Anna\u{200b}Holm" no participant.
//!
//! - Unicode spaces (no-break, narrow no-break, en/em/thin …, ideographic) become `' '`;
//! - the line and paragraph separators and NEL become `'\n'`, the non-breaking hyphen `'-'`;
//! - soft hyphens, zero-width characters, word joiners, a BOM inside the text and bidi
//!   marks are removed.
//!
//! Every span of the model points into the normalised text, which is the text every report
//! quotes and shows; line numbers do not change except where a separator became a line break.

/// What one character becomes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Replacement {
    Space,
    Newline,
    Hyphen,
    Nothing,
}

fn replacement(c: char) -> Option<Replacement> {
    match c {
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Some(Replacement::Space),
        '\u{0085}' | '\u{2028}' | '\u{2029}' => Some(Replacement::Newline),
        '\u{2011}' => Some(Replacement::Hyphen),
        '\u{00AD}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => Some(Replacement::Nothing),
        _ => None,
    }
}

/// The first bytes of every character [`replacement`] changes, in two `memchr3` sets: the
/// common ones (U+00A0/U+00AD/U+0085, U+2000–U+206F, U+FEFF) and the rare ones.
const COMMON_LEADS: [u8; 3] = [0xC2, 0xE2, 0xEF];
const RARE_LEADS: [u8; 3] = [0xD8, 0xE1, 0xE3];

/// The text with every character of [`replacement`] replaced; the text itself (no copy)
/// when it has none, which is most texts.
pub(super) fn normalise(text: String) -> String {
    let mut edits = Vec::new();
    collect(&text, COMMON_LEADS, &mut edits);
    collect(&text, RARE_LEADS, &mut edits);
    if edits.is_empty() {
        return text;
    }
    edits.sort_unstable_by_key(|&(at, _, _)| at);
    let mut out = String::with_capacity(text.len());
    let mut read = 0;
    for (at, len, with) in edits {
        out.push_str(&text[read..at]);
        match with {
            Replacement::Space => out.push(' '),
            Replacement::Newline => out.push('\n'),
            Replacement::Hyphen => out.push('-'),
            Replacement::Nothing => {}
        }
        read = at + len;
    }
    out.push_str(&text[read..]);
    out
}

fn collect(text: &str, leads: [u8; 3], edits: &mut Vec<(usize, usize, Replacement)>) {
    let bytes = text.as_bytes();
    for at in memchr::memchr3_iter(leads[0], leads[1], leads[2], bytes) {
        // Most hits are characters that stay ("–", "’", "•", "§", "«"): their second byte
        // says so without decoding them.
        let second = bytes.get(at + 1).copied().unwrap_or(0);
        let third = bytes.get(at + 2).copied().unwrap_or(0);
        let may_change = match bytes[at] {
            0xC2 => matches!(second, 0x85 | 0xA0 | 0xAD),
            // U+2000–U+200F, U+2011, U+2028–U+202F; U+205F–U+206F.
            0xE2 => match second {
                0x80 => matches!(third, 0x80..=0x8F | 0x91 | 0xA8..=0xAF),
                0x81 => matches!(third, 0x9F..=0xAF),
                _ => false,
            },
            _ => true,
        };
        if !may_change {
            continue;
        }
        // A lead byte found by memchr always starts a character in valid UTF-8: these
        // bytes (0xC2.., 0xD8, 0xE1..) are never continuation bytes.
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        if let Some(with) = replacement(c) {
            edits.push((at, c.len_utf8(), with));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spaces_separators_and_invisibles() {
        let cases = [
            ("d.\u{a0}14. april", "d. 14. april"),
            ("Anna\u{202f}Holm", "Anna Holm"),
            ("Kultur\u{ad}udvalget", "Kulturudvalget"),
            ("Anna\u{200b} Holm", "Anna Holm"),
            ("\u{200e}Punkt 1:\u{200f}", "Punkt 1:"),
            ("a\u{2028}b\u{2029}c\u{85}d", "a\nb\nc\nd"),
            ("mid\u{feff}text", "midtext"),
            ("ideo\u{3000}space", "ideo space"),
            ("Hasselager\u{2011}Kolt", "Hasselager-Kolt"),
            ("Møde «§ 17, stk. 4» – 5 €", "Møde «§ 17, stk. 4» – 5 €"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise(input.to_string()), expected, "{input:?}");
        }
    }

    proptest! {
        /// Whatever the text, the result holds none of the replaced characters, and text
        /// without them comes back unchanged.
        #[test]
        fn leaves_no_replaced_character(s in "\\PC*") {
            let out = normalise(s.clone());
            prop_assert!(out.chars().all(|c| replacement(c).is_none()));
            if s.chars().all(|c| replacement(c).is_none()) {
                prop_assert_eq!(out, s);
            }
        }

        #[test]
        fn mixed_with_invisibles(parts in proptest::collection::vec(
            prop_oneof!["[a-zæøå ]{0,5}", Just("\u{a0}".to_string()), Just("\u{ad}".to_string()),
                        Just("\u{200b}".to_string()), Just("\u{2028}".to_string())], 0..20)) {
            let s: String = parts.concat();
            let expected: String = s.chars().filter_map(|c| match replacement(c) {
                None => Some(c),
                Some(Replacement::Space) => Some(' '),
                Some(Replacement::Newline) => Some('\n'),
                Some(Replacement::Hyphen) => Some('-'),
                Some(Replacement::Nothing) => None,
            }).collect();
            prop_assert_eq!(normalise(s), expected);
        }
    }
}
