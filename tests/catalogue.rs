//! Every rule in the catalogue is documented, and every `fails` example triggers its rule
//! while every `passes` example does not. A rule without both kinds of example fails here.

use referat::catalogue::{catalogue, Lang};

#[test]
fn every_rule_has_complete_documentation() {
    assert!(!catalogue().is_empty());
    for (id, doc) in catalogue() {
        assert_eq!(
            &doc.id, id,
            "rules/{id}.toml: id field must match the file name"
        );
        assert!(!doc.summary.trim().is_empty(), "{id}: summary");
        assert!(
            doc.explanation.trim().len() > 40,
            "{id}: explanation too short"
        );
        assert!(
            !doc.message.da.trim().is_empty() && !doc.message.en.trim().is_empty(),
            "{id}: message"
        );
        assert!(
            !doc.fails.is_empty(),
            "{id}: needs at least one fails example"
        );
        assert!(
            !doc.passes.is_empty(),
            "{id}: needs at least one passes example"
        );
        let family = id.split('/').next().unwrap();
        assert!(
            [
                "vote",
                "table",
                "amount",
                "attendance",
                "date",
                "structure",
                "name",
                "parse"
            ]
            .contains(&family),
            "{id}: unknown family"
        );
    }
}

#[test]
fn every_example_behaves_as_documented() {
    let mut problems = Vec::new();
    for (id, doc) in catalogue() {
        for (i, ex) in doc.fails.iter().enumerate() {
            let checked = referat::check_example(&format!("{id}/fails/{i}"), ex);
            if !checked.findings.iter().any(|f| f.rule == id) {
                let got: Vec<_> = checked.findings.iter().map(|f| f.rule).collect();
                problems.push(format!(
                    "{id}: fails example {i} did not trigger the rule (got {got:?})"
                ));
            }
        }
        for (i, ex) in doc.passes.iter().enumerate() {
            let checked = referat::check_example(&format!("{id}/passes/{i}"), ex);
            if checked.findings.iter().any(|f| f.rule == id) {
                problems.push(format!("{id}: passes example {i} triggered the rule"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_renders_in_both_languages() {
    for doc in catalogue().values() {
        for lang in [Lang::Da, Lang::En] {
            let text = referat::commands::explain_text(doc, lang);
            assert!(text.contains(&doc.id));
        }
    }
}
