//! Drill patterns: a pecked hole per point, or a helically interpolated one where the hole is wider
//! than the tool.
//!
//! A hole within [`DRILL_FIT_TOLERANCE_MM`] of the tool diameter is one [`Move::PeckDrill`](super::Move)
//! from the clearance plane to `−depth` at the plunge feed. A wider hole is milled as a small circular
//! pocket: a helix at the ramp angle on a circle of radius `min(tool_d / 4, (D − tool_d) / 2)` (which
//! keeps the hole's centre under the tool), then circles stepping out by at most `stepover × tool_d` to
//! `(D − tool_d) / 2`, where the tool's edge is on the hole wall, at every depth pass. A hole wider
//! than the tool by less than [`HELIX_MIN_RADIUS_FRACTION`] × 2 × tool_d is refused: too wide to drill
//! to size and too tight for a helix.

use nalgebra::Point2;

use super::passes::{cut_loops, depth_levels};
use super::rosette::annulus;
use super::writer::PathWriter;
use super::{
    ccw_for, in_range, Plan, PlanFailure, DRILL_FIT_TOLERANCE_MM, HELIX_MIN_RADIUS_FRACTION, STOCK_TOP_Z,
};
use crate::job::DrillPattern;

impl Plan for DrillPattern {
    fn detail(&self) -> String {
        format!("{} holes d{:.3}", self.points_mm.len(), self.diameter_mm)
    }

    fn plan(&self, w: &mut PathWriter) -> Result<(), PlanFailure> {
        plan(w, &self.points_mm, self.diameter_mm, self.depth_mm, self.peck_mm)
    }
}

/// Plans a drill pattern.
fn plan(
    w: &mut PathWriter,
    points: &[[f64; 2]],
    diameter: f64,
    depth: f64,
    peck: f64,
) -> Result<(), PlanFailure> {
    let job = w.job();
    in_range("diameter_mm", diameter)?;
    in_range("depth_mm", depth)?;
    for p in points {
        in_range("points_mm[..][0]", p[0])?;
        in_range("points_mm[..][1]", p[1])?;
    }
    let tool_d = job.tool.diameter_mm;
    if diameter < tool_d - DRILL_FIT_TOLERANCE_MM {
        return Err(PlanFailure::NarrowerThanTool {
            feature: "the hole".to_owned(),
            width_mm: diameter,
            tool_mm: tool_d,
        });
    }
    if diameter <= tool_d + DRILL_FIT_TOLERANCE_MM {
        for p in points {
            w.peck(Point2::new(p[0], p[1]), STOCK_TOP_Z - depth, peck)?;
        }
        return Ok(());
    }
    let outer = (diameter - tool_d) / 2.0;
    let min_radius = HELIX_MIN_RADIUS_FRACTION * tool_d;
    if outer < min_radius - 1e-9 {
        return Err(PlanFailure::HoleSize {
            diameter_mm: diameter,
            tool_mm: tool_d,
            min_helix_mm: tool_d + 2.0 * min_radius,
        });
    }
    let levels = depth_levels(depth, job.cutting.stepdown_mm)?;
    let step = job.cutting.stepover * tool_d;
    let ccw = ccw_for(true, job.cutting.direction);
    let inner = outer.min(tool_d / 4.0);
    for p in points {
        let loops = annulus(Point2::new(p[0], p[1]), inner, outer, step, ccw)?;
        cut_loops(w, &loops, &levels, None)?;
    }
    Ok(())
}
