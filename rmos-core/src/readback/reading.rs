//! What the reader makes of a program: segments, bounds, statistics, and the findings that need no job.

use serde::Serialize;

use crate::feasibility::Finding;
use crate::posts::Units;
use crate::toolpaths::Bounds;

use super::interpret::{Interpreter, Sink};
use super::parse::{blocks, MAX_PROGRAM_BYTES};

/// A position in mm, per axis X, Y, Z; `None` for an axis whose position is not known (before the
/// program first names it, or after a move the reader cannot place: G53, G28, a macro line).
pub type Position = [Option<f64>; 3];

/// The plane of an arc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Plane {
    /// G17: XY, arcs about Z.
    #[default]
    G17,
    /// G18: ZX, arcs about Y.
    G18,
    /// G19: YZ, arcs about X.
    G19,
}

impl Plane {
    /// The plane's first axis, second axis and normal, as indices into X, Y, Z.
    pub fn axes(self) -> [usize; 3] {
        match self {
            Self::G17 => [0, 1, 2],
            Self::G18 => [2, 0, 1],
            Self::G19 => [1, 2, 0],
        }
    }
}

/// The spindle during a move.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Spindle {
    /// Never started, stopped by M5, or stopped by a program end.
    Off,
    /// M3 at `rpm` (the last S; 0 when none was given).
    Clockwise {
        /// Programmed speed.
        rpm: f64,
    },
    /// M4 at `rpm`.
    CounterClockwise {
        /// Programmed speed.
        rpm: f64,
    },
}

impl Spindle {
    /// True when the spindle turns: M3 or M4 with S > 0.
    pub fn is_cutting(self) -> bool {
        match self {
            Self::Off => false,
            Self::Clockwise { rpm } | Self::CounterClockwise { rpm } => rpm > 0.0,
        }
    }
}

/// What kind of motion a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SegmentKind {
    /// G0, or a rapid inside a canned cycle.
    Rapid,
    /// G1.
    Feed,
    /// G2 (clockwise) or G3; a helix when the plane's normal axis moves.
    Arc {
        /// G2 when true.
        clockwise: bool,
        /// The arc's plane.
        plane: Plane,
        /// Centre in X, Y, Z (the normal axis at its start value).
        center: [f64; 3],
        /// Start radius, mm.
        radius: f64,
        /// Angle swept, degrees (over 360 for LinuxCNC's P turns).
        sweep_deg: f64,
    },
    /// One hole of a canned drilling cycle: feed from the R plane to the bottom and back out to the
    /// retract level (the segment's `to`). Pecks and their re-approaches stay inside the hole.
    Drill {
        /// The cycle: 73, 81, 82, 83, 85, 86 or 89.
        cycle: u32,
        /// The R plane, mm.
        r_z: f64,
        /// The hole's bottom, mm.
        bottom_z: f64,
        /// Peck depth (Q) of G73/G83, mm.
        peck_mm: Option<f64>,
    },
}

/// One motion of the machine, in mm with Z = 0 at the stock top.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// Source line, from 1.
    pub line: usize,
    /// Rapid, feed, arc or drill.
    pub kind: SegmentKind,
    /// Where it starts.
    pub from: Position,
    /// Where it ends.
    pub to: Position,
    /// Smallest value reached on each axis: end points, arc extremes, a hole's bottom.
    pub min: Position,
    /// Largest value reached on each axis.
    pub max: Position,
    /// Feed rate, mm/min, for feed moves, arcs and drilling (`None` for rapids, or when no F was given).
    pub feed_mm_min: Option<f64>,
    /// The spindle during the move.
    pub spindle: Spindle,
    /// Coolant or air blast on (M7/M8 until M9 or a program end).
    pub coolant: bool,
    /// Path length, mm, over the axes whose positions are known (a drill counts down and back up).
    pub length_mm: f64,
}

impl Segment {
    /// True for a feed move, arc or drilling cycle (anything that may cut).
    pub fn is_cutting_move(&self) -> bool {
        !matches!(self.kind, SegmentKind::Rapid)
    }
}

/// Counts and lengths over a program.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Stats {
    /// Lines read.
    pub lines: usize,
    /// Rapid moves (G0 and canned-cycle rapids).
    pub rapid_moves: usize,
    /// Straight feed moves (G1).
    pub feed_moves: usize,
    /// Arcs (G2/G3).
    pub arc_moves: usize,
    /// Holes drilled by canned cycles.
    pub drill_holes: usize,
    /// Tool changes (M6).
    pub tool_changes: usize,
    /// Length of rapid moves, mm.
    pub rapid_length_mm: f64,
    /// Length of feed moves, arcs and drilling, mm.
    pub feed_length_mm: f64,
}

/// A program as the reader understands it. Hosts compare it with an independent reader; `check` holds
/// it against a job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    /// Every motion, in program order.
    pub segments: Vec<Segment>,
    /// Bounds of every point reached (arc extremes and drilling depths included); `None` until every axis
    /// has a known position.
    pub bounds: Option<Bounds>,
    /// The lowest Z reached (a hole's bottom, an arc's low point), mm; negative below the stock top.
    pub deepest_z: Option<f64>,
    /// Counts and lengths.
    pub stats: Stats,
    /// The first units word (G20 inch or G21 mm), if any.
    pub units: Option<Units>,
    /// Line of the first M2/M30, if any.
    pub program_end: Option<usize>,
    /// Lines holding macro syntax or a code the reader does not know: their motion is not in the reading.
    pub skipped_lines: Vec<usize>,
    /// Findings that need no job (arcs, modal errors, units, G53), in line order.
    pub findings: Vec<Finding>,
    /// The line of each finding (`lines[i]` is `findings[i]`'s).
    pub lines: Vec<Option<usize>>,
}

/// Why a program could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The program is over [`MAX_PROGRAM_BYTES`].
    #[error("gcode: {bytes} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// Size of the program.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A line could not be read.
    #[error("gcode line {line}, column {column}: {reason}")]
    Parse {
        /// Line, from 1.
        line: usize,
        /// Byte column, from 1.
        column: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Reads a program: its segments, bounds and statistics.
///
/// The reader never evaluates macros and never panics. A program over [`MAX_PROGRAM_BYTES`] or with a
/// line it cannot read is an error; anything else gives a reading, with job-independent findings (an
/// invalid arc, a move before G20/G21, ...) in [`Reading::findings`].
///
/// ```
/// let reading = rmos_core::readback::read(
///     "G21 G90 G17\nM3 S18000\nG0 Z5\nG0 X10 Y0\nG1 Z-1 F300\nG2 X0 Y10 I-10 J0 F1200\nG0 Z5\nM30\n",
/// )
/// .unwrap();
/// let bounds = reading.bounds.unwrap();
/// assert_eq!(bounds.max, [10.0, 10.0, 5.0]);
/// assert_eq!(reading.deepest_z, Some(-1.0));
/// assert_eq!((reading.stats.feed_moves, reading.stats.arc_moves), (1, 1));
/// assert!(reading.findings.is_empty());
/// ```
pub fn read(gcode: &str) -> Result<Reading, ReadError> {
    if gcode.len() > MAX_PROGRAM_BYTES {
        return Err(ReadError::TooLarge {
            bytes: gcode.len(),
            limit: MAX_PROGRAM_BYTES,
        });
    }
    let mut collector = Collector::default();
    let mut interpreter = Interpreter::new();
    for block in blocks(gcode) {
        if let Some(error) = &block.error {
            return Err(ReadError::Parse {
                line: block.line,
                column: error.column,
                reason: error.reason.clone(),
            });
        }
        interpreter.step(&block, &mut collector);
    }
    let summary = interpreter.finish();
    Ok(Reading {
        segments: collector.segments,
        bounds: summary.bounds,
        deepest_z: summary.deepest_z,
        stats: summary.stats,
        units: summary.units,
        program_end: summary.program_end,
        skipped_lines: summary.skipped_lines,
        findings: collector.findings,
        lines: collector.lines,
    })
}

#[derive(Default)]
struct Collector {
    segments: Vec<Segment>,
    findings: Vec<Finding>,
    lines: Vec<Option<usize>>,
}

impl Sink for Collector {
    fn segment(&mut self, segment: Segment) {
        self.segments.push(segment);
    }

    fn finding(&mut self, line: Option<usize>, finding: Finding) {
        self.findings.push(finding);
        self.lines.push(line);
    }
}
