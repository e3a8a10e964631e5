//! Key files: PKCS#8 PEM for signing keys, SPKI PEM (or hex) for public keys.
//!
//! The encodings are those of RFC 5958 and RFC 8410, produced and read by the `pkcs8` support of
//! `ed25519-dalek`. The core writes no file: the host does. A host must create a private key file with mode
//! 0600 (owner read and write only), must never print or log its contents, and should hand the text back to
//! [`signing_key_from_pem`] straight from the file.
//!
//! - [`signing_key_to_pem`] writes PKCS#8 v2 (`OneAsymmetricKey`, RFC 5958), which carries the public key
//!   beside the seed, so a reader can check the two agree.
//! - [`signing_key_from_pem`] reads v1 (seed only) and v2; a v2 file whose public key does not belong to
//!   its seed is refused.
//! - [`public_key_to_pem`] / [`public_key_from_pem`]: SPKI; [`public_key_from_text`] takes SPKI PEM or hex.
//!
//! ```
//! use rmos_core::keys::{pem, SigningKey};
//! let key = SigningKey::from_seed([9; 32]);
//! let text = pem::signing_key_to_pem(&key).unwrap(); // the host writes this with mode 0600
//! assert!(text.starts_with("-----BEGIN PRIVATE KEY-----\n"));
//! let again = pem::signing_key_from_pem(&text).unwrap();
//! assert_eq!(again.public_key(), key.public_key());
//! let public = pem::public_key_to_pem(&key.public_key()).unwrap();
//! assert_eq!(pem::public_key_from_text(&public).unwrap(), key.public_key());
//! assert_eq!(pem::public_key_from_text(&key.public_key().to_hex()).unwrap(), key.public_key());
//! ```

use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use zeroize::Zeroizing;

use super::{KeyError, PublicKey, SigningKey};

const PRIVATE: &str = "private key PEM";
const PUBLIC: &str = "public key PEM";

/// The key as a PKCS#8 v2 PEM document (`-----BEGIN PRIVATE KEY-----`, LF line endings), in a buffer
/// wiped when dropped.
///
/// # Errors
/// [`KeyError::KeyFile`] if the encoder fails (it does not for a valid key; the error is kept typed).
pub fn signing_key_to_pem(key: &SigningKey) -> Result<Zeroizing<String>, KeyError> {
    key.inner()
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| KeyError::KeyFile {
            field: PRIVATE,
            reason: e.to_string(),
        })
}

/// The signing key in a PKCS#8 v1 or v2 PEM document.
///
/// # Errors
/// [`KeyError::KeyFile`] naming `private key PEM` when the text is not PEM, not PKCS#8, not Ed25519, or
/// (v2) carries a public key that is not its seed's.
pub fn signing_key_from_pem(text: &str) -> Result<SigningKey, KeyError> {
    ed25519_dalek::SigningKey::from_pkcs8_pem(text.trim())
        .map(SigningKey::from_inner)
        .map_err(|e| KeyError::KeyFile {
            field: PRIVATE,
            reason: e.to_string(),
        })
}

/// The public key as an SPKI PEM document (`-----BEGIN PUBLIC KEY-----`, LF line endings).
///
/// # Errors
/// [`KeyError::KeyFile`] if the encoder fails (it does not for a valid key).
pub fn public_key_to_pem(key: &PublicKey) -> Result<String, KeyError> {
    key.inner()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| KeyError::KeyFile {
            field: PUBLIC,
            reason: e.to_string(),
        })
}

/// The public key in an SPKI PEM document.
///
/// # Errors
/// [`KeyError::KeyFile`] naming `public key PEM` when the text is not an Ed25519 SPKI document;
/// [`KeyError::InvalidPublicKey`] for a weak key.
pub fn public_key_from_pem(text: &str) -> Result<PublicKey, KeyError> {
    let key =
        ed25519_dalek::VerifyingKey::from_public_key_pem(text.trim()).map_err(|e| KeyError::KeyFile {
            field: PUBLIC,
            reason: e.to_string(),
        })?;
    PublicKey::from_bytes(key.as_bytes())
}

/// The public key in `text`: SPKI PEM when it begins with `-----BEGIN`, 64 hexadecimal digits otherwise.
///
/// # Errors
/// As [`public_key_from_pem`] or [`PublicKey::from_hex`].
pub fn public_key_from_text(text: &str) -> Result<PublicKey, KeyError> {
    let text = text.trim();
    if text.starts_with("-----BEGIN") {
        public_key_from_pem(text)
    } else {
        PublicKey::from_hex(text)
    }
}
