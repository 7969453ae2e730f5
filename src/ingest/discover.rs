//! Which files a command line names: files as given, folders searched
//! recursively for the extensions kengetal reads.
//!
//! Invariant: the result is sorted by path and names each file once, however
//! often it is reached (a file and its folder both given, a symlinked folder).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Extensions (lowercase, without dot) read when searching a folder.
pub const FOLDER_EXTENSIONS: &[&str] = &["txt", "pdf"];

/// One file to process.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    /// The path as given, or as found under a given folder.
    pub path: PathBuf,
}

/// The files found, and what could not be searched.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to process, sorted by path.
    pub files: Vec<InputFile>,
    /// Folders or entries that could not be read, for a person.
    pub problems: Vec<String>,
}

/// An argument that names nothing: a usage error.
#[derive(Debug)]
pub struct MissingPath(pub PathBuf);

impl std::fmt::Display for MissingPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: no such file or folder", self.0.display())
    }
}

impl std::error::Error for MissingPath {}

/// Lists the files named by `paths`.
pub fn discover(paths: &[PathBuf]) -> Result<Discovery, MissingPath> {
    if let Some(missing) = paths
        .iter()
        .find(|p| fs::metadata(p).is_err() && !is_link(p))
    {
        return Err(MissingPath(missing.clone()));
    }
    let mut walk = Walk::default();
    for path in paths {
        walk.visit(path, true);
    }
    walk.discovery.files.sort();
    let mut seen = HashSet::new();
    walk.discovery
        .files
        .retain(|file| seen.insert(fs::canonicalize(&file.path).unwrap_or(file.path.clone())));
    Ok(walk.discovery)
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[derive(Default)]
struct Walk {
    discovery: Discovery,
}

impl Walk {
    fn visit(&mut self, path: &Path, named: bool) {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.visit_folder(path),
            // A file named on the command line is read whatever its extension;
            // an entry that cannot be inspected (a dangling link) is reported
            // by the reader, as a record of its own.
            _ if named || has_folder_extension(path) => self.push(path),
            _ => {}
        }
    }

    fn push(&mut self, path: &Path) {
        self.discovery.files.push(InputFile {
            path: path.to_path_buf(),
        });
    }

    /// Every report file under `folder`, links followed (a link loop is
    /// walked once, by walkdir's loop check).
    fn visit_folder(&mut self, folder: &Path) {
        let walk = WalkDir::new(folder).follow_links(true).sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry) if has_folder_extension(entry.path()) => self.push(entry.path()),
                Ok(_) => {}
                Err(error) if error.loop_ancestor().is_some() => {}
                // A dangling `*.txt` link: the reader records why it cannot be read.
                Err(error)
                    if error
                        .path()
                        .is_some_and(|p| is_link(p) && has_folder_extension(p)) =>
                {
                    let path = error.path().unwrap_or(folder).to_path_buf();
                    self.push(&path);
                }
                Err(error) => {
                    let at = error.path().unwrap_or(folder).display().to_string();
                    let why = error
                        .io_error()
                        .map_or_else(|| error.to_string(), ToString::to_string);
                    self.discovery
                        .problems
                        .push(format!("{at}: cannot list folder: {why}"));
                }
            }
        }
    }
}

fn has_folder_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| FOLDER_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(discovery: &Discovery, root: &Path) -> Vec<String> {
        discovery
            .files
            .iter()
            .map(|f| f.path.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn folders_are_searched_recursively_in_sorted_order() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("b")).unwrap();
        fs::write(dir.path().join("b/z.txt"), "x").unwrap();
        fs::write(dir.path().join("a.TXT"), "x").unwrap();
        fs::write(dir.path().join("notes.md"), "x").unwrap();
        fs::write(dir.path().join("c.pdf"), "x").unwrap();
        let found = discover(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(names(&found, dir.path()), ["a.TXT", "b/z.txt", "c.pdf"]);
    }

    #[test]
    fn a_file_reached_twice_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        fs::write(&file, "x").unwrap();
        let found = discover(&[dir.path().to_path_buf(), file]).unwrap();
        assert_eq!(found.files.len(), 1);
    }

    #[test]
    fn a_missing_path_is_a_usage_error() {
        let error = discover(&[PathBuf::from("/no/such/kengetal/path")]).unwrap_err();
        assert!(error.to_string().contains("no such file or folder"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_ends() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let found = discover(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(found.files.len(), 1);
    }
}
