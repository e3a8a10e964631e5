//! Depth passes and the pass loop shared by every closed-path operation.
//!
//! A cut of depth `d` with stepdown `s` takes `n = ceil(d / s)` equal passes; pass `k` is at
//! `-d·k/n` and the last at exactly `-d`. Each pass enters along its first loop: a ramp (a helix on a
//! circle) falling at no more than [`RAMP_ANGLE_DEG`] from the previous pass's level, then a full lap at
//! the pass's level that also clears what the ramp left; then any further loops (step-overs) at that
//! level, each reached by a short feed across stock the previous loop has opened.

use super::contour::Contour;
use super::depth_profile::DepthProfile;
use super::tabs::Tabs;
use super::writer::PathWriter;
use super::{PlanFailure, MAX_PASSES, MAX_RAMP_LAPS, RAMP_ANGLE_DEG, STOCK_TOP_Z};
use nalgebra::Point3;

/// Ratios within this of a whole number count as that number (so 1.8 / 0.3 is 6 passes, not 7).
const COUNT_EPS: f64 = 1e-9;

/// How many equal steps of at most `step` cover `span`: `ceil(span / step)`, at least 1.
pub(crate) fn step_count(span: f64, step: f64) -> f64 {
    (span / step - COUNT_EPS).ceil().max(1.0)
}

/// The Z of each pass for a cut `depth` deep with passes of at most `stepdown`; the last is `-depth`.
pub(crate) fn depth_levels(depth: f64, stepdown: f64) -> Result<Vec<f64>, PlanFailure> {
    let n = step_count(depth, stepdown);
    if n.is_nan() || n > MAX_PASSES as f64 {
        return Err(PlanFailure::TooManyPasses { limit: MAX_PASSES });
    }
    // `n` is a whole number between 1 and MAX_PASSES here.
    let passes = n as usize;
    Ok((1..=passes)
        .map(|k| {
            if k == passes {
                -depth
            } else {
                -depth * (k as f64) / n
            }
        })
        .collect())
}

/// Length of a ramp falling `dz` at the ramp angle on a loop `loop_mm` long: at most
/// [`MAX_RAMP_LAPS`] laps (on a loop too short for that the ramp is steeper).
pub(crate) fn ramp_length(dz: f64, loop_mm: f64) -> f64 {
    (dz / RAMP_ANGLE_DEG.to_radians().tan()).min(MAX_RAMP_LAPS * loop_mm)
}

/// Cuts `loops` (in cutting order, each in its travel direction) at every level in `levels`,
/// then retracts. The first loop carries the entry ramp and the tabs.
pub(crate) fn cut_loops(
    w: &mut PathWriter,
    loops: &[Contour],
    levels: &[f64],
    tabs: Option<&Tabs>,
) -> Result<(), PlanFailure> {
    let Some((first, rest)) = loops.split_first() else {
        return Ok(());
    };
    w.approach(first.point_at(0.0))?;
    let mut s = 0.0;
    let mut z_prev = STOCK_TOP_Z;
    for &z in levels {
        if !rest.is_empty() {
            // Back to the first loop across the floor the last pass cleared.
            s = first.closest_s(w.xy());
            let p = first.point_at(s);
            w.line_to(Point3::new(p.x, p.y, z_prev))?;
        }
        let lap = first.length();
        let ramp = ramp_length(z_prev - z, lap);
        let mut profile = DepthProfile::ramp(z_prev, z, ramp, ramp + lap);
        if let Some(tabs) = tabs {
            tabs.apply(&mut profile, lap, s);
        }
        s = w.walk(first, s, &profile)?;
        for next in rest {
            let s_next = next.closest_s(w.xy());
            let p = next.point_at(s_next);
            w.line_to(Point3::new(p.x, p.y, z))?;
            w.walk(next, s_next, &DepthProfile::level(z, next.length()))?;
        }
        z_prev = z;
    }
    w.retract()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_passes_with_the_last_at_exactly_the_depth() {
        assert_eq!(depth_levels(1.0, 0.5).unwrap(), [-0.5, -1.0]);
        assert_eq!(depth_levels(0.9, 0.5).unwrap(), [-0.45, -0.9]);
        // 1.8 / 0.3 is 6.000000000000001 in binary: still six passes.
        let six = depth_levels(1.8, 0.3).unwrap();
        assert_eq!(six.len(), 6);
        assert_eq!(six.last(), Some(&-1.8));
        // Just over a whole number of stepdowns takes one more pass.
        assert_eq!(depth_levels(1.8001, 0.3).unwrap().len(), 7);
        // A stepdown deeper than the cut is one pass.
        assert_eq!(depth_levels(0.4, 3.0).unwrap(), [-0.4]);
        let levels = depth_levels(3.0, 0.7).unwrap();
        assert_eq!(levels.len(), 5);
        for pair in levels.windows(2) {
            assert!(pair[0] - pair[1] <= 0.7 + 1e-12);
        }
    }

    #[test]
    fn too_many_passes_is_an_error() {
        assert_eq!(
            depth_levels(100.0, 1e-6),
            Err(PlanFailure::TooManyPasses { limit: MAX_PASSES })
        );
        assert_eq!(
            depth_levels(MAX_PASSES as f64, 1.0).map(|l| l.len()),
            Ok(MAX_PASSES)
        );
    }

    #[test]
    fn ramps_fall_at_the_ramp_angle_within_the_lap_limit() {
        let tan = RAMP_ANGLE_DEG.to_radians().tan();
        assert!((ramp_length(0.5, 100.0) - 0.5 / tan).abs() < 1e-12);
        assert_eq!(ramp_length(0.5, 0.01), MAX_RAMP_LAPS * 0.01);
    }
}
