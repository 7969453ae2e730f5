//! Hostile input: nothing panics, nothing is invented, damage is reported.

use kengetal::extract::extract_text;
use kengetal::model::DocumentRecord;
use proptest::prelude::*;

/// Every indicator either prints values or says it does not; every value
/// lies inside its block.
fn assert_sound(record: &DocumentRecord) {
    assert!(record.error.is_none());
    for indicator in &record.indicators {
        let loc = indicator.location;
        assert!(loc.line_start <= loc.line_end, "{loc:?}");
        let warned = indicator
            .warnings
            .iter()
            .any(|w| w.code == "values-missing");
        assert!(
            !indicator.observations.is_empty() || warned,
            "{:?} has no values and no values-missing warning",
            indicator.title
        );
        for o in &indicator.observations {
            assert!(
                (loc.line_start..=loc.line_end).contains(&o.line),
                "{o:?} outside {loc:?}"
            );
        }
    }
}

/// A small deterministic generator, so failures replay.
fn pseudo_random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u8
        })
        .collect()
}

#[test]
fn a_megabyte_on_one_line() {
    let line = "Begroting 1.300 pm - 48,9 % € 3.348 woord ".repeat(25_000);
    let record = extract_text("one-line.txt", line.as_bytes());
    assert_sound(&record);
    assert!(record.indicators.is_empty());
}

#[test]
fn a_megabyte_row_that_is_cells_until_its_last_word() {
    // A grammar that retried the cells after every word would be quadratic here.
    let line = format!("Realisatie {}woord", "1 ".repeat(500_000));
    let record = extract_text("row.txt", line.as_bytes());
    assert_sound(&record);
}

#[test]
fn a_megabyte_of_numbers_without_a_break() {
    let record = extract_text("digits.txt", "9".repeat(1 << 20).as_bytes());
    assert_sound(&record);
}

#[test]
fn random_bytes() {
    for seed in 0..8 {
        let bytes = pseudo_random_bytes(64 * 1024, seed);
        let record = extract_text("random.txt", &bytes);
        assert_sound(&record);
        assert!(
            record
                .warnings
                .iter()
                .any(|w| w.code == "encoding-fallback")
        );
    }
}

#[test]
fn a_real_block_cut_off_at_every_line() {
    let text =
        std::fs::read_to_string("corpus/zoetermeer-jaarverslag-2024-programma-2.txt").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let block = &lines[209..228]; // lines 210-228: the block whose 2024 column is printed after the rows
    for cut in 1..=block.len() {
        let truncated = block[..cut].join("\n");
        let record = extract_text("cut.txt", truncated.as_bytes());
        assert_sound(&record);
        assert_eq!(record.indicators.len(), 1, "cut after line {cut}");
    }
}

#[test]
fn a_real_block_cut_off_at_every_byte() {
    let text = std::fs::read_to_string("corpus/zoetermeer-begroting-2026-programma-2.txt").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let block = lines[246..259].join("\n");
    // Every byte, mid-character cuts included (those read as Windows-1252).
    for cut in 0..=block.len() {
        assert_sound(&extract_text("cut.txt", &block.as_bytes()[..cut]));
    }
}

fn line_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Type 2023 2024".to_owned()),
        Just("Jaar 2023".to_owned()),
        Just("2024".to_owned()),
        Just("Bron: Stadspeiling".to_owned()),
        Just("Doel gehaald: Ja.".to_owned()),
        Just("Toelichting".to_owned()),
        Just("Toelichting: tekst.".to_owned()),
        Just("Doelstelling 2.1 Doel".to_owned()),
        Just("% Vrijwilligers (Realisatie 2024)".to_owned()),
        Just("Titel zonder punt".to_owned()),
        Just("Een zin met een punt.".to_owned()),
        Just("https://example.nl/x".to_owned()),
        "(Begroting|Realisatie|Begroting PB 2026)( ([0-9.,%€-]{1,7}|pm|-)){0,6}",
        "[0-9.,% €-]{0,12}",
        "\\PC{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn keyword_soup_never_panics(lines in prop::collection::vec(line_strategy(), 0..40)) {
        assert_sound(&extract_text("soup.txt", lines.join("\n").as_bytes()));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        assert_sound(&extract_text("bytes.txt", &bytes));
    }
}

#[test]
fn a_typed_header_over_a_megabyte_row_stays_fast() {
    // Splitting a row over text and value columns costs the square of its
    // pieces: a huge row after an indicator header must not.
    let mut text = String::from("Indicator Eenheid Bron Periode Gemeente Nederland\n");
    text.push_str("Winkeldiefstallen ");
    for i in 0..200_000 {
        text.push_str(if i % 2 == 0 { "per " } else { "1,5 " });
    }
    text.push('\n');
    let started = std::time::Instant::now();
    let record = extract_text("huge.txt", text.as_bytes());
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        record.coverage.figures,
        record.coverage.read + record.coverage.unread
    );
}

/// The `i`-th line of a constructed text.
type LineOf = fn(usize) -> String;

#[test]
fn long_runs_of_one_kind_of_line_stay_linear() {
    // Thirty thousand lines of one kind each. Every start in such a run
    // once read the whole rest of it again: quadratic (20,000 lone values
    // took 18 s in a release build, 40,000 year lines 20 s, 40,000 column
    // heads 7 s).
    let runs: [(&str, LineOf, usize); 3] = [
        ("lone values", |i| format!("{}\n", i % 7), 30_000),
        ("year lines", |i| format!("{}\n", 2000 + i % 30), 0),
        ("column heads", |_| "Realisatie 2023\n".to_owned(), 0),
    ];
    for (what, line, figures) in runs {
        let text: String = (0..30_000).map(line).collect();
        let started = std::time::Instant::now();
        let record = extract_text("run.txt", text.as_bytes());
        let took = started.elapsed();
        assert!(took.as_secs() < 15, "{what}: took {took:?}");
        assert_eq!(record.coverage.figures, figures, "{what}");
        assert_eq!(
            record.coverage.figures,
            record.coverage.read + record.coverage.unread,
            "{what}"
        );
    }
}
