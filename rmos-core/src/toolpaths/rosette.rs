//! Rosette channels: concentric ring channels of equal width, each an annular pocket cut from the inside out.
//!
//! `rings` channels split the annulus between the inner and outer walls into `2·rings − 1` equal bands,
//! channels alternating with the walls of top wood left between them (the feasibility engine reads the job
//! the same way, see `feasibility::mapping`). Channel `i` spans `[r_in + 2i·w, r_in + (2i+1)·w]` with
//! `w = (r_out − r_in) / (2·rings − 1)`; one ring spans the whole annulus. The tool centre runs full circles
//! from `r_i + tool_r` out to `r_{i+1} − tool_r` in equal steps of at most `stepover × tool_d`, so the tool's
//! edge touches exactly the channel's two walls. Every loop runs in the direction that is climb (or conventional)
//! milling on the stock outside it: after the first loop every step-over cuts outward.

use nalgebra::Point2;

use super::contour::Contour;
use super::passes::{cut_loops, depth_levels, step_count};
use super::writer::PathWriter;
use super::{ccw_for, in_range, Plan, PlanFailure, MAX_STEPOVERS};
use crate::job::RosetteChannel;

/// Width differences below this (mm) are rounding, not a feature narrower than the tool.
const WIDTH_EPS: f64 = 1e-9;

/// Concentric circles about `center` from radius `inner` out to `outer` in equal steps of at most
/// `step`, innermost first, all turning counter-clockwise when `ccw`.
pub(crate) fn annulus(
    center: Point2<f64>,
    inner: f64,
    outer: f64,
    step: f64,
    ccw: bool,
) -> Result<Vec<Contour>, PlanFailure> {
    let span = outer - inner;
    if span <= WIDTH_EPS {
        let mid = (inner + outer) / 2.0;
        return Ok(Contour::circle(center, mid, ccw).into_iter().collect());
    }
    let steps = step_count(span, step);
    if steps.is_nan() || steps > MAX_STEPOVERS as f64 {
        return Err(PlanFailure::TooManyStepovers { limit: MAX_STEPOVERS });
    }
    // A whole number between 1 and MAX_STEPOVERS here.
    let n = steps as usize;
    Ok((0..=n)
        .map(|j| {
            if j == n {
                outer
            } else {
                inner + span * (j as f64) / steps
            }
        })
        .filter_map(|radius| Contour::circle(center, radius, ccw))
        .collect())
}

impl Plan for RosetteChannel {
    fn detail(&self) -> String {
        let (rings, inner, outer) = (self.rings, self.inner_diameter_mm, self.outer_diameter_mm);
        format!("{rings} rings d{inner:.3}-{outer:.3}")
    }

    fn plan(&self, w: &mut PathWriter) -> Result<(), PlanFailure> {
        let (center, inner, outer) = (self.center_mm, self.inner_diameter_mm, self.outer_diameter_mm);
        plan(w, center, inner, outer, self.depth_mm, self.rings)
    }
}

/// Plans a rosette channel.
fn plan(
    w: &mut PathWriter,
    center: [f64; 2],
    inner_diameter: f64,
    outer_diameter: f64,
    depth: f64,
    rings: u32,
) -> Result<(), PlanFailure> {
    let job = w.job();
    in_range("center_mm[0]", center[0])?;
    in_range("center_mm[1]", center[1])?;
    in_range("outer_diameter_mm", outer_diameter)?;
    let tool_d = job.tool.diameter_mm;
    let tool_r = tool_d / 2.0;
    let (r_in, r_out) = (inner_diameter / 2.0, outer_diameter / 2.0);
    let bands = f64::from(rings.max(1)) * 2.0 - 1.0;
    let width = (r_out - r_in) / bands;
    if width < tool_d - WIDTH_EPS {
        return Err(PlanFailure::NarrowerThanTool {
            feature: format!("each of the {rings} rings"),
            width_mm: width,
            tool_mm: tool_d,
        });
    }
    let levels = depth_levels(depth, job.cutting.stepdown_mm)?;
    let step = job.cutting.stepover * tool_d;
    let ccw = ccw_for(true, job.cutting.direction);
    let c = Point2::new(center[0], center[1]);
    for i in 0..rings.max(1) {
        let wall_in = r_in + width * f64::from(2 * i);
        let wall_out = if i + 1 == rings.max(1) {
            r_out
        } else {
            wall_in + width
        };
        let loops = annulus(c, wall_in + tool_r, wall_out - tool_r, step, ccw)?;
        cut_loops(w, &loops, &levels, None)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annulus_steps_equally_and_ends_on_both_walls() {
        let loops = annulus(Point2::new(0.0, 0.0), 10.0, 11.0, 0.4, true).unwrap();
        // ceil(1.0 / 0.4) = 3 steps: 4 circles at 10, 10.333, 10.667, 11.
        assert_eq!(loops.len(), 4);
        let radius = |c: &Contour| c.segments()[0].start().x;
        assert_eq!(radius(&loops[0]), 10.0);
        assert_eq!(radius(&loops[3]), 11.0);
        assert!((radius(&loops[1]) - 10.0 - 1.0 / 3.0).abs() < 1e-12);
        assert!(loops.iter().all(Contour::is_ccw));
        // Exactly the tool's width: one circle.
        assert_eq!(
            annulus(Point2::new(0.0, 0.0), 5.0, 5.0, 0.4, false)
                .unwrap()
                .len(),
            1
        );
        // A step that divides the span exactly adds no extra circle.
        assert_eq!(
            annulus(Point2::new(0.0, 0.0), 1.0, 2.0, 0.5, true).unwrap().len(),
            3
        );
    }
}
