//! Analyse: datasets in, series and findings out.
//!
//! ```text
//! dataset ─→ key ─→ series     (one tidy row per observation or table cell)
//!                └→ check      (findings, each citing its sources)
//! ```
//!
//! Reads what `kengetal extract` wrote; never reads reports, never changes
//! a value.

pub mod check;
pub mod dataset;
pub mod facts;
pub mod key;
pub mod series;
