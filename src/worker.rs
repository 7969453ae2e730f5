//! The worker side of crash isolation: `kengetal worker` reads one document
//! at a time and answers with its record.
//!
//! Protocol, one line each way per document:
//!
//! ```text
//! stdin   {"id":3,"path":[114,101,112,111,114,116,115,47,120,46,112,100,102]}
//! stdout  KENGETAL-RECORD 3 parsed 17,4,2,9,0 {"schema_version":1,…}
//! ```
//!
//! The path travels as the bytes the operating system names the file by
//! (Unix), so a name that is not UTF-8 reaches the worker unchanged. After
//! the id: `parsed` or `cached`, then the record's counts (pages,
//! indicators, tables, warnings, failed; see [`Counts`]) so the parent can
//! pass the JSON on without parsing it.
//!
//! Lines on stdout without the prefix (a library printing) are ignored by
//! the parent. The worker ends at the end of its input. A document that
//! hangs or crashes the worker costs only that document: the parent kills
//! or loses this process, records the document as failed, and starts another.

use crate::cache::Cache;
use crate::cache::{Provenance, extract_file_cached};
use crate::delivery::{Counts, Delivered};
use crate::ingest::ReadOptions;
use crate::panic::install_quiet_hook;
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};
use std::path::Path;

/// Marks a line on the worker's stdout as a record.
pub const RECORD_PREFIX: &str = "KENGETAL-RECORD ";

/// Test stand-in for a document that never finishes: a worker given a path
/// ending in this variable's value spins forever (unless the request is a
/// retry with pdftotext).
pub const STALL_VARIABLE: &str = "KENGETAL_TEST_STALL_ON";

/// One document to read.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    /// Position of the document in the batch.
    pub id: usize,
    /// Its path, as bytes ([`path_bytes`]).
    pub path: Vec<u8>,
    /// Set when an earlier worker crashed or timed out on this PDF: why.
    /// The document is then read with pdftotext alone, not from or into
    /// the cache, and the record's `pdf-backend` warning says why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<String>,
}

/// A path as the bytes the operating system names it by (on Unix; UTF-8
/// elsewhere), never converted lossily.
pub fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned().into_bytes()
    }
}

/// The path [`path_bytes`] gave these bytes for.
pub fn path_from_bytes(bytes: Vec<u8>) -> std::path::PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        std::ffi::OsString::from_vec(bytes).into()
    }
    #[cfg(not(unix))]
    {
        String::from_utf8_lossy(&bytes).into_owned().into()
    }
}

/// How often a worker looks whether the batch that started it still runs.
#[cfg(target_os = "linux")]
const PARENT_POLL: std::time::Duration = std::time::Duration::from_millis(200);

/// Ends this worker, and what it started (pdftotext), when the batch that
/// started it dies, even while the worker hangs on a document (Linux): a
/// thread looks every [`PARENT_POLL`] whether the parent changed, and then
/// kills the worker's process group.
fn die_with_parent() {
    #[cfg(target_os = "linux")]
    {
        use nix::sys::signal::{Signal, killpg};
        use nix::unistd::{getpgrp, getppid};
        // A parent gone before this look closed the worker's stdin: it ends
        // at its first read. (kengetal may itself be PID 1 in a container.)
        let parent = getppid();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(PARENT_POLL);
                if getppid() != parent {
                    let _ = killpg(getpgrp(), Signal::SIGKILL);
                    std::process::exit(1);
                }
            }
        });
    }
}

/// Limits the address space of this worker, and so of what it starts
/// (pdftotext inherits the limit), to `bytes` (Linux; elsewhere a no-op).
/// An allocation past it fails: the worker stops, and the batch records
/// the document as `crashed` and goes on.
pub fn limit_memory(bytes: u64) -> Result<(), String> {
    #[cfg(target_os = "linux")]
    {
        use nix::sys::resource::{Resource, setrlimit};
        setrlimit(Resource::RLIMIT_AS, bytes, bytes).map_err(|e| e.to_string())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = bytes;
        Ok(())
    }
}

/// Serves requests from stdin until it closes; returns the exit status.
pub fn serve(options: ReadOptions, cache: Option<Cache>) -> i32 {
    install_quiet_hook();
    die_with_parent();
    let stall = std::env::var(STALL_VARIABLE).ok().filter(|s| !s.is_empty());
    let stdin = io::stdin();
    let stdout = io::stdout();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return 1 };
        let Ok(request) = serde_json::from_str::<Request>(&line) else {
            continue;
        };
        // The stand-in hangs the first reading only: a retry with pdftotext
        // (`retry`) finishes, as it would for a PDF that hangs pdf-extract.
        if request.retry.is_none()
            && stall
                .as_deref()
                .is_some_and(|s| request.path.ends_with(s.as_bytes()))
        {
            // As a reader stuck in a child process would: a child that
            // sleeps (a hung pdftotext), and the worker spinning.
            let _child = std::process::Command::new("sleep").arg("300").spawn();
            loop {
                std::hint::spin_loop();
            }
        }
        let path = path_from_bytes(request.path);
        let (record, provenance) = match &request.retry {
            None => extract_file_cached(&path, options, cache.as_ref()),
            Some(why) => (retried(&path, options, why), Provenance::Parsed),
        };
        let json = serde_json::to_string(&record).expect("records always serialise");
        let how = match provenance {
            Provenance::Parsed => "parsed",
            Provenance::Cached => "cached",
        };
        let counts = Counts::of(&record).encode();
        let mut out = stdout.lock();
        let written = writeln!(out, "{RECORD_PREFIX}{} {how} {counts} {json}", request.id)
            .and_then(|()| out.flush());
        if written.is_err() {
            return 1; // the parent is gone
        }
    }
    0
}

/// The record of a PDF an earlier worker could not finish (`why`), read
/// with pdftotext alone.
fn retried(path: &Path, options: ReadOptions, why: &str) -> crate::model::DocumentRecord {
    let options = ReadOptions {
        pdf_backend: crate::ingest::pdf::Backend::Pdftotext,
        ..options
    };
    let mut record = crate::extract::extract_file(path, options);
    let outcome = if record.error.is_some() {
        "pdftotext could not read it either"
    } else {
        "the text is pdftotext's, read in a new process"
    };
    record.warnings.insert(
        0,
        crate::model::Warning::document("pdf-backend", format!("{why}; {outcome}")),
    );
    record
}

/// One answer of a worker: the document's position and its record.
pub type Response = (usize, Delivered);

/// Parses a record line; `None` for any other line.
pub fn parse_response(line: &str) -> Option<Response> {
    let rest = line.strip_prefix(RECORD_PREFIX)?;
    let (id, rest) = rest.split_once(' ')?;
    let (how, rest) = rest.split_once(' ')?;
    let (counts, json) = rest.split_once(' ')?;
    let provenance = match how {
        "parsed" => Provenance::Parsed,
        "cached" => Provenance::Cached,
        _ => return None,
    };
    Some((
        id.parse().ok()?,
        Delivered {
            json: json.to_owned(),
            counts: Counts::decode(counts)?,
            provenance,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract_text;

    #[test]
    fn a_record_line_is_read_back_as_sent() {
        let record = extract_text("a.txt", b"Bron: x");
        let sent = Delivered::new(&record, Provenance::Cached);
        let line = format!(
            "{RECORD_PREFIX}7 cached {} {}",
            sent.counts.encode(),
            sent.json
        );
        assert_eq!(parse_response(&line), Some((7, sent)));
    }

    #[test]
    fn other_lines_are_ignored() {
        for line in [
            "",
            "hello",
            "KENGETAL-RECORD x parsed 0,0,0,0,0 {}",
            "KENGETAL-RECORD 1 maybe 0,0,0,0,0 {}",
        ] {
            assert_eq!(parse_response(line), None, "{line}");
        }
    }
}
