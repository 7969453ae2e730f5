//! An indicator block becomes an [`Indicator`]: one observation per printed
//! value, texts without layout, the unit its cells (or its title) state.

use super::number::{cell_unit, read_value};
use super::text::{clean_title, join_lines};
use crate::diagnostic::Warning;
use crate::model::{Indicator, Location, Observation, ObservationKind, PrintedLine, Scope, Unit};
use crate::parse::indicator::IndicatorBlock;
use crate::parse::indicator::table::ValueTable;
use crate::parse::line::RowKind;

/// The lines a block was recognised in.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a> {
    /// Cleaned lines, as the grammars saw them.
    pub cleaned: &'a [&'a str],
    /// Lines as printed.
    pub printed: &'a [&'a str],
    /// Page of each line, when known.
    pub pages: &'a [Option<u32>],
}

impl Lines<'_> {
    /// The page of a line (0-based index), when known.
    pub fn page(&self, index: usize) -> Option<u32> {
        self.pages.get(index).copied().flatten()
    }

    /// Sets the page of every warning from its line.
    pub fn paginate(&self, warnings: &mut [Warning]) {
        for warning in warnings {
            if let Some(line) = warning.line {
                warning.page = self.page(line.saturating_sub(1));
            }
        }
    }
}

/// Builds the indicator of a recognised block.
pub fn indicator(block: &IndicatorBlock<'_>, lines: Lines<'_>) -> Indicator {
    let mut warnings = block.warnings.clone();
    let (title, title_raw) = title(block, lines);
    let mut observations = Vec::new();
    let mut units = Vec::new();
    if let Some(table) = &block.table {
        warnings.extend(table.warnings.iter().cloned());
        observations = read_observations(table, lines, &mut units, &mut warnings);
    }
    let unit = unit(
        &title,
        &observations,
        &units,
        block.first_line + 1,
        &mut warnings,
    );
    let description = (!block.description.is_empty())
        .then(|| join_lines(block.description.iter().map(|&i| lines.cleaned[i])));
    let explanation = explanation(block);
    warnings.sort_by_key(|w| w.line);
    lines.paginate(&mut warnings);
    Indicator {
        title,
        title_raw,
        doelstelling: block.doelstelling.map(str::to_owned),
        description,
        sources: block.sources.iter().map(|(_, s)| (*s).to_owned()).collect(),
        unit,
        observations,
        goal_met: block.trailer.goal.and_then(|(_, goal)| goal.met),
        goal_line: block.trailer.goal.map(|(index, _)| PrintedLine {
            line: index + 1,
            page: lines.page(index),
            raw: lines.printed[index].trim_end().to_owned(),
        }),
        explanation,
        unit_text: None,
        code: None,
        bbv: false,
        table: None,
        location: Location {
            line_start: block.first_line + 1,
            line_end: block.last_line + 1,
            page: lines.page(block.first_line),
        },
        warnings,
    }
}

fn title(block: &IndicatorBlock<'_>, lines: Lines<'_>) -> (String, String) {
    let Some(found) = &block.title else {
        return (String::new(), String::new());
    };
    let last = *found.lines.last().expect("a title has a line");
    let cleaned: Vec<&str> = found
        .lines
        .iter()
        .map(|&i| {
            let line = lines.cleaned[i];
            match (i == last, found.suffix_year) {
                (true, Some(_)) => line.rfind('(').map_or(line, |at| &line[..at]),
                _ => line,
            }
        })
        .collect();
    let title = clean_title(&join_lines(cleaned));
    let printed = join_lines(found.lines.iter().map(|&i| lines.printed[i]));
    (title, printed)
}

fn read_observations(
    table: &ValueTable<'_>,
    lines: Lines<'_>,
    units: &mut Vec<Unit>,
    warnings: &mut Vec<Warning>,
) -> Vec<Observation> {
    let mut observations = Vec::new();
    for row in &table.rows {
        for (column, slot) in table.columns.iter().zip(&row.cells) {
            let Some(placed) = slot else { continue };
            let Some(lex) = placed.piece.cell else {
                continue;
            };
            let value = read_value(
                &lex,
                placed.piece.text,
                placed.line + 1,
                || format!("{} {}", row.label, column.year),
                warnings,
            );
            units.extend(cell_unit(&lex));
            observations.push(Observation {
                year: column.year,
                kind: observation_kind(row.kind),
                label: row.label.to_owned(),
                value,
                raw: placed.piece.text.to_owned(),
                line: placed.line + 1,
                page: lines.page(placed.line),
                scope: Scope::Gemeente,
                scope_label: None,
                period: None,
            });
        }
    }
    observations
}

/// The unit the cells' marks state (`%` before `€`); without marks, the
/// unit the title states, with a warning when values depend on it.
fn unit(
    title: &str,
    observations: &[Observation],
    marks: &[Unit],
    line: usize,
    warnings: &mut Vec<Warning>,
) -> Unit {
    if marks.contains(&Unit::Percent) {
        return Unit::Percent;
    }
    if marks.contains(&Unit::Euro) {
        return Unit::Euro;
    }
    let Some(unit) = title_unit(title) else {
        return Unit::Number;
    };
    if observations.iter().any(|o| o.value.is_some()) {
        let name = if unit == Unit::Percent {
            "percentages"
        } else {
            "euro amounts"
        };
        warnings.push(Warning::at(
            "unit-from-title",
            line,
            format!("the values carry no unit sign; the title states they are {name}"),
        ));
    }
    unit
}

/// `% Klanten …`, `Percentage …` → percent; `Gemiddeld budget …`, `Kosten …`, `€` → euro.
pub fn title_unit(title: &str) -> Option<Unit> {
    let lower = title.to_lowercase();
    let has_word = |stems: &[&str]| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| stems.iter().any(|stem| word.starts_with(stem)))
    };
    if title.starts_with('%') || has_word(&["percentage", "procent"]) {
        Some(Unit::Percent)
    } else if lower.contains('€') || has_word(&["budget", "kosten", "bedrag", "euro", "uitgave"])
    {
        Some(Unit::Euro)
    } else {
        None
    }
}

fn explanation(block: &IndicatorBlock<'_>) -> Option<String> {
    let paragraphs: Vec<String> = block
        .trailer
        .explanation
        .iter()
        .map(|paragraph| join_lines(paragraph.iter().map(|(_, text)| *text)))
        .filter(|p| !p.is_empty())
        .collect();
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n"))
}

/// The model's kind for a value row's keyword.
fn observation_kind(kind: RowKind) -> ObservationKind {
    match kind {
        RowKind::Begroting => ObservationKind::Begroting,
        RowKind::Realisatie => ObservationKind::Realisatie,
        RowKind::Streefwaarde => ObservationKind::Streefwaarde,
    }
}

/// A `Toelichting` that repeats the previous block's word for word is
/// usually a copy-paste slip in the report: worth a journalist's look.
pub fn flag_repeated_explanations(indicators: &mut [Indicator]) {
    for index in 1..indicators.len() {
        let (before, after) = indicators.split_at_mut(index);
        let (previous, current) = (&before[index - 1], &mut after[0]);
        if current.explanation.is_some() && current.explanation == previous.explanation {
            current.warnings.push(Warning {
                page: current.location.page,
                ..Warning::at(
                    "explanation-repeated",
                    current.location.line_start,
                    format!(
                        "the Toelichting repeats that of the previous block \"{}\" word for word",
                        previous.title
                    ),
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_stated_by_titles() {
        assert_eq!(title_unit("% Vrijwilligers"), Some(Unit::Percent));
        assert_eq!(
            title_unit("Percentage jeugdigen met jeugdhulp"),
            Some(Unit::Percent)
        );
        assert_eq!(
            title_unit("Gemiddeld budget maatwerkondersteuning per klant"),
            Some(Unit::Euro)
        );
        assert_eq!(title_unit("Aantal meldingen bij Veilig Thuis"), None);
        assert_eq!(title_unit("Coëfficiënt voor eenzaamheid"), None);
    }
}
