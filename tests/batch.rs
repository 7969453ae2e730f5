//! Ten years in bulk: the cache, shards and streaming output, as a user runs
//! them. Parses are counted from the summary line, never timed.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn kengetal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The corpus texts and PDFs, copied into a folder of their own.
fn corpus_copy() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let mut copied = Vec::new();
    for folder in ["corpus", "corpus/pdf"] {
        for entry in fs::read_dir(folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_file() {
                let target = dir.path().join(path.file_name().unwrap());
                fs::copy(&path, &target).unwrap();
                copied.push(target);
            }
        }
    }
    copied.sort();
    (dir, copied)
}

/// `(parsed, cached)` from the summary line.
fn parse_counts(output: &Output) -> (usize, usize) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let summary = stderr
        .lines()
        .find(|l| l.contains(" from the cache)"))
        .unwrap_or_else(|| panic!("no cache counts in the summary:\n{stderr}"));
    let inside = summary.split_once('(').unwrap().1;
    let mut numbers = inside
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let parsed = numbers.next().unwrap().parse().unwrap();
    let cached = numbers.next().unwrap().parse().unwrap();
    (parsed, cached)
}

fn extract_cached(input: &Path, cache: &Path, jobs: &str) -> Output {
    let output = kengetal(&[
        "extract",
        "--format",
        "jsonl",
        "--jobs",
        jobs,
        "--cache",
        cache.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn a_rerun_over_an_unchanged_corpus_parses_nothing() {
    let (input, files) = corpus_copy();
    let cache = tempfile::tempdir().unwrap();
    let first = extract_cached(input.path(), cache.path(), "2");
    assert_eq!(parse_counts(&first), (files.len(), 0));
    let second = extract_cached(input.path(), cache.path(), "2");
    assert_eq!(parse_counts(&second), (0, files.len()));
    assert_eq!(
        first.stdout, second.stdout,
        "a cached record differs from the parsed one"
    );
    // One worker instead of two finds the same entries.
    let third = extract_cached(input.path(), cache.path(), "1");
    assert_eq!(parse_counts(&third), (0, files.len()));
}

#[test]
fn after_one_file_changed_only_that_one_is_parsed() {
    let (input, files) = corpus_copy();
    let cache = tempfile::tempdir().unwrap();
    let before = extract_cached(input.path(), cache.path(), "2");
    let changed = files
        .iter()
        .find(|f| f.extension().unwrap() == "txt")
        .unwrap();
    let mut text = fs::read_to_string(changed).unwrap();
    text.push_str("\nEen regel erbij.\n");
    fs::write(changed, text).unwrap();
    let after = extract_cached(input.path(), cache.path(), "2");
    assert_eq!(parse_counts(&after), (1, files.len() - 1));
    let sha = |output: &Output| -> Vec<String> {
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]["sha256"]
                    .to_string()
            })
            .collect()
    };
    let (old, new) = (sha(&before), sha(&after));
    assert_eq!(old.iter().zip(&new).filter(|(a, b)| a != b).count(), 1);
}

#[test]
fn a_cached_record_takes_the_path_it_is_found_under_now() {
    let (input, files) = corpus_copy();
    let cache = tempfile::tempdir().unwrap();
    extract_cached(input.path(), cache.path(), "1");
    let moved = tempfile::tempdir().unwrap();
    let target = moved.path().join("renamed.txt");
    let source = files
        .iter()
        .find(|f| f.extension().unwrap() == "txt")
        .unwrap();
    fs::copy(source, &target).unwrap();
    let output = extract_cached(&target, cache.path(), "1");
    assert_eq!(parse_counts(&output), (0, 1));
    let record: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["source"]["path"], target.to_str().unwrap());
}

#[test]
fn a_damaged_cache_entry_is_parsed_again() {
    let (input, files) = corpus_copy();
    let cache = tempfile::tempdir().unwrap();
    let first = extract_cached(input.path(), cache.path(), "1");
    for entry in fs::read_dir(cache.path()).unwrap().flatten() {
        fs::write(entry.path(), b"{\"schema_version\": 1, trunc").unwrap();
    }
    let second = extract_cached(input.path(), cache.path(), "1");
    assert_eq!(parse_counts(&second), (files.len(), 0));
    assert_eq!(first.stdout, second.stdout);
}

/// Turns a cache entry into something hostile.
type MakeEntry<'a> = &'a dyn Fn(&Path);

/// The one entry of a cache folder that holds one record.
fn only_entry(cache: &Path) -> PathBuf {
    let entries: Vec<PathBuf> = fs::read_dir(cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries[0].clone()
}

#[test]
fn a_hostile_cache_entry_is_ignored_and_the_file_parsed_again() {
    let input = tempfile::tempdir().unwrap();
    let report = input.path().join("report.txt");
    fs::copy(
        "corpus/zoetermeer-jaarverslag-2024-programma-2.txt",
        &report,
    )
    .unwrap();
    let other = input.path().join("other.txt");
    fs::copy("corpus/zoetermeer-begroting-2023-programma-2.txt", &other).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let fresh = extract_cached(&report, cache.path(), "1");
    let entry = only_entry(cache.path());
    // Another file's record stored under this file's key.
    let elsewhere = tempfile::tempdir().unwrap();
    extract_cached(&other, elsewhere.path(), "1");
    fs::copy(only_entry(elsewhere.path()), &entry).unwrap();
    let hostile: [(&str, MakeEntry<'_>); 3] = [
        ("another file's record", &|_| {}),
        ("a FIFO", &|e| {
            fs::remove_file(e).unwrap();
            assert!(!e.exists());
            let made = Command::new("mkfifo").arg(e).status().unwrap();
            assert!(made.success());
        }),
        ("a link to /dev/zero", &|e| {
            fs::remove_file(e).unwrap();
            std::os::unix::fs::symlink("/dev/zero", e).unwrap();
        }),
    ];
    for (what, make) in hostile {
        make(&entry);
        let started = std::time::Instant::now();
        let again = extract_cached(&report, cache.path(), "1");
        assert!(
            started.elapsed().as_secs() < 20,
            "{what}: the entry blocked"
        );
        assert_eq!(parse_counts(&again), (1, 0), "{what}: the entry was used");
        assert_eq!(again.stdout, fresh.stdout, "{what}");
        // The parse put a good entry in its place.
        assert!(fs::symlink_metadata(&entry).unwrap().is_file(), "{what}");
    }
}

#[test]
fn a_record_with_an_error_is_not_cached() {
    let input = tempfile::tempdir().unwrap();
    let broken = input.path().join("broken.pdf");
    fs::write(&broken, b"%PDF-1.4 no more").unwrap();
    let cache = tempfile::tempdir().unwrap();
    let run = || {
        kengetal(&[
            "extract",
            "--format",
            "jsonl",
            "--cache",
            cache.path().to_str().unwrap(),
            broken.to_str().unwrap(),
        ])
    };
    assert_eq!(run().status.code(), Some(1));
    let entries = fs::read_dir(cache.path()).unwrap().flatten().count();
    assert_eq!(entries, 0, "an error record was cached");
    assert_eq!(parse_counts(&run()), (1, 0), "read again");
}

#[test]
fn shards_concatenated_in_order_are_the_whole_run() {
    let whole = kengetal(&["extract", "--quiet", "--format", "jsonl", "corpus"]);
    assert!(whole.status.success());
    let lines = String::from_utf8_lossy(&whole.stdout).lines().count();
    for count in [1, 3, 8, 11] {
        let mut joined = Vec::new();
        for index in 1..=count {
            let shard = format!("{index}/{count}");
            let part = kengetal(&[
                "extract", "--quiet", "--format", "jsonl", "--shard", &shard, "corpus",
            ]);
            assert!(part.status.success(), "shard {shard}");
            joined.extend_from_slice(&part.stdout);
        }
        assert_eq!(
            String::from_utf8_lossy(&joined),
            String::from_utf8_lossy(&whole.stdout),
            "{count} shards of {lines} documents"
        );
    }
}

#[test]
fn a_wrong_shard_is_a_usage_error() {
    for wrong in ["0/3", "4/3", "x"] {
        let output = kengetal(&["extract", "--shard", wrong, "corpus"]);
        assert_eq!(output.status.code(), Some(2), "--shard {wrong}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("K/N"));
    }
}

/// Records before a slow document are written while it is still being read.
#[test]
fn jsonl_records_are_written_as_soon_as_those_before_them_are() {
    let dir = tempfile::tempdir().unwrap();
    let marker = format!(
        "stream-{}-{}.txt",
        std::process::id(),
        std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos()
    );
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::write(dir.path().join(name), "Bron: x\n").unwrap();
    }
    // Sorted after a, b and c.
    fs::write(dir.path().join(format!("x-{marker}")), "Bron: y\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["extract", "--quiet", "--format", "jsonl", "--jobs", "2"])
        .args(["--timeout", "20", dir.path().to_str().unwrap()])
        .env("KENGETAL_TEST_STALL_ON", &marker)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for name in ["a.txt", "b.txt", "c.txt"] {
        let line = lines.next().unwrap().unwrap();
        assert!(line.contains(name), "{line}");
    }
    // The stalled document holds the batch for 20 s; the first records
    // came before it was given up.
    assert!(
        started.elapsed().as_secs() < 15 && child.try_wait().unwrap().is_none(),
        "the first records only came when the whole batch was done"
    );
    // The stalled document ends as a timeout record; nothing keeps spinning.
    child.kill().unwrap();
    child.wait().unwrap();
    #[cfg(target_os = "linux")]
    stop_processes_with(&marker);
}

/// Kills what is left of a killed batch: workers outlive their parent only
/// while they spin on the stalled test document.
#[cfg(target_os = "linux")]
fn stop_processes_with(marker: &str) {
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        if let Ok(environ) = fs::read(entry.path().join("environ"))
            && environ
                .windows(marker.len())
                .any(|w| w == marker.as_bytes())
            && let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>()
        {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        }
    }
}
