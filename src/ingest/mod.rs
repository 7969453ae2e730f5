//! Read: turn an input file into numbered lines of text.
//!
//! Only this stage reads report files. Everything downstream sees a
//! [`Document`]: plain lines in Unicode NFC, each with its 1-based line
//! number and, where known, its page.

pub mod discover;
pub mod pdf;
pub mod pdf_check;
pub mod pdf_columns;
pub mod pdf_pages;
pub mod text;

use crate::diagnostic::Warning;
use crate::panic::catch;
use pdf::{Backend, PdfError};
use sha2::{Digest, Sha256};
use std::path::Path;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// How a document's text was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A text file.
    Text,
    /// A PDF, its text extracted.
    Pdf,
}

/// One line of extracted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line as extracted, without its line break.
    pub text: String,
    /// Page of the line (1-based), when the source has pages.
    pub page: Option<u32>,
}

/// The text of one input file, split into lines.
///
/// Invariant: `lines[i]` is line number `i + 1` of the extracted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The lines, in order.
    pub lines: Vec<Line>,
    /// How the text was obtained.
    pub format: Format,
    /// Page count, when the source has pages.
    pub pages: Option<u32>,
    /// Which program read which pages (PDFs; empty for text).
    pub readers: Vec<pdf_pages::PageRun>,
    /// Problems met while reading.
    pub warnings: Vec<Warning>,
}

impl Line {
    /// A line of text in Unicode NFC, so `e` + combining diaeresis reads as `ë`.
    pub fn new(text: String, page: Option<u32>) -> Line {
        let composed = text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes;
        let text = if composed { text } else { text.nfc().collect() };
        Line { text, page }
    }
}

/// How files are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReadOptions {
    /// Which program turns PDFs into text.
    pub pdf_backend: Backend,
    /// Larger files are not read (error kind `too-large`).
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            pdf_backend: Backend::Auto,
            max_bytes: 200 * 1024 * 1024,
        }
    }
}

/// Why a file yields no document: an error kind of the dataset and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The record's `error.kind` (`io`, `too-large`, `unreadable-pdf`, `encrypted`).
    pub kind: &'static str,
    /// What happened, for a person.
    pub message: String,
}

impl Refusal {
    fn new(kind: &'static str, message: String) -> Refusal {
        Refusal { kind, message }
    }
}

/// Hex SHA-256 of bytes: a file's identity in records and the cache.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether bytes are a PDF: `%PDF-` near the start, whatever the file is called.
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Whether the file at `path` starts as a PDF does (its first KiB is
/// read); false when it cannot be read.
pub fn starts_as_pdf(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)
        .and_then(|file| file.take(1024).read_to_end(&mut head))
        .is_ok_and(|_| looks_like_pdf(&head))
}

/// Whether a path is named as a PDF (`.pdf`, any case).
pub fn claims_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Why the file at `path` is refused before a byte is read: it is no
/// regular file (a FIFO, a device, a socket: reading one may block or never
/// end), or it is larger than `max_bytes` (what a link points at counts).
/// A file whose kind cannot be known is left to [`read_file`].
pub fn refused_early(path: &Path, max_bytes: u64) -> Option<Refusal> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        let what = file_kind(&meta.file_type());
        return Some(Refusal::new(
            "io",
            format!("the path is {what}, not a regular file; it was not read"),
        ));
    }
    let size = meta.len();
    (size > max_bytes).then(|| {
        Refusal::new(
            "too-large",
            format!(
                "the file has {size} bytes, more than --max-bytes {max_bytes}; it was not read"
            ),
        )
    })
}

/// What a non-regular file is, for a person.
fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "no regular file"
    }
}

/// The bytes of the file at `path`, unless it is refused early
/// ([`refused_early`]) or cannot be read.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
    if let Some(refusal) = refused_early(path, max_bytes) {
        return Err(refusal);
    }
    std::fs::read(path).map_err(|e| Refusal::new("io", format!("cannot read the file: {e}")))
}

/// The document in a file's bytes: text unless the bytes are a PDF or the
/// path is named `.pdf`.
pub fn read_document(path: &Path, bytes: &[u8], backend: Backend) -> Result<Document, Refusal> {
    if !looks_like_pdf(bytes) && !claims_pdf(path) {
        return Ok(text::document(bytes));
    }
    if !looks_like_pdf(bytes) {
        let start = String::from_utf8_lossy(&bytes[..bytes.len().min(16)]).into_owned();
        let what = if bytes.is_empty() {
            "it is empty".to_owned()
        } else {
            format!("it starts with {start:?}, not %PDF")
        };
        return Err(Refusal::new(
            "unreadable-pdf",
            format!("the file is no PDF: {what}"),
        ));
    }
    match catch(|| pdf::read_pdf(path, bytes, backend)) {
        Ok(Ok(document)) => Ok(document),
        Ok(Err(PdfError::Unreadable(why))) => Err(Refusal::new(
            "unreadable-pdf",
            format!("the PDF cannot be read: {why}"),
        )),
        Ok(Err(PdfError::Encrypted(why))) => Err(Refusal::new(
            "encrypted",
            format!("the PDF is encrypted: {why}"),
        )),
        Err(panic) => Err(Refusal::new(
            "unreadable-pdf",
            format!("reading the PDF panicked: {panic}"),
        )),
    }
}
