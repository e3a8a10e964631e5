//! Blocks and words: the block buffer, numbered lines, comments, and coordinates and feeds rounded to the output grid.

use super::{Coord, Writer, BYTES_PER_MOVE, LAST_LINE_NUMBER, MAX_COORD_MM, MAX_FEED_MM_MIN};
use crate::posts::comment::push_comment_text;
use crate::posts::number::{quantize, scale_of, write_digits, write_steps, Style};
use crate::posts::{Post, PostError, Units, MM_PER_INCH};

impl Writer {
    pub(super) fn new(post: Post, units: Units, moves: usize) -> Self {
        let decimals = units.decimals();
        let (coord_style, feed_style) = if post.trailing_point() {
            (Style::TrimmedPoint, Style::TrimmedPoint)
        } else {
            (Style::Fixed, Style::Trimmed)
        };
        Self {
            post,
            words: post.words(),
            units,
            decimals,
            scale: scale_of(decimals),
            coord_style,
            feed_style,
            out: Vec::with_capacity(1024 + moves.saturating_mul(BYTES_PER_MOVE)),
            next_n: post.line_numbers().then_some(10),
            line_start: 0,
            comment_chars: 0,
            lines: 0,
            fresh: true,
            pos: [None; 3],
            real: [None; 3],
            feed: None,
        }
    }

    /// Starts a block, with its `N` number where the dialect numbers blocks.
    pub(super) fn block(&mut self) {
        self.line_start = self.out.len();
        self.comment_chars = 0;
        self.fresh = true;
        if let Some(n) = self.next_n {
            self.out.push(b'N');
            write_digits(&mut self.out, u64::from(n), 1);
            self.fresh = false;
            self.next_n = Some(if n >= LAST_LINE_NUMBER { 10 } else { n + 10 });
        }
    }

    /// Starts a line that holds only a comment (never numbered).
    pub(super) fn comment_block(&mut self) {
        self.line_start = self.out.len();
        self.comment_chars = 0;
        self.fresh = true;
    }

    pub(super) fn space(&mut self) {
        if !self.fresh {
            self.out.push(b' ');
        }
        self.fresh = false;
    }

    /// Writes literal words (`G90 G94 G17`).
    pub(super) fn code(&mut self, words: &str) {
        self.space();
        self.out.extend_from_slice(words.as_bytes());
    }

    /// Writes an axis or offset word from output steps.
    pub(super) fn coord(&mut self, letter: char, steps: i64) {
        self.space();
        self.out.push(letter as u8);
        write_steps(&mut self.out, steps, self.decimals, self.coord_style);
    }

    /// Writes `F` when it differs from the last one written, or always when `force`.
    pub(super) fn feed_word(&mut self, steps: i64, force: bool) {
        if force || self.feed != Some(steps) {
            self.space();
            self.out.push(b'F');
            write_steps(&mut self.out, steps, self.decimals, self.feed_style);
            self.feed = Some(steps);
        }
    }

    /// Writes a whole-number word (`S18000`, `T1`, `H01`).
    pub(super) fn int_word(&mut self, letter: char, value: u64, min_digits: u32) {
        self.space();
        self.out.push(letter as u8);
        write_digits(&mut self.out, value, min_digits);
    }

    /// Writes a comment at the end of the block.
    pub(super) fn comment(&mut self, write: impl FnOnce(&mut Vec<u8>, Post)) {
        self.space();
        let start = self.out.len();
        self.out.push(b'(');
        write(&mut self.out, self.post);
        self.out.push(b')');
        self.comment_chars += self.out.len() - start;
    }

    /// Ends the block; refuses it when it is longer than the controller accepts.
    pub(super) fn end(&mut self) -> Result<(), PostError> {
        self.lines += 1;
        if let Some(limit) = self.post.max_line_chars() {
            let chars = self.out.len() - self.line_start - self.comment_chars;
            if chars > limit {
                return Err(PostError::LineTooLong {
                    line: self.lines,
                    chars,
                    limit,
                });
            }
        }
        self.out.push(b'\n');
        Ok(())
    }

    /// A line with only a comment.
    pub(super) fn comment_line(&mut self, text: &str) -> Result<(), PostError> {
        self.comment_block();
        self.comment(|out, post| push_comment_text(out, post, text));
        self.end()
    }

    /// A line with only literal words.
    pub(super) fn code_line(&mut self, words: &str) -> Result<(), PostError> {
        self.block();
        self.code(words);
        self.end()
    }

    /// Checks a coordinate and rounds it to the output grid.
    pub(super) fn steps(&self, index: usize, (field, mm): Coord) -> Result<i64, PostError> {
        if !mm.is_finite() {
            return Err(PostError::NonFinite {
                index,
                field,
                value: mm,
            });
        }
        let out_of_range = || PostError::OutOfRange {
            index,
            field,
            value: mm,
            limit: MAX_COORD_MM,
        };
        if mm.abs() > MAX_COORD_MM {
            return Err(out_of_range());
        }
        quantize(self.units.convert(mm), self.scale).ok_or_else(out_of_range)
    }

    pub(super) fn point(&self, index: usize, coords: [Coord; 3]) -> Result<[i64; 3], PostError> {
        let [x, y, z] = coords;
        Ok([
            self.steps(index, x)?,
            self.steps(index, y)?,
            self.steps(index, z)?,
        ])
    }

    /// Checks a feed and rounds it; `F0` is impossible.
    pub(super) fn feed_steps(&self, index: usize, feed_mm_min: f64) -> Result<i64, PostError> {
        let bad = PostError::BadFeed {
            index,
            value: feed_mm_min,
        };
        if !(feed_mm_min.is_finite() && feed_mm_min > 0.0) {
            return Err(bad);
        }
        if feed_mm_min > MAX_FEED_MM_MIN {
            return Err(PostError::OutOfRange {
                index,
                field: "feed_mm_min",
                value: feed_mm_min,
                limit: MAX_FEED_MM_MIN,
            });
        }
        match quantize(self.units.convert(feed_mm_min), self.scale) {
            Some(steps) if steps > 0 => Ok(steps),
            _ => Err(bad),
        }
    }

    /// One output step in mm.
    pub(super) fn step_mm(&self) -> f64 {
        let step = 1.0 / self.scale as f64;
        match self.units {
            Units::Mm => step,
            Units::Inch => step * MM_PER_INCH,
        }
    }

    pub(super) fn moved(&self, target: [i64; 3]) -> bool {
        self.pos.iter().zip(target).any(|(p, t)| *p != Some(t))
    }

    /// Writes the axis words that change and records the new position.
    pub(super) fn axes(&mut self, target: [i64; 3], real: [f64; 3]) {
        for ((letter, p), t) in ['X', 'Y', 'Z'].into_iter().zip(self.pos).zip(target) {
            if p != Some(t) {
                self.coord(letter, t);
            }
        }
        self.arrive(target, real);
    }

    pub(super) fn arrive(&mut self, target: [i64; 3], real: [f64; 3]) {
        self.pos = target.map(Some);
        self.real = real.map(Some);
    }
}
