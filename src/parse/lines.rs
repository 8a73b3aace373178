//! Lines with their byte offsets: the unit most constructs in exported minutes are laid out in.

/// One line of the decoded text (without its `\n`), and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    pub offset: usize,
}

impl<'a> Line<'a> {
    pub fn trimmed(&self) -> &'a str {
        self.text.trim()
    }
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    /// Span of the trimmed line.
    pub fn span(&self) -> crate::model::Span {
        let lead = self.text.len() - self.text.trim_start().len();
        crate::model::Span::new(self.offset + lead, self.text.trim().len())
    }
    /// Offset of a sub-slice of `text` (which must point into it).
    pub fn offset_of(&self, part: &str) -> usize {
        self.offset + (part.as_ptr() as usize - self.text.as_ptr() as usize)
    }
}

/// Split `text` (which starts at byte `base` of the document) into lines.
pub fn lines(text: &str, base: usize) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    // memchr's SIMD search for the line breaks (`str::split` checks byte by byte).
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        out.push(Line {
            text: &text[start..end],
            offset: base + start,
        });
        start = end + 1;
    }
    out.push(Line {
        text: &text[start..],
        offset: base + start,
    });
    out
}

/// Offset of `part` inside `whole` (both slices of the same string).
pub fn offset_in(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// Collapse runs of whitespace (including line breaks of wrapped values) to single spaces.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Case-insensitive "starts with word", where the word must end at a non-letter.
pub fn starts_with_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    // Asked of every line for every opener word: most part at the first (ASCII) letter.
    if let (Some(a), Some(b)) = (s.as_bytes().first(), word.as_bytes().first()) {
        if a.is_ascii() && b.is_ascii() && !a.eq_ignore_ascii_case(b) {
            return None;
        }
    }
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
