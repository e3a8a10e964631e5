//! Stock simulation: a height field of the stock, cut by the moves of a program.
//!
//! The stock is a 2.5-D height map ([`HeightField`]): one integer height in micrometres per square cell,
//! its size chosen by the caller, every cell starting at the stock's top. A [`Cutter`] (flat, ball or V)
//! is swept along each [`Sweep`] (a straight move or an XY arc, helices included; arcs are followed by
//! chords within a quarter cell). Each cell falls to the lowest point the tool's lower surface reaches
//! above the cell's centre, and never below the stock's underside: heights never rise.
//!
//! For every move the report gives its [`Engagement`]: the volume removed, the axial depth (the deepest
//! material taken at one cell), the radial width (the engaged band across the direction of travel), the
//! cells under the tool and the cells it lowered; a cutting move that lowers nothing is an air cut. The
//! final height field is the simulated surface.
//!
//! Findings, each with the move and its source line, when the caller declares the limit ([`Limits`]):
//! - [`GOUGE`]: a move that leaves material below the declared floor.
//! - [`ENGAGEMENT_HIGH`]: a full-width cut (radial width of at least [`FULL_WIDTH_RATIO`] of the
//!   diameter, or within one cell of it) deeper than the declared slotting depth.
//!
//! The simulation takes its own move type so that it sits beside the planners: a caller converts the
//! read-back reader's segments into [`Sweep`]s (canned drilling cycles are a plunge and a retract, two
//! straight sweeps), and [`sweeps_from_moves`] converts a planner's moves.
//!
//! ```
//! use rmos_core::simulation::{simulate, Cutter, Limits, StockBlock, Sweep};
//! let stock = StockBlock::at_origin([20.0, 10.0], 5.0);
//! let slot = [Sweep::line(7, [2.0, 5.0, -1.0], [18.0, 5.0, -1.0])];
//! let cutter = Cutter::Flat { diameter_mm: 2.0 };
//! let report = simulate(&stock, 0.1, &cutter, &slot, &Limits::default()).unwrap();
//! let cut = &report.moves[0];
//! assert_eq!(cut.line, 7);
//! assert_eq!(cut.axial_depth_mm, 1.0);
//! assert!((cut.radial_width_mm - 2.0).abs() <= 0.1);
//! assert_eq!(report.field.height_at_mm(10.0, 5.0), Some(-1.0));
//! assert_eq!(report.field.height_at_mm(10.0, 6.5), Some(0.0));
//! ```

mod convert;
mod cutter;
mod field;
mod kernel;
mod sweep;

use serde::Serialize;

pub use convert::sweeps_from_moves;
pub use cutter::{Cutter, MAX_DIAMETER_MM};
pub use field::{HeightField, StockBlock, MAX_CELLS};
pub use sweep::{Path, Sweep, MAX_ARC_CHORDS};

use field::UM_PER_MM;
use kernel::{sweep_piece, um_to_mm, Tally};

/// Code of a move that leaves material below the declared floor.
pub const GOUGE: &str = "GOUGE";
/// Code of a full-width cut deeper than the declared slotting depth.
pub const ENGAGEMENT_HIGH: &str = "ENGAGEMENT_HIGH";
/// A cut at least this share of the diameter wide counts as full width (slotting).
pub const FULL_WIDTH_RATIO: f64 = 0.95;

/// Why a simulation could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimError {
    /// An input that is not finite or out of its range, named by its path.
    #[error("{field}: invalid value {value}")]
    Invalid {
        /// The field, e.g. `sweeps[3].to[2]` or `cell_mm`.
        field: String,
        /// The value given.
        value: f64,
    },
    /// The stock at this cell size needs more cells than [`MAX_CELLS`]: choose coarser cells.
    #[error("cell_mm: the stock needs {cells} cells, more than the limit of {limit}")]
    TooManyCells {
        /// Cells needed.
        cells: usize,
        /// The limit.
        limit: usize,
    },
    /// The heights could not be allocated.
    #[error("cell_mm: cannot allocate {cells} cells")]
    OutOfMemory {
        /// Cells asked for.
        cells: usize,
    },
}

/// Limits the caller declares; each one left `None` is not checked.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Limits {
    /// No material may be left below this Z, mm ([`GOUGE`]).
    pub floor_z_mm: Option<f64>,
    /// Deepest full-width cut the tool may take, mm ([`ENGAGEMENT_HIGH`]).
    pub max_slot_depth_mm: Option<f64>,
}

/// What one move did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Engagement {
    /// Index of the move in the sweeps given.
    pub index: usize,
    /// Its source line.
    pub line: usize,
    /// A rapid.
    pub rapid: bool,
    /// Volume removed, mm³ (cells lowered × cell area × height lost).
    pub removed_mm3: f64,
    /// Deepest material taken at one cell, mm.
    pub axial_depth_mm: f64,
    /// Width of the engaged band across the direction of travel, mm, at most the diameter (for a move
    /// with no XY travel, the larger extent of the cells it lowered). Cell-sized: within one cell.
    pub radial_width_mm: f64,
    /// Cells under the tool's disc during the move.
    pub cells_visited: u64,
    /// Cells the move lowered.
    pub cells_updated: u64,
}

impl Engagement {
    /// True when the move removed nothing.
    pub fn is_air_cut(&self) -> bool {
        self.cells_updated == 0
    }
}

/// A finding of the simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimFinding {
    /// [`GOUGE`] or [`ENGAGEMENT_HIGH`].
    pub code: &'static str,
    /// Index of the move in the sweeps given.
    pub index: usize,
    /// Its source line.
    pub line: usize,
    /// The measured value, mm (the lowest height left, or the full-width depth).
    pub value: f64,
    /// The declared limit, mm.
    pub limit: f64,
    /// What happened, for a person.
    pub message: String,
}

/// The outcome of a simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationReport {
    /// One entry per sweep, in order.
    pub moves: Vec<Engagement>,
    /// Findings, in move order.
    pub findings: Vec<SimFinding>,
    /// Cells under the tool over all moves.
    pub cells_visited: u64,
    /// Cell updates over all moves.
    pub cells_updated: u64,
    /// The final surface.
    pub field: HeightField,
}

impl SimulationReport {
    /// The findings' codes, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.code).collect()
    }

    /// Total volume removed, mm³.
    pub fn removed_mm3(&self) -> f64 {
        self.moves.iter().map(|m| m.removed_mm3).sum()
    }
}

/// Simulates `sweeps` with one `cutter` over a fresh field of `stock` at `cell_mm` cells.
///
/// Fails naming the field on bad stock, cell, cutter or coordinates, and on a field over [`MAX_CELLS`].
pub fn simulate(
    stock: &StockBlock,
    cell_mm: f64,
    cutter: &Cutter,
    sweeps: &[Sweep],
    limits: &Limits,
) -> Result<SimulationReport, SimError> {
    let mut sim = Simulation::new(stock, cell_mm)?;
    sim.run(cutter, sweeps, limits)?;
    Ok(sim.finish())
}

/// A simulation in progress, for programs that change tools: run each tool's sweeps in turn.
#[derive(Debug, Clone)]
pub struct Simulation {
    report: SimulationReport,
}

impl Simulation {
    /// A fresh field of `stock` at `cell_mm` cells.
    pub fn new(stock: &StockBlock, cell_mm: f64) -> Result<Self, SimError> {
        Ok(Self {
            report: SimulationReport {
                moves: Vec::new(),
                findings: Vec::new(),
                cells_visited: 0,
                cells_updated: 0,
                field: HeightField::new(stock, cell_mm)?,
            },
        })
    }

    /// The surface so far.
    pub fn field(&self) -> &HeightField {
        &self.report.field
    }

    /// Sweeps `cutter` along `sweeps`, after the moves already run (indices continue from them).
    ///
    /// Every sweep and limit is checked before any cell changes: on an error the field is as it was.
    pub fn run(&mut self, cutter: &Cutter, sweeps: &[Sweep], limits: &Limits) -> Result<(), SimError> {
        cutter.validate()?;
        for (k, s) in sweeps.iter().enumerate() {
            s.validate(k)?;
        }
        for (name, v) in [
            ("limits.floor_z_mm", limits.floor_z_mm),
            ("limits.max_slot_depth_mm", limits.max_slot_depth_mm),
        ] {
            if let Some(v) = v.filter(|v| !v.is_finite()) {
                return Err(SimError::Invalid {
                    field: name.into(),
                    value: v,
                });
            }
        }
        let report = &mut self.report;
        let cell = report.field.cell_mm();
        let area_mm2 = cell * cell;
        let tolerance = cell / 4.0;
        let d = cutter.diameter_mm();
        report.moves.reserve(sweeps.len());
        for s in sweeps {
            let index = report.moves.len();
            let mut tally = Tally::new();
            let field = &mut report.field;
            s.chords(tolerance, |a, b| sweep_piece(field, cutter, a, b, &mut tally));
            let width = match (tally.offset, tally.extent) {
                (_, None) => 0.0,
                (Some((lo, hi)), _) => (hi - lo + cell).min(d),
                (None, Some([x0, y0, x1, y1])) => ((x1 - x0).max(y1 - y0) + cell).min(d),
            };
            let m = Engagement {
                index,
                line: s.line,
                rapid: s.rapid,
                removed_mm3: um_to_mm(tally.removed_um) * area_mm2,
                axial_depth_mm: f64::from(tally.max_depth_um) / UM_PER_MM,
                radial_width_mm: width,
                cells_visited: tally.visited,
                cells_updated: tally.updated,
            };
            report.cells_visited += tally.visited;
            report.cells_updated += tally.updated;
            if let Some(floor) = limits.floor_z_mm {
                let lowest = f64::from(tally.lowest_um) / UM_PER_MM;
                if tally.updated > 0 && lowest < floor {
                    report.findings.push(SimFinding {
                        code: GOUGE,
                        index,
                        line: s.line,
                        value: lowest,
                        limit: floor,
                        message: format!(
                            "line {}: the cut leaves material at Z {lowest} mm, below the floor at Z {floor} mm",
                            s.line
                        ),
                    });
                }
            }
            if let Some(limit) = limits.max_slot_depth_mm {
                let full = width >= (FULL_WIDTH_RATIO * d).min(d - cell);
                if tally.updated > 0 && full && m.axial_depth_mm > limit {
                    report.findings.push(SimFinding {
                        code: ENGAGEMENT_HIGH,
                        index,
                        line: s.line,
                        value: m.axial_depth_mm,
                        limit,
                        message: format!(
                            "line {}: a full-width cut {} mm deep, over the {limit} mm the tool may slot",
                            s.line, m.axial_depth_mm
                        ),
                    });
                }
            }
            report.moves.push(m);
        }
        Ok(())
    }

    /// The report, with the final surface.
    pub fn finish(self) -> SimulationReport {
        self.report
    }
}
