//! Peak memory of `kengetal extract` does not grow with the number of
//! documents. Alone in its test binary: the peak is read from
//! `getrusage(RUSAGE_CHILDREN)`, which any other test's processes would blur.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Output};

fn kengetal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Peak memory does not grow with the number of documents.
#[cfg(unix)]
#[test]
fn memory_stays_flat_from_100_to_10000_documents() {
    use nix::sys::resource::{UsageWho, getrusage};
    let fixture = fs::read_to_string("grammars/indicator/ok/goal-without-full-stop.txt").unwrap();
    let block = fixture.split_once("----\n").unwrap().1;
    let peak_for = |documents: usize| -> i64 {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..documents {
            fs::write(dir.path().join(format!("{n:05}.txt")), block).unwrap();
        }
        let out = tempfile::NamedTempFile::new().unwrap();
        let output = kengetal(&[
            "extract",
            "--quiet",
            "--format",
            "jsonl",
            "--jobs",
            "2",
            "-o",
            out.path().to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ]);
        assert!(output.status.success());
        let written = BufReader::new(fs::File::open(out.path()).unwrap())
            .lines()
            .count();
        assert_eq!(written, documents);
        // The largest resident set of any process waited for so far.
        getrusage(UsageWho::RUSAGE_CHILDREN).unwrap().max_rss()
    };
    let small = peak_for(100);
    let large = peak_for(10_000);
    assert!(
        large < 2 * small,
        "peak RSS {large} KiB for 10,000 documents, {small} KiB for 100"
    );
}
