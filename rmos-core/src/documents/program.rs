//! The program summary: what a released program is, without its G-code.

use serde::Serialize;

use crate::content::ContentHash;
use crate::documents::Document;
use crate::posts::Units;
use crate::program::Program;
use crate::toolpaths::Bounds;

/// What a released program is: `{"artifact_id", "seq", "post", "units", "gcode_bytes", "output_hash",
/// "bounds": {"min": [x, y, z], "max": [x, y, z]}, "cut_length_mm", "rapid_length_mm", "cycle_time_s"}`.
///
/// Bounds and lengths are of the planned toolpath, in mm whatever the output units; the cycle time is the
/// estimate from the planned moves, s.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgramSummary {
    /// Id of the `toolpath` artifact.
    pub artifact_id: ContentHash,
    /// Seq of the `toolpath` artifact in its ledger.
    pub seq: u64,
    /// The controller dialect (`grbl`, `linuxcnc`, `mach3`, `fanuc`).
    pub post: &'static str,
    /// `mm` or `inch`: the units the G-code is written in.
    pub units: Units,
    /// Size of the G-code, bytes.
    pub gcode_bytes: usize,
    /// SHA-256 of the G-code: its attachment address in the ledger.
    pub output_hash: Option<ContentHash>,
    /// Bounds of everything the tool centre reaches, mm.
    pub bounds: Bounds,
    /// Length of feed moves, mm.
    pub cut_length_mm: f64,
    /// Length of rapid moves, mm.
    pub rapid_length_mm: f64,
    /// Estimated running time, s.
    pub cycle_time_s: f64,
}

impl ProgramSummary {
    /// The summary of `program`.
    pub fn of(program: &Program) -> Self {
        let toolpath = program.toolpath();
        let artifact = program.artifact();
        Self {
            artifact_id: artifact.id,
            bounds: toolpath.bounds(),
            cut_length_mm: toolpath.cut_length_mm(),
            cycle_time_s: toolpath.cycle_time_s(),
            gcode_bytes: program.gcode().len(),
            output_hash: artifact.record.output_hash,
            post: program.options().post.id(),
            rapid_length_mm: toolpath.rapid_length_mm(),
            seq: artifact.seq,
            units: program.options().units,
        }
    }
}

impl Document for ProgramSummary {}
