//! Adoption: a lead's signed statement that a roster and a policy are in force on a ledger.
//!
//! The adoption document is stored whole, as the attachment `adoption.json` of an `adoption` artifact, so
//! the ledger shows every rule it was held to, not only a hash. The first adoption is the ledger's genesis
//! (seq 0): it pins the ledger's id and its public key, and is signed by a lead of the roster it adopts.
//! Every later one is signed by a lead of the roster in force before it.

use serde::{Deserialize, Serialize};

use crate::content::{try_canonical_bytes, ContentHash};
use crate::gates::Policy;
use crate::keys::{PublicKey, Signature};

use super::roster::Roster;

/// Schema of an adoption statement.
pub const ADOPTION_SCHEMA: &str = "rmos.adoption/1";

/// Name of the attachment that holds an adoption document.
pub const ADOPTION_ATTACHMENT: &str = "adoption.json";

/// What a lead signs to adopt a roster and a policy. Fields are in canonical key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdoptionStatement {
    /// The host's timestamp.
    pub at: String,
    /// The ledger's id (its checkpoints' origin).
    pub ledger: String,
    /// The ledger's public key, which signs every artifact and checkpoint.
    pub ledger_key: PublicKey,
    /// The whole policy document adopted.
    pub policy: Policy,
    /// The ledger's head when the statement was made (`None` for the genesis).
    pub prev: Option<ContentHash>,
    /// The whole roster adopted.
    pub roster: Roster,
    /// Always [`ADOPTION_SCHEMA`].
    pub schema: String,
}

impl AdoptionStatement {
    /// The bytes a lead signs: the statement's canonical JSON (RFC 8785).
    pub fn bytes(&self) -> Vec<u8> {
        try_canonical_bytes(self).unwrap_or_default()
    }
}

/// An adoption statement with the lead's signature: the `adoption.json` attachment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdoptionDocument {
    /// The signature over [`AdoptionStatement::bytes`].
    pub signature: Signature,
    /// The signing lead's public key.
    pub signer: PublicKey,
    /// What was adopted.
    pub statement: AdoptionStatement,
}

impl AdoptionDocument {
    /// The document's canonical bytes, as stored.
    pub fn bytes(&self) -> Vec<u8> {
        try_canonical_bytes(self).unwrap_or_default()
    }

    /// Reads a stored document.
    ///
    /// # Errors
    /// The parse error, as text naming the field.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        super::read_document(bytes, "adoption.json")
    }
}
