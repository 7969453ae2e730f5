//! Dutch numbers: `1.300` → 1300, `9,0` → 9.0, `-92.186` → -92186.
//!
//! Invariant: the value is the printed number exactly as far as an f64 can
//! hold it (the digits are handed to Rust's correctly rounded parser; no
//! arithmetic is done on them), and its decimals are the printed ones.

use crate::diagnostic::Warning;
use crate::model::{Number, Unit};
use crate::parse::cell::{CellLex, NumberLex};

/// The value of a printed number; `None` when it is too large for an f64.
pub fn number(lex: &NumberLex<'_>) -> Option<Number> {
    let mut plain = String::with_capacity(lex.integer.len() + 8);
    if lex.negative {
        plain.push('-');
    }
    plain.extend(lex.integer.chars().filter(|&c| c != '.'));
    if let Some(fraction) = lex.fraction {
        plain.push('.');
        plain.push_str(fraction);
    }
    let value: f64 = plain.parse().ok()?;
    value.is_finite().then(|| Number {
        value,
        decimals: lex
            .fraction
            .map_or(0, |f| f.len().min(u8::MAX as usize) as u8),
    })
}

/// What a cell holds once read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellValue {
    /// A number.
    Value(Number),
    /// Nothing printed on purpose: `-`, `pm`, `n.v.t.`.
    Empty,
    /// Printed, but no number as printed (or too large to hold).
    Unreadable,
}

/// Reads a cell.
pub fn cell_value(cell: &CellLex<'_>) -> CellValue {
    match cell {
        CellLex::Number(lex) => number(lex).map_or(CellValue::Unreadable, CellValue::Value),
        CellLex::Dash | CellLex::NoValue => CellValue::Empty,
        CellLex::Unreadable => CellValue::Unreadable,
    }
}

/// The value of a printed cell; an unreadable one is `None` and leaves a
/// `number-unreadable` warning that quotes it with `place` (its row and column).
pub fn read_value(
    cell: &CellLex<'_>,
    raw: &str,
    line: usize,
    place: impl FnOnce() -> String,
    warnings: &mut Vec<Warning>,
) -> Option<Number> {
    match cell_value(cell) {
        CellValue::Value(number) => Some(number),
        CellValue::Empty => None,
        CellValue::Unreadable => {
            warnings.push(Warning::at(
                "number-unreadable",
                line,
                format!(
                    "\"{raw}\" ({}) is no number as printed; kept as raw text without a value",
                    place()
                ),
            ));
            None
        }
    }
}

/// The unit a cell's marks state, if any.
pub fn cell_unit(cell: &CellLex<'_>) -> Option<Unit> {
    match cell {
        CellLex::Number(lex) if lex.percent => Some(Unit::Percent),
        CellLex::Number(lex) if lex.euro => Some(Unit::Euro),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cell::cell;

    fn read(text: &str) -> CellValue {
        cell_value(&cell(text).unwrap().1)
    }

    fn value(text: &str) -> (f64, u8) {
        match read(text) {
            CellValue::Value(n) => (n.value, n.decimals),
            other => panic!("{text} read as {other:?}"),
        }
    }

    #[test]
    fn every_printed_form() {
        assert_eq!(value("1.300"), (1300.0, 0));
        assert_eq!(value("9,0"), (9.0, 1));
        assert_eq!(value("46,0%"), (46.0, 1));
        assert_eq!(value("48,9 %"), (48.9, 1));
        assert_eq!(value("80 %"), (80.0, 0));
        assert_eq!(value("€ 3.348"), (3348.0, 0));
        assert_eq!(value("3.348 €"), (3348.0, 0));
        assert_eq!(value("-92.186"), (-92186.0, 0));
        assert_eq!(value("2,60"), (2.6, 2));
        assert_eq!(value("€15.481.766"), (15481766.0, 0));
        assert_eq!(value("13888,94%"), (13888.94, 2));
        assert_eq!(value("0"), (0.0, 0));
    }

    #[test]
    fn dashes_and_pm_are_empty() {
        assert_eq!(read("-"), CellValue::Empty);
        assert_eq!(read("pm"), CellValue::Empty);
        assert_eq!(read("n.v.t."), CellValue::Empty);
    }

    #[test]
    fn units_from_marks() {
        assert_eq!(cell_unit(&cell("46,0%").unwrap().1), Some(Unit::Percent));
        assert_eq!(cell_unit(&cell("€ 3.348").unwrap().1), Some(Unit::Euro));
        assert_eq!(cell_unit(&cell("1.300").unwrap().1), None);
    }

    #[test]
    fn a_number_too_large_for_f64_is_unreadable() {
        let huge = "9".repeat(400);
        assert_eq!(read(&huge), CellValue::Unreadable);
    }
}
