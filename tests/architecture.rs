//! ARCHITECTURE.md's code map matches the tree: every path it names
//! exists, and every source file is named (by its path, its file name, or
//! its folder, as in `check/: one file per kind`).

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn architecture() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap()
}

/// Every `src/…`, `tests/…` or `benches/…` path in backticks.
fn named_paths(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|quoted| {
            ["src/", "tests/", "benches/", "bench/"]
                .iter()
                .any(|p| quoted.starts_with(p))
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_path_the_map_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let missing: Vec<String> = named_paths(&architecture())
        .into_iter()
        .filter(|p| !root.join(p.trim_end_matches('/')).exists())
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names what is not there: {missing:?}"
    );
}

#[test]
fn every_source_file_is_on_the_map() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = architecture();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let unmapped: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(root).unwrap())
        .filter(|relative| {
            let name = relative.file_name().unwrap().to_string_lossy();
            let folder = relative.parent().unwrap();
            let folder_name = folder.file_name().unwrap().to_string_lossy();
            let by_path = text.contains(&format!("`{}`", relative.display()));
            let by_name = name != "mod.rs" && text.contains(&format!("`{name}`"));
            let by_folder = text.contains(&format!("`{folder_name}/`"))
                || text.contains(&format!("`{}/`", folder.display()));
            !(by_path || by_name || by_folder)
        })
        .map(|r| r.display().to_string())
        .collect();
    assert!(
        unmapped.is_empty(),
        "not on ARCHITECTURE.md's code map: {unmapped:?}"
    );
}
