//! Checks that bytes are exactly canonical JSON (RFC 8785) in one pass, without building a value.
//!
//! Canonical JSON has one spelling per value, so checking it is a matter of grammar: no whitespace, object
//! keys in strictly increasing UTF-16 order (which also rules out duplicates), strings with exactly the
//! escapes [`super::writer::write_string`] writes, numbers exactly as [`super::number::write_f64`] writes
//! them, valid UTF-8, and one value with nothing after it.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::ops::Range;

use super::number;
use super::writer::{plain_run, utf16_cmp, utf16_cmp_utf8};
use super::RootMember;

/// Deepest nesting accepted, as in `serde_json`.
const MAX_DEPTH: usize = 128;

/// Checks that `bytes` are one JSON value in canonical form, filling `root` with the members of the
/// outermost object (left empty for any other value). On failure, the offset of the first byte that
/// breaks the canonical form.
pub(crate) fn check_canonical(
    bytes: &[u8],
    root: &mut Vec<RootMember>,
    scratch: &mut Vec<u8>,
) -> Result<(), usize> {
    root.clear();
    let mut scan = Scan {
        bytes,
        at: 0,
        scratch,
    };
    scan.value(0, Some(root))?;
    if scan.at != bytes.len() {
        return Err(scan.at);
    }
    Ok(())
}

/// [`check_canonical`] for bytes that must be an object with exactly the members that `prefixes` begin,
/// in that order: each prefix is a member's `"key":` (canonical order, plain ASCII keys). Keys are matched
/// as literals rather than scanned and compared, which makes checking a known shape much faster.
/// `Err(())` says only that the bytes are not such an object in canonical form; [`check_canonical`] then
/// tells where and why.
pub(crate) fn check_canonical_shape(
    bytes: &[u8],
    prefixes: &[&[u8]],
    root: &mut Vec<RootMember>,
    scratch: &mut Vec<u8>,
) -> Result<(), ()> {
    root.clear();
    let mut scan = Scan {
        bytes,
        at: 0,
        scratch,
    };
    scan.expect(b'{').map_err(drop)?;
    for (i, prefix) in prefixes.iter().enumerate() {
        if i > 0 {
            scan.expect(b',').map_err(drop)?;
        }
        let start = scan.at;
        let value_start = start + prefix.len();
        if bytes.get(start..value_start) != Some(*prefix) {
            return Err(());
        }
        scan.at = value_start;
        scan.value(1, None).map_err(drop)?;
        root.push(RootMember {
            // Between the quotes of `"key":`.
            key: start + 1..value_start - 2,
            member: start..scan.at,
            value: value_start..scan.at,
        });
    }
    scan.expect(b'}').map_err(drop)?;
    if scan.at != bytes.len() {
        return Err(());
    }
    Ok(())
}

/// A string's characters (between the quotes) and whether any is escaped.
#[derive(Clone)]
struct Str {
    range: Range<usize>,
    escaped: bool,
}

struct Scan<'b, 's> {
    bytes: &'b [u8],
    at: usize,
    scratch: &'s mut Vec<u8>,
}

impl Scan<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn expect(&mut self, byte: u8) -> Result<(), usize> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.at)
        }
    }

    fn value(&mut self, depth: usize, root: Option<&mut Vec<RootMember>>) -> Result<(), usize> {
        if depth > MAX_DEPTH {
            return Err(self.at);
        }
        match self.peek() {
            Some(b'{') => self.object(depth, root),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(|_| ()),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.at),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), usize> {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end) == Some(word) {
            self.at = end;
            Ok(())
        } else {
            Err(self.at)
        }
    }

    fn object(&mut self, depth: usize, mut root: Option<&mut Vec<RootMember>>) -> Result<(), usize> {
        self.expect(b'{')?;
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        let mut previous: Option<Str> = None;
        loop {
            let start = self.at;
            let key = self.string()?;
            if let Some(previous) = &previous {
                if self.key_order(previous, &key) != Ordering::Less {
                    return Err(start);
                }
            }
            self.expect(b':')?;
            let value_start = self.at;
            self.value(depth + 1, None)?;
            if let Some(root) = root.as_deref_mut() {
                root.push(RootMember {
                    key: key.range.clone(),
                    member: start..self.at,
                    value: value_start..self.at,
                });
            }
            previous = Some(key);
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.at),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), usize> {
        self.expect(b'[')?;
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.value(depth + 1, None)?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.at),
            }
        }
    }

    /// Orders two keys by UTF-16 code units, decoding escapes only when there are some.
    fn key_order(&self, a: &Str, b: &Str) -> Ordering {
        let raw = |s: &Str| self.bytes.get(s.range.clone()).unwrap_or_default();
        if !a.escaped && !b.escaped {
            return utf16_cmp_utf8(raw(a), raw(b));
        }
        // Strings were checked to be UTF-8 as they were scanned.
        let decode = |s: &Str| -> Cow<'_, str> {
            let text = std::str::from_utf8(raw(s)).unwrap_or_default();
            if s.escaped {
                Cow::Owned(unescape(text))
            } else {
                Cow::Borrowed(text)
            }
        };
        utf16_cmp(&decode(a), &decode(b))
    }

    fn string(&mut self) -> Result<Str, usize> {
        self.expect(b'"')?;
        let start = self.at;
        let mut escaped = false;
        loop {
            let (plain, high) = plain_run(self.bytes.get(self.at..).unwrap_or_default());
            if high {
                let run = self.bytes.get(self.at..self.at + plain).unwrap_or_default();
                std::str::from_utf8(run).map_err(|e| self.at + e.valid_up_to())?;
            }
            self.at += plain;
            match self.peek() {
                Some(b'"') => {
                    let range = start..self.at;
                    self.at += 1;
                    return Ok(Str { range, escaped });
                }
                Some(b'\\') => {
                    escaped = true;
                    self.escape()?;
                }
                _ => return Err(self.at),
            }
        }
    }

    /// Checks one escape is the one canonical form uses for its character.
    fn escape(&mut self) -> Result<(), usize> {
        let at = self.at;
        match self.bytes.get(at + 1) {
            Some(b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.at += 2;
                Ok(())
            }
            Some(b'u') => {
                let code = self.bytes.get(at + 2..at + 6).ok_or(at)?;
                let hex = |b: u8| match b {
                    b'0'..=b'9' => Some(b - b'0'),
                    b'a'..=b'f' => Some(b - b'a' + 10),
                    _ => None,
                };
                let value = match code {
                    [b'0', b'0', hi, lo] => hex(*hi).zip(hex(*lo)).map(|(h, l)| h * 16 + l),
                    _ => None,
                };
                match value {
                    Some(v) if v < 0x20 && !matches!(v, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d) => {
                        self.at += 6;
                        Ok(())
                    }
                    _ => Err(at),
                }
            }
            _ => Err(at),
        }
    }

    fn number(&mut self) -> Result<(), usize> {
        let start = self.at;
        let len = self
            .bytes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            .count();
        let token = self.bytes.get(start..start + len).ok_or(start)?;
        self.at = start + len;
        if let Some(canonical) = plain_decimal_is_canonical(token) {
            return if canonical { Ok(()) } else { Err(start) };
        }
        let value: f64 = std::str::from_utf8(token)
            .ok()
            .and_then(|t| t.parse().ok())
            .ok_or(start)?;
        self.scratch.clear();
        number::write_f64(self.scratch, value);
        if value.is_finite() && self.scratch.as_slice() == token {
            Ok(())
        } else {
            Err(start)
        }
    }
}

/// Decides, without converting it, whether a plain decimal of at most 15 significant digits
/// (`-?int(.frac)?`, no exponent) is canonical; `None` for any other token.
///
/// Up to 15 significant digits, distinct decimals are distinct doubles, so such a decimal is the shortest
/// form of the double it reads as, and ECMAScript writes it back digit for digit when it lies in
/// [1e-6, 1e21): the integer part without leading zeros (`0` alone when below 1), the fraction without
/// trailing zeros, no `-0`.
fn plain_decimal_is_canonical(token: &[u8]) -> Option<bool> {
    let (negative, unsigned) = match token.strip_prefix(b"-") {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let (int, frac) = match unsigned.iter().position(|&b| b == b'.') {
        Some(dot) => (unsigned.get(..dot)?, Some(unsigned.get(dot + 1..)?)),
        None => (unsigned, None),
    };
    if int.is_empty() || !int.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let frac = frac.unwrap_or_default();
    if !frac.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let int_significant = int.iter().skip_while(|&&b| b == b'0').count();
    let frac_zeros = frac.iter().take_while(|&&b| b == b'0').count();
    let significant = if int_significant > 0 {
        int_significant + frac.len()
    } else {
        frac.len() - frac_zeros
    };
    if significant > 15 {
        return None;
    }
    let is_zero = significant == 0;
    let canonical_int = int == b"0" || int.first() != Some(&b'0');
    let canonical_frac = unsigned.len() == int.len() || frac.last().is_some_and(|&b| b != b'0');
    // In range: below 1e21 (at most 21 integer digits) and, below 1, at least 1e-6 (at most 5 zeros).
    let in_range = int.len() <= 21 && (int_significant > 0 || frac_zeros <= 5);
    Some(canonical_int && canonical_frac && in_range && !(is_zero && (negative || !frac.is_empty())))
}

/// The characters of a string written with canonical escapes (checked already).
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let code: String = chars.by_ref().take(4).collect();
                let c = u32::from_str_radix(&code, 16).ok().and_then(char::from_u32);
                out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}
