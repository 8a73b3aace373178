//! 1,569 official Folketinget results (tests/data, from Daniel90mm/folkevalget, see
//! /work/shared/field/SOURCES.md). Every `konklusion` is read as a decision text: the outcome
//! read from the text must agree with the record's structured `vedtaget`, and the counts with
//! the numbers written in the text (found here independently by a plain scan for
//! "<side> stemte <N>"). The record's `counts` field is not ground truth and is not used.

use referat::lexicon::lexicon;
use referat::model::OutcomeKind;
use referat::parse::votes::parse_text;

/// The numbers written after "For stemte", "imod stemte", "hverken for eller imod stemte".
fn written_counts(text: &str) -> [Option<u32>; 3] {
    let mut out = [None; 3];
    let lower = text.to_lowercase();
    for (i, _) in lower.match_indices("stemte ") {
        let digits: String = lower[i + 7..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let Ok(n) = digits.parse::<u32>() else {
            continue;
        };
        let before = lower[..i].trim_end();
        let side = if before.ends_with("hverken for eller imod") {
            2
        } else if before.ends_with("imod") {
            1
        } else if before.ends_with("for") {
            0
        } else {
            continue;
        };
        out[side] = Some(n);
    }
    out
}

#[test]
fn every_folketinget_conclusion_parses() {
    let data = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/folkevalget_afstemninger_2022-2026_1569.json"
    ))
    .unwrap();
    let records: Vec<serde_json::Value> = serde_json::from_str(&data).unwrap();
    assert_eq!(records.len(), 1569);
    let (mut outcome_ok, mut counts_ok, mut with_counts, mut empty) = (0, 0, 0, 0);
    let (mut groups_read, mut contradictions) = (0, 0);
    let mut misses = Vec::new();
    for r in &records {
        let text = r["konklusion"].as_str().unwrap_or("");
        let vedtaget = r["vedtaget"].as_bool().unwrap();
        if text.trim().is_empty() {
            empty += 1;
            continue;
        }
        let (votes, unrecognised) = parse_text(text, 0, lexicon());
        let outcome = votes.first().and_then(|v| v.outcome_kind).or_else(|| {
            // "Vedtaget" alone: an outcome without a tally is no vote; read it the same way.
            let l = text.trim().to_lowercase();
            lexicon()
                .votes
                .adopted
                .contains(&l)
                .then_some(OutcomeKind::Adopted)
        });
        let expected = if vedtaget {
            OutcomeKind::Adopted
        } else {
            OutcomeKind::Rejected
        };
        if outcome == Some(expected) {
            outcome_ok += 1;
        } else {
            misses.push(format!("outcome {outcome:?} ≠ {expected:?}: {text:?}"));
        }
        let written = written_counts(text);
        if written.iter().all(Option::is_none) {
            continue;
        }
        with_counts += 1;
        let got = votes
            .first()
            .map(|v| [v.for_.count, v.against.count, v.abstain.count]);
        // The groups behind every non-zero count are read too ("(S, V, Jeppe Søe (UFG))").
        if votes.iter().all(|v| {
            [&v.for_, &v.against, &v.abstain]
                .iter()
                .all(|s| s.count.unwrap_or(0) == 0 || !s.parties.is_empty() || !s.names.is_empty())
        }) {
            groups_read += 1;
        }
        // The vote rules must not call an official result self-contradictory.
        let minutes = referat::model::Minutes {
            items: vec![referat::model::Item {
                number: Some(1),
                number_span: Default::default(),
                number_suffix: None,
                title: String::new(),
                title_span: Default::default(),
                case_no: None,
                closed: false,
                sections: Vec::new(),
                attendance: Default::default(),
                votes: votes.clone(),
                tables: Vec::new(),
                amounts: Vec::new(),
                span: Default::default(),
                implicit: false,
            }],
            ..Default::default()
        };
        let findings = referat::rules::run(&referat::rules::Context::new(&minutes));
        if findings.iter().any(|f| f.rule.starts_with("vote/")) {
            contradictions += 1;
            misses.push(format!("vote finding on an official result: {text:?}"));
        }
        if votes.len() == 1 && unrecognised.is_empty() && got == Some(written) {
            counts_ok += 1;
        } else {
            misses.push(format!(
                "counts {got:?} ≠ {written:?} ({} votes, {} unrecognised): {text:?}",
                votes.len(),
                unrecognised.len()
            ));
        }
    }
    let parseable = records.len() - empty;
    println!(
        "folkevalget: outcome agrees {outcome_ok}/{parseable} ({:.2}%), counts agree {counts_ok}/{with_counts} ({:.2}%); {empty} records have an empty konklusion",
        100.0 * outcome_ok as f64 / parseable as f64,
        100.0 * counts_ok as f64 / with_counts as f64,
    );
    println!(
        "folkevalget: groups read for {groups_read}/{with_counts}; vote findings on {contradictions} official results"
    );
    for m in misses.iter().take(20) {
        println!("  {m}");
    }
    assert_eq!(empty, 8, "8 records have no konklusion (SOURCES.md)");
    assert_eq!(outcome_ok, parseable, "every outcome must be read");
    assert_eq!(with_counts, 1560);
    assert_eq!(counts_ok, with_counts, "every count must be read");
    assert_eq!(groups_read, with_counts, "every group must be read");
    assert_eq!(contradictions, 0);
}

#[test]
fn oddities_parse() {
    // A remark inside the group and a missing comma before "hverken".
    let text = "Forslaget blev vedtaget. For stemte 60 (S, V og 1 RV (ved en fejl) ), imod stemte 50 (DD, SF) hverken for eller imod stemte 0.";
    let (v, u) = parse_text(text, 0, lexicon());
    assert!(u.is_empty(), "{u:?}");
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].for_.count, Some(60));
    let rv = &v[0].for_.parties[2];
    assert_eq!((rv.party.as_str(), rv.count), ("RV", Some(1)));
    assert_eq!(rv.note.as_deref(), Some("ved en fejl"));
    assert_eq!(v[0].against.count, Some(50));
    assert_eq!(v[0].abstain.count, Some(0));
    assert_eq!(v[0].outcome_kind, Some(OutcomeKind::Adopted));
}
