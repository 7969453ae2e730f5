//! The body of a table: rows of a label and one cell per column.
//!
//! Lines are read top to bottom; a label may wrap, and values may arrive
//! after their label:
//!
//! | line | becomes |
//! |---|---|
//! | label + cells (`Lasten -156.729 …`) | a row; if it has one cell more than there are columns, the first cell belongs to the label (`… op € 200 204 204 204 204`) |
//! | label in lower case right after a row (`jeugdhulp (2.1)`) | the tail of that row's label |
//! | label lines, then cells (`Jeugdhulp` / `zonder verblijf` / `€15.481.766 …`) | one row: the label lines joined (`Jeugd-` / `bescherming` → `Jeugdbescherming`) |
//! | cells after a short row (`Jeugdhulp zonder verblijf 3.587 4.156` / `4.243` …) | the rest of that row |
//! | `year cell…` with one cell more than columns (`2015 3.795`) | a row labelled by its year |
//! | `- item` lines after a label (`4. Verbonden partijen …:` / `- GGD/VT`) | a parent row and its sub-rows; cells that follow fill the sub-rows column by column (`189` / `11` / `189` …), or a whole sub-row when a line holds a value for every column |
//! | `(11%)` alone | the share of the cell before it, kept in that cell's raw text |
//! | a small number alone (`14`) that no row can take | a page number: skipped |
//!
//! The body ends at a line that ends any table (`Toelichting:`, `Bron:`, a
//! `Doelstelling` heading), a caption, a scale line, another table's header,
//! prose, a bulleted list (unless a parent ending in `:` introduced it; a
//! bulleted line filling every column of a table of three or more is a row
//! with an OCR bullet), or
//! label lines that no values follow. A label's tail never crosses a page
//! break; the table's own header printed again after one is skipped. Cells that fit nowhere are reported,
//! never guessed into a row.

use super::line::TableLine;
use crate::diagnostic::Warning;
use crate::parse::cell::{CellLex, Piece};
use crate::parse::text::Text;

/// A cell placed in a row, with where it was printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed<'a> {
    /// The cell's content.
    pub lex: CellLex<'a>,
    /// The cell as printed, annotations and shares included.
    pub raw: String,
    /// Document index of its line.
    pub line: usize,
}

/// What part a row plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowShape {
    /// A row with values.
    Values,
    /// A label without values whose sub-rows follow.
    Parent,
    /// A `- item` under a parent.
    Sub,
}

/// One table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyRow<'a> {
    /// The label: its printed lines, joined as printed.
    pub label: Text<'a>,
    /// Document index of its first line.
    pub line: usize,
    /// One slot per column.
    pub cells: Vec<Option<Placed<'a>>>,
    /// Its part in the table.
    pub shape: RowShape,
    /// The year its values were measured in, when a column of periods was
    /// moved into the row labels ([`super::fold_period_columns`]).
    pub period: Option<Placed<'a>>,
}

/// A table body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body<'a> {
    /// The rows, in order.
    pub rows: Vec<BodyRow<'a>>,
    /// Document index after the last line used.
    pub end: usize,
    /// Document indices of every line the body used.
    pub used: Vec<usize>,
    /// Problems met.
    pub warnings: Vec<Warning>,
}

/// A classified line with its text.
pub type Line<'t, 'a> = (&'a str, &'t TableLine<'a>);

/// Whether a line is a table header, and whose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderHere {
    /// No header.
    No,
    /// This table's header printed again (after a page break): skipped.
    Repeated,
    /// Another table's header: the body ends.
    Other,
}

/// What a body is read from.
pub struct Context<'c, 't, 'a> {
    /// Every line of the document.
    pub lines: &'c [Line<'t, 'a>],
    /// Whether a page starts at each line.
    pub page_break_before: &'c [bool],
    /// How far each line was indented before cleaning (0 when unknown).
    pub indents: &'c [usize],
    /// Whether a line is a header, and whose.
    pub header: &'c dyn Fn(usize) -> HeaderHere,
}

/// Characters from which a label is long enough to have been wrapped.
const WRAPPED_LABEL: usize = 30;

/// Label lines that may stand between a row and the values that follow.
const LABEL_WINDOW: usize = 6;
/// Blank or noise lines that end a table.
const BLANK_RUN: usize = 8;

/// A bulleted line: a list, which ends a table unless a parent row
/// introduced it as sub-items.
fn starts_bullet_list(text: &str) -> bool {
    text.trim_start().starts_with(crate::clean::BULLET)
}

fn is_sub_item(text: &str) -> bool {
    ["- ", "– ", "• ", "-\u{a0}"]
        .iter()
        .any(|m| text.starts_with(m))
}

fn starts_lowercase(text: &str) -> bool {
    text.starts_with(|c: char| c.is_lowercase() || c == '(')
}

/// Whether a bulleted line with `cells` trailing cells is a table row all
/// the same: it fills every column of a table of three or more, which a
/// list item ending in a number does not.
fn is_full_row(cells: usize, width: usize) -> bool {
    width >= FULL_ROW_WIDTH && cells == width
}

/// Columns from which a bulleted line that fills them all is a row: a
/// list item may end in one or two numbers (`• 12 scholen, 3 locaties`),
/// hardly in a value for every column of a wide table.
const FULL_ROW_WIDTH: usize = 3;

pub use crate::parse::figure::is_prose;

/// Whether values follow the label line at `at` before anything else.
fn values_follow(lines: &[Line<'_, '_>], at: usize, header: &dyn Fn(usize) -> HeaderHere) -> bool {
    let mut labels = 0;
    for (offset, (text, line)) in lines.iter().enumerate().skip(at) {
        match line {
            TableLine::Blank | TableLine::Noise => {}
            _ if starts_bullet_list(text) => return false,
            TableLine::Label if !is_prose(text) && header(offset) == HeaderHere::No => {
                labels += 1;
                if labels > LABEL_WINDOW {
                    return false;
                }
            }
            TableLine::Row { .. } | TableLine::Cells(_) | TableLine::Share(_) => {
                return header(offset) != HeaderHere::Other;
            }
            _ => return false,
        }
    }
    false
}

struct Builder<'a> {
    width: usize,
    rows: Vec<BodyRow<'a>>,
    pending: Vec<(usize, &'a str)>,
    open: Option<usize>,
    group: Vec<usize>,
    loose: Vec<Placed<'a>>,
    last_was_row: bool,
}

impl<'a> Builder<'a> {
    /// Whether the lower-case line `at` may continue the last row's label.
    /// Where lines keep their indentation, it must start where the label
    /// starts (a heading after the table does not); otherwise the label must
    /// look cut off by its cell: breaking mid-phrase (`Jeugd-`, `effectieve,`)
    /// or filling a column ([`WRAPPED_LABEL`] characters or more).
    fn continues_label(&self, indents: &[usize], at: usize) -> bool {
        let Some(row) = self.rows.last() else {
            return false;
        };
        let indent = |i: usize| indents.get(i).copied().unwrap_or(0);
        if indent(row.line) > 0 {
            return indent(at) == indent(row.line);
        }
        let label = row.label.render();
        label.ends_with(['-', ',']) || label.chars().count() >= WRAPPED_LABEL
    }

    /// Whether sub-items may follow: a group is open, or the last label ends in `:`.
    fn expects_items(&self) -> bool {
        !self.group.is_empty()
            || self
                .pending
                .last()
                .is_some_and(|(_, t)| t.trim_end().ends_with(':'))
    }

    fn placed(piece: &Piece<'a>, line: usize) -> Placed<'a> {
        Placed {
            lex: piece.cell.unwrap_or(CellLex::Unreadable),
            raw: piece.text.to_owned(),
            line,
        }
    }

    /// Label lines joined: a word hyphenated at a line's end and
    /// continued in lower case is one word (`Jeugd-` / `bescherming`).
    fn join(lines: &[(usize, &'a str)]) -> Text<'a> {
        let mut label = Text::default();
        let mut hyphen_last = false;
        for &(_, text) in lines {
            let text = text.trim();
            if hyphen_last && text.starts_with(char::is_lowercase) {
                label.push_glued(text);
            } else {
                label.push(text);
            }
            hyphen_last = text.ends_with('-');
        }
        label
    }

    fn flush_pending_as_parent(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let line = self.pending[0].0;
        let label = Self::join(&self.pending);
        self.pending.clear();
        self.rows.push(BodyRow {
            label,
            line,
            cells: Vec::new(),
            shape: RowShape::Parent,
            period: None,
        });
    }

    fn push_row(
        &mut self,
        label: Text<'a>,
        line: usize,
        mut cells: Vec<Placed<'a>>,
        shape: RowShape,
    ) {
        if cells.len() > self.width {
            self.loose.extend(cells.drain(self.width..));
        }
        let short = cells.len() < self.width;
        self.rows.push(BodyRow {
            label,
            line,
            cells: cells.into_iter().map(Some).collect(),
            shape,
            period: None,
        });
        self.open = short.then(|| self.rows.len() - 1);
    }

    fn row_line(&mut self, text: &'a str, index: usize, pieces: &[Piece<'a>], cells_start: usize) {
        let mut label_end = pieces[cells_start - 1].end();
        let mut cells: Vec<Placed<'a>> = pieces[cells_start..]
            .iter()
            .map(|p| Self::placed(p, index))
            .collect();
        if cells.len() == self.width + 1 {
            // `… op € 200 204 204 204 204`: the extra first cell is part of the label.
            label_end = pieces[cells_start].end();
            cells.remove(0);
        }
        let own = text[..label_end].trim();
        let mut lines = std::mem::take(&mut self.pending);
        let label = if lines.is_empty() || !starts_lowercase(own) {
            self.pending = lines;
            self.flush_pending_as_parent();
            Text::new(own)
        } else {
            lines.push((index, own));
            Self::join(&lines)
        };
        self.group.clear();
        // `- GGD/VT 189 189 …` under a parent: a sub-item with its values inline.
        let under_parent = self
            .rows
            .last()
            .is_some_and(|r| matches!(r.shape, RowShape::Parent | RowShape::Sub));
        let shape = if under_parent && is_sub_item(&label.render()) {
            RowShape::Sub
        } else {
            RowShape::Values
        };
        self.push_row(label, index, cells, shape);
        self.last_was_row = true;
    }

    fn cells_line(&mut self, index: usize, pieces: &[Piece<'a>]) {
        let mut cells: Vec<Placed<'a>> = pieces.iter().map(|p| Self::placed(p, index)).collect();
        if !self.group.is_empty() {
            self.fill_group(cells);
        } else if !self.pending.is_empty() {
            let line = self.pending[0].0;
            let label = Self::join(&self.pending);
            self.pending.clear();
            self.push_row(label, line, cells, RowShape::Values);
        } else if let Some(open) = self.open {
            let row = &mut self.rows[open];
            let room = self.width - row.cells.len();
            let mut cells = cells;
            let excess = cells.len().saturating_sub(room);
            let overflow: Vec<Placed<'a>> = cells.drain(cells.len() - excess..).collect();
            row.cells.extend(cells.into_iter().map(Some));
            self.loose.extend(overflow);
            if row.cells.len() >= self.width {
                self.open = None;
            }
        } else if cells.len() == self.width + 1 && is_year(&cells[0].lex) {
            // `2015 3.795` under `Jaar …`: the year labels the row.
            cells.remove(0);
            self.push_row(Text::new(pieces[0].text), index, cells, RowShape::Values);
        } else if cells.len() == 1 && cells[0].lex.looks_like_page_number() {
            // A page number between complete rows.
        } else {
            self.loose.extend(cells);
        }
        self.last_was_row = true;
    }

    fn fill_group(&mut self, cells: Vec<Placed<'a>>) {
        let next_empty_sub = self
            .group
            .iter()
            .copied()
            .find(|&r| self.rows[r].cells.is_empty());
        if cells.len() == self.width
            && let Some(row) = next_empty_sub
        {
            // A whole sub-row on one line.
            self.rows[row].cells = cells.into_iter().map(Some).collect();
            return;
        }
        for cell in cells {
            // Column by column: the sub-row with the fewest cells, topmost first.
            let slot = self
                .group
                .iter()
                .copied()
                .filter(|&r| self.rows[r].cells.len() < self.width)
                .min_by_key(|&r| self.rows[r].cells.len());
            match slot {
                Some(row) => self.rows[row].cells.push(Some(cell)),
                None => self.loose.push(cell),
            }
        }
    }

    fn share(&mut self, piece: &Piece<'a>, index: usize) {
        let last = self
            .rows
            .iter_mut()
            .rev()
            .find_map(|row| row.cells.iter_mut().rev().flatten().next());
        match last {
            Some(cell) => {
                cell.raw.push(' ');
                cell.raw.push_str(piece.text);
            }
            None => self.loose.push(Self::placed(piece, index)),
        }
    }

    /// A label line; `is_tail` when it continues the label of the row above.
    fn label_line(&mut self, text: &'a str, index: usize, is_tail: bool) {
        let text = text.trim();
        if is_sub_item(text) {
            if self.group.is_empty() {
                self.flush_pending_as_parent();
            }
            self.rows.push(BodyRow {
                label: Text::new(text),
                line: index,
                cells: Vec::new(),
                shape: RowShape::Sub,
                period: None,
            });
            self.group.push(self.rows.len() - 1);
            self.open = None;
        } else if !self.pending.is_empty() {
            if starts_lowercase(text)
                || self
                    .pending
                    .last()
                    .is_some_and(|(_, t)| t.trim_end().ends_with('-'))
            {
                self.pending.push((index, text));
            } else {
                self.flush_pending_as_parent();
                self.pending.push((index, text));
            }
        } else if is_tail && self.group.is_empty() {
            if let Some(row) = self.rows.last_mut() {
                row.label.push(text);
            }
            // A label's tail may run over more lines.
            self.last_was_row = true;
            return;
        } else {
            self.group.clear();
            self.open = None;
            self.pending.push((index, text));
        }
        self.last_was_row = false;
    }
}

fn is_year(lex: &CellLex<'_>) -> bool {
    matches!(lex, CellLex::Number(n) if n.as_year().is_some())
}

/// Reads a body from `start` with `width` columns. Another table's header
/// ends it; this table's own header, repeated after a page break, is skipped.
pub fn read_body<'a>(context: &Context<'_, '_, 'a>, start: usize, width: usize) -> Body<'a> {
    let (lines, header) = (context.lines, context.header);
    let mut builder = Builder {
        width,
        rows: Vec::new(),
        pending: Vec::new(),
        open: None,
        group: Vec::new(),
        loose: Vec::new(),
        last_was_row: false,
    };
    let mut end = start;
    let mut blanks = 0;
    let mut index = start;
    let mut used = Vec::new();
    while index < lines.len() {
        let (text, line) = lines[index];
        let has_rows = !builder.rows.is_empty();
        match line {
            TableLine::Blank | TableLine::Noise => {
                blanks += 1;
                if blanks >= BLANK_RUN {
                    break;
                }
                index += 1;
                continue;
            }
            _ if has_rows && header(index) == HeaderHere::Other => break,
            _ if header(index) == HeaderHere::Repeated => {}
            TableLine::Row {
                pieces,
                cells_start,
            } if starts_bullet_list(text) && is_full_row(pieces.len() - cells_start, width) => {
                // `o Bevorderen … -54.607 11.092 0 623 -42.892`: an OCR
                // bullet before a complete row; the row, without the bullet.
                let bullet = text.len() - text.trim_start().len() + crate::clean::BULLET.len_utf8();
                let text = &text[bullet..];
                let pieces = crate::parse::cell::pieces(text);
                let start = crate::parse::cell::trailing_cells_start(&pieces);
                builder.row_line(text, index, &pieces, start)
            }
            TableLine::Row { .. } | TableLine::Label
                if starts_bullet_list(text) && !builder.expects_items() =>
            {
                break;
            }
            TableLine::Row {
                pieces,
                cells_start,
            } => {
                if pieces.len() - cells_start > width + 1 && has_rows {
                    break; // another table's row
                }
                builder.row_line(text, index, pieces, *cells_start)
            }
            TableLine::Cells(cells) => builder.cells_line(index, cells),
            TableLine::Share(piece) => builder.share(piece, index),
            TableLine::Label if is_prose(text) => break,
            TableLine::Label => {
                // A label does not wrap across a page break.
                let same_page = !context
                    .page_break_before
                    .get(index)
                    .copied()
                    .unwrap_or(false);
                let tail = starts_lowercase(text.trim())
                    && builder.last_was_row
                    && blanks == 0
                    && same_page
                    && builder.continues_label(context.indents, index);
                if !tail && !values_follow(lines, index, header) {
                    break;
                }
                builder.label_line(text, index, tail);
            }
            TableLine::Scale { .. } | TableLine::Caption | TableLine::Stop => break,
        }
        used.push(index);
        blanks = 0;
        index += 1;
        end = index;
    }
    finish(builder, end, used)
}

fn finish(mut builder: Builder<'_>, end: usize, used: Vec<usize>) -> Body<'_> {
    let mut warnings = Vec::new();
    builder.flush_pending_as_parent();
    if let Some(first) = builder.loose.first() {
        let texts: Vec<String> = builder
            .loose
            .iter()
            .map(|c| format!("\"{}\" (line {})", c.raw, c.line + 1))
            .collect();
        warnings.push(Warning::at(
            "values-ambiguous",
            first.line + 1,
            format!(
                "{} value(s) fit no row or column and are not read: {}",
                builder.loose.len(),
                texts.join(", ")
            ),
        ));
    }
    let width = builder.width;
    let short: Vec<String> = builder
        .rows
        .iter()
        .filter(|r| !r.cells.is_empty() && r.cells.len() < width)
        .map(|r| format!("\"{}\" (line {})", r.label, r.line + 1))
        .collect();
    if !short.is_empty() {
        let first = builder
            .rows
            .iter()
            .find(|r| !r.cells.is_empty() && r.cells.len() < width)
            .map_or(1, |r| r.line + 1);
        warnings.push(Warning::at(
            "cells-short",
            first,
            format!(
                "{} row(s) print fewer values than the table has columns; read left to right: {}",
                short.len(),
                short.join(", ")
            ),
        ));
    }
    for row in &mut builder.rows {
        row.cells.resize(width, None);
    }
    Body {
        rows: builder.rows,
        end,
        used,
        warnings,
    }
}
