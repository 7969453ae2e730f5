//! Many documents at once: the only place that knows about threads, worker
//! processes and progress bars.
//!
//! Each document is read by a `kengetal worker` child process
//! ([`crate::worker`]). A manager thread per worker hands it one document at
//! a time and waits at most `timeout`: a document that takes longer gets its
//! worker killed (a thread cannot be stopped, a process can) and becomes a
//! `timeout` record; a worker that dies takes only its current document with
//! it. A PDF that timed out or crashed its worker is read again with
//! pdftotext alone in a new worker (`--pdf-backend auto`), and its record
//! says so. Without a worker executable (the library used from another program)
//! documents are read in-process, panics caught, without a timeout.
//!
//! Invariants: every input yields exactly one record; records reach the sink
//! in input order whatever the number of jobs; at most [`window`] records
//! wait for an earlier one, so memory stays flat however many inputs.

use crate::cache::Cache;
use crate::cache::{Provenance, extract_file_cached};
use crate::delivery::Delivered;
use crate::extract;
use crate::ingest::discover::InputFile;
use crate::ingest::{self, ReadOptions};
use crate::model::DocumentRecord;
use crate::worker::{Request, Response, parse_response};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Documents read at once.
    pub jobs: usize,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
    /// How files are read.
    pub read: ReadOptions,
    /// Longest a document may take; `None` for no limit.
    pub timeout: Option<Duration>,
    /// The executable to start as `kengetal worker`; `None` reads in-process.
    pub worker: Option<PathBuf>,
    /// Folder of cached records (`--cache`); `None` parses every document.
    pub cache: Option<PathBuf>,
    /// Address space a worker and what it starts may take, in bytes
    /// (`--max-memory`); `None` for no limit.
    pub max_memory: Option<u64>,
}

/// How often a waiting thread looks whether the batch was interrupted.
const POLL: Duration = Duration::from_millis(100);

/// Set when the batch is interrupted (SIGINT, SIGTERM).
static INTERRUPTED: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// The flag that interrupts a running batch: the command line sets it from
/// its signal handlers; the pipeline then reads no document more, kills its
/// workers and returns an `Interrupted` error.
pub fn interrupt_flag() -> Arc<AtomicBool> {
    INTERRUPTED.get_or_init(Default::default).clone()
}

fn interrupted() -> bool {
    INTERRUPTED
        .get()
        .is_some_and(|flag| flag.load(Ordering::Relaxed))
}

/// Records that may wait for an earlier, slower one.
pub fn window(jobs: usize) -> usize {
    4 * jobs + 16
}

/// Counts over a batch, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Documents.
    pub documents: usize,
    /// PDF pages.
    pub pages: u64,
    /// Indicator blocks.
    pub indicators: usize,
    /// Tables.
    pub tables: usize,
    /// Warnings at every level.
    pub warnings: usize,
    /// Documents with an `error`.
    pub failures: usize,
    /// Records taken from the cache instead of parsed.
    pub cached: usize,
    /// Figures the census counted.
    pub figures: usize,
    /// Of them, not read.
    pub unread: usize,
    /// Documents with one or more unread figures.
    pub documents_with_unread: usize,
}

impl Totals {
    fn add(&mut self, delivered: &Delivered) {
        let counts = delivered.counts;
        self.documents += 1;
        self.cached += usize::from(delivered.provenance == Provenance::Cached);
        self.pages += counts.pages;
        self.indicators += counts.indicators;
        self.tables += counts.tables;
        self.warnings += counts.warnings;
        self.failures += usize::from(counts.failed);
        self.figures += counts.figures;
        self.unread += counts.unread;
        self.documents_with_unread += usize::from(counts.unread > 0);
    }
}

/// Which documents are handed out, no further than the window ahead of the
/// first record not yet written.
struct Queue {
    state: Mutex<(usize, usize)>, // (next to hand out, next to write)
    written: Condvar,
    len: usize,
    window: usize,
}

impl Queue {
    fn take(&self) -> Option<usize> {
        let mut state = self.state.lock().expect("queue lock");
        loop {
            let (next, written) = *state;
            if next >= self.len {
                return None;
            }
            if next < written + self.window {
                state.0 += 1;
                return Some(next);
            }
            state = self.written.wait(state).expect("queue lock");
        }
    }

    /// Hands out no more documents: the writer failed.
    fn stop(&self) {
        let mut state = self.state.lock().expect("queue lock");
        state.0 = self.len;
        self.written.notify_all();
    }

    fn mark_written(&self, up_to: usize) {
        self.state.lock().expect("queue lock").1 = up_to;
        self.written.notify_all();
    }
}

/// Reads every file and hands the records to `sink` in input order.
pub fn run(
    files: &[InputFile],
    config: &Config,
    mut sink: impl FnMut(&Delivered) -> io::Result<()>,
) -> io::Result<Totals> {
    let bar = progress_bar(files.len(), config.progress);
    let queue = Arc::new(Queue {
        state: Mutex::new((0, 0)),
        written: Condvar::new(),
        len: files.len(),
        window: window(config.jobs),
    });
    let files: Arc<Vec<InputFile>> = Arc::new(files.to_vec());
    let (results, received) = mpsc::channel::<Response>();
    let managers: Vec<_> = (0..config.jobs.clamp(1, files.len().max(1)))
        .map(|_| {
            let (queue, files, results, config) = (
                queue.clone(),
                files.clone(),
                results.clone(),
                config.clone(),
            );
            thread::spawn(move || manage(&queue, &files, &results, &config))
        })
        .collect();
    drop(results);
    let mut totals = Totals::default();
    let mut waiting: BTreeMap<usize, Delivered> = BTreeMap::new();
    let mut next = 0;
    let mut outcome = Ok(());
    'receive: loop {
        let answer = received.recv_timeout(POLL);
        // Interrupted: whatever came last is no longer written.
        if interrupted() {
            queue.stop();
            outcome = Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"));
            break 'receive;
        }
        let (index, delivered) = match answer {
            Ok(response) => response,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break 'receive,
        };
        waiting.insert(index, delivered);
        while let Some(delivered) = waiting.remove(&next) {
            totals.add(&delivered);
            outcome = sink(&delivered);
            next += 1;
            bar.inc(1);
            if outcome.is_err() {
                // A closed or full output: no document more is worth reading.
                queue.stop();
                break 'receive;
            }
        }
        queue.mark_written(next);
    }
    // Managers still reading see the channel closed and stop.
    drop(received);
    for manager in managers {
        let _ = manager.join();
    }
    bar.finish_and_clear();
    outcome.map(|()| totals)
}

fn progress_bar(len: usize, wanted: bool) -> ProgressBar {
    let target = if wanted && io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len as u64), target);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} documents ({per_sec}, {eta} left)")
            .expect("the template is valid"),
    );
    bar
}

/// What waiting for a worker's answer came to.
enum Waited {
    /// The answer, or the timeout, or the worker's end.
    Answer(Result<Response, RecvTimeoutError>),
    /// The batch was interrupted first.
    Interrupted,
}

/// Waits for a worker's answer up to `limit`, looking every [`POLL`]
/// whether the batch was interrupted.
fn wait_for(responses: &mpsc::Receiver<Response>, limit: Option<Duration>) -> Waited {
    let started = Instant::now();
    loop {
        let left = limit.map(|l| l.saturating_sub(started.elapsed()));
        if left == Some(Duration::ZERO) {
            return Waited::Answer(Err(RecvTimeoutError::Timeout));
        }
        match responses.recv_timeout(left.map_or(POLL, |l| l.min(POLL))) {
            Err(RecvTimeoutError::Timeout) if interrupted() => return Waited::Interrupted,
            Err(RecvTimeoutError::Timeout) => {}
            other => return Waited::Answer(other),
        }
    }
}

/// One manager thread: takes documents from the queue and has them read.
fn manage(queue: &Queue, files: &[InputFile], results: &Sender<Response>, config: &Config) {
    let mut worker: Option<Worker> = None;
    // In-process reading opens the cache itself; workers open their own.
    // The command line opened it already; one that vanishes mid-run is only slower.
    let cache = config.cache.as_deref().and_then(|c| Cache::open(c).ok());
    while let Some(index) = queue.take() {
        let delivered = match &config.worker {
            None => {
                let (record, provenance) =
                    extract_file_cached(&files[index].path, config.read, cache.as_ref());
                Delivered::new(&record, provenance)
            }
            Some(executable) => {
                read_in_worker(&mut worker, executable, index, &files[index], config)
            }
        };
        if results.send((index, delivered)).is_err() || interrupted() {
            break;
        }
    }
    if let Some(worker) = worker {
        worker.finish();
    }
}

fn read_in_worker(
    slot: &mut Option<Worker>,
    executable: &PathBuf,
    index: usize,
    file: &InputFile,
    config: &Config,
) -> Delivered {
    let parsed = |record: DocumentRecord| Delivered::new(&record, Provenance::Parsed);
    let shown = file.path.to_string_lossy().into_owned();
    // Too large, or no regular file (a FIFO would block the worker): refused here.
    if let Some(refusal) = ingest::refused_early(&file.path, config.read.max_bytes) {
        return parsed(extract::refused(&shown, None, refusal));
    }
    let failure = match ask(slot, executable, index, &file.path, config, None) {
        Ok(delivered) => return delivered,
        Err(Asked::Unstarted) => {
            // No worker process: read here, without isolation.
            let cache = config.cache.as_deref().and_then(|c| Cache::open(c).ok());
            let (record, provenance) = extract_file_cached(&file.path, config.read, cache.as_ref());
            return Delivered::new(&record, provenance);
        }
        Err(Asked::Failed(failure)) => failure,
    };
    let (kind, mut message) = failure;
    // pdf-extract may crash or hang where pdftotext does not: a PDF gets a
    // second reading with pdftotext alone, in a new process.
    if matches!(kind, "timeout" | "crashed") && retries_with_pdftotext(&file.path, config) {
        let why = format!("pdf-extract could not finish: {message}");
        match ask(slot, executable, index, &file.path, config, Some(why)) {
            Ok(delivered) => return delivered,
            Err(Asked::Unstarted) => {}
            Err(Asked::Failed((_, again))) => {
                message = format!("{message}; read again with pdftotext alone: {again}");
            }
        }
    }
    parsed(extract::failed(&shown, None, kind, message))
}

/// Whether a document the worker could not finish is read again with
/// pdftotext: a PDF, with `--pdf-backend auto`, and pdftotext installed.
fn retries_with_pdftotext(path: &Path, config: &Config) -> bool {
    config.read.pdf_backend == crate::ingest::pdf::Backend::Auto
        && ingest::starts_as_pdf(path)
        && crate::ingest::pdf::pdftotext_installed()
}

/// Why a worker gave no record.
enum Asked {
    /// No worker process could be started.
    Unstarted,
    /// The error kind and message of the document's record.
    Failed((&'static str, String)),
}

/// The record of `path` from the worker in `slot` (started when empty);
/// a worker that fails is stopped and the slot left empty.
fn ask(
    slot: &mut Option<Worker>,
    executable: &PathBuf,
    index: usize,
    path: &Path,
    config: &Config,
    retry: Option<String>,
) -> Result<Delivered, Asked> {
    if slot.is_none() {
        *slot = Some(Worker::start(executable, config).map_err(|_| Asked::Unstarted)?);
    }
    let worker = slot.as_mut().expect("a worker was started");
    let failed = |kind, message| Err(Asked::Failed((kind, message)));
    if worker.send(index, path, retry).is_err() {
        let lost = slot.take().expect("checked").stop();
        return failed(
            "internal",
            format!("the worker process could not take the file ({lost})"),
        );
    }
    let answer = match wait_for(&worker.responses, config.timeout) {
        Waited::Answer(answer) => answer,
        Waited::Interrupted => {
            slot.take().expect("checked").stop();
            return failed(
                "interrupted",
                "the batch was interrupted while this file was read".to_owned(),
            );
        }
    };
    match answer {
        Ok((id, delivered)) if id == index => Ok(delivered),
        Ok((id, ..)) => {
            slot.take().expect("checked").stop();
            failed(
                "internal",
                format!("the worker answered for document {id} instead"),
            )
        }
        Err(RecvTimeoutError::Timeout) => {
            slot.take().expect("checked").stop();
            let seconds = config.timeout.map_or(0.0, |t| t.as_secs_f64());
            failed(
                "timeout",
                format!("reading took longer than --timeout {seconds} s; it was stopped"),
            )
        }
        Err(RecvTimeoutError::Disconnected) => {
            let status = slot.take().expect("checked").stop();
            let limit = config.max_memory.map_or(String::new(), |bytes| {
                format!(
                    "; it may have needed more memory than --max-memory {} MiB",
                    bytes >> 20
                )
            });
            failed(
                "crashed",
                format!("the process reading this file stopped ({status}){limit}"),
            )
        }
    }
}

/// glibc's allocator settings for workers (unless the user set their own):
/// a worker builds and frees a document's worth of small allocations per
/// document, and by default glibc gives the freed top of the heap back to
/// the kernel each time and takes page faults to grow it again. Keeping a
/// few megabytes saves 15% of a text batch's time (see BENCHMARKS.md);
/// other C libraries ignore the variable.
const MALLOC_TUNABLES: &str = "glibc.malloc.top_pad=4194304:glibc.malloc.trim_threshold=8388608";

/// A running `kengetal worker`.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    responses: Receiver<Response>,
}

impl Worker {
    fn start(executable: &PathBuf, config: &Config) -> io::Result<Worker> {
        let options = config.read;
        let backend = serde_json::to_value(options.pdf_backend)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "auto".to_owned());
        let mut command = Command::new(executable);
        command
            .args(["worker", "--pdf-backend", &backend, "--max-bytes"])
            .arg(options.max_bytes.to_string());
        if let Some(cache) = &config.cache {
            command.arg("--cache").arg(cache);
        }
        if let Some(limit) = config.max_memory {
            command.arg("--max-memory").arg(limit.to_string());
        }
        if std::env::var_os("GLIBC_TUNABLES").is_none() {
            command.env("GLIBC_TUNABLES", MALLOC_TUNABLES);
        }
        // A group of its own: a timeout kills the worker and whatever it
        // started (pdftotext) together.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child.stdin.take().expect("stdin was piped");
        let stdout = child.stdout.take().expect("stdout was piped");
        let (sender, responses) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(response) = parse_response(&line)
                    && sender.send(response).is_err()
                {
                    break;
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            responses,
        })
    }

    fn send(&mut self, id: usize, path: &Path, retry: Option<String>) -> io::Result<()> {
        let request = serde_json::to_string(&Request {
            id,
            path: crate::worker::path_bytes(path),
            retry,
        })?;
        writeln!(self.stdin, "{request}")?;
        self.stdin.flush()
    }

    /// Kills the process, and the processes it started, and says how it ended.
    fn stop(mut self) -> String {
        #[cfg(target_os = "linux")]
        {
            use nix::sys::signal::{Signal, killpg};
            if let Ok(id) = i32::try_from(self.child.id()) {
                let _ = killpg(nix::unistd::Pid::from_raw(id), Signal::SIGKILL);
            }
        }
        let _ = self.child.kill();
        match self.child.wait() {
            Ok(status) => status.to_string(),
            Err(error) => error.to_string(),
        }
    }

    /// Lets the process end at the end of its input.
    fn finish(mut self) {
        drop(self.stdin);
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(len: usize, window: usize) -> Arc<Queue> {
        Arc::new(Queue {
            state: Mutex::new((0, 0)),
            written: Condvar::new(),
            len,
            window,
        })
    }

    #[test]
    fn no_document_is_handed_out_beyond_the_window() {
        let queue = queue(100, 3);
        assert_eq!(
            (0..3).map(|_| queue.take()).collect::<Vec<_>>(),
            [Some(0), Some(1), Some(2)]
        );
        let (sent, taken) = mpsc::channel();
        let waiting = queue.clone();
        let taker = thread::spawn(move || sent.send(waiting.take()).unwrap());
        // Document 0 is not written yet: the fourth waits.
        assert!(taken.recv_timeout(Duration::from_millis(200)).is_err());
        queue.mark_written(1);
        assert_eq!(
            taken.recv_timeout(Duration::from_secs(10)).unwrap(),
            Some(3)
        );
        taker.join().unwrap();
    }

    #[test]
    fn the_queue_ends_after_the_last_document() {
        let queue = queue(2, 10);
        assert_eq!(queue.take(), Some(0));
        assert_eq!(queue.take(), Some(1));
        assert_eq!(queue.take(), None);
    }
}
