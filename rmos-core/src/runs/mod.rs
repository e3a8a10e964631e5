//! Run artifacts, content addresses, the `RunStore` trait and chain verification.

mod artifact;
mod hash;
mod store;

pub use artifact::{
    ArtifactKind, Attachment, AttachmentRef, RunArtifact, RunRecord, RunStatus, StoredArtifact, SCHEMA,
};
pub use hash::{BadContentHash, ContentHash};
pub use store::{RunStore, StoreError};
