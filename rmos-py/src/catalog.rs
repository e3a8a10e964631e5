//! The built-in catalog: `Material`, `materials()`, `material(id)`, and the tool kinds.

use pyo3::prelude::*;
use rmos_core::catalog::{self as core, ToolKind};

use crate::convert::{enum_id, keyword_repr};

/// A stock material of the built-in catalog and the cutting figures the rules check against.
#[pyclass(module = "rmos._core", frozen, eq, hash)]
#[derive(Debug)]
pub struct Material(&'static core::Material);

// Materials are catalog entries: the same id is the same entry.
impl PartialEq for Material {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl std::hash::Hash for Material {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.id.hash(state);
    }
}

#[pymethods]
impl Material {
    /// Stable id used in job documents (`stock.material`).
    #[getter]
    fn id(&self) -> &'static str {
        self.0.id
    }
    /// Human-readable name.
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name
    }
    /// Hardness class: `soft`, `medium`, `hard`, `very-hard`, `extreme` or `unknown`.
    #[getter]
    fn hardness(&self) -> String {
        enum_id(&self.0.hardness)
    }
    /// Density, kg/m³.
    #[getter]
    fn density_kg_m3(&self) -> f64 {
        self.0.density_kg_m3
    }
    /// Resin or oil that gums a small cutter without coolant or air blast.
    #[getter]
    fn resinous(&self) -> bool {
        self.0.resinous
    }
    /// Scales the base chipload range for a tool diameter (1.0 = mahogany).
    #[getter]
    fn chipload_multiplier(&self) -> f64 {
        self.0.chipload_multiplier
    }
    /// Spindle speeds that cut this material cleanly, rpm (min, max).
    #[getter]
    fn rpm_range(&self) -> (f64, f64) {
        self.0.rpm_range
    }
    /// Roughing feed, mm/min.
    #[getter]
    fn rough_feed_mm_min(&self) -> f64 {
        self.0.rough_feed_mm_min
    }
    /// Finishing feed, mm/min.
    #[getter]
    fn finish_feed_mm_min(&self) -> f64 {
        self.0.finish_feed_mm_min
    }
    /// Plunge feed, mm/min.
    #[getter]
    fn plunge_feed_mm_min(&self) -> f64 {
        self.0.plunge_feed_mm_min
    }
    /// Largest depth per pass, mm.
    #[getter]
    fn max_doc_mm(&self) -> f64 {
        self.0.max_doc_mm
    }
    /// Largest depth per pass as a fraction of the tool diameter.
    #[getter]
    fn doc_ratio(&self) -> f64 {
        self.0.doc_ratio
    }
    /// Largest width of cut as a fraction of the tool diameter.
    #[getter]
    fn woc_ratio(&self) -> f64 {
        self.0.woc_ratio
    }
    /// Specific cutting force, N/mm² of chip section.
    #[getter]
    fn specific_cutting_force_n_mm2(&self) -> f64 {
        self.0.specific_cutting_force_n_mm2
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        keyword_repr(
            slf.as_any(),
            &["id", "name", "hardness", "density_kg_m3", "rpm_range"],
        )
    }
}

/// Every built-in material, in catalog order.
#[pyfunction]
fn materials() -> Vec<Material> {
    core::materials().iter().map(Material).collect()
}

/// The material with this id, or `None`.
#[pyfunction]
fn material(id: &str) -> Option<Material> {
    core::material(id).map(Material)
}

/// The tool kinds a job's `tool.kind` may name.
#[pyfunction]
fn tool_kinds() -> Vec<&'static str> {
    ToolKind::ALL.iter().map(|k| k.id()).collect()
}

/// Registers the catalog.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Material>()?;
    module.add_function(wrap_pyfunction!(materials, module)?)?;
    module.add_function(wrap_pyfunction!(material, module)?)?;
    module.add_function(wrap_pyfunction!(tool_kinds, module)?)?;
    Ok(())
}
