//! Arc centres on the output grid.
//!
//! A controller checks an arc with the numbers it reads: the start is the previous block's rounded end,
//! the end and the centre offsets are rounded too. Rounding the three independently can leave the end
//! radius a few steps away from the start radius (GRBL then stops with error 33). So the start and end are
//! rounded once, like every coordinate, and the centre is chosen on the output grid, near the planner's
//! centre, where the two radii agree best.

/// The difference between end and start radius a controller tolerates (GRBL: 0.005 mm), mm.
pub const ARC_TOLERANCE_MM: f64 = 0.005;

/// The difference between end and start radius accepted in a planner's arc before rounding, mm.
pub const ARC_INPUT_TOLERANCE_MM: f64 = 0.001;

/// Steps either side of the rounded centre that are searched when it does not fit at once.
const WINDOW: i64 = 3;

/// A centre offset `(I, J)` from the start on the output grid, and how far the end radius then is from
/// the start radius, in output steps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GridCenter {
    /// Offsets from the start to the centre, steps.
    pub offset: [i64; 2],
    /// |end radius - start radius|, steps.
    pub mismatch: f64,
}

/// |distance(center, start) - distance(center, end)| in steps.
fn mismatch(center: [i64; 2], start: [i64; 2], end: [i64; 2]) -> f64 {
    let d = |p: [i64; 2]| {
        // Differences are below 2^53: exact as f64.
        let dx = (center[0] - p[0]) as f64;
        let dy = (center[1] - p[1]) as f64;
        dx.hypot(dy)
    };
    (d(start) - d(end)).abs()
}

/// Chooses the centre on the grid for an arc from `start` to `end` (grid steps) around `center`
/// (steps, not rounded). Takes the rounded centre when its radii differ by at most half a step; otherwise
/// the point of the 7 × 7 window around it with the smallest difference (ties: the one nearest to
/// `center`, then the first in scan order, so the choice is deterministic).
pub(crate) fn grid_center(start: [i64; 2], end: [i64; 2], center: [f64; 2], rounded: [i64; 2]) -> GridCenter {
    let offset = |c: [i64; 2]| [c[0] - start[0], c[1] - start[1]];
    let first = mismatch(rounded, start, end);
    if first <= 0.5 {
        return GridCenter {
            offset: offset(rounded),
            mismatch: first,
        };
    }
    let mut best = (first, distance2(rounded, center), rounded);
    for dy in -WINDOW..=WINDOW {
        for dx in -WINDOW..=WINDOW {
            let c = [rounded[0] + dx, rounded[1] + dy];
            let m = mismatch(c, start, end);
            let near = distance2(c, center);
            if m < best.0 || (m == best.0 && near < best.1) {
                best = (m, near, c);
            }
        }
    }
    GridCenter {
        offset: offset(best.2),
        mismatch: best.0,
    }
}

fn distance2(c: [i64; 2], center: [f64; 2]) -> f64 {
    let dx = c[0] as f64 - center[0];
    let dy = c[1] as f64 - center[1];
    dx * dx + dy * dy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exact_centre_is_kept() {
        let g = grid_center([0, 0], [2000, 0], [1000.0, 0.0], [1000, 0]);
        assert_eq!(g.offset, [1000, 0]);
        assert_eq!(g.mismatch, 0.0);
    }

    #[test]
    fn a_rounded_centre_off_the_bisector_is_moved_onto_it() {
        // The bisector of (0, 0) and (10, 0) is x = 5; the centre (5.6, 3.0) rounds to (6, 3), whose radii
        // differ by 1.708 steps. Every (5, y) fits exactly; (5, 3) is the nearest to the centre.
        let (start, end) = ([0, 0], [10, 0]);
        assert!((mismatch([6, 3], start, end) - 1.7082).abs() < 1e-4);
        let g = grid_center(start, end, [5.6, 3.0], [6, 3]);
        assert_eq!(g.offset, [5, 3]);
        assert_eq!(g.mismatch, 0.0);
    }

    #[test]
    fn the_search_takes_the_best_point_of_the_window() {
        // (0, 0) to (11, 0): no grid point lies on the bisector x = 5.5.
        let (start, end) = ([0, 0], [11, 0]);
        let g = grid_center(start, end, [5.5, 2.0], [6, 2]);
        let mut best = f64::MAX;
        for dy in -3..=3 {
            for dx in -3..=3 {
                best = best.min(mismatch([6 + dx, 2 + dy], start, end));
            }
        }
        assert_eq!(g.mismatch, best);
        assert!(g.mismatch < mismatch([6, 2], start, end));
        assert_eq!(
            mismatch([start[0] + g.offset[0], start[1] + g.offset[1]], start, end),
            best
        );
    }

    #[test]
    fn full_circles_have_no_mismatch() {
        let g = grid_center([5, 5], [5, 5], [105.3, 5.2], [105, 5]);
        assert_eq!(g.offset, [100, 0]);
        assert_eq!(g.mismatch, 0.0);
    }
}
