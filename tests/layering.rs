//! The one-way flow, kept true: each top-level module of `src/` may name
//! only the modules this table allows (`crate::x` anywhere in its code,
//! test modules aside). Add a module here before it may be used.
//!
//! ```text
//! ingest ─→ clean ─→ parse ─→ normalise ─→ model ─→ output
//! ```
//!
//! `extract` runs the stages for one document; `cache`, `delivery`,
//! `worker` and `pipeline` carry records between processes; `analysis`
//! reads datasets (the model, never a report); `cli` is the edge.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Each module and the modules it may use; `diagnostic` and `panic` are
/// the shared warning type and panic guard, usable by every stage.
const ALLOWED: &[(&str, &[&str])] = &[
    ("diagnostic", &[]),
    ("panic", &[]),
    ("ingest", &["diagnostic", "panic"]),
    ("clean", &["diagnostic"]),
    ("parse", &["clean", "diagnostic"]),
    ("model", &["diagnostic"]),
    ("normalise", &["clean", "diagnostic", "model", "parse"]),
    (
        "extract",
        &[
            "clean",
            "diagnostic",
            "ingest",
            "model",
            "normalise",
            "panic",
            "parse",
        ],
    ),
    ("export", &["analysis", "clean", "model"]),
    ("output", &["model"]),
    ("cache", &["extract", "ingest", "model"]),
    ("delivery", &["cache", "model"]),
    (
        "worker",
        &["cache", "delivery", "extract", "ingest", "model", "panic"],
    ),
    (
        "pipeline",
        &["cache", "delivery", "extract", "ingest", "model", "worker"],
    ),
    ("analysis", &["clean", "diagnostic", "model"]),
    (
        "cli",
        &[
            "analysis",
            "cache",
            "delivery",
            "diagnostic",
            "export",
            "extract",
            "ingest",
            "model",
            "output",
            "pipeline",
            "worker",
        ],
    ),
];

/// The crate modules named in non-test code, with their lines: `crate::x`
/// and each `x` of `crate::{x::…, y}` outside comments, before the file's
/// `#[cfg(test)]` (test modules and `tests.rs` files may use whatever a
/// test needs).
fn named_modules(source: &str) -> Vec<(usize, String)> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    // Comment lines blanked, so line numbers stay and comments name nothing.
    let code: String = code
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let ident = |from: usize| -> String {
        code[from..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut named = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let preceded_by_word = code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
        if preceded_by_word {
            continue; // `$crate::` or `other_crate::`
        }
        let start = at + "crate::".len();
        if !code[start..].starts_with('{') {
            named.push((line_of(at), ident(start)));
            continue;
        }
        // A group: the names at its first level, after `{` and each `,`.
        let mut depth = 0;
        for (offset, c) in code[start..].char_indices() {
            let here = start + offset;
            match c {
                '{' | ',' if (c == '{' && depth == 0) || (c == ',' && depth == 1) => {
                    depth += usize::from(c == '{');
                    let next = code[here + 1..].len() - code[here + 1..].trim_start().len();
                    let name = ident(here + 1 + next);
                    if !name.is_empty() {
                        named.push((line_of(here + 1 + next), name));
                    }
                }
                '{' => depth += 1,
                '}' if depth == 1 => break,
                '}' => depth -= 1,
                _ => {}
            }
        }
    }
    named.retain(|(_, name)| !name.is_empty());
    named
}

/// Every `.rs` file under `dir`, with the top-level module it belongs to.
fn files_by_module(src: &Path) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(src).unwrap();
                let top = relative.components().next().unwrap();
                let top = top.as_os_str().to_string_lossy();
                let module = top.strip_suffix(".rs").unwrap_or(&top).to_owned();
                files.push((module, path));
            }
        }
    }
    files.sort();
    files
}

/// What breaks the table: `file:line: a may not use b`, one per use.
fn violations(src: &Path) -> Vec<String> {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut found = Vec::new();
    for (module, path) in files_by_module(src) {
        if matches!(module.as_str(), "lib" | "main") {
            continue;
        }
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let Some(may_use) = allowed.get(module.as_str()) else {
            found.push(format!(
                "{}: module `{module}` is not in tests/layering.rs",
                path.display()
            ));
            continue;
        };
        let source = fs::read_to_string(&path).unwrap();
        for (line, used) in named_modules(&source) {
            if used != module && !may_use.contains(&used.as_str()) {
                found.push(format!(
                    "{}:{line}: `{module}` may not use `{used}`",
                    path.display()
                ));
            }
        }
    }
    found
}

#[test]
fn every_module_uses_only_the_stages_before_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

/// The modules that do no I/O: no files, standard streams, processes,
/// environment or threads (those live at the edges: ingest, cache, output,
/// pipeline, worker, cli).
const PURE: &[&str] = &[
    "analysis",
    "clean",
    "delivery",
    "diagnostic",
    "export",
    "extract",
    "model",
    "normalise",
    "parse",
];

/// What names I/O in Rust's standard library.
const IO: &[&str] = &[
    "std::fs",
    "fs::",
    "File::",
    "OpenOptions",
    "stdin()",
    "stdout()",
    "stderr()",
    "std::process",
    "Command::",
    "std::env",
    "thread::",
    "println!",
    "eprintln!",
];

/// `file:line: a does I/O (x)` for each I/O use in a pure module's non-test code.
fn io_uses(src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (module, path) in files_by_module(src) {
        if !PURE.contains(&module.as_str()) || path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let source = fs::read_to_string(&path).unwrap();
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for (index, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if let Some(io) = IO.iter().find(|io| line.contains(*io)) {
                found.push(format!(
                    "{}:{}: `{module}` does I/O ({io})",
                    path.display(),
                    index + 1
                ));
            }
        }
    }
    found
}

#[test]
fn io_lives_at_the_edges() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = io_uses(&src);
    assert!(
        found.is_empty(),
        "I/O outside the edges:\n{}",
        found.join("\n")
    );
}

#[test]
fn io_in_a_pure_module_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("normalise")).unwrap();
    fs::write(
        dir.path().join("normalise/table.rs"),
        "// std::fs in a comment is fine\nfn f() { let _ = std::fs::read(\"x\"); }\n\
         #[cfg(test)]\nmod tests { fn t() { std::fs::read(\"y\").unwrap(); } }\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("output.rs"),
        "fn g() { std::fs::write(\"z\", \"\"); }\n",
    )
    .unwrap();
    let prefix = format!("{}/", dir.path().display());
    let found: Vec<String> = io_uses(dir.path())
        .iter()
        .map(|v| v.replace(&prefix, ""))
        .collect();
    assert_eq!(
        found,
        ["normalise/table.rs:2: `normalise` does I/O (std::fs)"]
    );
}

#[test]
fn the_table_has_no_cycles() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    // Depth-first over the allowed uses; a module met again on its own path is a cycle.
    fn visit<'a>(
        module: &'a str,
        allowed: &BTreeMap<&'a str, &'a [&'a str]>,
        path: &mut Vec<&'a str>,
    ) {
        assert!(!path.contains(&module), "cycle: {path:?} → {module}");
        path.push(module);
        for used in allowed.get(module).copied().unwrap_or_default() {
            visit(used, allowed, path);
        }
        path.pop();
    }
    for module in allowed.keys() {
        visit(module, &allowed, &mut Vec::new());
    }
}

#[test]
fn a_wrong_import_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let parse = dir.path().join("parse");
    fs::create_dir(&parse).unwrap();
    fs::write(
        parse.join("table.rs"),
        "//! A table.\n// crate::model in a comment is fine\nuse crate::clean;\n\
         use crate::{parse::cell,\n    model::{Unit, Number}};\nfn f() { crate::normalise::text::join_lines([]) }\n\
         #[cfg(test)]\nmod tests { use crate::extract::extract_text; }\n",
    )
    .unwrap();
    fs::write(dir.path().join("newcomer.rs"), "//! Unknown.\n").unwrap();
    let found = violations(dir.path());
    let prefix = format!("{}/", dir.path().display());
    let shown: Vec<String> = found.iter().map(|v| v.replace(&prefix, "")).collect();
    assert_eq!(
        shown,
        [
            "newcomer.rs: module `newcomer` is not in tests/layering.rs",
            "parse/table.rs:5: `parse` may not use `model`",
            "parse/table.rs:6: `parse` may not use `normalise`",
        ]
    );
}
