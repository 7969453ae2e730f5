//! `kengetal export`: datasets as one typed table per entity, Parquet or
//! CSV, for DuckDB, pandas and R.

use super::files::read_or_report;
use crate::analysis::check::check;
use crate::export::entities::ENTITIES;
use crate::export::{Format, Written, export, sink};
use crate::output::{AtomicFile, check_target};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "\
Examples:
  kengetal export dataset.json --to tables/
      tables/documents.parquet, indicators.parquet, observations.parquet, …
  kengetal export --format csv 2019.jsonl 2024.jsonl --to tables/
  kengetal extract --format jsonl reports/ | kengetal export - --to tables/

Then, in DuckDB:
  SELECT municipality, key, year, kind, value FROM 'tables/observations.parquet'
  WHERE scope = 'gemeente' ORDER BY key, year;
in pandas:
  pd.read_parquet('tables/observations.parquet', dtype_backend='numpy_nullable')
in R:
  arrow::read_parquet('tables/observations.parquet')

Tables (one file each; docs/dataset.md, \"Export\", lists every column):
  documents     one row per input file: format, pages, error, census counts
  indicators    one row per indicator           (indicator_id)
  observations  one row per printed indicator value (indicator_id joins)
  tables        one row per numeric table       (table_id)
  cells         one row per table cell: row, column, value, amount (value
                × scale, exact), raw text, line, page (table_id joins)
  warnings      one row per warning (document, indicator or table)
  unread        one row per printed figure that was not read (the census)
  findings      one row per source of each finding of `kengetal check`

Every row starts with the document columns: document_id (the file's
SHA-256), path, municipality, document_kind, document_year, programme and
document_key, which a report's text and PDF twins share (keep one of each
key to count a report once). Values and amounts are exact decimals
(DECIMAL(38,10)); years, pages and lines are nullable 64-bit integers;
doelstelling and codes are strings.";

/// Arguments of `kengetal export`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Datasets written by `kengetal extract` (JSON or JSON lines); `-`
    /// reads standard input.
    #[arg(required = true, value_name = "DATASET")]
    pub datasets: Vec<PathBuf>,

    /// The folder to write the tables into (made when missing); files of
    /// an earlier export there are replaced.
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,

    /// `parquet` (typed columns) or `csv` (the same columns and rows, as
    /// text with a header line).
    #[arg(long, value_enum, default_value = "parquet")]
    pub format: ExportFormat,

    /// No summary line on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// The file format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Apache Parquet.
    Parquet,
    /// Comma-separated, with a header line.
    Csv,
}

impl From<ExportFormat> for Format {
    fn from(format: ExportFormat) -> Format {
        match format {
            ExportFormat::Parquet => Format::Parquet,
            ExportFormat::Csv => Format::Csv,
        }
    }
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> i32 {
    let format = Format::from(args.format);
    let targets = match targets(&args.to, format) {
        Ok(targets) => targets,
        Err(why) => {
            eprintln!("kengetal: cannot write the tables: {why}");
            return super::EXIT_USAGE;
        }
    };
    let Some(records) = read_or_report(&args.datasets) else {
        return super::EXIT_USAGE;
    };
    let findings = check(&records);
    match write_tables(&records, &findings, format, &targets) {
        Ok(written) => {
            if !args.quiet {
                eprintln!("{}", summary(&written, records.len(), &args.to, format));
            }
            super::EXIT_OK
        }
        Err(error) => {
            eprintln!(
                "kengetal: cannot write the tables in {}: {error}",
                args.to.display()
            );
            super::EXIT_OUTPUT
        }
    }
}

/// The file of each entity in `folder`, the folder made if missing; an
/// `Err` says for a person why the tables cannot go there.
fn targets(folder: &Path, format: Format) -> Result<Vec<PathBuf>, String> {
    if folder.exists() && !folder.is_dir() {
        return Err(format!(
            "{} is no folder; --to names the folder the tables go into",
            folder.display()
        ));
    }
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot make the folder {}: {e}", folder.display()))?;
    ENTITIES
        .iter()
        .map(|entity| {
            let path = folder.join(format!("{entity}.{}", format.extension()));
            check_target(&path).map(|()| path)
        })
        .collect()
}

/// Writes every table in full under a temporary name, then renames each
/// into place: a failed export leaves the files of an earlier one.
fn write_tables(
    records: &[crate::model::DocumentRecord],
    findings: &[crate::analysis::check::Finding],
    format: Format,
    targets: &[PathBuf],
) -> io::Result<Written> {
    let files = targets
        .iter()
        .map(|path| AtomicFile::create(path))
        .collect::<io::Result<Vec<_>>>()?;
    let sinks = ENTITIES
        .iter()
        .zip(&files)
        .map(|(entity, file)| sink(format, entity, BufWriter::new(file.writer()?)))
        .collect::<io::Result<Vec<_>>>()?;
    let written = export(records, findings, sinks)?;
    for file in files {
        file.commit()?;
    }
    Ok(written)
}

/// `kengetal: 8 documents → tables/ (parquet): 58 indicators, …`
fn summary(written: &Written, documents: usize, folder: &Path, format: Format) -> String {
    let counts: Vec<String> = ENTITIES
        .iter()
        .zip(written.rows)
        .skip(1)
        .map(|(entity, rows)| format!("{rows} {entity}"))
        .collect();
    let mut line = format!(
        "kengetal: {documents} documents → {} ({}): {}",
        folder.display(),
        format.extension(),
        counts.join(", ")
    );
    if written.inexact > 0 {
        line.push_str(&format!(
            "; {} values have more than 10 decimals and are null (their raw text is kept)",
            written.inexact
        ));
    }
    line
}
