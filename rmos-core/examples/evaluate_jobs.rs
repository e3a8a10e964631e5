//! Evaluates three real jobs from `examples/jobs/` and prints what RMOS finds: a GREEN maple neck, a YELLOW
//! guitar top (a 1/16" bit) and a RED ebony fretboard (a long-reach bit fed far past its chipload).
//!
//! Run with `make demo` or `cargo run --release -p rmos-core --example evaluate_jobs`.
#![expect(
    clippy::disallowed_macros,
    reason = "an example is a host program: it prints; the library never does"
)]

use rmos_core::feasibility::{evaluate, FeasibilityReport, Thresholds};
use rmos_core::job::Job;

const JOBS: [(&str, &str); 3] = [
    (
        "maple_neck_truss_rod.json",
        include_str!("../../examples/jobs/maple_neck_truss_rod.json"),
    ),
    (
        "guitar_top.json",
        include_str!("../../examples/jobs/guitar_top.json"),
    ),
    (
        "ebony_fretboard_rushed.json",
        include_str!("../../examples/jobs/ebony_fretboard_rushed.json"),
    ),
];

fn main() -> Result<(), rmos_core::InvalidJob> {
    let thresholds = Thresholds::default();
    for (file, text) in JOBS {
        let job = Job::from_json(text)?;
        let report = evaluate(&job, &thresholds);
        print_report(file, &job, &report);
    }
    Ok(())
}

fn print_report(file: &str, job: &Job, report: &FeasibilityReport) {
    println!("{}  ({file})", job.name.as_deref().unwrap_or("unnamed job"));
    println!(
        "  {}  score {}  |  {} operation(s), about {:.0} s of cutting, {:.0} cm³ removed  |  {}",
        report.bucket,
        report.score,
        job.operations.len(),
        report.estimates.cycle_time_s,
        report.estimates.material_removed_mm3 / 1000.0,
        report.engine
    );
    if report.findings.is_empty() {
        println!("  no findings");
    }
    for f in &report.findings {
        let at = f
            .operation
            .and_then(|i| job.operations.get(i).map(|op| format!("op {i} {}", op.kind())))
            .unwrap_or_else(|| "job".to_owned());
        let numbers = match (f.value, f.limit) {
            (Some(v), Some(l)) => format!("  [value {}, limit {}]", short(v), short(l)),
            _ => String::new(),
        };
        println!(
            "  {:<6} {:<20} {at}: {}{numbers}",
            f.bucket.as_str(),
            f.code,
            f.message
        );
    }
    println!();
}

/// A number rounded to four decimals, printed without trailing zeros.
fn short(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}
