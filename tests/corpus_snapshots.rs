//! Snapshots of what users see for every real document in tests/corpus: the extracted model
//! (`referat extract`) and the rendered human report (miette, no colour). Read them against
//! the text when they change.

use referat::catalogue::Lang;
use referat::report::{self, human};
use std::path::PathBuf;

fn corpus() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn stem(path: &std::path::Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn severity(rule: &str) -> Option<referat::rules::Severity> {
    referat::catalogue::rule(rule).map(|d| d.severity)
}

#[test]
fn extracted_models() {
    for path in corpus().iter().filter(|p| stem(p).starts_with('0')) {
        let source = referat::source::load(path, referat::source::DEFAULT_MAX_BYTES).unwrap();
        let minutes = referat::parse::parse(&source.text);
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_json_snapshot!(format!("extract__{}", stem(path)), minutes);
        });
    }
}

#[test]
fn human_reports() {
    for path in &corpus() {
        let source = referat::source::load(path, referat::source::DEFAULT_MAX_BYTES).unwrap();
        let name = format!(
            "tests/corpus/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let checked = referat::check_source(referat::source::Source {
            name: name.clone(),
            ..source
        });
        let diagnostics = report::resolve(
            &name,
            &checked.source.text,
            &checked.findings,
            Lang::En,
            &severity,
        );
        let style = human::Style {
            color: false,
            width: 100,
            lang: Lang::En,
        };
        let rendered = human::render_file(&name, &checked.source.text, &diagnostics, &style);
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("check__{}", stem(path)), rendered);
        });
    }
}

/// The Aarhus PDF export: page breaks glued "28Punkt 1:" together, TOC leaders carry no tab.
#[test]
fn aarhus_pdf_export_is_read_whole() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/aarhus_byraad_2025-08-27_referat.txt");
    let source = referat::source::load(&path, referat::source::DEFAULT_MAX_BYTES).unwrap();
    let m = referat::parse::parse(&source.text);
    assert_eq!(m.items.len(), 21);
    assert_eq!(m.toc.len(), 21);
    assert_eq!(
        m.items.iter().map(|i| i.number).collect::<Vec<_>>(),
        (1..=21).map(Some).collect::<Vec<_>>()
    );
    // Every open item has its decision ("Beslutninger").
    for item in m.items.iter().filter(|i| !i.closed) {
        assert!(
            item.decision().is_some_and(|d| !d.text.is_empty()),
            "item {} has no decision",
            item.label()
        );
    }
    assert!(m.items[20].closed);
    assert_eq!(m.items[1].title, "Svar på forslag fra DD om principbeslutning om at sikre Havnens Perles fremtid på Aarhus Ø");
    assert_eq!(m.items[1].case_no.as_ref().unwrap().text, "EMN-2025-003383");
    assert_eq!(m.toc[20].page, Some(28));
}

/// The same document with the form feeds removed, as some extractors write it: the
/// headings are glued to the previous page's last word.
#[test]
fn glued_page_breaks_are_split() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/aarhus_byraad_2025-08-27_referat.txt");
    let text = std::fs::read_to_string(path).unwrap().replace('\x0C', "");
    let m = referat::parse::parse(&text);
    assert_eq!(m.items.len(), 21);
    assert_eq!(m.toc.len(), 21);
    assert_eq!(m.meeting.place.as_ref().unwrap().text, "Byrådssalen");
}
