//! Where an indicator block starts: its title, found by reading upwards from
//! its `Bron:` line (or its table, when `Bron:` is missing).
//!
//! The search stays inside the *region*: the lines above the anchor up to the
//! nearest structural line (a previous block's rows, `Doel gehaald`,
//! `Toelichting:`, a `Doelstelling` heading) or the previous block's end.
//!
//! 1. A title with its `(Realisatie 2024)` suffix is the title (the nearest
//!    one above the anchor). When the line above it is an unfinished line
//!    that starts a paragraph, the title was wrapped and both lines are it.
//!    A suffix alone on its line ends the title on the line(s) above it.
//! 2. Otherwise (budgets print titles without suffix) the title is the last
//!    line in the region that
//!    - starts a paragraph: a blank line, the region's start, or a line ending
//!      a sentence stands above it (blank or region start are *strong*);
//!    - reads as a title: starts with a capital, digit or `%`, and does not end
//!      in `.`, `,`, `;` or `:`; it may run on for one more line that starts
//!      in lower case;
//!    - is followed by the description (a line starting with a capital) or
//!      the anchor itself.
//!
//!    A strong candidate beats a weak one. No candidate: no title, and a warning.
//!
//! Everything between the title and the anchor, but blank lines and noise,
//! is the description.

use super::Token;
use crate::clean::BULLET;
use crate::parse::line::LineKind;

/// The title lines of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleLines {
    /// Document indices of the title's lines (one, or two when wrapped).
    pub lines: Vec<usize>,
    /// Year of a `(Realisatie 2024)` suffix.
    pub suffix_year: Option<i32>,
}

/// Lines that end the upward search.
fn is_structural(kind: &LineKind<'_>) -> bool {
    matches!(
        kind,
        LineKind::Source(_)
            | LineKind::Years(_)
            | LineKind::Row(_)
            | LineKind::Goal(_)
            | LineKind::Explanation(_)
            | LineKind::ExplanationLabel
            | LineKind::Doelstelling(_)
    )
}

/// Lines the search looks through: blank lines, noise, stray page numbers.
fn is_transparent(kind: &LineKind<'_>) -> bool {
    matches!(kind, LineKind::Noise | LineKind::Cells(_))
}

/// First index of the region above `anchor` (see the module docs).
pub fn region_start(tokens: &[Token<'_>], floor: usize, anchor: usize) -> usize {
    (floor..anchor)
        .rev()
        .find(|&i| is_structural(&tokens[i].kind))
        .map_or(floor, |i| i + 1)
}

/// Finds the title of the block anchored at `anchor`; see the module docs.
pub fn find_title(tokens: &[Token<'_>], floor: usize, anchor: usize) -> Option<TitleLines> {
    let start = region_start(tokens, floor, anchor);
    suffixed(tokens, start, anchor).or_else(|| unsuffixed(tokens, start, anchor))
}

fn suffixed(tokens: &[Token<'_>], start: usize, anchor: usize) -> Option<TitleLines> {
    let at = (start..anchor)
        .rev()
        .find(|&i| matches!(tokens[i].kind, LineKind::SuffixTitle(_)))?;
    title_ending_at(tokens, start, at)
}

/// The title whose `(Realisatie 2024)` suffix is on line `at`: that line,
/// with the unfinished line above when the title was wrapped, or the line(s)
/// above when the suffix stands alone.
pub fn title_ending_at(tokens: &[Token<'_>], start: usize, at: usize) -> Option<TitleLines> {
    let LineKind::SuffixTitle(suffix) = tokens[at].kind else {
        return None;
    };
    let wrapped_above = |line: usize| {
        line > start
            && tokens[line - 1].kind == LineKind::Text
            && !ends_sentence_or_clause(tokens[line - 1].text)
            && paragraph_start(tokens, start, line - 1) == Some(Strength::Strong)
    };
    let mut lines = Vec::new();
    if suffix.suffix_start == 0 {
        let above = (start..at)
            .rev()
            .find(|&i| !is_transparent(&tokens[i].kind) && tokens[i].kind != LineKind::Blank)?;
        if tokens[above].kind != LineKind::Text || ends_sentence_or_clause(tokens[above].text) {
            return None;
        }
        if wrapped_above(above) {
            lines.push(above - 1);
        }
        lines.push(above);
    } else if wrapped_above(at) {
        lines.push(at - 1);
    }
    lines.push(at);
    Some(TitleLines {
        lines,
        suffix_year: Some(suffix.year),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Weak,
    Strong,
}

/// Whether line `at` starts a paragraph, and how surely.
fn paragraph_start(tokens: &[Token<'_>], start: usize, at: usize) -> Option<Strength> {
    let above = (start..at)
        .rev()
        .find(|&i| !is_transparent(&tokens[i].kind));
    match above {
        None => Some(Strength::Strong),
        Some(i) if tokens[i].kind == LineKind::Blank => Some(Strength::Strong),
        Some(i) if ends_sentence(tokens[i].text) => Some(Strength::Weak),
        Some(_) => None,
    }
}

fn without_bullet(text: &str) -> &str {
    text.strip_prefix(BULLET).map_or(text, str::trim_start)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':'])
}

fn ends_sentence_or_clause(text: &str) -> bool {
    text.trim_end().ends_with(['.', ',', ';', ':', '!', '?'])
}

fn starts_like_title(text: &str) -> bool {
    without_bullet(text)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '%' || c == '€')
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

fn unsuffixed(tokens: &[Token<'_>], start: usize, anchor: usize) -> Option<TitleLines> {
    let mut best: Option<(Strength, Vec<usize>)> = None;
    for at in start..anchor {
        let token = &tokens[at];
        if token.kind != LineKind::Text
            || ends_sentence_or_clause(token.text)
            || !starts_like_title(token.text)
        {
            continue;
        }
        let Some(strength) = paragraph_start(tokens, start, at) else {
            continue;
        };
        let mut lines = vec![at];
        let next = at + 1;
        if next < anchor
            && tokens[next].kind == LineKind::Text
            && starts_lowercase(tokens[next].text)
            && !ends_sentence_or_clause(tokens[next].text)
        {
            lines.push(next);
        }
        let after = (lines[lines.len() - 1] + 1..anchor)
            .find(|&i| !is_transparent(&tokens[i].kind) && tokens[i].kind != LineKind::Blank);
        let followed_by_description = match after {
            None => true,
            Some(i) => tokens[i].kind == LineKind::Text && starts_like_title(tokens[i].text),
        };
        if followed_by_description && best.as_ref().is_none_or(|(s, _)| strength >= *s) {
            best = Some((strength, lines));
        }
    }
    best.map(|(_, lines)| TitleLines {
        lines,
        suffix_year: None,
    })
}

/// Document indices of the description: text lines between title and anchor.
pub fn description(tokens: &[Token<'_>], title: &TitleLines, anchor: usize) -> Vec<usize> {
    let first = title.lines.last().map_or(anchor, |l| l + 1);
    (first..anchor)
        .filter(|&i| matches!(tokens[i].kind, LineKind::Text | LineKind::SuffixTitle(_)))
        .collect()
}
