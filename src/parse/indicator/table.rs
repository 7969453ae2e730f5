//! The value table of an indicator block: years, rows, and values that the
//! extraction moved away from their rows.
//!
//! ```text
//! value-table = gap* (year-header | value-row) (gap* table-line)*
//! table-line  = year-header | value-row | cells | label | unknown-row
//! gap         = blank | noise
//! ```
//!
//! Assembly puts every printed cell under a year, or says why it could not:
//! 1. year lines before the first row are the header, however many lines it
//!    was split over (`year-split-repaired`); the same header printed again
//!    after a page break is skipped;
//! 2. a row carries its cells left to right; a row with one cell more than
//!    there are years, the first a year, has that year in its label
//!    (`Begroting PB 2026 - 4.525 …`); a row printed as its label alone
//!    (`Begroting PB 2026`) takes the cells line right below it;
//! 3. a row with fewer cells than years has empty cells where its spacing
//!    says so: under a header that keeps the page's layout (years spread out
//!    by wide spaces, as `pdftotext -layout` prints) each cell goes under the
//!    nearest year; otherwise the label and cells must be separated by
//!    exactly as many double spaces as cells are missing
//!    (`Realisatie  - - - -`), and no values be printed away from their
//!    rows (then a double space is OCR noise: `Realisatie  46,1%` /
//!    … / `48,0%` reads 46,1% for the first year);
//! 4. cells on lines of their own (a column printed after the rows, a value
//!    alone on a later line), and years printed after the rows, fill the
//!    rows that are short, column by column, row by row
//!    (`value-relocated`) — only when their number matches the gaps exactly;
//! 5. what still does not fit is reported (`values-ambiguous`,
//!    `cells-unaligned`, `cells-short`), never guessed.

use super::Token;
use crate::diagnostic::Warning;
use crate::parse::line::{LineKind, RowKind, RowLine, YearsLine, center};

use crate::parse::cell::{CellLex, Piece, is_page_number_line, trailing_cells_start};
use crate::parse::tokens::{LineResult, Tokens, token};
use nom::Parser;
use nom::branch::alt;
use nom::multi::{many0, many0_count};
use nom::sequence::preceded;

type In<'t, 'a> = Tokens<'t, Token<'a>>;

/// One recognised line of a value table.
#[derive(Debug, Clone)]
pub enum ValueLine<'t, 'a> {
    /// Years: a header, a split header's continuation, or a relocated column's head.
    Years(usize, &'t YearsLine),
    /// A value row.
    Row(usize, &'t Token<'a>, &'t RowLine<'a>),
    /// Cells on a line of their own.
    Cells(usize, &'t [Piece<'a>]),
    /// A bare `Toelichting` column label.
    Label(usize),
    /// A line with cells whose label is no row keyword.
    Unknown(usize, &'a str),
    /// A page number before the header, where no value can stand.
    PageNumber(usize),
}

impl ValueLine<'_, '_> {
    /// Document index of the line.
    pub fn line(&self) -> usize {
        match self {
            ValueLine::Years(i, _)
            | ValueLine::Row(i, _, _)
            | ValueLine::Cells(i, _)
            | ValueLine::Label(i)
            | ValueLine::Unknown(i, _)
            | ValueLine::PageNumber(i) => *i,
        }
    }
}

/// Blank and noise lines, which a table may contain anywhere.
pub fn gap<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, usize> {
    many0_count(token(|t: &Token<'_>| {
        matches!(t.kind, LineKind::Blank | LineKind::Noise).then_some(())
    }))
    .parse(input)
}

fn years<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, ValueLine<'t, 'a>> {
    token(|t: &'t Token<'a>| match &t.kind {
        LineKind::Years(y) => Some(y),
        _ => None,
    })
    .map(|(i, y)| ValueLine::Years(i, y))
    .parse(input)
}

fn row<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, ValueLine<'t, 'a>> {
    token(|t: &'t Token<'a>| match &t.kind {
        LineKind::Row(r) => Some((t, r)),
        _ => None,
    })
    .map(|(i, (t, r))| ValueLine::Row(i, t, r))
    .parse(input)
}

fn cells<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, ValueLine<'t, 'a>> {
    token(|t: &'t Token<'a>| match &t.kind {
        LineKind::Cells(c) => Some(c.as_slice()),
        _ => None,
    })
    .map(|(i, c)| ValueLine::Cells(i, c))
    .parse(input)
}

fn label<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, ValueLine<'t, 'a>> {
    token(|t: &Token<'_>| matches!(t.kind, LineKind::ExplanationLabel).then_some(()))
        .map(|(i, ())| ValueLine::Label(i))
        .parse(input)
}

/// A text line that ends in cells after a short label: a row whose keyword
/// kengetal does not know. Reported, so its values are not lost silently.
fn unknown_row<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, ValueLine<'t, 'a>> {
    token(|t: &'t Token<'a>| {
        if t.kind != LineKind::Text {
            return None;
        }
        let all = t.lexeme().pieces();
        let start = trailing_cells_start(all);
        let proper = all[start..]
            .iter()
            .any(|p| matches!(p.cell, Some(CellLex::Number(_) | CellLex::Dash)));
        (start > 0 && start <= 4 && proper).then_some(t.text)
    })
    .map(|(i, text)| ValueLine::Unknown(i, text))
    .parse(input)
}

/// A lone page number (`77`) between the sources and the header.
fn page_number<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, ValueLine<'t, 'a>> {
    token(|t: &Token<'a>| match &t.kind {
        LineKind::Cells(c) if is_page_number_line(c) => Some(()),
        _ => None,
    })
    .map(|(i, ())| ValueLine::PageNumber(i))
    .parse(input)
}

/// The lines of a value table; it starts with years or a row, after any
/// page numbers.
pub fn value_table<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, Vec<ValueLine<'t, 'a>>> {
    let (input, mut lines) = many0(preceded(gap, page_number)).parse(input)?;
    let (input, first) = preceded(gap, alt((years, row))).parse(input)?;
    let (input, more) =
        many0(preceded(gap, alt((years, row, cells, label, unknown_row)))).parse(input)?;
    lines.push(first);
    lines.extend(more);
    Ok((input, lines))
}

/// A year column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The year.
    pub year: i32,
    /// Document index of the line it is printed on.
    pub line: usize,
    /// Middle of the year on its line (half character columns), when the
    /// header keeps the page's layout.
    pub center: Option<usize>,
}

/// A cell and the line it is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacedCell<'a> {
    /// The cell as printed.
    pub piece: Piece<'a>,
    /// Document index of its line.
    pub line: usize,
}

/// A value row with one slot per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow<'a> {
    /// Planned or realised.
    pub kind: RowKind,
    /// The label as printed (`Begroting PB 2026`).
    pub label: &'a str,
    /// Document index of the row's line.
    pub line: usize,
    /// One slot per column; `None` where nothing is printed.
    pub cells: Vec<Option<PlacedCell<'a>>>,
}

/// A value table with every cell under its year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValueTable<'a> {
    /// The year columns, in order.
    pub columns: Vec<Column>,
    /// The rows, in printed order.
    pub rows: Vec<TableRow<'a>>,
    /// Problems met while placing cells.
    pub warnings: Vec<Warning>,
}

/// A row while its cells are being placed.
struct Building<'a> {
    kind: RowKind,
    line: usize,
    text: &'a str,
    label_end: usize,
    inline: Vec<PlacedCell<'a>>,
    cells: Vec<Option<PlacedCell<'a>>>,
    /// Empty cells were read from the row's double spaces.
    empty_by_spacing: bool,
}

/// Places every cell of a recognised table under its year; see the module docs.
pub fn assemble_values<'a>(lines: &[ValueLine<'_, 'a>]) -> ValueTable<'a> {
    let mut table = ValueTable::default();
    let mut rows: Vec<Building<'a>> = Vec::new();
    let mut loose: Vec<PlacedCell<'a>> = Vec::new();
    let mut header_lines = Vec::new();
    for (position, line) in lines.iter().enumerate() {
        match line {
            ValueLine::Years(i, y) => {
                // The header printed again after a page break.
                let header: Vec<i32> = table.columns.iter().map(|c| c.year).collect();
                if !rows.is_empty() && y.keyword && y.years == header {
                    continue;
                }
                if rows.is_empty() {
                    header_lines.push(*i);
                }
                let columns = y
                    .years
                    .iter()
                    .zip(&y.centers)
                    .map(|(&year, &center)| Column {
                        year,
                        line: *i,
                        center: y.spread.then_some(center),
                    });
                table.columns.extend(columns);
            }
            ValueLine::Row(i, token, row) => rows.push(Building {
                kind: row.kind,
                line: *i,
                text: token.text,
                label_end: row.pieces[row.cells_start - 1].end(),
                inline: row
                    .cells()
                    .iter()
                    .map(|&piece| PlacedCell { piece, line: *i })
                    .collect(),
                cells: Vec::new(),
                empty_by_spacing: false,
            }),
            ValueLine::Cells(i, cells) => {
                // `Begroting` or `Begroting PB 2026` alone, its cells on the next line.
                let label_only = |r: &Building<'_>| {
                    r.inline.is_empty()
                        || (r.inline.len() == 1 && is_year(&r.inline[0].piece) && cells.len() > 1)
                };
                let wraps_label = position > 0
                    && matches!(lines[position - 1], ValueLine::Row(..))
                    && rows.last().is_some_and(label_only);
                let placed = cells.iter().map(|&piece| PlacedCell { piece, line: *i });
                match rows.last_mut() {
                    Some(last) if wraps_label => last.inline.extend(placed),
                    _ => loose.extend(placed),
                }
            }
            ValueLine::Unknown(i, text) => table.warnings.push(Warning::at(
                "row-unknown",
                i + 1,
                format!(
                    "the row \"{text}\" has no Begroting/Realisatie label; its values are not read"
                ),
            )),
            ValueLine::Label(_) | ValueLine::PageNumber(_) => {}
        }
    }
    if header_lines.len() > 1 {
        let years: Vec<String> = table.columns.iter().map(|c| c.year.to_string()).collect();
        table.warnings.push(Warning::at(
            "year-split-repaired",
            header_lines[0] + 1,
            format!(
                "the year header was split over {} lines; read as {}",
                header_lines.len(),
                years.join(" ")
            ),
        ));
    }
    let width = table.columns.len();
    if width == 0 {
        table.warnings.push(Warning::at(
            "values-missing",
            rows.first().map_or(1, |r| r.line + 1),
            "the value rows have no year header; their values cannot be dated and are not read",
        ));
    } else {
        // Values printed away from their rows fill short rows from the
        // right; a row's double spaces then say nothing about empty cells.
        let relocated = loose.iter().any(|c| !c.piece.looks_like_page_number());
        for row in &mut rows {
            take_label_year(row, width);
            place_inline(row, &table.columns, relocated, &mut table.warnings);
        }
        place_loose(&mut rows, width, loose, &mut table.warnings);
        report_short(&rows, &table.columns, &mut table.warnings);
    }
    table.rows = rows
        .into_iter()
        .map(|row| TableRow {
            kind: row.kind,
            label: row.text[..row.label_end].trim_end(),
            line: row.line,
            cells: if width == 0 { Vec::new() } else { row.cells },
        })
        .collect();
    table
}

/// `Begroting PB 2026 - 4.525 4.000 3.750 3.500` under five years: the
/// first cell is part of the label.
fn take_label_year(row: &mut Building<'_>, width: usize) {
    let first_is_year = row.inline.first().is_some_and(|c| is_year(&c.piece));
    if row.inline.len() == width + 1 && first_is_year {
        let year = row.inline.remove(0);
        if year.line == row.line {
            row.label_end = year.piece.end();
        }
    }
}

fn is_year(piece: &Piece<'_>) -> bool {
    matches!(piece.cell, Some(CellLex::Number(n)) if n.as_year().is_some())
}

/// Indices of the cells that a double space separates from the label or
/// the cell before (only for cells on the row's own line).
fn wide_gaps(row: &Building<'_>) -> Vec<usize> {
    if row.inline.iter().any(|c| c.line != row.line) {
        return Vec::new();
    }
    let mut previous_end = row.label_end;
    let mut gaps = Vec::new();
    for (index, cell) in row.inline.iter().enumerate() {
        if row.text[previous_end..cell.piece.start].len() >= 2 {
            gaps.push(index);
        }
        previous_end = cell.piece.end();
    }
    gaps
}

/// Cells of a short row placed under the nearest year of a header that
/// keeps the page's layout; `None` unless every cell finds its own column.
fn align_by_position<'a>(
    row: &Building<'a>,
    columns: &[Column],
) -> Option<Vec<Option<PlacedCell<'a>>>> {
    let centers: Option<Vec<usize>> = columns.iter().map(|c| c.center).collect();
    let centers = centers?;
    if row.inline.iter().any(|c| c.line != row.line) {
        return None;
    }
    let mut cells = vec![None; columns.len()];
    let mut previous: Option<usize> = None;
    for cell in &row.inline {
        let middle = center(row.text, &cell.piece);
        let nearest = (0..centers.len()).min_by_key(|&i| centers[i].abs_diff(middle))?;
        if previous.is_some_and(|p| nearest <= p) {
            return None;
        }
        cells[nearest] = Some(*cell);
        previous = Some(nearest);
    }
    Some(cells)
}

fn place_inline(
    row: &mut Building<'_>,
    columns: &[Column],
    relocated: bool,
    warnings: &mut Vec<Warning>,
) {
    let width = columns.len();
    let line = row.line;
    if row.inline.len() > width {
        warnings.push(Warning::at(
            "cells-unaligned",
            line + 1,
            format!(
                "the row \"{}\" prints {} values for {} years; which value belongs to which year is unclear, so none are read",
                row.text,
                row.inline.len(),
                width
            ),
        ));
        row.cells = vec![None; width];
        row.inline.clear();
        return;
    }
    let missing = width - row.inline.len();
    if missing > 0
        && let Some(cells) = align_by_position(row, columns)
    {
        row.cells = cells;
        row.empty_by_spacing = true;
        return;
    }
    let gaps = wide_gaps(row);
    if missing > 0 && !relocated && gaps.len() == missing {
        let mut cells = Vec::with_capacity(width);
        for (index, cell) in row.inline.iter().enumerate() {
            if gaps.contains(&index) {
                cells.push(None);
            }
            cells.push(Some(*cell));
        }
        while cells.len() < width {
            cells.push(None);
        }
        row.cells = cells;
        row.empty_by_spacing = true;
        return;
    }
    row.cells = row.inline.iter().copied().map(Some).collect();
}

fn place_loose<'a>(
    rows: &mut [Building<'a>],
    width: usize,
    loose: Vec<PlacedCell<'a>>,
    warnings: &mut Vec<Warning>,
) {
    if loose.is_empty() {
        return;
    }
    // Column by column, row by row: the order in which a relocated column is printed.
    let slots: Vec<(usize, usize)> = (0..width)
        .flat_map(|column| (0..rows.len()).map(move |row| (row, column)))
        .filter(|&(row, column)| rows[row].cells.len() <= column)
        .collect();
    let values: Vec<PlacedCell<'a>> = loose
        .iter()
        .copied()
        .filter(|c| !c.piece.looks_like_page_number())
        .collect();
    let fitting = if loose.len() == slots.len() {
        loose.clone()
    } else if !values.is_empty() && values.len() == slots.len() {
        values // the others were page numbers
    } else if slots.is_empty() && values.is_empty() {
        return; // a full table and stray page numbers
    } else {
        warnings.push(Warning::at(
            "values-ambiguous",
            loose[0].line + 1,
            format!(
                "{} value(s) printed away from their row do not fit the {} empty cell(s) and are not read: {}",
                loose.len(),
                slots.len(),
                quoted(&loose)
            ),
        ));
        return;
    };
    for (cell, (row, _)) in fitting.iter().zip(&slots) {
        rows[*row].cells.push(Some(*cell));
    }
    warnings.push(Warning::at(
        "value-relocated",
        fitting[0].line + 1,
        format!(
            "{} value(s) printed away from their row were placed by column: {}",
            fitting.len(),
            quoted(&fitting)
        ),
    ));
}

fn quoted(cells: &[PlacedCell<'_>]) -> String {
    let texts: Vec<String> = cells
        .iter()
        .map(|c| format!("\"{}\" (line {})", c.piece.text, c.line + 1))
        .collect();
    texts.join(", ")
}

fn report_short(rows: &[Building<'_>], columns: &[Column], warnings: &mut Vec<Warning>) {
    let label = |row: &Building<'_>| row.text[..row.label_end].trim_end().to_owned();
    for row in rows {
        let placed = row.cells.len();
        if row.empty_by_spacing {
            let empty: Vec<String> = columns
                .iter()
                .zip(&row.cells)
                .filter(|(_, cell)| cell.is_none())
                .map(|(column, _)| column.year.to_string())
                .collect();
            warnings.push(Warning::at(
                "cells-empty",
                row.line + 1,
                format!(
                    "the row \"{}\" prints nothing for {} (an empty cell, read from the row's spacing)",
                    label(row),
                    empty.join(", ")
                ),
            ));
        } else if placed > 0 && placed < columns.len() {
            let years: Vec<String> = columns[placed..]
                .iter()
                .map(|c| c.year.to_string())
                .collect();
            warnings.push(Warning::at(
                "cells-short",
                row.line + 1,
                format!(
                    "the row \"{}\" prints {} value(s) for {} years; read left to right, nothing is printed for {}",
                    label(row),
                    placed,
                    columns.len(),
                    years.join(", ")
                ),
            ));
        } else if placed == 0 {
            warnings.push(Warning::at(
                "values-missing",
                row.line + 1,
                format!("the row \"{}\" prints no values", label(row)),
            ));
        }
    }
}
