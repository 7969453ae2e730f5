//! Computes the parser version: a hash of everything that decides what a
//! record holds (the sources with the municipality list, the vendored
//! pdf-extract, the dependency lock), so a cached record is never reused by a
//! kengetal that would read differently.

use std::fs;
use std::path::Path;

fn visit(path: &Path, files: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = fs::read_dir(path)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for entry in entries {
            visit(&entry, files);
        }
    } else {
        files.push(path.to_path_buf());
    }
}

fn main() {
    let mut files = Vec::new();
    visit(Path::new("src"), &mut files);
    visit(Path::new("vendor"), &mut files);
    files.push("Cargo.lock".into());
    // FNV-1a, 64 bits: stable across builds and platforms.
    let mut hash: u64 = 0xcbf29ce484222325;
    for file in &files {
        let mut feed = |bytes: &[u8]| {
            for &byte in bytes {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x100000001b3);
            }
        };
        feed(file.to_string_lossy().replace('\\', "/").as_bytes());
        feed(&fs::read(file).unwrap_or_default());
    }
    println!(
        "cargo:rustc-env=KENGETAL_PARSER_VERSION={}-{hash:016x}",
        env!("CARGO_PKG_VERSION")
    );
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=vendor");
    println!("cargo:rerun-if-changed=Cargo.lock");
}
