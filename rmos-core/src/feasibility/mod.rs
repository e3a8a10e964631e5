//! Feasibility: the two rule packs of `spec/feasibility.md`, evaluated per operation.

mod report;

pub use report::{Bucket, Estimates, FeasibilityReport, Finding};
