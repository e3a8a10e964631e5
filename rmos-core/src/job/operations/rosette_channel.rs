//! `rosette_channel`: an annular channel for rosette rings.

use serde::{Deserialize, Serialize};

use super::OperationKind;
use crate::error::InvalidJob;
use crate::job::validation::{count, point, positive, OpField};
use crate::job::MAX_RINGS;

/// An annular channel for rosette rings, cut from the inside out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosetteChannel {
    /// Centre, mm.
    pub center_mm: [f64; 2],
    /// Inner wall diameter, mm.
    pub inner_diameter_mm: f64,
    /// Outer wall diameter, mm.
    pub outer_diameter_mm: f64,
    /// Depth below the stock top, mm.
    pub depth_mm: f64,
    /// Number of rings (concentric channels of equal width between the walls); 1 when left out.
    #[serde(default = "one_ring")]
    pub rings: u32,
}

/// The reader's default ring count.
fn one_ring() -> u32 {
    1
}

impl OperationKind for RosetteChannel {
    const KIND: &'static str = "rosette_channel";

    fn depth_mm(&self) -> f64 {
        self.depth_mm
    }

    fn validate(&self, index: usize) -> Result<(), InvalidJob> {
        let f = |name| OpField(index, name);
        point(f("center_mm"), &self.center_mm)?;
        positive(f("inner_diameter_mm"), self.inner_diameter_mm)?;
        positive(f("outer_diameter_mm"), self.outer_diameter_mm)?;
        if self.outer_diameter_mm <= self.inner_diameter_mm {
            return Err(InvalidJob::new(
                f("outer_diameter_mm").to_string(),
                "must be > inner_diameter_mm",
            ));
        }
        positive(f("depth_mm"), self.depth_mm)?;
        count(f("rings"), self.rings, 1, MAX_RINGS)
    }
}
