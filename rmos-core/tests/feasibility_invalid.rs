//! Invalid job documents: every failure is an `InvalidJob` naming the field, and never a report.

mod feasibility_support;

use feasibility_support::{base, set};
use rmos_core::job::{Job, MAX_JOB_JSON_BYTES};
use serde_json::{json, Value};

const TOP: &str = include_str!("../../examples/jobs/guitar_top.json");

fn err(text: &str) -> (String, String) {
    let e = Job::from_json(text).unwrap_err();
    (e.path, e.reason)
}

fn err_v(v: &Value) -> String {
    Job::from_json(&v.to_string()).unwrap_err().to_string()
}

#[test]
fn numbers_too_large_for_a_float_are_json_errors() {
    let (path, reason) = err(&TOP.replacen("\"diameter_mm\": 1.5875", "\"diameter_mm\": 1e400", 1));
    assert_eq!(path, "$");
    assert!(
        reason.starts_with("invalid JSON: number out of range at line"),
        "{reason}"
    );
    let (path, _) = err(&TOP.replacen("\"rpm\": 18000", "\"rpm\": -1e400", 1));
    assert_eq!(path, "$");
}

#[test]
fn strings_for_numbers() {
    assert_eq!(
        err(&TOP.replacen("\"diameter_mm\": 1.5875", "\"diameter_mm\": \"1.5875\"", 1)),
        (
            "tool.diameter_mm".into(),
            "invalid type: string \"1.5875\", expected f64".into()
        )
    );
    assert_eq!(
        err(&TOP.replacen("\"rpm\": 18000", "\"rpm\": \"fast\"", 1)).0,
        "cutting.rpm"
    );
    assert_eq!(
        err_v(&{
            let mut v = base();
            set(&mut v, "/machine/travel_mm/1", json!("600"));
            v
        }),
        "machine.travel_mm[1]: invalid type: string \"600\", expected f64"
    );
}

#[test]
fn negative_and_zero_counts() {
    assert_eq!(
        err(&TOP.replacen("\"flutes\": 2", "\"flutes\": -2", 1)),
        (
            "tool.flutes".into(),
            "invalid value: integer `-2`, expected u32".into()
        )
    );
    assert_eq!(
        err(&TOP.replacen("\"flutes\": 2", "\"flutes\": 0", 1)),
        ("tool.flutes".into(), "must be >= 1".into())
    );
    assert_eq!(
        err(&TOP.replacen("\"rings\": 2", "\"rings\": 0", 1)),
        ("operations[0].rings".into(), "must be >= 1".into())
    );
    // Inside an operation the tag is read first and the body as the kind's struct: the path names the field.
    assert_eq!(
        err(&TOP.replacen("\"rings\": 2", "\"rings\": -1", 1)),
        (
            "operations[0].rings".into(),
            "invalid value: integer `-1`, expected u32".into()
        )
    );
}

#[test]
fn unknown_material_and_operation() {
    assert_eq!(
        err(&TOP.replacen("spruce_sitka", "unobtainium", 1)),
        ("stock.material".into(), "unknown material \"unobtainium\"".into())
    );
    let (path, reason) = err(&TOP.replacen("\"rosette_channel\"", "\"laser_etch\"", 1));
    assert_eq!(path, "operations[0].op");
    assert!(reason.starts_with("unknown variant `laser_etch`"), "{reason}");
    let (path, reason) = err(&TOP.replacen("\"carbide\"", "\"diamond\"", 1));
    assert_eq!(path, "tool.tool_material");
    assert!(reason.starts_with("unknown variant `diamond`"), "{reason}");
}

#[test]
fn missing_fields_name_the_field() {
    assert_eq!(
        err(&TOP.replacen("\"depth_mm\": 0.9, ", "", 1)),
        ("operations[0].depth_mm".into(), "is required".into())
    );
    assert_eq!(
        err(&TOP.replacen("\"op\": \"rosette_channel\",", "", 1)).0,
        "operations[0].op"
    );
    let mut v = base();
    v["tool"].as_object_mut().unwrap().remove("stickout_mm");
    assert_eq!(err_v(&v), "tool.stickout_mm: is required");
    let mut v = base();
    v.as_object_mut().unwrap().remove("cutting");
    assert_eq!(err_v(&v), "cutting: is required");
    assert_eq!(err("{}").0, "machine");
}

#[test]
fn unknown_keys_are_refused() {
    let (path, reason) = err(&TOP.replacen("\"flutes\": 2", "\"flutes\": 2, \"colour\": \"red\"", 1));
    assert_eq!(path, "tool.colour");
    assert!(reason.starts_with("unknown field `colour`"), "{reason}");
}

#[test]
fn empty_operations_and_oversized_documents() {
    let mut v = base();
    set(&mut v, "/operations", json!([]));
    assert_eq!(err_v(&v), "operations: must list at least one operation");
    let big = TOP.replacen(
        '{',
        &format!("{{\"name\": \"{}\", ", "x".repeat(MAX_JOB_JSON_BYTES)),
        1,
    );
    let (path, reason) = err(&big);
    assert_eq!(path, "$");
    assert!(
        reason.starts_with("document is ") && reason.ends_with("the limit is 8388608"),
        "{reason}"
    );
}

#[test]
fn validation_names_the_operation_and_field() {
    let mut v = base();
    let pocket = v["operations"][0].clone();
    let mut bad = pocket.clone();
    bad["depth_mm"] = json!(-1);
    set(&mut v, "/operations", json!([pocket.clone(), pocket, bad]));
    assert_eq!(err_v(&v), "operations[2].depth_mm: must be > 0");
    let cases: [(&str, Value, &str); 8] = [
        ("/tool/diameter_mm", json!(0), "tool.diameter_mm: must be > 0"),
        (
            "/cutting/stepover",
            json!(1.5),
            "cutting.stepover: must be <= 1 (a fraction of the tool diameter)",
        ),
        ("/cutting/safe_z_mm", json!(-5), "cutting.safe_z_mm: must be > 0"),
        (
            "/machine/spindle_rpm",
            json!([24000, 8000]),
            "machine.spindle_rpm: min must be <= max",
        ),
        ("/stock/size_mm/0", json!(0), "stock.size_mm[0]: must be > 0"),
        (
            "/operations/0/size_mm/1",
            json!(-40),
            "operations[0].size_mm[1]: must be > 0",
        ),
        (
            "/operations/0/corner_radius_mm",
            json!(25),
            "operations[0].corner_radius_mm: must be <= half the pocket's smaller side",
        ),
        (
            "/cutting/feed_override_percent",
            json!(0),
            "cutting.feed_override_percent: must be > 0",
        ),
    ];
    for (pointer, value, message) in cases {
        let mut v = base();
        set(&mut v, pointer, value);
        assert_eq!(err_v(&v), message, "{pointer}");
    }
}
