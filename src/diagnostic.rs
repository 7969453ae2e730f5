//! Warnings: the one way every stage reports a problem it survived.
//!
//! Invariant: a stage never drops a block or a value without leaving a
//! [`Warning`] that names it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A problem a person should know about, with the line it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// Stable kebab-case code, e.g. `values-missing`.
    pub code: String,
    /// One sentence a person understands.
    pub message: String,
    /// 1-based line of the extracted text, when the problem has one.
    pub line: Option<usize>,
    /// Page of that line, for PDFs and paged text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl Warning {
    /// A warning tied to one line (1-based).
    pub fn at(code: &str, line: usize, message: impl Into<String>) -> Warning {
        Warning {
            code: code.to_owned(),
            message: message.into(),
            line: Some(line),
            page: None,
        }
    }

    /// A warning about the document as a whole.
    pub fn document(code: &str, message: impl Into<String>) -> Warning {
        Warning {
            code: code.to_owned(),
            message: message.into(),
            line: None,
            page: None,
        }
    }
}
