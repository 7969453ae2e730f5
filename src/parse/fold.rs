//! Keywords that survive OCR: `ToeIichting`, `Reaiisatie`, `DOEL GEHAALD`
//! and `Financién` all match their keyword.
//!
//! Matching folds case and diacritics (the shared fold of
//! [`crate::clean::fold`]) and the letters OCR confuses
//! (`i`/`l`/`I`/`1`/`|` → `l`, `o`/`0` → `o`). A space inside a keyword matches
//! any run of spaces, or none (`Doelgehaald`).

use crate::clean::fold;
use nom::error::{Error, ErrorKind};
use nom::{Err, IResult};

/// The folded form of one character: the shared fold (lower case, no
/// marks, [`crate::clean::fold`]), then the letters OCR confuses made one.
pub fn fold_char(c: char) -> char {
    match fold::fold_char(c) {
        'i' | 'l' | '1' | '|' | '!' => 'l',
        '0' => 'o',
        folded => folded,
    }
}

/// Matches `word` at the start of the input, folded (see the module docs).
/// Does not check what follows; see [`keyword`] for a whole word.
pub fn fuzzy_tag(word: &'static str) -> impl Fn(&str) -> IResult<&str, &str> {
    move |input: &str| {
        let mut rest = input;
        for expected in word.chars() {
            if expected == ' ' {
                rest = rest.trim_start_matches(' ');
                continue;
            }
            let mut chars = rest.chars();
            match chars.next() {
                Some(c) if fold_char(c) == fold_char(expected) => rest = chars.as_str(),
                _ => return Err(Err::Error(Error::new(input, ErrorKind::Tag))),
            }
        }
        Ok((rest, &input[..input.len() - rest.len()]))
    }
}

/// Matches `word` as a whole word: it must not run on into letters or digits.
pub fn keyword(word: &'static str) -> impl Fn(&str) -> IResult<&str, &str> {
    let tag = fuzzy_tag(word);
    move |input: &str| {
        let (rest, matched) = tag(input)?;
        if rest.chars().next().is_some_and(char::is_alphanumeric) {
            return Err(Err::Error(Error::new(input, ErrorKind::Tag)));
        }
        Ok((rest, matched))
    }
}

/// Whether two texts are equal after folding (spaces must match exactly).
pub fn folded_eq(a: &str, b: &str) -> bool {
    // Folding keeps ASCII text's length: most words fail here, quickly.
    if a.len() != b.len() && a.is_ascii() && b.is_ascii() {
        return false;
    }
    a.chars().map(fold_char).eq(b.chars().map(fold_char))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_damaged_keywords_match() {
        for damaged in ["Toelichting", "ToeIichting", "TOELICHTING", "Toe1ichting"] {
            assert!(keyword("Toelichting")(damaged).is_ok(), "{damaged}");
        }
        assert!(keyword("Realisatie")("Reaiisatie 1").is_ok());
        assert!(keyword("Financiën")("Financién").is_ok());
    }

    #[test]
    fn spaces_in_a_keyword_are_flexible() {
        assert_eq!(
            keyword("Doel gehaald")("Doelgehaald: Ja").unwrap().0,
            ": Ja"
        );
        assert_eq!(
            keyword("Doel gehaald")("Doel  gehaald: Ja").unwrap().0,
            ": Ja"
        );
    }

    #[test]
    fn a_keyword_must_end_at_a_word_boundary() {
        assert!(keyword("Type")("Typeer 2023").is_err());
        assert!(keyword("Type")("Type 2023").is_ok());
        assert!(fuzzy_tag("Type")("Typeer").is_ok());
    }

    #[test]
    fn other_words_do_not_match() {
        assert!(keyword("Bron")("Brand: x").is_err());
        assert!(keyword("Bron")("").is_err());
        assert!(keyword("Jaar")("Ja").is_err());
    }

    #[test]
    fn folded_equality() {
        assert!(folded_eq("Toelichting", "ToeIichting"));
        assert!(!folded_eq("Toelichting", "Toelichting:"));
    }
}
