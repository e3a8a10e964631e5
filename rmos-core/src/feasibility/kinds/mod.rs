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
