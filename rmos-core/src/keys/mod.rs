//! Ed25519 keys: who signs what RMOS records, releases and checkpoints.
//!
//! Every signature in RMOS is Ed25519 (RFC 8032), computed by the `ed25519-dalek` crate; nothing here is
//! written by hand. The core makes no randomness: the host draws a 32-byte seed from its operating system and
//! passes it to [`SigningKey::from_seed`]. Verification is strict ([`PublicKey::verify`]): a signature that a
//! lax verifier would take, with a non-canonical scalar or a small-order key or point, is refused.
//!
//! - [`SigningKey`]: the secret half. Its `Debug` prints only the public key, and its seed is wiped from
//!   memory when it is dropped.
//! - [`PublicKey`]: the half an auditor or a machine holds; hex in text and in serde.
//! - [`Signature`]: 64 bytes, hex in text and in serde.
//! - [`pem`]: PKCS#8 and SPKI key files (the host writes and reads them).
//! - [`note`]: C2SP signed notes, the text form of a signed checkpoint.
//!
//! ```
//! use rmos_core::keys::{PublicKey, SigningKey};
//! let key = SigningKey::from_seed([7; 32]); // a host draws the seed from its OS, never a constant
//! let public = key.public_key();
//! let signature = key.sign(b"release program 42");
//! assert!(public.verify(b"release program 42", &signature).is_ok());
//! assert!(public.verify(b"release program 43", &signature).is_err());
//! assert_eq!(PublicKey::from_hex(&public.to_hex()).unwrap(), public);
//! assert!(!format!("{key:?}").contains(&hex::encode([7u8; 32])));
//! ```

pub mod note;
pub mod pem;

use std::fmt;

use ed25519_dalek::Signer;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

/// What went wrong reading a key or a signature, or checking a signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The text for `field` is not hexadecimal.
    #[error("{field}: not hexadecimal")]
    NotHex {
        /// What was being read: `public key`, `signature` or `seed`.
        field: &'static str,
    },
    /// The bytes for `field` have the wrong length.
    #[error("{field}: {found} bytes, expected {expected}")]
    WrongLength {
        /// What was being read.
        field: &'static str,
        /// The length it must have.
        expected: usize,
        /// The length it had.
        found: usize,
    },
    /// The 32 bytes are not an Ed25519 public key: not a curve point, or a weak (small-order) one.
    #[error("public key: not a valid Ed25519 point of large order")]
    InvalidPublicKey,
    /// The signature does not verify for this message under this key.
    #[error("signature: does not verify under public key {public_key}")]
    BadSignature {
        /// The key the signature was checked against, in hex.
        public_key: String,
    },
    /// A key file could not be written or read; `reason` says why (never any key material).
    #[error("{field}: {reason}")]
    KeyFile {
        /// What was being read or written: `private key PEM`, `public key PEM`.
        field: &'static str,
        /// Why it failed.
        reason: String,
    },
}

/// An Ed25519 signing key: a person's, an agent's, a service's or a ledger's secret.
///
/// Built from a 32-byte seed the host draws from its operating system. The seed is wiped when the key is
/// dropped, and `Debug` shows only the public key.
#[derive(Clone)]
pub struct SigningKey(ed25519_dalek::SigningKey);

impl SigningKey {
    /// The key whose RFC 8032 secret is `seed`.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        let seed = Zeroizing::new(seed);
        SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// The key whose seed is `bytes`, which must be 32 long.
    ///
    /// # Errors
    /// [`KeyError::WrongLength`] naming `seed`.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, KeyError> {
        let seed: [u8; 32] = bytes.try_into().map_err(|_| KeyError::WrongLength {
            field: "seed",
            expected: 32,
            found: bytes.len(),
        })?;
        Ok(SigningKey::from_seed(seed))
    }

    /// The 32-byte seed, in a buffer wiped when dropped. Give it only to the host's key file writer.
    pub fn to_seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    /// The public half.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// The RFC 8032 signature of `message` (deterministic: the same key and message give the same bytes).
    pub fn sign(&self, message: &[u8]) -> Signature {
        Signature(self.0.sign(message))
    }

    pub(crate) fn inner(&self) -> &ed25519_dalek::SigningKey {
        &self.0
    }

    pub(crate) fn from_inner(key: ed25519_dalek::SigningKey) -> Self {
        SigningKey(key)
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("public_key", &self.public_key().to_hex())
            .finish_non_exhaustive()
    }
}

/// An Ed25519 public key: what an auditor, a machine-side sender or a roster holds.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey(ed25519_dalek::VerifyingKey);

impl PublicKey {
    /// The key whose 32-byte encoding is `bytes`.
    ///
    /// # Errors
    /// [`KeyError::WrongLength`] when not 32 bytes; [`KeyError::InvalidPublicKey`] when the bytes are not a
    /// point on the curve, or are a weak (small-order) point no honest key has.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        let array: [u8; 32] = bytes.try_into().map_err(|_| KeyError::WrongLength {
            field: "public key",
            expected: 32,
            found: bytes.len(),
        })?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(&array).map_err(|_| KeyError::InvalidPublicKey)?;
        if key.is_weak() {
            return Err(KeyError::InvalidPublicKey);
        }
        Ok(PublicKey(key))
    }

    /// The key written as 64 hexadecimal digits (either case).
    ///
    /// # Errors
    /// [`KeyError::NotHex`], then as [`PublicKey::from_bytes`].
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let bytes = hex::decode(text.trim()).map_err(|_| KeyError::NotHex { field: "public key" })?;
        PublicKey::from_bytes(&bytes)
    }

    /// The 32-byte encoding.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The encoding as 64 lower-case hexadecimal digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0.as_bytes())
    }

    /// Checks `signature` over `message` with RFC 8032's strict rules (`verify_strict`).
    ///
    /// # Errors
    /// [`KeyError::BadSignature`] when it does not verify.
    pub fn verify(&self, message: &[u8], signature: &Signature) -> Result<(), KeyError> {
        self.0
            .verify_strict(message, &signature.0)
            .map_err(|_| KeyError::BadSignature {
                public_key: self.to_hex(),
            })
    }

    pub(crate) fn inner(&self) -> &ed25519_dalek::VerifyingKey {
        &self.0
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.to_hex())
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for PublicKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PublicKey::from_hex(&text).map_err(serde::de::Error::custom)
    }
}

/// An Ed25519 signature: 64 bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature(ed25519_dalek::Signature);

impl Signature {
    /// The signature whose 64 bytes are `bytes`. Any 64 bytes parse; [`PublicKey::verify`] judges them.
    ///
    /// # Errors
    /// [`KeyError::WrongLength`] naming `signature`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        let array: [u8; 64] = bytes.try_into().map_err(|_| KeyError::WrongLength {
            field: "signature",
            expected: 64,
            found: bytes.len(),
        })?;
        Ok(Signature(ed25519_dalek::Signature::from_bytes(&array)))
    }

    /// The signature written as 128 hexadecimal digits.
    ///
    /// # Errors
    /// [`KeyError::NotHex`] or [`KeyError::WrongLength`], naming `signature`.
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let bytes = hex::decode(text.trim()).map_err(|_| KeyError::NotHex { field: "signature" })?;
        Signature::from_bytes(&bytes)
    }

    /// The 64 bytes.
    pub fn to_bytes(&self) -> [u8; 64] {
        self.0.to_bytes()
    }

    /// The bytes as 128 lower-case hexadecimal digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0.to_bytes())
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({})", self.to_hex())
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for Signature {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Signature {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Signature::from_hex(&text).map_err(serde::de::Error::custom)
    }
}
