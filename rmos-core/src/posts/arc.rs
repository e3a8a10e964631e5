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

/// The difference between end and start radius a centre on the grid is kept within when one can be, mm:
/// below [`ARC_TOLERANCE_MM`] with room to spare.
pub(crate) const ARC_TARGET_MM: f64 = 0.003;

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
        (dx * dx + dy * dy).sqrt()
    };
    (d(start) - d(end)).abs()
}

/// Chooses the centre on the grid for an arc from `start` to `end` (grid steps) around `center`
/// (steps, not rounded; `rounded` is its rounding).
///
/// The rounded centre is kept when its radii differ by at most `target` steps. Otherwise, in the 7 × 7
/// window around it: the point nearest to `center` among those within `target`, or failing any, the one
/// with the smallest difference (differences within a thousandth of a step count as equal, nearer to
/// `center` wins, then the first in scan order), so the choice is deterministic and never trades the
/// planner's centre for a gain nobody can measure.
pub(crate) fn grid_center(
    start: [i64; 2],
    end: [i64; 2],
    center: [f64; 2],
    rounded: [i64; 2],
    target: f64,
) -> GridCenter {
    let offset = |c: [i64; 2]| [c[0] - start[0], c[1] - start[1]];
    let first = mismatch(rounded, start, end);
    if first <= target {
        return GridCenter {
            offset: offset(rounded),
            mismatch: first,
        };
    }
    // Thousandths of a step; a mismatch is at most a few thousand steps here, so the cast is exact.
    let rank = |m: f64| (m.max(target) * 1000.0).round() as i64;
    let mut best = (rank(first), distance2(rounded, center), rounded, first);
    for dy in -WINDOW..=WINDOW {
        for dx in -WINDOW..=WINDOW {
            let c = [rounded[0] + dx, rounded[1] + dy];
            if c == start || c == end {
                // A centre on the arc's own end points is a zero radius: never chosen.
                continue;
            }
            let m = mismatch(c, start, end);
            let key = (rank(m), distance2(c, center));
            if key.0 < best.0 || (key.0 == best.0 && key.1 < best.1) {
                best = (key.0, key.1, c, m);
            }
        }
    }
    GridCenter {
        offset: offset(best.2),
        mismatch: best.3,
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
        let g = grid_center([0, 0], [2000, 0], [1000.0, 0.0], [1000, 0], 0.5);
        assert_eq!(g.offset, [1000, 0]);
        assert_eq!(g.mismatch, 0.0);
    }

    #[test]
    fn a_rounded_centre_off_the_bisector_is_moved_onto_it() {
        // The bisector of (0, 0) and (10, 0) is x = 5; the centre (5.6, 3.0) rounds to (6, 3), whose radii
        // differ by 1.708 steps. Every (5, y) fits exactly; (5, 3) is the nearest to the centre.
        let (start, end) = ([0, 0], [10, 0]);
        assert!((mismatch([6, 3], start, end) - 1.7082).abs() < 1e-4);
        let g = grid_center(start, end, [5.6, 3.0], [6, 3], 0.5);
        assert_eq!(g.offset, [5, 3]);
        assert_eq!(g.mismatch, 0.0);
    }

    #[test]
    fn the_search_takes_the_best_point_of_the_window() {
        // (0, 0) to (11, 0): no grid point lies on the bisector x = 5.5.
        let (start, end) = ([0, 0], [11, 0]);
        let g = grid_center(start, end, [5.5, 2.0], [6, 2], 0.5);
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
    fn differences_nobody_can_measure_do_not_move_the_centre() {
        // A horizontal chord of 43307 steps: off-axis centres improve the mismatch by 1e-8 step only.
        let (start, end) = ([120_079, 78_740], [76_772, 78_740]);
        let g = grid_center(start, end, [98_425.2, 78_740.157], [98_425, 78_740], 0.5);
        assert_eq!(g.offset, [-21_654, 0]);
        assert!((g.mismatch - 1.0).abs() < 1e-6);
        // Within the target the rounded centre stays.
        let g = grid_center(start, end, [98_425.2, 78_740.157], [98_425, 78_740], 1.2);
        assert_eq!(g.offset, [-21_654, 0]);
    }

    #[test]
    fn within_the_target_the_nearest_point_wins() {
        // (0, 0) to (10, 0) around (5.6, 3.0), rounded (6, 3) misses by 1.708 steps; with a target of
        // 1.5 steps both (5, 3) (exact) and points like (6, 7) would do: the nearest, (5, 3), is taken.
        let g = grid_center([0, 0], [10, 0], [5.6, 3.0], [6, 3], 1.5);
        assert_eq!(g.offset, [5, 3]);
    }

    #[test]
    fn a_centre_rounded_onto_the_start_is_moved_off_it() {
        // A centre at (0.2, 0.3) rounds onto the start itself, a zero radius: the search moves it onto
        // the bisector of (0, 0) and (2, 0), nearest first.
        let g = grid_center([0, 0], [2, 0], [0.2, 0.3], [0, 0], 0.0001);
        assert_eq!(g.offset, [1, 0]);
        assert_eq!(g.mismatch, 0.0);
    }

    #[test]
    fn full_circles_have_no_mismatch() {
        let g = grid_center([5, 5], [5, 5], [105.3, 5.2], [105, 5], 0.5);
        assert_eq!(g.offset, [100, 0]);
        assert_eq!(g.mismatch, 0.0);
    }
}
