//! Table extraction on the real corpus: every cell's text, value and span.

use referat::model::{ColumnKind, Table};
use rust_decimal::Decimal;
use std::str::FromStr;

fn doc(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(name))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

fn tables(text: &str, item: u32) -> Vec<Table> {
    let m = referat::parse::parse(text);
    m.items
        .into_iter()
        .find(|i| i.number == Some(item))
        .unwrap()
        .tables
}

/// Every cell's span points at exactly its text.
fn spans_hold(text: &str, t: &Table) {
    for c in t
        .header
        .iter()
        .chain(t.all_rows().flat_map(|r| r.cells.iter()))
    {
        assert_eq!(&text[c.span.offset..c.span.end()], c.text);
    }
    for r in t.all_rows() {
        let line = &text[r.span.offset..r.span.end()];
        assert!(!line.contains('\n'), "row span is one line: {line:?}");
    }
}

fn texts(t: &Table) -> Vec<Vec<String>> {
    t.all_rows()
        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
        .collect()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn corpus_000_item_6_heraf_table() {
    let text = doc("000");
    let ts = tables(&text, 6);
    assert_eq!(ts.len(), 1);
    let t = &ts[0];
    spans_hold(&text, t);
    assert!(t
        .caption
        .as_ref()
        .unwrap()
        .text
        .starts_with("Tabel 1: Borgere"));
    let header: Vec<_> = t.header.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        header,
        [
            "Afslutningsårsager",
            "Antal borgere",
            "Heraf omfattet af arbejdspligt"
        ]
    );
    assert_eq!(t.rows.len(), 15);
    assert_eq!(texts(t)[0], ["Arbejde", "47", "14"]);
    // Blank cells stay blank.
    assert_eq!(texts(t)[9], ["Afslag på bevilling", "1", ""]);
    assert_eq!(t.rows[9].cells[2].value, None);
    let total = t.total_row.as_ref().unwrap();
    assert_eq!(total.cells[0].text, "Hovedtotal");
    assert_eq!(total.cells[1].value.as_ref().unwrap().value, d("154"));
    assert_eq!(total.cells[2].value.as_ref().unwrap().value, d("47"));
    let kinds: Vec<_> = t.columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [ColumnKind::Label, ColumnKind::Number, ColumnKind::Number]
    );
    assert_eq!(t.rounding_note, None);
}

#[test]
fn corpus_000_item_7_years_are_labels() {
    let text = doc("000");
    let ts = tables(&text, 7);
    assert_eq!(ts.len(), 1);
    let t = &ts[0];
    spans_hold(&text, t);
    assert_eq!(
        texts(t),
        [
            ["2026", "249.000", "249.000", "0"],
            ["2027", "448.800", "374.000", "74.800"],
            ["2028", "448.800", "374.000", "74.800"],
            ["Total", "1.146.600", "997.000", "149.600"],
        ]
    );
    assert_eq!(t.columns[0].kind, ColumnKind::Year);
    assert_eq!(
        t.rows[1].cells[1].value.as_ref().unwrap().value,
        d("448800")
    );
    assert_eq!(t.rows[1].cells[1].value.as_ref().unwrap().decimals, 0);
    assert_eq!(
        t.total_row.as_ref().unwrap().cells[3]
            .value
            .as_ref()
            .unwrap()
            .value,
        d("149600")
    );
}

#[test]
fn corpus_001_item_2_budget_tables_in_mio_kr() {
    let text = doc("001");
    let ts = tables(&text, 2);
    assert_eq!(ts.len(), 2);
    let (t1, t2) = (&ts[0], &ts[1]);
    spans_hold(&text, t1);
    spans_hold(&text, t2);
    assert_eq!(t1.unit.as_deref(), Some("mio. kr."));
    assert_eq!(t1.rows.len(), 1);
    assert!(t1.total_row.is_none());
    assert_eq!(
        texts(t1),
        [["Øvrige udgifter (Servicerammen)", "48,6", "41,9", "6,7"]]
    );
    assert_eq!(t2.unit.as_deref(), Some("mio. kr."));
    assert_eq!(t2.header[4].text, "Afvigelse: Vedtaget budget");
    assert_eq!(t2.rows.len(), 3);
    let total = t2.total_row.as_ref().unwrap();
    let v = total.cells[1].value.as_ref().unwrap();
    assert_eq!(
        (v.value, v.decimals, v.unit.as_deref()),
        (d("1070.9"), 1, Some("mio. kr."))
    );
    assert_eq!(t2.rows[1].cells[4].text, "0");
    assert_eq!(t2.columns[4].decimals, 1);
    let note = t2.rounding_note.expect("the rounding note after Tabel 2");
    assert!(text[note.offset..note.end()].starts_with("Note: Totalerne stemmer ikke"));
    assert_eq!(t1.rounding_note, None);
}

#[test]
fn corpus_001_item_6_split_table_and_rule() {
    let text = doc("001");
    let ts = tables(&text, 6);
    assert_eq!(ts.len(), 2);
    spans_hold(&text, &ts[0]);
    spans_hold(&text, &ts[1]);
    let labels: Vec<_> = ts[0]
        .rows
        .iter()
        .map(|r| r.cells[0].text.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Ringbo",
            "Mørkhøj Park Alle",
            "Tobaksvej (Pavillonen)",
            "Valdemars Alle",
            "Frødings Alle",
            "Buddinge centret"
        ]
    );
    assert_eq!(ts[1].header.len(), 2);
    assert_eq!(ts[1].header[1].text, "Antal");
    assert_eq!(
        texts(&ts[1]),
        [
            ["Dagtilbud", "18"],
            ["Vadgård Skole (Modtagelsesklasser 0.-7. kl.)", "25"],
            ["GXU (Modtagelsesklasser 14-18 år)", "14"],
        ]
    );
    assert!(ts[1].caption.as_ref().unwrap().text.starts_with("Tabel 2."));
}

#[test]
fn corpus_and_field_have_no_table_or_amount_findings() {
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    if let Ok(field) = std::fs::read_dir("/work/shared/field") {
        paths.extend(
            field
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        let checked = referat::check_text(p.to_str().unwrap(), &text);
        let bad: Vec<_> = checked
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("table/") || f.rule.starts_with("amount/"))
            .map(|f| (f.rule, &text[f.span.offset..f.span.end()]))
            .collect();
        assert!(bad.is_empty(), "{}: {bad:?}", p.display());
    }
}
