//! Table headers: which columns a table has, and what they are called.
//!
//! ```text
//! column-line = [label-header] column-spec+
//! column-spec = basis year [lower-case word]*     Begroting 2022, Jaarrekening 2024, Begroting 2023 na wijziging
//!             | year                              2026
//!             | column-word                       Lasten, Baten, Toevoegingen, Onttrekkingen, Saldo, …
//! basis       = Begroting | Rekening | Jaarrekening | Realisatie | Raming | Prognose | Werkelijk
//! jaar-line   = "Jaar" text                        Jaar Aantal unieke jeugdigen  (one column)
//! ```
//!
//! Around the column line:
//! - a line of group names above years that repeat (`POH-jeugd
//!   Schoolmaatsch. werk PO` over `2018 2019 2018 2019`) prefixes the years
//!   when it splits into as many groups (a capitalised word starts a group;
//!   a short all-capital word like `PO` ends one);
//! - lower-case lines right under a one-column header continue its name
//!   (`Jaar Aantal unieke jeugdigen dat` / `doorstroomt`);
//! - all other header lines are kept as notes (`Programma 2 … Jaarrekening`).
//!
//! A header printed after the rows is read when it names months: they are
//! put in calendar order (`juli2019 augustusJanuari april` → januari, april,
//! juli, augustus).

use super::line::TableLine;
use crate::parse::cell::{CellLex, Piece};
use crate::parse::line::Lexeme;
use crate::parse::text::Text;

/// The columns a header line names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnLine<'a> {
    /// Header of the label column (`Doelstelling`, `Jaar`, `Nieuw beleid`).
    pub label_header: Option<Text<'a>>,
    /// Column names, in order.
    pub columns: Vec<Text<'a>>,
    /// The columns are years (`2026`), possibly repeated under groups.
    pub years_only: bool,
    /// The line is `Jaar …`: rows are labelled by year.
    pub by_year: bool,
}

use crate::parse::vocabulary::{BASES, COLUMN_WORDS, HEAD_WORDS, is_word_in};

fn year_of(piece: &Piece<'_>) -> Option<i32> {
    match piece.cell {
        Some(CellLex::Number(n)) => n.as_year(),
        _ => None,
    }
}

/// Reads a line as a column line, if it is one.
pub fn column_line<'a>(lexeme: Lexeme<'_, 'a>, line: &TableLine<'a>) -> Option<ColumnLine<'a>> {
    let text = lexeme.text;
    let pieces: &[Piece<'a>] = match line {
        TableLine::Row { pieces, .. } | TableLine::Cells(pieces) => pieces,
        TableLine::Label if may_be_column_label(text) => lexeme.pieces(),
        _ => return None,
    };
    specs(text, pieces)
        .or_else(|| years(text, pieces))
        .or_else(|| named_years(text, pieces))
        .or_else(|| words(text, pieces))
        .or_else(|| jaar(text, pieces))
}

/// Whether a label line (no cells at its end) may name columns; a quick
/// refusal of prose. Of the grammars below, only these read such a line:
/// `specs` needs a year (four digits in a row), `jaar` a leading `Jaar`,
/// and `words` two capitalised column words.
fn may_be_column_label(text: &str) -> bool {
    if text.starts_with("Jaar") || text.starts_with("JAAR") {
        return true;
    }
    let mut digits = 0;
    for byte in text.bytes() {
        digits = if byte.is_ascii_digit() { digits + 1 } else { 0 };
        if digits == 4 {
            return true;
        }
    }
    let bytes = text.as_bytes();
    let mut found = 0;
    let mut at = 0;
    while at < bytes.len() {
        // A word starts here; its end is the next space.
        let end = at
            + bytes[at..]
                .iter()
                .position(|&b| b == b' ')
                .unwrap_or(bytes.len() - at);
        let capital = bytes[at].is_ascii_uppercase()
            || (!bytes[at].is_ascii() && text[at..].starts_with(char::is_uppercase));
        if capital {
            let word = &text[at..end];
            if is_word_in(word, COLUMN_WORDS) || is_word_in(word, BASES) {
                found += 1;
                if found == 2 {
                    return true;
                }
            }
        }
        at = end + 1;
    }
    false
}

/// Named columns (not years): two at least.
fn named<'a>(label_header: Option<Text<'a>>, columns: Vec<Text<'a>>) -> Option<ColumnLine<'a>> {
    (columns.len() >= 2).then_some(ColumnLine {
        label_header,
        columns,
        years_only: false,
        by_year: false,
    })
}

/// Appends a lower-case word to the last column name (`Begroting 2023` +
/// `na wijziging`); false when it is no such word or there is no column yet.
fn continue_last<'a>(columns: &mut [Text<'a>], word: &'a str) -> bool {
    match columns.last_mut() {
        Some(last) if word.starts_with(char::is_lowercase) => {
            last.push(word);
            true
        }
        _ => false,
    }
}

fn label_before<'a>(text: &'a str, pieces: &[Piece<'_>], index: usize) -> Option<Text<'a>> {
    let label = text[..pieces.get(index).map_or(text.len(), |p| p.start)].trim();
    (!label.is_empty()).then(|| Text::new(label))
}

/// `[label] (basis year [qualifier]* | measure)+`: the columns from the first
/// basis (or head word) and year, and the heads without a year right before it.
fn specs<'a>(text: &'a str, pieces: &[Piece<'a>]) -> Option<ColumnLine<'a>> {
    let spec_at = |i: usize| {
        pieces.get(i + 1).and_then(year_of).is_some()
            && pieces[i].cell.is_none()
            && (is_word_in(pieces[i].text, BASES) || is_word_in(pieces[i].text, HEAD_WORDS))
    };
    let measure_at = |i: usize| {
        let piece = &pieces[i];
        piece.cell.is_none()
            && piece.text.starts_with(char::is_uppercase)
            && (is_word_in(piece.text, COLUMN_WORDS) || is_word_in(piece.text, HEAD_WORDS))
    };
    let first_spec = (0..pieces.len().saturating_sub(1)).find(|&i| spec_at(i))?;
    // Heads without a year right before the first spec are columns too
    // (`Nulmeting Realisatie 2024 Streefwaarde 2025`).
    let first = (0..first_spec)
        .rev()
        .take_while(|&i| measure_at(i))
        .last()
        .unwrap_or(first_spec);
    let mut columns: Vec<Text<'a>> = Vec::new();
    let mut index = first;
    while index < pieces.len() {
        let piece = &pieces[index];
        let starts_spec = spec_at(index);
        let measure = measure_at(index);
        if starts_spec {
            columns.push(Text::new(&text[piece.start..pieces[index + 1].end()]));
            index += 2;
        } else if measure {
            // `… Rekening 2025 Verschil`: a column of its own after the specs.
            columns.push(Text::new(piece.text));
            index += 1;
        } else if piece.cell.is_none() && continue_last(&mut columns, piece.text) {
            index += 1;
        } else {
            return None;
        }
    }
    named(label_before(text, pieces, first), columns)
}

/// `[label] year+`: two years at least, or one after a label.
fn years<'a>(text: &'a str, pieces: &[Piece<'a>]) -> Option<ColumnLine<'a>> {
    let first = pieces.iter().position(|p| year_of(p).is_some())?;
    let years: Vec<&Piece<'a>> = pieces[first..].iter().collect();
    if years.iter().any(|p| year_of(p).is_none()) {
        return None;
    }
    let label = label_before(text, pieces, first);
    if pieces[..first].iter().any(|p| p.cell.is_some()) || (label.is_none() && years.len() < 2) {
        return None;
    }
    Some(ColumnLine {
        label_header: label,
        columns: years.iter().map(|p| Text::new(p.text)).collect(),
        years_only: true,
        by_year: false,
    })
}

/// `[label] Lasten Baten Toevoegingen Onttrekkingen Saldo`: two column words
/// at least (a basis without year counts: `Begroting na wijziging Realisatie
/// Verschil`), a lower-case word continuing the column before it.
fn words<'a>(text: &'a str, pieces: &[Piece<'a>]) -> Option<ColumnLine<'a>> {
    if pieces.iter().any(|p| p.cell.is_some()) {
        return None;
    }
    let is_column_word = |p: &Piece<'_>| {
        p.text.starts_with(char::is_uppercase)
            && (is_word_in(p.text, COLUMN_WORDS) || is_word_in(p.text, BASES))
    };
    let first = pieces.iter().position(is_column_word)?;
    let mut columns: Vec<Text<'a>> = Vec::new();
    for piece in &pieces[first..] {
        if is_column_word(piece) {
            columns.push(Text::new(piece.text));
        } else if !continue_last(&mut columns, piece.text) {
            return None;
        }
    }
    named(label_before(text, pieces, first), columns)
}

/// Pieces a `Jaar …` header has at most: `Jaar` and a column name of a few
/// words, as header cells are; more is a sentence that opens with `Jaar`.
const JAAR_HEADER_PIECES: usize = 7;
/// Letters of a capitalised abbreviation that ends the group before it
/// rather than opening one (`PO`, `VO`, `SO`, `MBO` after `Schoolmaatsch.
/// werk`); a longer word in capitals is a name of its own.
const ABBREVIATION_LETTERS: usize = 3;

/// `Jaar Aantal unieke jeugdigen`: rows labelled by year, one named column.
/// `Jaar` is capitalised and the name short, as header cells are.
fn jaar<'a>(text: &'a str, pieces: &[Piece<'a>]) -> Option<ColumnLine<'a>> {
    let first = pieces.first()?;
    let name = text[first.end()..].trim();
    let header_like = first.text == "Jaar" || first.text == "JAAR";
    if !header_like
        || pieces.len() < 2
        || pieces.len() > JAAR_HEADER_PIECES
        || name.ends_with(['.', ',', ';', ':'])
        || pieces.iter().any(|p| p.cell.is_some())
    {
        return None;
    }
    Some(ColumnLine {
        label_header: Some(Text::new(first.text)),
        columns: vec![Text::new(name)],
        years_only: false,
        by_year: true,
    })
}

/// `POH-jeugd 2018 POH-jeugd 2019 Schoolmaatsch. werk PO 2018 …` and
/// `januari 2019 april 2019 …`: names each followed by a year, where a name
/// repeats (a group over years) or every name is a month.
fn named_years<'a>(text: &'a str, pieces: &[Piece<'a>]) -> Option<ColumnLine<'a>> {
    let mut columns = Vec::new();
    let mut names = Vec::new();
    let mut from = 0;
    for (index, piece) in pieces.iter().enumerate() {
        if year_of(piece).is_none() {
            if piece.cell.is_some() {
                return None;
            }
            continue;
        }
        if index == from {
            return None; // a year without a name
        }
        let name = text[pieces[from].start..pieces[index - 1].end()].trim();
        names.push(name.to_lowercase());
        columns.push(Text::new(&text[pieces[from].start..piece.end()]));
        from = index + 1;
    }
    if from != pieces.len() || columns.len() < 2 {
        return None;
    }
    let months = names.iter().all(|n| MONTHS.contains(&n.as_str()));
    let repeated = names
        .iter()
        .any(|n| names.iter().filter(|m| *m == n).count() > 1);
    let capitalised = pieces[0].text.starts_with(char::is_uppercase);
    (months || (repeated && capitalised)).then_some(ColumnLine {
        label_header: None,
        columns,
        years_only: false,
        by_year: false,
    })
}

/// Splits a group line into `count` groups: a capitalised word starts a
/// group, a short all-capital word (`PO`, `VO`) ends the one before.
pub fn split_groups(text: &str, count: usize) -> Option<Vec<Text<'_>>> {
    let mut groups: Vec<Text<'_>> = Vec::new();
    for word in text.split_whitespace() {
        let abbreviation =
            word.len() <= ABBREVIATION_LETTERS && word.chars().all(|c| c.is_ascii_uppercase());
        let starts = word.starts_with(char::is_uppercase) && !abbreviation;
        match groups.last_mut() {
            Some(group) if !starts => group.push(word),
            _ => groups.push(Text::new(word)),
        }
    }
    (groups.len() == count).then_some(groups)
}

const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Month columns named in lines printed after the rows, in calendar order,
/// with the year when exactly one is named. Such a header is garbled
/// (`juli2019 augustusJanuari april`), so each month is named by the
/// vocabulary's word for it, lower case, the year as printed.
pub fn months_after<'a>(lines: &[&'a str], count: usize) -> Option<Vec<Text<'a>>> {
    let named: Vec<&'static str> = MONTHS
        .iter()
        .copied()
        .filter(|month| lines.iter().any(|line| prints_month(line, month)))
        .collect();
    if named.len() != count {
        return None;
    }
    let mut years: Vec<&'a str> = Vec::new();
    for line in lines {
        for year in four_digit_runs(line) {
            if !years.contains(&year) {
                years.push(year);
            }
        }
    }
    Some(
        named
            .iter()
            .map(|&month| match years.as_slice() {
                [year] => Text::joined([month, *year]),
                _ => Text::new(month),
            })
            .collect(),
    )
}

/// Whether `line` prints `month`, in any case, glued or not.
fn prints_month(line: &str, month: &str) -> bool {
    line.as_bytes()
        .windows(month.len())
        .any(|w| w.eq_ignore_ascii_case(month.as_bytes()))
}

/// The runs of exactly four digits in a line.
fn four_digit_runs(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::line::classify as indicator_kind;
    use crate::parse::table::line::classify_table_line;
    use std::cell::OnceCell;

    proptest::proptest! {
        /// The quick refusal of prose never refuses a column line.
        #[test]
        fn a_refused_label_names_no_columns(
            parts in proptest::collection::vec(
                "(Lasten|Baten|Saldo|Begroting|Jaarrekening|Realisatie|Jaar|JAAR|na|wijziging|de|zorg|Zorg|Iasten|2024|2025\\*|1.300|-|pm|\\(x\\))",
                1..7,
            )
        ) {
            let line = parts.join(" ");
            if !may_be_column_label(&line) {
                let all = crate::parse::cell::pieces(&line);
                let read = specs(&line, &all)
                    .or_else(|| years(&line, &all))
                    .or_else(|| named_years(&line, &all))
                    .or_else(|| words(&line, &all))
                    .or_else(|| jaar(&line, &all));
                proptest::prop_assert_eq!(read, None, "{}", line);
            }
        }
    }

    fn columns(text: &str) -> Option<ColumnLine<'_>> {
        let cache = OnceCell::new();
        let lexeme = Lexeme::new(text, &cache);
        column_line(lexeme, &classify_table_line(lexeme, &indicator_kind(text)))
    }

    #[test]
    fn basis_and_year_specs() {
        let c = columns("Doelstelling Begroting 2022 Begroting 2023 Begroting 2024").unwrap();
        assert_eq!(
            c.label_header.as_ref().map(Text::render).as_deref(),
            Some("Doelstelling")
        );
        assert_eq!(
            c.columns,
            ["Begroting 2022", "Begroting 2023", "Begroting 2024"]
        );
        let c = columns("Programma 2 Samen leven en ondersteunen Jaarrekening 2024 Begroting 2025 Begroting 2026").unwrap();
        assert_eq!(
            c.label_header.as_ref().map(Text::render).as_deref(),
            Some("Programma 2 Samen leven en ondersteunen")
        );
        assert_eq!(c.columns[0], "Jaarrekening 2024");
        let c = columns("Doelstelling Begroting 2023 na wijziging Realisatie 2023").unwrap();
        assert_eq!(
            c.columns,
            ["Begroting 2023 na wijziging", "Realisatie 2023"]
        );
    }

    #[test]
    fn year_columns() {
        let c = columns("Nieuw beleid 2023 2024 2025 2026").unwrap();
        assert_eq!(
            c.label_header.as_ref().map(Text::render).as_deref(),
            Some("Nieuw beleid")
        );
        assert_eq!(c.columns, ["2023", "2024", "2025", "2026"]);
        assert!(c.years_only);
        assert_eq!(
            columns("2015 2016 2017 2018 2019").unwrap().columns.len(),
            5
        );
        assert_eq!(columns("2018 2019 2018 2019").unwrap().columns.len(), 4);
        assert!(columns("2015 3.795").is_none());
        assert!(columns("2024").is_none());
    }

    #[test]
    fn word_columns_and_year_rows() {
        let c = columns("Lasten Baten Toevoegingen Onttrekkingen Saldo").unwrap();
        assert_eq!(c.columns.len(), 5);
        let c = columns("Doelstelling Baten Lasten Saldo").unwrap();
        assert_eq!(
            c.label_header.as_ref().map(Text::render).as_deref(),
            Some("Doelstelling")
        );
        assert_eq!(c.columns, ["Baten", "Lasten", "Saldo"]);
        let c = columns("Programma Begroting na wijziging Realisatie Verschil").unwrap();
        assert_eq!(
            c.columns,
            ["Begroting na wijziging", "Realisatie", "Verschil"]
        );
        let c = columns("Jaar Aantal unieke jeugdigen").unwrap();
        assert!(c.by_year);
        assert_eq!(c.columns, ["Aantal unieke jeugdigen"]);
        assert!(columns("Lasten en baten zijn gestegen").is_none());
        assert!(
            columns(
                "jaar en laten zich daardoor (nog) lastig vergelijken met de opgenomen cijfers"
            )
            .is_none()
        );
        assert!(columns("De Lasten zijn Hoog").is_none());
    }

    #[test]
    fn names_over_years() {
        let c = columns(
            "POH-jeugd 2018 POH-jeugd 2019 Schoolmaatsch. werk PO 2018 Schoolmaatsch. werk PO 2019",
        )
        .unwrap();
        assert_eq!(c.columns[2], "Schoolmaatsch. werk PO 2018");
        let c = columns("januari 2019 april 2019 juli 2019 augustus 2019").unwrap();
        assert_eq!(
            c.columns,
            ["januari 2019", "april 2019", "juli 2019", "augustus 2019"]
        );
        assert!(columns("Tussen 2015 en 2019").is_none());
        assert!(columns("In 2015 en in 2016").is_none());
    }

    #[test]
    fn group_lines_split_on_capitals() {
        assert_eq!(
            split_groups("POH-jeugd Schoolmaatsch. werk PO", 2),
            Some(vec![
                Text::new("POH-jeugd"),
                Text::new("Schoolmaatsch. werk PO")
            ])
        );
        assert_eq!(split_groups("POH-jeugd Schoolmaatsch. werk PO", 3), None);
    }

    #[test]
    fn months_in_calendar_order() {
        let lines = [
            "juli",
            "juli2019 augustusJanuari april",
            "aantallen",
            "2019 augustusJanuari april",
        ];
        assert_eq!(
            months_after(&lines, 4),
            Some(vec![
                Text::new("januari 2019"),
                Text::new("april 2019"),
                Text::new("juli 2019"),
                Text::new("augustus 2019")
            ])
        );
        assert_eq!(months_after(&lines, 5), None);
    }
}
