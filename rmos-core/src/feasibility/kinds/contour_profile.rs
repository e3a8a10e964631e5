//! `contour_profile`: the tool inside, outside or on a closed polyline.

use std::f64::consts::PI;

use super::OperationGeometry;
use crate::feasibility::estimates::Pace;
use crate::feasibility::feature::{Feature, Fit, Rect};
use crate::job::{ContourProfile, ProfileSide};

/// Perimeter of a closed polyline, mm.
fn closed_perimeter(points: &[[f64; 2]]) -> f64 {
    points
        .iter()
        .zip(points.iter().cycle().skip(1))
        .map(|(a, b)| (b[0] - a[0]).hypot(b[1] - a[1]))
        .sum()
}

impl OperationGeometry for ContourProfile {
    fn feature(&self, tool_d: f64) -> Feature {
        let r = tool_d / 2.0;
        let bbox = Rect::of_points(&self.points_mm);
        let (swept, fit) = match self.side {
            ProfileSide::Inside => {
                let narrow = (bbox.max[0] - bbox.min[0]).min(bbox.max[1] - bbox.min[1]);
                let center = [
                    (bbox.min[0] + bbox.max[0]) / 2.0,
                    (bbox.min[1] + bbox.max[1]) / 2.0,
                ];
                let inner = Rect::around(center, [r, r]);
                (
                    bbox.union(inner),
                    Some(Fit {
                        width: narrow,
                        what: "inside profile",
                    }),
                )
            }
            ProfileSide::On => (bbox.grown(r), None),
            ProfileSide::Outside => (bbox.grown(tool_d), None),
        };
        Feature {
            strategy: "profile",
            width: None,
            length: None,
            smallest: None,
            loop_count: 1,
            closed: Some(true),
            swept,
            fit,
            clearing_width: None,
            milling: true,
            on_stock: true,
        }
    }

    /// The polyline's perimeter, + 2π·r outside.
    fn estimate(&self, pace: &Pace<'_>) -> (f64, f64) {
        let r = pace.tool_d / 2.0;
        let perimeter = closed_perimeter(&self.points_mm);
        let length = match self.side {
            ProfileSide::Outside => perimeter + 2.0 * PI * r,
            ProfileSide::Inside | ProfileSide::On => perimeter,
        };
        (pace.per_loop(length), perimeter * pace.tool_d * pace.depth)
    }
}
