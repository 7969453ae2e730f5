//! Unattended batches: special files are refused at once, the output
//! cannot destroy anything, and a closed output stops the batch.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn kengetal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn records(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record per line"))
        .collect()
}

fn a_report(dir: &Path) -> String {
    let path = dir.join("a.txt");
    fs::copy("corpus/zoetermeer-begroting-2023-programma-2.txt", &path).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn an_output_that_is_no_file_is_a_usage_error_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let report = a_report(dir.path());
    let folder = dir.path().to_string_lossy().into_owned();
    let missing = dir.path().join("no/such/folder/x.json");
    for target in [folder.as_str(), "/dev/null", missing.to_str().unwrap()] {
        let started = Instant::now();
        let output = kengetal(&["extract", "--quiet", "-o", target, &report]);
        assert_eq!(output.status.code(), Some(2), "-o {target}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains("cannot write the output"), "{message}");
        assert!(started.elapsed() < Duration::from_secs(20));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let null = fs::metadata("/dev/null").unwrap().file_type();
        assert!(null.is_char_device(), "/dev/null is still a device");
    }
    let dataset = dir.path().join("dataset.json");
    let dataset = dataset.to_str().unwrap();
    assert!(
        kengetal(&["extract", "--quiet", "-o", dataset, &report])
            .status
            .success()
    );
    for command in ["series", "check"] {
        let output = kengetal(&[command, "-o", &folder, dataset]);
        assert_eq!(output.status.code(), Some(2), "{command} -o a folder");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains("is a folder"), "{message}");
    }
}

#[cfg(unix)]
#[test]
fn the_output_file_follows_the_umask_or_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let report = a_report(dir.path());
    let fresh = dir.path().join("fresh.json");
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 027 && exec \"$0\" extract --quiet -o '{}' '{report}'",
            fresh.display()
        ))
        .arg(env!("CARGO_BIN_EXE_kengetal"))
        .status()
        .unwrap();
    assert!(status.success());
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&fresh), 0o640);
    let kept = dir.path().join("kept.json");
    fs::write(&kept, "old").unwrap();
    fs::set_permissions(&kept, fs::Permissions::from_mode(0o600)).unwrap();
    let output = kengetal(&["extract", "--quiet", "-o", kept.to_str().unwrap(), &report]);
    assert!(output.status.success());
    assert_eq!(mode(&kept), 0o600);
    assert!(fs::read_to_string(&kept).unwrap().starts_with('['));
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_error_records_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let report = a_report(dir.path());
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let zero = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let mut paths = vec![report, zero.to_string_lossy().into_owned()];
    if made.is_ok_and(|s| s.success()) {
        paths.push(fifo.to_string_lossy().into_owned());
    }
    let started = Instant::now();
    // No timeout at all: a read that blocked would never end.
    let mut args = vec!["extract", "--quiet", "--format", "jsonl", "--timeout", "0"];
    args.extend(paths.iter().map(String::as_str));
    let output = kengetal(&args);
    assert!(started.elapsed() < Duration::from_secs(30));
    let found = records(&output);
    assert_eq!(found.len(), paths.len(), "one record per input");
    for record in &found[1..] {
        assert_eq!(record["error"]["kind"], "io", "{record}");
        let message = record["error"]["message"].as_str().unwrap();
        assert!(message.contains("not a regular file"), "{message}");
    }
}

#[test]
fn a_closed_output_stops_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..2000 {
        fs::write(dir.path().join(format!("d{i:04}.txt")), "Bron: CBS\n").unwrap();
    }
    let folder = dir.path().to_string_lossy().into_owned();
    let whole = Instant::now();
    let all = kengetal(&[
        "extract", "--quiet", "--format", "jsonl", "--jobs", "1", &folder,
    ]);
    let whole = whole.elapsed();
    assert_eq!(records(&all).len(), 2000);
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args([
            "extract", "--quiet", "--format", "jsonl", "--jobs", "1", &folder,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone (as `| head` goes): the batch must not go on.
    let status = child.wait().unwrap();
    let early = started.elapsed();
    assert!(status.code().is_some_and(|c| c == 0 || c == 1) || status.code().is_none());
    assert!(
        early < whole / 2,
        "a closed output took {early:?}, the whole batch {whole:?}"
    );
}

#[test]
fn a_pdf_named_like_an_option_is_read_as_a_file() {
    let installed = Command::new("pdftotext").arg("-v").output().is_ok();
    if !installed {
        eprintln!("pdftotext is not installed; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        "corpus/pdf/zoetermeer-begroting-2023-programma-2.pdf",
        dir.path().join("-v.pdf"),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .current_dir(dir.path())
        .args([
            "extract",
            "--quiet",
            "--format",
            "jsonl",
            "--pdf-backend",
            "pdftotext",
            "--",
            "-v.pdf",
        ])
        .output()
        .unwrap();
    let found = records(&output);
    assert_eq!(found.len(), 1);
    assert!(found[0]["error"].is_null(), "{}", found[0]["error"]);
    assert!(!found[0]["tables"].as_array().unwrap().is_empty());
}

/// A name no other run uses, for the test worker's stall hook
/// (`KENGETAL_TEST_STALL_ON`) and to find the processes of one batch.
#[cfg(target_os = "linux")]
fn marker(kind: &str) -> String {
    format!(
        "{kind}-{}-{}.txt",
        std::process::id(),
        std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos()
    )
}

/// Processes whose environment holds `marker`: the batch's and its workers'.
#[cfg(target_os = "linux")]
fn processes_with(marker: &str) -> Vec<i32> {
    fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|entry| {
            let environ = fs::read(entry.path().join("environ")).ok()?;
            let found = environ
                .windows(marker.len())
                .any(|w| w == marker.as_bytes());
            let pid = entry.file_name().to_string_lossy().parse::<i32>().ok()?;
            (found && pid != std::process::id() as i32).then_some(pid)
        })
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn sigterm_and_sigint_stop_the_batch_kill_the_workers_and_leave_no_file() {
    for (signal, status) in [("-TERM", 143), ("-INT", 130)] {
        let dir = tempfile::tempdir().unwrap();
        let marker = marker("signal");
        fs::write(dir.path().join("a.txt"), "Bron: x\n").unwrap();
        fs::write(dir.path().join(format!("x-{marker}")), "Bron: y\n").unwrap();
        let output = dir.path().join("dataset.json");
        let mut child = Command::new(env!("CARGO_BIN_EXE_kengetal"))
            .args(["extract", "--quiet", "--jobs", "1", "--timeout", "0", "-o"])
            .arg(&output)
            .arg(dir.path())
            .env("KENGETAL_TEST_STALL_ON", &marker)
            .spawn()
            .unwrap();
        // Let the worker reach the stalled document, then stop the batch.
        std::thread::sleep(Duration::from_millis(1500));
        assert!(
            child.try_wait().unwrap().is_none(),
            "the batch waits on the stall"
        );
        let pid = child.id().to_string();
        Command::new("kill").args([signal, &pid]).status().unwrap();
        let started = Instant::now();
        let ended = loop {
            if let Some(ended) = child.try_wait().unwrap() {
                break ended;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{signal}: still running"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(ended.code(), Some(status), "{signal}");
        assert!(!output.exists(), "{signal}: no dataset is written");
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{signal}: temporary files left: {left:?}");
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(
            processes_with(&marker),
            Vec::<i32>::new(),
            "{signal}: a worker is left"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_killed_batch_leaves_no_worker_behind() {
    let dir = tempfile::tempdir().unwrap();
    let marker = marker("orphan");
    fs::write(dir.path().join(format!("x-{marker}")), "Bron: y\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["extract", "--quiet", "--format", "jsonl", "--timeout", "0"])
        .arg(dir.path())
        .env("KENGETAL_TEST_STALL_ON", &marker)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // The worker spins on the stalled document; then the batch is killed
    // outright, with no chance to stop its workers itself.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        processes_with(&marker).len() >= 2,
        "a batch and its worker run"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let started = Instant::now();
    while !processes_with(&marker).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "a worker outlived its batch: {:?}",
            processes_with(&marker)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_timeout_stops_the_worker_and_what_it_started() {
    let dir = tempfile::tempdir().unwrap();
    let marker = marker("group");
    fs::write(dir.path().join("a.txt"), "Bron: x\n").unwrap();
    fs::write(dir.path().join(format!("x-{marker}")), "Bron: y\n").unwrap();
    // The stalled worker starts a child that sleeps, as a hung pdftotext would.
    let output = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["extract", "--quiet", "--format", "jsonl", "--timeout", "2"])
        .arg(dir.path())
        .env("KENGETAL_TEST_STALL_ON", &marker)
        .output()
        .unwrap();
    let found = records(&output);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1]["error"]["kind"], "timeout");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        processes_with(&marker),
        Vec::<i32>::new(),
        "a process outlived the timeout"
    );
}

#[test]
fn a_memory_bomb_becomes_a_crashed_record_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let report = a_report(dir.path());
    // Two million lone small numbers: far more memory to read than the
    // limit allows (and slow: without the limit it runs into the timeout).
    let bomb = dir.path().join("bomb.txt");
    let lines: String = (0..2_000_000).map(|i| format!("{}\n", i % 7)).collect();
    fs::write(&bomb, lines).unwrap();
    let started = std::time::Instant::now();
    let output = kengetal(&[
        "extract",
        "--quiet",
        "--format",
        "jsonl",
        "--jobs",
        "2",
        "--max-memory",
        "300M",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        started.elapsed().as_secs() < 30,
        "the bomb ran into the timeout"
    );
    assert_eq!(output.status.code(), Some(1));
    let all = records(&output);
    assert_eq!(all.len(), 2, "every input is a record");
    let bombed = all
        .iter()
        .find(|r| r["source"]["path"].as_str().unwrap().ends_with("bomb.txt"))
        .unwrap();
    assert_eq!(bombed["error"]["kind"], "crashed");
    assert!(
        bombed["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--max-memory 300 MiB")
    );
    let read = all
        .iter()
        .find(|r| r["source"]["path"] == report.as_str())
        .unwrap();
    assert!(read["error"].is_null() && !read["tables"].as_array().unwrap().is_empty());
}

#[test]
fn names_that_are_not_utf8_reach_the_worker_unchanged() {
    use std::os::unix::ffi::OsStrExt;
    // Two names that differ only in a byte that is no UTF-8: converted
    // lossily they are one name, and one file would carry the other's data.
    let dir = tempfile::tempdir().unwrap();
    let first = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"r\xe9port.txt"));
    let second = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"r\xe8port.txt"));
    fs::copy("corpus/zoetermeer-jaarverslag-2024-programma-2.txt", &first).unwrap();
    fs::copy("corpus/zoetermeer-begroting-2023-programma-2.txt", &second).unwrap();
    let output = kengetal(&[
        "extract",
        "--quiet",
        "--format",
        "jsonl",
        "--jobs",
        "2",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let all = records(&output);
    assert_eq!(all.len(), 2);
    let mut digests: Vec<String> = all
        .iter()
        .map(|r| {
            assert!(r["error"].is_null(), "{}", r["error"]);
            r["source"]["sha256"].as_str().unwrap().to_owned()
        })
        .collect();
    digests.sort();
    let mut expected: Vec<String> = [&first, &second]
        .iter()
        .map(|p| {
            use sha2::Digest;
            let digest = sha2::Sha256::digest(fs::read(p).unwrap());
            digest.iter().map(|b| format!("{b:02x}")).collect()
        })
        .collect();
    expected.sort();
    assert_eq!(digests, expected, "each record holds its own file's bytes");
}

/// A small tmpfs as the output's folder (root on Linux; skipped elsewhere):
/// a full disk stops the batch at once with exit 3, and leaves neither the
/// output nor a temporary file.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_stops_the_batch_with_its_own_status() {
    let mount = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(mount.path())
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("no tmpfs can be mounted here (not root?): skipped");
        return;
    }
    let unmount = || {
        let _ = Command::new("umount").arg(mount.path()).status();
    };
    let reports = tempfile::tempdir().unwrap();
    for n in 0..40 {
        fs::copy(
            "corpus/zoetermeer-jaarverslag-2024-programma-2.txt",
            reports.path().join(format!("report-{n:02}.txt")),
        )
        .unwrap();
    }
    let target = mount.path().join("dataset.jsonl");
    let output = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args([
            "extract", "--quiet", "--format", "jsonl", "--jobs", "1", "-o",
        ])
        .arg(&target)
        .arg(reports.path())
        .output()
        .unwrap();
    let left: Vec<_> = fs::read_dir(mount.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    unmount();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("No space left"), "{stderr}");
    assert!(left.is_empty(), "left behind: {left:?}");
    // The same for the tables of `series`, from a dataset that fits.
    let dataset = reports.path().join("dataset.jsonl");
    let extracted = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["extract", "--quiet", "--format", "jsonl", "-o"])
        .arg(&dataset)
        .arg(reports.path())
        .status()
        .unwrap();
    assert!(extracted.success());
    assert!(
        Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=4k", "tmpfs"])
            .arg(mount.path())
            .status()
            .unwrap()
            .success()
    );
    let series = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["series", "--tables", "-o"])
        .arg(mount.path().join("cells.csv"))
        .arg(&dataset)
        .output()
        .unwrap();
    unmount();
    assert_eq!(
        series.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&series.stderr)
    );
}
