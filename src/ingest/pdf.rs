//! PDF input: page by page with pdf-extract, poppler's `pdftotext` for the
//! pages it cannot vouch for.
//!
//! pdf-extract panics on damaged files, stops at the first failing page, and
//! can return Ok with text silently missing; lopdf, under it, skips an
//! object it cannot load without a word. So:
//! 1. the document is loaded, decrypted with the empty password when
//!    encrypted, and every page rendered on its own (with
//!    [`ColumnText`], which keeps words at
//!    their columns), each inside `catch_unwind`; a page that fails or panics
//!    is a `page-unreadable` warning with its number, and the other pages are
//!    kept. Content streams are first decoded strictly
//!    ([`super::pdf_check`]): a page whose content does not decode is a
//!    `page-damaged` warning, since pdf-extract would return Ok with its text
//!    silently incomplete;
//! 2. with `--pdf-backend auto`, what is in doubt ([`super::pdf_pages`]: a
//!    lost, damaged or empty page, a page count other than the page tree's,
//!    objects not loaded, too little text) is read again with
//!    `pdftotext -layout -enc UTF-8` when it is installed; each page keeps
//!    the text that holds more, the numbering is the page tree's, the
//!    document's `readers` say which pages came from which program, and a
//!    `pdf-backend` warning says why.
//!
//! Both backends' text goes through the same grammars.

use super::pdf_check::{damaged_content, lost_objects, page_slots, page_tree_count};
use super::pdf_columns::ColumnText;
use super::pdf_pages::{Pages, Reader, choose, doubts, note, runs};
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

/// Reads a PDF into lines with page numbers.
pub fn read_pdf(path: &Path, bytes: &[u8], backend: Backend) -> Result<Document, PdfError> {
    match backend {
        Backend::PdfExtract => {
            with_pdf_extract(bytes).map(|pages| whole(pages, Reader::PdfExtract, Vec::new()))
        }
        Backend::Pdftotext => {
            with_pdftotext(path, None).map(|pages| whole(pages, Reader::Pdftotext, Vec::new()))
        }
        Backend::Auto => auto(path, bytes),
    }
}

fn auto(path: &Path, bytes: &[u8]) -> Result<Document, PdfError> {
    let ours = match with_pdf_extract(bytes) {
        Ok(pages) => pages,
        Err(error) => return unopened(path, error),
    };
    let doubts = doubts(&ours);
    if doubts.none() {
        return Ok(whole(ours, Reader::PdfExtract, Vec::new()));
    }
    let trouble = doubts.reasons.join("; ");
    if !pdftotext_installed() {
        let why = format!(
            "{trouble}; pdftotext (poppler-utils) is not installed, so nothing could be recovered"
        );
        return Ok(whole(ours, Reader::PdfExtract, vec![note(why)]));
    }
    let found = ours.texts.len() as u32;
    let read = match doubts.range() {
        Some(range) => with_pdftotext(path, Some(range)).map(|pages| (range.0, pages)),
        // All of it: fewer pages than the tree's, and each page is asked for.
        None => with_pdftotext(path, None)
            .and_then(|all| match all.texts.len() < found as usize {
                true => with_pdftotext(path, Some((1, found))),
                false => Ok(all),
            })
            .map(|pages| (1, pages)),
    };
    match read {
        Ok((from, theirs)) => {
            let chosen = choose(ours, theirs, from, &doubts);
            Ok(document(chosen.texts, &chosen.readers, chosen.warnings))
        }
        Err(PdfError::Unreadable(why) | PdfError::Encrypted(why)) => {
            let why = format!(
                "{trouble}; pdftotext could not read it either ({why}), so the text is pdf-extract's"
            );
            Ok(whole(ours, Reader::PdfExtract, vec![note(why)]))
        }
    }
}

/// pdf-extract could not open the file: pdftotext reads all of it.
fn unopened(path: &Path, error: PdfError) -> Result<Document, PdfError> {
    let (PdfError::Unreadable(why) | PdfError::Encrypted(why)) = &error;
    let trouble = format!("pdf-extract could not open the file ({why})");
    if !pdftotext_installed() {
        return Err(error);
    }
    match with_pdftotext(path, None) {
        Ok(theirs) => {
            let why = format!("{trouble}; the text is pdftotext's");
            Ok(whole(theirs, Reader::Pdftotext, vec![note(why)]))
        }
        Err(_) => Err(error),
    }
}

/// Every page from one backend.
fn whole(pages: Pages, reader: Reader, mut warnings: Vec<Warning>) -> Document {
    let readers = vec![reader; pages.texts.len()];
    warnings.extend(pages.warnings);
    document(pages.texts, &readers, warnings)
}

fn document(texts: Vec<Option<String>>, readers: &[Reader], warnings: Vec<Warning>) -> Document {
    let mut lines = Vec::new();
    for (index, text) in texts.iter().enumerate() {
        let page = index as u32 + 1;
        for line in text.as_deref().unwrap_or("").lines() {
            lines.push(Line::new(line.replace('\u{c}', ""), Some(page)));
        }
    }
    Document {
        lines,
        format: Format::Pdf,
        pages: Some(texts.len() as u32),
        readers: runs(readers),
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
    // The page tree's own numbering: a page whose object was lost keeps
    // its number (and the pages after it theirs).
    let slots = match catch(|| page_slots(&doc)) {
        Ok(slots) => slots,
        Err(panic) => {
            return Err(PdfError::Unreadable(format!(
                "its page tree cannot be read: {panic}"
            )));
        }
    };
    if slots.iter().all(Option::is_none) {
        return Err(PdfError::Unreadable("it has no pages".to_owned()));
    }
    let mut pages = Pages {
        tree_count: catch(|| page_tree_count(&doc)).ok().flatten(),
        lost_objects: catch(|| lost_objects(&doc)).unwrap_or(0),
        ..Pages::default()
    };
    let no_resources = pdf_extract::Dictionary::new();
    // Fonts read on one page are kept for the next; a reader that panicked
    // may hold half-made state, so the next page gets a new one.
    let mut reader = pdf_extract::PageReader::new(&no_resources);
    for (index, slot) in slots.into_iter().enumerate() {
        let number = index as u32 + 1;
        let Some(id) = slot else {
            pages.texts.push(None);
            pages.warnings.push(page_unreadable(
                number,
                "its page object could not be loaded",
            ));
            continue;
        };
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

/// pdftotext's pages: exactly pages `first..=last`, or all pages of
/// poppler's page tree (all it prints when `pdfinfo` cannot count them),
/// each in its place (`None` for a page it could not read).
///
/// pdftotext ends each page it reads with a form feed and prints nothing
/// for a page it cannot read, so counting form feeds is not numbering
/// pages: when a range comes back short, each page is read on its own.
fn with_pdftotext(path: &Path, range: Option<(u32, u32)>) -> Result<Pages, PdfError> {
    let text = run_pdftotext(path, range)?;
    // All pages: poppler's page tree (`pdfinfo`) says how many there are.
    let range = range.or_else(|| poppler_page_count(path).map(|count| (1, count)));
    let mut texts: Vec<Option<String>> = text
        .split_terminator('\u{c}')
        .map(|p| Some(p.to_owned()))
        .collect();
    if let Some((first, last)) = range
        && texts.len() != (last - first + 1) as usize
    {
        texts = (first..=last)
            .map(|page| {
                let text = run_pdftotext(path, Some((page, page))).ok()?;
                text.strip_suffix('\u{c}').map(str::to_owned)
            })
            .collect();
    }
    Ok(Pages {
        texts,
        ..Pages::default()
    })
}

/// The page count of poppler's page tree (`pdfinfo`, installed with
/// pdftotext), when it can be read.
fn poppler_page_count(path: &Path) -> Option<u32> {
    let output = Command::new("pdfinfo")
        .arg(option_safe(path))
        .output()
        .ok()?;
    let info = String::from_utf8_lossy(&output.stdout);
    let count = info.lines().find_map(|l| l.strip_prefix("Pages:"))?;
    count.trim().parse().ok().filter(|&n| n > 0)
}

/// A relative name that starts with `-` (`-v.pdf`) would be read as an
/// option: it is passed as `./-v.pdf`.
fn option_safe(path: &Path) -> std::path::PathBuf {
    if path.is_relative() && path.as_os_str().as_encoded_bytes().starts_with(b"-") {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// What `pdftotext -layout -enc UTF-8 [-f first -l last] FILE -` prints.
fn run_pdftotext(path: &Path, range: Option<(u32, u32)>) -> Result<String, PdfError> {
    let path = option_safe(path);
    let mut command = Command::new("pdftotext");
    command.args(["-layout", "-enc", "UTF-8"]);
    if let Some((first, last)) = range {
        command
            .arg("-f")
            .arg(first.to_string())
            .arg("-l")
            .arg(last.to_string());
    }
    let output = command
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
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
