//! Hostile and odd inputs: each must give a Source or a clear SourceError — never a panic,
//! a hang, or memory far beyond the input. Property tests: arbitrary bytes and strings never
//! panic anywhere on the source → parse → rules path.

mod common;

use common::docx_with;
use std::io::Write;

use proptest::prelude::*;
use referat::source::{self, InputFormat, Limits, SourceError};

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    // 300 MB of one byte compresses to ~300 KB: over the unpacked limit and the ratio.
    let mut xml = b"<w:document><w:body><w:p><w:r><w:t>".to_vec();
    xml.resize(300 * 1024 * 1024, b'a');
    let bomb = docx_with(&xml);
    drop(xml);
    assert!(bomb.len() < 2 * 1024 * 1024);
    let err = source::from_bytes("bomb.docx".into(), &bomb).unwrap_err();
    assert!(matches!(err, SourceError::Limit(_)), "{err}");
    assert!(err.to_string().contains("bomb"), "{err}");
}

#[test]
fn a_truncated_docx_is_damaged_not_a_crash() {
    let full = std::fs::read("tests/fixtures/000_ff64f3bdf94122a9.docx").unwrap();
    for cut in [10, 100, full.len() / 2, full.len() - 10] {
        let err = source::from_bytes("cut.docx".into(), &full[..cut]).unwrap_err();
        assert!(matches!(err, SourceError::Corrupt { .. }), "{cut}: {err}");
        assert!(err.to_string().contains("Word document"), "{err}");
    }
}

/// A PDF whose catalogue holds `depth` nested arrays (or dictionaries).
fn nested_pdf(open: &str, close: &str, depth: usize) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /X ".to_vec();
    pdf.extend(open.repeat(depth).bytes());
    pdf.extend(close.repeat(depth).bytes());
    // Brackets inside strings, comments and streams are not nesting.
    pdf.extend_from_slice(b" /S ([[[[[[\\)]]) >>\n% [[[[[[[[\nendobj\n");
    pdf.extend_from_slice(b"2 0 obj\n<< /Length 8 >>\nstream\n[[[[[[[[\nendstream\nendobj\n");
    pdf.extend_from_slice(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    pdf
}

#[test]
fn deeply_nested_pdf_objects_are_refused_before_parsing() {
    for (open, close) in [("[", "]"), ("<<", ">>")] {
        let err =
            source::from_bytes("deep.pdf".into(), &nested_pdf(open, close, 100_000)).unwrap_err();
        assert!(matches!(err, SourceError::Limit(_)), "{err}");
        assert!(err.to_string().contains("nests"), "{err}");
        // Within the limit the file gets past the check (and is then judged on its pages).
        match source::from_bytes("flat.pdf".into(), &nested_pdf(open, close, 10)) {
            Ok(_) => {}
            Err(e) => assert!(!e.to_string().contains("nests"), "{e}"),
        }
    }
    // The real export is well within the limit.
    let real = std::fs::read("tests/fixtures/000_ff64f3bdf94122a9.pdf").unwrap();
    assert!(source::from_bytes("000.pdf".into(), &real).is_ok());
}

#[test]
fn a_truncated_or_garbled_pdf_is_damaged_not_a_crash() {
    let full = std::fs::read("tests/fixtures/000_ff64f3bdf94122a9.pdf").unwrap();
    for cut in [20, 1000, full.len() / 2] {
        match source::from_bytes("cut.pdf".into(), &full[..cut]) {
            Ok(s) => assert_eq!(s.format, InputFormat::Pdf),
            Err(e) => assert!(
                matches!(e, SourceError::Corrupt { .. } | SourceError::Limit(_)),
                "{cut}: {e}"
            ),
        }
    }
    let err =
        source::from_bytes("x.pdf".into(), b"%PDF-1.7\n1 0 obj << /Kids [[[[[[[").unwrap_err();
    assert!(matches!(err, SourceError::Corrupt { .. }), "{err}");
}

#[test]
fn odd_text_is_read() {
    // UTF-16 LE without BOM, mixed line endings, a stray NUL.
    let utf16: Vec<u8> = "Punkt 1: Godkendelse\r\nBeslutning\rGodkendt\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let s = source::from_bytes("u16.txt".into(), &utf16).unwrap();
    assert_eq!(s.text, "Punkt 1: Godkendelse\nBeslutning\nGodkendt\n");
    let s = source::from_bytes("nul.txt".into(), b"Punkt 1: Godkendelse\0\nBeslutning\n").unwrap();
    assert!(s.text.starts_with("Punkt 1: Godkendelse\u{FFFD}\n"));
}

#[test]
fn a_file_over_the_limit_is_refused_with_the_limit() {
    let dir = std::env::temp_dir().join(format!("referat-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.txt");
    std::fs::write(&path, vec![b'a'; 2048]).unwrap();
    let err = source::load(&path, 1024).unwrap_err();
    assert_eq!(
        err,
        SourceError::TooLarge {
            size: 2048,
            limit: 1024
        }
    );
    let err = source::load(&dir, 1024).unwrap_err();
    assert!(err.to_string().contains("folder"), "{err}");
    let err = source::load(&dir.join("missing.txt"), 1024).unwrap_err();
    assert_eq!(err.to_string(), "no such file");
    #[cfg(unix)]
    {
        let a = dir.join("loop-a");
        let b = dir.join("loop-b");
        let _ = std::os::unix::fs::symlink(&b, &a);
        let _ = std::os::unix::fs::symlink(&a, &b);
        let err = source::load(&a, 1024).unwrap_err();
        assert!(err.to_string().contains("symbolic links"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_single_long_line_is_checked_in_time() {
    let mut text = String::from("REFERAT Udvalget d. 15-04-2026\n\nPunkt 1: ");
    while text.len() < 10 * 1024 * 1024 {
        text.push_str("Godkendelse af 1.234,5 kr. Afbud: A (V), for stemte 3. ");
    }
    let start = std::time::Instant::now();
    let checked = referat::check_text("long.txt", &text);
    assert!(!checked.minutes.items.is_empty());
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
}

#[test]
fn other_binaries_are_refused_by_name() {
    let err = source::from_bytes("scan.png".into(), b"\x89PNG\r\n\x1a\n....").unwrap_err();
    assert!(err.to_string().contains("PNG image"), "{err}");
    let odt = {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"<x/>").unwrap();
        zip.finish().unwrap();
        buf.into_inner()
    };
    let err = source::from_bytes("a.odt".into(), &odt).unwrap_err();
    assert!(err.to_string().contains("OpenDocument"), "{err}");
}

fn small_limits() -> Limits {
    Limits {
        max_unpacked_bytes: 8 << 20,
        ..Limits::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for format in [None, Some(InputFormat::Html), Some(InputFormat::Docx), Some(InputFormat::Pdf)] {
            if let Ok(s) = source::from_bytes_as("p".into(), &bytes, None, format, &small_limits()) {
                referat::check_source(s);
            }
        }
    }

    #[test]
    fn arbitrary_minutes_like_text_never_panics(
        lines in proptest::collection::vec(
            "(Punkt [0-9]{1,3}: |Mødedeltagere |Afbud |Fraværende: |Beslutning|For stemte |I alt\t|REFERAT |)[ -~æøåÆØÅ\t]{0,40}",
            0..40)
    ) {
        let text = lines.join("\n");
        let checked = referat::check_text("p.txt", &text);
        for f in &checked.findings {
            prop_assert!(f.span.end() <= checked.source.text.len());
        }
    }

    #[test]
    fn html_of_a_text_gives_its_lines(lines in proptest::collection::vec("[a-zæøå0-9][a-zæøå0-9 ,.:]{0,30}[a-zæøå0-9.]", 1..10)) {
        // render(text) = one <p> per line; extract(render(text)) = the lines, blank-separated.
        let html: String = lines.iter().map(|l| format!("<p>{l}</p>")).collect();
        let s = source::from_bytes_as("p.html".into(), html.as_bytes(), None, Some(InputFormat::Html), &Limits::default()).unwrap();
        let expected: Vec<String> = lines.iter().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
        prop_assert_eq!(s.text, format!("{}\n", expected.join("\n\n")));
    }
}
