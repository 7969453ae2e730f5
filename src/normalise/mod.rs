//! Normalise: turn recognised blocks into the dataset's values.
//!
//! Numbers are read the Dutch way ([`number`]), titles and texts are cleaned
//! of layout ([`text`]), and indicator blocks become [`crate::model::Indicator`]s
//! ([`indicator`]). Nothing here reads files or looks at lines that the
//! grammars did not hand over.

pub mod census;
pub mod checks;
pub mod indicator;
pub mod indicator_table;
pub mod metadata;
pub mod number;
pub mod table;
pub mod text;
