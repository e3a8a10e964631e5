//! `circle_cut`: a hole (inside) or a disc (outside), one loop on the waste side.

use std::f64::consts::PI;

use super::OperationGeometry;
use crate::feasibility::estimates::Pace;
use crate::feasibility::feature::{Feature, Fit, Rect};
use crate::job::{CircleCut, CircleSide};

impl OperationGeometry for CircleCut {
    fn feature(&self, tool_d: f64) -> Feature {
        let r = tool_d / 2.0;
        let radius = self.diameter_mm / 2.0;
        let inside = self.side == CircleSide::Inside;
        let reach = if inside {
            (radius - r).abs() + r
        } else {
            radius + tool_d
        };
        Feature {
            strategy: "profile",
            width: inside.then_some(self.diameter_mm),
            length: None,
            smallest: inside.then_some(self.diameter_mm),
            loop_count: 1,
            closed: Some(true),
            swept: Rect::around(self.center_mm, [reach, reach]),
            fit: inside.then_some(Fit {
                width: self.diameter_mm,
                what: "hole",
            }),
            clearing_width: None,
            milling: true,
            on_stock: true,
        }
    }

    /// The circumference the tool centre runs.
    fn estimate(&self, pace: &Pace<'_>) -> (f64, f64) {
        let r = pace.tool_d / 2.0;
        let radius = self.diameter_mm / 2.0;
        let centre = match self.side {
            CircleSide::Inside => (radius - r).abs(),
            CircleSide::Outside => radius + r,
        };
        let area = PI * ((centre + r).powi(2) - (centre - r).max(0.0).powi(2));
        (pace.per_loop(2.0 * PI * centre), area * pace.depth)
    }
}
