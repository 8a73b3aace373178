//! Bounded on any PDF: hostile shapes that crashed the process (forms that draw each other)
//! or took gigabytes from a file of a few kilobytes (repeated content streams, a ToUnicode
//! range over 2^32 codes, millions of tiny text operators), and a timed-out extraction that
//! kept its thread running. Each is built here object by object, run through the binary as a
//! user would (with a generous time-out: a regression is minutes or a crash, not seconds),
//! and must end with a JSON report and exit status 0, 1 or 2.

mod common;

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::check_json;
use referat::source::{self, InputFormat, Limits, SourceError};

/// A PDF of `objects` (numbered from 1; the first is the catalogue), with a correct
/// cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for offset in offsets {
        writeln!(out, "{offset:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

/// A stream object with `extra` dictionary entries; Flate-compressed if `flate`.
fn stream(data: &[u8], extra: &str, flate: bool) -> Vec<u8> {
    let (data, filter) = if flate {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(data).unwrap();
        (z.finish().unwrap(), " /Filter /FlateDecode")
    } else {
        (data.to_vec(), "")
    };
    let mut out = format!("<< /Length {}{filter}{extra} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn obj(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
const TEXT: &str = "BT /F1 12 Tf 72 720 Td (Referat af udvalget) Tj ET\n";
const PAGE: &str = "/Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]";

/// Write `bytes` to a temporary file and check it.
fn check_pdf(bytes: &[u8]) -> (i32, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.pdf");
    std::fs::write(&path, bytes).unwrap();
    check_json(&path)
}

/// The message of the report's first failure (a file that could not be read).
fn failure(report: &serde_json::Value) -> Option<String> {
    report["failures"][0]["message"]
        .as_str()
        .map(str::to_string)
}

/// Held by every test that extracts in this process, so that the thread count of
/// [`a_timed_out_extraction_stops_its_thread`] sees only its own extraction.
static IN_PROCESS: Mutex<()> = Mutex::new(());

fn text_of(bytes: &[u8]) -> Result<String, SourceError> {
    let _only = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    source::from_bytes("hostile.pdf".into(), bytes).map(|s| s.text)
}

#[test]
fn a_form_that_draws_itself_is_drawn_once() {
    let doc = pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(&format!(
            "<< {PAGE} /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /Contents 4 0 R >>"
        )),
        stream(format!("{TEXT}/Fm1 Do\n").as_bytes(), "", false),
        obj(FONT),
        stream(
            format!("{TEXT}/Fm1 Do\n").as_bytes(),
            " /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >>",
            false,
        ),
    ]);
    assert!(doc.len() < 2000);
    let (_, report) = check_pdf(&doc);
    assert_eq!(failure(&report), None, "{report}");
    // The page's text and the form's, once.
    let text = text_of(&doc).unwrap();
    assert_eq!(text.matches("Referat af udvalget").count(), 2, "{text:?}");
}

#[test]
fn two_forms_that_draw_each_other_through_inherited_resources_are_drawn_once() {
    // Neither form has resources of its own: both draw with the page tree's.
    let form = " /Type /XObject /Subtype /Form /BBox [0 0 612 792]";
    let doc = pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Resources << /Font << /F1 5 0 R >> /XObject << /Fa 6 0 R /Fb 7 0 R >> >> /Kids [3 0 R] /Count 1 >>"),
        obj(&format!("<< {PAGE} /Contents 4 0 R >>")),
        stream(format!("{TEXT}/Fa Do\n").as_bytes(), "", false),
        obj(FONT),
        stream(format!("{TEXT}/Fb Do\n").as_bytes(), form, false),
        stream(format!("{TEXT}/Fa Do\n").as_bytes(), form, false),
    ]);
    let (_, report) = check_pdf(&doc);
    assert_eq!(failure(&report), None, "{report}");
    let text = text_of(&doc).unwrap();
    assert_eq!(text.matches("Referat af udvalget").count(), 3, "{text:?}");
}

/// A one-page PDF whose page draws form 1, form k drawing form k + 1 `draws` times, `depth`
/// forms in all; the last form draws nothing (a `Do` of a name it does not have would panic
/// the reader, which is caught, and hide what is tested).
fn form_chain(depth: usize, draws: usize) -> Vec<u8> {
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(&format!(
            "<< {PAGE} /Resources << /Font << /F1 5 0 R >> /XObject << /F 6 0 R >> >> /Contents 4 0 R >>"
        )),
        stream(format!("{TEXT}/F Do\n").as_bytes(), "", false),
        obj(FONT),
    ];
    for k in 0..depth {
        let id = 6 + k;
        let (next, content) = if k + 1 < depth {
            (
                format!(" /XObject << /F {} 0 R >>", id + 1),
                format!("{TEXT}{}\n", vec!["/F Do"; draws].join(" ")),
            )
        } else {
            (String::new(), TEXT.to_string())
        };
        objects.push(stream(
            content.as_bytes(),
            &format!(" /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >>{next} >>"),
            false,
        ));
    }
    pdf(&objects)
}

#[test]
fn forms_nested_too_deep_are_refused() {
    // Form k draws form k + 1, 40 deep.
    let doc = form_chain(40, 1);
    let (code, report) = check_pdf(&doc);
    assert_eq!(code, 2);
    let message = failure(&report).expect("refused");
    assert!(message.contains("32 deep"), "{message}");
}

#[test]
fn a_contents_array_repeating_one_stream_is_refused() {
    // One 290 KB stream (a single long string: few operators) listed 25,000 times on each
    // of three pages: 21 GB of content to parse from a file of ~0.5 MB.
    let body = format!(
        "BT /F1 12 Tf 72 720 Td ({}) Tj ET\n",
        "Referat ".repeat(290 * 1024 / 8)
    );
    let refs = vec!["4 0 R"; 25_000].join(" ");
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [6 0 R 7 0 R 8 0 R] /Count 3 >>"),
        obj("null"),
        stream(body.as_bytes(), "", true),
        obj(FONT),
    ];
    for _ in 0..3 {
        objects.push(obj(&format!(
            "<< {PAGE} /Resources << /Font << /F1 5 0 R >> >> /Contents [{refs}] >>"
        )));
    }
    let doc = pdf(&objects);
    assert!(doc.len() < 1024 * 1024);
    let (code, report) = check_pdf(&doc);
    assert_eq!(code, 2);
    let message = failure(&report).expect("refused");
    assert!(message.contains("max_unpacked_bytes"), "{message}");
    assert!(message.contains("content"), "{message}");
}

#[test]
fn a_form_drawn_exponentially_often_is_refused() {
    // Form k draws form k + 1 twice, 30 deep: 2^30 drawings of a few bytes each.
    let doc = form_chain(30, 2);
    let (code, report) = check_pdf(&doc);
    assert_eq!(code, 2);
    let message = failure(&report).expect("refused");
    assert!(message.contains("max_unpacked_bytes"), "{message}");
}

#[test]
fn a_to_unicode_range_over_all_four_byte_codes_is_dropped() {
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        1 begincodespacerange <00> <FF> endcodespacerange \
        3 beginbfrange <00000000> <FFFFFFFF> <0041> <0010> <0001> <0041> <61> <7A> <0061> endbfrange \
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let doc = pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(&format!(
            "<< {PAGE} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        )),
        stream(TEXT.as_bytes(), "", false),
        obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"),
        stream(cmap.as_bytes(), "", false),
    ]);
    assert!(doc.len() < 2000);
    let (_, report) = check_pdf(&doc);
    assert_eq!(failure(&report), None, "{report}");
    // The range that is kept (a–z) still maps.
    let text = text_of(&doc).unwrap();
    assert!(text.contains("eferat af udvalget"), "{text:?}");
}

#[test]
fn ten_million_tiny_text_operators_are_refused() {
    // 10,000,000 one-character shows (random, so that the stream compresses as text does).
    let mut rng = fastrand::Rng::with_seed(20);
    let mut body = b"BT /F1 12 Tf 72 720 Td ".to_vec();
    for _ in 0..10_000_000 {
        body.extend_from_slice(&[b'(', rng.alphanumeric() as u8, b')', b'T', b'j', b'\n']);
    }
    body.extend_from_slice(b"ET\n");
    let doc = pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(&format!(
            "<< {PAGE} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        )),
        stream(&body, "", true),
        obj(FONT),
    ]);
    drop(body);
    let (code, report) = check_pdf(&doc);
    assert_eq!(code, 2);
    let message = failure(&report).expect("refused");
    assert!(message.contains("operators"), "{message}");
}

/// The threads of this process named as guarded extraction names them.
#[cfg(target_os = "linux")]
fn extraction_threads() -> usize {
    std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .filter(|comm| comm.trim_end() == "referat-extract")
        .count()
}

#[cfg(target_os = "linux")]
#[test]
fn a_timed_out_extraction_stops_its_thread() {
    // 3,000 pages of 20,000 characters each: seconds of work, under every size limit.
    let pages = 3000;
    let body = format!(
        "BT /F1 12 Tf 72 720 Td {}ET\n",
        format!("({}) Tj 0 -1 Td ", "abcdefghij".repeat(10)).repeat(200)
    );
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj(&format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            (0..pages)
                .map(|i| format!("{} 0 R", 5 + i))
                .collect::<Vec<_>>()
                .join(" ")
        )),
        obj("null"),
        obj(FONT),
    ];
    for _ in 0..pages {
        objects.push(obj(&format!(
            "<< {PAGE} /Resources << /Font << /F1 4 0 R >> >> /Contents {} 0 R >>",
            5 + pages
        )));
    }
    objects.push(stream(body.as_bytes(), "", true));
    let doc = pdf(&objects);
    let _only = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    let limits = Limits {
        timeout: Duration::from_millis(200),
        ..Limits::default()
    };
    // Threads of finished extractions end just after they hand back their result.
    let waiting = Instant::now();
    while extraction_threads() > 0 && waiting.elapsed() < Duration::from_secs(2) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(extraction_threads(), 0);
    let started = Instant::now();
    let err = source::from_bytes_as(
        "slow.pdf".into(),
        &doc,
        None,
        Some(InputFormat::Pdf),
        &limits,
    )
    .unwrap_err();
    assert!(err.to_string().contains("took longer"), "{err}");
    // The thread notices the time-out at its next character or page.
    while extraction_threads() > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "the extraction thread still runs {:?} after the time-out",
            started.elapsed()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}
