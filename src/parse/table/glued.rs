//! Tables whose cells a converter glued together, stripping the HTML
//! without separators (LAYOUTS.md family D; `grammars/table.md`, "Glued
//! cells").
//!
//! ```text
//! glued-table = header row+
//! header      = head head+                 heads glued: `Rekening 2024Begroting 2025`
//! row         = label digits               `Veiligheid4.1204.3884.401`
//! digits      = number{n}                  n = the header's heads, glued
//! number      = ["-"] ("0" | [1-9] digit{0,2} ("." digit{3})*) ["," digit+]
//! ```
//!
//! Only the thousands-dot rule and the column count split a row: it is read
//! only when exactly one split into `n` numbers fits — counting, too, the
//! splits that leave a number to the label (`Programma 1` glued to its
//! first amount). Any other row is left to the census (`glued-cells`).

use super::TableBlock;
use super::body::{BodyRow, Placed, RowShape};
use crate::diagnostic::Warning;
use crate::parse::cell::{CellLex, cell};
use crate::parse::text::{ColumnName, Text};
use crate::parse::tokens::{FreeLine, LineResult, Tokens, every_match, free_lines, token};
use crate::parse::vocabulary::is_head_word;
use nom::Parser;
use nom::multi::{many0, many1};
use nom::sequence::preceded;
use std::collections::BTreeSet;

/// Bytes from which a line is too long to be a glued header.
const HEADER_BYTES: usize = 200;
/// Most digits a label's own number glued to the amounts may have.
const LABEL_NUMBER_DIGITS: usize = 2;
/// Most decimals a glued number is read with.
const MAX_DECIMALS: usize = 2;

/// The heads of a glued header line: split where a year or a word ends and
/// a capital begins (`Rekening 2024Begroting 2025` → two heads).
fn glued_heads(line: &str) -> Option<Vec<&str>> {
    let line = line.trim();
    if line.len() > HEADER_BYTES {
        return None;
    }
    // Quick refusal: no capital right after a digit or a lower-case letter.
    let glued = line
        .as_bytes()
        .windows(2)
        .any(|w| (w[0].is_ascii_digit() || w[0].is_ascii_lowercase()) && w[1].is_ascii_uppercase());
    if !glued {
        return None;
    }
    let mut heads = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for pair in chars.windows(2) {
        let ((_, before), (at, after)) = (pair[0], pair[1]);
        if after.is_uppercase() && (before.is_ascii_digit() || before.is_lowercase()) {
            heads.push(line[start..at].trim());
            start = at;
        }
    }
    heads.push(line[start..].trim());
    let named = heads
        .iter()
        .filter(|h| h.split_whitespace().next().is_some_and(is_head_word))
        .count();
    // Every split is inside a word (no space before the capital): glued.
    (heads.len() >= 2 && named >= 2).then_some(heads)
}

/// A row: its label and the glued digits after it.
fn glued_row(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let first_digit = line.find(|c: char| c.is_ascii_digit())?;
    let split = if line[..first_digit].ends_with('-') {
        first_digit - 1
    } else {
        first_digit
    };
    let (label, digits) = line.split_at(split);
    let label_ok = label.chars().any(char::is_alphabetic);
    let digits_ok = digits
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
    (label_ok && digits_ok).then_some((label, digits))
}

/// Where the numbers starting at `at` may end.
fn number_ends(text: &[u8], at: usize) -> Vec<usize> {
    let digit = |i: usize| text.get(i).is_some_and(u8::is_ascii_digit);
    let mut start = at;
    if text.get(at) == Some(&b'-') {
        start += 1;
    }
    if !digit(start) {
        return Vec::new();
    }
    let mut integers = Vec::new();
    if text[start] == b'0' {
        integers.push(start + 1);
    } else {
        for len in 1..=3 {
            if (start..start + len).all(digit) {
                let mut end = start + len;
                integers.push(end);
                while text.get(end) == Some(&b'.') && (end + 1..end + 4).all(digit) {
                    end += 4;
                    integers.push(end);
                }
            }
        }
    }
    let mut ends = Vec::new();
    for end in integers {
        // A grouped integer must end its groups: `1.2045` is no number.
        ends.push(end);
        if text.get(end) == Some(&b',') {
            for decimals in 1..=MAX_DECIMALS {
                if (end + 1..end + 1 + decimals).all(digit) {
                    ends.push(end + 1 + decimals);
                }
            }
        }
    }
    ends
}

/// The one split of `text` into `count` numbers, if exactly one fits; also
/// counted: splits after a label number of up to [`LABEL_NUMBER_DIGITS`].
fn only_split(text: &str, count: usize, label_may_number: bool) -> Option<Vec<&str>> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // ways[i][k]: splits of text[i..] into k numbers, capped at 2.
    let mut ways = vec![vec![0u8; count + 1]; n + 1];
    ways[n][0] = 1;
    for i in (0..n).rev() {
        for end in number_ends(bytes, i) {
            for k in 1..=count {
                ways[i][k] = ways[i][k].saturating_add(ways[end][k - 1]).min(2);
            }
        }
    }
    let mut total = u32::from(ways[0][count]);
    if label_may_number {
        for len in 1..=LABEL_NUMBER_DIGITS.min(n) {
            if bytes[..len].iter().all(u8::is_ascii_digit) && bytes[0] != b'0' {
                total += u32::from(ways[len][count]);
            }
        }
    }
    if total != 1 || ways[0][count] != 1 {
        return None;
    }
    let mut parts = Vec::with_capacity(count);
    let (mut at, mut left) = (0, count);
    while left > 0 {
        let end = number_ends(bytes, at)
            .into_iter()
            .find(|&end| ways[end][left - 1] > 0)?;
        parts.push(&text[at..end]);
        at = end;
        left -= 1;
    }
    Some(parts)
}

/// A row line: its line, its label and its glued digits.
type RowLine<'a> = (usize, (&'a str, &'a str));

/// `glued-table = header row+` (blank lines between rows skipped): the
/// header's line and heads, and the row lines.
#[allow(clippy::type_complexity)]
fn glued_table<'t, 'a>(
    input: Tokens<'t, FreeLine<'a>>,
) -> LineResult<'t, FreeLine<'a>, ((usize, Vec<&'a str>), Vec<RowLine<'a>>)> {
    let header = token(|&(text, free): &'t FreeLine<'a>| free.then(|| glued_heads(text)).flatten());
    let blank =
        token(|&(text, free): &'t FreeLine<'a>| (free && text.trim().is_empty()).then_some(()));
    let row = token(|&(text, free): &'t FreeLine<'a>| free.then(|| glued_row(text)).flatten());
    (header, many1(preceded(many0(blank), row))).parse(input)
}

/// Finds every glued table among the lines no other grammar took (`claimed`).
pub fn parse_glued_tables<'a>(lines: &[&'a str], claimed: &[bool]) -> Vec<TableBlock<'a>> {
    // A header whose rows split in no single way is no table: the search
    // goes on at the next line.
    let table_here = |input| {
        glued_table
            .map_opt(|((header, heads), rows)| table(lines, header, &heads, &rows))
            .parse(input)
    };
    let opens = |&(text, free): &FreeLine<'a>| free && glued_heads(text).is_some();
    every_match(&free_lines(lines, claimed), opens, table_here)
}

/// The table of a glued header and its row lines; `None` when no row
/// splits into the header's columns in exactly one way.
fn table<'a>(
    lines: &[&'a str],
    header: usize,
    heads: &[&'a str],
    row_lines: &[RowLine<'a>],
) -> Option<TableBlock<'a>> {
    let named = heads
        .iter()
        .position(|h| h.split_whitespace().next().is_some_and(is_head_word))
        .unwrap_or(0);
    let label_header = (named > 0).then(|| Text::joined(heads[..named].iter().copied()));
    let columns: Vec<ColumnName<'a>> = heads[named..]
        .iter()
        .map(|h| ColumnName::from(*h))
        .collect();
    let width = columns.len();
    let mut rows = Vec::new();
    let mut used = BTreeSet::from([header]);
    let mut warnings = Vec::new();
    for &(at, (label, digits)) in row_lines {
        let text = lines[at];
        used.insert(at);
        let label_may_number = label.ends_with(' ') || label.ends_with(char::is_alphabetic);
        match only_split(digits, width, label_may_number) {
            Some(parts) => {
                let offset = text.len() - text.trim_start().len() + label.len();
                let cells = parts
                    .iter()
                    .scan(offset, |start, part| {
                        let raw = &text[*start..*start + part.len()];
                        *start += part.len();
                        let lex = cell(raw).map_or(CellLex::Unreadable, |(_, lex)| lex);
                        Some(Some(Placed {
                            lex,
                            raw: raw.to_owned(),
                            line: at,
                        }))
                    })
                    .collect();
                rows.push(BodyRow {
                    label: Text::new(label.trim()),
                    line: at,
                    cells,
                    shape: RowShape::Values,
                    period: None,
                });
            }
            None => warnings.push(Warning::at(
                "glued-ambiguous",
                at + 1,
                format!(
                    "the glued cells of \"{}\" split into {width} numbers in no single way; they are not read",
                    label.trim()
                ),
            )),
        }
    }
    if rows.is_empty() {
        return None;
    }
    let last_line = *used.last().expect("the header");
    Some(TableBlock {
        title: None,
        text_columns: Vec::new(),
        texts: Vec::new(),
        sign_note: None,
        label_header,
        columns,
        notes: Vec::new(),
        period_column: None,
        scale: 1,
        euro_scale: false,
        unit: None,
        rows,
        first_line: header,
        last_line,
        warnings,
        used_lines: used,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_heads_split_at_capitals() {
        assert_eq!(
            glued_heads("ProgrammaRekening 2024Begroting 2025Begroting 2026"),
            Some(vec![
                "Programma",
                "Rekening 2024",
                "Begroting 2025",
                "Begroting 2026"
            ])
        );
        assert_eq!(
            glued_heads("Rekening 2024 Begroting 2025"),
            None,
            "not glued"
        );
    }

    #[test]
    fn a_row_is_read_only_when_one_split_fits() {
        assert_eq!(
            only_split("4.1204.3884.401", 3, false),
            Some(vec!["4.120", "4.388", "4.401"])
        );
        assert_eq!(
            only_split("6051.0201.115", 3, false),
            None,
            "605|1.020|1.115 or 60|51.020|1.115"
        );
        assert_eq!(
            only_split("-3.810-4.093", 2, false),
            Some(vec!["-3.810", "-4.093"])
        );
        // `Programma 1` glued to 1.741: the label's number makes it ambiguous.
        assert_eq!(only_split("11.7411.707", 2, true), None);
    }

    #[test]
    fn hostile_digits_never_panic() {
        for text in [
            "",
            "-",
            "--",
            ".",
            "0",
            "00",
            ",",
            "1,",
            "1.",
            "-0-0",
            &"9".repeat(500),
        ] {
            let _ = only_split(text, 3, true);
            let _ = glued_row(text);
        }
    }
}
