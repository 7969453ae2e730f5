//! The indicator key: one spelling for an indicator's title in every report,
//! so that the same indicator links across years.
//!
//! Titles of one indicator differ from report to report by OCR damage,
//! diacritics, case, a `(Realisatie 2024)` suffix and small wording
//! changes. The key removes those differences, in this order:
//!
//! 1. the `(Realisatie 2024)` / `(Begroting 2024)` suffix goes;
//! 2. OCR letter confusions inside a word are undone: `I` between lower-case
//!    letters is `l`, `1` after a lower-case letter (and not before a digit)
//!    is `l`, `0` between letters is `o`;
//! 3. lower case, diacritics removed (`Coëfficiënt` → `coefficient`);
//! 4. abbreviations written out (`v/h` → `van het`, `v/d` → `van de`,
//!    `t.o.v.` → `ten opzichte van`, `m.b.t.` → `met betrekking tot`);
//!    synonyms made one (`cliënt(en)` → `klant(en)`); `%` is `pct`;
//! 5. a short theme before a colon goes (`Vroegtijdig signaleren: …`), and
//!    so does a leading direction word (`Toename`, `Afname`, `Stijging`,
//!    `Daling`, …): `Toename aantal meldingen bij Veilig Thuis` is the
//!    indicator `Aantal meldingen bij Veilig Thuis`;
//! 6. a vowel doubled inside a run of three or more vowels counts once
//!    (`Coéfficiëent` and `Coëfficiënt` both give `coefficient`), where OCR
//!    puts an extra vowel after a diacritic; `aantal`, `een` and `jaar` keep
//!    their spelling;
//! 7. words are joined by `-`; other punctuation goes.
//!
//! The key is deterministic and readable; it is not a translation. Two
//! different indicators keep different keys as long as their titles differ
//! in a word (`adviezen` / `meldingen`, `instroom` / `uitstroom`).

use crate::clean::fold::fold;

/// Whether the title states a direction: more (`Toename …`) or less (`Afname …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `Toename`, `Stijging`, `Verhoging`, `Groei`: higher is the goal.
    Up,
    /// `Afname`, `Daling`, `Verlaging`, `Vermindering`: lower is the goal.
    Down,
}

const UP: [&str; 5] = ["toename", "stijging", "verhoging", "groei", "vergroting"];
const DOWN: [&str; 5] = [
    "afname",
    "daling",
    "verlaging",
    "vermindering",
    "verkleining",
];

/// Words a theme before a colon may have at most.
const THEME_WORDS: usize = 4;

/// The linking key of an indicator title; see the module docs.
pub fn indicator_key(title: &str) -> String {
    let text = strip_year_suffix(title);
    let text = undo_letter_confusions(text);
    let text = fold(&text);
    let text = expand(&text);
    let words = words(&text);
    strip_theme_and_direction(&words)
        .iter()
        .filter(|w| *w != ":")
        .map(|w| collapse_doubles(w))
        .collect::<Vec<_>>()
        .join("-")
}

/// The direction the title states after any theme (`Vroegtijdig
/// signaleren: Afname …` → down), or `None`.
pub fn direction(title: &str) -> Option<Direction> {
    let text = fold(strip_year_suffix(title));
    let body = theme_body(&text).unwrap_or(&text);
    let first = body
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())?;
    if UP.contains(&first) {
        Some(Direction::Up)
    } else if DOWN.contains(&first) {
        Some(Direction::Down)
    } else {
        None
    }
}

/// `… (Realisatie 2024)` → `…`.
fn strip_year_suffix(title: &str) -> &str {
    let trimmed = title.trim_end();
    let Some(inner) = trimmed.strip_suffix(')') else {
        return trimmed;
    };
    let Some(open) = inner.rfind('(') else {
        return trimmed;
    };
    let mut parts = inner[open + 1..].split_whitespace();
    let is_suffix = matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(word), Some(year), None)
            if ["realisatie", "begroting", "streefwaarde"].contains(&word.to_lowercase().as_str())
                && year.len() == 4
                && year.bytes().all(|b| b.is_ascii_digit())
    );
    if is_suffix {
        inner[..open].trim_end()
    } else {
        trimmed
    }
}

fn undo_letter_confusions(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
        let lower = |c: Option<char>| c.is_some_and(char::is_lowercase);
        let fixed = match c {
            'I' if lower(before) && lower(after) => 'l',
            '1' if lower(before) && !after.is_some_and(|c| c.is_ascii_digit()) => 'l',
            '0' if letter(before) && letter(after) => 'o',
            _ => c,
        };
        out.push(fixed);
    }
    out
}

/// Abbreviations and synonyms, on folded text.
fn expand(text: &str) -> String {
    const ABBREVIATIONS: [(&str, &str); 5] = [
        ("v/h", " van het "),
        ("v/d", " van de "),
        ("t.o.v.", " ten opzichte van "),
        ("m.b.t.", " met betrekking tot "),
        ("%", " pct "),
    ];
    let mut text = text.to_owned();
    for (short, long) in ABBREVIATIONS {
        text = text.replace(short, long);
    }
    text
}

const SYNONYMS: [(&str, &str); 2] = [("client", "klant"), ("clienten", "klanten")];

fn words(text: &str) -> Vec<String> {
    // A colon stays a word of its own, so a theme can be found.
    text.replace(':', " : ")
        .split(|c: char| !(c.is_alphanumeric() || c == ':'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            SYNONYMS
                .iter()
                .find(|(from, _)| *from == w)
                .map_or(w, |(_, to)| to)
                .to_owned()
        })
        .collect()
}

/// The text after a short theme and its colon, if there is one.
fn theme_body(text: &str) -> Option<&str> {
    let (theme, body) = text.split_once(':')?;
    let theme_words = theme.split_whitespace().count();
    (theme_words > 0 && theme_words <= THEME_WORDS && !body.trim().is_empty()).then_some(body)
}

fn strip_theme_and_direction(words: &[String]) -> &[String] {
    let mut words = words;
    if let Some(colon) = words.iter().position(|w| w == ":")
        && colon > 0
        && colon <= THEME_WORDS
        && colon + 1 < words.len()
    {
        words = &words[colon + 1..];
    }
    match words.first() {
        Some(first) if words.len() > 1 && (UP.contains(&&**first) || DOWN.contains(&&**first)) => {
            &words[1..]
        }
        _ => words,
    }
}

fn collapse_doubles(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let is_vowel = |c: char| "aeiouy".contains(c);
    let mut out = String::with_capacity(word.len());
    let mut start = 0;
    while start < chars.len() {
        let run = chars[start..]
            .iter()
            .take_while(|&&c| is_vowel(c) == is_vowel(chars[start]))
            .count();
        let group = &chars[start..start + run];
        let collapse = is_vowel(chars[start]) && run >= 3;
        for (i, &c) in group.iter().enumerate() {
            if !(collapse && i > 0 && group[i - 1] == c) {
                out.push(c);
            }
        }
        start += run;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Titles of one indicator in two corpus documents.
    const SAME: [(&str, &str); 6] = [
        (
            // jaarverslag 2024 / begroting 2026
            "Gemiddeld budget maatwerkondersteuning per klant",
            "Gemiddeld budget maatwerkondersteuning per cliënt",
        ),
        (
            "Coéfficiëent voor eenzaamheid onder inwoners (> 18 jaar)",
            "Coëfficiënt voor eenzaamheid onder inwoners (> 18 jaar)",
        ),
        (
            "Toename aantal meldingen bij Veilig Thuis",
            "Aantal meldingen bij Veilig Thuis",
        ),
        (
            "% Klanten v/h samenwerkingsverband dat tevreden is over de kwaliteit v/d ondersteuning",
            "% Klanten van het samenwerkingsverband dat tevreden is over de kwaliteit van de ondersteuning",
        ),
        ("% Vrijwilligers (Realisatie 2024)", "% VRIJWILLIGERS"),
        (
            "Vroegtijdig signaleren: Afname gemiddelde leeftijd bij instroom in jeugdhulp",
            "Gemiddelde leeftijd bij instroom in jeugdhulp",
        ),
    ];

    /// Different indicators of the corpus.
    const DIFFERENT: [(&str, &str); 4] = [
        (
            "Toename aantal adviezen bij Veilig Thuis",
            "Toename aantal meldingen bij Veilig Thuis",
        ),
        (
            "Aantal unieke jeugdigen dat instroomt in de specialistische jeugdhulp",
            "Aantal unieke jeugdigen dat uitstroomt uit de specialistische jeugdhulp",
        ),
        (
            "% Mantelzorgers dat zich voldoende ondersteund voelt door de gemeente/het samenwerkingsverband",
            "% Mantelzorgers dat zich voldoende ondersteund voelt door de eigen omgeving",
        ),
        (
            "% Klanten dat tevreden is over de kwaliteit van het ondersteuningsaanbod",
            "% Klanten v/h samenwerkingsverband dat tevreden is over de kwaliteit v/d ondersteuning",
        ),
    ];

    #[test]
    fn links_real_pairs_of_the_corpus() {
        for (a, b) in SAME {
            assert_eq!(indicator_key(a), indicator_key(b), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn keeps_different_indicators_apart() {
        for (a, b) in DIFFERENT {
            assert_ne!(indicator_key(a), indicator_key(b), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn undoes_ocr_letter_confusions() {
        assert_eq!(
            indicator_key("% VrijwiIligers"),
            indicator_key("% Vrijwilligers")
        );
        assert_eq!(
            indicator_key("Aanta1 me1dingen"),
            indicator_key("Aantal meldingen")
        );
        assert_eq!(indicator_key("Gez0ndheid"), indicator_key("Gezondheid"));
        assert_eq!(indicator_key("Groep A1 en b12"), "groep-a1-en-b12");
        // Capitals at the start of a word and digits in numbers stay.
        assert_eq!(indicator_key("Inwoners 0-23 jaar"), "inwoners-0-23-jaar");
    }

    #[test]
    fn is_a_readable_slug() {
        assert_eq!(
            indicator_key("% Vrijwilligers (Realisatie 2024)"),
            "pct-vrijwilligers"
        );
        assert_eq!(
            indicator_key("Coëfficiënt voor eenzaamheid onder inwoners (> 18 jaar)"),
            "coefficient-voor-eenzaamheid-onder-inwoners-18-jaar"
        );
    }

    #[test]
    fn a_long_text_before_a_colon_is_no_theme() {
        let title = "Aantal jongeren in de gemeente met een startkwalificatie: mbo";
        assert!(indicator_key(title).starts_with("aantal-jongeren"));
    }

    #[test]
    fn a_direction_alone_is_kept() {
        assert_eq!(indicator_key("Toename"), "toename");
        assert_eq!(indicator_key(""), "");
    }

    #[test]
    fn reads_the_direction_after_a_theme() {
        assert_eq!(
            direction("Vroegtijdig signaleren: Afname gemiddelde leeftijd bij instroom"),
            Some(Direction::Down)
        );
        assert_eq!(
            direction("Toename aantal adviezen bij Veilig Thuis"),
            Some(Direction::Up)
        );
        assert_eq!(direction("% Vrijwilligers"), None);
        assert_eq!(direction("Aantal meldingen (toename)"), None);
    }
}
