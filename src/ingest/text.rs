//! Text input: UTF-8 (with or without BOM), line breaks `\n`, `\r\n` or `\r`.
//!
//! A form feed (`\f`, as pdftotext writes between pages) starts a new page;
//! text without form feeds has no pages.

use super::{Document, Line};
use crate::diagnostic::Warning;
use crate::model::SourceFormat;

/// Splits decoded text into a [`Document`] of numbered, paged lines.
pub fn document_from_text(text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let paged = text.contains('\u{c}');
    // pdftotext ends its output with a form feed that opens no page.
    let text = text.strip_suffix('\u{c}').unwrap_or(text);
    let mut page = 1u32;
    let mut lines = Vec::new();
    for raw in split_lines(text) {
        if !paged {
            lines.push(Line {
                text: raw.to_owned(),
                page: None,
            });
            continue;
        }
        let body = raw.trim_start_matches('\u{c}');
        page += (raw.len() - body.len()) as u32;
        let line_page = page;
        page += body.matches('\u{c}').count() as u32;
        lines.push(Line {
            text: body.replace('\u{c}', ""),
            page: paged.then_some(line_page),
        });
    }
    Document {
        lines,
        format: SourceFormat::Text,
        pages: paged.then_some(page),
        warnings: Vec::new(),
    }
}

/// Decodes bytes as UTF-8; bytes that are not UTF-8 are read as
/// Windows-1252 with a warning, so no file is rejected for its encoding.
pub fn decode(bytes: &[u8]) -> (String, Option<Warning>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(error) => {
            let text = bytes.iter().map(|&b| windows_1252(b)).collect();
            let warning = Warning::document(
                "encoding-fallback",
                format!(
                    "the file is not UTF-8 (first bad byte at offset {}); it was read as Windows-1252",
                    error.valid_up_to()
                ),
            );
            (text, Some(warning))
        }
    }
}

/// Lines without their terminators; a final terminator does not open an empty line.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let body = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .or_else(|| text.strip_suffix('\r'))
        .unwrap_or(text);
    (!text.is_empty())
        .then_some(body)
        .into_iter()
        .flat_map(|body| body.split('\n'))
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .flat_map(|line| line.split('\r'))
}

/// The Windows-1252 character of a byte (undefined bytes map to U+FFFD).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{fffd}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{fffd}', 'Ž',
        '\u{fffd}', '\u{fffd}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{fffd}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[(byte - 0x80) as usize],
        _ => byte as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_without_terminators() {
        let doc = document_from_text("a\r\nb\n\nc\n");
        let texts: Vec<_> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "", "c"]);
        assert_eq!(doc.pages, None);
        assert!(doc.lines.iter().all(|l| l.page.is_none()));
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(document_from_text("").lines.is_empty());
    }

    #[test]
    fn form_feeds_start_pages() {
        let doc = document_from_text("one\n\u{c}two\nthree\n\u{c}four");
        let pages: Vec<_> = doc.lines.iter().map(|l| l.page).collect();
        assert_eq!(pages, [Some(1), Some(2), Some(2), Some(3)]);
        assert_eq!(doc.lines[1].text, "two");
        assert_eq!(doc.pages, Some(3));
    }

    #[test]
    fn non_utf8_is_read_as_windows_1252_with_a_warning() {
        let (text, warning) = decode(b"Cli\xebnt \x80 3.348");
        assert_eq!(text, "Cliënt € 3.348");
        assert_eq!(warning.unwrap().code, "encoding-fallback");
    }

    #[test]
    fn a_final_form_feed_opens_no_page() {
        let doc = document_from_text("one\n\u{c}two\n\u{c}");
        assert_eq!(doc.lines.len(), 2);
        assert_eq!(doc.pages, Some(2));
    }

    #[test]
    fn utf8_with_bom_loses_the_bom() {
        let doc = document_from_text("\u{feff}Bron: x");
        assert_eq!(doc.lines[0].text, "Bron: x");
    }
}
