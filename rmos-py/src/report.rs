//! `FeasibilityReport` and `Finding`: what RMOS computed about a job, read-only.

use pyo3::prelude::*;
use rmos_core::feasibility::{self as core};

use crate::convert::{json_to_py, quoted};
use crate::errors::{shielded, Result};

/// One rule that fired.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Finding(pub core::Finding);

#[pymethods]
impl Finding {
    /// Stable rule code (`F032`, `CHIPLOAD_HIGH`, `RB_ENVELOPE`, ...).
    #[getter]
    fn code(&self) -> &str {
        &self.0.code
    }
    /// `GREEN`, `YELLOW` or `RED`.
    #[getter]
    fn bucket(&self) -> &'static str {
        self.0.bucket.as_str()
    }
    /// What is wrong, with the numbers.
    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }
    /// The measured value, when the rule measures one.
    #[getter]
    fn value(&self) -> Option<f64> {
        self.0.value
    }
    /// The limit it was held against, when there is one.
    #[getter]
    fn limit(&self) -> Option<f64> {
        self.0.limit
    }
    /// Index of the operation the finding is about; `None` for the job as a whole.
    #[getter]
    fn operation(&self) -> Option<usize> {
        self.0.operation
    }
    /// The finding as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &serde_json::to_string(&self.0).unwrap_or_default())
    }
    fn __repr__(&self) -> String {
        let at = self
            .0
            .operation
            .map_or_else(|| "job".to_owned(), |i| format!("operations[{i}]"));
        format!(
            "Finding({} {} at {}: {})",
            self.0.bucket,
            self.0.code,
            at,
            quoted(&self.0.message)
        )
    }
}

/// The result of evaluating a job: always computed by RMOS (invariant S1).
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct FeasibilityReport(pub core::FeasibilityReport);

impl From<core::FeasibilityReport> for FeasibilityReport {
    fn from(report: core::FeasibilityReport) -> Self {
        Self(report)
    }
}

#[pymethods]
impl FeasibilityReport {
    /// The worst finding's bucket: `GREEN`, `YELLOW` or `RED`.
    #[getter]
    fn bucket(&self) -> &'static str {
        self.0.bucket.as_str()
    }
    /// 0 to 100, 100 with no findings.
    #[getter]
    fn score(&self) -> f64 {
        self.0.score
    }
    /// The findings in rule order, operation by operation.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.0.findings.iter().cloned().map(Finding).collect()
    }
    /// Estimated cycle time, seconds.
    #[getter]
    fn cycle_time_s(&self) -> f64 {
        self.0.estimates.cycle_time_s
    }
    /// Estimated material removed, mm³.
    #[getter]
    fn material_removed_mm3(&self) -> f64 {
        self.0.estimates.material_removed_mm3
    }
    /// Engine stamp, `rmos.feasibility/<semver>`.
    #[getter]
    fn engine(&self) -> &str {
        &self.0.engine
    }
    /// True when the job document carried client feasibility keys, which were dropped.
    #[getter]
    fn client_feasibility_ignored(&self) -> bool {
        self.0.client_feasibility_ignored
    }
    /// The codes of the findings, in order.
    fn codes(&self) -> Vec<String> {
        self.0.codes().into_iter().map(str::to_owned).collect()
    }
    /// The report as JSON (the form recorded in the ledger).
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    /// The report as Python dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.to_json())
    }
    fn __repr__(&self) -> String {
        format!(
            "FeasibilityReport(bucket={}, score={}, findings=[{}])",
            quoted(self.0.bucket.as_str()),
            python_float(self.0.score),
            self.0.codes().join(", ")
        )
    }
}

/// A float as Python prints it (`81.0`, `0.5`).
pub fn python_float(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    }
}

/// Evaluates a scenario document `{geometry, material, tool, params}` with the classic rules alone: the
/// entry point for shops moving from the original RMOS. Errors name the failing field (`InvalidJobError`).
#[pyfunction]
fn evaluate_scenario(py: Python<'_>, text: &str) -> Result<FeasibilityReport> {
    py.detach(|| shielded(|| Ok(FeasibilityReport(core::evaluate_scenario(text)?))))
}

/// Registers the report classes.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Finding>()?;
    module.add_class::<FeasibilityReport>()?;
    module.add_function(wrap_pyfunction!(evaluate_scenario, module)?)?;
    Ok(())
}
