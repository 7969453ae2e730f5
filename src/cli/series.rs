//! `kengetal series`: a dataset as one tidy table, a row per observation
//! (or, with `--tables`, per table cell).

use super::files::{output_usable, read_or_report, write_failed};
use crate::analysis::series::{cell_rows, observation_rows};
use crate::export::csv::csv_io_error;
use crate::output::write_to;
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  kengetal series dataset.json -o series.csv
      every observation of every indicator, one row each
  kengetal series --tables dataset.json -o cells.csv
      every cell of every numeric table, with its amount (value × scale)
  kengetal extract --format jsonl reports/ | kengetal series - > series.csv
  kengetal series --format json 2019.jsonl 2024.jsonl > series.json

CSV columns (observations): key, title, year, kind, label, value, unit,
document_kind, document_year, path, line, page, raw, municipality,
doelstelling, scope, scope_label, period, unit_text. `key` links one
indicator across reports and municipalities: the title without OCR damage,
diacritics, case, the `(Realisatie 2024)` suffix, a theme before a colon or
a leading Toename/Afname, with v/h, v/d and cliënt written as van het, van
de and klant. Group by municipality and key for a time series; `scope`
tells the municipality's own values (`gemeente`) from the references it
prints beside them (`nederland`, `provincie`, `regio`, `groep`), and
`period` the period a value is about when it is not its column's year.

CSV columns (--tables): path, document_kind, document_year, table, row,
column, value, scale, amount, line, page, raw, unit, row_role, municipality.

Values are as printed (`-` and `pm` are empty); `raw` is the cell's text.";

/// Arguments of `kengetal series`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Datasets written by `kengetal extract` (JSON or JSON lines); `-`
    /// reads standard input.
    #[arg(required = true, value_name = "DATASET")]
    pub datasets: Vec<PathBuf>,

    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// `csv` (a header line, then a row per value) or `json` (an array of
    /// objects with the same fields).
    #[arg(long, value_enum, default_value = "csv")]
    pub format: SeriesFormat,

    /// One row per table cell instead of per indicator observation.
    #[arg(long)]
    pub tables: bool,
}

/// How a series is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SeriesFormat {
    /// Comma-separated, with a header line.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> i32 {
    if !output_usable(args.output.as_deref()) {
        return super::EXIT_USAGE;
    }
    let Some(records) = read_or_report(&args.datasets) else {
        return super::EXIT_USAGE;
    };
    let written = write_to(args.output.as_deref(), |out| {
        if args.tables {
            write_rows(&cell_rows(&records), args.format, out)
        } else {
            write_rows(&observation_rows(&records), args.format, out)
        }
    });
    match written {
        Ok(()) => super::EXIT_OK,
        Err(error) if write_failed(&error, args.output.as_deref()) => super::EXIT_FAILURES,
        Err(_) => super::EXIT_OK,
    }
}

/// Writes rows as CSV with a header, or as a JSON array.
pub fn write_rows<T: Serialize>(
    rows: &[T],
    format: SeriesFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        SeriesFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            for row in rows {
                writer.serialize(row).map_err(csv_io_error)?;
            }
            writer.flush()?;
        }
        SeriesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}
