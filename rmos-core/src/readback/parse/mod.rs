//! The lexer: G-code text into blocks of words, one block per line.
//!
//! It reads lines the way GRBL and LinuxCNC do: whitespace and control characters are dropped before
//! words are formed (so `X 1 0` is `X10`), letters are case-insensitive, `( )` comments end at the first
//! `)` and `;` comments at the end of the line. Macro syntax (`#` parameters, `[ ]` expressions, named
//! `o<...>` words, `IF`/`GOTO`/`WHILE` keywords) is recognised and recorded, never evaluated. Any input,
//! however malformed, gives blocks: a line that cannot be read carries a [`ParseError`] instead of a
//! panic.

use serde::Serialize;

mod decimal;
mod lexer;

use lexer::Lexer;

/// Largest program the reader accepts, in bytes (64 MiB).
pub const MAX_PROGRAM_BYTES: usize = 64 * 1024 * 1024;

/// Longest number the lexer reads, in characters (sign and point included). Controllers store far fewer
/// significant digits; a longer number is an error, so no value is ever infinite.
pub const MAX_NUMBER_CHARS: usize = 32;

/// A word's value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// A plain number, as written (not yet converted to mm).
    Number(f64),
    /// A `#` parameter, a `[ ]` expression or a `<name>`: macro syntax, never evaluated.
    Expression,
}

impl Value {
    /// The number, when the value is a plain number.
    pub fn number(self) -> Option<f64> {
        match self {
            Self::Number(v) => Some(v),
            Self::Expression => None,
        }
    }
}

/// One word: a letter and its value (`G1`, `X-2.5`, `F1200`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Word {
    /// The letter, upper case.
    pub letter: char,
    /// Its value.
    pub value: Value,
    /// Byte column of the letter in the line, from 1.
    pub column: usize,
    /// The number was written with a decimal point (`X10.`, `X10.0`): Fanuc-style controls read one
    /// without it in least increments.
    pub decimal_point: bool,
}

/// What kind of macro syntax a line uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MacroKind {
    /// A parameter assignment: `#1=5`, `#<depth>=[#1*2]`.
    Assignment,
    /// A `#` parameter used as a value: `X#1`.
    Parameter,
    /// A `[ ]` expression.
    Expression,
    /// A control-flow keyword (`IF`, `GOTO`, `WHILE`, `DO`, `END`, `SUB`, `CALL`, ...) or a named
    /// `o<...>` word.
    Keyword,
}

impl MacroKind {
    /// A short description used in findings.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Assignment => "a parameter assignment",
            Self::Parameter => "a # parameter",
            Self::Expression => "a [ ] expression",
            Self::Keyword => "a macro control keyword",
        }
    }
}

/// One use of macro syntax on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MacroUse {
    /// What was used.
    pub kind: MacroKind,
    /// Byte column where it starts, from 1.
    pub column: usize,
}

/// Why a line could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseError {
    /// Byte column of the trouble, from 1.
    pub column: usize,
    /// What is wrong, lower-case.
    pub reason: String,
}

/// One line of a program, read into words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// Line number, from 1.
    pub line: usize,
    /// The words, in the order written.
    pub words: Vec<Word>,
    /// The line starts with `/` (block delete). The reader treats it as executed: the switch may be off,
    /// and GRBL ignores the `/` altogether.
    pub block_delete: bool,
    /// The line is a `%` tape mark.
    pub percent: bool,
    /// The line holds a `;` comment.
    pub semicolon_comment: bool,
    /// Macro syntax on the line (never evaluated).
    pub macros: Vec<MacroUse>,
    /// Characters a controller keeps after dropping whitespace and comments (GRBL's line buffer counts
    /// these).
    pub significant_chars: usize,
    /// Set when the line could not be read; `words` then holds only what came before the trouble.
    pub error: Option<ParseError>,
}

impl Block {
    /// True when the line has no words, no macro syntax and no tape mark (blank or comment only).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.macros.is_empty() && !self.percent && self.error.is_none()
    }
}

/// Reads one line (without its line end) as block number `line`.
///
/// ```
/// use rmos_core::readback::{parse_line, Value};
/// let block = parse_line(3, "n10 g1 x 1 0 (to the edge) y-2.5 ; done");
/// let letters: String = block.words.iter().map(|w| w.letter).collect();
/// assert_eq!(letters, "NGXY");
/// assert_eq!(block.words[2].value, Value::Number(10.0));
/// assert!(block.semicolon_comment && block.error.is_none());
/// ```
pub fn parse_line(line: usize, text: &str) -> Block {
    let mut significant = Vec::new();
    parse_line_with(line, text, &mut significant)
}

/// Iterates over the blocks of a program, one per line. Lines end at `\n`, `\r\n` or a lone `\r`.
///
/// ```
/// let lines: Vec<usize> = rmos_core::readback::blocks("G21\r\nG90\rM30").map(|b| b.line).collect();
/// assert_eq!(lines, [1, 2, 3]);
/// ```
pub fn blocks(gcode: &str) -> Blocks<'_> {
    Blocks {
        rest: gcode,
        line: 0,
        done: false,
        significant: Vec::new(),
    }
}

/// The iterator of [`blocks`].
#[derive(Debug)]
pub struct Blocks<'a> {
    rest: &'a str,
    line: usize,
    done: bool,
    significant: Vec<(u8, usize)>,
}

impl Iterator for Blocks<'_> {
    type Item = Block;

    fn next(&mut self) -> Option<Block> {
        if self.done {
            return None;
        }
        let (text, rest) = match self.rest.find(['\n', '\r']) {
            Some(end) => {
                let text = self.rest.get(..end).unwrap_or("");
                let tail = self.rest.get(end..).unwrap_or("");
                let skip = if tail.starts_with("\r\n") { 2 } else { 1 };
                (text, tail.get(skip..).unwrap_or(""))
            }
            None => {
                self.done = true;
                (self.rest, "")
            }
        };
        if self.done && text.is_empty() && self.line > 0 {
            // A final line end does not open another line.
            return None;
        }
        self.rest = rest;
        self.line += 1;
        Some(parse_line_with(self.line, text, &mut self.significant))
    }
}

fn parse_line_with(line: usize, text: &str, significant: &mut Vec<(u8, usize)>) -> Block {
    let mut block = Block {
        line,
        words: Vec::new(),
        block_delete: false,
        percent: false,
        semicolon_comment: false,
        macros: Vec::new(),
        significant_chars: 0,
        error: None,
    };
    if let Err(error) = strip(text, significant, &mut block) {
        block.error = Some(error);
    }
    block.significant_chars = significant.len();
    if block.error.is_none() {
        if let Err(error) = Lexer::new(significant).run(&mut block) {
            block.error = Some(error);
        }
    }
    block
}

/// Drops comments, whitespace and control characters; keeps the rest upper-cased with its column.
fn strip(text: &str, out: &mut Vec<(u8, usize)>, block: &mut Block) -> Result<(), ParseError> {
    out.clear();
    let mut comment_start = None;
    for (i, b) in text.bytes().enumerate() {
        if comment_start.is_some() {
            if b == b')' {
                comment_start = None;
            }
            continue;
        }
        match b {
            b'(' => comment_start = Some(i + 1),
            b';' => {
                block.semicolon_comment = true;
                return Ok(());
            }
            0..=b' ' | 0x7f => {}
            _ => out.push((b.to_ascii_uppercase(), i + 1)),
        }
    }
    match comment_start {
        Some(column) => Err(ParseError {
            column,
            reason: "unterminated comment: '(' without ')'".to_owned(),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
