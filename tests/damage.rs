//! Fresh damage on the corpus texts: every printed value must still be read.
//!
//! Each corpus text is damaged the way other OCR runs and exports damage
//! reports — spacing, line ends, keyword spelling, diacritics, page breaks —
//! and extracted again. The values (every observation's year, kind and value,
//! every table cell) must be those of the undamaged text: none lost, none
//! invented. Titles and labels may keep the damage; values may not.

use kengetal::extract::extract_text;
use kengetal::model::DocumentRecord;
use std::collections::BTreeMap;

const CORPUS: [&str; 4] = [
    "corpus/zoetermeer-begroting-2023-programma-2.txt",
    "corpus/zoetermeer-begroting-2026-programma-2.txt",
    "corpus/zoetermeer-jaarverslag-2024-programma-2.txt",
    "corpus/zoetermeer-rapportage-sociaal-domein-2019-2.txt",
];

/// Values a record holds: its observations' values by year and kind, with
/// the number of `-` cells (which year a lone `-` stands under may be
/// unknowable when damage evens out a row's spacing), then table cells.
fn values(record: &DocumentRecord) -> (Vec<String>, Vec<String>) {
    let all = || record.indicators.iter().flat_map(|i| &i.observations);
    let mut observations: Vec<String> = all()
        .filter_map(|o| Some(format!("{} {} {:?}", o.year, o.kind.name(), o.value?)))
        .collect();
    observations.sort();
    observations.push(format!(
        "{} dashes",
        all().filter(|o| o.value.is_none()).count()
    ));
    let cells = record
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .map(|r| format!("{:?}", r.values))
        .collect();
    (observations, cells)
}

/// Every figure of a record, read or unread, as printed without spaces,
/// with how often it occurs.
fn figures(record: &DocumentRecord) -> BTreeMap<String, usize> {
    // A cell that stacks a share under its count (`473 (100%)`) is one
    // figure, its count, as the census counts it.
    let compact = |raw: &str| {
        let count = raw.split_once('(').map_or(raw, |(count, _)| count);
        count
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    };
    let observations = record
        .indicators
        .iter()
        .flat_map(|i| &i.observations)
        .map(|o| &o.raw);
    let cells = record
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .flat_map(|r| &r.raw);
    let unread = record.unread.iter().map(|u| &u.raw);
    let mut all = BTreeMap::new();
    for raw in observations.chain(cells).chain(unread) {
        if raw.bytes().any(|b| b.is_ascii_digit()) {
            *all.entry(compact(raw)).or_insert(0) += 1;
        }
    }
    all
}

/// The figures of `expected` that `got` lacks: each must be read or listed.
fn vanished(expected: &BTreeMap<String, usize>, got: &BTreeMap<String, usize>) -> Vec<String> {
    expected
        .iter()
        .filter(|(raw, n)| got.get(*raw).copied().unwrap_or(0) < **n)
        .map(|(raw, n)| format!("{raw} ×{}", n - got.get(raw).copied().unwrap_or(0)))
        .collect()
}

fn goals(record: &DocumentRecord) -> Vec<Option<bool>> {
    record.indicators.iter().map(|i| i.goal_met).collect()
}

/// Applies `damage` to every line.
fn per_line(text: &str, damage: impl Fn(usize, &str) -> String) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| damage(i, line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A space before a number becomes `with`.
fn space_before_numbers(text: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let before_number = chars
            .peek()
            .is_some_and(|n| n.is_ascii_digit() || *n == '-');
        if c == ' ' && before_number && !out.ends_with([' ', '\n']) && !out.is_empty() {
            out.push_str(with);
        } else {
            out.push(c);
        }
    }
    out
}

type Damage = (&'static str, fn(&str) -> String);

const DAMAGES: [Damage; 15] = [
    ("a page number after every Bron line", |t| {
        per_line(t, |_, l| {
            if l.starts_with("Bron") {
                format!("{l}\n\n77\n")
            } else {
                l.to_owned()
            }
        })
    }),
    ("trailing spaces", |t| {
        per_line(t, |i, l| format!("{l}{}", " ".repeat(i % 4)))
    }),
    ("a blank line after every fifth line", |t| {
        per_line(t, |i, l| {
            if i % 5 == 4 {
                format!("{l}\n")
            } else {
                l.to_owned()
            }
        })
    }),
    ("CR LF line ends", |t| t.replace('\n', "\r\n")),
    ("é for ë", |t| t.replace('ë', "é")),
    ("a space before %", |t| {
        let mut out = String::new();
        for (i, part) in t.split('%').enumerate() {
            if i > 0 {
                out.push_str(
                    if part.starts_with([' ', '\n', ')']) || out.ends_with(' ') {
                        "%"
                    } else {
                        " %"
                    },
                );
            }
            out.push_str(part);
        }
        out
    }),
    ("Jaar for Type", |t| {
        per_line(t, |_, l| match l.strip_prefix("Type 20") {
            Some(rest) => format!("Jaar 20{rest}"),
            None => l.to_owned(),
        })
    }),
    ("Doel gehaald with a space before the colon", |t| {
        t.replace("Doel gehaald:", "Doel gehaald :")
    }),
    ("Bron; for Bron:", |t| t.replace("Bron:", "Bron;")),
    ("Toelichting with a space before the colon", |t| {
        t.replace("Toelichting:", "Toelichting :")
    }),
    ("ReaIisatie", |t| t.replace("Realisatie", "ReaIisatie")),
    ("Begrotlng", |t| t.replace("Begroting", "Begrotlng")),
    ("tabs before numbers", |t| space_before_numbers(t, "\t")),
    ("double spaces before numbers", |t| {
        space_before_numbers(t, "  ")
    }),
    ("no-break spaces before numbers", |t| {
        space_before_numbers(t, "\u{a0}")
    }),
];

#[test]
fn fresh_damage_loses_and_invents_no_value() {
    let mut failures = Vec::new();
    let mut applied = [0; DAMAGES.len()];
    for path in CORPUS {
        let text = std::fs::read_to_string(path).unwrap();
        let clean = extract_text(path, text.as_bytes());
        let (observations, cells) = values(&clean);
        assert!(!observations.is_empty() || !cells.is_empty(), "{path}");
        for (index, (name, damage)) in DAMAGES.into_iter().enumerate() {
            let damaged = damage(&text);
            if damaged == text {
                continue; // nothing of this kind in this document
            }
            applied[index] += 1;
            let record = extract_text(path, damaged.as_bytes());
            let (got_observations, got_cells) = values(&record);
            if got_observations != observations {
                failures.push(format!("{path}, {name}: the observations differ"));
            }
            if got_cells != cells {
                failures.push(format!("{path}, {name}: the table cells differ"));
            }
            if goals(&record) != goals(&clean) {
                failures.push(format!("{path}, {name}: Doel gehaald differs"));
            }
            let lost = vanished(&figures(&clean), &figures(&record));
            if !lost.is_empty() {
                failures.push(format!("{path}, {name}: figures vanished: {lost:?}"));
            }
        }
    }
    for ((name, _), count) in DAMAGES.iter().zip(applied) {
        assert!(count > 0, "{name} damages no corpus text");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// OCR reads the last `0` of a number as `O` (`1.300` → `1.30O`).
fn ocr_zero(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let ends_run = !chars
            .get(i + 1)
            .is_some_and(|n| n.is_ascii_digit() || *n == '.');
        out.push(if c == '0' && after_digit && ends_run {
            'O'
        } else {
            c
        });
    }
    out
}

/// Damage that breaks the numbers themselves: no value may be guessed, and
/// no figure may vanish: each damaged figure is read as unreadable or listed
/// in `unread`.
#[test]
fn damaged_numbers_are_read_or_listed_never_dropped() {
    let mut failures = Vec::new();
    let mut damaged_figures = 0;
    for path in CORPUS {
        let text = std::fs::read_to_string(path).unwrap();
        let clean = extract_text(path, text.as_bytes());
        let expected: BTreeMap<String, usize> =
            figures(&clean)
                .into_iter()
                .fold(BTreeMap::new(), |mut all, (raw, n)| {
                    *all.entry(ocr_zero(&raw)).or_insert(0) += n;
                    all
                });
        damaged_figures += expected.keys().filter(|raw| raw.contains('O')).count();
        let record = extract_text(path, ocr_zero(&text).as_bytes());
        let lost = vanished(&expected, &figures(&record));
        if !lost.is_empty() {
            failures.push(format!("{path}: figures vanished: {lost:?}"));
        }
        let guessed = record
            .indicators
            .iter()
            .flat_map(|i| &i.observations)
            .filter(|o| o.raw.contains('O') && o.value.is_some())
            .count();
        if guessed > 0 {
            failures.push(format!(
                "{path}: {guessed} damaged values were given a value"
            ));
        }
    }
    eprintln!("damaged numbers: {damaged_figures} distinct damaged figures over the corpus");
    assert!(damaged_figures > 20, "the damage must reach the figures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
