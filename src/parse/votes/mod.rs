//! Votes recorded in decisions (Beslutning). The phrasing varies between municipalities and
//! between secretaries, so the parser is driven by *side markers* from `rules/lexicon.toml`:
//!
//! - written before their group: "For ændringsforslaget stemte: B (1), imod stemte C(2), O(1)
//!   og A(1)" (Høje-Taastrup), "For stemte 95 (S, V, DF), imod stemte 0, hverken for eller imod
//!   stemte 0" (Folketinget), "For: 20 (names with parties)", "Afstemning: For 5, imod 2,
//!   hverken for eller imod 0", "Følgende undlod at stemme:" with the names on the lines below;
//! - written after their group: "Et flertal af Udvalget (names) stemte for. Lone Yalcinkaya
//!   undlod at stemme." (Gladsaxe), "6 stemte for, 1 stemte imod, 0 undlod", "5 medlemmer
//!   (A+V+C) anbefaler forslaget", "Liste B stemte imod";
//! - counts in prose: "Godkendt med 5 stemmer for og 2 imod", "vedtaget med 6 stemmer mod 1",
//!   "forkastet med 22 stemmer mod 2" (a rejection: the larger number is against);
//! - unanimity: "Alle stemte for …", "Enstemmigt vedtaget";
//! - positions that are no side: "X tog forbehold", "X kunne ikke tiltræde indstillingen", "X
//!   ønskede sin stemme ført til protokols".
//!
//! A decision is read sentence by sentence (`sentences`). A sentence with a tally starts a
//! vote (or adds what the current vote lacks: "X undlod at stemme." after "… stemte for.", the
//! names of a counted side); an outcome sentence ("Dermed faldt ændringsforslaget.",
//! "Tiltrådt.") completes the current vote, or waits for the next tally when none is open; any
//! other sentence closes the vote. A sentence with a vote word ("stemte", "stemmer", "undlod",
//! …) that yields no tally is returned as `Unrecognised { kind: "vote" }`: never skipped in
//! silence, never guessed at.
//!
//! Decisions of other bodies quoted in an item ("Social og Sundhed, 6. januar 2020, pkt.
//! 123:") are read too; their votes name that body ([`Vote::body`]).

mod group;
mod list;
mod markers;
mod merge;
mod outcome;
mod quoted;
mod sentence;
mod sentences;
mod text;

use crate::fold::Hits;
use crate::lexicon::{Lexicon, VoteList, VoteWords};
use crate::model::{Section, SectionKind, Span, Text, Unrecognised, Vote};

/// The votes of one item: every decision section is read, and every decision of another body
/// quoted in a section. An item without any section (a vote record, a page whose headings
/// were lost) is read whole: `body` is its text. There, only tallies count: the sentences
/// around a vote ("Afstemningen slutter.", "Der blev stemt om forslaget:") name it without
/// recording one, so they are not reported as votes that could not be read.
pub fn parse_item(
    doc: &str,
    sections: &[Section],
    body: Span,
    lex: &Lexicon,
) -> (Vec<Vote>, Vec<Unrecognised>) {
    match doc.get(body.offset..body.end()) {
        Some(text) if sections.is_empty() => (parse_text(text, body.offset, lex).0, Vec::new()),
        _ => parse(doc, sections, lex),
    }
}

/// The votes of every decision section, and of the decisions of other bodies quoted in any
/// section.
pub fn parse(doc: &str, sections: &[Section], lex: &Lexicon) -> (Vec<Vote>, Vec<Unrecognised>) {
    let mut votes = Vec::new();
    let mut unrecognised = Vec::new();
    for s in sections {
        let Some(text) = doc.get(s.body.offset..s.body.end()) else {
            continue;
        };
        let quoted = quoted::decisions(text, lex);
        if s.kind == SectionKind::Beslutning {
            let own_end = quoted.first().map_or(text.len(), |q| q.header_start);
            let (v, u) = parse_text(&text[..own_end], s.body.offset, lex);
            votes.extend(v);
            unrecognised.extend(u);
        }
        for q in quoted {
            let base = s.body.offset + q.from;
            let (v, u) = parse_text(&text[q.from..q.to], base, lex);
            let body = Text::new(
                &text[q.body.0..q.body.1],
                Span::new(s.body.offset + q.body.0, q.body.1 - q.body.0),
            );
            votes.extend(v.into_iter().map(|mut v| {
                v.body = Some(body.clone());
                v
            }));
            unrecognised.extend(u);
        }
    }
    (votes, unrecognised)
}

/// Votes read from one decision text; the rest are not read (an `Unrecognised` of kind
/// "vote-limit" says where they start). Real decisions hold a handful; a million generated
/// vote lines must not hold gigabytes of model.
pub const MAX_VOTES_PER_DECISION: usize = 10_000;

/// The votes in a decision text that starts at byte `base` of the document.
pub fn parse_text(text: &str, base: usize, lex: &Lexicon) -> (Vec<Vote>, Vec<Unrecognised>) {
    let w = &lex.votes;
    let lower = crate::fold::lower_same_len(text);
    let phrases = w.phrases();
    let all_hits = phrases.hits(&lower);
    // Only a tally or a vote word makes a vote or an unrecognised vote sentence: a decision
    // with an outcome at most ("Godkendt.") has neither.
    let outcome_only = VoteList::Adopted.bit() | VoteList::Rejected.bit();
    if w.ids().mask(all_hits.iter().map(|h| h.phrase)) & !outcome_only == 0 {
        return (Vec::new(), Vec::new());
    }
    let mut votes: Vec<Vote> = Vec::new();
    let mut unrecognised = Vec::new();
    // "Der blev stemt om forslaget:" names a vote recorded elsewhere in the decision, if any.
    let mut procedural = Vec::new();
    let mut current: Option<usize> = None;
    let mut pending: Option<outcome::Outcome> = None;
    for (start, end) in sentences::sentences(text, &lower, &all_hits, w) {
        let hits = Hits::within(phrases, &all_hits, &lower[start..end], start);
        let s = Sent {
            text: &text[start..end],
            lower: &lower[start..end],
            base: base + start,
            hits,
            lists: w.ids().mask(hits.phrase_ids()),
        };
        // A sentence without any of the lexicon's phrases has no cue, marker or outcome.
        let p = if s.hits.is_empty() {
            sentence::Parsed::default()
        } else {
            sentence::sentence(&s, w)
        };
        if p.cue && !p.has_tally() && p.positions.is_empty() {
            let u = Unrecognised {
                kind: "vote".into(),
                text: text::squash(s.text),
                span: s.span(),
            };
            if p.procedural {
                procedural.push(u);
            } else {
                unrecognised.push(u);
            }
        }
        if p.has_tally() || !p.positions.is_empty() {
            let merge = current.is_some_and(|i| merge::can_merge(&votes[i], &p));
            if !merge && votes.len() == MAX_VOTES_PER_DECISION {
                unrecognised.push(Unrecognised {
                    kind: "vote-limit".into(),
                    text: MAX_VOTES_PER_DECISION.to_string(),
                    span: Span::new(s.base, text.len() - start),
                });
                break;
            }
            let idx = if merge {
                current.unwrap_or_default()
            } else {
                votes.push(Vote::default());
                votes.len() - 1
            };
            let vote = &mut votes[idx];
            let fresh = !merge;
            merge::absorb(vote, p, s.span());
            if fresh && vote.outcome.is_none() {
                if let Some(o) = pending.take() {
                    if outcome::motions_agree(o.motion.as_deref(), vote.motion.as_ref()) {
                        outcome::set_outcome(vote, o);
                    }
                }
            }
            pending = None;
            current = Some(idx);
        } else if let Some(o) = p.outcome {
            match current {
                Some(i) if votes[i].outcome.is_none() => {
                    let v = &mut votes[i];
                    v.span = v.span.cover(s.span());
                    outcome::set_outcome(v, o);
                }
                _ => {
                    current = None;
                    pending = Some(o);
                }
            }
        } else {
            current = None;
            pending = None;
        }
    }
    if votes.is_empty() && !procedural.is_empty() {
        unrecognised.extend(procedural);
        unrecognised.sort_by_key(|u| u.span.offset);
    }
    (votes, unrecognised)
}

/// One sentence of a decision, with its lower-cased twin (same byte offsets).
struct Sent<'a> {
    text: &'a str,
    lower: &'a str,
    base: usize,
    /// The lexicon's phrases in this sentence.
    hits: Hits<'a>,
    /// The vote lists those phrases are in ([`VoteList::bit`]): lists with no phrase in the
    /// sentence are not searched.
    lists: u32,
}

impl Sent<'_> {
    fn has(&self, list: VoteList) -> bool {
        self.lists & list.bit() != 0
    }

    /// The ids of a list's phrases, or none when the sentence holds none of them.
    fn ids<'w>(&self, w: &'w VoteWords, list: VoteList) -> &'w [u32] {
        if self.has(list) {
            w.ids().list(list)
        } else {
            &[]
        }
    }

    /// Does the sentence hold a whole-word phrase of this list?
    fn holds(&self, w: &VoteWords, list: VoteList) -> bool {
        self.ids(w, list)
            .iter()
            .any(|&id| self.hits.find_id(id, 0).is_some())
    }

    fn span(&self) -> Span {
        let lead = self.text.len() - self.text.trim_start().len();
        Span::new(self.base + lead, self.text.trim().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::model::{OutcomeKind, TallySide};

    fn votes(text: &str) -> Vec<Vote> {
        parse_text(text, 0, lexicon()).0
    }

    type Side3 = (Option<u32>, Vec<(String, Option<u32>)>, Vec<String>);

    fn side(t: &TallySide) -> Side3 {
        (
            t.count,
            t.parties
                .iter()
                .map(|p| (p.party.clone(), p.count))
                .collect(),
            t.names.to_vec(),
        )
    }

    #[test]
    fn party_counts_with_outcome_in_next_sentence() {
        let text = "For ændringsforslaget stemte: B (1), imod stemte C(2), O(1) og A(1). Dermed faldt ændringsforslaget.";
        let v = votes(text);
        assert_eq!(v.len(), 1);
        assert_eq!(side(&v[0].for_).1, vec![("B".to_string(), Some(1))]);
        assert_eq!(v[0].against.total(), Some(4));
        assert_eq!(v[0].outcome_kind, Some(OutcomeKind::Rejected));
        assert_eq!(v[0].motion.as_ref().unwrap().text, "ændringsforslaget");
        let c = v[0].against.parties[0].span;
        assert_eq!(&text[c.offset..c.end()], "C(2)");
    }

    #[test]
    fn named_voters_and_abstention_across_sentences() {
        let text = "Et flertal af Udvalget (Anna Berg, Bo Hansen og Carl Ib) stemte for.\n\nDorte Lund undlod at stemme.\n\nTiltrådt.\n\nTom deltog i stedet for Ib.";
        let v = votes(text);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].for_.names, ["Anna Berg", "Bo Hansen", "Carl Ib"]);
        assert_eq!(v[0].abstain.names, ["Dorte Lund"]);
        assert_eq!(v[0].outcome_kind, Some(OutcomeKind::Adopted));
        let s = v[0].for_.name_spans[2];
        assert_eq!(&text[s.offset..s.end()], "Carl Ib");
    }

    #[test]
    fn unrecognised_vote_sentence() {
        let (v, u) = parse_text(
            "Der blev stemt om sagen, og stemmerne faldt som ventet ud.",
            10,
            lexicon(),
        );
        assert!(v.is_empty());
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].span.offset, 10);
    }

    #[test]
    fn outcome_before_unrelated_vote_is_not_attached() {
        let v = votes("Sagen anbefales.\n\nB stillede et ændringsforslag.\n\nFor ændringsforslaget stemte: B (1), imod stemte C(2).");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].outcome, None);
    }

    #[test]
    fn alle_stemte_for_is_unanimous_without_count() {
        let v = votes(
            "Alle stemte for de tre oprindelige indstillingspunkter. Dermed blev sagen anbefalet.",
        );
        assert_eq!(v.len(), 1);
        assert!(v[0].unanimous);
        assert!(v[0].for_.is_empty());
        assert_eq!(v[0].outcome_kind, Some(OutcomeKind::Adopted));
        assert_eq!(
            v[0].motion.as_ref().unwrap().text,
            "de tre oprindelige indstillingspunkter"
        );
    }

    #[test]
    fn godkendt_alone_is_no_vote() {
        let (v, u) = parse_text("Godkendt.", 0, lexicon());
        assert!(v.is_empty() && u.is_empty());
    }

    #[test]
    fn sentences_keep_initials_and_parentheses() {
        let text = "For stemte 2 (Jan E. Jørgensen (V) og Bo Ib (KF)). Imod stemte 0.";
        let v = votes(text);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].for_.names, ["Jan E. Jørgensen", "Bo Ib"]);
        assert_eq!(v[0].for_.name_parties[1].as_deref(), Some("KF"));
    }

    #[test]
    fn a_procedural_sentence_is_reported_only_without_a_vote() {
        let (v, u) = parse_text(
            "Der blev stemt om forslaget:\n\nFor: 3 (A). Imod: 2 (V).",
            0,
            lexicon(),
        );
        assert_eq!(v.len(), 1);
        assert!(u.is_empty(), "{u:?}");
        let (v, u) = parse_text("Der blev stemt om forslaget.", 0, lexicon());
        assert!(v.is_empty());
        assert_eq!(u.len(), 1);
    }

    #[test]
    fn quoted_decisions_name_their_body() {
        let doc = "Forvaltningen indstiller, at planen godkendes.\n\nTeknik og Miljø, 6. januar 2020, pkt. 12:\n\n3 medlemmer (A+V) anbefaler indstillingen.\n";
        let section = Section {
            kind: SectionKind::Indstilling,
            heading: Text::new("Indstilling", Span::new(0, 0)),
            body_name: None,
            date: None,
            text: String::new(),
            body: Span::new(0, doc.len()),
        };
        let (v, u) = parse(doc, &[section], lexicon());
        assert!(u.is_empty(), "{u:?}");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].for_.total(), Some(3));
        let body = v[0].body.as_ref().expect("the quoted body");
        assert_eq!(body.text, "Teknik og Miljø");
        assert_eq!(&doc[body.span.offset..body.span.end()], "Teknik og Miljø");
    }
}
