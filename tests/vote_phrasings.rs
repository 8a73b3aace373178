//! Real vote phrasings (corpus, /work/shared/field, the issue) → the tally read from them.
//! New phrasings go into rules/lexicon.toml and a row here.

use referat::lexicon::lexicon;
use referat::model::{OutcomeKind, PositionKind, Vote};
use referat::parse::votes::parse_text;

const A: Option<OutcomeKind> = Some(OutcomeKind::Adopted);
const R: Option<OutcomeKind> = Some(OutcomeKind::Rejected);

/// (text, [for, against, abstain] totals, unanimous, outcome) for the first vote.
type Row = (&'static str, [Option<u32>; 3], bool, Option<OutcomeKind>);

const ROWS: &[Row] = &[
    // Høje-Taastrup (corpus/000): party counts, with or without a space and a colon.
    ("For ændringsforslaget stemte: B (1), imod stemte C(2), O(1) og A(1). Dermed faldt ændringsforslaget.", [Some(1), Some(4), None], false, R),
    ("For ændringsforslaget stemte A (1), imod stemte O(1), C(2) og B(1). Dermed faldt ændringsforslaget.", [Some(1), Some(4), None], false, R),
    ("Imod stemte C (2), O (1) og A (1), for stemte B (1). Ændringsforslaget faldt.", [Some(1), Some(4), None], false, R),
    ("B (1) stemte for ændringsforslaget, C (2), O (1) og A (1) stemte imod.", [Some(1), Some(4), None], false, None),
    ("Alle stemte for de tre oprindelige indstillingspunkter. Dermed blev sagen anbefalet.", [None, None, None], true, A),
    // Gladsaxe (corpus/001): named voters, abstention in its own sentence.
    ("Et flertal af Beskæftigelses- og Integrationsudvalget (Michael Dorph Jensen, Tom Vang Knudsen, Ole Skrald, Rikke Louise Schilling, Signe Ejersbo og Susanne Damsgaard) stemte for.\n\nLone Yalcinkaya undlod at stemme.\n\nTiltrådt.", [Some(6), None, Some(1)], false, A),
    // Folketinget and Københavns Borgerrepræsentation: totals with groups.
    ("For stemte 95 (S, V, DF, SF, EL), imod stemte 0, hverken for eller imod stemte 0. Forslaget blev vedtaget.", [Some(95), Some(0), Some(0)], false, A),
    ("Forkastet\nFor stemte 42 (DD, SF, LA, EL, RV, ALT, UFG,) \nimod stemte 64 (S, V, M, KF, Jon Stephensen (UFG))\nhverken for eller imod stemte 4 (DF,) ", [Some(42), Some(64), Some(4)], false, R),
    ("Vedtaget\nFor stemte 107 (S, V, DD) \nimod stemte 0 () \nhverken for eller imod stemte 0 () ", [Some(107), Some(0), Some(0)], false, A),
    ("Forslaget blev vedtaget. For stemte 77 (S, V), imod stemte 35 (DD), hverken for eller imod stemte 2 ( Jan E. Jørgensen (V) og Helle Bonnesen (KF)).", [Some(77), Some(35), Some(2)], false, A),
    ("For stemte: 30 (A, B, F), Imod stemte: 12 (C, V), Undlod at stemme: 3 (O). Forslaget blev vedtaget.", [Some(30), Some(12), Some(3)], false, A),
    ("Undlod at stemme: 3 (O), For stemte: 30 (A, B, F), Imod stemte: 12 (C, V).", [Some(30), Some(12), Some(3)], false, None),
    // Counts in prose.
    ("Godkendt med 5 stemmer for og 2 imod.", [Some(5), Some(2), None], false, A),
    ("Indstillingen blev vedtaget med 6 stemmer mod 1.", [Some(6), Some(1), None], false, A),
    ("6 stemte for, 1 stemte imod, 0 undlod.", [Some(6), Some(1), Some(0)], false, None),
    ("Forslaget faldt med 2 stemmer for og 5 imod, idet 1 undlod.", [Some(2), Some(5), Some(1)], false, R),
    ("Seks stemte for, én stemte imod.", [Some(6), Some(1), None], false, None),
    // Unanimity.
    ("Enstemmigt vedtaget.", [None, None, None], true, A),
    ("Indstillingen blev enstemmigt godkendt.", [None, None, None], true, A),
    // One member's position.
    ("Godkendt. Anna Hansen stemte imod.", [None, Some(1), None], false, A),
    ("Anbefales. Bo Jensen (V) kunne ikke anbefale.", [None, Some(1), None], false, A),
    ("Godkendt. Carl Berg og Dorte Lund stemte imod.", [None, Some(2), None], false, A),
    // Aarhus Teknisk Udvalg (field): named positions.
    ("Et flertal i udvalget kunne tiltræde indstillingen i overensstemmelse med Magistratens anbefaling.\n\nJesper Kjeldsen, Steffen Wich, Gert Bjerregaard og Metin Lindved Aydin kunne tiltræde indstillingen.\n\nJakob Søgaard Clausen tog forbehold.\n\nSolveig Munk kunne ikke tiltræde indstillingen.\n\nLiv Gro Jensen var forhindret i at deltage i udvalgets behandling af sagen.", [Some(4), Some(1), None], false, None),
];

fn first(text: &str) -> Vote {
    let (votes, unrecognised) = parse_text(text, 0, lexicon());
    assert!(unrecognised.is_empty(), "{text:?}: {unrecognised:?}");
    assert!(!votes.is_empty(), "{text:?}: no vote");
    votes.into_iter().next().unwrap()
}

#[test]
fn phrasings_give_their_tally() {
    let mut bad = Vec::new();
    for (text, [f, a, x], unanimous, outcome) in ROWS {
        let v = first(text);
        let got = (
            [v.for_.total(), v.against.total(), v.abstain.total()],
            v.unanimous,
            v.outcome_kind,
        );
        if got != ([*f, *a, *x], *unanimous, *outcome) {
            bad.push(format!("{text:?}\n   got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_number_and_name_has_its_span() {
    for (text, ..) in ROWS {
        let v = first(text);
        for side in [&v.for_, &v.against, &v.abstain] {
            if let (Some(c), Some(s)) = (side.count, side.count_span) {
                let written = &text[s.offset..s.end()];
                assert!(
                    written == c.to_string() || !written.chars().all(|c| c.is_ascii_digit()),
                    "{written:?} vs {c}"
                );
            }
            for (n, s) in side.names.iter().zip(&side.name_spans) {
                assert_eq!(&text[s.offset..s.end()], n);
            }
            for p in &side.parties {
                assert!(
                    text[p.span.offset..p.span.end()].starts_with(&p.party) || p.count.is_some()
                );
            }
        }
    }
}

#[test]
fn positions_and_several_votes() {
    let (votes, _) = parse_text(
        "Jakob Søgaard Clausen tog forbehold. Anna Berg ønskede sin stemme ført til protokols.",
        0,
        lexicon(),
    );
    assert_eq!(votes.len(), 1);
    let kinds: Vec<_> = votes[0].positions.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [PositionKind::Reservation, PositionKind::Protocol]);
    assert_eq!(votes[0].positions[0].who[0].text, "Jakob Søgaard Clausen");

    // An amendment, then the amended recommendation: two votes in order.
    let (votes, _) = parse_text(
        "For ændringsforslaget stemte: V (2), imod stemte A (3). Ændringsforslaget faldt.\n\nFor indstillingen stemte: A (3), V (2). Indstillingen blev godkendt.",
        0,
        lexicon(),
    );
    assert_eq!(votes.len(), 2);
    assert_eq!(votes[0].outcome_kind, R);
    assert_eq!(votes[1].for_.total(), Some(5));
    assert_eq!(votes[1].outcome_kind, A);
}

#[test]
fn unreadable_vote_sentences_are_reported() {
    for text in [
        "Der blev stemt om sagen, og stemmerne faldt som ventet ud.",
        "Afstemningen blev udsat.",
    ] {
        let (_, u) = parse_text(text, 0, lexicon());
        assert_eq!(u.len(), 1, "{text}");
        assert_eq!(u[0].kind, "vote");
    }
}

#[test]
fn whole_documents_never_panic() {
    // Every real text read as one long decision: no panic, and it stays fast.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let _ = parse_text(&text, 0, lexicon());
        for cut in (0..text.len()).step_by(4999) {
            if text.is_char_boundary(cut) {
                let _ = parse_text(&text[cut..], cut, lexicon());
            }
        }
    }
}
