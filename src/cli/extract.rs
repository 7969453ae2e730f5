//! `kengetal extract`: reports in, dataset out.

use super::files::write_failed;
use crate::cache::Cache;
use crate::ingest::ReadOptions;
use crate::ingest::discover::{InputFile, discover};
use crate::ingest::pdf::Backend;
use crate::output::{Format, RecordWriter, check_target, write_to};
use crate::pipeline::{self, Config};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const EXAMPLES: &str = "\
Examples:
  kengetal extract corpus -o dataset.json
      every *.txt and *.pdf under corpus/, as one JSON array
  kengetal extract --format jsonl --jobs 4 reports/ > dataset.jsonl
      one record per line, four documents at a time
  kengetal extract --pdf-backend pdftotext --timeout 300 jaarverslag-2024.pdf
  kengetal extract --format jsonl --cache ~/.cache/kengetal reports/ > dataset.jsonl
      a re-run parses only the files that changed (or all, after an upgrade)
  kengetal extract --format jsonl --shard 3/10 reports/ > part-03.jsonl
      the third of ten slices; `cat part-*.jsonl` is the whole dataset
  kengetal extract --fail-under 99 reports/ -o dataset.json
      exit 1 (naming them) when a report has more than 1 % of its figures unread

Every input file yields exactly one record: its data, or an `error`
({kind, message}: io, too-large, unreadable-pdf, encrypted, timeout, crashed)
saying why it could not be read, and the batch goes on. Each document is read
in a worker process, so a file that hangs or crashes a library costs only
itself. Exit status: 0 when every document was read, 1 when one or more
failed or (with --fail-under) read too few of its figures (the dataset is
still written), 2 for a usage error, 3 when the output could not be written
(a full disk: the batch stops at once), 130 (SIGINT, Ctrl-C) or 143
(SIGTERM) when the batch was stopped: the workers are killed and -o FILE is
not written.

Every record counts its printed figures (`coverage`) and lists each one it
could not read in `unread`, with its line and a reason; the summary line
gives the batch's share. `kengetal text --unread FILE` shows them in place.

PDFs are read page by page with pdf-extract; when pages cannot be read or
the text is suspiciously short, poppler's pdftotext is used instead if it is
installed (Debian: poppler-utils), and a warning says so.";

/// Arguments of `kengetal extract`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Report files, or folders searched recursively for *.txt and *.pdf;
    /// `-` reads one document (text or PDF) from standard input, named `-`
    /// in the dataset.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format: `json` writes one JSON array of document records,
    /// `jsonl` one record per line.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,

    /// Write the dataset to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Documents processed at once [default: the number of CPUs].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// How PDFs become text: `auto` (pdf-extract, pdftotext when pages are
    /// lost), `pdf-extract` or `pdftotext` only.
    #[arg(long, value_enum, default_value = "auto", value_name = "BACKEND")]
    pub pdf_backend: Backend,

    /// Seconds one document may take before it is stopped and recorded as a
    /// `timeout` error; 0 for no limit.
    #[arg(long, default_value = "60", value_name = "SECONDS")]
    pub timeout: f64,

    /// Files larger than this are not read (error `too-large`); a number of
    /// bytes, or with K, M or G.
    #[arg(long, default_value = "200M", value_name = "SIZE", value_parser = parse_size)]
    pub max_bytes: u64,

    /// Memory (address space) each worker, and the pdftotext it starts, may
    /// take; a document that needs more is recorded as `crashed` and the
    /// batch goes on. A number of bytes, or with K, M or G; 0 for no limit.
    #[arg(long, default_value = "4G", value_name = "SIZE", value_parser = parse_size)]
    pub max_memory: u64,

    /// Keep each document's record in DIR, keyed by the SHA-256 of its bytes
    /// and the kengetal version, and reuse it when neither changed.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,

    /// Read only the K-th of N slices of the sorted input list (1-based), for
    /// splitting a batch over machines; the parts' JSONL, concatenated in
    /// order K = 1..N, equals the whole run's.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,

    /// No progress bar and no summary line on standard error.
    #[arg(short, long)]
    pub quiet: bool,

    /// Exit 1 when a document's coverage (the share of its printed figures
    /// that were read, see the record's `coverage`) is below PCT percent;
    /// the dataset is still written, and each such document is named.
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    pub fail_under: Option<f64>,
}

/// `99.5` → 99.5, a percentage from 0 to 100.
pub fn parse_percent(text: &str) -> Result<f64, String> {
    let wrong = || format!("{text:?} is no percentage; write a number from 0 to 100, e.g. 99.5");
    let value: f64 = text
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| wrong())?;
    (0.0..=100.0)
        .contains(&value)
        .then_some(value)
        .ok_or_else(wrong)
}

/// `200M` → 209715200.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (number, multiplier) = match text.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&text[..text.len() - 1], 1u64 << 10),
        Some('M') => (&text[..text.len() - 1], 1 << 20),
        Some('G') => (&text[..text.len() - 1], 1 << 30),
        _ => (text, 1),
    };
    number
        .trim()
        .parse::<u64>()
        .map(|n| n.saturating_mul(multiplier))
        .map_err(|_| format!("{text:?} is no size; write bytes, or a number with K, M or G"))
}

/// One of N slices of the input list, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, 1..=count.
    pub index: usize,
    /// How many slices.
    pub count: usize,
}

impl Shard {
    /// The positions of this slice in a list of `len`: contiguous, so the
    /// slices in order are the list in order, and differing in length by at
    /// most one.
    pub fn range(self, len: usize) -> std::ops::Range<usize> {
        let bound = |k: usize| k * len / self.count;
        bound(self.index - 1)..bound(self.index)
    }
}

/// `3/10` → the third of ten slices.
pub fn parse_shard(text: &str) -> Result<Shard, String> {
    let wrong = || format!("{text:?} is no shard; write K/N with 1 <= K <= N, e.g. 3/10");
    let (k, n) = text.split_once('/').ok_or_else(wrong)?;
    let index: usize = k.trim().parse().map_err(|_| wrong())?;
    let count: usize = n.trim().parse().map_err(|_| wrong())?;
    if index == 0 || index > count {
        return Err(wrong());
    }
    Ok(Shard { index, count })
}

/// The command as validated, every default decided (ripgrep's `HiArgs`):
/// what `run` needs, and nothing it must still check.
struct Settings {
    /// This shard's documents, in input order.
    files: Vec<InputFile>,
    /// Whether the paths named no report at all.
    nothing_found: bool,
    /// Folders or entries that could not be searched.
    problems: Vec<String>,
    /// How the pipeline reads.
    config: Config,
    /// How the dataset is written, and where.
    format: Format,
    output: Option<PathBuf>,
    /// The `--fail-under` threshold.
    fail_under: Option<f64>,
    quiet: bool,
    /// The document read from standard input, when a path is `-`.
    stdin: Option<StdinDocument>,
}

/// `extract -`: standard input kept in a temporary file for a worker to
/// read like any other, its record named `-`.
struct StdinDocument {
    _folder: tempfile::TempDir,
    path: PathBuf,
}

impl StdinDocument {
    /// Reads standard input, at most one byte more than `max_bytes` (so a
    /// larger input is a `too-large` record, never read whole).
    fn read(max_bytes: u64) -> std::io::Result<StdinDocument> {
        use std::io::Read;
        let folder = tempfile::Builder::new()
            .prefix("kengetal-stdin-")
            .tempdir()?;
        let path = folder.path().join("stdin");
        let mut file = std::fs::File::create(&path)?;
        std::io::copy(
            &mut std::io::stdin().lock().take(max_bytes.saturating_add(1)),
            &mut file,
        )?;
        Ok(StdinDocument {
            _folder: folder,
            path,
        })
    }

    /// The record's JSON with `source.path` `-`, when it is this document's.
    fn renamed(&self, json: &str) -> Option<String> {
        let mut record: crate::model::DocumentRecord = serde_json::from_str(json).ok()?;
        if record.source.path != self.path.to_string_lossy() {
            return None;
        }
        record.source.path = "-".to_owned();
        serde_json::to_string(&record).ok()
    }
}

impl Settings {
    /// Validates the arguments; an `Err` is the usage error to print.
    fn new(args: Args) -> Result<Settings, String> {
        if !(args.timeout.is_finite() && args.timeout >= 0.0) {
            return Err("--timeout takes a number of seconds, 0 for no limit".to_owned());
        }
        if let Some(output) = &args.output {
            check_target(output).map_err(|why| format!("cannot write the output: {why}"))?;
        }
        let dashes = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
        if dashes > 1 {
            return Err("`-` (standard input) may be given once".to_owned());
        }
        let stdin = match dashes {
            0 => None,
            _ => Some(
                StdinDocument::read(args.max_bytes)
                    .map_err(|e| format!("cannot read standard input: {e}"))?,
            ),
        };
        let paths: Vec<PathBuf> = args
            .paths
            .iter()
            .map(|p| match &stdin {
                Some(document) if p.as_os_str() == "-" => document.path.clone(),
                _ => p.clone(),
            })
            .collect();
        let discovery = discover(&paths).map_err(|missing| missing.to_string())?;
        let mut files = discovery.files;
        let nothing_found = files.is_empty();
        if let Some(shard) = args.shard {
            files = files.drain(shard.range(files.len())).collect();
        }
        if let Some(folder) = &args.cache
            && let Err(error) = Cache::open(folder)
        {
            return Err(format!(
                "cannot use {} as the cache: {error}",
                folder.display()
            ));
        }
        let jobs = args
            .jobs
            .map(usize::from)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let config = Config {
            jobs,
            progress: !args.quiet,
            read: ReadOptions {
                pdf_backend: args.pdf_backend,
                max_bytes: args.max_bytes,
            },
            timeout: (args.timeout > 0.0).then(|| Duration::from_secs_f64(args.timeout)),
            worker: std::env::current_exe().ok(),
            cache: args.cache,
            max_memory: (args.max_memory > 0).then_some(args.max_memory),
        };
        Ok(Settings {
            files,
            nothing_found,
            problems: discovery.problems,
            config,
            format: args.format,
            output: args.output,
            fail_under: args.fail_under,
            quiet: args.quiet,
            stdin,
        })
    }
}

/// What a batch came to: its totals and the documents under `--fail-under`.
struct Outcome {
    totals: pipeline::Totals,
    under: Vec<String>,
    /// `path: kind: message` of each failed file.
    failed: Vec<String>,
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> i32 {
    let started = Instant::now();
    let settings = match Settings::new(args) {
        Ok(settings) => settings,
        Err(usage) => {
            eprintln!("kengetal: {usage}");
            return super::EXIT_USAGE;
        }
    };
    for problem in &settings.problems {
        eprintln!("kengetal: warning: {problem}");
    }
    if settings.nothing_found {
        eprintln!("kengetal: warning: no *.txt or *.pdf files were found in the given paths");
    }
    let terminated = match stop_on_signals() {
        Ok(terminated) => terminated,
        Err(error) => {
            eprintln!("kengetal: warning: signals cannot stop the batch cleanly: {error}");
            Arc::new(AtomicBool::new(false))
        }
    };
    let outcome = match write_dataset(&settings) {
        Ok(outcome) => outcome,
        Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {
            let output = match &settings.output {
                Some(path) => format!("{} was not written", path.display()),
                None => "the records written so far are complete".to_owned(),
            };
            eprintln!("kengetal: interrupted; the workers were stopped and {output}");
            return if terminated.load(Ordering::Relaxed) {
                super::EXIT_TERMINATED
            } else {
                super::EXIT_INTERRUPTED
            };
        }
        Err(error) if write_failed(&error, settings.output.as_deref()) => {
            return super::EXIT_OUTPUT;
        }
        Err(_) => return super::EXIT_OK, // a closed pipe: the reader has what it wanted
    };
    for line in &outcome.failed {
        eprintln!("{line}");
    }
    if !settings.quiet {
        eprintln!("kengetal: {}", summary(&outcome.totals, &settings, started));
    }
    if let Some(threshold) = settings.fail_under {
        for document in &outcome.under {
            eprintln!("kengetal: {document}: coverage below --fail-under {threshold}%");
        }
    }
    let failed = outcome.totals.failures > 0 || !outcome.under.is_empty();
    if failed || !settings.problems.is_empty() || settings.nothing_found {
        super::EXIT_FAILURES
    } else {
        super::EXIT_OK
    }
}

/// SIGINT and SIGTERM stop the batch (the pipeline's interrupt flag); the
/// flag returned says whether SIGTERM came.
fn stop_on_signals() -> std::io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let interrupt = pipeline::interrupt_flag();
    let terminated = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGINT, interrupt.clone())?;
    signal_hook::flag::register(SIGTERM, interrupt)?;
    signal_hook::flag::register(SIGTERM, terminated.clone())?;
    Ok(terminated)
}

/// Runs the pipeline and writes each record as it comes.
fn write_dataset(settings: &Settings) -> std::io::Result<Outcome> {
    let mut totals = None;
    let mut under = Vec::new();
    let mut failed = Vec::new();
    write_to(settings.output.as_deref(), |out| {
        let mut writer = RecordWriter::new(out, settings.format);
        totals = Some(pipeline::run(
            &settings.files,
            &settings.config,
            |record| {
                let renamed = settings
                    .stdin
                    .as_ref()
                    .and_then(|s| s.renamed(&record.json));
                let renamed = renamed.map(|json| crate::delivery::Delivered {
                    json,
                    ..record.clone()
                });
                let record = renamed.as_ref().unwrap_or(record);
                if record.counts.failed {
                    failed.push(failure_line(record));
                }
                if let Some(threshold) = settings.fail_under
                    && record.counts.coverage_percent() < threshold
                {
                    under.push(below_threshold(record));
                }
                writer.record_json(&record.json)
            },
        )?);
        writer.finish()
    })?;
    Ok(Outcome {
        totals: totals.unwrap_or_default(),
        under,
        failed,
    })
}

/// The summary line: counts, coverage and time.
fn summary(totals: &pipeline::Totals, settings: &Settings, started: Instant) -> String {
    let cached = match settings.config.cache {
        Some(_) => format!(
            " ({} parsed, {} from the cache)",
            totals.documents - totals.cached,
            totals.cached
        ),
        None => String::new(),
    };
    format!(
        "{} documents{cached}, {} pages, {} indicators, {} tables, {} warnings, {} failures; {} in {:.2} s",
        totals.documents,
        totals.pages,
        totals.indicators,
        totals.tables,
        totals.warnings,
        totals.failures,
        coverage_summary(totals),
        started.elapsed().as_secs_f64()
    )
}

/// `99.2 % of 41,230 figures read; 330 unread in 12 documents`.
fn coverage_summary(totals: &pipeline::Totals) -> String {
    let read = totals.figures - totals.unread;
    let percent = if totals.figures == 0 {
        100.0
    } else {
        read as f64 * 100.0 / totals.figures as f64
    };
    // Never round a loss away: 99.96 % read is not "100.0 %".
    let shown = if totals.unread > 0 {
        (percent * 10.0).floor() / 10.0
    } else {
        percent
    };
    format!(
        "{shown:.1} % of {} figures read; {} unread in {} documents",
        thousands(totals.figures),
        thousands(totals.unread),
        thousands(totals.documents_with_unread)
    )
}

/// `41230` → `41,230`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `path (97.5 % of 400 figures read)` for a document under `--fail-under`.
/// The path and error of a delivered record, read from its JSON.
fn head(record: &crate::delivery::Delivered) -> (String, Option<crate::model::RecordError>) {
    #[derive(serde::Deserialize)]
    struct Head {
        source: Source,
        error: Option<crate::model::RecordError>,
    }
    #[derive(serde::Deserialize)]
    struct Source {
        path: String,
    }
    serde_json::from_str::<Head>(&record.json)
        .map_or_else(|_| ("?".to_owned(), None), |r| (r.source.path, r.error))
}

/// `path: kind: message`, one line per failed file (as ripgrep names the
/// files it cannot search).
fn failure_line(record: &crate::delivery::Delivered) -> String {
    match head(record) {
        (path, Some(error)) => format!("{path}: {}: {}", error.kind, error.message),
        (path, None) => format!("{path}: failed"),
    }
}

fn below_threshold(record: &crate::delivery::Delivered) -> String {
    let (path, _) = head(record);
    let counts = record.counts;
    format!(
        "{path} ({:.1} % of {} figures read)",
        (counts.coverage_percent() * 10.0).floor() / 10.0,
        thousands(counts.figures)
    )
}

#[cfg(test)]
mod tests {
    use super::{Shard, parse_percent, parse_shard, parse_size, thousands};

    #[test]
    fn percentages_and_thousands() {
        assert_eq!(parse_percent("99.5"), Ok(99.5));
        assert_eq!(parse_percent("100%"), Ok(100.0));
        for wrong in ["101", "-1", "abc", "NaN"] {
            assert!(parse_percent(wrong).is_err(), "{wrong}");
        }
        assert_eq!(thousands(41230), "41,230");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn shards_cover_the_list_once_in_order() {
        for len in [0, 1, 2, 7, 10, 101] {
            for count in 1..=12 {
                let mut covered = Vec::new();
                for index in 1..=count {
                    let range = Shard { index, count }.range(len);
                    assert!(range.len() <= len / count + 1, "{index}/{count} of {len}");
                    covered.extend(range);
                }
                assert_eq!(
                    covered,
                    (0..len).collect::<Vec<_>>(),
                    "{count} shards of {len}"
                );
            }
        }
    }

    #[test]
    fn shard_syntax() {
        assert_eq!(
            parse_shard("3/10"),
            Ok(Shard {
                index: 3,
                count: 10
            })
        );
        assert_eq!(parse_shard("1/1"), Ok(Shard { index: 1, count: 1 }));
        for wrong in ["0/3", "4/3", "3", "a/b", "1/0", "-1/2"] {
            assert!(parse_shard(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn sizes_with_suffixes() {
        assert_eq!(parse_size("200M"), Ok(200 << 20));
        assert_eq!(parse_size("10k"), Ok(10 << 10));
        assert_eq!(parse_size("123"), Ok(123));
        assert!(parse_size("lots").is_err());
    }
}
