//! Signed tree heads in the C2SP tlog-checkpoint form (<https://c2sp.org/tlog-checkpoint>).
//!
//! A checkpoint is a signed note whose text is three lines: the origin (the ledger id), the tree size in
//! decimal, and the RFC 9162 root hash in standard base64. The ledger key signs it under the origin as key
//! name. An auditor keeps a checkpoint elsewhere; later, a consistency proof from that checkpoint to the
//! ledger's current tree shows the ledger only grew: no artifact was cut from its tail, replaced, or
//! re-sealed into another history.
//!
//! ```
//! use rmos_core::checkpoint::Checkpoint;
//! use rmos_core::content::merkle::{self, Frontier};
//! use rmos_core::keys::SigningKey;
//! let ledger_key = SigningKey::from_seed([5; 32]);
//! let leaves: Vec<_> = (0u8..7).map(|i| merkle::leaf_hash(&[i])).collect();
//! let mut frontier = Frontier::new();
//! for leaf in &leaves[..4] {
//!     frontier.push(*leaf);
//! }
//! let old = Checkpoint::issue("rmos.example/ledger/shop-1", 4, frontier.root(), &ledger_key).unwrap();
//! let kept = old.text(); // the auditor stores this text
//! let old = Checkpoint::from_text(&kept).unwrap();
//! old.verify(&ledger_key.public_key()).unwrap();
//! let new_root = merkle::root(&leaves);
//! let proof = merkle::consistency_proof(&leaves, 4).unwrap();
//! assert!(old.is_extended_by(7, &new_root, &proof).is_ok());
//! assert!(old.is_extended_by(7, &merkle::root(&leaves[1..]), &proof).is_err());
//! ```

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

use crate::content::merkle::{self, MerkleError, TreeHash};
use crate::keys::note::{Note, NoteError, NoteKey};
use crate::keys::{PublicKey, SigningKey};

/// Why a checkpoint is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// The origin is empty, holds whitespace or a `+` (it is also the signing key's name).
    #[error("origin {origin:?}: must be non-empty, without whitespace or '+'")]
    InvalidOrigin {
        /// The origin refused.
        origin: String,
    },
    /// The checkpoint's text does not have the three-line shape; `reason` says which line breaks.
    #[error("checkpoint body: {reason}")]
    Malformed {
        /// What is wrong, naming the line.
        reason: &'static str,
    },
    /// The signed note around the checkpoint is malformed, or its signature is missing or bad.
    #[error("checkpoint signature: {0}")]
    Note(#[from] NoteError),
    /// The newer tree does not extend this checkpoint's tree.
    #[error("checkpoint of {origin} at size {size}: {source}")]
    NotExtended {
        /// The checkpoint's origin.
        origin: String,
        /// The checkpoint's size.
        size: u64,
        /// The failed consistency check.
        source: MerkleError,
    },
}

/// A signed tree head of one ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    origin: String,
    size: u64,
    root: TreeHash,
    note: Note,
}

fn body(origin: &str, size: u64, root: &TreeHash) -> String {
    format!("{origin}\n{size}\n{}\n", BASE64.encode(root))
}

fn check_origin(origin: &str) -> Result<(), CheckpointError> {
    if crate::keys::note::is_valid_key_name(origin) {
        Ok(())
    } else {
        Err(CheckpointError::InvalidOrigin {
            origin: origin.to_owned(),
        })
    }
}

impl Checkpoint {
    /// The checkpoint of the tree of `size` leaves with root `root`, of the ledger `origin`, signed by the
    /// ledger key under the origin as key name.
    ///
    /// # Errors
    /// [`CheckpointError::InvalidOrigin`].
    pub fn issue(
        origin: &str,
        size: u64,
        root: TreeHash,
        ledger_key: &SigningKey,
    ) -> Result<Checkpoint, CheckpointError> {
        check_origin(origin)?;
        let note = Note::sign(&body(origin, size, &root), origin, ledger_key)?;
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            note,
        })
    }

    /// Reads a checkpoint's text (as [`Checkpoint::text`] wrote it), checking its shape but not its
    /// signature: call [`Checkpoint::verify`] before trusting it.
    ///
    /// # Errors
    /// [`CheckpointError::Note`] for a malformed note; [`CheckpointError::Malformed`] for a body that is not
    /// origin, size (decimal, no leading zero) and base64 root of 32 bytes, or that has extension lines
    /// (RMOS issues none); [`CheckpointError::InvalidOrigin`].
    pub fn from_text(text: &str) -> Result<Checkpoint, CheckpointError> {
        let note = Note::parse(text)?;
        let malformed = |reason| CheckpointError::Malformed { reason };
        let mut lines = note.text().split_terminator('\n');
        let origin = lines.next().ok_or(malformed("no origin line"))?;
        check_origin(origin)?;
        let size = lines.next().ok_or(malformed("no tree size line"))?;
        let canonical = size == "0" || (!size.starts_with('0') && !size.is_empty());
        if !canonical || !size.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed(
                "tree size must be a decimal number without leading zeros",
            ));
        }
        let size: u64 = size
            .parse()
            .map_err(|_| malformed("tree size does not fit in 64 bits"))?;
        let encoded = lines.next().ok_or(malformed("no root hash line"))?;
        let root: TreeHash = BASE64
            .decode(encoded)
            .ok()
            .and_then(|raw| raw.try_into().ok())
            .ok_or(malformed("root hash must be the base64 of 32 bytes"))?;
        if lines.next().is_some() {
            return Err(malformed("extension lines are not issued by RMOS"));
        }
        if note.text() != body(origin, size, &root) {
            return Err(malformed("root hash is not in canonical base64"));
        }
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            note,
        })
    }

    /// Checks that the ledger key `public` signed this checkpoint under its origin.
    ///
    /// # Errors
    /// [`CheckpointError::Note`] with [`NoteError::NotSignedByKey`] or [`NoteError::BadSignature`].
    pub fn verify(&self, public: &PublicKey) -> Result<(), CheckpointError> {
        let key = NoteKey::new(&self.origin, *public)?;
        self.note.verify(&key)?;
        Ok(())
    }

    /// Checks that the tree of `new_size` leaves with root `new_root` extends this checkpoint's tree, by
    /// the RFC 9162 consistency `proof` from this size to `new_size`. Verify the checkpoint's signature
    /// first; this check trusts its size and root.
    ///
    /// # Errors
    /// [`CheckpointError::NotExtended`] naming the failed check (a smaller tree, or a proof that does not
    /// lead from this root to `new_root`).
    pub fn is_extended_by(
        &self,
        new_size: u64,
        new_root: &TreeHash,
        proof: &[TreeHash],
    ) -> Result<(), CheckpointError> {
        merkle::verify_consistency(self.size, new_size, &self.root, new_root, proof).map_err(|source| {
            CheckpointError::NotExtended {
                origin: self.origin.clone(),
                size: self.size,
                source,
            }
        })
    }

    /// The ledger id this checkpoint names.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The tree size: how many artifacts the ledger held.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The RFC 9162 root hash.
    pub fn root(&self) -> &TreeHash {
        &self.root
    }

    /// The signed note, for its signatures.
    pub fn note(&self) -> &Note {
        &self.note
    }

    /// The checkpoint as text: the three body lines, a blank line, the signature lines.
    pub fn text(&self) -> String {
        self.note.render()
    }
}

impl std::fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}
