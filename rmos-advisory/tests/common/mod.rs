//! Jobs shared by the proposal tests.
#![allow(dead_code)]

use rmos_core::job::Job;

/// A neck pocket in mahogany with a 1/4" end mill: GREEN.
pub const GREEN_JOB: &str = r#"{
  "name": "neck pocket",
  "machine": {"name": "shop-router", "travel_mm": [800, 600, 120], "spindle_rpm": [8000, 24000],
              "max_feed_mm_min": 6000, "max_plunge_mm_min": 1500, "rapid_mm_min": 10000},
  "stock": {"material": "mahogany_honduran", "size_mm": [500, 400], "thickness_mm": 45},
  "tool": {"kind": "flat_end_mill", "diameter_mm": 6.35, "flutes": 2, "flute_length_mm": 22,
           "stickout_mm": 30, "tool_material": "carbide"},
  "cutting": {"rpm": 18000, "feed_mm_min": 3000, "plunge_mm_min": 800, "stepdown_mm": 2,
              "stepover": 0.4, "safe_z_mm": 5},
  "operations": [
    {"op": "rect_pocket", "corner_mm": [100, 100], "size_mm": [76, 56], "corner_radius_mm": 6.35, "depth_mm": 6}
  ]
}"#;

/// The GREEN job cut deeper than the stock is thick: RED (F022).
pub fn red_job() -> Job {
    Job::from_json(&GREEN_JOB.replace("\"depth_mm\": 6", "\"depth_mm\": 50")).unwrap()
}

/// The GREEN job.
pub fn green_job() -> Job {
    Job::from_json(GREEN_JOB).unwrap()
}

/// The guitar top: a 1/16" bit, YELLOW (F032).
pub fn yellow_job() -> Job {
    Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap()
}

pub const AT: &str = "2026-11-22T10:00:00Z";
