//! A table block becomes a [`Table`]: values read, roles named, arithmetic checked.

use super::checks::{check, is_total_label};
use super::indicator::Lines;
use super::number::{cell_unit, read_value};
use crate::model::{Location, Row, RowRole, Table, Unit};
use crate::parse::table::body::RowShape;
use crate::parse::table::{LayoutUnit, TableBlock, TextCell};
use crate::parse::text::{ColumnName, Text};

/// Builds the table of a recognised block.
pub fn table(block: &TableBlock<'_>, lines: Lines<'_>) -> Table {
    let mut warnings = block.warnings.clone();
    let mut units = Vec::new();
    let texts = texts_by_row(block);
    let columns: Vec<String> = block.columns.iter().map(ColumnName::render).collect();
    let rows: Vec<Row> = block
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            // A period moved out of its column ends the label (`… CBS 2024`).
            let label = match &row.period {
                Some(period) => format!("{} {}", row.label, period.raw),
                None => row.label.render(),
            };
            let mut values = Vec::with_capacity(row.cells.len());
            let mut raw = Vec::with_capacity(row.cells.len());
            let mut cell_lines = Vec::with_capacity(row.cells.len());
            for (column, cell) in row.cells.iter().enumerate() {
                match cell {
                    Some(placed) => {
                        units.extend(cell_unit(&placed.lex));
                        values.push(read_value(
                            &placed.lex,
                            &placed.raw,
                            placed.line + 1,
                            || {
                                let column = columns.get(column).map_or("", String::as_str);
                                format!("row \"{}\", column \"{column}\"", row.label)
                            },
                            &mut warnings,
                        ));
                        raw.push(placed.raw.clone());
                        cell_lines.push(Some(placed.line + 1));
                    }
                    None => {
                        values.push(None);
                        raw.push(String::new());
                        cell_lines.push(None);
                    }
                }
            }
            let role = match row.shape {
                RowShape::Parent => RowRole::Parent,
                RowShape::Sub => RowRole::Sub,
                RowShape::Values if is_total_label(&label) => RowRole::Total,
                RowShape::Values => RowRole::Item,
            };
            Row {
                label,
                values,
                raw,
                role,
                line: row.line + 1,
                page: lines.page(row.line),
                cell_pages: row
                    .cells
                    .iter()
                    .map(|c| c.as_ref().and_then(|c| lines.page(c.line)))
                    .collect(),
                cell_lines,
                texts: texts[index]
                    .iter()
                    .map(|t| t.map(|t| t.text.to_owned()))
                    .collect(),
                text_lines: texts[index].iter().map(|t| t.map(|t| t.line + 1)).collect(),
            }
        })
        .collect();
    let unit = block
        .unit
        .map(layout_unit)
        .unwrap_or(if units.contains(&Unit::Percent) {
            Unit::Percent
        } else if block.euro_scale || units.contains(&Unit::Euro) {
            Unit::Euro
        } else {
            Unit::Number
        });
    let mut rows = rows;
    let outcome = check_with_unlabelled_totals(&columns, &mut rows, unit);
    warnings.extend(outcome.warnings);
    warnings.sort_by_key(|w| w.line);
    lines.paginate(&mut warnings);
    Table {
        title: block.title.as_ref().map(Text::render).unwrap_or_default(),
        scale: block.scale,
        unit,
        columns,
        label_header: block.label_header.as_ref().map(Text::render),
        text_columns: block.text_columns.iter().map(Text::render).collect(),
        notes: notes(block),
        sign_note: block.sign_note.map(str::to_owned),
        rows,
        checks: outcome.checks,
        location: Location {
            line_start: block.first_line + 1,
            line_end: block.last_line + 1,
            page: lines.pages.get(block.first_line).copied().flatten(),
        },
        warnings,
    }
}

/// The table's notes as printed, then what became of a column of periods.
fn notes(block: &TableBlock<'_>) -> Vec<String> {
    let mut notes: Vec<String> = block.notes.iter().map(Text::render).collect();
    if let Some(period) = &block.period_column {
        notes.push(format!(
            "the column \"{period}\" holds the period of each row's values; it is part of the row labels"
        ));
    }
    notes
}

/// The checks of a table whose rows printed without a label (`| | 1.234 |`)
/// may be subtotals: such a row is a total only where it is one — every
/// check it is the total of holds. Otherwise it stays an item, and nothing
/// is claimed about it, so no report is ever accused of a sum it never
/// printed as one.
fn check_with_unlabelled_totals(
    columns: &[String],
    rows: &mut [Row],
    unit: Unit,
) -> super::checks::Outcome {
    let unlabelled: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            rows[i].role == RowRole::Item
                && rows[i].label.trim().is_empty()
                && rows[i].values.iter().any(Option::is_some)
        })
        .collect();
    if unlabelled.is_empty() {
        return check(columns, rows, unit);
    }
    for &i in &unlabelled {
        rows[i].role = RowRole::Total;
    }
    let tried = check(columns, rows, unit);
    let mut reverted = false;
    for &i in &unlabelled {
        let own: Vec<_> = tried
            .checks
            .iter()
            .filter(|c| c.total.is_some_and(|t| t.row == i))
            .collect();
        if own.is_empty() || own.iter().any(|c| !c.ok) {
            rows[i].role = RowRole::Item;
            reverted = true;
        }
    }
    if reverted {
        check(columns, rows, unit)
    } else {
        tried
    }
}

/// Each row's text cells, one slot per text column.
fn texts_by_row<'b, 'a>(block: &'b TableBlock<'a>) -> Vec<Vec<Option<&'b TextCell<'a>>>> {
    let mut by_row = vec![vec![None; block.text_columns.len()]; block.rows.len()];
    for text in &block.texts {
        if let Some(slot) = by_row
            .get_mut(text.row)
            .and_then(|r| r.get_mut(text.column))
        {
            *slot = Some(text);
        }
    }
    by_row
}

/// The model's unit for a unit the layout fixes.
fn layout_unit(unit: LayoutUnit) -> Unit {
    match unit {
        LayoutUnit::Euro => Unit::Euro,
        LayoutUnit::Percent => Unit::Percent,
    }
}
