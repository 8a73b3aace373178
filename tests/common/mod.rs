//! Helpers several test files share (each test file is its own crate and uses some of them).
#![allow(dead_code)]

use assert_cmd::Command;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// `referat check --format json FILE` as a user runs it, with a time-out: the exit status
/// (which must be 0, 1 or 2, never a signal) and the report (which must be valid JSON).
pub fn check_json(path: &Path) -> (i32, serde_json::Value) {
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
        .expect("ended by a signal (a crash) or the time-out");
    assert!(
        matches!(code, 0..=2),
        "exit {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = serde_json::from_slice(&out.stdout).expect("a valid JSON report");
    (code, report)
}

/// A docx holding `document_xml` as its main part.
pub fn docx_with(document_xml: &[u8]) -> Vec<u8> {
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
