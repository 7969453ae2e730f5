//! A record on its way to the writer: its compact JSON and the counts the
//! summary line needs, so the parent process passes a worker's record on
//! without parsing it again.

use crate::cache::Provenance;
use crate::model::DocumentRecord;

/// What the summary line counts of one record.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// PDF pages.
    pub pages: u64,
    /// Indicator blocks.
    pub indicators: usize,
    /// Tables.
    pub tables: usize,
    /// Warnings at every level.
    pub warnings: usize,
    /// The record has an `error`.
    pub failed: bool,
    /// Figures the census counted.
    pub figures: usize,
    /// Of them, not read.
    pub unread: usize,
}

impl Counts {
    /// The counts of `record`.
    pub fn of(record: &DocumentRecord) -> Counts {
        Counts {
            pages: u64::from(record.source.pages.unwrap_or(0)),
            indicators: record.indicators.len(),
            tables: record.tables.len(),
            warnings: record.warnings.len()
                + record
                    .indicators
                    .iter()
                    .map(|i| i.warnings.len())
                    .sum::<usize>()
                + record
                    .tables
                    .iter()
                    .map(|t| t.warnings.len())
                    .sum::<usize>(),
            failed: record.error.is_some(),
            figures: record.coverage.figures,
            unread: record.coverage.unread,
        }
    }

    /// The share of the record's figures read, in percent (100 without figures).
    pub fn coverage_percent(&self) -> f64 {
        if self.figures == 0 {
            100.0
        } else {
            (self.figures - self.unread) as f64 * 100.0 / self.figures as f64
        }
    }

    /// `pages,indicators,tables,warnings,failed,figures,unread` for the worker protocol.
    pub fn encode(&self) -> String {
        format!(
            "{},{},{},{},{},{},{}",
            self.pages,
            self.indicators,
            self.tables,
            self.warnings,
            u8::from(self.failed),
            self.figures,
            self.unread
        )
    }

    /// Reads [`Counts::encode`]'s form.
    pub fn decode(text: &str) -> Option<Counts> {
        let mut fields = text.split(',');
        let mut next = || fields.next()?.parse::<u64>().ok();
        let counts = Counts {
            pages: next()?,
            indicators: usize::try_from(next()?).ok()?,
            tables: usize::try_from(next()?).ok()?,
            warnings: usize::try_from(next()?).ok()?,
            failed: match next()? {
                0 => false,
                1 => true,
                _ => return None,
            },
            figures: usize::try_from(next()?).ok()?,
            unread: usize::try_from(next()?).ok()?,
        };
        fields.next().is_none().then_some(counts)
    }
}

/// One document's record, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    /// The record as compact JSON on one line.
    pub json: String,
    /// Its counts.
    pub counts: Counts,
    /// Parsed now or taken from the cache.
    pub provenance: Provenance,
}

impl Delivered {
    /// A record made in this process.
    pub fn new(record: &DocumentRecord, provenance: Provenance) -> Delivered {
        Delivered {
            json: serde_json::to_string(record).expect("records always serialise"),
            counts: Counts::of(record),
            provenance,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_survive_the_protocol() {
        let counts = Counts {
            pages: 300,
            indicators: 12,
            tables: 4,
            warnings: 7,
            failed: true,
            figures: 1200,
            unread: 13,
        };
        assert_eq!(Counts::decode(&counts.encode()), Some(counts));
        for wrong in [
            "",
            "1,2,3,4",
            "1,2,3,4,2,5,0",
            "1,2,3,4,0,5",
            "1,2,3,4,0,5,1,1",
            "a,2,3,4,0,1,1",
        ] {
            assert_eq!(Counts::decode(wrong), None, "{wrong}");
        }
    }
}
