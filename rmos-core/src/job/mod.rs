//! The job document: machine, stock, tool, cutting parameters and operations.
//!
//! Coordinates are machine coordinates in mm with Z = 0 at the stock top; depths are positive numbers
//! below it. [`Job::from_json`] reads the document of `DESIGN.md`, drops any feasibility a client tried
//! to send (invariant S1) and validates every field, naming the failing one.
//!
//! - `document`: [`Job`] and its sections ([`Machine`], [`Stock`], [`Tool`], [`Cutting`]).
//! - `operations`: the [`Operation`] enum, its tag-first reader, and one file per kind holding the kind's
//!   struct and its checks ([`RosetteChannel`], [`CircleCut`], [`FretSlots`], [`DrillPattern`],
//!   [`RectPocket`], [`ContourProfile`]).
//! - `reader`: the JSON reader: size cap, client feasibility keys, field paths in errors.
//! - `validation`: the checks every section shares (finite, positive, counts, points).
//!
//! The reader's defaults for keys a document may leave out: `name` none, `machine.name` empty,
//! `cutting.direction` climb, `cutting.coolant` false, `cutting.feed_override_percent` none,
//! `rosette_channel.rings` 1, `rect_pocket.corner_radius_mm` 0 (square corners), `circle_cut.tabs` and
//! `contour_profile.tabs` 0. Everything else is required; in particular `tool.tool_material` and the
//! `side` of a circle cut or profile are never guessed.

mod document;
mod operations;
mod reader;
mod validation;

pub use document::{
    fret_position_mm, CircleSide, CutDirection, Cutting, Job, Machine, ProfileSide, Stock, Tool,
};
pub(crate) use operations::each_kind;
pub use operations::{
    CircleCut, ContourProfile, DrillPattern, FretSlots, Operation, OperationKind, RectPocket, RosetteChannel,
};
pub use reader::strip_client_feasibility;
pub(crate) use reader::{from_value, parse_document};

/// Largest job document accepted, in bytes (8 MiB).
pub const MAX_JOB_JSON_BYTES: usize = 8 * 1024 * 1024;
/// Most operations in one job.
pub const MAX_OPERATIONS: usize = 10_000;
/// Most points in one drill pattern or contour.
pub const MAX_POINTS: usize = 100_000;
/// Most frets in one fret-slot operation.
pub const MAX_FRETS: u32 = 36;
/// Most rings in one rosette channel.
pub const MAX_RINGS: u32 = 64;
/// Most holding tabs on one cut.
pub const MAX_TABS: u32 = 64;

/// Keys a client may not use to carry feasibility or approval (invariant S1). They are dropped wherever they
/// appear in a JSON document, and the report says so.
pub const CLIENT_FEASIBILITY_KEYS: [&str; 6] = [
    "feasibility",
    "risk_bucket",
    "risk_level",
    "score",
    "safety",
    "approved",
];
