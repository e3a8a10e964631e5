//! `rect_pocket`: a rectangular pocket.

use serde::{Deserialize, Serialize};

use super::OperationKind;
use crate::error::InvalidJob;
use crate::job::validation::{non_negative, point, positive, OpField};

/// A rectangular pocket with rounded corners.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RectPocket {
    /// Lower-left corner, mm.
    pub corner_mm: [f64; 2],
    /// Size in X and Y, mm.
    pub size_mm: [f64; 2],
    /// Corner radius, mm; 0 (square corners) when left out.
    #[serde(default)]
    pub corner_radius_mm: f64,
    /// Depth, mm.
    pub depth_mm: f64,
}

impl OperationKind for RectPocket {
    const KIND: &'static str = "rect_pocket";

    fn depth_mm(&self) -> f64 {
        self.depth_mm
    }

    fn validate(&self, index: usize) -> Result<(), InvalidJob> {
        let f = |name| OpField(index, name);
        point(f("corner_mm"), &self.corner_mm)?;
        positive(f("size_mm[0]"), self.size_mm[0])?;
        positive(f("size_mm[1]"), self.size_mm[1])?;
        non_negative(f("corner_radius_mm"), self.corner_radius_mm)?;
        if self.corner_radius_mm * 2.0 > self.size_mm[0].min(self.size_mm[1]) {
            return Err(InvalidJob::new(
                f("corner_radius_mm").to_string(),
                "must be <= half the pocket's smaller side",
            ));
        }
        positive(f("depth_mm"), self.depth_mm)
    }
}
