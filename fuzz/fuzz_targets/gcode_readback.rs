//! Read-back on arbitrary text, checked against an example job: never a panic, one line entry per
//! finding, and a report that passes only without RED findings.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rmos_core::feasibility::Bucket;
use rmos_core::job::Job;
use rmos_core::readback;

fn job() -> &'static Job {
    static JOB: OnceLock<Job> = OnceLock::new();
    JOB.get_or_init(|| {
        Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).expect("example job")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(reading) = readback::read(&text) {
        assert_eq!(reading.findings.len(), reading.lines.len());
        for s in &reading.segments {
            assert!(
                s.line >= 1 && s.line <= reading.stats.lines.max(1),
                "segment line {}",
                s.line
            );
            assert!(s.length_mm >= 0.0, "line {}: length {}", s.line, s.length_mm);
        }
    }
    // The policy argument is passed as `check` takes it today.
    let report = readback::check(&text, job());
    assert_eq!(report.findings.len(), report.lines.len());
    assert_eq!(
        report.passed(),
        report.bucket != Bucket::Red,
        "{:?}",
        report.bucket
    );
    if report.findings.is_empty() {
        assert_eq!(report.bucket, Bucket::Green);
    }
});
