//! Tables printed as pipe rows: HTML or PDF tables converted to Markdown
//! (LAYOUTS.md family C; `grammars/table.md`, "Pipe rows").
//!
//! ```text
//! pipe-table = [scale] header-row [rule-row] body-row+ [scale]
//! header-row = "|" cell ("|" cell)* "|"       the label column's head, then the column heads
//! rule-row   = "|" (":"? "-"+ ":"?) ("|" …)* "|"
//! body-row   = "|" label-cell+ value-cell* "|"
//! value-cell = a cell alone (`48.551`, `-36.537`, `12,4`, `-`, `nvt`, `N 500`) or empty
//! ```
//!
//! The width is the number of value cells the rows print; the header names
//! them when it has as many heads after its label cells. A row's label is
//! its last text cell; text before it is a group label (`| Programma 3 |
//! Lasten | …`, then `| | Baten | …`), read as a parent row once. A row
//! with a label and no values is a section row; a row with values and no
//! label keeps an empty label. A scale in the header's first cell
//! (`bedragen x € 1.000`) or on a line around the table is the table's.

use super::TableBlock;
use super::TextCell;
use super::body::{BodyRow, Placed, RowShape};
use super::line::stated_scale;
use super::typed::{Keys, is_scope_label, joined_head, key_line};
use crate::diagnostic::Warning;
use crate::parse::cell::{CellLex, pieces};
use crate::parse::figure::is_code;
use crate::parse::text::{ColumnName, Join, Text};
use crate::parse::tokens::{FreeLine, LineResult, Tokens, every_match, free_lines, token};
use nom::Parser;
use nom::multi::many1;
use std::collections::BTreeSet;

/// One cell between pipes, trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PipeCell<'a> {
    /// Nothing printed.
    Empty,
    /// A value: its content and its text.
    Value(CellLex<'a>, &'a str),
    /// Text.
    Text(&'a str),
}

fn pipe_cell(text: &str) -> PipeCell<'_> {
    let text = text.trim();
    if text.is_empty() {
        return PipeCell::Empty;
    }
    // A V/N letter in a column of its own: no value (placeholders such as
    // `nvt` or `PM` are cells of the lexer's own).
    if matches!(text, "V" | "N") {
        return PipeCell::Value(CellLex::NoValue, text);
    }
    match pieces(text).as_slice() {
        [only] if only.cell.is_some_and(|c| !is_year(&c)) => {
            PipeCell::Value(only.cell.expect("checked"), text)
        }
        _ => PipeCell::Text(text),
    }
}

fn is_year(cell: &CellLex<'_>) -> bool {
    matches!(cell, CellLex::Number(n) if n.as_year().is_some())
}

/// The cells of a pipe row, or `None` for a line that is none: a line
/// that starts with `|`, or holds two pipes or more (`Gemeente | 110 | 94 |`).
pub fn pipe_row(line: &str) -> Option<Vec<&str>> {
    if !line.contains('|') {
        return None; // most lines: decided at once
    }
    let trimmed = line.trim();
    let inner = match trimmed.strip_prefix('|') {
        Some(inner) => inner,
        None if trimmed.matches('|').count() >= 2 => trimmed,
        None => return None,
    };
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').collect())
}

/// `|---|:--:|`: the rule under a Markdown header.
fn is_rule(cells: &[&str]) -> bool {
    cells.iter().all(|c| {
        let c = c.trim();
        !c.is_empty() && c.trim_matches(':').chars().all(|ch| ch == '-')
    })
}

/// One pipe row: its line, its cells, and whether it is a rule row.
type Row<'a> = (usize, Vec<PipeCell<'a>>, bool);

/// `pipe-row+`: a run of free pipe rows, each split into its cells.
fn pipe_rows<'t, 'a>(
    input: Tokens<'t, FreeLine<'a>>,
) -> LineResult<'t, FreeLine<'a>, Vec<Row<'a>>> {
    let row = token(|&(text, free): &'t FreeLine<'a>| {
        let cells = free.then(|| pipe_row(text)).flatten()?;
        let rule = is_rule(&cells);
        Some((cells.into_iter().map(pipe_cell).collect::<Vec<_>>(), rule))
    });
    many1(row.map(|(line, (cells, rule))| (line, cells, rule))).parse(input)
}

/// Finds every pipe table among the lines no other grammar took (`claimed`).
pub fn parse_pipe_tables<'a>(lines: &[&'a str], claimed: &[bool]) -> Vec<TableBlock<'a>> {
    let opens = |&(text, free): &FreeLine<'a>| free && text.contains('|');
    every_match(&free_lines(lines, claimed), opens, pipe_rows)
        .into_iter()
        .filter_map(|rows| table(lines, rows))
        .collect()
}

/// The table of a run of pipe rows.
fn table<'a>(lines: &[&'a str], rows: Vec<Row<'a>>) -> Option<TableBlock<'a>> {
    let start = rows.first()?.0;
    let end = rows.last()?.0 + 1;
    let rule = rows.iter().position(|(_, _, rule)| *rule);
    let has_values =
        |cells: &[PipeCell<'_>]| cells.iter().any(|c| matches!(c, PipeCell::Value(..)));
    // The header: the rows above the rule, else a first row without values.
    let header_rows = match rule {
        Some(r) => r,
        None => usize::from(rows.first().is_some_and(|(_, c, _)| !has_values(c))),
    };
    let body: Vec<&(usize, Vec<PipeCell<'a>>, bool)> = rows
        .iter()
        .skip(header_rows)
        .filter(|(_, _, rule)| !rule)
        .collect();
    let value_at = |cells: &[PipeCell<'_>]| -> Vec<usize> {
        (0..cells.len())
            .filter(|&i| matches!(cells[i], PipeCell::Value(..)))
            .collect()
    };
    // The label columns end where the first value of any row stands; the
    // value columns end with the last value any row prints.
    let labels = body
        .iter()
        .filter_map(|(_, c, _)| value_at(c).first().copied())
        .min()?;
    let last = body
        .iter()
        .filter_map(|(_, c, _)| value_at(c).last().copied())
        .max()?;
    let width = last + 1 - labels;
    let mut used: BTreeSet<usize> = (start..end).collect();
    let mut warnings = Vec::new();
    let (label_header, columns, mut scale_found) = header(&rows[..header_rows], labels, width);
    let columns = columns.unwrap_or_else(|| {
        warnings.push(Warning::at(
            "header-unnamed",
            start + 1,
            format!("the header names no {width} columns for these rows; they are called kolom 1 … kolom {width}"),
        ));
        ColumnName::numbered(width)
    });
    let mut body_rows = Vec::new();
    let mut notes = Vec::new();
    let mut keys = Keys::default();
    let mut group: Option<&str> = None;
    let split: Vec<(usize, Split<'a>)> = body
        .iter()
        .map(|(line, cells, _)| (*line, Split::of(cells, labels, width)))
        .collect();
    let described = described_columns(&rows[..header_rows], &split, labels);
    for (line, row) in &split {
        if let Some(heads) = &described {
            described_row(*line, row, heads.len(), &mut body_rows, &mut keys);
            continue;
        }
        if key_of_block(row, &body_rows, *line, &mut keys) {
            continue;
        }
        body_row(*line, row, width, &mut group, &mut body_rows, &mut notes);
    }
    if let Some(heads) = described {
        keys.names = heads;
    }
    let filled = |i: &usize| !lines[*i].trim().is_empty();
    let before = (0..start).rev().find(filled);
    let after = (end..lines.len()).find(filled);
    for around in [before, after].into_iter().flatten() {
        if scale_found.is_none()
            && let Some(found) = lines.get(around).and_then(|l| stated_scale(l))
        {
            scale_found = Some(found);
            used.insert(around);
        }
    }
    let (multiplier, euro) = scale_found.unwrap_or((1, false));
    Some(TableBlock {
        title: None,
        text_columns: keys.names,
        texts: keys.cells,
        sign_note: None,
        label_header,
        columns,
        notes,
        period_column: None,
        scale: multiplier,
        euro_scale: euro,
        unit: None,
        rows: body_rows,
        first_line: *used.first()?,
        last_line: *used.last()?,
        warnings,
        used_lines: used,
    })
}

/// The label head, the column names (when the header names the `width`
/// columns after its `labels` label columns), and a scale printed in the
/// header's first cell.
#[allow(clippy::type_complexity)]
fn header<'a>(
    rows: &[(usize, Vec<PipeCell<'a>>, bool)],
    labels: usize,
    width: usize,
) -> (
    Option<Text<'a>>,
    Option<Vec<ColumnName<'a>>>,
    Option<(i64, bool)>,
) {
    let Some((_, cells, _)) = rows.last() else {
        return (None, None, None);
    };
    let texts: Vec<&'a str> = cells.iter().map(PipeCell::text).collect();
    let first = texts.first().copied().unwrap_or_default();
    let scale_found = stated_scale(first);
    let label_header =
        (!first.is_empty() && scale_found.is_none() && labels > 0).then(|| Text::new(first));
    let heads = texts.get(labels..labels + width);
    let named = heads.filter(|h| h.iter().all(|h| !h.is_empty()));
    // `Neder land`: a head the converter split is read whole.
    let named = named.map(|h| {
        h.iter()
            .map(|h| joined_head(h).unwrap_or_else(|| Text::new(h)).into())
            .collect()
    });
    (label_header, named, scale_found)
}

/// A body row cut into its label cells and exactly `width` value cells.
struct Split<'a> {
    labels: Vec<&'a str>,
    values: Vec<PipeCell<'a>>,
}

impl<'a> Split<'a> {
    fn of(cells: &[PipeCell<'a>], labels: usize, width: usize) -> Self {
        let texts = cells.iter().take(labels).map(PipeCell::text).collect();
        let mut values: Vec<PipeCell<'a>> =
            cells.iter().skip(labels).take(width).copied().collect();
        values.resize(width, PipeCell::Empty);
        Split {
            labels: texts,
            values,
        }
    }
}

impl<'a> PipeCell<'a> {
    /// The cell's text; empty for an empty cell.
    fn text(&self) -> &'a str {
        match self {
            PipeCell::Text(t) | PipeCell::Value(_, t) => t,
            PipeCell::Empty => "",
        }
    }
}

/// The heads of the label columns after the first, when they are text
/// columns rather than groups: the header names each label column, and
/// every row prints its own first label (`| Handhaving | Aantal klachten |
/// …`), none of them a code (`| 0.1 | Bestuur |` is one label).
fn described_columns<'a>(
    header: &[(usize, Vec<PipeCell<'a>>, bool)],
    rows: &[(usize, Split<'_>)],
    labels: usize,
) -> Option<Vec<Text<'a>>> {
    if labels < 2 {
        return None;
    }
    let (_, cells, _) = header.last()?;
    let heads: Vec<&'a str> = cells.iter().take(labels).map(PipeCell::text).collect();
    if heads.len() < labels || heads.iter().any(|h| h.trim().is_empty()) {
        return None;
    }
    let firsts: Vec<&str> = rows.iter().map(|(_, r)| r.labels[0].trim()).collect();
    let mut distinct = firsts.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let own = !firsts.is_empty()
        && firsts.iter().all(|f| !f.is_empty() && !is_code(f))
        && distinct.len() == firsts.len();
    own.then(|| heads[1..].iter().map(|h| Text::new(h.trim())).collect())
}

/// A row whose later label cells are text columns.
fn described_row<'a>(
    line: usize,
    row: &Split<'a>,
    texts: usize,
    rows: &mut Vec<BodyRow<'a>>,
    keys: &mut Keys<'a>,
) {
    let index = rows.len();
    for (column, text) in row.labels.iter().skip(1).take(texts).enumerate() {
        if !text.trim().is_empty() {
            keys.cells.push(TextCell {
                row: index,
                column,
                text: text.trim(),
                line,
            });
        }
    }
    let cells = value_cells(row, line);
    let shape = if cells.iter().all(Option::is_none) {
        RowShape::Parent
    } else {
        RowShape::Values
    };
    rows.push(BodyRow {
        label: Text::new(row.labels[0].trim()),
        line,
        cells,
        shape,
        period: None,
    });
}

/// The value cells of a row, placed; text and empty cells hold none.
fn value_cells<'a>(row: &Split<'a>, line: usize) -> Vec<Option<Placed<'a>>> {
    row.values
        .iter()
        .map(|c| match c {
            PipeCell::Value(lex, text) => Some(Placed {
                lex: *lex,
                raw: (*text).to_owned(),
                line,
            }),
            PipeCell::Text(_) | PipeCell::Empty => None,
        })
        .collect()
}

/// A keyed row of a BBV block under a title row followed by scope rows:
/// text cells of that title. A key and its text share a cell (`Eenheid:
/// Aantal per 1.000 inwoners`) or stand in two (`Eenheid: | Aantal … |`),
/// and one row may hold several (`| Eenheid: | Aantal … | Bron: | CBS |`).
fn key_of_block<'a>(
    row: &Split<'a>,
    rows: &[BodyRow<'a>],
    line: usize,
    keys: &mut Keys<'a>,
) -> bool {
    let has_values = row.values.iter().any(|c| matches!(c, PipeCell::Value(..)));
    let Some(title) = rows.iter().rposition(|r| r.shape == RowShape::Parent) else {
        return false;
    };
    let scoped = rows.len() > title + 1
        && rows[title + 1..]
            .iter()
            .all(|r| is_scope_label(&r.label.render()));
    if has_values || !scoped {
        return false;
    }
    let cells: Vec<&'a str> = row
        .labels
        .iter()
        .copied()
        .chain(row.values.iter().map(PipeCell::text))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let Some(pairs) = key_pairs(&cells) else {
        return false;
    };
    for (key, text) in pairs {
        keys.add(title, key, text, line);
    }
    true
}

/// The keys and texts of a keyed row's cells, in order; `None` unless
/// every cell is a key with its text, or a key whose text is the next cell.
fn key_pairs<'a>(cells: &[&'a str]) -> Option<Vec<(&'a str, &'a str)>> {
    let mut pairs = Vec::new();
    let mut at = 0;
    while at < cells.len() {
        let (key, text) = key_line(cells[at])?;
        if text.is_empty() {
            let next = *cells.get(at + 1)?;
            if key_line(next).is_some() {
                return None; // a key without its text
            }
            pairs.push((key, next));
            at += 2;
        } else {
            pairs.push((key, text));
            at += 1;
        }
    }
    (!pairs.is_empty()).then_some(pairs)
}

/// One body row: a parent row for a new group label, then the row itself.
/// Text where values stand (`Eenheid: | Aantal per 1.000 inwoners |`) is
/// no value: such a row is a note of the table.
fn body_row<'a>(
    line: usize,
    row: &Split<'a>,
    width: usize,
    group: &mut Option<&'a str>,
    rows: &mut Vec<BodyRow<'a>>,
    notes: &mut Vec<Text<'a>>,
) {
    let label = row
        .labels
        .iter()
        .rev()
        .find(|t| !t.is_empty())
        .copied()
        .unwrap_or("");
    let has_values = row.values.iter().any(|c| matches!(c, PipeCell::Value(..)));
    let texts: Vec<&'a str> = row
        .values
        .iter()
        .filter_map(|c| match c {
            PipeCell::Text(t) => Some(*t),
            _ => None,
        })
        .collect();
    if !has_values && !texts.is_empty() {
        notes.push(Text::joined(
            std::iter::once(label).chain(texts.iter().copied()),
        ));
        return;
    }
    if let [first, .., _] = row.labels.as_slice()
        && !first.is_empty()
        && Some(*first) != *group
        && *first != label
    {
        *group = Some(first);
        rows.push(BodyRow {
            label: Text::new(first),
            line,
            cells: vec![None; width],
            shape: RowShape::Parent,
            period: None,
        });
    }
    let cells = value_cells(row, line);
    if !texts.is_empty() && has_values {
        let mut note = Text::new(label);
        for (index, text) in texts.iter().enumerate() {
            note.push_joined(text, if index == 0 { Join::Key } else { Join::Cell });
        }
        notes.push(note);
    }
    let shape = if cells.iter().all(Option::is_none) {
        RowShape::Parent
    } else {
        RowShape::Values
    };
    rows.push(BodyRow {
        label: Text::new(label),
        line,
        cells,
        shape,
        period: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> Vec<TableBlock<'_>> {
        let lines: Vec<&str> = text.lines().collect();
        parse_pipe_tables(&lines, &vec![false; lines.len()])
    }

    #[test]
    fn a_markdown_table_with_its_scale_in_the_header() {
        let found = tables(
            "| bedragen x € 1.000 | Rekening 2024 | Begroting 2025 |\n|---|---|---|\n| Lasten | 48.551 | 54.745 |\n| Saldo | -36.537 | -42.875 |\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].columns, ["Rekening 2024", "Begroting 2025"]);
        assert_eq!(found[0].scale, 1000);
        assert_eq!(found[0].rows.len(), 2);
        assert_eq!(found[0].rows[1].cells[0].as_ref().unwrap().raw, "-36.537");
    }

    #[test]
    fn hostile_pipes_never_panic() {
        for text in [
            "|",
            "||",
            "| |",
            "|---|",
            "| 1 |",
            "|a|b|\n|1|",
            "| 2024 | 2025 |\n| 1 | 2 | 3 | 4 |",
        ] {
            let _ = tables(text);
        }
    }
}
