//! Grammar micro-fixtures: `grammars/<kind>/{ok,err}/*.txt`.
//!
//! A fixture is a header of expectations, a `----` line, and the text to
//! read (format: `grammars/README.md`). Fixtures in `ok/` must yield no
//! warnings and leave no figure unread; fixtures in `err/` must yield
//! exactly the warnings they list.

use kengetal::extract::extract_text;
use kengetal::model::{DocumentRecord, Indicator, Observation, Table, Warning};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures(kind: &str, outcome: &str) -> Vec<PathBuf> {
    let folder = Path::new("grammars").join(kind).join(outcome);
    let mut files: Vec<PathBuf> = fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.expect("fixture folder is readable").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no fixtures", folder.display());
    files
}

/// The expectations and the text of a fixture.
fn split(path: &Path) -> (Vec<(String, String)>, String) {
    let content = fs::read_to_string(path).expect("fixture is UTF-8");
    let (header, text) = content
        .split_once("\n----\n")
        .unwrap_or_else(|| panic!("{}: no `----` line", path.display()));
    let directives = header
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (key, value) = l
                .split_once(':')
                .unwrap_or_else(|| panic!("{}: bad directive {l:?}", path.display()));
            (key.trim().to_owned(), value.trim().to_owned())
        })
        .collect();
    (directives, text.to_owned())
}

fn value_text(o: &Observation) -> String {
    match o.value {
        None => "null".to_owned(),
        Some(n) => {
            let v = n.value;
            if v.fract() == 0.0 {
                format!("{}", v as i64)
            } else {
                format!("{v}")
            }
        }
    }
}

fn kind_text(o: &Observation) -> &'static str {
    match o.kind {
        kengetal::model::ObservationKind::Begroting => "begroting",
        kengetal::model::ObservationKind::Realisatie => "realisatie",
        kengetal::model::ObservationKind::Streefwaarde => "streefwaarde",
        kengetal::model::ObservationKind::Nulmeting => "nulmeting",
    }
}

/// `kind year value raw…`, the value compared as a number (`9.0` = `9`).
fn observation_matches(o: &Observation, expected: &str) -> bool {
    let mut parts = expected.splitn(4, ' ');
    let (kind, year, value, raw) = (parts.next(), parts.next(), parts.next(), parts.next());
    let value_matches = match (value, o.value) {
        (Some("null"), None) => true,
        (Some(v), Some(n)) => v.parse::<f64>().is_ok_and(|v| v == n.value),
        _ => false,
    };
    kind == Some(kind_text(o))
        && year == Some(o.year.to_string().as_str())
        && value_matches
        && raw == Some(o.raw.as_str())
}

/// Checks one directive against the current indicator; returns a failure.
fn check(indicator: &Indicator, key: &str, expected: &str) -> Option<String> {
    let show = |o: &Observation| format!("{} {} {} {}", kind_text(o), o.year, value_text(o), o.raw);
    let actual = match key {
        "title" => (indicator.title != expected).then(|| indicator.title.clone()),
        "doelstelling" => {
            let found = indicator.doelstelling.clone().unwrap_or_default();
            (found != expected).then_some(found)
        }
        "description-starts" => {
            let found = indicator.description.clone().unwrap_or_default();
            (!found.starts_with(expected)).then_some(found)
        }
        "explanation-ends" => {
            let found = indicator.explanation.clone().unwrap_or_default();
            (!found.ends_with(expected)).then_some(found)
        }
        "sources" => {
            let found = indicator.sources.join(" | ");
            (found != expected).then_some(found)
        }
        "unit" => {
            let found = serde_json::to_value(indicator.unit)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned();
            (found != expected).then_some(found)
        }
        "goal" => {
            let found = indicator
                .goal_met
                .map_or("null".to_owned(), |g| g.to_string());
            (found != expected).then_some(found)
        }
        "observations" => {
            let found = indicator.observations.len().to_string();
            (found != expected).then_some(found)
        }
        "observation" => {
            let found: Vec<String> = indicator.observations.iter().map(show).collect();
            let matches = indicator
                .observations
                .iter()
                .any(|o| observation_matches(o, expected));
            (!matches).then(|| found.join("; "))
        }
        "no-observation" => {
            let found: Vec<String> = indicator
                .observations
                .iter()
                .map(|o| format!("{} {}", kind_text(o), o.year))
                .collect();
            found
                .iter()
                .any(|f| f == expected)
                .then(|| found.join("; "))
        }
        "unit-text" => {
            let found = indicator.unit_text.clone().unwrap_or_default();
            (found != expected).then_some(found)
        }
        "code" => {
            let found = indicator.code.clone().unwrap_or_default();
            (found != expected).then_some(found)
        }
        "bbv" => (indicator.bbv.to_string() != expected).then(|| indicator.bbv.to_string()),
        "table" => {
            let found = indicator.table.map_or("null".to_owned(), |t| t.to_string());
            (found != expected).then_some(found)
        }
        // `scope | kind year value raw | period`: `_` for no period.
        "observation-of" => {
            let parts: Vec<&str> = expected.split(" | ").collect();
            let [scope, observation, period] = parts.as_slice() else {
                return Some(
                    "observation-of: takes `scope | kind year value raw | period`".to_owned(),
                );
            };
            let period = (*period != "_").then_some(*period);
            let shown = |o: &Observation| {
                format!(
                    "{} | {} | {}",
                    json_name(o.scope),
                    show(o),
                    o.period.as_deref().unwrap_or("_")
                )
            };
            let matches = indicator.observations.iter().any(|o| {
                json_name(o.scope) == *scope
                    && observation_matches(o, observation)
                    && o.period.as_deref() == period
            });
            let found: Vec<String> = indicator.observations.iter().map(shown).collect();
            (!matches).then(|| found.join("; "))
        }
        "label" => {
            let found: Vec<&str> = indicator
                .observations
                .iter()
                .map(|o| o.label.as_str())
                .collect();
            (!found.contains(&expected)).then(|| found.join("; "))
        }
        other => Some(format!("unknown directive {other:?}")),
    }?;
    Some(format!("{key}: expected {expected:?}, found {actual:?}"))
}

fn json_name<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// `a | b | c` as a list; `_` stands for an empty cell.
fn list(text: &str) -> Vec<String> {
    text.split(" | ")
        .map(|part| {
            if part.trim() == "_" {
                String::new()
            } else {
                part.trim().to_owned()
            }
        })
        .collect()
}

/// Checks one directive against the current table; returns a failure.
fn check_table(table: &Table, key: &str, expected: &str) -> Option<String> {
    let row_named = |label: &str| table.rows.iter().find(|r| r.label == label);
    let actual = match key {
        "title" => (table.title != expected).then(|| table.title.clone()),
        "columns" => (table.columns != list(expected)).then(|| table.columns.join(" | ")),
        "label-header" => {
            let found = table.label_header.clone().unwrap_or_default();
            (found != expected).then_some(found)
        }
        "text-columns" => {
            (table.text_columns != list(expected)).then(|| table.text_columns.join(" | "))
        }
        // `row | text | text …`: the row's text cells, `_` where none is printed.
        "texts" => {
            let parts = list(expected);
            let (label, texts) = parts.split_first().expect("texts: takes a label");
            let shown = |r: &kengetal::model::Row| -> Vec<String> {
                r.texts
                    .iter()
                    .map(|t| t.clone().unwrap_or_default())
                    .collect()
            };
            match row_named(label) {
                Some(row) if shown(row) == texts => None,
                Some(row) => Some(shown(row).join(" | ")),
                None => Some("no such row".to_owned()),
            }
        }
        "scale" => (table.scale.to_string() != expected).then(|| table.scale.to_string()),
        "sign-note" => {
            let found = table.sign_note.clone().unwrap_or_default();
            (found != expected).then_some(found)
        }
        "unit" => {
            let found = json_name(table.unit);
            (found != expected).then_some(found)
        }
        "rows" => (table.rows.len().to_string() != expected).then(|| table.rows.len().to_string()),
        "row" => {
            let parts = list(expected);
            let (label, raws) = parts.split_first().expect("row: takes a label");
            // `_` is a row printed without a label of its own.
            let label = if label == "_" { "" } else { label.as_str() };
            // A label printed more than once (`Lasten` under each group):
            // one of its rows prints these cells.
            let same = |r: &&kengetal::model::Row| r.label == label && r.raw == raws;
            match row_named(label) {
                Some(_) if table.rows.iter().any(|r| same(&r)) => None,
                Some(row) => Some(row.raw.join(" | ")),
                None => Some(format!(
                    "no row; rows are {:?}",
                    table.rows.iter().map(|r| &r.label).collect::<Vec<_>>()
                )),
            }
        }
        "value" => {
            let parts = list(expected);
            let [label, column, value] = parts.as_slice() else {
                return Some("value: takes `row | column | value`".to_owned());
            };
            let index = table.columns.iter().position(|c| c == column);
            let found = row_named(label)
                .zip(index)
                .map(|(r, i)| r.values[i].map(|n| n.value));
            let wanted = if value == "null" {
                None
            } else {
                Some(value.parse::<f64>().ok())
            };
            match (found, wanted) {
                (Some(f), Some(Some(w))) if f == Some(w) => None,
                (Some(None), None) => None,
                (found, _) => Some(format!("{found:?}")),
            }
        }
        "role" => {
            let parts = list(expected);
            let [label, role] = parts.as_slice() else {
                return Some("role: takes `row | role`".to_owned());
            };
            let found = row_named(label)
                .map(|r| json_name(r.role))
                .unwrap_or_default();
            (&found != role).then_some(found)
        }
        "checks" => {
            let ok = table.checks.iter().filter(|c| c.ok).count();
            let found = format!("{} ok {}", table.checks.len(), ok);
            let wanted = format!(
                "{} ok {}",
                expected.split_whitespace().next().unwrap_or(""),
                expected.split_whitespace().nth(2).unwrap_or("")
            );
            (found != wanted).then_some(found)
        }
        "check" => {
            let found: Vec<&str> = table
                .checks
                .iter()
                .map(|c| c.description.as_str())
                .collect();
            (!found.iter().any(|d| d.contains(expected))).then(|| found.join("; "))
        }
        other => Some(format!("unknown directive {other:?}")),
    }?;
    Some(format!("{key}: expected {expected:?}, found {actual:?}"))
}

/// A kind of fixture: what it reads from a record and how it checks a directive.
struct Kind<T: 'static> {
    /// `indicator`: fixtures say `indicators: N` and `indicator: i`.
    name: &'static str,
    items: fn(&DocumentRecord) -> &[T],
    title: fn(&T) -> &str,
    warnings: fn(&T) -> &[Warning],
    check: fn(&T, &str, &str) -> Option<String>,
}

const INDICATORS: Kind<Indicator> = Kind {
    name: "indicator",
    items: |r| &r.indicators,
    title: |i| &i.title,
    warnings: |i| &i.warnings,
    check,
};

const TABLES: Kind<Table> = Kind {
    name: "table",
    items: |r| &r.tables,
    title: |t| &t.title,
    warnings: |t| &t.warnings,
    check: check_table,
};

fn run_fixture<T>(path: &Path, must_be_clean: bool, kind: &Kind<T>) -> Vec<String> {
    let (directives, text) = split(path);
    let record: DocumentRecord = extract_text(&path.display().to_string(), text.as_bytes());
    let items = (kind.items)(&record);
    let count_key = format!("{}s", kind.name);
    let mut failures = Vec::new();
    let expected_count = directives
        .iter()
        .find(|(k, _)| *k == count_key)
        .map_or(1, |(_, v)| v.parse().expect("a count takes a number"));
    if items.len() != expected_count {
        let titles: Vec<&str> = items.iter().map(kind.title).collect();
        failures.push(format!(
            "expected {expected_count} {count_key}, found {}: {titles:?}",
            items.len()
        ));
        return failures;
    }
    let mut current = 0;
    let mut expected_warnings = BTreeSet::new();
    for (key, value) in &directives {
        match key.as_str() {
            k if k == count_key => {}
            k if k == kind.name => current = value.parse().expect("an index takes a number"),
            "warning" => {
                expected_warnings.insert(value.clone());
            }
            "unread" => {}
            _ => failures.extend((kind.check)(&items[current], key, value)),
        }
    }
    let warnings: Vec<&Warning> = items.iter().flat_map(|i| (kind.warnings)(i)).collect();
    let found: BTreeSet<String> = warnings.iter().map(|w| w.code.clone()).collect();
    if must_be_clean && !expected_warnings.is_empty() {
        failures.push("an ok/ fixture cannot expect warnings; move it to err/".to_owned());
    }
    // What an ok/ fixture prints is read whole, but for the `unread:` it
    // lists (`line raw reason`); an err/ fixture is checked when it lists any.
    let expected_unread: BTreeSet<&str> = directives
        .iter()
        .filter(|(k, _)| k == "unread")
        .map(|(_, v)| v.as_str())
        .collect();
    let unread: BTreeSet<String> = record
        .unread
        .iter()
        .map(|u| format!("{} {} {}", u.line, u.raw, u.reason))
        .collect();
    let listed: BTreeSet<String> = expected_unread.iter().map(|u| (*u).to_owned()).collect();
    if (must_be_clean || !listed.is_empty()) && unread != listed {
        failures.push(format!("unread: expected {listed:?}, found {unread:?}"));
    }
    if found != expected_warnings {
        let messages: Vec<String> = warnings
            .iter()
            .map(|w| format!("{}: {}", w.code, w.message))
            .collect();
        failures.push(format!(
            "warnings: expected {expected_warnings:?}, found {found:?}\n    {}",
            messages.join("\n    ")
        ));
    }
    failures
}

fn run_all<T>(kind: &Kind<T>) {
    let mut report = Vec::new();
    for (outcome, clean) in [("ok", true), ("err", false)] {
        for path in fixtures(kind.name, outcome) {
            let failures = run_fixture(&path, clean, kind);
            if !failures.is_empty() {
                report.push(format!("{}:\n  {}", path.display(), failures.join("\n  ")));
            }
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n\n"));
}

#[test]
fn indicator_fixtures() {
    run_all(&INDICATORS);
}

#[test]
fn table_fixtures() {
    run_all(&TABLES);
}
