//! C2SP signed notes (<https://c2sp.org/signed-note>): a text signed by one or more named Ed25519 keys.
//!
//! A note is its text (non-empty, ending in a newline), a blank line, then one line per signature:
//! `— <key name> <base64(key id || signature)>`. The key id is the first four bytes, big-endian, of
//! SHA-256(key name || 0x0A || 0x01 || public key), where 0x01 names the Ed25519 algorithm. The signature is
//! over the text, newline included. This is the format of Go's `golang.org/x/mod/sumdb/note`, and the text
//! form of a signed tree head ([`crate::checkpoint`] sits above this floor and uses it).
//!
//! ```
//! use rmos_core::keys::{note::{Note, NoteKey}, SigningKey};
//! let key = SigningKey::from_seed([3; 32]);
//! let note = Note::sign("ledger example\n", "example.org/ledger", &key).unwrap();
//! let text = note.render();
//! let verifier = NoteKey::new("example.org/ledger", key.public_key()).unwrap();
//! let opened = Note::open(&text, &verifier).unwrap();
//! assert_eq!(opened.text(), "ledger example\n");
//! assert!(Note::open(&text.replace("example\n", "exampIe\n"), &verifier).is_err());
//! ```

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::{PublicKey, SigningKey};

/// The algorithm byte of an Ed25519 key in a note key id and in a verifier key string.
const ALG_ED25519: u8 = 0x01;
/// The prefix of each signature line: an em dash and a space.
const SIG_PREFIX: &str = "\u{2014} ";
/// Notes with more signature lines than this are refused before any is checked.
pub const MAX_SIGNATURES: usize = 100;

/// Why a note, a key name or a verifier key string is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// The note does not have the signed-note shape; `reason` says where it breaks.
    #[error("malformed note: {reason}")]
    Malformed {
        /// What is wrong, such as `text must end with a newline`.
        reason: &'static str,
    },
    /// A key name is empty, holds whitespace or a `+`.
    #[error("key name {name:?}: must be non-empty, without whitespace or '+'")]
    InvalidKeyName {
        /// The name refused.
        name: String,
    },
    /// More than [`MAX_SIGNATURES`] signature lines.
    #[error("malformed note: more than {MAX_SIGNATURES} signatures")]
    TooManySignatures,
    /// No signature line names this key (by name and key id).
    #[error("no signature by key {name}+{key_id:08x}")]
    NotSignedByKey {
        /// The key's name.
        name: String,
        /// The key's id.
        key_id: u32,
    },
    /// A signature line names this key, but its signature does not verify over the text.
    #[error("signature by key {name}+{key_id:08x} does not verify")]
    BadSignature {
        /// The key's name.
        name: String,
        /// The key's id.
        key_id: u32,
    },
    /// A verifier key string (`name+hash+base64`) is refused; `reason` says why.
    #[error("verifier key: {reason}")]
    BadVerifierKey {
        /// What is wrong.
        reason: &'static str,
    },
}

/// Whether `name` may name a key: non-empty, no Unicode whitespace, no `+`.
pub fn is_valid_key_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == '+')
}

/// The key id of an Ed25519 `public` key named `name`: SHA-256(name || 0x0A || 0x01 || key), first 4 bytes.
pub fn key_id(name: &str, public: &PublicKey) -> u32 {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    hasher.update([b'\n', ALG_ED25519]);
    hasher.update(public.to_bytes());
    let digest = hasher.finalize();
    let mut id = [0u8; 4];
    id.copy_from_slice(digest.get(..4).unwrap_or(&[0; 4]));
    u32::from_be_bytes(id)
}

/// A named public key that notes are verified against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteKey {
    name: String,
    public: PublicKey,
    id: u32,
}

impl NoteKey {
    /// The key `public` under `name`.
    ///
    /// # Errors
    /// [`NoteError::InvalidKeyName`].
    pub fn new(name: &str, public: PublicKey) -> Result<Self, NoteError> {
        if !is_valid_key_name(name) {
            return Err(NoteError::InvalidKeyName {
                name: name.to_owned(),
            });
        }
        Ok(NoteKey {
            name: name.to_owned(),
            id: key_id(name, &public),
            public,
        })
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The key id.
    pub fn key_id(&self) -> u32 {
        self.id
    }

    /// The verifier key string `name+<key id, 8 hex>+<base64(0x01 || key)>`, as Go's `note` package reads it.
    pub fn to_verifier_string(&self) -> String {
        let mut bytes = Vec::with_capacity(33);
        bytes.push(ALG_ED25519);
        bytes.extend_from_slice(&self.public.to_bytes());
        format!("{}+{:08x}+{}", self.name, self.id, BASE64.encode(bytes))
    }

    /// Reads a verifier key string written by [`NoteKey::to_verifier_string`] or Go's `note` package.
    ///
    /// # Errors
    /// [`NoteError::BadVerifierKey`] for a wrong shape, algorithm, length or key id;
    /// [`NoteError::InvalidKeyName`] for a bad name.
    pub fn from_verifier_string(text: &str) -> Result<Self, NoteError> {
        let bad = |reason| NoteError::BadVerifierKey { reason };
        // The base64 key may itself hold '+': only the first two split.
        let mut parts = text.splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad("expected name+hash+key"));
        };
        if id.len() != 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad("key id must be 8 hexadecimal digits"));
        }
        let id = u32::from_str_radix(id, 16).map_err(|_| bad("key id must be 8 hexadecimal digits"))?;
        let raw = BASE64.decode(key).map_err(|_| bad("key is not base64"))?;
        let Some((&ALG_ED25519, public)) = raw.split_first() else {
            return Err(bad("key algorithm is not Ed25519"));
        };
        let public = PublicKey::from_bytes(public).map_err(|_| bad("not an Ed25519 public key"))?;
        let verifier = NoteKey::new(name, public)?;
        if verifier.id != id {
            return Err(bad("key id does not match the name and key"));
        }
        Ok(verifier)
    }
}

/// One signature line of a note, not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    /// The signing key's name.
    pub name: String,
    /// The signing key's id.
    pub key_id: u32,
    /// The signature bytes after the key id (64 for Ed25519).
    pub signature: Vec<u8>,
}

impl NoteSignature {
    fn line(&self) -> String {
        let mut bytes = Vec::with_capacity(4 + self.signature.len());
        bytes.extend_from_slice(&self.key_id.to_be_bytes());
        bytes.extend_from_slice(&self.signature);
        format!("{SIG_PREFIX}{} {}\n", self.name, BASE64.encode(bytes))
    }
}

/// A signed note: its text and signature lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    text: String,
    signatures: Vec<NoteSignature>,
}

fn check_text(text: &str) -> Result<(), NoteError> {
    let malformed = |reason| Err(NoteError::Malformed { reason });
    if text.is_empty() {
        return malformed("text is empty");
    }
    if !text.ends_with('\n') {
        return malformed("text must end with a newline");
    }
    if text.chars().any(|c| c < ' ' && c != '\n') {
        return malformed("control character other than newline");
    }
    Ok(())
}

impl Note {
    /// Signs `text` (non-empty, ending in a newline, no control character but newline) with `key`
    /// under `name`.
    ///
    /// # Errors
    /// [`NoteError::Malformed`] for a bad text; [`NoteError::InvalidKeyName`] for a bad name.
    pub fn sign(text: &str, name: &str, key: &SigningKey) -> Result<Note, NoteError> {
        check_text(text)?;
        let mut note = Note {
            text: text.to_owned(),
            signatures: Vec::new(),
        };
        note.add_signature(name, key)?;
        Ok(note)
    }

    /// Adds a signature by `key` under `name` (a cosignature), replacing one by the same name and key id.
    ///
    /// # Errors
    /// [`NoteError::InvalidKeyName`]; [`NoteError::TooManySignatures`].
    pub fn add_signature(&mut self, name: &str, key: &SigningKey) -> Result<(), NoteError> {
        let verifier = NoteKey::new(name, key.public_key())?;
        self.signatures
            .retain(|s| !(s.name == verifier.name && s.key_id == verifier.id));
        if self.signatures.len() >= MAX_SIGNATURES {
            return Err(NoteError::TooManySignatures);
        }
        self.signatures.push(NoteSignature {
            name: verifier.name,
            key_id: verifier.id,
            signature: key.sign(self.text.as_bytes()).to_bytes().to_vec(),
        });
        Ok(())
    }

    /// The signed text, final newline included.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The signature lines, in order.
    pub fn signatures(&self) -> &[NoteSignature] {
        &self.signatures
    }

    /// The note as text: the text, a blank line, one line per signature.
    pub fn render(&self) -> String {
        let mut out = self.text.clone();
        out.push('\n');
        for signature in &self.signatures {
            out.push_str(&signature.line());
        }
        out
    }

    /// Reads a note's shape without checking any signature.
    ///
    /// # Errors
    /// [`NoteError::Malformed`] for a note without a blank line before its signatures, a control
    /// character, a signature line without the `— ` prefix, bad base64 or a signature shorter than 5
    /// bytes; [`NoteError::InvalidKeyName`]; [`NoteError::TooManySignatures`].
    pub fn parse(message: &str) -> Result<Note, NoteError> {
        let malformed = |reason| NoteError::Malformed { reason };
        if message.chars().any(|c| c < ' ' && c != '\n') {
            return Err(malformed("control character other than newline"));
        }
        let split = message
            .rfind("\n\n")
            .ok_or(malformed("no blank line before the signatures"))?;
        let (text, lines) = (&message[..=split], &message[split + 2..]);
        if lines.is_empty() || !lines.ends_with('\n') {
            return Err(malformed("signatures must end with a newline"));
        }
        let mut signatures = Vec::new();
        for line in lines[..lines.len() - 1].split('\n') {
            if signatures.len() == MAX_SIGNATURES {
                return Err(NoteError::TooManySignatures);
            }
            let line = line
                .strip_prefix(SIG_PREFIX)
                .ok_or(malformed("signature line must start with an em dash and a space"))?;
            let (name, encoded) = line
                .split_once(' ')
                .ok_or(malformed("signature line must hold a key name and a signature"))?;
            if !is_valid_key_name(name) {
                return Err(NoteError::InvalidKeyName {
                    name: name.to_owned(),
                });
            }
            let raw = BASE64
                .decode(encoded)
                .map_err(|_| malformed("signature is not base64"))?;
            if raw.len() < 5 {
                return Err(malformed("signature shorter than a key id and one byte"));
            }
            let (id, signature) = raw.split_at(4);
            signatures.push(NoteSignature {
                name: name.to_owned(),
                key_id: u32::from_be_bytes(id.try_into().unwrap_or([0; 4])),
                signature: signature.to_vec(),
            });
        }
        Ok(Note {
            text: text.to_owned(),
            signatures,
        })
    }

    /// Checks that `key` signed this note: some line names it (name and key id), and every line that names
    /// it carries a valid strict Ed25519 signature over the text. Lines by other keys are left unchecked.
    ///
    /// # Errors
    /// [`NoteError::NotSignedByKey`]; [`NoteError::BadSignature`].
    pub fn verify(&self, key: &NoteKey) -> Result<(), NoteError> {
        let mut found = false;
        for line in self
            .signatures
            .iter()
            .filter(|s| s.name == key.name && s.key_id == key.id)
        {
            found = true;
            let good = super::Signature::from_bytes(&line.signature)
                .and_then(|sig| key.public.verify(self.text.as_bytes(), &sig));
            if good.is_err() {
                return Err(NoteError::BadSignature {
                    name: key.name.clone(),
                    key_id: key.id,
                });
            }
        }
        if found {
            Ok(())
        } else {
            Err(NoteError::NotSignedByKey {
                name: key.name.clone(),
                key_id: key.id,
            })
        }
    }

    /// [`Note::parse`] then [`Note::verify`]: the note, only if `key` signed it.
    ///
    /// # Errors
    /// As those two.
    pub fn open(message: &str, key: &NoteKey) -> Result<Note, NoteError> {
        let note = Note::parse(message)?;
        note.verify(key)?;
        Ok(note)
    }
}
