//! Toolpaths: planners per operation over nalgebra geometry.
//!
//! A [`Toolpath`] is made only from an approved job (invariant S2): the planner is crate-internal and
//! the type has no public constructor. Coordinates are machine millimetres with Z = 0 at the stock top;
//! the toolpath is the path of the tool tip's centre.
//!
//! How every planner moves:
//! - **Between features** the tool retracts to `cutting.safe_z_mm`, rapids across at that height,
//!   rapids straight down to the clearance plane [`CLEARANCE_MM`] above the stock (or the safe height if
//!   lower), then feeds at the plunge rate through the air to the stock top. No rapid goes lower.
//! - **Depth** is taken in `n = ceil(depth / stepdown)` equal passes, the last at exactly `-depth`.
//! - **Entry** into stock is a ramp along the path at no more than [`RAMP_ANGLE_DEG`] (a helix on a
//!   circle); nothing but drilling goes straight down into stock. On a loop too short to ramp within
//!   [`MAX_RAMP_LAPS`] laps the helix is steeper.
//! - **Feeds**: level and rising moves at `cutting.feed_mm_min`; descending moves slowed so that Z
//!   never falls faster than `cutting.plunge_mm_min`; straight-up lifts at the plunge feed.
//! - **Direction**: climb milling (with a clockwise spindle) keeps the stock that is kept on the
//!   cutter's right, so loops with stock outside them (pockets, holes, rosette rings, inside profiles)
//!   turn counter-clockwise and loops around a kept part (outside profiles, discs) clockwise;
//!   conventional milling reverses both.
//! - **Arcs** are at most half a turn (a full circle is two), never shorter than
//!   [`MIN_ARC_CHORD_MM`] in chord (shorter pieces are lines), so every dialect reads them one way.
//! - **Numbers** never carry `-0.0`; the same job always gives the same moves (D1).

mod circle;
mod contour;
mod contour_profile;
mod depth_profile;
mod drill;
mod error;
mod frets;
mod measure;
mod moves;
mod offsets;
mod passes;
mod pocket;
mod rosette;
mod slot;
mod tabs;
mod toolpath;
mod writer;

#[cfg(test)]
mod tests;

pub use error::{PlanError, PlanFailure};
pub use measure::OperationSpan;
pub use moves::{Bounds, Move};
pub use toolpath::Toolpath;

use crate::job::{each_kind, CutDirection, Job, Operation};
use writer::PathWriter;

/// Z of the stock top.
pub const STOCK_TOP_Z: f64 = 0.0;
/// Height of the clearance plane above the stock top, mm: rapids descend no lower.
pub const CLEARANCE_MM: f64 = 1.0;
/// Steepest entry ramp or helix into stock, degrees from horizontal.
pub const RAMP_ANGLE_DEG: f64 = 5.0;
/// Most laps of a loop one entry ramp may take; on shorter loops the ramp is steeper.
pub const MAX_RAMP_LAPS: f64 = 64.0;
/// Shortest arc chord emitted, mm; shorter pieces of arcs are written as lines.
pub const MIN_ARC_CHORD_MM: f64 = 0.01;
/// Length of stock a holding tab leaves between the cut's ends, mm (the tool lifts for this plus its
/// diameter).
pub const TAB_LENGTH_MM: f64 = 4.0;
/// Thickest holding tab, mm (tabs are a third of the cut's depth up to this).
pub const TAB_THICKNESS_MAX_MM: f64 = 2.0;
/// Largest difference between a slot's width (a fret slot's kerf, a pocket as wide as the tool) and
/// the tool diameter, mm: such a slot is cut in one tool width along its centre line.
pub const KERF_TOLERANCE_MM: f64 = 0.01;
/// A hole within this of the tool diameter (mm) is drilled; a wider one is interpolated.
pub const DRILL_FIT_TOLERANCE_MM: f64 = 0.01;
/// Smallest helix radius for an interpolated hole, as a fraction of the tool diameter.
pub const HELIX_MIN_RADIUS_FRACTION: f64 = 0.05;
/// Largest coordinate or size the planner accepts, mm.
pub const MAX_COORDINATE_MM: f64 = 100_000.0;
/// Most depth passes in one operation.
pub const MAX_PASSES: usize = 10_000;
/// Most step-overs across one feature.
pub const MAX_STEPOVERS: usize = 10_000;
/// Most moves in one toolpath.
pub const MAX_MOVES: usize = 1_000_000;

/// True when a loop with the kept stock outside it (`stock_outside`) turns counter-clockwise for
/// `direction`: climb milling keeps the stock on the cutter's right.
pub(crate) fn ccw_for(stock_outside: bool, direction: CutDirection) -> bool {
    stock_outside == (direction == CutDirection::Climb)
}

/// Fails when `value` lies beyond [`MAX_COORDINATE_MM`].
pub(crate) fn in_range(field: &'static str, value: f64) -> Result<(), PlanFailure> {
    if value.is_finite() && value.abs() <= MAX_COORDINATE_MM {
        Ok(())
    } else {
        Err(PlanFailure::OutOfRange {
            field,
            value,
            limit: MAX_COORDINATE_MM,
        })
    }
}

/// An operation kind's planner, in the kind's own file (`rosette.rs`, `circle.rs`, `frets.rs`, `drill.rs`,
/// `pocket.rs`, `contour_profile.rs`); [`plan`] reaches it through the one dispatch over the kinds.
pub(crate) trait Plan {
    /// The kind's part of the operation's marker label (between the kind and the depth): ASCII without
    /// parentheses.
    fn detail(&self) -> String;

    /// Appends the operation's moves to `w`, after the checks every kind shares.
    fn plan(&self, w: &mut PathWriter) -> Result<(), PlanFailure>;
}

/// A short label for an operation's marker: ASCII without parentheses, since posts write it as a
/// comment.
fn label(op: &Operation) -> String {
    let detail = each_kind!(op, o => o.detail());
    format!("{} {detail} depth {:.3}", op.kind(), op.depth_mm())
}

fn plan_operation(w: &mut PathWriter, op: &Operation) -> Result<(), PlanFailure> {
    let job = w.job();
    in_range("tool.diameter_mm", job.tool.diameter_mm)?;
    in_range("cutting.safe_z_mm", job.cutting.safe_z_mm)?;
    in_range("depth_mm", op.depth_mm())?;
    each_kind!(op, o => o.plan(w))
}

/// Plans every operation of `job`, in order. Crate-internal: only an approval reaches it (S2).
pub(crate) fn plan(job: &Job) -> Result<Toolpath, PlanError> {
    let mut w = PathWriter::new(job);
    for (index, op) in job.operations.iter().enumerate() {
        let fail = |reason| PlanError { index, reason };
        w.mark(index, label(op)).map_err(fail)?;
        plan_operation(&mut w, op).map_err(fail)?;
    }
    Ok(Toolpath::from_moves(w.into_moves(), job))
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn every_kind_labels_its_marker_with_its_own_detail() {
        let mut v: serde_json::Value =
            serde_json::from_str(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
        v["operations"] = serde_json::json!([
            {"op": "rosette_channel", "center_mm": [280, 210], "inner_diameter_mm": 106,
             "outer_diameter_mm": 120, "depth_mm": 0.9, "rings": 2},
            {"op": "circle_cut", "center_mm": [280, 210], "diameter_mm": 100, "depth_mm": 3.0,
             "side": "inside", "tabs": 4},
            {"op": "fret_slots", "scale_length_mm": 647.7, "frets": 20, "nut_at_mm": [10, 40],
             "board_width_mm": 56, "slot_depth_mm": 2.0, "kerf_mm": 0.6},
            {"op": "drill_pattern", "points_mm": [[60, 180], [60, 220]], "diameter_mm": 6.35,
             "depth_mm": 2.0, "peck_mm": 1.0},
            {"op": "rect_pocket", "corner_mm": [40, 172], "size_mm": [76, 56], "corner_radius_mm": 6.35,
             "depth_mm": 2.0},
            {"op": "contour_profile", "points_mm": [[10, 10], [50, 10], [50, 40]], "side": "outside",
             "depth_mm": 2.0, "tabs": 2}
        ]);
        let job = Job::from_json(&v.to_string()).unwrap();
        let labels: Vec<String> = job.operations.iter().map(label).collect();
        assert_eq!(
            labels,
            [
                "rosette_channel 2 rings d106.000-120.000 depth 0.900",
                "circle_cut d100.000 tabs 4 depth 3.000",
                "fret_slots 20 frets scale 647.700 depth 2.000",
                "drill_pattern 2 holes d6.350 depth 2.000",
                "rect_pocket 76.000 x 56.000 depth 2.000",
                "contour_profile 3 points tabs 2 depth 2.000",
            ]
        );
    }
}
