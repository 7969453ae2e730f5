//! Table cells as printed: `1.300`, `9,0`, `46,0%`, `48,9 %`, `-92.186`,
//! `€ 3.348`, `3.348 €`, `-`, `pm`, and the words around them.
//!
//! Grammar (a cell must end at a space or the end of the line):
//!
//! ```text
//! cell      = number | dash | no-value
//! number    = ["€" " "*] [sign] ["€" " "*] integer ["," digits] [" "? ("%" | "€")] ["*"] [trailing]
//! trailing  = "-"                                        (`4.977-`: a negative, when no sign leads)
//! integer   = digit{1,3} ("." digit{3})+  |  digit+       (Dutch thousands dots)
//! sign      = "-" | "−"
//! dash      = "-" | "–" | "—" | "−"                      (no value printed)
//! no-value  = "pm" | "-pm" | "p.m." | "n.v.t." | "nvt" | "nb" | "n.b." | "nnb"
//!                                                        (no value: pro memorie, not applicable, not known)
//! ```
//!
//! On a line, [`pieces`] also joins a sign letter to its number (`N 12.480`,
//! `180 V`: voordelig/nadelig, kept in the text, the value as printed) and
//! reads `6- 6,5` — a trailing minus before a larger number, on a line with
//! no other trailing minus — as one range, which is no number.
//!
//! A trailing `€` is only read when the number had none in front, so
//! `€ 1.300 € 1.100` is two cells. A word that holds digits but is no cell
//! (`1.3OO`, `9.0`) is an unreadable cell: kept, never guessed.

use crate::clean::fold::fold;
use crate::clean::vocabulary::{COMPARISON_WORDS, SCOPE_HEADS};
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n};
use nom::character::complete::{char, digit1, one_of, space0};
use nom::combinator::{opt, recognize};
use nom::multi::many1;
use nom::sequence::{pair, preceded, terminated};
use nom::{IResult, Parser};

/// What one printed cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellLex<'a> {
    /// A number.
    Number(NumberLex<'a>),
    /// A dash: no value printed.
    Dash,
    /// `pm`, `n.v.t.`: explicitly no value.
    NoValue,
    /// Holds digits but is no number as printed (`1.3OO`).
    Unreadable,
}

/// The parts of a printed number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberLex<'a> {
    /// A minus sign was printed.
    pub negative: bool,
    /// The integer digits, thousands dots included (`1.300`).
    pub integer: &'a str,
    /// The digits after the decimal comma.
    pub fraction: Option<&'a str>,
    /// A `%` was printed.
    pub percent: bool,
    /// A `€` was printed.
    pub euro: bool,
    /// A footnote star was printed (`26*`).
    pub footnote: bool,
    /// The minus was printed behind the number (`4.977-`).
    pub trailing_minus: bool,
}

impl CellLex<'_> {
    /// A small plain integer (`16`): what a page number looks like.
    pub fn looks_like_page_number(&self) -> bool {
        matches!(self, CellLex::Number(n) if !n.negative && n.fraction.is_none() && !n.percent
            && !n.euro && n.integer.len() <= 3 && !n.integer.contains('.'))
    }
}

pub use crate::clean::vocabulary::YEARS;

/// Whether a word is a year as printed: four digits within [`YEARS`].
pub fn is_year_word(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|b| b.is_ascii_digit())
        && word.parse::<i32>().is_ok_and(|y| YEARS.contains(&y))
}

impl NumberLex<'_> {
    /// The printed number as a year (`2024`): four digits, no separators or marks.
    pub fn as_year(&self) -> Option<i32> {
        // `2015-`: a year, a period cut after its first year.
        let unsigned = !self.negative || self.trailing_minus;
        let plain = unsigned && self.fraction.is_none() && !self.percent && !self.euro;
        let year: i32 = self.integer.parse().ok()?;
        (plain && self.integer.len() == 4 && YEARS.contains(&year)).then_some(year)
    }
}

/// One whitespace-separated piece of a line: a cell or a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// Byte offset of the piece in its line.
    pub start: usize,
    /// The piece as printed.
    pub text: &'a str,
    /// The cell it holds, or `None` for a word.
    pub cell: Option<CellLex<'a>>,
}

/// Whether a line's cells are a page number alone (`77`).
pub fn is_page_number_line(cells: &[Piece<'_>]) -> bool {
    matches!(cells, [only] if only.looks_like_page_number())
}

impl Piece<'_> {
    /// Whether the piece is a cell that could be a page number (`14`).
    pub fn looks_like_page_number(&self) -> bool {
        self.cell.is_some_and(|c| c.looks_like_page_number())
    }

    /// Byte offset just after the piece.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Reads one cell at the start of `input`; it must end at a space or the end.
pub fn cell(input: &str) -> IResult<&str, CellLex<'_>> {
    if !may_start_cell(input) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Char,
        )));
    }
    full_cell(input)
}

/// One form a cell can take.
type CellForm = fn(&str) -> IResult<&str, CellLex<'_>>;

/// [`cell`] without the quick test.
fn full_cell(input: &str) -> IResult<&str, CellLex<'_>> {
    // Each form must end the cell (at a space or the end), else the next is tried.
    let ends = |rest: &str| !rest.starts_with(|c: char| c != ' ');
    // Only `p`, `n`, `N` and `-` can start a no-value: most cells skip it.
    let no_value_first = matches!(
        input.as_bytes().first(),
        Some(b'p' | b'P' | b'n' | b'N' | b'-')
    );
    let forms: [CellForm; 3] = [
        |i| number(i).map(|(r, n)| (r, CellLex::Number(n))),
        |i| no_value(i).map(|(r, _)| (r, CellLex::NoValue)),
        |i| one_of("-–—−")(i).map(|(r, _)| (r, CellLex::Dash)),
    ];
    for (index, form) in forms.into_iter().enumerate() {
        if index == 1 && !no_value_first {
            continue;
        }
        if let Ok((rest, lex)) = form(input)
            && ends(rest)
        {
            return Ok((rest, lex));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Verify,
    )))
}

fn euro_sign(input: &str) -> IResult<&str, char> {
    terminated(char('€'), space0).parse(input)
}

fn integer(input: &str) -> IResult<&str, &str> {
    let grouped = recognize(pair(
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        many1(pair(
            char('.'),
            take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        )),
    ));
    let (rest, digits) = alt((grouped, digit1)).parse(input)?;
    // `1.3000` is not a thousands group: refuse rather than misread it.
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, digits))
}

fn number(input: &str) -> IResult<&str, NumberLex<'_>> {
    let (input, euro_before) = opt(euro_sign).parse(input)?;
    let (input, sign) = opt(one_of("-−")).parse(input)?;
    let (input, euro_after_sign) = opt(euro_sign).parse(input)?;
    let (input, integer) = integer(input)?;
    let (input, fraction) = opt(preceded(char(','), digit1)).parse(input)?;
    let euro_in_front = euro_before.is_some() || euro_after_sign.is_some();
    let (input, mark) = if euro_in_front {
        opt(preceded(opt(char(' ')), char('%'))).parse(input)?
    } else {
        opt(preceded(opt(char(' ')), one_of("%€"))).parse(input)?
    };
    let (input, footnote) = opt(char('*')).parse(input)?;
    let (input, trailing) = if sign.is_none() {
        opt(one_of("-−")).parse(input)?
    } else {
        (input, None)
    };
    Ok((
        input,
        NumberLex {
            negative: sign.is_some() || trailing.is_some(),
            trailing_minus: trailing.is_some(),
            integer,
            fraction,
            percent: mark == Some('%'),
            euro: euro_in_front || mark == Some('€'),
            footnote: footnote.is_some(),
        },
    ))
}

fn no_value(input: &str) -> IResult<&str, &str> {
    alt((
        tag_no_case("p.m."),
        tag_no_case("pm"),
        tag_no_case("-pm"),
        tag_no_case("n.v.t."),
        tag_no_case("n.v.t"),
        tag_no_case("nvt"),
        tag("n.b."),
        tag_no_case("nnb"),
        tag("NB"),
        tag("nb"),
    ))
    .parse(input)
}

/// Letters OCR reads for digits: `O`/`o` for 0, `I`/`l`/`|` for 1, `Z` for 2,
/// `S` for 5, `G` for 6, `B` for 8.
const DIGIT_LOOKALIKES: &str = "OoIl|ZzSsGB";

/// Whether a word that is no cell still looks like a damaged number: digits,
/// separators and digit look-alikes only, no more look-alikes than digits.
pub fn looks_numeric(word: &str) -> bool {
    if !word.bytes().any(|b| b.is_ascii_digit()) {
        return false; // most words: decided without looking further
    }
    let digits = word.chars().filter(char::is_ascii_digit).count();
    let lookalikes = word
        .chars()
        .filter(|c| DIGIT_LOOKALIKES.contains(*c))
        .count();
    digits > 0
        && lookalikes <= digits
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || ".,%€*-−".contains(c) || DIGIT_LOOKALIKES.contains(c))
}

/// Whether `text` may start with a cell: with a character a cell can start
/// with (`€`, a sign or dash, a digit), or with a word short enough for a
/// no-value (`pm` … `n.v.t.`). Most words of prose are known to be words
/// without running the grammar.
fn may_start_cell(text: &str) -> bool {
    const LONGEST_NO_VALUE: usize = "n.v.t.".len();
    match text.as_bytes().first() {
        Some(b'0'..=b'9' | b'-') => true,
        // `€`, `–`, `—` and `−` all start with 0xE2.
        Some(0xE2) => true,
        Some(b'p' | b'P' | b'n' | b'N') => {
            text.bytes()
                .take(LONGEST_NO_VALUE + 1)
                .position(|b| b == b' ')
                .unwrap_or(text.len().min(LONGEST_NO_VALUE + 1))
                <= LONGEST_NO_VALUE
        }
        _ => false,
    }
}

/// Splits a line into cells and words, left to right, in linear time.
pub fn pieces(line: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut offset = 0;
    while offset < line.len() {
        let rest = &line[offset..];
        let trimmed = rest.trim_start_matches(' ');
        offset += rest.len() - trimmed.len();
        if trimmed.is_empty() {
            break;
        }
        let piece = match cell(trimmed) {
            Ok((after, lex)) => Piece {
                start: offset,
                text: &trimmed[..trimmed.len() - after.len()],
                cell: Some(lex),
            },
            Err(_) => {
                // Words are short: a plain loop beats `memchr`'s set-up.
                let word_len = trimmed
                    .bytes()
                    .position(|b| b == b' ')
                    .unwrap_or(trimmed.len());
                let word = &trimmed[..word_len];
                Piece {
                    start: offset,
                    text: word,
                    cell: looks_numeric(word).then_some(CellLex::Unreadable),
                }
            }
        };
        offset += piece.text.len();
        pieces.push(piece);
    }
    if pieces.len() >= 2 {
        join_sign_letters(line, &mut pieces);
        join_ranges(line, &mut pieces);
        join_footnote_marks(line, &mut pieces);
        join_composites(line, &mut pieces);
        join_comparisons(line, &mut pieces);
    }
    pieces
}

/// A cell holding a value and a reference beside it: `4,1 tov 3,6
/// landelijk` (the value, a comparison word, the reference, whose it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison<'a> {
    /// The value as printed (`4,1`).
    pub value: &'a str,
    /// The reference as printed (`3,6`).
    pub reference: &'a str,
    /// The word naming whose the reference is (`landelijk`); `None` when
    /// the cell does not say (`4,1 tov 3,6`).
    pub scope: Option<&'a str>,
}

/// Whether `word` names a reference a value is compared with: a scope
/// head other than the municipality's own (`landelijk`, `Nederland`, `regio`).
fn is_reference_word(word: &str) -> bool {
    let word = fold(word.trim_end_matches([',', '.', ')']));
    SCOPE_HEADS
        .iter()
        .any(|(head, scope)| *head == word && *scope != "gemeente")
}

/// Whether `word` is one of [`COMPARISON_WORDS`], in any case.
fn is_comparison_word(word: &str) -> bool {
    COMPARISON_WORDS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a piece is a number that can be a value (no year).
fn is_value_number(piece: &Piece<'_>) -> bool {
    matches!(piece.cell, Some(CellLex::Number(n)) if n.as_year().is_none())
}

/// The comparison a cell's text prints, if it is one (see [`Comparison`]).
pub fn comparison(text: &str) -> Option<Comparison<'_>> {
    let mut words = text.split_whitespace();
    let (value, word, reference) = (words.next()?, words.next()?, words.next()?);
    let scope = words.next();
    let number = |w: &str| matches!(cell(w), Ok(("", CellLex::Number(n))) if n.as_year().is_none());
    let fits = words.next().is_none()
        && is_comparison_word(word)
        && number(value)
        && number(reference)
        && scope.is_none_or(is_reference_word);
    fits.then_some(Comparison {
        value,
        reference,
        scope,
    })
}

/// `4,1 tov 3,6 landelijk`: a value, a comparison word, a reference and
/// the word naming whose it is are one cell (its number is the value's);
/// so are `4,1 tov 3,6` without the word, whose reference no one can name.
fn join_comparisons<'a>(line: &'a str, pieces: &mut Vec<Piece<'a>>) {
    let compares = |p: &Piece<'_>| p.cell.is_none() && is_comparison_word(p.text);
    if !pieces.iter().any(compares) {
        return;
    }
    let mut joined = Vec::with_capacity(pieces.len());
    let mut at = 0;
    while at < pieces.len() {
        let window = &pieces[at..];
        if let [value, word, reference, ..] = window
            && is_value_number(value)
            && compares(word)
            && is_value_number(reference)
        {
            let scope = window
                .get(3)
                .filter(|s| s.cell.is_none() && is_reference_word(s.text));
            let last = scope.unwrap_or(reference);
            joined.push(Piece {
                start: value.start,
                text: &line[value.start..last.end()],
                cell: value.cell,
            });
            at += if scope.is_some() { 4 } else { 3 };
        } else {
            joined.push(pieces[at]);
            at += 1;
        }
    }
    *pieces = joined;
}

/// `Jongeren: 7,3 Jongeren: 7,0`: a group's label and its value in one
/// cell, printed in two cells of a line or more, are one cell each (the
/// label kept in the text). One such pair alone stays a word and a number.
fn join_composites<'a>(line: &'a str, pieces: &mut Vec<Piece<'a>>) {
    let labelled = |i: usize| {
        let (word, next) = (&pieces[i], pieces.get(i + 1));
        word.cell.is_none()
            && word.text.len() > 1
            && word.text.ends_with(':')
            && word.text.chars().next().is_some_and(char::is_alphabetic)
            && next.is_some_and(
                |n| matches!(n.cell, Some(CellLex::Number(x)) if x.as_year().is_none()),
            )
    };
    let pairs: Vec<usize> = (0..pieces.len()).filter(|&i| labelled(i)).collect();
    if pairs.len() < 2 {
        return;
    }
    let mut joined = Vec::with_capacity(pieces.len());
    let mut at = 0;
    while at < pieces.len() {
        if pairs.contains(&at) {
            let (word, number) = (pieces[at], pieces[at + 1]);
            joined.push(Piece {
                start: word.start,
                text: &line[word.start..number.end()],
                cell: number.cell,
            });
            at += 2;
        } else {
            joined.push(pieces[at]);
            at += 1;
        }
    }
    *pieces = joined;
}

/// Whether a piece is a footnote reference: one or two digits and `)`.
fn is_footnote_mark(text: &str) -> bool {
    let digits = text.strip_suffix(')').unwrap_or_default();
    (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `88% 2)`: a footnote reference right after a number is part of its
/// cell (kept in the text, no number of its own), as `7,8*` is.
fn join_footnote_marks<'a>(line: &'a str, pieces: &mut Vec<Piece<'a>>) {
    let number = |p: &Piece<'_>| matches!(p.cell, Some(CellLex::Number(_)));
    if !pieces.iter().any(|p| is_footnote_mark(p.text)) {
        return;
    }
    let mut joined: Vec<Piece<'a>> = Vec::with_capacity(pieces.len());
    for piece in pieces.drain(..) {
        match joined.last_mut() {
            Some(last) if number(last) && is_footnote_mark(piece.text) => {
                last.text = &line[last.start..piece.end()];
            }
            _ => joined.push(piece),
        }
    }
    *pieces = joined;
}

/// A `V` or `N` (voordelig, nadelig) with the number it marks: before every
/// number when the first letter comes before one (`N 12.480 V 940`), else
/// behind it (`180 N`). The letter stays in the piece's text.
fn join_sign_letters<'a>(line: &'a str, pieces: &mut Vec<Piece<'a>>) {
    let letter = |p: &Piece<'_>| p.cell.is_none() && matches!(p.text, "V" | "N");
    let number = |p: &Piece<'_>| matches!(p.cell, Some(CellLex::Number(_)));
    let Some(first) = (0..pieces.len()).find(|&i| letter(&pieces[i])) else {
        return;
    };
    let before =
        pieces.get(first + 1).is_some_and(number) && !(first > 0 && number(&pieces[first - 1]));
    let mut joined = Vec::with_capacity(pieces.len());
    let mut at = 0;
    while at < pieces.len() {
        let piece = pieces[at];
        let next = pieces.get(at + 1).copied();
        let pair = match next {
            Some(next) if before && letter(&piece) && number(&next) => Some((next, next.cell)),
            Some(next) if !before && number(&piece) && letter(&next) => Some((next, piece.cell)),
            _ => None,
        };
        if let Some((next, cell)) = pair {
            joined.push(Piece {
                start: piece.start,
                text: &line[piece.start..next.end()],
                cell,
            });
            at += 2;
        } else {
            joined.push(piece);
            at += 1;
        }
    }
    *pieces = joined;
}

/// `6- 6,5`: a trailing minus before a larger number, on a line with no
/// other trailing minus, is a range: one piece, no number.
fn join_ranges<'a>(line: &'a str, pieces: &mut Vec<Piece<'a>>) {
    let trailing = |p: &Piece<'_>| matches!(p.cell, Some(CellLex::Number(n)) if n.trailing_minus);
    let mut candidates = pieces.iter().enumerate().filter(|(_, p)| trailing(p));
    let (Some((at, _)), None) = (candidates.next(), candidates.next()) else {
        return;
    };
    let magnitude = |p: &Piece<'_>| match p.cell {
        Some(CellLex::Number(n)) => crate::parse::cell::magnitude(&n),
        _ => None,
    };
    let (Some(low), Some(high)) = (
        magnitude(&pieces[at]),
        pieces.get(at + 1).and_then(magnitude),
    ) else {
        return;
    };
    let next = pieces[at + 1];
    if high > low && line[pieces[at].end()..next.start].len() == 1 {
        pieces[at] = Piece {
            start: pieces[at].start,
            text: &line[pieces[at].start..next.end()],
            cell: Some(CellLex::Unreadable),
        };
        pieces.remove(at + 1);
    }
}

/// The size of a printed number, for comparing two (never a value).
fn magnitude(n: &NumberLex<'_>) -> Option<f64> {
    let digits: String = n.integer.chars().filter(|&c| c != '.').collect();
    let fraction = n.fraction.unwrap_or("0");
    format!("{digits}.{fraction}").parse().ok()
}

/// Index of the first piece of the longest run of cells that ends the line.
pub fn trailing_cells_start(pieces: &[Piece<'_>]) -> usize {
    pieces
        .iter()
        .rposition(|p| p.cell.is_none())
        .map_or(0, |word| word + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number_of(text: &str) -> NumberLex<'_> {
        match cell(text) {
            Ok(("", CellLex::Number(n))) => n,
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn dutch_integers_with_thousands_dots() {
        let n = number_of("1.300");
        assert_eq!((n.integer, n.fraction, n.negative), ("1.300", None, false));
        assert_eq!(number_of("-92.186").integer, "92.186");
        assert!(number_of("-92.186").negative);
        assert_eq!(number_of("13888,94%").integer, "13888");
    }

    #[test]
    fn decimals_and_percentages() {
        let n = number_of("46,0%");
        assert_eq!((n.integer, n.fraction, n.percent), ("46", Some("0"), true));
        assert!(number_of("48,9 %").percent);
        assert!(number_of("80 %").percent);
        assert_eq!(number_of("2,60").fraction, Some("60"));
    }

    #[test]
    fn euro_before_or_after() {
        assert!(number_of("€ 3.348").euro);
        assert!(number_of("3.348 €").euro);
        assert!(number_of("€15.481.766").euro);
        assert!(number_of("€ -116.766").negative);
    }

    #[test]
    fn dashes_and_no_values() {
        for dash in ["-", "–", "—"] {
            assert_eq!(cell(dash).unwrap().1, CellLex::Dash);
        }
        for none in ["pm", "PM", "p.m.", "n.v.t.", "nvt"] {
            assert_eq!(cell(none).unwrap().1, CellLex::NoValue, "{none}");
        }
    }

    #[test]
    fn a_cell_must_end_at_a_space() {
        assert!(cell("2024-2025").is_err());
        assert!(cell("1.30").is_err());
        assert!(cell("1.3000").is_err());
        assert!(cell("9.0").is_err());
        assert!(cell("12abc").is_err());
        assert!(cell("pmx").is_err());
    }

    #[test]
    fn years_are_plain_four_digit_integers() {
        assert_eq!(number_of("2024").as_year(), Some(2024));
        assert_eq!(number_of("2.024").as_year(), None);
        assert_eq!(number_of("1300").as_year(), None);
        assert_eq!(number_of("2024%").as_year(), None);
    }

    #[test]
    fn a_comparison_with_its_reference_word_is_one_cell() {
        let texts = |line: &str| -> Vec<String> {
            pieces(line).iter().map(|p| p.text.to_owned()).collect()
        };
        assert_eq!(
            texts("Werkloosheid (%) 4,1 tov 3,6 landelijk 3,5"),
            ["Werkloosheid", "(%)", "4,1 tov 3,6 landelijk", "3,5"]
        );
        assert_eq!(
            texts("Bijstand 2,2 T.O.V. 1,9 Nederland"),
            ["Bijstand", "2,2 T.O.V. 1,9 Nederland"]
        );
        let joined = comparison("1,7 vs 2,1 regio").unwrap();
        assert_eq!(
            (joined.value, joined.reference, joined.scope),
            ("1,7", "2,1", Some("regio"))
        );
        // Without the reference word, one cell whose reference has no scope.
        assert_eq!(
            texts("Meldingen 4,1 tov 3,6 3,5"),
            ["Meldingen", "4,1 tov 3,6", "3,5"]
        );
        assert_eq!(comparison("4,1 tov 3,6").unwrap().scope, None);
        assert_eq!(
            comparison("4,1 tov 3,6 gemeente"),
            None,
            "the municipality is no reference"
        );
        // A year, a word for a number, or the form cut short: the pieces
        // stay apart.
        for apart in [
            "Meldingen 2023 tov 2022 landelijk",
            "Meldingen 4,1 tov veel landelijk",
            "Meldingen 4,1 tov",
            "tov landelijk",
        ] {
            assert!(
                pieces(apart).iter().all(|p| comparison(p.text).is_none()),
                "{apart}"
            );
            assert!(
                pieces(apart).iter().all(|p| !p.text.contains(' ')),
                "{apart}"
            );
        }
    }

    #[test]
    fn pieces_split_words_and_cells() {
        let line = "Begroting PB 2026 - 4.525 48,9 % € 3.348";
        let texts: Vec<_> = pieces(line).iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            ["Begroting", "PB", "2026", "-", "4.525", "48,9 %", "€ 3.348"]
        );
        let all = pieces(line);
        assert_eq!(trailing_cells_start(&all), 2);
        assert_eq!(&line[all[4].start..all[4].end()], "4.525");
    }

    #[test]
    fn two_euro_amounts_stay_two_cells() {
        let texts: Vec<_> = pieces("€ 1.300 € 1.100").iter().map(|p| p.text).collect();
        assert_eq!(texts, ["€ 1.300", "€ 1.100"]);
        let texts: Vec<_> = pieces("1.300 € 1.100 €").iter().map(|p| p.text).collect();
        assert_eq!(texts, ["1.300 €", "1.100 €"]);
    }

    #[test]
    fn damaged_numbers_are_unreadable_cells() {
        let all = pieces("Realisatie 1.3OO 9.0 TB2 2.7Z3 IOAZ 2e");
        assert_eq!(all[1].cell, Some(CellLex::Unreadable));
        assert_eq!(all[2].cell, Some(CellLex::Unreadable));
        assert_eq!(all[3].cell, None);
        assert_eq!(all[4].cell, Some(CellLex::Unreadable));
        assert_eq!(all[5].cell, None);
        assert_eq!(all[6].cell, None);
    }

    #[test]
    fn a_line_of_words_has_no_trailing_cells() {
        let all = pieces("Realisatie van de doelen");
        assert_eq!(trailing_cells_start(&all), all.len());
    }

    proptest::proptest! {
        /// The quick test before the grammar never turns a cell into a word.
        #[test]
        fn the_quick_test_only_skips_what_is_no_cell(word in "[€−–—pPnNmtvb0-9a-zA-Z%.,* -]{1,12}") {
            if !may_start_cell(&word) {
                proptest::prop_assert!(full_cell(&word).is_err(), "{:?} is a cell", word);
            }
        }
    }

    #[test]
    fn a_footnote_mark_stays_with_its_number() {
        let texts = |line: &'static str| -> Vec<&'static str> {
            pieces(line).iter().map(|p| p.text).collect()
        };
        assert_eq!(
            texts("Vergunningen 88% 2) 95%"),
            ["Vergunningen", "88% 2)", "95%"]
        );
        assert_eq!(texts("1) Wet milieubeheer"), ["1)", "Wet", "milieubeheer"]);
        assert_eq!(texts("Lasten 4.120 12)"), ["Lasten", "4.120 12)"]);
        assert!(matches!(pieces("88% 2)")[0].cell, Some(CellLex::Number(_))));
    }

    #[test]
    fn composite_cells_are_one_cell_each() {
        let texts = |line: &'static str| -> Vec<&'static str> {
            pieces(line).iter().map(|p| p.text).collect()
        };
        assert_eq!(
            texts("Jeugdhulp Jongeren: 7,3 Jongeren: 7,0"),
            ["Jeugdhulp", "Jongeren: 7,3", "Jongeren: 7,0"]
        );
        assert!(matches!(
            pieces("Ouderen: 4,1 Ouderen: 3,9")[0].cell,
            Some(CellLex::Number(_))
        ));
        // One pair alone, and a year, stay apart.
        assert_eq!(texts("Realisatie: 12 14"), ["Realisatie:", "12", "14"]);
        assert_eq!(
            texts("Bron: 2024 Peiljaar: 2023"),
            ["Bron:", "2024", "Peiljaar:", "2023"]
        );
    }
}
