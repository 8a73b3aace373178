//! The structure/attendance/name/date families on the real corpus: what they find on the
//! unchanged documents (real inconsistencies, nothing else), and faulty copies derived with
//! `str::replace` that must be caught with both sides of the contradiction labelled.

use referat::rules::Finding;
use std::path::Path;

const FAMILIES: &[&str] = &["structure/", "attendance/", "name/", "date/"];

fn corpus(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(name)
        {
            return std::fs::read_to_string(path).unwrap();
        }
    }
    panic!("no corpus file {name}");
}

fn ours(text: &str) -> Vec<Finding> {
    referat::check_text("t", text)
        .findings
        .into_iter()
        .filter(|f| FAMILIES.iter().any(|p| f.rule.starts_with(p)))
        .collect()
}

fn at(text: &str, span: referat::model::Span) -> &str {
    &text[span.offset..span.end()]
}

fn rules_of(findings: &[Finding]) -> Vec<&'static str> {
    let mut r: Vec<_> = findings.iter().map(|f| f.rule).collect();
    r.sort();
    r
}

fn only<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// Replace exactly the first occurrence, and insist the original text is there.
fn replace_first(text: &str, from: &str, to: &str) -> String {
    assert!(
        text.contains(from),
        "corpus text changed: {from:?} not found"
    );
    text.replacen(from, to, 1)
}

// ---------------------------------------------------------------- the unchanged corpus

#[test]
fn corpus_000_findings() {
    let text = corpus("000");
    let f = ours(&text);
    assert_eq!(
        rules_of(&f),
        vec![
            "name/spelling-variant",
            "name/spelling-variant",
            "structure/decision-body-mismatch"
        ]
    );
    let body = only(&f, "structure/decision-body-mismatch")[0];
    assert_eq!(at(&text, body.span), "Arbejdsmarkedets- og Socialudvalget");
    assert_eq!(
        at(&text, body.labels[0].span),
        "Arbejdsmarkeds- og Socialudvalget"
    );
    assert_eq!(body.item, Some(8));
}

#[test]
fn corpus_001_findings() {
    let text = corpus("001");
    let f = ours(&text);
    assert_eq!(
        rules_of(&f),
        vec![
            "attendance/present-but-replaced-everywhere",
            "attendance/present-but-replaced-everywhere",
            "date/year-range",
            "date/year-range"
        ]
    );
    let replaced: Vec<_> = only(&f, "attendance/present-but-replaced-everywhere")
        .iter()
        .map(|x| at(&text, x.span))
        .collect();
    assert!(replaced[0].starts_with("Kristine Henriksen"));
    assert!(replaced[1].starts_with("Suleman Naim"));
    for r in only(&f, "date/year-range") {
        assert_eq!(at(&text, r.span), "2026-2026");
        assert_eq!(at(&text, r.labels[0].span), "2026-2029");
    }
}

#[test]
fn corpus_002_is_clean() {
    assert!(ours(&corpus("002")).is_empty());
}

#[test]
fn corpus_003_findings() {
    let text = corpus("003");
    let f = ours(&text);
    assert_eq!(
        rules_of(&f),
        vec![
            "attendance/afbud-missing-on-item",
            "attendance/present-but-absent-everywhere",
            "attendance/present-but-absent-everywhere"
        ]
    );
    let lee = only(&f, "attendance/afbud-missing-on-item")[0];
    assert!(at(&text, lee.span).starts_with("Hanne Lee"));
    assert!(at(&text, lee.labels[0].span).starts_with("Fraværende"));
    let absent: Vec<_> = only(&f, "attendance/present-but-absent-everywhere")
        .iter()
        .map(|x| at(&text, x.span))
        .collect();
    assert_eq!(absent, vec!["Raul Puf", "Mohammed Hamad"]);
}

#[test]
fn corpus_004_findings() {
    let text = corpus("004");
    let f = ours(&text);
    assert_eq!(
        rules_of(&f),
        vec!["attendance/present-but-absent-everywhere"]
    );
    assert!(at(&text, f[0].span).starts_with("Susanne Provstgaard"));
    assert_eq!(at(&text, f[0].labels[0].span), "Susanne Provstgaard");
}

#[test]
fn aarhus_is_clean() {
    for name in [
        "aarhus_byraad_2025-08-27",
        "aarhus_byraad_2025-10-08",
        "aarhus_teknisk",
    ] {
        let f = ours(&corpus(name));
        assert!(f.is_empty(), "{name}: {:?}", rules_of(&f));
    }
}

/// No name/* finding anywhere but the two real spelling variants of corpus 000 — also on the
/// field material when it is next to the repository.
#[test]
fn name_findings_only_for_real_variants() {
    let mut files: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
    if let Ok(field) =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/field"))
    {
        files.extend(
            field
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt")),
        );
    }
    let mut pairs = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for f in referat::check_text("t", &text).findings {
            if f.rule.starts_with("name/") {
                pairs.push(format!(
                    "{} / {}",
                    at(&text, f.labels[0].span),
                    at(&text, f.span)
                ));
            }
        }
    }
    pairs.sort();
    assert_eq!(
        pairs,
        vec![
            "Annemette Bak / Anne Mette Bak",
            "Esat Senturk / Esat Sentürk"
        ]
    );
}

// ---------------------------------------------------------------- faulty copies

#[test]
fn weekday_changed_in_mødedato() {
    let text = replace_first(
        &corpus("000"),
        "Mødedato Onsdag d. 15.",
        "Mødedato Tirsdag d. 15.",
    );
    let f = ours(&text);
    let w = only(&f, "date/weekday-mismatch");
    assert_eq!(w.len(), 1);
    assert_eq!(at(&text, w[0].span), "Tirsdag");
    assert_eq!(at(&text, w[0].labels[0].span), " d. 15. april 2026");
}

#[test]
fn weekday_changed_on_signature_sheet() {
    let text = replace_first(
        &corpus("000"),
        "torsdag den 16. april 2026",
        "fredag den 16. april 2026",
    );
    let f = ours(&text);
    let w = only(&f, "date/weekday-mismatch");
    assert_eq!(w.len(), 1);
    assert_eq!(at(&text, w[0].span), "fredag");
}

#[test]
fn decision_date_changed() {
    let text = replace_first(
        &corpus("000"),
        "Beslutning Arbejdsmarkeds- og Socialudvalget den 15-04-2026",
        "Beslutning Arbejdsmarkeds- og Socialudvalget den 14-04-2026",
    );
    let f = ours(&text);
    let d = only(&f, "date/meeting-date-mismatch");
    assert_eq!(d.len(), 1);
    assert_eq!(at(&text, d[0].span), "14-04-2026");
    assert_eq!(at(&text, d[0].labels[0].span), "Onsdag d. 15. april 2026");
    assert_eq!(d[0].item, Some(2));
}

#[test]
fn title_date_changed() {
    let text = replace_first(
        &corpus("004"),
        "Uddannelsesudvalget d. 03-02-2026",
        "Uddannelsesudvalget d. 04-02-2026",
    );
    let f = ours(&text);
    let d = only(&f, "date/meeting-date-mismatch");
    assert!(!d.is_empty());
    assert_eq!(at(&text, d[0].span), "04-02-2026");
}

#[test]
fn header_afbud_removed() {
    let text = replace_first(&corpus("000"), "Emil Viskum (Afbud)", "Emil Viskum");
    let f = ours(&text);
    let a = only(&f, "attendance/present-but-absent-everywhere");
    assert_eq!(a.len(), 1);
    assert_eq!(at(&text, a[0].span), "Emil Viskum");
    assert_eq!(at(&text, a[0].labels[0].span), "Emil Viskum");
    assert!(a[0].labels[0].span.offset > a[0].span.offset);
}

#[test]
fn absent_member_signs() {
    let mut text = corpus("000");
    text = replace_first(
        &text,
        "Turan Akbulut\n\nStatus\n\n",
        "Turan Akbulut\n\nEmil Viskum\n\nStatus\n\nGodkendt\n\n",
    );
    text = replace_first(
        &text,
        "Dato for godkendelse\n\n",
        "Dato for godkendelse\n\nonsdag den 15. april 2026\n\n",
    );
    let f = ours(&text);
    let s = only(&f, "attendance/absent-member-signed");
    assert_eq!(s.len(), 1);
    assert_eq!(at(&text, s[0].span), "Emil Viskum");
    assert!(at(&text, s[0].labels[0].span).starts_with("Emil Viskum"));
    assert!(
        s[0].labels[0].span.offset < 300,
        "the label points at the participant list"
    );
}

#[test]
fn attendee_missing_from_sheet() {
    let text = replace_first(
        &corpus("000"),
        "Flemming Hansen\n\nHenrik Torning\n\n",
        "Henrik Torning\n\n",
    );
    let f = ours(&text);
    let s = only(&f, "attendance/attendee-not-signed");
    assert_eq!(s.len(), 1);
    assert_eq!(at(&text, s[0].span), "Flemming Hansen");
}

#[test]
fn unknown_absentee() {
    let text = replace_first(
        &corpus("004"),
        "Afbud: Susanne Provstgaard (V).",
        "Afbud: Jens Holm (V).",
    );
    let f = ours(&text);
    let u = only(&f, "attendance/unknown-member");
    assert_eq!(u.len(), 1);
    assert_eq!(at(&text, u[0].span), "Jens Holm");
    assert!(at(&text, u[0].labels[0].span).starts_with("Mødedeltagere"));
    assert_eq!(u[0].item, Some(10));
}

#[test]
fn toc_line_dropped() {
    let text = replace_first(
        &corpus("000"),
        "5. A - Introduktionsture - ASU.....\t8\n",
        "",
    );
    let f = ours(&text);
    let m = only(&f, "structure/toc-missing-item");
    assert_eq!(m.len(), 1);
    assert_eq!(at(&text, m[0].span), "5. A - Introduktionsture - ASU");
    assert!(at(&text, m[0].labels[0].span).starts_with("Lukket....."));
    assert!(only(&f, "structure/toc-title-mismatch").is_empty());
}

#[test]
fn item_renamed() {
    let text = replace_first(
        &corpus("003"),
        "Punkt 8: Kommunikation (B)",
        "Punkt 8: Presse og kommunikation (B)",
    );
    let f = ours(&text);
    let m = only(&f, "structure/toc-title-mismatch");
    assert_eq!(m.len(), 1, "{:?}", rules_of(&f));
    assert_eq!(at(&text, m[0].span), "Kommunikation (B)");
    assert_eq!(
        at(&text, m[0].labels[0].span),
        "Presse og kommunikation (B)"
    );
}

#[test]
fn item_renumbered() {
    let text = replace_first(&corpus("002"), "Punkt 34:", "Punkt 33:");
    let f = ours(&text);
    let d = only(&f, "structure/duplicate-item-number");
    assert_eq!(d.len(), 1);
    assert_eq!(at(&text, d[0].span), "33");
    assert_eq!(at(&text, d[0].labels[0].span), "33");
    assert!(d[0].labels[0].span.offset < d[0].span.offset);

    let text = replace_first(&corpus("002"), "Punkt 34:", "Punkt 37:");
    let f = ours(&text);
    assert!(!only(&f, "structure/item-number-gap").is_empty());
}

#[test]
fn toc_reordered() {
    let text = replace_first(
        &corpus("002"),
        "Godkendelse af dagsorden.....\t3\nGodkendelse af referat.....\t4\n",
        "Godkendelse af referat.....\t4\nGodkendelse af dagsorden.....\t3\n",
    );
    let f = ours(&text);
    assert_eq!(
        only(&f, "structure/toc-order").len(),
        1,
        "{:?}",
        rules_of(&f)
    );
}

#[test]
fn impossible_date() {
    let text = replace_first(
        &corpus("004"),
        "Godkendt.",
        "Godkendt. Næste møde 29-02-2027.",
    );
    let f = ours(&text);
    let d = only(&f, "date/impossible-date");
    assert_eq!(d.len(), 1);
    assert_eq!(at(&text, d[0].span), "29-02-2027");
}

#[test]
fn decision_without_beslutning() {
    let text = replace_first(
        &corpus("002"),
        "Beslutning\n\nGodkendt\n",
        "Bemærkning\n\nGodkendt\n",
    );
    let f = ours(&text);
    let d = only(&f, "structure/no-decision");
    assert_eq!(d.len(), 1, "{:?}", rules_of(&f));
    assert_eq!(d[0].item, Some(31));
}
