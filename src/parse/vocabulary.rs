//! The domain words the grammars share: what a column head of a Dutch
//! municipal table is made of. One list, read by the row-per-line header
//! grammar, the one-cell-per-line grammar and the pipe-row grammar.

use crate::parse::fold::folded_eq;

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

/// Whether `word` is one of `list`, folded (`Realisatie` = `ReaIisatie`).
pub fn is_word_in(word: &str, list: &[&str]) -> bool {
    // The lists are ASCII, and folding keeps an ASCII word's length.
    let ascii = word.is_ascii();
    list.iter()
        .any(|w| !(ascii && w.len() != word.len()) && folded_eq(word, w))
}

/// Whether `word` may stand in a column head: a basis, a measure or a head word.
pub fn is_head_word(word: &str) -> bool {
    is_word_in(word, BASES) || is_word_in(word, COLUMN_WORDS) || is_word_in(word, HEAD_WORDS)
}

/// Whether `word` is a basis (`Begroting`), the part of a head that a year follows.
pub fn is_basis(word: &str) -> bool {
    is_word_in(word, BASES) || is_word_in(word, HEAD_WORDS)
}
