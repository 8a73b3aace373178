//! Deciding the format by content. Secretaries rename files, download scripts drop
//! extensions, and a ".doc" may really be HTML (old minutes systems exported HTML with a Word
//! extension): the bytes decide, the extension only breaks the tie between text and HTML.

use super::{InputFormat, SourceError};

/// Binary formats referat does not read, by their magic bytes, with what to tell the user.
const FOREIGN: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (
        b"\xD0\xCF\x11\xE0",
        "an old Office document (.doc/.xls); save it as .docx or PDF",
    ),
    (b"{\\rtf", "an RTF document; save it as .docx or PDF"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF", "a 7-zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7FELF", "a program"),
    (b"MZ", "a Windows program"),
];

/// The format of `bytes`. `extension` is lower-case without the dot.
pub fn detect(bytes: &[u8], extension: Option<&str>) -> Result<InputFormat, SourceError> {
    if is_pdf(bytes) {
        return Ok(InputFormat::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        // Whether the zip is a Word document is decided when it is opened (it must hold
        // word/document.xml); an .odt or .xlsx gets a clear refusal there.
        return Ok(InputFormat::Docx);
    }
    if let Some((_, what)) = FOREIGN.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(SourceError::Binary(what));
    }
    if looks_like_html(bytes) || matches!(extension, Some("html" | "htm" | "xhtml")) {
        return Ok(InputFormat::Html);
    }
    Ok(InputFormat::Text)
}

/// "%PDF-" may be preceded by junk (the spec tolerates up to 1024 bytes of it).
fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// A document whose first tag is a doctype, `<html>`, `<head>` or `<body>` (after a BOM,
/// whitespace, an XML declaration or comments). Only the first 1 KiB is looked at, in
/// ASCII, which is enough for UTF-8 and Windows-1252.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut rest: &[u8] = &lower;
    loop {
        let trimmed = rest.trim_ascii_start();
        if let Some(after) = trimmed.strip_prefix(b"<?xml") {
            rest = skip_past(after, b"?>");
        } else if let Some(after) = trimmed.strip_prefix(b"<!--") {
            rest = skip_past(after, b"-->");
        } else {
            return [
                &b"<!doctype html"[..],
                b"<html",
                b"<head",
                b"<body",
                b"<meta",
            ]
            .iter()
            .any(|p| trimmed.starts_with(p));
        }
    }
}

fn skip_past<'a>(s: &'a [u8], end: &[u8]) -> &'a [u8] {
    match s.windows(end.len()).position(|w| w == end) {
        Some(i) => &s[i + end.len()..],
        None => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_content_not_extension() {
        assert_eq!(detect(b"%PDF-1.7\n", Some("txt")), Ok(InputFormat::Pdf));
        assert_eq!(detect(b"PK\x03\x04..", Some("pdf")), Ok(InputFormat::Docx));
        assert_eq!(
            detect(b"\xEF\xBB\xBF<!DOCTYPE html><p>x", Some("txt")),
            Ok(InputFormat::Html)
        );
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?>\n<!-- x -->\n<html>", None),
            Ok(InputFormat::Html)
        );
        assert_eq!(detect(b"Punkt 1: <b>", Some("htm")), Ok(InputFormat::Html));
        assert_eq!(
            detect(b"Punkt 1: <html>", Some("txt")),
            Ok(InputFormat::Text)
        );
        assert!(matches!(
            detect(b"\xD0\xCF\x11\xE0\xA1\xB1", Some("doc")),
            Err(SourceError::Binary(_))
        ));
    }
}
