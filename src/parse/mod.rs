//! Recognise: nom grammars that find blocks in cleaned lines.
//!
//! Parsing is pure: lines in, blocks with line indices out; no I/O. Each
//! block kind has its grammar in a module of its own, documented in
//! `grammars/`; the pieces they share (cells, OCR-tolerant keywords, nom over
//! lines) live beside them.

pub mod cell;
pub mod fold;
pub mod indicator;
pub mod metadata;
pub mod table;
pub mod tokens;
