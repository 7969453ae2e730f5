//! Many documents at once: the only place that knows about threads and
//! progress bars.
//!
//! Invariant: records come back in input order whatever the number of jobs,
//! and one document's failure (even a panic in a library) never stops the
//! others.

use crate::extract;
use crate::ingest::discover::InputFile;
use crate::model::DocumentRecord;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::fs;
use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// How a batch runs.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Worker threads.
    pub jobs: usize,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
}

/// Extracts every file, in parallel, returning records in input order.
pub fn run(files: &[InputFile], config: Config) -> Vec<DocumentRecord> {
    let bar = progress_bar(files.len(), config.progress);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs.max(1))
        .build()
        .expect("a thread pool of this size can be built");
    let records = pool.install(|| {
        files
            .par_iter()
            .map(|file| {
                let record = process(file);
                bar.inc(1);
                record
            })
            .collect()
    });
    bar.finish_and_clear();
    records
}

fn progress_bar(len: usize, wanted: bool) -> ProgressBar {
    let target = if wanted && std::io::stderr().is_terminal() {
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

/// The record of one file; never panics.
pub fn process(file: &InputFile) -> DocumentRecord {
    let path = file.path.to_string_lossy().into_owned();
    let bytes = match fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(error) => {
            return extract::failed(&path, None, "io", format!("cannot read the file: {error}"));
        }
    };
    match catch_unwind(AssertUnwindSafe(|| extract::extract_text(&path, &bytes))) {
        Ok(record) => record,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            extract::failed(
                &path,
                Some(&bytes),
                "internal",
                format!("kengetal failed on this file: {what}"),
            )
        }
    }
}
