//! Cards: a small box per measure, flattened to lines (LAYOUTS.md family
//! E; `grammars/table.md`, "Cards").
//!
//! ```text
//! card  = title item{2,}
//! title = [bullet] label [scale]        `• Lasten x € 1.000`; a bullet or a scale is required
//! item  = label cell                    `Begroot € 5.500`: a short label, one cell
//! ```
//!
//! Each card is a table of one column, named by the card's label, with a
//! row per item. Only lines no other grammar took are read.

use super::TableBlock;
use super::body::{BodyRow, Placed, RowShape};
use super::line::scale;
use crate::parse::cell::CellLex;
use crate::parse::figure::is_running_text;
use crate::parse::line::{Lexeme, Token};
use crate::parse::text::{ColumnName, Text};
use crate::parse::tokens::{LineResult, Tokens, every_match, free_lines, token};
use nom::Parser;
use nom::multi::many_m_n;
use std::collections::BTreeSet;

/// Words an item's label may have (`Begroting na wijziging`).
const ITEM_WORDS: usize = 4;
/// Bytes from which a line is too long to be a card's title.
const TITLE_BYTES: usize = 80;
/// Bullets a card's title may start with.
const BULLETS: &[char] = &['•', '▪', '*'];

/// A card's title: its label, and the scale printed after it.
fn title(text: &str) -> Option<Title<'_>> {
    let text = text.trim();
    if text.len() > TITLE_BYTES || text.is_empty() {
        return None; // most lines: decided at once
    }
    let bare = text.trim_start_matches(BULLETS).trim_start();
    let bulleted = bare.len() < text.len();
    // Every scale marker holds an `x` or a `(`: other lines need a bullet.
    if !bulleted && !bare.contains(['x', '(']) {
        return None;
    }
    let scaled = [" x ", " (x", " (in ", " bedragen "]
        .iter()
        .filter_map(|marker| bare.find(marker))
        .find_map(|at| scale(&bare[at..]).map(|found| (bare[..at].trim(), found)));
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.split_whitespace().count() <= ITEM_WORDS
            && !label.bytes().any(|b| b.is_ascii_digit())
    };
    match scaled {
        Some((label, found)) if label_ok(label) => Some((label, Some(found))),
        None if bulleted && label_ok(bare) => Some((bare, None)),
        _ => None,
    }
}

/// An item line: a short label and one cell after it.
fn item<'a>(line: Lexeme<'_, 'a>) -> Option<(&'a str, &'a str, CellLex<'a>)> {
    let text = line.text.trim();
    if is_running_text(text) {
        return None;
    }
    let all = line.pieces();
    let (last, words) = all.split_last()?;
    let lex = last.cell?;
    let label_ok =
        !words.is_empty() && words.len() <= ITEM_WORDS && words.iter().all(|w| w.cell.is_none());
    label_ok.then(|| (line.text[..last.start].trim(), last.text, lex))
}

/// A line of the shared lexing pass, and whether no grammar before took it.
type CardLine<'t, 'a> = (Lexeme<'t, 'a>, bool);

/// The input of the card grammar: the document's lines.
type In<'t, 'a> = Tokens<'t, CardLine<'t, 'a>>;

/// A card's title line: its label and the scale printed after it.
type Title<'a> = (&'a str, Option<(i64, bool)>);

/// A card as recognised: its title line's label and scale, and its items.
struct Card<'a> {
    title: (usize, Title<'a>),
    items: Vec<(usize, (&'a str, &'a str, CellLex<'a>))>,
}

/// `card = title item{2,}` over the free lines.
fn card<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, CardLine<'t, 'a>, Card<'a>> {
    let title_line =
        token(|&(line, free): &'t CardLine<'t, 'a>| free.then(|| title(line.text)).flatten());
    let item_line = token(|&(line, free): &'t CardLine<'t, 'a>| free.then(|| item(line)).flatten());
    (title_line, many_m_n(2, usize::MAX, item_line))
        .map(|(title, items)| Card { title, items })
        .parse(input)
}

/// Finds every card among the lines no other grammar took (`claimed`).
pub fn parse_cards<'a>(tokens: &[Token<'a>], claimed: &[bool]) -> Vec<TableBlock<'a>> {
    let lexemes: Vec<Lexeme<'_, 'a>> = tokens.iter().map(Token::lexeme).collect();
    let opens = |&(line, free): &CardLine<'_, 'a>| free && title(line.text).is_some();
    every_match(&free_lines(&lexemes, claimed), opens, card)
        .into_iter()
        .map(table_of)
        .collect()
}

/// The table of one card: a column named by its label, a row per item.
fn table_of(card: Card<'_>) -> TableBlock<'_> {
    let (at, (label, scale_found)) = card.title;
    let rows = card
        .items
        .iter()
        .map(|&(i, (name, raw, lex))| BodyRow {
            label: Text::new(name),
            line: i,
            cells: vec![Some(Placed {
                lex,
                raw: raw.to_owned(),
                line: i,
            })],
            shape: RowShape::Values,
            period: None,
        })
        .collect();
    let (multiplier, euro) = scale_found.unwrap_or((1, false));
    let last = card.items.last().map_or(at, |(i, _)| *i);
    TableBlock {
        title: Some(Text::new(label)),
        text_columns: Vec::new(),
        texts: Vec::new(),
        sign_note: None,
        label_header: None,
        columns: vec![ColumnName::from(label)],
        notes: Vec::new(),
        period_column: None,
        scale: multiplier,
        euro_scale: euro,
        unit: None,
        rows,
        first_line: at,
        last_line: last,
        warnings: Vec::new(),
        used_lines: (at..=last).collect::<BTreeSet<usize>>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> Option<(&str, &str, CellLex<'_>)> {
        super::item(Lexeme::new(text, &std::cell::OnceCell::new()))
    }

    #[test]
    fn card_titles_need_a_bullet_or_a_scale() {
        assert_eq!(
            title("• Lasten x € 1.000"),
            Some(("Lasten", Some((1000, true))))
        );
        assert_eq!(
            title("Baten (x € 1.000)"),
            Some(("Baten", Some((1000, true))))
        );
        assert_eq!(title("• Investeringen"), Some(("Investeringen", None)));
        assert_eq!(title("Investeringen"), None);
        assert_eq!(
            title("• In 2024 deden we veel meer dan verwacht in de wijken"),
            None
        );
    }

    #[test]
    fn items_are_a_short_label_and_one_cell() {
        assert_eq!(
            item("  Begroot € 5.500").map(|i| (i.0, i.1)),
            Some(("Begroot", "€ 5.500"))
        );
        assert!(item("Begroot 5.500 6.000").is_none());
        assert!(item("5.500").is_none());
    }
}
