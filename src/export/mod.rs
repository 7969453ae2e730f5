//! `kengetal export`'s tables: a dataset as one typed table per entity
//! (documents, indicators, observations, tables, cells, warnings, unread,
//! findings), joined by stable ids, written as Parquet or CSV.
//!
//! ```text
//! records ──► entities (rows of typed values) ──► parquet / csv sinks
//! ```
//!
//! The module does no I/O of its own: it writes to the writers the caller
//! opens, a chunk of records at a time, so its memory is one chunk's rows.

pub mod csv;
pub mod entities;
pub mod frame;
pub mod parquet;

use crate::analysis::check::Finding;
use crate::model::DocumentRecord;
use entities::{ENTITIES, columns, finding_rows, record_frames};
use frame::Frame;
use std::io::{self, Write};

/// Records turned into rows at a time: a bound on the rows held in memory.
pub const CHUNK_RECORDS: usize = 64;

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Apache Parquet, typed columns.
    Parquet,
    /// Comma-separated text with a header line.
    Csv,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv => "csv",
        }
    }
}

/// Where the rows of one entity go.
pub trait Sink {
    /// Appends the frame's rows.
    fn write(&mut self, frame: &Frame) -> io::Result<()>;
    /// Completes the file (a Parquet footer) and flushes it.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// A sink of `format` for `entity` on `out`.
pub fn sink<W: Write + Send + 'static>(
    format: Format,
    entity: &str,
    out: W,
) -> io::Result<Box<dyn Sink>> {
    let columns = columns(entity);
    Ok(match format {
        Format::Parquet => Box::new(parquet::ParquetSink::new(out, &columns)?),
        Format::Csv => Box::new(csv::CsvSink::new(out, &columns)?),
    })
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Rows per entity, in [`ENTITIES`] order.
    pub rows: [usize; ENTITIES.len()],
    /// Printed values that did not fit `DECIMAL(38, 10)`: null, their
    /// `raw` text kept.
    pub inexact: usize,
}

/// Writes the records and findings into one sink per entity, in
/// [`ENTITIES`] order, and finishes them.
pub fn export(
    records: &[DocumentRecord],
    findings: &[Finding],
    mut sinks: Vec<Box<dyn Sink>>,
) -> io::Result<Written> {
    assert_eq!(sinks.len(), ENTITIES.len(), "one sink per entity");
    let mut written = Written::default();
    for chunk in records.chunks(CHUNK_RECORDS) {
        let (frames, inexact) = record_frames(chunk);
        written.inexact += inexact;
        for (i, frame) in frames.iter().enumerate() {
            written.rows[i] += frame.rows.len();
            sinks[i].write(frame)?;
        }
    }
    let findings = finding_rows(findings, records);
    let last = ENTITIES.len() - 1;
    written.rows[last] = findings.rows.len();
    sinks[last].write(&findings)?;
    for sink in sinks {
        sink.finish()?;
    }
    Ok(written)
}
