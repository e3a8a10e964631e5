//! The exceptions Python sees, and the one place the core's errors become them.
//!
//! `RmosError` is the base of every exception raised here. The classes are made at import time with
//! Python's `type()`, because two of them have two bases (`InvalidJobError(RmosError, ValueError)`,
//! `StoreError(RmosError, OSError)`), which a single-base `#[pyclass]` cannot express.
//!
//! Panics: every call that runs RMOS's engines (parsing, evaluation, approval, planning, posting, read-back,
//! ledger access) goes through [`shielded`], which catches an unwinding panic and turns it into
//! [`Error::Internal`], raised as a plain `RmosError`. The other calls only read fields. Without the shield,
//! PyO3 would raise its `PanicException`, a `BaseException` that `except Exception` does not catch.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyException, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use pyo3::PyTypeInfo;
use rmos_core::documents::{Document, Refusal, VerifyResult};
use rmos_core::gates::InvalidPolicy;
use rmos_core::program::ReleaseError;
use rmos_core::runs::{RunStatus, StoreError, VerifyError};
use rmos_core::workflow::Blocked;
use rmos_core::InvalidJob;
use rmos_store::LedgerError;

use crate::report::FeasibilityReport;

/// Every failure rmos-py reports, one variant per Python exception it becomes.
#[derive(Debug)]
pub enum Error {
    /// A job document or job field is invalid: `InvalidJobError`.
    InvalidJob(InvalidJob),
    /// An argument that is not part of a job is invalid (post, units, policy document, ...):
    /// `InvalidArgumentError`.
    InvalidArgument {
        /// The argument (or its path, `policy.thresholds.x`).
        argument: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An approval was refused, or a release was refused or failed, with its artifact: `BlockedError`.
    Blocked {
        /// `BLOCKED` or `ERROR`.
        status: RunStatus,
        /// The artifact recording the attempt.
        artifact_id: Option<String>,
        /// The report RMOS computed, for approvals.
        report: Option<Box<rmos_core::feasibility::FeasibilityReport>>,
        /// Every reason that applied.
        reasons: Vec<String>,
        /// The message.
        message: String,
        /// The refusal document, the bytes the C ABI gives for the same refusal.
        document: String,
    },
    /// The ledger's chain does not verify: `TamperError`.
    Tampered {
        /// The first bad seq.
        seq: u64,
        /// What is wrong there.
        reason: String,
    },
    /// The ledger could not be read or written: `StoreError`.
    Store(String),
    /// A DXF drawing gave no outlines: `DxfError`.
    Dxf {
        /// What went wrong (`open_chain`, `self_intersecting`, `unreadable`, ...).
        kind: &'static str,
        /// The handles of the entities involved.
        handles: Vec<String>,
        /// The message.
        message: String,
    },
    /// A panic inside RMOS, caught at the boundary: `RmosError`.
    Internal(String),
}

/// A Python result whose error is an [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl From<InvalidJob> for Error {
    fn from(err: InvalidJob) -> Self {
        Self::InvalidJob(err)
    }
}

impl From<InvalidPolicy> for Error {
    fn from(err: InvalidPolicy) -> Self {
        let argument = if err.path == "$" {
            "policy".to_owned()
        } else {
            format!("policy.{}", err.path)
        };
        Self::InvalidArgument {
            argument,
            reason: err.reason,
        }
    }
}

impl From<StoreError> for Error {
    fn from(err: StoreError) -> Self {
        Self::Store(err.to_string())
    }
}

impl From<VerifyError> for Error {
    fn from(err: VerifyError) -> Self {
        match err {
            VerifyError::Tampered(t) => Self::Tampered {
                seq: t.seq,
                reason: t.reason,
            },
            VerifyError::Store(s) => s.into(),
            other => Self::Store(other.to_string()),
        }
    }
}

impl From<LedgerError> for Error {
    fn from(err: LedgerError) -> Self {
        match err {
            LedgerError::Tampered(t) => Self::Tampered {
                seq: t.seq,
                reason: t.reason,
            },
            poisoned @ LedgerError::Poisoned(_) => Self::Internal(poisoned.to_string()),
            other => Self::Store(other.to_string()),
        }
    }
}

impl From<Blocked> for Error {
    fn from(blocked: Blocked) -> Self {
        let message = blocked.to_string();
        match blocked.store_error {
            Some(store) => Self::Store(format!("{message} ({store})")),
            None => Self::Blocked {
                document: Refusal::of_approval(&blocked).to_json(),
                status: blocked.status,
                artifact_id: blocked.artifact_id.map(|id| id.to_string()),
                report: Some(blocked.report),
                reasons: blocked.reasons,
                message,
            },
        }
    }
}

impl From<ReleaseError> for Error {
    fn from(err: ReleaseError) -> Self {
        let message = err.to_string();
        let document = Refusal::of_release(&err).to_json();
        match err {
            ReleaseError::NotPermitted { artifact_id, reason } => Self::Blocked {
                status: RunStatus::Blocked,
                artifact_id: Some(artifact_id.to_string()),
                report: None,
                reasons: vec![reason],
                message,
                document,
            },
            ReleaseError::Failed { artifact_id, reasons } => Self::Blocked {
                status: RunStatus::Error,
                artifact_id: Some(artifact_id.to_string()),
                report: None,
                reasons,
                message,
                document,
            },
            ReleaseError::NotThisLedger { reason } => Self::Blocked {
                status: RunStatus::Blocked,
                artifact_id: None,
                report: None,
                reasons: vec![reason],
                message,
                document,
            },
            ReleaseError::Store(store) => store.into(),
        }
    }
}

impl Error {
    /// An [`Error::InvalidArgument`].
    pub fn argument(argument: &str, reason: impl Into<String>) -> Self {
        Self::InvalidArgument {
            argument: argument.to_owned(),
            reason: reason.into(),
        }
    }
}

/// Runs `f`, turning a panic into [`Error::Internal`] so that no panic reaches Python as anything but
/// `RmosError`.
pub fn shielded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(Error::Internal(format!("internal error in rmos: {what}")))
    })
}

/// The exception classes, made once per interpreter at import.
pub struct Exceptions {
    rmos: Py<PyType>,
    invalid_job: Py<PyType>,
    invalid_argument: Py<PyType>,
    blocked: Py<PyType>,
    tamper: Py<PyType>,
    store: Py<PyType>,
    dxf: Py<PyType>,
}

static EXCEPTIONS: PyOnceLock<Exceptions> = PyOnceLock::new();

/// Makes `class name(*bases)` with a docstring and class-level defaults for its attributes.
fn class<'py>(
    py: Python<'py>,
    name: &str,
    bases: Vec<Bound<'py, PyAny>>,
    doc: &str,
    defaults: &[(&str, Bound<'py, PyAny>)],
) -> PyResult<Py<PyType>> {
    let dict = PyDict::new(py);
    dict.set_item("__doc__", doc)?;
    dict.set_item("__module__", "rmos")?;
    for (key, value) in defaults {
        dict.set_item(*key, value)?;
    }
    let bases = PyTuple::new(py, bases)?;
    let made = py
        .import("builtins")?
        .getattr("type")?
        .call1((name, bases, dict))?;
    Ok(made.cast_into::<PyType>()?.unbind())
}

impl Exceptions {
    fn make(py: Python<'_>) -> PyResult<Self> {
        let none = || py.None().into_bound(py);
        let empty = || "".into_pyobject(py).map(|s| s.into_any());
        let rmos = class(
            py,
            "RmosError",
            vec![PyException::type_object(py).into_any()],
            "Base of every error RMOS raises.",
            &[],
        )?;
        let base = || rmos.bind(py).clone().into_any();
        let invalid_job = class(
            py,
            "InvalidJobError",
            vec![base(), PyValueError::type_object(py).into_any()],
            "A job, or one of its parts, is invalid. `path` names the field (`operations[2].depth_mm`), \
             `reason` says what is wrong.",
            &[("path", empty()?), ("reason", empty()?)],
        )?;
        let invalid_argument = class(
            py,
            "InvalidArgumentError",
            vec![base(), PyValueError::type_object(py).into_any()],
            "An argument other than a job is invalid (post, units, timestamp, policy document). `argument` \
             names it, `reason` says what is wrong.",
            &[("argument", empty()?), ("reason", empty()?)],
        )?;
        let blocked = class(
            py,
            "BlockedError",
            vec![base()],
            "An approval, or a release of G-code, was refused or failed. `status` is BLOCKED or ERROR, \
             `artifact_id` the ledger artifact that records the attempt, `report` the feasibility report (for \
             approvals), `reasons` every reason that applied, `document` the refusal as JSON (the bytes the C \
             ABI gives).",
            &[
                ("status", empty()?),
                ("artifact_id", none()),
                ("report", none()),
                ("reasons", PyTuple::empty(py).into_any()),
                ("document", empty()?),
            ],
        )?;
        let tamper = class(
            py,
            "TamperError",
            vec![base()],
            "The ledger's chain does not verify. `seq` is the first artifact that breaks it, `reason` how, \
             `document` the verify result as JSON (the bytes the C ABI gives).",
            &[("seq", none()), ("reason", empty()?), ("document", empty()?)],
        )?;
        let store = class(
            py,
            "StoreError",
            vec![base(), PyOSError::type_object(py).into_any()],
            "The ledger could not be opened, read or written.",
            &[],
        )?;
        let dxf = class(
            py,
            "DxfError",
            vec![base(), PyValueError::type_object(py).into_any()],
            "A DXF drawing gave no closed outlines. `kind` says why (`open_chain`, `self_intersecting`, \
             `branching`, `degenerate`, `unsupported_entity`, `unknown_units`, `unsupported_units`, \
             `unreadable`), `handles` names the entities involved.",
            &[("kind", empty()?), ("handles", PyTuple::empty(py).into_any())],
        )?;
        Ok(Self {
            rmos,
            invalid_job,
            invalid_argument,
            blocked,
            tamper,
            store,
            dxf,
        })
    }

    /// The classes, made on first use.
    pub fn get(py: Python<'_>) -> PyResult<&Self> {
        EXCEPTIONS.get_or_try_init(py, || Self::make(py))
    }

    /// Adds every class to `module`.
    pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
        let py = module.py();
        let e = Self::get(py)?;
        for (name, ty) in [
            ("RmosError", &e.rmos),
            ("InvalidJobError", &e.invalid_job),
            ("InvalidArgumentError", &e.invalid_argument),
            ("BlockedError", &e.blocked),
            ("TamperError", &e.tamper),
            ("StoreError", &e.store),
            ("DxfError", &e.dxf),
        ] {
            module.add(name, ty.clone_ref(py))?;
        }
        Ok(())
    }
}

/// An instance of `ty` with `message`, its attributes set.
fn raise(
    py: Python<'_>,
    ty: &Py<PyType>,
    message: String,
    attrs: Vec<(&str, Bound<'_, PyAny>)>,
) -> PyResult<PyErr> {
    let value = ty.bind(py).call1((message,))?;
    for (key, v) in attrs {
        value.setattr(key, v)?;
    }
    Ok(PyErr::from_value(value))
}

impl Error {
    fn into_pyerr(self, py: Python<'_>) -> PyResult<PyErr> {
        let e = Exceptions::get(py)?;
        let s = |text: String| text.into_pyobject(py).map(|v| v.into_any());
        match self {
            Self::InvalidJob(err) => {
                let message = err.to_string();
                raise(
                    py,
                    &e.invalid_job,
                    message,
                    vec![("path", s(err.path)?), ("reason", s(err.reason)?)],
                )
            }
            Self::InvalidArgument { argument, reason } => raise(
                py,
                &e.invalid_argument,
                format!("{argument}: {reason}"),
                vec![("argument", s(argument)?), ("reason", s(reason)?)],
            ),
            Self::Blocked {
                status,
                artifact_id,
                report,
                reasons,
                message,
                document,
            } => {
                let report = match report {
                    Some(r) => Bound::new(py, FeasibilityReport::from(*r))?.into_any(),
                    None => py.None().into_bound(py),
                };
                raise(
                    py,
                    &e.blocked,
                    message,
                    vec![
                        ("status", s(status.as_str().to_owned())?),
                        ("artifact_id", artifact_id.into_pyobject(py)?.into_any()),
                        ("report", report),
                        ("reasons", reasons.into_pyobject(py)?.into_any()),
                        ("document", s(document)?),
                    ],
                )
            }
            Self::Tampered { seq, reason } => {
                let document = VerifyResult::Tampered {
                    verified: false,
                    seq,
                    reason: &reason,
                }
                .to_json();
                raise(
                    py,
                    &e.tamper,
                    format!("ledger does not verify at seq {seq}: {reason}"),
                    vec![
                        ("seq", seq.into_pyobject(py)?.into_any()),
                        ("reason", s(reason)?),
                        ("document", s(document)?),
                    ],
                )
            }
            Self::Store(message) => raise(py, &e.store, message, vec![]),
            Self::Dxf {
                kind,
                handles,
                message,
            } => raise(
                py,
                &e.dxf,
                message,
                vec![
                    ("kind", s(kind.to_owned())?),
                    ("handles", PyTuple::new(py, handles)?.into_any()),
                ],
            ),
            Self::Internal(message) => raise(py, &e.rmos, message, vec![]),
        }
    }
}

impl From<Error> for PyErr {
    fn from(err: Error) -> Self {
        Python::attach(|py| err.into_pyerr(py).unwrap_or_else(|failed| failed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyo3::panic::PanicException;

    #[test]
    #[allow(clippy::panic, clippy::unwrap_used)]
    fn a_panic_inside_the_shield_is_raised_as_rmos_error() {
        let caught: Result<()> = shielded(|| panic!("boom at seq 3"));
        let Err(Error::Internal(message)) = &caught else {
            panic!("expected an internal error, got {caught:?}");
        };
        assert_eq!(message, "internal error in rmos: boom at seq 3");

        let formatted: Result<()> = shielded(|| panic!("{} {}", "formatted", 7));
        assert!(matches!(&formatted, Err(Error::Internal(m)) if m == "internal error in rmos: formatted 7"));

        Python::initialize();
        Python::attach(|py| {
            let err: PyErr = caught.unwrap_err().into();
            let rmos = Exceptions::get(py).unwrap().rmos.bind(py);
            assert!(err.is_instance(py, rmos), "raised as rmos.RmosError");
            assert!(
                err.is_instance_of::<PyException>(py),
                "caught by `except Exception`"
            );
            assert!(!err.is_instance_of::<PanicException>(py));
            assert_eq!(
                err.value(py).str().unwrap().to_string(),
                "internal error in rmos: boom at seq 3"
            );
        });
    }

    #[test]
    fn results_pass_through_the_shield() {
        assert!(matches!(shielded(|| Ok(7)), Ok(7)));
        let refused = shielded::<()>(|| Err(Error::Store("full".to_owned())));
        assert!(matches!(refused, Err(Error::Store(m)) if m == "full"));
    }
}
