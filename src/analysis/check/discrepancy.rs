//! `discrepancy`: the same value printed differently in different documents.
//!
//! - indicators: the same key ([`indicator_key`]), municipality, year and
//!   kind (a realisatie in a jaarverslag against the same realisatie
//!   repeated in a later begroting);
//! - tables: the same realised amount ([`amount_facts`]): municipality,
//!   programme or doelstelling, year and measure.
//!
//! A begroting is compared only with one of the same plan: `Begroting PB
//! 2026` names the 2026 budget, a plain `Begroting` the budget of its own
//! year. Targets that a later budget revises are not discrepancies.
//!
//! `22%` and `22,0%` are the same value. A document that itself prints two
//! values for one slot makes the slot ambiguous (two indicators may share a
//! key), and it is left alone rather than guessed at.

use super::{Finding, FindingKind, Source, cell_source, observation_source, quoted};
use crate::analysis::facts::{AmountFact, amount_facts};
use crate::analysis::key::indicator_key;
use crate::model::dutch;
use crate::model::{DocumentRecord, Number, ObservationKind, Scope};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// One printed value that should agree with the others of its slot.
struct Claim {
    /// The slot: claims that must agree share it.
    slot: String,
    /// What the slot is, for a person.
    subject: String,
    /// The value compared, exact (`22%` and `22,0%` are one value).
    value: Decimal,
    /// The value as a person should read it.
    shown: String,
    /// Where it is printed.
    source: Source,
}

/// Every discrepancy between documents.
#[cfg(test)]
pub fn findings(records: &[DocumentRecord]) -> Vec<Finding> {
    let mut claims = Claims::default();
    for record in records {
        claims.add(record);
    }
    claims.findings()
}

/// The claims of the records added so far, by slot: each slot's name
/// and subject are kept once, not with every claim.
#[derive(Default)]
pub struct Claims(BTreeMap<String, Slot>);

/// The claims of one slot.
struct Slot {
    /// The subject of the claim with the first source, for the message.
    subject: String,
    /// That first source.
    first: Source,
    printed: Vec<Printed>,
}

/// One claim, without its slot.
struct Printed {
    value: Decimal,
    shown: String,
    source: Source,
}

impl Claims {
    /// Adds the claims of one record: its indicator values and realised
    /// amounts.
    pub fn add(&mut self, record: &DocumentRecord) {
        let one = std::slice::from_ref(record);
        let amounts = amount_facts(one);
        let claims = indicator_claims(one)
            .into_iter()
            .chain(amounts.iter().filter_map(amount_claim));
        for claim in claims {
            let printed = Printed {
                value: claim.value,
                shown: claim.shown,
                source: claim.source,
            };
            match self.0.get_mut(&claim.slot) {
                Some(slot) => {
                    if printed.source < slot.first {
                        slot.first = printed.source.clone();
                        slot.subject = claim.subject;
                    }
                    slot.printed.push(printed);
                }
                None => {
                    let slot = Slot {
                        subject: claim.subject,
                        first: printed.source.clone(),
                        printed: vec![printed],
                    };
                    self.0.insert(claim.slot, slot);
                }
            }
        }
    }

    /// Every discrepancy among the claims.
    pub fn findings(self) -> Vec<Finding> {
        self.0.into_values().filter_map(disagreement).collect()
    }
}

fn indicator_claims(records: &[DocumentRecord]) -> Vec<Claim> {
    let mut claims = Vec::new();
    for record in records {
        let municipality = record.document.municipality.as_deref().unwrap_or("?");
        for indicator in &record.indicators {
            let key = indicator_key(&indicator.title);
            // A reference (Nederland, the province) is context, never a finding.
            let own = indicator
                .observations
                .iter()
                .filter(|o| o.scope == Scope::Gemeente);
            for observation in own {
                let Some(value) = observation.value.and_then(Number::exact) else {
                    continue;
                };
                let kind = observation.kind.name();
                let plan = match observation.kind {
                    ObservationKind::Begroting | ObservationKind::Streefwaarde => {
                        plan(&observation.label, observation.year)
                    }
                    ObservationKind::Realisatie | ObservationKind::Nulmeting => observation.year,
                };
                claims.push(Claim {
                    slot: format!(
                        "indicator {municipality} {key} {kind} {} plan {plan}",
                        observation.year
                    ),
                    subject: format!(
                        "{municipality}: {}, {kind} {}",
                        quoted(&indicator.title),
                        observation.year
                    ),
                    value,
                    shown: observation.raw.clone(),
                    source: observation_source(record, observation),
                });
            }
        }
    }
    claims
}

/// The budget a begroting comes from: the year its label names
/// (`Begroting PB 2026`), else its own year.
fn plan(label: &str, year: i32) -> i32 {
    label
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .find_map(|w| w.parse().ok())
        .unwrap_or(year)
}

fn amount_claim(fact: &AmountFact<'_>) -> Option<Claim> {
    let municipality = fact.record.document.municipality.as_deref().unwrap_or("?");
    let raw = fact.row.raw.get(fact.column).cloned().unwrap_or_default();
    let shown = if fact.scale == 1 {
        raw
    } else {
        format!("{raw} × {}", dutch(fact.scale as f64, 0))
    };
    let subject = format!(
        "{municipality}: {}, {} realised in {}",
        fact.entity, fact.measure, fact.year
    );
    Some(Claim {
        slot: format!("amount {subject}"),
        subject,
        value: fact.amount()?,
        shown,
        source: cell_source(fact.record, fact.table, fact.row, fact.column),
    })
}

fn disagreement(slot: Slot) -> Option<Finding> {
    let Slot {
        subject,
        printed: mut claims,
        ..
    } = slot;
    claims.sort_by(|a, b| a.source.cmp(&b.source));
    // Distinct values in order of first appearance, each with the documents
    // printing it; a document printing two values makes the slot ambiguous.
    let mut values: Vec<(Decimal, &str, Vec<&str>)> = Vec::new();
    let mut value_at: HashMap<Decimal, usize> = HashMap::new();
    let mut printing: HashMap<&str, usize> = HashMap::new();
    let mut ambiguous = false;
    for claim in &claims {
        let next = values.len();
        let at = *value_at.entry(claim.value.normalize()).or_insert(next);
        if at == next {
            values.push((claim.value, &claim.shown, Vec::new()));
        }
        let path = claim.source.path.as_str();
        match printing.get(path) {
            Some(&value) => ambiguous |= value != at,
            None => {
                printing.insert(path, at);
                values[at].2.push(path);
            }
        }
    }
    if values.len() < 2 || ambiguous {
        return None;
    }
    let printed: Vec<String> = values
        .iter()
        .map(|(_, shown, paths)| format!("{shown} in {}", documents_named(paths)))
        .collect();
    Some(Finding {
        kind: FindingKind::Discrepancy,
        message: format!("{subject}: printed as {}", printed.join("; ")),
        sources: claims.into_iter().map(|c| c.source).collect(),
    })
}

/// Documents a message names for one value; beyond them it counts them
/// (the finding's sources, one per line, name every one), so a value
/// printed in hundreds of reports keeps the message one line.
const NAMED_DOCUMENTS: usize = 3;

/// `a.txt and b.txt`, or `120 documents (a.txt, b.txt, c.txt, …)`.
fn documents_named(paths: &[&str]) -> String {
    if paths.len() <= NAMED_DOCUMENTS {
        return paths.join(" and ");
    }
    format!(
        "{} documents ({}, …)",
        paths.len(),
        paths[..NAMED_DOCUMENTS].join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, Location, Number, Observation, Unit};

    #[test]
    fn a_message_counts_what_it_cannot_name() {
        assert_eq!(documents_named(&["a.txt", "b.pdf"]), "a.txt and b.pdf");
        let many: Vec<String> = (0..500).map(|i| format!("report-{i}.txt")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let named = documents_named(&many);
        assert!(
            named.starts_with("500 documents (report-0.txt, "),
            "{named}"
        );
        assert!(named.len() < 80, "{named}");
    }

    #[test]
    fn a_begroting_names_its_plan() {
        assert_eq!(plan("Begroting PB 2026", 2027), 2026);
        assert_eq!(plan("Begroting", 2024), 2024);
        assert_eq!(plan("Begroting 2023", 2023), 2023);
    }

    fn budget(path: &str, label: &str, year: i32, value: i64) -> DocumentRecord {
        let mut record = crate::extract::extract_text(path, b"");
        record.document.municipality = Some("Zoetermeer".to_owned());
        record.indicators.push(Indicator {
            title: "Aantal meldingen bij Veilig Thuis".to_owned(),
            title_raw: String::new(),
            doelstelling: None,
            description: None,
            sources: Vec::new(),
            unit: Unit::Number,
            observations: vec![Observation {
                year,
                kind: ObservationKind::Begroting,
                label: label.to_owned(),
                value: Some(Number::integer(value)),
                raw: value.to_string(),
                line: 1,
                page: None,
                scope: Default::default(),
                scope_label: None,
                period: None,
            }],
            goal_met: None,
            goal_line: None,
            explanation: None,
            unit_text: None,
            code: None,
            bbv: false,
            table: None,
            location: Location {
                line_start: 1,
                line_end: 1,
                page: None,
            },
            warnings: Vec::new(),
        });
        record
    }

    #[test]
    fn a_slot_printed_in_many_documents_costs_linear_time() {
        // 20,000 documents print one value, one prints another: before,
        // each claim looked through every document of its value (20,000²
        // string comparisons, minutes in a debug build).
        let mut claims = Claims::default();
        for n in 0..20_000 {
            claims.add(&budget(&format!("b{n}.txt"), "Begroting", 2027, 1000));
        }
        claims.add(&budget("z.txt", "Begroting", 2027, 1001));
        let started = std::time::Instant::now();
        let found = claims.findings();
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].sources.len(), 20_001);
        assert!(
            found[0]
                .message
                .contains("20000 documents (b0.txt, b1.txt, b10.txt, …)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_revised_target_is_no_discrepancy_but_a_changed_one_is() {
        let revised = [
            budget("b2026.txt", "Begroting PB 2026", 2027, 1000),
            budget("b2027.txt", "Begroting PB 2027", 2027, 1100),
        ];
        assert!(findings(&revised).is_empty());
        let changed = [
            budget("b2027.txt", "Begroting PB 2027", 2027, 1100),
            budget("j2027.txt", "Begroting", 2027, 1000),
        ];
        assert_eq!(findings(&changed).len(), 1);
    }
}
