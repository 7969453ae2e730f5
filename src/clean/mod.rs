//! Clean: repair OCR and export damage line by line, recording every repair.
//!
//! What it does, in order, to each line:
//! 1. no-break and other wide spaces and tabs become plain spaces; the line
//!    is trimmed at both ends (inner spacing is kept: a double space can mark
//!    an empty table cell);
//! 2. a bullet glyph at the start (`•`, `▪`, `❖`, the Symbol-font `U+F0B7`, …)
//!    becomes `•`; an OCR bullet, a lone `e`, `¢`, `o` or `°` before a
//!    capital, becomes `•` too (repair `ocr-bullet`);
//! 3. `ié` before a letter becomes `ië` (`cliént` → `cliënt`, repair
//!    `ocr-diaeresis`): OCR reads `ë` as `é`, and `ié` is not Dutch.
//!
//! Invariant: cleaning never adds, removes or reorders lines, and never
//! touches a digit, sign or separator, so every number reads as printed.

pub mod fold;
pub mod vocabulary;

use crate::diagnostic::Warning;
use std::borrow::Cow;

/// The canonical bullet that cleaned lines start with.
pub const BULLET: char = '•';

/// Lines after cleaning, with the warnings that summarise the repairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned<'a> {
    /// One cleaned line per input line; borrowed where nothing changed.
    pub lines: Vec<Cow<'a, str>>,
    /// One warning per kind of repair, naming the lines repaired.
    pub warnings: Vec<Warning>,
}

/// A kind of repair that changes what was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repair {
    OcrBullet,
    OcrDiaeresis,
}

impl Repair {
    fn code(self) -> &'static str {
        match self {
            Repair::OcrBullet => "ocr-bullet",
            Repair::OcrDiaeresis => "ocr-diaeresis",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Repair::OcrBullet => {
                "a lone `e`, `¢`, `o` or `°` before a capital was read as a list bullet"
            }
            Repair::OcrDiaeresis => "`é` was read as `ë` after an `i` (`cliént` → `cliënt`)",
        }
    }
}

/// Cleans every line; see the module documentation.
pub fn clean<'a>(lines: impl IntoIterator<Item = &'a str>) -> Cleaned<'a> {
    let mut repaired: Vec<(Repair, usize)> = Vec::new();
    let lines = lines
        .into_iter()
        .enumerate()
        .map(|(index, line)| {
            let (text, repairs) = clean_line(line);
            repaired.extend(repairs.into_iter().map(|r| (r, index + 1)));
            text
        })
        .collect();
    Cleaned {
        lines,
        warnings: summarise(&repaired),
    }
}

fn summarise(repaired: &[(Repair, usize)]) -> Vec<Warning> {
    [Repair::OcrBullet, Repair::OcrDiaeresis]
        .into_iter()
        .filter_map(|repair| {
            let lines: Vec<usize> = repaired
                .iter()
                .filter(|(r, _)| *r == repair)
                .map(|(_, line)| *line)
                .collect();
            let first = *lines.first()?;
            let list: Vec<String> = lines.iter().map(usize::to_string).collect();
            Some(Warning::at(
                repair.code(),
                first,
                format!(
                    "{} on {} line(s): {}",
                    repair.what(),
                    lines.len(),
                    list.join(", ")
                ),
            ))
        })
        .collect()
}

fn clean_line(line: &str) -> (Cow<'_, str>, Vec<Repair>) {
    let mut repairs = Vec::new();
    let spaced = normalise_spaces(line);
    let trimmed = trim(spaced);
    let bulleted = canonical_bullet(trimmed, &mut repairs);
    let text = repair_diaeresis(bulleted, &mut repairs);
    (text, repairs)
}

fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{200a}'
    )
}

fn normalise_spaces(line: &str) -> Cow<'_, str> {
    // Odd spaces are a tab or start with byte 0xC2 or 0xE2: most lines have
    // none, and are passed by a byte scan.
    let maybe = memchr::memchr3(b'\t', 0xC2, 0xE2, line.as_bytes()).is_some();
    if maybe && line.contains(is_odd_space) {
        Cow::Owned(line.replace(is_odd_space, " "))
    } else {
        Cow::Borrowed(line)
    }
}

fn trim(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    }
}

fn is_bullet_glyph(c: char) -> bool {
    matches!(
        c,
        '•' | '▪'
            | '❖'
            | '◦'
            | '●'
            | '■'
            | '►'
            | '➢'
            | '\u{f0b7}'
            | '\u{f0a7}'
            | '\u{f076}'
            | '\u{f0d8}'
    )
}

/// `e`, `¢`, `o` or `°` alone before a capital, `%` or digit: OCR's reading of a bullet.
fn ocr_bullet_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if !matches!(first, 'e' | '¢' | 'o' | '°') {
        return None;
    }
    let (space_at, space) = chars.next()?;
    let (_, next) = chars.next()?;
    (space == ' ' && (next.is_uppercase() || next == '%' || next == '€')).then_some(space_at + 1)
}

fn canonical_bullet<'a>(text: Cow<'a, str>, repairs: &mut Vec<Repair>) -> Cow<'a, str> {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c == BULLET && !chars.as_str().starts_with("  ") => text,
        Some(c) if c == BULLET || is_bullet_glyph(c) => {
            Cow::Owned(format!("{BULLET} {}", chars.as_str().trim_start()))
        }
        Some(_) => match ocr_bullet_len(&text) {
            Some(len) => {
                repairs.push(Repair::OcrBullet);
                Cow::Owned(format!("{BULLET} {}", &text[len..]))
            }
            None => text,
        },
        None => text,
    }
}

fn repair_diaeresis<'a>(text: Cow<'a, str>, repairs: &mut Vec<Repair>) -> Cow<'a, str> {
    static I_E_ACUTE: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = I_E_ACUTE.get_or_init(|| memchr::memmem::Finder::new("ié"));
    if finder.find(text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut chars = text.chars().peekable();
    let mut previous = None;
    while let Some(c) = chars.next() {
        let next_is_letter = chars.peek().is_some_and(|n| n.is_alphabetic());
        if c == 'é' && previous == Some('i') && next_is_letter {
            out.push('ë');
            changed = true;
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    if changed {
        repairs.push(Repair::OcrDiaeresis);
        Cow::Owned(out)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> (String, Vec<Warning>) {
        let cleaned = clean([line]);
        (cleaned.lines[0].to_string(), cleaned.warnings)
    }

    #[test]
    fn wide_spaces_become_spaces_and_ends_are_trimmed() {
        assert_eq!(one("\u{a0}Algemeen:\u{a0} ").0, "Algemeen:");
        assert_eq!(one("Realisatie  - - - - ").0, "Realisatie  - - - -");
    }

    #[test]
    fn bullet_glyphs_become_the_canonical_bullet() {
        assert_eq!(
            one("\u{f0b7} Doorontwikkeling Lokale Teams;").0,
            "• Doorontwikkeling Lokale Teams;"
        );
        assert_eq!(
            one("•\u{a0}\u{a0} aanpak zorgfraude;").0,
            "• aanpak zorgfraude;"
        );
        assert!(one("❖ Fraudeaanpak").1.is_empty());
    }

    #[test]
    fn ocr_bullets_are_repaired_with_a_warning() {
        let (text, warnings) = one(" e Scheidingspunt:");
        assert_eq!(text, "• Scheidingspunt:");
        assert_eq!(warnings[0].code, "ocr-bullet");
        assert_eq!(
            one("¢ De nieuwe dagbesteding").0,
            "• De nieuwe dagbesteding"
        );
        assert_eq!(
            one("o Verbeterde samenwerking:").0,
            "• Verbeterde samenwerking:"
        );
    }

    #[test]
    fn words_that_look_like_bullets_are_left_alone() {
        assert_eq!(
            one("o in re-integratiebeleid").0,
            "o in re-integratiebeleid"
        );
        assert_eq!(one("een focus op preventie").0, "een focus op preventie");
        assert_eq!(one("e").0, "e");
    }

    #[test]
    fn ie_acute_becomes_ie_diaeresis() {
        let (text, warnings) = one("Bron: Cliéntervaringsonderzoek Wmo, financién");
        assert_eq!(text, "Bron: Cliëntervaringsonderzoek Wmo, financiën");
        assert_eq!(warnings[0].code, "ocr-diaeresis");
        assert_eq!(one("café één enquéte").0, "café één enquéte");
    }

    #[test]
    fn repairs_are_summarised_per_kind_with_their_lines() {
        let cleaned = clean(["e Een", "x", "o Twee", "cliént"]);
        assert_eq!(cleaned.lines.len(), 4);
        let bullet = &cleaned.warnings[0];
        assert_eq!((bullet.code.as_str(), bullet.line), ("ocr-bullet", Some(1)));
        assert!(bullet.message.contains("2 line(s): 1, 3"));
        assert_eq!(cleaned.warnings[1].line, Some(4));
    }

    #[test]
    fn digits_and_signs_are_never_touched() {
        let line = "Bevorderen jeugdhulp -92.186 931 0 263 -90.992 46,0% € 3.348";
        assert_eq!(one(line).0, line);
    }
}
