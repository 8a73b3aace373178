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
