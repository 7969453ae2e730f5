//! Findings a journalist can act on, each citing every source it rests on.
//!
//! | kind | what |
//! |---|---|
//! | `arithmetic` | a table's own arithmetic fails (a failing check of the dataset) |
//! | `goal` | `Doel gehaald` contradicts the printed begroting and realisatie where the title states the direction |
//! | `discrepancy` | the same value printed differently in two documents |
//! | `implausible` | a value breaking sharply from its neighbours in its series |
//! | `uncertain` | a table's arithmetic fails where kengetal did not read the table with confidence (unread figures, ambiguous placement): the reading may be at fault, not the report |
//!
//! Findings are sorted by kind, then by their first source, so the same
//! datasets always give the same list.

mod arithmetic;
mod discrepancy;
mod goal;
mod implausible;

use crate::model::{DocumentRecord, Observation, PrintedLine, Row, Table};
use serde::Serialize;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// A failing table check.
    Arithmetic,
    /// `Doel gehaald` against the numbers.
    Goal,
    /// Two documents printing the same value differently.
    Discrepancy,
    /// A value breaking sharply from its series.
    Implausible,
    /// A failing table check over a table kengetal did not read with
    /// confidence; listed after the others.
    Uncertain,
}

impl FindingKind {
    /// The kind as written in output.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Arithmetic => "arithmetic",
            FindingKind::Goal => "goal",
            FindingKind::Discrepancy => "discrepancy",
            FindingKind::Implausible => "implausible",
            FindingKind::Uncertain => "uncertain",
        }
    }
}

/// A place in a source document a finding rests on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Source {
    /// The document, as in the dataset.
    pub path: String,
    /// Page of the line, when known.
    pub page: Option<u32>,
    /// 1-based line.
    pub line: usize,
    /// The text as printed: a cell, or a whole line.
    pub raw: String,
    /// What the text is, e.g. `Realisatie 2024` or `row "Saldo", column "2026"`.
    pub what: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// One or two sentences for a person.
    pub message: String,
    /// Every place it rests on.
    pub sources: Vec<Source>,
}

/// Every finding in the records; see the module docs.
///
/// Records with an `error` hold no data and give no findings.
pub fn check(records: &[DocumentRecord]) -> Vec<Finding> {
    let mut checker = Checker::default();
    for record in records {
        checker.add(record);
    }
    checker.finish()
}

/// The findings of records given one at a time, so a dataset need not be
/// held in memory: a record's own findings (arithmetic, goal) are made at
/// once, and what later documents are compared with (values by slot, the
/// series) is kept, small, until [`Checker::finish`]. The time is linear
/// in the records, up to the sort of the findings.
#[derive(Default)]
pub struct Checker {
    findings: Vec<Finding>,
    claims: discrepancy::Claims,
    series: implausible::Collected,
}

impl Checker {
    /// Checks one record, and keeps what it shares with the others.
    pub fn add(&mut self, record: &DocumentRecord) {
        let one = std::slice::from_ref(record);
        self.findings.extend(arithmetic::findings(one));
        self.findings.extend(goal::findings(one));
        self.claims.add(record);
        self.series.add(record);
    }

    /// Every finding, sorted by kind and then by first source.
    pub fn finish(self) -> Vec<Finding> {
        let mut findings = self.findings;
        findings.extend(self.claims.findings());
        findings.extend(self.series.findings());
        findings.sort_by(|a, b| (a.kind, &a.sources).cmp(&(b.kind, &b.sources)));
        findings
    }
}

/// The source of an observation.
fn observation_source(record: &DocumentRecord, observation: &Observation) -> Source {
    Source {
        path: record.source.path.clone(),
        page: observation.page,
        line: observation.line,
        raw: observation.raw.clone(),
        what: format!("{} {}", observation.label, observation.year),
    }
}

/// The source of a printed line.
fn line_source(record: &DocumentRecord, line: &PrintedLine) -> Source {
    Source {
        path: record.source.path.clone(),
        page: line.page,
        line: line.line,
        raw: line.raw.clone(),
        what: "line".to_owned(),
    }
}

/// The source of a table cell (of its row label where the cell is empty).
fn cell_source(record: &DocumentRecord, table: &Table, row: &Row, column: usize) -> Source {
    let header = table.columns.get(column).map_or("", String::as_str);
    Source {
        path: record.source.path.clone(),
        page: row.cell_page(column).or(table.location.page),
        line: row.cell_line(column),
        raw: row.raw.get(column).cloned().unwrap_or_default(),
        what: format!(
            "table \"{}\", row \"{}\", column \"{header}\"",
            table.title, row.label
        ),
    }
}

/// `"title"` shortened to a readable length.
fn quoted(text: &str) -> String {
    const LIMIT: usize = 90;
    if text.chars().count() <= LIMIT {
        format!("\"{text}\"")
    } else {
        let cut: String = text.chars().take(LIMIT - 1).collect();
        format!("\"{}…\"", cut.trim_end())
    }
}

#[cfg(test)]
mod tests;
