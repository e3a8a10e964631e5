//! The `RunStore` trait: where artifacts and attachments live.

use crate::content::ContentHash;
use crate::runs::chain::{admit, admit_sealed, IdCheck};
use crate::runs::{Admitted, Attachment, RunArtifact, RunRecord, StoredArtifact, VerifyError, VerifyReport};

/// Why a store could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The backend failed (disk full, read-only file, locked database, ...).
    #[error("store backend failed: {0}")]
    Backend(String),
    /// A different artifact already holds this seq.
    #[error("seq {seq} is taken by a different artifact")]
    SeqTaken {
        /// The contested seq.
        seq: u64,
    },
    /// The artifact does not follow the chain's head.
    #[error("artifact seq {got} does not follow the chain (next seq is {expected})")]
    OutOfOrder {
        /// The next free seq.
        expected: u64,
        /// The seq offered.
        got: u64,
    },
    /// The artifact's `prev`, id or attachments do not match what it claims.
    #[error("artifact seq {seq} is inconsistent: {reason}")]
    Inconsistent {
        /// The artifact's seq.
        seq: u64,
        /// What does not match.
        reason: String,
    },
    /// Stored bytes do not match their content address on read (invariant S8).
    #[error("stored data at {what} does not match its content address")]
    Corrupt {
        /// What was read.
        what: String,
    },
}

/// The right to seal a new artifact into a ledger, handed to [`RunStore::append`] by RMOS's approval and
/// release paths and by nothing else.
///
/// Only `rmos-core` can make one, and one lives no longer than the call it is handed to. So no code outside
/// the core (an advisor, a host, a binding) can call `append` and have a record of its own making sealed as
/// if RMOS had decided it (S3, S4); `tests/ui/` in `rmos-advisory` proves it. A store implementation has
/// nothing to do with the right but receive it.
///
/// What it does not stop: [`RunStore::append_sealed`] (an import) stores any artifact that chains, and
/// whoever can write a ledger's file can write anything. The chain makes such edits evident; it does not
/// make them impossible.
#[derive(Debug)]
pub struct AppendRight<'call>(std::marker::PhantomData<&'call mut ()>);

impl AppendRight<'_> {
    /// A right for one append. Crate-private: only the approval and release paths make one.
    pub(crate) fn new() -> Self {
        Self(std::marker::PhantomData)
    }

    /// Seals `record` as the artifact after `head` at `next_seq` (the store's length and last id, read
    /// inside the store's write transaction) and admits it with `attachments` as [`crate::runs::admit`]
    /// would, encoding it once. What a [`RunStore::append`] implementation calls, then keeps what it is
    /// given, all or nothing.
    pub fn seal<'a>(
        self,
        record: RunRecord,
        next_seq: u64,
        head: Option<ContentHash>,
        attachments: &'a [Attachment],
    ) -> Result<(RunArtifact, Admitted<'a>), StoreError> {
        let (artifact, encoded) = RunArtifact::seal_encoded(record, next_seq, head);
        let admitted = match encoded {
            Some((bytes, links)) => admit_sealed(
                &artifact,
                bytes,
                &links,
                head.as_ref(),
                attachments,
                IdCheck::JustSealed,
            )?,
            None => admit(&artifact, next_seq, head.as_ref(), attachments)?,
        };
        Ok((artifact, admitted))
    }
}

/// Where run artifacts and their attachments are kept.
///
/// Implementations: [`crate::runs::MemoryStore`] here, the SQLite ledger in `rmos-store`.
/// A store never changes or removes what it holds.
pub trait RunStore {
    /// Seals `record` as the next artifact (seq = current length, prev = the head's id) and stores it with
    /// its attachments, all or nothing. Returns the sealed artifact once it is stored (durably, for a
    /// durable store). Refused as [`crate::runs::admit`] refuses an artifact. Only RMOS's approval and
    /// release paths can call it: they alone hold an [`AppendRight`].
    fn append(
        &mut self,
        record: RunRecord,
        attachments: Vec<Attachment>,
        right: AppendRight<'_>,
    ) -> Result<RunArtifact, StoreError>;

    /// Stores an artifact sealed elsewhere (an import). Storing the same artifact again is a no-op; a
    /// different artifact under a taken seq is [`StoreError::SeqTaken`]; a gap is
    /// [`StoreError::OutOfOrder`]; [`crate::runs::admit`] makes every other check.
    fn append_sealed(&mut self, artifact: &RunArtifact, attachments: &[Attachment])
        -> Result<(), StoreError>;

    /// The artifact with this id.
    fn get(&self, id: &ContentHash) -> Result<Option<RunArtifact>, StoreError>;

    /// The attachment with this SHA-256; a stored attachment whose bytes no longer hash to it is
    /// [`StoreError::Corrupt`].
    fn attachment(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError>;

    /// Number of artifacts (the next seq).
    fn len(&self) -> Result<u64, StoreError>;

    /// The id recorded for the last artifact, the chain's head; `None` for an empty store.
    fn head(&self) -> Result<Option<ContentHash>, StoreError>;

    /// True when the store holds no artifact.
    fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Calls `visit` with every stored artifact's raw bytes, in seq order as stored, without interpreting
    /// them. `verify` uses this (through [`RunStore::for_each_stored_ref`]) to recompute every content
    /// address.
    fn for_each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// The raw bytes of one attachment, as stored, without checking them (for `verify`).
    fn attachment_raw(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError>;

    /// [`RunStore::for_each_stored`], lending each stored artifact instead of handing it over. `verify`
    /// walks the chain with this; a store that holds its artifacts in memory overrides it to save a copy
    /// of every artifact.
    fn for_each_stored_ref(
        &self,
        visit: &mut dyn FnMut(&StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.for_each_stored(&mut |stored| visit(&stored))
    }

    /// Calls `visit` with every artifact in seq order, read from its canonical bytes. Bytes that do not
    /// read back are [`StoreError::Corrupt`]; content addresses are not recomputed here: that is
    /// [`RunStore::verify`]'s work.
    fn for_each_artifact(
        &self,
        visit: &mut dyn FnMut(RunArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.for_each_stored(&mut |stored| {
            let artifact =
                RunArtifact::from_canonical_bytes(&stored.bytes).map_err(|_| StoreError::Corrupt {
                    what: format!("artifact seq {}", stored.seq),
                })?;
            visit(artifact)
        })
    }

    /// Walks the whole chain and recomputes every content address; see [`crate::runs::verify`].
    fn verify(&self) -> Result<VerifyReport, VerifyError>
    where
        Self: Sized,
    {
        crate::runs::verify(self)
    }
}
