//! `drill_pattern`: holes pecked at points.

use serde::{Deserialize, Serialize};

use super::OperationKind;
use crate::error::InvalidJob;
use crate::job::validation::{points, positive, OpField};

/// Holes drilled (pecked) at points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrillPattern {
    /// Hole centres, mm.
    pub points_mm: Vec<[f64; 2]>,
    /// Hole diameter, mm.
    pub diameter_mm: f64,
    /// Hole depth, mm.
    pub depth_mm: f64,
    /// Peck depth, mm.
    pub peck_mm: f64,
}

impl OperationKind for DrillPattern {
    const KIND: &'static str = "drill_pattern";

    fn depth_mm(&self) -> f64 {
        self.depth_mm
    }

    fn validate(&self, index: usize) -> Result<(), InvalidJob> {
        let f = |name| OpField(index, name);
        points(f("points_mm"), &self.points_mm, 1)?;
        positive(f("diameter_mm"), self.diameter_mm)?;
        positive(f("depth_mm"), self.depth_mm)?;
        positive(f("peck_mm"), self.peck_mm)
    }
}
