//! `contour_profile`: a profile along a closed polyline.

use serde::{Deserialize, Serialize};

use super::OperationKind;
use crate::error::InvalidJob;
use crate::job::validation::{count, points, positive, OpField};
use crate::job::{ProfileSide, MAX_TABS};

/// A profile along a closed polyline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContourProfile {
    /// Polyline vertices, mm (closed: the last joins the first).
    pub points_mm: Vec<[f64; 2]>,
    /// Which side of the line the tool runs (required: it decides which side is cut away).
    pub side: ProfileSide,
    /// Depth, mm.
    pub depth_mm: f64,
    /// Holding tabs left on the last pass; 0 when left out.
    #[serde(default)]
    pub tabs: u32,
}

impl OperationKind for ContourProfile {
    const KIND: &'static str = "contour_profile";

    fn depth_mm(&self) -> f64 {
        self.depth_mm
    }

    fn validate(&self, index: usize) -> Result<(), InvalidJob> {
        let f = |name| OpField(index, name);
        points(f("points_mm"), &self.points_mm, 3)?;
        positive(f("depth_mm"), self.depth_mm)?;
        count(f("tabs"), self.tabs, 0, MAX_TABS)
    }
}
