//! `kengetal export` as a user runs it: typed Parquet and CSV tables of the
//! corpus dataset, read back with the parquet crate. (CI also loads them
//! with DuckDB and pandas: `tests/load_export.py`.)

use arrow_array::{Array, Decimal128Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::DataType;
use kengetal::export::entities::{ENTITIES, columns};
use kengetal::export::frame::Type;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

fn kengetal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The whole corpus (texts and PDF twins) as a JSON dataset.
fn corpus_dataset(folder: &Path) -> PathBuf {
    let path = folder.join("dataset.json");
    let output = kengetal(&["extract", "--quiet", "-o", path.to_str().unwrap(), "corpus"]);
    assert!(output.status.success(), "{output:?}");
    path
}

fn export(dataset: &Path, to: &Path, format: &str) -> Output {
    kengetal(&[
        "export",
        "--quiet",
        "--format",
        format,
        dataset.to_str().unwrap(),
        "--to",
        to.to_str().unwrap(),
    ])
}

/// A Parquet file as one batch.
fn read_parquet(path: &Path) -> RecordBatch {
    let builder = ParquetRecordBatchReaderBuilder::try_new(fs::File::open(path).unwrap()).unwrap();
    let schema = builder.schema().clone();
    let batches: Vec<RecordBatch> = builder
        .with_batch_size(1 << 20)
        .build()
        .unwrap()
        .map(Result::unwrap)
        .collect();
    match batches.as_slice() {
        [] => RecordBatch::new_empty(schema),
        [batch] => batch.clone(),
        _ => panic!("one batch of 1M rows holds the corpus"),
    }
}

/// Rows each entity must have, counted from the dataset itself.
fn expected_rows(dataset: &Path) -> Vec<(&'static str, usize)> {
    let records: Vec<serde_json::Value> =
        serde_json::from_slice(&fs::read(dataset).unwrap()).unwrap();
    let all = |field: &str| -> Vec<serde_json::Value> {
        records
            .iter()
            .flat_map(|r| r[field].as_array().unwrap().clone())
            .collect()
    };
    let indicators = all("indicators");
    let tables = all("tables");
    let count = |items: &[serde_json::Value], field: &str| -> usize {
        items
            .iter()
            .map(|i| i[field].as_array().unwrap().len())
            .sum()
    };
    let cells: usize = tables
        .iter()
        .flat_map(|t| t["rows"].as_array().unwrap())
        .map(|row| row["values"].as_array().unwrap().len())
        .sum();
    vec![
        ("documents", records.len()),
        ("indicators", indicators.len()),
        ("observations", count(&indicators, "observations")),
        ("tables", tables.len()),
        ("cells", cells),
        (
            "warnings",
            all("warnings").len() + count(&indicators, "warnings") + count(&tables, "warnings"),
        ),
        ("unread", all("unread").len()),
    ]
}

fn strings<'a>(batch: &'a RecordBatch, name: &str) -> &'a StringArray {
    batch
        .column_by_name(name)
        .unwrap()
        .as_any()
        .downcast_ref()
        .unwrap()
}

#[test]
fn every_table_has_its_rows_and_documented_types() {
    let folder = TempDir::new().unwrap();
    let dataset = corpus_dataset(folder.path());
    let parquet = folder.path().join("parquet");
    let csv = folder.path().join("csv");
    assert_eq!(export(&dataset, &parquet, "parquet").status.code(), Some(0));
    assert_eq!(export(&dataset, &csv, "csv").status.code(), Some(0));
    let expected = expected_rows(&dataset);
    assert!(
        expected
            .iter()
            .any(|(e, n)| *e == "observations" && *n > 300)
    );
    for entity in ENTITIES {
        let batch = read_parquet(&parquet.join(format!("{entity}.parquet")));
        // The documented columns, in order, with their types.
        let schema = batch.schema();
        let found: Vec<(&str, &DataType)> = schema
            .fields()
            .iter()
            .map(|f| (f.name().as_str(), f.data_type()))
            .collect();
        let documented: Vec<(&str, DataType)> = columns(entity)
            .iter()
            .map(|c| {
                let kind = match c.kind {
                    Type::Text => DataType::Utf8,
                    Type::Int => DataType::Int64,
                    Type::Bool => DataType::Boolean,
                    Type::Decimal => DataType::Decimal128(38, 10),
                };
                (c.name, kind)
            })
            .collect();
        assert_eq!(found.len(), documented.len(), "{entity}");
        for ((name, kind), (want, want_kind)) in found.iter().zip(&documented) {
            assert_eq!((*name, *kind), (*want, want_kind), "{entity}");
        }
        // As many rows as the dataset has, in both formats.
        if let Some((_, rows)) = expected.iter().find(|(e, _)| *e == entity) {
            assert_eq!(batch.num_rows(), *rows, "{entity}");
        }
        let text = fs::read_to_string(csv.join(format!("{entity}.csv"))).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            reader.records().count(),
            batch.num_rows(),
            "{entity}: CSV rows"
        );
    }
    // The corpus's two findings, one row per source.
    let findings = read_parquet(&parquet.join("findings.parquet"));
    assert!(findings.num_rows() >= 4, "two findings with their sources");
}

#[test]
fn values_are_exact_decimals_and_doelstelling_a_string() {
    let folder = TempDir::new().unwrap();
    let dataset = corpus_dataset(folder.path());
    let to = folder.path().join("tables");
    assert!(export(&dataset, &to, "parquet").status.success());
    let cells = read_parquet(&to.join("cells.parquet"));
    let decimal = |name: &str| -> Decimal128Array {
        cells
            .column_by_name(name)
            .unwrap()
            .as_any()
            .downcast_ref::<Decimal128Array>()
            .unwrap()
            .clone()
    };
    let (labels, column_names, raws) = (
        strings(&cells, "row_label"),
        strings(&cells, "column_name"),
        strings(&cells, "raw"),
    );
    let (values, amounts) = (decimal("value"), decimal("amount"));
    let total = (0..cells.num_rows())
        .find(|&i| {
            labels.value(i) == "TOTAAL PROGRAMMA"
                && column_names.value(i) == "Lasten"
                && raws.value(i) == "-156.729"
        })
        .expect("the jaarverslag's programme total");
    // DECIMAL(38, 10): the mantissa holds ten decimals.
    assert_eq!(values.value(total), -156_729 * 10i128.pow(10));
    assert_eq!(amounts.value(total), -156_729_000 * 10i128.pow(10));
    let pm = (0..cells.num_rows())
        .find(|&i| raws.value(i) == "pm")
        .expect("a pm cell");
    assert!(values.is_null(pm) && amounts.is_null(pm), "pm is no zero");

    let observations = read_parquet(&to.join("observations.parquet"));
    let doelstelling = strings(&observations, "doelstelling");
    assert!((0..observations.num_rows()).any(|i| doelstelling.value(i) == "2.1"));
    let years = observations
        .column_by_name("year")
        .unwrap()
        .as_any()
        .downcast_ref::<Int64Array>()
        .unwrap();
    assert!(
        years
            .iter()
            .all(|y| y.is_some_and(|y| (2015..=2030).contains(&y)))
    );
}

#[test]
fn a_value_read_back_from_json_stays_exact() {
    // 2,35 × 1.000 is 2.350, not 2.400: the JSON value keeps its decimals.
    let folder = TempDir::new().unwrap();
    let dataset = corpus_dataset(folder.path());
    let mut records: Vec<serde_json::Value> =
        serde_json::from_slice(&fs::read(&dataset).unwrap()).unwrap();
    let table = records
        .iter_mut()
        .flat_map(|r| r["tables"].as_array_mut().unwrap())
        .find(|t| t["scale"] == 1000)
        .expect("a table in thousands");
    let row = &mut table["rows"][0];
    row["values"][0] = serde_json::json!(2.35);
    row["raw"][0] = serde_json::json!("2,35");
    let edited = folder.path().join("edited.json");
    fs::write(&edited, serde_json::to_vec(&records).unwrap()).unwrap();
    let to = folder.path().join("csv");
    assert!(export(&edited, &to, "csv").status.success());
    let text = fs::read_to_string(to.join("cells.csv")).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains(",\"2,35\","))
        .expect("the edited cell");
    assert!(line.contains(",2.35,1000,2350.00,euro,"), "{line}");
}

#[test]
fn twins_share_a_document_key_and_not_an_id() {
    let folder = TempDir::new().unwrap();
    let dataset = corpus_dataset(folder.path());
    let to = folder.path().join("tables");
    assert!(export(&dataset, &to, "parquet").status.success());
    let documents = read_parquet(&to.join("documents.parquet"));
    let keys = strings(&documents, "document_key");
    let ids = strings(&documents, "document_id");
    let distinct = |array: &StringArray| {
        let mut values: Vec<&str> = array.iter().flatten().collect();
        values.sort_unstable();
        values.dedup();
        values.len()
    };
    assert_eq!(documents.num_rows(), 8);
    assert_eq!(distinct(ids), 8, "every file its own SHA-256");
    assert_eq!(distinct(keys), 4, "four reports, each as text and PDF");
}

#[test]
fn a_target_that_cannot_be_written_is_a_usage_error() {
    let folder = TempDir::new().unwrap();
    let dataset = corpus_dataset(folder.path());
    // --to names a file.
    let file = folder.path().join("file");
    fs::write(&file, "keep").unwrap();
    let output = export(&dataset, &file, "parquet");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no folder"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep");
    // A table's file is a folder: nothing is written.
    let to = folder.path().join("tables");
    fs::create_dir_all(to.join("cells.parquet")).unwrap();
    assert_eq!(export(&dataset, &to, "parquet").status.code(), Some(2));
    assert!(!to.join("documents.parquet").exists(), "all or nothing");
    // A dataset that is not one.
    let bad = folder.path().join("bad.json");
    fs::write(&bad, "{ not json").unwrap();
    let fresh = folder.path().join("fresh");
    assert_eq!(export(&bad, &fresh, "csv").status.code(), Some(2));
    assert!(!fresh.join("documents.csv").exists());
}

/// The `| `column` | type | … |` rows under a `### heading` of docs/dataset.md.
fn documented_columns(docs: &str, heading: &str) -> Vec<(String, String)> {
    let section = docs
        .split("\n### ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("docs/dataset.md has no ### {heading}"));
    let section = section.split("\n## ").next().unwrap();
    section
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split(" | ").collect();
            let name = cells.first()?.strip_prefix("| `")?.strip_suffix('`')?;
            Some((name.to_owned(), cells.get(1)?.trim().to_owned()))
        })
        .collect()
}

#[test]
fn docs_list_every_column_with_its_type() {
    let docs = fs::read_to_string("docs/dataset.md").unwrap();
    let shown = |columns: &[(&str, Type)]| -> Vec<(String, String)> {
        columns
            .iter()
            .map(|(name, kind)| (name.to_string(), kind.name().to_owned()))
            .collect()
    };
    assert_eq!(
        documented_columns(&docs, "Document columns"),
        shown(kengetal::export::entities::DOCUMENT_COLUMNS)
    );
    for entity in ENTITIES {
        assert_eq!(
            documented_columns(&docs, &format!("`{entity}`")),
            shown(kengetal::export::entities::own_columns(entity)),
            "docs/dataset.md, ### `{entity}`"
        );
    }
}
