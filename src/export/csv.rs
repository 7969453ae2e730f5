//! Frames as CSV: a header line of the column names, then the rows, with
//! the same columns and rows as Parquet (decimals as their exact digits).

use super::Sink;
use super::frame::{Column, Frame};
use std::io::{self, Write};

/// Writes frames of one entity into one CSV file.
pub struct CsvSink<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CsvSink<W> {
    /// A CSV file of the given columns on `out`, its header written.
    pub fn new(out: W, columns: &[Column]) -> io::Result<CsvSink<W>> {
        let mut writer = csv::Writer::from_writer(out);
        writer
            .write_record(columns.iter().map(|c| c.name))
            .map_err(csv_io_error)?;
        Ok(CsvSink { writer })
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn write(&mut self, frame: &Frame) -> io::Result<()> {
        for row in &frame.rows {
            self.writer
                .write_record(row.iter().map(|v| v.to_csv()))
                .map_err(csv_io_error)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.writer.flush()
    }
}

/// The I/O error inside a CSV error, so a closed pipe or full disk stays one.
pub fn csv_io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}
