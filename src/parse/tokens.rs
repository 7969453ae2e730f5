//! nom over lines: a slice of classified lines is a nom input, so block
//! grammars are written with nom's combinators (`many0`, `opt`, `alt`, …)
//! just like the line grammars they are built from.
//!
//! Invariant: [`Tokens::offset`] is the index, in the whole document, of the
//! first line of the slice; a matched token reports that index, so block
//! spans are exact without any bookkeeping in the grammars.
//! [`Tokens::floor`] is the first line after the previous match of
//! [`every_match`]: a grammar that looks back above its first line (for a
//! heading that titles it) looks no further up than that.

use nom::error::{Error, ErrorKind};
use nom::{Err, IResult, Input, Needed, Parser};

/// A window on a document's classified lines.
#[derive(Debug)]
pub struct Tokens<'t, T> {
    items: &'t [T],
    offset: usize,
    floor: usize,
}

// Not derived: a window is a copyable view whatever the lines are.
impl<T> Clone for Tokens<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Tokens<'_, T> {}

impl<'t, T> Tokens<'t, T> {
    /// The whole document's lines.
    pub fn new(items: &'t [T]) -> Self {
        Tokens {
            items,
            offset: 0,
            floor: 0,
        }
    }

    /// Document index of the first line in the window.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Document index of the first line after the previous match: the
    /// lines above it belong to that match, never to this one.
    pub fn floor(&self) -> usize {
        self.floor
    }

    /// The lines in the window.
    pub fn items(&self) -> &'t [T] {
        self.items
    }

    /// The first line of the window.
    pub fn first(&self) -> Option<&'t T> {
        self.items.first()
    }

    /// The window from document index `start` on.
    pub fn starting_at(&self, start: usize) -> Self {
        let skip = start.saturating_sub(self.offset).min(self.items.len());
        self.take_from(skip)
    }

    /// The window narrowed to the document lines before `end` (exclusive).
    pub fn until(&self, end: usize) -> Self {
        let len = end.saturating_sub(self.offset).min(self.items.len());
        self.take(len)
    }
}

impl<'t, T> Input for Tokens<'t, T> {
    type Item = &'t T;
    type Iter = std::slice::Iter<'t, T>;
    type IterIndices = std::iter::Enumerate<std::slice::Iter<'t, T>>;

    fn input_len(&self) -> usize {
        self.items.len()
    }

    fn take(&self, index: usize) -> Self {
        Tokens {
            items: &self.items[..index],
            ..*self
        }
    }

    fn take_from(&self, index: usize) -> Self {
        Tokens {
            items: &self.items[index..],
            offset: self.offset + index,
            floor: self.floor,
        }
    }

    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool,
    {
        self.items.iter().position(predicate)
    }

    fn iter_elements(&self) -> Self::Iter {
        self.items.iter()
    }

    fn iter_indices(&self) -> Self::IterIndices {
        self.items.iter().enumerate()
    }

    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        if self.items.len() >= count {
            Ok(count)
        } else {
            Err(Needed::new(count - self.items.len()))
        }
    }
}

/// Result of a grammar over lines.
pub type LineResult<'t, T, O> = IResult<Tokens<'t, T>, O, Error<Tokens<'t, T>>>;

/// Matches one line that `accept` maps to a value; yields the line's
/// document index with the value.
pub fn token<'t, T: 't, O>(
    accept: impl Fn(&'t T) -> Option<O>,
) -> impl FnMut(Tokens<'t, T>) -> LineResult<'t, T, (usize, O)> {
    move |input: Tokens<'t, T>| match input.first().and_then(&accept) {
        Some(value) => Ok((input.take_from(1), (input.offset, value))),
        None => Err(Err::Error(Error::new(input, ErrorKind::Verify))),
    }
}

/// Every match of `grammar` over `items`, left to right: after a match
/// the search goes on after it (and the match's end is the next match's
/// [`Tokens::floor`]), where the grammar fails on the next line.
/// The grammar is tried only at the lines `opens` accepts (its quick
/// refusal: most lines open no table, and are passed over at the cost of
/// that test alone).
///
/// A grammar that fails with nom's `Failure` (it committed, as after
/// `cut`) at a later line says that no match opens before that line: the
/// search resumes there. A run of rows that makes no table is so passed
/// over whole, in linear time.
pub fn every_match<'t, T, O>(
    items: &'t [T],
    opens: impl Fn(&T) -> bool,
    mut grammar: impl Parser<Tokens<'t, T>, Output = O, Error = Error<Tokens<'t, T>>>,
) -> Vec<O> {
    let whole = Tokens::new(items);
    let mut input = whole;
    let mut found = Vec::new();
    while let Some(skip) = input.position(&opens) {
        input = input.take_from(skip);
        let at = input.offset();
        match grammar.parse(input) {
            Ok((rest, value)) if rest.offset() > at => {
                found.push(value);
                input = whole.starting_at(rest.offset());
                input.floor = rest.offset();
            }
            Err(Err::Failure(error)) if error.input.offset() > at => {
                input = input.starting_at(error.input.offset());
            }
            _ => input = input.take_from(1),
        }
    }
    found
}

/// A failure that commits the search of [`every_match`] to resume at
/// document index `resume` (when it is past `input`'s first line).
pub fn resume_at<'t, T, O>(input: Tokens<'t, T>, resume: usize) -> LineResult<'t, T, O> {
    Err(Err::Failure(Error::new(
        input.starting_at(resume),
        ErrorKind::Verify,
    )))
}

/// A line with whether it is free: no grammar before took it.
pub type FreeLine<'a> = (&'a str, bool);

/// The lines, each marked free unless `claimed`.
pub fn free_lines<T: Copy>(lines: &[T], claimed: &[bool]) -> Vec<(T, bool)> {
    lines
        .iter()
        .enumerate()
        .map(|(i, &line)| (line, !claimed.get(i).copied().unwrap_or(false)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::multi::{many0, many1};

    #[test]
    fn matched_tokens_carry_their_document_index() {
        let lines = [1, 2, 3, 10, 4];
        let small = |n: &i32| (*n < 5).then_some(*n);
        let (rest, found) = many0(token(small)).parse(Tokens::new(&lines)).unwrap();
        assert_eq!(found, [(0, 1), (1, 2), (2, 3)]);
        assert_eq!(rest.offset(), 3);
        let (_, after) = token(|n: &i32| Some(*n)).parse(rest.take_from(1)).unwrap();
        assert_eq!(after, (4, 4));
    }

    #[test]
    fn every_match_goes_on_after_each_match_and_past_each_failure() {
        let lines = [1, 2, 10, 3, 11, 12];
        let small = |n: &i32| (*n < 5).then_some(*n);
        let found = every_match(&lines, |_| true, many1(token(small)));
        let spans: Vec<Vec<usize>> = found
            .iter()
            .map(|run| run.iter().map(|(at, _)| *at).collect())
            .collect();
        assert_eq!(spans, [vec![0, 1], vec![3]]);
        let none = every_match(&lines, |_| true, many0(token(small)));
        let opened = every_match(&lines, |n| *n != 2, many1(token(small)));
        assert_eq!(opened.len(), 2, "no match opens at a line refused");
        assert_eq!(
            opened[0],
            [(0, 1), (1, 2)],
            "a refused line may continue a match"
        );
        assert_eq!(
            none.len(),
            2,
            "an empty match makes no progress and is no match"
        );
    }

    #[test]
    fn a_committed_failure_resumes_where_it_failed_and_a_match_sets_the_floor() {
        // A run of three small numbers or more is a match; a shorter run
        // commits the search past it.
        let lines = [1, 2, 3, 10, 4, 5, 11];
        fn runs(input: Tokens<'_, i32>) -> LineResult<'_, i32, (usize, usize, usize)> {
            let run = input.items().iter().take_while(|n| **n < 10).count();
            let seen = (input.offset(), input.floor(), run);
            match run {
                0 => Err(Err::Error(Error::new(input, ErrorKind::Verify))),
                1 | 2 => resume_at(input, input.offset() + run),
                _ => Ok((input.take_from(run), seen)),
            }
        }
        fn recorded<'t>(
            tries: &'t std::cell::RefCell<Vec<(usize, usize)>>,
        ) -> impl FnMut(Tokens<'t, i32>) -> LineResult<'t, i32, (usize, usize, usize)> {
            move |input| {
                tries.borrow_mut().push((input.offset(), input.floor()));
                runs(input)
            }
        }
        let tries = std::cell::RefCell::new(Vec::new());
        let found = every_match(&lines, |_| true, recorded(&tries));
        let tries = tries.into_inner();
        assert_eq!(found, [(0, 0, 3)]);
        assert_eq!(
            tries,
            [(0, 0), (3, 3), (4, 3), (6, 3)],
            "no try inside a match or a committed run; a match's end is the next floor"
        );
    }

    #[test]
    fn until_narrows_to_a_document_index() {
        let lines = [1, 2, 3, 4];
        let window = Tokens::new(&lines).take_from(1).until(3);
        assert_eq!(window.items(), &[2, 3]);
        assert_eq!(Tokens::new(&lines).until(99).items().len(), 4);
    }
}
