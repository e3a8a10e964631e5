//! Toolpaths: planners per operation over nalgebra geometry.

mod moves;

pub use moves::{Bounds, Move};
