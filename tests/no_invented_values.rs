//! Years, codes and page numbers never become values: over every grammar
//! fixture and the corpus, no table cell or observation that holds a value
//! is printed as a plain year, a code or a range, and every value's raw
//! text is printed on its line.

use kengetal::extract::extract_text;
use kengetal::model::DocumentRecord;
use std::fs;
use std::path::PathBuf;

fn texts() -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for folder in [
        "grammars/table/ok",
        "grammars/table/err",
        "grammars/indicator/ok",
        "grammars/indicator/err",
        "grammars/census",
    ] {
        for entry in fs::read_dir(folder).expect("fixture folder") {
            let path = entry.expect("entry").path();
            let content = fs::read_to_string(&path).expect("UTF-8");
            let text = content
                .split_once("\n----\n")
                .map_or(content.as_str(), |(_, t)| t);
            found.push((path, text.to_owned()));
        }
    }
    for entry in fs::read_dir("corpus").expect("corpus") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = fs::read_to_string(&path).expect("UTF-8");
            found.push((path, text));
        }
    }
    found.sort();
    found
}

/// A plain year (`2024`), a code or a range (`2.1`, `07-1-2`, `2024-2027`).
fn is_year_or_code(raw: &str) -> bool {
    let year = raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && raw.parse::<i32>().is_ok_and(|y| (1990..=2100).contains(&y));
    year || kengetal::parse::figure::is_code(raw)
}

/// Every value of a record with its raw text and line.
fn values(record: &DocumentRecord) -> Vec<(String, usize)> {
    let observations = record
        .indicators
        .iter()
        .flat_map(|i| &i.observations)
        .filter(|o| o.value.is_some())
        .map(|o| (o.raw.clone(), o.line));
    let cells = record.tables.iter().flat_map(|t| &t.rows).flat_map(|r| {
        (0..r.values.len())
            .filter(|&c| r.values[c].is_some())
            .map(move |c| (r.raw[c].clone(), r.cell_line(c)))
    });
    observations.chain(cells).collect()
}

#[test]
fn no_year_code_or_page_number_is_a_value() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (path, text) in texts() {
        let record = extract_text(&path.to_string_lossy(), text.as_bytes());
        let lines: Vec<&str> = text.lines().collect();
        for (raw, line) in values(&record) {
            checked += 1;
            if is_year_or_code(raw.trim()) {
                failures.push(format!(
                    "{}:{line}: {raw:?} is a year or a code",
                    path.display()
                ));
            }
            let printed = lines.get(line - 1).copied().unwrap_or("");
            let first = raw.split_whitespace().next().unwrap_or("");
            if !printed.contains(first) {
                failures.push(format!(
                    "{}:{line}: {raw:?} is not printed on {printed:?}",
                    path.display()
                ));
            }
            if printed.trim() == raw.trim() && record.unread.is_empty() {
                // A lone small integer read as a value must not be a page number
                // of the document's sequence: the grammars skip those lines.
                let pages = kengetal::parse::page_number::page_number_lines(
                    &lines,
                    &vec![kengetal::parse::Placement::default(); lines.len()],
                );
                if pages[line - 1] == kengetal::parse::page_number::PageLine::PageNumber {
                    failures.push(format!(
                        "{}:{line}: page number {raw:?} read as a value",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(
        checked > 1_000,
        "the fixtures and corpus hold values: {checked}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
