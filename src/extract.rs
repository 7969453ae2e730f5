//! One document, start to finish: bytes → lines → clean → recognise →
//! normalise → a [`DocumentRecord`].
//!
//! This module only runs the stages; each stage's work is its own module.
//!
//! Invariant: every input yields exactly one record; a file that cannot be
//! read yields a record with `error` set and no data.

use crate::clean;
use crate::ingest::pdf_pages::{PageRun, Reader};
use crate::ingest::{self, Document, Format, ReadOptions, Refusal, sha256_hex};
use crate::model::{
    self, Coverage, DocumentInfo, DocumentRecord, PageReader, RecordError, SCHEMA_VERSION, Source,
    SourceFormat,
};
use crate::normalise::census::census;
use crate::normalise::indicator::{Lines, flag_repeated_explanations, indicator};
use crate::normalise::indicator_table::indicators_from_tables;
use crate::normalise::metadata::document_info;
use crate::normalise::table::table;
use crate::panic::catch;
use crate::parse::{Placement, metadata, recognise};
use std::path::Path;

/// The record of the file at `path`; never panics, never fails: a file that
/// cannot be read is a record with `error`.
pub fn extract_file(path: &Path, options: ReadOptions) -> DocumentRecord {
    match ingest::read_file(path, options.max_bytes) {
        Ok(bytes) => extract_bytes(path, &bytes, options),
        Err(refusal) => refused(&path.to_string_lossy(), None, refusal),
    }
}

/// The record of the bytes of the file at `path`, read as text or PDF.
pub fn extract_bytes(path: &Path, bytes: &[u8], options: ReadOptions) -> DocumentRecord {
    let shown = path.to_string_lossy();
    let work = || match ingest::read_document(path, bytes, options.pdf_backend) {
        Ok(document) => record_and_uncounted(&shown, bytes, document).0,
        Err(refusal) => refused(&shown, Some(bytes), refusal),
    };
    catch(work).unwrap_or_else(|panic| {
        failed(
            &shown,
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

/// The record of a text file's bytes, and the read values the census
/// rules would not have counted as figures (see [`census`]).
pub fn extract_text_uncounted(path: &str, bytes: &[u8]) -> (DocumentRecord, Vec<(usize, String)>) {
    record_and_uncounted(path, bytes, ingest::text::document(bytes))
}

/// The record of a file that could not be read.
pub fn failed(path: &str, bytes: Option<&[u8]>, kind: &str, message: String) -> DocumentRecord {
    DocumentRecord {
        schema_version: SCHEMA_VERSION,
        source: Source {
            path: path.to_owned(),
            sha256: bytes.map(sha256_hex).unwrap_or_default(),
            format: if ingest::claims_pdf(Path::new(path)) {
                SourceFormat::Pdf
            } else {
                SourceFormat::Text
            },
            pages: None,
            bytes: bytes.map_or(0, |b| b.len() as u64),
            readers: Vec::new(),
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

/// The record of a file ingest refused.
pub fn refused(path: &str, bytes: Option<&[u8]>, refusal: Refusal) -> DocumentRecord {
    failed(path, bytes, refusal.kind, refusal.message)
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

/// Runs clean → recognise → normalise over a read document; also returns
/// the census's uncounted reads.
fn record_and_uncounted(
    path: &str,
    bytes: &[u8],
    document: Document,
) -> (DocumentRecord, Vec<(usize, String)>) {
    let source = Source {
        path: path.to_owned(),
        sha256: sha256_hex(bytes),
        format: match document.format {
            Format::Text => SourceFormat::Text,
            Format::Pdf => SourceFormat::Pdf,
        },
        pages: document.pages,
        bytes: bytes.len() as u64,
        readers: document.readers.iter().map(page_run).collect(),
    };
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
    let mut recognised = recognise(&cleaned_lines, &placements);
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
    indicators.extend(indicators_from_tables(&tables, lines));
    indicators.sort_by_key(|i| i.location.line_start);
    flag_repeated_explanations(&mut indicators);
    let figures = std::mem::take(&mut recognised.figures);
    let census = census(
        lines,
        &recognised.page_numbers,
        figures,
        &mut indicators,
        &tables,
    );
    let mut warnings = document.warnings;
    warnings.extend(cleaned.warnings);
    let info = document_info(metadata::detect(&recognised.tokens), path, &mut warnings);
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

/// A run of pages as the dataset writes it.
fn page_run(run: &PageRun) -> model::PageRun {
    model::PageRun {
        first: run.first,
        last: run.last,
        reader: match run.reader {
            Reader::PdfExtract => PageReader::PdfExtract,
            Reader::Pdftotext => PageReader::Pdftotext,
        },
    }
}
