//! PDFs with a text layer, as minutes systems export them: the characters of each page in
//! content-stream order (which is reading order for exported documents), a line break where
//! the baseline moves down, a blank line where it moves down by more than a line, and a tab
//! where a gap is wider than a word space — so that the cells of a table row come out
//! tab-separated, as in the text exports.
//!
//! A PDF of scanned pages has no text layer: it yields (almost) no characters, and gets a
//! [`SourceNote::NoTextLayer`] so that it is reported as uncheckable instead of passing.
//!
//! PDF parsers are large and hostile input finds their panics, so the whole extraction runs
//! under [`super::guard::run`] (panic → error, hang → time-out), after a scan that refuses
//! inflation bombs and documents with too many objects.

use std::io::Read;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::guard::{self, Failure};
use super::{Limits, SourceError, SourceNote};

const FORMAT: &str = "PDF";

/// A page with fewer visible characters than this counts as having no text layer (a scanned
/// page may still carry a stamped page number).
const MIN_CHARS_PER_PAGE: usize = 20;

pub struct Extracted {
    pub text: String,
    pub notes: Vec<SourceNote>,
}

fn corrupt(reason: impl ToString) -> SourceError {
    SourceError::Corrupt {
        format: FORMAT,
        reason: reason.to_string(),
    }
}

/// The text of a PDF file.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, SourceError> {
    check_nesting(bytes, limits.max_nesting)?;
    check_streams(bytes, limits)?;
    let owned = bytes.to_vec();
    let limits_owned = limits.clone();
    match guard::run(limits.timeout, move || extract_inner(&owned, &limits_owned)) {
        Ok(result) => result,
        Err(Failure::Panicked(message)) => {
            Err(corrupt(format!("the PDF reader gave up on it ({message})")))
        }
        Err(Failure::TimedOut) => Err(SourceError::Limit(format!(
            "extracting the text took longer than {} seconds",
            limits.timeout.as_secs()
        ))),
    }
}

fn extract_inner(bytes: &[u8], limits: &Limits) -> Result<Extracted, SourceError> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(corrupt)?;
    if doc.objects.len() > limits.max_pdf_objects {
        return Err(SourceError::Limit(format!(
            "the PDF has {} objects, over the limit of {}",
            doc.objects.len(),
            limits.max_pdf_objects
        )));
    }
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(SourceError::Binary(
            "a password-protected PDF; export it without a password",
        ));
    }
    let pages = doc.get_pages();
    let mut out = TextOutput::new(limits.max_unpacked_bytes as usize);
    for &page in pages.keys() {
        let before = out.visible_chars;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut out, page)
        }));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(OutputError::FormatError(_))) if out.overflowed => {
                return Err(SourceError::Limit(format!(
                    "the PDF's text is longer than {} bytes",
                    limits.max_unpacked_bytes
                )))
            }
            Ok(Err(e)) => return Err(corrupt(format!("page {page}: {e}"))),
            Err(_) => {
                return Err(corrupt(format!(
                    "page {page} could not be read (the PDF reader gave up on it)"
                )))
            }
        }
        out.end_of_page();
        if out.visible_chars - before < MIN_CHARS_PER_PAGE {
            out.pages_without_text += 1;
        }
    }
    let mut notes = Vec::new();
    let total = pages.len();
    // Most pages without text: a scan. One blank page in a long document is not.
    if total == 0 || out.pages_without_text * 2 > total {
        notes.push(SourceNote::NoTextLayer {
            pages: total,
            without_text: if total == 0 {
                0
            } else {
                out.pages_without_text
            },
        });
    }
    Ok(Extracted {
        text: out.text,
        notes,
    })
}

/// Refuse inflation bombs before the PDF reader inflates anything: every Flate stream that
/// is not an image is inflated here into a counter, up to the limit. Found by scanning for
/// `stream` … `endstream`, so it also covers streams a damaged cross-reference table hides.
fn check_streams(bytes: &[u8], limits: &Limits) -> Result<(), SourceError> {
    let mut total: u64 = 0;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let start_kw = at + found;
        let mut data = start_kw + b"stream".len();
        at = data;
        // "endstream" also contains "stream"; a stream keyword is followed by EOL.
        if start_kw >= 3 && &bytes[start_kw - 3..start_kw] == b"end" {
            continue;
        }
        match bytes.get(data) {
            Some(b'\r') if bytes.get(data + 1) == Some(&b'\n') => data += 2,
            Some(b'\n') | Some(b'\r') => data += 1,
            _ => continue,
        }
        let end = find(&bytes[data..], b"endstream").map_or(bytes.len(), |e| data + e);
        at = end;
        let dict_from = start_kw.saturating_sub(2048);
        let dict = &bytes[dict_from..start_kw];
        let dict = match find_last(dict, b"obj") {
            Some(i) => &dict[i..],
            None => dict,
        };
        if find(dict, b"FlateDecode").is_none() || find(dict, b"/Image").is_some() {
            continue;
        }
        let compressed = &bytes[data..end];
        let budget = limits.max_unpacked_bytes - total;
        let mut inflater = flate2::read::ZlibDecoder::new(compressed).take(budget + 1);
        let mut sink = [0u8; 16 * 1024];
        let mut unpacked: u64 = 0;
        loop {
            match inflater.read(&mut sink) {
                Ok(0) | Err(_) => break,
                Ok(n) => unpacked += n as u64,
            }
        }
        total += unpacked;
        if total > limits.max_unpacked_bytes {
            return Err(SourceError::Limit(format!(
                "the PDF's streams unpack to more than {} bytes (a decompression bomb?)",
                limits.max_unpacked_bytes
            )));
        }
        let ratio = unpacked / (compressed.len() as u64).max(1);
        if unpacked > 4 * 1024 * 1024 && ratio > limits.max_ratio {
            return Err(SourceError::Limit(format!(
                "a PDF stream is compressed {ratio}:1, over the limit of {}:1 (a decompression bomb?)",
                limits.max_ratio
            )));
        }
    }
    Ok(())
}

/// Refuse arrays and dictionaries nested deeper than `max` before the PDF reader, whose
/// parser recurses, sees them: a stack overflow would kill the process, not just this file.
/// A small lexer over the file's objects: strings, comments and stream data are skipped.
fn check_nesting(bytes: &[u8], max: usize) -> Result<(), SourceError> {
    let too_deep = || {
        SourceError::Limit(format!(
            "the PDF nests arrays or dictionaries more than {max} deep"
        ))
    };
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                // A comment runs to the end of the line.
                i += bytes[i..]
                    .iter()
                    .position(|b| matches!(b, b'\n' | b'\r'))
                    .unwrap_or(bytes.len() - i);
            }
            b'(' => i = skip_literal_string(bytes, i),
            b'[' => {
                depth += 1;
                i += 1;
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 2;
            }
            b'<' => {
                // A hex string.
                i += bytes[i..]
                    .iter()
                    .position(|b| *b == b'>')
                    .unwrap_or(bytes.len() - i);
            }
            b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            b's' if bytes[i..].starts_with(b"stream")
                && (i == 0 || !bytes[i - 1].is_ascii_alphabetic()) =>
            {
                // Stream data is binary: jump to its end.
                i = find(&bytes[i..], b"endstream").map_or(bytes.len(), |e| i + e + 9);
            }
            _ => i += 1,
        }
        if depth > max {
            return Err(too_deep());
        }
    }
    Ok(())
}

/// The offset after the literal string `( … )` that opens at `open` (balanced parentheses,
/// backslash escapes).
fn skip_literal_string(bytes: &[u8], open: usize) -> usize {
    let mut level = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => level += 1,
            b')' => {
                level -= 1;
                if level == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// One line of a page as the characters came.
struct PdfLine {
    text: String,
    x0: f64,
    x1: f64,
    size: f64,
    /// How far the baseline moved down from the previous line.
    advance: f64,
}

/// Collects characters with their positions into lines; at the end of each page the lines
/// are joined: a paragraph gap becomes a blank line, a line that was wrapped only because
/// the next word did not fit (it ends at the right margin) is joined to the next with a space,
/// so a paragraph is one line as in the text exports.
struct TextOutput {
    text: String,
    limit: usize,
    overflowed: bool,
    flip: Transform,
    page_width: f64,
    /// The rightmost line end seen in the document: the right margin.
    right_margin: f64,
    lines: Vec<PdfLine>,
    last_end: f64,
    last_y: f64,
    have_last: bool,
    /// The next character starts a new text-showing operation (a "word" to pdf-extract).
    word_start: bool,
    visible_chars: usize,
    pages_without_text: usize,
}

impl TextOutput {
    fn new(limit: usize) -> Self {
        TextOutput {
            text: String::new(),
            limit,
            overflowed: false,
            flip: Transform::identity(),
            page_width: 0.0,
            right_margin: 0.0,
            lines: Vec::new(),
            last_end: 0.0,
            last_y: 0.0,
            have_last: false,
            word_start: false,
            visible_chars: 0,
            pages_without_text: 0,
        }
    }

    fn end_of_page(&mut self) {
        let lines = std::mem::take(&mut self.lines);
        let page_right = lines.iter().map(|l| l.x1).fold(0.0, f64::max);
        self.right_margin = self
            .right_margin
            .max(page_right)
            .max(self.page_width * 0.75);
        let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
        let mut page = String::new();
        for (i, line) in lines.iter().enumerate() {
            page.push_str(line.text.trim_end_matches(' '));
            let Some(next) = lines.get(i + 1) else {
                break;
            };
            if next.advance > line.size * 1.9 || next.advance < 0.0 {
                page.push_str("\n\n");
            } else if soft_wrapped(line, next, left, self.right_margin) {
                page.push(' ');
            } else {
                page.push('\n');
            }
        }
        if !page.is_empty() {
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
            }
            self.text.push_str(page.trim_end_matches(' '));
        }
        self.have_last = false;
    }

    fn push(&mut self, s: &str) -> Result<(), OutputError> {
        let used = self.text.len() + self.lines.iter().map(|l| l.text.len()).sum::<usize>();
        if used + s.len() > self.limit {
            self.overflowed = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        match self.lines.last_mut() {
            Some(line) => line.text.push_str(s),
            None => self.lines.push(PdfLine {
                text: s.to_string(),
                x0: 0.0,
                x1: 0.0,
                size: 1.0,
                advance: 0.0,
            }),
        }
        Ok(())
    }
}

/// A line wrapped by the layout, not by the author: no table cells on either side, the next
/// line starts at the left margin, and the next line's first word would not have fitted
/// between this line's end and the right margin.
fn soft_wrapped(line: &PdfLine, next: &PdfLine, left: f64, right: f64) -> bool {
    if line.text.contains('\t') || next.text.contains('\t') || line.text.trim().is_empty() {
        return false;
    }
    if (next.x0 - left).abs() > line.size {
        return false;
    }
    let first_word = next
        .text
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    let needed = (first_word as f64 + 1.0) * 0.6 * line.size;
    right - line.x1 < needed
}

impl OutputDev for TextOutput {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.flip = Transform::row_major(1., 0., 0., -1., 0., media_box.ury - media_box.lly);
        self.page_width = (media_box.urx - media_box.llx).abs();
        if !self.page_width.is_finite() {
            self.page_width = 0.0;
        }
        self.have_last = false;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let position = trm.post_transform(&self.flip);
        // The font size in user space: the side of the square with the area of the
        // transformed (size × size) box.
        let sx = font_size * trm.m11 + font_size * trm.m21;
        let sy = font_size * trm.m12 + font_size * trm.m22;
        let size = (sx * sy).abs().sqrt();
        let size = if size.is_finite() && size > 0.0 {
            size
        } else {
            1.0
        };
        let (x, y) = (position.m31, position.m32);
        if !(x.is_finite() && y.is_finite()) {
            return Ok(());
        }
        let end = x + width * size;
        let end = if end.is_finite() { end } else { x };
        let dy = y - self.last_y;
        if !self.have_last || dy.abs() > size * 0.5 {
            self.lines.push(PdfLine {
                text: String::new(),
                x0: x,
                x1: end,
                size,
                advance: if self.have_last { dy } else { f64::MAX },
            });
        } else if self.word_start {
            let gap = x - self.last_end;
            if gap > size * 0.9 {
                self.push("\t")?;
            } else if gap > size * 0.1 && !ch.starts_with(' ') {
                self.push(" ")?;
            }
        }
        self.push(ch)?;
        if let Some(line) = self.lines.last_mut() {
            line.x1 = line.x1.max(end);
        }
        self.visible_chars += ch.chars().filter(|c| !c.is_whitespace()).count();
        self.word_start = false;
        self.have_last = true;
        self.last_y = y;
        self.last_end = end;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
