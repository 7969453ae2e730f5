//! The domain vocabulary of Dutch municipal reports, one list per concept,
//! read by the grammars (parse), the table checks (normalise) and the
//! analysis alike. The column-head words are as printed (the grammars
//! compare them through the OCR fold); the rest are folded.

use std::ops::RangeInclusive;

/// The years a report's figures and periods can be about; a four-digit
/// number in this range is a year, never a value.
pub const YEARS: RangeInclusive<i32> = 1900..=2100;

/// Bases of a column: what kind of figure it holds (`Rekening 2024`).
pub const BASES: &[&str] = &[
    "Begroting",
    "Rekening",
    "Jaarrekening",
    "Realisatie",
    "Raming",
    "Prognose",
    "Werkelijk",
    "Meerjarenraming",
];

/// Measures a column splits into (`Lasten`, `Baten`, `Saldo`).
pub const COLUMN_WORDS: &[&str] = &[
    "Lasten",
    "Baten",
    "Saldo",
    "Toevoegingen",
    "Onttrekkingen",
    "Mutaties",
    "Uitgaven",
    "Inkomsten",
    "Totaal",
    "Verschil",
];

/// Words that qualify a basis or stand as a column head of their own
/// (`Primitieve begroting`, `Begroting na wijziging`, `Afwijking`).
pub const HEAD_WORDS: &[&str] = &[
    "Primitieve",
    "Actuele",
    "Bijgestelde",
    "Gewijzigde",
    "Oorspronkelijke",
    "na",
    "wijziging",
    "wijzigingen",
    "incl.",
    "excl.",
    "Afwijking",
    "Begroot",
    "Gerealiseerd",
    "Budget",
    "Resultaat",
    "Mutatie",
    "Streefwaarde",
    "Doelwaarde",
    "Nulmeting",
];

// The lists below are folded (lower case, no marks): the checks and the
// analysis compare folded labels with them.

/// Bases of a column that hold realised figures (`Rekening 2024`).
pub const REALISED_BASES: &[&str] = &["rekening", "jaarrekening", "realisatie"];

/// Words that mark a table's figures as realised wherever they are printed
/// in its title or header (`Gerealiseerd saldo`).
pub const REALISED_WORDS: &[&str] = &["rekening", "realisatie", "gerealiseerd"];

/// Words that open the label of a total row (`Totaal lasten`, `Saldo`).
pub const TOTAL_WORDS: &[&str] = &["saldo", "totaal", "totalen", "total", "subtotaal"];

/// The amounts a programme's tables report, as label or column prefixes.
pub const AMOUNT_MEASURES: &[&str] = &[
    "lasten",
    "baten",
    "saldo",
    "toevoegingen",
    "onttrekkingen",
    "mutaties reserves",
    "gerealiseerd saldo",
];
