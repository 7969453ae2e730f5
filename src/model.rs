//! The dataset: serde types that are the contract of `docs/dataset.md`.
//!
//! One [`DocumentRecord`] per input file. Example (abridged):
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "source": { "path": "corpus/x.txt", "sha256": "…", "format": "text", "pages": null },
//!   "document": { "municipality": "Zoetermeer", "kind": "jaarverslag", "year": 2024,
//!                 "programme": "Programma 2 Samen leven en ondersteunen" },
//!   "indicators": [ { "title": "% Vrijwilligers", "unit": "percent",
//!                     "observations": [ { "year": 2023, "kind": "begroting",
//!                                         "label": "Begroting", "value": 28, "raw": "28%" } ] } ],
//!   "tables": [],
//!   "warnings": [],
//!   "error": null
//! }
//! ```
//!
//! Invariant: field names and meanings only ever grow; a changed meaning
//! bumps [`SCHEMA_VERSION`].

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::diagnostic::Warning;

/// The schema version written into every record.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything kengetal learned from one input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentRecord {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Where the record came from.
    pub source: Source,
    /// What the document is.
    pub document: DocumentInfo,
    /// Indicator blocks, in document order.
    pub indicators: Vec<Indicator>,
    /// Numeric tables, in document order.
    pub tables: Vec<Table>,
    /// Document-level problems.
    pub warnings: Vec<Warning>,
    /// Set when the file could not be read at all; always present (null
    /// or an object).
    pub error: Option<RecordError>,
    /// How many of the printed figures were read (the census).
    #[serde(default)]
    pub coverage: Coverage,
    /// Every printed figure that is no value of an indicator or table, in
    /// document order.
    #[serde(default)]
    pub unread: Vec<Unread>,
}

/// The census of a document: every figure printed outside prose is read
/// or listed in `unread`.
///
/// Invariant: `figures == read + unread`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Coverage {
    /// Figures counted in the document.
    pub figures: usize,
    /// Of them, read into indicators or tables.
    pub read: usize,
    /// Of them, listed in `unread`.
    pub unread: usize,
}

impl Coverage {
    /// The share of figures read, in percent; 100 for a document without figures.
    pub fn percent(&self) -> f64 {
        if self.figures == 0 {
            100.0
        } else {
            self.read as f64 * 100.0 / self.figures as f64
        }
    }
}

/// A printed figure kengetal did not read into an indicator or a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Unread {
    /// 1-based line the figure is printed on.
    pub line: usize,
    /// Page of that line.
    pub page: Option<u32>,
    /// The figure as printed.
    pub raw: String,
    /// The figure read the Dutch way; null when it cannot be.
    pub value: Option<Number>,
    /// The printed line, trimmed.
    pub context: String,
    /// Why it was not read: a stable kebab-case code.
    pub reason: String,
}

/// The input file as given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The path as given on the command line or found under a given folder.
    pub path: String,
    /// Hex SHA-256 of the input bytes.
    pub sha256: String,
    /// How the file was read.
    pub format: SourceFormat,
    /// Page count, for PDFs and for text with form feeds.
    pub pages: Option<u32>,
    /// Size of the input in bytes.
    #[serde(default)]
    pub bytes: u64,
    /// Which program read which pages of a PDF, in page order (empty for
    /// text): the record of where each page's text came from.
    #[serde(default)]
    pub readers: Vec<PageRun>,
}

/// Consecutive pages of a PDF whose text one program produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PageRun {
    /// First page of the run (1-based).
    pub first: u32,
    /// Last page of the run.
    pub last: u32,
    /// The program.
    pub reader: PageReader,
}

/// A program that turns PDF pages into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PageReader {
    /// The pdf-extract crate, kengetal's own reader.
    PdfExtract,
    /// poppler's `pdftotext`, for pages pdf-extract could not vouch for.
    Pdftotext,
}

impl PageReader {
    /// The reader as written in the dataset: `pdf-extract`, `pdftotext`.
    pub fn name(self) -> &'static str {
        match self {
            PageReader::PdfExtract => "pdf-extract",
            PageReader::Pdftotext => "pdftotext",
        }
    }
}

/// How a file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Plain text (an OCR or web extraction).
    Text,
    /// A PDF, read page by page.
    Pdf,
}

impl SourceFormat {
    /// The format as written in the dataset: `text`, `pdf`.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Pdf => "pdf",
        }
    }
}

/// What the document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentInfo {
    /// The municipality, e.g. `Zoetermeer`.
    pub municipality: Option<String>,
    /// The report type.
    pub kind: Option<DocumentKind>,
    /// The report's own year.
    pub year: Option<i32>,
    /// The programme, e.g. `Programma 2 Samen leven en ondersteunen`.
    pub programme: Option<String>,
}

/// The report types kengetal knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// Annual report (jaarverslag / jaarstukken).
    Jaarverslag,
    /// Budget (programmabegroting).
    Begroting,
    /// Interim report, e.g. rapportage sociaal domein.
    Rapportage,
}

impl DocumentKind {
    /// The kind as written in the dataset: `jaarverslag`, `begroting`, `rapportage`.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Jaarverslag => "jaarverslag",
            DocumentKind::Begroting => "begroting",
            DocumentKind::Rapportage => "rapportage",
        }
    }
}

/// Why a file yielded no data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RecordError {
    /// Stable kebab-case kind, e.g. `io`, `unreadable-pdf`.
    pub kind: String,
    /// What went wrong, for a person.
    pub message: String,
}

/// A titled measurement with values per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Indicator {
    /// Cleaned title: bullets, stray symbols and the `(Realisatie 2024)` suffix removed.
    pub title: String,
    /// The title line(s) as printed.
    pub title_raw: String,
    /// The Doelstelling the block stands under, e.g. `2.1`.
    pub doelstelling: Option<String>,
    /// The explanatory text between title and `Bron:`.
    pub description: Option<String>,
    /// Each `Bron:` text.
    pub sources: Vec<String>,
    /// What the values measure.
    pub unit: Unit,
    /// One per printed value.
    pub observations: Vec<Observation>,
    /// `Doel gehaald: Ja/Nee`; null when the block has none.
    pub goal_met: Option<bool>,
    /// The `Doel gehaald` line as printed, for citing; null when the block
    /// has none.
    #[serde(default)]
    pub goal_line: Option<PrintedLine>,
    /// The `Toelichting:` text.
    pub explanation: Option<String>,
    /// The eenheid as printed (`Aantal per 1.000 inwoners`), when a unit
    /// column or line prints one.
    #[serde(default)]
    pub unit_text: Option<String>,
    /// A code printed with the indicator (`I.06.`, `1a`, a row number).
    #[serde(default)]
    pub code: Option<String>,
    /// One of the national BBV beleidsindicatoren, judged from its printed
    /// context (a heading or title naming them), never from its title.
    #[serde(default)]
    pub bbv: bool,
    /// Index in the record's `tables` of the table the indicator was read
    /// from; that table stays in `tables` as printed.
    #[serde(default)]
    pub table: Option<usize>,
    /// Where the block stands.
    pub location: Location,
    /// Problems with this block.
    pub warnings: Vec<Warning>,
}

/// The unit of an indicator or table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Percentages (`46,0%`).
    Percent,
    /// Euro amounts (`€ 3.348`).
    Euro,
    /// Counts, averages and other plain numbers.
    Number,
}

impl Unit {
    /// The unit as written in the dataset: `percent`, `euro`, `number`.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Euro => "euro",
            Unit::Number => "number",
        }
    }
}

/// One printed value of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Observation {
    /// The year of the value's column.
    pub year: i32,
    /// Whether the value is planned or realised.
    pub kind: ObservationKind,
    /// The row label as printed, e.g. `Begroting PB 2026`.
    pub label: String,
    /// The value; null for `-`, `pm` and unreadable cells.
    pub value: Option<Number>,
    /// The exact cell text.
    pub raw: String,
    /// 1-based line the value is printed on.
    pub line: usize,
    /// Page of that line.
    pub page: Option<u32>,
    /// Whose value it is: the municipality's, or a reference's.
    #[serde(default)]
    pub scope: Scope,
    /// The reference as printed (`Nederland`, `Gemeenten 50.000-100.000
    /// inw.`), when a column or row names whose value it is.
    #[serde(default)]
    pub scope_label: Option<String>,
    /// The period printed with the value when it is not the column's year
    /// (`2022`, `2022/2023`); `year` is then taken from it.
    #[serde(default)]
    pub period: Option<String>,
}

/// Whose value an observation is.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The municipality's own value.
    #[default]
    Gemeente,
    /// The national figure.
    Nederland,
    /// The province's figure.
    Provincie,
    /// A region's figure.
    Regio,
    /// A group of comparable municipalities, or a benchmark.
    Groep,
}

impl Scope {
    /// The scope as written in the dataset: `gemeente`, `nederland`, ….
    pub fn name(self) -> &'static str {
        match self {
            Scope::Gemeente => "gemeente",
            Scope::Nederland => "nederland",
            Scope::Provincie => "provincie",
            Scope::Regio => "regio",
            Scope::Groep => "groep",
        }
    }
}

/// One printed line, for citing a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PrintedLine {
    /// 1-based line.
    pub line: usize,
    /// Page of the line.
    pub page: Option<u32>,
    /// The line as printed, without trailing spaces.
    pub raw: String,
}

/// Whether an observation is a plan or a result.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ObservationKind {
    /// Planned: a budget's figure (Begroting, Raming, Prognose).
    Begroting,
    /// Realised (Realisatie, Werkelijk, Rekening).
    Realisatie,
    /// A target the report prints as one (Streefwaarde, Doelwaarde).
    Streefwaarde,
    /// A baseline measurement (Nulmeting).
    Nulmeting,
}

impl ObservationKind {
    /// The kind as written in the dataset: `begroting`, `realisatie`.
    pub fn name(self) -> &'static str {
        match self {
            ObservationKind::Begroting => "begroting",
            ObservationKind::Realisatie => "realisatie",
            ObservationKind::Streefwaarde => "streefwaarde",
            ObservationKind::Nulmeting => "nulmeting",
        }
    }
}

/// A numeric table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// Caption or nearest heading.
    pub title: String,
    /// Multiplier: 1000 under `Bedragen x €1.000`.
    pub scale: i64,
    /// What the values measure.
    pub unit: Unit,
    /// Header cells of the value columns, in order.
    pub columns: Vec<String>,
    /// Header of the label column (`Doelstelling`, `Jaar`), when printed.
    #[serde(default)]
    pub label_header: Option<String>,
    /// Header cells of the columns that hold text, not values (`Eenheid`,
    /// `Bron`, `Periode`), in printed order; each row's `texts` follow them.
    #[serde(default)]
    pub text_columns: Vec<String>,
    /// Header lines that name no column, and footnotes.
    #[serde(default)]
    pub notes: Vec<String>,
    /// A printed note on how to read the signs (`- = nadelig`), as
    /// printed; values are never flipped by it.
    #[serde(default)]
    pub sign_note: Option<String>,
    /// The rows, in printed order.
    pub rows: Vec<Row>,
    /// Arithmetic the table implies.
    pub checks: Vec<Check>,
    /// Where the table stands.
    pub location: Location,
    /// Problems with this table.
    pub warnings: Vec<Warning>,
}

/// One table row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    /// The first column: text or year.
    pub label: String,
    /// One value per column, as printed; null for `-`, `pm` and empty cells.
    pub values: Vec<Option<Number>>,
    /// The exact cell texts; empty where nothing is printed.
    pub raw: Vec<String>,
    /// What part the row plays.
    #[serde(default)]
    pub role: RowRole,
    /// 1-based line of the row's label.
    #[serde(default)]
    pub line: usize,
    /// 1-based line of each cell; null where nothing is printed.
    #[serde(default)]
    pub cell_lines: Vec<Option<usize>>,
    /// Page of the row's label line, when known.
    #[serde(default)]
    pub page: Option<u32>,
    /// Page of each cell; null where nothing is printed or pages are unknown.
    #[serde(default)]
    pub cell_pages: Vec<Option<u32>>,
    /// One text per text column, as printed; null where nothing is printed.
    #[serde(default)]
    pub texts: Vec<Option<String>>,
    /// 1-based line of each text; null where nothing is printed.
    #[serde(default)]
    pub text_lines: Vec<Option<usize>>,
}

impl Row {
    /// The line of a cell; the row's label line where the cell is empty.
    pub fn cell_line(&self, column: usize) -> usize {
        self.cell_lines
            .get(column)
            .copied()
            .flatten()
            .unwrap_or(self.line)
    }

    /// The page of a cell; the row's page where the cell is empty.
    pub fn cell_page(&self, column: usize) -> Option<u32> {
        self.cell_pages.get(column).copied().flatten().or(self.page)
    }
}

/// What part a table row plays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RowRole {
    /// An ordinary row of values.
    #[default]
    Item,
    /// A label without values over the rows that follow.
    Parent,
    /// An item under a parent (`- GGD/VT`).
    Sub,
    /// A total: `Saldo`, `Totaal`, `TOTAAL PROGRAMMA`.
    Total,
}

impl RowRole {
    /// The role as written in the dataset: `item`, `parent`, `sub`, `total`.
    pub fn name(self) -> &'static str {
        match self {
            RowRole::Item => "item",
            RowRole::Parent => "parent",
            RowRole::Sub => "sub",
            RowRole::Total => "total",
        }
    }
}

/// One arithmetic check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Check {
    /// What kind of arithmetic, e.g. `row-sum`.
    pub kind: String,
    /// What was checked, for a person.
    pub description: String,
    /// The printed total.
    pub expected: Number,
    /// The computed total.
    pub actual: Number,
    /// Whether they agree within rounding.
    pub ok: bool,
    /// The cell holding the printed total.
    #[serde(default)]
    pub total: Option<CellRef>,
    /// The cells summed, in order (a `Lasten` printed positive is subtracted).
    #[serde(default)]
    pub summands: Vec<CellRef>,
}

/// A cell of the same table: indices into `rows` and `columns`, from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CellRef {
    /// Index of the row.
    pub row: usize,
    /// Index of the column.
    pub column: usize,
}

/// Where a block stands in the extracted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// First line (1-based).
    pub line_start: usize,
    /// Last line (1-based, inclusive).
    pub line_end: usize,
    /// Page of the first line.
    pub page: Option<u32>,
}

/// A number as printed: its value and how many decimals it was printed with.
///
/// Serialised as a JSON integer when printed without decimals (`1.300` →
/// `1300`) and as a float otherwise (`9,0` → `9.0`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The value.
    pub value: f64,
    /// Decimals as printed (`9,0` → 1).
    pub decimals: u8,
}

impl Number {
    /// The exact decimal the number was printed as (`1.234,5` → 1234.5):
    /// the value rounded to its printed decimals gives back the printed
    /// digits. `None` beyond what a decimal holds (28 digits).
    pub fn exact(self) -> Option<Decimal> {
        if !self.value.is_finite() || self.decimals > 18 {
            return None;
        }
        // The printed digits as an integer: exact while they fit in the
        // 52 bits where an f64 holds every integer and its rounding error
        // stays far below one half.
        let digits = self.value * 10f64.powi(i32::from(self.decimals));
        if digits.abs() < (1u64 << 51) as f64 {
            return Some(Decimal::new(
                digits.round() as i64,
                u32::from(self.decimals),
            ));
        }
        format!("{:.*}", usize::from(self.decimals), self.value)
            .parse()
            .ok()
    }

    /// A whole number.
    pub fn integer(value: i64) -> Number {
        Number {
            value: value as f64,
            decimals: 0,
        }
    }
}

impl JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "description": "A number as printed: an integer when printed without decimals, else a float"
        })
    }
}

/// Largest integer that f64 and JSON readers both hold exactly.
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.decimals == 0 && self.value.fract() == 0.0 && self.value.abs() < EXACT_INTEGER_LIMIT
        {
            serializer.serialize_i64(self.value as i64)
        } else {
            serializer.serialize_f64(self.value)
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Number, D::Error> {
        let json = serde_json::Number::deserialize(deserializer)?;
        let is_integer = json.is_i64() || json.is_u64();
        let value = json
            .as_f64()
            .ok_or_else(|| serde::de::Error::custom("number out of range"))?;
        let decimals = if is_integer {
            0
        } else {
            written_decimals(&json.to_string()).max(1)
        };
        Ok(Number { value, decimals })
    }
}

/// The decimals a JSON number is written with (`2.35` → 2, `1.5e-7` → 8),
/// so a value read back from a dataset is exact to its last written digit.
fn written_decimals(text: &str) -> u8 {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let fraction = mantissa.split_once('.').map_or(0, |(_, f)| f.len() as i32);
    (fraction - exponent).clamp(0, 28) as u8
}

/// Formats a number the way the reports print it: `-135.873`, `2,3`.
pub fn dutch(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", decimals as usize, value.abs());
    let (integer, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && value.abs() >= 0.5 * 10f64.powi(-(decimals as i32)) {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_gives_back_the_printed_digits() {
        // Printed numbers m / 10^d, read as Rust reads them, give back m / 10^d.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let decimals = (seed >> 60) as u32 % 5;
            let digits = (seed >> 8) as i64 % 1_000_000_000_000_000;
            let digits = if seed & 1 == 0 { digits } else { -digits };
            let printed = Decimal::new(digits, decimals);
            let value: f64 = printed.to_string().parse().unwrap();
            let number = Number {
                value,
                decimals: decimals as u8,
            };
            assert_eq!(number.exact(), Some(printed), "{printed}");
        }
        // Past 2^51 the value's own digits, as Rust prints them.
        let large = Number {
            value: 4e18,
            decimals: 0,
        };
        assert_eq!(
            large.exact(),
            Some(Decimal::new(4_000_000_000_000_000_000, 0))
        );
        let beyond = Number {
            value: 1e30,
            decimals: 0,
        };
        assert_eq!(beyond.exact(), None, "more than a decimal's 28 digits");
        assert_eq!(
            Number {
                value: f64::NAN,
                decimals: 0
            }
            .exact(),
            None
        );
    }

    #[test]
    fn a_value_read_back_keeps_its_written_decimals() {
        let read = |json: &str| serde_json::from_str::<Number>(json).unwrap();
        assert_eq!(read("2.35").exact(), Some(Decimal::new(235, 2)));
        assert_eq!(read("46.0").exact(), Some(Decimal::new(460, 1)));
        assert_eq!(read("-0.125").exact(), Some(Decimal::new(-125, 3)));
        assert_eq!(read("1300").exact(), Some(Decimal::new(1300, 0)));
        assert_eq!(read("1.5e-7").exact(), Some(Decimal::new(15, 8)));
        assert_eq!(written_decimals("1.5e20"), 0);
    }

    #[test]
    fn names_are_the_serialised_names() {
        fn serialised<T: Serialize>(value: T) -> String {
            serde_json::to_value(value)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        }
        for v in [SourceFormat::Text, SourceFormat::Pdf] {
            assert_eq!(v.name(), serialised(v));
        }
        for v in [PageReader::PdfExtract, PageReader::Pdftotext] {
            assert_eq!(v.name(), serialised(v));
        }
        for v in [
            DocumentKind::Jaarverslag,
            DocumentKind::Begroting,
            DocumentKind::Rapportage,
        ] {
            assert_eq!(v.name(), serialised(v));
        }
        for v in [Unit::Percent, Unit::Euro, Unit::Number] {
            assert_eq!(v.name(), serialised(v));
        }
        for v in [
            Scope::Gemeente,
            Scope::Nederland,
            Scope::Provincie,
            Scope::Regio,
            Scope::Groep,
        ] {
            assert_eq!(v.name(), serialised(v));
        }
        for v in [RowRole::Item, RowRole::Parent, RowRole::Sub, RowRole::Total] {
            assert_eq!(v.name(), serialised(v));
        }
        for v in [
            ObservationKind::Begroting,
            ObservationKind::Realisatie,
            ObservationKind::Streefwaarde,
            ObservationKind::Nulmeting,
        ] {
            assert_eq!(v.name(), serialised(v));
        }
    }

    #[test]
    fn dutch_formatting() {
        assert_eq!(dutch(-135873.0, 0), "-135.873");
        assert_eq!(dutch(2.3, 1), "2,3");
        assert_eq!(dutch(0.0, 0), "0");
        assert_eq!(dutch(1234567.891, 2), "1.234.567,89");
    }
}
