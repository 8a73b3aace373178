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
    check_streams(bytes, limits)?;
    let owned = bytes.to_vec();
    let limits_owned = limits.clone();
    match guard::run(limits.timeout, move || extract_inner(&owned, &limits_owned)) {
        Ok(result) => result,
        Err(Failure::Panicked(message)) => Err(corrupt(format!(
            "the PDF reader gave up on it ({message})"
        ))),
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
            without_text: if total == 0 { 0 } else { out.pages_without_text },
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

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Collects characters with their positions into lines, tabs and blank lines.
struct TextOutput {
    text: String,
    limit: usize,
    overflowed: bool,
    flip: Transform,
    /// Right edge and baseline of the last character, on this page.
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
            last_end: 0.0,
            last_y: 0.0,
            have_last: false,
            word_start: false,
            visible_chars: 0,
            pages_without_text: 0,
        }
    }

    fn end_of_page(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.have_last = false;
    }

    fn push(&mut self, s: &str) -> Result<(), OutputError> {
        if self.text.len() + s.len() > self.limit {
            self.overflowed = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        self.text.push_str(s);
        Ok(())
    }
}

impl OutputDev for TextOutput {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.flip = Transform::row_major(1., 0., 0., -1., 0., media_box.ury - media_box.lly);
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
        let size = if size.is_finite() && size > 0.0 { size } else { 1.0 };
        let (x, y) = (position.m31, position.m32);
        if !(x.is_finite() && y.is_finite()) {
            return Ok(());
        }
        if self.have_last {
            let dy = y - self.last_y;
            if dy.abs() > size * 0.5 {
                // Down by more than one and a half lines: a blank line between paragraphs.
                let breaks = if dy > size * 1.9 { "\n\n" } else { "\n" };
                self.push(breaks)?;
            } else if self.word_start {
                let gap = x - self.last_end;
                if gap > size * 0.9 {
                    self.push("\t")?;
                } else if gap > size * 0.1 && !ch.starts_with(' ') {
                    self.push(" ")?;
                }
            }
        }
        self.push(ch)?;
        self.visible_chars += ch.chars().filter(|c| !c.is_whitespace()).count();
        self.word_start = false;
        self.have_last = true;
        self.last_y = y;
        let end = x + width * size;
        self.last_end = if end.is_finite() { end } else { x };
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
