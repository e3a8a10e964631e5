//! `Program`: G-code released from an approval, with its toolpath figures and its ledger artifact.

use pyo3::prelude::*;
use rmos_core::program::{self as core, PostOptions};
use rmos_core::workflow::{Approved, Evaluated, Session};

use rmos_core::documents::{Document, ProgramSummary};

use crate::convert::{enum_id, json_to_py, quoted};
use crate::errors::Result;
use crate::ledger::Ledger;
use crate::readback::{post_arg, units_arg, Bounds, ReadbackReport};
use crate::report::python_float;

/// A released program: G-code that passed read-back, and the artifact that records it.
#[pyclass(module = "rmos._core", frozen)]
#[derive(Debug)]
pub struct Program(core::Program);

/// Plans, posts, reads back and records `approved`'s program (without the GIL). Refused or failed:
/// `BlockedError` with the artifact id; ledger failure: `StoreError`.
pub fn generate(
    py: Python<'_>,
    approved: &Approved<Session<Evaluated>>,
    post: &str,
    units: &str,
    at: &str,
    ledger: &Ledger,
) -> Result<Program> {
    let options = PostOptions {
        post: post_arg(post)?,
        units: units_arg(units)?,
    };
    ledger.with(py, |store| {
        Ok(Program(core::Program::release(approved, options, at, store)?))
    })
}

#[pymethods]
impl Program {
    /// The G-code, byte for byte as recorded in the ledger.
    #[getter]
    fn gcode(&self) -> &str {
        self.0.gcode()
    }
    /// Id of the `toolpath` artifact (`sha256:<hex>`).
    #[getter]
    fn artifact_id(&self) -> String {
        self.0.artifact_id().to_string()
    }
    /// Seq of the `toolpath` artifact in its ledger.
    #[getter]
    fn seq(&self) -> u64 {
        self.0.artifact().seq
    }
    /// SHA-256 of the G-code (`sha256:<hex>`): its attachment address in the ledger.
    #[getter]
    fn output_hash(&self) -> Option<String> {
        self.0.artifact().record.output_hash.map(|h| h.to_string())
    }
    /// Bounds of every point the toolpath reaches, mm.
    #[getter]
    fn bounds(&self) -> Bounds {
        Bounds(self.0.toolpath().bounds())
    }
    /// Estimated cycle time from the planned moves, seconds.
    #[getter]
    fn cycle_time_s(&self) -> f64 {
        self.0.toolpath().cycle_time_s()
    }
    /// Length of feed moves, mm.
    #[getter]
    fn cut_length_mm(&self) -> f64 {
        self.0.toolpath().cut_length_mm()
    }
    /// Length of rapid moves, mm.
    #[getter]
    fn rapid_length_mm(&self) -> f64 {
        self.0.toolpath().rapid_length_mm()
    }
    /// The controller dialect: `grbl`, `linuxcnc`, `mach3` or `fanuc`.
    #[getter]
    fn post(&self) -> &'static str {
        self.0.options().post.id()
    }
    /// `mm` or `inch`.
    #[getter]
    fn units(&self) -> String {
        enum_id(&self.0.options().units)
    }
    /// The program summary as JSON: `{"artifact_id", "seq", "post", "units", "gcode_bytes", "output_hash",
    /// "bounds", "cut_length_mm", "rapid_length_mm", "cycle_time_s"}`, the bytes the C ABI's
    /// `rmos_program_summary_json` gives.
    fn summary_json(&self) -> String {
        ProgramSummary::of(&self.0).to_json()
    }
    /// The program summary as Python dicts and lists.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.summary_json())
    }
    /// What the read-back found before release (never a RED finding).
    #[getter]
    fn readback(&self) -> ReadbackReport {
        ReadbackReport(self.0.readback().clone())
    }
    fn __repr__(&self) -> String {
        format!(
            "Program(post={}, lines={}, cycle_time_s={}, artifact_id={})",
            quoted(self.0.options().post.id()),
            self.0.gcode().lines().count(),
            python_float((self.0.toolpath().cycle_time_s() * 10.0).round() / 10.0),
            quoted(&self.0.artifact_id().to_string())
        )
    }
}

/// Registers the release classes.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Program>()?;
    Ok(())
}
