//! kengetal turns published Dutch municipal reports into a normalised dataset.
//!
//! The data flows one way, each stage its own module:
//!
//! ```text
//! ingest ─→ clean ─→ parse ─→ normalise ─→ model ─→ output
//! (bytes →   (OCR      (nom       (numbers,    (serde     (json,
//!  lines)    repair)   grammars)  units, text)  types)     jsonl)
//! ```
//!
//! [`extract`] runs the stages for one document; [`pipeline`] runs many in
//! parallel; [`cli`] is the command line. See `ARCHITECTURE.md` for the map
//! and `grammars/` for the grammars in plain words.

pub mod analysis;
pub mod cache;
pub mod clean;
pub mod cli;
pub mod delivery;
pub mod diagnostic;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod normalise;
pub mod output;
pub mod panic;
pub mod parse;
pub mod pipeline;
pub mod worker;
