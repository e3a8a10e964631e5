//! Feasibility evaluation of real jobs (parsed once, outside the timed loop), and the classic rule pack on
//! a shop's scenario file: from its text, and on the input read beforehand.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use rmos_core::feasibility::{evaluate, evaluate_classic, evaluate_scenario, ClassicScenario, Thresholds};
use rmos_core::job::Job;

/// A validation scenario as shops write it (descriptive keys included); it gives F010, F030 and F037.
const SCENARIO: &str = r#"{
  "name": "deep pocket in hard maple",
  "description": "narrow wall beside a 12 mm deep pocket",
  "geometry": {"type": "pocket", "width_mm": 40, "length_mm": 60, "depth_mm": 12.5,
               "wall_thickness_mm": 2.5, "floor_thickness_mm": 3},
  "material": {"id": "maple_hard", "name": "Hard maple", "type": "hardwood", "hardness": "hard",
               "thickness_mm": 25, "resinous": false},
  "tool": {"id": "em_6", "name": "6 mm flat", "type": "flat_end_mill", "flutes": 2,
           "diameter_mm": 6, "flute_length_mm": 22, "stick_out_mm": 30},
  "params": {"doc_mm": 2, "woc_percent": 45, "feed_rate_mm_min": 1800, "coolant": false,
             "feed_override_percent": 100}
}"#;

/// [`SCENARIO`] with only the keys RMOS 0.1 accepted (no descriptive `type`, `flutes`, material `name`),
/// to compare with that release.
const SCENARIO_BARE: &str = r#"{
  "name": "deep pocket in hard maple",
  "description": "narrow wall beside a 12 mm deep pocket",
  "geometry": {"type": "pocket", "width_mm": 40, "length_mm": 60, "depth_mm": 12.5,
               "wall_thickness_mm": 2.5, "floor_thickness_mm": 3},
  "material": {"id": "maple_hard", "hardness": "hard", "thickness_mm": 25, "resinous": false},
  "tool": {"id": "em_6", "name": "6 mm flat", "diameter_mm": 6, "flute_length_mm": 22, "stick_out_mm": 30},
  "params": {"doc_mm": 2, "woc_percent": 45, "feed_rate_mm_min": 1800, "coolant": false,
             "feed_override_percent": 100}
}"#;

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

fn classic(c: &mut Criterion) {
    let scenario = ClassicScenario::from_json(SCENARIO).expect("scenario");
    let codes = evaluate_classic(&scenario).codes().join(",");
    assert_eq!(codes, "F010,F030,F037", "the bench scenario changed");
    let mut group = c.benchmark_group("classic");
    group.bench_function("scenario_from_text", |b| {
        b.iter(|| evaluate_scenario(black_box(SCENARIO)))
    });
    group.bench_function("scenario_bare_from_text", |b| {
        b.iter(|| evaluate_scenario(black_box(SCENARIO_BARE)))
    });
    group.bench_function("scenario_read_only", |b| {
        b.iter(|| ClassicScenario::from_json(black_box(SCENARIO)))
    });
    group.bench_function("scenario_prebuilt", |b| {
        b.iter(|| evaluate_classic(black_box(&scenario)))
    });
    group.finish();
}

criterion_group!(benches, feasibility, classic);
criterion_main!(benches);
