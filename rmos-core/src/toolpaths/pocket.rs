//! Rectangular pockets with rounded corners: offset rings cut from the inside out.
//!
//! The rounded rectangle is a closed polyline with quarter-arc corners; the rings are its inward
//! offsets (cavalier_contours) at `tool_r`, `tool_r + step`, `tool_r + 2·step`, ... with
//! `step = stepover × tool_d`, until an offset collapses. Inner rings have square corners, and
//! between two of them the tool reaches a corner's diagonal only if the step is at most
//! `(1 + 1/√2) × tool_r` (0.854 × tool_d): a larger stepover is reduced to that. Where the step is
//! wider than the tool radius, one more ring at `last + tool_r` (if it exists) clears the middle. At each depth pass the
//! tool ramps in on the innermost ring, then steps out ring by ring, finishing on the wall ring (the
//! tool's edge exactly on the pocket wall). Rings turn counter-clockwise for climb milling on the
//! stock outside them.
//!
//! A pocket whose narrow side is the tool's diameter (within [`KERF_TOLERANCE_MM`]), such as a truss
//! rod channel, has no ring to offset: it is cut as a slot along its centre line, the tool's ends a
//! tool radius in from the pocket's ends; one as wide as the tool both ways is a pecked hole.

use std::f64::consts::FRAC_1_SQRT_2;

use cavalier_contours::polyline::Polyline;

use nalgebra::Point2;

use super::contour::Contour;
use super::offsets::{offset, rounded_rect, to_contour};
use super::passes::{cut_loops, depth_levels};
use super::slot::cut_slot;
use super::writer::PathWriter;
use super::{ccw_for, in_range, Plan, PlanFailure, KERF_TOLERANCE_MM, MAX_STEPOVERS, STOCK_TOP_Z};
use crate::job::RectPocket;

/// The pocket's rings, wall ring first (each a single closed polyline, counter-clockwise).
pub(crate) fn rings(
    corner: [f64; 2],
    size: [f64; 2],
    corner_radius: f64,
    tool_r: f64,
    step: f64,
) -> Result<Vec<Polyline<f64>>, PlanFailure> {
    let outline = rounded_rect(corner, size, corner_radius);
    let estimate = (size[0].min(size[1]) / 2.0 - tool_r) / step;
    if estimate.is_nan() || estimate > MAX_STEPOVERS as f64 {
        return Err(PlanFailure::TooManyStepovers { limit: MAX_STEPOVERS });
    }
    let mut rings: Vec<Polyline<f64>> = Vec::new();
    let mut distance = tool_r;
    loop {
        let mut found = offset(&outline, distance);
        if found.len() > 1 {
            // A convex outline offsets to one loop; anything else is a numerical accident.
            return Err(PlanFailure::OffsetCollapsed {
                feature: "pocket",
                offset_mm: distance,
            });
        }
        match found.pop() {
            Some(ring) => rings.push(ring),
            None => break,
        }
        if rings.len() > MAX_STEPOVERS {
            return Err(PlanFailure::TooManyStepovers { limit: MAX_STEPOVERS });
        }
        distance += step;
    }
    if rings.is_empty() {
        return Err(PlanFailure::OffsetCollapsed {
            feature: "pocket",
            offset_mm: tool_r,
        });
    }
    if step > tool_r {
        // The last ring's sweep reaches tool_r inward; the middle may lie up to a step inside it.
        let last = distance - step;
        if let Some(middle) = offset(&outline, last + tool_r).pop() {
            rings.push(middle);
        }
    }
    Ok(rings)
}

impl Plan for RectPocket {
    fn detail(&self) -> String {
        format!("{:.3} x {:.3}", self.size_mm[0], self.size_mm[1])
    }

    fn plan(&self, w: &mut PathWriter) -> Result<(), PlanFailure> {
        plan(
            w,
            self.corner_mm,
            self.size_mm,
            self.corner_radius_mm,
            self.depth_mm,
        )
    }
}

/// Plans a rectangular pocket.
fn plan(
    w: &mut PathWriter,
    corner: [f64; 2],
    size: [f64; 2],
    corner_radius: f64,
    depth: f64,
) -> Result<(), PlanFailure> {
    let job = w.job();
    in_range("corner_mm[0]", corner[0])?;
    in_range("corner_mm[1]", corner[1])?;
    in_range("size_mm[0]", size[0])?;
    in_range("size_mm[1]", size[1])?;
    let tool_d = job.tool.diameter_mm;
    let levels = depth_levels(depth, job.cutting.stepdown_mm)?;
    let tool_r = tool_d / 2.0;
    let fits = |side: f64| (side - tool_d).abs() <= KERF_TOLERANCE_MM;
    let [x0, y0] = corner;
    let (xc, yc) = (x0 + size[0] / 2.0, y0 + size[1] / 2.0);
    match (fits(size[0]), fits(size[1])) {
        (true, true) => return w.peck(Point2::new(xc, yc), STOCK_TOP_Z - depth, job.cutting.stepdown_mm),
        (false, true) if size[0] > tool_d => {
            let (a, b) = (
                Point2::new(x0 + tool_r, yc),
                Point2::new(x0 + size[0] - tool_r, yc),
            );
            return cut_slot(w, a, b, &levels);
        }
        (true, false) if size[1] > tool_d => {
            let (a, b) = (
                Point2::new(xc, y0 + tool_r),
                Point2::new(xc, y0 + size[1] - tool_r),
            );
            return cut_slot(w, a, b, &levels);
        }
        _ => {}
    }
    let step = (job.cutting.stepover * tool_d).min((1.0 + FRAC_1_SQRT_2) * tool_r);
    let rings = rings(corner, size, corner_radius, tool_r, step)?;
    let ccw = ccw_for(true, job.cutting.direction);
    let loops: Vec<Contour> = rings
        .iter()
        .rev()
        .filter_map(to_contour)
        .map(|c| if ccw { c } else { c.reversed() })
        .collect();
    cut_loops(w, &loops, &levels, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cavalier_contours::polyline::PlineSource;

    #[test]
    fn a_56_by_76_pocket_with_quarter_inch_corners_is_ten_rings_and_48_vertices() {
        // gcode.md: a 56 × 76 mm pocket with 6.35 mm corners, a 6.35 mm tool at 0.4 stepover.
        let rings = rings([0.0, 0.0], [76.0, 56.0], 6.35, 3.175, 0.4 * 6.35).unwrap();
        assert_eq!(rings.len(), 10);
        let vertices: usize = rings.iter().map(|r| r.vertex_count()).sum();
        assert_eq!(vertices, 48);
        // The wall ring keeps the corner arcs (radius 6.35 - 3.175), the inner ones are sharp.
        assert_eq!(rings[0].vertex_count(), 8);
        assert_eq!(rings[9].vertex_count(), 4);
        // Exact area of the wall ring: a rounded rectangle inset by the tool radius.
        let r: f64 = 3.175;
        let area = (76.0 - 2.0 * r) * (56.0 - 2.0 * r) - (4.0 - std::f64::consts::PI) * r * r;
        assert!((rings[0].area() - area).abs() < 1e-9);
    }

    #[test]
    fn a_pocket_narrower_than_the_tool_collapses() {
        assert_eq!(
            rings([0.0, 0.0], [20.0, 5.0], 0.0, 3.0, 2.4).unwrap_err(),
            PlanFailure::OffsetCollapsed {
                feature: "pocket",
                offset_mm: 3.0
            }
        );
        // Exactly the tool's width leaves a ring of no area: still nothing to cut around.
        assert!(rings([0.0, 0.0], [20.0, 6.0], 0.0, 3.0, 2.4).is_err());
        assert_eq!(rings([0.0, 0.0], [20.0, 6.2], 0.0, 3.0, 2.4).unwrap().len(), 1);
    }

    #[test]
    fn wide_steps_add_a_ring_to_clear_the_middle() {
        // Half-width 10, tool radius 1, step 1.8: rings at 1, 2.8, 4.6, 6.4, 8.2; 10 collapses;
        // the extra ring at 9.2 leaves no more than 0.8 beyond the tool's reach.
        let rings = rings([0.0, 0.0], [40.0, 20.0], 0.0, 1.0, 1.8).unwrap();
        assert_eq!(rings.len(), 6);
        let last = rings.last().unwrap();
        let extents = last.extents().unwrap();
        assert!((extents.min_y - 9.2).abs() < 1e-9);
    }
}
