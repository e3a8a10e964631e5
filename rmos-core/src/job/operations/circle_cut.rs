//! `circle_cut`: a circle cut through or into the stock.

use serde::{Deserialize, Serialize};

use super::OperationKind;
use crate::error::InvalidJob;
use crate::job::validation::{count, point, positive, OpField};
use crate::job::{CircleSide, MAX_TABS};

/// A circle cut through or into the stock (a soundhole).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CircleCut {
    /// Centre, mm.
    pub center_mm: [f64; 2],
    /// Finished diameter, mm.
    pub diameter_mm: f64,
    /// Depth below the stock top, mm.
    pub depth_mm: f64,
    /// Which side is waste (required: it decides where the tool runs).
    pub side: CircleSide,
    /// Holding tabs left on the last pass; 0 when left out.
    #[serde(default)]
    pub tabs: u32,
}

impl OperationKind for CircleCut {
    const KIND: &'static str = "circle_cut";

    fn depth_mm(&self) -> f64 {
        self.depth_mm
    }

    fn validate(&self, index: usize) -> Result<(), InvalidJob> {
        let f = |name| OpField(index, name);
        point(f("center_mm"), &self.center_mm)?;
        positive(f("diameter_mm"), self.diameter_mm)?;
        positive(f("depth_mm"), self.depth_mm)?;
        count(f("tabs"), self.tabs, 0, MAX_TABS)
    }
}
