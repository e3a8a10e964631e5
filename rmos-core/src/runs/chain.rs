//! The rules that tie an artifact to the chain: what a store checks before it appends, and what
//! [`crate::runs::verify`] checks again for every artifact it walks.

use crate::content::ContentHash;
use crate::content::Writer;
use crate::runs::encoding::decode_checked;
use crate::runs::links::Links;
use crate::runs::{Attachment, RunArtifact, StoreError, StoredArtifact};

/// An artifact checked and encoded for storage, with the attachments it references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admitted<'a> {
    /// What the store keeps for the artifact.
    pub stored: StoredArtifact,
    /// The attachments to keep, each with its content address (every one the artifact references, once).
    pub attachments: Vec<(ContentHash, &'a Attachment)>,
}

/// Checks that `artifact` may be stored as the chain's next artifact and encodes it, for any
/// [`crate::runs::RunStore`] implementation. `next_seq` is the store's length and `head` its last
/// artifact's id.
///
/// A store first handles an artifact whose seq is already taken (the same bytes: nothing to do; different
/// ones: [`StoreError::SeqTaken`]). Beyond that, this refuses a gap ([`StoreError::OutOfOrder`]) and, as
/// [`StoreError::Inconsistent`]: an artifact whose `prev` is not the head, whose id does not match its
/// content, whose canonical bytes do not read back (a non-finite number in its report), whose
/// `report_hash` or `output_hash` do not match, or whose referenced attachments are not exactly those
/// given (each with the stated SHA-256 and byte count).
///
/// ```
/// use rmos_core::runs::{admit, Attachment, RunArtifact, StoreError};
/// use rmos_core::content::ContentHash;
/// # let record = rmos_core::runs::RunRecord {
/// #     kind: rmos_core::runs::ArtifactKind::Approval, status: rmos_core::runs::RunStatus::Ok,
/// #     at: "2025-06-01T09:30:00Z".into(), actor: rmos_core::gates::Actor::human("luthier"),
/// #     request_hash: ContentHash::of(b"job"), report_hash: None, report: None,
/// #     policy_hash: ContentHash::of(b"policy"), engines: rmos_core::engines::EngineStamps::approval(),
/// #     reasons: vec![], post: None, output_hash: None, attachments: vec![],
/// # };
/// let first = RunArtifact::seal(record, 0, None);
/// let admitted = admit(&first, 0, None, &[]).unwrap();
/// assert_eq!(admitted.stored.bytes, first.canonical_bytes());
/// assert_eq!(admit(&first, 1, Some(&first.id), &[]), Err(StoreError::SeqTaken { seq: 0 }));
/// ```
pub fn admit<'a>(
    artifact: &RunArtifact,
    next_seq: u64,
    head: Option<&ContentHash>,
    attachments: &'a [Attachment],
) -> Result<Admitted<'a>, StoreError> {
    let seq = artifact.seq;
    if seq < next_seq {
        return Err(StoreError::SeqTaken { seq });
    }
    if seq > next_seq {
        return Err(StoreError::OutOfOrder {
            expected: next_seq,
            got: seq,
        });
    }
    let (bytes, links) = artifact.encode_with_links().ok_or(StoreError::Inconsistent {
        seq,
        reason: "canonical bytes do not read back: a number is not finite (JSON has no NaN or infinity)"
            .to_owned(),
    })?;
    // Bytes that cannot be read back would make an unverifiable chain: refuse them now.
    decode_checked(&bytes, &mut Writer::default()).map_err(|e| StoreError::Inconsistent {
        seq,
        reason: format!("canonical bytes do not read back: {e}"),
    })?;
    admit_encoded(artifact, bytes, &links, head, attachments)
}

/// [`admit`] for an artifact at the next seq, given the canonical bytes this crate's encoder wrote for it
/// (with no non-finite number, so they read back as the artifact) and their links.
pub(crate) fn admit_encoded<'a>(
    artifact: &RunArtifact,
    bytes: Vec<u8>,
    links: &Links,
    head: Option<&ContentHash>,
    attachments: &'a [Attachment],
) -> Result<Admitted<'a>, StoreError> {
    admit_sealed(artifact, bytes, links, head, attachments, IdCheck::Recompute)
}

/// Whether [`admit_sealed`] recomputes the id from the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdCheck {
    /// Hash the bytes again and compare with the artifact's id.
    Recompute,
    /// The id was computed from exactly these bytes a moment ago, by [`RunArtifact::seal_encoded`].
    JustSealed,
}

/// [`admit_encoded`], skipping the id's recomputation for bytes the sealer has just hashed.
pub(crate) fn admit_sealed<'a>(
    artifact: &RunArtifact,
    bytes: Vec<u8>,
    links: &Links,
    head: Option<&ContentHash>,
    attachments: &'a [Attachment],
    id_check: IdCheck,
) -> Result<Admitted<'a>, StoreError> {
    let seq = artifact.seq;
    let inconsistent = |reason: String| StoreError::Inconsistent { seq, reason };
    let computed = match id_check {
        IdCheck::Recompute => links.computed_id(&bytes),
        IdCheck::JustSealed => artifact.id,
    };
    if computed != artifact.id {
        return Err(inconsistent(format!(
            "id {} does not match the content, which hashes to {computed}",
            artifact.id
        )));
    }
    if artifact.prev.as_ref() != head {
        return Err(inconsistent(prev_mismatch(artifact.prev.as_ref(), head)));
    }
    links.check_claims(&bytes).map_err(&inconsistent)?;
    let given: Vec<(ContentHash, &Attachment)> = attachments
        .iter()
        .map(|a| (ContentHash::of(&a.data), a))
        .collect();
    for r in &artifact.record.attachments {
        let found = given.iter().find(|(hash, _)| *hash == r.sha256);
        match found {
            None => {
                return Err(inconsistent(format!(
                    "attachment {} ({}) is not among the attachments given",
                    r.name, r.sha256
                )))
            }
            Some((_, a)) if a.data.len() as u64 != r.bytes => {
                return Err(inconsistent(format!(
                    "attachment {} has {} bytes, the artifact says {}",
                    r.name,
                    a.data.len(),
                    r.bytes
                )))
            }
            Some(_) => {}
        }
    }
    let mut keep: Vec<(ContentHash, &Attachment)> = Vec::with_capacity(given.len());
    for (hash, a) in given {
        if !artifact.record.attachments.iter().any(|r| r.sha256 == hash) {
            return Err(inconsistent(format!(
                "attachment {} ({hash}) is given but the artifact does not reference it",
                a.name
            )));
        }
        if !keep.iter().any(|(kept, _)| *kept == hash) {
            keep.push((hash, a));
        }
    }
    Ok(Admitted {
        stored: StoredArtifact {
            seq,
            id: artifact.id,
            bytes,
        },
        attachments: keep,
    })
}

/// Says how `prev` differs from the id it should be.
pub(crate) fn prev_mismatch(prev: Option<&ContentHash>, want: Option<&ContentHash>) -> String {
    match (prev, want) {
        (Some(p), None) => format!("prev is {p} but the chain has no artifact before it"),
        (None, Some(w)) => format!("prev is null but the artifact before it is {w}"),
        (Some(p), Some(w)) => format!("prev is {p} but the artifact before it is {w}"),
        (None, None) => "prev is null as it should be".to_owned(),
    }
}
