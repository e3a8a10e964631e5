//! The invariant table in `src/lib.rs` stays true: every invariant of DESIGN.md has a row, and every test
//! and file a row names as its proof exists. A renamed or deleted test fails here, not silently.

use std::path::{Path, PathBuf};

/// The invariants DESIGN.md lists; each must have a row.
const INVARIANTS: [&str; 10] = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "D1", "D2"];

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The rows of the table: invariant id and the text of the proving-test cell.
fn rows() -> Vec<(String, String)> {
    let lib = include_str!("../src/lib.rs");
    let start = lib
        .find("//! ## Invariants")
        .expect("lib.rs has an Invariants section");
    lib[start..]
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_start_matches("//!").trim().split(" | ").collect();
            let id = cells.first()?.trim_start_matches("| ").get(..2)?.to_owned();
            INVARIANTS
                .contains(&id.as_str())
                .then(|| (id, cells.get(2).unwrap_or(&"").to_string()))
        })
        .collect()
}

/// The back-quoted spans of a cell, in order.
fn spans(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// Where a path named in the table lies: from the workspace root, then from this crate, then from its tests.
fn resolve(path: &str) -> Option<PathBuf> {
    let root = crate_dir().join("..");
    [
        root.join(path),
        crate_dir().join(path),
        crate_dir().join("tests").join(path),
    ]
    .into_iter()
    .find(|p| p.exists())
}

#[expect(
    clippy::disallowed_methods,
    reason = "the test reads the test files it checks; the library does no I/O"
)]
fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_invariant_has_one_row() {
    let ids: Vec<String> = rows().into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, INVARIANTS);
}

#[test]
fn every_named_test_and_file_exists() {
    let mut checked = 0;
    for (id, cell) in rows() {
        // Each `;`-separated part is either `file.rs`: `test`, `test`, ... or names paths.
        for part in cell.split("; ") {
            let names = spans(part);
            let Some(&first) = names.first() else {
                panic!("{id}: a proof without a named test or file: {part:?}")
            };
            let file = resolve(first).unwrap_or_else(|| panic!("{id}: {first} does not exist"));
            let text = if first.ends_with(".rs") {
                read(&file)
            } else {
                String::new()
            };
            for name in &names[1..] {
                if name.contains('/') || name.contains('.') {
                    assert!(resolve(name).is_some(), "{id}: {name} does not exist");
                } else if first.ends_with(".rs") {
                    assert!(
                        text.contains(&format!("fn {name}(")),
                        "{id}: {first} has no test {name}"
                    );
                }
                checked += 1;
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} references checked");
}

#[test]
fn the_check_sees_a_missing_test() {
    assert_eq!(spans("`a.rs`: `b`, `c`"), ["a.rs", "b", "c"]);
    assert!(resolve("governance_gates.rs").is_some());
    assert!(resolve("no_such_file.rs").is_none());
    let text = read(&resolve("governance_gates.rs").unwrap_or_default());
    assert!(text.contains("fn ai_never_approves_overrides_or_emits("));
    assert!(!text.contains("fn ai_sometimes_approves("));
}
