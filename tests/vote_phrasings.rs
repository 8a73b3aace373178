//! Real vote phrasings (corpus, /work/shared/field, the issue), with invented names → the
//! tally read from them. New phrasings go into rules/lexicon.toml and a row here.

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
    ("Godkendt. Carl Berg og Dorte Lund stemte imod.", [None, Some(2), None], false, A),
    // "kunne ikke anbefale/tiltræde" is a position, no vote against.
    ("Anbefales. Bo Jensen (V) kunne ikke anbefale.", [None, None, None], false, A),
    // Aarhus Teknisk Udvalg (field): named positions.
    ("Et flertal i udvalget kunne tiltræde indstillingen i overensstemmelse med Magistratens anbefaling.\n\nJesper Kjeldsen, Steffen Wich, Gert Bjerregaard og Metin Lindved Aydin kunne tiltræde indstillingen.\n\nJakob Søgaard Clausen tog forbehold.\n\nSolveig Munk kunne ikke tiltræde indstillingen.\n\nLiv Gro Jensen var forhindret i at deltage i udvalgets behandling af sagen.", [Some(4), None, None], false, None),
    // Fredensborg (field): "For: N (names with parties)", a party written out in the parentheses.
    ("For: 3 (Anna Berg (A), Bo Dahl (Frie Liberale), Carl Holm (V))\n\n\nImod: 2 (Dorte Lund (B), Eva Krogh (Ø))", [Some(3), Some(2), None], false, None),
    // … and the same vote explained per party: one vote.
    ("Imod: 2 (Dorte Lund (B), Eva Krogh (F))\n\nListe B stemte imod, idet de ønsker en afgørelse af sagen.\n\nListe F stemte imod af hensyn til naboerne.", [None, Some(2), None], false, None),
    ("For stemte: V og I\n\nImod stemte: A, B, C, F, O og Ø.\n\nForslaget faldt dermed.", [None, None, None], false, R),
    // Ballerup (2005): a party's count, other parties without.
    ("For stemte: 10 medlemmer af A (Anna Berg, Bo Dahl), F, V2, X og Ø.", [None, None, None], false, None),
    // Rebild: a motion named in the marker, parties written out, one side a line, no full stops.
    ("For flertalsindstillingen fra ØK stemte 11 (Radikale Venstre, Konservative, Egnslisten, Anna Berg, Bo Dahl)\nImod stemte 8 (Den Sociale Fællesliste, Carl Holm, Venstre, Enhedslisten)\nUndlod at stemme 5 (Dansk Folkeparti, Dorte Lund, Socialistisk Folkeparti)\nGodkendt.", [Some(11), Some(8), Some(5)], false, A),
    // Counts in prose, both orders of a rejection.
    ("Indstillingens 2. at-punkt blev godkendt med 26 stemmer imod 24.", [Some(26), Some(24), None], false, A),
    ("Forslaget blev forkastet med 22 stemmer mod 2. For forslaget stemte Anna Berg og Bo Dahl.", [Some(2), Some(22), None], false, R),
    ("Ændringsforslaget faldt med 1 stemme mod 4.", [Some(1), Some(4), None], false, R),
    ("Forslaget blev forkastet med 29 stemmer imod og 1 for.", [Some(1), Some(29), None], false, R),
    ("Ændringsforslaget blev forkastet med 26 stemmer imod 20. 4 undlod.", [Some(20), Some(26), Some(4)], false, R),
    // One name a line under the marker.
    ("Følgende undlod at stemme:\nAnna Berg\nBo Dahl", [None, None, Some(2)], false, None),
    ("Følgende undlod at stemme:\n- Anna Berg\n- Bo Dahl\n- Carl Holm", [None, None, Some(3)], false, None),
    // Brønderslev: the motion ends in a colon.
    ("For behandling: 4, imod behandling: 3 (Anna Berg, Bo Dahl, Carl Holm)", [Some(4), Some(3), None], false, None),
    ("Forslaget blev godkendt efter følgende afstemning: For forslaget: 5, imod forslaget: 2.", [Some(5), Some(2), None], false, A),
    // A side word before its number.
    ("Afstemning: For 5, imod 2, hverken for eller imod 0", [Some(5), Some(2), Some(0)], false, None),
    // Stevns: counts with parties joined by "+", a majority of names with a stray parenthesis.
    ("5 medlemmer (A+V+C) anbefaler forslaget.\n\n2 medlemmer (N+Ø) tager forbehold frem til behandlingen i KB.", [Some(5), None, None], false, None),
    ("1. Et flertal bestående af Anna Berg (C)) Bo Dahl (V), Carl Holm (A), Dorte Lund (R) anbefaler indstillingen med følgende kommentar: Der tilføjes en formulering under ”ambitioner”.”\n  Eva Krogh (Ø) tager forbehold indtil behandlingen.", [Some(4), None, None], false, None),
    ("1. Anbefalet af Anna Berg (V) og Bo Dahl (R)\n  Bo Dahl ønsker en tilføjelse om erhvervslivet.", [Some(2), None, None], false, None),
    // The count after the last of several parties is the group's.
    ("Et flertal bestående af A, V og F (5) stemte for. C og O (2) stemte imod.", [Some(5), Some(2), None], false, None),
    // A majority by who it leaves out, a minority, a second minority.
    ("Et flertal i udvalget (udvalget med undtagelse af Anna Berg (Ø)) anbefaler indstillingen.", [None, None, None], false, None),
    ("Et mindretal (C) stemte imod.", [None, None, None], false, None),
    ("Et andet mindretal bestående af Anna Berg og Bo Dahl stemte imod.", [None, Some(2), None], false, None),
    // A party letter ends the sentence: no voter "O. Godkendt".
    ("Imod stemte C og O. Godkendt.", [None, None, None], false, A),
    ("For stemte: A og Ø.\nForslaget faldt dermed.", [None, None, None], false, R),
    // Folketinget: a member of a party voting against it by mistake.
    ("For stemte 43 (V, DF, KF, 1 RV (ved en fejl)), imod stemte 53 (S, SF, RV, EL).", [Some(43), Some(53), None], false, None),
    ("Socialistisk Folkeparti og Enhedslisten stemte imod.", [None, None, None], false, None),
    ("Godkendt enstemmigt.", [None, None, None], true, A),
];

/// (text, side 0 for / 1 against / 2 abstain, parties with counts, names) of the first vote.
type Detail = (
    &'static str,
    usize,
    &'static [(&'static str, Option<u32>)],
    &'static [&'static str],
);

const DETAILS: &[Detail] = &[
    ("For: 3 (Anna Berg (A), Bo Dahl (Frie Liberale), Carl Holm (V))", 0, &[], &["Anna Berg", "Bo Dahl", "Carl Holm"]),
    ("For stemte: V og I\n\nImod stemte: A, B, C, F, O og Ø.", 1, &[("A", None), ("B", None), ("C", None), ("F", None), ("O", None), ("Ø", None)], &[]),
    ("For stemte: 10 medlemmer af A (Anna Berg, Bo Dahl), F, V2, X og Ø.", 0, &[("A", Some(10)), ("F", None), ("V2", None), ("X", None), ("Ø", None)], &[]),
    // Party names written out are their letters; a local list keeps its name.
    ("For flertalsindstillingen fra ØK stemte 11 (Radikale Venstre, Konservative, Egnslisten, Anna Berg, Bo Dahl)", 0, &[("B", None), ("C", None), ("Egnslisten", None)], &["Anna Berg", "Bo Dahl"]),
    ("Socialistisk Folkeparti og Enhedslisten stemte imod.", 1, &[("F", None), ("Ø", None)], &[]),
    ("Liste B stemte imod, idet de ønsker en afgørelse.", 1, &[("B", None)], &[]),
    ("Et mindretal (C) stemte imod.", 1, &[("C", None)], &[]),
    ("5 medlemmer (A+V+C) anbefaler forslaget.", 0, &[("A", None), ("V", None), ("C", None)], &[]),
    ("Et flertal bestående af A, V og F (5) stemte for. C og O (2) stemte imod.", 0, &[("A", None), ("V", None), ("F", None)], &[]),
    ("Et flertal bestående af A, V og F (5) stemte for. C og O (2) stemte imod.", 1, &[("C", None), ("O", None)], &[]),
    ("Imod stemte C og O. Godkendt.", 1, &[("C", None), ("O", None)], &[]),
    ("For stemte 43 (V, DF, KF, 1 RV (ved en fejl)), imod stemte 53 (S, SF, RV, EL).", 0, &[("V", None), ("DF", None), ("KF", None), ("RV", Some(1))], &[]),
    ("Forslaget blev forkastet med 22 stemmer mod 2. For forslaget stemte Anna Berg og Bo Dahl.", 0, &[], &["Anna Berg", "Bo Dahl"]),
    ("1. Et flertal bestående af Anna Berg (C)) Bo Dahl (V), Carl Holm (A), Dorte Lund (R) anbefaler indstillingen.", 0, &[], &["Anna Berg", "Bo Dahl", "Carl Holm", "Dorte Lund"]),
    ("Følgende undlod at stemme:\n- Anna Berg\n- Bo Dahl", 2, &[], &["Anna Berg", "Bo Dahl"]),
];

/// Decisions without a vote: neither a vote nor a sentence that could not be read.
const NO_VOTE: &[&str] = &[
    "Godkendt uden afstemning.",
    "Fremsendes til byrådet med bemærkning, at Magistraten i mødet den 19. august 2025 anbefaler, at byrådet tiltræder indstillingen.",
    "Magistraten kunne tiltræde indstillingen.",
    "Lokalplan 460 for Avedøre Landsby udgår.",
    "Budgettet for 2026 godkendes.",
    "For at sikre fremdrift: Sagen genoptages i marts.",
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
                let written = &text[p.span.offset..p.span.end()];
                let letter = lexicon().votes.party_letter(&written.to_lowercase());
                assert!(
                    written.starts_with(&p.party)
                        || written.ends_with(&p.party)
                        || letter == Some(p.party.as_str())
                        || p.count.is_some(),
                    "{written:?} vs {}",
                    p.party
                );
            }
        }
    }
}

#[test]
fn parties_and_names_of_each_side() {
    let mut bad = Vec::new();
    for (text, k, parties, names) in DETAILS {
        let v = first(text);
        let side = [&v.for_, &v.against, &v.abstain][*k];
        let got_parties: Vec<(&str, Option<u32>)> = side
            .parties
            .iter()
            .map(|p| (p.party.as_str(), p.count))
            .collect();
        let got_names: Vec<&str> = side.names.iter().map(String::as_str).collect();
        if got_parties != *parties || got_names != *names {
            bad.push(format!("{text:?}\n   got {got_parties:?} {got_names:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn decisions_without_a_vote() {
    for text in NO_VOTE {
        let (votes, unrecognised) = parse_text(text, 0, lexicon());
        assert!(votes.is_empty(), "{text:?}: {votes:?}");
        assert!(unrecognised.is_empty(), "{text:?}: {unrecognised:?}");
    }
}

#[test]
fn sentences_that_complete_a_vote_are_one_vote() {
    for text in [
        "Imod: 2 (Dorte Lund (B), Eva Krogh (F))\n\nListe B stemte imod, idet de ønsker en afgørelse af sagen.\n\nListe F stemte imod af hensyn til naboerne.",
        "Forslaget blev forkastet med 22 stemmer mod 2. For forslaget stemte Anna Berg og Bo Dahl.",
        "For flertalsindstillingen fra ØK stemte 11 (Radikale Venstre, Konservative)\nImod stemte 8 (Venstre)\nUndlod at stemme 5 (Dansk Folkeparti)\nGodkendt.",
        "Et flertal i udvalget kunne tiltræde indstillingen i overensstemmelse med Magistratens anbefaling.\n\nAnna Berg og Bo Dahl kunne tiltræde indstillingen.\n\nCarl Holm kunne ikke tiltræde indstillingen.",
    ] {
        let (votes, _) = parse_text(text, 0, lexicon());
        assert_eq!(votes.len(), 1, "{text:?}: {votes:?}");
    }
    // A vote on another motion is a vote of its own.
    let (votes, _) = parse_text(
        "Vedtaget med 20 stemmer mod 5. For ændringsforslaget stemte Anna Berg og Bo Dahl.",
        0,
        lexicon(),
    );
    assert_eq!(votes.len(), 2, "{votes:?}");
}

#[test]
fn positions_are_no_votes_against() {
    let v = first("Anna Berg tog forbehold. Bo Dahl kunne ikke tiltræde indstillingen. 2 medlemmer (N+Ø) tager forbehold frem til behandlingen i KB.");
    let got: Vec<(PositionKind, Vec<&str>)> = v
        .positions
        .iter()
        .map(|p| (p.kind, p.who.iter().map(|w| w.text.as_str()).collect()))
        .collect();
    assert_eq!(
        got,
        [
            (PositionKind::Reservation, vec!["Anna Berg"]),
            (PositionKind::Dissent, vec!["Bo Dahl"]),
            (PositionKind::Reservation, vec!["N", "Ø"]),
        ]
    );
    assert!(v.against.is_empty());
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
        "Der blev stemt om forslaget.",
        "Stemmerne fordelte sig ligeligt.",
        // A year after "for" is no count.
        "Der blev stemt om budgettet for 2026, og det blev godkendt.",
    ] {
        let (v, u) = parse_text(text, 0, lexicon());
        assert!(v.is_empty(), "{text}: {v:?}");
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
