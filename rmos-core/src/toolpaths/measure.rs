//! What a list of moves reaches and costs: bounds (arc extremes and drill depths included), lengths at
//! feed and at rapid, and time.

use std::f64::consts::{FRAC_PI_2, TAU};

use nalgebra::{Point2, Point3};
use serde::Serialize;

use super::{Bounds, Move};

/// Arc end points closer than this (mm) to the start make a full circle, as controllers read them.
const FULL_CIRCLE_MM: f64 = 1e-9;

/// The stats of the moves of one operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OperationSpan {
    /// Index of the operation in the job's operation list.
    pub index: usize,
    /// The label of its [`Move::Operation`] marker.
    pub label: String,
    /// Its moves: indices into [`Toolpath::moves`](super::Toolpath::moves), marker included.
    pub moves: std::ops::Range<usize>,
    /// Everything its moves reach (`None` when it has no motion).
    pub bounds: Option<Bounds>,
    /// Length travelled at a feed rate, mm.
    pub cut_length_mm: f64,
    /// Length travelled at rapid, mm.
    pub rapid_length_mm: f64,
    /// Estimated time, s.
    pub cycle_time_s: f64,
}

/// Totals over a list of moves.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Measured {
    pub(crate) bounds: Option<Bounds>,
    pub(crate) cut_length_mm: f64,
    pub(crate) rapid_length_mm: f64,
    pub(crate) cycle_time_s: f64,
    pub(crate) operations: Vec<OperationSpan>,
}

/// Length at feed, length at rapid and feed-time (mm·min/mm) of one move.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    feed_mm: f64,
    rapid_mm: f64,
    feed_min: f64,
}

/// The signed sweep of an arc from `a` to `b` about `c` (positive counter-clockwise); a full turn
/// when the end is the start.
pub(crate) fn arc_sweep(a: Point2<f64>, b: Point2<f64>, c: Point2<f64>, clockwise: bool) -> f64 {
    if (b - a).norm() <= FULL_CIRCLE_MM {
        return if clockwise { -TAU } else { TAU };
    }
    let a0 = (a.y - c.y).atan2(a.x - c.x);
    let a1 = (b.y - c.y).atan2(b.x - c.x);
    if clockwise {
        -(a0 - a1).rem_euclid(TAU)
    } else {
        (a1 - a0).rem_euclid(TAU)
    }
}

/// Grows `bounds` over an arc (helical when Z changes) from `from` to `to` about `center`: its end
/// and every axis extreme of its circle that the sweep passes.
fn include_arc(bounds: &mut Bounds, from: Point3<f64>, to: Point3<f64>, center: Point2<f64>, cw: bool) {
    bounds.include(to);
    let sweep = arc_sweep(from.xy(), to.xy(), center, cw);
    let radius = (from.xy() - center).norm();
    let a0 = (from.y - center.y).atan2(from.x - center.x);
    for k in 0..4 {
        let theta = f64::from(k) * FRAC_PI_2;
        let along = if cw {
            (a0 - theta).rem_euclid(TAU)
        } else {
            (theta - a0).rem_euclid(TAU)
        };
        if along <= sweep.abs() {
            let z = from.z + (to.z - from.z) * (along / sweep.abs());
            bounds.include(Point3::new(
                center.x + radius * theta.cos(),
                center.y + radius * theta.sin(),
                z,
            ));
        }
    }
}

/// Cost of a pecked hole from `from`: a rapid across and down to `r_z`, the depth once at feed, and a
/// rapid out and back in for every peck but the last, then out to `r_z`.
fn peck_cost(from: Point3<f64>, at: Point2<f64>, r_z: f64, bottom_z: f64, peck: f64) -> (f64, f64) {
    let depth = (r_z - bottom_z).max(0.0);
    let mut rapid = (at - from.xy()).norm() + (from.z - r_z).abs();
    if peck > 0.0 && depth > 0.0 {
        let pecks = (depth / peck - 1e-9).ceil().clamp(1.0, 1e6);
        let mut i = 1.0;
        while i < pecks {
            rapid += 2.0 * i * peck;
            i += 1.0;
        }
    }
    rapid += depth;
    (depth, rapid)
}

/// Measures `moves`: feeds are scaled by `feed_scale` (the operator's override), rapids run at
/// `rapid_mm_min`. The first move's travel is not counted: where the machine starts is unknown.
pub(crate) fn measure(moves: &[Move], rapid_mm_min: f64, feed_scale: f64) -> Measured {
    let mut total = Measured {
        bounds: None,
        cut_length_mm: 0.0,
        rapid_length_mm: 0.0,
        cycle_time_s: 0.0,
        operations: Vec::new(),
    };
    let seconds = |c: &Cost| {
        let rapid = if rapid_mm_min > 0.0 {
            c.rapid_mm / rapid_mm_min
        } else {
            0.0
        };
        let feed = if feed_scale > 0.0 {
            c.feed_min / feed_scale
        } else {
            0.0
        };
        (rapid + feed) * 60.0
    };
    let mut pos: Option<Point3<f64>> = None;
    for (i, mv) in moves.iter().enumerate() {
        if let Move::Operation { index, label } = mv {
            total.operations.push(OperationSpan {
                index: *index,
                label: label.clone(),
                moves: i..i + 1,
                bounds: None,
                cut_length_mm: 0.0,
                rapid_length_mm: 0.0,
                cycle_time_s: 0.0,
            });
            continue;
        }
        let from = pos.or(mv.end()).unwrap_or_else(Point3::origin);
        let mut reach = Bounds::at(from);
        let mut cost = Cost::default();
        let per_min = |len: f64, feed: f64| if feed > 0.0 { len / feed } else { 0.0 };
        match mv {
            Move::Operation { .. } => {}
            Move::Rapid { to } => {
                reach.include(*to);
                cost.rapid_mm = (to - from).norm();
            }
            Move::Feed { to, feed_mm_min } => {
                reach.include(*to);
                cost.feed_mm = (to - from).norm();
                cost.feed_min = per_min(cost.feed_mm, *feed_mm_min);
            }
            Move::Arc {
                to,
                center,
                clockwise,
                feed_mm_min,
            } => {
                include_arc(&mut reach, from, *to, *center, *clockwise);
                let sweep = arc_sweep(from.xy(), to.xy(), *center, *clockwise);
                let planar = (from.xy() - center).norm() * sweep.abs();
                cost.feed_mm = planar.hypot(to.z - from.z);
                cost.feed_min = per_min(cost.feed_mm, *feed_mm_min);
            }
            Move::PeckDrill {
                at,
                r_z,
                bottom_z,
                peck_mm,
                feed_mm_min,
            } => {
                reach.include(Point3::new(at.x, at.y, from.z));
                reach.include(Point3::new(at.x, at.y, *r_z));
                reach.include(Point3::new(at.x, at.y, *bottom_z));
                let (feed_mm, rapid_mm) = peck_cost(from, *at, *r_z, *bottom_z, *peck_mm);
                cost.feed_mm = feed_mm;
                cost.rapid_mm = rapid_mm;
                cost.feed_min = per_min(feed_mm, *feed_mm_min);
            }
        }
        if pos.is_none() {
            cost = Cost::default();
        }
        pos = mv.end().or(pos);
        let time = seconds(&cost);
        for target in [
            Some(&mut total.bounds),
            total.operations.last_mut().map(|op| &mut op.bounds),
        ]
        .into_iter()
        .flatten()
        {
            match target {
                Some(b) => b.union(&reach),
                None => *target = Some(reach),
            }
        }
        total.cut_length_mm += cost.feed_mm;
        total.rapid_length_mm += cost.rapid_mm;
        total.cycle_time_s += time;
        if let Some(op) = total.operations.last_mut() {
            op.moves.end = i + 1;
            op.cut_length_mm += cost.feed_mm;
            op.rapid_length_mm += cost.rapid_mm;
            op.cycle_time_s += time;
        }
    }
    total
}
