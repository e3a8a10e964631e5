//! The motion a planner produces and a post turns into G-code.

use nalgebra::{Point2, Point3};
use serde::Serialize;

/// One motion of the machine, in machine coordinates (mm, Z = 0 at the stock top).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "move", rename_all = "snake_case")]
pub enum Move {
    /// Start of an operation's moves (posts write it as a comment).
    Operation {
        /// Index in the job's operation list.
        index: usize,
        /// Operation kind and a short description.
        label: String,
    },
    /// Rapid move (G0) to a point.
    Rapid {
        /// End point.
        to: Point3<f64>,
    },
    /// Straight feed move (G1) to a point; a plunge when only Z changes.
    Feed {
        /// End point.
        to: Point3<f64>,
        /// Feed rate, mm/min.
        feed_mm_min: f64,
    },
    /// Arc in the XY plane (G2 clockwise, G3 counter-clockwise); a helix when Z changes.
    Arc {
        /// End point.
        to: Point3<f64>,
        /// Arc centre in XY.
        center: Point2<f64>,
        /// Clockwise (G2) when true.
        clockwise: bool,
        /// Feed rate, mm/min.
        feed_mm_min: f64,
    },
    /// A pecked hole: from the retract plane `r_z` down to `bottom_z` in pecks, back to `r_z`.
    /// Posts write a canned cycle (G83) where the dialect has one and expand it otherwise.
    PeckDrill {
        /// Hole centre.
        at: Point2<f64>,
        /// Retract plane, mm.
        r_z: f64,
        /// Bottom of the hole, mm (negative).
        bottom_z: f64,
        /// Depth of each peck, mm.
        peck_mm: f64,
        /// Feed rate, mm/min.
        feed_mm_min: f64,
    },
}

/// Axis-aligned bounds of every point a toolpath reaches (arc extremes and drill depths included).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    /// Smallest X, Y, Z.
    pub min: [f64; 3],
    /// Largest X, Y, Z.
    pub max: [f64; 3],
}
