//! The engine on real jobs from `examples/jobs/`, invalid jobs, the score and the report's shape.

mod feasibility_support;

use feasibility_support::{base, eval, set};
use rmos_core::feasibility::{evaluate, score, Bucket, Finding, Thresholds};
use rmos_core::gates::Policy;
use rmos_core::job::{CircleCut, DrillPattern, Job};
use serde_json::json;

fn load(text: &str) -> Job {
    Job::from_json(text).unwrap()
}

fn guitar_top() -> Job {
    load(include_str!("../../examples/jobs/guitar_top.json"))
}

#[test]
fn maple_neck_is_green() {
    let job = load(include_str!("../../examples/jobs/maple_neck_truss_rod.json"));
    let r = evaluate(&job, &Thresholds::default());
    assert_eq!((r.bucket, r.score), (Bucket::Green, 100.0), "{:?}", r.findings);
    assert!(r.findings.is_empty());
}

#[test]
fn guitar_top_is_yellow_for_its_sixteenth_inch_bit() {
    let r = evaluate(&guitar_top(), &Thresholds::default());
    assert_eq!(r.bucket, Bucket::Yellow);
    assert_eq!(r.codes(), ["F032", "F032"]);
    assert_eq!(r.findings[0].operation, Some(0));
    assert_eq!(r.findings[1].operation, Some(1));
    assert_eq!(r.findings[0].message, "the 1.5875 mm tool is under 2 mm: fragile");
    assert_eq!(
        (r.findings[0].value, r.findings[0].limit),
        (Some(1.5875), Some(2.0))
    );
    // 100 × 0.9².
    assert_eq!(r.score, 81.0);
    assert!(r.export_allowed());
}

#[test]
fn ebony_fretboard_is_red() {
    let job = load(include_str!("../../examples/jobs/ebony_fretboard_rushed.json"));
    let r = evaluate(&job, &Thresholds::default());
    assert_eq!(r.bucket, Bucket::Red);
    assert_eq!(
        r.codes(),
        [
            "CHIPLOAD_HIGH",
            "F026",
            "F027",
            "F027",
            "F030",
            "F032",
            "F034",
            "F037",
            "DEPTH_PER_PASS",
            "DEFLECTION_HIGH"
        ]
    );
    // chipload 2000 / (24000 × 2) = 0.041667 against 0.050 × 0.6 × 0.6 = 0.018, RED above 0.027.
    let chip = &r.findings[0];
    assert_eq!((chip.bucket, chip.operation), (Bucket::Red, None));
    assert!((chip.value.unwrap() - 0.041_666_7).abs() < 1e-6 && (chip.limit.unwrap() - 0.027).abs() < 1e-12);
    // Deflection: F = 95 × 0.041667 × 0.3 = 1.1875 N; core 0.48 mm, I = π × 0.48⁴ / 64 = 0.0026058 mm⁴;
    // δ = 1.1875 × 12³ / (3 × 600000 × 0.0026058) = 2052 / 4690.5 = 0.4375 mm.
    let defl = r.findings.last().unwrap();
    assert!((defl.value.unwrap() - 0.4375).abs() < 1e-4, "{:?}", defl.value);
    // 6 RED and 4 YELLOW: 100 × 0.5⁶ × 0.9⁴ = 1.0252 → 1.0.
    assert_eq!(r.score, 1.0);
    assert!(!r.export_allowed());
}

#[test]
fn body_with_twelve_operations() {
    let job = load(include_str!("../../examples/jobs/body_12_ops.json"));
    assert_eq!(job.operations.len(), 12);
    let r = evaluate(&job, &Thresholds::default());
    assert_eq!(r.bucket, Bucket::Yellow);
    // Deep cavities in mahogany with a 6.35 mm tool: F030 (depth over 2 × the tool) and F037 (with the
    // 2.5 mm stepdown) on eight operations; the 36 mm outline nears the 38 mm flutes.
    let with_findings: Vec<usize> = r.findings.iter().filter_map(|f| f.operation).collect();
    assert_eq!(
        with_findings,
        [0, 0, 1, 1, 2, 2, 4, 4, 5, 5, 7, 7, 9, 9, 11, 11, 11]
    );
    assert_eq!(r.findings.last().unwrap().code, "FLUTE_LENGTH");
}

#[test]
fn estimates_hand_computed() {
    // Base pocket 60 × 40 mm, corners r 5: area 2400 − (4 − π) × 25 = 2378.54 mm², 6 mm deep = 14271.2 mm³.
    // Passes ⌈6 / 2⌉ = 3 of 2378.54 / (0.4 × 6.35) = 936.43 mm at 3000 mm/min; 6 mm plunged at 600 mm/min;
    // (2 × 5 + 6) mm at 10000 mm/min: 0.936430 + 0.01 + 0.0016 = 0.948030 min = 56.88 s.
    let r = eval(&base());
    let area = 2400.0 - (4.0 - std::f64::consts::PI) * 25.0;
    assert!((r.estimates.material_removed_mm3 - area * 6.0).abs() < 1e-9);
    let minutes = 3.0 * area / (0.4 * 6.35) / 3000.0 + 6.0 / 600.0 + 16.0 / 10000.0;
    assert!((r.estimates.cycle_time_s - minutes * 60.0).abs() < 1e-9);
    assert!((r.estimates.cycle_time_s - 56.88).abs() < 0.01);
    // A feed override of 50 % doubles the feed-bound time, not the rapids.
    let mut v = base();
    set(&mut v, "/cutting/feed_override_percent", json!(50));
    let slow = eval(&v);
    let minutes = 3.0 * area / (0.4 * 6.35) / 1500.0 + 6.0 / 300.0 + 16.0 / 10000.0;
    assert!((slow.estimates.cycle_time_s - minutes * 60.0).abs() < 1e-9);
}

#[test]
fn invalid_job_built_in_code_gives_one_red_finding() {
    let mut job = guitar_top();
    job.operations.push(job.operations[1].clone());
    if let rmos_core::job::Operation::CircleCut(CircleCut { depth_mm, .. }) = &mut job.operations[2] {
        *depth_mm = 0.0;
    }
    let r = evaluate(&job, &Thresholds::default());
    assert_eq!((r.bucket, r.score), (Bucket::Red, 0.0));
    assert_eq!(r.codes(), ["INVALID_JOB"]);
    assert_eq!(r.findings[0].message, "operations[2].depth_mm: must be > 0");
    assert_eq!(r.findings[0].operation, Some(2));
    assert_eq!(r.estimates.cycle_time_s, 0.0);

    let mut job = guitar_top();
    job.tool.diameter_mm = f64::NAN;
    let r = evaluate(&job, &Thresholds::default());
    assert_eq!(r.findings[0].message, "tool.diameter_mm: must be a finite number");
    assert_eq!(r.findings[0].operation, None);

    let mut job = guitar_top();
    job.stock.material = "unobtainium".into();
    let r = evaluate(&job, &Thresholds::default());
    assert_eq!(
        r.findings[0].message,
        "stock.material: unknown material \"unobtainium\""
    );

    let mut job = load(include_str!("../../examples/jobs/body_12_ops.json"));
    if let rmos_core::job::Operation::DrillPattern(DrillPattern { points_mm, .. }) = &mut job.operations[10] {
        points_mm[3][1] = f64::INFINITY;
    }
    let r = evaluate(&job, &Thresholds::default());
    assert_eq!(
        r.findings[0].message,
        "operations[10].points_mm[3][1]: must be a finite number"
    );
    assert_eq!(r.findings[0].operation, Some(10));

    let mut job = guitar_top();
    job.operations.clear();
    let r = evaluate(&job, &Thresholds::default());
    assert_eq!(
        r.findings[0].message,
        "operations: must list at least one operation"
    );
}

#[test]
fn report_stamps_and_flags() {
    let r = evaluate(&guitar_top(), &Thresholds::default());
    assert_eq!(r.engine, rmos_core::engines::FEASIBILITY);
    assert!(r.engine.starts_with("rmos.feasibility/"));
    assert!(!r.client_feasibility_ignored);
    let text =
        include_str!("../../examples/jobs/guitar_top.json").replacen('{', r#"{"risk_bucket": "GREEN", "#, 1);
    let r2 = evaluate(&load(&text), &Thresholds::default());
    assert!(r2.client_feasibility_ignored);
    assert_eq!(r2.findings, r.findings);
    let json: serde_json::Value = serde_json::to_value(&r).unwrap();
    assert_eq!(json["bucket"], "YELLOW");
    assert_eq!(json["findings"][0]["code"], "F032");
    assert_eq!(json["findings"][0]["operation"], 0);
}

#[test]
fn score_formula() {
    let f = |bucket| Finding {
        code: "X".into(),
        bucket,
        message: String::new(),
        value: None,
        limit: None,
        operation: None,
    };
    assert_eq!(score(&[]), 100.0);
    assert_eq!(score(&[f(Bucket::Yellow)]), 90.0);
    assert_eq!(score(&[f(Bucket::Red)]), 50.0);
    assert_eq!(
        score(&[f(Bucket::Red), f(Bucket::Yellow), f(Bucket::Yellow)]),
        40.5
    );
    // 0.5^3 × 0.9 = 0.1125 → 11.3 (one decimal).
    assert_eq!(
        score(&[f(Bucket::Red), f(Bucket::Red), f(Bucket::Red), f(Bucket::Yellow)]),
        11.3
    );
    // GREEN findings do not exist, but would not count.
    let many: Vec<Finding> = (0..5000).map(|_| f(Bucket::Red)).collect();
    assert_eq!(score(&many), 0.0);
}

#[test]
fn policy_thresholds_drive_the_physics_pack() {
    let policy: Policy = serde_json::from_str(r#"{"thresholds": {"chipload_max_per_mm": 0.01}}"#).unwrap();
    assert_eq!(policy.thresholds.deflection_red_mm, 0.15);
    // Base chipload 0.0833 against 0.01 × 6.35 = 0.0635: over by 1.31, under the 1.5 RED factor.
    let r = evaluate(&feasibility_support::job(&base()), &policy.thresholds);
    assert_eq!(r.codes(), ["CHIPLOAD_HIGH"]);
    assert_eq!(r.findings[0].bucket, Bucket::Yellow);
    assert!(serde_json::from_str::<Policy>(r#"{"thresholds": {"chipload": 1}}"#).is_err());
}
