//! One pass over the motion list into one pre-sized buffer.
//!
//! Every coordinate is converted to the output units and rounded once to the output grid (3 decimals in
//! mm, 4 in inches); the emitter then works on those integers. What the controller reads is exactly what
//! the emitter tracked: arcs start where the previous block ended, to the last step.
//!
//! Choices that hold for every dialect:
//! - every motion block names its motion word (`G0`, `G1`, `G2`, `G3`): explicit, so any line reads alone;
//! - `G0`/`G1` write only the axes that change, and a move that changes none is not written; arcs always
//!   write X and Y (GRBL needs an in-plane word), Z only for a helix, then both I and J (never K);
//! - an arc whose end is exactly its start (same X and Y) is a full circle; an arc whose end only rounds
//!   to its start is written as a straight `G1`, since a controller would read a full circle;
//! - `F` is written when it changes (it is modal), and on every canned-cycle block;
//! - a rapid never ends below Z = 0, the stock top;
//! - the header starts the spindle and dwells before the first move, and ends coolant and spindle at the
//!   end; nothing depends on time, so the same input gives the same bytes.

use super::context::{MAX_DWELL_S, MAX_SPINDLE_RPM, MAX_TOOL_NUMBER};
use super::dialect::Words;
use super::number::{quantize, Style};
use super::{EmitContext, Post, PostError, Units};
use crate::toolpaths::Move;

mod frame;
mod motion;
mod peck;
mod words;

/// Largest coordinate magnitude written, mm (100 m: beyond any machine, so an arc of kilometres cannot be
/// written).
pub const MAX_COORD_MM: f64 = 100_000.0;
/// Largest feed written, mm/min.
pub const MAX_FEED_MM_MIN: f64 = 1.0e6;
/// Height above the previous peck that an expanded peck cycle rapids back down to, mm (LinuxCNC's G83
/// uses the same 0.254 mm, 0.010 in).
pub const PECK_CLEARANCE_MM: f64 = 0.254;
/// Most pecks in one hole.
pub const MAX_PECKS: u64 = 10_000;
/// Line numbers count in tens and wrap after this one (Fanuc).
const LAST_LINE_NUMBER: u32 = 99_990;
/// Expected bytes per move when sizing the output.
const BYTES_PER_MOVE: usize = 40;

/// Writes the G-code program for `moves` in the dialect `post`.
///
/// The program: header comments (job, approval artifact id, request and policy hashes, engine stamps),
/// modal set-up and units, tool call where the dialect has one, a rapid to the safe height, spindle start,
/// coolant, dwell, the moves, then a retract to the safe height, coolant and spindle stop and program
/// end. Any move with a feed that is not positive and finite, a non-finite or out-of-range coordinate, a
/// rapid below the stock top, an arc whose radii disagree or a hole that cannot be pecked is refused.
///
pub(crate) fn emit(post: Post, moves: &[Move], ctx: &EmitContext) -> Result<String, PostError> {
    if moves.is_empty() {
        return Err(PostError::NoMoves);
    }
    let mut w = Writer::new(post, ctx.units, moves.len());
    let setup = Setup::check(post, ctx, &w)?;
    w.header(ctx, &setup)?;
    for (index, m) in moves.iter().enumerate() {
        w.motion(index, m)?;
    }
    w.footer(ctx, &setup)?;
    // Every byte written is ASCII (words, digits and sanitised comments), so this never replaces anything.
    Ok(match String::from_utf8(w.out) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Distance between two points in the plane; both are within ±MAX_COORD_MM, so nothing overflows.
fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    (dx * dx + dy * dy).sqrt()
}

/// The context's numbers, checked and rounded.
#[derive(Debug)]
struct Setup {
    rpm: u64,
    /// Dwell in seconds × 1000 (milliseconds), whatever unit the dialect writes.
    dwell_ms: i64,
    safe_z: i64,
    tool: u32,
    tool_diameter: i64,
    program_number: u32,
}

impl Setup {
    fn check(post: Post, ctx: &EmitContext, w: &Writer) -> Result<Self, PostError> {
        let bad = |field: &'static str, reason: String| PostError::BadContext { field, reason };
        let rpm = ctx.spindle_rpm;
        if !(0.5..=MAX_SPINDLE_RPM).contains(&rpm) {
            return Err(bad(
                "spindle_rpm",
                format!("must be 1 to {MAX_SPINDLE_RPM} rpm, got {rpm}"),
            ));
        }
        let dwell = ctx.dwell_s();
        let dwell_ms = quantize(dwell, 1000).filter(|ms| *ms >= 1 && dwell <= MAX_DWELL_S);
        let Some(dwell_ms) = dwell_ms else {
            return Err(bad(
                "spindle_dwell_s",
                format!("must be 0.001 to {MAX_DWELL_S} s, got {dwell}"),
            ));
        };
        let z = ctx.safe_z_mm;
        let safe_z = if z.is_finite() && z > 0.0 && z <= MAX_COORD_MM {
            quantize(w.units.convert(z), w.scale).filter(|steps| *steps > 0)
        } else {
            None
        };
        let Some(safe_z) = safe_z else {
            return Err(bad(
                "safe_z_mm",
                format!("must be above the stock top (z > 0), got {z}"),
            ));
        };
        let tool = ctx.tool.number;
        if !(1..=MAX_TOOL_NUMBER).contains(&tool) {
            return Err(bad(
                "tool.number",
                format!("must be 1 to {MAX_TOOL_NUMBER}, got {tool}"),
            ));
        }
        let d = ctx.tool.diameter_mm;
        let tool_diameter = if d.is_finite() && d > 0.0 && d <= MAX_COORD_MM {
            quantize(w.units.convert(d), w.scale).filter(|steps| *steps > 0)
        } else {
            None
        };
        let Some(tool_diameter) = tool_diameter else {
            return Err(bad(
                "tool.diameter_mm",
                format!("must be a positive length, got {d}"),
            ));
        };
        let program_number = ctx.program_number;
        if post == Post::Fanuc && !(1..=9999).contains(&program_number) {
            return Err(bad(
                "program_number",
                format!("must be 1 to 9999, got {program_number}"),
            ));
        }
        Ok(Self {
            // In 0.5..=1e6 after the check: rounding and the cast are exact.
            rpm: rpm.round() as u64,
            dwell_ms,
            safe_z,
            tool,
            tool_diameter,
            program_number,
        })
    }
}

/// The output being written and the modal state the controller will have when it reads it.
struct Writer {
    post: Post,
    words: &'static Words,
    units: Units,
    decimals: u32,
    scale: i64,
    coord_style: Style,
    feed_style: Style,
    out: Vec<u8>,
    /// Next `N` number, for dialects that number blocks.
    next_n: Option<u32>,
    line_start: usize,
    comment_chars: usize,
    lines: usize,
    /// Whether the current block has no word yet.
    fresh: bool,
    /// Position on the output grid, per axis; `None` until a block sets it.
    pos: [Option<i64>; 3],
    /// The same position as the planner gave it, mm.
    real: [Option<f64>; 3],
    /// The last feed written, output steps.
    feed: Option<i64>,
}

/// One coordinate to check and round: its field path and value in mm.
type Coord = (&'static str, f64);

/// A pecked hole's numbers, mm.
#[derive(Debug, Clone, Copy)]
struct Hole {
    at: [f64; 2],
    r_z: f64,
    bottom_z: f64,
    peck_mm: f64,
    feed_mm_min: f64,
}

#[cfg(test)]
mod tests {
    use nalgebra::{Point2, Point3};

    use super::*;
    use crate::content::ContentHash;
    use crate::posts::{Provenance, ToolCall};

    #[test]
    fn a_rapid_a_plunge_and_an_arc_in_grbl() {
        let h = ContentHash::of(b"job");
        let ctx = EmitContext::new(
            Provenance::new("demo", h, h, h),
            18_000.0,
            5.0,
            ToolCall {
                number: 1,
                diameter_mm: 3.175,
            },
        );
        let moves = [
            Move::Rapid {
                to: Point3::new(10.0, 0.0, 5.0),
            },
            Move::Feed {
                to: Point3::new(10.0, 0.0, -1.0),
                feed_mm_min: 300.0,
            },
            Move::Arc {
                to: Point3::new(-10.0, 0.0, -1.0),
                center: Point2::new(0.0, 0.0),
                clockwise: false,
                feed_mm_min: 1000.0,
            },
        ];
        let gcode = emit(Post::Grbl, &moves, &ctx).unwrap();
        assert!(gcode.contains("\nG1 Z-1.000 F300\nG3 X-10.000 Y0.000 I-10.000 J0.000 F1000\n"));
        assert!(gcode.ends_with("M5\nM2\n"));
        assert_eq!(gcode, emit(Post::Grbl, &moves, &ctx).unwrap());
    }
}
