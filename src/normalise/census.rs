//! The census: every figure printed outside prose ([`crate::parse::figure`])
//! is either a value of the record (an observation or a table cell) or is
//! listed in `unread` with a reason.
//!
//! Invariant: `coverage.figures == coverage.read + coverage.unread`, and
//! every read value that holds digits counts as a read figure, whether or
//! not the figure rules would have counted it.
//!
//! A figure inside a table's text cell (the `1.000` of `Aantal per 1.000
//! inwoners`, a period `2024`) is text the grammar read as such, and no
//! figure.
//!
//! Reasons, in the order they are decided:
//!
//! | code | the figure |
//! |---|---|
//! | `glued-cells` | is glued to a word; no one split is sure |
//! | `unreadable` | holds digits but is no number as printed (`1.3OO`) |
//! | `outside-columns` | stands on a table row beyond the columns its header names |
//! | `ambiguous-placement` | stands in a block that could not tell which slot it fills |
//! | `page-number-like` | is a lone small integer between other text that fits no page sequence (a grammar may have skipped it as a page number) |
//! | `unplaced` | stands inside a table or indicator block, in no row or slot |
//! | `no-grammar` | stands where no grammar recognised a block |

use crate::model::{Coverage, Indicator, Number, Table, Unread};
use crate::normalise::indicator::Lines;
use crate::normalise::number::number;
use crate::parse::cell::comparison;
use crate::parse::figure::{Figure, FigureShape};
use crate::parse::page_number::PageLine;
use std::collections::HashMap;

/// The values a record read, by 0-based line: each cell's text without spaces.
type ReadByLine = HashMap<usize, Vec<String>>;

/// What the census found in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Census {
    /// Figures counted, read and unread.
    pub coverage: Coverage,
    /// The figures no indicator or table read, in document order.
    pub unread: Vec<Unread>,
    /// Read values the figure rules would not have counted (1-based line,
    /// cell text): where the grammars and the census disagree on what a
    /// figure is. Counted as read figures; tests keep it empty on the corpus.
    pub uncounted: Vec<(usize, String)>,
}

/// Counts the figures of `lines` (page numbers aside; `figures[i]` those
/// printed on line `i`), and lists those that `indicators` and `tables` did
/// not read. Also makes `values-missing` warnings say how many figures of
/// their block went unread.
pub fn census(
    lines: Lines<'_>,
    page_numbers: &[PageLine],
    figures: Vec<Vec<Figure<'_>>>,
    indicators: &mut [Indicator],
    tables: &[Table],
) -> Census {
    let (mut read, mut unnamed) = read_values(indicators, tables);
    let mut texts = text_words(tables);
    let read_count: usize = read.values().map(Vec::len).sum();
    let blocks = Blocks::new(indicators, tables);
    let mut unread = Vec::new();
    let mut uncounted = Vec::new();
    for (index, (line, found)) in lines.cleaned.iter().zip(figures).enumerate() {
        let mut left = read.remove(&index).unwrap_or_default();
        let role = page_numbers.get(index).copied().unwrap_or(PageLine::No);
        let page_number = role == PageLine::PageNumber;
        let had_read = !left.is_empty();
        let all_read = left.concat();
        let mut exact = Exact::new(std::mem::take(&mut left));
        // Words of a table's text cells (a unit's `1.000`, a period): no figures.
        let mut text = Exact::new(texts.remove(&index).unwrap_or_default());
        // References of comparison cells that print no scope (`4,1 tov 3,6`).
        let mut references = Exact::new(unnamed.remove(&index).unwrap_or_default());
        for figure in found.iter().filter(|_| !page_number) {
            if text.take(figure.text) {
                continue;
            }
            if exact.take(figure.text) {
                continue;
            }
            // Glued cells split into the line's values: one figure, read.
            if figure.shape == FigureShape::Glued && had_read && all_read == figure.text {
                exact.take_all();
                continue;
            }
            let reason = if references.take(figure.text) {
                "reference-unnamed"
            } else {
                blocks.reason(index, figure, had_read, role == PageLine::Candidate)
            };
            unread.push(Unread {
                line: index + 1,
                page: lines.page(index),
                raw: figure.text.to_owned(),
                value: value_of(figure),
                context: context(lines.printed.get(index).unwrap_or(line), figure.text),
                reason: reason.to_owned(),
            });
        }
        uncounted.extend(exact.left().into_iter().map(|raw| (index + 1, raw)));
    }
    let mut rest: Vec<_> = read.into_iter().collect();
    rest.sort();
    uncounted.extend(
        rest.into_iter()
            .flat_map(|(i, raws)| raws.into_iter().map(move |r| (i + 1, r))),
    );
    blocks.explain_missing_values(indicators, &unread);
    let coverage = Coverage {
        figures: read_count + unread.len(),
        read: read_count,
        unread: unread.len(),
    };
    Census {
        coverage,
        unread,
        uncounted,
    }
}

/// Characters of a printed line kept as an unread figure's context; a
/// longer line is cut to a window around the figure.
pub const CONTEXT_CHARS: usize = 240;

/// The printed line, trimmed, as the context of `figure`: whole when short,
/// else [`CONTEXT_CHARS`] around the figure, cuts marked `…`.
fn context(line: &str, figure: &str) -> String {
    let line = line.trim();
    if line.len() <= CONTEXT_CHARS {
        return line.to_owned();
    }
    let at = line.find(figure).unwrap_or(0);
    let floor = |mut i: usize| {
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(at.saturating_sub(CONTEXT_CHARS / 2));
    let end = floor((start + CONTEXT_CHARS).min(line.len()));
    let before = if start > 0 { "…" } else { "" };
    let after = if end < line.len() { "…" } else { "" };
    format!("{before}{}{after}", &line[start..end])
}

/// The read cells of one line, for matching its figures: those printed
/// exactly as read in a multiset (constant time: a line of a million cells
/// stays linear), the few with a share or a letter (`53 (11%)`, `180 N`)
/// in a list.
struct Exact {
    counts: HashMap<String, usize>,
    special: Vec<Option<String>>,
}

/// Special cells a line may hold before they are no longer searched one by
/// one (hostile input only).
const SPECIAL_LIMIT: usize = 1024;

impl Exact {
    fn new(read: Vec<String>) -> Exact {
        let mut counts = HashMap::new();
        let mut special = Vec::new();
        for raw in read {
            if raw.contains('(') || raw.ends_with(['V', 'N']) {
                special.push(Some(raw));
            } else {
                *counts.entry(raw).or_insert(0) += 1;
            }
        }
        Exact { counts, special }
    }

    /// Takes the read cell that is `figure` as printed, if any.
    fn take(&mut self, figure: &str) -> bool {
        let compact: String = figure.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(n) = self.counts.get_mut(&compact)
            && *n > 0
        {
            *n -= 1;
            return true;
        }
        if self.special.len() > SPECIAL_LIMIT {
            return false;
        }
        let found = self
            .special
            .iter_mut()
            .find(|r| r.as_deref().is_some_and(|r| same_figure(r, figure)));
        found.map(Option::take).is_some()
    }

    /// Takes every cell: a glued run that the cells split.
    fn take_all(&mut self) {
        self.counts.clear();
        self.special.clear();
    }

    /// The cells no figure took.
    fn left(self) -> Vec<String> {
        let mut left: Vec<String> = self
            .counts
            .into_iter()
            .flat_map(|(raw, n)| std::iter::repeat_n(raw, n))
            .collect();
        left.extend(self.special.into_iter().flatten());
        left.sort();
        left
    }
}

/// Whether a read cell's text is the figure as printed (spaces aside: a
/// cell may have been read as `48,9 %` where the figure is `48,9%`).
///
/// A cell that stacks a share under its count (`53 (11%)`) holds the count.
fn same_figure(read: &str, figure: &str) -> bool {
    let figure: String = figure.chars().filter(|c| !c.is_whitespace()).collect();
    // A V/N letter printed on the next line stays in the cell's text (`180 N`).
    read.strip_prefix(figure.as_str())
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('(') || matches!(rest, "V" | "N"))
}

/// Every value an indicator or table read, by line.
/// Also returns, by line, the references of comparison cells that print
/// no scope (`4,1 tov 3,6`): printed values no one can name, so unread.
fn read_values(indicators: &[Indicator], tables: &[Table]) -> (ReadByLine, ReadByLine) {
    let mut read = ReadByLine::new();
    let mut unnamed = ReadByLine::new();
    let mut add = |line: usize, raw: &str| {
        if raw.bytes().any(|b| b.is_ascii_digit()) {
            let at = line.saturating_sub(1);
            // A comparison cell (`4,1 tov 3,6 landelijk`) prints two values.
            match comparison(raw) {
                Some(c) => {
                    read.entry(at).or_default().push(c.value.to_owned());
                    match c.scope {
                        Some(_) => read.entry(at).or_default().push(c.reference.to_owned()),
                        None => unnamed.entry(at).or_default().push(c.reference.to_owned()),
                    }
                }
                None => read
                    .entry(at)
                    .or_default()
                    .push(raw.chars().filter(|c| !c.is_whitespace()).collect()),
            }
        }
    };
    // An indicator read from a table holds that table's cells again.
    let own = indicators.iter().filter(|i| i.table.is_none());
    for observation in own.flat_map(|i| &i.observations) {
        add(observation.line, &observation.raw);
    }
    for row in tables.iter().flat_map(|t| &t.rows) {
        for (column, raw) in row.raw.iter().enumerate() {
            add(row.cell_line(column), raw);
        }
    }
    (read, unnamed)
}

/// The words with digits of every table text cell (`Aantal per 1.000
/// inwoners`, `2024`), by 0-based line: what a grammar read as text.
fn text_words(tables: &[Table]) -> ReadByLine {
    let mut words = ReadByLine::new();
    for row in tables.iter().flat_map(|t| &t.rows) {
        for (text, line) in row.texts.iter().zip(&row.text_lines) {
            let (Some(text), Some(line)) = (text, line) else {
                continue;
            };
            let with_digits = text
                .split_whitespace()
                .filter(|w| w.bytes().any(|b| b.is_ascii_digit()));
            words
                .entry(line.saturating_sub(1))
                .or_default()
                .extend(with_digits.map(str::to_owned));
        }
    }
    words
}

/// The value of a figure the Dutch way; `None` for an unreadable or glued one.
fn value_of(figure: &Figure<'_>) -> Option<Number> {
    match figure.shape {
        FigureShape::Number(lex) => number(&lex),
        FigureShape::Unreadable | FigureShape::Glued => None,
    }
}

/// The line ranges (0-based, inclusive) of the record's blocks.
struct Blocks {
    /// Per indicator: its range and whether it says a value was ambiguous.
    indicators: Vec<(usize, usize, bool)>,
    /// Per table: its range.
    tables: Vec<(usize, usize)>,
}

impl Blocks {
    fn new(indicators: &[Indicator], tables: &[Table]) -> Blocks {
        let range = |l: &crate::model::Location| (l.line_start - 1, l.line_end - 1);
        Blocks {
            indicators: indicators
                .iter()
                .map(|i| {
                    let (start, end) = range(&i.location);
                    let ambiguous = i.warnings.iter().any(|w| w.code.contains("ambiguous"));
                    (start, end, ambiguous)
                })
                .collect(),
            tables: tables.iter().map(|t| range(&t.location)).collect(),
        }
    }

    /// Why the figure at `line` was not read.
    fn reason(&self, line: usize, figure: &Figure<'_>, row_read: bool, lone: bool) -> &'static str {
        match figure.shape {
            FigureShape::Glued => return "glued-cells",
            FigureShape::Unreadable => return "unreadable",
            _ => {}
        }
        let in_table = self.tables.iter().any(|&(s, e)| (s..=e).contains(&line));
        let indicator = self
            .indicators
            .iter()
            .find(|&&(s, e, _)| (s..=e).contains(&line));
        if in_table && row_read {
            "outside-columns"
        } else if indicator.is_some_and(|&(_, _, ambiguous)| ambiguous) {
            "ambiguous-placement"
        } else if lone {
            "page-number-like"
        } else if in_table || indicator.is_some() {
            "unplaced"
        } else {
            "no-grammar"
        }
    }

    /// Makes each `values-missing` warning of an indicator name the figures
    /// of its block that went to `unread`, so no warning says a block prints
    /// nothing when it printed figures kengetal could not place.
    fn explain_missing_values(&self, indicators: &mut [Indicator], unread: &[Unread]) {
        // `unread` is in document order: each block's figures are one run,
        // found by binary search (a document of thousands of blocks and
        // thousands of unread figures stays linear).
        for (indicator, &(start, end, _)) in indicators.iter_mut().zip(&self.indicators) {
            if !indicator
                .warnings
                .iter()
                .any(|w| w.code == "values-missing")
            {
                continue;
            }
            let from = unread.partition_point(|u| u.line - 1 < start);
            let to = unread.partition_point(|u| u.line - 1 <= end);
            let (Some(first), Some(last)) = (
                unread.get(from),
                to.checked_sub(1)
                    .and_then(|t| unread.get(t))
                    .filter(|_| to > from),
            ) else {
                continue;
            };
            let (first, last, count) = (first.line, last.line, to - from);
            for warning in indicator
                .warnings
                .iter_mut()
                .filter(|w| w.code == "values-missing")
            {
                warning.message = format!(
                    "values of the block \"{}\" could not be read: {count} printed figure(s) on lines {first}–{last} are listed in `unread`",
                    indicator.title,
                );
            }
        }
    }
}
