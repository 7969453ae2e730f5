//! Line grammars for numeric tables.
//!
//! ```text
//! scale    = ["("] ["Bedragen"] ("x" | "×" | "in") ["€"] amount ["euro"] [")"]    Bedragen x € 1.000
//! amount   = "1.000" | "1000" | "1 mln" | "1 miljoen" | "1.000.000"
//! caption  = "Tabel" number ["." | ":"] text                                       Tabel 3. Uitkomst …
//! share    = "(" number "%" ")"                                                     (11%)
//! row      = label cell+         a label, then the cells that end the line          Lasten -156.729 …
//! cells    = cell+               cells only                                         -96.887 -97.406 …
//! label    = text                no cells at the end                                jeugdhulp (2.1)
//! ```
//!
//! A cell may carry an annotation in brackets right after it, kept in its raw
//! text: `53 (11%)`, `1.701 (voorlopig)`.

use crate::parse::cell::{CellLex, Piece, trailing_cells_start};
use crate::parse::fold::keyword;
use crate::parse::line::{Lexeme, LineKind};
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case};
use nom::character::complete::{char, digit1, one_of, space0, space1};
use nom::combinator::{eof, opt};
use nom::sequence::preceded;
use nom::{IResult, Parser};
use std::sync::OnceLock;

/// What a line is, for the table grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableLine<'a> {
    /// Nothing but spaces.
    Blank,
    /// URL, navigation, chart caption, page marker.
    Noise,
    /// `Bedragen x €1.000`: the multiplier and whether a `€` was printed.
    Scale {
        /// Multiplier of every value.
        scale: i64,
        /// A `€` was printed.
        euro: bool,
    },
    /// `Tabel 3. …`.
    Caption,
    /// A line that ends any table: `Toelichting:`, `Bron:`, a `Doelstelling` heading.
    Stop,
    /// A share on a line of its own: `(11%)`.
    Share(Piece<'a>),
    /// Cells only.
    Cells(Vec<Piece<'a>>),
    /// A label, then cells.
    Row {
        /// All pieces; the cells start at `cells_start`.
        pieces: Vec<Piece<'a>>,
        /// Index of the first cell.
        cells_start: usize,
    },
    /// Text without cells at its end.
    Label,
}

impl<'a> TableLine<'a> {
    /// The cells of a row or cells line.
    pub fn cells(&self) -> &[Piece<'a>] {
        match self {
            TableLine::Cells(cells) => cells,
            TableLine::Row {
                pieces,
                cells_start,
            } => &pieces[*cells_start..],
            _ => &[],
        }
    }
}

/// Classifies a cleaned line, given what the indicator grammar made of it.
pub fn classify_table_line<'a>(
    lexeme: Lexeme<'_, 'a>,
    indicator_kind: &LineKind<'_>,
) -> TableLine<'a> {
    let line = lexeme.text;
    match indicator_kind {
        LineKind::Blank => return TableLine::Blank,
        LineKind::Noise => return TableLine::Noise,
        LineKind::Source(_)
        | LineKind::Goal(_)
        | LineKind::Explanation(_)
        | LineKind::Doelstelling(_) => return TableLine::Stop,
        _ => {}
    }
    if let Some((scale, euro)) = stated_scale(line) {
        return TableLine::Scale { scale, euro };
    }
    if caption(line) {
        return TableLine::Caption;
    }
    if let Some(share) = share(line) {
        return TableLine::Share(share);
    }
    if ends_in_a_word(line) {
        return TableLine::Label;
    }
    by_pieces(lexeme)
}

/// Classifies a line that is no scale, caption or share by its pieces.
fn by_pieces<'a>(lexeme: Lexeme<'_, 'a>) -> TableLine<'a> {
    let all = annotated_pieces(lexeme.text, lexeme.pieces());
    let start = trailing_cells_start(&all);
    let proper = all[start..].iter().any(|p| {
        matches!(
            p.cell,
            Some(CellLex::Number(_) | CellLex::Dash | CellLex::NoValue)
        )
    });
    match (start, proper) {
        (_, false) => TableLine::Label,
        (0, true) => TableLine::Cells(all),
        (_, true) => TableLine::Row {
            pieces: all,
            cells_start: start,
        },
    }
}

/// Whether the line's last word is a word that no cell can take in: then
/// the line is a label, known without splitting the whole line. Not for a
/// mark a number may carry after a space (`48,9 %`, `3.348 €`, the sign
/// letter of `90 V` and `290 N`), an annotation (`(11%)`), a cell or a
/// damaged number.
fn ends_in_a_word(line: &str) -> bool {
    let Some(last) = line.rsplit(' ').find(|t| !t.is_empty()) else {
        return false;
    };
    !last.starts_with('(')
        && !matches!(last, "%" | "€" | "%*" | "€*" | "V" | "N")
        && !last.starts_with(|c: char| c.is_ascii_digit())
        && crate::parse::cell::cell(last).is_err()
        && !crate::parse::cell::looks_numeric(last)
}

/// Characters a bracketed annotation after a cell has at most (`(2019)`,
/// `(begroot)`, `(na wijziging)`); a longer bracket is text of its own.
const ANNOTATION_CHARS: usize = 24;

/// The pieces of `line`, a bracketed annotation merged into the cell before it.
pub fn annotated_pieces<'a>(line: &'a str, pieces: &[Piece<'a>]) -> Vec<Piece<'a>> {
    let mut merged: Vec<Piece<'a>> = Vec::with_capacity(pieces.len());
    for &piece in pieces {
        let annotation = piece.cell.is_none()
            && piece.text.starts_with('(')
            && piece.text.ends_with(')')
            && piece.text.chars().count() <= ANNOTATION_CHARS;
        match merged.last_mut() {
            Some(previous) if annotation && previous.cell.is_some() => {
                previous.text = &line[previous.start..piece.end()];
            }
            _ => merged.push(piece),
        }
    }
    merged
}

/// `Bedragen x €1.000` and its variants: the multiplier, and whether `€` was printed.
pub fn scale(line: &str) -> Option<(i64, bool)> {
    scale_line(line.trim()).ok().map(|(_, found)| found)
}

/// A scale a line states, whole (`Bedragen x €1.000`) or inside a sentence
/// or beside a note (`Alle bedragen … zijn x € 1.000.`): what a table's scale line is.
pub fn stated_scale(line: &str) -> Option<(i64, bool)> {
    let line = line.trim();
    scale(line).or_else(|| scale_in_sentence(line))
}

/// Words a line stating a scale in words has at most.
const SCALE_SENTENCE_WORDS: usize = 12;
/// Words a line about amounts that states a scale has at most; a longer
/// one is prose.
const SCALE_STATEMENT_WORDS: usize = 25;

/// A scale stated inside a line: `Alle bedragen zijn x € 1.000.`,
/// `bedragen x 1.000,-`, `(bedragen in duizenden euro)`, `Bedragen x €
/// 1.000 (- = nadelig)`. The line names amounts (`bedrag…`) or states the
/// scale in words (`duizenden`), and is short unless it names amounts;
/// the scale is `x`/`×`/`in` and an amount that nothing but punctuation,
/// `,-`, `euro` or a bracketed note follows.
fn scale_in_sentence(line: &str) -> Option<(i64, bool)> {
    // Quick refusal, one fast scan or two: a scale inside a line is stated
    // about amounts (`bedragen`) or in words (`duizenden`).
    static FINDERS: OnceLock<[memchr::memmem::Finder<'static>; 3]> = OnceLock::new();
    let [edrag, caps, uizend] = FINDERS.get_or_init(|| {
        [b"edrag".as_slice(), b"EDRAG", b"uizend"].map(memchr::memmem::Finder::new)
    });
    let bytes = line.as_bytes();
    let names_amounts = edrag.find(bytes).is_some() || caps.find(bytes).is_some();
    if !names_amounts && uizend.find(bytes).is_none() {
        return None;
    }
    let words = line.split_whitespace().count();
    let most = if names_amounts {
        SCALE_STATEMENT_WORDS
    } else {
        SCALE_SENTENCE_WORDS
    };
    if words > most {
        return None;
    }
    // Where a scale may start: a word (or bracket) opening with `x`, `×`, `in`.
    let opens = |c: char| matches!(c, '(' | 'x' | 'X' | '×' | 'i' | 'I');
    let starts = std::iter::once(0).chain(
        line.char_indices()
            .filter(|&(i, c)| i > 0 && opens(c) && (c == '(' || line[..i].ends_with([' ', '('])))
            .map(|(i, _)| i),
    );
    starts
        .filter_map(|at| scale_phrase(&line[at..]).ok())
        .map(|(_, found)| found)
        .next()
}

/// `x € 1.000,-`, `in € 1 mln`, `in duizenden euro's` at the start of the input.
fn scale_phrase(input: &str) -> IResult<&str, (i64, bool)> {
    let (rest, _) = opt(char('(')).parse(input)?;
    let words = |rest| -> IResult<&str, (i64, bool)> {
        let (rest, _) = (keyword("in"), space1).parse(rest)?;
        let (rest, amount) = alt((
            |i| keyword("duizenden")(i).map(|(r, _)| (r, 1_000)),
            |i| keyword("miljoenen")(i).map(|(r, _)| (r, 1_000_000)),
        ))
        .parse(rest)?;
        let (rest, _) = (space1, tag_no_case("euro")).parse(rest)?;
        Ok((rest, (amount, true)))
    };
    let marked = |rest| -> IResult<&str, (i64, bool)> {
        let (rest, _) = (
            alt((tag_no_case("x"), tag_no_case("×"), keyword("in"))),
            space0,
        )
            .parse(rest)?;
        let (rest, euro) = opt(preceded(char('€'), space0)).parse(rest)?;
        let (rest, amount) = amount(rest)?;
        let (rest, _) = opt(tag(",-")).parse(rest)?;
        let (rest, euro_word) = opt(preceded(space1, keyword("euro"))).parse(rest)?;
        Ok((rest, (amount, euro.is_some() || euro_word.is_some())))
    };
    let (rest, found) = alt((words, marked)).parse(rest)?;
    // Only punctuation, a bracketed note or the end may follow: `x 1.000
    // inwoners` is no scale.
    let after = rest.strip_prefix("'s").unwrap_or(rest).trim_start();
    let ends = after
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '.' | ',' | ')' | ';' | ':' | '('));
    if !ends {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, found))
}

fn scale_line(line: &str) -> IResult<&str, (i64, bool)> {
    // Quick refusal of the lines that cannot start `Bedragen`, `x` or `in`.
    let first = line.trim_start_matches(['(', ' ']).chars().next();
    if !matches!(first, Some('b' | 'B' | 'x' | 'X' | '×' | 'i' | 'I')) {
        return Err(nom::Err::Error(nom::error::Error::new(
            line,
            nom::error::ErrorKind::Char,
        )));
    }
    let (rest, _) = (
        opt(char('(')),
        space0,
        opt((keyword("Bedragen"), space1)),
        alt((tag_no_case("x"), tag_no_case("×"), tag_no_case("in"))),
        space0,
    )
        .parse(line)?;
    let (rest, euro) = opt(preceded(char('€'), space0)).parse(rest)?;
    let (rest, amount) = amount(rest)?;
    let (rest, euro_word) = opt(preceded(space1, keyword("euro"))).parse(rest)?;
    let (rest, _) = (space0, opt(char(')')), space0, eof).parse(rest)?;
    Ok((rest, (amount, euro.is_some() || euro_word.is_some())))
}

fn amount(input: &str) -> IResult<&str, i64> {
    alt((
        |i| {
            (
                tag_no_case("1"),
                space1,
                alt((keyword("mln"), keyword("miljoen"))),
            )
                .parse(i)
                .map(|(r, _)| (r, 1_000_000))
        },
        |i| tag_no_case("1.000.000")(i).map(|(r, _)| (r, 1_000_000)),
        |i| tag_no_case("1.000")(i).map(|(r, _)| (r, 1_000)),
        |i| tag_no_case("1000")(i).map(|(r, _)| (r, 1_000)),
    ))
    .parse(input)
}

/// Words a sign note gives a sign's meaning with.
const SIGN_MEANINGS: &[&str] = &[
    "nadelig",
    "voordelig",
    "nadeel",
    "voordeel",
    "negatief",
    "positief",
];
/// How a sign note prints a sign.
const SIGNS: &[&str] = &[
    "-", "+", "(-)", "(+)", "−", "N", "V", "min", "plus", "negatief", "positief",
];

/// A printed sign note, as the span of `line` it takes: `- = nadelig`,
/// `+ is een voordeel`, `(-) = nadeel, (+) = voordeel`, `N = nadelig`.
/// The note says how to read the table's signs; no value is changed by it.
pub fn sign_note(line: &str) -> Option<&str> {
    let lower = line.to_lowercase();
    if !SIGN_MEANINGS.iter().any(|m| lower.contains(m)) {
        return None;
    }
    // Each word with its offset; a bracket opening a note is no part of it
    // (`(- = nadelig)`), one around a sign is (`(-) = nadeel`).
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| {
            let at = w.as_ptr() as usize - line.as_ptr() as usize;
            match w.strip_prefix('(') {
                Some(inner) if !inner.contains(')') => (at + 1, inner),
                _ => (at, w),
            }
        })
        .collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | ')' | '(') && w.len() > 1)
            .to_lowercase()
    };
    let is_sign = |w: &str| {
        SIGNS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(w.trim_end_matches([',', ';'])))
    };
    let is_link = |w: &str| matches!(w, "=" | "is" | ":");
    let mut first = None;
    let mut last = None;
    for i in 0..words.len() {
        // sign link [een] meaning
        if is_sign(words[i].1) && words.get(i + 1).is_some_and(|w| is_link(w.1)) {
            let mut at = i + 2;
            if words.get(at).is_some_and(|w| w.1 == "een") {
                at += 1;
            }
            if let Some((start, word)) = words.get(at)
                && SIGN_MEANINGS.contains(&bare(word).as_str())
            {
                first.get_or_insert(words[i].0);
                last = Some(start + word.trim_end_matches([',', ';', '.', ')']).len());
            }
        }
    }
    Some(line[first?..last?].trim())
}

/// `Tabel 3. …`, `Tabel 3: …`.
pub fn caption(line: &str) -> bool {
    (
        keyword("Tabel"),
        space1,
        digit1,
        opt(one_of(".:")),
        alt((space1, eof)),
    )
        .parse(line)
        .is_ok()
}

fn share(line: &str) -> Option<Piece<'_>> {
    let trimmed = line.trim();
    let inner = trimmed.strip_prefix('(')?.strip_suffix(')')?;
    match crate::parse::cell::cell(inner.trim()) {
        Ok(("", CellLex::Number(n))) if n.percent => Some(Piece {
            start: line.len() - line.trim_start().len(),
            text: trimmed,
            cell: Some(CellLex::Number(n)),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::OnceCell;

    proptest::proptest! {
        /// The quick test for a label agrees with reading every piece.
        #[test]
        fn a_line_ending_in_a_word_is_a_label(
            words in proptest::collection::vec(
                "(Lasten|Saldo|de|pm|n\\.v\\.t\\.|-|–|€|%|%\\*|€ ?[0-9.]{1,7}|-?[0-9]{1,3}(\\.[0-9]{3})?(,[0-9])?( ?%)?|\\([a-z0-9%]{1,5}\\)|[0-9]{4}\\.|1\\.3OO|TB2)",
                1..7,
            )
        ) {
            let line = words.join(" ");
            if ends_in_a_word(&line) {
                proptest::prop_assert_eq!(by_pieces(Lexeme::new(&line, &OnceCell::new())), TableLine::Label, "{}", line);
            }
        }
    }
    use crate::parse::line::classify as indicator_kind;

    fn kind(line: &str) -> TableLine<'_> {
        classify_table_line(Lexeme::new(line, &OnceCell::new()), &indicator_kind(line))
    }

    #[test]
    fn scale_lines() {
        assert_eq!(scale("Bedragen x €1.000"), Some((1000, true)));
        assert_eq!(scale("Bedragen x € 1.000"), Some((1000, true)));
        assert_eq!(scale("x €1.000"), Some((1000, true)));
        assert_eq!(scale("(bedragen x € 1.000)"), Some((1000, true)));
        let stated = stated_scale;
        assert_eq!(stated("bedragen x 1.000,-"), Some((1000, false)));
        assert_eq!(
            stated("Alle bedragen in deze tabel zijn x € 1.000."),
            Some((1000, true))
        );
        assert_eq!(
            stated("Bedragen x € 1.000 (- = nadelig)"),
            Some((1000, true))
        );
        assert_eq!(stated("(bedragen in duizenden euro's)"), Some((1000, true)));
        assert_eq!(stated("Bedragen in € 1 mln"), Some((1_000_000, true)));
        assert_eq!(stated("Bedragen x €1.000"), Some((1000, true)));
        // Not a scale: a count per thousand, a long sentence, a year.
        assert_eq!(stated("Het aantal is x 1.000 inwoners"), None);
        assert_eq!(
            stated(
                "In 2024 groeide het aantal woningen in de gemeente met ruim 1.000 stuks tot een nieuw hoogtepunt"
            ),
            None
        );
        assert_eq!(stated("Begroting 2024"), None);
        assert_eq!(scale("Bedragen x 1 mln"), Some((1_000_000, false)));
        assert_eq!(scale("Bedragen x 1.000 euro"), Some((1000, true)));
        assert_eq!(scale("x €1.000 en meer"), None);
        assert_eq!(scale("Bedragen"), None);
        assert_eq!(scale("In 1.000"), Some((1000, false)));
        assert_eq!(scale("Lasten x 1.000"), None);
    }

    #[test]
    fn sign_notes() {
        assert_eq!(
            sign_note("Bedragen x € 1.000 (- = nadelig)"),
            Some("- = nadelig")
        );
        assert_eq!(
            sign_note("(-) = nadeel, (+) = voordeel"),
            Some("(-) = nadeel, (+) = voordeel")
        );
        assert_eq!(sign_note("+ is een voordeel"), Some("+ is een voordeel"));
        assert_eq!(
            sign_note("N = nadelig, V = voordelig"),
            Some("N = nadelig, V = voordelig")
        );
        assert_eq!(sign_note("Het resultaat is nadelig voor de gemeente"), None);
        assert_eq!(sign_note("Lasten 4.120 4.388"), None);
    }

    #[test]
    fn captions() {
        assert!(caption(
            "Tabel 1. Instroom van jeugdigen in de periode 2015-2019"
        ));
        assert!(caption("Tabel 12: Kosten"));
        assert!(!caption("Tabellen"));
        assert!(!caption("Tabel hieronder"));
    }

    #[test]
    fn rows_cells_and_labels() {
        match kind("TOTAAL PROGRAMMA -156.729 19.970 0 886 -135.874") {
            TableLine::Row {
                pieces,
                cells_start,
            } => {
                assert_eq!(cells_start, 2);
                assert_eq!(pieces.len(), 7);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(kind("-96.887 -97.406 -96.699"), TableLine::Cells(c) if c.len() == 3));
        assert_eq!(kind("jeugdhulp (2.1)"), TableLine::Label);
        assert_eq!(
            kind(
                "4. Verbonden partijen (maatregel 5, 27, 157, 167), Gemeenschappelijke regelingen:"
            ),
            TableLine::Label
        );
        assert!(matches!(kind("(11%)"), TableLine::Share(_)));
        assert_eq!(kind("Toelichting: tekst"), TableLine::Stop);
    }

    #[test]
    fn annotations_stay_with_their_cell() {
        let line = "2019 1.701 (voorlopig)";
        let cells: Vec<&str> = kind(line).cells().iter().map(|p| p.text).collect();
        assert_eq!(cells, ["2019", "1.701 (voorlopig)"]);
        match kind("Bevorderen gezondheid (2.3) -9.937 7.947") {
            TableLine::Row {
                pieces,
                cells_start,
            } => assert_eq!(pieces[cells_start].text, "-9.937"),
            other => panic!("{other:?}"),
        }
    }
}
