//! Status codes and the error every entry point turns into one.

use rmos_core::gates::InvalidPolicy;
use rmos_core::runs::{StoreError, VerifyError};
use rmos_core::InvalidJob;

/// What an RMOS call did. Every function that can fail returns one; `RMOS_OK` is the only success.
///
/// The numbers are fixed and never reused: a code that is retired stays unassigned.
/// After any code but `RMOS_OK`, `rmos_last_error_message()` says what went wrong and where.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
// The variant names are the C names hosts compile against (DESIGN.md), so they are not camel case.
#[allow(non_camel_case_types)]
pub enum RmosStatus {
    /// The call did what it was asked; every out-parameter it promises is set.
    RMOS_OK = 0,
    /// A null pointer, a length too large, bad UTF-8, a bad policy, a freed handle or a handle of the
    /// wrong kind, an unknown actor kind or post. Nothing was recorded.
    RMOS_INVALID_ARGUMENT = 1,
    /// The job document is not valid JSON, or not a valid job; the message names the field
    /// (`operations[2].depth_mm: must be > 0`, or `$` for the document as a whole).
    RMOS_INVALID_JOB = 2,
    /// RMOS refused: an approval was blocked, or no program was released. The refusal is recorded in the
    /// ledger, and the refusal out-parameter (when given) holds the artifact id, the reasons and the report.
    RMOS_BLOCKED = 3,
    /// The ledger's chain does not verify; the message names the first bad seq.
    RMOS_TAMPERED = 4,
    /// The ledger could not be opened, read or written; nothing was recorded.
    RMOS_STORE = 5,
    /// An internal error (a bug in RMOS, caught at the boundary): the call had no effect the host can rely
    /// on. It never aborts the host.
    RMOS_INTERNAL = 6,
}

impl RmosStatus {
    /// Every status, in numeric order.
    pub(crate) const ALL: [RmosStatus; 7] = [
        Self::RMOS_OK,
        Self::RMOS_INVALID_ARGUMENT,
        Self::RMOS_INVALID_JOB,
        Self::RMOS_BLOCKED,
        Self::RMOS_TAMPERED,
        Self::RMOS_STORE,
        Self::RMOS_INTERNAL,
    ];

    /// The C name of the code, NUL-terminated.
    pub(crate) fn name(self) -> &'static core::ffi::CStr {
        match self {
            Self::RMOS_OK => c"RMOS_OK",
            Self::RMOS_INVALID_ARGUMENT => c"RMOS_INVALID_ARGUMENT",
            Self::RMOS_INVALID_JOB => c"RMOS_INVALID_JOB",
            Self::RMOS_BLOCKED => c"RMOS_BLOCKED",
            Self::RMOS_TAMPERED => c"RMOS_TAMPERED",
            Self::RMOS_STORE => c"RMOS_STORE",
            Self::RMOS_INTERNAL => c"RMOS_INTERNAL",
        }
    }
}

/// A failed call: the status it returns and the message `rmos_last_error_message` gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FfiError {
    pub(crate) status: RmosStatus,
    pub(crate) message: String,
}

impl FfiError {
    pub(crate) fn new(status: RmosStatus, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    /// An argument the host got wrong, named by its C parameter name.
    pub(crate) fn argument(name: &str, what: impl std::fmt::Display) -> Self {
        Self::new(RmosStatus::RMOS_INVALID_ARGUMENT, format!("{name}: {what}"))
    }

    pub(crate) fn internal(what: impl std::fmt::Display) -> Self {
        Self::new(RmosStatus::RMOS_INTERNAL, format!("internal error: {what}"))
    }
}

impl From<InvalidJob> for FfiError {
    fn from(err: InvalidJob) -> Self {
        Self::new(RmosStatus::RMOS_INVALID_JOB, err.to_string())
    }
}

impl From<InvalidPolicy> for FfiError {
    fn from(err: InvalidPolicy) -> Self {
        Self::argument("policy_json", err)
    }
}

impl From<StoreError> for FfiError {
    fn from(err: StoreError) -> Self {
        Self::new(RmosStatus::RMOS_STORE, err.to_string())
    }
}

impl From<VerifyError> for FfiError {
    fn from(err: VerifyError) -> Self {
        match err {
            VerifyError::Tampered(t) => Self::new(RmosStatus::RMOS_TAMPERED, format!("ledger tampered: {t}")),
            VerifyError::Store(s) => s.into(),
            // VerifyError is non-exhaustive: a kind added later is still a failed verification.
            other => Self::new(RmosStatus::RMOS_TAMPERED, other.to_string()),
        }
    }
}
