//! The refusal: why an approval or a release gave the host nothing.

use std::borrow::Cow;

use serde::Serialize;

use crate::content::ContentHash;
use crate::documents::Document;
use crate::feasibility::FeasibilityReport;
use crate::program::ReleaseError;
use crate::runs::RunStatus;
use crate::workflow::Blocked;

/// Why no approval, or no program, was given: `{"status", "artifact_id", "reasons", "report"}`.
///
/// `status` is `BLOCKED` (a gate said no) or `ERROR` (bad input, planning, read-back or the store failed);
/// `artifact_id` the artifact that records the attempt, `null` only when the store itself failed;
/// `report` the feasibility report for a refused approval, absent for a refused release.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Refusal<'a> {
    /// `BLOCKED` or `ERROR`.
    pub status: RunStatus,
    /// The artifact recording the attempt; `None` when the store failed and nothing was recorded.
    pub artifact_id: Option<ContentHash>,
    /// Every reason that applied.
    pub reasons: Cow<'a, [String]>,
    /// The report an approval was refused on; `None` (and no key) for a release.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<&'a FeasibilityReport>,
}

impl<'a> Refusal<'a> {
    /// The refusal of an approval attempt.
    pub fn of_approval(blocked: &'a Blocked) -> Self {
        Self {
            artifact_id: blocked.artifact_id,
            reasons: Cow::Borrowed(&blocked.reasons),
            report: Some(&blocked.report),
            status: blocked.status,
        }
    }

    /// The refusal of a release.
    pub fn of_release(err: &'a ReleaseError) -> Self {
        let (status, artifact_id, reasons) = match err {
            ReleaseError::NotPermitted { artifact_id, reason } => (
                RunStatus::Blocked,
                Some(*artifact_id),
                Cow::Borrowed(std::slice::from_ref(reason)),
            ),
            ReleaseError::Failed { artifact_id, reasons } => (
                RunStatus::Error,
                Some(*artifact_id),
                Cow::Borrowed(reasons.as_slice()),
            ),
            ReleaseError::NotThisLedger { reason } => (
                RunStatus::Blocked,
                None,
                Cow::Borrowed(std::slice::from_ref(reason)),
            ),
            ReleaseError::Store(e) => (
                RunStatus::Error,
                None,
                Cow::Owned(vec![format!("the run store failed: {e}")]),
            ),
        };
        Self {
            artifact_id,
            reasons,
            report: None,
            status,
        }
    }
}

impl Document for Refusal<'_> {}
