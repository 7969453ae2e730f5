//! Tidy tables of a dataset: one row per indicator observation, or one row
//! per table cell, each with the document and line it was printed on.

use super::key::indicator_key;
use crate::model::{DocumentKind, DocumentRecord, Number, ObservationKind, RowRole, Scope, Unit};
use rust_decimal::Decimal;
use serde::Serialize;

/// One observation of an indicator, with its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservationRow<'a> {
    /// The linking key of the title ([`indicator_key`]).
    pub key: String,
    /// The title as in the dataset.
    pub title: &'a str,
    /// The year of the value.
    pub year: i32,
    /// Planned or realised.
    pub kind: ObservationKind,
    /// The row label as printed.
    pub label: &'a str,
    /// The value; empty for `-`.
    pub value: Option<Number>,
    /// What the value measures.
    pub unit: Unit,
    /// The report type.
    pub document_kind: Option<DocumentKind>,
    /// The report's own year.
    pub document_year: Option<i32>,
    /// The source document.
    pub path: &'a str,
    /// 1-based line of the value.
    pub line: usize,
    /// Page of the line.
    pub page: Option<u32>,
    /// The cell as printed.
    pub raw: &'a str,
    /// The municipality.
    pub municipality: Option<&'a str>,
    /// The Doelstelling the indicator stands under.
    pub doelstelling: Option<&'a str>,
    /// Whose value it is: `gemeente`, or a reference (`nederland`, …).
    pub scope: Scope,
    /// The reference as printed (`Nederland`).
    pub scope_label: Option<&'a str>,
    /// The period printed with the value, when it is not its column's year.
    pub period: Option<&'a str>,
    /// The eenheid as printed.
    pub unit_text: Option<&'a str>,
}

/// One cell of a numeric table, with its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellRow<'a> {
    /// The source document.
    pub path: &'a str,
    /// The report type.
    pub document_kind: Option<DocumentKind>,
    /// The report's own year.
    pub document_year: Option<i32>,
    /// The table's title.
    pub table: &'a str,
    /// The row label.
    pub row: &'a str,
    /// The column header.
    pub column: &'a str,
    /// The value as printed; empty for `-`, `pm` and empty cells.
    pub value: Option<Number>,
    /// The table's multiplier (1000 under `Bedragen x €1.000`).
    pub scale: i64,
    /// `value × scale`, exact.
    pub amount: Option<serde_json::Number>,
    /// 1-based line of the cell (of the row label where the cell is empty).
    pub line: usize,
    /// Page of that line.
    pub page: Option<u32>,
    /// The cell as printed.
    pub raw: &'a str,
    /// What the values measure.
    pub unit: Unit,
    /// The row's part in the table.
    pub row_role: RowRole,
    /// The municipality.
    pub municipality: Option<&'a str>,
}

/// Every observation of every record, in dataset order.
pub fn observation_rows(records: &[DocumentRecord]) -> Vec<ObservationRow<'_>> {
    let mut rows = Vec::new();
    for record in records {
        for indicator in &record.indicators {
            let key = indicator_key(&indicator.title);
            for observation in &indicator.observations {
                rows.push(ObservationRow {
                    key: key.clone(),
                    title: &indicator.title,
                    year: observation.year,
                    kind: observation.kind,
                    label: &observation.label,
                    value: observation.value,
                    unit: indicator.unit,
                    document_kind: record.document.kind,
                    document_year: record.document.year,
                    path: &record.source.path,
                    line: observation.line,
                    page: observation.page,
                    raw: &observation.raw,
                    municipality: record.document.municipality.as_deref(),
                    doelstelling: indicator.doelstelling.as_deref(),
                    scope: observation.scope,
                    scope_label: observation.scope_label.as_deref(),
                    period: observation.period.as_deref(),
                    unit_text: indicator.unit_text.as_deref(),
                });
            }
        }
    }
    rows
}

/// Every cell of every table of every record, in dataset order; rows that
/// only head sub-rows are left out.
pub fn cell_rows(records: &[DocumentRecord]) -> Vec<CellRow<'_>> {
    let mut cells = Vec::new();
    for record in records {
        for table in &record.tables {
            for row in table.rows.iter().filter(|r| r.role != RowRole::Parent) {
                for (index, column) in table.columns.iter().enumerate() {
                    let value = row.values.get(index).copied().flatten();
                    cells.push(CellRow {
                        path: &record.source.path,
                        document_kind: record.document.kind,
                        document_year: record.document.year,
                        table: &table.title,
                        row: &row.label,
                        column,
                        value,
                        scale: table.scale,
                        amount: value.and_then(|v| amount(v, table.scale)),
                        line: row.cell_line(index),
                        page: row.cell_page(index).or(table.location.page),
                        raw: row.raw.get(index).map_or("", String::as_str),
                        unit: table.unit,
                        row_role: row.role,
                        municipality: record.document.municipality.as_deref(),
                    });
                }
            }
        }
    }
    cells
}

/// `value × scale` without rounding error, from the printed digits
/// ([`Number::exact`]); an integer when the product is one.
pub fn amount(value: Number, scale: i64) -> Option<serde_json::Number> {
    let product = value
        .exact()?
        .checked_mul(Decimal::from(scale))?
        .normalize();
    if product.is_zero() {
        return Some(0.into());
    }
    product.to_string().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: Option<serde_json::Number>) -> String {
        n.map(|n| n.to_string()).unwrap_or_default()
    }

    /// A number printed with as many decimals as `value` shows.
    fn printed(value: f64) -> Number {
        let written = format!("{value}");
        let decimals = written.split_once('.').map_or(0, |(_, f)| f.len());
        Number {
            value,
            decimals: decimals as u8,
        }
    }

    fn amount(value: f64, scale: i64) -> Option<serde_json::Number> {
        super::amount(printed(value), scale)
    }

    #[test]
    fn amounts_are_exact() {
        assert_eq!(text(amount(-92186.0, 1000)), "-92186000");
        assert_eq!(text(amount(2.6, 1000)), "2600");
        assert_eq!(text(amount(0.1, 1000)), "100");
        assert_eq!(text(amount(1.2345, 1000)), "1234.5");
        assert_eq!(text(amount(15481766.0, 1)), "15481766");
        assert_eq!(text(amount(-0.0, 1000)), "0");
        assert_eq!(text(amount(0.5, 1)), "0.5");
        assert_eq!(text(amount(3.0, 12)), "36");
        assert_eq!(text(amount(2.5, 12)), "30");
        assert_eq!(amount(f64::NAN, 1), None);
    }

    #[test]
    fn amounts_stay_integers_past_f64_rounding() {
        // 0.1 × 1000 in floating point is 100.00000000000001.
        assert!(amount(0.1, 1000).unwrap().is_i64());
        assert!(amount(-135.874, 1000).unwrap().is_i64());
        assert_eq!(text(amount(-135.874, 1000)), "-135874");
    }
}
