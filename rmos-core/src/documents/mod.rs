//! Output documents: every JSON document and status word RMOS hands a host, shaped once here.
//!
//! The C ABI and the Python module give these documents byte for byte; neither spells one itself.
//! Each is a borrowed view over what the core already holds (nothing is cloned to write one) and is written
//! by [`Document::to_json`] as compact JSON with its keys in the order listed below, so the same outcome
//! gives the same bytes on every face. (Run artifacts keep their own form: the canonical bytes the ledger
//! holds.)
//!
//! | document | made from | shape |
//! |---|---|---|
//! | [`Refusal`] | a refused approval ([`crate::workflow::Blocked`]) or release ([`crate::program::ReleaseError`]) | `{"status", "artifact_id", "reasons", "report"}` (no `report` for a release) |
//! | [`ProgramSummary`] | a released [`crate::program::Program`] | `{"artifact_id", "seq", "post", "units", "gcode_bytes", "output_hash", "bounds", "cut_length_mm", "rapid_length_mm", "cycle_time_s"}` |
//! | [`ReadbackSummary`] | a [`crate::readback::ReadbackReport`] | `{"passed", "bucket", "findings": [{..., "line"}], "bounds", "deepest_z", "post", "stats", "engine"}` |
//! | [`VerifyResult`] | a ledger verification | `{"verified": true, "artifacts", "head"}` or `{"verified": false, "seq", "reason"}` |
//! | [`artifacts_json`] | a whole ledger | `[artifact, ...]` in seq order |
//!
//! Status words are the core's too: [`crate::runs::RunStatus::as_str`], [`crate::feasibility::Bucket::as_str`].
//!
//! ```
//! use rmos_core::documents::{Document, VerifyResult};
//! use rmos_core::runs::{verify, MemoryStore};
//! let verified = verify(&MemoryStore::new());
//! let doc = VerifyResult::of(&verified).unwrap();
//! assert_eq!(doc.to_json(), r#"{"verified":true,"artifacts":0,"head":null}"#);
//! ```

mod program;
mod readback;
mod refusal;
mod verify;

pub use program::ProgramSummary;
pub use readback::{LocatedFinding, ReadbackSummary};
pub use refusal::Refusal;
pub use verify::{artifacts_json, VerifyResult};

/// An output document: serialisable, and written the one way every face gives it.
pub trait Document: serde::Serialize {
    /// The document as compact JSON text, keys in declaration order.
    fn to_json(&self) -> String {
        // The documents hold only strings, numbers, booleans, lists and structs: writing one cannot fail,
        // and an empty string (never a document) would show it did.
        serde_json::to_string(self).unwrap_or_default()
    }
}
