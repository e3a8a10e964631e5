//! The engine: validation, both packs per operation, the worst bucket, the score and the estimates.

use super::classic::{push_classic, ClassicInput};
use super::estimates::estimate;
use super::kinds::feature;
use super::physics;
use super::report::{Bucket, Estimates, FeasibilityReport, Finding};
use super::Thresholds;
use crate::engines;
use crate::error::InvalidJob;
use crate::job::Job;

/// Each RED finding halves the score.
const RED_FACTOR: f64 = 0.5;
/// Each YELLOW finding takes a tenth off the score.
const YELLOW_FACTOR: f64 = 0.9;

/// Evaluates a job: RMOS's own feasibility of it (invariant S1). Never panics.
///
/// 1. The job is validated first; an invalid job (one built in code and changed after validation) gives a
///    RED report with the single finding `INVALID_JOB`, whose message names the failing field's path.
/// 2. Job-level physics findings come first (spindle, feeds, chipload, surface speed, safe height).
/// 3. Then each operation in order: pack 1 (the classic F-rules in their documented order), then pack 2
///    (the physics rules of the operation, in their documented order). Each finding carries its
///    operation's index.
///
/// The bucket is the worst finding's (GREEN with none); the score is [`score`]; the estimates are the
/// cycle time and the material removed.
///
/// ```
/// use rmos_core::feasibility::{evaluate, Bucket, Thresholds};
/// use rmos_core::job::Job;
/// let job = Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
/// let report = evaluate(&job, &Thresholds::default());
/// assert_eq!(report.bucket, Bucket::Yellow);
/// assert_eq!(report.codes(), ["F032", "F032"]); // a 1/16" bit on both operations
/// assert_eq!(report.score, 81.0);
/// assert!(report.engine.starts_with("rmos.feasibility/"));
/// ```
pub fn evaluate(job: &Job, thresholds: &Thresholds) -> FeasibilityReport {
    let ignored = job.client_feasibility_ignored();
    if let Err(e) = job.validate() {
        return invalid_report(&e, ignored);
    }
    let Some(material) = job.material() else {
        let e = InvalidJob::new("stock.material", "unknown material");
        return invalid_report(&e, ignored);
    };
    let ctx = physics::Ctx::new(job, material, thresholds);
    let mut findings = Vec::new();
    physics::push_job(&ctx, &mut findings);
    for (index, op) in job.operations.iter().enumerate() {
        let start = findings.len();
        let geometry = feature(op, job.tool.diameter_mm);
        push_classic(&ClassicInput::from_feature(job, op, &geometry), &mut findings);
        physics::push_operation(&ctx, op, &geometry, &mut findings);
        for f in findings.iter_mut().skip(start) {
            f.operation = Some(index);
        }
    }
    let estimates = estimate(job, ctx.feed, ctx.plunge);
    report(findings, estimates, ignored)
}

/// The score of a list of findings: `100 × 0.5^red × 0.9^yellow`, rounded to one decimal.
///
/// 100 with no findings; adding a finding never raises it, and turning a YELLOW finding into a RED one
/// never raises it either, so a parameter that only adds findings or worsens their buckets never raises
/// the score (property-tested for stickout, stepdown, harder materials and feeds past the chipload
/// maximum). The rules themselves make three exceptions: F037 counts hard and very-hard but not extreme
/// materials; a harder material accepts thinner chips (its whole chipload range is lower), which can clear
/// `CHIPLOAD_LOW`; and a faster feed can clear F011 (plunge faster than the feed). An invalid job scores 0.
///
/// ```
/// use rmos_core::feasibility::{evaluate_scenario, score};
/// let report = evaluate_scenario(r#"{"geometry": {"type": "pocket"}, "material": {"id": "x", "hardness": "soft"}}"#).unwrap();
/// assert_eq!(score(&report.findings), 100.0);
/// ```
pub fn score(findings: &[Finding]) -> f64 {
    let count = |b: Bucket| findings.iter().filter(|f| f.bucket == b).count();
    let exp = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    let raw =
        100.0 * RED_FACTOR.powi(exp(count(Bucket::Red))) * YELLOW_FACTOR.powi(exp(count(Bucket::Yellow)));
    (raw * 10.0).round() / 10.0
}

/// Builds the report of a list of findings in order.
pub(crate) fn report(findings: Vec<Finding>, estimates: Estimates, ignored: bool) -> FeasibilityReport {
    FeasibilityReport {
        bucket: findings.iter().map(|f| f.bucket).max().unwrap_or(Bucket::Green),
        score: score(&findings),
        findings,
        estimates,
        engine: engines::FEASIBILITY.to_owned(),
        client_feasibility_ignored: ignored,
    }
}

/// The RED report of a job that does not validate.
fn invalid_report(e: &InvalidJob, ignored: bool) -> FeasibilityReport {
    let mut finding = Finding::new("INVALID_JOB", Bucket::Red, e.to_string(), None, None);
    finding.operation = operation_index(&e.path);
    FeasibilityReport {
        bucket: Bucket::Red,
        score: 0.0,
        findings: vec![finding],
        estimates: Estimates::default(),
        engine: engines::FEASIBILITY.to_owned(),
        client_feasibility_ignored: ignored,
    }
}

/// `operations[2].depth_mm` → 2.
fn operation_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("operations[")?;
    rest.split(']').next()?.parse().ok()
}
