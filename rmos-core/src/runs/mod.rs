//! Run artifacts, content addresses, the `RunStore` trait and chain verification.
//!
//! Every approval attempt and toolpath leaves a [`RunArtifact`] (schema `rmos.run/1`). Its canonical
//! bytes ([`crate::content::canonical_bytes`], RFC 8785) are content-addressed by SHA-256
//! ([`crate::content::ContentHash`]); each artifact
//! carries the previous one's id, so [`verify`] can walk the chain and name the first artifact that was
//! edited, deleted, reordered or inserted, or whose attachment changed (invariants S6, S8).

mod artifact;
mod chain;
mod encoding;
mod links;
mod memory;
mod store;
mod verify;

pub use artifact::{
    ArtifactKind, Attachment, AttachmentRef, RunArtifact, RunRecord, RunStatus, StoredArtifact, SCHEMA,
};
pub use chain::{admit, Admitted};
pub use encoding::DecodeError;
pub use memory::MemoryStore;
pub use store::{AppendRight, RunStore, StoreError};
pub use verify::{
    verify, verify_strict, verify_with_attachments, AttachmentDigest, TamperError, VerifyError, VerifyReport,
};
