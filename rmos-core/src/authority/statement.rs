//! The canonical approval statement: what a human member signs to approve a job, and the signed document
//! an approval artifact attaches as `approval.json`.
//!
//! The statement names the ledger, the head it follows, the job, the report, the policy, the bucket, the
//! override and the time: a signature over it approves exactly that job once, in exactly that ledger, after
//! exactly that head. Bytes handed out for a detached signer and bytes signed locally are the same.

use serde::{Deserialize, Serialize};

use crate::content::{try_canonical_bytes, ContentHash};
use crate::feasibility::Bucket;
use crate::keys::{PublicKey, Signature};

/// Schema of an approval statement.
pub const APPROVAL_SCHEMA: &str = "rmos.approval/1";

/// Name of the attachment that holds a signed approval.
pub const APPROVAL_ATTACHMENT: &str = "approval.json";

/// Name of the attachment that holds the approved job document.
pub const JOB_ATTACHMENT: &str = "job.json";

/// What a human member signs to approve a job. Fields are in canonical key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalStatement {
    /// The human acknowledges the risk (a RED override).
    pub acknowledge_risk: bool,
    /// The host's timestamp.
    pub at: String,
    /// The report's bucket.
    pub bucket: Bucket,
    /// The ledger's id.
    pub ledger: String,
    /// The written override reason, if any.
    pub override_reason: Option<String>,
    /// Content address of the policy in force.
    pub policy_hash: ContentHash,
    /// The ledger's head the approval follows.
    pub prev: Option<ContentHash>,
    /// Content address of the canonical report.
    pub report_hash: ContentHash,
    /// Content address of the canonical job document.
    pub request_hash: ContentHash,
    /// Always [`APPROVAL_SCHEMA`].
    pub schema: String,
}

impl ApprovalStatement {
    /// The bytes a member signs: the statement's canonical JSON (RFC 8785).
    pub fn bytes(&self) -> Vec<u8> {
        try_canonical_bytes(self).unwrap_or_default()
    }
}

/// A statement with the signer's key and signature: the `approval.json` attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedStatement {
    /// The signature over [`ApprovalStatement::bytes`].
    pub signature: Signature,
    /// The key that signed.
    pub signer: PublicKey,
    /// What was signed.
    pub statement: ApprovalStatement,
}

impl SignedStatement {
    /// The canonical bytes, as stored.
    pub fn bytes(&self) -> Vec<u8> {
        try_canonical_bytes(self).unwrap_or_default()
    }

    /// Reads a stored document.
    ///
    /// # Errors
    /// The parse error, as text naming the field.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        super::read_document(bytes, "approval.json")
    }
}
