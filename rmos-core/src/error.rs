//! Errors a caller can act on.

use thiserror::Error;

/// A job (or scenario) that cannot be evaluated, with the path of the failing field.
///
/// `path` uses the job document's own names: `operations[2].depth_mm`, `tool.flutes`, or `$` for the
/// document as a whole.
///
/// ```
/// use rmos_core::job::Job;
/// let err = Job::from_json("{}").unwrap_err();
/// assert_eq!(err.path, "machine");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {reason}")]
pub struct InvalidJob {
    /// Path of the failing field in the job document.
    pub path: String,
    /// What is wrong with it, lower-case, no trailing period.
    pub reason: String,
}

impl InvalidJob {
    /// Builds an error for `path` with `reason`.
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

impl From<crate::content::InvalidDocument> for InvalidJob {
    fn from(e: crate::content::InvalidDocument) -> Self {
        Self {
            path: e.path,
            reason: e.reason,
        }
    }
}
