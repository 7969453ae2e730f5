//! The `kengetal` binary as a user runs it.

use std::path::Path;
use std::process::{Command, Output};

fn kengetal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn records(output: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&output.stdout).expect("stdout is a JSON array")
}

#[test]
fn output_is_identical_for_one_and_two_jobs() {
    for format in ["json", "jsonl"] {
        let one = kengetal(&[
            "extract", "--quiet", "--format", format, "--jobs", "1", "corpus",
        ]);
        let two = kengetal(&[
            "extract", "--quiet", "--format", format, "--jobs", "2", "corpus",
        ]);
        assert!(one.status.success() && two.status.success());
        assert!(!one.stdout.is_empty());
        assert_eq!(
            one.stdout, two.stdout,
            "--jobs 1 and --jobs 2 differ for {format}"
        );
    }
}

#[test]
fn a_folder_yields_one_record_per_file_sorted_by_path() {
    let output = kengetal(&["extract", "--quiet", "corpus"]);
    let paths: Vec<String> = records(&output)
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths.len(), 8, "four texts and their four PDF twins");
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    let pdfs = paths
        .iter()
        .filter(|p| p.starts_with("corpus/pdf/") && p.ends_with(".pdf"));
    assert_eq!(pdfs.count(), 4);
}

#[test]
fn jsonl_writes_one_record_per_line() {
    let output = kengetal(&["extract", "--quiet", "--format", "jsonl", "corpus"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8);
    for line in lines {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(record["schema_version"], 1);
    }
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let output = kengetal(&["extract", "no/such/folder"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no/such/folder: no such file or folder"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    assert_eq!(
        kengetal(&["extract", "--frobnicate", "corpus"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(kengetal(&["extract"]).status.code(), Some(2));
}

#[test]
fn help_explains_every_flag_with_an_example() {
    let output = kengetal(&["extract", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--format",
        "--output",
        "--jobs",
        "--quiet",
        "PATH",
        "Examples:",
        "Exit status",
    ] {
        assert!(
            help.contains(flag),
            "--help does not mention {flag}:\n{help}"
        );
    }
}

#[test]
fn the_output_file_is_written_whole_and_no_temporary_file_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("dataset.json");
    let output = kengetal(&[
        "extract",
        "--quiet",
        "-o",
        target.to_str().unwrap(),
        "corpus",
    ]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let written: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(written.len(), 8);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "dataset.json")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_summary_line_goes_to_stderr_unless_quiet() {
    let output = kengetal(&[
        "extract",
        "corpus/zoetermeer-jaarverslag-2024-programma-2.txt",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("1 documents, 0 pages, 16 indicators, 1 tables"),
        "{stderr}"
    );
    let quiet = kengetal(&[
        "extract",
        "--quiet",
        "corpus/zoetermeer-jaarverslag-2024-programma-2.txt",
    ]);
    assert!(quiet.stderr.is_empty());
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_a_record_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "corpus/zoetermeer-jaarverslag-2024-programma-2.txt",
        dir.path().join("a.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("b.txt")).unwrap();
    std::fs::write(dir.path().join("c.txt"), b"Cli\xebnt").unwrap();
    let output = kengetal(&["extract", "--quiet", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let all = records(&output);
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["indicators"].as_array().unwrap().len(), 16);
    assert_eq!(all[1]["error"]["kind"], "io");
    assert!(Path::new(all[1]["source"]["path"].as_str().unwrap()).ends_with("b.txt"));
    assert_eq!(all[2]["warnings"][0]["code"], "encoding-fallback");
}
