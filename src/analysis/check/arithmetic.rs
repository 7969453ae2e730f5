//! `arithmetic`: every failing check of every table, with its total and the
//! cells it added up — and `uncertain` instead where kengetal did not read
//! the table with confidence: figures of it are unread (the census), or its
//! values were placed ambiguously. A report is never accused of a total
//! that only the reading got wrong.

use super::{Finding, FindingKind, Source, cell_source, quoted};
use crate::model::dutch;
use crate::model::{Check, DocumentRecord, Table, Unread};

/// One finding per failing check.
pub fn findings(records: &[DocumentRecord]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for record in records {
        for table in &record.tables {
            let doubts = doubts(record, table);
            for check in table.checks.iter().filter(|c| !c.ok) {
                let mut finding = finding(record, table, check);
                if !doubts.is_empty() {
                    uncertain(&mut finding, record, &doubts);
                }
                findings.push(finding);
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

/// Table warnings that say values may stand in the wrong cells.
const PLACEMENT_DOUBTS: &[&str] = &["values-ambiguous", "cells-short", "header-missing"];

/// What makes the reading of `table` uncertain: its unread figures, and
/// the warnings that its values may be misplaced.
fn doubts<'r>(record: &'r DocumentRecord, table: &'r Table) -> Vec<Doubt<'r>> {
    let range = table.location.line_start..=table.location.line_end;
    let mut doubts: Vec<Doubt<'r>> = record
        .unread
        .iter()
        .filter(|u| range.contains(&u.line))
        .map(Doubt::Unread)
        .collect();
    doubts.extend(
        table
            .warnings
            .iter()
            .filter(|w| PLACEMENT_DOUBTS.contains(&w.code.as_str()))
            .map(|w| Doubt::Placement(&w.code, w.line.unwrap_or(table.location.line_start))),
    );
    doubts
}

/// One reason to doubt the reading of a table.
enum Doubt<'r> {
    /// A figure of the table that was not read.
    Unread(&'r Unread),
    /// A warning code and its line.
    Placement(&'r str, usize),
}

/// Turns an `arithmetic` finding into an `uncertain` one, citing the doubts.
fn uncertain(finding: &mut Finding, record: &DocumentRecord, doubts: &[Doubt<'_>]) {
    let unread = doubts
        .iter()
        .filter(|d| matches!(d, Doubt::Unread(_)))
        .count();
    let placed = doubts.len() - unread;
    let mut why = Vec::new();
    if unread > 0 {
        why.push(format!(
            "{unread} printed figure(s) of the table were not read"
        ));
    }
    if placed > 0 {
        why.push(format!("{placed} value(s) may stand in the wrong cell"));
    }
    finding.kind = FindingKind::Uncertain;
    finding.message = format!(
        "{}; but {}, so the reading may be at fault rather than the report",
        finding.message,
        why.join(" and ")
    );
    for doubt in doubts {
        finding.sources.push(match doubt {
            Doubt::Unread(u) => Source {
                path: record.source.path.clone(),
                page: u.page,
                line: u.line,
                raw: u.raw.clone(),
                what: format!("unread figure ({})", u.reason),
            },
            Doubt::Placement(code, line) => Source {
                path: record.source.path.clone(),
                page: None,
                line: *line,
                raw: String::new(),
                what: format!("warning {code}"),
            },
        });
    }
}
