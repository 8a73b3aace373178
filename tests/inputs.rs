//! Word, PDF and HTML renderings of corpus documents (tests/fixtures/, made by
//! scripts/make-fixtures.sh) must give the same model as the text export, up to spans and
//! white space inside running text: same items, titles, case numbers, decisions,
//! participants, attendance, votes and tables.

use std::path::Path;

use referat::source::{self, InputFormat, SourceError};
use serde_json::Value;

/// The model as JSON with every span removed and every string's white space collapsed
/// (a paragraph's line breaks differ between formats; its words do not).
fn comparable(text: &str) -> Value {
    let minutes = referat::parse::parse(text);
    let mut value = serde_json::to_value(&minutes).unwrap();
    normalise(&mut value);
    value
}

fn is_span(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.len() == 2 && m.contains_key("offset") && m.contains_key("length"),
        Value::Array(a) => !a.is_empty() && a.iter().all(is_span),
        _ => false,
    }
}

fn normalise(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, v| !(is_span(v) || (v.is_null() && k.ends_with("span"))));
            m.values_mut().for_each(normalise);
        }
        Value::Array(a) => a.iter_mut().for_each(normalise),
        Value::String(s) => *s = s.split_whitespace().collect::<Vec<_>>().join(" "),
        _ => {}
    }
}

/// Paths where two JSON values differ (at most `max`).
fn differences(a: &Value, b: &Value, path: String, out: &mut Vec<String>, max: usize) {
    if out.len() >= max || a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => differences(va, vb, format!("{path}.{k}"), out, max),
                    None => out.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                differences(va, vb, format!("{path}[{i}]"), out, max);
            }
        }
        _ => {
            let show = |v: &Value| {
                let s = v.to_string();
                s.chars().take(300).collect::<String>()
            };
            out.push(format!(
                "{path}:\n   text: {}\n  other: {}",
                show(a),
                show(b)
            ));
        }
    }
}

/// The parts of the model every format must agree on, even where a PDF's layout (table
/// cells that wrap inside a narrow column, text around a table) changes running text and
/// the table of contents: meeting, participants, and per item the number, title, case
/// number, decision headings, attendance and votes.
fn essentials(model: &Value) -> Value {
    let items: Vec<Value> = model["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let headings: Vec<Value> = item["sections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| serde_json::json!([s["kind"], s["heading"], s["body_name"], s["date"]]))
                .collect();
            serde_json::json!({
                "number": item["number"], "title": item["title"], "case_no": item["case_no"],
                "closed": item["closed"], "sections": headings,
                "attendance": item["attendance"], "votes": item["votes"],
            })
        })
        .collect();
    serde_json::json!({
        "meeting": model["meeting"], "participants": model["participants"], "items": items,
    })
}

fn check_rendering(doc: &str, ext: &str, format: InputFormat) {
    let txt = std::fs::read_to_string(format!("tests/corpus/{doc}.txt")).unwrap();
    let path = format!("tests/fixtures/{doc}.{ext}");
    let source = source::load(Path::new(&path), source::DEFAULT_MAX_BYTES)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(source.format, format, "{path}: detected format");
    assert!(source.notes.is_empty(), "{path}: {:?}", source.notes);
    let (expected, got) = if format == InputFormat::Pdf {
        (
            essentials(&comparable(&txt)),
            essentials(&comparable(&source.text)),
        )
    } else {
        (comparable(&txt), comparable(&source.text))
    };
    let mut diffs = Vec::new();
    differences(&expected, &got, String::new(), &mut diffs, 15);
    assert!(
        diffs.is_empty(),
        "{path} differs from the text export:\n{}",
        diffs.join("\n")
    );
}

const DOCS: &[&str] = &[
    "000_ff64f3bdf94122a9",
    "001_719570b264c92903",
    "004_1bd483bc556e3b0d",
];

#[test]
fn html_gives_the_same_model_as_text() {
    for doc in DOCS {
        check_rendering(doc, "html", InputFormat::Html);
    }
}

#[test]
fn docx_gives_the_same_model_as_text() {
    for doc in DOCS {
        check_rendering(doc, "docx", InputFormat::Docx);
    }
}

#[test]
fn pdf_gives_the_same_model_as_text() {
    for doc in DOCS {
        check_rendering(doc, "pdf", InputFormat::Pdf);
    }
}

#[test]
fn format_is_detected_by_content_and_can_be_overridden() {
    let bytes = std::fs::read("tests/fixtures/000_ff64f3bdf94122a9.docx").unwrap();
    let renamed = source::from_bytes("minutes.txt".into(), &bytes).unwrap();
    assert_eq!(renamed.format, InputFormat::Docx);
    assert!(renamed.text.contains("Punkt 1: Lukket"));
    // Forcing text on a Word file is refused as binary, not read as garbage.
    let forced = source::from_bytes_as(
        "x".into(),
        &bytes,
        None,
        Some(InputFormat::Text),
        &source::Limits::default(),
    );
    assert!(matches!(forced, Err(SourceError::Binary(_))), "{forced:?}");
}

#[test]
fn a_scanned_pdf_is_flagged_not_passed() {
    let doc = referat::catalogue::catalogue()["parse/no-text-layer"].clone();
    let source = source::from_bytes("scan.pdf".into(), doc.fails[0].text.as_bytes()).unwrap();
    assert_eq!(source.format, InputFormat::Pdf);
    assert_eq!(
        source.notes,
        vec![source::SourceNote::NoTextLayer {
            pages: 1,
            without_text: 1
        }]
    );
    let checked = referat::check_source(source);
    assert!(checked
        .findings
        .iter()
        .any(|f| f.rule == "parse/no-text-layer"));
}
