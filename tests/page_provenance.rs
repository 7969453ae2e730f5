//! No page lost or misnumbered in silence: seeded mutants of the corpus
//! PDFs (generated here) are read with pdftotext as the yardstick, and
//! PDFs built to make a reader loop or recurse end promptly. Run through the
//! binary, as a researcher would.
//!
//! Needs poppler's pdftotext (CI installs it); without it the tests say so
//! and pass, except under `CI=true`.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn kengetal(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kengetal"));
    command.args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the binary runs")
}

fn pdftotext_here() -> bool {
    let installed = Command::new("pdftotext").arg("-v").output().is_ok();
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext (poppler-utils) is required in CI"
        );
        eprintln!("pdftotext is not installed: skipped");
    }
    installed
}

/// What a poppler tool prints for `path`, or `None` when it fails.
fn poppler(tool: &str, args: &[&str], path: &Path) -> Option<String> {
    let output = Command::new(tool)
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The page count of poppler's page tree (`pdfinfo`).
fn poppler_page_count(path: &Path) -> Option<usize> {
    let output = Command::new("pdfinfo").arg(path).output().ok()?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

/// pdftotext's text of each page of poppler's page tree (a page it cannot
/// read is empty), or `None` when it reads no page.
fn pdftotext_pages(path: &Path) -> Option<Vec<String>> {
    let count = poppler_page_count(path)?;
    let args = ["-layout", "-enc", "UTF-8"];
    let all = poppler("pdftotext", &args, path)?;
    let pages: Vec<String> = all.split_terminator('\u{c}').map(str::to_owned).collect();
    if pages.len() == count {
        return Some(pages);
    }
    // pdftotext prints nothing for a page it cannot read: page by page.
    let pages = (1..=count)
        .map(|page| {
            let page = page.to_string();
            let one = [&args[..], &["-f", &page, "-l", &page]].concat();
            poppler("pdftotext", &one, path).unwrap_or_default()
        })
        .collect();
    Some(pages)
}

/// kengetal's text of each page (`kengetal text`), and its warnings;
/// `None` when it read no text.
fn kengetal_pages(path: &Path) -> Option<(Vec<String>, String)> {
    let output = kengetal(&["text", path.to_str().unwrap()], &[]);
    assert_ne!(output.status.code(), None, "{path:?}: killed by a signal");
    if !output.status.success() {
        return None;
    }
    let mut pages: Vec<String> = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let (page, rest) = line.trim_start().split_once(' ').unwrap_or(("", ""));
        let Ok(page) = page.parse::<usize>() else {
            continue;
        };
        let text = rest.split_once(" | ").map_or("", |(_, t)| t);
        if pages.len() < page {
            pages.resize(page, String::new());
        }
        pages[page - 1].push_str(text);
        pages[page - 1].push('\n');
    }
    Some((pages, String::from_utf8_lossy(&output.stderr).into_owned()))
}

/// Words of four letters or more: what both readers print alike.
fn words(text: &str) -> BTreeSet<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .collect()
}

fn printed(text: &str) -> bool {
    text.chars().any(|c| !c.is_whitespace())
}

/// A small seeded generator (no crate, the same numbers everywhere).
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

/// Byte offsets of the decimal numbers after each match of `before`.
fn numbers_after(bytes: &[u8], before: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(before.len()).position(|w| w == before) {
        let start = at + i + before.len();
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        if end > start {
            found.push((start, end));
        }
        at = start;
    }
    found
}

/// Replaces the decimal number at `span` by `value`, padded to its width
/// when it was zero-padded (xref offsets).
fn set_number(bytes: &mut Vec<u8>, span: (usize, usize), value: i64) {
    let width = span.1 - span.0;
    let padded = bytes[span.0] == b'0' && width > 1;
    let text = if padded {
        format!("{:0width$}", value.max(0))
    } else {
        value.max(0).to_string()
    };
    bytes.splice(span.0..span.1, text.into_bytes());
}

/// One damaged copy: changed bytes, an xref offset moved, a `/Length` off,
/// or the file cut short, as the adversarial run found them.
fn mutate(original: &[u8], rng: &mut Seeded) -> (&'static str, Vec<u8>) {
    let mut bytes = original.to_vec();
    match rng.next() % 4 {
        0 => {
            for _ in 0..=rng.next() % 20 {
                let at = rng.next() % bytes.len();
                bytes[at] = rng.next() as u8;
            }
            ("bytes", bytes)
        }
        1 => {
            let offsets: Vec<(usize, usize)> = numbers_after(original, b"\n")
                .into_iter()
                .filter(|&(s, e)| e - s == 10 && original[e..].starts_with(b" 00000 n"))
                .collect();
            let span = offsets[rng.next() % offsets.len()];
            let shift = [-13, -1, 1, 13, 200][rng.next() % 5];
            let value: i64 = String::from_utf8_lossy(&original[span.0..span.1])
                .parse()
                .unwrap();
            set_number(&mut bytes, span, value + shift);
            ("xref", bytes)
        }
        2 => {
            let lengths = numbers_after(original, b"/Length ");
            let span = lengths[rng.next() % lengths.len()];
            let shift = [-10, -1, 1][rng.next() % 3];
            let value: i64 = String::from_utf8_lossy(&original[span.0..span.1])
                .parse()
                .unwrap();
            set_number(&mut bytes, span, value + shift);
            ("length", bytes)
        }
        _ => {
            let keep = bytes.len() / 2 + rng.next() % (bytes.len() / 2);
            bytes.truncate(keep);
            ("truncated", bytes)
        }
    }
}

fn corpus_pdfs() -> Vec<PathBuf> {
    let mut pdfs: Vec<PathBuf> = fs::read_dir("corpus/pdf")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    pdfs
}

/// The seeded mutant set: every page pdftotext reads, kengetal reads, under
/// the same number; a page kengetal has no text for is named in a warning;
/// each record says which program read which of its pages.
#[test]
fn mutants_lose_no_page_and_keep_the_page_tree_numbers() {
    if !pdftotext_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdfs = corpus_pdfs();
    let mut rng = Seeded(0x7061_6765);
    let mutants = 120;
    let (mut compared, mut pages_compared, mut recovered) = (0, 0, 0);
    let mut problems = Vec::new();
    for n in 0..mutants {
        let original = fs::read(&pdfs[n % pdfs.len()]).unwrap();
        let (kind, bytes) = mutate(&original, &mut rng);
        let path = dir.path().join(format!("mutant-{n:03}-{kind}.pdf"));
        fs::write(&path, &bytes).unwrap();
        let Some(theirs) = pdftotext_pages(&path) else {
            continue;
        };
        let Some((ours, warnings)) = kengetal_pages(&path) else {
            problems.push(format!("{path:?}: no text, pdftotext read it"));
            continue;
        };
        compared += 1;
        if ours.len() > theirs.len() {
            problems.push(format!(
                "{path:?}: text on page {}, pdftotext has {} pages",
                ours.len(),
                theirs.len()
            ));
        }
        for (index, their) in theirs.iter().enumerate() {
            let page = index + 1;
            let our = ours.get(index).map_or("", String::as_str);
            if !printed(their) {
                continue;
            }
            pages_compared += 1;
            if !printed(our) {
                let named = warnings.contains(&format!("page {page} "))
                    || warnings.contains(&format!("page(s) {page}"));
                problems.push(format!(
                    "{path:?}: page {page} lost{}",
                    if named { "" } else { " without a warning" }
                ));
                continue;
            }
            let (a, b) = (words(our), words(their));
            let shared = a.intersection(&b).count();
            if shared * 2 < a.len().min(b.len()) {
                problems.push(format!(
                    "{path:?}: page {page} holds other text than pdftotext's page {page}"
                ));
            }
        }
    }
    // The records: one per mutant, their readers covering their pages.
    let (_, records) = batch(dir.path(), &["--jobs", "2"], &[]);
    assert_eq!(records.len(), mutants);
    for record in records.iter().filter(|r| r["error"].is_null()) {
        let pages = record["source"]["pages"].as_u64().unwrap();
        let path = Path::new(record["source"]["path"].as_str().unwrap());
        if let Some(tree) = poppler_page_count(path) {
            assert_eq!(
                pages, tree as u64,
                "{path:?}: pages, and poppler's page tree"
            );
        }
        let runs = record["source"]["readers"].as_array().unwrap();
        if runs.iter().any(|r| r["reader"] == "pdftotext") {
            recovered += 1;
        }
        let mut next = 1;
        for run in runs {
            assert_eq!(run["first"].as_u64().unwrap(), next, "{}", record["source"]);
            next = run["last"].as_u64().unwrap() + 1;
            if run["reader"] == "pdftotext" {
                assert!(
                    record["warnings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|w| w["code"] == "pdf-backend"),
                    "pages from pdftotext without a word why: {}",
                    record["source"]
                );
            }
        }
        assert_eq!(
            next,
            pages + 1,
            "readers cover the pages: {}",
            record["source"]
        );
    }
    // pdftotext alone numbers pages by poppler's page tree too, also when
    // it cannot read some of them.
    let (_, alone) = batch(dir.path(), &["--pdf-backend", "pdftotext"], &[]);
    for record in alone {
        let path = Path::new(record["source"]["path"].as_str().unwrap());
        if let (Some(pages), Some(tree)) =
            (record["source"]["pages"].as_u64(), poppler_page_count(path))
        {
            assert_eq!(pages, tree as u64, "{path:?} with pdftotext alone");
        }
    }
    eprintln!(
        "page provenance: {mutants} mutants, {compared} read by both, {pages_compared} pages compared with pdftotext, {recovered} documents with pages from pdftotext"
    );
    assert!(compared > mutants / 2, "too few mutants to compare");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A PDF from numbered objects, with a correct cross-reference table.
fn pdf(objects: &[&str]) -> Vec<u8> {
    let objects: Vec<&[u8]> = objects.iter().map(|o| o.as_bytes()).collect();
    pdf_of_bytes(&objects)
}

/// [`pdf`] for objects that are not all text (a compressed stream).
fn pdf_of_bytes(objects: &[&[u8]]) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(bytes.len());
        bytes.extend(format!("{} 0 obj\n", index + 1).into_bytes());
        bytes.extend(*object);
        bytes.extend(b"\nendobj\n");
    }
    let xref = bytes.len();
    bytes.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for offset in offsets {
        bytes.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    bytes.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    bytes
}

fn stream(dict: &str, content: &str) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A page tree whose root names the page as its parent, and a page that
/// inherits its MediaBox: looking the box up climbs the cycle.
fn page_tree_cycle() -> Vec<u8> {
    pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        &stream("", "BT /F1 12 Tf 72 700 Td (Lasten jeugdzorg 4.250) Tj ET"),
        FONT,
    ])
}

/// A page that draws a form, which draws itself.
fn self_drawing_form() -> Vec<u8> {
    pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>",
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
        &stream(
            "",
            "BT /F1 12 Tf 72 760 Td (Baten sport 1.375) Tj ET /X1 Do",
        ),
        FONT,
        &stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>",
            "BT /F1 12 Tf 72 700 Td (Saldo 2.875) Tj ET /X1 Do",
        ),
    ])
}

fn warnings(record: &Value) -> Vec<(String, String)> {
    record["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["code"].as_str().unwrap().to_owned(),
                w["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// `kengetal extract --quiet --format jsonl EXTRA PATH`: its output and
/// its records.
fn batch(path: &Path, extra: &[&str], env: &[(&str, &str)]) -> (Output, Vec<Value>) {
    let mut args = vec!["extract", "--quiet", "--format", "jsonl"];
    args.extend_from_slice(extra);
    args.push(path.to_str().unwrap());
    let output = kengetal(&args, env);
    let records = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (output, records)
}

/// The record of one file.
fn extracted(path: &Path, extra: &[&str]) -> Value {
    let extra = [&["--timeout", "20"], extra].concat();
    let (_, mut records) = batch(path, &extra, &[]);
    records.swap_remove(0)
}

#[test]
fn a_page_tree_cycle_and_a_form_that_draws_itself_end_at_once() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, why) in [
        ("cycle.pdf", page_tree_cycle(), "MediaBox"),
        ("form.pdf", self_drawing_form(), "draws itself"),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let started = Instant::now();
        let own = extracted(&path, &["--pdf-backend", "pdf-extract"]);
        assert!(started.elapsed() < Duration::from_secs(10), "{name}: slow");
        assert!(own["error"].is_null(), "{name}: {own}");
        let unreadable = warnings(&own)
            .into_iter()
            .find(|(code, _)| code == "page-unreadable")
            .unwrap_or_else(|| panic!("{name}: no page-unreadable warning: {own}"));
        assert!(unreadable.1.contains(why), "{name}: {unreadable:?}");
        // `kengetal text` no longer aborts (status 134) on the form.
        let text = kengetal(
            &[
                "text",
                "--pdf-backend",
                "pdf-extract",
                path.to_str().unwrap(),
            ],
            &[],
        );
        assert_eq!(text.status.code(), Some(0), "{name}: {text:?}");
        if pdftotext_here() {
            let auto = extracted(&path, &[]);
            assert_eq!(
                auto["source"]["readers"],
                serde_json::json!([{"first": 1, "last": 1, "reader": "pdftotext"}]),
                "{name}: {auto}"
            );
        }
    }
}

#[test]
fn a_pdf_that_hangs_pdf_extract_is_read_with_pdftotext_in_a_new_process() {
    if !pdftotext_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let marker = format!(
        "hang-{}-{}.pdf",
        std::process::id(),
        std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos()
    );
    let source = &corpus_pdfs()[0];
    let path = dir.path().join(&marker);
    fs::copy(source, &path).unwrap();
    let (output, mut records) = batch(
        &path,
        &["--timeout", "2"],
        &[("KENGETAL_TEST_STALL_ON", &marker)],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let record = records.swap_remove(0);
    assert!(record["error"].is_null(), "{record}");
    let note = warnings(&record)
        .into_iter()
        .find(|(code, _)| code == "pdf-backend")
        .expect("a pdf-backend warning");
    assert!(note.1.contains("--timeout 2"), "{note:?}");
    let pages = record["source"]["pages"].clone();
    assert_eq!(
        record["source"]["readers"],
        serde_json::json!([{"first": 1, "last": pages, "reader": "pdftotext"}])
    );
    let direct = extracted(source, &["--pdf-backend", "pdftotext"]);
    assert_eq!(
        record["tables"], direct["tables"],
        "the same tables as pdftotext's reading"
    );
}

/// A zlib stream of `prefix` and then `spaces` spaces, made without
/// compressing them all: after a full flush a deflate encoder starts
/// afresh, so every 4 MiB of spaces compresses to the same bytes.
fn zlib_bomb(prefix: &[u8], chunks: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    const CHUNK: usize = 4 << 20;
    let compress = |encoder: &mut Compress, data: &[u8], flush| {
        let mut out = Vec::with_capacity(data.len() / 100 + 1024);
        encoder.compress_vec(data, &mut out, flush).unwrap();
        out
    };
    let mut encoder = Compress::new(Compression::best(), false);
    let spaces = vec![b' '; CHUNK];
    let head = compress(&mut encoder, prefix, FlushCompress::Full);
    let chunk = compress(&mut encoder, &spaces, FlushCompress::Full);
    assert_eq!(chunk, compress(&mut encoder, &spaces, FlushCompress::Full));
    let tail = compress(&mut encoder, &[], FlushCompress::Finish);
    // Adler-32 of the whole: the prefix byte by byte, the spaces at once.
    const M: u128 = 65521;
    let (mut a, mut b) = (1u128, 0u128);
    for &byte in prefix {
        a = (a + u128::from(byte)) % M;
        b = (b + a) % M;
    }
    let n = (CHUNK * (chunks + 2)) as u128;
    let v = u128::from(b' ');
    b = (b + n * a + v * (n * (n + 1) / 2)) % M;
    a = (a + n * v) % M;
    let mut stream = vec![0x78, 0xda];
    stream.extend(head);
    for _ in 0..chunks + 2 {
        stream.extend(&chunk);
    }
    stream.extend(tail);
    stream.extend((((b << 16) | a) as u32).to_be_bytes());
    stream
}

/// A decompression bomb (a 600 MiB content stream in well under a MiB):
/// pdf-extract runs into `--max-memory`, and the document is read again
/// with pdftotext, which reads the stream as it goes, in a new worker;
/// the batch goes on.
#[test]
fn a_decompression_bomb_stays_under_the_memory_limit_and_the_batch_goes_on() {
    if !pdftotext_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let stream = zlib_bomb(
        b"BT /F1 12 Tf 72 700 Td (Lasten jeugdzorg 4.250) Tj ET",
        148,
    );
    assert!(stream.len() < 1 << 20, "{} bytes", stream.len());
    let mut content = format!(
        "<< /Filter /FlateDecode /Length {} >>\nstream\n",
        stream.len()
    )
    .into_bytes();
    content.extend(&stream);
    content.extend(b"\nendstream");
    let bytes = pdf_of_bytes(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        &content,
        FONT.as_bytes(),
    ]);
    fs::write(dir.path().join("bomb.pdf"), &bytes).unwrap();
    fs::copy(&corpus_pdfs()[0], dir.path().join("good.pdf")).unwrap();
    let started = Instant::now();
    let (output, records) = batch(
        dir.path(),
        &["--jobs", "1", "--max-memory", "300M", "--timeout", "60"],
        &[],
    );
    assert!(started.elapsed() < Duration::from_secs(100), "too slow");
    assert_eq!(records.len(), 2, "{output:?}");
    let bomb = &records[0];
    let good = &records[1];
    assert!(good["error"].is_null() && !good["tables"].as_array().unwrap().is_empty());
    let said: String = warnings(bomb).into_iter().map(|(_, m)| m).collect();
    let recovered = bomb["error"].is_null()
        && bomb["source"]["readers"][0]["reader"] == "pdftotext"
        && said.contains("--max-memory 300 MiB");
    let stopped = bomb["error"]["kind"] == "crashed";
    eprintln!(
        "decompression bomb: {} in {:.1} s",
        if recovered {
            "pdf-extract stopped at the limit, pdftotext read it"
        } else {
            "stopped at the limit"
        },
        started.elapsed().as_secs_f64()
    );
    assert!(recovered || stopped, "{bomb}");
}
