//! What the commands that read datasets share: reading them, and saying
//! what went wrong.

use crate::analysis::dataset::read_datasets;
use crate::model::DocumentRecord;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

/// The records of the datasets, or `None` after telling the user why not.
pub fn read_or_report(paths: &[PathBuf]) -> Option<Vec<DocumentRecord>> {
    match read_datasets(paths) {
        Ok(records) => Some(records),
        Err(error) => {
            eprintln!("kengetal: cannot read dataset {error}");
            None
        }
    }
}

/// Tells the user a write failed; returns false for a closed pipe
/// (`| head`), which is no failure.
pub fn write_failed(error: &io::Error, output: Option<&Path>) -> bool {
    if error.kind() == ErrorKind::BrokenPipe {
        return false;
    }
    let target = output.map_or("standard output".to_owned(), |p| p.display().to_string());
    eprintln!("kengetal: cannot write {target}: {error}");
    true
}
