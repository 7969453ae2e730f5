//! The arithmetic a table implies, computed and recorded.
//!
//! - relations named by the rows, per column:
//!   `Gerealiseerd saldo` = `Lasten` + `Baten`;
//!   `Mutaties reserves` = `Toevoegingen` + `Onttrekkingen`;
//!   `Saldo` = `Gerealiseerd saldo` + `Mutaties reserves` (`relation`);
//! - every other total row (`Saldo`, `Totaal`, `TOTAAL PROGRAMMA`) = the sum
//!   of the rows of its section: those since the previous total or section
//!   heading (`row-sum`); totals that follow each other sum the totals;
//! - a last column named `Saldo` or `Totaal` = the sum of the other columns,
//!   per row (`column-sum`), unless another column has its name (a `Saldo`
//!   per year is no total of the other years).
//!
//! Lasten printed as positive amounts are recognised, in a Saldo row or a
//! Saldo column: when the plain sum fails and `Baten − Lasten` holds, that is
//! the check recorded; a Saldo row under positive Lasten and Baten may also
//! be their net cost, `Lasten − Baten`.
//!
//! Empty cells, `-` and `pm` count as 0, so a printed total over a column
//! with nothing else printed is checked against 0. A difference of at most one unit
//! of the last printed digit per summand is rounding: the check is ok and
//! says so. A larger one is a `sum-mismatch` warning naming row, column and
//! both numbers. Percentages are not added up.
//!
//! Invariant: checks never change a value.

use crate::clean::fold::fold;
use crate::clean::vocabulary::TOTAL_WORDS;
use crate::diagnostic::Warning;
use crate::model::{CellRef, Check, Number, Row, RowRole, Unit, dutch};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Checks and the warnings for those that fail.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every check made.
    pub checks: Vec<Check>,
    /// One `sum-mismatch` per failed check.
    pub warnings: Vec<Warning>,
}

fn folded(label: &str) -> String {
    let trimmed = label.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    fold(trimmed.trim())
}

/// Whether a row label names a total.
pub fn is_total_label(label: &str) -> bool {
    let label = folded(label);
    let first = label.split_whitespace().next().unwrap_or_default();
    // `Totaal`, `Totaallasten`, `Saldo:`; `Total` only as a word of its own.
    TOTAL_WORDS.iter().any(|&word| {
        if word == "total" {
            first == word
        } else {
            first.starts_with(word)
        }
    })
}

fn find(rows: &[Row], test: impl Fn(&str) -> bool) -> Option<usize> {
    rows.iter().position(|r| test(&folded(&r.label)))
}

/// One term of a sum: its sign, its value and where it is printed.
struct Summand {
    sign: Decimal,
    value: Option<Number>,
    cell: CellRef,
}

fn summand(rows: &[Row], row: usize, column: usize, sign: Decimal) -> Summand {
    Summand {
        sign,
        value: cell(&rows[row], column),
        cell: CellRef { row, column },
    }
}

/// One sum to verify: `expected` (printed) against `summands`.
struct Sum<'r> {
    kind: &'static str,
    description: String,
    expected: Number,
    total: CellRef,
    summands: Vec<Summand>,
    line: Option<usize>,
    row: &'r str,
    column: &'r str,
    against: &'static str,
}

impl Sum<'_> {
    fn decimals(&self) -> u8 {
        self.summands
            .iter()
            .filter_map(|s| s.value.map(|n| n.decimals))
            .chain([self.expected.decimals])
            .max()
            .unwrap_or(0)
    }

    /// The sum of the printed summands, exact.
    fn actual(&self) -> Decimal {
        self.summands
            .iter()
            .filter_map(|s| Some(s.sign * exact(s.value?)?))
            .sum()
    }

    /// One unit of the last printed decimal per printed summand: what
    /// rounding each summand may have cost.
    fn tolerance(&self) -> Decimal {
        let printed = self
            .summands
            .iter()
            .filter(|s| s.value.is_some())
            .count()
            .max(1);
        Decimal::from(printed) * Decimal::new(1, u32::from(self.decimals()))
    }

    /// Whether the printed total is the sum, within rounding; a total too
    /// large for an exact decimal holds nothing.
    fn holds(&self) -> bool {
        exact(self.expected).is_some_and(|e| (e - self.actual()).abs() <= self.tolerance())
    }
}

/// A printed number as an exact decimal ([`Number::exact`]).
fn exact(number: Number) -> Option<Decimal> {
    number.exact()
}

fn record(sum: Sum<'_>, outcome: &mut Outcome) {
    let decimals = sum.decimals();
    let Some(expected) = exact(sum.expected) else {
        return; // too large for an exact sum: no check rather than a wrong one
    };
    let actual = sum.actual();
    let difference = (expected - actual).abs();
    let ok = sum.holds();
    let shown = |d: Decimal| dutch(d.to_f64().unwrap_or(f64::NAN), decimals);
    let actual = actual.to_f64().unwrap_or(f64::NAN);
    let mut description = sum.description.clone();
    if ok && !difference.is_zero() {
        description.push_str(&format!(
            "; off by {}, within rounding (one unit per summand)",
            shown(difference)
        ));
    }
    if !ok {
        outcome.warnings.push(Warning {
            line: sum.line,
            ..Warning::document(
                "sum-mismatch",
                format!(
                    "row \"{}\", column \"{}\": printed {}, but {} gives {} (a difference of {})",
                    sum.row,
                    sum.column,
                    dutch(sum.expected.value, decimals),
                    sum.against,
                    dutch(actual, decimals),
                    shown(difference)
                ),
            )
        });
    }
    outcome.checks.push(Check {
        kind: sum.kind.to_owned(),
        description,
        expected: sum.expected,
        actual: Number {
            value: actual,
            decimals,
        },
        ok,
        total: Some(sum.total),
        summands: sum.summands.iter().map(|s| s.cell).collect(),
    });
}

/// Every check a table implies; see the module docs.
pub fn check(columns: &[String], rows: &[Row], unit: Unit) -> Outcome {
    let mut outcome = Outcome::default();
    if unit == Unit::Percent {
        return outcome;
    }
    let handled = relations(columns, rows, &mut outcome);
    row_sums(columns, rows, &handled, &mut outcome);
    column_sums(columns, rows, &mut outcome);
    outcome
}

/// A cell's value as the arithmetic counts it. A `N` letter (nadelig)
/// printed with it counts it below zero and a `V` (voordelig) above, the
/// same for every term and the total, so a sum holds whichever way the
/// report reads its letters (`90 V` + `290 N` + `130 V` = `70 N`). The
/// printed value is never changed.
fn cell(row: &Row, column: usize) -> Option<Number> {
    let value = row.values.get(column).copied().flatten()?;
    let raw = row.raw.get(column).map_or("", String::as_str);
    let nadelig = raw.split_whitespace().any(|word| word == "N");
    Some(if nadelig {
        Number {
            value: -value.value,
            ..value
        }
    } else {
        value
    })
}

/// Named relations; returns the rows they verified.
fn relations(columns: &[String], rows: &[Row], outcome: &mut Outcome) -> Vec<usize> {
    let lasten = find(rows, |l| l == "lasten");
    let baten = find(rows, |l| l == "baten");
    let gerealiseerd = find(rows, |l| l.starts_with("gerealiseerd saldo"));
    let toevoegingen = find(rows, |l| l.starts_with("toevoeging"));
    let onttrekkingen = find(rows, |l| l.starts_with("onttrekking"));
    let mutaties = find(rows, |l| l.starts_with("mutaties"));
    let saldo = rows
        .iter()
        .rposition(|r| r.role == RowRole::Total && folded(&r.label).starts_with("saldo"));
    let mut relations: Vec<(usize, Vec<usize>)> = Vec::new();
    if let (Some(g), Some(l), Some(b)) = (gerealiseerd, lasten, baten) {
        relations.push((g, vec![l, b]));
    }
    if let (Some(m), Some(t), Some(o)) = (mutaties, toevoegingen, onttrekkingen) {
        relations.push((m, vec![t, o]));
    }
    if let (Some(s), Some(g), Some(m)) = (saldo, gerealiseerd, mutaties) {
        relations.push((s, vec![g, m]));
    }
    for (target, parts) in &relations {
        let names: Vec<String> = parts
            .iter()
            .map(|&p| format!("\"{}\"", rows[p].label))
            .collect();
        for (column, name) in columns.iter().enumerate() {
            let Some(expected) = cell(&rows[*target], column) else {
                continue;
            };
            if parts.iter().all(|&p| cell(&rows[p], column).is_none()) {
                continue;
            }
            record(
                Sum {
                    kind: "relation",
                    description: format!(
                        "\"{}\" = {}, column \"{name}\"",
                        rows[*target].label,
                        names.join(" + ")
                    ),
                    expected,
                    total: CellRef {
                        row: *target,
                        column,
                    },
                    summands: parts
                        .iter()
                        .map(|&p| summand(rows, p, column, Decimal::ONE))
                        .collect(),
                    line: rows[*target].cell_lines.get(column).copied().flatten(),
                    row: &rows[*target].label,
                    column: name,
                    against: "the sum of its parts",
                },
                outcome,
            );
        }
    }
    relations.into_iter().map(|(target, _)| target).collect()
}

/// The rows a total sums: its section, or the totals right before it.
fn section(rows: &[Row], total: usize) -> Vec<usize> {
    let mut scope = Vec::new();
    for index in (0..total).rev() {
        let row = &rows[index];
        let heads_subs = rows
            .get(index + 1)
            .is_some_and(|next| next.role == RowRole::Sub);
        match row.role {
            RowRole::Total => break,
            RowRole::Parent if !heads_subs => break,
            RowRole::Parent => {}
            RowRole::Item | RowRole::Sub => scope.push(index),
        }
    }
    if scope.is_empty() {
        scope = (0..total)
            .filter(|&i| rows[i].role == RowRole::Total)
            .collect();
    }
    scope.reverse();
    scope
}

fn row_sums(columns: &[String], rows: &[Row], handled: &[usize], outcome: &mut Outcome) {
    for (total, row) in rows.iter().enumerate() {
        if row.role != RowRole::Total || handled.contains(&total) {
            continue;
        }
        let scope = section(rows, total);
        if scope.is_empty() {
            continue;
        }
        let names: Vec<String> = scope.iter().map(|&i| folded(&rows[i].label)).collect();
        let lasten_baten = names.len() == 2
            && names.iter().any(|n| n == "lasten")
            && names.iter().any(|n| n == "baten");
        for (column, name) in columns.iter().enumerate() {
            let Some(expected) = cell(row, column) else {
                continue;
            };
            // `subtracted`: Lasten and Baten printed as positive amounts, the
            // saldo their difference: a surplus (Baten − Lasten) or a net
            // cost (Lasten − Baten).
            let sum = |subtracted: Option<&str>| Sum {
                kind: "row-sum",
                description: if let Some(subtracted) = subtracted {
                    let (minuend, subtrahend) = if subtracted == "lasten" {
                        ("Baten", "Lasten")
                    } else {
                        ("Lasten", "Baten")
                    };
                    format!(
                        "\"{}\" = {minuend} − {subtrahend}, column \"{name}\"",
                        row.label
                    )
                } else {
                    format!(
                        "\"{}\" = the sum of the {} row(s) above it, column \"{name}\"",
                        row.label,
                        scope.len()
                    )
                },
                expected,
                total: CellRef { row: total, column },
                summands: scope
                    .iter()
                    .map(|&i| {
                        let negate = subtracted == Some(folded(&rows[i].label).as_str());
                        summand(
                            rows,
                            i,
                            column,
                            if negate {
                                Decimal::NEGATIVE_ONE
                            } else {
                                Decimal::ONE
                            },
                        )
                    })
                    .collect(),
                line: row.cell_lines.get(column).copied().flatten(),
                row: &row.label,
                column: name,
                against: "the rows above",
            };
            let plain = sum(None);
            let difference = ["lasten", "baten"]
                .into_iter()
                .map(|subtracted| sum(Some(subtracted)))
                .find(Sum::holds);
            let chosen = match difference {
                Some(difference) if !plain.holds() && lasten_baten => difference,
                _ => plain,
            };
            record(chosen, outcome);
        }
    }
}

fn column_sums(columns: &[String], rows: &[Row], outcome: &mut Outcome) {
    let Some(last) = columns.len().checked_sub(1) else {
        return;
    };
    if columns.len() < 3 || !is_total_label(&columns[last]) {
        return;
    }
    // Every column a `Saldo` (one per year): the last is no total of the others.
    if columns[..last]
        .iter()
        .any(|c| folded(c) == folded(&columns[last]))
    {
        return;
    }
    let lasten = columns[..last].iter().position(|c| folded(c) == "lasten");
    for (index, row) in rows.iter().enumerate() {
        let Some(expected) = cell(row, last) else {
            continue;
        };
        if (0..last).all(|c| cell(row, c).is_none()) {
            continue;
        }
        // `subtract_lasten`: Lasten printed as a positive amount.
        let sum = |subtract_lasten: bool| Sum {
            kind: "column-sum",
            description: if subtract_lasten {
                format!(
                    "column \"{}\" = Baten − Lasten, row \"{}\"",
                    columns[last], row.label
                )
            } else {
                format!(
                    "column \"{}\" = the sum of the other columns, row \"{}\"",
                    columns[last], row.label
                )
            },
            expected,
            total: CellRef {
                row: index,
                column: last,
            },
            summands: (0..last)
                .map(|c| {
                    let negate = subtract_lasten && Some(c) == lasten;
                    summand(
                        rows,
                        index,
                        c,
                        if negate {
                            Decimal::NEGATIVE_ONE
                        } else {
                            Decimal::ONE
                        },
                    )
                })
                .collect(),
            line: row.cell_lines.get(last).copied().flatten(),
            row: &row.label,
            column: &columns[last],
            against: "the other columns",
        };
        let plain = sum(false);
        let chosen = if !plain.holds() && lasten.is_some() && sum(true).holds() {
            sum(true)
        } else {
            plain
        };
        record(chosen, outcome);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(value: f64) -> Option<Number> {
        Some(Number { value, decimals: 0 })
    }

    fn row(label: &str, role: RowRole, values: &[Option<Number>]) -> Row {
        Row {
            label: label.to_owned(),
            values: values.to_vec(),
            raw: Vec::new(),
            role,
            line: 1,
            cell_lines: vec![Some(1); values.len()],
            page: None,
            cell_pages: vec![None; values.len()],
            texts: Vec::new(),
            text_lines: Vec::new(),
        }
    }

    #[test]
    fn a_total_row_sums_the_rows_above() {
        let rows = [
            row("A", RowRole::Item, &[n(250.0)]),
            row("B", RowRole::Item, &[n(-250.0)]),
            row("C", RowRole::Item, &[None]),
            row("Saldo", RowRole::Total, &[n(0.0)]),
        ];
        let outcome = check(&["2023".to_owned()], &rows, Unit::Euro);
        assert_eq!(outcome.checks.len(), 1);
        assert!(outcome.checks[0].ok);
        assert!(outcome.warnings.is_empty());
    }

    #[test]
    fn sums_are_exact_decimals_not_floats() {
        // 999.999.999.999,99 + 0,01 is 1.000.000.000.000,00: printed
        // ,02 is off by exactly the rounding of two summands and holds; in
        // f64 the difference reads 0,02001953125 and would fail.
        let cents = |value: f64| Some(Number { value, decimals: 2 });
        let rows = [
            row("a", RowRole::Item, &[cents(999_999_999_999.99)]),
            row("b", RowRole::Item, &[cents(0.01)]),
            row("Totaal", RowRole::Total, &[cents(1_000_000_000_000.02)]),
        ];
        let outcome = check(&["Lasten".to_owned()], &rows, Unit::Euro);
        assert!(outcome.checks[0].ok, "{:?}", outcome.checks[0]);
        let rows = [
            row("a", RowRole::Item, &[cents(999_999_999_999.99)]),
            row("b", RowRole::Item, &[cents(0.01)]),
            row("Totaal", RowRole::Total, &[cents(1_000_000_000_000.03)]),
        ];
        let outcome = check(&["Lasten".to_owned()], &rows, Unit::Euro);
        assert!(!outcome.checks[0].ok, "one cent beyond rounding fails");
    }

    #[test]
    fn rounding_is_one_unit_per_summand() {
        let rows = [
            row("a", RowRole::Item, &[n(-92186.0)]),
            row("b", RowRole::Item, &[n(-54607.0)]),
            row("c", RowRole::Item, &[n(-9937.0)]),
            row("TOTAAL PROGRAMMA", RowRole::Total, &[n(-156729.0)]),
        ];
        let outcome = check(&["Lasten".to_owned()], &rows, Unit::Euro);
        assert!(outcome.checks[0].ok);
        assert!(
            outcome.checks[0]
                .description
                .contains("off by 1, within rounding")
        );
    }

    #[test]
    fn a_larger_difference_is_a_mismatch_naming_row_column_and_numbers() {
        let rows = [
            row("a", RowRole::Item, &[n(100.0)]),
            row("b", RowRole::Item, &[n(200.0)]),
            row("Totaal", RowRole::Total, &[n(1300.0)]),
        ];
        let outcome = check(&["2024".to_owned()], &rows, Unit::Number);
        assert!(!outcome.checks[0].ok);
        let message = &outcome.warnings[0].message;
        assert_eq!(outcome.warnings[0].code, "sum-mismatch");
        assert!(
            message.contains("\"Totaal\"") && message.contains("\"2024\""),
            "{message}"
        );
        assert!(
            message.contains("printed 1.300") && message.contains("gives 300"),
            "{message}"
        );
    }

    #[test]
    fn named_relations_of_a_financial_summary() {
        let columns = ["Jaarrekening 2024".to_owned()];
        let rows = [
            row("Lasten", RowRole::Item, &[n(-156729.0)]),
            row("Baten", RowRole::Item, &[n(19970.0)]),
            row(
                "Gerealiseerd saldo van baten en lasten",
                RowRole::Item,
                &[n(-136759.0)],
            ),
            row("Toevoegingen", RowRole::Item, &[n(0.0)]),
            row("Onttrekkingen", RowRole::Item, &[n(886.0)]),
            row("Mutaties reserves", RowRole::Item, &[n(886.0)]),
            row("Saldo", RowRole::Total, &[n(-135874.0)]),
        ];
        let outcome = check(&columns, &rows, Unit::Euro);
        let kinds: Vec<&str> = outcome.checks.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(kinds, ["relation", "relation", "relation"]);
        assert!(outcome.checks.iter().all(|c| c.ok), "{:?}", outcome.checks);
    }

    #[test]
    fn positive_lasten_are_subtracted() {
        let rows = [
            row("Lasten", RowRole::Item, &[n(1000.0)]),
            row("Baten", RowRole::Item, &[n(300.0)]),
            row("Saldo", RowRole::Total, &[n(-700.0)]),
        ];
        let outcome = check(&["2024".to_owned()], &rows, Unit::Euro);
        assert!(outcome.checks[0].ok);
        assert!(outcome.checks[0].description.contains("Baten − Lasten"));
    }

    #[test]
    fn positive_baten_may_be_subtracted_from_lasten() {
        // A net cost: Saldo = Lasten − Baten, both printed positive.
        let rows = [
            row("Lasten", RowRole::Item, &[n(4210.0)]),
            row("Baten", RowRole::Item, &[n(4870.0)]),
            row("Saldo", RowRole::Total, &[n(-660.0)]),
        ];
        let outcome = check(&["2021".to_owned()], &rows, Unit::Euro);
        assert!(outcome.checks[0].ok, "{:?}", outcome.checks);
        assert!(outcome.checks[0].description.contains("Lasten − Baten"));
        assert!(outcome.warnings.is_empty());
        // Neither sign convention: a mismatch, reported as the plain sum.
        let wrong = [
            row("Lasten", RowRole::Item, &[n(4210.0)]),
            row("Baten", RowRole::Item, &[n(4870.0)]),
            row("Saldo", RowRole::Total, &[n(-600.0)]),
        ];
        let outcome = check(&["2021".to_owned()], &wrong, Unit::Euro);
        assert!(!outcome.checks[0].ok);
        assert!(outcome.checks[0].description.contains("the sum of"));
    }

    #[test]
    fn a_saldo_per_year_is_no_total_of_the_other_years() {
        let columns: Vec<String> = ["Saldo", "Saldo", "Saldo"].map(String::from).into();
        let rows = [row(
            "Programma 1",
            RowRole::Item,
            &[n(-24310.0), n(-25120.0), n(-24880.0)],
        )];
        let outcome = check(&columns, &rows, Unit::Euro);
        assert!(outcome.checks.is_empty(), "{:?}", outcome.checks);
    }

    #[test]
    fn a_saldo_column_sums_the_other_columns() {
        let columns: Vec<String> = ["Lasten", "Baten", "Saldo"].map(String::from).into();
        let rows = [row(
            "jeugd",
            RowRole::Item,
            &[n(-92186.0), n(931.0), n(-91255.0)],
        )];
        let outcome = check(&columns, &rows, Unit::Euro);
        assert_eq!(outcome.checks[0].kind, "column-sum");
        assert!(outcome.checks[0].ok);
    }

    #[test]
    fn sections_and_sub_rows() {
        let rows = [
            row("1. Opvang", RowRole::Item, &[None]),
            row("2. Crisisorganisatie", RowRole::Parent, &[None]),
            row("- Regie", RowRole::Sub, &[n(77.0)]),
            row("- Team", RowRole::Sub, &[n(446.0)]),
            row("Saldo", RowRole::Total, &[n(523.0)]),
        ];
        let outcome = check(&["2026".to_owned()], &rows, Unit::Euro);
        assert!(outcome.checks[0].ok, "{:?}", outcome.checks);
        assert!(outcome.checks[0].description.contains("3 row(s)"));
    }

    #[test]
    fn sign_letters_give_the_sign_of_a_term() {
        let letter = |label: &str, value: f64, raw: &str| {
            let mut row = row(label, RowRole::Item, &[n(value)]);
            row.raw = vec![raw.to_owned()];
            row
        };
        let mut rows = vec![
            letter("Veiligheid", 90.0, "90 V"),
            letter("Verkeer", 290.0, "290 N"),
            letter("Economie", 130.0, "130 V"),
            letter("Totaal", 70.0, "70 N"),
        ];
        rows[3].role = RowRole::Total;
        let outcome = check(&["Verschil".to_owned()], &rows, Unit::Number);
        assert_eq!(outcome.checks.len(), 1);
        assert!(outcome.checks[0].ok, "{:?}", outcome.checks[0]);
        assert_eq!(rows[1].values[0].unwrap().value, 290.0, "never flipped");
        // Read without the letters, the same numbers would not add up.
        rows[3].raw[0] = "70 V".to_owned();
        assert!(!check(&["Verschil".to_owned()], &rows, Unit::Number).checks[0].ok);
    }

    #[test]
    fn percentages_are_not_added() {
        let rows = [
            row("a", RowRole::Item, &[n(25.0)]),
            row("Saldo", RowRole::Total, &[n(99.0)]),
        ];
        assert!(
            check(&["x".to_owned()], &rows, Unit::Percent)
                .checks
                .is_empty()
        );
    }
}
