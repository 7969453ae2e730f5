//! Datasets that `kengetal extract` wrote, as text: a JSON array of
//! document records, or JSON lines. (The command line reads the files.)

use crate::model::DocumentRecord;

/// The records of one dataset's text: a JSON array (`--format json`) or one
/// record per line (`--format jsonl`).
pub fn parse_dataset(text: &str) -> Result<Vec<DocumentRecord>, String> {
    // A BOM may open either form.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
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
    fn a_bom_opens_json_lines_too() {
        let lines = parse_dataset(&format!("\u{feff}{RECORD}\n{RECORD}\n")).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            parse_dataset(&format!("\u{feff}[{RECORD}]")).unwrap().len(),
            1
        );
    }

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
