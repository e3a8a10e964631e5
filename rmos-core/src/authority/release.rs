//! The release statement: what a member with the release role signs to turn an approval into a program,
//! and the signed document a toolpath artifact attaches as `release.json`.

use serde::{Deserialize, Serialize};

use crate::content::{try_canonical_bytes, ContentHash};
use crate::keys::{PublicKey, Signature};

/// Schema of a release statement.
pub const RELEASE_SCHEMA: &str = "rmos.release/1";

/// Name of the attachment that holds a signed release.
pub const RELEASE_ATTACHMENT: &str = "release.json";

/// What a releasing member signs. Fields are in canonical key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseStatement {
    /// The OK approval artifact released.
    pub approval: ContentHash,
    /// The member who approved it.
    pub approver: String,
    /// The host's timestamp.
    pub at: String,
    /// The ledger's id.
    pub ledger: String,
    /// The post (dialect) id.
    pub post: String,
    /// The ledger's head the release follows.
    pub prev: Option<ContentHash>,
    /// The member who releases.
    pub releaser: String,
    /// Content address of the approved job document.
    pub request_hash: ContentHash,
    /// Always [`RELEASE_SCHEMA`].
    pub schema: String,
}

impl ReleaseStatement {
    /// The bytes a releasing member signs: the statement's canonical JSON (RFC 8785).
    pub fn bytes(&self) -> Vec<u8> {
        try_canonical_bytes(self).unwrap_or_default()
    }
}

/// A release statement with the signer's key and signature: the `release.json` attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseDocument {
    /// The signature over [`ReleaseStatement::bytes`].
    pub signature: Signature,
    /// The key that signed.
    pub signer: PublicKey,
    /// What was signed.
    pub statement: ReleaseStatement,
}

impl ReleaseDocument {
    /// The canonical bytes, as stored.
    pub fn bytes(&self) -> Vec<u8> {
        try_canonical_bytes(self).unwrap_or_default()
    }

    /// Reads a stored document.
    ///
    /// # Errors
    /// The parse error, as text naming the field.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        super::read_document(bytes, RELEASE_ATTACHMENT)
    }
}
