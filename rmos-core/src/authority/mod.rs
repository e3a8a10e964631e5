//! Signed authority: rosters, adopted policies, signed approvals and a ledger whose history a third party
//! can verify with the ledger's public key alone.
//!
//! - [`Roster`] and [`Member`]: who belongs to a ledger, with which Ed25519 key and which [`Role`]s. Only
//!   a human may lead, approve, override or release (S5), whatever a roster says.
//! - [`SignedLedger`]: any [`crate::runs::RunStore`] with a ledger key. Its genesis (seq 0) is an
//!   adoption signed by a lead, pinning the ledger id and key; every artifact is sealed with the ledger
//!   key's signature; the artifact ids form an RFC 9162 Merkle tree, whose signed head is
//!   [`SignedLedger::checkpoint`].
//! - [`ApprovalStatement`]: the canonical bytes a human member signs to approve, with a local key or on
//!   another device ([`crate::workflow::Session::approval_statement`]).
//! - [`verify_ledger`]: checks the bytes, the seals, a kept checkpoint, and the meaning of every
//!   artifact, naming the first violation by seq.
//!
//! What an unsigned ledger (a plain [`crate::runs::RunStore`]) does not guarantee: anyone who can write
//! its file can re-seal a changed history that verifies, cut its tail, replace it with another ledger, or
//! record an approval under any actor name and kind; it records what honest callers did, nothing more.

mod adoption;
mod audit;
mod coherence;
mod ledger;
mod release;
mod roster;
mod statement;

pub use adoption::{AdoptionDocument, AdoptionStatement, ADOPTION_ATTACHMENT, ADOPTION_SCHEMA};
pub use audit::{verify_ledger, LedgerAudit};
pub use coherence::{check_policy, MIN_RED_REASON_CHARS};
pub use ledger::{seal_statement, InForce, SignedLedger};
pub use release::{ReleaseDocument, ReleaseStatement, RELEASE_ATTACHMENT, RELEASE_SCHEMA};
pub use roster::{InvalidRoster, Member, Role, Roster, MAX_MEMBERS};
pub use statement::{
    ApprovalStatement, SignedStatement, APPROVAL_ATTACHMENT, APPROVAL_SCHEMA, JOB_ATTACHMENT,
};

use crate::checkpoint::CheckpointError;
use crate::gates::InvalidPolicy;
use crate::keys::KeyError;
use crate::runs::{StoreError, TamperError, VerifyError};

/// Why a signed-ledger operation was refused; each variant names the field or seq at fault.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthorityError {
    /// The roster cannot be adopted.
    #[error("roster: {0}")]
    Roster(#[from] InvalidRoster),
    /// The policy is not coherent.
    #[error("policy: {0}")]
    Policy(#[from] InvalidPolicy),
    /// The signer may not do this (`field` is `signer`).
    #[error("{field}: {reason}")]
    NotPermitted {
        /// The field at fault.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// An argument is unusable (`field` names it: `ledger_id`, `at`, `store`).
    #[error("{field}: {reason}")]
    Invalid {
        /// The field at fault.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// A key or signature is unusable.
    #[error("key: {0}")]
    Key(#[from] KeyError),
    /// The checkpoint could not be made or read.
    #[error("checkpoint: {0}")]
    Checkpoint(#[from] CheckpointError),
    /// The ledger does not verify: the first violation, by seq.
    #[error("ledger does not verify: {0}")]
    Tampered(#[from] TamperError),
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

impl From<VerifyError> for AuthorityError {
    fn from(e: VerifyError) -> Self {
        match e {
            VerifyError::Tampered(t) => Self::Tampered(t),
            VerifyError::Store(s) => Self::Store(s),
        }
    }
}

impl AuthorityError {
    /// The seq named by a failed verification.
    pub fn tampered_seq(&self) -> Option<u64> {
        match self {
            Self::Tampered(t) => Some(t.seq),
            _ => None,
        }
    }
}

/// Largest stored document read back ([`AdoptionDocument`], [`SignedStatement`], a job), bytes.
const MAX_DOCUMENT_BYTES: usize = 16 << 20;

/// Reads a stored JSON document of the authority.
fn read_document<T: serde::de::DeserializeOwned>(bytes: &[u8], name: &str) -> Result<T, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| format!("{name} is not UTF-8"))?;
    let value = crate::content::parse_document(text, MAX_DOCUMENT_BYTES)
        .map_err(|e| format!("{name}: {}: {}", e.path, e.reason))?;
    crate::content::from_value(value).map_err(|e| format!("{name}: {}: {}", e.path, e.reason))
}
