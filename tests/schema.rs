//! `kengetal schema` validates every record kengetal writes: the corpus's
//! golden files, and the records of every fixture and corpus file as
//! `extract` writes them now; and it rejects records that break the
//! contract.

use serde_json::Value;
use std::fs;
use std::process::Command;

fn schema() -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).expect("the schema is JSON")
}

/// Every record of a JSON-lines extract of the given paths.
fn extract(paths: &[&str]) -> Vec<Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["extract", "--quiet", "--format", "jsonl"])
        .args(paths)
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn golden_records() -> Vec<(String, Value)> {
    let mut records = Vec::new();
    for folder in ["expected", "expected/pdf"] {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let record = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
                records.push((path.display().to_string(), record));
            }
        }
    }
    records
}

#[test]
fn every_record_kengetal_writes_is_valid() {
    let validator = jsonschema::validator_for(&schema()).expect("a valid JSON Schema");
    let golden = golden_records();
    assert_eq!(golden.len(), 8, "four texts and their PDF twins");
    let written = extract(&["corpus", "grammars", "tests/fixtures"]);
    assert!(written.len() > 100, "{} records", written.len());
    let mut with_error = 0;
    for (name, record) in golden.into_iter().chain(
        written
            .into_iter()
            .map(|r| (r["source"]["path"].to_string(), r)),
    ) {
        let errors: Vec<String> = validator
            .iter_errors(&record)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        with_error += usize::from(!record["error"].is_null());
    }
    assert!(with_error > 0, "the fixtures include unreadable files");
}

#[test]
fn records_that_break_the_contract_are_rejected() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let (_, record) = golden_records().remove(0);
    assert!(validator.is_valid(&record));
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut copy = record.clone();
        edit(&mut copy);
        validator.is_valid(&copy)
    };
    let no_error = |r: &mut Value| {
        r.as_object_mut().unwrap().remove("error");
    };
    assert!(!broken(&no_error), "error is always present");
    let string_value = |r: &mut Value| {
        r["indicators"][0]["observations"][0]["value"] = "28".into();
    };
    assert!(!broken(&string_value), "a value is a number");
    let unknown_kind = |r: &mut Value| {
        r["indicators"][0]["observations"][0]["kind"] = "raming".into();
    };
    assert!(!broken(&unknown_kind), "kind is one of the documented");
    let extra_field = |r: &mut Value| {
        r["source"]["extra"] = 1.into();
    };
    assert!(!broken(&extra_field), "no undocumented field");
}
