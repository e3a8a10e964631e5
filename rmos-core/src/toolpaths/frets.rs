//! Fret slots: one tool-width slot per fret across the board, at equal-temperament positions.
//!
//! Slot `n` runs along Y at `X = nut_x + d_n` with `d_n = L − L / 2^(n/12)`
//! ([`crate::job::fret_position_mm`]), from `nut_y − w/2` to `nut_y + w/2`. The kerf is the tool's
//! own diameter. Each depth pass ramps down along the whole slot (one leg, or more where the slot is
//! too short for the ramp angle), then runs back level at the pass depth, which also clears what the
//! ramp left; the next pass starts from that end. Slots are taken in fret order, each starting at the
//! end nearest the previous slot's finish.

use nalgebra::{Point2, Point3};

use super::passes::{depth_levels, step_count};
use super::writer::PathWriter;
use super::{in_range, PlanFailure, KERF_TOLERANCE_MM, MAX_MOVES, RAMP_ANGLE_DEG, STOCK_TOP_Z};
use crate::job::fret_position_mm;

/// Plans fret slots.
pub(crate) fn plan(
    w: &mut PathWriter,
    scale: f64,
    frets: u32,
    nut: [f64; 2],
    board_width: f64,
    depth: f64,
    kerf: f64,
) -> Result<(), PlanFailure> {
    let job = w.job();
    in_range("scale_length_mm", scale)?;
    in_range("nut_at_mm[0]", nut[0])?;
    in_range("nut_at_mm[1]", nut[1])?;
    in_range("board_width_mm", board_width)?;
    let tool_d = job.tool.diameter_mm;
    if (kerf - tool_d).abs() > KERF_TOLERANCE_MM {
        return Err(PlanFailure::KerfMismatch {
            kerf_mm: kerf,
            tool_mm: tool_d,
        });
    }
    let levels = depth_levels(depth, job.cutting.stepdown_mm)?;
    let (low, high) = (nut[1] - board_width / 2.0, nut[1] + board_width / 2.0);
    let tan = RAMP_ANGLE_DEG.to_radians().tan();
    let mut at_low = true;
    for n in 1..=frets {
        let x = nut[0] + fret_position_mm(scale, n);
        if n > 1 {
            // Start at the end nearest the last slot's finish.
            at_low = (w.xy().y - low).abs() <= (w.xy().y - high).abs();
        }
        let end_y = |low_end: bool| if low_end { low } else { high };
        w.approach(Point2::new(x, end_y(at_low)))?;
        let mut z_prev = STOCK_TOP_Z;
        for &z in &levels {
            // One leg, or a zig-zag where the slot is shorter than its ramp (the move limit stops
            // anything absurd before the count matters).
            let legs = step_count(z_prev - z, board_width * tan).min(MAX_MOVES as f64) as u32;
            for leg in 1..=legs {
                at_low = !at_low;
                let zl = if leg == legs {
                    z
                } else {
                    z_prev + (z - z_prev) * f64::from(leg) / f64::from(legs)
                };
                w.line_to(Point3::new(x, end_y(at_low), zl))?;
            }
            at_low = !at_low;
            w.line_to(Point3::new(x, end_y(at_low), z))?;
            z_prev = z;
        }
        w.retract()?;
    }
    Ok(())
}
