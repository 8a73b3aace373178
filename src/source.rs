//! Reading input into one decoded text. Decoding, line-ending normalisation and (later)
//! format extraction happen here and nowhere else, so every span in the model points into
//! [`Source::text`].

use std::fmt;
use std::io::Read;
use std::path::Path;

/// One document's decoded text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in reports: the path as given, or "<stdin>".
    pub name: String,
    /// UTF-8, LF line endings, form feeds turned into line breaks.
    pub text: String,
    /// How the bytes were decoded (for `--stats` and debugging).
    pub encoding: &'static str,
}

/// Why a file could not be read as minutes. Every variant names the reason in plain words;
/// the caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    Io(String),
    Binary(&'static str),
    TooLarge { size: u64, limit: u64 },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io(reason) => write!(f, "{reason}"),
            SourceError::Binary(what) => {
                write!(f, "this is not a text document ({what}); referat reads minutes exported as text")
            }
            SourceError::TooLarge { size, limit } => write!(
                f,
                "the file is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-size)"
            ),
        }
    }
}

impl std::error::Error for SourceError {}

/// Default per-file input limit.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Read a path, or stdin for "-".
pub fn load(path: &Path, max_bytes: u64) -> Result<Source, SourceError> {
    let name = path.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(max_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(|e| SourceError::Io(format!("cannot read standard input: {e}")))?;
        buf
    } else {
        let file = std::fs::File::open(path).map_err(|e| SourceError::Io(io_reason(&e)))?;
        let meta = file
            .metadata()
            .map_err(|e| SourceError::Io(io_reason(&e)))?;
        if meta.is_dir() {
            return Err(SourceError::Io("is a folder, not a file".into()));
        }
        if meta.len() > max_bytes {
            return Err(SourceError::TooLarge {
                size: meta.len(),
                limit: max_bytes,
            });
        }
        let mut buf = Vec::with_capacity(meta.len() as usize);
        file.take(max_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(|e| SourceError::Io(io_reason(&e)))?;
        buf
    };
    if bytes.len() as u64 > max_bytes {
        return Err(SourceError::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    let name = if name == "-" {
        "<stdin>".to_string()
    } else {
        name
    };
    from_bytes(name, &bytes)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Decode bytes into a [`Source`].
pub fn from_bytes(name: String, bytes: &[u8]) -> Result<Source, SourceError> {
    if let Some(what) = binary_signature(bytes) {
        return Err(SourceError::Binary(what));
    }
    let (decoded, encoding) = decode(bytes)?;
    Ok(Source {
        name,
        text: normalise_newlines(&decoded),
        encoding,
    })
}

/// Known binary formats by their magic bytes.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "a zip archive or Word document"),
        (b"%PDF", "a PDF file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "a program"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// Decide the encoding by validity: a BOM wins; then UTF-8 if the bytes are valid UTF-8;
/// then Windows-1252 (the other common export encoding), which any byte sequence decodes in.
fn decode(bytes: &[u8]) -> Result<(String, &'static str), SourceError> {
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
    if bytes.contains(&0) {
        return Err(SourceError::Binary("it contains NUL bytes"));
    }
    match std::str::from_utf8(bytes) {
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
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
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
fn looks_binary(text: &str) -> bool {
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
fn normalise_newlines(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        from_bytes("t".into(), bytes).unwrap().text
    }

    #[test]
    fn decodes_each_encoding() {
        assert_eq!(text("Mødedato\r\n".as_bytes()), "Mødedato\n");
        assert_eq!(text(b"\xEF\xBB\xBFM\xC3\xB8de"), "Møde");
        assert_eq!(text(b"M\xF8de\rsal"), "Møde\nsal");
        assert_eq!(text(b"\xFF\xFEM\x00\xF8\x00"), "Mø");
        assert_eq!(text(b"M\x00\xF8\x00d\x00e\x00"), "Møde");
        assert_eq!(text(b"28\x0CPunkt 1:"), "28\nPunkt 1:");
    }

    #[test]
    fn refuses_binary() {
        for bytes in [
            &b"PK\x03\x04rest"[..],
            b"abc\0def",
            b"%PDF-1.7",
            b"\x89PNG\r\n",
        ] {
            assert!(
                matches!(from_bytes("t".into(), bytes), Err(SourceError::Binary(_))),
                "{bytes:?}"
            );
        }
    }
}
