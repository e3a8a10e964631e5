//! `verify`: walks a store's chain and recomputes every content address (invariant S6).

use crate::content::ContentHash;
use crate::content::{check_canonical, check_canonical_shape, RootMember, Writer};
use crate::runs::chain::prev_mismatch;
use crate::runs::encoding::decode_checked;
use crate::runs::links::{Links, MEMBER_PREFIXES};
use crate::runs::{DecodeError, RunStore, StoreError, StoredArtifact};

/// What a chain that verifies holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyReport {
    /// Number of artifacts walked.
    pub artifacts: u64,
    /// The last artifact's id; `None` for an empty store. Keep it outside the store (print it, sign it)
    /// to anchor the chain: verification alone cannot tell a chain from one with its tail cut off.
    pub head: Option<ContentHash>,
}

/// What a store holds under an attachment's content address, as verification checks it: the SHA-256 and
/// the length of the stored bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachmentDigest {
    /// The SHA-256 of the stored bytes (equal to the address they are stored under, unless tampered with).
    pub sha256: ContentHash,
    /// How many bytes are stored.
    pub bytes: u64,
}

impl AttachmentDigest {
    /// The digest of `data`.
    pub fn of(data: &[u8]) -> Self {
        Self {
            sha256: ContentHash::of(data),
            bytes: data.len() as u64,
        }
    }
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

/// Walks every artifact in seq order ([`RunStore::for_each_stored_ref`]) and checks, naming the first one
/// that fails:
///
/// 1. its bytes are canonical JSON (RFC 8785): no whitespace, sorted keys, canonical escapes and numbers;
/// 2. it has exactly the keys of an `rmos.run/1` artifact, and its schema, id, seq, prev, hashes and
///    attachment references read as what they are;
/// 3. the SHA-256 of its canonical bytes without `id` equals its `id`, and the id the store recorded;
/// 4. its seq is its position (dense from 0), which shows a deleted, reordered or inserted artifact;
/// 5. its `prev` is the previous artifact's id (`null` for seq 0);
/// 6. `report_hash`, when set, is the content address of its report, and `output_hash`, when set, one of
///    its attachments;
/// 7. every attachment it references is stored, hashes to its SHA-256 and has the stated byte count.
///
/// Every byte of every artifact is covered by its content address, so any change to one is caught, at
/// that artifact, without decoding the rest of the record into Rust types: verification runs at close to
/// the speed of SHA-256. [`verify_strict`] decodes every artifact as well.
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
    walk(store, false, &mut |sha| {
        Ok(store.attachment_raw(sha)?.map(|data| AttachmentDigest::of(&data)))
    })
}

/// [`verify`] for a store that finds its attachments' digests its own way, faster than one
/// [`RunStore::attachment_raw`] per reference (a durable store reads them all in one scan): `digest` gives
/// the [`AttachmentDigest`] of the bytes stored under an address, `None` when none are. Every check of
/// [`verify`] is made, with the same messages.
///
/// ```
/// use rmos_core::runs::{verify_with_attachments, MemoryStore};
/// let report = verify_with_attachments(&MemoryStore::new(), &mut |_| Ok(None)).unwrap();
/// assert_eq!(report.artifacts, 0);
/// ```
pub fn verify_with_attachments<S: RunStore + ?Sized>(
    store: &S,
    digest: &mut dyn FnMut(&ContentHash) -> Result<Option<AttachmentDigest>, StoreError>,
) -> Result<VerifyReport, VerifyError> {
    walk(store, false, digest)
}

/// [`verify`], and also reads every artifact back into a [`crate::runs::RunArtifact`] as
/// [`RunStore::get`] would, so a chain that passes has no artifact the store cannot return: each has the
/// full `rmos.run/1` schema (actor, engines, report and the rest) and is exactly the canonical form of
/// what it decodes to. Worth running on a chain from outside (an export loaded with
/// [`crate::runs::MemoryStore::from_raw`]); several times slower than [`verify`].
///
/// Appending through a [`RunStore`] already refuses any artifact that would not read back, so on a chain
/// built that way the two agree.
///
/// ```
/// use rmos_core::runs::{verify_strict, MemoryStore};
/// assert_eq!(verify_strict(&MemoryStore::new()).unwrap().artifacts, 0);
/// ```
pub fn verify_strict<S: RunStore + ?Sized>(store: &S) -> Result<VerifyReport, VerifyError> {
    walk(store, true, &mut |sha| {
        Ok(store.attachment_raw(sha)?.map(|data| AttachmentDigest::of(&data)))
    })
}

/// Walks the chain; `deep` decodes every artifact too; `digest` finds an attachment's digest.
fn walk<S: RunStore + ?Sized>(
    store: &S,
    deep: bool,
    digest: &mut dyn FnMut(&ContentHash) -> Result<Option<AttachmentDigest>, StoreError>,
) -> Result<VerifyReport, VerifyError> {
    let mut walk = Walk {
        next: 0,
        head: None,
        deep,
        root: Vec::new(),
        scratch: Vec::new(),
        writer: Writer::default(),
        broken: None,
    };
    let walked = store.for_each_stored_ref(&mut |stored| match walk.step(digest, stored)? {
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
    /// Whether to decode every artifact into Rust types too.
    deep: bool,
    /// Reused for every artifact: its outermost members, number scratch, its re-encoding.
    root: Vec<RootMember>,
    scratch: Vec<u8>,
    writer: Writer,
    /// The first broken artifact, once found.
    broken: Option<TamperError>,
}

impl Walk {
    /// Checks one artifact; the outer error is the store failing, the inner one the chain breaking.
    fn step(
        &mut self,
        digest: &mut dyn FnMut(&ContentHash) -> Result<Option<AttachmentDigest>, StoreError>,
        stored: &StoredArtifact,
    ) -> Result<Result<(), TamperError>, StoreError> {
        let seq = self.next;
        let broken = |reason: String| Ok(Err(TamperError { seq, reason }));
        let bytes = stored.bytes.as_slice();
        let read =
            if check_canonical_shape(bytes, &MEMBER_PREFIXES, &mut self.root, &mut self.scratch).is_ok() {
                Links::read_checked(bytes, &self.root)
            } else {
                // Not the shape of an artifact in canonical form: find out where and why.
                if let Err(offset) = check_canonical(bytes, &mut self.root, &mut self.scratch) {
                    return broken(DecodeError::NotCanonical { offset }.to_string());
                }
                Links::read(bytes, &self.root)
            };
        let links = match read {
            Ok(links) => links,
            Err(e) => return broken(e.to_string()),
        };
        if self.deep {
            if let Err(e) = decode_checked(bytes, &mut self.writer) {
                return broken(e.to_string());
            }
        }
        let computed = links.computed_id(bytes);
        if computed != links.id {
            return broken(format!(
                "content address mismatch: the artifact says {}, its content hashes to {computed}",
                links.id
            ));
        }
        if stored.id != links.id {
            return broken(format!(
                "recorded id {} is not the artifact's id {}",
                stored.id, links.id
            ));
        }
        if links.seq != seq {
            return broken(format!(
                "found the artifact of seq {}: an artifact is missing, reordered or inserted",
                links.seq
            ));
        }
        if stored.seq != seq {
            return broken(format!("stored under seq {}", stored.seq));
        }
        if links.prev != self.head {
            return broken(prev_mismatch(links.prev.as_ref(), self.head.as_ref()));
        }
        if let Err(reason) = links.check_claims(bytes) {
            return broken(reason);
        }
        for r in &links.attachments {
            let Some(data) = digest(&r.sha256)? else {
                return broken(format!("attachment {} ({}) is missing", r.name, r.sha256));
            };
            let actual = data.sha256;
            if actual != r.sha256 {
                return broken(format!(
                    "attachment {} does not match its content address: the artifact says {}, the stored \
                     bytes hash to {actual}",
                    r.name, r.sha256
                ));
            }
            if data.bytes != r.bytes {
                return broken(format!(
                    "attachment {} has {} bytes, the artifact says {}",
                    r.name, data.bytes, r.bytes
                ));
            }
        }
        self.head = Some(links.id);
        self.next += 1;
        Ok(Ok(()))
    }
}
