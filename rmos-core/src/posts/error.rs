//! Why a post refused to write a program.

use thiserror::Error;

/// A motion list or context a post refuses to turn into G-code. Paths name the move by its index in the
/// list (`moves[3].feed_mm_min`) or the context field (`context.spindle_rpm`).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PostError {
    /// The motion list is empty: there is nothing to cut.
    #[error("moves: empty, there is nothing to cut")]
    NoMoves,
    /// A feed that is zero, negative, not finite, or rounds to zero in the output units (`F0`).
    #[error(
        "moves[{index}].feed_mm_min: must be a positive finite feed that is not F0 once rounded, got {value}"
    )]
    BadFeed {
        /// Index of the move.
        index: usize,
        /// The feed given, mm/min.
        value: f64,
    },
    /// A coordinate or length that is NaN or infinite.
    #[error("moves[{index}].{field}: must be finite, got {value}")]
    NonFinite {
        /// Index of the move.
        index: usize,
        /// Field, e.g. `to.x`.
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// A coordinate or feed beyond what any machine RMOS posts for can reach.
    #[error("moves[{index}].{field}: {value} is beyond the limit of {limit}")]
    OutOfRange {
        /// Index of the move.
        index: usize,
        /// Field, e.g. `center.y`.
        field: &'static str,
        /// The value given (mm or mm/min).
        value: f64,
        /// The largest magnitude accepted.
        limit: f64,
    },
    /// A rapid (or a drill's retract plane) below Z = 0, the stock top: a G0 into the material.
    #[error("moves[{index}].{field}: a rapid may not go below the stock top (z = 0), got {z_mm} mm")]
    RapidIntoStock {
        /// Index of the move.
        index: usize,
        /// `to.z` or `r_z`.
        field: &'static str,
        /// The Z asked for, mm.
        z_mm: f64,
    },
    /// An arc before any move has set X and Y: its start is unknown.
    #[error("moves[{index}]: an arc needs a known start point, but no earlier move set X and Y")]
    ArcWithoutStart {
        /// Index of the move.
        index: usize,
    },
    /// An arc whose centre is not equidistant from its start and end.
    #[error(
        "moves[{index}].center: start radius {start_radius_mm} mm and end radius {end_radius_mm} mm differ by more than {tolerance_mm} mm"
    )]
    ArcRadiusMismatch {
        /// Index of the move.
        index: usize,
        /// Distance from the centre to the start, mm.
        start_radius_mm: f64,
        /// Distance from the centre to the end, mm.
        end_radius_mm: f64,
        /// The largest difference accepted, mm.
        tolerance_mm: f64,
    },
    /// An arc with a radius smaller than one output step.
    #[error("moves[{index}].center: arc radius {radius_mm} mm is below the output resolution")]
    DegenerateArc {
        /// Index of the move.
        index: usize,
        /// The radius, mm.
        radius_mm: f64,
    },
    /// No centre on the output grid keeps the arc's end radius within tolerance of its start radius.
    #[error("moves[{index}].center: after rounding, end and start radius differ by {delta_mm} mm (limit {tolerance_mm} mm)")]
    ArcRounding {
        /// Index of the move.
        index: usize,
        /// The best difference found, mm.
        delta_mm: f64,
        /// The largest difference accepted, mm.
        tolerance_mm: f64,
    },
    /// A pecked hole that cannot be drilled as given.
    #[error("moves[{index}].{field}: {reason}")]
    BadDrill {
        /// Index of the move.
        index: usize,
        /// `bottom_z` or `peck_mm`.
        field: &'static str,
        /// What is wrong, lower-case.
        reason: String,
    },
    /// A context field that cannot be written.
    #[error("context.{field}: {reason}")]
    BadContext {
        /// Field of the program context (spindle, dwell, safe height, tool number, program number).
        field: &'static str,
        /// What is wrong, lower-case.
        reason: String,
    },
    /// A line longer than the controller accepts (GRBL: 80 characters, comments not counted).
    #[error("line {line}: {chars} characters without comments, the controller accepts {limit}")]
    LineTooLong {
        /// Line number in the program, from 1.
        line: usize,
        /// Its length without comments.
        chars: usize,
        /// The controller's limit.
        limit: usize,
    },
}
