//! Write: the dataset as a JSON array or as JSON lines, to stdout or a file.
//!
//! Invariant: a file is written atomically — to a temporary file in the same
//! folder, then renamed — so an interrupted run never leaves half a dataset.

use crate::model::DocumentRecord;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// How records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One pretty-printed JSON array of records.
    Json,
    /// One compact JSON record per line.
    Jsonl,
}

/// Writes records one at a time, so a batch never waits in memory.
pub struct RecordWriter<'w> {
    out: &'w mut dyn Write,
    format: Format,
    written: usize,
}

impl<'w> RecordWriter<'w> {
    /// A writer of `format` onto `out`.
    pub fn new(out: &'w mut dyn Write, format: Format) -> Self {
        RecordWriter {
            out,
            format,
            written: 0,
        }
    }

    /// Writes one record.
    pub fn record(&mut self, record: &DocumentRecord) -> io::Result<()> {
        match self.format {
            Format::Json => {
                // The array's items, indented as a pretty-printed array would be.
                let text = serde_json::to_string_pretty(record)?.replace('\n', "\n  ");
                let separator = if self.written == 0 { "[\n  " } else { ",\n  " };
                write!(self.out, "{separator}{text}")?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut *self.out, record)?;
                self.out.write_all(b"\n")?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Closes the array (JSON) and flushes.
    pub fn finish(self) -> io::Result<()> {
        if self.format == Format::Json {
            let close = if self.written == 0 { "[]\n" } else { "\n]\n" };
            self.out.write_all(close.as_bytes())?;
        }
        self.out.flush()
    }
}

/// Writes records in the given format.
pub fn write_records(
    records: &[DocumentRecord],
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = RecordWriter::new(out, format);
    for record in records {
        writer.record(record)?;
    }
    writer.finish()
}

/// One record, pretty-printed, as in `expected/`.
pub fn pretty(record: &DocumentRecord) -> String {
    let mut text = serde_json::to_string_pretty(record).expect("records always serialise");
    text.push('\n');
    text
}

/// Runs `write` against the file at `path` (atomically) or stdout.
pub fn write_to(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match path {
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write(&mut out)
        }
        Some(path) => {
            let folder = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let mut temporary = tempfile::Builder::new()
                .prefix(".kengetal-")
                .suffix(".tmp")
                .tempfile_in(folder)?;
            {
                let mut out = BufWriter::new(temporary.as_file_mut());
                write(&mut out)?;
            }
            temporary.as_file().sync_all()?;
            temporary.persist(path).map_err(|e| e.error)?;
            // Keep the permissions a plain `create` would have given.
            if let Ok(meta) = fs::metadata(path) {
                let mut permissions = meta.permissions();
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    permissions.set_mode(0o644);
                }
                let _ = fs::set_permissions(path, permissions);
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract_text;

    #[test]
    fn a_streamed_array_is_the_pretty_printed_array() {
        let records = vec![
            extract_text("a.txt", b"Bron: x"),
            extract_text("b.txt", b""),
        ];
        let mut streamed = Vec::new();
        write_records(&records, Format::Json, &mut streamed).unwrap();
        let mut whole = serde_json::to_vec_pretty(&records).unwrap();
        whole.push(b'\n');
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }

    #[test]
    fn no_records_is_an_empty_array() {
        let mut out = Vec::new();
        write_records(&[], Format::Json, &mut out).unwrap();
        assert_eq!(out, b"[]\n");
    }
}
