//! The verify result, and the ledger as one list.

use serde::Serialize;

use crate::content::ContentHash;
use crate::documents::Document;
use crate::runs::{RunStore, StoreError, VerifyError, VerifyReport};

/// What verifying a ledger found: `{"verified": true, "artifacts", "head"}` for a chain that verifies,
/// `{"verified": false, "seq", "reason"}` for one that does not (the first bad seq).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum VerifyResult<'a> {
    /// The chain verifies.
    Verified {
        /// Always true.
        verified: bool,
        /// Number of artifacts walked.
        artifacts: u64,
        /// The last artifact's id; `None` for an empty ledger.
        head: Option<ContentHash>,
    },
    /// The chain is broken.
    Tampered {
        /// Always false.
        verified: bool,
        /// The first bad seq.
        seq: u64,
        /// How it breaks there.
        reason: &'a str,
    },
}

impl<'a> VerifyResult<'a> {
    /// The document of a verification's outcome; `None` when the store could not be read (there is
    /// nothing to say about the chain).
    pub fn of(outcome: &'a Result<VerifyReport, VerifyError>) -> Option<Self> {
        match outcome {
            Ok(report) => Some(Self::verified(report)),
            Err(VerifyError::Tampered(t)) => Some(Self::Tampered {
                reason: &t.reason,
                seq: t.seq,
                verified: false,
            }),
            Err(_) => None,
        }
    }

    /// The document of a chain that verifies.
    pub fn verified(report: &VerifyReport) -> Self {
        Self::Verified {
            artifacts: report.artifacts,
            head: report.head,
            verified: true,
        }
    }
}

impl Document for VerifyResult<'_> {}

/// Every artifact of `store` in seq order, as one JSON array of their canonical documents (schema
/// `rmos.run/1`).
pub fn artifacts_json<S: RunStore + ?Sized>(store: &S) -> Result<String, StoreError> {
    let mut out = Vec::from(*b"[");
    store.for_each_artifact(&mut |artifact| {
        if out.len() > 1 {
            out.push(b',');
        }
        out.extend_from_slice(&artifact.canonical_bytes());
        Ok(())
    })?;
    out.push(b']');
    // Every piece is canonical JSON text, so the whole is UTF-8.
    Ok(String::from_utf8_lossy(&out).into_owned())
}
