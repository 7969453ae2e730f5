//! What a document says about itself: kind, year, municipality, programme.
//!
//! Each is decided by evidence in the text, weighed; nothing is taken from
//! the file name here (the pipeline may fall back to it, with a warning).
//!
//! - kind: `(Realisatie 2024)` titles and `Doel gehaald` lines mean a
//!   jaarverslag; `Wat mag het kosten?`, `Speerpunten in 2026`, `Begroting PB
//!   2026` rows and `Nieuw beleid` lists a begroting; `rapportage sociaal
//!   domein` a rapportage.
//! - year: for a jaarverslag the year of its `(Realisatie …)` titles; for a
//!   begroting the year after `Begroting PB`, `Speerpunten in`,
//!   `Programmabegroting`, or the first year of a `Nieuw beleid` list; for a
//!   rapportage the year after `rapportage sociaal domein (over)`.
//! - municipality: the municipality (from a list of Dutch municipalities)
//!   named most often, `gemeente X` counting extra.
//! - programme: the first line that starts `Programma <number> <name>`,
//!   without the column headers a table may print after it.

use super::line::LineKind;
use super::line::Token;
use crate::clean::fold::fold_into;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The kind of report, as the text shows it (normalise maps it to the model's kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    /// Annual report (jaarverslag, jaarstukken).
    Jaarverslag,
    /// Budget (programmabegroting).
    Begroting,
    /// Interim report (rapportage sociaal domein).
    Rapportage,
}

/// What the text says about the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The municipality.
    pub municipality: Option<String>,
    /// The report type.
    pub kind: Option<ReportKind>,
    /// The report's own year.
    pub year: Option<i32>,
    /// The programme heading.
    pub programme: Option<String>,
}

/// Reads the metadata from a document's classified lines.
pub fn detect(tokens: &[Token<'_>]) -> Metadata {
    let text = FoldedText::new(tokens);
    let kind = detect_kind(tokens, &text);
    Metadata {
        municipality: detect_municipality(tokens),
        year: kind.and_then(|k| detect_year(tokens, &text, k)),
        kind,
        programme: detect_programme(tokens),
    }
}

/// The document's lines folded (lower case, no diacritics) into one text,
/// so each phrase is searched once over the whole document.
struct FoldedText {
    text: String,
    /// Byte offset where each line starts; blank lines are empty.
    starts: Vec<usize>,
}

impl FoldedText {
    fn new(tokens: &[Token<'_>]) -> FoldedText {
        let mut text = String::with_capacity(tokens.iter().map(|t| t.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(tokens.len());
        for token in tokens {
            starts.push(text.len());
            if !matches!(token.kind, LineKind::Blank) {
                fold_into(token.text, &mut text);
            }
            text.push('\n');
        }
        FoldedText { text, starts }
    }

    /// `(line index, the rest of that line after the phrase)` for every
    /// occurrence of `phrase`; a phrase never spans lines.
    fn find<'t>(&'t self, phrase: &'t str) -> impl Iterator<Item = (usize, &'t str)> + 't {
        memchr::memmem::find_iter(self.text.as_bytes(), phrase.as_bytes()).map(move |at| {
            let line = self.starts.partition_point(|&s| s <= at) - 1;
            let after = at + phrase.len();
            let end = self.text[after..]
                .find('\n')
                .map_or(self.text.len(), |n| after + n);
            (line, &self.text[after..end])
        })
    }
}

const KIND_PHRASES: &[(&str, ReportKind, u32)] = &[
    ("wat hebben we bereikt", ReportKind::Jaarverslag, 5),
    ("wat hebben we daarvoor gedaan", ReportKind::Jaarverslag, 5),
    ("jaarverslag", ReportKind::Jaarverslag, 5),
    ("jaarstukken", ReportKind::Jaarverslag, 5),
    ("wat mag het kosten", ReportKind::Begroting, 5),
    ("wat gaan we daarvoor doen", ReportKind::Begroting, 5),
    ("speerpunten in 20", ReportKind::Begroting, 5),
    ("programmabegroting", ReportKind::Begroting, 5),
    ("nieuw beleid", ReportKind::Begroting, 2),
    ("begroting pb 20", ReportKind::Begroting, 2),
    ("rapportage sociaal domein", ReportKind::Rapportage, 10),
    ("tussenrapportage", ReportKind::Rapportage, 5),
    ("bestuurlijke monitor", ReportKind::Rapportage, 3),
];

fn detect_kind(tokens: &[Token<'_>], text: &FoldedText) -> Option<ReportKind> {
    let mut scores: HashMap<ReportKind, u32> = HashMap::new();
    for token in tokens {
        if let LineKind::SuffixTitle(_) | LineKind::Goal(_) = token.kind {
            *scores.entry(ReportKind::Jaarverslag).or_default() += 3;
        }
    }
    // Each line that holds a phrase counts once for it.
    for (phrase, kind, weight) in KIND_PHRASES {
        let mut counted = None;
        for (line, _) in text.find(phrase) {
            if counted != Some(line) {
                *scores.entry(*kind).or_default() += weight;
                counted = Some(line);
            }
        }
    }
    let best = scores.values().copied().max().filter(|&s| s > 0)?;
    let mut winners = scores.iter().filter(|(_, s)| **s == best).map(|(k, _)| *k);
    let winner = winners.next()?;
    winners.next().is_none().then_some(winner)
}

/// The four-digit year at the start of `rest` (spaces and `over`/`in`/`van`
/// before it allowed): what follows a phrase.
fn year_after(rest: &str) -> Option<i32> {
    let rest = rest.trim_start();
    let rest = ["over ", "in ", "van "]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest)
        .trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits == 4).then(|| rest[..4].parse().ok()).flatten()
}

fn detect_year(tokens: &[Token<'_>], text: &FoldedText, kind: ReportKind) -> Option<i32> {
    let mut votes: HashMap<i32, u32> = HashMap::new();
    let phrases: &[(&str, u32)] = match kind {
        ReportKind::Jaarverslag => &[("jaarverslag", 3), ("jaarstukken", 3)],
        ReportKind::Begroting => &[
            ("begroting pb", 3),
            ("speerpunten in", 3),
            ("programmabegroting", 3),
            ("nieuw beleid", 2),
        ],
        ReportKind::Rapportage => &[
            ("rapportage sociaal domein", 3),
            ("eerste helft van", 1),
            ("tweede helft van", 1),
        ],
    };
    if kind == ReportKind::Jaarverslag {
        for token in tokens {
            if let LineKind::SuffixTitle(t) = &token.kind {
                *votes.entry(t.year).or_default() += 3;
            }
        }
    }
    for (phrase, weight) in phrases {
        for year in text.find(phrase).filter_map(|(_, rest)| year_after(rest)) {
            *votes.entry(year).or_default() += weight;
        }
    }
    // Highest vote; on a tie the later year (a report looks ahead from its year).
    votes
        .into_iter()
        .max_by_key(|&(year, votes)| (votes, year))
        .map(|(year, _)| year)
}

fn municipalities() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static BY_FIRST_WORD: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    BY_FIRST_WORD.get_or_init(|| {
        let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
        for name in include_str!("gemeenten.txt").lines() {
            let name = name.trim();
            if name.is_empty() || name.starts_with('#') {
                continue;
            }
            let first = name.split(' ').next().unwrap_or(name);
            assert!(may_start_name(first), "{name} would never be found");
            map.entry(first).or_default().push(name);
        }
        map
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\''
}

/// Words of a line (letters, digits, inner hyphens and apostrophes) with
/// their byte offsets.
fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let len = line.len();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            while at < len && !word_char_at(line, at).0 {
                at += word_char_at(line, at).1;
            }
            if at >= len {
                return None;
            }
            let from = at;
            while at < len && word_char_at(line, at).0 {
                at += word_char_at(line, at).1;
            }
            let word = &line[from..at];
            let lead = word.len() - word.trim_start_matches('-').len();
            let word = word.trim_matches('-');
            if !word.is_empty() {
                return Some((from + lead, word));
            }
        }
    })
}

/// Whether the character at byte `at` is a word character, and its length.
fn word_char_at(line: &str, at: usize) -> (bool, usize) {
    let byte = line.as_bytes()[at];
    if byte.is_ascii() {
        (is_word_char(char::from(byte)), 1)
    } else {
        let c = line[at..].chars().next().expect("at is a char boundary");
        (is_word_char(c), c.len_utf8())
    }
}

/// Whether a word can start a municipality's name: they are capitalised,
/// or start with an apostrophe (`'s-Hertogenbosch`).
fn may_start_name(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_uppercase() || c == '\'')
}

/// The words of [`words`] that [`may_start_name`], found by their first byte
/// without walking every character of the line.
fn capitalised_words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = line.as_bytes();
    let mut next = 0;
    std::iter::from_fn(move || {
        loop {
            let at = next
                + bytes[next..]
                    .iter()
                    .position(|&b| b.is_ascii_uppercase() || b == b'\'')?;
            next = at + 1;
            // Only at the start of a word: what comes before in its run of
            // word characters is hyphens, which `words` trims.
            let run_start = run_start(line, at);
            if !line[run_start..at].bytes().all(|b| b == b'-') {
                continue;
            }
            let end = at
                + line[at..]
                    .find(|c: char| !is_word_char(c))
                    .unwrap_or(line.len() - at);
            let word = line[at..end].trim_end_matches('-');
            if !word.is_empty() {
                return Some((at, word));
            }
        }
    })
}

/// Where the run of word characters that ends at byte `at` starts.
fn run_start(line: &str, at: usize) -> usize {
    line[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(at, |(start, _)| start)
}

/// The word of [`words`] before the one at byte `at`, in the same line.
fn word_before(line: &str, at: usize) -> Option<&str> {
    words(&line[..run_start(line, at)]).last().map(|(_, w)| w)
}

fn detect_municipality(tokens: &[Token<'_>]) -> Option<String> {
    let names = municipalities();
    let mut scores: HashMap<&str, (u32, u32)> = HashMap::new();
    for token in tokens {
        let line = token.text;
        for (at, word) in capitalised_words(line) {
            let Some(candidates) = names.get(word) else {
                continue;
            };
            let rest = &line[at..];
            let found = candidates
                .iter()
                .filter(|name| {
                    rest.starts_with(*name) && !rest[name.len()..].starts_with(is_word_char)
                })
                .max_by_key(|name| name.len());
            if let Some(name) = found {
                let entry = scores.entry(name).or_default();
                entry.0 += 1;
                if word_before(line, at).is_some_and(|w| w.eq_ignore_ascii_case("gemeente")) {
                    entry.1 += 1;
                }
            }
        }
    }
    let score = |&(mentions, named): &(u32, u32)| mentions + 4 * named;
    let best = scores.values().map(score).max()?;
    let mut leaders = scores.iter().filter(|(_, s)| score(s) == best);
    let (name, counts) = leaders.next()?;
    let unique = leaders.next().is_none();
    (unique && (counts.0 >= 2 || counts.1 >= 1)).then(|| (*name).to_owned())
}

/// Words that start the column headers a table prints after the programme name.
const COLUMN_HEADS: &[&str] = &["Jaarrekening", "Rekening", "Begroting", "Realisatie"];

fn detect_programme(tokens: &[Token<'_>]) -> Option<String> {
    (0..tokens.len()).find_map(|at| {
        let next = tokens[at + 1..]
            .iter()
            .find(|t| !matches!(t.kind, LineKind::Blank))
            .map(|t| t.text);
        programme(tokens[at].text, next)
    })
}

/// `Programma <n> <name>` at the start of `line`, without column headers;
/// a lower-case `next` line continues a wrapped name.
fn programme(line: &str, next: Option<&str>) -> Option<String> {
    let rest = line.strip_prefix("Programma ")?;
    let number_len = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if number_len == 0 {
        return None;
    }
    let (name, headers_seen) = without_column_heads(line);
    let has_name = name.len() > "Programma ".len() + number_len;
    if !has_name {
        return None;
    }
    let mut words: Vec<&str> = name.split_whitespace().collect();
    if let Some(next) =
        next.filter(|n| !headers_seen && n.trim_start().starts_with(char::is_lowercase))
    {
        words.extend(without_column_heads(next).0.split_whitespace());
    }
    Some(words.join(" "))
}

/// The text before the first column header word, and whether there was one.
fn without_column_heads(line: &str) -> (&str, bool) {
    for (at, word) in words(line) {
        if at > 0 && COLUMN_HEADS.contains(&word) {
            return (line[..at].trim_end(), true);
        }
    }
    (line.trim_end(), false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::line::tokenize;

    fn meta(text: &str) -> Metadata {
        let lines: Vec<&str> = text.lines().collect();
        detect(&tokenize(&lines))
    }

    #[test]
    fn a_jaarverslag_by_its_suffix_titles_and_goals() {
        let m = meta(
            "% Vrijwilligers (Realisatie 2024)\nBron: Stadspeiling\nType 2023 2024\n\
             Begroting 28% 24%\nRealisatie 23% 22%\nDoel gehaald: Nee.\n",
        );
        assert_eq!(
            (m.kind, m.year),
            (Some(ReportKind::Jaarverslag), Some(2024))
        );
    }

    #[test]
    fn a_begroting_by_its_headings() {
        let m = meta(
            "Speerpunten in 2026: Wat gaan we daarvoor doen?\nFinancieel samengevat: Wat mag het kosten?\n\
             Begroting PB 2026 - 4.525 4.000\nProgrammabegroting 2026-2029\n",
        );
        assert_eq!((m.kind, m.year), (Some(ReportKind::Begroting), Some(2026)));
    }

    #[test]
    fn a_rapportage_by_its_name() {
        let m = meta("Dit is de 2e rapportage sociaal domein over 2019. Opnieuw hebben we\n");
        assert_eq!((m.kind, m.year), (Some(ReportKind::Rapportage), Some(2019)));
    }

    #[test]
    fn no_evidence_no_kind() {
        assert_eq!(meta("Een tekst zonder aanwijzingen.\n").kind, None);
    }

    #[test]
    fn the_municipality_named_most() {
        let m = meta(
            "inwoners van Zoetermeer en Wassenaar\nde gemeente Zoetermeer werkt samen met Leidschendam-Voorburg\n\
             Zoetermeerse jongeren\n",
        );
        assert_eq!(m.municipality.as_deref(), Some("Zoetermeer"));
        assert_eq!(
            meta("samen met Alphen aan den Rijn en Alphen aan den Rijn\n")
                .municipality
                .as_deref(),
            Some("Alphen aan den Rijn")
        );
    }

    #[test]
    fn a_municipality_mentioned_once_is_not_enough() {
        assert_eq!(meta("Een bezoek aan Goes.\n").municipality, None);
        assert_eq!(
            meta("De Zoetermeerse aanpak, de Zoetermeerders.\n").municipality,
            None
        );
    }

    #[test]
    fn words_keep_their_offsets_after_wide_characters() {
        let line = "€ 3.348 – ’s-Hertogenbosch en Leidschendam-Voorburg";
        for (at, word) in words(line) {
            assert_eq!(&line[at..at + word.len()], word);
        }
        assert!(words(line).any(|(_, w)| w == "Leidschendam-Voorburg"));
    }

    #[test]
    fn the_programme_without_column_headers() {
        let full = Some("Programma 2 Samen leven en ondersteunen".to_owned());
        assert_eq!(
            programme(
                "Programma 2 Samen leven en ondersteunen Jaarrekening 2024 Begroting 2025",
                None
            ),
            full
        );
        assert_eq!(
            programme("Programma 2 Samen leven en ondersteunen Jaarrekening", None),
            full
        );
        assert_eq!(
            programme(
                "Programma 2 Samen leven",
                Some("en ondersteunen Jaarrekening 2024 Begroting 2025")
            ),
            full
        );
        assert_eq!(
            programme("Programma 2 Samen leven Jaarrekening", Some("en meer")).as_deref(),
            Some("Programma 2 Samen leven")
        );
        assert_eq!(programme("Programma Sociale Innovatie", None), None);
        assert_eq!(programme("Programma 2", None), None);
    }

    proptest::proptest! {
        /// The quick search finds the capitalised words the full one does.
        #[test]
        fn capitalised_words_are_the_words_that_may_start_a_name(
            line in "[A-Za-z' ,.éÉ€-]{0,40}"
        ) {
            let quick: Vec<_> = capitalised_words(&line).collect();
            let full: Vec<_> = words(&line).filter(|(_, w)| may_start_name(w)).collect();
            proptest::prop_assert_eq!(quick, full);
        }
    }
}
