//! Indicators read from indicator tables: a table whose header names a
//! unit or period column beside its value columns (the BBV
//! beleidsindicatoren and the like) gives one indicator per row.
//!
//! - title: the row's label; `unit_text`, `sources`, `code`: its text cells;
//! - one observation per printed value cell: `kind` and `year` from the
//!   column (`Begroting 2025` → begroting 2025, `Streefwaarde 2026` →
//!   streefwaarde, `Nulmeting` → nulmeting; `Werkelijk`, `Gemeente`,
//!   `Nederland` → realisatie); the year is the cell's own when it prints
//!   one (`61% (2019)`), else the column's, else the row's period (then
//!   `period` keeps it as printed);
//!   `scope` from the column (`Nederland` → nederland);
//! - `bbv` when the table's title, its label head or a line of the
//!   [`BBV_CONTEXT_LINES`] above it names the national set;
//! - `table` names the table, which stays in `tables` as printed.
//!
//! Indicator tables by kind (`Indicator Nulmeting Realisatie 2024
//! Streefwaarde 2025`: the label head names indicators, every column a
//! kind) give one indicator per row too.
//!
//! BBV blocks (a title row over `Gemeente` / `Provincie` / `Nederland`
//! rows, under one header of years) give one indicator per title, the
//! scope from each row.
//!
//! A row whose values have no year (no period, no year in the column) gives
//! no indicator; its values stay in the table.

use super::indicator::Lines;
use super::text::clean_title;
use crate::clean::fold::fold;
use crate::clean::vocabulary::{BBV_WORDS, SCOPE_HEADS};
use crate::model::{
    Indicator, Location, Observation, ObservationKind, Row, RowRole, Scope, Table, Unit,
};
use crate::parse::cell::{CellLex, comparison, is_year_word};
use crate::parse::table::typed::{ColumnKind, head_kind, is_scope_label};
use crate::parse::vocabulary::is_word_in;

/// Lines above a table searched for a heading that names the BBV set.
pub const BBV_CONTEXT_LINES: usize = 40;

/// Words of a value column's head that make its values planned.
const PLANNED: &[&str] = &["Begroting", "Raming", "Prognose"];
/// Words of a value column's head that make its values targets.
const TARGETS: &[&str] = &["Streefwaarde", "Doelwaarde"];
/// Words of a value column's head that make its values realised.
const REALISED: &[&str] = &[
    "Realisatie",
    "Werkelijk",
    "Rekening",
    "Jaarrekening",
    "Gerealiseerd",
];
/// Words of a value column's head that make its values a baseline.
const BASELINES: &[&str] = &["Nulmeting", "Basiswaarde", "Uitgangswaarde"];

/// The indicators of every indicator table of a record.
pub fn indicators_from_tables(tables: &[Table], lines: Lines<'_>) -> Vec<Indicator> {
    let mut indicators = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        if is_block_table(table) {
            let columns = TextColumns::of(table).unwrap_or_default();
            let bbv = names_bbv(table, lines);
            indicators.extend(block_indicators(table, index, &columns, bbv, lines));
            continue;
        }
        let Some(columns) = TextColumns::of(table) else {
            if is_kind_table(table) {
                let bbv = names_bbv(table, lines);
                let rows = table
                    .rows
                    .iter()
                    .filter(|r| matches!(r.role, RowRole::Item | RowRole::Total));
                let none = TextColumns::default();
                indicators
                    .extend(rows.filter_map(|row| indicator(table, index, row, &none, bbv, lines)));
            }
            continue;
        };
        let bbv = names_bbv(table, lines);
        for row in table
            .rows
            .iter()
            .filter(|r| matches!(r.role, RowRole::Item | RowRole::Total))
        {
            indicators.extend(indicator(table, index, row, &columns, bbv, lines));
        }
    }
    indicators
}

/// Where a table's text columns stand, by what they hold.
#[derive(Default)]
struct TextColumns {
    unit: Option<usize>,
    source: Option<usize>,
    period: Option<usize>,
    code: Option<usize>,
}

impl TextColumns {
    /// The text columns of an indicator table; `None` for any other table.
    fn of(table: &Table) -> Option<TextColumns> {
        let find = |kind: ColumnKind| {
            table
                .text_columns
                .iter()
                .position(|c| c.split_whitespace().next().and_then(head_kind) == Some(kind))
        };
        let columns = TextColumns {
            unit: find(ColumnKind::Unit),
            source: find(ColumnKind::Source),
            period: find(ColumnKind::Period),
            code: find(ColumnKind::Code),
        };
        (columns.unit.is_some() || columns.period.is_some()).then_some(columns)
    }
}

/// Whether a table is an indicator table by kind: its label head names
/// indicators (`Indicator`, `Omschrijving`) and every column a kind of
/// value (`Nulmeting`, `Realisatie 2024`, `Streefwaarde 2025`). A bare
/// year says no kind: such a table gives no indicators.
fn is_kind_table(table: &Table) -> bool {
    let label = table.label_header.as_deref().unwrap_or_default();
    let first = label.split_whitespace().next().unwrap_or_default();
    let labels_rows = head_kind(first) == Some(ColumnKind::Label);
    let names = |head: &String, lists: &[&[&str]]| {
        head.split_whitespace()
            .next()
            .is_some_and(|w| lists.iter().any(|list| is_word_in(w, list)))
    };
    let all_kinds = !table.columns.is_empty()
        && table
            .columns
            .iter()
            .all(|h| names(h, &[PLANNED, TARGETS, BASELINES, REALISED]));
    // `Omschrijving` heads financial tables of bases too: only a target or
    // a baseline column, or a head that says `Indicator`, makes it one.
    let indicators = fold(first).contains("indicator")
        || table
            .columns
            .iter()
            .any(|h| names(h, &[TARGETS, BASELINES]));
    labels_rows && all_kinds && indicators
}

/// Whether a table is BBV blocks: titles (parent rows) each over rows
/// whose labels name a scope (`Gemeente`, `Provincie`, `Nederland`).
fn is_block_table(table: &Table) -> bool {
    let parents = table
        .rows
        .iter()
        .filter(|r| r.role == RowRole::Parent)
        .count();
    let items = table.rows.iter().filter(|r| r.role != RowRole::Parent);
    parents > 0 && items.clone().count() > 0 && items.clone().all(|r| is_scope_label(&r.label))
}

/// The indicators of BBV blocks: one per title, its observations from the
/// scope rows under it, `kind` and `year` from the columns, `scope` from
/// the row; the title row's text cells give the unit and source.
fn block_indicators(
    table: &Table,
    index: usize,
    columns: &TextColumns,
    bbv: bool,
    lines: Lines<'_>,
) -> Vec<Indicator> {
    let mut indicators = Vec::new();
    let mut rows = table.rows.iter().peekable();
    while let Some(title) = rows.next() {
        if title.role != RowRole::Parent {
            continue;
        }
        let period = text(title, columns.period);
        let mut observations = Vec::new();
        let mut last_line = title.line;
        while let Some(row) = rows.next_if(|r| r.role != RowRole::Parent) {
            let (scope, scope_label) = scope_of(&row.label);
            for (column, head) in table.columns.iter().enumerate() {
                let raw = row.raw.get(column).map_or("", String::as_str);
                let year = head.split_whitespace().find_map(year_of);
                let (year, from_period) = match (year, period.and_then(first_year)) {
                    (Some(year), _) => (year, false),
                    (None, Some(year)) => (year, true),
                    (None, None) => continue,
                };
                if raw.is_empty() {
                    continue;
                }
                let period = period.filter(|_| from_period);
                let scope = (scope, scope_label.clone());
                let found = observation(table, row, column, year, period, scope, lines);
                last_line = last_line.max(found.line);
                observations.push(found);
            }
        }
        if observations.is_empty() {
            continue;
        }
        let last_line = title
            .text_lines
            .iter()
            .flatten()
            .copied()
            .fold(last_line, usize::max);
        indicators.push(indicator_of(
            title,
            observations,
            columns,
            index,
            bbv,
            last_line,
        ));
    }
    indicators
}

/// Whether the table's title, label head, or a line above it names the BBV set.
fn names_bbv(table: &Table, lines: Lines<'_>) -> bool {
    let names = |text: &str| {
        let folded = fold(text);
        BBV_WORDS.iter().any(|w| folded.contains(w))
    };
    let first = table.location.line_start.saturating_sub(1);
    let above =
        &lines.cleaned[first.saturating_sub(BBV_CONTEXT_LINES)..first.min(lines.cleaned.len())];
    names(&table.title)
        || table.label_header.as_deref().is_some_and(names)
        || above.iter().any(|line| names(line))
}

fn text(row: &Row, column: Option<usize>) -> Option<&str> {
    row.texts.get(column?)?.as_deref()
}

/// The indicator of one row, if its values have years.
fn indicator(
    table: &Table,
    index: usize,
    row: &Row,
    columns: &TextColumns,
    bbv: bool,
    lines: Lines<'_>,
) -> Option<Indicator> {
    let period = text(row, columns.period);
    let period_year = period.and_then(first_year);
    let mut observations = Vec::new();
    for (column, head) in table.columns.iter().enumerate() {
        let raw = row.raw.get(column).map_or("", String::as_str);
        if raw.is_empty() {
            continue;
        }
        // The cell's own year (`61% (2019)`), else the column's, else the row's period.
        let (year, from_period) = match (own_period(raw), head.split_whitespace().find_map(year_of))
        {
            (Some((year, printed)), _) => (year, Some(printed)),
            (None, Some(year)) => (year, None),
            (None, None) => match period_year {
                Some(year) => (year, period),
                None => continue,
            },
        };
        let found = observation(table, row, column, year, from_period, scope_of(head), lines);
        let reference = reference_of(&found);
        observations.push(found);
        observations.extend(reference);
    }
    if observations.is_empty() {
        return None;
    }
    let last_line = row
        .cell_lines
        .iter()
        .chain(&row.text_lines)
        .flatten()
        .copied()
        .chain([row.line])
        .max()
        .unwrap_or(row.line);
    Some(indicator_of(
        row,
        observations,
        columns,
        index,
        bbv,
        last_line,
    ))
}

/// The reference a comparison cell prints beside the value (`4,1 tov 3,6
/// landelijk`): an observation of its own, of the same year and kind, whose
/// scope the word after it names; the value's own observation keeps the
/// whole cell as its raw text.
fn reference_of(value: &Observation) -> Option<Observation> {
    let compared = comparison(&value.raw)?;
    let printed_scope = compared.scope?;
    let (scope, _) = scope_of(printed_scope);
    let number = match crate::parse::cell::cell(compared.reference) {
        Ok(("", CellLex::Number(lex))) => crate::normalise::number::number(&lex),
        _ => None,
    };
    Some(Observation {
        value: number,
        raw: compared.reference.to_owned(),
        scope,
        scope_label: Some(printed_scope.to_owned()),
        ..value.clone()
    })
}

/// The observation of the value cell of `row` under column `column`.
fn observation(
    table: &Table,
    row: &Row,
    column: usize,
    year: i32,
    period: Option<&str>,
    (scope, scope_label): (Scope, Option<String>),
    lines: Lines<'_>,
) -> Observation {
    let head = &table.columns[column];
    let line = row.cell_line(column);
    Observation {
        year,
        kind: kind_of(head),
        label: head.clone(),
        value: row.values.get(column).copied().flatten(),
        raw: row.raw.get(column).cloned().unwrap_or_default(),
        line,
        page: lines.page(line.saturating_sub(1)),
        scope,
        scope_label,
        period: period.map(str::to_owned),
    }
}

/// The indicator whose title, unit, source and code `title` prints (a row
/// of an indicator table, or a block's title row), read from table `index`.
fn indicator_of(
    title: &Row,
    observations: Vec<Observation>,
    columns: &TextColumns,
    index: usize,
    bbv: bool,
    last_line: usize,
) -> Indicator {
    let unit_text = text(title, columns.unit).map(str::to_owned);
    Indicator {
        title: clean_title(&title.label),
        title_raw: title.label.clone(),
        doelstelling: None,
        description: None,
        sources: text(title, columns.source)
            .map(str::to_owned)
            .into_iter()
            .collect(),
        unit: unit_of(&observations, unit_text.as_deref()),
        observations,
        goal_met: None,
        goal_line: None,
        explanation: None,
        unit_text,
        code: text(title, columns.code).map(str::to_owned),
        bbv,
        table: Some(index),
        location: Location {
            line_start: title.line,
            line_end: last_line,
            page: title.page,
        },
        warnings: Vec::new(),
    }
}

fn year_of(word: &str) -> Option<i32> {
    let word = word
        .trim_end_matches(['*', ':', ')'])
        .trim_start_matches('(');
    is_year_word(word).then(|| word.parse().ok()).flatten()
}

/// A cell's own measurement year, `61% (2019)` → 2019 and `2019`.
fn own_period(raw: &str) -> Option<(i32, &str)> {
    let open = raw.find('(')?;
    let inner = raw[open + 1..].strip_suffix(')')?.trim();
    Some((first_year(inner)?, inner))
}

/// The first year of a period as printed (`2022/2023` → 2022).
fn first_year(period: &str) -> Option<i32> {
    period
        .split(|c: char| !c.is_ascii_digit())
        .find_map(year_of)
}

fn kind_of(head: &str) -> ObservationKind {
    let names = |list: &[&str]| head.split_whitespace().any(|w| is_word_in(w, list));
    if names(TARGETS) {
        ObservationKind::Streefwaarde
    } else if names(BASELINES) {
        ObservationKind::Nulmeting
    } else if names(PLANNED) {
        ObservationKind::Begroting
    } else {
        ObservationKind::Realisatie
    }
}

/// Whose values a column (or a row) holds: the first of its words that
/// names a scope (`Nederland`, `Waarde Nederland`), with the head as printed.
fn scope_of(head: &str) -> (Scope, Option<String>) {
    let scope = head.split_whitespace().find_map(|word| {
        let word = fold(word.trim_end_matches(['*', ':']));
        SCOPE_HEADS
            .iter()
            .find(|(head, _)| *head == word)
            .map(|(_, scope)| match *scope {
                "nederland" => Scope::Nederland,
                "provincie" => Scope::Provincie,
                "regio" => Scope::Regio,
                "groep" => Scope::Groep,
                _ => Scope::Gemeente,
            })
    });
    match scope {
        Some(scope) => (scope, Some(head.to_owned())),
        None => (Scope::Gemeente, None),
    }
}

fn unit_of(observations: &[Observation], unit_text: Option<&str>) -> Unit {
    let raw = |c: char| observations.iter().any(|o| o.raw.contains(c));
    let unit = unit_text.unwrap_or_default().trim_start();
    if raw('%') || unit.starts_with('%') || fold(unit).starts_with("percentage") {
        Unit::Percent
    } else if raw('€') || unit.starts_with('€') {
        Unit::Euro
    } else {
        Unit::Number
    }
}
