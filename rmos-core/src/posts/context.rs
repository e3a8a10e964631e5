//! What a program's header, tool call and spindle need besides the motion.

use serde::{Deserialize, Serialize};

use super::Units;
use crate::content::ContentHash;
use crate::engines;

/// Where a program comes from: written as comments at the top of every program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The job's name.
    pub job_name: String,
    /// Content address of the approval run artifact the program was made from.
    pub approval_id: ContentHash,
    /// Content address of the canonical job document.
    pub request_hash: ContentHash,
    /// Content address of the canonical policy.
    pub policy_hash: ContentHash,
    /// Feasibility engine stamp (default [`engines::FEASIBILITY`]).
    pub feasibility_engine: String,
    /// Toolpath engine stamp (default [`engines::TOOLPATH`]).
    pub toolpath_engine: String,
}

impl Provenance {
    /// Provenance with this crate's feasibility and toolpath stamps. The post stamp is always
    /// [`engines::post_stamp`] of the dialect that writes the program.
    pub fn new(
        job_name: impl Into<String>,
        approval_id: ContentHash,
        request_hash: ContentHash,
        policy_hash: ContentHash,
    ) -> Self {
        Self {
            job_name: job_name.into(),
            approval_id,
            request_hash,
            policy_hash,
            feasibility_engine: engines::FEASIBILITY.to_owned(),
            toolpath_engine: engines::TOOLPATH.to_owned(),
        }
    }
}

/// The tool the program calls.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// Tool (and length offset) number, 1 to [`MAX_TOOL_NUMBER`]: `T1 M6`, `G43 H1`.
    pub number: u32,
    /// Cutting diameter, mm (written in the header comment).
    pub diameter_mm: f64,
}

/// Highest tool number written.
pub const MAX_TOOL_NUMBER: u32 = 9999;
/// Highest spindle speed written, rpm.
pub const MAX_SPINDLE_RPM: f64 = 1.0e6;
/// Longest spindle dwell written, seconds.
pub const MAX_DWELL_S: f64 = 600.0;

/// Everything besides the motion that a program needs: provenance, units, spindle, tool, coolant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmitContext {
    /// Header comments: job, approval, hashes, engine stamps.
    pub provenance: Provenance,
    /// Output units (default mm).
    pub units: Units,
    /// Spindle speed, rpm (written as a whole number, `M3 S18000`).
    pub spindle_rpm: f64,
    /// Dwell after the spindle starts, before anything moves, seconds; `None` derives it from the speed
    /// with [`default_dwell_s`].
    pub spindle_dwell_s: Option<f64>,
    /// Height the program starts and ends at, mm above the stock top (Z = 0); must be above it.
    pub safe_z_mm: f64,
    /// The tool called.
    pub tool: ToolCall,
    /// Flood coolant or air blast on (`M8`) after the spindle starts, off (`M9`) at the end.
    pub coolant: bool,
    /// Fanuc program number, 1 to 9999, written `O0001`; the other dialects do not write it.
    pub program_number: u32,
}

impl EmitContext {
    /// A context in mm, coolant off, program number 1 and the dwell derived from `spindle_rpm`.
    pub fn new(provenance: Provenance, spindle_rpm: f64, safe_z_mm: f64, tool: ToolCall) -> Self {
        Self {
            provenance,
            units: Units::Mm,
            spindle_rpm,
            spindle_dwell_s: None,
            safe_z_mm,
            tool,
            coolant: false,
            program_number: 1,
        }
    }

    /// The dwell written after the spindle starts, seconds.
    pub fn dwell_s(&self) -> f64 {
        self.spindle_dwell_s
            .unwrap_or_else(|| default_dwell_s(self.spindle_rpm))
    }
}

/// The spindle dwell used when the context gives none: one second per 6000 rpm, rounded up, and at
/// least two seconds (12 000 rpm: 2 s, 18 000 rpm: 3 s, 24 000 rpm: 4 s). A router spindle's drive
/// typically ramps at a few thousand rpm per second; a longer dwell costs seconds, a shorter one a tool.
///
/// ```
/// assert_eq!(rmos_core::posts::default_dwell_s(24_000.0), 4.0);
/// assert_eq!(rmos_core::posts::default_dwell_s(8_000.0), 2.0);
/// ```
pub fn default_dwell_s(rpm: f64) -> f64 {
    (rpm / 6000.0).ceil().max(2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dwell_is_derived_from_the_speed_unless_set() {
        let h = ContentHash::of(b"x");
        let mut ctx = EmitContext::new(
            Provenance::new("top", h, h, h),
            18_000.0,
            5.0,
            ToolCall {
                number: 1,
                diameter_mm: 3.175,
            },
        );
        assert_eq!(ctx.dwell_s(), 3.0);
        ctx.units = Units::Inch;
        ctx.spindle_dwell_s = Some(1.5);
        assert_eq!(ctx.dwell_s(), 1.5);
    }
}
