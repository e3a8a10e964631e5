//! Criterion benchmarks of RMOS; see `benches/`.

use rmos_core::runs::{Attachment, RunArtifact, RunRecord, RunStore, StoreError};

/// Seals `record` at the store's head and stores it: what `RunStore::append` does, for benches that build
/// a ledger from records of their own (only RMOS's approval and release paths may call `append` itself).
pub fn seal_at_head(
    store: &mut impl RunStore,
    record: RunRecord,
    attachments: &[Attachment],
) -> Result<RunArtifact, StoreError> {
    let artifact = RunArtifact::seal(record, store.len()?, store.head()?);
    store.append_sealed(&artifact, attachments)?;
    Ok(artifact)
}
