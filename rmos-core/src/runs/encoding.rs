//! The canonical encoding of a [`RunArtifact`]: sealing, the content address, and strict decoding.
//!
//! An artifact is one flat JSON object whose keys, in canonical (sorted) order, are `actor`, `at`,
//! `attachments`, `engines`, `id`, `kind`, `output_hash`, `policy_hash`, `post`, `prev`, `reasons`,
//! `report`, `report_hash`, `request_hash`, `schema`, `seq` and `status`. Absent options are `null`, never
//! left out, so every artifact has every key. The id is the SHA-256 of the canonical bytes of that object
//! without its `id` member, which are the artifact's canonical bytes with `,"id":"sha256:…"` cut out.

use std::ops::Range;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::engines::EngineStamps;
use crate::feasibility::FeasibilityReport;
use crate::gates::Actor;
use crate::runs::canonical::{check_canonical, RootMember, Writer};
use crate::runs::{ArtifactKind, AttachmentRef, ContentHash, RunArtifact, RunRecord, RunStatus, SCHEMA};

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
    /// use rmos_core::{engines::EngineStamps, gates::Actor, runs::*};
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
    /// assert!(bytes.starts_with(br#"{"actor":{"id":"luthier","kind":"human"},"at":"2025-06-01T09:30:00Z""#));
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
        links.id = artifact.id;
        // The id is not part of its own content: write it over the placeholder, which has the same length.
        let text = format!("\"{}\"", artifact.id);
        if let Some(slot) = bytes.get_mut(links.id_value.clone()) {
            if slot.len() == text.len() {
                slot.copy_from_slice(text.as_bytes());
                return (artifact, Some((bytes, links)));
            }
        }
        (artifact, None)
    }

    /// The canonical bytes and the links read from them.
    pub(crate) fn encode_with_links(&self) -> Option<(Vec<u8>, Links)> {
        let mut writer = Writer::default();
        if !self.encode(&mut writer) {
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

/// The keys of an artifact, in canonical order.
pub(crate) const KEYS: [&str; 17] = [
    "actor",
    "at",
    "attachments",
    "engines",
    "id",
    "kind",
    "output_hash",
    "policy_hash",
    "post",
    "prev",
    "reasons",
    "report",
    "report_hash",
    "request_hash",
    "schema",
    "seq",
    "status",
];
/// Each key of [`KEYS`] as its member begins in canonical JSON: `"key":`.
pub(crate) const MEMBER_PREFIXES: [&[u8]; 17] = [
    b"\"actor\":",
    b"\"at\":",
    b"\"attachments\":",
    b"\"engines\":",
    b"\"id\":",
    b"\"kind\":",
    b"\"output_hash\":",
    b"\"policy_hash\":",
    b"\"post\":",
    b"\"prev\":",
    b"\"reasons\":",
    b"\"report\":",
    b"\"report_hash\":",
    b"\"request_hash\":",
    b"\"schema\":",
    b"\"seq\":",
    b"\"status\":",
];
const AT_ATTACHMENTS: usize = 2;
const AT_ID: usize = 4;
const AT_OUTPUT_HASH: usize = 6;
const AT_PREV: usize = 9;
const AT_REPORT: usize = 11;
const AT_REPORT_HASH: usize = 12;
const AT_SCHEMA: usize = 14;
const AT_SEQ: usize = 15;

/// The fields that tie an artifact into the chain, read straight from its canonical bytes without
/// decoding the rest: what [`crate::runs::verify`] and [`crate::runs::admit`] check.
#[derive(Debug, Clone)]
pub(crate) struct Links {
    pub(crate) id: ContentHash,
    pub(crate) seq: u64,
    pub(crate) prev: Option<ContentHash>,
    pub(crate) report_hash: Option<ContentHash>,
    pub(crate) output_hash: Option<ContentHash>,
    pub(crate) attachments: Vec<AttachmentRef>,
    /// The `"id":"sha256:…"` member.
    id_member: Range<usize>,
    /// Its value, `"sha256:…"`.
    id_value: Range<usize>,
    /// The report's canonical bytes, or `null`.
    report: Range<usize>,
}

impl Links {
    /// Reads the links of the artifact whose canonical bytes are `bytes`, with `root` the members of their
    /// outermost object. The error says which field is wrong.
    pub(crate) fn read(bytes: &[u8], root: &[RootMember]) -> Result<Links, String> {
        Self::check_keys(bytes, root)?;
        Self::read_checked(bytes, root)
    }

    /// Checks `root` holds exactly the artifact's keys, in order.
    fn check_keys(bytes: &[u8], root: &[RootMember]) -> Result<(), String> {
        let text =
            |range: &Range<usize>| String::from_utf8_lossy(bytes.get(range.clone()).unwrap_or_default());
        for (i, want) in KEYS.iter().enumerate() {
            match root.get(i) {
                Some(m) if bytes.get(m.key.clone()) == Some(want.as_bytes()) => {}
                Some(m) => {
                    let found = text(&m.key);
                    return Err(format!(
                        "found key {found:?} where {want:?} belongs in an rmos.run/1 artifact"
                    ));
                }
                None => return Err(format!("key {want:?} of an rmos.run/1 artifact is missing")),
            }
        }
        if let Some(extra) = root.get(KEYS.len()) {
            return Err(format!(
                "key {:?} is not part of an rmos.run/1 artifact",
                text(&extra.key)
            ));
        }
        Ok(())
    }

    /// [`Links::read`] for members known to be exactly the artifact's keys, in order.
    pub(crate) fn read_checked(bytes: &[u8], root: &[RootMember]) -> Result<Links, String> {
        let text =
            |range: &Range<usize>| String::from_utf8_lossy(bytes.get(range.clone()).unwrap_or_default());
        // Every key is in place: member `i` is `KEYS[i]`.
        let range = |i: usize| root.get(i).map(|m| m.value.clone()).unwrap_or_default();
        let value = |i: usize| bytes.get(range(i)).unwrap_or_default();
        if value(AT_SCHEMA) != br#""rmos.run/1""# {
            return Err(format!(
                "schema is {}, want \"rmos.run/1\"",
                text(&range(AT_SCHEMA))
            ));
        }
        let hash = |i: usize| -> Result<ContentHash, String> {
            value(i)
                .strip_prefix(b"\"")
                .and_then(|v| v.strip_suffix(b"\""))
                .and_then(ContentHash::parse_text)
                .ok_or_else(|| format!("{} is not a content address", KEYS[i]))
        };
        let optional_hash = |i: usize| match value(i) {
            b"null" => Ok(None),
            _ => hash(i).map(Some),
        };
        // Canonical already: digits without a leading zero, or something that is not a whole number.
        let seq = value(AT_SEQ)
            .iter()
            .try_fold(0u64, |n, &b| match b {
                b'0'..=b'9' => n.checked_mul(10)?.checked_add(u64::from(b - b'0')),
                _ => None,
            })
            .filter(|_| !value(AT_SEQ).is_empty())
            .ok_or("seq is not a whole number")?;
        let report = value(AT_REPORT);
        if report != b"null" && !report.starts_with(b"{") {
            return Err("report is neither null nor an object".to_owned());
        }
        let attachments = match value(AT_ATTACHMENTS) {
            b"[]" => Vec::new(),
            list => serde_json::from_slice(list).map_err(|e| format!("attachments do not parse: {e}"))?,
        };
        Ok(Links {
            id: hash(AT_ID)?,
            seq,
            prev: optional_hash(AT_PREV)?,
            report_hash: optional_hash(AT_REPORT_HASH)?,
            output_hash: optional_hash(AT_OUTPUT_HASH)?,
            attachments,
            id_member: root.get(AT_ID).map(|m| m.member.clone()).unwrap_or_default(),
            id_value: range(AT_ID),
            report: range(AT_REPORT),
        })
    }

    /// SHA-256 of `bytes` with the id member and one comma cut out: the canonical bytes of the artifact
    /// without its id, which is what its id must be.
    pub(crate) fn computed_id(&self, bytes: &[u8]) -> ContentHash {
        let (before, after) = match (bytes.get(..self.id_member.start), bytes.get(self.id_member.end..)) {
            (Some(before), Some(after)) => match (before.strip_suffix(b","), after.strip_prefix(b",")) {
                (Some(before), _) => (before, after),
                (None, Some(after)) => (before, after),
                (None, None) => (before, after),
            },
            _ => (bytes, &[][..]),
        };
        ContentHash::from_bytes(
            Sha256::new()
                .chain_update(before)
                .chain_update(after)
                .finalize()
                .into(),
        )
    }

    /// Checks what the artifact claims about its own parts: `output_hash` names one of its attachments and
    /// `report_hash` is the content address of its report.
    pub(crate) fn check_claims(&self, bytes: &[u8]) -> Result<(), String> {
        if let Some(output) = &self.output_hash {
            if !self.attachments.iter().any(|r| r.sha256 == *output) {
                return Err(format!("output_hash {output} is not among the attachments"));
            }
        }
        if let Some(claimed) = &self.report_hash {
            let report = bytes.get(self.report.clone()).unwrap_or_default();
            if report == b"null" {
                return Err(format!("report_hash {claimed} is set but the report is null"));
            }
            let actual = ContentHash::of(report);
            if actual != *claimed {
                return Err(format!(
                    "report_hash {claimed} does not match the report, which hashes to {actual}"
                ));
            }
        }
        Ok(())
    }
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
                report: w.report,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_prefixes_are_the_keys_in_canonical_order() {
        assert_eq!(MEMBER_PREFIXES.len(), KEYS.len());
        for (key, prefix) in KEYS.iter().zip(MEMBER_PREFIXES) {
            assert_eq!(prefix, format!("\"{key}\":").as_bytes());
        }
        assert!(
            KEYS.windows(2).all(|pair| pair[0] < pair[1]),
            "ASCII keys: byte order is UTF-16 order"
        );
        let keys = [
            (AT_ATTACHMENTS, "attachments"),
            (AT_ID, "id"),
            (AT_OUTPUT_HASH, "output_hash"),
            (AT_PREV, "prev"),
            (AT_REPORT, "report"),
            (AT_REPORT_HASH, "report_hash"),
            (AT_SCHEMA, "schema"),
            (AT_SEQ, "seq"),
        ];
        for (at, key) in keys {
            assert_eq!(KEYS[at], key);
        }
    }
}
