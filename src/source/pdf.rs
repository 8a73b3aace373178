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
//! under [`super::guard::run`] (panic → error, hang → time-out, cancelled at the next
//! character or page), after a scan that refuses inflation bombs and documents with too many
//! objects, and a walk over the loaded document (`prepare`) that breaks form cycles and
//! bounds the content the reader will parse, per document and per page.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::io::Read;

use pdf_extract::{
    Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Stream, Transform,
};

use super::guard::{self, Cancel, Failure};
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
    match guard::run(limits.timeout, move |cancel| {
        extract_inner(&owned, &limits_owned, &cancel)
    }) {
        Ok(result) => result,
        Err(Failure::Panicked(message)) => {
            Err(corrupt(format!("the PDF reader gave up on it ({message})")))
        }
        Err(Failure::TimedOut) => Err(timed_out(limits)),
    }
}

fn timed_out(limits: &Limits) -> SourceError {
    SourceError::Limit(format!(
        "extracting the text took longer than {} seconds",
        limits.timeout.as_secs()
    ))
}

fn extract_inner(bytes: &[u8], limits: &Limits, cancel: &Cancel) -> Result<Extracted, SourceError> {
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
    prepare(&mut doc, limits, cancel)?;
    let pages = doc.get_pages();
    let mut out = TextOutput::new(limits.max_unpacked_bytes as usize, cancel.clone());
    for &page in pages.keys() {
        if cancel.is_cancelled() {
            return Err(timed_out(limits));
        }
        let before = out.visible_chars;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut out, page)
        }));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(OutputError::FormatError(_))) if out.cancel.is_cancelled() => {
                return Err(timed_out(limits))
            }
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

/// Forms drawn inside forms deeper than this are refused (real exports nest two or three).
const MAX_FORM_DEPTH: usize = 32;

/// Codes one ToUnicode CMap may map through ranges: a whole two-byte code space, twice.
/// The CMap reader expands every range into a map entry per code.
const MAX_CMAP_RANGE_CODES: u64 = 2 * 65_536;

/// Bound the work the PDF reader will do before it starts, on the loaded document:
///
/// - a Form XObject that draws itself, directly or through other forms, would recurse until
///   the stack overflows: the drawing that closes the cycle is pointed at an empty form, so
///   each form is drawn once;
/// - the content the reader will parse — page content streams, counting a stream each time
///   a page's `/Contents` lists it, and forms each time they are drawn — must stay within
///   `max_unpacked_bytes`, and a page within `max_unpacked_bytes / 256` tokens (the reader
///   holds a page's parsed operators in memory, a few hundred bytes each);
/// - a ToUnicode CMap range the reader would expand into billions of map entries is dropped
///   from the CMap (the font's other mappings stay).
///
/// An ordinary PDF has none of these and is not changed.
fn prepare(doc: &mut Document, limits: &Limits, cancel: &Cancel) -> Result<(), SourceError> {
    sanitise_to_unicode(doc);
    let edits = {
        let mut walk = Walk {
            doc,
            limits,
            cancel,
            scans: HashMap::new(),
            forms: HashMap::new(),
            stack: Vec::new(),
            back_edges: HashMap::new(),
            total_bytes: 0,
            page_tokens: 0,
        };
        let max_page_tokens = limits.max_unpacked_bytes / 256;
        for (&number, &page) in doc.get_pages().iter() {
            let Ok(page_dict) = doc.get_dictionary(page) else {
                continue;
            };
            let empty = Dictionary::new();
            let resources = inherited_resources(doc, page_dict).unwrap_or(&empty);
            walk.page_tokens = 0;
            // One parse of the concatenated streams, so the `Do`s of all of them see the
            // page's resources.
            for id in doc.get_page_contents(page) {
                walk.content(id, resources, 0)?;
                if walk.page_tokens > max_page_tokens {
                    return Err(SourceError::Limit(format!(
                        "page {number} of the PDF has more than {max_page_tokens} operators and operands (the limit is max_unpacked_bytes / 256)"
                    )));
                }
            }
        }
        walk.back_edges
    };
    if !edits.is_empty() {
        let mut empty_form = Dictionary::new();
        empty_form.set("Type", Object::Name(b"XObject".to_vec()));
        empty_form.set("Subtype", Object::Name(b"Form".to_vec()));
        empty_form.set("BBox", Object::Array(vec![Object::Integer(0); 4]));
        let empty = doc.add_object(Object::Stream(Stream::new(empty_form, Vec::new())));
        for (form, (mut resources, mut xobjects, names)) in edits {
            for name in names {
                xobjects.set(name, Object::Reference(empty));
            }
            resources.set("XObject", Object::Dictionary(xobjects));
            if let Ok(Object::Stream(stream)) = doc.get_object_mut(form) {
                stream.dict.set("Resources", Object::Dictionary(resources));
            }
        }
    }
    Ok(())
}

/// The page's resources, from the page or the nearest ancestor in the page tree that has
/// them (as the reader looks them up).
fn inherited_resources<'a>(doc: &'a Document, mut node: &'a Dictionary) -> Option<&'a Dictionary> {
    for _ in 0..MAX_FORM_DEPTH * 4 {
        if let Some(resources) = node.get(b"Resources").ok().and_then(|o| as_dict(doc, o)) {
            return Some(resources);
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn as_dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match doc.dereference(object).ok()?.1 {
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// What the lexer found in one content stream.
struct Scan {
    len: u64,
    tokens: u64,
    /// Each XObject name drawn with `Do`, with how often.
    draws: Vec<(Vec<u8>, u64)>,
}

/// The walk over the pages' content streams and the forms they draw.
struct Walk<'a> {
    doc: &'a Document,
    limits: &'a Limits,
    cancel: &'a Cancel,
    scans: HashMap<ObjectId, Scan>,
    /// A form's bytes and tokens with everything it draws, by form and resources.
    forms: HashMap<(ObjectId, usize), (u64, u64)>,
    /// The forms being drawn, innermost last.
    stack: Vec<ObjectId>,
    /// Forms that close a cycle: the form, the resources it was drawn with (and their
    /// XObject dictionary), and the names that draw a form already being drawn.
    back_edges: HashMap<ObjectId, (Dictionary, Dictionary, Vec<Vec<u8>>)>,
    total_bytes: u64,
    page_tokens: u64,
}

impl Walk<'_> {
    /// Count the content stream `id` drawn with `resources` (and what it draws) into the
    /// document's bytes and the page's tokens; the bytes and tokens it adds.
    fn content(
        &mut self,
        id: ObjectId,
        resources: &Dictionary,
        depth: usize,
    ) -> Result<(u64, u64), SourceError> {
        if self.cancel.is_cancelled() {
            return Err(timed_out(self.limits));
        }
        let doc = self.doc;
        if let Entry::Vacant(slot) = self.scans.entry(id) {
            let Ok(Object::Stream(stream)) = doc.get_object(id) else {
                return Ok((0, 0));
            };
            let data = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            slot.insert(scan_content(&data));
        }
        let (len, tokens, draws) = {
            let scan = &self.scans[&id];
            (scan.len, scan.tokens, scan.draws.clone())
        };
        let mut bytes = len;
        let mut toks = tokens;
        self.add(len, tokens)?;
        if draws.is_empty() {
            return Ok((bytes, toks));
        }
        let Some(xobjects) = resources.get(b"XObject").ok().and_then(|o| as_dict(doc, o)) else {
            return Ok((bytes, toks));
        };
        for (name, count) in draws {
            let Ok(target) = xobjects.get(&name).and_then(Object::as_reference) else {
                continue;
            };
            let Ok(Object::Stream(stream)) = doc.get_object(target) else {
                continue;
            };
            let is_form =
                matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form");
            if !is_form {
                // An image: the reader unpacks it (and finds no operators in it).
                let len = stream.content.len() as u64;
                bytes = bytes.saturating_add(len.saturating_mul(count));
                self.add(len.saturating_mul(count), 0)?;
                continue;
            }
            if self.stack.contains(&target) {
                let Some(&drawing) = self.stack.last() else {
                    continue;
                };
                let entry = self
                    .back_edges
                    .entry(drawing)
                    .or_insert_with(|| (resources.clone(), xobjects.clone(), Vec::new()));
                if !entry.2.contains(&name) {
                    entry.2.push(name);
                }
                continue;
            }
            if depth >= MAX_FORM_DEPTH {
                return Err(SourceError::Limit(format!(
                    "the PDF's forms draw forms more than {MAX_FORM_DEPTH} deep"
                )));
            }
            let own = stream
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|o| as_dict(doc, o));
            let form_resources = own.unwrap_or(resources);
            let key = (target, form_resources as *const Dictionary as usize);
            let (b, t) = match self.forms.get(&key) {
                Some(&(b, t)) => {
                    // Drawn before: count it again without walking it again.
                    self.add(b, t)?;
                    (b, t)
                }
                None => {
                    self.stack.push(target);
                    let result = self.content(target, form_resources, depth + 1);
                    self.stack.pop();
                    let (b, t) = result?;
                    self.forms.insert(key, (b, t));
                    (b, t)
                }
            };
            // The first drawing was counted by the walk (or the lookup) above.
            let more = count - 1;
            self.add(b.saturating_mul(more), t.saturating_mul(more))?;
            bytes = bytes.saturating_add(b.saturating_mul(count));
            toks = toks.saturating_add(t.saturating_mul(count));
        }
        Ok((bytes, toks))
    }

    fn add(&mut self, bytes: u64, tokens: u64) -> Result<(), SourceError> {
        self.total_bytes = self.total_bytes.saturating_add(bytes);
        self.page_tokens = self.page_tokens.saturating_add(tokens);
        if self.total_bytes > self.limits.max_unpacked_bytes {
            return Err(SourceError::Limit(format!(
                "the PDF's page content, counting each time a stream or form is drawn, is more than {} bytes (max_unpacked_bytes)",
                self.limits.max_unpacked_bytes
            )));
        }
        Ok(())
    }
}

fn is_pdf_space(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_pdf_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// Count the tokens of a content stream (operators and operands, array elements included)
/// and the names drawn with `Do`. Inline image data is skipped.
fn scan_content(data: &[u8]) -> Scan {
    let mut tokens = 0u64;
    let mut draws: Vec<(Vec<u8>, u64)> = Vec::new();
    let mut last_name: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if is_pdf_space(b) {
            i += 1;
            continue;
        }
        let mut name = None;
        match b {
            b'%' => {
                i += data[i..]
                    .iter()
                    .position(|b| matches!(b, b'\n' | b'\r'))
                    .unwrap_or(data.len() - i);
                continue;
            }
            b'(' => i = skip_literal_string(data, i),
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                i += data[i..]
                    .iter()
                    .position(|b| *b == b'>')
                    .map_or(data.len() - i, |e| e + 1)
            }
            b'/' => {
                let start = i + 1;
                i = start;
                while i < data.len() && !is_pdf_space(data[i]) && !is_pdf_delimiter(data[i]) {
                    i += 1;
                }
                name = Some(decode_name(&data[start..i]));
            }
            b'[' | b']' | b'{' | b'}' | b')' | b'>' => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !is_pdf_space(data[i]) && !is_pdf_delimiter(data[i]) {
                    i += 1;
                }
                let word = &data[start..i];
                if word == b"Do" {
                    if let Some(drawn) = last_name.take() {
                        match draws.iter_mut().find(|(n, _)| *n == drawn) {
                            Some((_, count)) => *count += 1,
                            None => draws.push((drawn, 1)),
                        }
                    }
                } else if word == b"ID" {
                    // Inline image data runs to `EI` after white space.
                    let mut j = i + 1;
                    loop {
                        match find(&data[j.min(data.len())..], b"EI") {
                            Some(e) => {
                                let at = j + e;
                                let before = at == 0 || is_pdf_space(data[at - 1]);
                                let after = data.get(at + 2).is_none_or(|&b| is_pdf_space(b));
                                if before && after {
                                    i = at + 2;
                                    break;
                                }
                                j = at + 2;
                            }
                            None => {
                                i = data.len();
                                break;
                            }
                        }
                    }
                }
            }
        }
        tokens += 1;
        last_name = name;
    }
    Scan {
        len: data.len() as u64,
        tokens,
        draws,
    }
}

/// A name's `#xx` escapes decoded, as the reader decodes them.
fn decode_name(raw: &[u8]) -> Vec<u8> {
    if !raw.contains(&b'#') {
        return raw.to_vec();
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' {
            if let Some(v) = raw
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// Rewrite every ToUnicode CMap with a range the reader would expand past
/// [`MAX_CMAP_RANGE_CODES`] codes (or a range it cannot read: codes over four bytes, low over
/// high, a destination of another length than one or two UTF-16 units): those ranges are
/// dropped. Other CMaps are left as they are.
fn sanitise_to_unicode(doc: &mut Document) {
    let mut ids = HashSet::new();
    for object in doc.objects.values() {
        collect_to_unicode(object, &mut ids, 0);
    }
    for id in ids {
        let Ok(Object::Stream(stream)) = doc.get_object(id) else {
            continue;
        };
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        if let Some(cleaned) = sanitise_cmap(&data) {
            if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
                stream.set_plain_content(cleaned);
            }
        }
    }
}

fn collect_to_unicode(object: &Object, ids: &mut HashSet<ObjectId>, depth: usize) {
    let dict = match object {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        _ => return,
    };
    for (key, value) in dict.iter() {
        match value {
            Object::Reference(id) if key == b"ToUnicode" => {
                ids.insert(*id);
            }
            Object::Dictionary(_) if depth < 4 => collect_to_unicode(value, ids, depth + 1),
            _ => {}
        }
    }
}

/// The CMap without its unreadable or oversized `bfrange` entries, or None if it has none.
fn sanitise_cmap(data: &[u8]) -> Option<Vec<u8>> {
    find(data, b"beginbfrange")?;
    let mut out = Vec::with_capacity(data.len());
    let mut changed = false;
    let mut budget = MAX_CMAP_RANGE_CODES;
    let mut at = 0;
    while let Some(found) = find(&data[at..], b"beginbfrange") {
        let kw = at + found;
        let body = kw + b"beginbfrange".len();
        let end = find(&data[body..], b"endbfrange").map_or(data.len(), |e| body + e);
        // The count before the keyword is rewritten with the entries kept.
        let mut count_start = kw;
        while count_start > at && is_pdf_space(data[count_start - 1]) {
            count_start -= 1;
        }
        while count_start > at && data[count_start - 1].is_ascii_digit() {
            count_start -= 1;
        }
        let tokens = cmap_tokens(&data[body..end]);
        let mut kept: Vec<&[u8]> = Vec::new();
        let mut entries = 0usize;
        for entry in tokens.chunks(3) {
            let good = entry.len() == 3 && {
                let lo = hex_code(entry[0]);
                let hi = hex_code(entry[1]);
                match (lo, hi) {
                    (Some(lo), Some(hi)) if lo <= hi => {
                        let span = hi - lo + 1;
                        let dst_ok = if entry[2].starts_with(b"<") {
                            matches!(hex_len(entry[2]), 2 | 4)
                        } else {
                            true
                        };
                        dst_ok && span <= budget && {
                            budget -= span;
                            true
                        }
                    }
                    _ => false,
                }
            };
            if good {
                kept.extend_from_slice(entry);
                entries += 1;
            } else {
                changed = true;
            }
        }
        out.extend_from_slice(&data[at..count_start]);
        if count_start < kw {
            out.extend_from_slice(format!("{entries} ").as_bytes());
        }
        out.extend_from_slice(b"beginbfrange\n");
        for entry in kept.chunks(3) {
            out.extend_from_slice(&entry.join(&b' '));
            out.push(b'\n');
        }
        at = end;
    }
    out.extend_from_slice(&data[at..]);
    changed.then_some(out)
}

/// The tokens of a bfrange body: hex strings, arrays (whole) and other words.
fn cmap_tokens(body: &[u8]) -> Vec<&[u8]> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if is_pdf_space(b) {
            i += 1;
            continue;
        }
        let start = i;
        let close = match b {
            b'<' => Some(b'>'),
            b'[' => Some(b']'),
            _ => None,
        };
        match close {
            Some(c) => {
                i = body[i..]
                    .iter()
                    .position(|&x| x == c)
                    .map_or(body.len(), |e| i + e + 1);
            }
            None => {
                while i < body.len() && !is_pdf_space(body[i]) && body[i] != b'<' && body[i] != b'['
                {
                    i += 1;
                }
            }
        }
        tokens.push(&body[start..i]);
    }
    tokens
}

/// The number of bytes of a hex string token `<…>`.
fn hex_len(token: &[u8]) -> usize {
    let digits = token.iter().filter(|b| b.is_ascii_hexdigit()).count();
    digits.div_ceil(2)
}

/// A hex string token's code, if it is one of at most four bytes.
fn hex_code(token: &[u8]) -> Option<u64> {
    if !token.starts_with(b"<") || !token.ends_with(b">") {
        return None;
    }
    let digits: Vec<u8> = token[1..token.len() - 1]
        .iter()
        .copied()
        .filter(|b| !is_pdf_space(*b))
        .collect();
    if digits.is_empty() || digits.len() > 8 || !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u64::from_str_radix(std::str::from_utf8(&digits).ok()?, 16).ok()
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
    /// The bytes in `lines` (so that the limit check does not re-add them per character).
    lines_len: usize,
    limit: usize,
    overflowed: bool,
    cancel: Cancel,
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
    fn new(limit: usize, cancel: Cancel) -> Self {
        TextOutput {
            text: String::new(),
            lines_len: 0,
            limit,
            overflowed: false,
            cancel,
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
        self.lines_len = 0;
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
        let used = self.text.len() + self.lines_len;
        if used + s.len() > self.limit {
            self.overflowed = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        self.lines_len += s.len();
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
        if self.cancel.is_cancelled() {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
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
        if self.cancel.is_cancelled() {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
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
