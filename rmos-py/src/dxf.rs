//! `rmos.outlines_from_dxf`: the closed outlines of a DXF drawing, in mm, from rmos-dxf.

use pyo3::exceptions::PyUserWarning;
use pyo3::prelude::*;
use pyo3::PyTypeInfo;
use rmos_dxf::{DxfError, Options};

use crate::errors::{shielded, Error};

impl From<DxfError> for Error {
    fn from(err: DxfError) -> Self {
        let kind = match &err {
            DxfError::InvalidOption { field, reason } => return Error::argument(field, reason.clone()),
            DxfError::Unreadable { .. } => "unreadable",
            DxfError::UnknownUnits { .. } => "unknown_units",
            DxfError::UnsupportedUnits { .. } => "unsupported_units",
            DxfError::UnsupportedEntity { .. } => "unsupported_entity",
            DxfError::OpenChain { .. } => "open_chain",
            DxfError::Branching { .. } => "branching",
            DxfError::SelfIntersecting { .. } => "self_intersecting",
            DxfError::Degenerate { .. } => "degenerate",
        };
        Error::Dxf {
            kind,
            handles: err.handles(),
            message: err.to_string(),
        }
    }
}

/// A drawing as Python gives it: text, or the file's bytes (ASCII DXF in any code page, or binary DXF).
#[derive(Debug, FromPyObject)]
enum Drawing {
    /// A `str`.
    Text(String),
    /// A `bytes`.
    Bytes(Vec<u8>),
}

/// The closed outlines of a DXF drawing, each a list of `(x, y)` points in mm, counter-clockwise, in the
/// file order of their first entity. `text` is the drawing's text or its file's bytes. Raises `DxfError`
/// naming the entity handles of an open chain, a self-crossing outline or an unusable entity.
///
/// Warns (`UserWarning`) when the drawing has no units and is read as mm, and when entities were left
/// out (kinds not read, such as SPLINE or TEXT), naming them: an outline drawn with them is missing.
#[pyfunction]
#[pyo3(signature = (text, *, chord_tolerance_mm = 0.01, join_tolerance_mm = 0.001))]
fn outlines_from_dxf(
    py: Python<'_>,
    text: Drawing,
    chord_tolerance_mm: f64,
    join_tolerance_mm: f64,
) -> PyResult<Vec<Vec<(f64, f64)>>> {
    let options = Options {
        chord_tolerance_mm,
        join_tolerance_mm,
    };
    let read = py.detach(|| {
        shielded(|| {
            let bytes = match &text {
                Drawing::Text(t) => t.as_bytes(),
                Drawing::Bytes(b) => b.as_slice(),
            };
            Ok(rmos_dxf::outlines_from_dxf_bytes(bytes, &options)?)
        })
    })?;
    let warning = PyUserWarning::type_object(py);
    if let Some(assumption) = &read.assumption {
        PyErr::warn(
            py,
            &warning,
            &std::ffi::CString::new(assumption.as_str()).unwrap_or_default(),
            1,
        )
        .map_err(|e| Error::Internal(e.to_string()))?;
    }
    if !read.skipped.is_empty() {
        let names: Vec<String> = read
            .skipped
            .iter()
            .map(|s| format!("{} {}", s.kind, s.handle))
            .collect();
        let message = format!("entities left out: {}", names.join(", "));
        PyErr::warn(
            py,
            &warning,
            &std::ffi::CString::new(message).unwrap_or_default(),
            1,
        )
        .map_err(|e| Error::Internal(e.to_string()))?;
    }
    Ok(read
        .outlines
        .into_iter()
        .map(|o| o.points.into_iter().map(|[x, y]| (x, y)).collect())
        .collect())
}

/// Registers `outlines_from_dxf`.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(outlines_from_dxf, module)?)
}
