//! What each operation kind means to the rules, one file per kind: the geometry both packs and the
//! estimates read ([`Feature`]), the walls it leaves, its share of the cycle time and material removed,
//! and the physics checks only it has. The engine reaches a kind through the one dispatch over the kinds
//! (`job::each_kind!`), so a new kind is a new file here and no match to edit.

mod circle_cut;
mod contour_profile;
mod drill_pattern;
mod fret_slots;
mod rect_pocket;
mod rosette_channel;

use super::estimates::Pace;
use super::feature::Feature;
use super::physics::Ctx;
use super::report::Finding;
use crate::job::{each_kind, Operation};

/// An operation kind's geometry and checks as the feasibility engine reads them.
pub(crate) trait OperationGeometry {
    /// The rule-relevant geometry of the operation for a tool of diameter `tool_d`.
    fn feature(&self, tool_d: f64) -> Feature;

    /// The thinnest wall of stock the operation leaves, among the job's `operations` (the classic rules'
    /// `wall_thickness_mm`); `None` for kinds that leave no wall the rules know of.
    fn wall_mm(&self, _operations: &[Operation]) -> Option<f64> {
        None
    }

    /// (minutes, mm³) of the operation at `pace` (see `estimates` for the lengths per kind).
    fn estimate(&self, pace: &Pace<'_>) -> (f64, f64);

    /// Appends the pack 2 findings only this kind has (the lutherie checks), after the shared ones;
    /// none by default.
    fn push_checks(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Finding>) {}
}

/// The geometry of `op` for a tool of diameter `tool_d`.
pub(crate) fn feature(op: &Operation, tool_d: f64) -> Feature {
    each_kind!(op, o => o.feature(tool_d))
}

/// The thinnest wall `op` leaves among the job's `operations`.
pub(crate) fn wall_mm(op: &Operation, operations: &[Operation]) -> Option<f64> {
    each_kind!(op, o => o.wall_mm(operations))
}

/// (minutes, mm³) of `op` at `pace`.
pub(crate) fn estimate(op: &Operation, pace: &Pace<'_>) -> (f64, f64) {
    each_kind!(op, o => o.estimate(pace))
}

/// Appends the findings only `op`'s kind has.
pub(crate) fn push_checks(ctx: &Ctx<'_>, op: &Operation, out: &mut Vec<Finding>) {
    each_kind!(op, o => o.push_checks(ctx, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::job::Job;

    /// The guitar top's machine, stock and tool with one operation of each kind.
    fn one_of_each() -> Job {
        let mut v: serde_json::Value =
            serde_json::from_str(include_str!("../../../../examples/jobs/guitar_top.json")).unwrap();
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
        Job::from_json(&v.to_string()).unwrap()
    }

    #[test]
    fn every_kind_reaches_its_own_geometry() {
        let job = one_of_each();
        let d = job.tool.diameter_mm;
        let features: Vec<Feature> = job.operations.iter().map(|op| feature(op, d)).collect();
        let strategies: Vec<&str> = features.iter().map(|f| f.strategy).collect();
        assert_eq!(
            strategies,
            ["rosette_pocket", "profile", "slot", "drill", "pocket", "profile"]
        );
        let loops: Vec<i64> = features.iter().map(|f| f.loop_count).collect();
        assert_eq!(loops, [2, 1, 20, 2, 1, 1]);
        // Only fret slots leave the stock's edges to FRET_OUTSIDE_BOARD; only drilling is not milling.
        let on_stock: Vec<bool> = features.iter().map(|f| f.on_stock).collect();
        assert_eq!(on_stock, [true, true, false, true, true, true]);
        let milling: Vec<bool> = features.iter().map(|f| f.milling).collect();
        assert_eq!(milling, [true, true, true, false, true, true]);
        // The soundhole: the tool centre 0.794 mm inside the 50 mm radius, its edge on the wall.
        assert_eq!(features[1].swept.min, [230.0, 160.0]);
        assert_eq!(features[1].swept.max, [330.0, 260.0]);
    }

    #[test]
    fn only_the_rosette_leaves_a_wall() {
        let job = one_of_each();
        let walls: Vec<Option<f64>> = job
            .operations
            .iter()
            .map(|op| wall_mm(op, &job.operations))
            .collect();
        // Two rings in 7 mm of annulus: three bands of 2.333 mm, thinner than the 3 mm to the soundhole.
        let band = 7.0 / 3.0;
        assert_eq!(walls, [Some(band), None, None, None, None, None]);
        // Alone, the rosette's thinnest wall is still the one between its rings.
        assert_eq!(wall_mm(&job.operations[0], &job.operations[..1]), Some(band));
        // One ring and the soundhole: the 3 mm of spruce between them.
        let mut one_ring = job.operations.clone();
        if let Some(Operation::RosetteChannel(r)) = one_ring.first_mut() {
            r.rings = 1;
        }
        assert_eq!(wall_mm(&one_ring[0], &one_ring), Some(3.0));
    }
}
