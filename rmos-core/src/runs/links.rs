//! The links of an artifact: the fields that tie it into the chain, read straight from its canonical
//! bytes by position, without decoding the rest of the record.

use std::ops::Range;

use sha2::{Digest, Sha256};

use crate::content::ContentHash;
use crate::content::RootMember;
use crate::runs::{AttachmentRef, DecodeError};

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
    pub(crate) fn read(bytes: &[u8], root: &[RootMember]) -> Result<Links, DecodeError> {
        Self::check_keys(bytes, root)?;
        Self::read_checked(bytes, root)
    }

    /// Checks `root` holds exactly the artifact's keys, in order.
    fn check_keys(bytes: &[u8], root: &[RootMember]) -> Result<(), DecodeError> {
        let text =
            |range: &Range<usize>| String::from_utf8_lossy(bytes.get(range.clone()).unwrap_or_default());
        for (i, want) in KEYS.iter().enumerate() {
            match root.get(i) {
                Some(m) if bytes.get(m.key.clone()) == Some(want.as_bytes()) => {}
                Some(m) => {
                    let found = text(&m.key);
                    return Err(DecodeError::Parse(format!(
                        "found key {found:?} where {want:?} belongs"
                    )));
                }
                None => return Err(DecodeError::Parse(format!("key {want:?} is missing"))),
            }
        }
        if let Some(extra) = root.get(KEYS.len()) {
            return Err(DecodeError::Parse(format!("unknown key {:?}", text(&extra.key))));
        }
        Ok(())
    }

    /// [`Links::read`] for members known to be exactly the artifact's keys, in order.
    pub(crate) fn read_checked(bytes: &[u8], root: &[RootMember]) -> Result<Links, DecodeError> {
        // Every key is in place: member `i` is `KEYS[i]`.
        let range = |i: usize| root.get(i).map(|m| m.value.clone()).unwrap_or_default();
        let value = |i: usize| bytes.get(range(i)).unwrap_or_default();
        let schema = value(AT_SCHEMA);
        if schema != br#""rmos.run/1""# {
            let named = serde_json::from_slice::<String>(schema)
                .unwrap_or_else(|_| String::from_utf8_lossy(schema).into_owned());
            return Err(DecodeError::Schema(named));
        }
        let parse = |what: String| DecodeError::Parse(what);
        let hash = |i: usize| -> Result<ContentHash, DecodeError> {
            value(i)
                .strip_prefix(b"\"")
                .and_then(|v| v.strip_suffix(b"\""))
                .and_then(ContentHash::parse_text)
                .ok_or_else(|| {
                    parse(format!(
                        "{} is not a content address",
                        KEYS.get(i).unwrap_or(&"?")
                    ))
                })
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
            .ok_or_else(|| parse("seq is not a whole number".to_owned()))?;
        let report = value(AT_REPORT);
        if report != b"null" && !report.starts_with(b"{") {
            return Err(parse("report is neither null nor an object".to_owned()));
        }
        let attachments = match value(AT_ATTACHMENTS) {
            b"[]" => Vec::new(),
            list => serde_json::from_slice(list).map_err(|e| parse(format!("attachments: {e}")))?,
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

    /// Writes `id` over the id in `bytes` (which the content address leaves out, so the rest stays
    /// valid) and records it. False, changing nothing, if the id there is not a content address's length.
    pub(crate) fn write_id(&mut self, bytes: &mut [u8], id: ContentHash) -> bool {
        let text = format!("\"{id}\"");
        match bytes.get_mut(self.id_value.clone()) {
            Some(slot) if slot.len() == text.len() => {
                slot.copy_from_slice(text.as_bytes());
                self.id = id;
                true
            }
            _ => false,
        }
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
