//! Pack 2: physics, computed from the job's own tool, material, machine and parameters. Every finding
//! carries the measured `value` and the `limit` that put it in its bucket (the YELLOW limit for a YELLOW
//! finding, the RED limit for a RED one); the message names both and the nominal limit.
//!
//! Feeds are taken as the operator will run them: programmed feed × `feed_override_percent` / 100.
//!
//! Order. Job-level rules first: `SPINDLE_RANGE` (machine, then material), `FEED_LIMIT`, `PLUNGE_LIMIT`,
//! `CHIPLOAD_LOW` | `CHIPLOAD_HIGH`, `SURFACE_SPEED_HIGH`, `ENVELOPE` (safe Z). Then per operation:
//! `TOOL_TOO_WIDE`, `FLUTE_LENGTH`, `DEPTH_PER_PASS`, `WIDTH_OF_CUT`, `DEFLECTION_HIGH`, `ENVELOPE` (XY,
//! then Z), `THROUGH_STOCK` (depth, then XY), `KERF_MISMATCH`, `FRET_OUTSIDE_BOARD`, `UNUSUAL_SCALE_LENGTH`,
//! `CHANNEL_WALL_THIN`.

mod cutting;
pub(super) mod lutherie;
mod machine;
mod placement;

use super::feature::Feature;
use super::kinds;
use super::report::{Bucket, Finding};
use super::Thresholds;
use crate::catalog::Material;
use crate::job::{Job, Operation};

/// What every physics rule reads.
pub(crate) struct Ctx<'a> {
    pub job: &'a Job,
    pub material: &'a Material,
    pub t: &'a Thresholds,
    /// Cutting feed as run, mm/min.
    pub feed: f64,
    /// Plunge feed as run, mm/min.
    pub plunge: f64,
    /// Feed per tooth, mm.
    pub chipload: f64,
}

impl<'a> Ctx<'a> {
    pub fn new(job: &'a Job, material: &'a Material, t: &'a Thresholds) -> Self {
        let c = &job.cutting;
        let scale = c.feed_override_percent.map_or(1.0, |p| p / 100.0);
        let feed = c.feed_mm_min * scale;
        Self {
            job,
            material,
            t,
            feed,
            plunge: c.plunge_mm_min * scale,
            chipload: feed / (c.rpm * f64::from(job.tool.flutes)),
        }
    }
}

/// Appends the job-level physics findings.
pub(crate) fn push_job(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    machine::push(ctx, out);
}

/// Appends the physics findings of one operation.
pub(crate) fn push_operation(ctx: &Ctx<'_>, op: &Operation, feature: &Feature, out: &mut Vec<Finding>) {
    cutting::push(ctx, op, feature, out);
    placement::push(ctx, op, feature, out);
    kinds::push_checks(ctx, op, out);
}

/// The bucket of a value against a YELLOW and a RED limit that it must stay at or under, with the limit
/// crossed; `None` when it is within both.
pub(crate) fn over(value: f64, yellow: f64, red: f64) -> Option<(Bucket, f64)> {
    if value > red {
        Some((Bucket::Red, red))
    } else if value > yellow {
        Some((Bucket::Yellow, yellow))
    } else {
        None
    }
}

/// The bucket of a value against a YELLOW and a RED limit that it must stay at or over.
pub(crate) fn under(value: f64, yellow: f64, red: f64) -> Option<(Bucket, f64)> {
    if value < red {
        Some((Bucket::Red, red))
    } else if value < yellow {
        Some((Bucket::Yellow, yellow))
    } else {
        None
    }
}
