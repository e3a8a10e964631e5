//! Circle cuts (soundholes): one circle on the waste side, holding tabs on the deepest passes.
//!
//! Inside (a hole): the tool centre runs at `r − tool_r`; outside (a disc): at `r + tool_r`. The
//! circle turns so that the kept wall sees climb (or conventional) milling: counter-clockwise for a
//! climb-cut hole, clockwise for a climb-cut disc.

use nalgebra::Point2;

use super::contour::Contour;
use super::passes::{cut_loops, depth_levels};
use super::tabs::Tabs;
use super::writer::PathWriter;
use super::{ccw_for, in_range, Plan, PlanFailure};
use crate::job::{CircleCut, CircleSide};

impl Plan for CircleCut {
    fn detail(&self) -> String {
        format!("d{:.3} tabs {}", self.diameter_mm, self.tabs)
    }

    fn plan(&self, w: &mut PathWriter) -> Result<(), PlanFailure> {
        plan(
            w,
            self.center_mm,
            self.diameter_mm,
            self.depth_mm,
            self.side,
            self.tabs,
        )
    }
}

/// Plans a circle cut.
fn plan(
    w: &mut PathWriter,
    center: [f64; 2],
    diameter: f64,
    depth: f64,
    side: CircleSide,
    tabs: u32,
) -> Result<(), PlanFailure> {
    let job = w.job();
    in_range("center_mm[0]", center[0])?;
    in_range("center_mm[1]", center[1])?;
    in_range("diameter_mm", diameter)?;
    let tool_d = job.tool.diameter_mm;
    let tool_r = tool_d / 2.0;
    let r = diameter / 2.0;
    let (radius, part_outside) = match side {
        CircleSide::Inside => (r - tool_r, true),
        CircleSide::Outside => (r + tool_r, false),
    };
    if radius <= 0.0 {
        return Err(PlanFailure::NarrowerThanTool {
            feature: "the circle".to_owned(),
            width_mm: diameter,
            tool_mm: tool_d,
        });
    }
    let levels = depth_levels(depth, job.cutting.stepdown_mm)?;
    let ccw = ccw_for(part_outside, job.cutting.direction);
    let Some(circle) = Contour::circle(Point2::new(center[0], center[1]), radius, ccw) else {
        return Err(PlanFailure::NarrowerThanTool {
            feature: "the circle".to_owned(),
            width_mm: diameter,
            tool_mm: tool_d,
        });
    };
    let tabs = Tabs::new(tabs, depth, tool_d);
    if let Some(t) = &tabs {
        t.check_fit(circle.length())?;
    }
    cut_loops(w, &[circle], &levels, tabs.as_ref())
}
