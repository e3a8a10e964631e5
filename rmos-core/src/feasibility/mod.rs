//! Feasibility: the two rule packs of `spec/feasibility.md`, evaluated per operation.

mod report;
mod thresholds;

pub use report::{Bucket, Estimates, FeasibilityReport, Finding};
pub use thresholds::Thresholds;
