//! `--cache DIR`: records kept by the SHA-256 of a file's bytes and the
//! parser version, so a re-run parses only what changed.
//!
//! An entry is `DIR/<sha256>-<settings>.json`, where `<settings>` hashes the
//! parser version (from the sources and dependency lock at build time) and
//! every read option that changes a record. Entries are written atomically,
//! so workers may share a cache. A hit gets the path it was found under.
//!
//! Only definitive records are kept: a record with an `error` (a file that
//! could not be read, maybe for a passing reason: a tool out of memory, a
//! file being written) is read again next time. An entry is used only when
//! it is a regular file of at most [`ENTRY_LIMIT`] bytes (never a FIFO, a
//! device or a link to one) holding a record of the bytes it is stored
//! under; anything else is ignored and the file parsed again.

use crate::extract::{extract_bytes, refused};
use crate::ingest::{self, ReadOptions, claims_pdf, sha256_hex};
use crate::model::DocumentRecord;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The most bytes a cache entry may hold: far more than any record of a
/// file under the default `--max-bytes`, far less than would hurt.
pub const ENTRY_LIMIT: u64 = 1 << 30;

/// Identifies the code that makes records; changes with any source change.
pub const PARSER_VERSION: &str = env!("KENGETAL_PARSER_VERSION");

/// Whether a record was parsed now or taken from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// Read and parsed now.
    Parsed,
    /// Taken from `--cache`.
    Cached,
}

/// The record of the file at `path`, taken from `cache` when it holds one
/// for these bytes and options, else parsed now (and kept there).
pub fn extract_file_cached(
    path: &Path,
    options: ReadOptions,
    cache: Option<&Cache>,
) -> (DocumentRecord, Provenance) {
    let shown = path.to_string_lossy();
    let bytes = match ingest::read_file(path, options.max_bytes) {
        Ok(bytes) => bytes,
        Err(refusal) => return (refused(&shown, None, refusal), Provenance::Parsed),
    };
    let claims_pdf = claims_pdf(path);
    // Hashed here only for the cache: the record hashes the bytes itself.
    if let Some(cache) = cache
        && let Some(hit) = cache.get(&sha256_hex(&bytes), options, claims_pdf, &shown)
    {
        return (hit, Provenance::Cached);
    }
    let record = extract_bytes(path, &bytes, options);
    if let Some(cache) = cache {
        cache.put(options, claims_pdf, &record);
    }
    (record, Provenance::Parsed)
}

/// A folder of cached records.
#[derive(Debug, Clone)]
pub struct Cache {
    folder: PathBuf,
}

impl Cache {
    /// The cache in `folder`, created when missing.
    pub fn open(folder: &Path) -> std::io::Result<Cache> {
        fs::create_dir_all(folder)?;
        Ok(Cache {
            folder: folder.to_path_buf(),
        })
    }

    /// Where the record of `sha256` read with these settings is kept.
    fn entry(&self, sha256: &str, options: ReadOptions, claims_pdf: bool) -> PathBuf {
        let pdftotext = ingest::pdf::pdftotext_installed();
        let settings = format!(
            "{PARSER_VERSION}|{:?}|{pdftotext}|{claims_pdf}",
            options.pdf_backend
        );
        let short = &sha256_hex(settings.as_bytes())[..16];
        self.folder.join(format!("{sha256}-{short}.json"))
    }

    /// The cached record of these bytes, given the path they were found at.
    pub fn get(
        &self,
        sha256: &str,
        options: ReadOptions,
        claims_pdf: bool,
        path: &str,
    ) -> Option<DocumentRecord> {
        // Read as a report is: only a regular file, of bounded size.
        let bytes =
            ingest::read_file(&self.entry(sha256, options, claims_pdf), ENTRY_LIMIT).ok()?;
        let mut record: DocumentRecord = serde_json::from_slice(&bytes).ok()?;
        (record.source.sha256 == sha256 && record.error.is_none()).then(|| {
            record.source.path = path.to_owned();
            record
        })
    }

    /// Keeps a record, unless it has an `error`; a cache that cannot be
    /// written is only slower.
    pub fn put(&self, options: ReadOptions, claims_pdf: bool, record: &DocumentRecord) {
        if record.error.is_some() {
            return;
        }
        let target = self.entry(&record.source.sha256, options, claims_pdf);
        let Ok(mut file) = tempfile::NamedTempFile::new_in(&self.folder) else {
            return;
        };
        let Ok(json) = serde_json::to_vec(record) else {
            return;
        };
        if file.write_all(&json).is_ok() {
            let _ = file.persist(target);
        }
    }
}
