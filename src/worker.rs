//! The worker side of crash isolation: `kengetal worker` reads one document
//! at a time and answers with its record.
//!
//! Protocol, one line each way per document:
//!
//! ```text
//! stdin   {"id":3,"path":"reports/x.pdf"}
//! stdout  KENGETAL-RECORD 3 {"schema_version":1,…}
//! ```
//!
//! Lines on stdout without the prefix (a library printing) are ignored by
//! the parent. The worker ends at the end of its input. A document that
//! hangs or crashes the worker costs only that document: the parent kills
//! or loses this process, records the document as failed, and starts another.

use crate::extract::{ReadOptions, extract_file};
use crate::panic::install_quiet_hook;
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};
use std::path::Path;

/// Marks a line on the worker's stdout as a record.
pub const RECORD_PREFIX: &str = "KENGETAL-RECORD ";

/// Test stand-in for a document that never finishes: a worker given a path
/// ending in this variable's value spins forever.
pub const STALL_VARIABLE: &str = "KENGETAL_TEST_STALL_ON";

/// One document to read.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    /// Position of the document in the batch.
    pub id: usize,
    /// Its path.
    pub path: String,
}

/// Serves requests from stdin until it closes; returns the exit status.
pub fn serve(options: ReadOptions) -> i32 {
    install_quiet_hook();
    let stall = std::env::var(STALL_VARIABLE).ok().filter(|s| !s.is_empty());
    let stdin = io::stdin();
    let stdout = io::stdout();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return 1 };
        let Ok(request) = serde_json::from_str::<Request>(&line) else {
            continue;
        };
        if stall.as_deref().is_some_and(|s| request.path.ends_with(s)) {
            loop {
                std::hint::spin_loop();
            }
        }
        let record = extract_file(Path::new(&request.path), options);
        let json = serde_json::to_string(&record).expect("records always serialise");
        let mut out = stdout.lock();
        let written =
            writeln!(out, "{RECORD_PREFIX}{} {json}", request.id).and_then(|()| out.flush());
        if written.is_err() {
            return 1; // the parent is gone
        }
    }
    0
}

/// Parses a record line; `None` for any other line.
pub fn parse_response(line: &str) -> Option<(usize, crate::model::DocumentRecord)> {
    let rest = line.strip_prefix(RECORD_PREFIX)?;
    let (id, json) = rest.split_once(' ')?;
    Some((id.parse().ok()?, serde_json::from_str(json).ok()?))
}
