//! The summary that opens a web-exported programme: per item a label, its
//! share, its amount and the scale, printed one per line.
//!
//! ```text
//! summary = item item+
//! item    = label percent amount scale [progress]
//!           Uitgaven / 25,82% / € -116.766 / x €1.000 / 25,82% Complete
//! ```
//!
//! Blank lines, noise and lone page numbers may stand between the lines.
//!
//! It becomes two tables: the amounts (scale 1000, euro) and the shares
//! (percent). The progress-bar text repeats the share; a different number
//! there is reported.

use super::line::TableLine;
use crate::diagnostic::Warning;
use crate::parse::cell::{CellLex, Piece, is_page_number_line};
use crate::parse::tokens::{LineResult, Tokens, token};
use nom::Parser;
use nom::combinator::opt;
use nom::multi::many0_count;
use nom::sequence::preceded;

/// A line for the summary grammar: its text and class.
pub type Line<'c, 'a> = (&'a str, &'c TableLine<'a>);

type In<'v, 'c, 'a> = Tokens<'v, Line<'c, 'a>>;
type Result<'v, 'c, 'a, O> = LineResult<'v, Line<'c, 'a>, O>;

/// One item of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryItem<'a> {
    /// The label line (document index, text).
    pub label: (usize, &'a str),
    /// The share cell and its line.
    pub share: (usize, Piece<'a>),
    /// The amount cell and its line.
    pub amount: (usize, Piece<'a>),
    /// The scale of the amount.
    pub scale: i64,
    /// Problems with the item.
    pub warnings: Vec<Warning>,
}

/// Blank lines, noise and page numbers (`57`: no share or amount is a bare
/// small integer; amounts carry `€`).
fn gap<'v, 'c: 'v, 'a: 'c>(input: In<'v, 'c, 'a>) -> Result<'v, 'c, 'a, usize> {
    many0_count(token(|(_, l): &Line<'_, '_>| {
        let page_number = matches!(l, TableLine::Cells(cells) if is_page_number_line(cells));
        (matches!(l, TableLine::Blank | TableLine::Noise) || page_number).then_some(())
    }))
    .parse(input)
}

fn single_cell<'v, 'c: 'v, 'a: 'c>(
    accept: impl Fn(&CellLex<'_>) -> bool,
) -> impl FnMut(In<'v, 'c, 'a>) -> Result<'v, 'c, 'a, (usize, Piece<'a>)> {
    token(move |(_, l): &'v Line<'c, 'a>| match l {
        TableLine::Cells(cells)
            if cells.len() == 1 && cells[0].cell.as_ref().is_some_and(&accept) =>
        {
            Some(cells[0])
        }
        _ => None,
    })
}

fn is_percent(lex: &CellLex<'_>) -> bool {
    matches!(lex, CellLex::Number(n) if n.percent)
}

fn is_amount(lex: &CellLex<'_>) -> bool {
    matches!(lex, CellLex::Number(n) if !n.percent)
}

/// Words a summary item's label has at most (`Uitgaven`, `Sociaal
/// domein`, `Overige baten`): a summary names its parts in a word or three.
const SUMMARY_LABEL_WORDS: usize = 3;

fn item<'v, 'c: 'v, 'a: 'c>(input: In<'v, 'c, 'a>) -> Result<'v, 'c, 'a, SummaryItem<'a>> {
    let label = token(|(text, l): &'v Line<'c, 'a>| {
        let short = text.starts_with(char::is_uppercase)
            && text.split_whitespace().nth(SUMMARY_LABEL_WORDS).is_none();
        (matches!(l, TableLine::Label) && short).then_some(*text)
    });
    let scale = token(|(_, l): &Line<'_, '_>| match l {
        TableLine::Scale { scale, .. } => Some(*scale),
        _ => None,
    });
    let progress = token(|(text, l): &'v Line<'c, 'a>| match l {
        // The line's first cell alone: `25,82% van het totaal`.
        TableLine::Label => crate::parse::cell::cell(text)
            .ok()
            .filter(|(_, lex)| is_percent(lex))
            .map(|(rest, _)| &text[..text.len() - rest.len()]),
        _ => None,
    });
    let (rest, (label, share, amount, (_, scale), progress)) = (
        preceded(gap, label),
        preceded(gap, single_cell(is_percent)),
        preceded(gap, single_cell(is_amount)),
        preceded(gap, scale),
        opt(preceded(gap, progress)),
    )
        .parse(input)?;
    let mut warnings = Vec::new();
    if let Some((line, repeated)) = progress
        && repeated != share.1.text
    {
        warnings.push(Warning::at(
            "value-differs",
            line + 1,
            format!(
                "the share of \"{}\" is printed as {} and as {}",
                label.1, share.1.text, repeated
            ),
        ));
    }
    Ok((
        rest,
        SummaryItem {
            label,
            share,
            amount,
            scale,
            warnings,
        },
    ))
}

/// Reads a summary at the start of `input`: two items at least.
pub fn summary<'v, 'c: 'v, 'a: 'c>(
    input: In<'v, 'c, 'a>,
) -> Result<'v, 'c, 'a, Vec<SummaryItem<'a>>> {
    let (mut input, first) = item(input)?;
    let mut items = vec![first];
    while let Ok((rest, next)) = item(input) {
        items.push(next);
        input = rest;
    }
    if items.len() < 2 {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Many1,
        )));
    }
    Ok((input, items))
}
