//! A planner's moves as sweeps, for simulating a toolpath before it is posted.

use crate::toolpaths::Move;

use super::sweep::Sweep;

/// The sweeps of a planner's moves. The tool starts where the first move ends (a planner's first move
/// is its rapid to the safe plane); operation markers move nothing; a pecked hole is a rapid to its R
/// plane over the hole, a plunge to the bottom and a retract (the pecks inside it remove nothing more).
/// Each sweep's `line` is the index of the move it came from.
///
/// ```
/// use nalgebra::{Point2, Point3};
/// use rmos_core::simulation::sweeps_from_moves;
/// use rmos_core::toolpaths::Move;
/// let moves = [
///     Move::Rapid { to: Point3::new(5.0, 5.0, 5.0) },
///     Move::PeckDrill { at: Point2::new(5.0, 5.0), r_z: 1.0, bottom_z: -3.0, peck_mm: 1.0, feed_mm_min: 300.0 },
/// ];
/// let sweeps = sweeps_from_moves(&moves);
/// assert_eq!(sweeps.len(), 4);
/// assert!(sweeps[0].rapid && !sweeps[2].rapid);
/// ```
pub fn sweeps_from_moves(moves: &[Move]) -> Vec<Sweep> {
    let mut at: Option<[f64; 3]> = None;
    let mut out = Vec::with_capacity(moves.len());
    for (index, m) in moves.iter().enumerate() {
        let Some(end) = m.end() else { continue };
        let end = [end.x, end.y, end.z];
        let from = at.unwrap_or(end);
        match m {
            Move::Operation { .. } => {}
            Move::Rapid { .. } => out.push(Sweep {
                rapid: true,
                ..Sweep::line(index, from, end)
            }),
            Move::Feed { .. } => out.push(Sweep::line(index, from, end)),
            Move::Arc {
                center, clockwise, ..
            } => out.push(Sweep::arc(index, from, end, [center.x, center.y], *clockwise)),
            Move::PeckDrill { bottom_z, .. } => {
                let bottom = [end[0], end[1], *bottom_z];
                out.push(Sweep {
                    rapid: true,
                    ..Sweep::line(index, from, end)
                });
                out.push(Sweep::line(index, end, bottom));
                out.push(Sweep::line(index, bottom, end));
            }
        }
        at = Some(end);
    }
    out
}
