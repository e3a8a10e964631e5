//! Cycle time and material removed, estimated per operation from the feature's size, the feeds and the
//! number of passes.
//!
//! Per operation: `loops` features (rings, slots, holes, or one), each cut in `passes = ⌈depth / stepdown⌉`
//! passes of `length` mm at the cutting feed, plunged to depth at the plunge feed, with one approach and one
//! retract at the rapid rate between the safe height and the depth. Lengths per pass:
//! - rosette ring: the circumference at the ring's middle × the loops needed to clear its width
//!   (1 + ⌈(width − d) / (stepover × d)⌉);
//! - circle: the circumference the tool centre runs; profile: the polyline's perimeter (+ 2π·r outside);
//! - fret slot: the board width; rectangular pocket: its area / (stepover × d) (a slot: area / width);
//! - drilled hole: no side cutting; each peck retracts to the surface at the rapid rate.
//!
//! Feeds are taken with the feed override. XY rapids between features are left out. Material removed is the
//! area the cutter sweeps × the depth. Figures too large for a float saturate at `f64::MAX`. Each kind's
//! figures are worked out in its file in `kinds/`, from the [`Pace`] of its operation.

use super::kinds;
use super::report::Estimates;
use crate::job::{Cutting, Job};

/// What every operation's estimate reads: the cutting parameters, the tool, the feeds as run and the
/// operation's depth.
pub(crate) struct Pace<'a> {
    /// The job's cutting parameters.
    pub cutting: &'a Cutting,
    /// Tool diameter, mm.
    pub tool_d: f64,
    /// The operation's final depth, mm.
    pub depth: f64,
    /// Depth passes: `⌈depth / stepdown⌉`, at least 1.
    pub passes: f64,
    /// Cutting feed as run, mm/min.
    pub feed: f64,
    /// Plunge feed as run, mm/min.
    pub plunge: f64,
    /// Rapid rate, mm/min.
    pub rapid: f64,
}

impl Pace<'_> {
    /// Minutes of one loop of `length` mm: every pass at the cutting feed, the plunge to depth, and the
    /// approach and retract at the rapid rate.
    pub fn per_loop(&self, length: f64) -> f64 {
        self.passes * length / self.feed
            + self.depth / self.plunge
            + (2.0 * self.cutting.safe_z_mm + self.depth) / self.rapid
    }

    /// Loops needed to clear `width` side by side: 1 + ⌈(width − d) / (stepover × d)⌉, or 1 when the
    /// tool covers it.
    pub fn clearing_loops(&self, width: f64) -> f64 {
        let d = self.tool_d;
        if width > d {
            1.0 + ((width - d) / (self.cutting.stepover * d)).ceil()
        } else {
            1.0
        }
    }
}

/// Estimates for a validated job, with the feeds as run.
pub(crate) fn estimate(job: &Job, feed: f64, plunge: f64) -> Estimates {
    let mut minutes = 0.0;
    let mut volume = 0.0;
    for op in &job.operations {
        let depth = op.depth_mm();
        let pace = Pace {
            cutting: &job.cutting,
            tool_d: job.tool.diameter_mm,
            depth,
            passes: (depth / job.cutting.stepdown_mm).ceil().max(1.0),
            feed,
            plunge,
            rapid: job.machine.rapid_mm_min,
        };
        let e = kinds::estimate(op, &pace);
        minutes += e.0;
        volume += e.1;
    }
    Estimates {
        cycle_time_s: saturate(minutes * 60.0),
        material_removed_mm3: saturate(volume),
    }
}

fn saturate(v: f64) -> f64 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        f64::MAX
    }
}
