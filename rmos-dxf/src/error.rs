//! The one error type of the crate: each variant names what a caller can act on, and the entity handles
//! it comes from.

/// Why a drawing gave no outlines.
///
/// Entity handles are the DXF handles as the file writes them (hexadecimal, `"2F"`), or `#n` (the n-th
/// entity of the file, from 0) when the file carries no handles.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DxfError {
    /// An option is out of range (`chord_tolerance_mm`, `join_tolerance_mm`).
    #[error("{field}: {reason}")]
    InvalidOption {
        /// The option's name.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The text is not a DXF drawing the reader understands.
    #[error("not a readable DXF drawing: {reason}")]
    Unreadable {
        /// What the reader said.
        reason: String,
    },
    /// `$INSUNITS` holds a value that names no unit.
    #[error("$INSUNITS: unknown unit code {code}")]
    UnknownUnits {
        /// The value in the file.
        code: i64,
    },
    /// `$INSUNITS` names a unit no shop drawing uses (astronomical units, light years, parsecs).
    #[error("$INSUNITS: unit {name} (code {code}) is not a unit for a shop drawing")]
    UnsupportedUnits {
        /// The value in the file.
        code: i64,
        /// The unit's name.
        name: &'static str,
    },
    /// An entity cannot become part of a flat outline (tilted extrusion, 3D polyline, mesh, non-finite
    /// coordinate, a non-positive radius).
    #[error("entity {handle}: {reason}")]
    UnsupportedEntity {
        /// The entity's handle.
        handle: String,
        /// Why it is refused.
        reason: String,
    },
    /// A chain of entities does not close: its two ends are farther apart than the join tolerance and no
    /// other entity continues it.
    #[error(
        "entities {}: open chain from ({:.3}, {:.3}) to ({:.3}, {:.3}) mm",
        handles.join(", "), start[0], start[1], end[0], end[1]
    )]
    OpenChain {
        /// The handles of the chain's entities, in chain order.
        handles: Vec<String>,
        /// The chain's first point, mm.
        start: [f64; 2],
        /// The chain's last point, mm.
        end: [f64; 2],
    },
    /// More than two entity ends meet at one point, so the outline through it is ambiguous.
    #[error(
        "entities {}: more than two ends meet at ({:.3}, {:.3}) mm",
        handles.join(", "), at[0], at[1]
    )]
    Branching {
        /// The handles of the entities whose ends meet there.
        handles: Vec<String>,
        /// The meeting point, mm.
        at: [f64; 2],
    },
    /// A closed outline crosses or touches itself.
    #[error(
        "entities {}: outline crosses itself at ({:.3}, {:.3}) mm",
        handles.join(", "), at[0], at[1]
    )]
    SelfIntersecting {
        /// The handles of the entities whose pieces cross (one handle when a polyline crosses itself).
        handles: Vec<String>,
        /// The first crossing found, mm.
        at: [f64; 2],
    },
    /// A closed outline encloses no area (fewer than three distinct points, or all on one line).
    #[error("entities {}: outline encloses no area", handles.join(", "))]
    Degenerate {
        /// The handles of the outline's entities.
        handles: Vec<String>,
    },
}

impl DxfError {
    /// The entity handles the error names (empty for errors about the file or the options).
    pub fn handles(&self) -> Vec<String> {
        match self {
            Self::UnsupportedEntity { handle, .. } => vec![handle.clone()],
            Self::OpenChain { handles, .. }
            | Self::Branching { handles, .. }
            | Self::SelfIntersecting { handles, .. }
            | Self::Degenerate { handles } => handles.clone(),
            Self::InvalidOption { .. }
            | Self::Unreadable { .. }
            | Self::UnknownUnits { .. }
            | Self::UnsupportedUnits { .. } => Vec::new(),
        }
    }
}
