//! `Job` and its parts: `Machine`, `Stock`, `Tool`, `Cutting`. Each wraps the core's own struct; the job
//! validates everything, naming the failing field (`InvalidJobError.path`).

use pyo3::prelude::*;
use pyo3::types::PyType;
use rmos_core::catalog::{ToolKind, ToolMaterial};
use rmos_core::job::{self as core, CutDirection};

use crate::convert::{count, enum_id, job_enum, json_to_py, keyword_repr};
use crate::errors::{shielded, Result};
use crate::operations;

fn triple(a: [f64; 3]) -> (f64, f64, f64) {
    (a[0], a[1], a[2])
}

fn pair(a: [f64; 2]) -> (f64, f64) {
    (a[0], a[1])
}

/// The machine's envelope and limits.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Machine(pub core::Machine);

#[pymethods]
impl Machine {
    #[new]
    #[pyo3(signature = (*, travel_mm, spindle_rpm, max_feed_mm_min, max_plunge_mm_min, rapid_mm_min, name = String::new()))]
    fn new(
        travel_mm: [f64; 3],
        spindle_rpm: [f64; 2],
        max_feed_mm_min: f64,
        max_plunge_mm_min: f64,
        rapid_mm_min: f64,
        name: String,
    ) -> Self {
        Self(core::Machine {
            name,
            travel_mm,
            spindle_rpm,
            max_feed_mm_min,
            max_plunge_mm_min,
            rapid_mm_min,
        })
    }
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    #[getter]
    fn travel_mm(&self) -> (f64, f64, f64) {
        triple(self.0.travel_mm)
    }
    #[getter]
    fn spindle_rpm(&self) -> (f64, f64) {
        pair(self.0.spindle_rpm)
    }
    #[getter]
    fn max_feed_mm_min(&self) -> f64 {
        self.0.max_feed_mm_min
    }
    #[getter]
    fn max_plunge_mm_min(&self) -> f64 {
        self.0.max_plunge_mm_min
    }
    #[getter]
    fn rapid_mm_min(&self) -> f64 {
        self.0.rapid_mm_min
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(
            slf.as_any(),
            &[
                "name",
                "travel_mm",
                "spindle_rpm",
                "max_feed_mm_min",
                "max_plunge_mm_min",
                "rapid_mm_min",
            ],
        )
    }
}

/// The stock: catalog material and size.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Stock(pub core::Stock);

#[pymethods]
impl Stock {
    #[new]
    #[pyo3(signature = (*, material, size_mm, thickness_mm))]
    fn new(material: String, size_mm: [f64; 2], thickness_mm: f64) -> Self {
        Self(core::Stock {
            material,
            size_mm,
            thickness_mm,
        })
    }
    #[getter]
    fn material(&self) -> &str {
        &self.0.material
    }
    #[getter]
    fn size_mm(&self) -> (f64, f64) {
        pair(self.0.size_mm)
    }
    #[getter]
    fn thickness_mm(&self) -> f64 {
        self.0.thickness_mm
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(slf.as_any(), &["material", "size_mm", "thickness_mm"])
    }
}

/// The one cutter a job uses.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Tool(pub core::Tool);

#[pymethods]
impl Tool {
    #[new]
    #[pyo3(signature = (*, kind, diameter_mm, flutes, flute_length_mm, stickout_mm, tool_material))]
    fn new(
        kind: &str,
        diameter_mm: f64,
        flutes: i64,
        flute_length_mm: f64,
        stickout_mm: f64,
        tool_material: &str,
    ) -> Result<Self> {
        Ok(Self(core::Tool {
            kind: job_enum::<ToolKind>("tool.kind", kind)?,
            diameter_mm,
            flutes: count("tool.flutes", flutes)?,
            flute_length_mm,
            stickout_mm,
            tool_material: job_enum::<ToolMaterial>("tool.tool_material", tool_material)?,
        }))
    }
    #[getter]
    fn kind(&self) -> String {
        enum_id(&self.0.kind)
    }
    #[getter]
    fn diameter_mm(&self) -> f64 {
        self.0.diameter_mm
    }
    #[getter]
    fn flutes(&self) -> u32 {
        self.0.flutes
    }
    #[getter]
    fn flute_length_mm(&self) -> f64 {
        self.0.flute_length_mm
    }
    #[getter]
    fn stickout_mm(&self) -> f64 {
        self.0.stickout_mm
    }
    #[getter]
    fn tool_material(&self) -> String {
        enum_id(&self.0.tool_material)
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(
            slf.as_any(),
            &[
                "kind",
                "diameter_mm",
                "flutes",
                "flute_length_mm",
                "stickout_mm",
                "tool_material",
            ],
        )
    }
}

/// Spindle, feeds and depths for the whole job.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Cutting(pub core::Cutting);

#[pymethods]
impl Cutting {
    #[new]
    #[pyo3(signature = (
        *, rpm, feed_mm_min, plunge_mm_min, stepdown_mm, stepover, safe_z_mm, direction = "climb",
        coolant = false, feed_override_percent = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        rpm: f64,
        feed_mm_min: f64,
        plunge_mm_min: f64,
        stepdown_mm: f64,
        stepover: f64,
        safe_z_mm: f64,
        direction: &str,
        coolant: bool,
        feed_override_percent: Option<f64>,
    ) -> Result<Self> {
        Ok(Self(core::Cutting {
            rpm,
            feed_mm_min,
            plunge_mm_min,
            stepdown_mm,
            stepover,
            safe_z_mm,
            direction: job_enum::<CutDirection>("cutting.direction", direction)?,
            coolant,
            feed_override_percent,
        }))
    }
    #[getter]
    fn rpm(&self) -> f64 {
        self.0.rpm
    }
    #[getter]
    fn feed_mm_min(&self) -> f64 {
        self.0.feed_mm_min
    }
    #[getter]
    fn plunge_mm_min(&self) -> f64 {
        self.0.plunge_mm_min
    }
    #[getter]
    fn stepdown_mm(&self) -> f64 {
        self.0.stepdown_mm
    }
    #[getter]
    fn stepover(&self) -> f64 {
        self.0.stepover
    }
    #[getter]
    fn safe_z_mm(&self) -> f64 {
        self.0.safe_z_mm
    }
    #[getter]
    fn direction(&self) -> String {
        enum_id(&self.0.direction)
    }
    #[getter]
    fn coolant(&self) -> bool {
        self.0.coolant
    }
    #[getter]
    fn feed_override_percent(&self) -> Option<f64> {
        self.0.feed_override_percent
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(
            slf.as_any(),
            &[
                "rpm",
                "feed_mm_min",
                "plunge_mm_min",
                "stepdown_mm",
                "stepover",
                "safe_z_mm",
                "direction",
                "coolant",
                "feed_override_percent",
            ],
        )
    }
}

/// A validated machining job.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Job(pub core::Job);

#[pymethods]
impl Job {
    #[new]
    #[pyo3(signature = (*, machine, stock, tool, cutting, operations, name = None))]
    fn new(
        machine: PyRef<'_, Machine>,
        stock: PyRef<'_, Stock>,
        tool: PyRef<'_, Tool>,
        cutting: PyRef<'_, Cutting>,
        operations: Vec<Bound<'_, PyAny>>,
        name: Option<String>,
    ) -> PyResult<Self> {
        let ops = operations
            .iter()
            .enumerate()
            .map(|(i, op)| operations::extract(i, op))
            .collect::<PyResult<Vec<_>>>()?;
        let (m, s, t, c) = (
            machine.0.clone(),
            stock.0.clone(),
            tool.0.clone(),
            cutting.0.clone(),
        );
        let mut job = shielded(|| Ok(core::Job::new(m, s, t, c, ops)?))?;
        job.name = name;
        Ok(Self(job))
    }

    /// Reads and validates a job document; feasibility keys a client sent are dropped (and the report
    /// says so).
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &str) -> PyResult<Self> {
        let job = py.detach(|| shielded(|| Ok(core::Job::from_json(text)?)))?;
        Ok(Self(job))
    }

    /// The job document as JSON.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The job document as Python dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.to_json())
    }

    #[getter]
    fn name(&self) -> Option<&str> {
        self.0.name.as_deref()
    }
    #[getter]
    fn machine(&self) -> Machine {
        Machine(self.0.machine.clone())
    }
    #[getter]
    fn stock(&self) -> Stock {
        Stock(self.0.stock.clone())
    }
    #[getter]
    fn tool(&self) -> Tool {
        Tool(self.0.tool.clone())
    }
    #[getter]
    fn cutting(&self) -> Cutting {
        Cutting(self.0.cutting.clone())
    }
    #[getter]
    fn operations<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.0
            .operations
            .iter()
            .map(|op| operations::to_py(py, op))
            .collect()
    }
    /// True when the document carried client feasibility keys, which were dropped (invariant S1).
    #[getter]
    fn client_feasibility_ignored(&self) -> bool {
        self.0.client_feasibility_ignored()
    }
    fn __repr__(&self) -> String {
        let kinds: Vec<&str> = self.0.operations.iter().map(|op| op.kind()).collect();
        format!(
            "Job(name={}, material={}, operations=[{}])",
            self.0
                .name
                .as_deref()
                .map_or_else(|| "None".to_owned(), crate::convert::quoted),
            crate::convert::quoted(&self.0.stock.material),
            kinds.join(", ")
        )
    }
}

/// Registers the job classes.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Machine>()?;
    module.add_class::<Stock>()?;
    module.add_class::<Tool>()?;
    module.add_class::<Cutting>()?;
    module.add_class::<Job>()?;
    Ok(())
}
