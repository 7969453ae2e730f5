//! Tables whose header names text columns beside the value columns: the
//! BBV beleidsindicatoren and indicator tables like them (LAYOUTS.md F),
//! printed row per line or one cell per line.
//!
//! ```text
//! typed-table = [title] header (row | group-heading)+
//! header      = head+                     one line, or one line per head
//! head        = head-word word*           Indicator, Eenheid, Begroting 2024
//! row         = the header's columns, in order, each by its kind:
//!   code      = a short number or code    1, 0, I.06.      (optional)
//!   text      = words (figures inside)    Aantal per 1.000 inwoners
//!   period    = a year or year span       2024, 2022/2023
//!   value     = one cell                  1,6   NB   -
//! ```
//!
//! A header is typed when it names a label column (`Indicator`), at least
//! one of a unit, a source or a period column, and a value column. A row is
//! read when exactly one split of its line (or lines) fits the columns;
//! adjacent text columns are one run of words, split between name and unit
//! at the first unit word (`Aantal`, `%`, `per`, …). A line no split fits
//! ends the table, unless it is a heading (no figures) that a row follows.
//! The period and the codes are text, never values.

use super::body::{BodyRow, Placed, RowShape};
use super::{TableBlock, TextCell};
use crate::clean::fold::fold;
use crate::clean::vocabulary::{
    CODE_HEADS, LABEL_HEADS, NOTE_HEADS, PERIOD_HEADS, SCOPE_HEADS, SOURCE_HEADS, UNIT_HEADS,
    UNIT_WORDS, VALUE_HEADS,
};
use crate::diagnostic::Warning;
use crate::parse::cell::{CellLex, Piece, is_year_word};
use crate::parse::figure::{is_code, is_heading_text};
use crate::parse::line::{Lexeme, Token};
use crate::parse::text::Text;
use crate::parse::tokens::{LineResult, Tokens, every_match};
use crate::parse::vocabulary::is_basis;
use nom::Input;
use std::collections::BTreeSet;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Row numbers and taakveld codes before the name.
    Code,
    /// The indicator's name.
    Label,
    /// The unit as printed.
    Unit,
    /// The source.
    Source,
    /// The period the values are about.
    Period,
    /// Explanation after the values.
    Note,
    /// A value.
    Value,
}

impl ColumnKind {
    /// Whether the column holds words (one run of them in a row line).
    fn is_text(self) -> bool {
        matches!(
            self,
            ColumnKind::Label | ColumnKind::Unit | ColumnKind::Source | ColumnKind::Note
        )
    }
}

/// One column head as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Head<'a> {
    kind: ColumnKind,
    /// The head as printed: a slice of its line, its words and the words
    /// that continue it.
    text: &'a str,
}

/// The slice of `line` from the start of `first` to the end of `last`,
/// both slices of it.
fn span<'a>(line: &'a str, first: &str, last: &str) -> &'a str {
    let base = line.as_ptr() as usize;
    let start = first.as_ptr() as usize - base;
    let end = last.as_ptr() as usize - base + last.len();
    &line[start..end]
}

/// Lines between a title and its header, at most.
const TITLE_GAP: usize = 2;
/// Blank lines a row-per-line table may hold between two rows.
const ROW_GAP: usize = 1;
/// Pieces a row line holds at most: a name, a unit, a source and a
/// description of some words each, and the cells. Splitting costs the
/// square of the pieces, so a longer line is no typed row.
const ROW_PIECES: usize = 80;

/// The kind of column a head word opens, if it opens one.
pub fn head_kind(word: &str) -> Option<ColumnKind> {
    let folded = fold(word.trim_end_matches(['*', ':']));
    let word = folded.as_str();
    let lists = [
        (CODE_HEADS, ColumnKind::Code),
        (LABEL_HEADS, ColumnKind::Label),
        (UNIT_HEADS, ColumnKind::Unit),
        (SOURCE_HEADS, ColumnKind::Source),
        (PERIOD_HEADS, ColumnKind::Period),
        (NOTE_HEADS, ColumnKind::Note),
        (VALUE_HEADS, ColumnKind::Value),
    ];
    if let Some((_, kind)) = lists.iter().find(|(list, _)| list.contains(&word)) {
        return Some(*kind);
    }
    let scope = SCOPE_HEADS.iter().any(|(head, _)| *head == word);
    (scope || is_basis(word)).then_some(ColumnKind::Value)
}

/// A head a converter split in two (`Neder land`, `Pro vincie`), joined
/// when the joined word is a head word; `None` when it is no such head.
pub fn joined_head(text: &str) -> Option<Text<'_>> {
    let mut words = text.split_whitespace();
    let (first, second, none) = (words.next()?, words.next()?, words.next());
    let joined = format!("{first}{second}");
    let lower = second.starts_with(char::is_lowercase);
    (none.is_none() && lower && head_kind(first).is_none() && head_kind(&joined).is_some()).then(
        || {
            let mut head = Text::new(first);
            head.push_glued(second);
            head
        },
    )
}

/// Whether a word may open a typed header: a label or code head. The
/// heads are ASCII, so an ASCII comparison decides without folding; this
/// is asked of every line's first word.
fn opens_header(word: &str) -> bool {
    let word = word.trim_end_matches(['*', ':']);
    LABEL_HEADS
        .iter()
        .chain(CODE_HEADS)
        .any(|head| head.eq_ignore_ascii_case(word))
}

/// Whether heads make a typed header: a label, a unit, source or period
/// column, and a value column.
fn is_typed(heads: &[Head<'_>]) -> bool {
    let has = |kind: ColumnKind| heads.iter().any(|h| h.kind == kind);
    has(ColumnKind::Label)
        && (has(ColumnKind::Unit) || has(ColumnKind::Source) || has(ColumnKind::Period))
        && has(ColumnKind::Value)
}

/// A header printed on one line: `Indicator Eenheid Bron Periode Gemeente Nederland`.
fn header_line(line: &str) -> Option<Vec<Head<'_>>> {
    let mut words = line.split_whitespace();
    let first = words.next()?;
    let kind = head_kind(first).filter(|k| matches!(k, ColumnKind::Label | ColumnKind::Code))?;
    let mut heads = vec![Head { kind, text: first }];
    for word in words {
        let current = heads.last_mut()?;
        // `Waarde gemeente`, `Waarde Nederland`: a scope qualifies a bare value head.
        let qualifies = current.kind == ColumnKind::Value
            && !current.text.contains(' ')
            && VALUE_HEADS.contains(&fold(current.text.trim_end_matches(['*', ':'])).as_str())
            && is_scope_label(word);
        match head_kind(word) {
            Some(_) if qualifies => current.text = span(line, current.text, word),
            Some(kind) => heads.push(Head { kind, text: word }),
            // A year after a text head opens a value column (`Eenheid 2023 2024`).
            None if is_year_word(word.trim_end_matches('*'))
                && current.kind != ColumnKind::Value =>
            {
                heads.push(Head {
                    kind: ColumnKind::Value,
                    text: word,
                })
            }
            None => current.text = span(line, current.text, word),
        }
    }
    Some(heads)
}

/// The heads that split the first row: as read, or with the words that
/// follow the last text head's word made a value head of their own (a
/// municipality's name: `Periode Ede Nederland`), when only that fits.
fn fitting_heads<'a>(heads: Vec<Head<'a>>, first_row: Option<Lexeme<'_, '_>>) -> Vec<Head<'a>> {
    let Some(row) = first_row else {
        return heads;
    };
    let items = row.pieces();
    let fits = |heads: &[Head<'_>]| split(items, &groups(heads, true)).0.is_some();
    if fits(&heads) {
        return heads;
    }
    let Some(value) = heads.iter().position(|h| h.kind == ColumnKind::Value) else {
        return heads;
    };
    let Some(before) = value.checked_sub(1) else {
        return heads;
    };
    let Some((word, rest)) = heads[before].text.split_once(' ') else {
        return heads;
    };
    if heads[before].kind == ColumnKind::Value || rest.is_empty() {
        return heads;
    }
    let mut other = heads.clone();
    other[before].text = word;
    other.insert(
        value,
        Head {
            kind: ColumnKind::Value,
            text: rest.trim_start(),
        },
    );
    if fits(&other) { other } else { heads }
}

/// Whether heads name a label column and value columns only: the header
/// of scope blocks.
fn is_block_header(heads: &[Head<'_>]) -> bool {
    heads[0].kind == ColumnKind::Label
        && heads.len() > 1
        && heads[1..].iter().all(|h| h.kind == ColumnKind::Value)
}

/// A header printed one head per line, from `lines[at]`; the heads and the
/// index after the last head line.
fn header_lines<'a>(lines: &[Filled<'_, 'a>], at: usize) -> Option<(Vec<Head<'a>>, usize)> {
    let mut heads = Vec::new();
    let mut next = at;
    while let Some(line) = lines.get(next) {
        let text = line.text.trim();
        let mut words = text.split_whitespace();
        let Some(kind) = words.next().and_then(head_kind) else {
            break;
        };
        // A head line is short: its word and a year or qualifier or two.
        if words.count() > HEAD_LINE_WORDS || (heads.is_empty() && kind != ColumnKind::Label) {
            break;
        }
        heads.push(Head { kind, text });
        next += 1;
    }
    (is_typed(&heads) || (heads.len() > 1 && is_block_header(&heads))).then_some((heads, next))
}

/// A line of the document that is not blank.
#[derive(Debug, Clone, Copy)]
struct Filled<'t, 'a> {
    /// Document index.
    index: usize,
    text: &'a str,
    /// The line in the shared lexing pass.
    lexeme: Lexeme<'t, 'a>,
}

/// A run of columns a row fills together: one code, period or value
/// column, or adjacent text columns (one run of words).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Group {
    kinds: Vec<ColumnKind>,
    /// Index of the first column in the header.
    first: usize,
    /// May be left out: codes, and text after the last value.
    optional: bool,
}

/// The groups of a header's columns. Printed row per line (`merge`),
/// adjacent text columns are one run of words, codes may be left out and
/// so may text after the last value; printed one cell per line, every
/// column is one line.
fn groups(heads: &[Head<'_>], merge: bool) -> Vec<Group> {
    let last_value = heads.iter().rposition(|h| h.kind == ColumnKind::Value);
    let mut groups: Vec<Group> = Vec::new();
    for (i, head) in heads.iter().enumerate() {
        let after_values = last_value.is_some_and(|v| i > v);
        match groups.last_mut() {
            Some(group)
                if merge && head.kind.is_text() && group.kinds.iter().all(|k| k.is_text()) =>
            {
                group.kinds.push(head.kind);
            }
            _ => groups.push(Group {
                kinds: vec![head.kind],
                first: i,
                optional: merge && (head.kind == ColumnKind::Code || after_values),
            }),
        }
    }
    groups
}

/// What one item of a row (a piece of a line, or a line) may fill.
trait Item {
    /// A value cell: a number that is no year, a dash or a placeholder.
    fn value(&self) -> Option<CellLex<'_>>;
    /// A year or a span of years.
    fn period(&self) -> bool;
    /// A short number or code.
    fn code(&self) -> bool;
    /// May open a run of text: not a cell.
    fn opens_text(&self) -> bool;
    /// May stand in a run of text (one cell per line: one line is one cell).
    fn in_text(&self) -> bool;
}

/// A year (`2024`), a span (`2022/2023`, `2021-2022`, `2022/23`), maybe starred.
fn is_period_text(text: &str) -> bool {
    let text = text.trim_end_matches('*');
    if is_year_word(text) {
        return true;
    }
    let Some((from, to)) = text.split_once(['/', '-', '–']) else {
        return false;
    };
    is_year_word(from)
        && (is_year_word(to) || (to.len() == 2 && to.bytes().all(|b| b.is_ascii_digit())))
}

fn is_value_lex(lex: CellLex<'_>) -> bool {
    !matches!(lex, CellLex::Number(n) if n.as_year().is_some())
}

/// Digits a row number in a code column has at most (`1`, `12`, `104`).
const ROW_NUMBER_DIGITS: usize = 3;
/// Words a head printed on a line of its own has after its head word at
/// most: a year or a qualifier or two (`Begroting 2025`, `Waarde
/// gemeente`); a longer line is a row or a sentence.
const HEAD_LINE_WORDS: usize = 3;

fn is_code_text(text: &str) -> bool {
    (text.len() <= ROW_NUMBER_DIGITS && text.bytes().all(|b| b.is_ascii_digit())) || is_code(text)
}

impl Item for Piece<'_> {
    fn value(&self) -> Option<CellLex<'_>> {
        self.cell.filter(|lex| is_value_lex(*lex))
    }
    fn period(&self) -> bool {
        is_period_text(self.text)
    }
    fn code(&self) -> bool {
        is_code_text(self.text)
    }
    fn opens_text(&self) -> bool {
        self.cell.is_none()
    }
    fn in_text(&self) -> bool {
        true
    }
}

/// A line as one cell of a table printed one cell per line.
struct LineItem<'a> {
    text: &'a str,
    lone: Option<Piece<'a>>,
}

impl<'a> LineItem<'a> {
    fn new(lexeme: Lexeme<'_, 'a>) -> LineItem<'a> {
        let text = lexeme.text;
        let lone = match lexeme.pieces() {
            [only] if only.cell.is_some() => Some(*only),
            _ => None,
        };
        LineItem {
            text: text.trim(),
            lone,
        }
    }
}

impl Item for LineItem<'_> {
    fn value(&self) -> Option<CellLex<'_>> {
        self.lone
            .and_then(|p| p.cell)
            .filter(|lex| is_value_lex(*lex))
    }
    fn period(&self) -> bool {
        is_period_text(self.text)
    }
    fn code(&self) -> bool {
        is_code_text(self.text)
    }
    fn opens_text(&self) -> bool {
        self.lone.is_none() && !self.period()
    }
    fn in_text(&self) -> bool {
        false // one line, one cell
    }
}

/// How items were split over the groups: for each group, its item range.
type Split = Vec<std::ops::Range<usize>>;

/// The one split of `items` over `groups`, if exactly one fits (and how
/// many did: 0, 1, or 2 for more).
fn split<I: Item>(items: &[I], groups: &[Group]) -> (Option<Split>, u8) {
    if items.len() > ROW_PIECES {
        return (None, 0);
    }
    let mut memo = vec![vec![None; groups.len() + 1]; items.len() + 1];
    let ways = count(items, groups, 0, 0, &mut memo);
    if ways != 1 {
        return (None, ways);
    }
    let mut ranges = Vec::with_capacity(groups.len());
    let (mut i, mut g) = (0, 0);
    while g < groups.len() {
        let next = lengths(items, &groups[g], i)
            .into_iter()
            .find(|&len| count(items, groups, i + len, g + 1, &mut memo) > 0)
            .expect("a counted split exists");
        ranges.push(i..i + next);
        i += next;
        g += 1;
    }
    (Some(ranges), 1)
}

/// The numbers of items group `group` may take from `at`.
fn lengths<I: Item>(items: &[I], group: &Group, at: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let first = items.get(at);
    // A code column may be left out, but a row that opens with a code
    // (`1a Banen …`) fills it: a label never starts with its row's code.
    let code_first = group.kinds[0] == ColumnKind::Code && first.is_some_and(|f| f.code());
    if group.optional && !code_first {
        out.push(0);
    }
    let Some(first) = first else {
        return out;
    };
    match group.kinds[0] {
        ColumnKind::Code if first.code() => out.push(1),
        ColumnKind::Period if first.period() => out.push(1),
        ColumnKind::Value if first.value().is_some() => out.push(1),
        kind if kind.is_text() && first.opens_text() => {
            out.push(1);
            if first.in_text() {
                out.extend(2..=items.len() - at);
            }
        }
        _ => {}
    }
    out
}

/// Splits of `items[at..]` over `groups[g..]`, counted up to 2.
fn count<I: Item>(
    items: &[I],
    groups: &[Group],
    at: usize,
    g: usize,
    memo: &mut Vec<Vec<Option<u8>>>,
) -> u8 {
    if let Some(known) = memo[at][g] {
        return known;
    }
    let ways = if g == groups.len() {
        u8::from(at == items.len())
    } else {
        let mut ways = 0u8;
        for len in lengths(items, &groups[g], at) {
            ways = ways.saturating_add(count(items, groups, at + len, g + 1, memo));
            if ways >= 2 {
                break;
            }
        }
        ways.min(2)
    };
    memo[at][g] = Some(ways);
    ways
}

/// Where a run of words that holds a name and its unit splits: at the
/// first unit word after the name's first word.
fn unit_start(words: &[&str]) -> Option<usize> {
    (1..words.len()).find(|&i| {
        let word = fold(words[i]);
        UNIT_WORDS.contains(&word.as_str()) || word.starts_with(['%', '€'])
    })
}

/// A source's name as printed in capitals (`CBS`, `RIVM`, `LISA`).
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '/' || c == '-')
}

/// A row's items, as the builder needs them.
trait Items<'a> {
    /// The printed text of items `range` and its document line.
    fn span(&self, range: std::ops::Range<usize>) -> (&'a str, usize);
    /// The text of item `i`.
    fn word(&self, i: usize) -> &'a str;
    /// Item `i` as a placed cell.
    fn placed(&self, i: usize) -> Option<Placed<'a>>;
}

/// One line's pieces (a table printed row per line).
struct LinePieces<'a> {
    line: &'a str,
    index: usize,
    pieces: Vec<Piece<'a>>,
}

impl<'a> Items<'a> for LinePieces<'a> {
    fn span(&self, range: std::ops::Range<usize>) -> (&'a str, usize) {
        let (first, last) = (&self.pieces[range.start], &self.pieces[range.end - 1]);
        (&self.line[first.start..last.end()], self.index)
    }
    fn word(&self, i: usize) -> &'a str {
        self.pieces[i].text
    }
    fn placed(&self, i: usize) -> Option<Placed<'a>> {
        let piece = self.pieces[i];
        Some(Placed {
            lex: piece.cell?,
            raw: piece.text.to_owned(),
            line: self.index,
        })
    }
}

/// Lines, one cell each (a table printed one cell per line).
struct LineCells<'a> {
    /// Each line's document index and its item.
    lines: Vec<(usize, LineItem<'a>)>,
}

impl<'a> Items<'a> for LineCells<'a> {
    fn span(&self, range: std::ops::Range<usize>) -> (&'a str, usize) {
        let (index, item) = &self.lines[range.start];
        (item.text, *index)
    }
    fn word(&self, i: usize) -> &'a str {
        self.lines[i].1.text
    }
    fn placed(&self, i: usize) -> Option<Placed<'a>> {
        let (index, item) = &self.lines[i];
        let piece = item.lone?;
        Some(Placed {
            lex: piece.cell?,
            raw: piece.text.to_owned(),
            line: *index,
        })
    }
}

/// The columns of a typed header: which are values, which text.
struct Columns<'h> {
    heads: &'h [Head<'h>],
    /// Header indices of the value columns, in order.
    values: Vec<usize>,
    /// Header indices of the text columns other than the label, in order.
    texts: Vec<usize>,
}

impl<'h> Columns<'h> {
    fn new(heads: &'h [Head<'h>]) -> Columns<'h> {
        let of = |test: fn(ColumnKind) -> bool| -> Vec<usize> {
            (0..heads.len()).filter(|&i| test(heads[i].kind)).collect()
        };
        Columns {
            heads,
            values: of(|k| k == ColumnKind::Value),
            texts: of(|k| k != ColumnKind::Value && k != ColumnKind::Label),
        }
    }

    /// The row a split gives.
    fn row<'a>(&self, groups: &[Group], ranges: &Split, items: &dyn Items<'a>) -> TypedRow<'a> {
        let mut row = TypedRow {
            label: "",
            line: None,
            cells: vec![None; self.values.len()],
            texts: Vec::new(),
            joined: None,
        };
        for (group, range) in groups.iter().zip(ranges) {
            if range.is_empty() {
                continue;
            }
            if group.kinds[0] == ColumnKind::Value {
                let slot = self.values.iter().position(|&c| c == group.first);
                if let Some(slot) = slot {
                    row.cells[slot] = items.placed(range.start);
                }
                continue;
            }
            // A name and its unit in one run of words: split at the unit.
            let words: Vec<&str> = range.clone().map(|i| items.word(i)).collect();
            let mut parts = vec![(group.first, range.clone())];
            if group
                .kinds
                .starts_with(&[ColumnKind::Label, ColumnKind::Unit])
                && let Some(at) = unit_start(&words)
            {
                let at = range.start + at;
                parts = vec![
                    (group.first, range.start..at),
                    (group.first + 1, at..range.end),
                ];
            }
            // A source printed as an acronym ends the run: `… inwoners CBS`.
            let source = group.kinds.iter().position(|&k| k == ColumnKind::Source);
            if let (Some(source), Some(last)) = (source, parts.last().cloned())
                && source == parts.len()
                && last.1.len() > 1
                && is_acronym(items.word(last.1.end - 1))
            {
                let cut = last.1.end - 1;
                parts.pop();
                parts.push((last.0, last.1.start..cut));
                parts.push((group.first + source, cut..last.1.end));
            }
            if group.kinds.len() > parts.len() {
                row.joined = Some(group.first);
            }
            for (column, range) in parts {
                let (text, line) = items.span(range);
                if self.heads[column].kind == ColumnKind::Label {
                    row.label = text;
                    row.line = Some(line);
                } else if let Some(slot) = self.texts.iter().position(|&c| c == column) {
                    row.texts.push((slot, text, line));
                }
            }
        }
        row
    }
}

/// One row as read.
struct TypedRow<'a> {
    label: &'a str,
    /// Document index of the label's line.
    line: Option<usize>,
    /// One slot per value column.
    cells: Vec<Option<Placed<'a>>>,
    /// (text column, text, document index) of each text cell printed.
    texts: Vec<(usize, &'a str, usize)>,
    /// The first column of a group of text columns that shared one run
    /// of words and could not be split.
    joined: Option<usize>,
}

/// Finds every typed table among the lines no earlier grammar claimed.
pub fn parse_typed_tables<'a>(tokens: &[Token<'a>], claimed: &[bool]) -> Vec<TableBlock<'a>> {
    let free = |i: usize| !claimed.get(i).copied().unwrap_or(false);
    let filled: Vec<Filled<'_, 'a>> = (0..tokens.len())
        .filter(|&i| free(i) && !tokens[i].text.trim().is_empty())
        .map(|index| Filled {
            index,
            text: tokens[index].text,
            lexeme: tokens[index].lexeme(),
        })
        .collect();
    // Quick refusal: a typed header opens with a label or code head.
    let opens = |line: &Filled<'_, 'a>| {
        line.text
            .split_whitespace()
            .next()
            .is_some_and(opens_header)
    };
    every_match(&filled, opens, typed_table(tokens, &free, &filled))
}

/// The grammar of typed tables over the filled lines, for [`every_match`].
fn typed_table<'t, 'a: 't>(
    tokens: &'t [Token<'a>],
    free: &'t dyn Fn(usize) -> bool,
    filled: &'t [Filled<'t, 'a>],
) -> impl FnMut(Tokens<'t, Filled<'t, 'a>>) -> LineResult<'t, Filled<'t, 'a>, TableBlock<'a>> + 't {
    move |input| {
        let at = input.offset();
        match typed_table_at(tokens, free, filled, at) {
            Some((Some(table), next)) if next > at => Ok((input.take_from(next - at), table)),
            _ => Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Verify,
            ))),
        }
    }
}

/// `typed-table` at filled position `at`: a header on one line (typed, or
/// of scope blocks) or one head per line, and what follows it; the table
/// and the filled position after it.
fn typed_table_at<'a>(
    tokens: &[Token<'a>],
    free: &dyn Fn(usize) -> bool,
    filled: &[Filled<'_, 'a>],
    at: usize,
) -> Option<(Option<TableBlock<'a>>, usize)> {
    let text = filled[at].text.trim();
    match header_line(text) {
        Some(heads) if is_typed(&heads) => {
            let heads = fitting_heads(heads, filled.get(at + 1).map(|f| f.lexeme));
            Some(row_per_line(tokens, free, filled, at, heads))
        }
        Some(heads) if is_block_header(&heads) => Some(scope_blocks(filled, at, at + 1, heads)),
        _ => header_lines(filled, at).map(|(heads, next)| {
            if is_block_header(&heads) {
                scope_blocks(filled, at, next, heads)
            } else {
                one_cell_per_line(filled, at, next, heads)
            }
        }),
    }
}

/// Whether a line ends in cells (`Resultaat 33.220 34.680`): a row of
/// some table, never a title.
fn ends_in_cells(lexeme: Lexeme<'_, '_>) -> bool {
    let all = lexeme.pieces();
    crate::parse::cell::trailing_cells_start(all) < all.len()
}

/// A table being read: its header, rows and text cells so far.
struct Building<'h, 'a> {
    heads: &'h [Head<'a>],
    columns: Columns<'h>,
    rows: Vec<BodyRow<'a>>,
    texts: Vec<TextCell<'a>>,
    used: BTreeSet<usize>,
    warnings: Vec<Warning>,
    /// First columns of the text groups that some row could not split.
    joined: BTreeSet<usize>,
}

impl<'h, 'a> Building<'h, 'a> {
    fn new(heads: &'h [Head<'a>], header_lines: impl IntoIterator<Item = usize>) -> Self {
        Building {
            heads,
            columns: Columns::new(heads),
            rows: Vec::new(),
            texts: Vec::new(),
            used: header_lines.into_iter().collect(),
            warnings: Vec::new(),
            joined: BTreeSet::new(),
        }
    }

    fn heading(&mut self, index: usize, text: &'a str) {
        self.used.insert(index);
        self.rows.push(BodyRow {
            label: Text::new(text.trim()),
            line: index,
            cells: vec![None; self.columns.values.len()],
            shape: RowShape::Parent,
            period: None,
        });
    }

    fn row(&mut self, row: TypedRow<'a>, fallback_line: usize) {
        let row_index = self.rows.len();
        let line = row.line.unwrap_or(fallback_line);
        self.used.insert(line);
        self.used.extend(row.cells.iter().flatten().map(|c| c.line));
        for (column, text, line) in row.texts {
            self.used.insert(line);
            self.texts.push(TextCell {
                row: row_index,
                column,
                text,
                line,
            });
        }
        self.joined.extend(row.joined);
        self.rows.push(BodyRow {
            label: Text::new(row.label),
            line,
            cells: row.cells,
            shape: RowShape::Values,
            period: None,
        });
    }

    /// The table, with its title from the heading above `header` if any.
    fn finish(mut self, filled: &[Filled<'_, 'a>], header: usize) -> Option<TableBlock<'a>> {
        if !self.rows.iter().any(|r| r.shape == RowShape::Values) {
            return None;
        }
        // A heading that no row followed is not the table's.
        while self
            .rows
            .last()
            .is_some_and(|r| r.shape == RowShape::Parent)
        {
            let heading = self.rows.pop().map(|r| r.line);
            self.used.retain(|&l| Some(l) != heading);
        }
        let header_line = filled[header].index;
        let title = header
            .checked_sub(1)
            .map(|p| filled[p])
            .filter(|above| {
                header_line - above.index <= TITLE_GAP
                    && is_heading_text(above.text)
                    && !ends_in_cells(above.lexeme)
            })
            .map(|above| {
                self.used.insert(above.index);
                Text::new(above.text.trim())
            });
        for &first in &self.joined {
            let group = groups(self.heads, true)
                .into_iter()
                .find(|g| g.first == first);
            let names: Vec<&str> = (first..first + group.map_or(1, |g| g.kinds.len()))
                .map(|c| self.heads[c].text)
                .collect();
            self.warnings.push(Warning::at(
                "text-columns-joined",
                header_line,
                format!(
                    "the columns {} are printed as one run of words that no rule splits on some rows; their text stands under {}",
                    names.join(", "),
                    names[0]
                ),
            ));
        }
        let name = |i: &usize| Text::new(self.heads[*i].text);
        Some(TableBlock {
            title,
            label_header: self
                .heads
                .iter()
                .find(|h| h.kind == ColumnKind::Label)
                .map(|h| Text::new(h.text)),
            columns: self.columns.values.iter().map(|i| name(i).into()).collect(),
            text_columns: self.columns.texts.iter().map(name).collect(),
            texts: self.texts,
            sign_note: None,
            notes: Vec::new(),
            period_column: None,
            scale: 1,
            euro_scale: false,
            unit: None,
            rows: self.rows,
            first_line: *self.used.iter().next()?,
            last_line: *self.used.iter().next_back()?,
            warnings: self.warnings,
            used_lines: self.used,
        })
    }
}

/// A typed table printed row per line, its header at `filled[at]`; the
/// table and the filled position after it.
fn row_per_line<'a>(
    tokens: &[Token<'a>],
    free: &dyn Fn(usize) -> bool,
    filled: &[Filled<'_, 'a>],
    at: usize,
    heads: Vec<Head<'a>>,
) -> (Option<TableBlock<'a>>, usize) {
    let groups = groups(&heads, true);
    let header = filled[at].index;
    let mut building = Building::new(&heads, [header]);
    let mut pending: Option<(usize, &str)> = None;
    let mut index = header + 1;
    let mut blanks = 0;
    while index < tokens.len() && free(index) {
        let text = tokens[index].text.trim();
        if text.is_empty() {
            blanks += 1;
            if blanks > ROW_GAP {
                break;
            }
            index += 1;
            continue;
        }
        let items = LinePieces {
            line: text,
            index,
            pieces: tokens[index].lexeme().pieces().to_vec(),
        };
        match split(&items.pieces, &groups) {
            (Some(ranges), _) => {
                if let Some((line, heading)) = pending.take() {
                    building.heading(line, heading);
                }
                let row = building.columns.row(&groups, &ranges, &items);
                building.row(row, index);
            }
            _ if pending.is_none()
                && items.pieces.iter().all(|p| p.cell.is_none())
                && is_heading_text(text) =>
            {
                pending = Some((index, text));
            }
            _ => break,
        }
        blanks = 0;
        index += 1;
    }
    let table = building.finish(filled, at);
    let after = match &table {
        Some(t) => filled
            .iter()
            .position(|f| f.index > t.last_line)
            .unwrap_or(filled.len()),
        None => at + 1,
    };
    (table, after.max(at + 1))
}

/// A typed table printed one cell per line: header lines `filled[at..body]`.
fn one_cell_per_line<'a>(
    filled: &[Filled<'_, 'a>],
    at: usize,
    body: usize,
    heads: Vec<Head<'a>>,
) -> (Option<TableBlock<'a>>, usize) {
    let groups = groups(&heads, false);
    let width = groups.len();
    let header_lines = filled[at..body].iter().map(|f| f.index);
    let mut building = Building::new(&heads, header_lines);
    let window = |from: usize| -> Option<LineCells<'a>> {
        let lines = filled.get(from..from + width)?;
        Some(LineCells {
            lines: lines
                .iter()
                .map(|f| (f.index, LineItem::new(f.lexeme)))
                .collect(),
        })
    };
    let fits = |cells: &LineCells<'a>| {
        let items: Vec<&LineItem<'a>> = cells.lines.iter().map(|(_, i)| i).collect();
        split(&items, &groups).0
    };
    let mut next = body;
    loop {
        if let Some(cells) = window(next)
            && let Some(ranges) = fits(&cells)
        {
            let row = building.columns.row(&groups, &ranges, &cells);
            building.row(row, filled[next].index);
            next += width;
            continue;
        }
        // A group heading: a short text line that a row follows.
        let heading = filled.get(next).filter(|f| {
            let item = LineItem::new(f.lexeme);
            item.opens_text() && is_heading_text(f.text)
        });
        let row_follows = window(next + 1).as_ref().and_then(fits).is_some();
        match heading {
            Some(line) if row_follows => {
                building.heading(line.index, line.text);
                next += 1;
            }
            _ => break,
        }
    }
    let table = building.finish(filled, at);
    let after = if table.is_some() { next } else { at + 1 };
    (table, after)
}

/// Whose value a row holds, when its label names a scope (`Gemeente`,
/// `Nederland`, `Provincie`, `Gemeenten 50.000-100.000 inw.`).
pub fn is_scope_label(label: &str) -> bool {
    let first = label.split_whitespace().next().unwrap_or_default();
    let first = fold(first.trim_end_matches(['*', ':']));
    SCOPE_HEADS.iter().any(|(head, _)| *head == first)
}

/// The text cells of keyed lines (`Eenheid: …`, `Bron: …`) of BBV blocks,
/// each key a text column in the order first met.
#[derive(Debug, Default)]
pub struct Keys<'a> {
    /// The text columns: each key as first printed.
    pub names: Vec<Text<'a>>,
    /// The text cells.
    pub cells: Vec<TextCell<'a>>,
}

impl<'a> Keys<'a> {
    /// Whether `key` (`Eenheid`, `Bron:`) names a text column of a block.
    pub fn is_key(key: &str) -> bool {
        head_kind(key.trim().trim_end_matches(':'))
            .is_some_and(|kind| kind.is_text() || kind == ColumnKind::Period)
    }

    /// Adds the text of `key` to row `row`.
    pub fn add(&mut self, row: usize, key: &'a str, text: &'a str, line: usize) {
        let key = key.trim().trim_end_matches(':');
        let column = match self
            .names
            .iter()
            .position(|n| fold(&n.render()) == fold(key))
        {
            Some(column) => column,
            None => {
                self.names.push(Text::new(key));
                self.names.len() - 1
            }
        };
        self.cells.push(TextCell {
            row,
            column,
            text,
            line,
        });
    }
}

/// A `Eenheid: …` or `Bron: …` line or cell: its text head and its text
/// (empty when the text stands in the next cell).
pub fn key_line(text: &str) -> Option<(&str, &str)> {
    let (key, rest) = text.split_once(':')?;
    let text = rest.trim().trim_start_matches('|').trim();
    Keys::is_key(key).then_some((key.trim(), text))
}

/// BBV indicators as blocks under one header of years (LAYOUTS.md F):
///
/// ```text
/// Indicator Rekening 2023 Begroting 2024 Rekening 2024    header: a label and value heads
/// Winkeldiefstallen                                       title: text, no figures
/// Gemeente 0,6 0,6 0,5                                    scope rows: a scope, the values
/// Nederland 2,1 2,1 2,0
/// Eenheid: Aantal per 1.000 inwoners                      keys: the block's text cells
/// Bron: CBS
/// ```
///
/// Each block is a parent row (its title, with the keys as text cells)
/// and its scope rows. Flattened one cell per line, the header has a head
/// per line and a scope row its label and then each value on a line
/// ([`scope_row`]); the header lines are `filled[at..body]`.
fn scope_blocks<'a>(
    filled: &[Filled<'_, 'a>],
    at: usize,
    body: usize,
    heads: Vec<Head<'a>>,
) -> (Option<TableBlock<'a>>, usize) {
    let width = heads.len() - 1;
    let scope_row = |from: usize| scope_row(filled, from, width);
    let mut keys = Keys::default();
    let mut building = Building::new(&heads, filled[at..body].iter().map(|f| f.index));
    let mut next = body;
    while let Some(title) = filled.get(next) {
        let text = title.text.trim();
        let opens = key_line(text).is_none()
            && title.lexeme.pieces().iter().all(|p| p.cell.is_none())
            && scope_row(next + 1).is_some();
        if !opens {
            break;
        }
        let parent = building.rows.len();
        building.heading(title.index, text);
        next += 1;
        while let Some((row, lines)) = scope_row(next) {
            building
                .used
                .extend(row.cells.iter().flatten().map(|c| c.line));
            building.used.insert(row.line);
            building.rows.push(row);
            next += lines;
        }
        while let Some((f, (key, value))) = filled
            .get(next)
            .and_then(|f| key_line(f.text.trim()).map(|k| (f, k)))
        {
            building.used.insert(f.index);
            keys.add(parent, key, value, f.index);
            next += 1;
        }
    }
    building.texts = keys.cells;
    let mut table = building.finish(filled, at);
    if let Some(table) = &mut table {
        table.text_columns = keys.names;
    }
    let after = if table.is_some() { next } else { at + 1 };
    (table, after)
}

/// The scope row of a block at `filled[from]`, and the lines it takes: a
/// scope label and its `width` values on one line (`Gemeente 0,6 0,6 0,5`),
/// or the label on a line of its own and each value on the next `width`
/// lines (one cell per line).
fn scope_row<'a>(
    filled: &[Filled<'_, 'a>],
    from: usize,
    width: usize,
) -> Option<(BodyRow<'a>, usize)> {
    let first = filled.get(from)?;
    let text = first.text.trim();
    let all = first.lexeme.pieces();
    let start = crate::parse::cell::trailing_cells_start(all);
    let label = text[..all.get(start).map_or(text.len(), |p| p.start)].trim();
    if !is_scope_label(label) {
        return None;
    }
    let placed = |p: &Piece<'a>, line: usize| -> Option<Placed<'a>> {
        Some(Placed {
            lex: p.cell?,
            raw: p.text.to_owned(),
            line,
        })
    };
    let (cells, lines) = if all.len() - start == width {
        let cells = all[start..]
            .iter()
            .map(|p| placed(p, first.index))
            .collect();
        (cells, 1)
    } else if start == all.len() {
        // One cell per line: each of the next `width` lines one cell.
        let below = filled.get(from + 1..from + 1 + width)?;
        let mut cells = Vec::with_capacity(width);
        for line in below {
            let [cell] = line.lexeme.pieces() else {
                return None;
            };
            cell.cell?;
            cells.push(placed(cell, line.index));
        }
        (cells, 1 + width)
    } else {
        return None;
    };
    let row = BodyRow {
        label: Text::new(label),
        line: first.index,
        cells,
        shape: RowShape::Values,
        period: None,
    };
    Some((row, lines))
}

impl<I: Item> Item for &I {
    fn value(&self) -> Option<CellLex<'_>> {
        (**self).value()
    }
    fn period(&self) -> bool {
        (**self).period()
    }
    fn code(&self) -> bool {
        (**self).code()
    }
    fn opens_text(&self) -> bool {
        (**self).opens_text()
    }
    fn in_text(&self) -> bool {
        (**self).in_text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cell::pieces;

    #[test]
    fn the_quick_refusal_refuses_only_what_the_header_grammar_would() {
        for word in [
            "Indicator",
            "INDICATOR",
            "omschrijving",
            "Nr.",
            "Taakveld:",
            "Beleidsindicatoren",
        ] {
            assert!(opens_header(word), "{word}");
            assert!(
                matches!(head_kind(word), Some(ColumnKind::Label | ColumnKind::Code)),
                "{word}"
            );
        }
        for word in [
            "Eenheid",
            "Gemeente",
            "Winkeldiefstallen",
            "1,6",
            "Indicatorën",
            "",
        ] {
            assert!(!opens_header(word), "{word}");
        }
    }

    #[test]
    fn a_row_is_split_only_where_one_split_fits() {
        let heads = header_line("Indicator Eenheid Periode Gemeente Nederland").unwrap();
        let groups = groups(&heads, true);
        let fits = |line: &str| split(&pieces(line), &groups).1;
        assert_eq!(fits("Banen Aantal per 1.000 inwoners 2023 702,4 812,0"), 1);
        // No period where one must stand.
        assert_eq!(fits("Banen Aantal per 1.000 inwoners 702,4 812,0"), 0);
        // A value short.
        assert_eq!(fits("Banen Aantal per 1.000 inwoners 2023 702,4"), 0);
        // The period is no value, and a value no period.
        assert_eq!(fits("Banen 2023 2024 812,0"), 0);
    }

    #[test]
    fn heads_split_by_a_converter_are_joined() {
        assert_eq!(
            joined_head("Neder land").map(|t| t.render()).as_deref(),
            Some("Nederland")
        );
        assert_eq!(
            joined_head("Pro vincie").map(|t| t.render()).as_deref(),
            Some("Provincie")
        );
        assert_eq!(joined_head("Begroting 2025"), None);
        assert_eq!(joined_head("Waarde Nederland"), None);
        assert_eq!(joined_head("Nederland"), None);
    }

    #[test]
    fn periods_and_codes() {
        for period in ["2024", "2022/2023", "2021-2022", "2022/23", "2024*"] {
            assert!(is_period_text(period), "{period}");
        }
        for other in ["24", "1.000", "2022/2023/2024", "12-17", "2024a"] {
            assert!(!is_period_text(other), "{other}");
        }
        for code in ["1", "0", "12", "I.06.", "4.1"] {
            assert!(is_code_text(code), "{code}");
        }
        assert!(!is_code_text("1.300"), "a grouped number is no code");
    }

    #[test]
    fn a_unit_starts_at_its_first_unit_word() {
        let words = |text: &'static str| text.split_whitespace().collect::<Vec<_>>();
        assert_eq!(
            unit_start(&words("Banen Aantal per 1.000 inwoners")),
            Some(1)
        );
        assert_eq!(
            unit_start(&words("Jongeren met een delict % 12-21 jarigen")),
            Some(4)
        );
        assert_eq!(
            unit_start(&words("Aantal bijstandsuitkeringen per 10.000 inwoners")),
            Some(2)
        );
        assert_eq!(unit_start(&words("Demografische druk")), None);
    }

    #[test]
    fn hostile_rows_never_panic() {
        let heads =
            header_line("Nr. Indicator Eenheid Bron Periode Gemeente Nederland Toelichting")
                .unwrap();
        let groups = groups(&heads, true);
        for line in [
            "",
            "-",
            "2024",
            "1 2 3 4 5 6 7 8",
            "% % % 2024 1 1",
            "Ä ë 2024 1,0 2,0 Ï",
        ] {
            let _ = split(&pieces(line), &groups);
        }
    }
}
