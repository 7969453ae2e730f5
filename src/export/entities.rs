//! The entities of a dataset as tables: one [`Frame`] per entity, rows
//! keyed by ids a user joins on (`docs/dataset.md`, "Export").
//!
//! Every row but a document's own starts with the document columns
//! ([`DOCUMENT_COLUMNS`]), so a user filters any table by municipality,
//! report kind, year or programme without a join.

use super::frame::{Column, Frame, Type, Value, int, opt_int, opt_text, scaled_mantissa, text};
use crate::analysis::check::Finding;
use crate::analysis::key::indicator_key;
use crate::clean::fold::fold;
use crate::model::{DocumentKind, DocumentRecord, Indicator, Number, Table, Warning};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The entities, in the order they are written.
pub const ENTITIES: [&str; 8] = [
    "documents",
    "indicators",
    "observations",
    "tables",
    "cells",
    "warnings",
    "unread",
    "findings",
];

/// Columns shared by every entity: which document a row belongs to.
pub const DOCUMENT_COLUMNS: &[(&str, Type)] = &[
    ("document_id", Type::Text),
    ("path", Type::Text),
    ("municipality", Type::Text),
    ("document_kind", Type::Text),
    ("document_year", Type::Int),
    ("programme", Type::Text),
    ("document_key", Type::Text),
];

/// The columns of an entity after the document columns.
pub fn own_columns(entity: &str) -> &'static [(&'static str, Type)] {
    use Type::{Bool, Decimal, Int, Text};
    match entity {
        "documents" => &[
            ("format", Text),
            ("pages", Int),
            ("readers", Text),
            ("bytes", Int),
            ("schema_version", Int),
            ("error_kind", Text),
            ("error_message", Text),
            ("figures", Int),
            ("figures_read", Int),
            ("figures_unread", Int),
            ("indicators", Int),
            ("tables", Int),
            ("warnings", Int),
        ],
        "indicators" => &[
            ("indicator_id", Text),
            ("indicator", Int),
            ("key", Text),
            ("title", Text),
            ("title_raw", Text),
            ("doelstelling", Text),
            ("description", Text),
            ("sources", Text),
            ("unit", Text),
            ("unit_text", Text),
            ("code", Text),
            ("bbv", Bool),
            ("table_id", Text),
            ("goal_met", Bool),
            ("goal_line", Int),
            ("goal_raw", Text),
            ("explanation", Text),
            ("observations", Int),
            ("line_start", Int),
            ("line_end", Int),
            ("page", Int),
            ("warnings", Int),
        ],
        "observations" => &[
            ("indicator_id", Text),
            ("indicator", Int),
            ("observation", Int),
            ("key", Text),
            ("title", Text),
            ("doelstelling", Text),
            ("unit", Text),
            ("year", Int),
            ("kind", Text),
            ("label", Text),
            ("value", Decimal),
            ("raw", Text),
            ("scope", Text),
            ("scope_label", Text),
            ("period", Text),
            ("line", Int),
            ("page", Int),
        ],
        "tables" => &[
            ("table_id", Text),
            ("table", Int),
            ("title", Text),
            ("scale", Int),
            ("unit", Text),
            ("columns", Int),
            ("column_names", Text),
            ("label_header", Text),
            ("text_columns", Text),
            ("notes", Text),
            ("sign_note", Text),
            ("rows", Int),
            ("checks", Int),
            ("checks_failed", Int),
            ("line_start", Int),
            ("line_end", Int),
            ("page", Int),
            ("warnings", Int),
        ],
        "cells" => &[
            ("table_id", Text),
            ("table", Int),
            ("title", Text),
            ("row", Int),
            ("row_label", Text),
            ("row_role", Text),
            ("column", Int),
            ("column_name", Text),
            ("value", Decimal),
            ("scale", Int),
            ("amount", Decimal),
            ("unit", Text),
            ("raw", Text),
            ("line", Int),
            ("page", Int),
        ],
        "warnings" => &[
            ("indicator_id", Text),
            ("table_id", Text),
            ("code", Text),
            ("message", Text),
            ("line", Int),
            ("page", Int),
        ],
        "unread" => &[
            ("unread", Int),
            ("line", Int),
            ("page", Int),
            ("raw", Text),
            ("value", Decimal),
            ("context", Text),
            ("reason", Text),
        ],
        "findings" => &[
            ("finding", Int),
            ("kind", Text),
            ("message", Text),
            ("source", Int),
            ("line", Int),
            ("page", Int),
            ("raw", Text),
            ("what", Text),
        ],
        _ => &[],
    }
}

/// The columns of an entity: the document columns, then its own (a
/// document's own row has them too).
pub fn columns(entity: &str) -> Vec<Column> {
    DOCUMENT_COLUMNS
        .iter()
        .chain(own_columns(entity))
        .map(|&(name, kind)| Column { name, kind })
        .collect()
}

/// An empty frame of each entity, in [`ENTITIES`] order.
pub fn empty_frames() -> Vec<Frame> {
    ENTITIES
        .iter()
        .map(|&entity| Frame::new(entity, columns(entity)))
        .collect()
}

/// The frames of some records, in [`ENTITIES`] order, without findings
/// (those need the whole dataset: [`finding_rows`]). Also returns how many
/// values could not be written exactly (more than ten decimals); those
/// cells are null, their `raw` text kept.
pub fn record_frames(records: &[DocumentRecord]) -> (Vec<Frame>, usize) {
    let mut frames = empty_frames();
    let mut inexact = 0;
    for record in records {
        let doc = document_cells(record);
        let [
            documents,
            indicators,
            observations,
            tables,
            cells,
            warnings,
            unread,
            _,
        ] = &mut frames[..]
        else {
            unreachable!("one frame per entity");
        };
        documents.push(with(&doc, document_row(record)));
        let id = &record.source.sha256;
        for (i, indicator) in record.indicators.iter().enumerate() {
            indicators.push(with(&doc, indicator_row(id, i, indicator)));
            for (o, _) in indicator.observations.iter().enumerate() {
                let (row, lost) = observation_row(id, i, o, indicator);
                inexact += lost;
                observations.push(with(&doc, row));
            }
            for warning in &indicator.warnings {
                warnings.push(with(
                    &doc,
                    warning_row(Some(item_id(id, 'i', i)), None, warning),
                ));
            }
        }
        for (t, table) in record.tables.iter().enumerate() {
            tables.push(with(&doc, table_row(id, t, table)));
            for (r, row) in table.rows.iter().enumerate() {
                for c in 0..row.values.len() {
                    let (cell, lost) = cell_row(id, t, table, r, c);
                    inexact += lost;
                    cells.push(with(&doc, cell));
                }
            }
            for warning in &table.warnings {
                warnings.push(with(
                    &doc,
                    warning_row(None, Some(item_id(id, 't', t)), warning),
                ));
            }
        }
        for warning in &record.warnings {
            warnings.push(with(&doc, warning_row(None, None, warning)));
        }
        for (u, figure) in record.unread.iter().enumerate() {
            let (value, lost) = exact(figure.value);
            inexact += lost;
            unread.push(with(
                &doc,
                vec![
                    int(u),
                    int(figure.line),
                    opt_int(figure.page),
                    text(&figure.raw),
                    value,
                    text(&figure.context),
                    text(&figure.reason),
                ],
            ));
        }
    }
    (frames, inexact)
}

/// The findings frame: one row per source of each finding, with the
/// document columns of the source's document (null where no record of
/// that path is in `records`).
pub fn finding_rows(findings: &[Finding], records: &[DocumentRecord]) -> Frame {
    let by_path: HashMap<&str, &DocumentRecord> = records
        .iter()
        .map(|r| (r.source.path.as_str(), r))
        .collect();
    let mut frame = Frame::new("findings", columns("findings"));
    for (f, finding) in findings.iter().enumerate() {
        for (s, source) in finding.sources.iter().enumerate() {
            let doc = match by_path.get(source.path.as_str()) {
                Some(record) => document_cells(record),
                None => unknown_document(&source.path),
            };
            frame.push(with(
                &doc,
                vec![
                    int(f),
                    text(finding.kind.name()),
                    text(&finding.message),
                    int(s),
                    int(source.line),
                    opt_int(source.page),
                    text(&source.raw),
                    text(&source.what),
                ],
            ));
        }
    }
    frame
}

/// The key a report's text and PDF twins share: municipality, kind, year
/// and programme, folded (`zoetermeer|jaarverslag|2024|programma 2 …`);
/// null when the document names none of them.
pub fn document_key(record: &DocumentRecord) -> Option<String> {
    let document = &record.document;
    let folded = |text: &Option<String>| {
        text.as_deref()
            .map(|t| fold(t).split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    let parts = [
        folded(&document.municipality),
        document
            .kind
            .map(DocumentKind::name)
            .unwrap_or_default()
            .to_owned(),
        document.year.map(|y| y.to_string()).unwrap_or_default(),
        folded(&document.programme),
    ];
    parts.iter().any(|p| !p.is_empty()).then(|| parts.join("|"))
}

/// The id of a record's `index`-th indicator (`letter` `i`) or table (`t`):
/// `<sha256>:i3`.
fn item_id(document: &str, letter: char, index: usize) -> String {
    format!("{document}:{letter}{index}")
}

/// The document columns of a record.
fn document_cells(record: &DocumentRecord) -> Vec<Value> {
    let document = &record.document;
    vec![
        text(&record.source.sha256),
        text(&record.source.path),
        opt_text(document.municipality.as_ref()),
        opt_text(document.kind.map(DocumentKind::name)),
        opt_int(document.year),
        opt_text(document.programme.as_ref()),
        opt_text(document_key(record)),
    ]
}

/// The document columns of a path no record names.
fn unknown_document(path: &str) -> Vec<Value> {
    let mut cells = vec![Value::Text(None), text(path)];
    cells.extend([
        Value::Text(None),
        Value::Text(None),
        Value::Int(None),
        Value::Text(None),
        Value::Text(None),
    ]);
    cells
}

/// The document columns followed by a row's own.
fn with(doc: &[Value], own: Vec<Value>) -> Vec<Value> {
    let mut row = doc.to_vec();
    row.extend(own);
    row
}

/// A value as an exact cell, and 1 when it does not fit the export's
/// decimals (the cell is then null).
fn exact(value: Option<Number>) -> (Value, usize) {
    fit(value.and_then(Number::exact), value.is_some())
}

/// An exact decimal as a cell, and 1 when `printed` but it does not fit.
fn fit(value: Option<Decimal>, printed: bool) -> (Value, usize) {
    match value.filter(|v| scaled_mantissa(*v).is_some()) {
        Some(v) => (Value::Decimal(Some(v)), 0),
        None => (Value::Decimal(None), usize::from(printed)),
    }
}

fn document_row(record: &DocumentRecord) -> Vec<Value> {
    let source = &record.source;
    vec![
        text(source.format.name()),
        opt_int(source.pages),
        joined(&source.readers.iter().map(page_run).collect::<Vec<_>>()),
        int(source.bytes),
        int(record.schema_version),
        opt_text(record.error.as_ref().map(|e| &e.kind)),
        opt_text(record.error.as_ref().map(|e| &e.message)),
        int(record.coverage.figures),
        int(record.coverage.read),
        int(record.coverage.unread),
        int(record.indicators.len()),
        int(record.tables.len()),
        int(record.warnings.len()),
    ]
}

/// A run of pages and its reader: `1-4 pdf-extract`, `5 pdftotext`.
fn page_run(run: &crate::model::PageRun) -> String {
    let pages = match run.first == run.last {
        true => run.first.to_string(),
        false => format!("{}-{}", run.first, run.last),
    };
    format!("{pages} {}", run.reader.name())
}

/// Texts joined for one cell: `; ` between them, null when there are none.
fn joined(texts: &[String]) -> Value {
    opt_text((!texts.is_empty()).then(|| texts.join("; ")))
}

fn indicator_row(id: &str, index: usize, indicator: &Indicator) -> Vec<Value> {
    let goal = indicator.goal_line.as_ref();
    vec![
        text(item_id(id, 'i', index)),
        int(index),
        text(indicator_key(&indicator.title)),
        text(&indicator.title),
        text(&indicator.title_raw),
        opt_text(indicator.doelstelling.as_ref()),
        opt_text(indicator.description.as_ref()),
        joined(&indicator.sources),
        text(indicator.unit.name()),
        opt_text(indicator.unit_text.as_ref()),
        opt_text(indicator.code.as_ref()),
        Value::Bool(Some(indicator.bbv)),
        opt_text(indicator.table.map(|t| item_id(id, 't', t))),
        Value::Bool(indicator.goal_met),
        opt_int(goal.map(|g| g.line)),
        opt_text(goal.map(|g| &g.raw)),
        opt_text(indicator.explanation.as_ref()),
        int(indicator.observations.len()),
        int(indicator.location.line_start),
        int(indicator.location.line_end),
        opt_int(indicator.location.page),
        int(indicator.warnings.len()),
    ]
}

fn observation_row(id: &str, index: usize, o: usize, indicator: &Indicator) -> (Vec<Value>, usize) {
    let observation = &indicator.observations[o];
    let (value, lost) = exact(observation.value);
    let row = vec![
        text(item_id(id, 'i', index)),
        int(index),
        int(o),
        text(indicator_key(&indicator.title)),
        text(&indicator.title),
        opt_text(indicator.doelstelling.as_ref()),
        text(indicator.unit.name()),
        int(observation.year),
        text(observation.kind.name()),
        text(&observation.label),
        value,
        text(&observation.raw),
        text(observation.scope.name()),
        opt_text(observation.scope_label.as_ref()),
        opt_text(observation.period.as_ref()),
        int(observation.line),
        opt_int(observation.page),
    ];
    (row, lost)
}

fn table_row(id: &str, index: usize, table: &Table) -> Vec<Value> {
    let failed = table.checks.iter().filter(|c| !c.ok).count();
    vec![
        text(item_id(id, 't', index)),
        int(index),
        text(&table.title),
        int(table.scale),
        text(table.unit.name()),
        int(table.columns.len()),
        opt_text((!table.columns.is_empty()).then(|| table.columns.join(" | "))),
        opt_text(table.label_header.as_ref()),
        opt_text((!table.text_columns.is_empty()).then(|| table.text_columns.join(" | "))),
        joined(&table.notes),
        opt_text(table.sign_note.as_ref()),
        int(table.rows.len()),
        int(table.checks.len()),
        int(failed),
        int(table.location.line_start),
        int(table.location.line_end),
        opt_int(table.location.page),
        int(table.warnings.len()),
    ]
}

fn cell_row(id: &str, t: usize, table: &Table, r: usize, c: usize) -> (Vec<Value>, usize) {
    let row = &table.rows[r];
    let printed = row.values[c];
    let (value, lost) = exact(printed);
    let amount = printed
        .and_then(Number::exact)
        .and_then(|v| v.checked_mul(Decimal::from(table.scale)));
    let (amount, _) = fit(amount, printed.is_some());
    let cells = vec![
        text(item_id(id, 't', t)),
        int(t),
        text(&table.title),
        int(r),
        text(&row.label),
        text(row.role.name()),
        int(c),
        opt_text(table.columns.get(c)),
        value,
        int(table.scale),
        amount,
        text(table.unit.name()),
        text(row.raw.get(c).map(String::as_str).unwrap_or_default()),
        int(row.cell_line(c)),
        opt_int(row.cell_page(c)),
    ];
    (cells, lost)
}

fn warning_row(indicator: Option<String>, table: Option<String>, warning: &Warning) -> Vec<Value> {
    vec![
        opt_text(indicator),
        opt_text(table),
        text(&warning.code),
        text(&warning.message),
        opt_int(warning.line),
        opt_int(warning.page),
    ]
}
