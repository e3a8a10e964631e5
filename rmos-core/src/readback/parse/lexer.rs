//! The lexer of one block: words, numbers, parameters, names, brackets and macro keywords, each error
//! naming its column.

use super::decimal::exact_decimal;
use super::{Block, MacroKind, MacroUse, ParseError, Value, Word, MAX_NUMBER_CHARS};

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

pub(super) struct Lexer<'a> {
    s: &'a [(u8, usize)],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(s: &'a [(u8, usize)]) -> Self {
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

    pub(super) fn run(mut self, block: &mut Block) -> Result<(), ParseError> {
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
