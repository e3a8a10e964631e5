//! Straight slots one tool wide: fret slots, and pockets exactly as wide as the tool.
//!
//! Each depth pass ramps down along the whole slot (one leg, or a zig-zag of legs where the slot is
//! too short for [`RAMP_ANGLE_DEG`]), then runs back level at the pass depth, which also clears what
//! the ramp left; the next pass starts from that end. A slot starts at the end nearest the tool.

use nalgebra::{Point2, Point3};

use super::passes::step_count;
use super::writer::PathWriter;
use super::{PlanFailure, MAX_MOVES, RAMP_ANGLE_DEG, STOCK_TOP_Z};

/// Cuts the slot from `a` to `b` (tool centre line) at every level in `levels`, then retracts.
pub(crate) fn cut_slot(
    w: &mut PathWriter,
    a: Point2<f64>,
    b: Point2<f64>,
    levels: &[f64],
) -> Result<(), PlanFailure> {
    // Which end the tool stands at: `true` for `b`.
    let mut at_b = matches!(w.position(), Some(p) if (p.xy() - b).norm() < (p.xy() - a).norm());
    let end = |at_b: bool| if at_b { b } else { a };
    w.approach(end(at_b))?;
    let rise = (b - a).norm() * RAMP_ANGLE_DEG.to_radians().tan();
    let mut z_prev = STOCK_TOP_Z;
    for &z in levels {
        // The move limit stops an absurd count long before it matters.
        let legs = step_count(z_prev - z, rise).min(MAX_MOVES as f64) as u32;
        for leg in 1..=legs {
            at_b = !at_b;
            let zl = if leg == legs {
                z
            } else {
                z_prev + (z - z_prev) * f64::from(leg) / f64::from(legs)
            };
            let p = end(at_b);
            w.line_to(Point3::new(p.x, p.y, zl))?;
        }
        at_b = !at_b;
        let p = end(at_b);
        w.line_to(Point3::new(p.x, p.y, z))?;
        z_prev = z;
    }
    w.retract()
}
