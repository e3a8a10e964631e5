//! Read-back: a G-code reader that re-checks programs against the job before release.
//!
//! Every program RMOS emits is read back by an interpreter of its own before it is released: one RED
//! finding and the program is withheld (the toolpath artifact is ERROR). The same reader is public so a
//! host can audit any program — one written by hand, by another CAM tool or by an AI — and get findings
//! like feasibility's.
//!
//! - [`read`] turns a program into a [`Reading`]: segments (rapid, feed, arc, drill) with their start,
//!   end and extent, bounds that include arc extremes and canned-cycle depths, the deepest Z and counts.
//!   It tracks the modal state: units (G20/G21, converted to mm), distance modes (G90/G91,
//!   G90.1/G91.1), plane (G17/G18/G19), motion mode with canned-cycle state (G73, G81-G89, G98/G99, R,
//!   Q, Z, P, L), feed, spindle (S, M3/M4/M5), coolant (M7/M8/M9), tool changes, dwell and program end.
//! - [`check`] and [`check_for`] hold a program against a [`Job`](crate::job::Job): the machine
//!   envelope, the deepest approved depth, the stock's underside, the safe plane for rapids, the spindle,
//!   feeds within the machine's and the material's limits, and only words the dialect allows. The codes
//!   are documented in [`codes`].
//!
//! Conventions: coordinates are machine coordinates in mm with Z = 0 at the stock top (DESIGN.md). The
//! machine's X and Y travel run from 0; its Z stroke is taken to run up from the table, the stock's
//! underside, so Z must stay within −thickness..travel Z − thickness. Macros are recognised, reported
//! and never evaluated. No input makes the reader panic; a program over [`MAX_PROGRAM_BYTES`] is refused.
//!
//! ```
//! use rmos_core::{job::Job, readback};
//! let job = Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
//! // An arc whose end points are on the table but whose extreme is not.
//! let program = "G21 G90\nM3 S18000\nG0 Z5\nG0 X790 Y300\nG1 Z-0.5 F300\n\
//!                G3 X790 Y330 I0 J15 F1000\nG0 Z5\nM30\n";
//! let report = readback::check(program, &job);
//! assert_eq!(report.codes(), ["RB_ENVELOPE"]);
//! assert_eq!(report.lines, [Some(6)]);
//! assert_eq!((report.findings[0].value, report.findings[0].limit), (Some(805.0), Some(800.0)));
//! assert_eq!(report.bounds.unwrap().max[0], 805.0);
//! ```

mod arc;
mod check;
pub mod codes;
mod interpret;
mod parse;
mod reading;
mod rules;
mod words;

pub use arc::{ARC_RADIUS_MAX_DIFF_MM, ARC_RADIUS_MAX_DIFF_RATIO, ARC_RADIUS_SLACK_MM, MAX_ARC_RADIUS_MM};
pub use check::{check, check_for, ReadbackReport, MAX_FINDINGS_PER_CODE};
pub use interpret::{MAX_ARC_TURNS, MAX_CYCLE_REPEATS};
pub use parse::{
    blocks, parse_line, Block, Blocks, MacroKind, MacroUse, ParseError, Value, Word, MAX_NUMBER_CHARS,
    MAX_PROGRAM_BYTES,
};
pub use reading::{read, Plane, Position, ReadError, Reading, Segment, SegmentKind, Spindle, Stats};
pub use rules::{FEED_TOLERANCE, TOLERANCE_MM};
pub use words::{GRBL_MAX_LINE_CHARS, MAX_LINE_CHARS};
