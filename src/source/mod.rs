//! Reading input into one decoded text. Decoding, line-ending normalisation and format
//! extraction (Word, PDF, HTML) happen here and nowhere else, so every span in the model
//! points into [`Source::text`].
//!
//! The format is decided by content (magic bytes, the zip's entries, an HTML doctype), with
//! the file extension only as a tie-breaker for text that could be HTML; `--input-format`
//! overrides both (see [`InputFormat`]). Every way a file can fail is a [`SourceError`] that
//! says why in plain words, and every resource a hostile file could exhaust is bounded by
//! [`Limits`].

mod detect;
mod docx;
mod guard;
mod html;
mod normalise;
mod pdf;
mod text;

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

pub use detect::detect;
pub use guard::in_guarded_extraction;

/// The name standard input is reported under.
pub const STDIN: &str = "<stdin>";

/// One document's decoded text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in reports: the path as given, or "<stdin>".
    pub name: String,
    /// UTF-8, LF line endings, form feeds turned into line breaks; Unicode spaces, soft
    /// hyphens, zero-width and bidi characters normalised (see `normalise`).
    pub text: String,
    /// How the bytes were decoded (for `--stats` and debugging), e.g. "UTF-8",
    /// "windows-1252", "docx", "pdf".
    pub encoding: &'static str,
    /// The format the text was extracted from.
    pub format: InputFormat,
    /// Things about the input that the text alone does not show and that must become
    /// findings (e.g. a PDF of scanned pages without a text layer).
    pub notes: Vec<SourceNote>,
}

impl Source {
    /// A source for text that is already decoded (tests, examples).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            name: name.into(),
            text: normalise::normalise(text::normalise_newlines(text.into())),
            encoding: "UTF-8",
            format: InputFormat::Text,
            notes: Vec::new(),
        }
    }
}

/// The formats minutes are published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum InputFormat {
    /// Plain text or markdown (UTF-8, UTF-16, Windows-1252).
    Text,
    /// A Word document (.docx, Office Open XML).
    Docx,
    /// A PDF with a text layer.
    Pdf,
    /// A web page as published on a municipal site.
    Html,
}

impl InputFormat {
    pub const ALL: [InputFormat; 4] = [
        InputFormat::Text,
        InputFormat::Docx,
        InputFormat::Pdf,
        InputFormat::Html,
    ];

    /// The name used on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Docx => "docx",
            InputFormat::Pdf => "pdf",
            InputFormat::Html => "html",
        }
    }

    /// The format a file extension suggests (lower-case, without the dot).
    pub fn from_extension(ext: &str) -> Option<InputFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" | "md" | "markdown" => Some(InputFormat::Text),
            "docx" => Some(InputFormat::Docx),
            "pdf" => Some(InputFormat::Pdf),
            "html" | "htm" | "xhtml" => Some(InputFormat::Html),
            _ => None,
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "md" => Ok(InputFormat::Text),
            "docx" => Ok(InputFormat::Docx),
            "pdf" => Ok(InputFormat::Pdf),
            "html" | "htm" => Ok(InputFormat::Html),
            other => Err(format!(
                "unknown input format {other:?} (expected text, docx, pdf or html)"
            )),
        }
    }
}

/// File extensions a folder walk should pick up: every format referat can read.
pub const SOURCE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "docx", "pdf", "html", "htm", "xhtml",
];

/// Something about the input that must be reported as a finding although the text parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceNote {
    /// A PDF whose pages carry no text (scanned images): `without_text` of `pages` pages
    /// yielded no text, so the document cannot be checked. Becomes `parse/no-text-layer`.
    NoTextLayer { pages: usize, without_text: usize },
}

impl SourceNote {
    /// The rule id of the finding this note becomes.
    pub fn rule(&self) -> &'static str {
        match self {
            SourceNote::NoTextLayer { .. } => "parse/no-text-layer",
        }
    }

    /// The catalogue message placeholders for this note.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            SourceNote::NoTextLayer {
                pages,
                without_text,
            } => vec![
                ("pages", pages.to_string()),
                ("without_text", without_text.to_string()),
            ],
        }
    }
}

/// Why a file could not be read as minutes. Every variant names the reason in plain words;
/// the caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    Io(String),
    Binary(&'static str),
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// The file is of a known format but damaged (truncated zip, broken PDF, …).
    Corrupt {
        format: &'static str,
        reason: String,
    },
    /// Extracting the text would exceed a resource limit (zip bomb, huge PDF, …).
    Limit(String),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io(reason) => write!(f, "{reason}"),
            SourceError::Binary(what) => write!(
                f,
                "this is not a document referat can read ({what}); referat reads minutes as text, Word (.docx), PDF or HTML"
            ),
            SourceError::TooLarge { size, limit } => write!(
                f,
                "the file is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-size)"
            ),
            SourceError::Corrupt { format, reason } => {
                write!(f, "the {format} is damaged and cannot be read: {reason}")
            }
            SourceError::Limit(what) => write!(f, "refused to read: {what}"),
        }
    }
}

impl std::error::Error for SourceError {}

/// Default per-file input limit.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Resource bounds for reading one file. The defaults let real minutes through (a 300-page
/// PDF, a Word document with embedded images) and stop bombs well before memory runs out.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Bytes read from the file (`--max-file-size`).
    pub max_bytes: u64,
    /// Bytes decompressed from a docx entry or from a PDF's content streams, in total.
    pub max_unpacked_bytes: u64,
    /// Largest decompression ratio of one docx entry or PDF stream (zip bombs reach
    /// 1000:1 and more; XML compresses about 10:1).
    pub max_ratio: u64,
    /// Objects in a PDF.
    pub max_pdf_objects: usize,
    /// Nesting of PDF arrays and dictionaries (deep nesting overflows recursive parsers).
    pub max_nesting: usize,
    /// Wall-clock time for extracting one PDF or docx.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: DEFAULT_MAX_BYTES,
            max_unpacked_bytes: 256 * 1024 * 1024,
            max_ratio: 200,
            max_pdf_objects: 500_000,
            max_nesting: 64,
            timeout: Duration::from_secs(60),
        }
    }
}

impl Limits {
    /// Defaults with another per-file size limit.
    pub fn with_max_bytes(max_bytes: u64) -> Limits {
        Limits {
            max_bytes,
            ..Limits::default()
        }
    }
}

/// Read a path, or stdin for "-", detecting the format.
pub fn load(path: &Path, max_bytes: u64) -> Result<Source, SourceError> {
    load_as(path, max_bytes, None)
}

/// Read a path, or stdin for "-"; `format` overrides detection (`--input-format`).
pub fn load_as(
    path: &Path,
    max_bytes: u64,
    format: Option<InputFormat>,
) -> Result<Source, SourceError> {
    load_with(path, &Limits::with_max_bytes(max_bytes), format)
}

/// Read a path, or stdin for "-", within `limits`.
pub fn load_with(
    path: &Path,
    limits: &Limits,
    format: Option<InputFormat>,
) -> Result<Source, SourceError> {
    let max_bytes = limits.max_bytes;
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
        if !meta.is_file() {
            // FIFOs and devices could block forever or never end.
            return Err(SourceError::Io(
                "is not a regular file (a device, pipe or socket)".into(),
            ));
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
    let (name, ext) = if name == "-" {
        (STDIN.to_string(), None)
    } else {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        (name, ext)
    };
    decode_as(name, Cow::Owned(bytes), ext.as_deref(), format, limits)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => match e.raw_os_error() {
            Some(40) => "too many levels of symbolic links (a symlink loop?)".into(),
            _ => e.to_string(),
        },
    }
}

/// Decode bytes into a [`Source`], detecting the format by content.
pub fn from_bytes(name: String, bytes: &[u8]) -> Result<Source, SourceError> {
    from_bytes_as(name, bytes, None, None, &Limits::default())
}

/// Decode bytes into a [`Source`]. `extension` (lower-case, no dot) only breaks the tie
/// between text and HTML; `format` overrides detection entirely.
pub fn from_bytes_as(
    name: String,
    bytes: &[u8],
    extension: Option<&str>,
    format: Option<InputFormat>,
    limits: &Limits,
) -> Result<Source, SourceError> {
    decode_as(name, Cow::Borrowed(bytes), extension, format, limits)
}

/// [`from_bytes_as`] for bytes that may be owned: a file read into memory becomes its text
/// without a copy when it is plain UTF-8.
fn decode_as(
    name: String,
    bytes: Cow<[u8]>,
    extension: Option<&str>,
    format: Option<InputFormat>,
    limits: &Limits,
) -> Result<Source, SourceError> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(SourceError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_bytes,
        });
    }
    let format = match format {
        Some(f) => f,
        None => detect(&bytes, extension)?,
    };
    let (text, encoding, notes) = match format {
        InputFormat::Text => {
            let (decoded, encoding) = match bytes {
                Cow::Owned(owned) => text::decode_owned(owned)?,
                Cow::Borrowed(borrowed) => text::decode(borrowed)?,
            };
            (decoded, encoding, Vec::new())
        }
        InputFormat::Html => {
            let (decoded, _) = text::decode(&bytes)?;
            let depth = html::element_depth(&decoded);
            if depth > html::MAX_ELEMENT_DEPTH {
                return Err(SourceError::Limit(format!(
                    "the HTML nests elements {depth} levels deep, over the limit of {} (real pages nest a few dozen)",
                    html::MAX_ELEMENT_DEPTH
                )));
            }
            (html::extract(&decoded), "html", Vec::new())
        }
        InputFormat::Docx => (docx::extract(&bytes, limits)?, "docx", Vec::new()),
        InputFormat::Pdf => {
            let extracted = pdf::extract(&bytes, limits)?;
            (extracted.text, "pdf", extracted.notes)
        }
    };
    let text = if format == InputFormat::Text {
        text
    } else {
        text.replace('\0', "")
    };
    Ok(Source {
        name,
        text: normalise::normalise(text::normalise_newlines(text)),
        encoding,
        format,
        notes,
    })
}
