//! The typestate, as Python classes: `Session` → `evaluate()` → `Evaluated` → `approve()` → `Approved`.
//!
//! `Evaluated` and `Approved` have no constructor: the only way to an `Evaluated` is `Session.evaluate`, and
//! the only way to an `Approved` is `Evaluated.approve`, which holds the core's own `Approved` (invariant S2).

use pyo3::prelude::*;
use rmos_core::gates::Override;
use rmos_core::workflow::{self as core, Draft};

use crate::convert::{at_or_now, quoted};
use crate::errors::{shielded, Result};
use crate::gates::{Actor, Policy};
use crate::job::Job;
use crate::ledger::Ledger;
use crate::release::{self, Program};
use crate::report::FeasibilityReport;

/// A job on its way to approval.
#[pyclass(module = "rmos._core", frozen)]
#[derive(Debug)]
pub struct Session(core::Session<Draft>);

#[pymethods]
impl Session {
    #[new]
    fn new(job: PyRef<'_, Job>) -> Self {
        Self(core::Session::new(job.0.clone()))
    }

    /// The job.
    #[getter]
    fn job(&self) -> Job {
        Job(self.0.job().clone())
    }

    /// Content address of the canonical job document (`sha256:<hex>`).
    #[getter]
    fn request_hash(&self) -> String {
        self.0.request_hash().to_string()
    }

    /// Computes the feasibility report under `policy` (the default policy when `None`). The report is
    /// always RMOS's own. Runs without the GIL.
    #[pyo3(signature = (policy = None))]
    fn evaluate(&self, py: Python<'_>, policy: Option<PyRef<'_, Policy>>) -> Result<Evaluated> {
        let policy = policy.map_or_else(Default::default, |p| p.0.clone());
        let draft = self.0.clone();
        let session = py.detach(|| shielded(|| Ok(draft.evaluate(&policy))))?;
        Ok(Evaluated { session })
    }

    fn __repr__(&self) -> String {
        format!(
            "Session(request_hash={})",
            quoted(&self.0.request_hash().to_string())
        )
    }
}

/// A session whose report RMOS computed. Made only by `Session.evaluate`.
#[pyclass(module = "rmos._core", frozen)]
#[derive(Debug)]
pub struct Evaluated {
    session: core::Session<core::Evaluated>,
}

#[pymethods]
impl Evaluated {
    /// The report RMOS computed.
    #[getter]
    fn report(&self) -> FeasibilityReport {
        FeasibilityReport(self.session.report().clone())
    }
    /// The report's bucket: `GREEN`, `YELLOW` or `RED`.
    #[getter]
    fn bucket(&self) -> &'static str {
        self.session.bucket().as_str()
    }
    /// The job.
    #[getter]
    fn job(&self) -> Job {
        Job(self.session.job().clone())
    }
    /// The policy the report was computed under (approval is held to it).
    #[getter]
    fn policy(&self) -> Policy {
        Policy(self.session.policy().clone())
    }
    #[getter]
    fn request_hash(&self) -> String {
        self.session.request_hash().to_string()
    }
    #[getter]
    fn report_hash(&self) -> String {
        self.session.report_hash().to_string()
    }
    #[getter]
    fn policy_hash(&self) -> String {
        self.session.policy_hash().to_string()
    }

    /// Asks for approval by `actor`, recording the attempt in `ledger` before returning.
    ///
    /// GREEN approves for a human; YELLOW needs `override_reason`; RED also `acknowledge_risk=True`, and only
    /// where the policy enables RED overrides. Refused: `BlockedError` (with the artifact id and the report);
    /// ledger failure: `StoreError`. `at` is the RFC 3339 UTC timestamp to record (now when `None`).
    #[pyo3(signature = (actor, ledger, *, override_reason = None, acknowledge_risk = false, at = None))]
    fn approve(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, Actor>,
        ledger: PyRef<'_, Ledger>,
        override_reason: Option<String>,
        acknowledge_risk: bool,
        at: Option<String>,
    ) -> PyResult<Approved> {
        let at = at_or_now(py, at)?;
        let actor = actor.0.clone();
        let override_ = match (override_reason, acknowledge_risk) {
            (None, false) => None,
            (reason, acknowledge) => Some(Override::new(reason.unwrap_or_default(), acknowledge)),
        };
        let approved = ledger.with(py, |store| {
            let result = match &override_ {
                None => self.session.approve(&actor, &at, store),
                Some(o) => self.session.approve_with_override(&actor, o, &at, store),
            };
            Ok(result?)
        })?;
        Ok(Approved(approved))
    }

    fn __repr__(&self) -> String {
        format!(
            "Evaluated(bucket={}, findings=[{}])",
            quoted(self.session.bucket().as_str()),
            self.session.report().codes().join(", ")
        )
    }
}

/// An approved session. There is no constructor: only `Evaluated.approve` makes one, after the approval
/// artifact was stored; G-code comes from nothing else.
#[pyclass(module = "rmos._core", frozen)]
#[derive(Debug)]
pub struct Approved(pub core::Approved<core::Session<core::Evaluated>>);

#[pymethods]
impl Approved {
    /// The approved job.
    #[getter]
    fn job(&self) -> Job {
        Job(self.0.job().clone())
    }
    /// The report the approval was based on.
    #[getter]
    fn report(&self) -> FeasibilityReport {
        FeasibilityReport(self.0.report().clone())
    }
    /// Id of the approval artifact (`sha256:<hex>`).
    #[getter]
    fn artifact_id(&self) -> String {
        self.0.artifact_id().to_string()
    }
    /// Seq of the approval artifact in its ledger.
    #[getter]
    fn seq(&self) -> u64 {
        self.0.artifact().seq
    }
    /// Why it was approved: the override notes, empty for a plain GREEN approval.
    #[getter]
    fn reasons(&self) -> Vec<String> {
        self.0.artifact().record.reasons.clone()
    }
    /// The human who approved.
    #[getter]
    fn actor(&self) -> Actor {
        Actor(self.0.actor().clone())
    }
    /// The policy the approval was given under.
    #[getter]
    fn policy(&self) -> Policy {
        Policy(self.0.policy().clone())
    }
    /// Plans the approved job, writes it for `post` (`grbl`, `linuxcnc`, `mach3`, `fanuc`) in `units` (`mm`
    /// or `inch`), reads the program back against the job and records it in `ledger` before returning it.
    /// Refused (an actor that may not emit G-code) or failed (read-back found a RED finding): `BlockedError`
    /// with the artifact id; ledger failure: `StoreError`. Runs without the GIL.
    #[pyo3(signature = (post, ledger, *, units = "mm", at = None))]
    fn toolpath(
        &self,
        py: Python<'_>,
        post: &str,
        ledger: PyRef<'_, Ledger>,
        units: &str,
        at: Option<String>,
    ) -> PyResult<Program> {
        let at = at_or_now(py, at)?;
        Ok(release::generate(py, &self.0, post, units, &at, &ledger)?)
    }

    fn __repr__(&self) -> String {
        format!(
            "Approved(artifact_id={}, seq={}, actor={}, bucket={})",
            quoted(&self.0.artifact_id().to_string()),
            self.0.artifact().seq,
            Actor(self.0.actor().clone()).__repr__(),
            quoted(self.0.report().bucket.as_str()),
        )
    }
}

/// Registers the workflow classes.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Session>()?;
    module.add_class::<Evaluated>()?;
    module.add_class::<Approved>()?;
    Ok(())
}
