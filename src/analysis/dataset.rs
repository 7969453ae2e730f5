//! Datasets that `kengetal extract` wrote, as text: a JSON array of
//! document records, or JSON lines. (The command line reads the files.)

use crate::model::DocumentRecord;
use serde::de::{Deserializer, SeqAccess, Visitor};
use std::fmt;
use std::io::BufRead;

/// The records of one dataset's text: a JSON array (`--format json`) or one
/// record per line (`--format jsonl`).
pub fn parse_dataset(text: &str) -> Result<Vec<DocumentRecord>, String> {
    let mut records = Vec::new();
    read_records(text.as_bytes(), |record| records.push(record))?;
    Ok(records)
}

/// Reads one dataset from `reader`, handing each record to `each` as soon
/// as it is read, so a dataset of any size takes the memory of one record;
/// returns how many there were. A BOM may open either form.
///
/// An `Err` says for a person what is wrong, and where; records before it
/// were handed on.
pub fn read_records<R: BufRead>(
    mut reader: R,
    mut each: impl FnMut(DocumentRecord),
) -> Result<usize, String> {
    match first_byte(&mut reader)? {
        None => Err("empty: no document records; write one with `kengetal extract`".to_owned()),
        Some(b'[') => {
            let mut json = serde_json::Deserializer::from_reader(reader);
            let count = json
                .deserialize_seq(EachRecord(&mut each))
                .and_then(|count| json.end().map(|()| count))
                .map_err(|e| {
                    format!(
                        "not a kengetal dataset (JSON array of document records): {e}; \
                         write one with `kengetal extract`"
                    )
                })?;
            Ok(count)
        }
        Some(_) => json_lines(reader, each),
    }
}

/// The first byte after a BOM and white space, left in the reader.
fn first_byte<R: BufRead>(reader: &mut R) -> Result<Option<u8>, String> {
    let mut at_start = true;
    loop {
        let buffer = reader.fill_buf().map_err(|e| e.to_string())?;
        if buffer.is_empty() {
            return Ok(None);
        }
        if at_start && buffer.starts_with("\u{feff}".as_bytes()) {
            reader.consume(3);
            at_start = false;
            continue;
        }
        at_start = false;
        match buffer.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(at) => {
                let byte = buffer[at];
                reader.consume(at);
                return Ok(Some(byte));
            }
            None => {
                let all = buffer.len();
                reader.consume(all);
            }
        }
    }
}

fn json_lines<R: BufRead>(
    mut reader: R,
    mut each: impl FnMut(DocumentRecord),
) -> Result<usize, String> {
    let mut line = Vec::new();
    let (mut number, mut count) = (0, 0);
    loop {
        line.clear();
        if reader
            .read_until(b'\n', &mut line)
            .map_err(|e| e.to_string())?
            == 0
        {
            break;
        }
        number += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // Checked whole first: faster than serde_json's check of each string.
        let text = std::str::from_utf8(&line)
            .map_err(|_| format!("line {number}: not UTF-8 text; is this a kengetal dataset?"))?;
        let record = serde_json::from_str(text).map_err(|e| {
            format!(
                "line {number}: not a kengetal document record: {e}; \
                 write a dataset with `kengetal extract`"
            )
        })?;
        each(record);
        count += 1;
    }
    if count == 0 {
        return Err("empty: no document records; write one with `kengetal extract`".to_owned());
    }
    Ok(count)
}

/// Hands each element of a JSON array of records on as it is read.
struct EachRecord<'a, F>(&'a mut F);

impl<'de, F: FnMut(DocumentRecord)> Visitor<'de> for EachRecord<'_, F> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of document records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut count = 0;
        while let Some(record) = seq.next_element::<DocumentRecord>()? {
            (self.0)(record);
            count += 1;
        }
        Ok(count)
    }
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
    fn hands_each_record_on_as_it_is_read() {
        // The second record is damaged: the first was handed on before.
        let mut seen = 0;
        let error = read_records(format!("[{RECORD},\n{{\"x\": 1}}]").as_bytes(), |_| {
            seen += 1
        })
        .unwrap_err();
        assert_eq!(seen, 1);
        assert!(error.starts_with("not a kengetal dataset"), "{error}");
        assert_eq!(
            read_records(format!("\u{feff}  \n{RECORD}").as_bytes(), |_| {}),
            Ok(1)
        );
    }

    #[test]
    fn refuses_empty_and_foreign_input() {
        assert!(parse_dataset("").unwrap_err().starts_with("empty"));
        assert!(parse_dataset("[1, 2]").is_err());
        assert!(parse_dataset("key,title\n").is_err());
    }
}
