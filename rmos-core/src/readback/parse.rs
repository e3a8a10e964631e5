//! The lexer: G-code text into blocks of words, one block per line.
//!
//! It reads lines the way GRBL and LinuxCNC do: whitespace and control characters are dropped before
//! words are formed (so `X 1 0` is `X10`), letters are case-insensitive, `( )` comments end at the first
//! `)` and `;` comments at the end of the line. Macro syntax (`#` parameters, `[ ]` expressions, named
//! `o<...>` words, `IF`/`GOTO`/`WHILE` keywords) is recognised and recorded, never evaluated. Any input,
//! however malformed, gives blocks: a line that cannot be read carries a [`ParseError`] instead of a
//! panic.

use serde::Serialize;

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

/// Keywords of LinuxCNC o-word statements and Fanuc macro B; two letters in a row that begin one of them
/// start macro control flow.
const KEYWORDS: [&str; 17] = [
    "IF",
    "GOTO",
    "WHILE",
    "DO",
    "END",
    "ENDIF",
    "ELSE",
    "THEN",
    "SUB",
    "CALL",
    "RETURN",
    "REPEAT",
    "BREAK",
    "CONTINUE",
    "ENDSUB",
    "ENDWHILE",
    "ENDREPEAT",
];

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

struct Lexer<'a> {
    s: &'a [(u8, usize)],
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn new(s: &'a [(u8, usize)]) -> Self {
        Self { s, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).map(|&(b, _)| b)
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.s.get(self.pos + ahead).map(|&(b, _)| b)
    }

    fn column(&self) -> usize {
        match self.s.get(self.pos) {
            Some(&(_, c)) => c,
            None => self.s.last().map_or(1, |&(_, c)| c + 1),
        }
    }

    fn error(&self, reason: impl Into<String>) -> ParseError {
        ParseError {
            column: self.column(),
            reason: reason.into(),
        }
    }

    fn run(mut self, block: &mut Block) -> Result<(), ParseError> {
        if self.peek() == Some(b'%') {
            if self.s.len() == 1 {
                block.percent = true;
                return Ok(());
            }
            return Err(self.error("'%' must stand alone on its line"));
        }
        if self.peek() == Some(b'/') {
            block.block_delete = true;
            self.pos += 1;
        }
        while let Some(b) = self.peek() {
            let column = self.column();
            match b {
                b'A'..=b'Z' => {
                    if self.peek_at(1).is_some_and(|n| n.is_ascii_uppercase()) {
                        if self.keyword_ahead() {
                            block.macros.push(MacroUse {
                                kind: MacroKind::Keyword,
                                column,
                            });
                            return Ok(());
                        }
                        return Err(self.error(format!("letter '{}' without a value", char::from(b))));
                    }
                    self.pos += 1;
                    let (value, decimal_point) = self.value(b, block)?;
                    block.words.push(Word {
                        letter: char::from(b),
                        value,
                        column,
                        decimal_point,
                    });
                    if b == b'O' && self.keyword_ahead() {
                        // `o100 sub`, `o<name> call [1]`: the rest of the line is an o-word statement.
                        block.macros.push(MacroUse {
                            kind: MacroKind::Keyword,
                            column,
                        });
                        return Ok(());
                    }
                }
                b'#' => {
                    self.parameter()?;
                    if self.peek() == Some(b'=') {
                        // An assignment's value runs to the end of the line; it is never evaluated.
                        block.macros.push(MacroUse {
                            kind: MacroKind::Assignment,
                            column,
                        });
                        return Ok(());
                    }
                    block.macros.push(MacroUse {
                        kind: MacroKind::Parameter,
                        column,
                    });
                }
                b'[' => {
                    self.brackets()?;
                    block.macros.push(MacroUse {
                        kind: MacroKind::Expression,
                        column,
                    });
                }
                b'%' => return Err(self.error("'%' must stand alone on its line")),
                b'/' => return Err(self.error("'/' (block delete) only at the start of a line")),
                _ => return Err(self.unexpected()),
            }
        }
        Ok(())
    }

    fn unexpected(&self) -> ParseError {
        match self.peek() {
            Some(b) if b.is_ascii() => self.error(format!("unexpected character {:?}", char::from(b))),
            _ => self.error("unexpected non-ASCII character"),
        }
    }

    /// True when the letters from here begin a macro keyword.
    fn keyword_ahead(&self) -> bool {
        let letters: Vec<u8> = self
            .s
            .get(self.pos..)
            .unwrap_or(&[])
            .iter()
            .map(|&(b, _)| b)
            .take_while(u8::is_ascii_uppercase)
            .take(10)
            .collect();
        letters.len() >= 2 && KEYWORDS.iter().any(|k| letters.starts_with(k.as_bytes()))
    }

    /// A word's value, and whether it was written with a decimal point.
    fn value(&mut self, letter: u8, block: &mut Block) -> Result<(Value, bool), ParseError> {
        let column = self.column();
        match self.peek() {
            Some(b'#') => {
                self.parameter()?;
                block.macros.push(MacroUse {
                    kind: MacroKind::Parameter,
                    column,
                });
                Ok((Value::Expression, false))
            }
            Some(b'[') => {
                self.brackets()?;
                block.macros.push(MacroUse {
                    kind: MacroKind::Expression,
                    column,
                });
                Ok((Value::Expression, false))
            }
            Some(b'<') if letter == b'O' => {
                self.name()?;
                block.macros.push(MacroUse {
                    kind: MacroKind::Keyword,
                    column,
                });
                Ok((Value::Expression, false))
            }
            Some(b) if b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.') => self.number(),
            _ => Err(self.error(format!("letter '{}' without a value", char::from(letter)))),
        }
    }

    fn number(&mut self) -> Result<(Value, bool), ParseError> {
        let column = self.column();
        let mut text = [0u8; MAX_NUMBER_CHARS];
        let mut len = 0usize;
        let mut digits = 0usize;
        let mut point = false;
        while let Some(b) = self.peek() {
            let sign = len == 0 && matches!(b, b'+' | b'-');
            if b.is_ascii_digit() {
                digits += 1;
            } else if b == b'.' && !point {
                point = true;
            } else if !sign {
                break;
            }
            let Some(slot) = text.get_mut(len) else {
                return Err(ParseError {
                    column,
                    reason: format!("number longer than {MAX_NUMBER_CHARS} characters"),
                });
            };
            *slot = b;
            len += 1;
            self.pos += 1;
        }
        if digits == 0 {
            return Err(ParseError {
                column,
                reason: "a sign or point without digits".to_owned(),
            });
        }
        let written = text.get(..len).unwrap_or(&[]);
        if let Some(v) = exact_decimal(written) {
            return Ok((Value::Number(v), point));
        }
        match std::str::from_utf8(written)
            .ok()
            .and_then(|t| t.parse::<f64>().ok())
        {
            Some(v) if v.is_finite() => Ok((Value::Number(v), point)),
            _ => Err(ParseError {
                column,
                reason: format!("unreadable number {:?}", String::from_utf8_lossy(written)),
            }),
        }
    }

    /// `#` then a number, a `<name>`, a `[ ]` expression or another parameter.
    fn parameter(&mut self) -> Result<(), ParseError> {
        while self.peek() == Some(b'#') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'<') => self.name(),
            Some(b'[') => self.brackets(),
            Some(b) if b.is_ascii_digit() => {
                while self.peek().is_some_and(|b| b.is_ascii_digit() || b == b'.') {
                    self.pos += 1;
                }
                Ok(())
            }
            _ => Err(self.error("'#' without a parameter number or name")),
        }
    }

    fn name(&mut self) -> Result<(), ParseError> {
        let column = self.column();
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                return Ok(());
            }
        }
        Err(ParseError {
            column,
            reason: "unterminated name: '<' without '>'".to_owned(),
        })
    }

    fn brackets(&mut self) -> Result<(), ParseError> {
        let column = self.column();
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'[' => depth += 1,
                b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(ParseError {
            column,
            reason: "unterminated expression: '[' without ']'".to_owned(),
        })
    }
}

/// Powers of ten that are exact in an `f64`.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// The value of a short decimal (sign, digits, one point) when it can be computed exactly: at most 15
/// digits make a mantissa below 2^53 and a point at most 22 places in makes an exact power of ten, so
/// one division rounds correctly and gives what `str::parse` gives. `None` sends the text to `parse`.
fn exact_decimal(text: &[u8]) -> Option<f64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0usize;
    let mut fraction: Option<usize> = None;
    for &b in digits {
        if b == b'.' {
            fraction = Some(0);
            continue;
        }
        if count == 15 {
            return None;
        }
        mantissa = mantissa * 10 + u64::from(b - b'0');
        count += 1;
        if let Some(f) = fraction.as_mut() {
            *f += 1;
        }
    }
    let scale = EXACT_POWERS_OF_TEN.get(fraction.unwrap_or(0))?;
    // A mantissa of at most 15 digits is below 2^53: the conversion is exact.
    let value = mantissa as f64 / scale;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(b: &Block) -> String {
        b.words.iter().map(|w| w.letter).collect()
    }

    fn number(b: &Block, letter: char) -> Option<f64> {
        b.words
            .iter()
            .find(|w| w.letter == letter)
            .and_then(|w| w.value.number())
    }

    #[test]
    fn words_numbers_and_case() {
        let b = parse_line(1, "g01x-1.5Y+.25 z3. F 1 2 0 0");
        assert_eq!(letters(&b), "GXYZF");
        assert_eq!(number(&b, 'G'), Some(1.0));
        assert_eq!(number(&b, 'X'), Some(-1.5));
        assert_eq!(number(&b, 'Y'), Some(0.25));
        assert_eq!(number(&b, 'Z'), Some(3.0));
        assert_eq!(number(&b, 'F'), Some(1200.0));
        assert_eq!(b.significant_chars, 21);
        assert!(b.error.is_none());
    }

    #[test]
    fn comments_are_dropped_and_counted_out() {
        let b = parse_line(1, "G0 (rapid (no nesting) X5 ; tail");
        assert_eq!(letters(&b), "GX");
        assert!(b.semicolon_comment);
        assert_eq!(b.significant_chars, 4);
        let unterminated = parse_line(4, "G1 X1 (oops");
        assert_eq!(unterminated.error.as_ref().map(|e| e.column), Some(7));
        assert!(unterminated.words.is_empty());
    }

    #[test]
    fn tape_marks_and_block_delete() {
        assert!(parse_line(1, " % ").percent);
        assert!(parse_line(1, "%G0").error.is_some());
        let b = parse_line(1, "/G0 X1");
        assert!(b.block_delete);
        assert_eq!(letters(&b), "GX");
        assert!(parse_line(1, "G0 /X1").error.is_some());
    }

    #[test]
    fn macro_syntax_is_recorded_not_evaluated() {
        let assign = parse_line(1, "#1=[#2+3] G0 X1");
        assert_eq!(assign.macros[0].kind, MacroKind::Assignment);
        assert!(assign.words.is_empty());
        let param = parse_line(1, "G1 X#1 Y[1+2]");
        assert_eq!(letters(&param), "GXY");
        assert_eq!(param.words[1].value, Value::Expression);
        let kinds: Vec<_> = param.macros.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, [MacroKind::Parameter, MacroKind::Expression]);
        let fanuc = parse_line(1, "IF[#1GT5]GOTO10");
        assert_eq!(fanuc.macros[0].kind, MacroKind::Keyword);
        let oword = parse_line(1, "o100 sub");
        assert_eq!(letters(&oword), "O");
        assert_eq!(oword.macros[0].kind, MacroKind::Keyword);
        let named = parse_line(1, "o<drill> call [1]");
        assert_eq!(named.words[0].value, Value::Expression);
        assert!(parse_line(1, "G1 X[1+2").error.is_some());
    }

    #[test]
    fn errors_name_the_column() {
        let b = parse_line(1, "G1 X1 $5");
        assert_eq!(
            b.error,
            Some(ParseError {
                column: 7,
                reason: "unexpected character '$'".to_owned()
            })
        );
        assert_eq!(letters(&b), "GX");
        assert!(parse_line(1, "G1 X").error.is_some());
        assert!(parse_line(1, "G1 X-").error.is_some());
        assert!(parse_line(1, "GX1").error.is_some());
        assert!(parse_line(1, "X1é").error.is_some());
        let long = format!("X{}", "9".repeat(40));
        assert!(parse_line(1, &long).error.is_some());
        assert!(parse_line(1, "X1..2").error.is_some());
    }

    #[test]
    fn short_decimals_read_exactly_as_parse_reads_them() {
        for text in [
            "0",
            "-0.5",
            "+.25",
            "12.345",
            "5.",
            "0.1",
            "123456789012345",
            "-99.999",
            ".000000000000001",
        ] {
            assert_eq!(exact_decimal(text.as_bytes()), text.parse::<f64>().ok(), "{text}");
        }
        assert_eq!(exact_decimal(b"1234567890123456"), None);
        let b = parse_line(1, "X1234567890.123456789");
        assert_eq!(
            b.words[0].value,
            Value::Number("1234567890.123456789".parse().unwrap())
        );
    }

    proptest::proptest! {
        #[test]
        fn the_exact_path_agrees_with_parse(text in "[+-]?[0-9]{0,12}\\.?[0-9]{0,12}") {
            if let (Some(fast), Ok(slow)) = (exact_decimal(text.as_bytes()), text.parse::<f64>()) {
                proptest::prop_assert_eq!(fast.to_bits(), slow.to_bits(), "{}", text);
            }
        }
    }

    #[test]
    fn line_ends() {
        let b: Vec<_> = blocks("A\n\nB\r\n").map(|b| b.line).collect();
        assert_eq!(b, [1, 2, 3]);
        assert_eq!(blocks("").count(), 1);
        assert_eq!(blocks("\n").count(), 1);
    }
}
