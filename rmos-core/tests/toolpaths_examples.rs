//! Every job in `examples/jobs/` is covered by the toolpath tests.
//!
//! Planning is reached only through an approval, so the planner's tests (which check every example
//! job for rapids, ramps, feeds, arcs, bounds and the machine envelope) live inside the crate and name
//! the example files they load. This test fails when a job is added to `examples/jobs/` without being
//! added there.

use std::fs;
use std::path::Path;

#[test]
#[expect(
    clippy::disallowed_methods,
    reason = "the test lists the example folder; the library does no I/O"
)]
fn every_example_job_is_planned_by_the_toolpath_tests() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/jobs");
    let tests = include_str!("../src/toolpaths/tests/mod.rs");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 2, "{names:?}");
    for name in names {
        assert!(
            tests.contains(&format!("examples/jobs/{name}")),
            "examples/jobs/{name} is not in the toolpath tests' example list (src/toolpaths/tests/mod.rs)"
        );
    }
}
