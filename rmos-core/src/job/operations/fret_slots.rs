//! `fret_slots`: fret slots across a fretboard.

use serde::{Deserialize, Serialize};

use super::OperationKind;
use crate::error::InvalidJob;
use crate::job::validation::{count, point, positive, OpField};
use crate::job::MAX_FRETS;

/// Fret slots across a fretboard at equal-temperament positions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FretSlots {
    /// Scale length, mm.
    pub scale_length_mm: f64,
    /// Number of frets.
    pub frets: u32,
    /// Nut position: X of the nut line, Y of the board centre line, mm.
    pub nut_at_mm: [f64; 2],
    /// Board width across the slots, mm.
    pub board_width_mm: f64,
    /// Slot depth, mm.
    pub slot_depth_mm: f64,
    /// Slot width asked for, mm (the tool diameter must equal it).
    pub kerf_mm: f64,
}

impl OperationKind for FretSlots {
    const KIND: &'static str = "fret_slots";

    fn depth_mm(&self) -> f64 {
        self.slot_depth_mm
    }

    fn validate(&self, index: usize) -> Result<(), InvalidJob> {
        let f = |name| OpField(index, name);
        positive(f("scale_length_mm"), self.scale_length_mm)?;
        count(f("frets"), self.frets, 1, MAX_FRETS)?;
        point(f("nut_at_mm"), &self.nut_at_mm)?;
        positive(f("board_width_mm"), self.board_width_mm)?;
        positive(f("slot_depth_mm"), self.slot_depth_mm)?;
        positive(f("kerf_mm"), self.kerf_mm)
    }
}
