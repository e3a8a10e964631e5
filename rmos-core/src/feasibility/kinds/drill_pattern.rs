//! `drill_pattern`: pecked holes, no side milling.

use std::f64::consts::PI;

use super::OperationGeometry;
use crate::feasibility::estimates::Pace;
use crate::feasibility::feature::{Feature, Fit, Rect};
use crate::job::DrillPattern;

impl OperationGeometry for DrillPattern {
    fn feature(&self, tool_d: f64) -> Feature {
        let r = tool_d / 2.0;
        Feature {
            strategy: "drill",
            width: Some(self.diameter_mm),
            length: None,
            smallest: Some(self.diameter_mm),
            loop_count: i64::try_from(self.points_mm.len()).unwrap_or(i64::MAX),
            closed: None,
            swept: Rect::of_points(&self.points_mm).grown((self.diameter_mm / 2.0).max(r)),
            fit: Some(Fit {
                width: self.diameter_mm,
                what: "hole",
            }),
            clearing_width: None,
            milling: false,
            on_stock: true,
        }
    }

    /// No side cutting: each hole plunges, and each peck retracts to the surface at the rapid rate.
    fn estimate(&self, pace: &Pace<'_>) -> (f64, f64) {
        let r = pace.tool_d / 2.0;
        let depth = pace.depth;
        let n = self.points_mm.len() as f64;
        let pecks = (depth / self.peck_mm).ceil().max(1.0);
        let hole = depth / pace.plunge + (pecks * depth + 2.0 * pace.cutting.safe_z_mm) / pace.rapid;
        let radius = (self.diameter_mm / 2.0).max(r);
        (n * hole, n * PI * radius * radius * depth)
    }
}
