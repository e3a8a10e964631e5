//! A serde `Serializer` that writes RFC 8785 canonical JSON directly, without an intermediate tree.
//!
//! Object members are written in the order they arrive. When they arrive sorted (every RMOS struct whose
//! fields are declared in key order), nothing moves; otherwise the members of that object are put in order
//! in place once it ends. Nested objects are finished before their parent, and reordering keeps an
//! object's length, so the positions a parent recorded stay valid.
#![allow(
    clippy::indexing_slicing,
    reason = "offsets come from the writer's own entry bookkeeping; tests/content_canonical_jcs.rs checks every output against serde_json_canonicalizer"
)]

use serde::ser::{self, Serialize};
use std::borrow::Cow;
use std::cmp::Ordering;

use super::key::KeyText;
use super::{number, CanonicalError, RootMember};

/// One member of an object being written: `"key":value` at `start..end` of the output.
#[derive(Debug)]
struct Entry {
    key: Cow<'static, str>,
    start: usize,
    value_start: usize,
    end: usize,
}

/// Reusable canonical-JSON writer: the output, the member stack and scratch space.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    out: Vec<u8>,
    entries: Vec<Entry>,
    scratch: Vec<u8>,
    depth: usize,
    root: Vec<RootMember>,
    /// Whether the last `encode` wrote a non-finite number (as `null`): such bytes do not read back as the
    /// value they were written from.
    lossy: bool,
}

impl Writer {
    /// Replaces the output with the canonical form of `value`.
    pub(crate) fn encode<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        self.out.clear();
        self.entries.clear();
        self.root.clear();
        self.depth = 0;
        self.lossy = false;
        // An artifact is one to a few kilobytes: start there rather than grow through every size.
        self.out.reserve(4096);
        value.serialize(&mut *self)
    }

    /// The bytes written by the last `encode`.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.out
    }

    /// Takes the bytes written by the last `encode`.
    pub(crate) fn into_bytes(mut self) -> Vec<u8> {
        // The output was reserved generously; what a store keeps should hold no slack.
        self.out.shrink_to_fit();
        self.out
    }

    /// Whether the last `encode` wrote a NaN or an infinity, which JSON cannot hold, as `null`.
    pub(crate) fn lossy(&self) -> bool {
        self.lossy
    }

    /// The members of the outermost object written by the last `encode` (none for another value).
    pub(crate) fn root(&self) -> &[RootMember] {
        &self.root
    }

    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
    }
}

/// Orders object keys by their UTF-16 code units, as RFC 8785 section 3.2.3 asks.
///
/// UTF-8 byte order is code point order, which agrees with UTF-16 order except between a character above
/// U+FFFF (a surrogate pair, D800-DFFF) and one in U+E000-U+FFFF; only that case is turned round.
pub(crate) fn utf16_cmp(a: &str, b: &str) -> Ordering {
    utf16_cmp_utf8(a.as_bytes(), b.as_bytes())
}

/// [`utf16_cmp`] on the UTF-8 bytes of two strings.
pub(crate) fn utf16_cmp_utf8(a: &[u8], b: &[u8]) -> Ordering {
    match a.iter().zip(b).position(|(x, y)| x != y) {
        None => a.len().cmp(&b.len()),
        Some(at) => {
            let (x, y) = (a[at], b[at]);
            // A difference in a lead byte: 0xF0.. starts a supplementary character, 0xEE/0xEF one in
            // U+E000-U+FFFF. A difference in a continuation byte lies within characters of one length.
            let supplementary = |lead: u8| lead >= 0xF0;
            let high_bmp = |lead: u8| lead == 0xEE || lead == 0xEF;
            if (supplementary(x) && high_bmp(y)) || (high_bmp(x) && supplementary(y)) {
                y.cmp(&x)
            } else {
                x.cmp(&y)
            }
        }
    }
}

/// Writes a string with the escaping of RFC 8785 section 3.2.2.2 (ECMAScript `JSON.stringify`).
pub(crate) fn write_string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let mut rest = s.as_bytes();
    loop {
        let (plain, _) = plain_run(rest);
        let (run, tail) = rest.split_at(plain);
        out.extend_from_slice(run);
        let Some((&b, tail)) = tail.split_first() else {
            break;
        };
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0a => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            0x0d => out.extend_from_slice(b"\\r"),
            _ => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        rest = tail;
    }
    out.push(b'"');
}

/// How many leading bytes of a string's UTF-8 stand for themselves in canonical JSON (all but `"`, `\`
/// and control characters below 0x20), and whether any of them is above 0x7f. Looks at eight bytes at a
/// time.
#[inline]
pub(crate) fn plain_run(bytes: &[u8]) -> (usize, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    let mut high = false;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Flags bytes below 0x20, `"` and `\`; bytes of 0x80 and above are never flagged. The lowest flag
        // is exact (higher ones may be false alarms), which is all that is used.
        let quote = x ^ (ONES * u64::from(b'"'));
        let backslash = x ^ (ONES * u64::from(b'\\'));
        let special = (x.wrapping_sub(ONES * 0x20) | quote.wrapping_sub(ONES) | backslash.wrapping_sub(ONES))
            & !x
            & HIGHS;
        let wide = x & HIGHS;
        if special != 0 {
            let plain = (special.trailing_zeros() / 8) as usize;
            // Only bytes before the flagged one count.
            if wide != 0 && wide.trailing_zeros() / 8 < plain as u32 {
                high = true;
            }
            return (at + plain, high);
        }
        high |= wide != 0;
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    let plain = rest
        .iter()
        .take_while(|&&b| b >= 0x20 && b != b'"' && b != b'\\')
        .count();
    let high_rest = rest.iter().take(plain).any(|&b| b >= 0x80);
    (at + plain, high || high_rest)
}

/// An array being written.
#[derive(Debug)]
pub(crate) struct Array<'w> {
    w: &'w mut Writer,
    first: bool,
    /// Closes the `{"variant":` wrapper of a tuple variant.
    wrapped: bool,
}

impl Array<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        if !self.first {
            self.w.out.push(b',');
        }
        self.first = false;
        value.serialize(&mut *self.w)
    }

    fn finish(self) -> Result<(), CanonicalError> {
        self.w.out.push(b']');
        self.w.depth -= 1;
        if self.wrapped {
            self.w.out.push(b'}');
            self.w.depth -= 1;
        }
        Ok(())
    }
}

/// An object being written.
#[derive(Debug)]
pub(crate) struct Object<'w> {
    w: &'w mut Writer,
    /// Index of this object's first entry on the writer's stack.
    base: usize,
    /// Output position just after `{`.
    body: usize,
    /// Whether the members so far arrived in canonical order.
    sorted: bool,
    /// The key given by `serialize_key`, waiting for its value.
    pending: Option<Cow<'static, str>>,
    /// Closes the `{"variant":` wrapper of a struct variant.
    wrapped: bool,
}

impl<'w> Object<'w> {
    fn new(w: &'w mut Writer, wrapped: bool) -> Self {
        w.open(b'{');
        let (base, body) = (w.entries.len(), w.out.len());
        Self {
            w,
            base,
            body,
            sorted: true,
            pending: None,
            wrapped,
        }
    }

    fn member<T: Serialize + ?Sized>(
        &mut self,
        key: Cow<'static, str>,
        value: &T,
    ) -> Result<(), CanonicalError> {
        if let Some(last) = self.w.entries.get(self.base..).and_then(<[Entry]>::last) {
            if utf16_cmp(&last.key, &key) != Ordering::Less {
                self.sorted = false;
            }
            self.w.out.push(b',');
        }
        let start = self.w.out.len();
        write_string(&mut self.w.out, &key);
        self.w.out.push(b':');
        let value_start = self.w.out.len();
        value.serialize(&mut *self.w)?;
        let end = self.w.out.len();
        self.w.entries.push(Entry {
            key,
            start,
            value_start,
            end,
        });
        Ok(())
    }

    fn finish(self) -> Result<(), CanonicalError> {
        let Self {
            w,
            base,
            body,
            sorted,
            wrapped,
            ..
        } = self;
        if !sorted {
            reorder(w, base, body)?;
        }
        w.out.push(b'}');
        w.depth -= 1;
        if w.depth == 0 && !wrapped {
            // The key's characters lie between `"` after the start and `":` before the value.
            let members = w.entries.drain(base..).map(|e| RootMember {
                key: e.start + 1..e.value_start - 2,
                member: e.start..e.end,
                value: e.value_start..e.end,
            });
            w.root = members.collect();
        } else {
            w.entries.truncate(base);
        }
        if wrapped {
            w.out.push(b'}');
            w.depth -= 1;
        }
        Ok(())
    }
}

/// Puts the members of the object whose entries start at `base` (body at `body`) in canonical order.
fn reorder(w: &mut Writer, base: usize, body: usize) -> Result<(), CanonicalError> {
    let entries = &mut w.entries[base..];
    entries.sort_by(|a, b| utf16_cmp(&a.key, &b.key));
    if let Some(pair) = entries.windows(2).find(|p| p[0].key == p[1].key) {
        return Err(CanonicalError::DuplicateKey(pair[0].key.to_string()));
    }
    w.scratch.clear();
    w.scratch.extend_from_slice(&w.out[body..]);
    w.out.truncate(body);
    for (i, e) in entries.iter_mut().enumerate() {
        if i > 0 {
            w.out.push(b',');
        }
        let start = w.out.len();
        w.out.extend_from_slice(&w.scratch[e.start - body..e.end - body]);
        e.value_start = start + (e.value_start - e.start);
        e.start = start;
        e.end = w.out.len();
    }
    Ok(())
}

impl ser::Error for CanonicalError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        CanonicalError::Custom(msg.to_string())
    }
}

impl<'w> ser::Serializer for &'w mut Writer {
    type Ok = ();
    type Error = CanonicalError;
    type SerializeSeq = Array<'w>;
    type SerializeTuple = Array<'w>;
    type SerializeTupleStruct = Array<'w>;
    type SerializeTupleVariant = Array<'w>;
    type SerializeMap = Object<'w>;
    type SerializeStruct = Object<'w>;
    type SerializeStructVariant = Object<'w>;

    fn serialize_bool(self, v: bool) -> Result<(), CanonicalError> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), CanonicalError> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), CanonicalError> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), CanonicalError> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), CanonicalError> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i128(self, v: i128) -> Result<(), CanonicalError> {
        number::write_i128(&mut self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), CanonicalError> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), CanonicalError> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), CanonicalError> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), CanonicalError> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u128(self, v: u128) -> Result<(), CanonicalError> {
        match i128::try_from(v) {
            Ok(v) => self.serialize_i128(v),
            Err(_) => self.serialize_f64(v as f64),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<(), CanonicalError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), CanonicalError> {
        self.lossy |= !v.is_finite();
        number::write_f64(&mut self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), CanonicalError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), CanonicalError> {
        write_string(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), CanonicalError> {
        // As serde_json: an array of numbers.
        let mut array = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            array.element(b)?;
        }
        array.finish()
    }
    fn serialize_none(self) -> Result<(), CanonicalError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), CanonicalError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), CanonicalError> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), CanonicalError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), CanonicalError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), CanonicalError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), CanonicalError> {
        let mut object = Object::new(self, false);
        object.member(Cow::Borrowed(variant), value)?;
        object.finish()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Array<'w>, CanonicalError> {
        self.open(b'[');
        Ok(Array {
            w: self,
            first: true,
            wrapped: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Array<'w>, CanonicalError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Array<'w>, CanonicalError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Array<'w>, CanonicalError> {
        self.open(b'{');
        write_string(&mut self.out, variant);
        self.out.push(b':');
        self.open(b'[');
        Ok(Array {
            w: self,
            first: true,
            wrapped: true,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Object<'w>, CanonicalError> {
        Ok(Object::new(self, false))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Object<'w>, CanonicalError> {
        Ok(Object::new(self, false))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Object<'w>, CanonicalError> {
        self.open(b'{');
        write_string(&mut self.out, variant);
        self.out.push(b':');
        Ok(Object::new(self, true))
    }
}

impl ser::SerializeSeq for Array<'_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        self.element(value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish()
    }
}

impl ser::SerializeTuple for Array<'_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        self.element(value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Array<'_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        self.element(value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Array<'_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        self.element(value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish()
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), CanonicalError> {
        self.pending = Some(Cow::Owned(key.serialize(KeyText)?));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CanonicalError> {
        let key = self.pending.take().ok_or(CanonicalError::ValueWithoutKey)?;
        self.member(key, value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish()
    }
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CanonicalError> {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Object<'_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CanonicalError> {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<(), CanonicalError> {
        self.finish()
    }
}
