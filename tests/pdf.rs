//! A PDF and its text twin must give the same indicators and tables: the
//! same titles, values, years, kinds and goals (locations and warnings may
//! differ). Checked for both backends; pdftotext is skipped when poppler is
//! not installed, unless `KENGETAL_REQUIRE_PDFTOTEXT=1` (as in CI).

use kengetal::extract::extract_file;
use kengetal::ingest::ReadOptions;
use kengetal::ingest::pdf::{Backend, pdftotext_installed};
use kengetal::model::DocumentRecord;
use std::path::{Path, PathBuf};

type IndicatorView = (
    String,
    Option<bool>,
    Vec<(i32, String, String, Option<f64>)>,
);
type TableView = (String, Vec<String>, Vec<(String, Vec<Option<f64>>)>);

fn indicators(record: &DocumentRecord) -> Vec<IndicatorView> {
    record
        .indicators
        .iter()
        .map(|i| {
            let observations = i
                .observations
                .iter()
                .map(|o| {
                    (
                        o.year,
                        format!("{:?}", o.kind),
                        o.label.clone(),
                        o.value.map(|n| n.value),
                    )
                })
                .collect();
            (i.title.clone(), i.goal_met, observations)
        })
        .collect()
}

fn tables(record: &DocumentRecord) -> Vec<TableView> {
    record
        .tables
        .iter()
        .map(|t| {
            let rows = t
                .rows
                .iter()
                .map(|r| {
                    (
                        r.label.clone(),
                        r.values.iter().map(|v| v.map(|n| n.value)).collect(),
                    )
                })
                .collect();
            (t.title.clone(), t.columns.clone(), rows)
        })
        .collect()
}

fn twins() -> Vec<(PathBuf, PathBuf)> {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir("corpus/pdf")
        .expect("corpus/pdf exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    assert_eq!(pdfs.len(), 4, "one PDF per corpus text");
    pdfs.into_iter()
        .map(|pdf| {
            let text = Path::new("corpus")
                .join(pdf.file_stem().unwrap())
                .with_extension("txt");
            (pdf, text)
        })
        .collect()
}

fn assert_twins(backend: Backend) {
    let options = ReadOptions {
        pdf_backend: backend,
        ..ReadOptions::default()
    };
    for (pdf, text) in twins() {
        let from_pdf = extract_file(&pdf, options);
        let from_text = extract_file(&text, options);
        assert!(
            from_pdf.error.is_none(),
            "{}: {:?}",
            pdf.display(),
            from_pdf.error
        );
        assert_eq!(from_pdf.source.pages.map(|p| p > 0), Some(true));
        assert_eq!(
            indicators(&from_pdf),
            indicators(&from_text),
            "{} ({backend:?}): indicators",
            pdf.display()
        );
        assert_eq!(
            tables(&from_pdf),
            tables(&from_text),
            "{} ({backend:?}): tables",
            pdf.display()
        );
        assert!(
            from_pdf
                .indicators
                .iter()
                .all(|i| i.location.page.is_some()),
            "{}: every indicator has its page",
            pdf.display()
        );
        assert!(from_pdf.tables.iter().all(|t| t.location.page.is_some()));
    }
}

#[test]
fn pdf_extract_reads_what_the_text_twin_says() {
    assert_twins(Backend::PdfExtract);
}

#[test]
fn pdftotext_reads_what_the_text_twin_says() {
    if !pdftotext_installed() {
        assert!(
            std::env::var_os("KENGETAL_REQUIRE_PDFTOTEXT").is_none(),
            "pdftotext (poppler-utils) is required here but not installed"
        );
        eprintln!("pdftotext is not installed: skipped");
        return;
    }
    assert_twins(Backend::Pdftotext);
}

#[test]
fn auto_reads_a_good_pdf_with_pdf_extract_alone() {
    let record = extract_file(
        Path::new("corpus/pdf/zoetermeer-jaarverslag-2024-programma-2.pdf"),
        ReadOptions::default(),
    );
    assert!(
        record.warnings.iter().all(|w| w.code != "pdf-backend"),
        "{:?}",
        record.warnings
    );
    assert_eq!(record.indicators.len(), 16);
}
