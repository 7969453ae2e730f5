//! The record's `document`: what the text says about itself, else what the
//! file name says, with a warning.

use crate::diagnostic::Warning;
use crate::model::{DocumentInfo, DocumentKind};
use crate::parse::cell::is_year_word;
use crate::parse::metadata::{Metadata, ReportKind};
use std::path::Path;

/// The document's metadata: from its text, else from its file name with a warning.
pub fn document_info(detected: Metadata, path: &str, warnings: &mut Vec<Warning>) -> DocumentInfo {
    let mut info = DocumentInfo {
        municipality: detected.municipality,
        kind: detected.kind.map(document_kind),
        year: detected.year,
        programme: detected.programme,
    };
    let stem = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_lowercase();
    let words: Vec<&str> = stem.split(|c: char| !c.is_alphanumeric()).collect();
    let mut from_name = Vec::new();
    if info.kind.is_none() {
        info.kind = words.iter().find_map(|w| kind_word(w));
        if info.kind.is_some() {
            from_name.push("kind");
        }
    }
    if info.year.is_none() {
        info.year = words
            .iter()
            .find(|w| is_year_word(w))
            .and_then(|w| w.parse().ok());
        if info.year.is_some() {
            from_name.push("year");
        }
    }
    if !from_name.is_empty() {
        warnings.push(Warning::document(
            "metadata-from-path",
            format!(
                "the text does not state the document's {}; taken from the file name",
                from_name.join(" and ")
            ),
        ));
    }
    let missing: Vec<&str> = [
        ("kind", info.kind.is_none()),
        ("year", info.year.is_none()),
        ("municipality", info.municipality.is_none()),
    ]
    .iter()
    .filter(|(_, missing)| *missing)
    .map(|(name, _)| *name)
    .collect();
    if !missing.is_empty() {
        warnings.push(Warning::document(
            "metadata-missing",
            format!(
                "the document's {} could not be determined",
                missing.join(", ")
            ),
        ));
    }
    info
}

/// The model's kind for the kind the text shows.
pub fn document_kind(kind: ReportKind) -> DocumentKind {
    match kind {
        ReportKind::Jaarverslag => DocumentKind::Jaarverslag,
        ReportKind::Begroting => DocumentKind::Begroting,
        ReportKind::Rapportage => DocumentKind::Rapportage,
    }
}

/// The kind a file name's word names (`jaarstukken`, `programmabegroting`).
fn kind_word(word: &str) -> Option<DocumentKind> {
    match word {
        "jaarverslag" | "jaarstukken" | "jaarrekening" => Some(DocumentKind::Jaarverslag),
        "begroting" | "programmabegroting" => Some(DocumentKind::Begroting),
        "rapportage" | "tussenrapportage" => Some(DocumentKind::Rapportage),
        _ => None,
    }
}
