//! The token stream every grammar reads: what one cleaned line is, found
//! once per line ([`tokenize`]) and shared by the indicator, table and
//! metadata grammars.
//!
//! Each grammar reads a whole line. Keywords match through OCR damage
//! ([`crate::parse::fold`]); numbers are cells ([`crate::parse::cell`]).
//!
//! ```text
//! source       = "Bron" ["nen"] (":" | ";") text                  Bron: Stadspeiling
//! year-header  = ("Type" | "Jaar") year+  |  year+                Type 2023 2024 / 2024
//! value-row    = row-keyword label-word* cell*                    Begroting PB 2026 - 4.525 …
//! row-keyword  = "Begroting" | "Raming"                         → begroting
//!              | "Streefwaarde"                                  → streefwaarde
//!              | "Realisatie" | "Werkelijk"                       → realisatie
//! cells        = cell+                                            1.100 / 48,0%
//! goal         = ["Toelichting"] "Doel gehaald" [":"] answer …    Doel gehaald: Ja.
//! explanation  = "Toelichting" (":" | ";") text                   Toelichting: In 2024 …
//! label        = "Toelichting"                                    (a bare column label)
//! doelstelling = "Doelstelling" number [text]                     Doelstelling 2.1 Bevorderen …
//! suffix-title = text "(" ("Realisatie" | "Begroting") year ")"   … (Realisatie 2024)
//! noise        = url | "Terug naar navigatie" … | "Trendgrafiek" … | "Grafiek" … | "Pagina" n
//! ```

use crate::parse::cell::{CellLex, Piece, cell, pieces, trailing_cells_start};
use crate::parse::fold::{fold_char, fuzzy_tag, keyword};
use nom::branch::alt;
use nom::bytes::complete::take_while1;
use nom::character::complete::{char, digit1, one_of, space0, space1};
use nom::combinator::{eof, opt, recognize};
use nom::multi::many0;
use nom::sequence::{pair, preceded};
use nom::{IResult, Parser};
use std::cell::OnceCell;

/// What a line is: a keyword line, a value row, cells, text or noise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind<'a> {
    /// Nothing but spaces.
    Blank,
    /// A URL, web-export navigation, chart caption or page marker.
    Noise,
    /// A `Doelstelling 2.1 …` heading; holds the number.
    Doelstelling(&'a str),
    /// A title ending in `(Realisatie 2024)`.
    SuffixTitle(SuffixTitle),
    /// `Bron: …`; holds the source text.
    Source(&'a str),
    /// Years of a value table, with or without `Type`/`Jaar` in front.
    Years(YearsLine),
    /// A `Begroting …` or `Realisatie …` row, with or without cells.
    Row(RowLine<'a>),
    /// A line of cells only.
    Cells(Vec<Piece<'a>>),
    /// `Doel gehaald: Ja/Nee`.
    Goal(GoalLine<'a>),
    /// A bare `Toelichting` (a column label of the web table).
    ExplanationLabel,
    /// `Toelichting: …`; holds the text after the colon.
    Explanation(&'a str),
    /// Anything else.
    Text,
}

/// A title with its `(Realisatie 2024)` suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuffixTitle {
    /// Byte offset where the suffix's `(` starts.
    pub suffix_start: usize,
    /// The suffix's year.
    pub year: i32,
}

/// A line of years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearsLine {
    /// `Type` or `Jaar` was printed in front.
    pub keyword: bool,
    /// The years, in order.
    pub years: Vec<i32>,
    /// Middle of each year on its line, in half character columns.
    pub centers: Vec<usize>,
    /// The years are spread out by three spaces or more: the line keeps the page's
    /// layout (as `pdftotext -layout` prints), so positions align columns.
    pub spread: bool,
}

/// Middle of a piece of `line`, in half character columns (exact, and
/// comparable between lines of one page).
pub fn center(line: &str, piece: &Piece<'_>) -> usize {
    2 * line[..piece.start].chars().count() + piece.text.chars().count()
}

/// What a value row's keyword says its values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowKind {
    /// Planned: `Begroting`, `Raming`.
    Begroting,
    /// Realised: `Realisatie`, `Werkelijk`.
    Realisatie,
    /// A target: `Streefwaarde`.
    Streefwaarde,
}

/// A value row as printed: keyword, label words, then cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowLine<'a> {
    /// Planned or realised.
    pub kind: RowKind,
    /// All pieces of the line, the label words included.
    pub pieces: Vec<Piece<'a>>,
    /// Index in `pieces` of the first cell.
    pub cells_start: usize,
}

impl<'a> RowLine<'a> {
    /// The cells after the label.
    pub fn cells(&self) -> &[Piece<'a>] {
        &self.pieces[self.cells_start..]
    }
}

/// `Doel gehaald: …` as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalLine<'a> {
    /// `Ja` → true, `Nee` → false, anything else → None.
    pub met: Option<bool>,
    /// The answer word as printed.
    pub answer: &'a str,
    /// Text of a `Toelichting:` printed on the same line.
    pub explanation: Option<&'a str>,
}

/// Classifies one cleaned line.
pub fn classify(line: &str) -> LineKind<'_> {
    classify_lexeme(Lexeme::new(line, &OnceCell::new()))
}

/// [`classify`] over a line of the shared lexing pass: the pieces it
/// needs are lexed once, for every grammar after it too.
fn classify_lexeme<'a>(lexeme: Lexeme<'_, 'a>) -> LineKind<'a> {
    let line = lexeme.text;
    if line.trim().is_empty() {
        return LineKind::Blank;
    }
    // Every keyword a grammar below starts with begins with one of these
    // letters (folded); other lines skip straight to cells and titles.
    let keyed = line
        .chars()
        .next()
        .map(fold_char)
        .is_some_and(|c| KEYWORD_INITIALS.contains(c));
    if is_noise(line, keyed) {
        return LineKind::Noise;
    }
    if !keyed {
        return unkeyed(lexeme);
    }
    let parsers = (
        |i| source(i).map(|(r, s)| (r, LineKind::Source(s))),
        |i| goal(i).map(|(r, g)| (r, LineKind::Goal(g))),
        explanation,
        |i| doelstelling(i).map(|(r, n)| (r, LineKind::Doelstelling(n))),
        |i| keyed_years(i).map(|(r, y)| (r, LineKind::Years(y))),
    );
    if let Ok((_, kind)) = alt(parsers).parse(line) {
        return kind;
    }
    if let Some(row) = value_row(lexeme) {
        return LineKind::Row(row);
    }
    unkeyed(lexeme)
}

/// Folded first letters of the keywords of `Bron`, `Doel gehaald`,
/// `Toelichting`, `Doelstelling`, `Type`, `Jaar`, the row keywords and the
/// noise lines (`Terug naar navigatie`, `Trendgrafiek`, `Grafiek`, `Pagina`).
const KEYWORD_INITIALS: &str = "bdtjsrwgp";

/// The kinds a line can be without a leading keyword.
fn unkeyed<'a>(lexeme: Lexeme<'_, 'a>) -> LineKind<'a> {
    if let Some(kind) = cells_only(lexeme) {
        return kind;
    }
    if let Some(title) = suffix_title(lexeme.text) {
        return LineKind::SuffixTitle(title);
    }
    LineKind::Text
}

fn is_noise(line: &str, keyed: bool) -> bool {
    let url = |word: &str| {
        word.starts_with("http://") || word.starts_with("https://") || word.starts_with("www.")
    };
    line.split_whitespace().all(url) || (keyed && keyword_noise(line))
}

/// Navigation, chart captions and page markers, each led by a keyword.
fn keyword_noise(line: &str) -> bool {
    fuzzy_tag("Terug naar navigatie")(line).is_ok()
        || keyword("Trendgrafiek")(line).is_ok()
        || preceded(keyword("Grafiek"), preceded(space1, digit1))
            .parse(line)
            .is_ok()
        || preceded(keyword("Pagina"), preceded(space1, digit1))
            .parse(line)
            .is_ok()
}

fn colon(input: &str) -> IResult<&str, char> {
    preceded(space0, one_of(":;")).parse(input)
}

fn source(line: &str) -> IResult<&str, &str> {
    let (rest, _) = (keyword("Bron").or(keyword("Bronnen")), colon).parse(line)?;
    Ok(("", rest.trim()))
}

fn goal(line: &str) -> IResult<&str, GoalLine<'_>> {
    let (rest, _) = (
        opt((keyword("Toelichting"), space1)),
        keyword("Doel gehaald"),
        opt(preceded(space0, one_of(":;?"))),
        space0,
    )
        .parse(line)?;
    let (rest, answer) = take_while1::<_, _, nom::error::Error<&str>>(|c: char| {
        c.is_alphanumeric() || c == '.' || c == '/'
    })
    .parse(rest)
    .unwrap_or((rest, ""));
    let word = answer.trim_end_matches('.');
    let met = if keyword("Ja")(word).is_ok_and(|(r, _)| r.is_empty()) {
        Some(true)
    } else if keyword("Nee")(word).is_ok_and(|(r, _)| r.is_empty()) {
        Some(false)
    } else {
        None
    };
    let rest = rest.trim_start_matches([' ', ',', '.']);
    let explanation = (keyword("Toelichting"), colon)
        .parse(rest)
        .ok()
        .map(|(text, _)| text.trim());
    Ok((
        "",
        GoalLine {
            met,
            answer: word,
            explanation,
        },
    ))
}

fn explanation(line: &str) -> IResult<&str, LineKind<'_>> {
    let (rest, _) = keyword("Toelichting")(line)?;
    if let Ok((text, _)) = colon(rest) {
        return Ok(("", LineKind::Explanation(text.trim())));
    }
    let (rest, _) = (space0, eof).parse(rest)?;
    Ok((rest, LineKind::ExplanationLabel))
}

fn doelstelling(line: &str) -> IResult<&str, &str> {
    let number = recognize(pair(digit1, many0(pair(char('.'), digit1))));
    let (rest, (_, _, number)) = (keyword("Doelstelling"), space1, number).parse(line)?;
    let (rest, _) = alt((space1, eof)).parse(rest)?;
    Ok((rest, number))
}

/// `Type 2023 2024`, `Jaar 2023`, `Type2023 2024` (glued by OCR), or a bare
/// `Type` whose years follow on later lines.
fn keyed_years(line: &str) -> IResult<&str, YearsLine> {
    let (rest, _) = alt((fuzzy_tag("Type"), fuzzy_tag("Jaar"))).parse(line)?;
    let after_keyword = line.len() - rest.len();
    let glued = rest.starts_with(|c: char| c.is_ascii_digit());
    let spaced = rest.starts_with(' ');
    let years = if rest.trim().is_empty() {
        Some(YearsLine {
            keyword: true,
            years: Vec::new(),
            centers: Vec::new(),
            spread: false,
        })
    } else if glued || spaced {
        years_only(line, after_keyword)
    } else {
        None
    };
    match years {
        Some(years) => Ok((
            "",
            YearsLine {
                keyword: true,
                ..years
            },
        )),
        None => Err(nom::Err::Error(nom::error::Error::new(
            line,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// The years of `line` from byte `from` on, when nothing else is printed there.
fn years_only(line: &str, from: usize) -> Option<YearsLine> {
    let all: Vec<Piece<'_>> = pieces(&line[from..])
        .into_iter()
        .map(|p| Piece {
            start: p.start + from,
            ..p
        })
        .collect();
    years_of(line, &all)
}

/// The years of `line`, whose pieces are `all`, when nothing else is printed.
fn years_of(line: &str, all: &[Piece<'_>]) -> Option<YearsLine> {
    let years: Option<Vec<i32>> = all
        .iter()
        .map(|p| match p.cell {
            Some(CellLex::Number(n)) => n.as_year(),
            _ => None,
        })
        .collect();
    let years = years.filter(|y| !y.is_empty())?;
    // Three spaces or more: a double space is as likely OCR noise.
    let spread = all.len() > 1 && all.windows(2).all(|w| w[1].start - w[0].end() >= 3);
    Some(YearsLine {
        keyword: false,
        years,
        centers: all.iter().map(|p| center(line, p)).collect(),
        spread,
    })
}

fn row_keyword(line: &str) -> Option<RowKind> {
    let planned = ["Begroting", "Raming"];
    let realised = ["Realisatie", "Werkelijk"];
    if keyword("Streefwaarde")(line).is_ok() {
        Some(RowKind::Streefwaarde)
    } else if planned.iter().any(|k| keyword(k)(line).is_ok()) {
        Some(RowKind::Begroting)
    } else if realised.iter().any(|k| keyword(k)(line).is_ok()) {
        Some(RowKind::Realisatie)
    } else {
        None
    }
}

/// A row: its keyword, then at most four label words, then the cells that
/// end the line. A row without cells is accepted only when its label words
/// are short qualifiers (`Begroting PB 2026`), and a row whose last cell
/// carries sentence punctuation (`… dan 1.200.`) is prose, not a row.
fn value_row<'a>(lexeme: Lexeme<'_, 'a>) -> Option<RowLine<'a>> {
    let kind = row_keyword(lexeme.text)?;
    let all = lexeme.pieces();
    let cells_start = trailing_cells_start(all).max(1);
    let label_words = &all[1..cells_start.min(all.len())];
    if label_words.len() > MAX_LABEL_WORDS {
        return None;
    }
    let cells = &all[cells_start.min(all.len())..];
    if cells.is_empty() && !label_words.iter().all(|p| is_qualifier(p.text)) {
        return None;
    }
    let punctuated = |p: &Piece<'_>| {
        p.cell == Some(CellLex::Unreadable) && p.text.ends_with(['.', ',', ';', ':'])
    };
    if cells.iter().any(punctuated) {
        return None;
    }
    Some(RowLine {
        kind,
        pieces: all.to_vec(),
        cells_start,
    })
}

/// Label words a row may carry between its keyword and its cells
/// (`Begroting na wijziging`, `Begroting PB 2026`).
const MAX_LABEL_WORDS: usize = 4;

/// `PB`, `TB2`, `2026`, `(PB)`: the short qualifiers a row label carries.
fn is_qualifier(word: &str) -> bool {
    let word = word.trim_matches(|c| c == '(' || c == ')');
    !word.is_empty()
        && word.len() <= 5
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
}

fn cells_only<'a>(lexeme: Lexeme<'_, 'a>) -> Option<LineKind<'a>> {
    let line = lexeme.text;
    let first = line.chars().next()?;
    let may_start_a_cell = first.is_ascii_digit() || "-–—−€".contains(first) || cell(line).is_ok();
    if !may_start_a_cell {
        return None;
    }
    let all = lexeme.pieces();
    if all.iter().any(|p| p.cell.is_none()) {
        return None;
    }
    if let Some(years) = years_of(line, all) {
        return Some(LineKind::Years(years));
    }
    Some(LineKind::Cells(all.to_vec()))
}

/// `… (Realisatie 2024)`; OCR may drop the closing parenthesis or the
/// space, and a wrapped title may leave the suffix alone on its line
/// (`suffix_start` 0) or split it (`… (Realisatie` / `2024)`, see
/// [`join_split_suffixes`]).
fn suffix_title(line: &str) -> Option<SuffixTitle> {
    let trimmed = line.trim_end();
    if !trimmed.ends_with(|c: char| c == ')' || c.is_ascii_digit()) {
        return None;
    }
    let open = trimmed.rfind('(')?;
    let (_, (_, _, _, _, year, _, _, _)) = (
        char('('),
        space0,
        alt((fuzzy_tag("Realisatie"), fuzzy_tag("Begroting"))),
        space0,
        four_digit_year,
        space0,
        opt(char(')')),
        eof,
    )
        .parse(&trimmed[open..])
        .ok()?;
    Some(SuffixTitle {
        suffix_start: open,
        year,
    })
}

/// Characters from which a URL line is long enough to have wrapped: a
/// report's text column is some 60 to 100 characters wide.
const WRAPPED_URL_CHARS: usize = 60;
/// Characters a URL's wrapped tail has at most (a path segment or an id).
const URL_TAIL_CHARS: usize = 40;

/// The tail of a long URL wrapped onto the next line (`…/5ab5126d-d4e4-61e17`
/// / `6e25bae`) is noise too.
pub fn join_wrapped_urls(lines: &[&str], kinds: &mut [LineKind<'_>]) {
    for at in 1..kinds.len() {
        let previous = lines[at - 1].trim();
        let is_url = previous.starts_with("http://")
            || previous.starts_with("https://")
            || previous.starts_with("www.");
        let tail = lines[at].trim();
        let url_like = !tail.is_empty()
            && tail.len() <= URL_TAIL_CHARS
            && !tail.contains(' ')
            && tail
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.~?=&%/#+".contains(c))
            && tail
                .chars()
                .any(|c| c.is_ascii_digit() || "-_/=&?".contains(c));
        if is_url
            && previous.len() >= WRAPPED_URL_CHARS
            && url_like
            && matches!(kinds[at], LineKind::Text)
        {
            kinds[at] = LineKind::Noise;
        }
    }
}

/// A title whose suffix was split over two lines, `… (Realisatie` then
/// `2024)`: the first line becomes the suffix title, the second noise.
pub fn join_split_suffixes(lines: &[&str], kinds: &mut [LineKind<'_>]) {
    for at in 0..kinds.len().saturating_sub(1) {
        if !matches!(kinds[at], LineKind::Text) {
            continue;
        }
        let head = lines[at].trim_end();
        let Some(open) = head.rfind('(') else {
            continue;
        };
        let opened = (
            char::<_, nom::error::Error<&str>>('('),
            space0,
            alt((fuzzy_tag("Realisatie"), fuzzy_tag("Begroting"))),
            space0,
            eof,
        )
            .parse(&head[open..])
            .is_ok();
        let Some(next) = (at + 1..kinds.len()).find(|&i| !matches!(kinds[i], LineKind::Blank))
        else {
            continue;
        };
        let tail = lines[next].trim();
        let year = four_digit_year(tail)
            .ok()
            .filter(|(rest, _)| rest.trim() == ")" || rest.trim().is_empty() && tail.len() == 4);
        if let (true, Some((_, year))) = (opened, year) {
            kinds[at] = LineKind::SuffixTitle(SuffixTitle {
                suffix_start: open,
                year,
            });
            kinds[next] = LineKind::Noise;
        }
    }
}

fn four_digit_year(input: &str) -> IResult<&str, i32> {
    let (rest, digits) = digit1(input)?;
    match digits.parse::<i32>() {
        Ok(year) if digits.len() == 4 => Ok((rest, year)),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        ))),
    }
}

/// A line of the shared lexing pass: its text, and its pieces (cells and
/// words, [`pieces`]) lexed at most once — by the first grammar that asks —
/// and then read by every grammar after it.
#[derive(Debug, Clone, Copy)]
pub struct Lexeme<'p, 'a> {
    /// The cleaned line.
    pub text: &'a str,
    cache: &'p OnceCell<Vec<Piece<'a>>>,
}

impl<'p, 'a> Lexeme<'p, 'a> {
    /// `text`, its pieces kept in `cache`.
    pub fn new(text: &'a str, cache: &'p OnceCell<Vec<Piece<'a>>>) -> Self {
        Lexeme { text, cache }
    }

    /// The line's pieces, left to right.
    pub fn pieces(self) -> &'p [Piece<'a>] {
        self.cache.get_or_init(|| pieces(self.text))
    }
}

/// One classified line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The cleaned line.
    pub text: &'a str,
    /// What it is.
    pub kind: LineKind<'a>,
    /// Its pieces, once a grammar asked ([`Token::lexeme`]).
    pieces: OnceCell<Vec<Piece<'a>>>,
}

impl<'a> Token<'a> {
    /// The line as the shared lexing pass holds it.
    pub fn lexeme(&self) -> Lexeme<'_, 'a> {
        Lexeme::new(self.text, &self.pieces)
    }

    /// Lets go of the pieces (they are lexed again if asked for): the
    /// grammars are done, and a document's pieces are many times its size.
    pub fn forget_pieces(&mut self) {
        self.pieces.take();
    }
}

/// Classifies every line of a document.
pub fn tokenize<'a>(lines: &[&'a str]) -> Vec<Token<'a>> {
    let caches: Vec<OnceCell<Vec<Piece<'a>>>> = lines.iter().map(|_| OnceCell::new()).collect();
    let mut kinds: Vec<LineKind<'a>> = lines
        .iter()
        .zip(&caches)
        .map(|(text, cache)| classify_lexeme(Lexeme::new(text, cache)))
        .collect();
    join_split_suffixes(lines, &mut kinds);
    join_wrapped_urls(lines, &mut kinds);
    lines
        .iter()
        .zip(kinds)
        .zip(caches)
        .map(|((text, kind), pieces)| Token { text, kind, pieces })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_lexed_once_for_every_grammar() {
        let tokens = tokenize(&["1.200 3.400", "Lasten en baten van de gemeente"]);
        // Classifying the cells line lexed it; the kind holds the same pieces.
        let LineKind::Cells(cells) = &tokens[0].kind else {
            panic!("a line of cells")
        };
        assert_eq!(
            tokens[0].pieces.get().map(Vec::as_slice),
            Some(cells.as_slice())
        );
        // Prose was never lexed; asking twice lexes it once.
        assert!(tokens[1].pieces.get().is_none());
        let first = tokens[1].lexeme().pieces();
        assert_eq!(first.len(), 6);
        assert!(std::ptr::eq(first, tokens[1].lexeme().pieces()));
        let mut token = tokens[1].clone();
        token.forget_pieces();
        assert!(token.pieces.get().is_none());
    }

    #[test]
    fn every_keyword_starts_with_a_keyword_initial() {
        let keywords = [
            "Bron",
            "Bronnen",
            "Toelichting",
            "Doel gehaald",
            "Doelstelling",
            "Type",
            "Jaar",
            "Begroting",
            "Streefwaarde",
            "Raming",
            "Realisatie",
            "Werkelijk",
            "Terug naar navigatie",
            "Trendgrafiek",
            "Grafiek",
            "Pagina",
        ];
        for word in keywords {
            let initial = fold_char(word.chars().next().unwrap());
            assert!(KEYWORD_INITIALS.contains(initial), "{word}");
        }
        // A keyword line is still read as one after the quick test.
        assert!(matches!(classify("Doelgehaald: Ja"), LineKind::Goal(_)));
        assert!(matches!(classify("bron: CBS"), LineKind::Source(_)));
        assert_eq!(classify("Een zin over 2024."), LineKind::Text);
    }

    fn years(line: &str) -> (bool, Vec<i32>) {
        match classify(line) {
            LineKind::Years(y) => (y.keyword, y.years),
            other => panic!("{line:?} is {other:?}"),
        }
    }

    fn row(line: &str) -> RowLine<'_> {
        match classify(line) {
            LineKind::Row(r) => r,
            other => panic!("{line:?} is {other:?}"),
        }
    }

    #[test]
    fn sources_with_and_without_damage() {
        assert_eq!(
            classify("Bron: DataWareHouse Zoetermeer"),
            LineKind::Source("DataWareHouse Zoetermeer")
        );
        assert_eq!(
            classify("Bron : Stadspeiling"),
            LineKind::Source("Stadspeiling")
        );
        assert_eq!(classify("Bronnen: CBS"), LineKind::Source("CBS"));
        assert_eq!(classify("Bron van zorg"), LineKind::Text);
    }

    #[test]
    fn year_headers_keyed_bare_and_damaged() {
        assert_eq!(years("Type 2023 2024"), (true, vec![2023, 2024]));
        assert_eq!(years("Jaar 2023 2024"), (true, vec![2023, 2024]));
        assert_eq!(
            years("Type 2024 2026 2027 2028 2029"),
            (true, vec![2024, 2026, 2027, 2028, 2029])
        );
        assert_eq!(years("Type 2023"), (true, vec![2023]));
        assert_eq!(years("2024"), (false, vec![2024]));
        assert_eq!(classify("Jaar Aantal unieke jeugdigen"), LineKind::Text);
        assert_eq!(years("Type"), (true, vec![]));
        assert_eq!(years("Type2023 2024"), (true, vec![2023, 2024]));
        assert_eq!(classify("Typeer 2023"), LineKind::Text);
        assert_eq!(classify("Jaarlijks 2023"), LineKind::Text);
    }

    #[test]
    fn value_rows_split_label_from_cells() {
        let r = row("Begroting PB 2026 - 4.525 4.000 3.750 3.500");
        assert_eq!(r.kind, RowKind::Begroting);
        let cells: Vec<_> = r.cells().iter().map(|p| p.text).collect();
        assert_eq!(cells, ["2026", "-", "4.525", "4.000", "3.750", "3.500"]);
        let r = row("Realisatie 46,1%");
        assert_eq!((r.kind, r.cells().len()), (RowKind::Realisatie, 1));
        assert_eq!(row("Reaiisatie 9,1 8,9").kind, RowKind::Realisatie);
        assert_eq!(row("Begroting PB 2026").cells().len(), 1);
        assert_eq!(row("Begroting").cells().len(), 0);
    }

    #[test]
    fn prose_starting_with_a_row_keyword_is_text() {
        assert_eq!(
            classify("Realisatie van de doelen is lastig"),
            LineKind::Text
        );
        assert_eq!(
            classify("Begroting en realisatie lopen in 2024 voor alle regelingen uiteen met 12"),
            LineKind::Text
        );
        assert_eq!(classify("Begrotingswijziging 2024"), LineKind::Text);
        assert_eq!(
            classify("Realisatie 2024 was hoger dan 1.200."),
            LineKind::Text
        );
    }

    #[test]
    fn cells_lines_and_bare_years() {
        assert!(matches!(classify("1.100"), LineKind::Cells(c) if c.len() == 1));
        assert!(matches!(classify("48,0%"), LineKind::Cells(_)));
        assert!(matches!(classify("2015 3.795"), LineKind::Cells(c) if c.len() == 2));
        assert!(matches!(classify("16"), LineKind::Cells(_)));
        assert_eq!(classify("2024-2025 was een goed jaar"), LineKind::Text);
        assert!(
            matches!(classify("1.1OO"), LineKind::Cells(c) if c[0].cell == Some(CellLex::Unreadable))
        );
    }

    #[test]
    fn goals_with_and_without_full_stop() {
        for (line, met) in [
            ("Doel gehaald: Ja.", Some(true)),
            ("Doel gehaald: Ja", Some(true)),
            ("Doel gehaald: Nee.", Some(false)),
            ("Doel gehaald: nee", Some(false)),
            ("Doelgehaald: JA", Some(true)),
            ("Doel gehaaId: Ja.", Some(true)),
            ("Doel gehaald: Deels", None),
            ("Doel gehaald:", None),
        ] {
            match classify(line) {
                LineKind::Goal(g) => assert_eq!(g.met, met, "{line}"),
                other => panic!("{line:?} is {other:?}"),
            }
        }
    }

    #[test]
    fn a_goal_may_carry_its_explanation() {
        match classify("Doel gehaald: Nee. Toelichting: Het aantal steeg.") {
            LineKind::Goal(g) => assert_eq!(g.explanation, Some("Het aantal steeg.")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn explanations_and_the_bare_label() {
        assert_eq!(
            classify("Toelichting: In 2024 …"),
            LineKind::Explanation("In 2024 …")
        );
        assert_eq!(classify("Toelichting:"), LineKind::Explanation(""));
        assert_eq!(classify("Toelichting"), LineKind::ExplanationLabel);
        assert_eq!(
            classify("ToeIichting :  tekst"),
            LineKind::Explanation("tekst")
        );
        assert_eq!(
            classify("Toelichting financiën op hoofdlijnen:"),
            LineKind::Text
        );
    }

    #[test]
    fn doelstelling_headings() {
        assert_eq!(
            classify("Doelstelling 2.1 Bevorderen vroegtijdige jeugdhulp"),
            LineKind::Doelstelling("2.1")
        );
        assert_eq!(classify("Doelstelling 2.3"), LineKind::Doelstelling("2.3"));
        assert_eq!(
            classify("Doelstelling Begroting 2022 Begroting 2023"),
            LineKind::Text
        );
        assert_eq!(classify("Doelstellingen"), LineKind::Text);
    }

    #[test]
    fn suffix_titles() {
        let line = "Coëfficiënt voor eenzaamheid onder inwoners (> 18 jaar) (Realisatie 2024)";
        match classify(line) {
            LineKind::SuffixTitle(t) => {
                assert_eq!(t.year, 2024);
                assert!(line[..t.suffix_start].ends_with("jaar) "));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(classify("(Realisatie 2024)"), LineKind::SuffixTitle(t) if t.suffix_start == 0)
        );
        assert!(
            matches!(classify("% Vrijwilligers (Realisatie 2024"), LineKind::SuffixTitle(t) if t.year == 2024)
        );
        assert!(matches!(
            classify("% Vrijwilligers (Reaiisatie2024)"),
            LineKind::SuffixTitle(_)
        ));
        assert_eq!(classify("Iets (Realisatie 20)"), LineKind::Text);
    }

    #[test]
    fn noise_lines() {
        for line in [
            "https://zoetermeer.bestuurlijkeinformatie.nl/Reports/Item/20316a60",
            "www.zoetermeer.nl/transformatie-sociaal-domein",
            "Terug naar navigatie - Toelichting",
            "Trendgrafiek % Vrijwilligers",
            "Grafiek 4. Verhouding instroom",
            "Pagina 12",
        ] {
            assert_eq!(classify(line), LineKind::Noise, "{line}");
        }
        assert_eq!(classify(""), LineKind::Blank);
        assert_eq!(classify("   "), LineKind::Blank);
    }
}

#[cfg(test)]
mod split_suffix_tests {
    use super::*;

    #[test]
    fn a_suffix_split_over_two_lines_is_joined() {
        let lines = [
            "Toename aantal matches in de Verwijsindex (Realisatie",
            "2024)",
            "Het aantal matches.",
        ];
        let mut kinds: Vec<LineKind<'_>> = lines.iter().map(|l| classify(l)).collect();
        join_split_suffixes(&lines, &mut kinds);
        assert!(matches!(kinds[0], LineKind::SuffixTitle(t) if t.year == 2024));
        assert_eq!(kinds[1], LineKind::Noise);
        assert_eq!(kinds[2], LineKind::Text);
    }

    #[test]
    fn a_wrapped_url_tail_is_noise() {
        let lines = [
            "https://zoetermeer.bestuurlijkeinformatie.nl/Reports/Item/5ab5126d-d4e4-4b28-b0d2-61e17",
            "6e25bae",
            "Het college voert jaarlijks het onderzoek uit.",
        ];
        let mut kinds: Vec<LineKind<'_>> = lines.iter().map(|l| classify(l)).collect();
        join_wrapped_urls(&lines, &mut kinds);
        assert_eq!(kinds[1], LineKind::Noise);
        assert_eq!(kinds[2], LineKind::Text);
    }

    #[test]
    fn other_brackets_are_left_alone() {
        let lines = ["Kosten (in euro", "2024)"];
        let mut kinds: Vec<LineKind<'_>> = lines.iter().map(|l| classify(l)).collect();
        join_split_suffixes(&lines, &mut kinds);
        assert_eq!(kinds[0], LineKind::Text);
    }
}
