//! Run artifacts (schema `rmos.run/1`): the immutable record of every approval attempt and toolpath.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::content::ContentHash;
use crate::engines::EngineStamps;
use crate::feasibility::FeasibilityReport;
use crate::identity::Actor;

/// Schema name every artifact carries.
pub const SCHEMA: &str = "rmos.run/1";

/// What an artifact records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArtifactKind {
    /// An approval attempt.
    Approval,
    /// A toolpath and G-code generation.
    Toolpath,
    /// A lead's adoption of a roster and a policy on a signed ledger ([`crate::authority`]).
    Adoption,
}

/// How the attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RunStatus {
    /// Approved, or a program released.
    Ok,
    /// Refused by a gate.
    Blocked,
    /// Evaluation, planning, read-back or the store failed.
    Error,
}

impl RunStatus {
    /// The status word artifacts and documents carry: `OK`, `BLOCKED` or `ERROR`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "OK",
            Self::Blocked => "BLOCKED",
            Self::Error => "ERROR",
        }
    }
}

/// A reference from an artifact to an attachment stored by content address (invariant S8).
///
/// Fields are declared in canonical key order, so encoding one moves nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRef {
    /// Size in bytes.
    pub bytes: u64,
    /// File-like name (`program.nc`).
    pub name: String,
    /// SHA-256 of the attachment's bytes.
    pub sha256: ContentHash,
}

/// An attachment's bytes with its name, as handed to [`crate::runs::RunStore::append`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File-like name (`program.nc`).
    pub name: String,
    /// The bytes.
    pub data: Vec<u8>,
}

impl Attachment {
    /// Names `data`.
    pub fn new(name: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Self {
            name: name.into(),
            data: data.into(),
        }
    }

    /// The reference an artifact carries for this attachment.
    pub fn reference(&self) -> AttachmentRef {
        AttachmentRef {
            name: self.name.clone(),
            sha256: ContentHash::of(&self.data),
            bytes: self.data.len() as u64,
        }
    }
}

/// Everything an artifact says, before it takes its place in the chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// Approval or toolpath.
    pub kind: ArtifactKind,
    /// OK, BLOCKED or ERROR.
    pub status: RunStatus,
    /// The host's timestamp (RFC 3339 UTC); the core never reads a clock.
    pub at: String,
    /// Who asked.
    pub actor: Actor,
    /// Content address of the canonical job document.
    pub request_hash: ContentHash,
    /// Content address of the canonical report, when there is one.
    pub report_hash: Option<ContentHash>,
    /// The report RMOS computed (never one a caller supplied), shared with the session it was computed for.
    pub report: Option<Arc<FeasibilityReport>>,
    /// Content address of the canonical policy.
    pub policy_hash: ContentHash,
    /// Versions of every engine that took part (invariant S7).
    pub engines: EngineStamps,
    /// Why it was blocked, overridden or failed; empty for a plain OK.
    pub reasons: Vec<String>,
    /// Post (dialect) id, for toolpaths.
    pub post: Option<String>,
    /// Content address of the emitted G-code, for toolpaths.
    pub output_hash: Option<ContentHash>,
    /// Attachments by content address.
    pub attachments: Vec<AttachmentRef>,
}

/// A sealed artifact: a record with its place in the chain and its content address.
///
/// `id` is the SHA-256 of the canonical bytes (RFC 8785) of every other field. In JSON the record's fields
/// sit beside `schema`, `id`, `seq` and `prev` in one flat object; see [`RunArtifact::seal`] and
/// [`RunArtifact::canonical_bytes`].
#[derive(Debug, Clone, PartialEq)]
pub struct RunArtifact {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Content address of everything else.
    pub id: ContentHash,
    /// Position in the chain, from 0, dense.
    pub seq: u64,
    /// The previous artifact's id; `None` for seq 0.
    pub prev: Option<ContentHash>,
    /// What the artifact says.
    pub record: RunRecord,
}

/// An artifact as a store holds it: the recorded id and the exact canonical bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArtifact {
    /// Position in the chain.
    pub seq: u64,
    /// The id the store recorded beside the bytes.
    pub id: ContentHash,
    /// The canonical bytes of the whole artifact (id included).
    pub bytes: Vec<u8>,
}
