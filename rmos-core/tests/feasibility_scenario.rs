//! The scenario entry point: mapping, defaults and invalid input.

use rmos_core::feasibility::{evaluate_scenario, Bucket, FeasibilityReport};
use rmos_core::job::MAX_JOB_JSON_BYTES;
use serde_json::{json, Value};

fn run(v: Value) -> FeasibilityReport {
    evaluate_scenario(&v.to_string()).unwrap()
}

/// A soft pocket with every default.
fn soft(geometry: Value) -> Value {
    json!({"geometry": geometry, "material": {"id": "spruce", "hardness": "soft"}})
}

fn codes(r: &FeasibilityReport) -> Vec<&str> {
    r.codes()
}

fn err(text: &str) -> (String, String) {
    let e = evaluate_scenario(text).unwrap_err();
    (e.path, e.reason)
}

#[test]
fn defaults_give_a_green_pocket_with_the_documented_numbers() {
    let r = run(soft(json!({"type": "pocket"})));
    assert_eq!((r.bucket, r.score), (Bucket::Green, 100.0));
    assert!(r.findings.is_empty());
    // 50 × 50 mm, 10 mm deep: 25000 mm³. ⌈10 / 2⌉ = 5 passes of 2500 / (0.5 × 6) = 833.33 mm at 1000 mm/min,
    // 10 mm plunged at 500, (2 × 5 + 10) mm at the 3000 mm/min rapid:
    // 5 × 0.833333 + 0.02 + 0.006667 = 4.193333 min = 251.6 s.
    assert_eq!(r.estimates.material_removed_mm3, 25_000.0);
    assert!(
        (r.estimates.cycle_time_s - 251.6).abs() < 1e-9,
        "{}",
        r.estimates.cycle_time_s
    );
    assert!(r.export_allowed());
    assert!(!r.client_feasibility_ignored);
    assert_eq!(r.engine, rmos_core::engines::FEASIBILITY);
}

#[test]
fn default_values_show_in_the_findings() {
    // Tool 6 mm: a 5 mm wide feature is narrower (F025 value 6).
    let r = run(soft(json!({"type": "pocket", "width_mm": 5})));
    assert_eq!(codes(&r), ["F025"]);
    assert_eq!((r.findings[0].value, r.findings[0].limit), (Some(6.0), Some(5.0)));
    // Depth 10: past a 9.99 mm stock (F022 value 10).
    let mut v = soft(json!({"type": "pocket"}));
    v["material"]["thickness_mm"] = json!(9.99);
    let r = run(v);
    assert_eq!(codes(&r), ["F022"]);
    assert_eq!(r.findings[0].value, Some(10.0));
    // Plunge is half the feed: with a negative feed, −500 > −1000 shows it (F011).
    let mut v = soft(json!({"type": "pocket"}));
    v["params"] = json!({"feed_rate_mm_min": -1000});
    let r = run(v);
    assert_eq!(codes(&r), ["F011"]);
    assert_eq!(
        (r.findings[0].value, r.findings[0].limit),
        (Some(-500.0), Some(-1000.0))
    );
    // woc_percent / 100 is the stepover (F035 value 0.71); doc_mm is the stepdown (F012 value 3.01).
    let mut v = soft(json!({"type": "pocket"}));
    v["params"] = json!({"woc_percent": 71, "doc_mm": 3.01});
    let r = run(v);
    assert_eq!(codes(&r), ["F012", "F035", "F037"]);
    assert_eq!(r.findings[0].value, Some(3.01));
    assert_eq!(r.findings[1].value, Some(0.71));
}

#[test]
fn width_and_length_pass_only_when_given_and_depth_always() {
    assert_eq!(
        codes(&run(soft(json!({"type": "pocket", "width_mm": 0})))),
        ["F023", "F025"]
    );
    assert_eq!(
        codes(&run(soft(json!({"type": "pocket", "length_mm": 0})))),
        ["F023"]
    );
    // depth −5: F023 on the given depth, but z_rough = −|−5| keeps F004 quiet.
    assert_eq!(
        codes(&run(soft(json!({"type": "pocket", "depth_mm": -5})))),
        ["F023"]
    );
    // depth 0: z_rough 0 (F004) and F023.
    assert_eq!(
        codes(&run(soft(json!({"type": "pocket", "depth_mm": 0})))),
        ["F004", "F023"]
    );
}

#[test]
fn hardness_mapping() {
    // doc 9.01 with the 6 mm tool: F020 in the hard set (stepdown > 9), F012 anyway.
    let case = |material: Value| {
        run(json!({"geometry": {"type": "pocket"}, "material": material, "params": {"doc_mm": 9.01}}))
    };
    let hard_set = |r: &FeasibilityReport| r.codes().contains(&"F020");
    let unknown = |r: &FeasibilityReport| r.codes().contains(&"F024");
    for (hardness, in_hard_set) in [
        ("soft", false),
        ("medium", false),
        ("medium-hard", true),
        ("hard", true),
        ("very-hard", true),
        ("extreme", true),
    ] {
        let r = case(json!({"id": "m", "hardness": hardness}));
        assert_eq!(hard_set(&r), in_hard_set, "{hardness}");
        assert!(!unknown(&r), "{hardness}");
    }
    for material in [
        json!({"id": "m", "hardness": "Hard"}),
        json!({"id": "m", "hardness": "granite"}),
        json!({"hardness": "soft"}),
        json!({"id": "not_in_catalog"}),
    ] {
        let r = case(material.clone());
        assert!(unknown(&r), "{material}");
        assert_eq!(r.bucket, Bucket::Red);
    }
    assert!(unknown(&run(json!({"geometry": {"type": "pocket"}}))));
    // A catalog id without hardness takes the catalog's: hard maple is hard.
    let r = case(json!({"id": "maple_hard"}));
    assert!(hard_set(&r) && !unknown(&r));
}

#[test]
fn medium_hard_counts_as_hard_for_f037() {
    // F037 needs two: hard (medium-hard maps to hard) and stepover > 0.5.
    let v = json!({"geometry": {"type": "pocket"}, "material": {"id": "m", "hardness": "medium-hard"},
                   "params": {"woc_percent": 51}});
    assert_eq!(codes(&run(v)), ["F037"]);
    let v = json!({"geometry": {"type": "pocket"}, "material": {"id": "m", "hardness": "medium"},
                   "params": {"woc_percent": 51}});
    assert!(codes(&run(v)).is_empty());
}

#[test]
fn loop_count() {
    let pockets = |n: usize| json!(vec![json!({"width_mm": 10}); n]);
    assert!(codes(&run(soft(json!({"type": "multi_pocket", "pockets": pockets(3)})))).is_empty());
    assert_eq!(
        codes(&run(soft(json!({"type": "multi_pocket", "pockets": []})))),
        ["F007"]
    );
    assert_eq!(codes(&run(soft(json!({"type": "multi_pocket"})))), ["F007"]);
    let r = run(soft(json!({"type": "multi_pocket", "pockets": pockets(1001)})));
    assert_eq!(codes(&r), ["F013"]);
    assert_eq!(r.findings[0].value, Some(1001.0));
    assert!(codes(&run(soft(
        json!({"type": "multi_pocket", "pockets": pockets(1000)})
    )))
    .is_empty());
    // Only a multi_pocket counts its pockets.
    assert!(codes(&run(soft(json!({"type": "pocket", "pockets": pockets(1001)})))).is_empty());
}

#[test]
fn closed_paths_by_type() {
    for t in ["pocket", "pocket_with_island", "rosette_pocket", "slot"] {
        assert!(!codes(&run(soft(json!({"type": t})))).contains(&"F006"), "{t}");
    }
    for t in ["profile", "drill", "engrave"] {
        assert_eq!(codes(&run(soft(json!({"type": t})))), ["F006"], "{t}");
    }
}

#[test]
fn complex_geometry() {
    for island in ["L-shape", "T-shape", "complex"] {
        let r = run(soft(
            json!({"type": "pocket_with_island", "island": {"type": island}}),
        ));
        assert_eq!(codes(&r), ["F039"], "{island}");
    }
    assert!(codes(&run(soft(
        json!({"type": "pocket_with_island", "island": {"type": "rect"}})
    )))
    .is_empty());
    let r = run(soft(
        json!({"type": "multi_pocket", "pockets": [{}], "island": {"type": "rect"}}),
    ));
    assert_eq!(codes(&r), ["F039"]);
}

#[test]
fn smallest_feature() {
    // The wall when given (F010: tool 6 > 3; F036 none: wall 3 is fine).
    let r = run(soft(json!({"type": "pocket", "wall_thickness_mm": 3})));
    assert_eq!(codes(&r), ["F010"]);
    assert_eq!(r.findings[0].limit, Some(3.0));
    // The island's smaller side when smaller than the wall.
    let r = run(soft(json!({"type": "pocket_with_island", "wall_thickness_mm": 3,
                             "island": {"type": "rect", "width_mm": 10, "length_mm": 2}})));
    assert_eq!(r.findings[0].limit, Some(2.0));
    // The wall when the island is larger.
    let r = run(soft(json!({"type": "pocket_with_island", "wall_thickness_mm": 3,
                             "island": {"type": "rect", "width_mm": 10, "length_mm": 12}})));
    assert_eq!(r.findings[0].limit, Some(3.0));
    // The island alone.
    let r = run(soft(
        json!({"type": "pocket_with_island", "island": {"type": "rect", "width_mm": 5.5, "length_mm": 8}}),
    ));
    assert_eq!((r.codes(), r.findings[0].limit), (vec!["F010"], Some(5.5)));
    // No wall, no island: no F010.
    assert!(codes(&run(soft(json!({"type": "pocket"})))).is_empty());
}

#[test]
fn tool_material_and_params_fields_map() {
    let mut v = soft(json!({"type": "pocket", "floor_thickness_mm": 1.5}));
    v["tool"] = json!({"diameter_mm": 2, "flute_length_mm": 9, "stick_out_mm": 16.01});
    v["material"]["resinous"] = json!(true);
    v["params"] = json!({"feed_override_percent": 130});
    // Resinous, tool under 3, no coolant (F027); stickout 16.01 / 2 > 8 (F026); depth 10 past 9 mm flutes
    // (F033); 10 / 2 > 2 (F030); floor 1.5 (F038); override 130 (F040).
    let r = run(v.clone());
    assert_eq!(codes(&r), ["F026", "F027", "F033", "F030", "F038", "F040"]);
    v["params"]["coolant"] = json!(true);
    assert_eq!(codes(&run(v)), ["F026", "F033", "F030", "F038", "F040"]);
}

#[test]
fn export_allowed_exactly_when_not_red() {
    let green = run(soft(json!({"type": "pocket"})));
    let yellow = run(soft(json!({"type": "pocket", "floor_thickness_mm": 1})));
    let red = run(soft(json!({"type": "profile"})));
    assert_eq!(
        [green.bucket, yellow.bucket, red.bucket],
        [Bucket::Green, Bucket::Yellow, Bucket::Red]
    );
    assert_eq!(
        [
            green.export_allowed(),
            yellow.export_allowed(),
            red.export_allowed()
        ],
        [true, true, false]
    );
    assert_eq!((yellow.score, red.score), (90.0, 50.0));
}

#[test]
fn client_feasibility_is_dropped_and_flagged() {
    let plain = run(soft(json!({"type": "pocket", "floor_thickness_mm": 1})));
    let mut v = soft(json!({"type": "pocket", "floor_thickness_mm": 1, "risk_bucket": "GREEN"}));
    v["approved"] = json!(true);
    v["params"] = json!({"score": 100, "safety": {"ok": true}});
    let r = run(v);
    assert!(r.client_feasibility_ignored);
    assert_eq!(r.findings, plain.findings);
    assert_eq!((r.bucket, r.score), (plain.bucket, plain.score));
}

#[test]
fn invalid_input_names_the_field() {
    let (path, reason) = err(r#"{"geometry": {"type": "pocket", "width_mm": 1e400}}"#);
    assert_eq!(path, "$");
    assert!(
        reason.starts_with("invalid JSON: number out of range"),
        "{reason}"
    );
    assert_eq!(
        err(r#"{"geometry": {"type": "pocket"}, "params": {"doc_mm": "2"}}"#),
        (
            "params.doc_mm".into(),
            "invalid type: string \"2\", expected f64".into()
        )
    );
    assert_eq!(
        err(r#"{"geometry": {"type": "pocket"}, "tool": {"diameter_mm": true}}"#).0,
        "tool.diameter_mm"
    );
    assert_eq!(err(r#"{"geometry": {"type": 3}}"#).0, "geometry.type");
    assert_eq!(
        err(r#"{"geometry": {"type": "pocket"}, "params": {"coolant": "yes"}}"#).0,
        "params.coolant"
    );
    assert_eq!(
        err(r#"{"geometry": {"type": "multi_pocket", "pockets": -1}}"#),
        (
            "geometry.pockets".into(),
            "invalid type: integer `-1`, expected a sequence".into()
        )
    );
    assert_eq!(
        err(r#"{"geometry": {}}"#),
        ("geometry.type".into(), "is required".into())
    );
    assert_eq!(
        err(r#"{"material": {}}"#),
        ("geometry".into(), "is required".into())
    );
    let (path, reason) = err(r#"{"geometry": {"type": "pocket"}, "params": {"dok_mm": 2}}"#);
    assert_eq!(path, "params.dok_mm");
    assert!(reason.starts_with("unknown field `dok_mm`"), "{reason}");
    assert_eq!(err("[1, 2]"), ("$".into(), "must be a JSON object".into()));
    assert_eq!(err("{").0, "$");
    let big = format!(
        r#"{{"geometry": {{"type": "pocket"}}, "name": "{}"}}"#,
        "x".repeat(MAX_JOB_JSON_BYTES)
    );
    let (path, reason) = err(&big);
    assert_eq!(path, "$");
    assert!(reason.contains("the limit is 8388608"), "{reason}");
}

#[test]
fn huge_finite_numbers_do_not_break_the_report() {
    let r = run(
        json!({"geometry": {"type": "pocket", "width_mm": 1e308, "length_mm": 1e308, "depth_mm": 1e308},
                       "material": {"id": "m", "hardness": "soft"}, "params": {"doc_mm": 1e-308}}),
    );
    assert_eq!(r.estimates.material_removed_mm3, f64::MAX);
    assert!(r.findings.iter().all(|f| f.value.is_none_or(f64::is_finite)));
    let text = serde_json::to_string(&r).unwrap();
    let back: FeasibilityReport = serde_json::from_str(&text).unwrap();
    assert_eq!(back, r);
}
