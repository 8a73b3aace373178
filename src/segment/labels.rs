//! Labels of the meeting header: the participant list ("Deltagere:"), absence fields
//! ("Afbud:", "Fraværende med afbud"), remarks, officials, the table of contents and the other
//! header fields (Mødedato, Mødested, …). A label starts a line ("Medlemmer", "Fraværende
//! Ingen") or, in a PDF transcript that ran the header into one line, stands anywhere with
//! its colon ("… Mødested: Fraværende: Mødelokale 122, …"); the value of each runs to the
//! next label.

use crate::lexicon::{HeaderWords, Lexicon};
use crate::parse::lines::Line;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    Participants,
    /// Members who sent apologies.
    Afbud,
    /// Members absent.
    Absent,
    Substitutes,
    Remarks,
    Officials,
    Toc,
    /// Another header field (date, place, time …): only ends the value before it.
    Field,
}

/// One label found in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelHit {
    pub line: usize,
    /// Byte offset of the label.
    pub start: usize,
    /// Byte offset after the label and its colon: where the value starts.
    pub value_start: usize,
    pub kind: LabelKind,
    /// The label is the first thing on its line.
    pub line_start: bool,
    pub colon: bool,
}

/// Every label word with its kind, and one automaton over them (built once per lexicon).
#[derive(Debug, Clone)]
pub struct LabelSet {
    automaton: AhoCorasick,
    kinds: Vec<LabelKind>,
    words: Vec<String>,
}

pub fn label_set(lex: &Lexicon) -> &LabelSet {
    lex.header.label_set.get_or_init(|| build(&lex.header))
}

fn build(h: &HeaderWords) -> LabelSet {
    let lists = [
        (&h.participants, LabelKind::Participants),
        (&h.absent_afbud, LabelKind::Afbud),
        (&h.absent, LabelKind::Absent),
        (&h.substitutes, LabelKind::Substitutes),
        (&h.remarks, LabelKind::Remarks),
        (&h.officials, LabelKind::Officials),
        (&h.toc, LabelKind::Toc),
        (&h.other_fields, LabelKind::Field),
        (&h.meeting_date, LabelKind::Field),
        (&h.meeting_place, LabelKind::Field),
        (&h.body_label, LabelKind::Field),
    ];
    let mut words = Vec::new();
    let mut kinds = Vec::new();
    for (list, kind) in lists {
        for w in list.iter() {
            if !words.contains(w) {
                words.push(w.clone());
                kinds.push(kind);
            }
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(&words)
        .expect("label words build an automaton");
    LabelSet {
        automaton,
        kinds,
        words,
    }
}

/// The labels in `lines` (indices relative to `lines`, offsets into the document).
pub fn scan(lines: &[Line], lex: &Lexicon) -> Vec<LabelHit> {
    let set = label_set(lex);
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trimmed();
        if t.is_empty() || t.len() > 20_000 {
            continue;
        }
        let base = line.offset_of(t);
        for m in set.automaton.find_iter(t) {
            let (a, b) = (m.start(), m.end());
            let kind = set.kinds[m.pattern().as_usize()];
            let before = t[..a].chars().next_back();
            let after = t[b..].chars().next();
            let exact = set.words.iter().any(|w| *w == t[a..b]);
            // A PDF export glues a page's last line to the next page's first: a TOC label
            // ending a line may stand right after a word ("Mødested ByrådssalenIndholdsfortegnelse").
            let glued_toc = kind == LabelKind::Toc && exact && after.is_none();
            if (before.is_some_and(char::is_alphanumeric) && !glued_toc)
                || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let rest = &t[b..];
            let colon_at = rest.len() - rest.trim_start_matches(' ').len();
            let colon = rest[colon_at..].starts_with(':');
            let line_start = a == 0 || start_after_page_number(&t[..a]);
            // Mid-line only with a colon — or a TOC label written as the list has it, which
            // PDF transcripts put after a page number ("2 Indhold Åben dagsorden …").
            if !(line_start || colon || (kind == LabelKind::Toc && exact)) {
                continue;
            }
            // A field without a colon on a line of its own is a word of prose ("Tid og sted").
            if kind == LabelKind::Field && !colon && !line_start {
                continue;
            }
            let value = if colon { b + colon_at + 1 } else { b };
            out.push(LabelHit {
                line: i,
                start: base + a,
                value_start: base + value,
                kind,
                line_start,
                colon,
            });
        }
    }
    out
}

/// "2 " before a label: the page number a PDF transcript puts at the start of each page.
fn start_after_page_number(before: &str) -> bool {
    let b = before.trim_end();
    b.len() <= 3 && !b.is_empty() && b.bytes().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::parse::lines::lines;

    fn kinds(text: &str) -> Vec<(LabelKind, &str)> {
        scan(&lines(text, 0), lexicon())
            .into_iter()
            .map(|h| (h.kind, &text[h.start..h.value_start]))
            .collect()
    }

    #[test]
    fn labels_at_line_start_and_with_colons_mid_line() {
        assert_eq!(
            kinds("Medlemmer\nFraværende med afbud\nDeltagere: Anne Holm"),
            [
                (LabelKind::Participants, "Medlemmer"),
                (LabelKind::Afbud, "Fraværende med afbud"),
                (LabelKind::Participants, "Deltagere:"),
            ]
        );
        assert_eq!(
            kinds("Mødested: Fraværende: Mødelokale 122, Rådhus Anne Holm Referent: Bo Dahl"),
            [
                (LabelKind::Field, "Mødested:"),
                (LabelKind::Absent, "Fraværende:"),
                (LabelKind::Officials, "Referent:"),
            ]
        );
    }

    #[test]
    fn prose_is_no_label() {
        assert!(kinds("Forvaltningen har drøftet fraværende elever og deltagere.").is_empty());
        assert!(kinds("Indholdet af sagen").is_empty());
    }
}
