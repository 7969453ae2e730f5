//! Headers printed over several lines in layout columns, as pdftotext
//! `-layout` and other layout-keeping converters print them:
//!
//! ```text
//!                     Begroting      Begroting      Realisatie      ← head line: segments
//!                     primitief      na wijziging   2023            ← head line
//! Lasten                 45.120         47.380         46.912       ← body: the columns' spans
//! ```
//!
//! Each segment of a head line (text between gaps of [`GAP_SPACES`] spaces)
//! stands over the one body column whose cells it overlaps on the page; a
//! column's name is its segments, top to bottom (`Begroting na wijziging`).
//! Segments left of every column are the label column's header.

use crate::parse::cell::{Piece, trailing_cells_start};
use crate::parse::figure::GAP_SPACES;
use crate::parse::text::Text;

/// A printed line with how far it was indented before cleaning trimmed it:
/// its page column is `indent` plus its characters.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    /// The cleaned (trimmed) line.
    pub text: &'a str,
    /// Leading spaces of the line as extracted.
    pub indent: usize,
}

impl Placed<'_> {
    /// The page column of byte `at` of the text.
    fn column(&self, at: usize) -> usize {
        self.indent + self.text[..at].chars().count()
    }
}

/// The page columns a column's cells take, first to last character.
pub type Span = (usize, usize);

/// The spans of the `width` value columns over the body rows (each with
/// its pieces, from the shared lexing pass) that print all of them; `None`
/// when no row does.
pub fn cell_spans(rows: &[(Placed<'_>, &[Piece<'_>])], width: usize) -> Option<Vec<Span>> {
    let mut spans: Option<Vec<Span>> = None;
    for (row, all) in rows {
        let cells = &all[trailing_cells_start(all)..];
        if cells.len() != width {
            continue; // a short row says nothing about where columns stand
        }
        let row_spans = cells.iter().map(|p| {
            let from = row.column(p.start);
            (from, from + p.text.chars().count())
        });
        spans = Some(match spans {
            None => row_spans.collect(),
            Some(known) => known
                .iter()
                .zip(row_spans)
                .map(|(&(a, b), (c, d))| (a.min(c), b.max(d)))
                .collect(),
        });
    }
    spans
}

/// The segments of a line between layout gaps, with their page columns.
fn segments<'a>(line: &Placed<'a>) -> Vec<(Span, &'a str)> {
    let gap = " ".repeat(GAP_SPACES);
    let mut found = Vec::new();
    let mut at = 0;
    let text = line.text;
    while at < text.len() {
        let end = text[at..].find(&gap).map_or(text.len(), |g| at + g);
        let segment = text[at..end].trim();
        if !segment.is_empty() {
            let start = at + (text[at..end].len() - text[at..end].trim_start().len());
            let from = line.column(start);
            found.push(((from, from + segment.chars().count()), segment));
        }
        at = end + text[end..].len() - text[end..].trim_start().len();
        if at == end {
            break;
        }
    }
    found
}

/// A header read from layout columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutHeader<'a> {
    /// One name per value column.
    pub columns: Vec<Text<'a>>,
    /// The label column's header, when a segment stands left of the values.
    pub label_header: Option<Text<'a>>,
}

/// The header that `heads` (top to bottom) print over columns at `spans`:
/// every segment over exactly one column or left of them all, and every
/// column named. `None` when any segment stands between or across columns,
/// or a column is left unnamed: the layout does not say, so the other
/// header rules decide.
pub fn layout_header<'a>(heads: &[Placed<'a>], spans: &[Span]) -> Option<LayoutHeader<'a>> {
    let first = spans.first()?.0;
    if spans.len() < 2 {
        return None;
    }
    let mut names: Vec<Vec<&'a str>> = vec![Vec::new(); spans.len()];
    let mut label = Vec::new();
    for head in heads {
        for ((from, to), text) in segments(head) {
            if to <= first {
                label.push(text);
                continue;
            }
            let mut over = spans
                .iter()
                .enumerate()
                .filter(|(_, (a, b))| from < *b && *a < to);
            match (over.next(), over.next()) {
                (Some((column, _)), None) => names[column].push(text),
                _ => return None,
            }
        }
    }
    if names.iter().any(Vec::is_empty) {
        return None;
    }
    Some(LayoutHeader {
        columns: names.into_iter().map(Text::joined).collect(),
        label_header: (!label.is_empty()).then(|| Text::joined(label)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cell::pieces;

    fn placed(line: &str) -> Placed<'_> {
        let text = line.trim();
        Placed {
            text,
            indent: line.len() - line.trim_start().len(),
        }
    }

    fn spans_of(rows: &[Placed<'_>], width: usize) -> Option<Vec<Span>> {
        let lexed: Vec<_> = rows.iter().map(|r| pieces(r.text)).collect();
        let rows: Vec<_> = rows
            .iter()
            .copied()
            .zip(lexed.iter().map(Vec::as_slice))
            .collect();
        cell_spans(&rows, width)
    }

    #[test]
    fn heads_stack_over_the_columns_they_overlap() {
        let heads = [
            placed("                    Begroting      Begroting      Realisatie"),
            placed("Bedragen x € 1.000   primitief     na wijziging   2023"),
        ];
        let rows = [
            placed("Lasten                 45.120         47.380         46.912"),
            placed("Baten                 -12.300        -13.050        -13.644"),
        ];
        let spans = spans_of(&rows, 3).unwrap();
        let header = layout_header(&heads, &spans).unwrap();
        assert_eq!(
            header.columns,
            [
                "Begroting primitief",
                "Begroting na wijziging",
                "Realisatie 2023"
            ]
        );
        assert_eq!(
            header.label_header.as_ref().map(Text::render).as_deref(),
            Some("Bedragen x € 1.000")
        );
    }

    #[test]
    fn a_head_between_or_across_columns_says_nothing() {
        let rows = [placed("Lasten      45.120      47.380")];
        let spans = spans_of(&rows, 2).unwrap();
        // Across both columns (a group head).
        let across = [placed("            Begroting 2024 en verder")];
        assert_eq!(layout_header(&across, &spans), None);
        // A column without a head.
        let one = [placed("            Begroting")];
        assert_eq!(layout_header(&one, &spans), None);
        // No row of full width.
        assert_eq!(spans_of(&rows, 3), None);
    }
}
