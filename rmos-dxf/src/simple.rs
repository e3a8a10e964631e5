//! A closed chain made a simple, counter-clockwise outline, or refused: duplicate points dropped, no
//! zero area, no crossing (found by cavalier_contours' self-intersection search).

use cavalier_contours::polyline::internal::pline_intersects::all_self_intersects_as_basic;
use cavalier_contours::polyline::{PlineCreation, PlineSource, PlineSourceMut, Polyline};

use crate::{DxfError, Outline};

/// Positions closer than this (mm) are one position to the intersection search.
const POSITION_EPS: f64 = 1e-9;

/// Twice the signed area (shoelace), positive counter-clockwise.
pub(crate) fn doubled_area(points: &[[f64; 2]]) -> f64 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum()
}

fn unique(handles: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in handles {
        if !out.contains(h) {
            out.push(h.clone());
        }
    }
    out
}

/// The outline of `points` (segment `i` from entity `segment_handles[i]`), counter-clockwise from its
/// first point, or the reason it is not a simple closed outline.
pub(crate) fn outline(
    points: Vec<[f64; 2]>,
    segment_handles: Vec<String>,
    tol: f64,
) -> Result<Outline, DxfError> {
    // Drop points within the tolerance of the one kept before them (and a last point on the first).
    let mut pts: Vec<[f64; 2]> = Vec::with_capacity(points.len());
    let mut segs: Vec<String> = Vec::with_capacity(points.len());
    for (p, h) in points.into_iter().zip(segment_handles) {
        match pts.last() {
            Some(q) if (p[0] - q[0]).hypot(p[1] - q[1]) <= tol => {
                // The segment leaving the dropped point now leaves the kept one.
                if let Some(last) = segs.last_mut() {
                    *last = h;
                }
            }
            _ => {
                pts.push(p);
                segs.push(h);
            }
        }
    }
    while pts.len() > 1 {
        let (first, last) = (pts[0], pts[pts.len() - 1]);
        if (first[0] - last[0]).hypot(first[1] - last[1]) > tol {
            break;
        }
        // The zero-length segment from the last point back to the first goes with it.
        pts.pop();
        segs.pop();
    }
    if pts.len() < 3 {
        return Err(DxfError::Degenerate {
            handles: unique(&segs),
        });
    }
    let area2 = doubled_area(&pts);
    if area2 < 0.0 {
        // Clockwise: run the other way from the same first point. Segment k of the reversed outline is
        // segment n - 1 - k of the original.
        pts[1..].reverse();
        segs.reverse();
    }
    let mut pline: Polyline<f64> = Polyline::with_capacity(pts.len(), true);
    for p in &pts {
        pline.add(p[0], p[1], 0.0);
    }
    let index = pline.create_aabb_index();
    let mut crossings = all_self_intersects_as_basic(&pline, &index, true, POSITION_EPS);
    crossings.sort_by(|a, b| {
        (
            a.start_index1.min(a.start_index2),
            a.start_index1.max(a.start_index2),
        )
            .cmp(&(
                b.start_index1.min(b.start_index2),
                b.start_index1.max(b.start_index2),
            ))
    });
    if let Some(c) = crossings.first() {
        let pair = [c.start_index1, c.start_index2].map(|i| segs.get(i).cloned().unwrap_or_default());
        return Err(DxfError::SelfIntersecting {
            handles: unique(&pair),
            at: [c.point.x, c.point.y],
        });
    }
    let handles = unique(&segs);
    if area2.abs() / 2.0 <= tol * tol {
        return Err(DxfError::Degenerate { handles });
    }
    Ok(Outline { points: pts, handles })
}
