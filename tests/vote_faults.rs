//! Faulty copies of real minutes (tests/corpus/000 and 001), each with one count, voter,
//! outcome or attendance changed, must be caught with both the tally and the attendance
//! labelled; meaning-preserving rewrites must stay clean.

use referat::rules::Finding;

const M000: &str = include_str!("corpus/000_ff64f3bdf94122a9.txt");
const M001: &str = include_str!("corpus/001_719570b264c92903.txt");

fn vote_findings(text: &str) -> Vec<Finding> {
    referat::check_text("t.txt", text)
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("vote/") || f.rule == "parse/unrecognised-vote")
        .collect()
}

/// Replace exactly one occurrence (the `nth`) of `from`.
fn change(doc: &str, from: &str, to: &str, nth: usize) -> String {
    let (at, _) = doc
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("{from:?} not in document"));
    format!("{}{}{}", &doc[..at], to, &doc[at + from.len()..])
}

fn at(text: &str, span: referat::model::Span) -> &str {
    &text[span.offset..span.end()]
}

fn rules(f: &[Finding]) -> Vec<&str> {
    f.iter().map(|f| f.rule).collect()
}

#[test]
fn corpus_is_clean() {
    assert!(vote_findings(M000).is_empty(), "{:?}", vote_findings(M000));
    assert!(vote_findings(M001).is_empty(), "{:?}", vote_findings(M001));
}

#[test]
fn corpus_votes_are_extracted() {
    let m = referat::parse::parse(M000);
    let item8 = m.items.iter().find(|i| i.number == Some(8)).unwrap();
    assert_eq!(item8.votes.len(), 3);
    assert_eq!(item8.votes[0].for_.total(), Some(1));
    assert_eq!(item8.votes[0].against.total(), Some(4));
    assert_eq!(item8.votes[1].against.parties.len(), 3);
    assert!(item8.votes[2].unanimous);
    let total: usize = m.items.iter().map(|i| i.votes.len()).sum();
    assert_eq!(total, 3);
    let m = referat::parse::parse(M001);
    let item1 = m.items.iter().find(|i| i.number == Some(1)).unwrap();
    assert_eq!(item1.votes.len(), 1);
    assert_eq!(item1.votes[0].for_.names.len(), 6);
    assert_eq!(item1.votes[0].abstain.names, ["Lone Yalcinkaya"]);
}

#[test]
fn count_raised_beyond_present() {
    let doc = change(M000, "imod stemte C(2), O(1)", "imod stemte C(3), O(1)", 0);
    let f = vote_findings(&doc);
    let e = f
        .iter()
        .find(|f| f.rule == "vote/tally-exceeds-present")
        .expect("caught");
    assert!(at(&doc, e.span).starts_with("For ændringsforslaget stemte: B (1)"));
    let labels: Vec<&str> = e.labels.iter().map(|l| at(&doc, l.span)).collect();
    assert!(
        labels.iter().any(|l| l.starts_with("Mødedeltagere")),
        "{labels:?}"
    );
    assert!(labels.contains(&"Henrik Torning"), "{labels:?}");
    assert!(
        labels.iter().any(|l| l.contains("Emil Viskum")),
        "{labels:?}"
    );
    let args: Vec<_> = e.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert!(args.contains(&("count", "6")) && args.contains(&("present", "5")));
}

#[test]
fn count_lowered_below_present() {
    let doc = change(M000, "imod stemte C(2), O(1)", "imod stemte C(1), O(1)", 0);
    let f = vote_findings(&doc);
    assert!(rules(&f).contains(&"vote/tally-below-present"), "{f:?}");
    // C voted with 1 here and with 2 in the next vote.
    let c = f
        .iter()
        .find(|f| f.rule == "vote/party-seats-changed")
        .expect("party change caught");
    assert_eq!(at(&doc, c.span), "C(2)");
    assert_eq!(at(&doc, c.labels[0].span), "C(1)");
}

#[test]
fn outcome_flipped() {
    let doc = change(
        M000,
        "Dermed faldt ændringsforslaget.",
        "Dermed blev ændringsforslaget vedtaget.",
        0,
    );
    let f = vote_findings(&doc);
    assert_eq!(rules(&f), ["vote/outcome-contradicts-tally"]);
    assert_eq!(at(&doc, f[0].span), "vedtaget");
    assert_eq!(at(&doc, f[0].labels[0].span), "B (1)");

    let doc = change(M001, "Tiltrådt.", "Forkastet.", 0);
    let f = vote_findings(&doc);
    assert_eq!(rules(&f), ["vote/outcome-contradicts-tally"]);
}

#[test]
fn attendance_changed() {
    // Henrik Torning no longer recorded absent on item 8 (000 records it twice on the item,
    // in the decision and at its end): 6 present, 5 votes.
    let item8 = M000.find("Punkt 8:").unwrap();
    let (head, tail) = M000.split_at(item8);
    let doc = format!(
        "{head}{}",
        tail.replacen("Fraværende:\n\nHenrik Torning\n", "", 1)
            .replacen("Fraværende Henrik Torning\n", "", 1)
    );
    let f = vote_findings(&doc);
    assert!(rules(&f).contains(&"vote/tally-below-present"), "{f:?}");

    // Emil Viskum without "(Afbud)" in the header is still absent: item 8 says "Afbud Emil
    // Viskum" itself. Not a contradiction.
    let doc = change(M000, "Emil Viskum (Afbud)", "Emil Viskum", 0);
    assert!(vote_findings(&doc).is_empty());

    // 001 without the substitution sentence: the substitutes voting are unknown.
    let doc = change(
        M001,
        "Tom Vang Knudsen deltog i stedet for Kristine Henriksen og Lone Yalcinkaya deltog i stedet for Suleman Naim.",
        "",
        0,
    );
    let f = vote_findings(&doc);
    let unknown: Vec<&str> = f
        .iter()
        .filter(|f| f.rule == "vote/unknown-voter")
        .map(|f| at(&doc, f.span))
        .collect();
    assert_eq!(unknown, ["Tom Vang Knudsen", "Lone Yalcinkaya"]);
}

#[test]
fn unanimity_with_abstention() {
    let doc = change(
        M000,
        "Alle stemte for de tre oprindelige indstillingspunkter.",
        "Alle stemte for de tre oprindelige indstillingspunkter. Esat Senturk undlod at stemme.",
        0,
    );
    let f = vote_findings(&doc);
    let e = f
        .iter()
        .find(|f| f.rule == "vote/unanimous-with-dissent")
        .expect("caught");
    assert_eq!(at(&doc, e.span), "Alle stemte for");
    assert_eq!(at(&doc, e.labels[0].span), "Esat Senturk");
}

#[test]
fn replaced_member_named_as_voting() {
    let doc = change(M001, "Lone Yalcinkaya undlod", "Suleman Naim undlod", 0);
    let f = vote_findings(&doc);
    let e = f
        .iter()
        .find(|f| f.rule == "vote/absent-voter")
        .expect("caught");
    assert_eq!(at(&doc, e.span), "Suleman Naim");
    assert!(at(&doc, e.labels[0].span).contains("deltog i stedet for Suleman Naim"));
}

#[test]
fn voter_removed_or_counted_twice_or_unknown() {
    let doc = change(M001, "Ole Skrald, Rikke", "Rikke", 0);
    let f = vote_findings(&doc);
    let e = f
        .iter()
        .find(|f| f.rule == "vote/tally-below-present")
        .expect("caught");
    assert!(e.note.as_ref().unwrap().da.contains("Ole Skrald"));

    let doc = change(
        M001,
        "Lone Yalcinkaya undlod",
        "Ole Skrald og Lone Yalcinkaya undlod",
        0,
    );
    let f = vote_findings(&doc);
    let e = f
        .iter()
        .find(|f| f.rule == "vote/counted-twice")
        .expect("caught");
    assert_eq!(at(&doc, e.span), "Ole Skrald");
    assert_eq!(at(&doc, e.labels[0].span), "Ole Skrald");
    assert!(e.span != e.labels[0].span);

    let doc = change(
        M001,
        "Signe Ejersbo og Susanne",
        "Signe Ejersen og Susanne",
        0,
    );
    let f = vote_findings(&doc);
    assert!(rules(&f).contains(&"vote/unknown-voter"), "{f:?}");
}

#[test]
fn meaning_preserving_rewrites_stay_clean() {
    let rewrites: &[(&str, &str, &str)] = &[
        (
            M000,
            "For ændringsforslaget stemte: B (1), imod stemte C(2), O(1) og A(1).",
            "Imod ændringsforslaget stemte C (2), O (1) og A (1), for stemte B (1).",
        ),
        (
            M000,
            "For ændringsforslaget stemte: B (1), imod stemte C(2), O(1) og A(1).",
            "B (1) stemte for ændringsforslaget, C (2), O (1) og A (1) stemte imod.",
        ),
        (
            M000,
            "For ændringsforslaget stemte: B (1), imod stemte C(2), O(1) og A(1).",
            "For: B (1). Imod: C (2), O (1), A (1).",
        ),
        (
            M000,
            "For ændringsforslaget stemte: B (1), imod stemte C(2), O(1) og A(1). Dermed faldt ændringsforslaget.",
            "Ændringsforslaget faldt med 1 stemme mod 4.",
        ),
        (
            M000,
            "Alle stemte for de tre oprindelige indstillingspunkter.",
            "Enstemmigt vedtaget: 5 stemte for, 0 stemte imod, 0 undlod.",
        ),
        (
            M001,
            "Lone Yalcinkaya undlod at stemme.",
            "Lone Yalcinkaya stemte hverken for eller imod.",
        ),
        (
            M001,
            "Tiltrådt.",
            "Tiltrådt med 6 stemmer for og 0 imod, idet 1 undlod.",
        ),
    ];
    for (doc, from, to) in rewrites {
        let d = change(doc, from, to, 0);
        let f = vote_findings(&d);
        assert!(f.is_empty(), "{to:?}: {:?}", rules(&f));
    }
    // The two sentences of 001 in the other order are still one vote.
    let d = change(
        M001,
        "Et flertal af Beskæftigelses- og Integrationsudvalget (Michael Dorph Jensen, Tom Vang Knudsen, Ole Skrald, Rikke Louise Schilling, Signe Ejersbo og Susanne Damsgaard) stemte for.\n\nLone Yalcinkaya undlod at stemme.",
        "Lone Yalcinkaya undlod at stemme.\n\nEt flertal af Beskæftigelses- og Integrationsudvalget (Michael Dorph Jensen, Tom Vang Knudsen, Ole Skrald, Rikke Louise Schilling, Signe Ejersbo og Susanne Damsgaard) stemte for.",
        0,
    );
    assert!(vote_findings(&d).is_empty());
    let m = referat::parse::parse(&d);
    assert_eq!(m.items[0].votes.len(), 1);
}

/// Invented minutes of a body of seven (A 2, V 2, F, C, O), one item whose decision is
/// `decision`, and whose recommendation section ends with `recommendation`.
fn minutes(recommendation: &str, decision: &str) -> String {
    format!(
        "REFERAT Teknik- og Miljøudvalget d. 14-04-2026\n\n\
         Mødedato Tirsdag d. 14. april 2026 kl. 16:00\n\n\
         Mødested Mødelokale 2, Rådhuset\n\n\
         Mødedeltagere Anne Holm (A), Bjarne Dahl (A), Camilla Friis (V), Dennis Lund (V), \
         Eva Krogh (F), Frederik Skov (C), Gitte Bech (O)\n\n\
         Punkt 1: Renovering af svømmehallen\n\n26/1187\n\n\
         Indstilling\n\nAt udvalget godkender renoveringen.\n\n{recommendation}\n\n\
         Beslutning Teknik- og Miljøudvalget den 14-04-2026\n\n{decision}\n"
    )
}

/// The three false findings of issue 19: each wording is consistent with the seven present.
#[test]
fn a_count_after_the_last_party_is_the_groups() {
    let doc = minutes(
        "",
        "Et flertal bestående af A, V og F (5) stemte for. C og O (2) stemte imod.\n\nGodkendt.",
    );
    assert!(
        vote_findings(&doc).is_empty(),
        "{:?}",
        rules(&vote_findings(&doc))
    );
}

#[test]
fn a_party_letter_ending_a_sentence_is_no_voter() {
    let doc = minutes("", "For stemte A, V og F. Imod stemte C og O. Godkendt.");
    assert!(
        vote_findings(&doc).is_empty(),
        "{:?}",
        rules(&vote_findings(&doc))
    );
    let m = referat::parse::parse(&doc);
    let against = &m.items[0].votes[0].against;
    assert!(against.names.is_empty(), "{:?}", against.names);
}

#[test]
fn side_words_before_their_numbers_are_read() {
    let doc = minutes(
        "",
        "Afstemning: For 5, imod 2, hverken for eller imod 0\n\nGodkendt.",
    );
    assert!(
        vote_findings(&doc).is_empty(),
        "{:?}",
        rules(&vote_findings(&doc))
    );
    let m = referat::parse::parse(&doc);
    assert_eq!(m.items[0].votes[0].total(), Some(7));
}

#[test]
fn faults_in_the_new_phrasings_are_caught() {
    for (decision, rule) in [
        (
            "Et flertal bestående af A, V og F (6) stemte for. C og O (2) stemte imod.",
            "vote/tally-exceeds-present",
        ),
        (
            "Afstemning: For 5, imod 2, hverken for eller imod 1",
            "vote/tally-exceeds-present",
        ),
        (
            "Afstemning: For 4, imod 2, hverken for eller imod 0",
            "vote/tally-below-present",
        ),
        (
            "Forslaget blev vedtaget med 4 stemmer imod 5.",
            "vote/tally-exceeds-present",
        ),
        (
            "For stemte: 3 medlemmer af A, V og F. Imod stemte C og O.",
            "vote/party-exceeds-seats",
        ),
    ] {
        let f = vote_findings(&minutes("", decision));
        assert!(rules(&f).contains(&rule), "{decision:?}: {:?}", rules(&f));
    }
}

#[test]
fn another_bodys_quoted_decision_is_not_checked_against_this_meeting() {
    // Nine members of the finance committee recommended it; seven sit here.
    let doc = minutes(
        "Økonomiudvalget, 7. april 2026, pkt. 12:\n\n9 medlemmer (A+V+C) anbefaler indstillingen.",
        "Godkendt.",
    );
    assert!(
        vote_findings(&doc).is_empty(),
        "{:?}",
        rules(&vote_findings(&doc))
    );
    let m = referat::parse::parse(&doc);
    let v = &m.items[0].votes[0];
    assert_eq!(v.for_.total(), Some(9));
    assert_eq!(
        v.body.as_ref().map(|b| b.text.as_str()),
        Some("Økonomiudvalget")
    );
}
