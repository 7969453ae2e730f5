//! Printed text as the grammars find it: slices of the document's lines,
//! never a string built while parsing. Normalise renders them
//! ([`std::fmt::Display`]: the words of every piece, one space between).
//!
//! Invariant: every piece of a [`Text`] is a slice of one document line
//! (or a fixed word of a grammar's vocabulary: a summary's `(aandeel)`,
//! the months of a garbled month header), so what
//! a table names is always what the report printed, in its order.

use smallvec::SmallVec;
use std::fmt;

/// Words printed on one line or over several, in reading order.
#[derive(Debug, Clone, Default)]
pub struct Text<'a> {
    pieces: SmallVec<[&'a str; 2]>,
    /// How a piece joins the one before it, where not by a space: its
    /// index and the join.
    joins: Vec<(usize, Join)>,
}

/// How a piece of a [`Text`] follows the piece before it when rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// One space (the default).
    Space,
    /// No space: the second half of a word split over lines or by the
    /// converter (`Streef-` / `waarde`, `Neder land`); a hyphen that ends
    /// the piece before is dropped.
    Glued,
    /// `: ` — a note's label and its first cell.
    Key,
    /// ` | ` — a note's later cells.
    Cell,
    /// `, ` — names listed (a summary's labels as its title).
    List,
}

impl<'a> Text<'a> {
    /// Text of one printed piece.
    pub fn new(piece: &'a str) -> Self {
        Text {
            pieces: smallvec::smallvec![piece],
            joins: Vec::new(),
        }
    }

    /// Text of several printed pieces, read in order.
    pub fn joined(pieces: impl IntoIterator<Item = &'a str>) -> Self {
        Text {
            pieces: pieces.into_iter().collect(),
            joins: Vec::new(),
        }
    }

    /// Adds a piece after the others (a wrapped label's next line, a head's
    /// next word).
    pub fn push(&mut self, piece: &'a str) {
        self.pieces.push(piece);
    }

    /// Adds a piece joined to the one before by `join`.
    pub fn push_joined(&mut self, piece: &'a str, join: Join) {
        if join != Join::Space {
            self.joins.push((self.pieces.len(), join));
        }
        self.pieces.push(piece);
    }

    /// Adds a piece that continues the last word, its hyphen dropped
    /// (`Streef-` + `waarde` renders `Streefwaarde`).
    pub fn push_glued(&mut self, piece: &'a str) {
        self.push_joined(piece, Join::Glued);
    }

    /// The text followed by `other`'s pieces, a space between.
    pub fn then(mut self, other: &Text<'a>) -> Self {
        let shift = self.pieces.len();
        self.pieces.extend_from_slice(&other.pieces);
        self.joins
            .extend(other.joins.iter().map(|&(i, join)| (i + shift, join)));
        self
    }

    /// The last printed word.
    pub fn last_word(&self) -> Option<&'a str> {
        self.pieces
            .iter()
            .rev()
            .find_map(|p| p.split_whitespace().next_back())
    }

    /// Rendered: its words joined by one space, or as its joins say.
    pub fn render(&self) -> String {
        if let ([one], []) = (self.pieces.as_slice(), self.joins.as_slice())
            && is_clean(one)
        {
            return (*one).to_owned(); // most names: one clean slice
        }
        let mut out = String::with_capacity(self.pieces.iter().map(|p| p.len() + 3).sum());
        self.write_to(&mut out).expect("a String takes every write");
        out
    }

    fn join_before(&self, index: usize) -> Join {
        self.joins
            .iter()
            .find(|(at, _)| *at == index)
            .map_or(Join::Space, |(_, join)| *join)
    }

    /// The printed words, where every join is a space.
    fn words(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.pieces.iter().flat_map(|p| p.split_whitespace())
    }
}

/// Two texts are the same when they render the same.
impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.joins.is_empty() && other.joins.is_empty() {
            return self.words().eq(other.words());
        }
        self.render() == other.render()
    }
}

impl Eq for Text<'_> {}

impl PartialEq<str> for Text<'_> {
    fn eq(&self, other: &str) -> bool {
        if self.joins.is_empty() {
            return self.words().eq(other.split_whitespace());
        }
        self.render() == other
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

/// Whether a piece renders as it is: no space at its ends, and one space
/// between its words.
fn is_clean(piece: &str) -> bool {
    let bytes = piece.as_bytes();
    let spaced = |b: &u8| b.is_ascii_whitespace();
    !bytes.first().is_some_and(spaced)
        && !bytes.last().is_some_and(spaced)
        && !bytes
            .windows(2)
            .any(|w| spaced(&w[0]) && (spaced(&w[1]) || w[0] != b' '))
        && piece.is_ascii()
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl Text<'_> {
    fn write_to(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let mut written = false;
        for (index, piece) in self.pieces.iter().enumerate() {
            let join = if index == 0 {
                Join::Space
            } else {
                self.join_before(index)
            };
            match join {
                Join::Key => f.write_str(": ")?,
                Join::Cell => f.write_str(" | ")?,
                Join::List => f.write_str(", ")?,
                Join::Space | Join::Glued => {}
            }
            let hyphen_dropped = self.join_before(index + 1) == Join::Glued;
            let mut words = piece.split_whitespace().peekable();
            let mut first = true;
            while let Some(word) = words.next() {
                let glued = first && join != Join::Space;
                if written && !glued {
                    f.write_str(" ")?;
                }
                let word = match (words.peek(), hyphen_dropped) {
                    (None, true) => word.strip_suffix('-').unwrap_or(word),
                    _ => word,
                };
                f.write_str(word)?;
                written = true;
                first = false;
            }
        }
        Ok(())
    }
}

/// The name of a value column: its printed head, or its number when the
/// header names no such column (rendered `kolom N`, 1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnName<'a> {
    /// The head as printed.
    Printed(Text<'a>),
    /// The column's number, counted from 1: no printed head names it.
    Numbered(usize),
}

impl<'a> ColumnName<'a> {
    /// The columns `kolom 1` … `kolom width`.
    pub fn numbered(width: usize) -> Vec<ColumnName<'a>> {
        (1..=width).map(ColumnName::Numbered).collect()
    }

    /// The printed head, when there is one.
    pub fn printed(&self) -> Option<&Text<'a>> {
        match self {
            ColumnName::Printed(text) => Some(text),
            ColumnName::Numbered(_) => None,
        }
    }

    /// Rendered, as the dataset names the column.
    pub fn render(&self) -> String {
        self.to_string()
    }
}

impl<'a> From<Text<'a>> for ColumnName<'a> {
    fn from(text: Text<'a>) -> Self {
        ColumnName::Printed(text)
    }
}

impl<'a> From<&'a str> for ColumnName<'a> {
    fn from(piece: &'a str) -> Self {
        ColumnName::Printed(Text::new(piece))
    }
}

impl PartialEq<&str> for ColumnName<'_> {
    fn eq(&self, other: &&str) -> bool {
        match self {
            ColumnName::Printed(text) => text == other,
            ColumnName::Numbered(n) => *other == format!("kolom {n}"),
        }
    }
}

impl fmt::Display for ColumnName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnName::Printed(text) => text.fmt(f),
            ColumnName::Numbered(n) => write!(f, "kolom {n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_render_as_their_words() {
        let mut text = Text::new("  Rekening ");
        text.push("2024\t");
        assert_eq!(text.render(), "Rekening 2024");
        assert_eq!(text, "Rekening 2024");
        assert_eq!(text, Text::new("Rekening   2024"));
        assert_ne!(text, Text::new("Rekening 2025"));
        let mut hyphenated = Text::new("Streef-");
        hyphenated.push_glued("waarde");
        assert_eq!(hyphenated.render(), "Streefwaarde");
        assert_eq!(hyphenated, "Streefwaarde");
        let mut split = Text::new("Neder");
        split.push_glued("land");
        assert_eq!(split, Text::new("Nederland"));
        let mut note = Text::new("Eenheid");
        note.push_joined("Aantal per 1.000 inwoners", Join::Key);
        note.push_joined(" CBS ", Join::Cell);
        assert_eq!(note.render(), "Eenheid: Aantal per 1.000 inwoners | CBS");
        assert_eq!(Text::default().render(), "");
        for (printed, rendered) in [
            ("a\tb", "a b"),
            (" a", "a"),
            ("a  b", "a b"),
            ("a\u{a0}b", "a b"),
            ("Begroting 2025", "Begroting 2025"),
        ] {
            assert_eq!(Text::new(printed).render(), rendered, "{printed:?}");
            assert_eq!(Text::new(printed).to_string(), rendered, "{printed:?}");
        }
    }

    #[test]
    fn numbered_heads_render_as_kolom() {
        let heads = ColumnName::numbered(2);
        assert_eq!(heads[1].render(), "kolom 2");
        assert_eq!(heads[0], "kolom 1");
        assert_eq!(ColumnName::from("Saldo").render(), "Saldo");
        assert!(ColumnName::Numbered(1).printed().is_none());
    }
}
