//! The grammars' questions about the domain words of
//! [`crate::clean::vocabulary`]: is a word a column head, a basis? Words
//! are compared through the OCR fold (`ReaIisatie` is `Realisatie`).

pub use crate::clean::vocabulary::{BASES, COLUMN_WORDS, HEAD_WORDS};
use crate::parse::fold::folded_eq;

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
