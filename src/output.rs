//! Write: the dataset as a JSON array or as JSON lines, to stdout or a file.
//!
//! Invariant: a file is written atomically — to a temporary file in the same
//! folder, then renamed — so an interrupted run never leaves half a dataset.

use crate::model::DocumentRecord;
use serde_json::ser::{Formatter, PrettyFormatter};
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
                self.array_separator()?;
                let mut serializer =
                    serde_json::Serializer::with_formatter(&mut *self.out, item_formatter());
                serde::Serialize::serialize(record, &mut serializer)?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut *self.out, record)?;
                self.out.write_all(b"\n")?;
                // Whole lines, as soon as they are ready: a reader of a
                // pipe sees each record without waiting for the batch.
                self.out.flush()?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Writes one record given as compact JSON (one line, as
    /// [`serde_json::to_string`] makes it): as it is for JSON lines,
    /// re-indented for a JSON array, with the bytes [`RecordWriter::record`]
    /// would write.
    pub fn record_json(&mut self, json: &str) -> io::Result<()> {
        match self.format {
            Format::Json => {
                // Re-indented whole before a byte is written: no half item.
                let mut item = Vec::with_capacity(json.len() * 2);
                let mut serializer =
                    serde_json::Serializer::with_formatter(&mut item, item_formatter());
                let mut deserializer = serde_json::Deserializer::from_str(json);
                serde_transcode::transcode(&mut deserializer, &mut serializer)?;
                deserializer.end()?;
                self.array_separator()?;
                self.out.write_all(&item)?;
            }
            Format::Jsonl => {
                self.out.write_all(json.as_bytes())?;
                self.out.write_all(b"\n")?;
                self.out.flush()?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Opens the array or separates the next item, as serde_json's pretty
    /// printer would.
    fn array_separator(&mut self) -> io::Result<()> {
        let separator = if self.written == 0 { "[\n  " } else { ",\n  " };
        self.out.write_all(separator.as_bytes())
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

/// serde_json's pretty printer one level deep, as inside an array: each
/// record is serialised straight onto the output, indented as an item.
fn item_formatter() -> PrettyFormatter<'static> {
    let mut formatter = PrettyFormatter::new();
    formatter
        .begin_array(&mut io::sink())
        .expect("writing to a sink cannot fail");
    formatter
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

/// Whether `path` may be written: a regular file or none yet, in a folder
/// that exists and takes new files. An `Err` says what is wrong, for a person.
pub fn check_target(path: &Path) -> Result<(), String> {
    let shown = path.display();
    if let Ok(meta) = fs::metadata(path) {
        if meta.is_dir() {
            return Err(format!("{shown} is a folder; name a file to write to"));
        }
        if !meta.is_file() {
            return Err(format!(
                "{shown} is no regular file (a device, FIFO or socket); kengetal writes only files (to discard the output, leave -o out and redirect it)"
            ));
        }
    }
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(format!("the folder {} does not exist", folder.display()));
    }
    tempfile::Builder::new()
        .prefix(".kengetal-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map(drop)
        .map_err(|e| format!("cannot write in the folder {}: {e}", folder.display()))
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Runs `write` against the file at `path` (atomically) or stdout. A new
/// file gets the permissions the umask gives; an existing one keeps its own.
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
            let file = AtomicFile::create(path)?;
            {
                let mut out = BufWriter::new(file.writer()?);
                write(&mut out)?;
                out.flush()?;
            }
            file.commit()
        }
    }
}

/// A file written under a temporary name in its folder and renamed into
/// place by [`AtomicFile::commit`], so no reader ever sees half of it; a
/// file never committed is removed. A new file gets the permissions the
/// umask gives; an existing one keeps its own.
pub struct AtomicFile {
    temporary: tempfile::NamedTempFile,
    existing: Option<fs::Permissions>,
    path: std::path::PathBuf,
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let existing = fs::metadata(path).ok().map(|m| m.permissions());
        let mut builder = tempfile::Builder::new();
        builder.prefix(".kengetal-").suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Created with 0666 less the umask, as a plain `create` would be.
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let temporary = builder.tempfile_in(folder_of(path))?;
        Ok(AtomicFile {
            temporary,
            existing,
            path: path.to_path_buf(),
        })
    }

    /// A handle that writes the file (unbuffered; wrap it in a `BufWriter`).
    pub fn writer(&self) -> io::Result<fs::File> {
        self.temporary.as_file().try_clone()
    }

    /// Puts the written file in place, with its permissions.
    pub fn commit(self) -> io::Result<()> {
        if let Some(permissions) = self.existing {
            fs::set_permissions(self.temporary.path(), permissions)?;
        }
        self.temporary.as_file().sync_all()?;
        self.temporary.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
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
    fn a_record_passed_as_json_is_written_as_the_record() {
        let records: Vec<DocumentRecord> = std::fs::read_dir("corpus")
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .map(|e| extract_text("x.txt", &std::fs::read(e.path()).unwrap()))
            .collect();
        assert!(!records.is_empty());
        for format in [Format::Json, Format::Jsonl] {
            let (mut direct, mut passed) = (Vec::new(), Vec::new());
            let mut writer = RecordWriter::new(&mut direct, format);
            for record in &records {
                writer.record(record).unwrap();
            }
            writer.finish().unwrap();
            let mut writer = RecordWriter::new(&mut passed, format);
            for record in &records {
                writer
                    .record_json(&serde_json::to_string(record).unwrap())
                    .unwrap();
            }
            writer.finish().unwrap();
            assert!(direct == passed, "{format:?} output differs");
        }
    }

    #[test]
    fn no_records_is_an_empty_array() {
        let mut out = Vec::new();
        write_records(&[], Format::Json, &mut out).unwrap();
        assert_eq!(out, b"[]\n");
    }
}
