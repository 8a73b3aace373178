//! Faulty copies of the corpus: one cell, total, difference or prose figure changed with
//! `str::replace` must be caught with the right cells labelled; reordered rows stay clean.

use referat::rules::Finding;

fn doc(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(name))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

fn ours(text: &str) -> Vec<Finding> {
    referat::check_text("faulty.txt", text)
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("table/") || f.rule.starts_with("amount/"))
        .collect()
}

/// Replace `from` (which must occur once) by `to`; the offset where `to` now starts.
fn fault(text: &str, from: &str, to: &str) -> (String, usize) {
    assert_eq!(text.matches(from).count(), 1, "{from:?} occurs once");
    let at = text.find(from).unwrap();
    (text.replacen(from, to, 1), at)
}

/// The span of `needle` inside the replaced line starting at `line_at`.
fn span_in(text: &str, line_at: usize, needle: &str) -> usize {
    line_at + text[line_at..].find(needle).unwrap()
}

fn find<'a>(fs: &'a [Finding], rule: &str, offset: usize) -> &'a Finding {
    fs.iter()
        .find(|f| f.rule == rule && f.span.offset == offset)
        .unwrap_or_else(|| panic!("no {rule} at {offset}: {fs:#?}"))
}

fn labelled(f: &Finding, offset: usize) -> bool {
    f.labels.iter().any(|l| l.span.offset == offset)
}

#[test]
fn the_corpus_is_clean() {
    assert!(ours(&doc("000")).is_empty());
    assert!(ours(&doc("001")).is_empty());
}

#[test]
fn changed_total_000_hovedtotal() {
    let (t, at) = fault(&doc("000"), "Hovedtotal\t154\t47", "Hovedtotal\t155\t47");
    let fs = ours(&t);
    let f = find(&fs, "table/column-total", span_in(&t, at, "155"));
    assert!(f.args.contains(&("expected", "154".into())));
    assert!(f.args.contains(&("printed", "155".into())));
    // Every summand is labelled, e.g. "Arbejde 47".
    assert!(labelled(
        f,
        t.find("Arbejde\t47").unwrap() + "Arbejde\t".len()
    ));
    assert_eq!(fs.len(), 1, "{fs:#?}");
}

#[test]
fn changed_cell_000_arbejde() {
    let (t, at) = fault(&doc("000"), "Arbejde\t47\t14", "Arbejde\t57\t14");
    let fs = ours(&t);
    let total = t.find("Hovedtotal\t154").unwrap() + "Hovedtotal\t".len();
    let f = find(&fs, "table/column-total", total);
    assert!(labelled(f, span_in(&t, at, "57")));
    assert!(f.args.contains(&("expected", "164".into())));
}

#[test]
fn heraf_larger_than_parent() {
    let (t, at) = fault(&doc("000"), "Udvandret\t2\t2", "Udvandret\t2\t3");
    let fs = ours(&t);
    let cell = at + "Udvandret\t2\t".len();
    let f = find(&fs, "table/part-exceeds-whole", cell);
    assert!(labelled(f, at + "Udvandret\t".len()));
    // The Heraf column no longer adds up either.
    assert!(fs.iter().any(|f| f.rule == "table/column-total"));
}

#[test]
fn changed_difference_000_egenfinansiering() {
    let (t, at) = fault(
        &doc("000"),
        "2027\t448.800\t374.000\t74.800",
        "2027\t448.800\t374.000\t84.800",
    );
    let fs = ours(&t);
    let cell = span_in(&t, at, "84.800");
    let f = find(&fs, "table/row-relation", cell);
    assert!(labelled(f, at + "2027\t".len()), "Udgift labelled");
    assert!(
        labelled(f, at + "2027\t448.800\t".len()),
        "Indtægt labelled"
    );
    assert!(f.args.contains(&("expected", "74.800".into())));
    // Only the changed row disagrees.
    assert_eq!(
        fs.iter().filter(|f| f.rule == "table/row-relation").count(),
        1
    );
}

#[test]
fn changed_total_001_i_alt_beyond_rounding() {
    let (t, at) = fault(&doc("001"), "I alt\t1.070,9", "I alt\t1.080,9");
    let fs = ours(&t);
    let f = find(&fs, "table/column-total", span_in(&t, at, "1.080,9"));
    assert!(f.args.contains(&("expected", "1.071,0".into())));
    assert!(f
        .args
        .contains(&("interval", "[1.070,85; 1.071,15]".into())));
    // The document's own rounding note is mentioned and labelled.
    assert!(f.note.as_ref().unwrap().en.contains("rounding"));
    let note = t.find("Note: Totalerne").unwrap();
    assert!(labelled(f, note));
    // Afvigelse: Vedtaget budget on the total row no longer equals Vedtaget − Forventet.
    let diff = find(&fs, "table/row-relation", span_in(&t, at, "14,9"));
    assert!(labelled(diff, span_in(&t, at, "1.080,9")));
}

#[test]
fn changed_cell_001_forventet_forbrug() {
    let (t, at) = fault(
        &doc("001"),
        "Forsørgelse\t870,2\t870,2\t870,2\t0\t0",
        "Forsørgelse\t870,2\t870,2\t860,2\t0\t0",
    );
    let fs = ours(&t);
    let changed = span_in(&t, at, "860,2");
    let total_row = t.find("I alt\t1.070,9").unwrap();
    let f = find(&fs, "table/column-total", span_in(&t, total_row, "1.056,0"));
    assert!(labelled(f, changed));
    // Both Afvigelse columns disagree on the Forsørgelse row, and label the changed cell.
    let rel: Vec<_> = fs
        .iter()
        .filter(|f| f.rule == "table/row-relation")
        .collect();
    assert_eq!(rel.len(), 2, "{rel:#?}");
    assert!(rel.iter().all(|f| labelled(f, changed)));
}

#[test]
fn changed_difference_001_total() {
    let (t, at) = fault(&doc("001"), "14,9\t29,3", "15,9\t29,3");
    let fs = ours(&t);
    let cell = span_in(&t, at, "15,9");
    find(&fs, "table/column-total", cell);
    find(&fs, "table/row-relation", cell);
}

#[test]
fn changed_prose_egenfinansiering() {
    let (t, at) = fault(
        &doc("000"),
        "egenfinansiering på samlet 149.600 kr.",
        "egenfinansiering på samlet 194.600 kr.",
    );
    let fs = ours(&t);
    let amount = span_in(&t, at, "194.600");
    let f = find(&fs, "amount/financing-difference", amount);
    assert!(f.args.contains(&("expected", "149.600".into())));
    assert!(labelled(
        f,
        t.find("udgiftsbevilling på 1.146.600").unwrap() + "udgiftsbevilling på ".len()
    ));
    find(&fs, "amount/differs-from-table", amount);
}

#[test]
fn changed_prose_expense() {
    let (t, at) = fault(&doc("000"), "udgør 1.146.600. kr.", "udgør 1.246.600. kr.");
    let fs = ours(&t);
    let f = find(
        &fs,
        "amount/differs-from-table",
        span_in(&t, at, "1.246.600"),
    );
    let total = t.find("Total\t1.146.600").unwrap() + "Total\t".len();
    assert!(labelled(f, total));
}

#[test]
fn changed_breakdown_part() {
    let (t, at) = fault(
        &doc("001"),
        "Fordelingen er 89 børn",
        "Fordelingen er 99 børn",
    );
    let fs = ours(&t);
    let total = t.find("i alt visiteret 370").unwrap() + "i alt visiteret ".len();
    let f = find(&fs, "amount/breakdown-total", total);
    assert!(labelled(f, span_in(&t, at, "99")));
    assert!(f.args.contains(&("expected", "380".into())));
}

#[test]
fn reordered_rows_stay_clean() {
    let t = doc("000")
        .replacen(
            "Arbejde\t47\t14\nFørtidspension\t31\t5\n",
            "Førtidspension\t31\t5\nArbejde\t47\t14\n",
            1,
        )
        .replacen(
            "2026\t249.000\t249.000\t0\n2027\t448.800\t374.000\t74.800\n",
            "2027\t448.800\t374.000\t74.800\n2026\t249.000\t249.000\t0\n",
            1,
        );
    assert_ne!(t, doc("000"));
    assert!(ours(&t).is_empty());
    let t = doc("001").replacen(
        "Aktivering\t152,2\t159,3\t143,9\t8,3\t15,4\nForsørgelse\t870,2\t870,2\t870,2\t0\t0\n",
        "Forsørgelse\t870,2\t870,2\t870,2\t0\t0\nAktivering\t152,2\t159,3\t143,9\t8,3\t15,4\n",
        1,
    );
    assert_ne!(t, doc("001"));
    assert!(ours(&t).is_empty());
}

#[test]
fn changed_prose_mindreforbrug() {
    let (t, at) = fault(
        &doc("001"),
        "viser et forventet mindreforbrug på 14,9 mio. kr.",
        "viser et forventet mindreforbrug på 19,4 mio. kr.",
    );
    let fs = ours(&t);
    let f = find(&fs, "amount/differs-from-table", span_in(&t, at, "19,4"));
    // Points at the total row of an Afvigelse column.
    let total = t.find("I alt\t1.070,9").unwrap();
    assert!(f
        .labels
        .iter()
        .any(|l| l.span.offset > total && l.span.offset < total + 40));
}
