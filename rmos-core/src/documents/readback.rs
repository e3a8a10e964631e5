//! The read-back summary: what the read-back audit found in one program, each finding with its line.

use serde::Serialize;

use crate::documents::Document;
use crate::feasibility::{Bucket, Finding};
use crate::posts::Post;
use crate::readback::{ReadbackReport, Stats};
use crate::toolpaths::Bounds;

/// What the read-back found: `{"passed", "bucket", "findings": [{"code", "bucket", "message", "value",
/// "limit", "operation", "line"}], "bounds", "deepest_z", "post", "stats", "engine"}`.
///
/// `line` is the 1-based line of each finding, `null` for program-wide ones; `post` is `null` for the
/// dialect-neutral rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadbackSummary<'a> {
    /// True when no finding is RED.
    pub passed: bool,
    /// The worst finding's bucket.
    pub bucket: Bucket,
    /// Findings in line order, each with its line.
    pub findings: Vec<LocatedFinding<'a>>,
    /// Bounds of every point reached; `None` until every axis has a known position.
    pub bounds: Option<Bounds>,
    /// The lowest Z reached, mm.
    pub deepest_z: Option<f64>,
    /// The dialect the words were held to, by its id (`linuxcnc`, as hosts name it).
    pub post: Option<&'static str>,
    /// Counts and lengths.
    pub stats: Stats,
    /// Engine stamp, `rmos.readback/<semver>`.
    pub engine: &'a str,
}

/// A finding and the line it is on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocatedFinding<'a> {
    /// The finding's own fields.
    #[serde(flatten)]
    pub finding: &'a Finding,
    /// The line, `None` for a program-wide finding.
    pub line: Option<usize>,
}

impl<'a> ReadbackSummary<'a> {
    /// The summary of `report`.
    pub fn of(report: &'a ReadbackReport) -> Self {
        Self {
            bounds: report.bounds,
            bucket: report.bucket,
            deepest_z: report.deepest_z,
            engine: &report.engine,
            findings: report
                .located()
                .map(|(line, finding)| LocatedFinding { finding, line })
                .collect(),
            passed: report.passed(),
            post: report.post.map(Post::id),
            stats: report.stats,
        }
    }
}

impl Document for ReadbackSummary<'_> {}
