//! The operation classes: one per kind of `rmos_core::job::Operation`, with the document's field names.
//!
//! Each class is a plain value: its constructor takes keywords, it checks only what Python types cannot say
//! (enum spellings, counts that fit), and the job validates the rest when it is built.

use pyo3::prelude::*;
use rmos_core::job::{self, CircleSide, Operation, ProfileSide};

use crate::convert::{count, enum_id, job_enum, json_to_py, keyword_repr};
use crate::errors::Result;

/// The document form of `op` as a Python dict.
fn op_dict<'py>(py: Python<'py>, op: &Operation) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(op).unwrap_or_default();
    json_to_py(py, &text)
}

fn pair(p: [f64; 2]) -> (f64, f64) {
    (p[0], p[1])
}

fn pairs(points: &[[f64; 2]]) -> Vec<(f64, f64)> {
    points.iter().copied().map(pair).collect()
}

/// An annular channel for rosette rings, cut from the inside out.
#[pyclass(module = "rmos._core", frozen, eq, get_all)]
#[derive(Debug, Clone, PartialEq)]
pub struct RosetteChannel {
    center_mm: (f64, f64),
    inner_diameter_mm: f64,
    outer_diameter_mm: f64,
    depth_mm: f64,
    rings: u32,
}

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
        Ok(Self {
            center_mm: pair(center_mm),
            inner_diameter_mm,
            outer_diameter_mm,
            depth_mm,
            rings: count("rosette_channel.rings", rings)?,
        })
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, &self.to_core())
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
#[pyclass(module = "rmos._core", frozen, eq, get_all)]
#[derive(Debug, Clone, PartialEq)]
pub struct CircleCut {
    center_mm: (f64, f64),
    diameter_mm: f64,
    depth_mm: f64,
    side: String,
    tabs: u32,
}

#[pymethods]
impl CircleCut {
    #[new]
    #[pyo3(signature = (*, center_mm, diameter_mm, depth_mm, side = "inside", tabs = 0))]
    fn new(center_mm: [f64; 2], diameter_mm: f64, depth_mm: f64, side: &str, tabs: i64) -> Result<Self> {
        let side: CircleSide = job_enum("circle_cut.side", side)?;
        Ok(Self {
            center_mm: pair(center_mm),
            diameter_mm,
            depth_mm,
            side: enum_id(&side),
            tabs: count("circle_cut.tabs", tabs)?,
        })
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, &self.to_core())
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(
            slf.as_any(),
            &["center_mm", "diameter_mm", "depth_mm", "side", "tabs"],
        )
    }
}

/// Fret slots across a fretboard at equal-temperament positions.
#[pyclass(module = "rmos._core", frozen, eq, get_all)]
#[derive(Debug, Clone, PartialEq)]
pub struct FretSlots {
    scale_length_mm: f64,
    frets: u32,
    nut_at_mm: (f64, f64),
    board_width_mm: f64,
    slot_depth_mm: f64,
    kerf_mm: f64,
}

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
        Ok(Self {
            scale_length_mm,
            frets: count("fret_slots.frets", frets)?,
            nut_at_mm: pair(nut_at_mm),
            board_width_mm,
            slot_depth_mm,
            kerf_mm,
        })
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, &self.to_core())
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
#[pyclass(module = "rmos._core", frozen, eq, get_all)]
#[derive(Debug, Clone, PartialEq)]
pub struct DrillPattern {
    points_mm: Vec<(f64, f64)>,
    diameter_mm: f64,
    depth_mm: f64,
    peck_mm: f64,
}

#[pymethods]
impl DrillPattern {
    #[new]
    #[pyo3(signature = (*, points_mm, diameter_mm, depth_mm, peck_mm))]
    fn new(points_mm: Vec<[f64; 2]>, diameter_mm: f64, depth_mm: f64, peck_mm: f64) -> Self {
        Self {
            points_mm: pairs(&points_mm),
            diameter_mm,
            depth_mm,
            peck_mm,
        }
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, &self.to_core())
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(slf.as_any(), &["points_mm", "diameter_mm", "depth_mm", "peck_mm"])
    }
}

/// A rectangular pocket with rounded corners.
#[pyclass(module = "rmos._core", frozen, eq, get_all)]
#[derive(Debug, Clone, PartialEq)]
pub struct RectPocket {
    corner_mm: (f64, f64),
    size_mm: (f64, f64),
    corner_radius_mm: f64,
    depth_mm: f64,
}

#[pymethods]
impl RectPocket {
    #[new]
    #[pyo3(signature = (*, corner_mm, size_mm, depth_mm, corner_radius_mm = 0.0))]
    fn new(corner_mm: [f64; 2], size_mm: [f64; 2], depth_mm: f64, corner_radius_mm: f64) -> Self {
        Self {
            corner_mm: pair(corner_mm),
            size_mm: pair(size_mm),
            corner_radius_mm,
            depth_mm,
        }
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, &self.to_core())
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(
            slf.as_any(),
            &["corner_mm", "size_mm", "corner_radius_mm", "depth_mm"],
        )
    }
}

/// A profile along a closed polyline.
#[pyclass(module = "rmos._core", frozen, eq, get_all)]
#[derive(Debug, Clone, PartialEq)]
pub struct ContourProfile {
    points_mm: Vec<(f64, f64)>,
    side: String,
    depth_mm: f64,
    tabs: u32,
}

#[pymethods]
impl ContourProfile {
    #[new]
    #[pyo3(signature = (*, points_mm, depth_mm, side = "outside", tabs = 0))]
    fn new(points_mm: Vec<[f64; 2]>, depth_mm: f64, side: &str, tabs: i64) -> Result<Self> {
        let side: ProfileSide = job_enum("contour_profile.side", side)?;
        Ok(Self {
            points_mm: pairs(&points_mm),
            side: enum_id(&side),
            depth_mm,
            tabs: count("contour_profile.tabs", tabs)?,
        })
    }

    /// The operation as its job-document dict (with its `op` key).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        op_dict(py, &self.to_core())
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(slf.as_any(), &["points_mm", "side", "depth_mm", "tabs"])
    }
}

fn arr(p: (f64, f64)) -> [f64; 2] {
    [p.0, p.1]
}

fn arrs(points: &[(f64, f64)]) -> Vec<[f64; 2]> {
    points.iter().copied().map(arr).collect()
}

impl RosetteChannel {
    fn to_core(&self) -> Operation {
        Operation::RosetteChannel(job::RosetteChannel {
            center_mm: arr(self.center_mm),
            inner_diameter_mm: self.inner_diameter_mm,
            outer_diameter_mm: self.outer_diameter_mm,
            depth_mm: self.depth_mm,
            rings: self.rings,
        })
    }
}

impl CircleCut {
    fn to_core(&self) -> Operation {
        Operation::CircleCut(job::CircleCut {
            center_mm: arr(self.center_mm),
            diameter_mm: self.diameter_mm,
            depth_mm: self.depth_mm,
            // The spelling was checked by the constructor.
            side: crate::convert::parse_enum(&self.side).unwrap_or(CircleSide::Inside),
            tabs: self.tabs,
        })
    }
}

impl FretSlots {
    fn to_core(&self) -> Operation {
        Operation::FretSlots(job::FretSlots {
            scale_length_mm: self.scale_length_mm,
            frets: self.frets,
            nut_at_mm: arr(self.nut_at_mm),
            board_width_mm: self.board_width_mm,
            slot_depth_mm: self.slot_depth_mm,
            kerf_mm: self.kerf_mm,
        })
    }
}

impl DrillPattern {
    fn to_core(&self) -> Operation {
        Operation::DrillPattern(job::DrillPattern {
            points_mm: arrs(&self.points_mm),
            diameter_mm: self.diameter_mm,
            depth_mm: self.depth_mm,
            peck_mm: self.peck_mm,
        })
    }
}

impl RectPocket {
    fn to_core(&self) -> Operation {
        Operation::RectPocket(job::RectPocket {
            corner_mm: arr(self.corner_mm),
            size_mm: arr(self.size_mm),
            corner_radius_mm: self.corner_radius_mm,
            depth_mm: self.depth_mm,
        })
    }
}

impl ContourProfile {
    fn to_core(&self) -> Operation {
        Operation::ContourProfile(job::ContourProfile {
            points_mm: arrs(&self.points_mm),
            // The spelling was checked by the constructor.
            side: crate::convert::parse_enum(&self.side).unwrap_or(ProfileSide::Outside),
            depth_mm: self.depth_mm,
            tabs: self.tabs,
        })
    }
}

/// The core operation an operation object stands for; anything else is a `TypeError` naming its index.
pub fn extract(index: usize, obj: &Bound<'_, PyAny>) -> PyResult<Operation> {
    if let Ok(op) = obj.cast::<RosetteChannel>() {
        return Ok(op.get().to_core());
    }
    if let Ok(op) = obj.cast::<CircleCut>() {
        return Ok(op.get().to_core());
    }
    if let Ok(op) = obj.cast::<FretSlots>() {
        return Ok(op.get().to_core());
    }
    if let Ok(op) = obj.cast::<DrillPattern>() {
        return Ok(op.get().to_core());
    }
    if let Ok(op) = obj.cast::<RectPocket>() {
        return Ok(op.get().to_core());
    }
    if let Ok(op) = obj.cast::<ContourProfile>() {
        return Ok(op.get().to_core());
    }
    let kind = obj.get_type().name()?;
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "operations[{index}]: expected an operation (RosetteChannel, CircleCut, FretSlots, DrillPattern, \
         RectPocket or ContourProfile), got {kind}"
    )))
}

/// The Python object for a core operation.
pub fn to_py<'py>(py: Python<'py>, op: &Operation) -> PyResult<Bound<'py, PyAny>> {
    Ok(match op {
        Operation::RosetteChannel(job::RosetteChannel {
            center_mm,
            inner_diameter_mm,
            outer_diameter_mm,
            depth_mm,
            rings,
        }) => Bound::new(
            py,
            RosetteChannel {
                center_mm: pair(*center_mm),
                inner_diameter_mm: *inner_diameter_mm,
                outer_diameter_mm: *outer_diameter_mm,
                depth_mm: *depth_mm,
                rings: *rings,
            },
        )?
        .into_any(),
        Operation::CircleCut(job::CircleCut {
            center_mm,
            diameter_mm,
            depth_mm,
            side,
            tabs,
        }) => Bound::new(
            py,
            CircleCut {
                center_mm: pair(*center_mm),
                diameter_mm: *diameter_mm,
                depth_mm: *depth_mm,
                side: enum_id(side),
                tabs: *tabs,
            },
        )?
        .into_any(),
        Operation::FretSlots(job::FretSlots {
            scale_length_mm,
            frets,
            nut_at_mm,
            board_width_mm,
            slot_depth_mm,
            kerf_mm,
        }) => Bound::new(
            py,
            FretSlots {
                scale_length_mm: *scale_length_mm,
                frets: *frets,
                nut_at_mm: pair(*nut_at_mm),
                board_width_mm: *board_width_mm,
                slot_depth_mm: *slot_depth_mm,
                kerf_mm: *kerf_mm,
            },
        )?
        .into_any(),
        Operation::DrillPattern(job::DrillPattern {
            points_mm,
            diameter_mm,
            depth_mm,
            peck_mm,
        }) => Bound::new(
            py,
            DrillPattern {
                points_mm: pairs(points_mm),
                diameter_mm: *diameter_mm,
                depth_mm: *depth_mm,
                peck_mm: *peck_mm,
            },
        )?
        .into_any(),
        Operation::RectPocket(job::RectPocket {
            corner_mm,
            size_mm,
            corner_radius_mm,
            depth_mm,
        }) => Bound::new(
            py,
            RectPocket {
                corner_mm: pair(*corner_mm),
                size_mm: pair(*size_mm),
                corner_radius_mm: *corner_radius_mm,
                depth_mm: *depth_mm,
            },
        )?
        .into_any(),
        Operation::ContourProfile(job::ContourProfile {
            points_mm,
            side,
            depth_mm,
            tabs,
        }) => Bound::new(
            py,
            ContourProfile {
                points_mm: pairs(points_mm),
                side: enum_id(side),
                depth_mm: *depth_mm,
                tabs: *tabs,
            },
        )?
        .into_any(),
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
