//! What follows a block's values: `Doel gehaald` and the `Toelichting:`.
//!
//! ```text
//! trailer     = (gap* (goal | label | explanation))*          in any order
//! goal        = "Doel gehaald: Ja." [explanation on the same line]
//! label       = "Toelichting"  [paragraphs, when plain text follows]
//! explanation = "Toelichting: …" paragraphs
//! paragraphs  = text-line* (blank+ paragraph)*
//! ```
//!
//! An explanation runs over blank lines into the next paragraph unless that
//! paragraph starts with a heading (a short line starting with a capital and
//! not ending in punctuation, like `Financiën` or `Woonzorgvisie`) or with
//! anything that is not text. A heading right after a finished sentence ends
//! it too, blank line or not (`… gelijk blijft.` / `Financiën`). The caller bounds the input at the next
//! block's title, so an explanation never swallows the next block.

use super::Token;
use super::table::gap;
use crate::parse::figure::is_heading_text;
use crate::parse::line::{GoalLine, LineKind};
use crate::parse::tokens::{LineResult, Tokens, token};
use nom::branch::alt;
use nom::combinator::opt;
use nom::multi::many0;
use nom::sequence::preceded;
use nom::{Input, Parser};
type In<'t, 'a> = Tokens<'t, Token<'a>>;

/// One line of explanation text: document index and text.
pub type TextLine<'a> = (usize, &'a str);

/// The goal and explanation of a block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trailer<'a> {
    /// The `Doel gehaald` line, when printed.
    pub goal: Option<(usize, GoalLine<'a>)>,
    /// Further `Doel gehaald` lines (reported, not used).
    pub extra_goals: Vec<usize>,
    /// The explanation's paragraphs, each a list of lines.
    pub explanation: Vec<Vec<TextLine<'a>>>,
    /// Document indices of `Toelichting` keyword lines.
    pub keyword_lines: Vec<usize>,
    /// Document index of the last line read.
    pub last_line: Option<usize>,
}

enum Item<'a> {
    Goal(usize, GoalLine<'a>, Vec<Vec<TextLine<'a>>>),
    Label(usize, Vec<Vec<TextLine<'a>>>),
    Explanation(usize, Vec<Vec<TextLine<'a>>>),
}

/// Reads the trailer at the start of `input`; never fails.
pub fn trailer<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, Trailer<'a>> {
    let (rest, items) = many0(preceded(gap, alt((goal, label, explanation)))).parse(input)?;
    let mut trailer = Trailer::default();
    for item in items {
        match item {
            Item::Goal(line, goal, paragraphs) => {
                trailer.last_line = Some(line).max(trailer.last_line);
                if trailer.goal.is_some() {
                    trailer.extra_goals.push(line);
                } else {
                    trailer.goal = Some((line, goal));
                }
                extend_explanation(&mut trailer, paragraphs);
            }
            Item::Label(line, paragraphs) | Item::Explanation(line, paragraphs) => {
                trailer.last_line = Some(line).max(trailer.last_line);
                trailer.keyword_lines.push(line);
                extend_explanation(&mut trailer, paragraphs);
            }
        }
    }
    Ok((rest, trailer))
}

fn extend_explanation<'a>(trailer: &mut Trailer<'a>, paragraphs: Vec<Vec<TextLine<'a>>>) {
    if let Some(last) = paragraphs.iter().flatten().map(|(i, _)| *i).max() {
        trailer.last_line = Some(last).max(trailer.last_line);
    }
    trailer.explanation.extend(paragraphs);
}

fn goal<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, Item<'a>> {
    let (input, (line, goal)) = token(|t: &Token<'a>| match t.kind {
        LineKind::Goal(g) => Some(g),
        _ => None,
    })
    .parse(input)?;
    let (input, paragraphs) = match goal.explanation {
        Some(text) => paragraphs(input, Some((line, text))),
        None => (input, Vec::new()),
    };
    Ok((input, Item::Goal(line, goal, paragraphs)))
}

fn label<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, Item<'a>> {
    let (input, (line, ())) =
        token(|t: &Token<'_>| (t.kind == LineKind::ExplanationLabel).then_some(())).parse(input)?;
    // Text after a bare label is its explanation (the colon was lost).
    let (after_gap, _) = opt(gap).parse(input)?;
    let text_follows = after_gap
        .first()
        .is_some_and(|t| t.kind == LineKind::Text && !is_heading(t.text));
    let (input, paragraphs) = if text_follows {
        paragraphs(after_gap, None)
    } else {
        (input, Vec::new())
    };
    Ok((input, Item::Label(line, paragraphs)))
}

fn explanation<'t, 'a>(input: In<'t, 'a>) -> LineResult<'t, Token<'a>, Item<'a>> {
    let (input, (line, text)) = token(|t: &Token<'a>| match t.kind {
        LineKind::Explanation(text) => Some(text),
        _ => None,
    })
    .parse(input)?;
    let first = (!text.is_empty()).then_some((line, text));
    let (input, paragraphs) = paragraphs(input, first);
    Ok((input, Item::Explanation(line, paragraphs)))
}

/// A heading: see [`is_heading_text`].
pub fn is_heading(text: &str) -> bool {
    is_heading_text(text)
}

/// Text paragraphs from the start of `input`, opened by `first` when text
/// stood on the keyword's own line.
fn paragraphs<'t, 'a>(
    input: In<'t, 'a>,
    first: Option<TextLine<'a>>,
) -> (In<'t, 'a>, Vec<Vec<TextLine<'a>>>) {
    let items = input.items();
    let mut paragraphs: Vec<Vec<TextLine<'a>>> = Vec::new();
    let mut current: Vec<TextLine<'a>> = first.into_iter().collect();
    let mut consumed = 0;
    let mut blank_seen = false;
    for (offset, token) in items.iter().enumerate() {
        match token.kind {
            LineKind::Blank => blank_seen = true,
            LineKind::Noise | LineKind::Cells(_) => {}
            LineKind::Text => {
                let new_paragraph = blank_seen && !current.is_empty();
                let after_sentence = current
                    .last()
                    .is_some_and(|(_, last)| last.trim_end().ends_with(['.', '!', '?']));
                if (new_paragraph || after_sentence) && is_heading(token.text) {
                    break;
                }
                // A blank line inside an unfinished sentence is layout, not a paragraph.
                let joins_sentence = current
                    .last()
                    .is_some_and(|(_, last)| !last.trim_end().ends_with(['.', '!', '?', ':']));
                if new_paragraph && !current.is_empty() && !joins_sentence {
                    paragraphs.push(std::mem::take(&mut current));
                }
                current.push((input.offset() + offset, token.text));
                consumed = offset + 1;
                blank_seen = false;
            }
            _ => break,
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    (input.take_from(consumed), paragraphs)
}
