//! Page numbers: lone small integers that belong to the document's page
//! sequence, so that no page number is ever taken for a figure and no
//! figure for a page number by guesswork.
//!
//! A candidate is a line that holds one small plain integer (`14`) and
//! nothing else, whose nearest non-blank neighbours are no such lines (a
//! run of lone values, as tables printed one cell per line have, holds no
//! page number). A candidate is a page number when
//!
//! - it stands on a known page `p` and reads `p + k`, where `k` is the
//!   offset that at least [`MIN_SEQUENCE`] candidates of the document share
//!   (a PDF's own page numbers), or
//! - another candidate continues it as a page sequence would: a larger
//!   number further on, at between [`PAGE_LINES_MIN`] and [`PAGE_LINES_MAX`]
//!   lines a page (page numbers of a converted PDF in a text without pages).
//!
//! Any other candidate stays a figure (the census lists it as
//! `page-number-like` when no grammar reads it).

use crate::parse::Placement;
use crate::parse::cell::is_page_number_line;
use crate::parse::line::Lexeme;
use std::cell::OnceCell;
use std::collections::HashMap;

/// Candidates that must share an offset from their pages to be page numbers.
pub const MIN_SEQUENCE: usize = 2;
/// Fewest lines a printed page holds, in a page sequence without pages.
pub const PAGE_LINES_MIN: f64 = 15.0;
/// Most lines a printed page holds, in a page sequence without pages.
pub const PAGE_LINES_MAX: f64 = 150.0;

/// Later candidates a candidate is compared with: page numbers follow each
/// other, so a few suffice, and hostile input stays linear.
const SEQUENCE_LOOKAHEAD: usize = 4;

/// What a line is to the page sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLine {
    /// No lone small integer between other text.
    No,
    /// A lone small integer between other text that fits no page sequence:
    /// it may be a page number, or a figure.
    Candidate,
    /// One of the document's page numbers.
    PageNumber,
}

/// What each line is to the document's page sequence.
pub fn page_number_lines(lines: &[&str], placements: &[Placement]) -> Vec<PageLine> {
    let caches: Vec<OnceCell<_>> = lines.iter().map(|_| OnceCell::new()).collect();
    let lexemes: Vec<Lexeme<'_, '_>> = lines
        .iter()
        .zip(&caches)
        .map(|(line, cache)| Lexeme::new(line, cache))
        .collect();
    page_numbers(&lexemes, placements)
}

/// [`page_number_lines`] over the lines of the shared lexing pass.
pub fn page_numbers(lines: &[Lexeme<'_, '_>], placements: &[Placement]) -> Vec<PageLine> {
    let lone: Vec<Option<u32>> = lines.iter().map(|&l| lone_integer(l)).collect();
    let candidates: Vec<(usize, u32)> = (0..lines.len())
        .filter_map(|i| Some((i, lone[i]?)))
        .filter(|&(i, _)| isolated(lines, &lone, i))
        .collect();
    let mut marked = vec![false; lines.len()];
    mark_page_offsets(&candidates, placements, &mut marked);
    mark_line_sequences(&candidates, &mut marked);
    let mut roles = vec![PageLine::No; lines.len()];
    for &(line, _) in &candidates {
        roles[line] = if marked[line] {
            PageLine::PageNumber
        } else {
            PageLine::Candidate
        };
    }
    roles
}

/// The small integer a line holds alone (`16 `), if any.
fn lone_integer(line: Lexeme<'_, '_>) -> Option<u32> {
    let trimmed = line.text.trim();
    if trimmed.is_empty() || trimmed.len() > 3 || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return None; // decided without lexing
    }
    let cells = line.pieces();
    if !is_page_number_line(cells) {
        return None;
    }
    cells[0].text.parse().ok()
}

/// Whether the nearest non-blank lines around `at` hold no lone integer.
fn isolated(lines: &[Lexeme<'_, '_>], lone: &[Option<u32>], at: usize) -> bool {
    let blank = |i: &usize| lines[*i].text.trim().is_empty();
    let before = (0..at).rev().find(|i| !blank(i));
    let after = (at + 1..lines.len()).find(|i| !blank(i));
    [before, after]
        .iter()
        .flatten()
        .all(|&i| lone[i].is_none() && !is_lone_figure(lines[i]))
}

/// A line that is one cell alone (`1.204`, `46%`): a neighbour in a run of values.
fn is_lone_figure(lexeme: Lexeme<'_, '_>) -> bool {
    let line = lexeme.text;
    if line.trim().contains(' ') && !line.contains('€') && !line.contains('%') {
        return false; // two words or more: no lone cell
    }
    matches!(lexeme.pieces(), [only] if only.cell.is_some())
}

/// Marks candidates whose number is their page plus the document's common offset.
fn mark_page_offsets(candidates: &[(usize, u32)], placements: &[Placement], marked: &mut [bool]) {
    let offset_of = |&(line, value): &(usize, u32)| {
        let page = placements.get(line)?.page?;
        Some(i64::from(value) - i64::from(page))
    };
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for offset in candidates.iter().filter_map(offset_of) {
        *counts.entry(offset).or_default() += 1;
    }
    let Some((&common, &count)) = counts
        .iter()
        .max_by_key(|&(offset, count)| (*count, -offset.abs()))
    else {
        return;
    };
    if count < MIN_SEQUENCE {
        return;
    }
    for candidate in candidates {
        if offset_of(candidate) == Some(common) {
            marked[candidate.0] = true;
        }
    }
}

/// Marks candidates that another candidate continues as a page sequence.
fn mark_line_sequences(candidates: &[(usize, u32)], marked: &mut [bool]) {
    for (index, &(line, value)) in candidates.iter().enumerate() {
        for &(later_line, later_value) in candidates[index + 1..].iter().take(SEQUENCE_LOOKAHEAD) {
            if later_value <= value {
                continue;
            }
            let per_page = (later_line - line) as f64 / f64::from(later_value - value);
            if (PAGE_LINES_MIN..=PAGE_LINES_MAX).contains(&per_page) {
                marked[line] = true;
                marked[later_line] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unpaged(lines: &[&str]) -> Vec<bool> {
        marked(page_number_lines(
            lines,
            &vec![Placement::default(); lines.len()],
        ))
    }

    fn marked(roles: Vec<PageLine>) -> Vec<bool> {
        roles
            .into_iter()
            .map(|r| r == PageLine::PageNumber)
            .collect()
    }

    fn text_with(numbers: &[(usize, &'static str)], len: usize) -> Vec<&'static str> {
        let mut lines = vec!["Een regel lopende tekst over het beleid van de gemeente."; len];
        for &(at, number) in numbers {
            lines[at] = number;
        }
        lines
    }

    #[test]
    fn a_sequence_of_page_numbers_in_text_without_pages() {
        let lines = text_with(&[(40, "3"), (90, "5 "), (120, "12")], 200);
        let marked = unpaged(&lines);
        assert!(marked[40] && marked[90]);
        assert!(
            !marked[120],
            "12 two pages on would be 60 lines a page… of 2.5 lines"
        );
    }

    #[test]
    fn a_lone_value_without_a_sequence_stays_a_figure() {
        let lines = text_with(&[(40, "7")], 200);
        let roles = page_number_lines(&lines, &vec![Placement::default(); 200]);
        assert_eq!(roles[40], PageLine::Candidate);
    }

    #[test]
    fn values_printed_one_per_line_are_no_page_numbers() {
        let mut lines = text_with(&[], 200);
        lines[40..44].copy_from_slice(&["Lasten", "12", "14", "15"]);
        lines[100..104].copy_from_slice(&["Baten", "16", "18", "19"]);
        assert!(unpaged(&lines).iter().all(|m| !m));
    }

    #[test]
    fn a_pdf_prints_its_own_page_numbers() {
        let lines = text_with(&[(2, "1"), (60, "2"), (118, "3"), (30, "9")], 150);
        let placements: Vec<Placement> = (0..150)
            .map(|i| Placement {
                page: Some(i as u32 / 58 + 1),
                indent: 0,
            })
            .collect();
        let marked = marked(page_number_lines(&lines, &placements));
        assert!(marked[2] && marked[60] && marked[118]);
        assert!(!marked[30]);
    }
}
