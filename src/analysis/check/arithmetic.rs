//! `arithmetic`: every failing check of every table, with its total and the
//! cells it added up.

use super::{Finding, FindingKind, cell_source, quoted};
use crate::model::{Check, DocumentRecord, Table};
use crate::normalise::checks::dutch;

/// One finding per failing check.
pub fn findings(records: &[DocumentRecord]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for record in records {
        for table in &record.tables {
            for check in table.checks.iter().filter(|c| !c.ok) {
                findings.push(finding(record, table, check));
            }
        }
    }
    findings
}

fn finding(record: &DocumentRecord, table: &Table, check: &Check) -> Finding {
    let decimals = check.expected.decimals.max(check.actual.decimals);
    let difference = check.expected.value - check.actual.value;
    let message = format!(
        "table {}: {}: printed {}, but the sum is {} (a difference of {})",
        quoted(&table.title),
        check.description,
        dutch(check.expected.value, check.expected.decimals),
        dutch(check.actual.value, decimals),
        dutch(difference.abs(), decimals),
    );
    let sources = check
        .total
        .iter()
        .chain(&check.summands)
        .filter_map(|cell| {
            let row = table.rows.get(cell.row)?;
            Some(cell_source(record, table, row, cell.column))
        })
        .collect();
    Finding {
        kind: FindingKind::Arithmetic,
        message,
        sources,
    }
}
