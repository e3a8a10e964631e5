//! Canonical JSON per RFC 8785 (JSON Canonicalization Scheme): the bytes every content address is taken of.
//!
//! - object members sorted by the UTF-16 code units of their keys, no whitespace;
//! - strings escaped as ECMAScript's `JSON.stringify` does: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
//!   control characters as `\u00xx` (lower-case hex), everything else as literal UTF-8;
//! - numbers in the form of ECMAScript's `Number::toString`: `1e+21`, `1e-7`, `0.000001`, `-0` as `0`.
//!
//! Numbers are IEEE 754 doubles in RFC 8785, so an integer beyond ±2^53 is written as the double nearest
//! to it (`18446744073709552000` for `u64::MAX`), as every RFC 8785 implementation does; RMOS's integers
//! (seqs, byte counts, operation indexes) stay far below. NaN and the infinities are not JSON: they cannot
//! occur in a [`serde_json::Value`] (which turns them into `null`), and this module writes them as `null`
//! too, so `canonical_bytes(x) == canonical_json(&serde_json::to_value(x)?)` holds for every value.

mod check;
mod key;
mod number;
mod writer;

use std::ops::Range;

use serde::Serialize;

pub(crate) use check::{check_canonical, check_canonical_shape};
pub(crate) use writer::Writer;

use super::ContentHash;

/// A member of the outermost object of some canonical bytes: where its key (the characters between the
/// quotes), its value and the whole `"key":value` lie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RootMember {
    /// The key's characters, between the quotes.
    pub(crate) key: Range<usize>,
    /// `"key":value`, without a separating comma.
    pub(crate) member: Range<usize>,
    /// The value.
    pub(crate) value: Range<usize>,
}

/// Why a value has no canonical JSON form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CanonicalError {
    /// The value's `Serialize` implementation failed.
    #[error("value cannot be serialised: {0}")]
    Custom(String),
    /// A map key that is not a string, number, boolean, character or unit variant.
    #[error("map key is not a string, number, boolean or character")]
    KeyNotText,
    /// Two members of one object have the same key.
    #[error("object has the key {0:?} twice")]
    DuplicateKey(String),
    /// A map serialised a value before its key.
    #[error("map value serialised without a key")]
    ValueWithoutKey,
}

/// The canonical bytes (RFC 8785) of a JSON value.
///
/// Every [`serde_json::Value`] has a canonical form, so this cannot fail.
///
/// ```
/// use rmos_core::content::canonical_json;
/// let value = serde_json::json!({"b": [1e21, 1e-7, 0.000001, -0.0], "a": "\u{20ac}\n"});
/// let text = String::from_utf8(canonical_json(&value)).unwrap();
/// assert_eq!(text, r#"{"a":"€\n","b":[1e+21,1e-7,0.000001,0]}"#);
/// ```
pub fn canonical_json(value: &serde_json::Value) -> Vec<u8> {
    // A `Value` has only string keys, no duplicates and no failing parts: the error case is unreachable.
    canonical_bytes(value)
}

/// The canonical bytes (RFC 8785) of anything serde can serialise, as `serde_json` would shape it.
///
/// For a value with no canonical form (see [`try_canonical_bytes`]; no RMOS type is one) the result is
/// empty, which is never the canonical form of any value, so its hash cannot pass for a real one.
///
/// ```
/// use rmos_core::{content::canonical_bytes, identity::Actor};
/// assert_eq!(canonical_bytes(&Actor::human("luthier")), br#"{"id":"luthier","kind":"human"}"#.to_vec());
/// ```
pub fn canonical_bytes<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    try_canonical_bytes(value).unwrap_or_default()
}

/// The canonical bytes (RFC 8785) of `value`, or why it has none: a `Serialize` implementation that
/// fails, a map key that cannot be text, or a key given twice.
///
/// ```
/// use std::collections::BTreeMap;
/// use rmos_core::content::try_canonical_bytes;
/// let by_index: BTreeMap<u32, &str> = [(10, "ten"), (9, "nine")].into();
/// assert_eq!(try_canonical_bytes(&by_index).unwrap(), br#"{"10":"ten","9":"nine"}"#.to_vec());
/// ```
pub fn try_canonical_bytes<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CanonicalError> {
    let mut writer = Writer::default();
    writer.encode(value)?;
    Ok(writer.into_bytes())
}

/// Bytes that are not canonical JSON, and where they stop being so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not canonical json (rfc 8785) at byte {offset}")]
pub struct NotCanonical {
    /// Offset of the first byte that breaks the canonical form (the length, when the bytes end early).
    pub offset: usize,
}

/// Checks that `bytes` are exactly the canonical form (RFC 8785) of some JSON value, in one pass and
/// without building the value: valid UTF-8, no whitespace, object keys strictly increasing in UTF-16 order
/// (so no duplicates), only the escapes canonical form uses, numbers in ECMAScript form, nesting at most
/// 128 deep, nothing after the value.
///
/// ```
/// use rmos_core::content::{check_canonical_json, NotCanonical};
/// assert_eq!(check_canonical_json(br#"{"a":[1e+21,0.5],"b":"\n"}"#), Ok(()));
/// assert_eq!(check_canonical_json(br#"{"b":1,"a":2}"#), Err(NotCanonical { offset: 7 }));
/// assert_eq!(check_canonical_json(b"[1.50]"), Err(NotCanonical { offset: 1 }));
/// ```
pub fn check_canonical_json(bytes: &[u8]) -> Result<(), NotCanonical> {
    check_canonical(bytes, &mut Vec::new(), &mut Vec::new()).map_err(|offset| NotCanonical { offset })
}

/// The content address of `value`: SHA-256 of its canonical bytes.
///
/// ```
/// use rmos_core::content::{hash_canonical, ContentHash};
/// let policy = rmos_core::gates::Policy::default();
/// assert_eq!(hash_canonical(&policy), ContentHash::of(&rmos_core::content::canonical_bytes(&policy)));
/// ```
pub fn hash_canonical<T: Serialize + ?Sized>(value: &T) -> ContentHash {
    ContentHash::of(&canonical_bytes(value))
}
