//! Output documents: every JSON document and status word RMOS hands a host, shaped once here.
//!
//! The C ABI and the Python module give these documents byte for byte; neither spells one itself.
//! Each is a borrowed view over what the core already holds (nothing is cloned to write one) and is written
//! by [`Document::to_json`] as canonical JSON (RFC 8785: keys sorted, numbers in their shortest form), so
//! the same outcome gives the same bytes on every face.
//!
//! | document | made from | shape |
//! |---|---|---|
//! | [`Refusal`] | a refused approval ([`crate::workflow::Blocked`]) or release ([`crate::program::ReleaseError`]) | `{"artifact_id", "reasons", "report", "status"}` |
//! | [`ProgramSummary`] | a released [`crate::program::Program`] | `{"artifact_id", "bounds", "cut_length_mm", "cycle_time_s", "gcode_bytes", "output_hash", "post", "rapid_length_mm", "seq", "units"}` |
//! | [`ReadbackSummary`] | a [`crate::readback::ReadbackReport`] | `{"bounds", "bucket", "deepest_z", "engine", "findings": [{..., "line"}], "passed", "post", "stats"}` |
//! | [`VerifyResult`] | a ledger verification | `{"artifacts", "head", "verified": true}` or `{"reason", "seq", "verified": false}` |
//! | [`artifacts_json`] | a whole ledger | `[artifact, ...]` in seq order |
//!
//! Status words are the core's too: [`crate::runs::RunStatus::as_str`], [`crate::feasibility::Bucket::as_str`].
//!
//! ```
//! use rmos_core::documents::{Document, VerifyResult};
//! use rmos_core::runs::{verify, MemoryStore};
//! let verified = verify(&MemoryStore::new());
//! let doc = VerifyResult::of(&verified).unwrap();
//! assert_eq!(doc.to_json(), r#"{"artifacts":0,"head":null,"verified":true}"#);
//! ```

mod program;
mod readback;
mod refusal;
mod verify;

pub use program::ProgramSummary;
pub use readback::{LocatedFinding, ReadbackSummary};
pub use refusal::Refusal;
pub use verify::{artifacts_json, VerifyResult};

use crate::content::canonical_bytes;

/// An output document: serialisable, and written the one way every face gives it.
pub trait Document: serde::Serialize {
    /// The document as canonical JSON text (RFC 8785).
    fn to_json(&self) -> String {
        // Canonical bytes are UTF-8 JSON text by construction; the lossy form never replaces anything.
        String::from_utf8_lossy(&canonical_bytes(self)).into_owned()
    }
}
