//! The structure/attendance/name/date rules fire only on their own catalogue examples: no
//! example of any other rule (fails or passes) triggers them by accident.

use referat::catalogue::catalogue;

const FAMILIES: &[&str] = &["structure/", "attendance/", "name/", "date/"];

#[test]
fn checks_fire_only_on_their_own_examples() {
    let mut problems = Vec::new();
    for (id, doc) in catalogue() {
        for (kind, examples) in [("fails", &doc.fails), ("passes", &doc.passes)] {
            for (i, ex) in examples.iter().enumerate() {
                let checked = referat::check_text("example", &ex.text);
                for f in &checked.findings {
                    if f.rule != id && FAMILIES.iter().any(|p| f.rule.starts_with(p)) {
                        problems.push(format!("{id} {kind} example {i} triggers {}", f.rule));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
