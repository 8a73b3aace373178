//! Bounded on any input: hostile shapes that once panicked, hung or went super-linear. Each
//! runs the binary as a user would, with a generous time-out (a regression is minutes, not a
//! few seconds), and asserts the run ends with a report and exit status 0, 1 or 2.

use assert_cmd::Command;
use std::path::Path;
use std::time::Duration;

const HEADER: &str = "REFERAT Økonomiudvalget d. 15-04-2026\n\n\
    Mødedeltagere Anna Hansen (A), Bo Jensen (V), Carl Berg (V)\n\n";

/// `referat check --format json FILE`: the exit status and the parsed report.
fn check_json(path: &Path) -> (i32, serde_json::Value) {
    let out = Command::cargo_bin("referat")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(path)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let code = out
        .status
        .code()
        .expect("ended by a signal or the time-out");
    assert!(
        matches!(code, 0..=2),
        "exit {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = serde_json::from_slice(&out.stdout).expect("a valid JSON report");
    (code, report)
}

fn rules_of(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_breakdown_past_the_decimal_range_is_unchecked_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let parts: Vec<String> = (0..45)
        .map(|k| {
            format!(
                "7.000.000.000.000.000.000.000.000.00{} kr. til formål {k}",
                k % 10
            )
        })
        .collect();
    let text = format!(
        "{HEADER}Punkt 1: Bevilling\n\nSagsfremstilling\n\n\
         - Der er i alt bevilget 9.000.000.000.000.000.000.000.000.000 kr. til kommunen.\n\
         - Fordelingen er {}.\n\nBeslutning\n\nGodkendt.\n",
        parts.join(", ")
    );
    let (_, report) = check_json(&write(dir.path(), "overflow.txt", text));
    assert!(rules_of(&report).contains(&"amount/unchecked-total".to_string()));
}

#[test]
fn a_column_past_the_decimal_range_is_unchecked_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (0..45)
        .map(|k| format!("Post {k}\t7.000.000.000.000.000.000.000.000.000\n"))
        .collect();
    let text = format!(
        "{HEADER}Punkt 1: Budget\n\nSagsfremstilling\n\nKr.\tBudget\n{rows}\
         I alt\t9.000.000.000.000.000.000.000.000.000\n\nBeslutning\n\nGodkendt.\n"
    );
    let (_, report) = check_json(&write(dir.path(), "overflow.txt", text));
    assert!(rules_of(&report).contains(&"table/unchecked-total".to_string()));
}

/// A docx holding `document_xml` as its main part.
fn docx_with(document_xml: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(document_xml).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn a_flood_of_line_breaks_is_linear() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><body><h1>REFERAT Økonomiudvalget d. 15-04-2026</h1><p>Punkt 1: Sag</p>{}</body></html>",
        "<br><p></p>".repeat(300_000)
    );
    check_json(&write(dir.path(), "breaks.html", html));
    let xml = format!(
        "<w:document><w:body><w:p><w:r><w:t>REFERAT Økonomiudvalget d. 15-04-2026</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:p><w:r><w:br/></w:r></w:p><w:p/>".repeat(300_000)
    );
    check_json(&write(dir.path(), "breaks.docx", docx_with(xml.as_bytes())));
}

#[test]
fn html_nested_past_the_limit_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><body>{}Punkt 1: Sag</body></html>",
        "<div>".repeat(100_000)
    );
    let (code, report) = check_json(&write(dir.path(), "deep.html", html));
    assert_eq!(code, 2);
    let failure = report["failures"][0]["message"].as_str().unwrap();
    assert!(failure.contains("100000 levels deep"), "{failure}");
}

/// `referat check --format FORMAT PATH`: stdout and stderr as text.
fn check_text(format: &str, path: &Path) -> (String, String) {
    let out = Command::cargo_bin("referat")
        .unwrap()
        .args(["check", "--format", format])
        .arg(path)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let code = out
        .status
        .code()
        .expect("ended by a signal or the time-out");
    assert!(matches!(code, 0..=2), "exit {code}");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_finding_past_column_65535_is_reported_without_its_snippet() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}Punkt 1: Sag\n\nBeslutning\n\n{}mødet mandag d. 14. april 2026 besluttede.\n",
        "Godkendt og ".repeat(8000)
    );
    let path = write(dir.path(), "long.txt", text);
    let (out, _) = check_text("human", &path);
    assert!(out.contains("date/weekday-mismatch"), "{out}");
    assert!(out.contains("column 96007"), "{out}");
}

#[test]
fn control_characters_in_names_and_text_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = "x\n::error file=evil.txt::boom\x1b[2J.txt";
    let text = format!(
        "{HEADER}Punkt 1: Sag\x1b]0;owned\x07\n\nBeslutning\n\nMødet mandag d. 14. april 2026 \u{202E}besluttede.\n"
    );
    let path = write(dir.path(), name, text);
    for format in ["human", "concise"] {
        let (out, err) = check_text(format, &path);
        for text in [&out, &err] {
            assert!(!text.contains('\x1b'), "{format}: {text:?}");
            assert!(!text.contains('\u{202E}'), "{format}: {text:?}");
            assert!(
                !text.lines().any(|l| l.starts_with("::")),
                "{format}: {text:?}"
            );
        }
        assert!(out.contains("date/weekday-mismatch"), "{format}: {out}");
        assert!(out.contains(r"x\n::error"), "{format}: {out}");
    }
}
