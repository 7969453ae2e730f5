//! `implausible`: a value that breaks sharply from the rest of its series,
//! flagged as a possible OCR or typing error (`70%` for 2023, then `1%`).
//!
//! A series is one indicator key of one municipality, over every document.
//! A value is compared with its neighbours: the same kind's nearest earlier
//! and later years, and the other kind of the same year. It is flagged when
//! at least two neighbours are printed, they agree with each other within
//! a factor 3, and the value is at least 10 times smaller, or larger, than
//! every one of them. Zeros and changes of sign are never flagged: they may
//! be real.

use super::{Finding, FindingKind, Source, observation_source, quoted};
use crate::analysis::key::indicator_key;
use crate::model::{DocumentRecord, Number, ObservationKind, Scope};
use std::collections::{BTreeMap, HashMap};

/// How far a value must be from every neighbour.
const BREAK: f64 = 10.0;
/// How close the neighbours must be to each other.
const AGREEMENT: f64 = 3.0;

/// One distinct value in a series slot, with every place printing it.
struct Point {
    number: Number,
    raw: String,
    title: String,
    sources: Vec<Source>,
}

/// A value as compared: exact when it can be (`22%` and `22,0%` are one
/// value), else the printed float's bits.
#[derive(PartialEq, Eq, Hash)]
enum ValueKey {
    Exact(rust_decimal::Decimal),
    Float(u64),
}

fn value_key(number: Number) -> ValueKey {
    match number.exact() {
        Some(exact) => ValueKey::Exact(exact.normalize()),
        None => ValueKey::Float(number.value.to_bits()),
    }
}

/// The distinct values printed for one (kind, year), found by value.
#[derive(Default)]
struct Slot {
    points: Vec<Point>,
    index: HashMap<ValueKey, usize>,
}

/// (kind, year) → the distinct values printed for it.
type Series = BTreeMap<(ObservationKind, i32), Slot>;

/// The series of the records added so far: one per municipality and
/// indicator key, over every document.
#[derive(Default)]
pub struct Collected {
    all: BTreeMap<(String, String), Series>,
}

impl Collected {
    /// Adds the observations of one record to their series.
    pub fn add(&mut self, record: &DocumentRecord) {
        let municipality = record.document.municipality.clone().unwrap_or_default();
        for indicator in &record.indicators {
            let key = indicator_key(&indicator.title);
            let series = self.all.entry((municipality.clone(), key)).or_default();
            // A reference (Nederland, the province) is context, never a finding.
            let own = indicator
                .observations
                .iter()
                .filter(|o| o.scope == Scope::Gemeente);
            for observation in own {
                let Some(value) = observation.value else {
                    continue;
                };
                let source = observation_source(record, observation);
                let slot = series
                    .entry((observation.kind, observation.year))
                    .or_default();
                let next = slot.points.len();
                let at = *slot.index.entry(value_key(value)).or_insert(next);
                if at == next {
                    slot.points.push(Point {
                        number: value,
                        raw: observation.raw.clone(),
                        title: indicator.title.clone(),
                        sources: vec![source],
                    });
                } else {
                    slot.points[at].sources.push(source);
                }
            }
        }
    }

    /// Every sharply breaking value of the series collected.
    pub fn findings(self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for series in self.all.values() {
            for (&(kind, year), slot) in series {
                for point in &slot.points {
                    findings.extend(finding(series, kind, year, point));
                }
            }
        }
        findings
    }
}

/// The one value of a slot; none when the slot is empty or disputed.
fn single(series: &Series, kind: ObservationKind, year: i32) -> Option<(&Point, String)> {
    match series.get(&(kind, year))?.points.as_slice() {
        [point] => Some((point, format!("{} {year}", kind.name()))),
        _ => None,
    }
}

fn neighbours(series: &Series, kind: ObservationKind, year: i32) -> Vec<(&Point, String)> {
    // The nearest years of the kind, found in the ordered slots.
    let earlier = series
        .range((kind, i32::MIN)..(kind, year))
        .next_back()
        .map(|(&(_, y), _)| y);
    let later = series
        .range((kind, year.saturating_add(1))..=(kind, i32::MAX))
        .next()
        .map(|(&(_, y), _)| y)
        .filter(|&y| y > year);
    // A plan's neighbour is the realised value of its year, and back.
    let other = match kind {
        ObservationKind::Begroting | ObservationKind::Streefwaarde => ObservationKind::Realisatie,
        ObservationKind::Realisatie | ObservationKind::Nulmeting => ObservationKind::Begroting,
    };
    [
        earlier.and_then(|y| single(series, kind, y)),
        later.and_then(|y| single(series, kind, y)),
        single(series, other, year),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn breaks_from(value: f64, neighbours: &[(&Point, String)]) -> bool {
    let sizes: Vec<f64> = neighbours
        .iter()
        .map(|(p, _)| p.number.value.abs())
        .collect();
    let same_sign = neighbours
        .iter()
        .all(|(p, _)| p.number.value != 0.0 && p.number.value.signum() == value.signum());
    if value == 0.0 || sizes.len() < 2 || !same_sign {
        return false;
    }
    let (low, high) = sizes
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(l, h), &s| (l.min(s), h.max(s)));
    let agree = high <= low * AGREEMENT;
    let size = value.abs();
    agree && (low >= size * BREAK || high * BREAK <= size)
}

fn finding(series: &Series, kind: ObservationKind, year: i32, point: &Point) -> Option<Finding> {
    let neighbours = neighbours(series, kind, year);
    if !breaks_from(point.number.value, &neighbours) {
        return None;
    }
    let quoted_neighbours: Vec<String> = neighbours
        .iter()
        .map(|(p, what)| format!("{} ({what})", p.raw))
        .collect();
    let message = format!(
        "{}: {} {year} is printed as {}, while {} — possibly an OCR or typing error",
        quoted(&point.title),
        kind.name(),
        point.raw,
        match quoted_neighbours.as_slice() {
            [one, two] => format!("its neighbours are {one} and {two}"),
            many => format!("its neighbours are {}", many.join(", ")),
        },
    );
    let mut sources = point.sources.clone();
    for (neighbour, _) in &neighbours {
        sources.extend(neighbour.sources.iter().cloned());
    }
    Some(Finding {
        kind: FindingKind::Implausible,
        message,
        sources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(value: f64) -> Point {
        Point {
            number: Number { value, decimals: 0 },
            raw: value.to_string(),
            title: "t".to_owned(),
            sources: Vec::new(),
        }
    }

    fn breaks(value: f64, neighbours: &[f64]) -> bool {
        let points: Vec<Point> = neighbours.iter().map(|&v| point(v)).collect();
        let refs: Vec<(&Point, String)> = points.iter().map(|p| (p, String::new())).collect();
        breaks_from(value, &refs)
    }

    #[test]
    fn a_sharp_break_from_agreeing_neighbours() {
        assert!(breaks(1.0, &[70.0, 69.0]));
        assert!(breaks(7000.0, &[70.0, 69.0, 72.0]));
        assert!(breaks(-1.0, &[-70.0, -40.0]));
    }

    #[test]
    fn not_a_break() {
        // Under ten times.
        assert!(!breaks(8.0, &[70.0, 69.0]));
        // One neighbour is not enough.
        assert!(!breaks(1.0, &[70.0]));
        // Neighbours that disagree: a real jump.
        assert!(!breaks(2.0, &[25.0, 200.0]));
        // Between the neighbours.
        assert!(!breaks(30.0, &[2.0, 500.0]));
        // Zeros and changes of sign may be real.
        assert!(!breaks(0.0, &[70.0, 69.0]));
        assert!(!breaks(1.0, &[0.0, 69.0]));
        assert!(!breaks(-1.0, &[70.0, 69.0]));
    }
}
