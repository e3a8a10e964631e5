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
//! area the cutter sweeps × the depth. Figures too large for a float saturate at `f64::MAX`.

use std::f64::consts::PI;

use super::feature::{closed_perimeter, rosette_band};
use super::report::Estimates;
use crate::job::{
    CircleCut, CircleSide, ContourProfile, DrillPattern, FretSlots, Job, Operation, ProfileSide, RectPocket,
    RosetteChannel,
};

/// Estimates for a validated job, with the feeds as run.
pub(crate) fn estimate(job: &Job, feed: f64, plunge: f64) -> Estimates {
    let mut minutes = 0.0;
    let mut volume = 0.0;
    for op in &job.operations {
        let e = operation(job, op, feed, plunge);
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

/// (minutes, mm³) of one operation.
fn operation(job: &Job, op: &Operation, feed: f64, plunge: f64) -> (f64, f64) {
    let c = &job.cutting;
    let d = job.tool.diameter_mm;
    let r = d / 2.0;
    let depth = op.depth_mm();
    let passes = (depth / c.stepdown_mm).ceil().max(1.0);
    let rapid = job.machine.rapid_mm_min;
    let per_loop =
        |length: f64| passes * length / feed + depth / plunge + (2.0 * c.safe_z_mm + depth) / rapid;
    let clearing_loops = |width: f64| {
        if width > d {
            1.0 + ((width - d) / (c.stepover * d)).ceil()
        } else {
            1.0
        }
    };
    match op {
        Operation::RosetteChannel(RosetteChannel {
            inner_diameter_mm,
            outer_diameter_mm,
            rings,
            ..
        }) => {
            let band = rosette_band(*inner_diameter_mm, *outer_diameter_mm, *rings);
            let cut = band.max(d);
            let (mut minutes, mut area) = (0.0, 0.0);
            for k in 0..*rings {
                let inner = inner_diameter_mm / 2.0 + 2.0 * f64::from(k) * band;
                let middle = inner + band / 2.0;
                minutes += per_loop(2.0 * PI * middle * clearing_loops(band));
                area += 2.0 * PI * (inner + cut / 2.0) * cut;
            }
            (minutes, area * depth)
        }
        Operation::CircleCut(CircleCut {
            diameter_mm, side, ..
        }) => {
            let radius = diameter_mm / 2.0;
            let centre = match side {
                CircleSide::Inside => (radius - r).abs(),
                CircleSide::Outside => radius + r,
            };
            let area = PI * ((centre + r).powi(2) - (centre - r).max(0.0).powi(2));
            (per_loop(2.0 * PI * centre), area * depth)
        }
        Operation::FretSlots(FretSlots {
            frets,
            board_width_mm,
            ..
        }) => {
            let n = f64::from(*frets);
            (n * per_loop(*board_width_mm), n * board_width_mm * d * depth)
        }
        Operation::DrillPattern(DrillPattern {
            points_mm,
            diameter_mm,
            peck_mm,
            ..
        }) => {
            let n = points_mm.len() as f64;
            let pecks = (depth / peck_mm).ceil().max(1.0);
            let hole = depth / plunge + (pecks * depth + 2.0 * c.safe_z_mm) / rapid;
            let radius = (diameter_mm / 2.0).max(r);
            (n * hole, n * PI * radius * radius * depth)
        }
        Operation::RectPocket(RectPocket {
            size_mm,
            corner_radius_mm,
            ..
        }) => {
            let [w, h] = *size_mm;
            let area = w * h - (4.0 - PI) * corner_radius_mm * corner_radius_mm;
            let narrow = w.min(h);
            let swath = if narrow > d { c.stepover * d } else { narrow };
            (per_loop(area / swath), area * depth)
        }
        Operation::ContourProfile(ContourProfile { points_mm, side, .. }) => {
            let perimeter = closed_perimeter(points_mm);
            let length = match side {
                ProfileSide::Outside => perimeter + 2.0 * PI * r,
                ProfileSide::Inside | ProfileSide::On => perimeter,
            };
            (per_loop(length), perimeter * d * depth)
        }
    }
}
