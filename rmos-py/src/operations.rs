//! The operation classes: one per kind of `rmos_core::job::Operation`, each holding the core struct.
//!
//! A class is a plain value: its constructor takes keywords, checks only what Python types cannot say
//! (enum spellings, counts that fit) and builds the core struct; its getters read that struct, so the
//! field names, types and defaults are the job document's (`rings` 1, `corner_radius_mm` 0, `tabs` 0;
//! `side` required). The job validates the rest when it is built.

use pyo3::prelude::*;
use rmos_core::job::{self, CircleSide, Operation, ProfileSide};

use crate::convert::{count, enum_id, job_enum, json_to_py, keyword_repr};
use crate::errors::Result;

/// The document form of `op` as a Python dict.
fn op_dict<'py>(py: Python<'py>, op: Operation) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(&op).unwrap_or_default();
    json_to_py(py, &text)
}

fn pair(p: [f64; 2]) -> (f64, f64) {
    (p[0], p[1])
}

fn pairs(points: &[[f64; 2]]) -> Vec<(f64, f64)> {
    points.iter().copied().map(pair).collect()
}

/// An annular channel for rosette rings, cut from the inside out.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct RosetteChannel(job::RosetteChannel);

#[pymethods]
impl RosetteChannel {
    #[new]
    #[pyo3(signature = (*, center_mm, inner_diameter_mm, outer_diameter_mm, depth_mm, rings = 1))]
    fn new(
        center_mm: [f64; 2],
        inner_diameter_mm: f64,
        outer_diameter_mm: f64,
        depth_mm: f64,
        rings: i64,
    ) -> Result<Self> {
        Ok(Self(job::RosetteChannel {
            center_mm,
            inner_diameter_mm,
            outer_diameter_mm,
            depth_mm,
            rings: count("rosette_channel.rings", rings)?,
        }))
    }

    /// Centre, mm.
    #[getter]
    fn center_mm(&self) -> (f64, f64) {
        pair(self.0.center_mm)
    }

    /// Inner wall diameter, mm.
    #[getter]
    fn inner_diameter_mm(&self) -> f64 {
        self.0.inner_diameter_mm
    }

    /// Outer wall diameter, mm.
    #[getter]
    fn outer_diameter_mm(&self) -> f64 {
        self.0.outer_diameter_mm
    }

    /// Depth below the stock top, mm.
    #[getter]
    fn depth_mm(&self) -> f64 {
        self.0.depth_mm
    }

    /// Number of rings.
    #[getter]
    fn rings(&self) -> u32 {
        self.0.rings
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, Operation::RosetteChannel(self.0.clone()))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(
            slf.as_any(),
            &[
                "center_mm",
                "inner_diameter_mm",
                "outer_diameter_mm",
                "depth_mm",
                "rings",
            ],
        )
    }
}

/// A circle cut through or into the stock (a soundhole).
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct CircleCut(job::CircleCut);

#[pymethods]
impl CircleCut {
    #[new]
    #[pyo3(signature = (*, center_mm, diameter_mm, depth_mm, side, tabs = 0))]
    fn new(center_mm: [f64; 2], diameter_mm: f64, depth_mm: f64, side: &str, tabs: i64) -> Result<Self> {
        Ok(Self(job::CircleCut {
            center_mm,
            diameter_mm,
            depth_mm,
            side: job_enum::<CircleSide>("circle_cut.side", side)?,
            tabs: count("circle_cut.tabs", tabs)?,
        }))
    }

    /// Centre, mm.
    #[getter]
    fn center_mm(&self) -> (f64, f64) {
        pair(self.0.center_mm)
    }

    /// Finished diameter, mm.
    #[getter]
    fn diameter_mm(&self) -> f64 {
        self.0.diameter_mm
    }

    /// Depth below the stock top, mm.
    #[getter]
    fn depth_mm(&self) -> f64 {
        self.0.depth_mm
    }

    /// Which side is waste: `inside` or `outside`.
    #[getter]
    fn side(&self) -> String {
        enum_id(&self.0.side)
    }

    /// Holding tabs left on the last pass.
    #[getter]
    fn tabs(&self) -> u32 {
        self.0.tabs
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, Operation::CircleCut(self.0.clone()))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(
            slf.as_any(),
            &["center_mm", "diameter_mm", "depth_mm", "side", "tabs"],
        )
    }
}

/// Fret slots across a fretboard at equal-temperament positions.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct FretSlots(job::FretSlots);

#[pymethods]
impl FretSlots {
    #[new]
    #[pyo3(signature = (*, scale_length_mm, frets, nut_at_mm, board_width_mm, slot_depth_mm, kerf_mm))]
    fn new(
        scale_length_mm: f64,
        frets: i64,
        nut_at_mm: [f64; 2],
        board_width_mm: f64,
        slot_depth_mm: f64,
        kerf_mm: f64,
    ) -> Result<Self> {
        Ok(Self(job::FretSlots {
            scale_length_mm,
            frets: count("fret_slots.frets", frets)?,
            nut_at_mm,
            board_width_mm,
            slot_depth_mm,
            kerf_mm,
        }))
    }

    /// Scale length, mm.
    #[getter]
    fn scale_length_mm(&self) -> f64 {
        self.0.scale_length_mm
    }

    /// Number of frets.
    #[getter]
    fn frets(&self) -> u32 {
        self.0.frets
    }

    /// Nut position: X of the nut line, Y of the board centre line, mm.
    #[getter]
    fn nut_at_mm(&self) -> (f64, f64) {
        pair(self.0.nut_at_mm)
    }

    /// Board width across the slots, mm.
    #[getter]
    fn board_width_mm(&self) -> f64 {
        self.0.board_width_mm
    }

    /// Slot depth, mm.
    #[getter]
    fn slot_depth_mm(&self) -> f64 {
        self.0.slot_depth_mm
    }

    /// Slot width asked for, mm.
    #[getter]
    fn kerf_mm(&self) -> f64 {
        self.0.kerf_mm
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, Operation::FretSlots(self.0.clone()))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(
            slf.as_any(),
            &[
                "scale_length_mm",
                "frets",
                "nut_at_mm",
                "board_width_mm",
                "slot_depth_mm",
                "kerf_mm",
            ],
        )
    }
}

/// Holes drilled (pecked) at points.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct DrillPattern(job::DrillPattern);

#[pymethods]
impl DrillPattern {
    #[new]
    #[pyo3(signature = (*, points_mm, diameter_mm, depth_mm, peck_mm))]
    fn new(points_mm: Vec<[f64; 2]>, diameter_mm: f64, depth_mm: f64, peck_mm: f64) -> Self {
        Self(job::DrillPattern {
            points_mm,
            diameter_mm,
            depth_mm,
            peck_mm,
        })
    }

    /// Hole centres, mm.
    #[getter]
    fn points_mm(&self) -> Vec<(f64, f64)> {
        pairs(&self.0.points_mm)
    }

    /// Hole diameter, mm.
    #[getter]
    fn diameter_mm(&self) -> f64 {
        self.0.diameter_mm
    }

    /// Hole depth, mm.
    #[getter]
    fn depth_mm(&self) -> f64 {
        self.0.depth_mm
    }

    /// Peck depth, mm.
    #[getter]
    fn peck_mm(&self) -> f64 {
        self.0.peck_mm
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, Operation::DrillPattern(self.0.clone()))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(slf.as_any(), &["points_mm", "diameter_mm", "depth_mm", "peck_mm"])
    }
}

/// A rectangular pocket with rounded corners.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct RectPocket(job::RectPocket);

#[pymethods]
impl RectPocket {
    #[new]
    #[pyo3(signature = (*, corner_mm, size_mm, depth_mm, corner_radius_mm = 0.0))]
    fn new(corner_mm: [f64; 2], size_mm: [f64; 2], depth_mm: f64, corner_radius_mm: f64) -> Self {
        Self(job::RectPocket {
            corner_mm,
            size_mm,
            corner_radius_mm,
            depth_mm,
        })
    }

    /// Lower-left corner, mm.
    #[getter]
    fn corner_mm(&self) -> (f64, f64) {
        pair(self.0.corner_mm)
    }

    /// Size in X and Y, mm.
    #[getter]
    fn size_mm(&self) -> (f64, f64) {
        pair(self.0.size_mm)
    }

    /// Corner radius, mm.
    #[getter]
    fn corner_radius_mm(&self) -> f64 {
        self.0.corner_radius_mm
    }

    /// Depth, mm.
    #[getter]
    fn depth_mm(&self) -> f64 {
        self.0.depth_mm
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, Operation::RectPocket(self.0.clone()))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(
            slf.as_any(),
            &["corner_mm", "size_mm", "corner_radius_mm", "depth_mm"],
        )
    }
}

/// A profile along a closed polyline.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct ContourProfile(job::ContourProfile);

#[pymethods]
impl ContourProfile {
    #[new]
    #[pyo3(signature = (*, points_mm, depth_mm, side, tabs = 0))]
    fn new(points_mm: Vec<[f64; 2]>, depth_mm: f64, side: &str, tabs: i64) -> Result<Self> {
        Ok(Self(job::ContourProfile {
            points_mm,
            side: job_enum::<ProfileSide>("contour_profile.side", side)?,
            depth_mm,
            tabs: count("contour_profile.tabs", tabs)?,
        }))
    }

    /// Polyline vertices, mm (closed: the last joins the first).
    #[getter]
    fn points_mm(&self) -> Vec<(f64, f64)> {
        pairs(&self.0.points_mm)
    }

    /// Which side of the line the tool runs: `inside`, `outside` or `on`.
    #[getter]
    fn side(&self) -> String {
        enum_id(&self.0.side)
    }

    /// Depth, mm.
    #[getter]
    fn depth_mm(&self) -> f64 {
        self.0.depth_mm
    }

    /// Holding tabs left on the last pass.
    #[getter]
    fn tabs(&self) -> u32 {
        self.0.tabs
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, Operation::ContourProfile(self.0.clone()))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(slf.as_any(), &["points_mm", "side", "depth_mm", "tabs"])
    }
}

/// The core operation of `obj`, one of the operation classes; a TypeError naming `operations[index]`
/// otherwise.
pub fn extract(index: usize, obj: &Bound<'_, PyAny>) -> PyResult<Operation> {
    if let Ok(op) = obj.cast::<RosetteChannel>() {
        return Ok(Operation::RosetteChannel(op.get().0.clone()));
    }
    if let Ok(op) = obj.cast::<CircleCut>() {
        return Ok(Operation::CircleCut(op.get().0.clone()));
    }
    if let Ok(op) = obj.cast::<FretSlots>() {
        return Ok(Operation::FretSlots(op.get().0.clone()));
    }
    if let Ok(op) = obj.cast::<DrillPattern>() {
        return Ok(Operation::DrillPattern(op.get().0.clone()));
    }
    if let Ok(op) = obj.cast::<RectPocket>() {
        return Ok(Operation::RectPocket(op.get().0.clone()));
    }
    if let Ok(op) = obj.cast::<ContourProfile>() {
        return Ok(Operation::ContourProfile(op.get().0.clone()));
    }
    let kind = obj.get_type().name()?;
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "operations[{index}]: expected an operation (RosetteChannel, CircleCut, FretSlots, DrillPattern, \
         RectPocket or ContourProfile), got {kind}"
    )))
}

/// The operation class holding `op`.
pub fn to_py<'py>(py: Python<'py>, op: &Operation) -> PyResult<Bound<'py, PyAny>> {
    Ok(match op {
        Operation::RosetteChannel(o) => Bound::new(py, RosetteChannel(o.clone()))?.into_any(),
        Operation::CircleCut(o) => Bound::new(py, CircleCut(o.clone()))?.into_any(),
        Operation::FretSlots(o) => Bound::new(py, FretSlots(o.clone()))?.into_any(),
        Operation::DrillPattern(o) => Bound::new(py, DrillPattern(o.clone()))?.into_any(),
        Operation::RectPocket(o) => Bound::new(py, RectPocket(o.clone()))?.into_any(),
        Operation::ContourProfile(o) => Bound::new(py, ContourProfile(o.clone()))?.into_any(),
    })
}

/// Registers the operation classes.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<RosetteChannel>()?;
    module.add_class::<CircleCut>()?;
    module.add_class::<FretSlots>()?;
    module.add_class::<DrillPattern>()?;
    module.add_class::<RectPocket>()?;
    module.add_class::<ContourProfile>()?;
    Ok(())
}
