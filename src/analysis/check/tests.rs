//! Every finding class on real corpus cases where the corpus has one, and
//! on the corpus with one thing changed where it has none.

use super::*;
use crate::extract::extract_text;
use crate::model::Number;

const JAARVERSLAG: &str = "corpus/zoetermeer-jaarverslag-2024-programma-2.txt";
const BEGROTING_2026: &str = "corpus/zoetermeer-begroting-2026-programma-2.txt";
const BEGROTING_2023: &str = "corpus/zoetermeer-begroting-2023-programma-2.txt";
const RAPPORTAGE: &str = "corpus/zoetermeer-rapportage-sociaal-domein-2019-2.txt";

fn corpus_text(path: &str) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    String::from_utf8(bytes).expect("corpus texts are UTF-8")
}

fn record(path: &str) -> DocumentRecord {
    extract_text(path, corpus_text(path).as_bytes())
}

fn of_kind(findings: &[Finding], kind: FindingKind) -> Vec<&Finding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

/// `text` with the first `from` after the line starting with `anchor` replaced.
fn edited(text: &str, anchor: &str, from: &str, to: &str) -> String {
    let start = text.find(anchor).expect("anchor in text");
    let at = start + text[start..].find(from).expect("text after anchor");
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

#[test]
fn a_realisatie_repeated_differently_in_a_later_begroting() {
    let findings = check(&[record(JAARVERSLAG), record(BEGROTING_2026)]);
    let found = of_kind(&findings, FindingKind::Discrepancy);
    assert_eq!(found.len(), 1, "{findings:#?}");
    let finding = found[0];
    assert!(
        finding
            .message
            .contains("% Klanten dat tevreden is over de kwaliteit van het ondersteuningsaanbod"),
        "{}",
        finding.message
    );
    assert!(finding.message.contains("realisatie 2024"));
    let cited: Vec<(&str, usize, &str)> = finding
        .sources
        .iter()
        .map(|s| (s.path.as_str(), s.line, s.raw.as_str()))
        .collect();
    // Both lines print `Realisatie 74% …`: 2023 and 2024 in the jaarverslag,
    // 2024 and the budget years in the begroting.
    assert_eq!(
        cited,
        [(BEGROTING_2026, 346, "74%"), (JAARVERSLAG, 346, "71%")]
    );
    let lines = corpus_text(JAARVERSLAG);
    assert!(lines.lines().nth(345).unwrap().contains("71%"));
}

#[test]
fn a_target_of_70_then_1_percent_is_implausible() {
    let findings = check(&[record(JAARVERSLAG)]);
    let found = of_kind(&findings, FindingKind::Implausible);
    assert_eq!(found.len(), 1, "{findings:#?}");
    let finding = found[0];
    assert!(finding.message.contains("begroting 2024 is printed as 1%"));
    assert!(finding.message.contains("70% (begroting 2023)"));
    assert!(finding.message.contains("69% (realisatie 2024)"));
    let cited: Vec<(&str, &str)> = finding
        .sources
        .iter()
        .map(|s| (s.what.as_str(), s.raw.as_str()))
        .collect();
    assert_eq!(
        cited,
        [
            ("Begroting 2024", "1%"),
            ("Begroting 2023", "70%"),
            ("Realisatie 2024", "69%")
        ]
    );
    let line = finding.sources[0].line;
    let printed = corpus_text(JAARVERSLAG)
        .lines()
        .nth(line - 1)
        .unwrap()
        .to_owned();
    assert!(printed.starts_with("Begroting 70% 1%"), "{printed}");
}

#[test]
fn a_clean_dataset_has_no_findings() {
    let records = [
        record(BEGROTING_2023),
        record(BEGROTING_2026),
        record(RAPPORTAGE),
    ];
    assert!(
        records
            .iter()
            .all(|r| !r.indicators.is_empty() || !r.tables.is_empty())
    );
    assert_eq!(check(&records), []);
}

#[test]
fn the_corpus_has_two_findings_and_no_more() {
    let records = [
        record(JAARVERSLAG),
        record(BEGROTING_2023),
        record(BEGROTING_2026),
        record(RAPPORTAGE),
    ];
    let kinds: Vec<FindingKind> = check(&records).iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [FindingKind::Discrepancy, FindingKind::Implausible],
        "the goals, sums and realised amounts of the corpus agree"
    );
}

#[test]
fn a_total_that_does_not_add_up() {
    let text = edited(
        &corpus_text(JAARVERSLAG),
        "TOTAAL PROGRAMMA",
        "19.970",
        "19.907",
    );
    let findings = check(&[extract_text(JAARVERSLAG, text.as_bytes())]);
    let found = of_kind(&findings, FindingKind::Arithmetic);
    assert_eq!(
        found.len(),
        2,
        "the row sum and the Saldo column: {findings:#?}"
    );
    let row_sum = found
        .iter()
        .find(|f| f.message.contains("sum of the 3 row(s)"))
        .expect("the row sum fails");
    assert!(
        row_sum
            .message
            .contains("printed 19.907, but the sum is 19.970")
    );
    let raws: Vec<&str> = row_sum.sources.iter().map(|s| s.raw.as_str()).collect();
    assert_eq!(raws, ["19.907", "931", "11.092", "7.947"]);
    assert!(
        row_sum.sources[0]
            .what
            .contains("row \"TOTAAL PROGRAMMA\", column \"Baten\"")
    );
}

#[test]
fn a_total_over_unread_figures_is_uncertain_not_arithmetic() {
    let text = edited(
        &corpus_text(JAARVERSLAG),
        "TOTAAL PROGRAMMA",
        "19.970",
        "19.907",
    );
    let mut record = extract_text(JAARVERSLAG, text.as_bytes());
    let table = record
        .tables
        .iter()
        .find(|t| t.rows.iter().any(|r| r.label == "TOTAAL PROGRAMMA"))
        .expect("the table of totals");
    let line = table.location.line_start + 1;
    record.unread.push(crate::model::Unread {
        line,
        page: None,
        raw: "4.210".to_owned(),
        value: Some(Number::integer(4210)),
        context: "a figure kengetal could not place".to_owned(),
        reason: "outside-columns".to_owned(),
    });
    let findings = check(std::slice::from_ref(&record));
    assert!(
        of_kind(&findings, FindingKind::Arithmetic).is_empty(),
        "{findings:#?}"
    );
    let found = of_kind(&findings, FindingKind::Uncertain);
    assert_eq!(found.len(), 2, "{findings:#?}");
    for finding in found {
        assert!(
            finding
                .message
                .contains("1 printed figure(s) of the table were not read")
        );
        assert!(
            finding
                .sources
                .iter()
                .any(|s| s.raw == "4.210" && s.line == line)
        );
    }
    assert_eq!(
        findings.last().map(|f| f.kind),
        Some(FindingKind::Uncertain)
    );
}

#[test]
fn doel_gehaald_against_the_numbers() {
    // Realisatie 990 under a begroting of 1.000: Nee, as printed. Say Ja.
    let text = edited(
        &corpus_text(JAARVERSLAG),
        "Toename aantal meldingen bij Veilig Thuis",
        "Doel gehaald: Nee.",
        "Doel gehaald: Ja.",
    );
    let findings = check(&[extract_text(JAARVERSLAG, text.as_bytes())]);
    let found = of_kind(&findings, FindingKind::Goal);
    assert_eq!(found.len(), 1, "{findings:#?}");
    let finding = found[0];
    assert!(
        finding
            .message
            .contains("realisatie 2024 (990) is below the begroting 2024 (1.000)"),
        "{}",
        finding.message
    );
    let cited: Vec<(usize, &str)> = finding
        .sources
        .iter()
        .map(|s| (s.line, s.raw.as_str()))
        .collect();
    assert_eq!(cited[0].1, "Doel gehaald: Ja.");
    assert_eq!(&cited[1..], [(238, "1.000"), (239, "990")]);
}

#[test]
fn doel_gehaald_nee_where_an_afname_was_reached() {
    // `Afname gemiddelde leeftijd bij uitstroom`: 13,2 against 12,5, Nee.
    // Print a realisatie under the begroting and keep the Nee.
    let text = edited(
        &corpus_text(JAARVERSLAG),
        "Vroegtijdig signaleren: Afname gemiddelde leeftijd bij uitstroom",
        "Realisatie 13,2 13,2",
        "Realisatie 13,2 12,5",
    );
    let findings = check(&[extract_text(JAARVERSLAG, text.as_bytes())]);
    let found = of_kind(&findings, FindingKind::Goal);
    assert_eq!(found.len(), 1, "{findings:#?}");
    assert!(
        found[0]
            .message
            .contains("is at or below the begroting 2024 (12,5)")
    );
    assert!(found[0].message.contains("asks for an afname"));
}

#[test]
fn a_realised_amount_printed_differently_in_two_reports() {
    let jaarverslag = record(JAARVERSLAG);
    let mut changed = jaarverslag.clone();
    let table = changed
        .tables
        .iter_mut()
        .find(|t| t.title == "Totalen per doelstelling")
        .expect("the jaarverslag's totals");
    let total = table
        .rows
        .iter_mut()
        .find(|r| r.label == "TOTAAL PROGRAMMA")
        .expect("its programme total");
    total.values[0] = Some(Number::integer(-156_792));
    total.raw[0] = "-156.792".to_owned();

    let agreeing = check(&[jaarverslag, record(BEGROTING_2026)]);
    assert!(
        !agreeing
            .iter()
            .any(|f| f.message.contains("lasten realised"))
    );

    let findings = check(&[changed, record(BEGROTING_2026)]);
    let found: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::Discrepancy && f.message.contains("lasten"))
        .collect();
    assert_eq!(found.len(), 1, "{findings:#?}");
    let finding = found[0];
    assert!(
        finding
            .message
            .contains("programma 2, lasten realised in 2024"),
        "{}",
        finding.message
    );
    let cited: Vec<(&str, &str)> = finding
        .sources
        .iter()
        .map(|s| (s.path.as_str(), s.raw.as_str()))
        .collect();
    assert_eq!(
        cited,
        [(BEGROTING_2026, "-156.729"), (JAARVERSLAG, "-156.792")]
    );
    assert!(
        finding.sources[0]
            .what
            .contains("column \"Jaarrekening 2024\"")
    );
}

#[test]
fn budgets_of_one_year_in_two_reports_may_differ() {
    // Begroting 2026 per doelstelling: -62.914 in 2023, -97.406 in 2026.
    let findings = check(&[record(BEGROTING_2023), record(BEGROTING_2026)]);
    assert_eq!(findings, []);
}

#[test]
fn records_with_errors_give_nothing() {
    let mut broken = record(JAARVERSLAG);
    broken.indicators.clear();
    broken.tables.clear();
    broken.error = Some(crate::model::RecordError {
        kind: "io".to_owned(),
        message: "gone".to_owned(),
    });
    assert_eq!(check(&[broken]), []);
}
