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

// Heads of the text columns of indicator tables (the BBV set and the
// like), by what they hold; compared folded, a trailing `*` or `:` aside.

/// The label column: the indicator's name.
pub const LABEL_HEADS: &[&str] = &[
    "indicator",
    "indicatoren",
    "beleidsindicator",
    "beleidsindicatoren",
    "omschrijving",
];

/// The unit column (`Aantal per 1.000 inwoners`).
pub const UNIT_HEADS: &[&str] = &["eenheid"];

/// The source column (`CBS`).
pub const SOURCE_HEADS: &[&str] = &["bron"];

/// The period column (`2024`, `2022/2023`): what the values are about,
/// never a value.
pub const PERIOD_HEADS: &[&str] = &["periode", "peiljaar", "peildatum", "meetjaar"];

/// Columns of explanation after the values.
pub const NOTE_HEADS: &[&str] = &["beschrijving", "toelichting", "definitie", "opmerking"];

/// Columns of codes before the name (`Nr.`, `Taakveld`).
pub const CODE_HEADS: &[&str] = &["nr.", "nr", "nummer", "code", "taakveld"];

/// Value columns that say whose value it is, and the scope they name.
pub const SCOPE_HEADS: &[(&str, &str)] = &[
    ("gemeente", "gemeente"),
    ("nederland", "nederland"),
    ("landelijk", "nederland"),
    ("provincie", "provincie"),
    ("regio", "regio"),
    ("gemeenten", "groep"),
    ("grootteklasse", "groep"),
    ("benchmark", "groep"),
    ("referentie", "groep"),
];

/// Words that set a value beside a reference inside one cell (`4,1 tov
/// 3,6 landelijk`: ten opzichte van, versus).
pub const COMPARISON_WORDS: &[&str] = &["tov", "t.o.v.", "vs", "vs.", "versus"];

/// Value columns of an indicator table that name no scope (`Waarde`).
pub const VALUE_HEADS: &[&str] = &["waarde", "score", "resultaat"];

/// Words that open an indicator's unit (`Aantal per 1.000 inwoners`,
/// `% 12-21 jarigen`, `Kosten per inwoner`): where a name printed before
/// its unit, in one run of words, ends.
pub const UNIT_WORDS: &[&str] = &[
    "aantal",
    "%",
    "percentage",
    "fte",
    "kosten",
    "index",
    "per",
    "€",
    "euro",
    "score",
    "ton",
    "kg",
    "kwh",
    "km",
    "uren",
    "dagen",
    "rapportcijfer",
    "cijfer",
];

/// Words that name the indicator set every municipality must print.
pub const BBV_WORDS: &[&str] = &[
    "beleidsindicator",
    "bbv",
    "besluit begroting en verantwoording",
    "basisset",
    "verplichte indicatoren",
    "waarstaatjegemeente",
];
