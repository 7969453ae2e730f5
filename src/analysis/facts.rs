//! Realised amounts of financial tables, named so that two reports can be
//! compared: which programme or doelstelling, which year, which measure.
//!
//! A cell is a realised amount when its column says so (`Rekening 2021`,
//! `Jaarrekening 2024`, `Realisatie 2024`), or when its column is a measure
//! (`Lasten`, `Baten`, `Saldo` …) in a table of realised figures: in a
//! jaarverslag, or under a header naming the `Jaarrekening`. The measure is
//! the column's name or else the row's; the entity is
//!
//! - the programme, for a row that is itself a measure (`Lasten` in
//!   `Financieel samengevat`) or a programme total (`TOTAAL PROGRAMMA`);
//! - the doelstelling, for a row ending in its number (`… jeugdhulp (2.1)`);
//! - otherwise the row's label, keyed like an indicator title.
//!
//! Budgets (`Begroting 2026`) are left out: a later budget legitimately
//! differs from an earlier one for the same year.

use super::key::indicator_key;
use crate::clean::fold::fold;
use crate::clean::vocabulary::{AMOUNT_MEASURES, REALISED_BASES, REALISED_WORDS, YEARS};
use crate::model::{DocumentKind, DocumentRecord, Number, Row, RowRole, Table};
use rust_decimal::Decimal;

/// One realised amount, with where it is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct AmountFact<'a> {
    /// What the amount is about, e.g. `programma 2`, `doelstelling 2.1`.
    pub entity: String,
    /// The year it was realised in.
    pub year: i32,
    /// `lasten`, `baten`, `saldo`, `gerealiseerd saldo`, `toevoegingen`,
    /// `onttrekkingen` or `mutaties reserves`.
    pub measure: &'static str,
    /// The printed value.
    pub value: Number,
    /// The table's multiplier.
    pub scale: i64,
    /// The record it stands in.
    pub record: &'a DocumentRecord,
    /// Its table.
    pub table: &'a Table,
    /// Its row.
    pub row: &'a Row,
    /// Index of its column.
    pub column: usize,
}

impl AmountFact<'_> {
    /// `value × scale`, exact; `None` beyond what a decimal holds.
    pub fn amount(&self) -> Option<Decimal> {
        self.value.exact()?.checked_mul(Decimal::from(self.scale))
    }
}

/// The measure a label or header names, if it names one.
pub fn measure(text: &str) -> Option<&'static str> {
    let folded = fold(text.trim());
    let folded = folded.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    AMOUNT_MEASURES.iter().find_map(|&name| {
        let rest = folded.strip_prefix(name)?;
        let whole = rest.is_empty()
            || (name == "gerealiseerd saldo" && rest.starts_with(' '))
            || rest.starts_with(" (");
        whole.then_some(name)
    })
}

/// `Jaarrekening 2024` → 2024; budget columns give `None`.
fn realised_column(header: &str) -> Option<i32> {
    let mut words = header.split_whitespace();
    let basis = fold(words.next()?);
    let year = words.next()?;
    let realised = REALISED_BASES.contains(&basis.as_str());
    let year = year.parse::<i32>().ok().filter(|y| YEARS.contains(y))?;
    (realised && words.next().is_none()).then_some(year)
}

/// The year of a table of realised figures, when the table is one.
fn realised_table(record: &DocumentRecord, table: &Table) -> Option<i32> {
    let header: Vec<&str> = table
        .notes
        .iter()
        .map(String::as_str)
        .chain(table.label_header.as_deref())
        .chain([table.title.as_str()])
        .collect();
    let names_realised = header.iter().any(|text| {
        let text = fold(text);
        REALISED_WORDS.iter().any(|w| text.contains(w))
    });
    if !names_realised && record.document.kind != Some(DocumentKind::Jaarverslag) {
        return None;
    }
    let printed_year = header
        .iter()
        .flat_map(|text| text.split(|c: char| !c.is_ascii_digit()))
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| YEARS.contains(y));
    printed_year.or(record.document.year)
}

/// `Programma 2 Samen leven …` → `programma 2`.
fn programme_key(name: &str) -> Option<String> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    if !first.eq_ignore_ascii_case("programma") {
        return None;
    }
    match words.next() {
        Some(number)
            if number
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.') =>
        {
            Some(format!("programma {}", number.trim_end_matches('.')))
        }
        _ => Some(format!("programma {}", indicator_key(name))),
    }
}

fn programme(record: &DocumentRecord, table: &Table) -> Option<String> {
    table
        .label_header
        .as_deref()
        .and_then(programme_key)
        .or_else(|| table.notes.iter().find_map(|n| programme_key(n)))
        .or_else(|| record.document.programme.as_deref().and_then(programme_key))
}

/// `… jeugdhulp (2.1)` → `doelstelling 2.1`.
fn doelstelling(label: &str) -> Option<String> {
    let inner = label.trim_end().strip_suffix(')')?;
    let code = &inner[inner.rfind('(')? + 1..];
    let is_code = code.contains('.')
        && code
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    is_code.then(|| format!("doelstelling {code}"))
}

fn row_entity(record: &DocumentRecord, table: &Table, row: &Row) -> Option<String> {
    let label = row.label.trim().to_lowercase();
    if row.role == RowRole::Total && (label.starts_with("totaal programma") || label == "totaal") {
        return programme(record, table);
    }
    doelstelling(&row.label).or_else(|| {
        let key = indicator_key(&row.label);
        (!key.is_empty()).then_some(key)
    })
}

/// Every realised amount of every financial table in the records.
pub fn amount_facts(records: &[DocumentRecord]) -> Vec<AmountFact<'_>> {
    let mut facts = Vec::new();
    for record in records {
        for table in &record.tables {
            table_facts(record, table, &mut facts);
        }
    }
    facts
}

fn table_facts<'a>(record: &'a DocumentRecord, table: &'a Table, facts: &mut Vec<AmountFact<'a>>) {
    let table_year = realised_table(record, table);
    for row in table.rows.iter().filter(|r| r.role != RowRole::Parent) {
        let row_measure = measure(&row.label);
        for (column, header) in table.columns.iter().enumerate() {
            let Some(value) = row.values.get(column).copied().flatten() else {
                continue;
            };
            let column_measure = measure(header);
            let slot = match (realised_column(header), column_measure, row_measure) {
                (Some(year), None, Some(measure)) => {
                    programme(record, table).map(|entity| (entity, year, measure))
                }
                (None, Some(measure), _) => table_year
                    .and_then(|year| row_entity(record, table, row).map(|e| (e, year, measure))),
                _ => None,
            };
            if let Some((entity, year, measure)) = slot {
                facts.push(AmountFact {
                    entity,
                    year,
                    measure,
                    value,
                    scale: table.scale,
                    record,
                    table,
                    row,
                    column,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_measures_and_nothing_else() {
        assert_eq!(measure("Lasten"), Some("lasten"));
        assert_eq!(measure("Saldo"), Some("saldo"));
        assert_eq!(
            measure("Gerealiseerd saldo van baten en lasten"),
            Some("gerealiseerd saldo")
        );
        assert_eq!(measure("Mutaties reserves"), Some("mutaties reserves"));
        assert_eq!(measure("Saldo per doelstelling"), None);
        assert_eq!(measure("Lastenverlichting"), None);
        assert_eq!(measure("2026"), None);
    }

    #[test]
    fn realised_columns_only() {
        assert_eq!(realised_column("Jaarrekening 2024"), Some(2024));
        assert_eq!(realised_column("Rekening 2021"), Some(2021));
        assert_eq!(realised_column("Realisatie 2019"), Some(2019));
        assert_eq!(realised_column("Begroting 2026"), None);
        assert_eq!(realised_column("Jaarrekening"), None);
    }

    #[test]
    fn programmes_and_doelstellingen() {
        assert_eq!(
            programme_key("Programma 2 Samen leven en ondersteunen").as_deref(),
            Some("programma 2")
        );
        assert_eq!(programme_key("Financiën"), None);
        assert_eq!(
            doelstelling("Bevorderen vroegtijdige … jeugdhulp (2.1)").as_deref(),
            Some("doelstelling 2.1")
        );
        assert_eq!(doelstelling("Wv < 27 jaar (excl. x)"), None);
    }
}
