//! The canonical encoding of a [`RunArtifact`]: sealing, the content address, and strict decoding.
//!
//! An artifact is one flat JSON object whose keys, in canonical (sorted) order, are `actor`, `at`,
//! `attachments`, `engines`, `id`, `kind`, `output_hash`, `policy_hash`, `post`, `prev`, `reasons`,
//! `report`, `report_hash`, `request_hash`, `schema`, `seq` and `status`. Absent options are `null`, never
//! left out, so every artifact has every key. The id is the SHA-256 of the canonical bytes of that object
//! without its `id` member, which are the artifact's canonical bytes with `,"id":"sha256:…"` cut out.

use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::content::ContentHash;
use crate::content::{check_canonical, Writer};
use crate::engines::EngineStamps;
use crate::feasibility::FeasibilityReport;
use crate::identity::Actor;
use crate::runs::links::Links;
use crate::runs::{ArtifactKind, AttachmentRef, RunArtifact, RunRecord, RunStatus, SCHEMA};

/// Why bytes are not an artifact in canonical form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The bytes are not JSON of an `rmos.run/1` artifact (a missing, unknown or mistyped field).
    #[error("bytes do not parse as an rmos.run/1 artifact: {0}")]
    Parse(String),
    /// The artifact names another schema.
    #[error("schema is {0:?}, want \"rmos.run/1\"")]
    Schema(String),
    /// The bytes are not the artifact's canonical (RFC 8785) form.
    #[error("bytes are not in canonical form (rfc 8785) at byte {offset}")]
    NotCanonical {
        /// Offset of the first byte that breaks the canonical form.
        offset: usize,
    },
}

impl RunArtifact {
    /// Seals `record` as the artifact at `seq` following the artifact `prev` (`None` for seq 0): sets the
    /// schema and computes the id, the SHA-256 of the canonical bytes of everything else.
    ///
    /// ```
    /// use rmos_core::{content::ContentHash, engines::EngineStamps, gates::Actor, runs::*};
    /// let record = RunRecord {
    ///     kind: ArtifactKind::Approval,
    ///     status: RunStatus::Blocked,
    ///     at: "2025-06-01T09:30:00Z".into(),
    ///     actor: Actor::human("luthier"),
    ///     request_hash: ContentHash::of(b"job"),
    ///     report_hash: None,
    ///     report: None,
    ///     policy_hash: ContentHash::of(b"policy"),
    ///     engines: EngineStamps::approval(),
    ///     reasons: vec!["bucket RED".into()],
    ///     post: None,
    ///     output_hash: None,
    ///     attachments: vec![],
    /// };
    /// let first = RunArtifact::seal(record.clone(), 0, None);
    /// let second = RunArtifact::seal(record, 1, Some(first.id));
    /// assert_eq!(second.compute_id(), second.id);
    /// assert_ne!(first.id, second.id);
    /// let bytes = second.canonical_bytes();
    /// let start = br#"{"actor":{"id":"luthier","kind":"human"},"at":"2025-06-01T09:30:00Z""#;
    /// assert!(bytes.starts_with(start));
    /// assert_eq!(RunArtifact::from_canonical_bytes(&bytes).unwrap(), second);
    /// ```
    pub fn seal(record: RunRecord, seq: u64, prev: Option<ContentHash>) -> RunArtifact {
        Self::seal_encoded(record, seq, prev).0
    }

    /// [`RunArtifact::seal`], also giving the canonical bytes and their links, for a store to keep
    /// without encoding the artifact again.
    pub(crate) fn seal_encoded(
        record: RunRecord,
        seq: u64,
        prev: Option<ContentHash>,
    ) -> (RunArtifact, Option<(Vec<u8>, Links)>) {
        let mut artifact = RunArtifact {
            schema: SCHEMA.to_owned(),
            id: ContentHash::from_bytes([0; 32]),
            seq,
            prev,
            record,
        };
        let Some((mut bytes, mut links)) = artifact.encode_with_links() else {
            // Unreachable: every field of an artifact has a canonical form.
            artifact.id = ContentHash::of(&[]);
            return (artifact, None);
        };
        artifact.id = links.computed_id(&bytes);
        if links.write_id(&mut bytes, artifact.id) {
            (artifact, Some((bytes, links)))
        } else {
            (artifact, None)
        }
    }

    /// The canonical bytes and the links read from them; `None` when the artifact has no canonical form
    /// that reads back (a NaN or infinity in its report, which JSON writes as `null`).
    pub(crate) fn encode_with_links(&self) -> Option<(Vec<u8>, Links)> {
        let mut writer = Writer::default();
        if !self.encode(&mut writer) || writer.lossy() {
            return None;
        }
        let links = Links::read(writer.bytes(), writer.root()).ok()?;
        Some((writer.into_bytes(), links))
    }

    /// The canonical bytes (RFC 8785) of the whole artifact, id included: what a store keeps.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut writer = Writer::default();
        if self.encode(&mut writer) {
            writer.into_bytes()
        } else {
            // Unreachable: every field of an artifact has a canonical form.
            Vec::new()
        }
    }

    /// The content address the artifact's fields call for: SHA-256 of the canonical bytes of everything
    /// but `id`. Equal to `self.id` for an artifact that is what it claims to be.
    pub fn compute_id(&self) -> ContentHash {
        let mut writer = Writer::default();
        let links = match self.encode(&mut writer) {
            true => Links::read(writer.bytes(), writer.root()).ok(),
            false => None,
        };
        match links {
            Some(links) => links.computed_id(writer.bytes()),
            // Unreachable: every field of an artifact has a canonical form, and the links of one just
            // written read back. The hash of no bytes is the hash of no artifact.
            None => ContentHash::of(&[]),
        }
    }

    /// Reads an artifact from its canonical bytes, refusing bytes that are not exactly the canonical form
    /// (other key order, whitespace, escapes or number forms, a missing `null`, an unknown field) or that
    /// name another schema. Does not check the id: [`crate::runs::verify`] does.
    pub fn from_canonical_bytes(bytes: &[u8]) -> Result<RunArtifact, DecodeError> {
        let mut root = Vec::new();
        check_canonical(bytes, &mut root, &mut Vec::new())
            .map_err(|offset| DecodeError::NotCanonical { offset })?;
        decode_checked(bytes, &mut Writer::default())
    }

    /// Writes the canonical bytes into `writer`; false only if a field had no canonical form.
    pub(crate) fn encode(&self, writer: &mut Writer) -> bool {
        writer.encode(self).is_ok()
    }
}

/// Parses bytes already known to be canonical JSON as an artifact, and checks they are its canonical form
/// (which catches a missing optional key or an unknown key in a nested object). Uses `writer` for the
/// re-encoding.
pub(crate) fn decode_checked(bytes: &[u8], writer: &mut Writer) -> Result<RunArtifact, DecodeError> {
    let artifact: RunArtifact =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::Parse(e.to_string()))?;
    if artifact.schema != SCHEMA {
        return Err(DecodeError::Schema(artifact.schema));
    }
    if !artifact.encode(writer) {
        return Err(DecodeError::NotCanonical { offset: 0 });
    }
    let canonical = writer.bytes();
    if canonical != bytes {
        let offset = canonical
            .iter()
            .zip(bytes)
            .position(|(a, b)| a != b)
            .unwrap_or(canonical.len().min(bytes.len()));
        return Err(DecodeError::NotCanonical { offset });
    }
    Ok(artifact)
}

impl Serialize for RunArtifact {
    /// One flat object, fields in canonical key order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = &self.record;
        let mut s = serializer.serialize_struct("RunArtifact", 17)?;
        s.serialize_field("actor", &r.actor)?;
        s.serialize_field("at", &r.at)?;
        s.serialize_field("attachments", &r.attachments)?;
        s.serialize_field("engines", &r.engines)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("kind", &r.kind)?;
        s.serialize_field("output_hash", &r.output_hash)?;
        s.serialize_field("policy_hash", &r.policy_hash)?;
        s.serialize_field("post", &r.post)?;
        s.serialize_field("prev", &self.prev)?;
        s.serialize_field("reasons", &r.reasons)?;
        s.serialize_field("report", &r.report)?;
        s.serialize_field("report_hash", &r.report_hash)?;
        s.serialize_field("request_hash", &r.request_hash)?;
        s.serialize_field("schema", &self.schema)?;
        s.serialize_field("seq", &self.seq)?;
        s.serialize_field("status", &r.status)?;
        s.end()
    }
}

/// The flat JSON shape of an artifact, for reading. Unknown fields are refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    actor: Actor,
    at: String,
    attachments: Vec<AttachmentRef>,
    engines: EngineStamps,
    id: ContentHash,
    kind: ArtifactKind,
    output_hash: Option<ContentHash>,
    policy_hash: ContentHash,
    post: Option<String>,
    prev: Option<ContentHash>,
    reasons: Vec<String>,
    report: Option<FeasibilityReport>,
    report_hash: Option<ContentHash>,
    request_hash: ContentHash,
    schema: String,
    seq: u64,
    status: RunStatus,
}

impl<'de> Deserialize<'de> for RunArtifact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let w = Wire::deserialize(deserializer)?;
        Ok(RunArtifact {
            schema: w.schema,
            id: w.id,
            seq: w.seq,
            prev: w.prev,
            record: RunRecord {
                kind: w.kind,
                status: w.status,
                at: w.at,
                actor: w.actor,
                request_hash: w.request_hash,
                report_hash: w.report_hash,
                report: w.report.map(Arc::new),
                policy_hash: w.policy_hash,
                engines: w.engines,
                reasons: w.reasons,
                post: w.post,
                output_hash: w.output_hash,
                attachments: w.attachments,
            },
        })
    }
}
