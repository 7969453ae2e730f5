//! Numeric tables: financial tables under `Bedragen x €1.000`, captioned
//! tables (`Tabel 3. …`), plain grids of rows, and the summary that opens a
//! web export. See `grammars/table.md` for annotated samples.
//!
//! ```text
//! table = [title] [scale] header body [caption]
//!       | summary
//! ```
//!
//! A table is found at its first sure sign, left to right:
//! 1. a summary (`Uitgaven` / `25,82%` / `€ -116.766` / `x €1.000` …);
//! 2. a scale line (`Bedragen x €1.000`): the header and body follow;
//! 3. a header line ([`header`]) that a body follows;
//! 4. three rows or more with the same number of cells (a grid without a
//!    header above it; a month header printed after the rows is read).
//!
//! Its title is the caption printed right after it (`Tabel 1. …`, with the
//! lines that continue it), else the heading right above it, else the
//! header of its label column. Lines that belong to indicator blocks are
//! never read as tables.

pub mod body;
pub mod card;
pub mod glued;
pub mod grid;
pub mod header;
pub mod layout;
pub mod line;
pub mod pipe;
pub mod summary;
pub mod typed;

use crate::diagnostic::Warning;
use crate::parse::cell::{CellLex, Piece, is_page_number_line, is_year_word};
use crate::parse::figure::{GAP_SPACES, is_heading_text};

use crate::parse::Placement;
use crate::parse::line::Token;
use crate::parse::text::{ColumnName, Join, Text};
use crate::parse::tokens::{LineResult, Tokens, every_match};
use body::{Body, BodyRow, Context, HeaderHere, RowShape, is_prose, read_body};
use header::{ColumnLine, column_line, months_after, split_groups};
use line::{TableLine, classify_table_line, stated_scale};
use nom::branch::alt;
use std::cell::OnceCell;
use std::collections::BTreeSet;

/// A unit the layout fixes for a whole table (a summary of shares or of amounts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutUnit {
    /// Every value is an amount in euros.
    Euro,
    /// Every value is a percentage.
    Percent,
}

/// One cell of a text column, as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextCell<'a> {
    /// Index of its row in the table.
    pub row: usize,
    /// Index of its column in `text_columns`.
    pub column: usize,
    /// The text as printed.
    pub text: &'a str,
    /// Document index of its line.
    pub line: usize,
}

/// A table as recognised, with document line indices (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableBlock<'a> {
    /// The caption or heading, when one was found.
    pub title: Option<Text<'a>>,
    /// Header of the label column (`Doelstelling`, `Jaar`).
    pub label_header: Option<Text<'a>>,
    /// Column names: printed heads, or numbers where no head names them.
    pub columns: Vec<ColumnName<'a>>,
    /// Names of the columns that hold text, not values (`Eenheid`, `Bron`,
    /// `Periode`), in printed order.
    pub text_columns: Vec<Text<'a>>,
    /// The text cells of the rows.
    pub texts: Vec<TextCell<'a>>,
    /// A printed note on how to read the signs (`- = nadelig`).
    pub sign_note: Option<&'a str>,
    /// Header lines that name no column, and footnotes.
    pub notes: Vec<Text<'a>>,
    /// The head of a column of years moved into the row labels
    /// ([`fold_period_columns`]): the period of each row's values.
    pub period_column: Option<ColumnName<'a>>,
    /// Multiplier of every value.
    pub scale: i64,
    /// The scale line printed `€`.
    pub euro_scale: bool,
    /// A unit fixed by the layout (the summary's shares and amounts).
    pub unit: Option<LayoutUnit>,
    /// The rows.
    pub rows: Vec<BodyRow<'a>>,
    /// First line of the table, title included.
    pub first_line: usize,
    /// Last line of the table, caption included.
    pub last_line: usize,
    /// Problems met.
    pub warnings: Vec<Warning>,
    /// Document indices of every line the table was read from.
    pub used_lines: BTreeSet<usize>,
}

/// Recognises the numeric tables of a document; `in_indicator[i]` marks
/// lines that belong to indicator blocks, `placements[i]` where each line stands.
pub fn parse_tables<'a>(
    lines: &[&'a str],
    tokens: &[Token<'a>],
    in_indicator: &[bool],
    placements: &[Placement],
) -> Vec<TableBlock<'a>> {
    let classified: Vec<TableLine<'a>> = tokens
        .iter()
        .zip(in_indicator)
        .map(|(token, &masked)| {
            if masked {
                TableLine::Stop
            } else {
                classify_table_line(token.lexeme(), &token.kind)
            }
        })
        .collect();
    let view: Vec<(&'a str, &TableLine<'a>)> =
        lines.iter().copied().zip(classified.iter()).collect();
    let page = |i: usize| placements.get(i).and_then(|p| p.page);
    let page_break_before: Vec<bool> = (0..lines.len())
        .map(|i| i > 0 && page(i) != page(i - 1))
        .collect();
    let indents: Vec<usize> = (0..lines.len())
        .map(|i| placements.get(i).map_or(0, |p| p.indent))
        .collect();
    Scanner {
        view: &view,
        tokens,
        column_lines: view.iter().map(|_| OnceCell::new()).collect(),
        page_break_before: &page_break_before,
        indents: &indents,
    }
    .scan()
}

/// The most lines a row-per-line header takes before its body: a heading,
/// notes, a scale and heads stacked over a few lines fit with room to
/// spare; a longer run of head-like lines (a list of `Realisatie 2023`
/// lines) heads no table, and each start in it costs at most this many
/// looks, so such a run costs linear time.
const HEADER_LINES: usize = 16;
/// Label lines a header holds at most besides its column lines (a unit
/// line, a label head wrapped, notes): more is a paragraph, not a header.
const HEADER_LABEL_LINES: usize = 10;
/// Pieces a row label of a table without a header has at most: a longer
/// label is a sentence that happens to end in numbers.
const HEADERLESS_LABEL_PIECES: usize = 8;
/// Rows a table without a header prints at least: fewer rows with the same
/// number of cells are a coincidence of prose, not a table.
const HEADERLESS_ROWS: usize = 3;
/// Filled lines after a headerless body in which its header may still be
/// printed (a chart's table names its months under the rows).
const HEADER_AFTER_LINES: usize = 4;
/// Lines after a header in which its first row stands (notes, a scale and
/// blank lines between); with no row in them the width is unknown.
const FIRST_ROW_LINES: usize = 12;
/// Lines between a body and its caption (`Tabel 3. …`) at most: a blank
/// line and a page number.
const CAPTION_GAP: usize = 2;
/// Lines a caption continues on after its first.
const CAPTION_LINES: usize = 3;
/// Lines between a table and the heading above it that titles it, at most:
/// a scale line, a unit line and blank lines.
const HEADING_GAP: usize = 4;

/// [`GAP_SPACES`] spaces: a layout gap between columns.
const LAYOUT_GAP: &str = match GAP_SPACES {
    3 => "   ",
    _ => panic!("LAYOUT_GAP spells GAP_SPACES spaces"),
};

/// The quick refusal of row per line: only a label (a summary's first
/// item, or a header), a scale line, or a line of cells (a header or a
/// row) opens a table.
fn opens_table(line: &TableLine<'_>) -> bool {
    matches!(
        line,
        TableLine::Label | TableLine::Scale { .. } | TableLine::Row { .. } | TableLine::Cells(_)
    )
}

/// A line of the row-per-line grammars: its text and its class.
type ViewLine<'t, 'a> = (&'a str, &'t TableLine<'a>);

/// What a `table` alternative finds: one table, or several (a summary).
trait Tables<'a> {
    fn into_vec(self) -> Vec<TableBlock<'a>>;
}

impl<'a> Tables<'a> for TableBlock<'a> {
    fn into_vec(self) -> Vec<TableBlock<'a>> {
        vec![self]
    }
}

impl<'a> Tables<'a> for Vec<TableBlock<'a>> {
    fn into_vec(self) -> Vec<TableBlock<'a>> {
        self
    }
}

struct Scanner<'v, 't, 'a> {
    view: &'v [ViewLine<'t, 'a>],
    /// The shared lexing pass over the same lines.
    tokens: &'v [Token<'a>],
    /// Each line read as a column line, once.
    column_lines: Vec<OnceCell<Option<ColumnLine<'a>>>>,
    /// Whether a page starts at each line.
    page_break_before: &'v [bool],
    /// How far each line was indented.
    indents: &'v [usize],
}

impl<'v, 't, 'a> Scanner<'v, 't, 'a> {
    fn line(&self, index: usize) -> &TableLine<'a> {
        self.view[index].1
    }

    fn text(&self, index: usize) -> &'a str {
        self.view[index].0
    }

    fn column_line(&self, index: usize) -> Option<&ColumnLine<'a>> {
        self.column_lines[index]
            .get_or_init(|| column_line(self.tokens[index].lexeme(), self.line(index)))
            .as_ref()
    }

    /// Whether line `index` is a header: `own` (the table's columns) repeated, or another.
    fn header_here(&self, index: usize, own: &[Text<'a>]) -> HeaderHere {
        match self.column_line(index) {
            None => HeaderHere::No,
            Some(c) if !own.is_empty() && c.columns == own => HeaderHere::Repeated,
            Some(_) => HeaderHere::Other,
        }
    }

    fn is_blank(&self, index: usize) -> bool {
        matches!(self.line(index), TableLine::Blank | TableLine::Noise)
    }

    fn next_filled(&self, from: usize) -> Option<usize> {
        (from..self.view.len()).find(|&i| !self.is_blank(i))
    }

    fn previous_filled(&self, before: usize) -> Option<usize> {
        (0..before).rev().find(|&i| !self.is_blank(i))
    }

    /// `table` at each line, left to right ([`every_match`]); a table's
    /// title is never taken from above the previous table ([`Tokens::floor`]).
    fn scan(&self) -> Vec<TableBlock<'a>> {
        let table = alt((
            |input| self.found(input, self.summary_at(input.offset())),
            |input| self.found(input, self.scaled_at(input.offset(), input.floor())),
            |input| self.found(input, self.headed_at(input.offset(), input.floor())),
            |input| self.found(input, self.grid_at(input.offset(), input.floor())),
        ));
        every_match(self.view, |(_, line)| opens_table(line), table)
            .into_iter()
            .flatten()
            .collect()
    }

    /// The input after the tables `found` at its first line, or no match.
    fn found<T: Tables<'a>>(
        &self,
        input: Tokens<'v, ViewLine<'t, 'a>>,
        found: Option<T>,
    ) -> LineResult<'v, ViewLine<'t, 'a>, Vec<TableBlock<'a>>> {
        let at = input.offset();
        match found.map(Tables::into_vec) {
            Some(tables) => {
                let end = tables.iter().map(|t| t.last_line + 1).max().unwrap_or(at);
                Ok((input.starting_at(end.max(at + 1)), tables))
            }
            None => Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Verify,
            ))),
        }
    }

    fn summary_at(&self, at: usize) -> Option<Vec<TableBlock<'a>>> {
        if !matches!(self.line(at), TableLine::Label) {
            return None;
        }
        let input = Tokens::new(self.view).starting_at(at);
        let (rest, items) = summary::summary(input).ok()?;
        let last_line = rest.offset().saturating_sub(1);
        let warnings: Vec<Warning> = items.iter().flat_map(|i| i.warnings.clone()).collect();
        let row =
            |label: (usize, &'a str), cell: &(usize, crate::parse::cell::Piece<'a>)| BodyRow {
                label: Text::new(label.1),
                line: label.0,
                cells: vec![Some(body::Placed {
                    lex: cell.1.cell.unwrap_or(CellLex::Unreadable),
                    raw: cell.1.text.to_owned(),
                    line: cell.0,
                })],
                shape: RowShape::Values,
                period: None,
            };
        let labels: Vec<&'a str> = items.iter().map(|i| i.label.1).collect();
        let title = {
            let mut title = Text::new(labels[0]);
            for label in &labels[1..] {
                title.push_joined(label, Join::List);
            }
            title
        };
        let make = |title: Text<'a>,
                    column: &'a str,
                    scale: i64,
                    unit: LayoutUnit,
                    rows: Vec<BodyRow<'a>>| {
            TableBlock {
                title: Some(title),
                text_columns: Vec::new(),
                texts: Vec::new(),
                sign_note: None,
                label_header: None,
                columns: vec![ColumnName::from(column)],
                notes: Vec::new(),
                period_column: None,
                scale,
                euro_scale: unit == LayoutUnit::Euro,
                unit: Some(unit),
                rows,
                first_line: at,
                last_line,
                warnings: Vec::new(),
                used_lines: (at..=last_line).filter(|&i| !self.is_blank(i)).collect(),
            }
        };
        let mut amounts = make(
            title.clone(),
            "Bedrag",
            items[0].scale,
            LayoutUnit::Euro,
            items.iter().map(|i| row(i.label, &i.amount)).collect(),
        );
        amounts.warnings = warnings;
        let shares = make(
            {
                let mut shares = title.clone();
                shares.push("(aandeel)");
                shares
            },
            "Aandeel",
            1,
            LayoutUnit::Percent,
            items.iter().map(|i| row(i.label, &i.share)).collect(),
        );
        Some(vec![amounts, shares])
    }

    fn scaled_at(&self, at: usize, floor: usize) -> Option<TableBlock<'a>> {
        let TableLine::Scale { scale, euro } = *self.line(at) else {
            return None;
        };
        let mut table = self.table_from(at + 1, at, None, floor)?;
        table.scale = scale;
        table.euro_scale = euro;
        table.used_lines.insert(at);
        Some(table)
    }

    fn headed_at(&self, at: usize, floor: usize) -> Option<TableBlock<'a>> {
        self.column_line(at)?;
        // A header is the last run of column lines above the body: a line
        // that names a year (`Jaarverslag 2024`) with text and another
        // header after it heads nothing; the later header is the table's.
        let (header_lines, _) = self.header_lines(at)?;
        if self
            .last_column_run(&header_lines)
            .is_some_and(|run| run > at && !self.adjacent_columns(at, run))
        {
            return None;
        }
        let scale = self.previous_filled(at).and_then(|i| match self.line(i) {
            TableLine::Scale { scale, euro } => Some((*scale, *euro, i)),
            _ => None,
        });
        let mut table = self.table_from(at, at, Some(at), floor)?;
        if let Some((scale, euro, line)) = scale {
            table.scale = scale;
            table.euro_scale = euro;
            table.first_line = table.first_line.min(line);
            table.used_lines.insert(line);
        }
        Some(table)
    }

    /// Three rows or more with the same number of cells (two at least), short labels.
    fn grid_at(&self, at: usize, floor: usize) -> Option<TableBlock<'a>> {
        let width = match self.line(at) {
            TableLine::Row {
                pieces,
                cells_start,
            } if pieces.len() - cells_start >= 2 => pieces.len() - cells_start,
            _ => return None,
        };
        let mut rows = 0;
        let mut index = at;
        while let TableLine::Row {
            pieces,
            cells_start,
        } = self.line(index)
        {
            let short_label = *cells_start <= HEADERLESS_LABEL_PIECES;
            if pieces.len() - cells_start != width || !short_label {
                break;
            }
            rows += 1;
            match self.next_filled(index + 1) {
                Some(next) => index = next,
                None => break,
            }
        }
        if rows < HEADERLESS_ROWS {
            return None;
        }
        let header = |i| self.header_here(i, &[]);
        let context = Context {
            lines: self.view,
            page_break_before: self.page_break_before,
            indents: self.indents,
            header: &header,
        };
        let body = read_body(&context, at, width);
        let mut table = self.assemble(at, Vec::new(), None, body, floor);
        let trailing: Vec<usize> = (table.last_line + 1..self.view.len())
            .filter(|&i| !self.is_blank(i))
            .take(HEADER_AFTER_LINES)
            .take_while(|&i| matches!(self.line(i), TableLine::Label) && !is_prose(self.text(i)))
            .collect();
        let texts: Vec<&str> = trailing.iter().map(|&i| self.text(i)).collect();
        let years_after = (table.last_line + 1..self.view.len())
            .find(|&i| !self.is_blank(i))
            .and_then(|i| {
                self.column_line(i)
                    .filter(|c| c.years_only && c.columns.len() == width)
                    .map(|c| (i, c.columns.iter().cloned().map(ColumnName::from).collect()))
            });
        match (years_after, months_after(&texts, width)) {
            (Some((line, years)), _) => {
                table.columns = years;
                table.last_line = line;
                table.used_lines.insert(line);
            }
            (None, Some(months)) => {
                table.columns = months.into_iter().map(ColumnName::from).collect();
                table.last_line = table.last_line.max(trailing.last().copied().unwrap_or(0));
                table.used_lines.extend(&trailing);
            }
            (None, None) => {
                table.columns = ColumnName::numbered(width);
                table.warnings.push(Warning::at(
                    "header-missing",
                    at + 1,
                    "the table prints no header; its columns are numbered",
                ));
            }
        }
        Some(table)
    }

    /// The table whose header starts at `from`; `anchor` is its first line
    /// (the scale line, or the header), `column_at` the column line when known.
    fn table_from(
        &self,
        from: usize,
        anchor: usize,
        column_at: Option<usize>,
        floor: usize,
    ) -> Option<TableBlock<'a>> {
        let (header_lines, body_start) = self.header_lines(from)?;
        let mut column_at = column_at.or_else(|| self.last_column_run(&header_lines));
        let (mut columns, mut merged) = match column_at {
            Some(at) => self.merged_columns(at, &header_lines),
            None => (None, Vec::new()),
        };
        // Heads stacked in layout columns name the columns when the column
        // lines name another number of them (or none), or the same ones
        // with more words below (`Begroting 2023` / `na wijziging`).
        if let Some((laid_out, lines)) = self.layout_columns(&header_lines, body_start)
            && columns.as_ref().is_none_or(|c| {
                c.columns.len() != laid_out.columns.len()
                    || (lines.len() > 1
                        && c.columns
                            .iter()
                            .zip(&laid_out.columns)
                            .all(|(own, stacked)| stacked.render().starts_with(&own.render()))
                        && c.columns != laid_out.columns)
            })
        {
            column_at = lines.first().copied();
            merged = lines[1..].to_vec();
            columns = Some(ColumnLine {
                label_header: laid_out.label_header,
                columns: laid_out.columns,
                years_only: false,
                by_year: false,
            });
        }
        let width = match &columns {
            Some(c) => c.columns.len(),
            None => self.width_from_rows(body_start)?,
        };
        let own: Vec<Text<'a>> = columns
            .as_ref()
            .map(|c| c.columns.clone())
            .unwrap_or_default();
        let header = |i| {
            if i == body_start {
                HeaderHere::No
            } else {
                self.header_here(i, &own)
            }
        };
        let context = Context {
            lines: self.view,
            page_break_before: self.page_break_before,
            indents: self.indents,
            header: &header,
        };
        let body = read_body(&context, body_start, width);
        if !body
            .rows
            .iter()
            .any(|r| r.cells.iter().any(Option::is_some))
        {
            return None;
        }
        let mut notes = Vec::new();
        let mut column_names = columns
            .as_ref()
            .map(|c| c.columns.clone())
            .unwrap_or_default();
        let mut label_header = columns.as_ref().and_then(|c| c.label_header.clone());
        // A label header wrapped over lines: `Programma 2 Samen leven` / `en ondersteunen Rekening 2021 …`.
        let wrapped_from = column_at
            .filter(|_| {
                label_header
                    .as_ref()
                    .is_some_and(|h| h.render().starts_with(char::is_lowercase))
            })
            .and_then(|at| header_lines.iter().rev().copied().find(|&i| i < at))
            .filter(|&i| matches!(self.line(i), TableLine::Label));
        if let (Some(above), Some(header)) = (wrapped_from, label_header.as_mut()) {
            *header = Text::new(self.text(above)).then(header);
        }
        for &i in &header_lines {
            if Some(i) == column_at || merged.contains(&i) || Some(i) == wrapped_from {
                continue;
            }
            let text = self.text(i).trim();
            let after_columns = column_at.is_some_and(|c| i > c);
            let continues = after_columns && text.starts_with(char::is_lowercase);
            // Indented like the label header: that header wrapped (`Programma 2 Samen leven` / `en ondersteunen`).
            let under_label = column_at
                .is_some_and(|c| self.indents[c] > 0 && self.indents[i] == self.indents[c]);
            match label_header.as_mut() {
                Some(header) if continues && under_label => header.push(text),
                _ if continues && column_names.len() == 1 => column_names[0].push(text),
                _ => notes.push(Text::new(text)),
            }
        }
        // Group names above repeated years: `POH-jeugd Schoolmaatsch. werk PO` over `2018 2019 2018 2019`.
        let mut group_line = None;
        if let (Some(c), Some(at)) = (&columns, column_at)
            && c.years_only
        {
            let distinct: std::collections::BTreeSet<String> =
                c.columns.iter().map(Text::render).collect();
            let groups = c.columns.len() / distinct.len().max(1);
            let above = self
                .previous_filled(at)
                .filter(|&i| matches!(self.line(i), TableLine::Label));
            if groups > 1
                && c.columns.len() % distinct.len() == 0
                && let Some(above) = above
                && let Some(names) = split_groups(self.text(above), groups)
            {
                let per_group = c.columns.len() / groups;
                for (index, name) in column_names.iter_mut().enumerate() {
                    *name = names[index / per_group].clone().then(name);
                }
                notes.retain(|n| *n != self.text(above).trim());
                group_line = Some(above);
            }
        }

        let first = group_line.map_or(anchor, |g| g.min(anchor));
        let mut table = self.assemble(first, notes, label_header, body, floor);
        table.used_lines.extend(
            header_lines
                .iter()
                .chain(&group_line)
                .chain(&column_at)
                .chain(&merged),
        );
        table.columns = match columns {
            Some(_) => column_names.into_iter().map(ColumnName::from).collect(),
            None => ColumnName::numbered(width),
        };
        // A scale printed in the header (`Bedragen x € 1.000   Rekening
        // 2023 …`, or a header line of its own) holds for the table.
        if let Some((scale, euro)) = table
            .label_header
            .iter()
            .chain(&table.notes)
            .find_map(|text| stated_scale(&text.render()))
        {
            table.scale = scale;
            table.euro_scale = euro;
        }
        if columns.is_none() {
            table.warnings.push(Warning::at(
                "header-missing",
                anchor + 1,
                "no header names the columns of this table; they are numbered",
            ));
        }
        Some(table)
    }

    /// The header that the lines right above the body print in layout
    /// columns over the body's cells (`layout.rs`), and those lines.
    fn layout_columns(
        &self,
        header_lines: &[usize],
        body_start: usize,
    ) -> Option<(layout::LayoutHeader<'a>, Vec<usize>)> {
        let placed = |i: usize| layout::Placed {
            text: self.text(i),
            indent: self.indents[i],
        };
        // The header lines that touch the body, top to bottom.
        let mut heads: Vec<usize> = Vec::new();
        for &i in header_lines.iter().rev() {
            let next = heads.last().copied().unwrap_or(body_start);
            if i + 1 != next {
                break;
            }
            heads.push(i);
        }
        heads.reverse();
        if heads.is_empty() {
            return None;
        }
        let rows: Vec<(layout::Placed<'_>, &[Piece<'a>])> = (body_start..self.view.len())
            .take_while(|&i| matches!(self.line(i), TableLine::Row { .. }))
            .map(|i| (placed(i), self.tokens[i].lexeme().pieces()))
            .collect();
        let width = self.width_from_rows(body_start)?;
        let spans = layout::cell_spans(&rows, width)?;
        let head_lines: Vec<layout::Placed<'a>> = heads.iter().map(|&i| placed(i)).collect();
        layout::layout_header(&head_lines, &spans).map(|h| (h, heads))
    }

    /// Whether the lines from `from` to `to` are column lines and blank
    /// lines only (one header printed over several lines).
    fn adjacent_columns(&self, from: usize, to: usize) -> bool {
        (from..=to).all(|i| self.is_blank(i) || self.column_line(i).is_some())
    }

    /// First line of the last run of column lines among the header lines.
    fn last_column_run(&self, header_lines: &[usize]) -> Option<usize> {
        let columns: Vec<(usize, &ColumnLine)> = header_lines
            .iter()
            .filter_map(|&i| self.column_line(i).map(|c| (i, c)))
            .collect();
        let (mut start, mut kind) = columns.last().map(|(i, c)| (*i, c.years_only))?;
        for (i, c) in columns.iter().rev().skip(1) {
            let adjacent = (i + 1..start).all(|j| self.is_blank(j));
            if !adjacent || c.years_only != kind {
                break;
            }
            start = *i;
            kind = c.years_only;
        }
        Some(start)
    }

    /// The column line at `at`, merged with the column lines of the same kind
    /// right after it (a header split over lines: `Nieuw beleid 2023 2024` /
    /// `2025 2026`); returns the merged lines too.
    fn merged_columns(
        &self,
        at: usize,
        header_lines: &[usize],
    ) -> (Option<ColumnLine<'a>>, Vec<usize>) {
        let Some(mut columns) = self.column_line(at).cloned() else {
            return (None, Vec::new());
        };
        let mut merged = Vec::new();
        let mut last = at;
        for &next in header_lines.iter().filter(|&&i| i > at) {
            let between_blank = (last + 1..next).all(|i| self.is_blank(i));
            match self.column_line(next) {
                Some(more)
                    if between_blank
                        && more.years_only == columns.years_only
                        && more.label_header.is_none() =>
                {
                    columns.columns = stacked(&columns.columns, &more.columns);
                    merged.push(next);
                    last = next;
                }
                _ => break,
            }
        }
        (Some(columns), merged)
    }

    /// Header lines from `from` up to the first line of the body: the label
    /// lines right above the first values belong to the body when the
    /// topmost of them starts with a capital.
    fn header_lines(&self, from: usize) -> Option<(Vec<usize>, usize)> {
        let mut header = Vec::new();
        let mut index = from;
        loop {
            let next = self.next_filled(index)?;
            if header.len() >= HEADER_LINES {
                return None; // a run of head-like lines that no body ends
            }
            match self.line(next) {
                _ if self.column_line(next).is_some() => header.push(next),
                TableLine::Label
                    if !is_prose(self.text(next)) && header.len() < HEADER_LABEL_LINES =>
                {
                    header.push(next)
                }
                // A page number where the page broke inside the header: more header follows.
                TableLine::Cells(cells)
                    if is_page_number_line(cells)
                        && self.next_filled(next + 1).is_some_and(|after| {
                            self.column_line(after).is_some()
                                || matches!(self.line(after), TableLine::Label)
                        }) => {}
                TableLine::Row { .. } | TableLine::Cells(_) => break,
                _ => return None,
            }
            index = next + 1;
        }
        let last_column = header.iter().rposition(|&i| self.column_line(i).is_some());
        let labels_from = last_column.map_or(0, |c| c + 1);
        let label_block = header[labels_from..]
            .iter()
            .rposition(|&i| self.text(i).trim_start().starts_with(char::is_uppercase))
            .map(|offset| labels_from + offset);
        let body_start = match label_block {
            Some(start) => {
                let start_line = header[start];
                header.truncate(start);
                start_line
            }
            None => self.next_filled(index)?,
        };
        Some((header, body_start))
    }

    fn width_from_rows(&self, start: usize) -> Option<usize> {
        (start..self.view.len())
            .take(FIRST_ROW_LINES)
            .map(|i| self.line(i))
            .find_map(|l| match l {
                TableLine::Row {
                    pieces,
                    cells_start,
                } => Some(pieces.len() - cells_start),
                _ => None,
            })
    }

    /// A table of `body` starting at `first`, with its caption or heading.
    fn assemble(
        &self,
        first: usize,
        mut notes: Vec<Text<'a>>,
        label_header: Option<Text<'a>>,
        body: Body<'a>,
        floor: usize,
    ) -> TableBlock<'a> {
        let mut last_line = body.end.saturating_sub(1);
        let mut title = None;
        let mut first_line = first;
        let mut used: BTreeSet<usize> = body.used.iter().copied().collect();
        // A caption right after the body.
        if let Some(caption_at) = self
            .next_filled(body.end)
            .filter(|&i| i <= body.end + CAPTION_GAP)
            && matches!(self.line(caption_at), TableLine::Caption)
        {
            let mut parts = vec![self.text(caption_at).trim()];
            let mut index = caption_at + 1;
            while index < self.view.len() && index <= caption_at + CAPTION_LINES {
                let text = self.text(index).trim();
                let continues =
                    matches!(self.line(index), TableLine::Label | TableLine::Row { .. })
                        && text.starts_with(|c: char| {
                            c.is_lowercase() || c.is_ascii_digit() || c == '('
                        });
                if text.starts_with('*') && !text.is_empty() {
                    notes.push(Text::new(text));
                } else if !continues {
                    break;
                } else {
                    parts.push(text);
                }
                used.insert(index);
                index += 1;
            }
            used.insert(caption_at);
            title = Some(Text::joined(parts));
            last_line = index - 1;
        }
        // A scale line that opens with the title, a layout gap between
        // (`Overzicht baten en lasten      bedragen x € 1.000`).
        if title.is_none()
            && matches!(self.line(first), TableLine::Scale { .. })
            && let Some((head, _)) = self.text(first).split_once(LAYOUT_GAP)
            && stated_scale(head).is_none()
            && is_heading_text(head)
        {
            title = Some(Text::new(head.trim()));
        }
        if title.is_none()
            && let Some(above) = self.previous_filled(first)
            && above >= floor
            && first - above <= HEADING_GAP
            && self.is_heading(above)
        {
            title = Some(Text::new(self.text(above).trim()));
            first_line = above;
            used.insert(above);
        }
        TableBlock {
            title: title.or_else(|| label_header.clone()),
            text_columns: Vec::new(),
            texts: Vec::new(),
            sign_note: None,
            label_header,
            columns: Vec::new(),
            notes,
            period_column: None,
            scale: 1,
            euro_scale: false,
            unit: None,
            rows: body.rows,
            first_line,
            last_line,
            warnings: body.warnings,
            used_lines: used,
        }
    }

    fn is_heading(&self, index: usize) -> bool {
        let text = self.text(index).trim();
        match self.line(index) {
            TableLine::Caption => true,
            TableLine::Label => !is_prose(text) && is_heading_text(text),
            _ => false,
        }
    }
}

/// Years the cells of a period column span at most (`2023`, `2024`).
pub const PERIOD_SPAN: i32 = 10;

/// Moves a column that holds only years into the row labels: a period
/// (`Winkeldiefstallen … CBS 2024 1,9 2,6`: the measurement year of the
/// values beside it), never a value. A column is a period when two rows or
/// more print a year in it, every cell it holds is a year within
/// [`PERIOD_SPAN`] years, and another column holds values that are no years.
pub fn fold_period_columns(table: &mut TableBlock<'_>) {
    let width = table.columns.len();
    let year = |cell: &Option<body::Placed<'_>>| match cell {
        Some(placed) => match placed.lex {
            CellLex::Number(n) => n.as_year().map(Some),
            _ => Some(None),
        },
        None => None,
    };
    let column_years = |c: usize| -> Option<Vec<i32>> {
        let cells: Vec<Option<i32>> = table
            .rows
            .iter()
            .filter_map(|r| year(r.cells.get(c)?))
            .collect();
        cells.iter().copied().collect::<Option<Vec<i32>>>()
    };
    let is_period = |c: usize| {
        column_years(c).is_some_and(|years| {
            let span = years
                .iter()
                .max()
                .zip(years.iter().min())
                .map_or(0, |(a, b)| a - b);
            years.len() >= 2 && span <= PERIOD_SPAN
        })
    };
    let Some(period) = (0..width).find(|&c| is_period(c)) else {
        return;
    };
    let other_values = (0..width).filter(|&c| c != period).any(|c| {
        table.rows.iter().any(|r| {
            matches!(r.cells.get(c), Some(Some(p)) if matches!(p.lex, CellLex::Number(n) if n.as_year().is_none()))
        })
    });
    if !other_values {
        return;
    }
    for row in &mut table.rows {
        if row.cells.len() > period
            && let Some(placed) = row.cells.remove(period)
        {
            row.period = Some(placed);
        }
    }
    let name = table.columns.remove(period);
    if table.columns.iter().all(|c| c.printed().is_none()) {
        table.columns = ColumnName::numbered(table.columns.len());
    }
    table.period_column = Some(name);
}

/// The columns of two header lines, one above the other: measures under
/// bases (`Rekening 2024 Begroting 2025` over `Lasten Baten Saldo Lasten
/// Baten Saldo`, or over `Lasten Baten Saldo` once for all) name a column
/// each, basis and measure; any other pair is one header split over lines.
fn stacked<'a>(above: &[Text<'a>], below: &[Text<'a>]) -> Vec<Text<'a>> {
    let has_year = |c: &Text<'a>| c.last_word().is_some_and(is_year_word);
    let measure = |c: &Text<'a>| !c.render().bytes().any(|b| b.is_ascii_digit());
    let bases = above.len();
    if bases == 0 || !above.iter().all(has_year) || !below.iter().all(measure) {
        return above.iter().chain(below).cloned().collect();
    }
    if below.len().is_multiple_of(bases) && below.len() > bases {
        let per = below.len() / bases;
        return (0..below.len())
            .map(|i| above[i / per].clone().then(&below[i]))
            .collect();
    }
    above
        .iter()
        .flat_map(|b| below.iter().map(move |m| b.clone().then(m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::line::tokenize;

    proptest::proptest! {
        /// The quick refusal never refuses a line where a table opens.
        #[test]
        fn a_refused_line_opens_no_table(
            lines in proptest::collection::vec(
                "(Bedragen x € 1.000|Tabel 2. Lasten|Lasten Baten Saldo|Rekening 2023 Begroting 2024|Jeugd 1.200 -300 900|Zorg 40 50 60|Totaal 1.240 -250 960|Uitgaven|25,82%|€ -116.766|x €1.000|- = nadelig|Toelichting: tekst|https://example.org|3|)",
                1..14,
            )
        ) {
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let tokens = tokenize(&lines);
            let classified: Vec<TableLine<'_>> = lines
                .iter()
                .zip(&tokens)
                .map(|(_, token)| classify_table_line(token.lexeme(), &token.kind))
                .collect();
            let view: Vec<ViewLine<'_, '_>> = lines.iter().copied().zip(classified.iter()).collect();
            let none = vec![false; lines.len()];
            let zero = vec![0; lines.len()];
            let scanner = Scanner {
                view: &view,
                tokens: &tokens,
                column_lines: view.iter().map(|_| OnceCell::new()).collect(),
                page_break_before: &none,
                indents: &zero,
            };
            for (at, line) in classified.iter().enumerate() {
                if !opens_table(line) {
                    proptest::prop_assert!(scanner.summary_at(at).is_none(), "{}", at);
                    proptest::prop_assert!(scanner.scaled_at(at, 0).is_none(), "{}", at);
                    proptest::prop_assert!(scanner.headed_at(at, 0).is_none(), "{}", at);
                    proptest::prop_assert!(scanner.grid_at(at, 0).is_none(), "{}", at);
                }
            }
        }
    }
}
