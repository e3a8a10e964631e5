//! Whole released programs, one job per operation kind in every dialect, compared byte for byte with
//! `tests/golden/programs/<operation>.<post>.nc` (D1). The files were read by hand once; any change to the
//! output shows up here as a diff to review.
//!
//! ```text
//! RMOS_BLESS=1 cargo test -p rmos-core --test release_golden
//! ```
//! The folder must hold exactly the programs the cases make. `python/tests` parses every file here with an
//! independent G-code reader and compares its bounds and deepest Z with RMOS's.

#![expect(
    clippy::disallowed_methods,
    reason = "the golden files are read and blessed by the test; the library reads no file"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rmos_core::gates::{Actor, Override, Policy};
use rmos_core::job::Job;
use rmos_core::posts::Post;
use rmos_core::program::Program;
use rmos_core::runs::MemoryStore;
use rmos_core::workflow::Session;

const AT: &str = "2026-11-22T10:00:00Z";

const MACHINE: &str = r#""machine": {"name": "shop-router", "travel_mm": [800, 600, 120], "spindle_rpm": [8000, 24000],
  "max_feed_mm_min": 6000, "max_plunge_mm_min": 1500, "rapid_mm_min": 10000}"#;

const QUARTER_INCH: &str = r#""tool": {"kind": "flat_end_mill", "diameter_mm": 6.35, "flutes": 2, "flute_length_mm": 22,
  "stickout_mm": 30, "tool_material": "carbide"},
  "cutting": {"rpm": 18000, "feed_mm_min": 3000, "plunge_mm_min": 800, "stepdown_mm": 2, "stepover": 0.4, "safe_z_mm": 5}"#;

fn job(name: &str, stock: &str, tool_and_cutting: &str, op: &str) -> Job {
    let text = format!(
        r#"{{"name": "{name}", {MACHINE}, "stock": {stock}, {tool_and_cutting}, "operations": [{op}]}}"#
    );
    Job::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn example_op(file: &str, index: usize, name: &str) -> Job {
    let mut j = Job::from_json(file).unwrap();
    j.operations = vec![j.operations[index].clone()];
    j.name = Some(name.into());
    j
}

/// One job per operation kind, each what a luthier would cut with that operation.
fn cases() -> Vec<(&'static str, Job)> {
    let mahogany = r#"{"material": "mahogany_honduran", "size_mm": [500, 400], "thickness_mm": 45}"#;
    vec![
        (
            "rosette_channel",
            example_op(
                include_str!("../../examples/jobs/guitar_top.json"),
                0,
                "rosette channel",
            ),
        ),
        (
            "circle_cut",
            example_op(
                include_str!("../../examples/jobs/guitar_top.json"),
                1,
                "soundhole",
            ),
        ),
        (
            "fret_slots",
            example_op(
                include_str!("../../examples/jobs/fretboard.json"),
                0,
                "fret slots",
            ),
        ),
        (
            "drill_pattern",
            job(
                "bridge pin holes",
                r#"{"material": "rosewood_east_indian", "size_mm": [200, 100], "thickness_mm": 10}"#,
                r#""tool": {"kind": "drill", "diameter_mm": 3.0, "flutes": 2, "flute_length_mm": 20,
                  "stickout_mm": 25, "tool_material": "hss"},
                  "cutting": {"rpm": 12000, "feed_mm_min": 600, "plunge_mm_min": 300, "stepdown_mm": 1,
                  "stepover": 0.4, "safe_z_mm": 5, "coolant": true}"#,
                r#"{"op": "drill_pattern", "points_mm": [[50, 50], [60, 50], [70, 50], [80, 50], [90, 50], [100, 50]],
                  "diameter_mm": 3, "depth_mm": 6, "peck_mm": 2}"#,
            ),
        ),
        (
            "rect_pocket",
            job(
                "neck pocket",
                mahogany,
                QUARTER_INCH,
                r#"{"op": "rect_pocket", "corner_mm": [100, 100], "size_mm": [76, 56], "corner_radius_mm": 6.35,
                  "depth_mm": 6}"#,
            ),
        ),
        (
            "contour_profile",
            job(
                "bridge blank outline",
                r#"{"material": "mahogany_honduran", "size_mm": [300, 200], "thickness_mm": 10}"#,
                QUARTER_INCH,
                r#"{"op": "contour_profile", "points_mm": [[60, 60], [220, 60], [220, 100], [140, 130], [60, 100]],
                  "side": "outside", "depth_mm": 10, "tabs": 3}"#,
            ),
        ),
    ]
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/programs")
}

#[expect(
    clippy::disallowed_methods,
    reason = "tests may read the environment; the library never does"
)]
fn blessing() -> bool {
    std::env::var("RMOS_BLESS").is_ok_and(|v| v == "1")
}

fn release(job: &Job, post: Post) -> String {
    // The files are about the output, whatever the rules say of each job: approve under a policy that allows
    // a human's acknowledged RED override.
    let policy = Policy {
        allow_red_override: true,
        ..Policy::default()
    };
    let mut store = MemoryStore::new();
    let why = Override::new("golden program, reviewed by hand", true);
    let approved = Session::new(job.clone())
        .evaluate(&policy)
        .approve_with_override(&Actor::human("luthier"), &why, AT, &mut store)
        .unwrap();
    let program = Program::release(&approved, post, AT, &mut store).unwrap_or_else(|e| panic!("{post}: {e}"));
    program.gcode().to_owned()
}

#[test]
fn released_programs_match_their_golden_files() {
    let dir = golden_dir();
    let bless = blessing();
    let mut made = BTreeSet::new();
    let mut stale = Vec::new();
    for (name, job) in cases() {
        for post in Post::ALL {
            let file = format!("{name}.{post}.nc");
            let gcode = release(&job, post);
            let path = dir.join(&file);
            if bless {
                std::fs::write(&path, &gcode).unwrap();
            } else {
                match std::fs::read_to_string(&path) {
                    Ok(want) if want == gcode => {}
                    Ok(_) => stale.push(format!("{file} differs")),
                    Err(_) => stale.push(format!("{file} is missing")),
                }
            }
            made.insert(file);
        }
    }
    let present: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let extra: Vec<_> = present.difference(&made).collect();
    assert!(extra.is_empty(), "files no case makes: {extra:?}");
    assert!(
        stale.is_empty(),
        "{stale:?}: rerun with RMOS_BLESS=1 and review the diff"
    );
    assert_eq!(made.len(), 24);
}

#[test]
fn golden_fret_slots_sit_at_equal_temperament_positions() {
    // Computed here, independently of the planner: X = nut x + L − L / 2^(n/12), slot centre lines.
    let gcode = std::fs::read_to_string(golden_dir().join("fret_slots.linuxcnc.nc")).unwrap();
    let xs: BTreeSet<String> = gcode
        .lines()
        .filter(|l| l.starts_with("G1") || l.starts_with("G0"))
        .flat_map(|l| {
            l.split_whitespace()
                .filter(|w| w.starts_with('X'))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    for n in 1..=20 {
        let x = 10.0 + 647.7 - 647.7 / 2f64.powf(f64::from(n) / 12.0);
        assert!(xs.contains(&format!("X{x:.3}")), "fret {n} at X{x:.3} missing");
    }
}
