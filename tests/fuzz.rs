//! A seeded fuzz run on stable Rust, bounded to fit CI: mutants of the
//! corpus texts read in-process, mutants of the corpus PDFs read by the
//! batch (workers, timeouts), and hostile datasets given to `series` and
//! `check`. The same seed gives the same mutants; each test prints what it
//! checked (`cargo test --test fuzz -- --nocapture`).
//!
//! What must hold for every mutant:
//! - no panic escapes, and every input is one record;
//! - the census adds up: `figures = read + unread`;
//! - nothing is invented: every observation's and every cell's printed text
//!   stands on the line the record cites for it.

use kengetal::extract::extract_text;
use kengetal::ingest::text::document;
use std::fs;
use std::path::Path;
use std::process::Command;

/// The seed of every run; change it to explore, keep it to reproduce.
const SEED: u64 = 0x6b65_6e67_6574_616c;

/// Mutants per corpus text.
const TEXT_MUTANTS: usize = 60;

/// PDF mutants in all (read by the batch, so each may cost a timeout).
const PDF_MUTANTS: usize = 16;

/// Dataset mutants for `series` and for `check`.
const DATASET_MUTANTS: usize = 12;

/// Lines one printed cell may take (a value with its share stacked under it).
const STACKED_LINES: usize = 3;

const TEXTS: [&str; 4] = [
    "corpus/zoetermeer-begroting-2023-programma-2.txt",
    "corpus/zoetermeer-begroting-2026-programma-2.txt",
    "corpus/zoetermeer-jaarverslag-2024-programma-2.txt",
    "corpus/zoetermeer-rapportage-sociaal-domein-2019-2.txt",
];

/// A small, seeded generator (xorshift64*): no dependency, same stream on
/// every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes a report's damage is made of: digits, separators, signs, letters
/// OCR confuses, spacing, line and page breaks, bytes that are no UTF-8.
const POOL: &[u8] = b"0123456789.,-%\xe2\x82\xac |:;()lIO \n\n\x0c\t\xff\xc3";

/// One mutant of `bytes`: a few flips, insertions, deletions, line
/// duplications or a truncation.
fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.below(8) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        match rng.below(6) {
            0 => out[at] = POOL[rng.below(POOL.len())],
            1 => out.insert(at, POOL[rng.below(POOL.len())]),
            2 => {
                let end = (at + 1 + rng.below(40)).min(out.len());
                out.drain(at..end);
            }
            3 => {
                // A line printed twice.
                let start = out[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = out[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(out.len(), |i| at + i + 1);
                let line = out[start..end].to_vec();
                out.splice(end..end, line);
            }
            4 => out[at] = out[at].wrapping_add(1 + rng.below(3) as u8),
            _ => out.truncate(at.max(out.len() * 3 / 4)),
        }
    }
    out
}

/// What a record says it read that its lines do not print, if anything.
fn invented(bytes: &[u8], record: &kengetal::model::DocumentRecord) -> Vec<String> {
    let lines = document(bytes).lines;
    // A cell may stack over lines (`53` / `(11%)`): its text stands on its
    // line and the few after it.
    let printed = |line: usize, raw: &str| {
        let compact = |s: &str| s.split_whitespace().collect::<String>();
        let Some(from) = line.checked_sub(1).filter(|&i| i < lines.len()) else {
            return false;
        };
        let around: String = lines[from..(from + STACKED_LINES).min(lines.len())]
            .iter()
            .map(|l| compact(&l.text))
            .collect();
        around.contains(&compact(raw))
    };
    let mut wrong = Vec::new();
    for observation in record.indicators.iter().flat_map(|i| &i.observations) {
        if !printed(observation.line, &observation.raw) {
            wrong.push(format!(
                "observation {:?} on line {}",
                observation.raw, observation.line
            ));
        }
    }
    for row in record.tables.iter().flat_map(|t| &t.rows) {
        for (column, raw) in row.raw.iter().enumerate() {
            if !raw.is_empty() && !printed(row.cell_line(column), raw) {
                wrong.push(format!("cell {raw:?} on line {}", row.cell_line(column)));
            }
        }
    }
    wrong
}

#[test]
fn text_mutants_invent_nothing_and_lose_nothing_silently() {
    let mut rng = Rng(SEED);
    let (mut mutants, mut values, mut figures) = (0, 0, 0);
    for path in TEXTS {
        let original = fs::read(path).unwrap();
        for n in 0..TEXT_MUTANTS {
            let bytes = mutate(&original, &mut rng);
            let name = format!("{path}#{n}");
            let record = std::panic::catch_unwind(|| extract_text(&name, &bytes))
                .unwrap_or_else(|_| panic!("{name}: a panic escaped"));
            let coverage = record.coverage;
            assert_eq!(coverage.figures, coverage.read + coverage.unread, "{name}");
            assert_eq!(coverage.unread, record.unread.len(), "{name}");
            let wrong = invented(&bytes, &record);
            assert!(wrong.is_empty(), "{name}: {wrong:#?}");
            mutants += 1;
            values += record
                .indicators
                .iter()
                .map(|i| i.observations.len())
                .sum::<usize>()
                + record
                    .tables
                    .iter()
                    .flat_map(|t| &t.rows)
                    .map(|r| r.raw.len())
                    .sum::<usize>();
            figures += coverage.figures;
        }
    }
    eprintln!(
        "fuzz (seed {SEED:#x}): {mutants} text mutants; {values} values each printed on its cited line; {figures} figures counted, read + unread"
    );
}

#[test]
fn pdf_mutants_each_give_one_record_and_stop_the_batch_never() {
    let mut rng = Rng(SEED ^ 0x0050_4446);
    let folder = tempfile::tempdir().unwrap();
    let pdfs: Vec<_> = fs::read_dir("corpus/pdf")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    for n in 0..PDF_MUTANTS {
        let original = fs::read(&pdfs[n % pdfs.len()]).unwrap();
        let mutant = mutate(&original, &mut rng);
        fs::write(folder.path().join(format!("mutant-{n:02}.pdf")), mutant).unwrap();
    }
    let output = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["extract", "--quiet", "--format", "jsonl", "--timeout", "8"])
        .arg(folder.path())
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    let records: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), PDF_MUTANTS, "every mutant is one record");
    let mut kinds = std::collections::BTreeMap::new();
    for record in &records {
        let kind = record["error"]["kind"].as_str().unwrap_or("read");
        *kinds.entry(kind.to_owned()).or_insert(0) += 1;
        let coverage = &record["coverage"];
        assert_eq!(
            coverage["figures"].as_u64(),
            Some(coverage["read"].as_u64().unwrap() + coverage["unread"].as_u64().unwrap())
        );
    }
    eprintln!("fuzz (seed {SEED:#x}): {PDF_MUTANTS} PDF mutants, one record each: {kinds:?}");
}

#[test]
fn hostile_datasets_never_crash_series_or_check() {
    let mut rng = Rng(SEED ^ 0x4441_5441);
    let folder = tempfile::tempdir().unwrap();
    let dataset = folder.path().join("dataset.jsonl");
    let made = Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["extract", "--quiet", "--format", "jsonl", "-o"])
        .arg(&dataset)
        .args(TEXTS)
        .status()
        .unwrap();
    assert!(made.success());
    let original = fs::read(&dataset).unwrap();
    let mut statuses = std::collections::BTreeMap::new();
    for n in 0..DATASET_MUTANTS {
        let mutant = folder.path().join(format!("mutant-{n}.jsonl"));
        fs::write(&mutant, mutate(&original, &mut rng)).unwrap();
        for command in ["series", "check"] {
            let output = run(command, &mutant);
            let code = output.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "{command} on mutant {n}: {:?}",
                output.status
            );
            if code == Some(2) {
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert!(stderr.contains("cannot read dataset"), "{stderr}");
            }
            *statuses.entry((command, code.unwrap())).or_insert(0) += 1;
        }
    }
    eprintln!(
        "fuzz (seed {SEED:#x}): {DATASET_MUTANTS} dataset mutants; exit statuses {statuses:?}"
    );
}

fn run(command: &str, dataset: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(
            [command, "--quiet"]
                .iter()
                .filter(|a| command == "check" || **a != "--quiet"),
        )
        .arg(dataset)
        .output()
        .unwrap()
}
