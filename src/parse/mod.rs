//! Recognise: nom grammars that find blocks in cleaned lines.
//!
//! Parsing is pure: lines in, blocks with line indices out; no I/O. Each
//! block kind has its grammar in a module of its own, documented in
//! `grammars/`; the pieces they share (cells, OCR-tolerant keywords, nom over
//! lines) live beside them.

pub mod cell;
pub mod figure;
pub mod fold;
pub mod indicator;
pub mod line;
pub mod metadata;
pub mod page_number;
pub mod recognise;
pub mod table;
pub mod text;
pub mod tokens;
pub mod vocabulary;

pub use recognise::{Recognised, recognise};

/// Where a line stands: its page, and how far it was indented before
/// cleaning trimmed it (layout-preserving text keeps a cell's column).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Placement {
    /// Page of the line, when known.
    pub page: Option<u32>,
    /// Leading spaces of the line as extracted.
    pub indent: usize,
}

/// Joins lines into one line of text, whitespace collapsed.
pub fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for word in lines.into_iter().flat_map(str::split_whitespace) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
