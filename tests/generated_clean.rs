//! Every generated document is internally consistent, so referat must find no error and no
//! warning in it: a false-positive test over hundreds of varied documents (the same generator
//! feeds the benchmarks).

#[path = "../benches/generator.rs"]
mod generator;

use referat::rules::Severity;

#[test]
fn generated_minutes_come_out_clean() {
    let mut rng = fastrand::Rng::with_seed(11);
    let mut problems = Vec::new();
    for n in 0..200 {
        let target = rng.usize(2_000..30_000);
        let doc = generator::document(&mut rng, target);
        let checked = referat::check_text("gen.txt", &doc);
        assert!(
            !checked.minutes.items.is_empty(),
            "document {n}: no items recognised"
        );
        for f in &checked.findings {
            let severity = referat::catalogue::rule(f.rule).map(|d| d.severity);
            if severity >= Some(Severity::Warning) {
                let at = &doc[f.span.offset..f.span.end().min(doc.len())];
                problems.push(format!("document {n}: {} at {:?}", f.rule, at));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} findings on consistent documents:\n{}",
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );
}
