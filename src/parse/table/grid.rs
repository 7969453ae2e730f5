//! Tables printed one cell per line: a web table flattened to text
//! (LAYOUTS.md family A; `grammars/table.md`, "One cell per line").
//!
//! ```text
//! grid       = [scale] header? body [scale]
//! header     = [label-head] column-head+        a head: `Rekening 2024`, or `Rekening` / `2024`,
//!                                               or a measure (`Lasten`) repeated under bases,
//!                                               or a head wrapped mid-word (`Streef-` / `waarde`)
//! body       = row row+ | row                   (one row only under a header that names it)
//! row        = label-line{1,2} value{n} letter*  n = the table's width, or fewer (ragged);
//!                                               two label lines: a code and a name, a group
//!                                               over a measure (`Veiligheid` / `lasten`),
//!                                               or one label wrapped
//!            | value{n}                          right after a row: a row without a label (`saldo`)
//! value      = one cell alone on its line: `1.204`, `-92`, `46,0%`, `-`, `nvt`, `N 500`
//! letter     = `V` | `N` alone: voordelig/nadelig, kept in the cell's raw text
//! ```
//!
//! Structure first: the width is the length of the rows' value runs, the
//! same for every row; a header only names those columns. A header that
//! names another number of columns, or none, still yields every cell
//! (columns `kolom 1` …, a `header-unnamed` warning). Blank lines between
//! cells do not count. Only lines that no other grammar took are read.

use super::TableBlock;
use super::body::{BodyRow, Placed, RowShape};
use super::line::{caption, stated_scale};
use crate::diagnostic::Warning;
use crate::parse::Placement;
use crate::parse::cell::{CellLex, is_year_word};
use crate::parse::figure::{is_code, is_running_text, line_figures};
use crate::parse::line::{Lexeme, Token};
use crate::parse::page_number::PageLine;
use crate::parse::text::{ColumnName, Text};
use crate::parse::tokens::{LineResult, Tokens, every_match, resume_at};
use crate::parse::vocabulary::{is_basis, is_head_word};
use std::collections::BTreeSet;

/// Characters from which a line is too long to be a row label or a title.
const LABEL_CHARS: usize = 100;
/// Label lines a row may have: a taakveld code and its name, or a group and its row.
const LABEL_LINES: usize = 2;

/// One line, as the grid grammar sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GridLine<'a> {
    /// Nothing printed.
    Blank,
    /// A line of spaces alone between two empty lines: a web table's empty
    /// cell, where the empty lines separate the cells.
    EmptyCell,
    /// A cell alone: its content and the text as printed.
    Value(CellLex<'a>, &'a str),
    /// `V` or `N` alone.
    Letter(&'a str),
    /// A year alone (`2024`).
    Year(&'a str),
    /// A column head (`Begroting 2025`, `Lasten`), which may also be a row label.
    Head(&'a str),
    /// `x € 1.000`: the scale and whether `€` was printed.
    Scale(i64, bool),
    /// Text that may label a row.
    Label(&'a str),
    /// Anything a grid cannot hold: prose, another grammar's line.
    Stop,
}

fn classify_grid_line<'a>(
    lexeme: Lexeme<'_, 'a>,
    claimed: bool,
    page_number: bool,
) -> GridLine<'a> {
    let text = lexeme.text.trim();
    if claimed {
        return GridLine::Stop;
    }
    if text.is_empty() || page_number {
        return GridLine::Blank;
    }
    if text.len() > LABEL_CHARS && text.chars().count() > LABEL_CHARS {
        return GridLine::Stop; // running text: decided without lexing
    }
    if let Some((multiplier, euro)) = stated_scale(text) {
        return GridLine::Scale(multiplier, euro);
    }
    if text == "V" || text == "N" {
        return GridLine::Letter(text);
    }
    // A value is a few words (`1.204`, `€ 3.348`, `N 500`, `€ -1.204 V`):
    // only such lines are lexed whole.
    if text.split_whitespace().nth(VALUE_WORDS).is_none()
        && let [only] = lexeme.pieces()
    {
        match only.cell {
            Some(CellLex::Number(n)) if n.as_year().is_some() => return GridLine::Year(text),
            Some(CellLex::Unreadable) if is_code(text) || is_taakveld_code(text) => {
                return GridLine::Label(text);
            }
            Some(cell) => return GridLine::Value(cell, text),
            None => {}
        }
    }
    GridLine::Label(text) // to be told apart by `heading_or_label`
}

/// A line that is no cell: a column head, a label, or a stop.
fn heading_or_label<'a>(lexeme: Lexeme<'_, 'a>) -> GridLine<'a> {
    let text = lexeme.text.trim();
    if is_code(text) || is_taakveld_code(text) {
        GridLine::Label(text) // a row code line (`5.2-1`)
    } else if is_head(text) {
        GridLine::Head(text)
    } else if is_label(lexeme) {
        GridLine::Label(text)
    } else {
        GridLine::Stop
    }
}

/// Filled lines before a value within which a line may head or label a
/// grid (a header of six bases over three measures each is 24 lines).
const NEAR_VALUES: usize = 40;

/// Whether a line may label a row: short text that ends in a word (or a
/// year) and prints no figure (a line of cells is another grammar's
/// row), no running text, no share in brackets under a count (`(20%)`), no
/// sub-item or bullet (the row-per-line grammar reads those lists).
fn is_label(lexeme: Lexeme<'_, '_>) -> bool {
    let text = lexeme.text.trim();
    let last = text.split_whitespace().next_back().unwrap_or("");
    let ends_in_word = match crate::parse::cell::cell(last) {
        Ok((_, CellLex::Number(n))) => n.as_year().is_some(),
        Ok(_) => false,
        Err(_) => !crate::parse::cell::looks_numeric(last),
    };
    let bracketed = text.starts_with('(') && text.bytes().any(|b| b.is_ascii_digit());
    let listed = ["- ", "– ", "• ", "▪ "].iter().any(|m| text.starts_with(m));
    ends_in_word
        && !bracketed
        && !listed
        && text.chars().count() <= LABEL_CHARS
        && !is_running_text(text)
        && (!text.bytes().any(|b| b.is_ascii_digit()) || line_figures(lexeme).is_empty())
}

/// Words a line of one cell has at most: the number with a currency or a
/// sign letter before it and a letter after (`N 500`, `€ -1.204 V`).
const VALUE_WORDS: usize = 3;
/// Head words a column head prints at most, its year aside (`Begroting na
/// wijziging 2025`, `Saldo primitieve begroting`); a longer line of head
/// words is a sentence about them.
const HEAD_WORDS_MAX: usize = 4;
/// Characters a taakveld or product code has at most (`07-1-2-3-45`).
const CODE_BYTES: usize = 12;

/// A column head: head words, a year last at most (`Begroting na wijziging 2025`).
fn is_head(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (last, rest) = words.split_last().expect("not blank");
    let year_last = is_year_word(last);
    let heads = if year_last { rest } else { &words[..] };
    !heads.is_empty() && heads.len() <= HEAD_WORDS_MAX && heads.iter().all(|w| is_head_word(w))
}

/// Finds every grid among the lines no other grammar took (`claimed`);
/// the document's page numbers (`pages`) are skipped like blank lines.
pub fn parse_grids<'a>(
    tokens: &[Token<'a>],
    claimed: &[bool],
    pages: &[PageLine],
    placements: &[Placement],
) -> Vec<TableBlock<'a>> {
    let (kinds, filled) = grid_lines(tokens, claimed, pages, placements);
    let grid = Grid {
        kinds: &kinds,
        filled: &filled,
        tokens,
    };
    every_match(
        &filled,
        |&i| opens_grid(kinds[i]),
        |input| grid.grid_table(input),
    )
}

/// Each line as one cell per line reads it, and the indices of those not blank.
fn grid_lines<'a>(
    tokens: &[Token<'a>],
    claimed: &[bool],
    pages: &[PageLine],
    placements: &[Placement],
) -> (Vec<GridLine<'a>>, Vec<usize>) {
    // Printed spaces alone (the indentation of an empty cleaned line), and
    // nothing printed at all. Cleaned lines are trimmed already.
    let lines: Vec<&'a str> = tokens.iter().map(|t| t.text).collect();
    let indent = |i: usize| placements.get(i).map_or(0, |p| p.indent);
    let spaces = |i: usize| lines[i].is_empty() && indent(i) > 0;
    let empty = |i: usize| lines[i].is_empty() && indent(i) == 0;
    let mut kinds: Vec<GridLine<'a>> = lines
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let claimed = claimed.get(i).copied().unwrap_or(false);
            let page_number = pages.get(i) == Some(&PageLine::PageNumber);
            let empty_cell = !claimed
                && spaces(i)
                && i > 0
                && i + 1 < lines.len()
                && empty(i - 1)
                && empty(i + 1);
            if empty_cell {
                return GridLine::EmptyCell;
            }
            classify_grid_line(tokens[i].lexeme(), claimed, page_number)
        })
        .collect();
    let filled: Vec<usize> = (0..kinds.len())
        .filter(|&i| kinds[i] != GridLine::Blank)
        .collect();
    // Text is told apart (head, label or stop) only near values: prose far
    // from any lone cell costs no more than a look at its length.
    let mut since_value = usize::MAX;
    for &line in filled.iter().rev() {
        match kinds[line] {
            GridLine::Value(..) => since_value = 0,
            GridLine::Label(_) if since_value <= NEAR_VALUES => {
                kinds[line] = heading_or_label(tokens[line].lexeme());
            }
            GridLine::Label(_) => kinds[line] = GridLine::Stop,
            _ => {}
        }
        since_value = since_value.saturating_add(1);
    }
    (kinds, filled)
}

/// The quick refusal of one cell per line: a value, a letter or a line no
/// grid holds never opens a table (its header or its first row's label).
fn opens_grid(kind: GridLine<'_>) -> bool {
    !matches!(
        kind,
        GridLine::Value(..) | GridLine::Letter(_) | GridLine::Stop
    )
}

/// The classified lines, and the indices of those not blank.
struct Grid<'g, 'a> {
    kinds: &'g [GridLine<'a>],
    filled: &'g [usize],
    /// The document's lines.
    tokens: &'g [Token<'a>],
}

/// A header as read: its column heads in printed order (each a basis, or
/// a measure), and the lines it used.
#[derive(Debug, Default)]
struct Header<'a> {
    label_head: Option<Text<'a>>,
    heads: Vec<(Text<'a>, bool)>,
    lines: Vec<usize>,
    /// Heads joined with the year line after them (`Nulmeting` / `2024`):
    /// their index in `heads`, the head without the year, and the year.
    joined: Vec<(usize, &'a str, &'a str)>,
    /// A scale line printed among the heads (`bedrag x € 1.000`).
    scale: Option<(i64, bool)>,
}

impl<'a> Header<'a> {
    /// The names of `width` columns, when the header names exactly them:
    /// every head once, or measures under bases (repeated under each, or
    /// printed once for all).
    fn names(&self, width: usize) -> Option<Vec<ColumnName<'a>>> {
        self.names_as_read(width)
            .or_else(|| self.bases_then_years(width))
            .or_else(|| {
                // `Nulmeting` / `2024` / `2025`: a head and a year may be two
                // columns; split them when that names exactly the width.
                let split = self.years_apart();
                (split.heads.len() == width).then(|| split.names_as_read(width))?
            })
    }

    /// Bases printed first, then a year per column (`Rekening` /
    /// `Begroting` / `Meerjarenraming` / `2021` … `2026`): the years name
    /// the columns, each of the first joined to the basis printed in its
    /// place (the last basis spans the years after it, printed once).
    fn bases_then_years(&self, width: usize) -> Option<Vec<ColumnName<'a>>> {
        let is_year = |head: &Text<'a>| is_year_word(&head.render());
        let bases = self.heads.iter().take_while(|(h, _)| !is_year(h)).count();
        let years = &self.heads[bases..];
        let fits = bases > 0
            && bases <= width
            && years.len() == width
            && years.iter().all(|(h, _)| is_year(h));
        fits.then(|| {
            years
                .iter()
                .enumerate()
                .map(
                    |(i, (year, _))| match self.heads.get(i).filter(|_| i < bases) {
                        Some((basis, _)) => basis.clone().then(year).into(),
                        None => year.clone().into(),
                    },
                )
                .collect()
        })
    }

    /// Every joined head and year as two heads.
    fn years_apart(&self) -> Header<'a> {
        let mut heads = Vec::with_capacity(self.heads.len() + self.joined.len());
        for (i, head) in self.heads.iter().enumerate() {
            match self.joined.iter().find(|(at, ..)| *at == i) {
                Some((_, alone, year)) => {
                    heads.push((Text::new(alone), true));
                    heads.push((Text::new(year), true));
                }
                None => heads.push(head.clone()),
            }
        }
        Header {
            label_head: self.label_head.clone(),
            heads,
            lines: self.lines.clone(),
            joined: Vec::new(),
            scale: self.scale,
        }
    }

    fn names_as_read(&self, width: usize) -> Option<Vec<ColumnName<'a>>> {
        let in_order = || Some(self.heads.iter().map(|(h, _)| h.clone().into()).collect());
        let bases: Vec<&Text<'a>> = self.heads.iter().filter(|h| h.1).map(|h| &h.0).collect();
        let measures: Vec<&Text<'a>> = self.heads.iter().filter(|h| !h.1).map(|h| &h.0).collect();
        let bases_first = self.heads.iter().position(|h| !h.1) == Some(bases.len());
        let grouped = !bases.is_empty() && !measures.is_empty() && bases_first;
        if !grouped || !width.is_multiple_of(bases.len()) {
            return if self.heads.len() == width {
                in_order()
            } else {
                None
            };
        }
        let per_basis = width / bases.len();
        if measures.len() == width {
            return Some(
                (0..width)
                    .map(|i| bases[i / per_basis].clone().then(measures[i]).into())
                    .collect(),
            );
        }
        if measures.len() == per_basis {
            return Some(
                bases
                    .iter()
                    .flat_map(|b| measures.iter().map(move |m| (*b).clone().then(m).into()))
                    .collect(),
            );
        }
        if self.heads.len() == width {
            in_order()
        } else {
            None
        }
    }

    /// The heads as notes, when they name no columns.
    fn notes(&self) -> Vec<Text<'a>> {
        self.heads.iter().map(|(h, _)| h.clone()).collect()
    }
}

impl<'a> Grid<'_, 'a> {
    /// The kind of filled position `at`; past the end, a stop.
    fn kind(&self, at: usize) -> GridLine<'a> {
        self.filled
            .get(at)
            .map_or(GridLine::Stop, |&i| self.kinds[i])
    }

    /// A column head wrapped mid-word over two lines (`Streef-` / `waarde`),
    /// joined, when the joined word is a head.
    fn wrapped_head(&self, at: usize) -> Option<Text<'a>> {
        let GridLine::Label(first) = self.kind(at) else {
            return None;
        };
        let stem = first.strip_suffix('-')?;
        let (GridLine::Label(rest) | GridLine::Head(rest)) = self.kind(at + 1) else {
            return None;
        };
        let joined = format!("{stem}{rest}");
        (rest.starts_with(char::is_lowercase) && is_head(&joined)).then(|| {
            let mut head = Text::new(first);
            head.push_glued(rest);
            head
        })
    }

    /// The header starting at filled position `at`, and the position after it.
    fn header(&self, mut at: usize) -> (Header<'a>, usize) {
        let mut header = Header::default();
        // The label column's head printed empty (a line of spaces).
        if self.kind(at) == GridLine::EmptyCell
            && matches!(self.kind(at + 1), GridLine::Head(_) | GridLine::Year(_))
        {
            header.lines.push(self.filled[at]);
            at += 1;
        }
        if let Some(GridLine::Label(text)) = self.filled.get(at).map(|_| self.kind(at))
            && (matches!(self.kind(at + 1), GridLine::Head(_) | GridLine::Year(_))
                || self.wrapped_head(at + 1).is_some())
        {
            header.label_head = Some(Text::new(text));
            header.lines.push(self.filled[at]);
            at += 1;
        }
        while at < self.filled.len() {
            // A head or year that values follow labels a row.
            let values_follow =
                at + 1 < self.filled.len() && matches!(self.kind(at + 1), GridLine::Value(..));
            if values_follow {
                break;
            }
            match self.kind(at) {
                GridLine::Head(text) => {
                    let basis = text.split_whitespace().next().is_some_and(is_basis);
                    let year_follows = at + 1 < self.filled.len()
                        && matches!(self.kind(at + 1), GridLine::Year(_));
                    if let (true, GridLine::Year(year)) = (year_follows, self.kind(at + 1)) {
                        header.joined.push((header.heads.len(), text, year));
                        header.heads.push((Text::joined([text, year]), true));
                        header.lines.extend([self.filled[at], self.filled[at + 1]]);
                        at += 2;
                        continue;
                    }
                    let has_year = text.rsplit(' ').next().is_some_and(is_year_word);
                    header.heads.push((Text::new(text), basis || has_year));
                }
                GridLine::Year(year) => header.heads.push((Text::new(year), true)),
                // A scale line between the heads (`Rekening` … / `bedrag x
                // € 1.000` / `2021` …) holds for the table.
                GridLine::Scale(multiplier, euro)
                    if !header.heads.is_empty() && header.scale.is_none() =>
                {
                    header.scale = Some((multiplier, euro));
                }
                GridLine::Label(_) => match self.wrapped_head(at) {
                    Some(joined) => {
                        header.heads.push((joined, true));
                        header.lines.extend([self.filled[at], self.filled[at + 1]]);
                        at += 2;
                        continue;
                    }
                    None => break,
                },
                _ => break,
            }
            header.lines.push(self.filled[at]);
            at += 1;
        }
        (header, at)
    }

    /// `grid-table` at the input's first filled line: the table, and the
    /// input after it. Rows that make no table commit the search past them
    /// ([`resume_at`]): they are passed over whole, in linear time.
    fn grid_table<'t>(&self, input: Tokens<'t, usize>) -> LineResult<'t, usize, TableBlock<'a>> {
        let at = input.offset();
        match self.try_table_at(at) {
            Ok((table, next)) => Ok((input.starting_at(next.max(at + 1)), table)),
            Err(next) => resume_at(input, next),
        }
    }

    fn try_table_at(&self, at: usize) -> Result<(TableBlock<'a>, usize), usize> {
        let mut used = BTreeSet::new();
        let mut start = at;
        let mut scale_found = None;
        if let GridLine::Scale(multiplier, euro) = self.kind(at) {
            scale_found = Some((multiplier, euro));
            used.insert(self.filled[at]);
            start += 1;
        }
        let (header, body_start) = self.header(start);
        scale_found = scale_found.or(header.scale);
        let (rows, width, end, short) = self
            .body(body_start, &header)
            .ok_or(body_start.max(at + 1))?;
        let named_by_header = header.names(width).is_some();
        let value_rows = rows.iter().filter(|r| r.shape == RowShape::Values).count();
        // Label / value pairs without a header are too little structure.
        let enough = if named_by_header {
            value_rows >= 2 || width >= 2
        } else {
            value_rows >= 2 && width >= 2
        };
        if !enough {
            return Err(end);
        }
        let mut after = end;
        if scale_found.is_none()
            && let Some(GridLine::Scale(multiplier, euro)) =
                self.filled.get(after).map(|_| self.kind(after))
        {
            scale_found = Some((multiplier, euro));
            used.insert(self.filled[after]);
            after += 1;
        }
        used.extend(header.lines.iter().copied());
        let mut warnings = Vec::new();
        let columns = header.names(width).unwrap_or_else(|| {
            let first = rows.first().map_or(0, |r| r.line);
            warnings.push(Warning::at(
                "header-unnamed",
                first + 1,
                format!(
                    "the header names no {width} columns for these rows; they are called kolom 1 … kolom {width}"
                ),
            ));
            ColumnName::numbered(width)
        });
        for row in &rows {
            used.insert(row.line);
            used.extend(row.cells.iter().flatten().map(|c| c.line));
        }
        // Rows that printed fewer cells than the width, not those whose
        // empty cells were printed (a line of spaces).
        for row in short.iter().filter_map(|&i| rows.get(i)) {
            warnings.push(Warning::at(
                "cells-short",
                row.line + 1,
                format!(
                    "the row \"{}\" prints fewer values than the table's {width} columns; read left to right",
                    row.label
                ),
            ));
        }
        // A caption printed right after the table titles it (`Tabel 1`),
        // else the heading right above it.
        let caption_after = self
            .filled
            .get(after)
            .map(|&line| (line, self.tokens[line].text))
            .filter(|(_, text)| caption(text));
        if caption_after.is_some() {
            after += 1;
        }
        let title = caption_after.or_else(|| self.title_before(at));
        if let Some((line, _)) = title {
            used.insert(line);
        }
        // Else the head of the label column, as for row per line.
        let title = title
            .map(|(_, text)| Text::new(text))
            .or_else(|| header.label_head.clone());
        let first_line = *used.iter().next().ok_or(end)?;
        let last_line = *used.iter().next_back().ok_or(end)?;
        let (multiplier, euro) = scale_found.unwrap_or((1, false));
        let notes = if named_by_header {
            Vec::new()
        } else {
            header.notes()
        };
        Ok((
            TableBlock {
                title,
                text_columns: Vec::new(),
                texts: Vec::new(),
                sign_note: None,
                label_header: header.label_head,
                columns,
                notes,
                period_column: None,
                scale: multiplier,
                euro_scale: euro,
                unit: None,
                rows,
                first_line,
                last_line,
                warnings,
                used_lines: used,
            },
            after,
        ))
    }

    /// The heading right above filled position `at`: a short text line.
    fn title_before(&self, at: usize) -> Option<(usize, &'a str)> {
        let before = at.checked_sub(1)?;
        match self.kind(before) {
            GridLine::Label(text) if !is_taakveld_code(text) => Some((self.filled[before], text)),
            _ => None,
        }
    }

    /// The rows from filled position `at`: rows, the width, the position after.
    fn body(
        &self,
        mut at: usize,
        header: &Header,
    ) -> Option<(Vec<BodyRow<'a>>, usize, usize, Vec<usize>)> {
        let mut rows: Vec<BodyRow<'a>> = Vec::new();
        let mut short = Vec::new();
        let mut width = None;
        loop {
            let (labels, label_cells) = self.labels(at);
            // A body opens with a label: decided before the values are
            // gathered, so a long run of lone values costs linear time.
            if labels.is_empty() && rows.is_empty() {
                break;
            }
            let mut values = self.values(at + label_cells);
            if values.is_empty() {
                break;
            }
            let used = values.iter().map(|v| v.used).sum::<usize>();
            let held = self.next_row_label_cells(at + label_cells, &values);
            values.truncate(values.len() - held);
            // Empty cells after the label beyond the body's width stand in
            // a label column: the row's second label cell, printed empty.
            if let Some(w) = width
                && !labels.is_empty()
                && values.len() > w
                && values[..values.len() - w].iter().all(|v| v.cell.is_none())
            {
                values.drain(..values.len() - w);
            }
            let run = values.len();
            let fits = |w: usize| {
                run == w
                    || (run < w && !labels.is_empty())
                    || (run.is_multiple_of(w) && !labels.is_empty())
            };
            let w = match width {
                // The first row fixed a width no head names, and the second
                // prints more (not a run of rows, or as many as the header
                // names): the first is a ragged row, read left to right.
                Some(w)
                    if run > w
                        && !labels.is_empty()
                        && header.names(w).is_none()
                        && (!fits(w) || header.names(run).is_some())
                        && self.widen_first_row(&mut rows, &mut short, run) =>
                {
                    run
                }
                Some(w) if fits(w) => w,
                Some(_) => break,
                None => {
                    let named = (1..=run)
                        .rev()
                        .find(|&w| run.is_multiple_of(w) && header.names(w).is_some());
                    named.unwrap_or(run)
                }
            };
            if labels.is_empty() && run != w {
                break;
            }
            width = Some(w);
            self.push_rows(&mut rows, &labels, &values, w, &mut short);
            at += label_cells + used - held;
        }
        Some((rows, width?, at, short))
    }

    /// Widens a body of one row with values to `width` cells, that row
    /// then ragged; whether the body was one such row.
    fn widen_first_row(
        &self,
        rows: &mut [BodyRow<'a>],
        short: &mut Vec<usize>,
        width: usize,
    ) -> bool {
        let mut values = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.shape == RowShape::Values);
        let (Some((first, _)), None) = (values.next(), values.next()) else {
            return false;
        };
        for row in rows.iter_mut() {
            row.cells.resize(width, None);
        }
        if !short.contains(&first) {
            short.push(first);
        }
        true
    }

    /// The label lines (at most two) at filled position `at` that values
    /// follow, and the filled lines they take: a label cell printed empty
    /// (a line of spaces) before them counts as one of the row's label
    /// cells (a sub-row under the group above: `` / `Baten` / values).
    fn labels(&self, at: usize) -> (Vec<(usize, &'a str)>, usize) {
        let empty = (0..LABEL_LINES)
            .take_while(|&offset| self.kind(at + offset) == GridLine::EmptyCell)
            .count();
        let opens_label = matches!(
            self.kind(at + empty),
            GridLine::Label(_) | GridLine::Head(_) | GridLine::Year(_)
        );
        let skip = if empty > 0 && opens_label { empty } else { 0 };
        let mut labels = Vec::new();
        for offset in 0..=LABEL_LINES - skip {
            let at = at + skip + offset;
            match self.filled.get(at).map(|_| self.kind(at)) {
                Some(GridLine::Label(text) | GridLine::Head(text) | GridLine::Year(text))
                    if offset < LABEL_LINES - skip =>
                {
                    labels.push((self.filled[at], text));
                }
                Some(GridLine::Value(..) | GridLine::EmptyCell) => {
                    let taken = skip + labels.len();
                    return (labels, taken);
                }
                _ => return (Vec::new(), 0),
            }
        }
        (Vec::new(), 0)
    }

    /// How many of the empty cells that end `values` (the run at filled
    /// position `at`) are the next row's empty label cells: all of them
    /// when a label follows and its row prints as many values as this one
    /// without them, else none (an empty last cell of this row).
    fn next_row_label_cells(&self, at: usize, values: &[ValueCell<'a>]) -> usize {
        let trailing = values.iter().rev().take_while(|v| v.cell.is_none()).count();
        if trailing == 0 || trailing == values.len() {
            return 0;
        }
        let after = at + values.iter().map(|v| v.used).sum::<usize>();
        let next = after - trailing;
        let (labels, label_cells) = self.labels(next);
        if labels.is_empty() || label_cells != trailing + labels.len() {
            return 0;
        }
        let theirs = self.values(next + label_cells);
        let printed = |run: &[ValueCell<'a>]| {
            run.len() - run.iter().rev().take_while(|v| v.cell.is_none()).count()
        };
        if printed(&theirs) == values.len() - trailing {
            trailing
        } else {
            0
        }
    }

    /// The values at filled position `at`: each cell (`None` for a printed
    /// empty cell), its line, and the lines it used (a `V`/`N` letter after
    /// it counts). A run of empty cells alone is no values.
    fn values(&self, mut at: usize) -> Vec<ValueCell<'a>> {
        let mut values: Vec<ValueCell<'a>> = Vec::new();
        while at < self.filled.len() {
            match self.kind(at) {
                GridLine::Value(lex, text) => values.push(ValueCell {
                    cell: Some(Placed {
                        lex,
                        raw: text.to_owned(),
                        line: self.filled[at],
                    }),
                    line: self.filled[at],
                    used: 1,
                }),
                GridLine::EmptyCell => values.push(ValueCell {
                    cell: None,
                    line: self.filled[at],
                    used: 1,
                }),
                GridLine::Letter(letter) if values.last().is_some_and(|v| v.cell.is_some()) => {
                    let last = values.last_mut().expect("checked");
                    if let Some(cell) = &mut last.cell {
                        cell.raw = format!("{} {letter}", cell.raw);
                    }
                    last.used += 1;
                }
                _ => break,
            }
            at += 1;
        }
        if values.iter().all(|v| v.cell.is_none()) {
            values.clear();
        }
        values
    }

    /// Rows of `width` cells from one run of values under `labels`.
    fn push_rows(
        &self,
        rows: &mut Vec<BodyRow<'a>>,
        labels: &[(usize, &'a str)],
        values: &[ValueCell<'a>],
        width: usize,
        short: &mut Vec<usize>,
    ) {
        let (label, line) = match labels {
            [] => (Text::default(), values[0].line),
            [(line, only)] => (Text::new(only), *line),
            [(code_line, code), (_, name)] if is_code(code) || is_taakveld_code(code) => {
                (Text::joined([*code, *name]), *code_line)
            }
            [(first_line, first), (_, rest)] if !is_head(rest) => {
                (Text::joined([*first, *rest]), *first_line) // a wrapped label
            }
            [(group_line, group), (line, name)] => {
                rows.push(BodyRow {
                    label: Text::new(group),
                    line: *group_line,
                    cells: vec![None; width],
                    shape: RowShape::Parent,
                    period: None,
                });
                (Text::new(name), *line)
            }
            _ => unreachable!("at most two label lines"),
        };
        for (index, chunk) in values.chunks(width).enumerate() {
            let mut cells: Vec<Option<Placed<'a>>> = chunk.iter().map(|v| v.cell.clone()).collect();
            if chunk.len() < width {
                short.push(rows.len());
            }
            cells.resize(width, None);
            rows.push(BodyRow {
                label: if index == 0 {
                    label.clone()
                } else {
                    Text::default()
                },
                line: if index == 0 { line } else { chunk[0].line },
                cells,
                shape: RowShape::Values,
                period: None,
            });
        }
    }
}

/// One value line of a row: its cell (`None` for a printed empty cell),
/// its line, and the lines it used.
struct ValueCell<'a> {
    cell: Option<Placed<'a>>,
    line: usize,
    used: usize,
}

/// A taakveld or product code (`0.1`, `5.2-1`, `07-1-2-3`, `6.71`).
fn is_taakveld_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= CODE_BYTES
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && text.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::line::tokenize;

    fn grids(text: &str) -> Vec<TableBlock<'_>> {
        let lines: Vec<&str> = text.lines().collect();
        parse_grids(&tokenize(&lines), &vec![false; lines.len()], &[], &[])
    }

    fn raws(table: &TableBlock<'_>) -> Vec<Vec<String>> {
        table
            .rows
            .iter()
            .map(|r| {
                let cells = r
                    .cells
                    .iter()
                    .map(|c| c.as_ref().map_or("_".to_owned(), |c| c.raw.clone()));
                std::iter::once(r.label.render()).chain(cells).collect()
            })
            .collect()
    }

    #[test]
    fn years_and_codes_are_never_values() {
        let found = grids(
            "Rekening\n2024\nBegroting\n2025\n0.1\nBestuur\n12\n14\n0.2\nBurgerzaken\n7\n9\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].columns, ["Rekening 2024", "Begroting 2025"]);
        assert_eq!(
            raws(&found[0]),
            [["0.1 Bestuur", "12", "14"], ["0.2 Burgerzaken", "7", "9"]]
        );
    }

    #[test]
    fn label_value_pairs_without_a_header_are_no_table() {
        assert!(grids("Aantal meldingen\n1.250\nAantal adviezen\n980\n").is_empty());
    }

    #[test]
    fn page_numbers_between_cells_are_skipped() {
        let text = "Lasten\nBaten\nWonen\n210\n14\n45\nWerken\n180\n40\n";
        let lines: Vec<&str> = text.lines().collect();
        let mut pages = vec![PageLine::No; lines.len()];
        pages[4] = PageLine::PageNumber;
        let found = parse_grids(&tokenize(&lines), &vec![false; lines.len()], &pages, &[]);
        assert_eq!(
            raws(&found[0]),
            [["Wonen", "210", "45"], ["Werken", "180", "40"]]
        );
    }

    #[test]
    fn rows_of_cells_and_prose_end_a_grid() {
        let text = "Lasten\nBaten\nWonen\n210\n45\nWerken\n180\n40\nSport 12 14\nZorg\n1\n2\n";
        let found = grids(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rows.len(), 2);
        let prose = "De lasten stijgen dit jaar, vooral door de hogere kosten van de zorg.";
        assert!(grids(&format!("Lasten\nBaten\n{prose}\n1\n2\n{prose}\n3\n4\n")).is_empty());
    }

    proptest::proptest! {
        /// The quick refusal never refuses a line where a grid opens.
        #[test]
        fn a_refused_line_opens_no_grid(
            lines in proptest::collection::vec(
                "(|Omschrijving|Rekening|2024|Begroting 2025|Lasten|Baten|Saldo|Jeugd|1.204|-310| |V|N|x € 1.000|De gemeente heeft dit jaar veel gedaan voor de inwoners van de stad en de regio samen)",
                1..40,
            )
        ) {
            // Cleaned lines are trimmed: a line of one space is an empty
            // line indented by one.
            let cleaned: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
            let placements: Vec<Placement> = lines
                .iter()
                .map(|l| Placement { page: None, indent: usize::from(l == " ") })
                .collect();
            let tokens = tokenize(&cleaned);
            let (kinds, filled) = grid_lines(&tokens, &vec![false; cleaned.len()], &[], &placements);
            let grid = Grid { kinds: &kinds, filled: &filled, tokens: &tokens };
            for (at, &line) in filled.iter().enumerate() {
                if !opens_grid(kinds[line]) {
                    proptest::prop_assert!(grid.try_table_at(at).is_err(), "{}", at);
                }
            }
        }
    }

    #[test]
    fn hostile_input_never_panics() {
        for text in [
            "",
            "\n\n",
            "V\nN\n",
            "2024\n2025\n",
            "-\n-\n-\n",
            "Lasten\n",
            "x € 1.000\n1\n",
        ] {
            let _ = grids(text);
        }
        let many = "Label\n1\n2\n".repeat(20_000);
        let found = grids(&many);
        assert_eq!(found.iter().map(|t| t.rows.len()).sum::<usize>(), 20_000);
        let started = std::time::Instant::now();
        assert!(grids(&"Aantal\n1\n".repeat(50_000)).is_empty());
        assert!(started.elapsed().as_secs() < 5, "linear, not quadratic");
    }
}
