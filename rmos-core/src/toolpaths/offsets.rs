//! Offsets with cavalier_contours, which keeps true arcs: rounded corners and offset joins reach the
//! toolpath (and the G-code) as arcs, not as hundreds of chords.

use cavalier_contours::polyline::{
    seg_arc_radius_and_center, PlineSource, PlineSourceMut, PlineVertex, Polyline,
};
use nalgebra::Point2;

use super::contour::{Contour, Seg};
use super::PlanFailure;

/// Positions closer than this (mm) are one vertex.
const SAME_POINT_MM: f64 = 1e-9;
/// Arcs bulging less than this (mm) from their chord are lines.
const FLAT_ARC_MM: f64 = 1e-7;

/// A closed polyline from points, without repeated points; `None` when fewer than 3 remain.
pub(crate) fn closed_polyline(points: &[[f64; 2]]) -> Option<Polyline<f64>> {
    let mut pl = Polyline::new_closed();
    for p in points {
        pl.add(p[0], p[1], 0.0);
    }
    let pl = pl.remove_repeat_pos(SAME_POINT_MM).unwrap_or(pl);
    (pl.vertex_count() >= 3).then_some(pl)
}

/// The outline a profile follows: closed, counter-clockwise, bounding an area and not crossing
/// itself. The flag is true when the points were given clockwise.
pub(crate) fn profile_outline(points: &[[f64; 2]]) -> Result<(Polyline<f64>, bool), PlanFailure> {
    let mut pl =
        closed_polyline(points).ok_or(PlanFailure::BadPolyline("needs at least 3 distinct points"))?;
    let area = pl.area();
    if area.is_nan() || area.abs() <= 1e-9 {
        return Err(PlanFailure::BadPolyline("encloses no area"));
    }
    if pl.scan_for_self_intersect() {
        return Err(PlanFailure::BadPolyline("crosses itself"));
    }
    let clockwise = area < 0.0;
    if clockwise {
        pl.invert_direction_mut();
    }
    Ok((pl, clockwise))
}

/// A counter-clockwise rectangle from `corner` (lower left) of `size` with corners rounded to
/// `radius` (four lines and four quarter arcs; four lines when the radius is 0).
pub(crate) fn rounded_rect(corner: [f64; 2], size: [f64; 2], radius: f64) -> Polyline<f64> {
    let [x0, y0] = corner;
    let (x1, y1) = (x0 + size[0], y0 + size[1]);
    let mut pl = Polyline::new_closed();
    if radius <= 0.0 {
        for (x, y) in [(x0, y0), (x1, y0), (x1, y1), (x0, y1)] {
            pl.add(x, y, 0.0);
        }
        return pl;
    }
    let quarter = (std::f64::consts::PI / 8.0).tan();
    let r = radius;
    for (x, y, bulge) in [
        (x0 + r, y0, 0.0),
        (x1 - r, y0, quarter),
        (x1, y0 + r, 0.0),
        (x1, y1 - r, quarter),
        (x1 - r, y1, 0.0),
        (x0 + r, y1, quarter),
        (x0, y1 - r, 0.0),
        (x0, y0 + r, quarter),
    ] {
        pl.add(x, y, bulge);
    }
    pl.remove_repeat_pos(SAME_POINT_MM).unwrap_or(pl)
}

/// The closed offsets of `pl` by `distance` (to the left of travel: inward for a counter-clockwise
/// outline), without repeated points.
pub(crate) fn offset(pl: &Polyline<f64>, distance: f64) -> Vec<Polyline<f64>> {
    pl.parallel_offset(distance)
        .into_iter()
        .filter(|o| o.is_closed())
        .map(|o| o.remove_repeat_pos(SAME_POINT_MM).unwrap_or(o))
        .filter(|o| o.vertex_count() >= 2 && o.area().abs() > 1e-12)
        .collect()
}

fn seg_of(v1: PlineVertex<f64>, v2: PlineVertex<f64>) -> Seg {
    let (a, b) = (Point2::new(v1.x, v1.y), Point2::new(v2.x, v2.y));
    if v1.bulge == 0.0 || (b - a).norm() <= SAME_POINT_MM {
        return Seg::Line { a, b };
    }
    let (radius, c) = seg_arc_radius_and_center(v1, v2);
    let sweep = 4.0 * v1.bulge.atan();
    let sagitta = radius * (1.0 - (sweep / 2.0).cos());
    if !(radius.is_finite() && sagitta > FLAT_ARC_MM) {
        return Seg::Line { a, b };
    }
    let center = Point2::new(c.x, c.y);
    let start_angle = (a.y - center.y).atan2(a.x - center.x);
    Seg::Arc {
        a,
        b,
        center,
        radius,
        start_angle,
        sweep,
    }
}

/// The polyline as a contour of lines and arcs, in its own direction.
pub(crate) fn to_contour(pl: &Polyline<f64>) -> Option<Contour> {
    let n = pl.vertex_count();
    Contour::new((0..n).filter_map(|i| Some(seg_of(pl.get(i)?, pl.get((i + 1) % n)?))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_rect_is_eight_vertices_counter_clockwise_with_exact_area() {
        let pl = rounded_rect([0.0, 0.0], [76.0, 56.0], 6.35);
        assert_eq!(pl.vertex_count(), 8);
        let r: f64 = 6.35;
        let area = 76.0 * 56.0 - (4.0 - std::f64::consts::PI) * r * r;
        assert!((pl.area() - area).abs() < 1e-9);
        let c = to_contour(&pl).unwrap();
        assert!((c.signed_area() - area).abs() < 1e-9);
        assert_eq!(
            c.segments()
                .iter()
                .filter(|s| matches!(s, Seg::Arc { .. }))
                .count(),
            4
        );
        assert_eq!(rounded_rect([0.0, 0.0], [10.0, 10.0], 0.0).vertex_count(), 4);
        // A stadium: the short sides vanish.
        assert_eq!(rounded_rect([0.0, 0.0], [20.0, 10.0], 5.0).vertex_count(), 6);
    }

    #[test]
    fn outlines_are_made_counter_clockwise_and_checked() {
        let cw = [[0.0, 0.0], [0.0, 10.0], [10.0, 10.0], [10.0, 0.0]];
        let (pl, was_cw) = profile_outline(&cw).unwrap();
        assert!(was_cw);
        assert!(pl.area() > 0.0);
        let (_, was_cw) = profile_outline(&[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0]]).unwrap();
        assert!(!was_cw);
        assert_eq!(
            profile_outline(&[[0.0, 0.0], [10.0, 0.0], [20.0, 0.0]]).unwrap_err(),
            PlanFailure::BadPolyline("encloses no area")
        );
        assert_eq!(
            profile_outline(&[[0.0, 0.0], [10.0, 10.0], [10.0, 0.0], [0.0, 5.0]]).unwrap_err(),
            PlanFailure::BadPolyline("crosses itself")
        );
        assert_eq!(
            profile_outline(&[[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [0.0, 0.0]]).unwrap_err(),
            PlanFailure::BadPolyline("needs at least 3 distinct points")
        );
    }

    #[test]
    fn offsets_keep_arcs() {
        let square = rounded_rect([0.0, 0.0], [10.0, 10.0], 0.0);
        // Outward by 1: four lines and four quarter arcs of radius 1 at the corners.
        let out = offset(&square, -1.0);
        assert_eq!(out.len(), 1);
        let c = to_contour(&out[0]).unwrap();
        let arcs: Vec<&Seg> = c
            .segments()
            .iter()
            .filter(|s| matches!(s, Seg::Arc { .. }))
            .collect();
        assert_eq!(arcs.len(), 4);
        for arc in arcs {
            if let Seg::Arc { radius, sweep, .. } = arc {
                assert!((radius - 1.0).abs() < 1e-9);
                assert!((sweep - std::f64::consts::FRAC_PI_2).abs() < 1e-9);
            }
        }
        assert!((c.length() - (40.0 + 2.0 * std::f64::consts::PI)).abs() < 1e-9);
        // Inward by more than half the side: nothing left.
        assert!(offset(&square, 5.5).is_empty());
    }
}
