//! Content addresses: SHA-256, printed as `sha256:<hex>`.
#![allow(
    clippy::indexing_slicing,
    reason = "the hex tables have 256 entries and are indexed by a byte"
)]

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// A SHA-256 content address. Displays and serialises as `sha256:<64 lower-case hex digits>`.
///
/// ```
/// use rmos_core::content::ContentHash;
/// let h = ContentHash::of(b"abc");
/// assert_eq!(h.to_string(), "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
/// assert_eq!(h.to_string().parse::<ContentHash>().unwrap(), h);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContentHash([u8; 32]);

/// A string that is not a `sha256:<hex>` content address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a content address (want sha256:<64 hex digits>): {0:?}")]
pub struct BadContentHash(pub String);

impl ContentHash {
    /// The SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self(Sha256::digest(bytes).into())
    }

    /// Wraps a raw digest.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw digest.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The 64 hex digits without the `sha256:` prefix.
    pub fn hex(&self) -> String {
        hex::encode(self.0)
    }

    /// `sha256:<hex>` in a fixed buffer, so printing and serialising allocate nothing.
    fn text(&self) -> HashText {
        let mut buf = [0u8; TEXT_LEN];
        let (prefix, digits) = buf.split_at_mut(PREFIX.len());
        prefix.copy_from_slice(PREFIX.as_bytes());
        // 32 bytes always fill 64 digits exactly, so this cannot fail; the buffer stays ASCII either way.
        let _ = hex::encode_to_slice(self.0, digits);
        HashText(buf)
    }
}

const PREFIX: &str = "sha256:";

/// The value of each lower-case hex digit; 0xff for every other byte.
const HEX_DIGIT: [u8; 256] = {
    let mut table = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};
const TEXT_LEN: usize = PREFIX.len() + 64;

/// The text form of a content address.
struct HashText([u8; TEXT_LEN]);

impl HashText {
    fn as_str(&self) -> &str {
        // Always ASCII: the prefix and hex digits (or zero bytes, were encoding ever to fail).
        std::str::from_utf8(&self.0).unwrap_or(PREFIX)
    }
}

impl std::fmt::Display for ContentHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().as_str())
    }
}

impl std::fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl std::str::FromStr for ContentHash {
    type Err = BadContentHash;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_text(s.as_bytes()).ok_or_else(|| BadContentHash(s.chars().take(80).collect()))
    }
}

impl ContentHash {
    /// Reads `sha256:<64 lower-case hex digits>` from bytes.
    pub(crate) fn parse_text(text: &[u8]) -> Option<Self> {
        let digits = text.strip_prefix(PREFIX.as_bytes())?;
        if digits.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        // Lower-case hex only. Invalid digits map to 0xff, so one check of the high bits at the end
        // covers them all.
        let mut invalid = 0u8;
        for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
            let (hi, lo) = match pair {
                [hi, lo] => (HEX_DIGIT[usize::from(*hi)], HEX_DIGIT[usize::from(*lo)]), // u8 indexes all 256
                _ => (0xff, 0xff),
            };
            invalid |= hi | lo;
            *byte = (hi << 4) | (lo & 0x0f);
        }
        if invalid & 0xf0 != 0 {
            return None;
        }
        Some(Self(out))
    }
}

impl Serialize for ContentHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.text().as_str())
    }
}

impl<'de> Deserialize<'de> for ContentHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(HashVisitor)
    }
}

/// Reads a content address from a string without copying it.
struct HashVisitor;

impl serde::de::Visitor<'_> for HashVisitor {
    type Value = ContentHash;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a content address, sha256:<64 hex digits>")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<ContentHash, E> {
        s.parse().map_err(E::custom)
    }
}
