//! What the commands that read datasets share: reading them, and saying
//! what went wrong.

use crate::analysis::dataset::read_records;
use crate::model::DocumentRecord;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, ErrorKind};
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

/// Why a dataset could not be read.
#[derive(Debug)]
pub struct DatasetError {
    /// The dataset named on the command line.
    pub path: PathBuf,
    /// What went wrong, for a person.
    pub reason: String,
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for DatasetError {}

/// The records of every dataset, in the order given; records with an
/// `error` are kept (they hold no data).
pub fn read_datasets(paths: &[PathBuf]) -> Result<Vec<DocumentRecord>, DatasetError> {
    let mut records = Vec::new();
    for_each_record(paths, |record| records.push(record))?;
    Ok(records)
}

/// Hands every record of the datasets, in the order given, to `each` as it
/// is read (one record in memory at a time); returns how many there were.
/// Records before an error were handed on.
pub fn for_each_record(
    paths: &[PathBuf],
    mut each: impl FnMut(DocumentRecord),
) -> Result<usize, DatasetError> {
    let mut count = 0;
    for path in paths {
        let failed = |reason| DatasetError {
            path: path.clone(),
            reason,
        };
        count += if path == Path::new("-") {
            read_records(
                BufReader::with_capacity(BUFFER, io::stdin().lock()),
                &mut each,
            )
        } else {
            let file = File::open(path).map_err(|e| failed(open_error(&e)))?;
            read_records(BufReader::with_capacity(BUFFER, file), &mut each)
        }
        .map_err(failed)?;
    }
    Ok(count)
}

/// Bytes read from a dataset at a time.
const BUFFER: usize = 1 << 20;

fn open_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        _ => error.to_string(),
    }
}

/// Whether the `-o` target may be written; `false` after telling the user
/// why not (a usage error, before any work is done).
pub fn output_usable(output: Option<&Path>) -> bool {
    match output.map(crate::output::check_target) {
        Some(Err(why)) => {
            eprintln!("kengetal: cannot write the output: {why}");
            false
        }
        _ => true,
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
