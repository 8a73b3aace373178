//! Plain text: the encodings minutes are exported in (UTF-8 with or without BOM, UTF-16 with
//! or without BOM, Windows-1252) and the line endings of three operating systems.

use super::SourceError;

/// Decide the encoding by validity: a BOM wins; then UTF-8 if the bytes are valid UTF-8;
/// then Windows-1252 (the other common export encoding), which any byte sequence decodes in.
pub(super) fn decode(bytes: &[u8]) -> Result<(String, &'static str), SourceError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(|s| (s, "UTF-8 (BOM)"));
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        // UTF-16LE/BE with BOM.
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(SourceError::Binary("invalid UTF-16"));
        }
        return Ok((strip_nul_check(text.into_owned())?, encoding.name_static()));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok((strip_nul_check(text.into_owned())?, encoding.name_static()));
    }
    // memchr first: counting decodes nothing, but a plain loop over every byte cost as much
    // as the UTF-8 check, and almost no text has a NUL.
    let nul = match memchr::memchr(0, bytes) {
        Some(first) => memchr::memchr_iter(0, &bytes[first..]).count(),
        None => 0,
    };
    if nul > 0 {
        // A few stray NULs (a damaged export, a bad copy) do not make a text binary: they
        // become U+FFFD so the rest can still be checked. Many NULs do.
        if nul * 20 > bytes.len() {
            return Err(SourceError::Binary("it contains NUL bytes"));
        }
        let mut replaced = Vec::with_capacity(bytes.len() + 2 * nul);
        for &b in bytes {
            if b == 0 {
                replaced.extend_from_slice("\u{FFFD}".as_bytes());
            } else {
                replaced.push(b);
            }
        }
        return decode(&replaced);
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), "UTF-8")),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            if looks_binary(&text) {
                return Err(SourceError::Binary(
                    "it is neither UTF-8 nor Windows-1252 text",
                ));
            }
            Ok((text.into_owned(), "windows-1252"))
        }
    }
}

/// [`decode`] for a buffer the caller gives up: plain UTF-8 (no BOM, no NUL, not UTF-16)
/// becomes the text as it is, without a copy of the file.
pub(super) fn decode_owned(bytes: Vec<u8>) -> Result<(String, &'static str), SourceError> {
    // Without a NUL it is not UTF-16 either (`utf16_without_bom` needs NULs).
    let plain =
        encoding_rs::Encoding::for_bom(&bytes).is_none() && memchr::memchr(0, &bytes).is_none();
    if !plain {
        return decode(&bytes);
    }
    // The SIMD check is several times faster than std's on long texts; it was a tenth of
    // reading a file.
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return decode(&bytes);
    }
    // SAFETY: `bytes` was just validated as UTF-8.
    Ok((unsafe { String::from_utf8_unchecked(bytes) }, "UTF-8"))
}

trait EncodingName {
    fn name_static(&self) -> &'static str;
}
impl EncodingName for &'static encoding_rs::Encoding {
    fn name_static(&self) -> &'static str {
        self.name()
    }
}

fn utf8(bytes: &[u8]) -> Result<String, SourceError> {
    if bytes.contains(&0) {
        return Err(SourceError::Binary("it contains NUL bytes"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => Err(SourceError::Binary(
            "it starts with a UTF-8 byte order mark but is not valid UTF-8",
        )),
    }
}

fn strip_nul_check(text: String) -> Result<String, SourceError> {
    if text.contains('\0') {
        return Err(SourceError::Binary("it contains NUL characters"));
    }
    Ok(text)
}

/// UTF-16 without a BOM shows as every other byte NUL in ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    // UTF-16 of Latin text is half NULs; almost every file has none.
    memchr::memchr(0, sample)?;
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Control characters other than whitespace in quantity mean this is no text document.
pub(super) fn looks_binary(text: &str) -> bool {
    let mut control = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(65536) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C') {
            control += 1;
        }
    }
    total > 0 && control * 20 > total
}

/// CRLF and lone CR become LF; form feeds (page breaks in PDF exports) become LF too, so
/// that "28\fPunkt 1:" starts a new line.
///
/// Done in place on the bytes, from one `memchr2` hit to the next: a Windows export has a CR
/// on every line, and rebuilding the text char by char cost more than parsing it.
pub(super) fn normalise_newlines(text: String) -> String {
    let mut bytes = text.into_bytes();
    let mut read = 0;
    let mut write = 0;
    while let Some(k) = memchr::memchr2(b'\r', b'\x0C', &bytes[read..]) {
        let at = read + k;
        // Read before writing: `write` may be `at` itself.
        let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
        bytes.copy_within(read..at, write);
        write += at - read;
        bytes[write] = b'\n';
        write += 1;
        read = at + 1 + usize::from(crlf);
    }
    if read == 0 {
        // SAFETY: untouched bytes of a `String`.
        return unsafe { String::from_utf8_unchecked(bytes) };
    }
    let len = bytes.len();
    bytes.copy_within(read..len, write);
    write += len - read;
    bytes.truncate(write);
    // SAFETY: only ASCII bytes were replaced (by '\n') or removed, which keeps UTF-8 valid.
    unsafe { String::from_utf8_unchecked(bytes) }
}

#[cfg(test)]
mod tests {
    use super::super::{from_bytes, SourceError};

    fn text(bytes: &[u8]) -> String {
        from_bytes("t".into(), bytes).unwrap().text
    }

    /// A file's own buffer decodes exactly as a borrowed copy of it.
    #[test]
    fn owned_and_borrowed_bytes_decode_alike() {
        let samples: [&[u8]; 9] = [
            "Mødedato\r\n".as_bytes(),
            b"\xEF\xBB\xBFM\xC3\xB8de",
            b"M\xF8de\rsal",
            b"\xFF\xFEM\x00\xF8\x00",
            b"M\x00\xF8\x00d\x00e\x00",
            b"Punkt 1: Godkendelse\0 og mere",
            b"",
            b"\x00\x00\x00\x00\x00",
            "Beslutning\nGodkendt.".as_bytes(),
        ];
        for bytes in samples {
            let owned = super::decode_owned(bytes.to_vec()).map_err(|e| e.to_string());
            let borrowed = super::decode(bytes).map_err(|e| e.to_string());
            assert_eq!(owned, borrowed, "{bytes:?}");
        }
    }

    #[test]
    fn decodes_each_encoding() {
        assert_eq!(text("Mødedato\r\n".as_bytes()), "Mødedato\n");
        assert_eq!(text(b"\xEF\xBB\xBFM\xC3\xB8de"), "Møde");
        assert_eq!(text(b"M\xF8de\rsal"), "Møde\nsal");
        assert_eq!(text(b"\xFF\xFEM\x00\xF8\x00"), "Mø");
        assert_eq!(text(b"M\x00\xF8\x00d\x00e\x00"), "Møde");
        assert_eq!(text(b"28\x0CPunkt 1:"), "28\nPunkt 1:");
        assert_eq!(text(b"a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(
            text(b"Punkt 1: Godkendelse af dagsorden\0 og mere"),
            "Punkt 1: Godkendelse af dagsorden\u{FFFD} og mere"
        );
        assert_eq!(text(b"a\r\nb\rc\nd"), "a\nb\nc\nd");
    }

    /// The char-by-char version `normalise_newlines` replaced: the definition it is tested
    /// against.
    fn normalise_by_chars(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                '\x0C' => out.push('\n'),
                _ => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn newlines_agree_with_the_char_by_char_version(parts in proptest::collection::vec(
            proptest::sample::select(vec!["\r", "\n", "\r\n", "\x0C", "\n\r", "a", "Møde", "ø", " "]),
            0..24,
        )) {
            let text = parts.concat();
            proptest::prop_assert_eq!(
                super::normalise_newlines(text.clone()),
                normalise_by_chars(&text)
            );
        }
    }

    #[test]
    fn refuses_binary() {
        for bytes in [
            &b"PK\x03\x04rest"[..],
            b"a\0\0\0",
            b"\x89PNG\r\n",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        ] {
            assert!(
                matches!(
                    from_bytes("t".into(), bytes),
                    Err(SourceError::Binary(_) | SourceError::Corrupt { .. })
                ),
                "{bytes:?}"
            );
        }
    }
}
