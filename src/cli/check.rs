//! `kengetal check`: findings a journalist can act on, each with its sources.

use super::files::{for_each_record, output_usable, write_failed};
use crate::analysis::check::{Checker, Finding, FindingKind};
use crate::output::write_to;
use std::io::{self, Write};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  kengetal check dataset.json
  kengetal check jaarverslag-2024.json begroting-2026.json
      findings across the documents of both datasets
  kengetal check --format json dataset.json > findings.json
  kengetal extract --format jsonl reports/ | kengetal check -

Findings:
  arithmetic    a table's total differs from the sum it stands for
  goal          `Doel gehaald: Ja/Nee` contradicts the begroting and
                realisatie, where the title states the direction
                (Toename …, Afname …)
  discrepancy   the same indicator value (same key, year and kind; a
                begroting only against one of the same plan), or the same
                realised amount (programme or doelstelling, year,
                lasten/baten/saldo …), printed differently in two documents
  implausible   a value at least 10× off from its neighbours in its series
                (the years around it, the other kind of its year), which
                agree with each other: a possible OCR or typing error
  uncertain     a table's total differs from its sum, but figures of the
                table were not read or may stand in the wrong cell: the
                reading may be at fault, not the report (listed last)

Each finding cites every source it rests on: path:line, page, and the text
as printed. Exit status: 0 no findings (or only `uncertain` ones), 1
findings, 2 when the datasets could not be read or the command line is
wrong, 3 when the findings could not be written.";

/// Arguments of `kengetal check`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Datasets written by `kengetal extract` (JSON or JSON lines); `-`
    /// reads standard input. Findings span all of them.
    #[arg(required = true, value_name = "DATASET")]
    pub datasets: Vec<PathBuf>,

    /// `text` for people, `json` for an array of
    /// {kind, message, sources: [{path, page, line, raw, what}]}.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,

    /// Write the findings to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// No summary line on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// How findings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// A paragraph per finding, each source on a line of its own.
    Text,
    /// A JSON array of findings.
    Json,
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> i32 {
    if !output_usable(args.output.as_deref()) {
        return super::EXIT_USAGE;
    }
    // One record in memory at a time; see `Checker`.
    let mut checker = Checker::default();
    let documents = match for_each_record(&args.datasets, |record| checker.add(&record)) {
        Ok(documents) => documents,
        Err(error) => {
            eprintln!("kengetal: cannot read dataset {error}");
            return super::EXIT_USAGE;
        }
    };
    let findings = checker.finish();
    let written = write_to(args.output.as_deref(), |out| match args.format {
        CheckFormat::Text => write_text(&findings, out),
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &findings)?;
            out.write_all(b"\n")?;
            out.flush()
        }
    });
    if let Err(error) = written
        && write_failed(&error, args.output.as_deref())
    {
        return super::EXIT_OUTPUT;
    }
    if !args.quiet {
        eprintln!("kengetal: {}", summary(&findings, documents));
    }
    // `uncertain` findings doubt kengetal's reading, not the report.
    if findings.iter().all(|f| f.kind == FindingKind::Uncertain) {
        super::EXIT_OK
    } else {
        super::EXIT_FAILURES
    }
}

/// `3 findings (1 discrepancy, 2 implausible) in 8 documents`.
pub fn summary(findings: &[Finding], documents: usize) -> String {
    let mut counts: Vec<String> = Vec::new();
    for kind in [
        FindingKind::Arithmetic,
        FindingKind::Goal,
        FindingKind::Discrepancy,
        FindingKind::Implausible,
        FindingKind::Uncertain,
    ] {
        let n = findings.iter().filter(|f| f.kind == kind).count();
        if n > 0 {
            counts.push(format!("{n} {}", kind.name()));
        }
    }
    let plural = if findings.len() == 1 { "" } else { "s" };
    let detail = if counts.is_empty() {
        String::new()
    } else {
        format!(" ({})", counts.join(", "))
    };
    let documents_plural = if documents == 1 { "" } else { "s" };
    format!(
        "{} finding{plural}{detail} in {documents} document{documents_plural}",
        findings.len()
    )
}

/// Findings for people: the kind and message, then each source as
/// `path:line (page N)  what: "raw"`.
pub fn write_text(findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    for (index, finding) in findings.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}: {}", finding.kind.name(), finding.message)?;
        for source in &finding.sources {
            let page = source
                .page
                .map_or(String::new(), |p| format!(" (page {p})"));
            writeln!(
                out,
                "  {}:{}{page}  {}: \"{}\"",
                source.path, source.line, source.what, source.raw
            )?;
        }
    }
    out.flush()
}
