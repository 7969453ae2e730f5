//! The Dutch number grammar against a reference: Rust's own float parser on
//! the same number written the plain way.

use kengetal::normalise::number::{CellValue, cell_value};
use kengetal::parse::cell::{cell, pieces};
use proptest::prelude::*;

/// `1234567` → `1.234.567`.
fn dutch_grouping(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn dutch_numbers_read_as_the_reference(
        integer in 0u64..1_000_000_000_000,
        fraction in proptest::option::of("[0-9]{1,4}"),
        negative in any::<bool>(),
        grouped in any::<bool>(),
        mark in prop_oneof![Just(""), Just("%"), Just(" %"), Just(" €")],
    ) {
        let digits = integer.to_string();
        let integer_text = if grouped { dutch_grouping(&digits) } else { digits.clone() };
        let sign = if negative { "-" } else { "" };
        let printed = match &fraction {
            Some(f) => format!("{sign}{integer_text},{f}{mark}"),
            None => format!("{sign}{integer_text}{mark}"),
        };
        let plain = match &fraction {
            Some(f) => format!("{sign}{digits}.{f}"),
            None => format!("{sign}{digits}"),
        };
        let reference: f64 = plain.parse().unwrap();
        let (rest, lex) = cell(&printed).expect("a Dutch number is a cell");
        prop_assert_eq!(rest, "");
        match cell_value(&lex) {
            CellValue::Value(n) => {
                prop_assert_eq!(n.value, reference, "{}", printed);
                prop_assert_eq!(n.decimals as usize, fraction.map_or(0, |f| f.len()));
            }
            other => prop_assert!(false, "{printed} read as {other:?}"),
        }
    }

    #[test]
    fn euro_in_front_reads_the_same(integer in 0u64..10_000_000) {
        let printed = format!("€ {}", dutch_grouping(&integer.to_string()));
        match cell_value(&cell(&printed).unwrap().1) {
            CellValue::Value(n) => prop_assert_eq!(n.value, integer as f64),
            other => prop_assert!(false, "{printed} read as {other:?}"),
        }
    }

    #[test]
    fn pieces_are_the_line_itself(line in "\\PC{0,80}") {
        for piece in pieces(&line) {
            prop_assert_eq!(&line[piece.start..piece.end()], piece.text);
            prop_assert!(!piece.text.is_empty());
        }
    }

    #[test]
    fn misplaced_thousands_dots_are_never_read_as_numbers(a in 1u32..1000, b in 0u32..100) {
        // `1.30` and `12.5` are not Dutch numbers: no guess, no value.
        let printed = format!("{a}.{b:02}");
        prop_assert!(cell(&printed).is_err());
    }
}
