//! Bad input never stops a batch: every file is a record, data or error,
//! and the batch goes on. Run through the binary, as a researcher would.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SMALL_PDF: &str = "corpus/pdf/zoetermeer-begroting-2023-programma-2.pdf";
const SMALL_PDF_PAGES: u64 = 6;

fn kengetal(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kengetal"));
    command.args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the binary runs")
}

fn extract(paths: &[&Path], extra: &[&str]) -> (Output, Vec<Value>) {
    let mut args = vec!["extract", "--quiet", "--format", "jsonl"];
    args.extend_from_slice(extra);
    let paths: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    args.extend(paths.iter().map(String::as_str));
    let output = kengetal(&args, &[]);
    let records = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a record"))
        .collect();
    (output, records)
}

fn single(path: &Path, extra: &[&str]) -> Value {
    let (output, records) = extract(&[path], extra);
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("panicked"),
        "a panic reached stderr"
    );
    assert_eq!(records.len(), 1, "{path:?} gave {} records", records.len());
    records.into_iter().next().unwrap()
}

fn with_pdftotext() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn small_pdf() -> Vec<u8> {
    fs::read(SMALL_PDF).unwrap()
}

fn codes(record: &Value) -> Vec<String> {
    record["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_truncated_pdf_is_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = small_pdf();
    let path = write(dir.path(), "truncated.pdf", &bytes[..bytes.len() / 2]);
    let record = single(&path, &[]);
    match record["error"]["kind"].as_str() {
        None => assert!(record["source"]["pages"].as_u64().unwrap() > 0),
        Some(kind) => assert_eq!(kind, "unreadable-pdf"),
    }
}

#[test]
fn a_corrupted_content_stream_costs_only_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = small_pdf();
    // The middle of the second page's content stream (ASCII85 + Flate).
    let streams: Vec<usize> = bytes
        .windows(7)
        .enumerate()
        .filter(|(_, w)| *w == b"stream\n")
        .map(|(i, _)| i + 7)
        .collect();
    let target = streams[1] + 300;
    for byte in &mut bytes[target..target + 40] {
        *byte = b'~';
    }
    let path = write(dir.path(), "corrupt.pdf", &bytes);
    // pdf-extract returns Ok with the page's text silently incomplete: the
    // strict check says so.
    let record = single(&path, &["--pdf-backend", "pdf-extract"]);
    assert!(record["error"].is_null(), "{record}");
    let damaged: Vec<&Value> = record["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "page-damaged")
        .collect();
    assert_eq!(damaged.len(), 1, "{:?}", record["warnings"]);
    assert_eq!(damaged[0]["page"], 2);
    assert!(
        !record["tables"].as_array().unwrap().is_empty(),
        "the other pages are kept"
    );
    if with_pdftotext() {
        let recovered = single(&path, &[]);
        assert!(
            codes(&recovered).contains(&"pdf-backend".to_owned()),
            "{:?}",
            recovered["warnings"]
        );
    }
}

#[test]
fn random_bytes_named_pdf_and_an_empty_pdf_are_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    for (name, bytes) in [
        ("random.pdf", random.as_slice()),
        ("empty.pdf", b"".as_slice()),
    ] {
        let record = single(&write(dir.path(), name, bytes), &[]);
        assert_eq!(
            record["error"]["kind"], "unreadable-pdf",
            "{name}: {record}"
        );
        assert!(record["indicators"].as_array().unwrap().is_empty());
    }
}

#[test]
fn an_encrypted_pdf_with_a_user_password_is_an_encrypted_record() {
    let record = single(
        Path::new("tests/fixtures/pdf/encrypted-user-password.pdf"),
        &[],
    );
    assert_eq!(record["error"]["kind"], "encrypted", "{record}");
}

#[test]
fn an_encrypted_pdf_with_an_empty_user_password_is_read() {
    let record = single(
        Path::new("tests/fixtures/pdf/encrypted-empty-password.pdf"),
        &[],
    );
    assert!(record["error"].is_null(), "{record}");
    assert_eq!(record["tables"].as_array().unwrap().len(), 9);
}

#[test]
fn shifted_xref_offsets_are_repaired_by_the_fallback() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = small_pdf();
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.splice(header_end..header_end, *b"%shift%\n");
    let path = write(dir.path(), "shifted.pdf", &bytes);
    let record = single(&path, &[]);
    if with_pdftotext() {
        assert!(record["error"].is_null(), "{record}");
        assert_eq!(record["tables"].as_array().unwrap().len(), 9);
    } else {
        assert!(record["error"].is_null() || record["error"]["kind"] == "unreadable-pdf");
    }
}

#[test]
fn a_page_without_a_media_box_is_a_warning_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = small_pdf();
    let at = bytes.windows(9).position(|w| w == b"/MediaBox").unwrap();
    bytes[at..at + 9].copy_from_slice(b"/MediaBoy");
    let path = write(dir.path(), "no-mediabox.pdf", &bytes);
    let record = single(&path, &["--pdf-backend", "pdf-extract"]);
    assert!(record["error"].is_null(), "{record}");
    let warnings = record["warnings"].as_array().unwrap();
    let page = warnings
        .iter()
        .find(|w| w["code"] == "page-unreadable")
        .expect("a page-unreadable warning");
    assert_eq!(page["page"], 1);
    assert!(
        page["message"].as_str().unwrap().contains("MediaBox"),
        "{page}"
    );
    if with_pdftotext() {
        let recovered = single(&path, &[]);
        assert!(codes(&recovered).contains(&"pdf-backend".to_owned()));
        assert_eq!(recovered["tables"].as_array().unwrap().len(), 9);
    }
}

#[test]
fn empty_and_huge_text_files_are_records() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"");
    let huge = write(
        dir.path(),
        "huge.txt",
        "Begroting 1.300 48,9 % woord ".repeat(360_000).as_bytes(),
    );
    assert!(fs::metadata(&huge).unwrap().len() > 10_000_000);
    let (output, records) = extract(&[dir.path()], &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(records.len(), 2);
    for (record, path) in records.iter().zip([&empty, &huge]) {
        assert_eq!(record["source"]["path"], path.to_string_lossy().as_ref());
        assert!(record["error"].is_null());
        assert!(record["indicators"].as_array().unwrap().is_empty());
    }
}

#[test]
fn a_file_over_max_bytes_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.txt", &vec![b'x'; 5000]);
    let record = single(&path, &["--max-bytes", "1K"]);
    assert_eq!(record["error"]["kind"], "too-large", "{record}");
}

#[test]
fn a_folder_without_readable_files_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.md", b"# nothing to read");
    let output = kengetal(&["extract", dir.path().to_str().unwrap()], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "[]\n");
    assert!(String::from_utf8_lossy(&output.stderr).contains("no *.txt or *.pdf files"));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_ends_and_each_file_appears_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Bron: x");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let (output, records) = extract(&[dir.path()], &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(records.len(), 1);
}

#[test]
fn a_document_that_never_finishes_times_out_and_its_process_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let marker = format!(
        "stall-{}-{}.txt",
        std::process::id(),
        std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos()
    );
    let first = write(dir.path(), "a.txt", b"Bron: x");
    let stall = write(dir.path(), &marker, b"Bron: y");
    let last = write(dir.path(), "z.txt", b"Bron: z");
    let started = std::time::Instant::now();
    let output = kengetal(
        &[
            "extract",
            "--quiet",
            "--format",
            "jsonl",
            "--timeout",
            "1",
            "--jobs",
            "1",
            dir.path().to_str().unwrap(),
        ],
        &[("KENGETAL_TEST_STALL_ON", &marker)],
    );
    assert!(
        started.elapsed().as_secs() < 30,
        "the batch did not move on"
    );
    assert_eq!(output.status.code(), Some(1));
    let records: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let paths: Vec<&str> = records
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = [&first, &stall, &last]
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut sorted = expected.clone();
    sorted.sort();
    assert_eq!(paths, sorted.iter().map(String::as_str).collect::<Vec<_>>());
    let timed_out = records
        .iter()
        .find(|r| r["source"]["path"].as_str().unwrap().ends_with(&marker))
        .unwrap();
    assert_eq!(timed_out["error"]["kind"], "timeout");
    assert_eq!(records.iter().filter(|r| r["error"].is_null()).count(), 2);
    // No process is left spinning on the stalled document.
    #[cfg(target_os = "linux")]
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        if let Ok(environ) = fs::read(entry.path().join("environ")) {
            let needle = marker.as_bytes();
            assert!(
                !environ.windows(needle.len()).any(|w| w == needle),
                "process {:?} still runs for the stalled document",
                entry.file_name()
            );
        }
    }
}

/// A few hundred copies of a PDF with random bytes changed (seeded): no
/// panic escapes, nothing hangs, every file is accounted for.
#[test]
fn mutated_pdfs_never_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let original = small_pdf();
    let mut seed: u64 = 0x6b656e67;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    let copies = 300;
    let mut names = BTreeSet::new();
    for copy in 0..copies {
        let mut bytes = original.clone();
        for _ in 0..=(next() % 20) {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        let name = format!("mutant-{copy:03}.pdf");
        write(dir.path(), &name, &bytes);
        names.insert(dir.path().join(name).to_string_lossy().into_owned());
    }
    let started = std::time::Instant::now();
    let (output, records) = extract(&[dir.path()], &["--jobs", "2", "--timeout", "30"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "status {:?}: {stderr}",
        output.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let paths: BTreeSet<String> = records
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(records.len(), copies);
    assert_eq!(paths, names, "every file exactly once");
    let mut recovered = 0u64;
    let mut failed = 0;
    for record in &records {
        if record["error"].is_null() {
            let pages = record["source"]["pages"]
                .as_u64()
                .unwrap_or(0)
                .min(SMALL_PDF_PAGES);
            let lost = codes(record)
                .iter()
                .filter(|c| *c == "page-unreadable" || *c == "page-damaged")
                .count() as u64;
            recovered += pages.saturating_sub(lost);
        } else {
            failed += 1;
        }
    }
    let share = recovered as f64 / (copies as u64 * SMALL_PDF_PAGES) as f64;
    eprintln!(
        "mutation test: {copies} PDFs with 1-20 random bytes changed, {failed} unreadable, {:.1}% of pages recovered, in {:.1} s",
        share * 100.0,
        started.elapsed().as_secs_f64()
    );
    assert!(share > 0.5, "only {:.1}% of pages recovered", share * 100.0);
}
