//! The planned toolpath: moves and what they reach and cost. It has no public constructor: a toolpath
//! comes only from an approved job (invariant S2).

use serde::Serialize;

use super::measure::{measure, OperationSpan};
use super::{Bounds, Move};
use crate::job::Job;

/// The moves planned for an approved job, with their bounds, lengths and estimated time.
///
/// Bounds hold every point the tool centre reaches, arc extremes and drill depths included. Lengths
/// and time are estimates: feed moves at their programmed feed scaled by the job's feed override,
/// rapids at the machine's rapid rate in a straight line, pecked holes as one pass down at feed plus a
/// rapid out and back in per peck; acceleration is ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Toolpath {
    moves: Vec<Move>,
    bounds: Bounds,
    cut_length_mm: f64,
    rapid_length_mm: f64,
    cycle_time_s: f64,
    operations: Vec<OperationSpan>,
}

impl Toolpath {
    /// A toolpath from moves, measured for `job`'s machine and feed override. Crate-internal: the
    /// planner and tests build toolpaths; hosts get them only through an approval.
    pub(crate) fn from_moves(moves: Vec<Move>, job: &Job) -> Self {
        let feed_scale = job.cutting.feed_override_percent.unwrap_or(100.0) / 100.0;
        let m = measure(&moves, job.machine.rapid_mm_min, feed_scale);
        Self {
            moves,
            bounds: m.bounds.unwrap_or(Bounds {
                min: [0.0; 3],
                max: [0.0; 3],
            }),
            cut_length_mm: m.cut_length_mm,
            rapid_length_mm: m.rapid_length_mm,
            cycle_time_s: m.cycle_time_s,
            operations: m.operations,
        }
    }

    /// The moves, in order; each operation starts with a [`Move::Operation`] marker.
    pub fn moves(&self) -> &[Move] {
        &self.moves
    }

    /// Everything the tool centre reaches (all zero for a toolpath without motion).
    pub fn bounds(&self) -> Bounds {
        self.bounds
    }

    /// Length travelled at a feed rate (cutting, ramps, plunges through the air, lifts), mm.
    pub fn cut_length_mm(&self) -> f64 {
        self.cut_length_mm
    }

    /// Length travelled at rapid, mm.
    pub fn rapid_length_mm(&self) -> f64 {
        self.rapid_length_mm
    }

    /// Estimated running time, s.
    pub fn cycle_time_s(&self) -> f64 {
        self.cycle_time_s
    }

    /// Per-operation spans and stats, in job order.
    pub fn operations(&self) -> &[OperationSpan] {
        &self.operations
    }
}
