//! Text fields: titles, descriptions and explanations without layout.

use crate::clean::BULLET;
pub use crate::parse::join_lines;

/// Symbols that open a title only as layout debris: bullets and OCR specks.
fn is_stray(c: char) -> bool {
    c == BULLET || matches!(c, '¢' | '·' | '*' | '©' | '®' | '°' | '»' | '>' | '-' | '–')
}

/// A title as it should read: stray leading symbols gone, whitespace
/// collapsed. (`(Realisatie 2024)` is cut off by the caller, which knows
/// where the grammar found it.)
pub fn clean_title(printed: &str) -> String {
    let joined = join_lines([printed]);
    let mut title = joined.as_str();
    loop {
        let trimmed = title.trim_start_matches(is_stray).trim_start();
        // `% Klanten …` keeps its `%`; a lone `e`/`o` before a capital is an OCR bullet.
        let ocr_bullet = ["e ", "o "]
            .iter()
            .find_map(|b| trimmed.strip_prefix(b))
            .filter(|rest| rest.starts_with(|c: char| c.is_uppercase() || c == '%'));
        match ocr_bullet {
            Some(rest) => title = rest,
            None if trimmed.len() == title.len() => break,
            None => title = trimmed,
        }
    }
    title.trim_end_matches([' ', ':']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_join_with_single_spaces() {
        assert_eq!(
            join_lines(["  Het college ", "voert  jaarlijks"]),
            "Het college voert jaarlijks"
        );
        assert_eq!(join_lines([]), "");
    }

    #[test]
    fn titles_lose_bullets_and_specks_but_keep_percent() {
        assert_eq!(clean_title("• % Vrijwilligers"), "% Vrijwilligers");
        assert_eq!(clean_title("¢ Aantal  meldingen "), "Aantal meldingen");
        assert_eq!(clean_title("e Aantal meldingen"), "Aantal meldingen");
        assert_eq!(
            clean_title("% Klanten v/h samenwerkingsverband"),
            "% Klanten v/h samenwerkingsverband"
        );
        assert_eq!(
            clean_title("Coëfficiënt voor eenzaamheid (> 18 jaar)"),
            "Coëfficiënt voor eenzaamheid (> 18 jaar)"
        );
        assert_eq!(
            clean_title("Vroegtijdig signaleren:"),
            "Vroegtijdig signaleren"
        );
    }
}
