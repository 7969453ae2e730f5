//! The grammars' rules are general: every window or limit a table grammar
//! counts against is a named, documented constant (no bare `< 3`, `take(12)`
//! in its code), and no string in the grammars' code is a label, title or
//! heading of a corpus document.

use std::fs;
use std::path::Path;

/// The code of a source file before its test module.
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("source file");
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn sources(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("source folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// Lines that count against a bare integer of 3 or more: a comparison,
/// `take(n)`, `nth(n)` or `+ n` outside a `const` definition and a comment.
fn bare_windows(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in code.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") || trimmed.contains("const ") {
            continue;
        }
        let code = trimmed.split("//").next().unwrap_or_default();
        for op in ["<= ", ">= ", "< ", "> ", "+ ", "take(", "nth("] {
            for (at, _) in code.match_indices(op) {
                let digits: String = code[at + op.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                let after = code[at + op.len() + digits.len()..].chars().next();
                let bare = after.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '.');
                if bare && digits.parse::<u64>().is_ok_and(|n| n >= 3) {
                    found.push(trimmed.to_owned());
                }
            }
        }
    }
    found
}

#[test]
fn bare_windows_are_found() {
    assert_eq!(bare_windows("        if rows < 3 {\n").len(), 1);
    assert_eq!(bare_windows(".take(12)\n").len(), 1);
    assert_eq!(bare_windows("x.len() <= 4 && y\n").len(), 1);
    assert!(bare_windows("const ROWS: usize = 3;\nif rows < ROWS {}\n").is_empty());
    assert!(bare_windows("if a < 2 { at + 1 }\n// take(4)\n").is_empty());
}

#[test]
fn table_windows_are_named_rules() {
    let mut files = sources("src/parse/table");
    files.push("src/parse/figure.rs".into());
    files.push("src/parse/recognise.rs".into());
    let mut bare = Vec::new();
    for file in &files {
        for line in bare_windows(&code_of(file)) {
            bare.push(format!("{}: {line}", file.display()));
        }
    }
    // Number syntax, not a window: thousands groups have three digits.
    bare.retain(|l| !l.contains("end + 4).all(digit)"));
    assert!(
        bare.is_empty(),
        "name these windows as documented constants:\n{}",
        bare.join("\n")
    );
}

/// String literals of code (escapes kept as written).
fn string_literals(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = code.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '\'' => {
                // A char literal or a lifetime: skip a quoted char.
                let mut ahead = chars.clone();
                if let (Some((_, _)), Some((_, '\''))) = (ahead.next(), ahead.next()) {
                    chars.next();
                    chars.next();
                }
            }
            '"' => {
                let mut literal = String::new();
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => literal.push(c),
                    }
                }
                found.push(literal);
            }
            _ => {}
        }
    }
    found
}

/// Table titles and row labels of the corpus's golden files, long enough
/// to be a document's own (`Sociaal domein` is vocabulary, `Jeugdhulp met
/// verblijf in 2024` is a document's).
fn corpus_labels() -> Vec<String> {
    let mut labels = Vec::new();
    for file in fs::read_dir("expected").expect("expected/") {
        let path = file.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let record: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).expect("golden")).expect("json");
        for table in record["tables"].as_array().into_iter().flatten() {
            labels.extend(table["title"].as_str().map(str::to_owned));
            for row in table["rows"].as_array().into_iter().flatten() {
                labels.extend(row["label"].as_str().map(str::to_owned));
            }
        }
        for indicator in record["indicators"].as_array().into_iter().flatten() {
            labels.extend(indicator["title"].as_str().map(str::to_owned));
        }
    }
    labels.retain(|l| l.split_whitespace().count() >= 3 && l.len() >= 20);
    labels.sort();
    labels.dedup();
    labels
}

#[test]
fn no_grammar_string_is_a_corpus_label() {
    let labels = corpus_labels();
    assert!(
        labels.len() > 50,
        "the golden files give labels to look for"
    );
    let mut files = sources("src/parse/table");
    files.extend(sources("src/parse/indicator"));
    files.extend(sources("src/parse"));
    files.extend(sources("src/normalise"));
    let mut keyed = Vec::new();
    for file in &files {
        for literal in string_literals(&code_of(file)) {
            let folded = literal.to_lowercase();
            if folded.len() < 12 {
                continue;
            }
            for label in &labels {
                let label = label.to_lowercase();
                // A vocabulary word inside a label is general (`Gerealiseerd`,
                // `wat mag het kosten`); a string holding a whole label is not.
                if folded.contains(&label) {
                    keyed.push(format!("{}: \"{literal}\" ~ \"{label}\"", file.display()));
                }
            }
        }
    }
    assert!(
        keyed.is_empty(),
        "rules keyed to corpus labels:\n{}",
        keyed.join("\n")
    );
}

#[test]
fn a_keyed_string_would_be_found() {
    let literals =
        string_literals(r#"let t = "Jeugdhulp met verblijf"; let c = 'a'; f::<'a>("x");"#);
    assert_eq!(literals, ["Jeugdhulp met verblijf", "x"]);
    let label = corpus_labels().into_iter().next().expect("a label");
    let code = format!("if title == \"{label}\" {{ return; }}");
    assert!(
        string_literals(&code)
            .iter()
            .any(|l| l.to_lowercase().contains(&label.to_lowercase()))
    );
}

/// The value of `const NAME` in a module of the grammars (`mod`, `grid`, …,
/// or `figure` in `src/parse`).
fn const_value(module: &str, name: &str) -> Option<String> {
    let path = if module == "figure" {
        "src/parse/figure.rs".to_owned()
    } else {
        format!("src/parse/table/{module}.rs")
    };
    let code = fs::read_to_string(path).ok()?;
    let line = code
        .lines()
        .find(|l| l.contains(&format!("const {name}: ")))?;
    let value = line.split('=').nth(1)?.trim().trim_end_matches(';');
    Some(value.to_owned())
}

#[test]
fn the_spec_names_every_window_with_its_value() {
    let spec = fs::read_to_string("grammars/table.md").expect("spec");
    let section = spec
        .split("## Windows and limits")
        .nth(1)
        .expect("a section on windows");
    let mut checked = 0;
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split(" | ").collect();
        let names: Vec<&str> = cells[0]
            .trim_start_matches("| ")
            .split(", ")
            .map(|n| n.trim_matches('`'))
            .collect();
        let values: Vec<&str> = cells[1].split(", ").collect();
        assert_eq!(names.len(), values.len(), "{row}");
        let mut module = "";
        for (name, value) in names.iter().zip(&values) {
            let name = match name.split_once("::") {
                Some((m, n)) => {
                    module = m;
                    n
                }
                None => name,
            };
            assert_eq!(
                const_value(module, name).as_deref(),
                Some(*value),
                "grammars/table.md says {module}::{name} is {value}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} windows named");
}

/// The lines of `code` that call the lexer (`pieces(…)`) themselves, not
/// through the shared lexing pass (`lexeme.pieces()`) and not defining it.
fn lexer_calls(code: &str) -> Vec<String> {
    code.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("//") && !line.contains("fn pieces"))
        .filter(|line| {
            line.match_indices("pieces(").any(|(at, _)| {
                line[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| c != '.' && c != '_' && !c.is_alphanumeric())
            })
        })
        .map(str::to_owned)
        .collect()
}

/// Where the lexer is called outside the shared pass, and why: the pass
/// itself, and parts of a line that no piece of the whole line spans.
const OWN_LEXING: [(&str, &str); 5] = [
    // The shared pass: a line's pieces, lexed once.
    (
        "src/parse/line.rs",
        "self.cache.get_or_init(|| pieces(self.text))",
    ),
    // The years after a `Type` or `Jaar` keyword.
    (
        "src/parse/line.rs",
        "let all: Vec<Piece<'_>> = pieces(&line[from..])",
    ),
    // A pipe row's segment between two bars (`|1.204|`: no space apart).
    ("src/parse/figure.rs", "let cells = pieces(segment);"),
    // One cell between two bars.
    ("src/parse/table/pipe.rs", "match pieces(text).as_slice() {"),
    // A row after the OCR bullet that was glued to its label.
    (
        "src/parse/table/body.rs",
        "let pieces = crate::parse::cell::pieces(text);",
    ),
];

#[test]
fn every_grammar_reads_the_shared_lexing_pass() {
    let mut files = sources("src/parse");
    files.extend(sources("src/parse/table"));
    files.extend(sources("src/parse/indicator"));
    let mut own = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("cell.rs")) {
        let path = file.to_string_lossy().replace('\\', "/");
        for call in lexer_calls(&code_of(file)) {
            if !OWN_LEXING.contains(&(path.as_str(), call.as_str())) {
                own.push(format!("{path}: {call}"));
            }
        }
    }
    assert!(
        own.is_empty(),
        "a grammar lexes a whole line itself; read `Token::lexeme().pieces()` instead:\n{}",
        own.join("\n")
    );
}

#[test]
fn a_grammar_lexing_its_own_line_would_be_found() {
    let code = "let all = pieces(line);\nlet all = lexeme.pieces();\npub fn pieces(line: &str)\nlet x = crate::parse::cell::pieces(text);\n";
    assert_eq!(lexer_calls(code).len(), 2);
}
