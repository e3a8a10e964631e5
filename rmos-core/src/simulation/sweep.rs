//! What the simulation sweeps: straight and circular moves of the tool tip, with the source line that made
//! them. A caller converts its own motion (the read-back reader's segments, a planner's moves) into these.

use std::f64::consts::TAU;

use serde::Serialize;

use super::SimError;

/// Most chords one arc is split into; an arc that would need more is swept with this many (its chords
/// then stray further than a quarter cell from the arc, which only a radius of kilometres needs).
pub const MAX_ARC_CHORDS: usize = 1 << 16;

/// The path of one move of the tool tip, mm (Z = 0 at the stock top).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "path", rename_all = "snake_case")]
pub enum Path {
    /// A straight move (a plunge when only Z changes).
    Line {
        /// Start.
        from: [f64; 3],
        /// End.
        to: [f64; 3],
    },
    /// An arc in the XY plane about `center`, at most one turn (a full circle when `from` and `to` share
    /// X and Y); a helix when Z changes, Z then varies linearly with the angle. The radius runs from the
    /// start's to the end's linearly, as controls do for a slightly uneven arc.
    Arc {
        /// Start.
        from: [f64; 3],
        /// End.
        to: [f64; 3],
        /// Centre in X, Y.
        center: [f64; 2],
        /// Clockwise (G2) when true.
        clockwise: bool,
    },
}

/// One move to simulate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sweep {
    /// Source line of the program, from 1 (0 when the move has none).
    pub line: usize,
    /// A rapid (G0): it should never touch material, and a rapid that does is reported like any move.
    pub rapid: bool,
    /// The tip's path.
    pub path: Path,
}

impl Sweep {
    /// A straight feed move.
    pub fn line(line: usize, from: [f64; 3], to: [f64; 3]) -> Self {
        Self {
            line,
            rapid: false,
            path: Path::Line { from, to },
        }
    }

    /// An arc feed move in the XY plane.
    pub fn arc(line: usize, from: [f64; 3], to: [f64; 3], center: [f64; 2], clockwise: bool) -> Self {
        Self {
            line,
            rapid: false,
            path: Path::Arc {
                from,
                to,
                center,
                clockwise,
            },
        }
    }

    /// Fails naming `sweeps[index].<field>` on a coordinate that is not finite or beyond a kilometre.
    pub(crate) fn validate(&self, index: usize) -> Result<(), SimError> {
        let check = |name: &str, values: &[f64]| -> Result<(), SimError> {
            for (axis, &v) in values.iter().enumerate() {
                if !(v.is_finite() && v.abs() <= 1e6) {
                    return Err(SimError::Invalid {
                        field: format!("sweeps[{index}].{name}[{axis}]"),
                        value: v,
                    });
                }
            }
            Ok(())
        };
        match &self.path {
            Path::Line { from, to } => {
                check("from", from)?;
                check("to", to)
            }
            Path::Arc { from, to, center, .. } => {
                check("from", from)?;
                check("to", to)?;
                check("center", center)
            }
        }
    }

    /// The straight pieces the tip follows: the line itself, or the arc's chords, none straying more than
    /// `tolerance_mm` from the arc. Calls `visit(from, to)` for each.
    pub(crate) fn chords(&self, tolerance_mm: f64, mut visit: impl FnMut([f64; 3], [f64; 3])) {
        match self.path {
            Path::Line { from, to } => visit(from, to),
            Path::Arc {
                from,
                to,
                center,
                clockwise,
            } => {
                let r0 = (from[0] - center[0]).hypot(from[1] - center[1]);
                let r1 = (to[0] - center[0]).hypot(to[1] - center[1]);
                if r0 <= tolerance_mm && r1 <= tolerance_mm {
                    visit(from, to);
                    return;
                }
                let a0 = (from[1] - center[1]).atan2(from[0] - center[0]);
                let a1 = (to[1] - center[1]).atan2(to[0] - center[0]);
                let mut sweep = if clockwise { a0 - a1 } else { a1 - a0 };
                sweep = sweep.rem_euclid(TAU);
                let same_xy = (from[0] - to[0]).abs() < 1e-9 && (from[1] - to[1]).abs() < 1e-9;
                if sweep < 1e-12 && same_xy {
                    sweep = TAU;
                }
                let r = r0.max(r1);
                let step = 2.0 * (1.0 - (tolerance_mm / r).min(1.0)).acos();
                let n = if step > 0.0 {
                    ((sweep / step).ceil() as usize).clamp(1, MAX_ARC_CHORDS)
                } else {
                    MAX_ARC_CHORDS
                };
                let sign = if clockwise { -1.0 } else { 1.0 };
                let mut prev = from;
                for k in 1..=n {
                    let t = k as f64 / n as f64;
                    let next = if k == n {
                        to
                    } else {
                        let a = a0 + sign * sweep * t;
                        let rad = r0 + (r1 - r0) * t;
                        [
                            center[0] + rad * a.cos(),
                            center[1] + rad * a.sin(),
                            from[2] + (to[2] - from[2]) * t,
                        ]
                    };
                    visit(prev, next);
                    prev = next;
                }
            }
        }
    }
}
