//! `kengetal schema`: the JSON Schema of a dataset's document record,
//! generated from the model, so a dataset can be validated by any tool.

use crate::model::DocumentRecord;
use std::io::Write;

/// Arguments of `kengetal schema` (none).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kengetal schema > kengetal-record.schema.json
  check-jsonschema --schemafile kengetal-record.schema.json record.json

The schema describes one record (one element of the JSON array, one line
of JSON lines); docs/dataset.md says what each field means.")]
pub struct Args {}

/// The JSON Schema (draft 2020-12) of one document record, as this
/// version writes it: every object allows exactly its documented fields.
pub fn record_schema() -> serde_json::Value {
    // As written (serialisation): a field is required unless kengetal may
    // leave it out, so `error` is always there, null or an object.
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = serde_json::to_value(generator.into_root_schema_for::<DocumentRecord>())
        .expect("a schema is JSON");
    close_objects(&mut schema);
    schema
}

/// Marks every object schema with `properties` as allowing no others.
fn close_objects(schema: &mut serde_json::Value) {
    match schema {
        serde_json::Value::Object(map) => {
            if map.contains_key("properties") {
                map.insert("additionalProperties".into(), false.into());
            }
            map.values_mut().for_each(close_objects);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// Prints the schema; returns the exit status.
pub fn run(_: Args) -> i32 {
    let text = serde_json::to_string_pretty(&record_schema()).expect("a schema is JSON");
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => super::EXIT_OK,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => super::EXIT_OK,
        Err(error) => {
            eprintln!("kengetal: cannot write the schema: {error}");
            super::EXIT_FAILURES
        }
    }
}
