//! Every grammar over one document, in their fixed order: indicator blocks
//! first, then the table grammars, each over the lines no earlier one claimed.

use super::Placement;
use super::figure::{Figure, document_figures};
use super::indicator::{IndicatorBlock, parse_indicator_tokens};
use super::line::{Token, tokenize};
use super::page_number::{PageLine, page_numbers};
use super::table::card::parse_cards;
use super::table::glued::parse_glued_tables;
use super::table::grid::parse_grids;
use super::table::line::sign_note;
use super::table::pipe::parse_pipe_tables;
use super::table::typed::parse_typed_tables;
use super::table::{TableBlock, fold_period_columns, parse_tables};

/// Lines before and after a table searched for its sign note.
const SIGN_NOTE_LINES: usize = 2;

/// The sign note printed in a table, or on the lines right around it.
fn sign_note_around<'a>(lines: &[&'a str], table: &TableBlock<'a>) -> Option<&'a str> {
    let from = table.first_line.saturating_sub(SIGN_NOTE_LINES);
    let to = (table.last_line + SIGN_NOTE_LINES).min(lines.len().saturating_sub(1));
    (from..=to).find_map(|i| sign_note(lines[i]))
}

/// Every block the grammars find in a document's cleaned lines.
#[derive(Debug)]
pub struct Recognised<'a> {
    /// Each line, classified.
    pub tokens: Vec<Token<'a>>,
    /// Indicator blocks, in document order.
    pub indicators: Vec<IndicatorBlock<'a>>,
    /// Tables, in document order; never inside an indicator block.
    pub tables: Vec<TableBlock<'a>>,
    /// What each line is to the document's page sequence.
    pub page_numbers: Vec<PageLine>,
    /// The figures printed on each line, for the census.
    pub figures: Vec<Vec<Figure<'a>>>,
}

/// Runs the grammars over cleaned lines; `placements[i]` says where line `i` stands.
pub fn recognise<'a>(lines: &[&'a str], placements: &[Placement]) -> Recognised<'a> {
    let mut tokens = tokenize(lines);
    let indicators = parse_indicator_tokens(&tokens);
    let mut in_indicator = vec![false; tokens.len()];
    for block in &indicators {
        in_indicator[block.first_line..=block.last_line].fill(true);
    }
    // Tables printed one cell per line first: their strict structure is
    // sure where the row-per-line grammar would misread their headers.
    let lexemes: Vec<_> = tokens.iter().map(Token::lexeme).collect();
    let page_numbers = page_numbers(&lexemes, placements);
    let mut claimed = in_indicator;
    let mut tables = Vec::new();
    let mut claim = |found: Vec<TableBlock<'a>>, claimed: &mut Vec<bool>| {
        for table in &found {
            claimed[table.first_line..=table.last_line].fill(true);
        }
        tables.extend(found);
    };
    claim(parse_pipe_tables(lines, &claimed), &mut claimed);
    claim(parse_typed_tables(&tokens, &claimed), &mut claimed);
    claim(
        parse_grids(&tokens, &claimed, &page_numbers, placements),
        &mut claimed,
    );
    claim(parse_glued_tables(lines, &claimed), &mut claimed);
    claim(parse_cards(&tokens, &claimed), &mut claimed);
    claim(
        parse_tables(lines, &tokens, &claimed, placements),
        &mut claimed,
    );
    tables.iter_mut().for_each(fold_period_columns);
    for table in &mut tables {
        table.sign_note = sign_note_around(lines, table);
    }
    tables.sort_by_key(|t| t.first_line);
    let figures = document_figures(&tokens);
    // The grammars are done: the shared lexing pass lets go of its pieces.
    tokens.iter_mut().for_each(Token::forget_pieces);
    Recognised {
        tokens,
        indicators,
        tables,
        page_numbers,
        figures,
    }
}
