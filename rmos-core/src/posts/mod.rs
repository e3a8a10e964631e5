//! G-code dialects: headers, footers, number formatting, arcs and canned cycles per controller.
//!
//! The emitter turns a motion list into a program for one [`Post`]. It is crate-private: the only road to
//! it is [`crate::program::Program::release`], from an approved job (S2). What each dialect gets:
//!
//! | | GRBL | LinuxCNC | Mach3/4 | Fanuc |
//! |---|---|---|---|---|
//! | `%` wrapper | never | no | no | first and last line |
//! | program number | – | – | – | `O0001` |
//! | line numbers | – | – | – | `N10`, `N20`, ... |
//! | numbers | `X10.000` | `X10.000` | `X10.000` | `X10.` |
//! | tool | comment only | `T1 M6`, `G43 H1` | `T1 M6`, `G43 H1` | `T1 M06`, `G43 H01` |
//! | arcs | `G2/G3 X Y I J` | + `G91.1` in the set-up | + `G91.1` | `G02/G03 X Y I J` |
//! | pecked holes | expanded `G0`/`G1` | `G99 G83 ... R Q F`, `G80` | same | same |
//! | dwell | `G4 P3` (s) | `G4 P3` (s) | `G4 P3000` (ms) | `G04 P3000` (ms) |
//! | end | `M2` | `M2` | `M30` | `M30`, `%` |
//!
//! Inch output (`G20`) converts every length and feed (X, Y, Z, I, J, R, Q, F) by `mm / 25.4` and writes 4
//! decimals; mm output (`G21`) writes 3.

mod arc;
mod comment;
mod context;
mod dialect;
mod emit;
mod error;
mod number;

#[cfg(test)]
mod tests;

pub use arc::{ARC_INPUT_TOLERANCE_MM, ARC_TOLERANCE_MM};
pub use comment::{comment_text, MAX_COMMENT_CHARS};
pub use context::{default_dwell_s, MAX_DWELL_S, MAX_SPINDLE_RPM, MAX_TOOL_NUMBER};
pub(crate) use context::{EmitContext, Provenance, ToolCall};
pub use dialect::{DwellUnit, Post, Units, UnknownPost, MM_PER_INCH};
pub(crate) use emit::emit;
pub use emit::{MAX_COORD_MM, MAX_FEED_MM_MIN, MAX_PECKS, PECK_CLEARANCE_MM};
pub use error::PostError;
