//! What the commands that read datasets share: reading them, and saying
//! what went wrong.

use crate::analysis::dataset::parse_dataset;
use crate::model::DocumentRecord;
use std::fmt;
use std::io::{self, ErrorKind, Read};
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
    for path in paths {
        let text = read_text(path).map_err(|reason| DatasetError {
            path: path.clone(),
            reason,
        })?;
        let parsed = parse_dataset(&text).map_err(|reason| DatasetError {
            path: path.clone(),
            reason,
        })?;
        records.extend(parsed);
    }
    Ok(records)
}

fn read_text(path: &Path) -> Result<String, String> {
    let mut text = String::new();
    let read = if path == Path::new("-") {
        io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::InvalidData => "not UTF-8 text; is this a kengetal dataset?".to_owned(),
        _ => e.to_string(),
    })?;
    Ok(text)
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
