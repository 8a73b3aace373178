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

/// Every finding of every `fails` example renders its message and help in both languages
/// with every placeholder filled (an arg a template names but the rule does not pass would
/// show as "{side_en}"), and without the "(s)"/"(er)" a plural placeholder replaces.
#[test]
fn every_example_message_is_filled_in_both_languages() {
    let mut problems = Vec::new();
    for (id, doc) in catalogue() {
        for (i, ex) in doc.fails.iter().enumerate() {
            let checked = referat::check_example(&format!("{id}/fails/{i}"), ex);
            for f in &checked.findings {
                let head = referat::catalogue::head(f.rule).unwrap();
                for lang in [Lang::Da, Lang::En] {
                    let mut texts = vec![head.message.render(lang, &f.args)];
                    texts.extend(head.help.as_ref().map(|h| h.render(lang, &f.args)));
                    for text in texts {
                        let unfilled = text.contains('{') || text.contains('}');
                        let hedged = ["(s)", "(er)", "(r)", "(mer)"]
                            .iter()
                            .any(|p| text.contains(p));
                        if unfilled || hedged {
                            problems.push(format!("{id} fails {i}, {}: {text}", f.rule));
                        }
                    }
                }
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

/// Every rule id a rule module emits (`Finding::new("family/name", …)`) has a catalogue file:
/// the reporter takes severity and message from the catalogue, so an undocumented id would
/// be dropped.
#[test]
fn every_emitted_rule_id_is_in_the_catalogue() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut missing = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for piece in text.split("Finding::new(").skip(1) {
            let Some(id) = piece
                .trim_start()
                .strip_prefix('"')
                .and_then(|p| p.split('"').next())
            else {
                continue;
            };
            seen += 1;
            if catalogue().get(id).is_none() {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(seen > 30, "found only {seen} Finding::new calls");
    assert!(
        missing.is_empty(),
        "rule ids without a catalogue file:\n{}",
        missing.join("\n")
    );
}
