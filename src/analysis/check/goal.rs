//! `goal`: `Doel gehaald` against the numbers, where the title states the
//! direction (`Toename …`, `Afname …`) and the begroting and realisatie of
//! the year are both printed.
//!
//! The year is the report's own year; when that year lacks either value,
//! the latest year with both. Reaching the begroting exactly counts as met.

use super::{Finding, FindingKind, line_source, observation_source, quoted};
use crate::analysis::key::{Direction, direction};
use crate::model::{DocumentRecord, Indicator, Observation, ObservationKind};

/// One finding per contradicted `Doel gehaald`.
pub fn findings(records: &[DocumentRecord]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for record in records {
        for indicator in &record.indicators {
            findings.extend(finding(record, indicator));
        }
    }
    findings
}

fn finding(record: &DocumentRecord, indicator: &Indicator) -> Option<Finding> {
    let said = indicator.goal_met?;
    let direction = direction(&indicator.title)?;
    let (begroting, realisatie) = pair(indicator, record.document.year)?;
    let (b, r) = (begroting.value?.value, realisatie.value?.value);
    let met = match direction {
        Direction::Up => r >= b,
        Direction::Down => r <= b,
    };
    if met == said {
        return None;
    }
    let (wanted, relation) = match (direction, met) {
        (Direction::Up, true) => ("a toename", "at or above"),
        (Direction::Up, false) => ("a toename", "below"),
        (Direction::Down, true) => ("an afname", "at or below"),
        (Direction::Down, false) => ("an afname", "above"),
    };
    let message = format!(
        "{} says \"Doel gehaald: {}\", but the realisatie {} ({}) is {relation} the \
         begroting {} ({}), and the title asks for {wanted}",
        quoted(&indicator.title),
        if said { "Ja" } else { "Nee" },
        realisatie.year,
        realisatie.raw,
        begroting.year,
        begroting.raw,
    );
    let mut sources: Vec<_> = indicator
        .goal_line
        .iter()
        .map(|line| line_source(record, line))
        .collect();
    sources.push(observation_source(record, begroting));
    sources.push(observation_source(record, realisatie));
    Some(Finding {
        kind: FindingKind::Goal,
        message,
        sources,
    })
}

/// The begroting and realisatie of the report's year, or of the latest year
/// with both printed.
fn pair(indicator: &Indicator, year: Option<i32>) -> Option<(&Observation, &Observation)> {
    let printed = |kind: ObservationKind, year: i32| {
        indicator
            .observations
            .iter()
            .find(|o| o.kind == kind && o.year == year && o.value.is_some())
    };
    let both = |year: i32| {
        Some((
            printed(ObservationKind::Begroting, year)?,
            printed(ObservationKind::Realisatie, year)?,
        ))
    };
    if let Some(found) = year.and_then(both) {
        return Some(found);
    }
    let mut years: Vec<i32> = indicator.observations.iter().map(|o| o.year).collect();
    years.sort_unstable();
    years.dedup();
    years.into_iter().rev().find_map(both)
}
