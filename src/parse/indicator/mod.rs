//! Indicator blocks: a titled measurement with values per year.
//!
//! Two layouts, one grammar (see `grammars/indicator.md` for annotated samples):
//!
//! ```text
//! Toename aantal matches in de Verwijsindex (Realisatie 2024)    title
//! Het aantal matches dat ontstaat vanuit de Verwijsindex …       description
//! Bron: Verwijsindex Haaglanden                                  source(s)
//! Type 2023 2024                                                 value table
//! Begroting 950 850
//! Realisatie 758 822
//! Doel gehaald: Nee.                                             goal
//! Toelichting: De Verwijsindex is een digitaal systeem …         explanation
//! ```
//!
//! ```text
//! block = title description core trailer
//! core  = source+ value-table?        (anchored at `Bron:`)
//!       | value-table                 (anchored at its years; `Bron:` lost)
//! ```
//!
//! Blocks are found in three passes over the classified lines:
//! 1. cores, left to right; each core's title is found by reading upwards
//!    ([`title`]);
//! 2. titles with a `(Realisatie 2024)` suffix that no core claimed: blocks
//!    whose values were lost, kept with a `values-missing` warning;
//! 3. each block's trailer, read up to the next block's title ([`trailer`]).
//!
//! A core of sources only (no values) is a block when its title carries the
//! suffix or its `Toelichting`/`Doel gehaald` follows at once; otherwise the
//! `Bron:` belongs to a chart, not to an indicator.

pub mod table;
pub mod title;
pub mod trailer;

use crate::diagnostic::Warning;
use crate::parse::line::LineKind;
use crate::parse::line::{Token, tokenize};
use crate::parse::tokens::{LineResult, Tokens, token};
use nom::Parser;
use nom::combinator::opt;
use nom::multi::many0;
use nom::sequence::preceded;
use table::{ValueLine, ValueTable, assemble_values, gap, value_table};
use title::TitleLines;
use trailer::Trailer;

/// An indicator block as recognised, with document line indices (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorBlock<'a> {
    /// The title lines; `None` when no title could be found.
    pub title: Option<TitleLines>,
    /// The description lines.
    pub description: Vec<usize>,
    /// Each `Bron:` text with its line.
    pub sources: Vec<(usize, &'a str)>,
    /// The values, when the block prints any.
    pub table: Option<ValueTable<'a>>,
    /// Document indices of the lines the value table was read from.
    pub value_lines: Vec<usize>,
    /// Goal and explanation.
    pub trailer: Trailer<'a>,
    /// Number of the Doelstelling the block stands under.
    pub doelstelling: Option<&'a str>,
    /// First line of the block.
    pub first_line: usize,
    /// Last line of the block.
    pub last_line: usize,
    /// Problems met while recognising the block.
    pub warnings: Vec<Warning>,
}

impl IndicatorBlock<'_> {
    /// Document indices of every line the block's grammar used.
    pub fn used_lines(&self) -> std::collections::BTreeSet<usize> {
        let title = self.title.iter().flat_map(|t| t.lines.iter().copied());
        let sources = self.sources.iter().map(|(line, _)| *line);
        let goal = self.trailer.goal.iter().map(|(line, _)| *line);
        let explanation = self
            .trailer
            .explanation
            .iter()
            .flatten()
            .map(|(line, _)| *line);
        let keywords = self.trailer.keyword_lines.iter().copied();
        title
            .chain(self.description.iter().copied())
            .chain(sources)
            .chain(self.value_lines.iter().copied())
            .chain(goal)
            .chain(explanation)
            .chain(keywords)
            .collect()
    }
}

type In<'t, 'a> = Tokens<'t, Token<'a>>;

/// Recognises every indicator block of a document, in document order.
pub fn parse_indicators<'a>(lines: &[&'a str]) -> Vec<IndicatorBlock<'a>> {
    parse_indicator_tokens(&tokenize(lines))
}

/// [`parse_indicators`] over lines already classified.
pub fn parse_indicator_tokens<'a>(tokens: &[Token<'a>]) -> Vec<IndicatorBlock<'a>> {
    let mut blocks = find_cores(tokens);
    blocks.extend(orphan_titles(tokens, &blocks));
    blocks.sort_by_key(|b| b.block.first_line);
    let doelstellingen = doelstelling_per_line(tokens);
    let starts: Vec<usize> = blocks.iter().map(|b| b.block.first_line).collect();
    let mut result = Vec::with_capacity(blocks.len());
    for (index, pending) in blocks.into_iter().enumerate() {
        let limit = starts.get(index + 1).copied().unwrap_or(tokens.len());
        if let Some(block) = finish(tokens, pending, limit, &doelstellingen)
            && !is_bare_header(&block)
        {
            result.push(block);
        }
    }
    result
}

/// A "block" that is column heads and nothing else — no value, no `Bron:`,
/// no `Doel gehaald`, no `Toelichting` — is a table's header (`Rekening` /
/// `2024` / `Begroting` / `2025` printed one cell per line), not an
/// indicator; its lines are left to the table grammars.
fn is_bare_header(block: &IndicatorBlock<'_>) -> bool {
    let Some(table) = &block.table else {
        return false; // a title alone, its values lost: kept, with a warning
    };
    let printed = table
        .rows
        .iter()
        .any(|r| r.cells.iter().any(Option::is_some));
    !printed
        && block.sources.is_empty()
        && block.trailer.goal.is_none()
        && block.trailer.explanation.is_empty()
}

/// A block whose trailer is still to be read.
struct Pending<'a> {
    block: IndicatorBlock<'a>,
    /// Index of the first line after the core.
    core_end: usize,
    has_values: bool,
}

struct Core<'t, 'a> {
    sources: Vec<(usize, &'a str)>,
    table: Option<Vec<ValueLine<'t, 'a>>>,
}

fn source<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, (usize, &'a str)> {
    token(|t: &Token<'a>| match t.kind {
        LineKind::Source(text) => Some(text),
        _ => None,
    })
    .parse(input)
}

fn core_from_source<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, Core<'t, 'a>> {
    let (input, first) = source(input)?;
    let (input, more) = many0(preceded(gap, source)).parse(input)?;
    let (input, table) = opt(value_table).parse(input)?;
    let mut sources = vec![first];
    sources.extend(more);
    Ok((input, Core { sources, table }))
}

/// A value table that starts a block; `Err` holds the first line after
/// what it read when it is no block (only years, or one row without
/// them). No table starting inside that run can be one either (it reads a
/// part of the same lines), so the search goes on after it: a run of
/// thousands of year lines costs linear time.
fn core_from_table<'t, 'a>(input: In<'t, 'a>) -> Result<(In<'t, 'a>, Core<'t, 'a>), usize> {
    let start = input.offset();
    let (rest, lines) = value_table(input).map_err(|_| start + 1)?;
    let rows = lines
        .iter()
        .filter(|l| matches!(l, ValueLine::Row(..)))
        .count();
    let has_years = lines.iter().any(|l| matches!(l, ValueLine::Years(..)));
    if rows == 0 || (!has_years && rows < 2) {
        return Err(rest.offset().max(start + 1));
    }
    Ok((
        rest,
        Core {
            sources: Vec::new(),
            table: Some(lines),
        },
    ))
}

fn find_cores<'a>(tokens: &[Token<'a>]) -> Vec<Pending<'a>> {
    let mut pending = Vec::new();
    let mut floor = 0;
    let mut at = 0;
    while at < tokens.len() {
        let input = Tokens::new(tokens).starting_at(at);
        let parsed = match tokens[at].kind {
            LineKind::Source(_) => core_from_source(input).map_err(|_| at + 1),
            LineKind::Years(_) | LineKind::Row(_) => core_from_table(input),
            _ => Err(at + 1),
        };
        let (rest, core) = match parsed {
            Ok(found) => found,
            Err(next) => {
                at = next;
                continue;
            }
        };
        let core_end = rest.offset();
        pending.push(block_from_core(tokens, floor, at, core_end, core));
        floor = core_end;
        at = core_end;
    }
    pending
}

fn block_from_core<'a>(
    tokens: &[Token<'a>],
    floor: usize,
    anchor: usize,
    core_end: usize,
    core: Core<'_, 'a>,
) -> Pending<'a> {
    let title = title::find_title(tokens, floor, anchor);
    let description = title
        .as_ref()
        .map(|t| title::description(tokens, t, anchor))
        .unwrap_or_default();
    let first_line = title.as_ref().map_or(anchor, |t| t.lines[0]);
    let table = core.table.as_deref().map(assemble_values);
    let value_lines = core.table.iter().flatten().map(ValueLine::line).collect();
    let has_values = table.is_some();
    Pending {
        block: IndicatorBlock {
            title,
            description,
            sources: core.sources,
            table,
            value_lines,
            trailer: Trailer::default(),
            doelstelling: None,
            first_line,
            last_line: core_end.saturating_sub(1),
            warnings: Vec::new(),
        },
        core_end,
        has_values,
    }
}

/// Suffix titles no core claimed: blocks whose values and sources were lost.
fn orphan_titles<'a>(tokens: &[Token<'a>], blocks: &[Pending<'a>]) -> Vec<Pending<'a>> {
    let claimed = |line: usize| {
        blocks
            .iter()
            .any(|b| (b.block.first_line..b.core_end).contains(&line))
    };
    let mut orphans = Vec::new();
    for (at, token) in tokens.iter().enumerate() {
        if !matches!(token.kind, LineKind::SuffixTitle(_)) || claimed(at) {
            continue;
        }
        let floor = blocks
            .iter()
            .map(|b| b.core_end)
            .filter(|&end| end <= at)
            .max()
            .unwrap_or(0);
        let Some(title) = title::title_ending_at(tokens, floor, at) else {
            continue;
        };
        let description: Vec<usize> = (at + 1..tokens.len())
            .take_while(|&i| {
                matches!(
                    tokens[i].kind,
                    LineKind::Text | LineKind::Blank | LineKind::Noise
                )
            })
            .filter(|&i| tokens[i].kind == LineKind::Text)
            .collect();
        let core_end = description.last().map_or(at + 1, |l| l + 1);
        let first_line = title.lines[0];
        orphans.push(Pending {
            block: IndicatorBlock {
                title: Some(title),
                description,
                sources: Vec::new(),
                table: None,
                value_lines: Vec::new(),
                trailer: Trailer::default(),
                doelstelling: None,
                first_line,
                last_line: core_end - 1,
                warnings: Vec::new(),
            },
            core_end,
            has_values: false,
        });
    }
    orphans
}

fn doelstelling_per_line<'a>(tokens: &[Token<'a>]) -> Vec<Option<&'a str>> {
    let mut current = None;
    tokens
        .iter()
        .map(|t| {
            if let LineKind::Doelstelling(number) = t.kind {
                current = Some(number);
            }
            current
        })
        .collect()
}

fn finish<'a>(
    tokens: &[Token<'a>],
    pending: Pending<'a>,
    limit: usize,
    doelstellingen: &[Option<&'a str>],
) -> Option<IndicatorBlock<'a>> {
    let Pending {
        mut block,
        core_end,
        has_values,
    } = pending;
    let window = Tokens::new(tokens).starting_at(core_end).until(limit);
    let follows_at_once = gap
        .parse(window)
        .ok()
        .and_then(|(rest, _)| rest.first())
        .is_some_and(|t| {
            matches!(
                t.kind,
                LineKind::Goal(_) | LineKind::Explanation(_) | LineKind::ExplanationLabel
            )
        });
    let (_, trailer) = trailer::trailer(window).unwrap_or((window, Trailer::default()));
    let suffixed = block
        .title
        .as_ref()
        .is_some_and(|t| t.suffix_year.is_some());
    if !has_values && !suffixed && !follows_at_once {
        return None; // a `Bron:` under a chart, not an indicator
    }
    block.last_line = trailer
        .last_line
        .unwrap_or(block.last_line)
        .max(block.last_line);
    block.doelstelling = doelstellingen[block.first_line];
    block.trailer = trailer;
    let title = block.title.as_ref().map_or(String::new(), |t| {
        let texts: Vec<&str> = t.lines.iter().map(|&i| tokens[i].text).collect();
        texts.join(" ")
    });
    report(&mut block, &title, has_values);
    Some(block)
}

fn report(block: &mut IndicatorBlock<'_>, title: &str, has_values: bool) {
    let at = block.first_line + 1;
    if block.title.is_none() {
        block.warnings.push(Warning::at(
            "title-missing",
            at,
            "no title was found above this block's source or values",
        ));
    }
    let printed = block
        .table
        .as_ref()
        .is_some_and(|t| t.rows.iter().any(|r| r.cells.iter().any(Option::is_some)));
    if !has_values || !printed {
        block.warnings.push(Warning::at(
            "values-missing",
            at,
            format!(
                "the block \"{title}\" prints no values (its value rows are missing or unreadable)"
            ),
        ));
    }
    for &line in &block.trailer.extra_goals {
        block.warnings.push(Warning::at(
            "goal-repeated",
            line + 1,
            "a second `Doel gehaald` line; the first one is used",
        ));
    }
    if let Some((line, goal)) = block.trailer.goal
        && goal.met.is_none()
    {
        block.warnings.push(Warning::at(
            "goal-unreadable",
            line + 1,
            format!("`Doel gehaald: {}` is neither Ja nor Nee", goal.answer),
        ));
    }
}
