//! Why an operation cannot be planned.

use thiserror::Error;

/// An operation the planner cannot turn into moves, with its index in the job's operation list.
///
/// ```
/// use rmos_core::toolpaths::{PlanError, PlanFailure};
/// let err = PlanError {
///     index: 1,
///     reason: PlanFailure::KerfMismatch { kerf_mm: 0.6, tool_mm: 1.5875 },
/// };
/// assert_eq!(
///     err.to_string(),
///     "operations[1]: slot kerf 0.600 mm needs a tool of that diameter, not 1.587 mm"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[error("operations[{index}]: {reason}")]
pub struct PlanError {
    /// Index of the operation in the job's operation list.
    pub index: usize,
    /// What stops it.
    pub reason: PlanFailure,
}

/// What stops one operation from being planned.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PlanFailure {
    /// A feature (ring, hole, circle, pocket) is narrower than the tool.
    #[error("{feature} is {width_mm:.3} mm wide, narrower than the {tool_mm:.3} mm tool")]
    NarrowerThanTool {
        /// The feature, as a reader would name it (`ring 2 of 3`, `hole 4`, `circle`).
        feature: String,
        /// Width of the feature, mm.
        width_mm: f64,
        /// Tool diameter, mm.
        tool_mm: f64,
    },
    /// A fret slot's kerf differs from the tool diameter (slots are cut in one pass width).
    #[error("slot kerf {kerf_mm:.3} mm needs a tool of that diameter, not {tool_mm:.3} mm")]
    KerfMismatch {
        /// Kerf asked for, mm.
        kerf_mm: f64,
        /// Tool diameter, mm.
        tool_mm: f64,
    },
    /// A hole a little wider than the tool: too wide to drill to size, too tight for a helix.
    #[error(
        "hole {diameter_mm:.3} mm is too wide to drill with the {tool_mm:.3} mm tool and too tight to \
         interpolate: make it {tool_mm:.3} mm or at least {min_helix_mm:.3} mm"
    )]
    HoleSize {
        /// Hole diameter, mm.
        diameter_mm: f64,
        /// Tool diameter, mm.
        tool_mm: f64,
        /// Smallest hole the planner interpolates with this tool, mm.
        min_helix_mm: f64,
    },
    /// Offsetting the geometry by the tool radius leaves nothing to cut.
    #[error("{feature} collapses when offset by {offset_mm:.3} mm for the tool")]
    OffsetCollapsed {
        /// What was offset (`pocket`, `profile`).
        feature: &'static str,
        /// The offset distance, mm.
        offset_mm: f64,
    },
    /// The polyline cannot bound a region.
    #[error("points_mm: {0}")]
    BadPolyline(&'static str),
    /// The holding tabs take up the whole path.
    #[error("{tabs} tabs need {needed_mm:.3} mm of a {path_mm:.3} mm tool path")]
    TabsDoNotFit {
        /// Number of tabs asked for.
        tabs: u32,
        /// Length of the tool path, mm.
        path_mm: f64,
        /// Path length the tabs and their ramps need, mm.
        needed_mm: f64,
    },
    /// A coordinate or size is beyond what any machine travels.
    #[error("{field} is {value} mm; the planner works within ±{limit} mm")]
    OutOfRange {
        /// The field, as named in the job document.
        field: &'static str,
        /// Its value.
        value: f64,
        /// The largest magnitude accepted, mm.
        limit: f64,
    },
    /// The depth needs more passes than the limit at this stepdown.
    #[error("depth needs more than {limit} passes at this stepdown")]
    TooManyPasses {
        /// The limit.
        limit: usize,
    },
    /// The width needs more step-overs than the limit at this stepover.
    #[error("the width needs more than {limit} step-overs at this stepover")]
    TooManyStepovers {
        /// The limit.
        limit: usize,
    },
    /// The toolpath would exceed the move limit (tiny steps over a large area).
    #[error("the toolpath would exceed {limit} moves")]
    TooManyMoves {
        /// The limit.
        limit: usize,
    },
}
