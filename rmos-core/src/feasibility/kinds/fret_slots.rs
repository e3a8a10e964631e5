//! `fret_slots`: one tool-width slot per fret; held to its kerf, its board and its scale length.

use super::OperationGeometry;
use crate::feasibility::estimates::Pace;
use crate::feasibility::feature::{Feature, Rect};
use crate::feasibility::physics::{lutherie, Ctx};
use crate::feasibility::report::Finding;
use crate::job::{fret_position_mm, FretSlots};

impl OperationGeometry for FretSlots {
    /// The slots from the first fret to the last, across the board. The kerf rule (not `TOOL_TOO_WIDE`)
    /// owns the fit and `FRET_OUTSIDE_BOARD` (not `THROUGH_STOCK`) the stock's edges.
    fn feature(&self, tool_d: f64) -> Feature {
        let r = tool_d / 2.0;
        let nut = self.nut_at_mm;
        let first = nut[0] + fret_position_mm(self.scale_length_mm, 1);
        let last = nut[0] + fret_position_mm(self.scale_length_mm, self.frets);
        let half_board = self.board_width_mm / 2.0;
        Feature {
            strategy: "slot",
            width: Some(self.kerf_mm),
            length: Some(self.board_width_mm),
            smallest: Some(self.kerf_mm),
            loop_count: i64::from(self.frets),
            closed: None,
            swept: Rect {
                min: [first - r, nut[1] - half_board - r],
                max: [last + r, nut[1] + half_board + r],
            },
            fit: None,
            clearing_width: None,
            milling: true,
            on_stock: false,
        }
    }

    /// The board width per slot.
    fn estimate(&self, pace: &Pace<'_>) -> (f64, f64) {
        let n = f64::from(self.frets);
        (
            n * pace.per_loop(self.board_width_mm),
            n * self.board_width_mm * pace.tool_d * pace.depth,
        )
    }

    /// `KERF_MISMATCH`, `FRET_OUTSIDE_BOARD`, `UNUSUAL_SCALE_LENGTH`.
    fn push_checks(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        lutherie::kerf(ctx, self.kerf_mm, out);
        lutherie::fret_positions(
            ctx,
            self.scale_length_mm,
            self.frets,
            self.nut_at_mm,
            self.board_width_mm,
            out,
        );
        lutherie::scale_length(ctx, self.scale_length_mm, out);
    }
}
