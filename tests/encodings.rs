//! The same report in another encoding or Unicode form reads the same: a
//! UTF-16 copy (with a BOM, either byte order) and a copy in Unicode NFD
//! (`e` + combining diaeresis for `ë`) give the original's indicators,
//! tables, census and series keys.

use kengetal::analysis::key::indicator_key;
use kengetal::analysis::series::{cell_rows, observation_rows};
use kengetal::extract::extract_text;
use kengetal::model::DocumentRecord;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    texts.sort();
    assert_eq!(texts.len(), 4, "the four corpus texts");
    texts
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    std::iter::once('\u{feff}')
        .chain(text.chars())
        .collect::<String>()
        .encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// What must not change with the encoding: everything read, and how the
/// series command links it.
fn assert_reads_alike(original: &DocumentRecord, copy: &DocumentRecord, what: &str) {
    assert_eq!(copy.error, None, "{what}");
    assert_eq!(copy.indicators, original.indicators, "{what}: indicators");
    assert_eq!(copy.tables, original.tables, "{what}: tables");
    assert_eq!(copy.coverage, original.coverage, "{what}: coverage");
    assert_eq!(copy.unread, original.unread, "{what}: unread");
    assert_eq!(copy.document, original.document, "{what}: metadata");
    let keys = |r: &DocumentRecord| -> Vec<String> {
        let records = std::slice::from_ref(r);
        let mut keys: Vec<String> = observation_rows(records)
            .iter()
            .map(|o| o.key.clone())
            .collect();
        keys.extend(cell_rows(records).iter().map(|c| format!("{c:?}")));
        keys
    };
    assert_eq!(keys(copy), keys(original), "{what}: series rows");
    let codes =
        |r: &DocumentRecord| -> Vec<String> { r.warnings.iter().map(|w| w.code.clone()).collect() };
    assert_eq!(codes(copy), codes(original), "{what}: warnings");
}

#[test]
fn a_utf16_copy_reads_as_the_original() {
    for (name, text) in corpus() {
        let original = extract_text(&name, text.as_bytes());
        assert!(!original.indicators.is_empty() || !original.tables.is_empty());
        for big_endian in [false, true] {
            let copy = extract_text(&name, &utf16(&text, big_endian));
            let what = format!("{name} in UTF-16{}", if big_endian { "BE" } else { "LE" });
            assert_reads_alike(&original, &copy, &what);
        }
    }
}

#[test]
fn an_nfd_copy_reads_as_the_original() {
    for (name, text) in corpus() {
        let decomposed: String = text.nfd().collect();
        assert_ne!(decomposed, text, "{name} has letters with diacritics");
        let original = extract_text(&name, text.as_bytes());
        let copy = extract_text(&name, decomposed.as_bytes());
        assert_reads_alike(&original, &copy, &format!("{name} in NFD"));
    }
}

#[test]
fn series_keys_ignore_the_unicode_form_of_a_dataset_title() {
    // A dataset written by another tool may keep titles decomposed.
    for title in [
        "Aantal cliënten per 1.000 inwoners",
        "Coëfficiënt (Realisatie 2024)",
    ] {
        let decomposed: String = title.nfd().collect();
        assert_eq!(indicator_key(&decomposed), indicator_key(title), "{title}");
    }
}
