//! Contour profiles: the tool inside, outside or on a closed polyline, with holding tabs.
//!
//! The points may be given clockwise or counter-clockwise; the outline is made counter-clockwise,
//! then offset by the tool radius with cavalier_contours (inward for `inside`, outward for
//! `outside`; `on` follows the line itself), so the tool's edge lies on the line and corners turn
//! on true arcs. An inward offset may split into several loops (a waisted outline): each is cut in
//! turn, with its own tabs. Inside loops turn counter-clockwise and outside loops clockwise for climb
//! milling (the reverse for conventional); a loop `on` the line, with stock on both sides, keeps the
//! direction the points were given in.

use super::offsets::{offset, profile_outline, to_contour};
use super::passes::{cut_loops, depth_levels};
use super::tabs::Tabs;
use super::writer::PathWriter;
use super::{ccw_for, in_range, Plan, PlanFailure};
use crate::job::{ContourProfile, ProfileSide};

impl Plan for ContourProfile {
    fn detail(&self) -> String {
        format!("{} points tabs {}", self.points_mm.len(), self.tabs)
    }

    fn plan(&self, w: &mut PathWriter) -> Result<(), PlanFailure> {
        plan(w, &self.points_mm, self.side, self.depth_mm, self.tabs)
    }
}

/// Plans a contour profile.
fn plan(
    w: &mut PathWriter,
    points: &[[f64; 2]],
    side: ProfileSide,
    depth: f64,
    tabs: u32,
) -> Result<(), PlanFailure> {
    let job = w.job();
    for p in points {
        in_range("points_mm[..][0]", p[0])?;
        in_range("points_mm[..][1]", p[1])?;
    }
    let tool_d = job.tool.diameter_mm;
    let tool_r = tool_d / 2.0;
    let (outline, given_cw) = profile_outline(points)?;
    let levels = depth_levels(depth, job.cutting.stepdown_mm)?;
    let (paths, ccw) = match side {
        ProfileSide::Inside => (offset(&outline, tool_r), ccw_for(true, job.cutting.direction)),
        ProfileSide::Outside => (offset(&outline, -tool_r), ccw_for(false, job.cutting.direction)),
        ProfileSide::On => (vec![outline], !given_cw),
    };
    let loops: Vec<_> = paths
        .iter()
        .filter_map(to_contour)
        .map(|c| if c.is_ccw() == ccw { c } else { c.reversed() })
        .collect();
    if loops.is_empty() {
        return Err(PlanFailure::OffsetCollapsed {
            feature: "profile",
            offset_mm: tool_r,
        });
    }
    let tabs = Tabs::new(tabs, depth, tool_d);
    if let Some(t) = &tabs {
        for path in &loops {
            t.check_fit(path.length())?;
        }
    }
    for path in &loops {
        cut_loops(w, std::slice::from_ref(path), &levels, tabs.as_ref())?;
    }
    Ok(())
}
