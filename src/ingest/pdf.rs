//! PDF input: page by page with pdf-extract, poppler's `pdftotext` as the
//! fallback.
//!
//! pdf-extract panics on damaged files, stops at the first failing page, and
//! can return Ok with text silently missing. So:
//! 1. the document is loaded, decrypted with the empty password when
//!    encrypted, and every page rendered on its own (with
//!    [`ColumnText`], which keeps words at
//!    their columns), each inside `catch_unwind`; a page that fails or panics
//!    is a `page-unreadable` warning with its number, and the other pages are
//!    kept;
//!    Content streams are first decoded strictly ([`super::pdf_check`]): a
//!    page whose content does not decode is a `page-damaged` warning, since
//!    pdf-extract would return Ok with its text silently incomplete;
//! 2. when the file cannot be opened, pages were lost or damaged, or the text is
//!    suspiciously short for the page count (Ok-but-empty is a failure),
//!    `pdftotext -layout -enc UTF-8` is tried when it is installed
//!    (`--pdf-backend auto`), and a `pdf-backend` warning says which backend
//!    produced the text.
//!
//! Both backends' text goes through the same grammars.

use super::pdf_check::damaged_content;
use super::pdf_columns::ColumnText;
use super::{Document, Format, Line};
use crate::diagnostic::Warning;
use crate::panic::catch;
use std::path::Path;
use std::process::Command;

/// Which program turns a PDF into text.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Backend {
    /// pdf-extract, falling back to pdftotext when pages are lost or the
    /// text is suspiciously short.
    #[default]
    Auto,
    /// pdf-extract only.
    PdfExtract,
    /// poppler's pdftotext only.
    Pdftotext,
}

/// Why a PDF yielded no text at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The file is no PDF, or too damaged to open.
    Unreadable(String),
    /// The PDF needs a password.
    Encrypted(String),
}

/// Text per page with what went wrong, from one backend.
#[derive(Debug, Default)]
struct Pages {
    texts: Vec<Option<String>>,
    /// Pages read whose content did not decode: their text may be incomplete.
    damaged: Vec<usize>,
    warnings: Vec<Warning>,
}

impl Pages {
    /// Pages not read, or read from damaged content.
    fn lost(&self) -> Vec<usize> {
        let mut lost: Vec<usize> = (0..self.texts.len())
            .filter(|&i| self.texts[i].is_none())
            .map(|i| i + 1)
            .collect();
        lost.extend(&self.damaged);
        lost.sort_unstable();
        lost
    }

    fn characters(&self) -> usize {
        self.texts
            .iter()
            .flatten()
            .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
            .sum()
    }

    /// Few characters for the pages: a text layer lost, or a scan.
    fn suspiciously_short(&self) -> bool {
        self.characters() < MIN_CHARACTERS_PER_PAGE * self.texts.len().max(1)
    }
}

/// Below this many characters per page on average, text was lost.
const MIN_CHARACTERS_PER_PAGE: usize = 100;

/// Reads a PDF into lines with page numbers.
pub fn read_pdf(path: &Path, bytes: &[u8], backend: Backend) -> Result<Document, PdfError> {
    match backend {
        Backend::PdfExtract => with_pdf_extract(bytes).map(|pages| document(pages, Vec::new())),
        Backend::Pdftotext => with_pdftotext(path).map(|pages| document(pages, Vec::new())),
        Backend::Auto => auto(path, bytes),
    }
}

fn auto(path: &Path, bytes: &[u8]) -> Result<Document, PdfError> {
    let first = with_pdf_extract(bytes);
    let trouble = match &first {
        Ok(pages) if pages.lost().is_empty() && !pages.suspiciously_short() => {
            return first.map(|p| document(p, Vec::new()));
        }
        Ok(pages) if !pages.lost().is_empty() => {
            format!(
                "pdf-extract could not read page(s) {} whole",
                list(&pages.lost())
            )
        }
        Ok(pages) => format!(
            "pdf-extract found only {} characters on {} page(s)",
            pages.characters(),
            pages.texts.len()
        ),
        Err(PdfError::Unreadable(why) | PdfError::Encrypted(why)) => {
            format!("pdf-extract could not open the file ({why})")
        }
    };
    if !pdftotext_installed() {
        let note = Warning::document(
            "pdf-backend",
            format!(
                "{trouble}; pdftotext (poppler-utils) is not installed, so nothing could be recovered"
            ),
        );
        return first.map(|pages| document(pages, vec![note]));
    }
    match with_pdftotext(path) {
        Ok(recovered) if !recovered.suspiciously_short() || first.is_err() => {
            let note =
                Warning::document("pdf-backend", format!("{trouble}; the text is pdftotext's"));
            Ok(document(recovered, vec![note]))
        }
        Ok(_) | Err(_) => {
            let note = Warning::document(
                "pdf-backend",
                format!("{trouble}; pdftotext recovered no more, so the text is pdf-extract's"),
            );
            match first {
                Ok(pages) => Ok(document(pages, vec![note])),
                Err(error) => Err(error),
            }
        }
    }
}

fn list(pages: &[usize]) -> String {
    let texts: Vec<String> = pages.iter().map(usize::to_string).collect();
    texts.join(", ")
}

fn document(pages: Pages, mut warnings: Vec<Warning>) -> Document {
    let mut lines = Vec::new();
    for (index, text) in pages.texts.iter().enumerate() {
        let page = index as u32 + 1;
        for line in text.as_deref().unwrap_or("").lines() {
            lines.push(Line::new(line.replace('\u{c}', ""), Some(page)));
        }
    }
    warnings.extend(pages.warnings);
    Document {
        lines,
        format: Format::Pdf,
        pages: Some(pages.texts.len() as u32),
        warnings,
    }
}

fn with_pdf_extract(bytes: &[u8]) -> Result<Pages, PdfError> {
    let mut loaded = match catch(|| pdf_extract::Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(error)) => return Err(PdfError::Unreadable(error.to_string())),
        Err(panic) => {
            return Err(PdfError::Unreadable(format!(
                "the PDF library panicked: {panic}"
            )));
        }
    };
    if loaded.is_encrypted() {
        match catch(|| loaded.decrypt("")) {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                return Err(PdfError::Encrypted(format!(
                    "it needs a password ({error})"
                )));
            }
            Err(panic) => return Err(PdfError::Encrypted(format!("decryption panicked: {panic}"))),
        }
    }
    let doc = loaded;
    let numbers: Vec<(u32, pdf_extract::ObjectId)> = match catch(|| doc.get_pages()) {
        Ok(pages) => pages.into_iter().collect(),
        Err(panic) => {
            return Err(PdfError::Unreadable(format!(
                "its page tree cannot be read: {panic}"
            )));
        }
    };
    if numbers.is_empty() {
        return Err(PdfError::Unreadable("it has no pages".to_owned()));
    }
    let mut pages = Pages::default();
    let no_resources = pdf_extract::Dictionary::new();
    // Fonts read on one page are kept for the next; a reader that panicked
    // may hold half-made state, so the next page gets a new one.
    let mut reader = pdf_extract::PageReader::new(&no_resources);
    for (number, id) in numbers {
        if let Ok(Some(why)) = catch(|| damaged_content(&doc, id)) {
            pages.damaged.push(number as usize);
            pages.warnings.push(Warning {
                page: Some(number),
                ..Warning::document(
                    "page-damaged",
                    format!("page {number} is damaged: {why}; its text may be incomplete"),
                )
            });
        }
        let rendered = catch(|| {
            let mut text = String::new();
            let mut output = ColumnText::new(&mut text);
            reader
                .output_page(&doc, &mut output, number, id)
                .map(|()| text)
        });
        if rendered.is_err() {
            reader = pdf_extract::PageReader::new(&no_resources);
        }
        match rendered {
            Ok(Ok(text)) => pages.texts.push(Some(text)),
            Ok(Err(error)) => {
                pages.texts.push(None);
                pages
                    .warnings
                    .push(page_unreadable(number, &error.to_string()));
            }
            Err(panic) => {
                pages.texts.push(None);
                pages.warnings.push(page_unreadable(
                    number,
                    &format!("the PDF library panicked: {panic}"),
                ));
            }
        }
    }
    Ok(pages)
}

fn page_unreadable(number: u32, why: &str) -> Warning {
    Warning {
        page: Some(number),
        ..Warning::document(
            "page-unreadable",
            format!("page {number} could not be read: {why}"),
        )
    }
}

/// Whether poppler's pdftotext can be run.
pub fn pdftotext_installed() -> bool {
    static INSTALLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *INSTALLED.get_or_init(probe_pdftotext)
}

fn probe_pdftotext() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stderr.is_empty())
}

fn with_pdftotext(path: &Path) -> Result<Pages, PdfError> {
    // A relative name that starts with `-` (`-v.pdf`) would be read as an
    // option: it is passed as `./-v.pdf`.
    let path = if path.is_relative() && path.as_os_str().as_encoded_bytes().starts_with(b"-") {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    };
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .map_err(|e| PdfError::Unreadable(format!("pdftotext could not be run: {e}")))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let why = stderr.lines().next().unwrap_or("it failed").to_owned();
        return Err(
            if stderr.contains("password") || stderr.contains("Incorrect password") {
                PdfError::Encrypted(why)
            } else {
                PdfError::Unreadable(why)
            },
        );
    }
    let text = String::from_utf8_lossy(&output.stdout);
    // pdftotext ends every page with a form feed.
    let body = text.strip_suffix('\u{c}').unwrap_or(&text);
    let texts: Vec<Option<String>> = body
        .split('\u{c}')
        .map(|page| Some(page.to_owned()))
        .collect();
    Ok(Pages {
        texts,
        ..Pages::default()
    })
}
