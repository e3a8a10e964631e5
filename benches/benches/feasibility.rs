//! Feasibility evaluation of real jobs (parsed once, outside the timed loop).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use rmos_core::feasibility::{evaluate, Thresholds};
use rmos_core::job::Job;

fn feasibility(c: &mut Criterion) {
    let thresholds = Thresholds::default();
    let rosette =
        Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).expect("guitar_top.json");
    let body =
        Job::from_json(include_str!("../../examples/jobs/body_12_ops.json")).expect("body_12_ops.json");
    let mut group = c.benchmark_group("feasibility");
    group.bench_function("evaluate_rosette_job", |b| {
        b.iter(|| evaluate(black_box(&rosette), black_box(&thresholds)))
    });
    group.bench_function("evaluate_12_operation_job", |b| {
        b.iter(|| evaluate(black_box(&body), black_box(&thresholds)))
    });
    group.finish();
}

criterion_group!(benches, feasibility);
criterion_main!(benches);
