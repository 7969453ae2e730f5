//! Each page's text from the backend that read it, and a record of which
//! pages came from where.
//!
//! pdf-extract reads first. Its pages are doubted ([`doubts`]) when one
//! could not be read or decoded, came out empty, when the document as a
//! whole has too little text, when the page tree counts other pages than
//! were found, or when objects of the file could not be loaded (a lost
//! page object renumbers every later page; a lost font or form empties a
//! page without a word). Doubted pages are read again with pdftotext, and
//! [`choose`] keeps, per page, the text that holds more: pdftotext's when
//! pdf-extract's page is missing or holds less than [`WHOLE_SHARE`] of
//! pdftotext's characters. Pages are numbered by the page tree, a page
//! whose object was lost included ([`super::pdf_check::page_slots`]); when
//! pdftotext counts more pages, the numbering of the one that agrees with
//! the tree's `/Count` is kept (poppler's when neither does: it repairs
//! the tree), and all text comes from it.

use crate::diagnostic::Warning;

/// Which program produced a page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The pdf-extract crate (kengetal's own reader).
    PdfExtract,
    /// poppler's `pdftotext`.
    Pdftotext,
}

/// Consecutive pages whose text one program produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRun {
    /// First page of the run (1-based).
    pub first: u32,
    /// Last page of the run.
    pub last: u32,
    /// The program.
    pub reader: Reader,
}

/// The runs of `readers`, one reader per page from page 1.
pub fn runs(readers: &[Reader]) -> Vec<PageRun> {
    let mut runs: Vec<PageRun> = Vec::new();
    for (index, &reader) in readers.iter().enumerate() {
        let page = index as u32 + 1;
        match runs.last_mut() {
            Some(run) if run.reader == reader => run.last = page,
            _ => runs.push(PageRun {
                first: page,
                last: page,
                reader,
            }),
        }
    }
    runs
}

/// Text per page from one backend, with what went wrong.
#[derive(Debug, Default)]
pub struct Pages {
    /// Each page's text; `None` for a page that could not be read.
    pub texts: Vec<Option<String>>,
    /// Pages (1-based) read from content that did not decode: their text
    /// may be incomplete.
    pub damaged: Vec<usize>,
    /// Problems met, most of them naming their page.
    pub warnings: Vec<Warning>,
    /// The page count the page tree states, when known.
    pub tree_count: Option<u32>,
    /// Objects of the file that could not be loaded.
    pub lost_objects: usize,
}

/// Below this many characters per page on average, text was lost.
pub const MIN_CHARACTERS_PER_PAGE: usize = 100;

/// A page of pdf-extract holding less than this share of pdftotext's
/// characters for the same page lost text (both count the same printed
/// characters on a sound page; white space is not counted).
pub const WHOLE_SHARE: f64 = 0.9;

/// Characters on a page, white space not counted.
fn characters(text: Option<&str>) -> usize {
    text.map_or(0, |t| t.chars().filter(|c| !c.is_whitespace()).count())
}

impl Pages {
    /// Pages not read, or read from damaged content (1-based).
    pub fn lost(&self) -> Vec<usize> {
        let mut lost: Vec<usize> = (0..self.texts.len())
            .filter(|&i| self.texts[i].is_none())
            .map(|i| i + 1)
            .collect();
        lost.extend(&self.damaged);
        lost.sort_unstable();
        lost.dedup();
        lost
    }

    /// Pages read without a single character (1-based).
    fn empty(&self) -> Vec<usize> {
        (0..self.texts.len())
            .filter(|&i| self.texts[i].is_some() && characters(self.texts[i].as_deref()) == 0)
            .map(|i| i + 1)
            .collect()
    }

    /// Characters on all pages, white space not counted.
    pub fn characters(&self) -> usize {
        self.texts.iter().map(|t| characters(t.as_deref())).sum()
    }

    /// Few characters for the pages: a text layer lost, or a scan.
    pub fn suspiciously_short(&self) -> bool {
        self.characters() < MIN_CHARACTERS_PER_PAGE * self.texts.len().max(1)
    }
}

/// What makes pdf-extract's pages doubtful, and which pages to read again.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Doubts {
    /// Each reason, for the warning.
    pub reasons: Vec<String>,
    /// Pages to read again (1-based), when only some are doubted.
    pub pages: Vec<usize>,
    /// Whether every page must be read again (the numbering is in doubt,
    /// or the text as a whole).
    pub whole: bool,
}

impl Doubts {
    /// Whether nothing is in doubt.
    pub fn none(&self) -> bool {
        self.reasons.is_empty()
    }

    /// The pages to read again as one range, `None` for all of them.
    pub fn range(&self) -> Option<(u32, u32)> {
        if self.whole {
            return None;
        }
        let first = *self.pages.first()? as u32;
        let last = *self.pages.last()? as u32;
        Some((first, last))
    }
}

/// Why pdf-extract's reading of a document may be incomplete or misnumbered.
pub fn doubts(pages: &Pages) -> Doubts {
    let mut doubts = Doubts::default();
    let lost = pages.lost();
    if !lost.is_empty() {
        doubts.reasons.push(format!(
            "pdf-extract could not read page(s) {} whole",
            list(&lost)
        ));
    }
    let empty = pages.empty();
    if !empty.is_empty() {
        doubts
            .reasons
            .push(format!("page(s) {} came out empty", list(&empty)));
    }
    doubts.pages = lost.into_iter().chain(empty).collect();
    doubts.pages.sort_unstable();
    let found = pages.texts.len() as u32;
    if let Some(count) = pages.tree_count.filter(|&c| c != found) {
        doubts.whole = true;
        doubts.reasons.push(format!(
            "the page tree counts {count} page(s), pdf-extract found {found}"
        ));
    }
    if pages.lost_objects > 0 {
        doubts.whole = true;
        doubts.reasons.push(format!(
            "{} object(s) of the file could not be loaded",
            pages.lost_objects
        ));
    }
    if pages.suspiciously_short() {
        doubts.whole = true;
        doubts.reasons.push(format!(
            "pdf-extract found only {} characters on {} page(s)",
            pages.characters(),
            pages.texts.len()
        ));
    }
    doubts
}

/// Pages chosen from both backends.
#[derive(Debug)]
pub struct Chosen {
    /// Each page's text (`None`: read by neither).
    pub texts: Vec<Option<String>>,
    /// Which program each page's text is from.
    pub readers: Vec<Reader>,
    /// The pages' warnings, the `pdf-backend` note first.
    pub warnings: Vec<Warning>,
}

/// Keeps each page from one backend: pdf-extract's `ours`, or pdftotext's
/// `theirs`, which holds pages `from..` (1-based) of the document, or all
/// of them when `from` is 1 and it has as many pages.
pub fn choose(ours: Pages, theirs: Pages, from: u32, doubts: &Doubts) -> Chosen {
    let trouble = doubts.reasons.join("; ");
    if doubts.whole && theirs.texts.len() > ours.texts.len() {
        return renumbered(ours, theirs, &trouble);
    }
    let offset = from.saturating_sub(1) as usize;
    let mut readers = vec![Reader::PdfExtract; ours.texts.len()];
    let mut texts = ours.texts;
    let mut taken = Vec::new();
    for (index, text) in theirs.texts.into_iter().enumerate() {
        let page = offset + index;
        let Some(mine) = texts.get(page) else { break };
        let (mine, other) = (characters(mine.as_deref()), characters(text.as_deref()));
        let damaged = ours.damaged.contains(&(page + 1));
        let better = texts[page].is_none()
            || (mine as f64) < WHOLE_SHARE * other as f64
            || (damaged && other > mine);
        if text.is_some() && better {
            texts[page] = text;
            readers[page] = Reader::Pdftotext;
            taken.push(page + 1);
        }
    }
    // A replaced page's own troubles are pdf-extract's, not its text's.
    let mut warnings: Vec<Warning> = ours
        .warnings
        .into_iter()
        .filter(|w| w.page.is_none_or(|p| !taken.contains(&(p as usize))))
        .collect();
    let outcome = if taken.is_empty() {
        "pdftotext recovered no more, so the text is pdf-extract's".to_owned()
    } else if taken.len() == texts.len() {
        "the text is pdftotext's".to_owned()
    } else {
        format!(
            "page(s) {} are pdftotext's, the others pdf-extract's",
            list(&taken)
        )
    };
    warnings.insert(0, note(format!("{trouble}; {outcome}")));
    Chosen {
        texts,
        readers,
        warnings,
    }
}

/// pdftotext counts more pages than the page tree pdf-extract walked
/// (poppler repairs a damaged file its own way): the numbering of the one
/// that agrees with the tree's `/Count` is kept whole, pdftotext's when
/// neither does.
fn renumbered(ours: Pages, theirs: Pages, trouble: &str) -> Chosen {
    let (found, other) = (ours.texts.len(), theirs.texts.len());
    let keep_ours = ours.tree_count == Some(found as u32);
    let counts = format!("pdf-extract found {found} page(s), pdftotext {other}");
    if keep_ours {
        let mut warnings = ours.warnings;
        warnings.insert(
            0,
            note(format!(
                "{trouble}; {counts}; the text is pdf-extract's, whose count agrees with the page tree"
            )),
        );
        return Chosen {
            readers: vec![Reader::PdfExtract; found],
            texts: ours.texts,
            warnings,
        };
    }
    let mut warnings = theirs.warnings;
    warnings.insert(
        0,
        note(format!(
            "{trouble}; {counts}; the text and the page numbers are pdftotext's"
        )),
    );
    Chosen {
        readers: vec![Reader::Pdftotext; other],
        texts: theirs.texts,
        warnings,
    }
}

/// The document-level warning saying which backend produced the text.
pub fn note(message: String) -> Warning {
    Warning::document("pdf-backend", message)
}

/// Page numbers as `1, 4, 7`.
pub fn list(pages: &[usize]) -> String {
    let texts: Vec<String> = pages.iter().map(usize::to_string).collect();
    texts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(words: usize) -> Option<String> {
        Some("Lasten 1.234 ".repeat(words))
    }

    fn pages(texts: Vec<Option<String>>) -> Pages {
        Pages {
            tree_count: Some(texts.len() as u32),
            texts,
            ..Pages::default()
        }
    }

    #[test]
    fn a_sound_reading_is_not_doubted() {
        assert!(doubts(&pages(vec![page(20), page(20)])).none());
    }

    #[test]
    fn an_empty_page_is_read_again_alone_and_taken_when_pdftotext_reads_it() {
        let ours = pages(vec![page(20), Some(" \n".into()), page(20)]);
        let doubts = doubts(&ours);
        assert_eq!(doubts.range(), Some((2, 2)));
        let chosen = choose(ours, pages(vec![page(20)]), 2, &doubts);
        assert_eq!(
            chosen.readers,
            [Reader::PdfExtract, Reader::Pdftotext, Reader::PdfExtract]
        );
        assert_eq!(chosen.texts[1], page(20));
        assert!(
            chosen.warnings[0]
                .message
                .contains("page(s) 2 are pdftotext's")
        );
    }

    #[test]
    fn a_page_blank_for_both_stays_and_says_so() {
        let ours = pages(vec![page(20), Some(String::new()), page(20)]);
        let doubts = doubts(&ours);
        let chosen = choose(ours, pages(vec![Some("\n".into())]), 2, &doubts);
        assert_eq!(chosen.readers, [Reader::PdfExtract; 3]);
        assert!(chosen.warnings[0].message.contains("recovered no more"));
    }

    #[test]
    fn a_lost_page_object_renumbers_by_the_page_tree() {
        // pdf-extract found 2 of the 3 pages the tree counts: every later
        // page would be cited one early. pdftotext's numbering is kept.
        let mut ours = pages(vec![page(20), page(20)]);
        ours.tree_count = Some(3);
        let doubts = doubts(&ours);
        assert!(doubts.whole && doubts.range().is_none());
        let chosen = choose(ours, pages(vec![page(20), page(21), page(22)]), 1, &doubts);
        assert_eq!(chosen.readers, [Reader::Pdftotext; 3]);
        assert_eq!(chosen.texts[2], page(22));
        assert!(
            chosen.warnings[0]
                .message
                .contains("page numbers are pdftotext's")
        );
    }

    #[test]
    fn a_page_missing_a_tenth_of_its_text_is_replaced_not_a_sound_one() {
        let mut ours = pages(vec![page(20), page(17)]);
        ours.lost_objects = 1;
        let doubts = doubts(&ours);
        let chosen = choose(ours, pages(vec![page(20), page(20)]), 1, &doubts);
        assert_eq!(chosen.readers, [Reader::PdfExtract, Reader::Pdftotext]);
    }

    #[test]
    fn runs_join_consecutive_pages() {
        use Reader::*;
        let runs = runs(&[PdfExtract, PdfExtract, Pdftotext, PdfExtract]);
        let spans: Vec<(u32, u32)> = runs.iter().map(|r| (r.first, r.last)).collect();
        assert_eq!(spans, [(1, 2), (3, 3), (4, 4)]);
    }
}
