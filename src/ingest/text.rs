//! Text input: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without
//! one when the NUL bytes show it), else Windows-1252 with a warning; line
//! breaks `\n`, `\r\n` or `\r`.
//!
//! A form feed (`\f`, as pdftotext writes between pages) starts a new page;
//! text without form feeds has no pages.

use super::{Document, Format, Line};
use crate::diagnostic::Warning;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The document in a text file's bytes, with a warning when they were not UTF-8.
pub fn document(bytes: &[u8]) -> Document {
    let (text, warning) = decode(bytes);
    let mut document = document_from_text(&text);
    document.warnings.extend(warning);
    document
}

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
            lines.push(Line::new(raw.to_owned(), None));
            continue;
        }
        let body = raw.trim_start_matches('\u{c}');
        page += (raw.len() - body.len()) as u32;
        let line_page = page;
        page += body.matches('\u{c}').count() as u32;
        lines.push(Line::new(
            body.replace('\u{c}', ""),
            paged.then_some(line_page),
        ));
    }
    Document {
        lines,
        format: Format::Text,
        pages: paged.then_some(page),
        readers: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Decodes bytes: by their BOM (UTF-8, UTF-16LE, UTF-16BE), as UTF-16
/// when every other byte is NUL, else as UTF-8; bytes that are none of
/// these are read as Windows-1252 with a warning, so no file is rejected
/// for its encoding. UTF-16 that does not decode cleanly is read with
/// U+FFFD for its bad units, with a warning.
pub fn decode(bytes: &[u8]) -> (String, Option<Warning>) {
    let (utf16, bom) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => (Some(encoding), bom),
        Some(_) => (None, 0),
        None => (utf16_without_bom(bytes), 0),
    };
    if let Some(encoding) = utf16 {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let warning = had_errors.then(|| {
            Warning::document(
                "encoding-damaged",
                format!(
                    "the file is {} with units that do not decode; they read as U+FFFD",
                    encoding.name()
                ),
            )
        });
        return (text.into_owned(), warning);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(error) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            let warning = Warning::document(
                "encoding-fallback",
                format!(
                    "the file is not UTF-8 (first bad byte at offset {}); it was read as Windows-1252",
                    error.valid_up_to()
                ),
            );
            (text.into_owned(), Some(warning))
        }
    }
}

/// UTF-16 without a BOM: in the first 4 KB, nearly every byte on one side
/// of each pair is NUL and almost none on the other (text never holds NULs).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let nul_at = |side: usize| {
        head.iter()
            .skip(side)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    // Latin text in UTF-16 has its high byte NUL for nearly every unit.
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let hardly = |n: usize| n * 10 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(UTF_16LE)
    } else if mostly(even) && hardly(odd) {
        Some(UTF_16BE)
    } else {
        None
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

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        for unit in (if bom { "\u{feff}" } else { "" })
            .encode_utf16()
            .chain(text.encode_utf16())
        {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn utf16_is_read_by_its_bom_or_its_nul_bytes() {
        let text = "Cliënten per 1.000 inwoners\r\nRealisatie 2024 12,5\r\n";
        for (big_endian, bom) in [(false, true), (true, true), (false, false), (true, false)] {
            let (decoded, warning) = decode(&utf16(text, big_endian, bom));
            assert_eq!(decoded, text, "big endian {big_endian}, bom {bom}");
            assert_eq!(warning, None);
        }
    }

    #[test]
    fn damaged_utf16_keeps_what_decodes_with_a_warning() {
        let mut bytes = utf16("Bron: CBS 12,5", false, true);
        bytes.extend([0x00, 0xd8, b'x', 0x00]); // a lone high surrogate
        let (decoded, warning) = decode(&bytes);
        assert!(decoded.starts_with("Bron: CBS 12,5"), "{decoded:?}");
        assert_eq!(warning.unwrap().code, "encoding-damaged");
    }

    #[test]
    fn ascii_is_never_taken_for_utf16() {
        assert_eq!(
            decode(b"Saldo 1.234 5.678 9.012 3.456").0,
            "Saldo 1.234 5.678 9.012 3.456"
        );
    }

    #[test]
    fn decomposed_letters_are_composed() {
        let doc = document_from_text("Financie\u{308}n 1.300");
        assert_eq!(doc.lines[0].text, "Financiën 1.300");
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
