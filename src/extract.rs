//! One document, start to finish: bytes → lines → clean → recognise →
//! normalise → a [`DocumentRecord`].
//!
//! Invariant: every input yields exactly one record; a file that cannot be
//! read yields a record with `error` set and no data.

use crate::cache::Cache;
use crate::clean;
use crate::diagnostic::Warning;
use crate::ingest::pdf::{self, Backend, PdfError};
use crate::ingest::{self, Document};
use crate::model::{
    Coverage, DocumentInfo, DocumentKind, DocumentRecord, RecordError, SCHEMA_VERSION, Source,
    SourceFormat,
};
use crate::normalise::census::census;
use crate::normalise::indicator::{Lines, indicator};
use crate::normalise::table::table;
use crate::panic::catch;
use crate::parse::indicator::{IndicatorBlock, Token, parse_indicator_tokens, tokenize};
use crate::parse::page_number::{PageLine, page_number_lines};
use crate::parse::table::card::parse_cards;
use crate::parse::table::glued::parse_glued_tables;
use crate::parse::table::grid::parse_grids;
use crate::parse::table::pipe::parse_pipe_tables;
use crate::parse::table::{TableBlock, fold_period_columns, parse_tables};
use crate::parse::{Placement, metadata};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
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

/// Whether bytes are a PDF: `%PDF-` near the start, whatever the file is called.
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Whether a record was parsed now or taken from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// Read and parsed now.
    Parsed,
    /// Taken from `--cache`.
    Cached,
}

/// The record of the file at `path`; never panics, never fails: a file that
/// cannot be read is a record with `error`.
pub fn extract_file(path: &Path, options: ReadOptions) -> DocumentRecord {
    extract_file_cached(path, options, None).0
}

/// [`extract_file`], with records kept in and taken from `cache`.
pub fn extract_file_cached(
    path: &Path,
    options: ReadOptions,
    cache: Option<&Cache>,
) -> (DocumentRecord, Provenance) {
    let shown = path.to_string_lossy().into_owned();
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > options.max_bytes => {
            let record = failed(
                &shown,
                None,
                "too-large",
                format!(
                    "the file has {} bytes, more than --max-bytes {}; it was not read",
                    meta.len(),
                    options.max_bytes
                ),
            );
            return (record, Provenance::Parsed);
        }
        _ => {}
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            let record = failed(&shown, None, "io", format!("cannot read the file: {error}"));
            return (record, Provenance::Parsed);
        }
    };
    let claims_pdf = Path::new(&shown)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    // Hashed here only for the cache: the record hashes the bytes itself.
    if let Some(cache) = cache
        && let Some(hit) = cache.get(&sha256_hex(&bytes), options, claims_pdf, &shown)
    {
        return (hit, Provenance::Cached);
    }
    let record = read_bytes(path, &shown, &bytes, claims_pdf, options);
    if let Some(cache) = cache {
        cache.put(options, claims_pdf, &record);
    }
    (record, Provenance::Parsed)
}

/// The record of bytes read from `path`.
fn read_bytes(
    path: &Path,
    shown: &str,
    bytes: &[u8],
    claims_pdf: bool,
    options: ReadOptions,
) -> DocumentRecord {
    if !looks_like_pdf(bytes) && !claims_pdf {
        return guarded(shown, bytes, || extract_text(shown, bytes));
    }
    if !looks_like_pdf(bytes) {
        let start = String::from_utf8_lossy(&bytes[..bytes.len().min(16)]).into_owned();
        let what = if bytes.is_empty() {
            "it is empty".to_owned()
        } else {
            format!("it starts with {start:?}, not %PDF")
        };
        return failed(
            shown,
            Some(bytes),
            "unreadable-pdf",
            format!("the file is no PDF: {what}"),
        );
    }
    let document = match catch(|| pdf::read_pdf(path, bytes, options.pdf_backend)) {
        Ok(Ok(document)) => document,
        Ok(Err(PdfError::Unreadable(why))) => {
            return failed(
                shown,
                Some(bytes),
                "unreadable-pdf",
                format!("the PDF cannot be read: {why}"),
            );
        }
        Ok(Err(PdfError::Encrypted(why))) => {
            return failed(
                shown,
                Some(bytes),
                "encrypted",
                format!("the PDF is encrypted: {why}"),
            );
        }
        Err(panic) => {
            return failed(
                shown,
                Some(bytes),
                "unreadable-pdf",
                format!("reading the PDF panicked: {panic}"),
            );
        }
    };
    guarded(shown, bytes, || {
        record_from_document(source(shown, bytes, &document), shown, document)
    })
}

/// Runs `work`; a panic in it becomes an `internal` error record.
fn guarded(shown: &str, bytes: &[u8], work: impl FnOnce() -> DocumentRecord) -> DocumentRecord {
    catch(work).unwrap_or_else(|panic| {
        failed(
            shown,
            Some(bytes),
            "internal",
            format!("kengetal failed on this file: {panic}"),
        )
    })
}

/// The record of a text file's bytes; `path` is recorded as given.
pub fn extract_text(path: &str, bytes: &[u8]) -> DocumentRecord {
    extract_text_uncounted(path, bytes).0
}

/// The record of a file that could not be read.
pub fn failed(path: &str, bytes: Option<&[u8]>, kind: &str, message: String) -> DocumentRecord {
    DocumentRecord {
        schema_version: SCHEMA_VERSION,
        source: Source {
            path: path.to_owned(),
            sha256: bytes.map(sha256_hex).unwrap_or_default(),
            format: format_of(path),
            pages: None,
            bytes: bytes.map_or(0, |b| b.len() as u64),
        },
        document: DocumentInfo::default(),
        indicators: Vec::new(),
        tables: Vec::new(),
        warnings: Vec::new(),
        error: Some(RecordError {
            kind: kind.to_owned(),
            message,
        }),
        coverage: Coverage::default(),
        unread: Vec::new(),
    }
}

fn format_of(path: &str) -> SourceFormat {
    let pdf = Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if pdf {
        SourceFormat::Pdf
    } else {
        SourceFormat::Text
    }
}

fn source(path: &str, bytes: &[u8], document: &Document) -> Source {
    Source {
        path: path.to_owned(),
        sha256: sha256_hex(bytes),
        format: document.format,
        pages: document.pages,
        bytes: bytes.len() as u64,
    }
}

/// Where each line of a document stands: its page and indentation.
pub fn placements(document: &Document) -> Vec<Placement> {
    document
        .lines
        .iter()
        .map(|l| Placement {
            page: l.page,
            indent: l.text.chars().take_while(|c| c.is_whitespace()).count(),
        })
        .collect()
}

/// Every block the grammars find in a document's cleaned lines.
#[derive(Debug)]
pub struct Recognised<'a> {
    /// Each line, classified.
    pub tokens: Vec<Token<'a>>,
    /// Indicator blocks, in document order.
    pub indicators: Vec<IndicatorBlock<'a>>,
    /// Tables, in document order; never inside an indicator block.
    pub tables: Vec<TableBlock<'a>>,
    /// What each line is to the document's page sequence.
    pub page_numbers: Vec<PageLine>,
}

/// Runs the grammars over cleaned lines; `placements[i]` says where line `i` stands.
pub fn recognise<'a>(lines: &[&'a str], placements: &[Placement]) -> Recognised<'a> {
    let tokens = tokenize(lines);
    let indicators = parse_indicator_tokens(&tokens);
    let mut in_indicator = vec![false; tokens.len()];
    for block in &indicators {
        in_indicator[block.first_line..=block.last_line].fill(true);
    }
    // Tables printed one cell per line first: their strict structure is
    // sure where the row-per-line grammar would misread their headers.
    let page_numbers = page_number_lines(lines, placements);
    let mut claimed = in_indicator;
    let mut tables = Vec::new();
    let mut claim = |found: Vec<TableBlock<'a>>, claimed: &mut Vec<bool>| {
        for table in &found {
            claimed[table.first_line..=table.last_line].fill(true);
        }
        tables.extend(found);
    };
    claim(parse_pipe_tables(lines, &claimed), &mut claimed);
    claim(parse_grids(lines, &claimed, &page_numbers), &mut claimed);
    claim(parse_glued_tables(lines, &claimed), &mut claimed);
    claim(parse_cards(lines, &claimed), &mut claimed);
    claim(
        parse_tables(lines, &tokens, &claimed, placements),
        &mut claimed,
    );
    tables.iter_mut().for_each(fold_period_columns);
    tables.sort_by_key(|t| t.first_line);
    Recognised {
        tokens,
        indicators,
        tables,
        page_numbers,
    }
}

/// Runs clean → recognise → normalise over a read document.
pub fn record_from_document(source: Source, path: &str, document: Document) -> DocumentRecord {
    record_and_uncounted(source, path, document).0
}

/// The record of a text file's bytes, and the read values the census
/// rules would not have counted as figures (see [`census`]).
pub fn extract_text_uncounted(path: &str, bytes: &[u8]) -> (DocumentRecord, Vec<(usize, String)>) {
    let (text, encoding_warning) = ingest::text::decode(bytes);
    let mut document = ingest::text::document_from_text(&text);
    document.warnings.extend(encoding_warning);
    record_and_uncounted(source(path, bytes, &document), path, document)
}

/// [`record_from_document`], with the census's uncounted reads.
fn record_and_uncounted(
    source: Source,
    path: &str,
    document: Document,
) -> (DocumentRecord, Vec<(usize, String)>) {
    let cleaned = clean::clean(document.lines.iter().map(|l| l.text.as_str()));
    let cleaned_lines: Vec<&str> = cleaned.lines.iter().map(AsRef::as_ref).collect();
    let printed: Vec<&str> = document.lines.iter().map(|l| l.text.as_str()).collect();
    let pages: Vec<Option<u32>> = document.lines.iter().map(|l| l.page).collect();
    let lines = Lines {
        cleaned: &cleaned_lines,
        printed: &printed,
        pages: &pages,
    };
    let placements = placements(&document);
    let recognised = recognise(&cleaned_lines, &placements);
    let mut indicators: Vec<_> = recognised
        .indicators
        .iter()
        .map(|block| indicator(block, lines))
        .collect();
    let tables: Vec<_> = recognised
        .tables
        .iter()
        .map(|block| table(block, lines))
        .collect();
    let tokens = recognised.tokens;
    flag_repeated_explanations(&mut indicators);
    let census = census(lines, &recognised.page_numbers, &mut indicators, &tables);
    let mut warnings = document.warnings;
    warnings.extend(cleaned.warnings);
    let detected = metadata::detect(&tokens);
    let info = document_info(detected, path, &mut warnings);
    lines.paginate(&mut warnings);
    let record = DocumentRecord {
        schema_version: SCHEMA_VERSION,
        source,
        document: info,
        indicators,
        tables,
        warnings,
        error: None,
        coverage: census.coverage,
        unread: census.unread,
    };
    (record, census.uncounted)
}

/// The document's metadata: from its text, else from its file name with a warning.
fn document_info(
    detected: metadata::Metadata,
    path: &str,
    warnings: &mut Vec<Warning>,
) -> DocumentInfo {
    let mut info = DocumentInfo {
        municipality: detected.municipality,
        kind: detected.kind,
        year: detected.year,
        programme: detected.programme,
    };
    let stem = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_lowercase();
    let words: Vec<&str> = stem.split(|c: char| !c.is_alphanumeric()).collect();
    let mut from_name = Vec::new();
    if info.kind.is_none() {
        info.kind = words.iter().find_map(|w| kind_word(w));
        if info.kind.is_some() {
            from_name.push("kind");
        }
    }
    if info.year.is_none() {
        info.year = words
            .iter()
            .filter(|w| w.len() == 4)
            .find_map(|w| w.parse().ok().filter(|y| (1990..=2100).contains(y)));
        if info.year.is_some() {
            from_name.push("year");
        }
    }
    if !from_name.is_empty() {
        warnings.push(Warning::document(
            "metadata-from-path",
            format!(
                "the text does not state the document's {}; taken from the file name",
                from_name.join(" and ")
            ),
        ));
    }
    let missing: Vec<&str> = [
        ("kind", info.kind.is_none()),
        ("year", info.year.is_none()),
        ("municipality", info.municipality.is_none()),
    ]
    .iter()
    .filter(|(_, missing)| *missing)
    .map(|(name, _)| *name)
    .collect();
    if !missing.is_empty() {
        warnings.push(Warning::document(
            "metadata-missing",
            format!(
                "the document's {} could not be determined",
                missing.join(", ")
            ),
        ));
    }
    info
}

fn kind_word(word: &str) -> Option<DocumentKind> {
    match word {
        "jaarverslag" | "jaarstukken" | "jaarrekening" => Some(DocumentKind::Jaarverslag),
        "begroting" | "programmabegroting" => Some(DocumentKind::Begroting),
        "rapportage" | "tussenrapportage" => Some(DocumentKind::Rapportage),
        _ => None,
    }
}

/// A `Toelichting` that repeats the previous block's word for word is
/// usually a copy-paste slip in the report: worth a journalist's look.
fn flag_repeated_explanations(indicators: &mut [crate::model::Indicator]) {
    for index in 1..indicators.len() {
        let (before, after) = indicators.split_at_mut(index);
        let (previous, current) = (&before[index - 1], &mut after[0]);
        if current.explanation.is_some() && current.explanation == previous.explanation {
            current.warnings.push(Warning {
                page: current.location.page,
                ..Warning::at(
                    "explanation-repeated",
                    current.location.line_start,
                    format!(
                        "the Toelichting repeats that of the previous block \"{}\" word for word",
                        previous.title
                    ),
                )
            });
        }
    }
}
