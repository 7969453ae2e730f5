//! Figures: the numbers a report prints as cells, told apart from numbers
//! in prose, headings, codes, scales and years. The census counts them.
//!
//! The boundary, in one place (`grammars/figures.md` has examples):
//!
//! ```text
//! line     = prose | pipe-row | cells
//! prose    = a finished sentence: more than PROSE_WORDS words, ending in . ! ? ;
//! pipe-row = "|" segment ("|" segment)* "|"?     each all-cell segment holds figures
//! cells    = the run of cells that ends the line, and every segment between
//!            layout gaps (GAP_SPACES spaces or more) that is all cells
//! figure   = number | unreadable | glued          (a number may carry its minus behind it)
//! ```
//!
//! Inside a run, sign letters (`V`, `N`), placeholders (`NB`, `nnb`, `PM`)
//! and a parenthesised year (`(2022)`) do not end the run. Not figures: a
//! year (`2024`), a code or range (`2.1`, `07-1-2-3`, `2024-2027`), a scale
//! (`x €1.000`) and a number followed by words (`Programma 2 Samen …`).
//! When in doubt a number is a figure: a lone small integer is one
//! (`page-number-like`), and so is a mangled number (`1.3OO`).

use crate::parse::cell::{CellLex, NumberLex, Piece, is_year_word, looks_numeric, pieces};
use crate::parse::line::{Lexeme, Token};
use std::cell::OnceCell;

/// Words from which a line ending in a full stop is a sentence.
pub const PROSE_WORDS: usize = 8;
/// Characters from which a line is running text whatever its end.
pub const PROSE_CHARS: usize = 100;
/// Characters a heading (a table's or a paragraph's title) has at most.
pub const HEADING_CHARS: usize = 80;
/// Spaces that make a layout gap between columns (pdftotext `-layout`).
pub const GAP_SPACES: usize = 3;
/// [`GAP_SPACES`] spaces.
const LAYOUT_GAP: &str = "   ";
/// Digits a number glued to a word needs to count as a figure (`Veiligheid4.120`).
const GLUED_DIGITS: usize = 3;

/// How a figure is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureShape<'a> {
    /// A number as the cell grammar reads it (`1.300`, `46,0%`).
    Number(NumberLex<'a>),
    /// Digits that are no number as printed (`1.3OO`).
    Unreadable,
    /// Digits glued to a word (`Veiligheid4.1204.388`): no one split is sure.
    Glued,
}

/// One figure of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure<'a> {
    /// Byte offset in the line.
    pub start: usize,
    /// The figure as printed.
    pub text: &'a str,
    /// How it is printed.
    pub shape: FigureShape<'a>,
}

/// Running text no table or indicator prints its cells in.
pub fn is_prose(text: &str) -> bool {
    let words = text.split_whitespace().count();
    text.chars().count() > PROSE_CHARS
        || (text.trim_end().ends_with(['.', '!', '?', ';']) && words > PROSE_WORDS)
}

/// Running text, not a label: [`is_prose`], or a line of at least
/// [`CLAUSE_WORDS`] words that goes on a sentence (lower-case start), ends
/// one (`.` `!` `?` `;` `:`) or breaks one inside (`. `, `, `, `; `).
pub fn is_running_text(text: &str) -> bool {
    let text = text.trim();
    if is_prose(text) {
        return true;
    }
    let words = text.split_whitespace().count();
    words >= CLAUSE_WORDS
        && (text.starts_with(char::is_lowercase)
            || text.ends_with(['.', '!', '?', ';', ':'])
            || [". ", ", ", "; "].iter().any(|b| text.contains(b)))
}

/// The figures printed on `line`, left to right.
pub fn figures(line: &str) -> Vec<Figure<'_>> {
    line_figures(Lexeme::new(line, &OnceCell::new()))
}

/// [`figures`] of a line of the shared lexing pass.
pub fn line_figures<'a>(lexeme: Lexeme<'_, 'a>) -> Vec<Figure<'a>> {
    let line = lexeme.text;
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new(); // most lines of prose: decided without lexing
    }
    let mut found = Vec::new();
    if crate::parse::table::pipe::pipe_row(line).is_some() {
        let mut offset = 0;
        for segment in line.split('|') {
            let cells = pieces(segment);
            segment_figures(line, offset, &cells, &mut found);
            offset += segment.len() + 1;
        }
        return found;
    }
    if surely_prose(line) {
        return Vec::new();
    }
    let all = lexeme.pieces();
    if is_sentence(line, all) {
        return Vec::new();
    }
    if line.contains(LAYOUT_GAP) {
        for segment in gap_segments(line, all) {
            segment_figures(line, 0, segment, &mut found);
        }
    }
    inner_figures(line, all, &mut found);
    trailing_figures(line, all, &mut found);
    found.sort_by_key(|f| f.start);
    found.dedup_by_key(|f| f.start);
    found
}

/// The figures of every line of a document: [`figures`], less a lone
/// figure that a sentence wraps around (`… van minimaal €` / `1,5` /
/// `miljoen met …`: the line before is text that ends no sentence, the line
/// after goes on in lower case).
pub fn document_figures<'a>(tokens: &[Token<'a>]) -> Vec<Vec<Figure<'a>>> {
    let lines: Vec<&'a str> = tokens.iter().map(|t| t.text).collect();
    let lines = lines.as_slice();
    let mut all: Vec<Vec<Figure<'a>>> = tokens.iter().map(|t| line_figures(t.lexeme())).collect();
    for at in 0..lines.len() {
        let lone = matches!(all[at].as_slice(), [only] if only.text == lines[at].trim());
        if lone && wrapped_into_sentence(lines, at) {
            all[at].clear();
        }
    }
    all
}

/// Whether the lines around `at` are one sentence wrapped around it.
fn wrapped_into_sentence(lines: &[&str], at: usize) -> bool {
    let (Some(before), Some(after)) = (at.checked_sub(1).map(|i| lines[i]), lines.get(at + 1))
    else {
        return false;
    };
    let words = |text: &str| text.split_whitespace().count();
    let open = !before.trim_end().ends_with(['.', ':', '!', '?', ';']);
    open && words(before) >= CLAUSE_WORDS
        && words(after) >= CLAUSE_WORDS
        && after.trim_start().starts_with(char::is_lowercase)
}

/// Words at the end of a long line in which [`surely_prose`] looks for
/// figures: a row ends in two at least, a sentence in one at most.
const TAIL_WORDS: usize = 4;

/// A quick [`is_sentence`] for long lines, without lexing them: over
/// [`PROSE_CHARS`] characters, more than [`PROSE_WORDS`] words that cannot
/// be cells, and at most one word with digits among the last four (a
/// closing note in brackets aside), so no run of two figures ends it.
/// `false` only means the line must be lexed to tell.
fn surely_prose(line: &str) -> bool {
    if line.len() <= PROSE_CHARS || line.chars().count() <= PROSE_CHARS {
        return false;
    }
    let body = match line.trim_end().strip_suffix(')') {
        Some(inner) => inner.rfind('(').map_or(line, |open| &line[..open]),
        None => line,
    };
    let tail_digits = body
        .split_whitespace()
        .rev()
        .take(TAIL_WORDS)
        .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
        .count();
    let surely_words = line
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_alphabetic() && !"pPnN".contains(c)))
        .count();
    tail_digits <= 1 && surely_words > PROSE_WORDS
}

/// A sentence: prose that is no label with a long run of cells behind it.
///
/// A line with two or more figures at its end is a row, however long its
/// label. Otherwise it is a sentence when it is [`is_prose`], when it goes
/// on a sentence begun above (it starts in lower case) or holds a sentence
/// break before its figure (`. `, `, `, `; `, `), `), in either case with
/// at least [`CLAUSE_WORDS`] words.
fn is_sentence(line: &str, all: &[Piece<'_>]) -> bool {
    let words = all.iter().filter(|p| p.cell.is_none()).count();
    if all.iter().rev().take_while(|p| is_figure_piece(p)).count() >= 2 {
        return false; // a long label before a row of values: a table row
    }
    let continues = line.trim_start().starts_with(char::is_lowercase);
    let last_word = all.iter().rposition(|p| p.cell.is_none()).unwrap_or(0);
    let enumerator = all
        .first()
        .filter(|p| is_code(p.text))
        .map_or(0, Piece::end);
    let text_before = &line[enumerator..all.get(last_word).map_or(0, Piece::end).max(enumerator)];
    let breaks = [". ", ", ", "; ", "), "]
        .iter()
        .any(|b| text_before.contains(b));
    (words > PROSE_WORDS && is_prose(line)) || (words >= CLAUSE_WORDS && (continues || breaks))
}

/// Words from which a line that continues a sentence, or breaks one, is prose.
pub const CLAUSE_WORDS: usize = 5;

/// Words after which a number belongs to the text (`op € 200`, `van 458
/// naar 211`): prepositions and words of quantity, never a row label's end.
const NUMBER_IN_TEXT_AFTER: &[&str] = &[
    "op", "van", "aan", "tot", "naar", "met", "dan", "per", "circa", "ca.", "ruim", "bijna",
    "minimaal", "maximaal", "waarvan", "t/m", "bedraagt", "is", "dit",
];

/// Nouns a number names rather than measures (`Programma 3`, `Tabel 2`).
const NAMING_NOUNS: &[&str] = &[
    "programma",
    "deelprogramma",
    "taakveld",
    "hoofdstuk",
    "paragraaf",
    "doelstelling",
    "thema",
    "tabel",
    "figuur",
    "grafiek",
    "bijlage",
    "onderdeel",
    "kwartaal",
    "fase",
    "pagina",
    "motie",
    "amendement",
    "artikel",
    "nr.",
    "nummer",
];

/// Whether `word` names what the numbers after it identify (`Motie 2506-47`).
fn is_naming_noun(word: &str) -> bool {
    let word = word.trim_start_matches('(').to_lowercase();
    NAMING_NOUNS.contains(&word.as_str())
}

/// Whether the word before `number` makes it part of the text: any number
/// after a preposition, a plain small integer after a naming noun.
fn number_in_text(word: &str, number: &Piece<'_>) -> bool {
    let word = word.trim_start_matches('(').to_lowercase();
    NUMBER_IN_TEXT_AFTER.contains(&word.as_str())
        || (NAMING_NOUNS.contains(&word.as_str()) && number.looks_like_page_number())
}

/// The pieces of `line` between layout gaps, segment by segment.
fn gap_segments<'p, 'a>(line: &str, all: &'p [Piece<'a>]) -> Vec<&'p [Piece<'a>]> {
    let mut segments = Vec::new();
    let mut start = 0;
    for at in 1..=all.len() {
        let gap = all
            .get(at)
            .is_some_and(|p| line[all[at - 1].end()..p.start].len() >= GAP_SPACES);
        if at == all.len() || gap {
            segments.push(&all[start..at]);
            start = at;
        }
    }
    segments
}

/// The figures of a segment that is all cells (a pipe cell, a layout column).
fn segment_figures<'a>(
    line: &'a str,
    offset: usize,
    cells: &[Piece<'a>],
    found: &mut Vec<Figure<'a>>,
) {
    if cells.is_empty()
        || !cells
            .iter()
            .all(|p| p.cell.is_some() || is_transparent(p.text))
    {
        return;
    }
    for piece in cells {
        for figure in piece_figures(line, offset, piece) {
            found.push(figure);
        }
    }
}

/// The figures of the run of cells that ends the line, and a number glued
/// to the word before that run.
fn trailing_figures<'a>(line: &'a str, all: &[Piece<'a>], found: &mut Vec<Figure<'a>>) {
    let all = &all[..before_closing_note(all)];
    // Right to left: cells, transparent words and words ending in glued
    // digits belong to the run; the first other word ends it. A glued
    // word is the run's last piece (`Cultuur2.8102.940` holds a label).
    let mut run_start = all.len();
    while let Some(piece) = run_start.checked_sub(1).map(|i| all[i]) {
        if piece.cell.is_some() || is_transparent(piece.text) {
            run_start -= 1;
        } else {
            if let Some(figure) = glued(line, &piece) {
                found.push(figure);
            }
            break;
        }
    }
    if scale_word_before(all, run_start) {
        return;
    }
    let after_text = run_start.checked_sub(1).is_some_and(|i| {
        all.get(run_start)
            .is_some_and(|first| number_in_text(all[i].text, first))
    });
    for (at, piece) in all[run_start..].iter().enumerate() {
        if at == 0 && after_text {
            continue;
        }
        for figure in piece_figures(line, 0, piece) {
            found.push(figure);
        }
    }
}

/// Figures between text columns (`Formatie Fte per 1.000 inwoners 2024
/// 6,0 6,2 Eigen gegevens`): a run of [`INNER_RUN`] figures or more inside
/// the line, not at its start (row numbers and codes lead a row) and not
/// after a word that makes numbers text (`van 0 - 19 jaar`) or names them
/// (`Motie 2506-47`).
fn inner_figures<'a>(line: &'a str, all: &[Piece<'a>], found: &mut Vec<Figure<'a>>) {
    let mut at = 1;
    while at < all.len() {
        let run = all[at..]
            .iter()
            .take_while(|p| p.cell.is_some() || is_transparent(p.text))
            .count();
        if run == 0 {
            at += 1;
            continue;
        }
        let pieces = &all[at..at + run];
        let counted = pieces.iter().filter(|p| is_figure_piece(p)).count();
        let before = all[at - 1].text;
        let text = number_in_text(before, &pieces[0]) || is_naming_noun(before);
        // `Jongeren: 7,3`: a figure a label with a colon names is a value.
        let labelled = before.len() > 1 && before.ends_with(':');
        if (counted >= INNER_RUN || (labelled && counted >= 1)) && !text {
            found.extend(pieces.iter().flat_map(|p| piece_figures(line, 0, p)));
        }
        at += run;
    }
}

/// Figures a run inside a line needs to count (one alone is part of the text).
const INNER_RUN: usize = 2;

/// Where a closing note in brackets (`1.701 (voorlopig)`) starts, or the
/// number of pieces when the line ends in none.
fn before_closing_note(all: &[Piece<'_>]) -> usize {
    if !all.last().is_some_and(|p| p.text.ends_with(')')) {
        return all.len();
    }
    match all.iter().rposition(|p| p.text.starts_with('(')) {
        Some(open) if open > 0 => open,
        _ => all.len(),
    }
}

/// Whether the run is a scale (`x €1.000`, `x 1.000`, `(in € 1.000)`).
fn scale_word_before(all: &[Piece<'_>], run_start: usize) -> bool {
    run_start
        .checked_sub(1)
        .and_then(|i| all.get(i))
        .is_some_and(|p| matches!(p.text.to_lowercase().as_str(), "x" | "(x" | "(in" | "in"))
        && all.len() - run_start == 1
}

/// Words inside a run of cells that do not end it.
fn is_transparent(word: &str) -> bool {
    let bare = word.trim_end_matches(['*', ')']).trim_start_matches('(');
    matches!(
        bare.to_lowercase().as_str(),
        "v" | "n" | "nb" | "nnb" | "n.b." | "pm" | "-pm"
    ) || is_parenthesised_year(word)
}

fn is_parenthesised_year(word: &str) -> bool {
    word.strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .is_some_and(|inner| is_year_word(inner) || is_code(inner))
}

/// The figure a piece of a segment at `offset` holds, if it is one.
/// The figures of one piece: its number, and a comparison cell's
/// reference too (`4,1 tov 3,6 landelijk` prints two values).
fn piece_figures<'a>(line: &'a str, offset: usize, piece: &Piece<'a>) -> Vec<Figure<'a>> {
    let Some(own) = figure_of(line, offset, piece) else {
        return Vec::new();
    };
    let Some(compared) = crate::parse::cell::comparison(piece.text) else {
        return vec![own];
    };
    let at =
        |part: &str| offset + piece.start + (part.as_ptr() as usize - piece.text.as_ptr() as usize);
    [compared.value, compared.reference]
        .into_iter()
        .filter_map(|part| {
            let start = at(part);
            let (_, lex) = crate::parse::cell::cell(part).ok()?;
            let CellLex::Number(number) = lex else {
                return None;
            };
            Some(Figure {
                start,
                text: &line[start..start + part.len()],
                shape: FigureShape::Number(number),
            })
        })
        .collect()
}

fn figure_of<'a>(line: &'a str, offset: usize, piece: &Piece<'a>) -> Option<Figure<'a>> {
    let start = offset + piece.start;
    let text = &line[start..start + piece.text.len()];
    let shape = match piece.cell? {
        CellLex::Number(number) if number.as_year().is_some() => return None,
        CellLex::Number(number) => FigureShape::Number(number),
        CellLex::Dash | CellLex::NoValue => return None,
        CellLex::Unreadable => unreadable_shape(text)?,
    };
    Some(Figure { start, text, shape })
}

/// A word with digits that the cell grammar refused: a code or year range
/// (no figure), or an unreadable number. (A trailing minus, `4.977-`, is a
/// number of the cell grammar's own.)
fn unreadable_shape(text: &str) -> Option<FigureShape<'static>> {
    if is_code(text) {
        return None;
    }
    Some(FigureShape::Unreadable)
}

/// A code, number or range that names something rather than measuring it:
/// `2.1`, `2.1.3`, `07-1-2-3`, `2024-2027`, `I.06.`, `3.`.
pub fn is_code(text: &str) -> bool {
    if matches!(crate::parse::cell::cell(text), Ok(("", CellLex::Number(_)))) {
        return false; // `1.193` is a number, grouped
    }
    if is_item_code(text) {
        return true;
    }
    let body = text.trim_end_matches('.');
    let body = body
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .trim_start_matches('.');
    let groups: Vec<&str> = body.split(['.', '-', '/']).collect();
    let all_digits = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    all_digits && (groups.len() > 1 || text.ends_with('.') || body.len() < text.len())
}

/// A numbered item with a letter: `1a`, `12b`, `3c.`, `2.a` (one or two
/// digits, a full stop at most, one lower-case letter, an optional full
/// stop), as BBV lists number their indicators and reports their sub-items.
fn is_item_code(text: &str) -> bool {
    let body = text.strip_suffix('.').unwrap_or(text).as_bytes();
    match body {
        [digits @ .., b'.', letter] | [digits @ .., letter] => {
            (1..=2).contains(&digits.len())
                && digits.iter().all(u8::is_ascii_digit)
                && letter.is_ascii_lowercase()
        }
        [] => false,
    }
}

/// A number glued to the end of a word: `Veiligheid4.1204.3884.401`.
fn glued<'a>(line: &'a str, word: &Piece<'a>) -> Option<Figure<'a>> {
    let text = word.text;
    let tail_start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '.' | ','))
        .last()
        .map(|(i, _)| i)?;
    let tail = &text[tail_start..];
    let head = &text[..tail_start];
    let digits = tail.bytes().filter(u8::is_ascii_digit).count();
    // A word before the digits (`Veiligheid`), not an identifier (`6b540`).
    let glued_to_letters = head.chars().rev().take(2).all(char::is_alphabetic)
        && head
            .chars()
            .all(|c| c.is_alphabetic() || "-'’().".contains(c));
    let url_like = text.contains(['/', '@', ':', '_', '=']);
    if digits < GLUED_DIGITS || !glued_to_letters || url_like || looks_numeric(text) {
        return None;
    }
    let tail = tail.trim_end_matches(['.', ',']);
    if is_year_word(tail) || tail.is_empty() {
        return None;
    }
    Some(Figure {
        start: word.start + tail_start,
        text: &line[word.start + tail_start..word.start + tail_start + tail.len()],
        shape: FigureShape::Glued,
    })
}

/// Whether a piece holds a figure (for the sentence test).
fn is_figure_piece(piece: &Piece<'_>) -> bool {
    match piece.cell {
        Some(CellLex::Number(n)) => n.as_year().is_none(),
        Some(CellLex::Unreadable) => true,
        _ => false,
    }
}

/// Whether a line reads as a heading: short (at most [`HEADING_CHARS`]
/// characters and [`PROSE_WORDS`] words), opening with a capital, not
/// ending in a sentence's or clause's punctuation.
pub fn is_heading_text(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= HEADING_CHARS
        && text.split_whitespace().count() <= PROSE_WORDS
        && text.starts_with(char::is_uppercase)
        && !text.ends_with(['.', ',', ';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<&str> {
        figures(line).iter().map(|f| f.text).collect()
    }

    #[test]
    fn a_row_label_and_its_cells() {
        assert_eq!(
            texts("Veiligheid 4.120 4.388 4.401"),
            ["4.120", "4.388", "4.401"]
        );
        assert_eq!(texts("Realisatie 2024 46,1% 48,0%"), ["46,1%", "48,0%"]);
        assert_eq!(texts("1.204"), ["1.204"]);
        assert_eq!(texts("€ -116.766"), ["€ -116.766"]);
    }

    #[test]
    fn years_codes_scales_and_headings_are_no_figures() {
        assert!(texts("Rekening 2024 Begroting 2025 Begroting 2026").is_empty());
        assert!(texts("2024").is_empty());
        assert!(texts("07-1-2-3").is_empty());
        assert!(is_code("2.1") && is_code("I.06.") && is_code("2024-2027"));
        assert!(!is_code("1.193") && !is_code("12"));
        assert!(
            is_code("1a")
                && is_code("12b.")
                && is_code("2.a")
                && is_code("12.c.")
                && !is_code("2..a")
                && !is_code("123a")
                && !is_code("1A")
                && !is_code("1ab")
        );
        assert!(texts("Doelstelling 2.1 Bevorderen jeugdhulp").is_empty());
        assert!(texts("Programma 2 Samen leven").is_empty());
        assert!(texts("Programma 7").is_empty());
        assert_eq!(texts("Programma 7 1.204 1.310"), ["1.204", "1.310"]);
        assert_eq!(texts("TOTAAL PROGRAMMA -1.204 1.310"), ["-1.204", "1.310"]);
        assert!(texts("x €1.000").is_empty());
        assert!(texts("Bedragen x € 1.000").is_empty());
        assert!(texts("Periode 2024-2027").is_empty());
    }

    #[test]
    fn prose_is_no_figure() {
        let sentence =
            "In 2024 kregen we 1.300 meldingen binnen, dat is meer dan in het jaar 2023.";
        assert!(texts(sentence).is_empty());
        assert!(
            texts("Het aantal meldingen steeg in de afgelopen jaren naar in totaal 1.300.")
                .is_empty()
        );
    }

    #[test]
    fn wrapped_sentences_and_numbers_in_text_are_no_figures() {
        assert!(texts("bezocht. In alle wijken samen wordt op jaarbasis aan 512").is_empty());
        assert!(texts("De geschatte besparing hiervan wordt berekend op 4,2").is_empty());
        assert!(texts("tussen de aanvraag en het besluit. Dinsdag 9").is_empty());
        assert!(texts("op de wachtlijst met een derde verminderd (van 300 naar 200").is_empty());
        assert!(texts("Grafiek 2. Instroom per jaar in de periode 2016-").is_empty());
        assert_eq!(
            texts("Jeugd: mantelzorgwaardering op € 150 120 120 120"),
            ["120", "120", "120"]
        );
        assert_eq!(texts("lasten 1.204"), ["1.204"]);
        assert_eq!(
            texts("2. Minder inhuur bij de uitvoering (Wmo)  1O 12"),
            ["1O", "12"]
        );
        assert_eq!(
            texts("3. Lagere kosten van de inkoop, zie ook 4.1 150"),
            ["150"]
        );
        assert_eq!(texts("aantal meldingen per jaar 1.250"), ["1.250"]);
    }

    #[test]
    fn a_long_label_before_values_is_a_row() {
        let row =
            "Percentage inwoners dat zich in de eigen buurt veilig voelt volgens de monitor. 78 80";
        assert_eq!(texts(row), ["78", "80"]);
    }

    #[test]
    fn pipe_rows_and_layout_gaps() {
        assert_eq!(
            texts("| Lasten | 48.551 | -54.745 |"),
            ["48.551", "-54.745"]
        );
        assert_eq!(
            texts("| Banen | Aantal per 1.000 inwoners | LISA | 2023 | 702,4 | 812,0 |"),
            ["702,4", "812,0"]
        );
        assert_eq!(
            texts("Lasten     1.204     1.310   toelichting"),
            ["1.204", "1.310"]
        );
        assert_eq!(texts("Gemeente | 110 | 94 | 49 | |"), ["110", "94", "49"]);
        assert_eq!(
            texts("1 0 Formatie Fte per 1.000 inwoners 2024 6,0 6,2 Eigen gegevens"),
            ["6,0", "6,2"]
        );
        assert!(texts("van 0 - 19 jaar").is_empty());
        assert!(texts("Motie 1204- 12 Fietsparkeren").is_empty());
    }

    #[test]
    fn signs_letters_and_placeholders_keep_the_run() {
        assert_eq!(texts("Lasten N 12.480 V 940"), ["N 12.480", "V 940"]);
        assert_eq!(
            texts("Wegen 2.210 2.390 180 N"),
            ["2.210", "2.390", "180 N"]
        );
        assert_eq!(texts("Saldo 4.977- 1.200"), ["4.977-", "1.200"]);
        assert_eq!(texts("Tevredenheid 61% (2022) NB 70%"), ["61%", "70%"]);
        assert_eq!(texts("2023 1.480 (voorlopig)"), ["1.480"]);
        assert_eq!(
            texts("Instroom 1.480 (cijfers nog niet definitief)"),
            ["1.480"]
        );
        assert!(matches!(
            figures("4.977-")[0].shape,
            FigureShape::Number(n) if n.trailing_minus && n.negative
        ));
        assert_eq!(
            texts("Streefwaarde 6- 6,5"),
            ["6- 6,5"],
            "a range: one figure"
        );
    }

    #[test]
    fn damaged_and_glued_numbers_are_figures() {
        assert_eq!(texts("Lasten 1.3OO 1.200"), ["1.3OO", "1.200"]);
        assert!(matches!(
            figures("Lasten 1.3OO")[0].shape,
            FigureShape::Unreadable
        ));
        let glued = figures("Veiligheid4.1204.3884.401");
        assert_eq!(glued.len(), 1);
        assert_eq!(glued[0].shape, FigureShape::Glued);
        assert_eq!(glued[0].text, "4.1204.3884.401");
        assert!(texts("zie www.example.nl/rapport2024").is_empty());
        assert!(texts("Rekening 2024Begroting 2025").is_empty());
    }

    #[test]
    fn a_figure_a_sentence_wraps_around_is_prose() {
        let lines = [
            "omdat de maatregel naar verwachting een besparing oplevert van ten minste €",
            "2,5",
            "miljoen met ruimte voor verdere groei van de stad",
            "Aantal meldingen",
            "1.250",
            "Aantal adviezen van de wijkteams",
        ];
        let found = document_figures(&crate::parse::line::tokenize(&lines));
        assert!(found[1].is_empty());
        assert_eq!(found[4].len(), 1);
        assert!(texts("6b540").is_empty(), "the end of a wrapped identifier");
    }

    #[test]
    fn hostile_lines_never_panic() {
        for line in [
            "|", "||||", "   ", "€", "-", "1.", "(", "(2022", "x", "ÿ1é2", "1|2|3",
        ] {
            let _ = figures(line);
        }
        let long = "1 ".repeat(100_000);
        assert_eq!(figures(&long).len(), 100_000);
    }
}
