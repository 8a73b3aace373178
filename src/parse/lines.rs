//! Lines with their byte offsets: the unit most constructs in exported minutes are laid out in.

/// One line of the decoded text (without its `\n`), and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    pub offset: usize,
    /// Where `text` without the whitespace around it lies (start, length), worked out once:
    /// every parser asks. Two u32s keep a line at 32 bytes (a 10 MB document has 250,000
    /// lines); a line of 4 GB or more has `UNKNOWN` and is trimmed when asked.
    lead: u32,
    len: u32,
}

const UNKNOWN: u32 = u32::MAX;

/// `text` without the whitespace around it. Not `trim()`: a blank line's empty slice must
/// sit at its end, where [`Line::span`] has always put it.
fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    // Most lines start and end with a printable ASCII character: nothing to trim.
    match (b.first(), b.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim_start().trim_end(),
    }
}

impl<'a> Line<'a> {
    pub fn new(text: &'a str, offset: usize) -> Self {
        let trimmed = trim(text);
        let lead = offset_in(text, trimmed);
        match (u32::try_from(lead), u32::try_from(trimmed.len())) {
            (Ok(lead), Ok(len)) if len != UNKNOWN => Line {
                text,
                offset,
                lead,
                len,
            },
            _ => Line {
                text,
                offset,
                lead: 0,
                len: UNKNOWN,
            },
        }
    }
    /// Every parser asks for it, several times per line: inlined, and without the slice's
    /// char-boundary checks.
    #[inline]
    pub fn trimmed(&self) -> &'a str {
        if self.len == UNKNOWN {
            return trim(self.text);
        }
        let (lead, len) = (self.lead as usize, self.len as usize);
        debug_assert!(self.text.get(lead..lead + len).is_some());
        // SAFETY: `lead` and `len` are private, set once in `new` from `trim(text)`, a
        // sub-slice of `text`: both ends are in bounds and on char boundaries.
        unsafe { self.text.get_unchecked(lead..lead + len) }
    }
    /// `text` without its leading whitespace.
    pub fn trimmed_start(&self) -> &'a str {
        if self.len == UNKNOWN {
            return self.text.trim_start();
        }
        &self.text[self.lead as usize..]
    }
    pub fn is_blank(&self) -> bool {
        self.trimmed().is_empty()
    }
    /// Span of the trimmed line.
    pub fn span(&self) -> crate::model::Span {
        let trimmed = self.trimmed();
        crate::model::Span::new(self.offset + offset_in(self.text, trimmed), trimmed.len())
    }
    /// Offset of a sub-slice of `text` (which must point into it).
    pub fn offset_of(&self, part: &str) -> usize {
        self.offset + (part.as_ptr() as usize - self.text.as_ptr() as usize)
    }
}

/// A PDF page's header, footer or background: "Side 2 af 27", "Page 1 of 8", "background image".
pub fn page_furniture(t: &str) -> bool {
    if !t.starts_with(['S', 's', 'P', 'p', 'b']) {
        return false;
    }
    let lower = t.to_lowercase();
    let counter = |word: &str, of: &str| {
        let mut w = lower.split_whitespace();
        w.next() == Some(word)
            && w.next()
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            && w.next().is_none_or(|x| x == of)
    };
    counter("side", "af") || counter("page", "of") || lower == "background image"
}

/// The bullets lists are written with ("•", "▪", "*", …); callers add the dashes and spaces
/// they also strip.
pub fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '·' | '▪' | '◦' | '●' | '■' | '*')
}

/// Split `text` (which starts at byte `base` of the document) into lines.
pub fn lines(text: &str, base: usize) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    // memchr's SIMD search for the line breaks (`str::split` checks byte by byte).
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        out.push(Line::new(&text[start..end], base + start));
        start = end + 1;
    }
    out.push(Line::new(&text[start..], base + start));
    out
}

/// Offset of `part` inside `whole` (both slices of the same string).
pub fn offset_in(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// Collapse runs of whitespace (including line breaks of wrapped values) to single spaces.
pub fn squash(s: &str) -> String {
    if is_squashed(s) {
        return s.to_string(); // most names and titles: a copy, not word by word
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Is `s` already as [`squash`] writes it: words with one space between them and no other
/// white space? Every white space character outside ASCII starts with one of the bytes C2,
/// E1, E2 or E3 in UTF-8, so a text without them has none.
fn is_squashed(s: &str) -> bool {
    let mut after_space = true; // a leading space is not squashed
    for &b in s.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3 => return false,
            _ => after_space = false,
        }
    }
    s.is_empty() || !after_space
}

/// Case-insensitive "starts with word", where the word must end at a non-letter.
#[inline]
pub fn starts_with_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    if crate::lexicon::ascii_starts_differ(s, word) {
        return None; // the usual answer, inlined
    }
    starts_with_word_rest(s, word)
}

#[inline(never)]
fn starts_with_word_rest<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    if !crate::lexicon::eq_fold(head, word) {
        return None;
    }
    let rest = &s[word.len()..];
    match rest.chars().next() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(rest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_32_bytes() {
        assert_eq!(std::mem::size_of::<Line>(), 32);
    }

    proptest::proptest! {
        /// Against the definition: the words joined by single spaces.
        #[test]
        fn squash_agrees_on_any_text(text in "(?s).{0,40}|[ a\t\n\u{a0}\u{2009}\u{3000}æ]{0,40}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(squash(&text), expected);
        }
    }

    #[test]
    fn squash_collapses_white_space_of_every_kind() {
        assert_eq!(squash("Pia  Krogh"), "Pia Krogh");
        assert_eq!(squash(" Pia Krogh\n"), "Pia Krogh");
        assert_eq!(squash("Søren\u{a0}Friis"), "Søren Friis");
        assert_eq!(squash("Søren\tFriis"), "Søren Friis");
        assert_eq!(squash("Søren Friis"), "Søren Friis");
        assert_eq!(squash(""), "");
    }

    #[test]
    fn trimmed_start_keeps_trailing_whitespace() {
        let all = lines("  Punkt 1 \n \t \nx", 0);
        let got: Vec<_> = all.iter().map(|l| l.trimmed_start()).collect();
        assert_eq!(got, ["Punkt 1 ", "", "x"]);
        // A blank line's empty rest sits at its end, as `str::trim_start` puts it.
        assert_eq!(
            all[1].trimmed_start().as_ptr(),
            all[1].text.trim_start().as_ptr()
        );
    }

    #[test]
    fn lines_keep_offsets_and_trimmed_spans() {
        let text = "Punkt 1\n  Beslutning \t\n   \n\nGodkendt.";
        let all = lines(text, 100);
        let got: Vec<_> = all
            .iter()
            .map(|l| (l.offset, l.trimmed(), l.is_blank(), l.span()))
            .collect();
        let span = crate::model::Span::new;
        assert_eq!(
            got,
            [
                (100, "Punkt 1", false, span(100, 7)),
                (108, "Beslutning", false, span(110, 10)),
                // A blank line's (empty) span sits at its end.
                (123, "", true, span(126, 0)),
                (127, "", true, span(127, 0)),
                (128, "Godkendt.", false, span(128, 9)),
            ]
        );
    }
}
