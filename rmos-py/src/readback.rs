//! The read-back audit: `check_gcode` holds any program against a job, `read_gcode` reads one alone.

use pyo3::prelude::*;
use rmos_core::documents::{Document, ReadbackSummary};
use rmos_core::posts::Post;
use rmos_core::readback::{self as core};
use rmos_core::toolpaths;

use crate::convert::{json_to_py, parse_enum, quoted};
use crate::errors::{shielded, Error, Result};
use crate::job::Job;
use crate::report::{python_float, Finding};

/// Axis-aligned bounds of every point a program reaches, arc extremes and drilling depths included, mm.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Bounds(pub toolpaths::Bounds);

#[pymethods]
impl Bounds {
    /// Smallest X, Y, Z.
    #[getter]
    fn min(&self) -> (f64, f64, f64) {
        let [x, y, z] = self.0.min;
        (x, y, z)
    }
    /// Largest X, Y, Z.
    #[getter]
    fn max(&self) -> (f64, f64, f64) {
        let [x, y, z] = self.0.max;
        (x, y, z)
    }
    fn __repr__(&self) -> String {
        let t = |v: [f64; 3]| v.map(python_float).join(", ");
        format!("Bounds(min=({}), max=({}))", t(self.0.min), t(self.0.max))
    }
}

/// A post (controller dialect) named on the Python side: `grbl`, `linuxcnc`, `mach3` or `fanuc`.
pub fn post_arg(post: &str) -> Result<Post> {
    post.parse::<Post>()
        .map_err(|e| Error::argument("post", e.to_string()))
}

/// What the read-back check found in one program.
#[pyclass(module = "rmos._core", frozen)]
#[derive(Debug, Clone)]
pub struct ReadbackReport(pub core::ReadbackReport);

#[pymethods]
impl ReadbackReport {
    /// The worst finding's bucket: `GREEN`, `YELLOW` or `RED`.
    #[getter]
    fn bucket(&self) -> &'static str {
        self.0.bucket.as_str()
    }
    /// True when no finding is RED: the program may be released.
    #[getter]
    fn passed(&self) -> bool {
        self.0.passed()
    }
    /// Findings in line order.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.0.findings.iter().cloned().map(Finding).collect()
    }
    /// The line of each finding (`lines[i]` is `findings[i]`'s), `None` for program-wide ones.
    #[getter]
    fn lines(&self) -> Vec<Option<usize>> {
        self.0.lines.clone()
    }
    /// Bounds of every point reached; `None` until every axis has a known position.
    #[getter]
    fn bounds(&self) -> Option<Bounds> {
        self.0.bounds.map(Bounds)
    }
    /// The lowest Z reached, mm (negative below the stock top).
    #[getter]
    fn deepest_z(&self) -> Option<f64> {
        self.0.deepest_z
    }
    /// The dialect the words were held to; `None` for the dialect-neutral rules.
    #[getter]
    fn post(&self) -> Option<&'static str> {
        self.0.post.map(Post::id)
    }
    /// Engine stamp, `rmos.readback/<semver>`.
    #[getter]
    fn engine(&self) -> &str {
        &self.0.engine
    }
    /// Counts and lengths: lines, rapid/feed/arc moves, drill holes, tool changes, rapid and feed length.
    #[getter]
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &serde_json::to_string(&self.0.stats).unwrap_or_default())
    }
    /// The codes of the findings, in order.
    fn codes(&self) -> Vec<String> {
        self.0.codes().into_iter().map(str::to_owned).collect()
    }
    /// The report as Python dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &serde_json::to_string(&self.0).unwrap_or_default())
    }
    /// The read-back summary as JSON: `{"passed", "bucket", "findings": [{..., "line"}], "bounds",
    /// "deepest_z", "post", "stats", "engine"}`, each finding with its line; the bytes the C ABI's
    /// `rmos_check_gcode` gives.
    fn summary_json(&self) -> String {
        ReadbackSummary::of(&self.0).to_json()
    }
    /// The read-back summary as Python dicts and lists.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.summary_json())
    }
    fn __repr__(&self) -> String {
        let located: Vec<String> = self
            .0
            .located()
            .map(|(line, f)| match line {
                Some(line) => format!("{}@{line}", f.code),
                None => f.code.clone(),
            })
            .collect();
        format!(
            "ReadbackReport(bucket={}, passed={}, findings=[{}])",
            quoted(self.0.bucket.as_str()),
            if self.0.passed() { "True" } else { "False" },
            located.join(", ")
        )
    }
}

/// A program as RMOS's reader understands it, without a job.
#[pyclass(module = "rmos._core", frozen)]
#[derive(Debug, Clone)]
pub struct Reading(core::Reading);

#[pymethods]
impl Reading {
    /// Bounds of every point reached; `None` until every axis has a known position.
    #[getter]
    fn bounds(&self) -> Option<Bounds> {
        self.0.bounds.map(Bounds)
    }
    /// The lowest Z reached, mm.
    #[getter]
    fn deepest_z(&self) -> Option<f64> {
        self.0.deepest_z
    }
    /// `mm` or `inch`, from the first G21/G20; `None` without one.
    #[getter]
    fn units(&self) -> Option<String> {
        self.0.units.map(|u| crate::convert::enum_id(&u))
    }
    /// Counts and lengths.
    #[getter]
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &serde_json::to_string(&self.0.stats).unwrap_or_default())
    }
    /// Findings that need no job (arcs, modal errors, units), in line order.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.0.findings.iter().cloned().map(Finding).collect()
    }
    /// Lines the reader skipped (macros, unknown codes).
    #[getter]
    fn skipped_lines(&self) -> Vec<usize> {
        self.0.skipped_lines.clone()
    }
    fn __repr__(&self) -> String {
        let bounds = self.bounds().map_or_else(|| "None".to_owned(), |b| b.__repr__());
        let deepest = self.0.deepest_z.map_or_else(|| "None".to_owned(), python_float);
        format!(
            "Reading(bounds={bounds}, deepest_z={deepest}, segments={})",
            self.0.segments.len()
        )
    }
}

/// Holds a G-code program against `job`, with the word rules of `post` (dialect-neutral when `None`): the
/// read-back audit every released program passed. Runs without the GIL.
#[pyfunction]
#[pyo3(signature = (gcode, job, *, post = None))]
fn check_gcode(
    py: Python<'_>,
    gcode: &str,
    job: PyRef<'_, Job>,
    post: Option<&str>,
) -> Result<ReadbackReport> {
    let post = post.map(post_arg).transpose()?;
    let job = &job.0;
    py.detach(|| {
        shielded(|| {
            Ok(ReadbackReport(match post {
                Some(post) => core::check_for(gcode, job, post),
                None => core::check(gcode, job),
            }))
        })
    })
}

/// Reads a G-code program alone: its bounds, deepest Z, statistics and job-independent findings. A program
/// that cannot be read raises `InvalidArgumentError` naming the line.
#[pyfunction]
fn read_gcode(py: Python<'_>, gcode: &str) -> Result<Reading> {
    py.detach(|| {
        shielded(|| {
            core::read(gcode)
                .map(Reading)
                .map_err(|e| Error::argument("gcode", e.to_string()))
        })
    })
}

/// The units a program may be written in: `mm` or `inch`.
pub fn units_arg(units: &str) -> Result<rmos_core::posts::Units> {
    parse_enum(units).map_err(|reason| Error::argument("units", reason))
}

/// Registers the read-back classes and functions.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Bounds>()?;
    module.add_class::<ReadbackReport>()?;
    module.add_class::<Reading>()?;
    module.add_function(wrap_pyfunction!(check_gcode, module)?)?;
    module.add_function(wrap_pyfunction!(read_gcode, module)?)?;
    Ok(())
}
