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
    // The failed file is named on stderr, one line: `path: kind: message`.
    let stderr = String::from_utf8_lossy(&output.stderr);
    let failed: Vec<&str> = stderr.lines().collect();
    assert_eq!(failed.len(), 1, "{stderr}");
    let b = dir.path().join("b.txt");
    assert!(
        failed[0].starts_with(&format!("{}: io: ", b.display())),
        "{stderr}"
    );
}

#[test]
fn version_names_the_parser_version_the_cache_keys_on() {
    let output = kengetal(&["--version"]);
    assert!(output.status.success());
    let version = String::from_utf8(output.stdout).unwrap();
    let parser = version
        .split("(parser ")
        .nth(1)
        .and_then(|v| v.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("{version}"));
    assert!(parser.starts_with(env!("CARGO_PKG_VERSION")), "{version}");
    assert_eq!(
        parser,
        kengetal::cache::PARSER_VERSION,
        "the version --cache keys on"
    );
}

#[test]
fn completions_and_man_page_name_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = kengetal(&["completions", shell]);
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for command in ["extract", "export", "series", "check", "schema", "text"] {
            assert!(script.contains(command), "{shell}: {command}");
        }
        assert!(
            !script.contains("subcmd__worker") && !script.contains("one at a time (used by"),
            "{shell}: the hidden worker"
        );
    }
    let man = kengetal(&["man"]);
    assert!(man.status.success());
    let page = String::from_utf8(man.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH kengetal 1"),
        "{page}"
    );
    assert!(page.contains("export") && page.contains("series"));
    assert_eq!(kengetal(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn top_level_help_has_examples_and_exit_statuses() {
    let output = kengetal(&["--help"]);
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(help.contains("Examples:"), "{help}");
    assert!(help.contains("kengetal export dataset.json --to tables/"));
    assert!(help.contains("Exit status"));
}

/// A folder with the jaarverslag and a lone row of figures no grammar reads.
fn corpus_and_lone_row() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "corpus/zoetermeer-jaarverslag-2024-programma-2.txt",
        dir.path().join("a.txt"),
    )
    .unwrap();
    let fixture = std::fs::read_to_string("grammars/census/a-lone-row.txt").unwrap();
    let text = fixture.split_once("\n----\n").unwrap().1;
    std::fs::write(dir.path().join("b.txt"), text).unwrap();
    dir
}

#[test]
fn the_summary_line_gives_the_batch_coverage() {
    let dir = corpus_and_lone_row();
    // The summary is printed for a written file (stdout here is a pipe,
    // which `-o` refuses).
    let target = tempfile::tempdir().unwrap();
    let written = target.path().join("out.json");
    let output = kengetal(&[
        "extract",
        "-o",
        written.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // 80 figures read in the jaarverslag; 3 unread in the lone row.
    assert!(
        stderr.contains("; 96.3 % of 83 figures read; 3 unread in 1 documents in "),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(0), "no --fail-under: exit 0");
}

#[test]
fn fail_under_names_each_document_below_it_and_exits_1() {
    let dir = corpus_and_lone_row();
    let folder = dir.path().to_str().unwrap();
    let output = kengetal(&["extract", "--fail-under", "99", folder]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let named: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("--fail-under"))
        .collect();
    assert_eq!(named.len(), 1, "{stderr}");
    assert!(
        named[0].contains("b.txt (0.0 % of 3 figures read)"),
        "{stderr}"
    );
    assert_eq!(records(&output).len(), 2, "the dataset is still written");
    let passing = kengetal(&["extract", "--quiet", "--fail-under", "0", folder]);
    assert_eq!(passing.status.code(), Some(0));
    let wrong = kengetal(&["extract", "--fail-under", "120", folder]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("no percentage"));
}

#[test]
fn text_unread_points_at_each_unread_figure() {
    let dir = corpus_and_lone_row();
    let file = dir.path().join("b.txt");
    let output = kengetal(&["text", "--unread", file.to_str().unwrap()]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let marked: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with('!'))
        .collect();
    assert_eq!(marked.len(), 1, "the one row:\n{stdout}");
    let row = marked[0];
    assert!(
        lines[row].ends_with("| Algemene reserve 14.250 13.980 12.605"),
        "{stdout}"
    );
    let pointer = lines[row + 1];
    let column = |s: &str, needle: &str| s.find(needle).unwrap();
    assert_eq!(
        column(pointer, "^^^^^^"),
        column(lines[row], "14.250"),
        "{stdout}"
    );
    assert!(pointer.contains("^^^^^^ ^^^^^^ ^^^^^^ unread"), "{stdout}");
    assert!(
        pointer.ends_with("unread: 14.250 (no-grammar), 13.980 (no-grammar), 12.605 (no-grammar)")
    );
    let plain = kengetal(&["text", file.to_str().unwrap()]);
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(
        !plain.contains("unread") && !plain.contains('!'),
        "marks only with --unread"
    );
}

/// `extract` with `input` on standard input.
fn extract_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["extract", "--quiet", "--format", "jsonl"])
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A reader that stops early (`--max-bytes`) may close the pipe: fine.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

#[test]
fn a_dash_reads_one_document_from_standard_input() {
    for file in [
        "corpus/zoetermeer-jaarverslag-2024-programma-2.txt",
        "corpus/pdf/zoetermeer-jaarverslag-2024-programma-2.pdf",
    ] {
        let piped = extract_stdin(&["-"], &std::fs::read(file).unwrap());
        assert_eq!(piped.status.code(), Some(0), "{file}");
        let mut from_stdin: serde_json::Value = serde_json::from_slice(&piped.stdout).unwrap();
        assert_eq!(from_stdin["source"]["path"], "-");
        let named = kengetal(&["extract", "--quiet", "--format", "jsonl", file]);
        let from_file: serde_json::Value = serde_json::from_slice(&named.stdout).unwrap();
        // The same record but for the path, fields in the same order.
        from_stdin["source"]["path"] = file.into();
        assert_eq!(from_stdin, from_file, "{file}");
        let text = String::from_utf8(piped.stdout).unwrap();
        assert!(
            text.starts_with("{\"schema_version\":1,\"source\":{\"path\":\"-\""),
            "{text:.80}"
        );
    }
    // Larger than --max-bytes: a too-large record, stdin never read whole.
    let big = vec![b'x'; 50_000];
    let refused = extract_stdin(&["--max-bytes", "1000", "-"], &big);
    assert_eq!(refused.status.code(), Some(1));
    let record: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(record["error"]["kind"], "too-large");
    assert!(String::from_utf8_lossy(&refused.stderr).starts_with("-: too-large: "));
    // Twice is a usage error.
    assert_eq!(extract_stdin(&["-", "-"], b"").status.code(), Some(2));
}
