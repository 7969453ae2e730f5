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

/// Writes records in the given format.
pub fn write_records(
    records: &[DocumentRecord],
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, records)?;
            out.write_all(b"\n")?;
        }
        Format::Jsonl => {
            for record in records {
                serde_json::to_writer(&mut *out, record)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()
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
