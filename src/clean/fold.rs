//! The one Unicode fold every comparison of words uses: lower case, marks
//! stripped. `Coëfficiënt`, its decomposed form (`e` + U+0308) and
//! `COEFFICIENT` all fold to `coefficient`.
//!
//! Folding is for comparing and searching only; no value or printed text
//! in a record is ever folded.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends `text` folded: canonically decomposed, combining marks dropped,
/// lower case.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    out.reserve(text.len());
    // Character by character: the same as folding the NFD form, since a
    // canonical decomposition only appends marks to a base character.
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    out.extend(part.to_lowercase());
                }
            });
        }
    }
}

/// `text` folded (see [`fold_into`]).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// One character folded: its base letter, lower case (`Ë` → `e`). A
/// character whose lower case is several characters keeps the first.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut base = c;
    let mut first = true;
    decompose_canonical(c, |part| {
        if first {
            base = part;
            first = false;
        }
    });
    base.to_lowercase().next().unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn composed_and_decomposed_fold_alike() {
        let composed = "Coëfficiënt Één Financiën";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(fold(composed), "coefficient een financien");
        assert_eq!(fold(&decomposed), fold(composed));
    }

    #[test]
    fn characters_fold_to_their_base_letter() {
        for (c, base) in [
            ('Ë', 'e'),
            ('í', 'i'),
            ('Ö', 'o'),
            ('ç', 'c'),
            ('A', 'a'),
            ('%', '%'),
        ] {
            assert_eq!(fold_char(c), base, "{c}");
        }
        // No decomposition, but a lower case.
        assert_eq!(fold_char('Ø'), 'ø');
    }

    #[test]
    fn digits_and_signs_are_never_changed() {
        assert_eq!(fold("-1.234,5 € 12%"), "-1.234,5 € 12%");
    }
}
