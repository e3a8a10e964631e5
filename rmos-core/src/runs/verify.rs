//! `verify`: walks a store's chain and recomputes every content address (invariant S6).

use crate::runs::canonical::Writer;
use crate::runs::chain::{check_claims, prev_mismatch};
use crate::runs::encoding::decode;
use crate::runs::{ContentHash, RunStore, StoreError, StoredArtifact};

/// What a chain that verifies holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyReport {
    /// Number of artifacts walked.
    pub artifacts: u64,
    /// The last artifact's id; `None` for an empty store. Keep it outside the store (print it, sign it)
    /// to anchor the chain: verification alone cannot tell a chain from one with its tail cut off.
    pub head: Option<ContentHash>,
}

/// The first artifact that breaks the chain, and how.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("seq {seq}: {reason}")]
pub struct TamperError {
    /// The position in the chain where it breaks: the seq the artifact found there should have.
    pub seq: u64,
    /// What does not match.
    pub reason: String,
}

/// Why a store did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The chain is broken: an artifact was edited, deleted, reordered or inserted, or an attachment
    /// changed.
    #[error("chain does not verify: {0}")]
    Tampered(#[from] TamperError),
    /// The store could not be read.
    #[error("store could not be read for verification: {0}")]
    Store(#[from] StoreError),
}

impl VerifyError {
    /// The seq named by a broken chain; `None` when the store failed instead.
    pub fn tampered_seq(&self) -> Option<u64> {
        match self {
            Self::Tampered(t) => Some(t.seq),
            Self::Store(_) => None,
        }
    }
}

/// Walks every artifact in seq order and checks, naming the first one that fails:
///
/// 1. its bytes parse as an `rmos.run/1` artifact and are exactly its canonical (RFC 8785) form;
/// 2. the SHA-256 of its canonical bytes without `id` equals its `id`, and the id the store recorded;
/// 3. its seq is its position (dense from 0), which shows a deleted, reordered or inserted artifact;
/// 4. its `prev` is the previous artifact's id (`null` for seq 0);
/// 5. `report_hash`, when set, is the content address of its report, and `output_hash`, when set, one of
///    its attachments;
/// 6. every attachment it references is stored, hashes to its SHA-256 and has the stated byte count.
///
/// A chain whose tail was cut off still verifies: nothing inside a chain says how long it should be, so
/// compare [`VerifyReport::head`] with a head kept elsewhere. For the same reason an attacker who can
/// rewrite the last artifact and re-seal it goes unseen until that head is compared.
///
/// ```
/// use rmos_core::runs::{verify, MemoryStore, VerifyReport};
/// assert_eq!(verify(&MemoryStore::new()).unwrap(), VerifyReport { artifacts: 0, head: None });
/// ```
pub fn verify<S: RunStore + ?Sized>(store: &S) -> Result<VerifyReport, VerifyError> {
    let mut walk = Walk {
        next: 0,
        head: None,
        writer: Writer::default(),
        broken: None,
    };
    let walked = store.for_each_stored(&mut |stored| match walk.step(store, &stored)? {
        Ok(()) => Ok(()),
        Err(broken) => {
            walk.broken = Some(broken);
            // Only stops the walk: `broken` is what gets reported.
            Err(StoreError::Backend(
                "verification stopped at a broken artifact".to_owned(),
            ))
        }
    });
    if let Some(broken) = walk.broken {
        return Err(broken.into());
    }
    walked?;
    let held = store.len()?;
    if held != walk.next {
        return Err(TamperError {
            seq: held.min(walk.next),
            reason: format!(
                "store says it holds {held} artifacts but {} were walked",
                walk.next
            ),
        }
        .into());
    }
    Ok(VerifyReport {
        artifacts: walk.next,
        head: walk.head,
    })
}

/// The state of a walk along the chain.
struct Walk {
    /// The seq the next artifact must have.
    next: u64,
    /// The id of the last artifact walked.
    head: Option<ContentHash>,
    /// Reused for every artifact's canonical form.
    writer: Writer,
    /// The first broken artifact, once found.
    broken: Option<TamperError>,
}

impl Walk {
    /// Checks one artifact; the outer error is the store failing, the inner one the chain breaking.
    fn step<S: RunStore + ?Sized>(
        &mut self,
        store: &S,
        stored: &StoredArtifact,
    ) -> Result<Result<(), TamperError>, StoreError> {
        let seq = self.next;
        let broken = |reason: String| Ok(Err(TamperError { seq, reason }));
        let bytes = stored.bytes.as_slice();
        let (artifact, layout) = match decode(bytes, &mut self.writer) {
            Ok(decoded) => decoded,
            Err(e) => return broken(e.to_string()),
        };
        let computed = layout.id_of(bytes);
        if computed != artifact.id {
            return broken(format!(
                "content address mismatch: the artifact says {}, its content hashes to {computed}",
                artifact.id
            ));
        }
        if stored.id != artifact.id {
            return broken(format!(
                "recorded id {} is not the artifact's id {}",
                stored.id, artifact.id
            ));
        }
        if artifact.seq != seq {
            return broken(format!(
                "found the artifact of seq {}: an artifact is missing, reordered or inserted",
                artifact.seq
            ));
        }
        if stored.seq != seq {
            return broken(format!("stored under seq {}", stored.seq));
        }
        if artifact.prev != self.head {
            return broken(prev_mismatch(artifact.prev.as_ref(), self.head.as_ref()));
        }
        if let Err(reason) = check_claims(&artifact, &layout, bytes) {
            return broken(reason);
        }
        for r in &artifact.record.attachments {
            let Some(data) = store.attachment_raw(&r.sha256)? else {
                return broken(format!("attachment {} ({}) is missing", r.name, r.sha256));
            };
            let actual = ContentHash::of(&data);
            if actual != r.sha256 {
                return broken(format!(
                    "attachment {} does not match its content address: the artifact says {}, the stored \
                     bytes hash to {actual}",
                    r.name, r.sha256
                ));
            }
            if data.len() as u64 != r.bytes {
                return broken(format!(
                    "attachment {} has {} bytes, the artifact says {}",
                    r.name,
                    data.len(),
                    r.bytes
                ));
            }
        }
        self.head = Some(artifact.id);
        self.next += 1;
        Ok(Ok(()))
    }
}
