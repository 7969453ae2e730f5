//! Census fixtures: `grammars/census/*.txt` (format: `grammars/figures.md`).
//!
//! Each fixture states how many figures its text prints, how many are read,
//! and exactly which are unread, in order, with their reasons. They cover
//! layouts no grammar reads yet (their figures must be listed, not lost) and
//! numbers that are no figures (prose, years, codes, scales, page numbers).

use kengetal::extract::extract_text;
use std::fs;
use std::path::PathBuf;

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir("grammars/census")
        .expect("grammars/census is readable")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the census fixtures are there");
    files
}

#[test]
fn every_census_fixture_counts_and_lists_its_figures() {
    let mut failures = Vec::new();
    for path in fixtures() {
        let content = fs::read_to_string(&path).expect("fixture is UTF-8");
        let (header, text) = content.split_once("\n----\n").expect("a `----` line");
        let record = extract_text(&path.to_string_lossy(), text.as_bytes());
        let coverage = record.coverage;
        let mut unread_expected = Vec::new();
        for line in header
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (key, value) = line.split_once(':').expect("directive: value");
            let value = value.trim();
            let number = || value.parse::<usize>().expect("a count");
            match key.trim() {
                "figures" if coverage.figures != number() => failures.push(format!(
                    "{}: {} figures, expected {value}",
                    path.display(),
                    coverage.figures
                )),
                "read" if coverage.read != number() => failures.push(format!(
                    "{}: {} read, expected {value}",
                    path.display(),
                    coverage.read
                )),
                "unread" => unread_expected.push(value.to_owned()),
                "figures" | "read" => {}
                other => panic!("{}: unknown directive {other}", path.display()),
            }
        }
        assert_eq!(
            coverage.figures,
            coverage.read + coverage.unread,
            "{}",
            path.display()
        );
        let unread: Vec<String> = record
            .unread
            .iter()
            .map(|u| format!("{} | {}", u.raw, u.reason))
            .collect();
        if unread != unread_expected {
            failures.push(format!(
                "{}: unread {unread:#?}, expected {unread_expected:#?}",
                path.display()
            ));
        }
        let lines: Vec<&str> = text.lines().collect();
        for u in &record.unread {
            assert!(
                lines[u.line - 1].contains(&u.raw),
                "{}: {u:?}",
                path.display()
            );
            assert_eq!(u.context, lines[u.line - 1].trim(), "{}", path.display());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The Dutch value of an unread figure, and none for what cannot be read.
#[test]
fn unread_figures_carry_their_value_as_printed() {
    let text = "Saldo 2.630- 1.3OO 48,5%\nCultuur2.8102.940\n";
    let record = extract_text("values.txt", text.as_bytes());
    let values: Vec<(String, Option<f64>)> = record
        .unread
        .iter()
        .map(|u| (u.raw.clone(), u.value.map(|n| n.value)))
        .collect();
    assert_eq!(
        values,
        [
            ("2.630-".to_owned(), Some(-2630.0)),
            ("1.3OO".to_owned(), None),
            ("48,5%".to_owned(), Some(48.5)),
            ("2.8102.940".to_owned(), None),
        ]
    );
}

/// A block whose values could not be placed never says it prints none: its
/// `values-missing` warning names the figures that went to `unread`.
#[test]
fn values_missing_names_the_unread_figures_of_its_block() {
    let fixture = fs::read_to_string("grammars/indicator/err/no-year-header.txt").unwrap();
    let text = fixture.split_once("\n----\n").unwrap().1;
    let record = extract_text("no-year-header.txt", text.as_bytes());
    assert_eq!(record.coverage.unread, 4, "{:#?}", record.unread);
    let warnings: Vec<&str> = record.indicators[0]
        .warnings
        .iter()
        .filter(|w| w.code == "values-missing")
        .map(|w| w.message.as_str())
        .collect();
    assert!(!warnings.is_empty());
    for message in warnings {
        assert!(!message.contains("prints no values"), "{message}");
        assert!(message.contains("4 printed figure(s)"), "{message}");
        assert!(message.contains("listed in `unread`"), "{message}");
    }
}

/// A huge line of unread figures: each is listed, with a context cut to a
/// window around it (the whole line a hundred thousand times would not fit
/// in memory), in linear time.
#[test]
fn unread_figures_on_a_huge_line_have_a_bounded_context() {
    let line = format!("Stand {}einde", "12,5 ".repeat(100_000));
    let started = std::time::Instant::now();
    let record = extract_text("huge.txt", line.as_bytes());
    assert_eq!(record.coverage.figures, 100_000);
    assert!(
        record
            .unread
            .iter()
            .all(|u| u.context.len() <= 250 && u.context.contains("12,5"))
    );
    assert!(started.elapsed().as_secs() < 20, "linear");
}
