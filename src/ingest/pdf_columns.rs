//! Page text that keeps where words stand: pdf-extract's plain text, with
//! words pushed to their column on the page.
//!
//! pdf-extract's `PlainTextOutput` writes glyphs in content-stream order,
//! starting a line when the baseline moves down and a space when the pen
//! jumps right. Its single space loses what a table shows by position: an
//! empty cell. [`ColumnText`] makes the same decisions about lines and
//! words, but a jump to the right pads the line with spaces up to the word's
//! column (its distance from the page's left edge in [`COLUMN_WIDTH`]
//! units), as `pdftotext -layout` does. So a table's header and rows put
//! their cells at comparable columns, and an empty cell is a wide gap the
//! grammars can read.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// Points per text column: about the width of a character at 9 pt.
pub const COLUMN_WIDTH: f64 = 4.5;

/// An `OutputDev` that writes a page's text with words at their columns.
pub struct ColumnText<'s> {
    out: &'s mut String,
    page_height: f64,
    left: f64,
    last_end: f64,
    last_y: f64,
    word_start: bool,
    column: usize,
}

impl<'s> ColumnText<'s> {
    /// Writes into `out`.
    pub fn new(out: &'s mut String) -> Self {
        ColumnText {
            out,
            page_height: 0.0,
            left: 0.0,
            last_end: 100_000.0,
            last_y: 0.0,
            word_start: false,
            column: 0,
        }
    }

    fn pad_to(&mut self, column: usize) {
        while self.column < column {
            self.out.push(' ');
            self.column += 1;
        }
    }
}

impl OutputDev for ColumnText<'_> {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        self.left = media_box.llx;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        glyph: &str,
    ) -> Result<(), OutputError> {
        // The glyph's origin, y counted down from the top, as PlainTextOutput does.
        let x = trm.m31 - self.left;
        let y = self.page_height - trm.m32;
        let size_x = font_size * trm.m11 + font_size * trm.m21;
        let size_y = font_size * trm.m12 + font_size * trm.m22;
        let size = (size_x * size_y).abs().sqrt();
        if self.word_start {
            let rise = (y - self.last_y).abs();
            let mut new_line = false;
            if rise > size * 1.5 {
                self.out.push('\n');
                new_line = true;
            }
            if x < self.last_end && rise > size * 0.5 {
                self.out.push('\n');
                new_line = true;
            }
            let target = (x.max(0.0) / COLUMN_WIDTH).round() as usize;
            if new_line {
                self.column = 0;
                self.pad_to(target);
            } else if x > self.last_end + size * 0.1 {
                if target > self.column + 1 {
                    self.pad_to(target);
                } else {
                    self.out.push(' ');
                    self.column += 1;
                }
            }
        }
        self.out.push_str(glyph);
        self.column += glyph.chars().count();
        self.word_start = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
