//! Jobs for the feasibility tests: a GREEN base job and ways to change it.
#![allow(dead_code)] // each test crate uses a different part of this module

use rmos_core::feasibility::{evaluate, FeasibilityReport, Finding, Thresholds};
use rmos_core::job::Job;
use serde_json::{json, Value};

/// A GREEN job: a 60 × 40 mm pocket, 6 mm deep, in Honduran mahogany with a 6.35 mm two-flute carbide cutter.
///
/// Chipload 3000 / (18000 × 2) = 0.0833 mm/tooth, inside [0.0635, 0.3175] (0.010 and 0.050 × 6.35 × 1.0).
pub fn base() -> Value {
    json!({
        "name": "base pocket",
        "machine": {"name": "test-router", "travel_mm": [800, 600, 120], "spindle_rpm": [8000, 24000],
                    "max_feed_mm_min": 6000, "max_plunge_mm_min": 1500, "rapid_mm_min": 10000},
        "stock": {"material": "mahogany_honduran", "size_mm": [500, 400], "thickness_mm": 20},
        "tool": {"kind": "flat_end_mill", "diameter_mm": 6.35, "flutes": 2, "flute_length_mm": 25,
                 "stickout_mm": 25, "tool_material": "carbide"},
        "cutting": {"rpm": 18000, "feed_mm_min": 3000, "plunge_mm_min": 600, "stepdown_mm": 2,
                    "stepover": 0.4, "safe_z_mm": 5},
        "operations": [
            {"op": "rect_pocket", "corner_mm": [100, 100], "size_mm": [60, 40], "corner_radius_mm": 5, "depth_mm": 6}
        ]
    })
}

/// A fret-slot job in East Indian rosewood with a 0.6 mm cutter (GREEN in pack 2).
pub fn frets() -> Value {
    let mut v = base();
    set(&mut v, "/stock/material", json!("rosewood_east_indian"));
    set(&mut v, "/stock/size_mm", json!([520, 70]));
    set(&mut v, "/stock/thickness_mm", json!(6.5));
    set(&mut v, "/tool/diameter_mm", json!(0.6));
    set(&mut v, "/tool/flute_length_mm", json!(2.5));
    set(&mut v, "/tool/stickout_mm", json!(3));
    set(&mut v, "/cutting/rpm", json!(24000));
    set(&mut v, "/cutting/feed_mm_min", json!(600));
    set(&mut v, "/cutting/plunge_mm_min", json!(150));
    set(&mut v, "/cutting/stepdown_mm", json!(0.15));
    set(&mut v, "/cutting/coolant", json!(true));
    set(
        &mut v,
        "/operations",
        json!([{"op": "fret_slots", "scale_length_mm": 648, "frets": 22, "nut_at_mm": [10, 35],
                "board_width_mm": 56, "slot_depth_mm": 1.8, "kerf_mm": 0.6}]),
    );
    v
}

/// A guitar top: a rosette around a soundhole, 1/16" cutter in Sitka spruce.
pub fn rosette(inner: f64, outer: f64, rings: u32, hole_diameter: f64, hole_offset: f64) -> Value {
    let mut v: Value = serde_json::from_str(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
    set(&mut v, "/operations/0/inner_diameter_mm", json!(inner));
    set(&mut v, "/operations/0/outer_diameter_mm", json!(outer));
    set(&mut v, "/operations/0/rings", json!(rings));
    set(&mut v, "/operations/1/diameter_mm", json!(hole_diameter));
    set(
        &mut v,
        "/operations/1/center_mm",
        json!([280.0 + hole_offset, 210.0]),
    );
    v
}

/// Sets the value at a JSON pointer; the parent must exist, an object key is added when missing.
pub fn set(v: &mut Value, pointer: &str, new: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}")) {
        Value::Object(map) => {
            map.insert(key.to_owned(), new);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = new,
        _ => panic!("{parent} holds no {key}"),
    }
}

/// `base()` with one change.
pub fn with(pointer: &str, new: Value) -> Value {
    let mut v = base();
    set(&mut v, pointer, new);
    v
}

pub fn job(v: &Value) -> Job {
    Job::from_json(&v.to_string()).unwrap()
}

pub fn eval(v: &Value) -> FeasibilityReport {
    evaluate(&job(v), &Thresholds::default())
}

/// The findings with `code`.
pub fn found<'a>(r: &'a FeasibilityReport, code: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.code == code).collect()
}

/// The one finding with `code`.
pub fn one<'a>(r: &'a FeasibilityReport, code: &str) -> &'a Finding {
    let all = found(r, code);
    assert_eq!(all.len(), 1, "expected one {code} in {:?}", r.codes());
    all[0]
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}
