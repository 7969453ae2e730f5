//! `kengetal series`: a dataset as one tidy table, a row per observation
//! (or, with `--tables`, per table cell).

use super::files::{for_each_record, output_usable, write_failed};
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
///
/// Records are read and their rows written one record at a time, so a
/// dataset of any size takes the memory of one record. A dataset found
/// broken midway stops the command with status 2; with `-o` nothing is
/// written then.
pub fn run(args: Args) -> i32 {
    if !output_usable(args.output.as_deref()) {
        return super::EXIT_USAGE;
    }
    let mut unreadable = None;
    let written = write_to(args.output.as_deref(), |out| {
        let mut rows = RowWriter::new(out, args.format);
        let mut failed: Option<io::Error> = None;
        let read = for_each_record(&args.datasets, |record| {
            if failed.is_some() {
                return;
            }
            let one = std::slice::from_ref(&record);
            let done = if args.tables {
                rows.write(&cell_rows(one))
            } else {
                rows.write(&observation_rows(one))
            };
            failed = done.err();
        });
        if let Some(error) = failed {
            return Err(error);
        }
        if let Err(error) = read {
            unreadable = Some(error);
            return Err(io::Error::other("the dataset could not be read"));
        }
        rows.finish()
    });
    if let Some(error) = unreadable {
        eprintln!("kengetal: cannot read dataset {error}");
        return super::EXIT_USAGE;
    }
    match written {
        Ok(()) => super::EXIT_OK,
        Err(error) if write_failed(&error, args.output.as_deref()) => super::EXIT_OUTPUT,
        Err(_) => super::EXIT_OK,
    }
}

/// Rows written as they come: CSV with a header, or one JSON array (the
/// layout `serde_json`'s pretty printer gives a whole array).
pub struct RowWriter<'a> {
    sink: Sink<'a>,
    rows: usize,
}

enum Sink<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Json(&'a mut dyn Write),
}

impl<'a> RowWriter<'a> {
    /// A writer of `format` to `out`.
    pub fn new(out: &'a mut dyn Write, format: SeriesFormat) -> RowWriter<'a> {
        let sink = match format {
            SeriesFormat::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(out))),
            SeriesFormat::Json => Sink::Json(out),
        };
        RowWriter { sink, rows: 0 }
    }

    /// Writes rows after those written before.
    pub fn write<T: Serialize>(&mut self, rows: &[T]) -> io::Result<()> {
        for row in rows {
            match &mut self.sink {
                Sink::Csv(writer) => writer.serialize(row).map_err(csv_io_error)?,
                Sink::Json(out) => {
                    let text = serde_json::to_string_pretty(row)?;
                    out.write_all(if self.rows == 0 { b"[\n" } else { b",\n" })?;
                    for (index, line) in text.lines().enumerate() {
                        if index > 0 {
                            out.write_all(b"\n")?;
                        }
                        out.write_all(b"  ")?;
                        out.write_all(line.as_bytes())?;
                    }
                }
            }
            self.rows += 1;
        }
        Ok(())
    }

    /// Ends the output (the array's close) and flushes it.
    pub fn finish(self) -> io::Result<()> {
        match self.sink {
            Sink::Csv(mut writer) => writer.flush(),
            Sink::Json(out) => {
                out.write_all(if self.rows == 0 { b"[]\n" } else { b"\n]\n" })?;
                out.flush()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        key: &'static str,
        value: Option<f64>,
        text: &'static str,
    }

    fn written(rows: &[Row], format: SeriesFormat, split: usize) -> String {
        let mut out = Vec::new();
        let mut writer = RowWriter::new(&mut out, format);
        writer.write(&rows[..split]).unwrap();
        writer.write(&rows[split..]).unwrap();
        writer.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_written_in_parts_is_the_whole_array_pretty_printed() {
        let rows = [
            Row {
                key: "a",
                value: Some(1.5),
                text: "two\nlines",
            },
            Row {
                key: "b",
                value: None,
                text: "",
            },
            Row {
                key: "c",
                value: Some(-3.0),
                text: "x",
            },
        ];
        let whole = serde_json::to_string_pretty(&rows).unwrap() + "\n";
        for split in 0..=rows.len() {
            assert_eq!(written(&rows, SeriesFormat::Json, split), whole);
        }
        assert_eq!(written(&[], SeriesFormat::Json, 0), "[]\n");
        assert!(written(&rows, SeriesFormat::Csv, 1).starts_with("key,value,text\na,1.5,"));
    }
}
