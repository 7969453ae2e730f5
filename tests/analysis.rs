//! `kengetal series` and `kengetal check` as a user runs them, on the corpus
//! dataset.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

fn kengetal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The corpus texts' dataset, in the given format.
fn dataset(folder: &Path, format: &str) -> PathBuf {
    let path = folder.join(format!("dataset.{format}"));
    let texts = [
        "corpus/zoetermeer-begroting-2023-programma-2.txt",
        "corpus/zoetermeer-begroting-2026-programma-2.txt",
        "corpus/zoetermeer-jaarverslag-2024-programma-2.txt",
        "corpus/zoetermeer-rapportage-sociaal-domein-2019-2.txt",
    ];
    let mut args = vec!["extract", "--quiet", "--format", format, "-o"];
    let out = path.to_str().unwrap().to_owned();
    args.push(&out);
    args.extend(texts);
    assert!(kengetal(&args).status.success());
    path
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn observation_count(path: &Path) -> usize {
    let records: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    records
        .iter()
        .flat_map(|r| r["indicators"].as_array().unwrap())
        .map(|i| i["observations"].as_array().unwrap().len())
        .sum()
}

#[test]
fn series_is_one_csv_row_per_observation() {
    let folder = TempDir::new().unwrap();
    let json = dataset(folder.path(), "json");
    let output = kengetal(&["series", json.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..12],
        [
            "key",
            "title",
            "year",
            "kind",
            "label",
            "value",
            "unit",
            "document_kind",
            "document_year",
            "path",
            "line",
            "page"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), observation_count(&json));
    // One real row, checked against the text: `Realisatie 909 990`.
    let row = rows
        .iter()
        .find(|r| {
            &r[1] == "Toename aantal meldingen bij Veilig Thuis"
                && &r[2] == "2024"
                && &r[3] == "realisatie"
        })
        .expect("the jaarverslag's meldingen");
    assert_eq!(&row[0], "aantal-meldingen-bij-veilig-thuis");
    assert_eq!(&row[5], "990");
    assert_eq!(
        &row[9],
        "corpus/zoetermeer-jaarverslag-2024-programma-2.txt"
    );
    let line: usize = row[10].parse().unwrap();
    let text = std::fs::read_to_string(&row[9]).unwrap();
    assert!(
        text.lines()
            .nth(line - 1)
            .unwrap()
            .starts_with("Realisatie 909 990")
    );
}

#[test]
fn the_key_links_an_indicator_across_reports() {
    let folder = TempDir::new().unwrap();
    let json = dataset(folder.path(), "json");
    let output = kengetal(&["series", json.to_str().unwrap()]);
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let titles_of = |key: &str| {
        let mut titles: Vec<String> = rows
            .iter()
            .filter(|r| &r[0] == key)
            .map(|r| r[1].to_owned())
            .collect();
        titles.sort();
        titles.dedup();
        titles
    };
    assert_eq!(
        titles_of("gemiddeld-budget-maatwerkondersteuning-per-klant"),
        [
            "Gemiddeld budget maatwerkondersteuning per cliënt",
            "Gemiddeld budget maatwerkondersteuning per klant"
        ]
    );
    assert_eq!(
        titles_of("coefficient-voor-eenzaamheid-onder-inwoners-18-jaar"),
        [
            "Coéfficiëent voor eenzaamheid onder inwoners (> 18 jaar)",
            "Coëfficiënt voor eenzaamheid onder inwoners (> 18 jaar)"
        ]
    );
}

#[test]
fn series_of_table_cells_with_exact_amounts() {
    let folder = TempDir::new().unwrap();
    let json = dataset(folder.path(), "json");
    let output = kengetal(&[
        "series",
        "--tables",
        "--format",
        "json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let cells: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let lasten = cells
        .iter()
        .find(|c| c["row"] == "TOTAAL PROGRAMMA" && c["column"] == "Lasten")
        .expect("the jaarverslag's programme total");
    assert_eq!(lasten["value"], -156729);
    assert_eq!(lasten["scale"], 1000);
    assert_eq!(lasten["amount"], -156_729_000i64);
    assert_eq!(lasten["raw"], "-156.729");
    assert_eq!(lasten["table"], "Totalen per doelstelling");
    let euros = cells
        .iter()
        .find(|c| c["raw"] == "€15.481.766")
        .expect("Tabel 7's first amount");
    assert_eq!(euros["amount"], 15_481_766);
    assert_eq!(euros["scale"], 1);
    // An empty cell is a row with no value, not a zero.
    let pm = cells.iter().find(|c| c["raw"] == "pm").expect("a pm cell");
    assert!(pm["value"].is_null() && pm["amount"].is_null());
}

#[test]
fn check_cites_the_corpus_findings_and_exits_1() {
    let folder = TempDir::new().unwrap();
    let json = dataset(folder.path(), "json");
    let output = kengetal(&["check", json.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "findings exit 1");
    let text = stdout(&output);
    assert!(text.contains("discrepancy: "), "{text}");
    assert!(text.contains("implausible: "), "{text}");
    assert!(
        text.contains(
            "  corpus/zoetermeer-jaarverslag-2024-programma-2.txt:346  Realisatie 2024: \"71%\""
        ),
        "{text}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("2 findings (1 discrepancy, 1 implausible) in 4 documents"));
}

#[test]
fn check_writes_json_findings() {
    let folder = TempDir::new().unwrap();
    let jsonl = dataset(folder.path(), "jsonl");
    let output = kengetal(&[
        "check",
        "--format",
        "json",
        "--quiet",
        jsonl.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stderr.is_empty());
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(findings.len(), 2);
    for finding in &findings {
        assert!(
            ["arithmetic", "goal", "discrepancy", "implausible"]
                .contains(&finding["kind"].as_str().unwrap())
        );
        assert!(!finding["message"].as_str().unwrap().is_empty());
        for source in finding["sources"].as_array().unwrap() {
            for field in ["path", "page", "line", "raw"] {
                assert!(source.get(field).is_some(), "{field} in {source}");
            }
            // Every cited line prints the cited text.
            let text = std::fs::read_to_string(source["path"].as_str().unwrap()).unwrap();
            let line = source["line"].as_u64().unwrap() as usize;
            let raw = source["raw"].as_str().unwrap();
            assert!(
                text.lines().nth(line - 1).unwrap().contains(raw),
                "{source}"
            );
        }
    }
}

#[test]
fn check_without_findings_exits_0() {
    let folder = TempDir::new().unwrap();
    let path = folder.path().join("begroting.json");
    let out = path.to_str().unwrap();
    let extracted = kengetal(&[
        "extract",
        "--quiet",
        "-o",
        out,
        "corpus/zoetermeer-begroting-2026-programma-2.txt",
    ]);
    assert!(extracted.status.success());
    let output = kengetal(&["check", out]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("0 findings in 1 document\n")
    );
}

#[test]
fn datasets_come_from_standard_input_too() {
    let folder = TempDir::new().unwrap();
    let jsonl = std::fs::read(dataset(folder.path(), "jsonl")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["series", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&jsonl).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).lines().count() > 100);
}

#[test]
fn an_unreadable_dataset_is_a_usage_error() {
    let folder = TempDir::new().unwrap();
    let report = "corpus/zoetermeer-jaarverslag-2024-programma-2.txt";
    for command in ["series", "check"] {
        let missing = kengetal(&[command, "no-such-dataset.json"]);
        assert_eq!(missing.status.code(), Some(2));
        let stderr = String::from_utf8(missing.stderr).unwrap();
        assert!(
            stderr.contains("no-such-dataset.json: no such file"),
            "{stderr}"
        );

        // A report instead of a dataset: say what to do.
        let wrong = kengetal(&[command, report]);
        assert_eq!(wrong.status.code(), Some(2));
        let stderr = String::from_utf8(wrong.stderr).unwrap();
        assert!(stderr.contains("kengetal extract"), "{stderr}");

        let empty = folder.path().join("empty.json");
        std::fs::write(&empty, "").unwrap();
        assert_eq!(
            kengetal(&[command, empty.to_str().unwrap()]).status.code(),
            Some(2)
        );
        assert_eq!(kengetal(&[command]).status.code(), Some(2));
    }
}

#[test]
fn help_explains_both_commands() {
    for command in ["series", "check"] {
        let output = kengetal(&[command, "--help"]);
        assert!(output.status.success());
        let help = stdout(&output);
        assert!(help.contains("Examples:"), "{help}");
        assert!(help.contains("--format"), "{help}");
    }
    assert!(stdout(&kengetal(&["check", "--help"])).contains("Exit status"));
}

/// A BBV table of one municipality, in its own words and numbers.
fn bbv_report(folder: &Path, name: &str, municipality: &str, lines: &[&str]) -> PathBuf {
    let path = folder.join(name);
    let mut text = format!(
        "Programmabegroting 2025 gemeente {municipality}\n\nBeleidsindicatoren gemeente {municipality}\n\n"
    );
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn series_links_a_bbv_indicator_across_municipalities() {
    let folder = TempDir::new().unwrap();
    let one = bbv_report(
        folder.path(),
        "ede.txt",
        "Ede",
        &[
            "Indicator Eenheid Bron Periode Gemeente Nederland",
            "Winkeldiefstallen Aantal per 1.000 inwoners CBS 2023 1,7 2,4",
            "Banen Aantal per 1.000 inwoners 15-64 jaar LISA 2023 744,0 812,4",
        ],
    );
    let two = bbv_report(
        folder.path(),
        "delft.txt",
        "Delft",
        &[
            "Indicator Periode Eenheid Gemeente Provincie Nederland",
            "winkeldiefstallen 2023 Aantal per 1.000 inwoners 3,1 2,9 2,4",
        ],
    );
    let json = folder.path().join("dataset.json");
    let args = ["extract", "--quiet", "-o", json.to_str().unwrap()];
    let mut all: Vec<&str> = args.to_vec();
    all.extend([one.to_str().unwrap(), two.to_str().unwrap()]);
    assert!(kengetal(&all).status.success());
    let output = kengetal(&["series", "--format", "json", json.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let of_key = |key: &str| -> Vec<(String, String, String)> {
        let mut found: Vec<(String, String, String)> = rows
            .iter()
            .filter(|r| r["key"] == key)
            .map(|r| {
                (
                    r["municipality"].as_str().unwrap_or("?").to_owned(),
                    r["scope"].as_str().unwrap().to_owned(),
                    r["raw"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        found.sort();
        found
    };
    let triple = |m: &str, s: &str, r: &str| (m.to_owned(), s.to_owned(), r.to_owned());
    assert_eq!(
        of_key("winkeldiefstallen"),
        [
            triple("Delft", "gemeente", "3,1"),
            triple("Delft", "nederland", "2,4"),
            triple("Delft", "provincie", "2,9"),
            triple("Ede", "gemeente", "1,7"),
            triple("Ede", "nederland", "2,4"),
        ]
    );
    assert!(
        rows.iter()
            .all(|r| r["period"] == "2023" && r["year"] == 2023)
    );
    // Nederland's value beside a municipality's is context, never a finding.
    let check = kengetal(&["check", json.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}
