//! With a roster in referat.toml, the vote rules take party letters from it: corpus 000
//! writes no party letters in its participant list, so only a roster lets referat check the
//! party counts ("C(2)") against the seats present.

use referat::config::Config;
use referat::rules::selection::Policy;

const ROSTER: &str = r#"
[[body]]
name = "Arbejdsmarkeds- og Socialudvalget"
aliases = ["ASU"]
size = 7
[[body.member]]
name = "Annemette Bak"
party = "B"
[[body.member]]
name = "Esat Senturk"
party = "C"
[[body.member]]
name = "Melis Aydin"
party = "C"
[[body.member]]
name = "Flemming Hansen"
party = "O"
[[body.member]]
name = "Turan Akbulut"
party = "A"
[[body.member]]
name = "Emil Viskum"
party = "V"
[[body.member]]
name = "Henrik Torning"
party = "V"
"#;

fn party_findings(text: &str) -> Vec<String> {
    let config = Config::parse(
        std::path::Path::new("referat.toml"),
        ROSTER,
        std::path::PathBuf::from("."),
    )
    .unwrap();
    let source = referat::source::Source::from_text("000.txt", text);
    let checked = referat::check_source_with(source, &config, &Policy::default());
    assert_eq!(
        checked.body.as_deref(),
        Some("Arbejdsmarkeds- og Socialudvalget")
    );
    checked
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("vote/party"))
        .map(|f| f.rule.to_string())
        .collect()
}

#[test]
fn roster_parties_make_party_counts_checkable() {
    let text = include_str!("corpus/000_ff64f3bdf94122a9.txt");
    assert!(
        party_findings(text).is_empty(),
        "the real document agrees with the roster"
    );
    // A party of one (A: Turan Akbulut) casting two votes.
    let faulty = text.replace(
        "imod stemte C(2), O(1) og A(1)",
        "imod stemte C(2), O(1) og A(2)",
    );
    assert!(party_findings(&faulty).contains(&"vote/party-exceeds-seats".to_string()));
}

/// Without a participant list, the roster's size still bounds a tally.
#[test]
fn roster_size_bounds_a_tally_without_participant_list() {
    let config = Config::parse(
        std::path::Path::new("referat.toml"),
        ROSTER,
        std::path::PathBuf::from("."),
    )
    .unwrap();
    let doc = |tally: &str| {
        format!("REFERAT Arbejdsmarkeds- og Socialudvalget d. 15-04-2026\n\nPunkt 1: Salg af grund\n\nBeslutning\n\n{tally}\n")
    };
    let rules = |text: String| {
        let checked = referat::check_source_with(
            referat::source::Source::from_text("x.txt", &text),
            &config,
            &Policy::default(),
        );
        checked.findings.iter().map(|f| f.rule).collect::<Vec<_>>()
    };
    assert!(rules(doc(
        "For stemte 9, imod stemte 0, hverken for eller imod stemte 0. Forslaget blev vedtaget."
    ))
    .contains(&"vote/tally-exceeds-present"));
    assert!(!rules(doc(
        "For stemte 5, imod stemte 2, hverken for eller imod stemte 0. Forslaget blev vedtaget."
    ))
    .contains(&"vote/tally-exceeds-present"));
}
