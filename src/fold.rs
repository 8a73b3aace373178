//! Case folding and phrase search shared by the parsers. The lexicon's phrases are looked up
//! in every sentence of every document; doing that one phrase at a time (a substring search
//! and a `to_lowercase` per phrase) was most of the check's time, so the lists are compiled
//! into one Aho-Corasick automaton and searched in one pass over a lower-cased copy.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Lower-case without changing byte offsets, so spans found in the copy hold for the
/// original. Characters whose lower case has another length are kept as they are.
pub fn lower_same_len(s: &str) -> String {
    // ASCII (most of any Danish text) in one pass over the bytes, then the other letters one
    // by one, in place: their lower case is written only where it has the same length.
    let mut out = s.as_bytes().to_vec();
    out.make_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = out[from..].iter().position(|b| !b.is_ascii()) {
        // A char boundary: `from` is one, and the ASCII bytes before `at` are whole characters.
        let at = from + k;
        // Latin-1 letters (æ, ø, å, é, ü: C3 80..C3 BF) without the Unicode tables, which
        // cost more than the rest of the copy: the capitals À..Þ (but ×) are their small
        // letter less 0x20 in the second byte, the other characters are their own lower case.
        if out[at] == 0xC3 {
            if let Some(b) = out.get_mut(at + 1) {
                if (0x80..=0x9E).contains(b) && *b != 0x97 {
                    *b += 0x20;
                }
            }
            from = at + 2;
            continue;
        }
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        let mut l = c.to_lowercase();
        if let (Some(x), None) = (l.next(), l.next()) {
            if x != c && x.len_utf8() == c.len_utf8() {
                x.encode_utf8(&mut out[at..at + c.len_utf8()]);
            }
        }
        from = at + c.len_utf8();
    }
    // SAFETY: `out` is `s` with ASCII letters and whole characters replaced by characters
    // of the same UTF-8 length, so it is still UTF-8.
    unsafe { String::from_utf8_unchecked(out) }
}

/// The bytes a word list's words can start with, either case: a table look-up that turns
/// away most lines and positions before any word is compared.
#[derive(Debug, Clone)]
pub struct FirstBytes([bool; 256]);

impl FirstBytes {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        Self::from_bytes(
            words
                .into_iter()
                .filter_map(|w| w.as_bytes().first().copied()),
        )
    }

    /// The table of these bytes in either ASCII case; any non-ASCII byte stands for all of
    /// them (a non-ASCII letter is other bytes in its other case). With a list's last bytes
    /// it answers [`FirstBytes::may_end`].
    pub fn from_bytes(bytes: impl IntoIterator<Item = u8>) -> Self {
        let mut table = [false; 256];
        for b in bytes {
            if b.is_ascii() {
                table[usize::from(b.to_ascii_lowercase())] = true;
                table[usize::from(b.to_ascii_uppercase())] = true;
            } else {
                table[0x80..].fill(true);
            }
        }
        FirstBytes(table)
    }

    /// May a word whose last byte is in the table end `text`?
    pub fn may_end(&self, text: &str) -> bool {
        text.as_bytes()
            .last()
            .is_some_and(|&b| self.0[usize::from(b)])
    }

    /// May a word of the list start `text`?
    pub fn may_start(&self, text: &str) -> bool {
        text.as_bytes()
            .first()
            .is_some_and(|&b| self.0[usize::from(b)])
    }
}

/// The first ASCII digit of `bytes`, eight bytes at a time: prose is long and figures are few,
/// and every scanner for amounts, dates and years starts here.
pub fn find_digit(bytes: &[u8]) -> Option<usize> {
    // Figures come in clusters (tables, dates): the next digit is often only a byte or two on.
    const NEAR: usize = 4;
    if let Some(k) = bytes.iter().take(NEAR).position(u8::is_ascii_digit) {
        return Some(k);
    }
    let rest = bytes.get(NEAR..)?;
    let mut words = rest.chunks_exact(8);
    let mut base = NEAR;
    for word in &mut words {
        let mask = digit_mask(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        if mask != 0 {
            return Some(base + (mask.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    words
        .remainder()
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| base + k)
}

/// The high bit of each byte of `word` that is an ASCII digit, exact for the lowest one: the
/// classic "has a byte below n" test on bytes moved so that '0'..='9' become 0..=9. A borrow only
/// runs upward from a digit, so bytes above the first may be flagged wrongly and are never read;
/// bytes from 0x80 up (UTF-8) are never flagged.
fn digit_mask(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let moved = word ^ (ONES * u64::from(b'0'));
    moved.wrapping_sub(ONES * 10) & !moved & (ONES * 0x80)
}

/// The largest char boundary of `s` at or before `i` (clamped to `s.len()`).
/// (`str::floor_char_boundary` needs Rust 1.91; the crate supports 1.85.)
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An automaton over a phrase list that is searched in short stretches (sentences). A
/// contiguous NFA: building a DFA costs a fifth of the start-up of a one-document run, so a
/// [`PhraseSet`] builds one only after many searches. (The attendance automaton, run over
/// every line, is a DFA from the start: there it pays.)
pub fn automaton<I, P>(phrases: I) -> AhoCorasick
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(phrases)
        .expect("lexicon phrase lists build an automaton")
}

/// The DFA over the same phrases as [`automaton`]: same matches, faster to search, slower to
/// build.
fn dfa(phrases: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(phrases)
        .expect("lexicon phrase lists build an automaton")
}

/// Phrases that may open a line, matched at its start, case-insensitively (ASCII). Most
/// lines start with none, and their first byte tells it: the automaton
/// is only run where a phrase starts with that byte.
#[derive(Debug, Clone)]
pub struct LinePrefixes {
    automaton: AhoCorasick,
    first_bytes: [bool; 256],
}

impl LinePrefixes {
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a String>) -> Self {
        let phrases: Vec<&String> = phrases.into_iter().collect();
        let mut first_bytes = [false; 256];
        for p in &phrases {
            if let Some(&b) = p.as_bytes().first() {
                first_bytes[usize::from(b.to_ascii_lowercase())] = true;
                first_bytes[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(phrases)
            .expect("lexicon phrases build an automaton");
        LinePrefixes {
            automaton,
            first_bytes,
        }
    }

    /// Whether one of the phrases starts `t`.
    pub fn starts(&self, t: &str) -> bool {
        let Some(&b) = t.as_bytes().first() else {
            return false;
        };
        self.first_bytes[usize::from(b)]
            && self
                .automaton
                .find(aho_corasick::Input::new(t).anchored(aho_corasick::Anchored::Yes))
                .is_some()
    }
}

/// A quick first look for a phrase list: the longest word of every phrase, searched with
/// SIMD (aho-corasick's Teddy, several GB/s). A stretch of text without an anchor holds none
/// of the phrases, so only the few lines with one need the full automaton, which reads every
/// byte at ~400 MB/s.
#[derive(Debug, Clone)]
pub struct Anchors {
    /// `None` where the CPU has no SIMD search or the list is unsuitable: every stretch is
    /// then a candidate.
    searcher: Option<aho_corasick::packed::Searcher>,
}

impl Anchors {
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words: Vec<&str> = Vec::new();
        for p in phrases {
            // A phrase matches only where its longest word does.
            let Some(word) = p.split(' ').max_by_key(|w| w.len()) else {
                return Anchors { searcher: None };
            };
            if word.is_empty() {
                return Anchors { searcher: None };
            }
            if !words.contains(&word) {
                words.push(word);
            }
        }
        let searcher = aho_corasick::packed::Config::new()
            .builder()
            .extend(&words)
            .build();
        Anchors { searcher }
    }

    /// Where anchors start in `text`, in order; `None` without a SIMD searcher (every
    /// position is then a candidate).
    pub fn starts<'a>(&'a self, text: &'a str) -> Option<impl Iterator<Item = usize> + 'a> {
        let s = self.searcher.as_ref()?;
        Some(s.find_iter(text).map(|m| m.start()))
    }
}

/// Is the match `at..at + len` of `lower` a whole word (or phrase)? A phrase ending in
/// punctuation ("d.") needs no boundary after it.
pub fn is_whole_word(lower: &str, at: usize, len: usize) -> bool {
    let ok_before = lower[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let phrase = &lower[at..at + len];
    let ok_after = phrase
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_alphanumeric())
        || lower[at + len..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
    ok_before && ok_after
}

/// A set of lower-case phrases searched together.
#[derive(Debug)]
pub struct PhraseSet {
    /// What the first [`DFA_AFTER`] searches use: cheap to build.
    automaton: AhoCorasick,
    /// The same phrases as a DFA, built once the set has been searched [`DFA_AFTER`] times:
    /// it searches faster but costs about half a millisecond to build, a sixth of a
    /// one-document run, and pays only over many documents.
    dfa: OnceLock<AhoCorasick>,
    searches: AtomicUsize,
    /// The phrases by id.
    phrases: Vec<String>,
}

/// Searches of a phrase set before it builds its DFA: a few dozen documents' decisions.
const DFA_AFTER: usize = 1000;

impl Clone for PhraseSet {
    fn clone(&self) -> Self {
        Self {
            automaton: self.automaton.clone(),
            dfa: self.dfa.clone(),
            searches: AtomicUsize::new(self.searches.load(Ordering::Relaxed)),
            phrases: self.phrases.clone(),
        }
    }
}

/// One occurrence of a phrase: where it starts and which phrase it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub at: usize,
    pub phrase: u32,
}

impl PhraseSet {
    /// The set of the given phrases (duplicates and empty phrases are dropped).
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Self {
        let mut list: Vec<String> = Vec::new();
        for p in phrases {
            if !p.is_empty() && !list.iter().any(|q| q == p) {
                list.push(p.to_string());
            }
        }
        Self {
            automaton: automaton(&list),
            dfa: OnceLock::new(),
            searches: AtomicUsize::new(0),
            phrases: list,
        }
    }

    /// The automaton for the next search: the DFA once the set has been searched often.
    fn searcher(&self) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        if self.searches.fetch_add(1, Ordering::Relaxed) < DFA_AFTER {
            return &self.automaton;
        }
        self.dfa.get_or_init(|| dfa(&self.phrases))
    }

    /// The phrase with this id.
    pub fn phrase(&self, id: u32) -> &str {
        &self.phrases[id as usize]
    }

    /// Every phrase of the set.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.phrases.iter().map(String::as_str)
    }

    /// The ids of a list of phrases of the set (a phrase not in it gets none). For look-ups
    /// made over and over: comparing ids beats comparing strings.
    pub fn ids<'s>(&self, list: impl IntoIterator<Item = &'s String>) -> Vec<u32> {
        list.into_iter()
            .filter_map(|p| self.phrases.iter().position(|q| q == p))
            .map(|k| k as u32)
            .collect()
    }

    /// Byte length of a phrase of the set.
    pub fn len_of(&self, id: u32) -> usize {
        self.phrase(id).len()
    }

    /// Every occurrence of every phrase in `lower` (overlapping ones too), by start offset.
    /// Word boundaries are not checked here: the caller checks them against the stretch of
    /// text it reads ([`Hits::find_word`]).
    pub fn hits(&self, lower: &str) -> Vec<Hit> {
        let mut found = self.searcher().find_overlapping_iter(lower).map(|m| Hit {
            at: m.start(),
            phrase: m.pattern().as_u32(),
        });
        // Most stretches hold none; a decision holds a handful to a few dozen hits: no
        // allocation for none, one (not four growing ones) for the rest.
        let Some(first) = found.next() else {
            return Vec::new();
        };
        let mut out: Vec<Hit> = Vec::with_capacity(32);
        out.push(first);
        out.extend(found);
        out.sort_unstable_by_key(|h| (h.at, h.phrase));
        out
    }
}

/// The hits that fall inside one stretch (a sentence) of a lower-cased text, with offsets
/// relative to that stretch.
#[derive(Debug, Clone, Copy)]
pub struct Hits<'a> {
    set: &'a PhraseSet,
    /// Hits of the whole text, sorted by offset.
    all: &'a [Hit],
    /// The stretch: its lower-cased text and its offset in the whole text.
    lower: &'a str,
    offset: usize,
}

impl<'a> Hits<'a> {
    /// The hits of `all` (found in the whole text) inside `lower`, which starts at `offset`.
    pub fn within(set: &'a PhraseSet, all: &'a [Hit], lower: &'a str, offset: usize) -> Self {
        let from = all.partition_point(|h| h.at < offset);
        let to = all.partition_point(|h| h.at < offset + lower.len());
        Self {
            set,
            all: &all[from..to],
            lower,
            offset,
        }
    }

    /// Does the stretch hold no phrase at all?
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// The ids of the phrases in the stretch (whole words or not, repeated as they occur).
    pub fn phrase_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.all.iter().map(|h| h.phrase)
    }

    /// The first whole-word occurrence of `phrase` at or after `from` (relative offsets).
    /// Equivalent to searching the stretch for the phrase and skipping non-word matches.
    pub fn find_word(&self, phrase: &str, from: usize) -> Option<usize> {
        self.first_word(|id| self.set.phrase(id) == phrase, phrase.len(), from)
    }

    /// [`Hits::find_word`] for the phrase with this id (see [`PhraseSet::ids`]). A sentence
    /// holds a handful of hits and is asked for a hundred phrases: ids spare the compares.
    pub fn find_id(&self, id: u32, from: usize) -> Option<usize> {
        self.first_word(|h| h == id, self.set.len_of(id), from)
    }

    fn first_word(&self, is: impl Fn(u32) -> bool, len: usize, from: usize) -> Option<usize> {
        self.all
            .iter()
            .filter(|h| is(h.phrase))
            .map(|h| h.at - self.offset)
            .filter(|at| *at >= from && at + len <= self.lower.len())
            .find(|at| is_whole_word(self.lower, *at, len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain search the phrase set replaces.
    fn find_word_naive(lower: &str, phrase: &str, from: usize) -> Option<usize> {
        let mut pos = from;
        while let Some(rel) = lower.get(pos..)?.find(phrase) {
            let at = pos + rel;
            if is_whole_word(lower, at, phrase.len()) {
                return Some(at);
            }
            pos = at + phrase.chars().next().map(char::len_utf8).unwrap_or(1);
        }
        None
    }

    #[test]
    fn lower_keeps_offsets() {
        assert_eq!(lower_same_len("Æble ØST Åen"), "æble øst åen");
        assert_eq!(lower_same_len("ABC"), "abc");
        // 'İ' lower-cases to two characters: kept.
        assert_eq!(lower_same_len("İx"), "İx");
    }

    #[test]
    fn hits_agree_with_a_plain_search() {
        let phrases = [
            "stemte for",
            "for",
            "imod",
            "stemte",
            "for for",
            "ikke godkendt",
        ];
        let set = PhraseSet::new(phrases);
        let text = lower_same_len(
            "For stemte for for 3. Imod stemte fortsat 2. Forslaget blev ikke godkendt. forimod for",
        );
        let all = set.hits(&text);
        for (start, end) in [(0, text.len()), (0, 20), (21, 44), (45, text.len())] {
            let hits = Hits::within(&set, &all, &text[start..end], start);
            for p in phrases {
                for from in 0..end - start {
                    assert_eq!(
                        hits.find_word(p, from),
                        find_word_naive(&text[start..end], p, from),
                        "{p:?} from {from} in {:?}",
                        &text[start..end]
                    );
                }
            }
        }
        assert_eq!(
            Hits::within(&set, &all, &text, 0).find_word("nope", 0),
            None
        );
    }

    #[test]
    fn find_digit_agrees_with_a_plain_search() {
        let mut text = String::new();
        for k in 0..100 {
            // Digits at every offset around the 8-byte words, and none at all.
            let probe = format!("{}{}", "æ".repeat(k / 2), "x".repeat(k % 2));
            for tail in ["", "7", "ab9", "ø0"] {
                text.clear();
                text.push_str(&probe);
                text.push_str(tail);
                assert_eq!(
                    find_digit(text.as_bytes()),
                    text.bytes().position(|b| b.is_ascii_digit()),
                    "{text:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Every byte value, next to digits and the bytes just outside '0'..='9' ('/', ':').
        #[test]
        fn find_digit_agrees_on_any_bytes(bytes in proptest::collection::vec(
            proptest::prop_oneof![proptest::num::u8::ANY, proptest::sample::select(b"/09:".to_vec())],
            0..80,
        )) {
            proptest::prop_assert_eq!(
                find_digit(&bytes),
                bytes.iter().position(u8::is_ascii_digit)
            );
        }

        /// Against the definition, character by character: the lower case where it has the
        /// same length in UTF-8, else the character as it is.
        #[test]
        fn lower_same_len_agrees_on_any_text(text in "(?s).{0,60}|[a-zA-ZæøåÆØÅİẞΣ .]{0,60}|[\\u{80}-\\u{17F} A]{0,60}") {
            let expected: String = text
                .chars()
                .map(|c| {
                    let mut l = c.to_lowercase();
                    match (l.next(), l.next()) {
                        (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                        _ => c,
                    }
                })
                .collect();
            proptest::prop_assert_eq!(lower_same_len(&text), expected);
        }
    }

    #[test]
    fn a_phrase_set_finds_the_same_hits_after_it_builds_its_dfa() {
        // A set of its own: the lexicon's is shared with the other tests.
        let set = PhraseSet::new(crate::lexicon::lexicon().votes.phrases().phrases());
        let texts = [
            "for stemte: v (1), c (1). imod stemte: f (1). dermed blev indstillingen godkendt.",
            "et flertal af udvalget (pia krogh, søren friis og niels larsen) stemte for.",
            "godkendt med 3 stemmer for og 1 imod. forslaget forkastes ikke; enstemmigt vedtaget",
            "",
        ];
        let before: Vec<Vec<Hit>> = texts.iter().map(|t| set.hits(t)).collect();
        assert!(set.dfa.get().is_none());
        for _ in 0..DFA_AFTER {
            set.hits(texts[0]);
        }
        assert!(
            set.dfa.get().is_some(),
            "the DFA is built after {DFA_AFTER} searches"
        );
        let after: Vec<Vec<Hit>> = texts.iter().map(|t| set.hits(t)).collect();
        assert_eq!(before, after);
        assert!(!before[0].is_empty() && !before[2].is_empty());
    }

    #[test]
    fn anchors_cover_every_phrase() {
        let phrases = [
            "deltog ikke i sagens behandling",
            "forlod mødet",
            "var inhabil",
        ];
        let anchors = Anchors::new(phrases);
        for p in phrases {
            let text = format!("Jens Hansen {p}. Mere tekst.");
            let at = text.find(p).unwrap();
            let inside = anchors
                .starts(&text)
                .map(|mut starts| starts.any(|s| s >= at && s < at + p.len()));
            assert_ne!(inside, Some(false), "no anchor inside {p:?}");
        }
        let plain = "Administrationen har udarbejdet en redegørelse.";
        assert!(anchors.starts(plain).is_none_or(|mut s| s.next().is_none()));
    }

    #[test]
    fn first_bytes_take_either_case_and_any_non_ascii_letter() {
        let first = FirstBytes::new(["Baggrund", "økonomi", ""]);
        assert!(first.may_start("baggrund"));
        assert!(first.may_start("BAGGRUND"));
        assert!(first.may_start("Økonomi"));
        assert!(!first.may_start("Administrationen"));
        assert!(!first.may_start(""));
    }
}
