//! Read: turn an input file into numbered lines of text.
//!
//! Only this stage reads files. Everything downstream sees a [`Document`]:
//! plain lines, each with its 1-based line number and, where known, its page.

pub mod discover;
pub mod pdf;
pub mod pdf_check;
pub mod pdf_columns;
pub mod text;

use crate::diagnostic::Warning;
use crate::model::SourceFormat;

/// One line of extracted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line as extracted, without its line break.
    pub text: String,
    /// Page of the line (1-based), when the source has pages.
    pub page: Option<u32>,
}

/// The text of one input file, split into lines.
///
/// Invariant: `lines[i]` is line number `i + 1` of the extracted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The lines, in order.
    pub lines: Vec<Line>,
    /// How the text was obtained.
    pub format: SourceFormat,
    /// Page count, when the source has pages.
    pub pages: Option<u32>,
    /// Problems met while reading.
    pub warnings: Vec<Warning>,
}
