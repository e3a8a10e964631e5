//! Fret slots: one tool-width slot per fret across the board, at equal-temperament positions.
//!
//! Slot `n` runs along Y at `X = nut_x + d_n` with `d_n = L − L / 2^(n/12)`
//! ([`crate::job::fret_position_mm`]), from `nut_y − w/2` to `nut_y + w/2`. The kerf is the tool's
//! own diameter (within [`KERF_TOLERANCE_MM`]). Each slot is cut in ramped passes (see
//! [`cut_slot`]); slots are taken in fret order, each starting at the end nearest the previous
//! slot's finish.

use nalgebra::Point2;

use super::passes::depth_levels;
use super::slot::cut_slot;
use super::writer::PathWriter;
use super::{in_range, Plan, PlanFailure, KERF_TOLERANCE_MM};
use crate::job::{fret_position_mm, FretSlots};

impl Plan for FretSlots {
    fn detail(&self) -> String {
        format!("{} frets scale {:.3}", self.frets, self.scale_length_mm)
    }

    fn plan(&self, w: &mut PathWriter) -> Result<(), PlanFailure> {
        let (scale, frets, nut) = (self.scale_length_mm, self.frets, self.nut_at_mm);
        plan(
            w,
            scale,
            frets,
            nut,
            self.board_width_mm,
            self.slot_depth_mm,
            self.kerf_mm,
        )
    }
}

/// Plans fret slots.
fn plan(
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
    for n in 1..=frets {
        let x = nut[0] + fret_position_mm(scale, n);
        cut_slot(w, Point2::new(x, low), Point2::new(x, high), &levels)?;
    }
    Ok(())
}
