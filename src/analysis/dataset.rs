//! Read datasets that `kengetal extract` wrote: a JSON array of document
//! records, or JSON lines; `-` is standard input.

use crate::model::DocumentRecord;
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

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

/// The records of one dataset's text: a JSON array (`--format json`) or one
/// record per line (`--format jsonl`).
pub fn parse_dataset(text: &str) -> Result<Vec<DocumentRecord>, String> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('[') {
        return serde_json::from_str(trimmed).map_err(|e| {
            format!(
                "not a kengetal dataset (JSON array of document records): {e}; \
                 write one with `kengetal extract`"
            )
        });
    }
    let mut records = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record = serde_json::from_str(line).map_err(|e| {
            format!(
                "line {}: not a kengetal document record: {e}; \
                 write a dataset with `kengetal extract`",
                index + 1
            )
        })?;
        records.push(record);
    }
    if records.is_empty() {
        return Err("empty: no document records; write one with `kengetal extract`".to_owned());
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = r#"{"schema_version":1,"source":{"path":"a.txt","sha256":"00","format":"text","pages":null},"document":{"municipality":null,"kind":null,"year":null,"programme":null},"indicators":[],"tables":[],"warnings":[],"error":null}"#;

    #[test]
    fn reads_an_array_and_json_lines_alike() {
        let array = parse_dataset(&format!("[{RECORD},\n{RECORD}]")).unwrap();
        let lines = parse_dataset(&format!("{RECORD}\n\n{RECORD}\n")).unwrap();
        assert_eq!(array.len(), 2);
        assert_eq!(array, lines);
    }

    #[test]
    fn names_the_line_that_is_no_record() {
        let error = parse_dataset(&format!("{RECORD}\n{{\"x\": 1}}\n")).unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
    }

    #[test]
    fn refuses_empty_and_foreign_input() {
        assert!(parse_dataset("").unwrap_err().starts_with("empty"));
        assert!(parse_dataset("[1, 2]").is_err());
        assert!(parse_dataset("key,title\n").is_err());
    }
}
