//! Whole programs compared against the files in `tests/golden/posts/`, one per motion list, dialect and
//! units: `<list>.<post>.<units>.nc`.
//!
//! After an intended change to the output (or a version bump, which changes the engine stamps in every
//! header), rewrite the files and review the diff:
//!
//! ```text
//! RMOS_BLESS=1 cargo test -p rmos-core --lib posts::tests::golden
//! ```
//!
//! The test fails on a missing file and on a file no case produces, so the folder holds exactly the
//! programs the cases make.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::support::*;
use crate::posts::{emit, Post, Units};
use crate::toolpaths::Move;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/posts")
}

#[expect(
    clippy::disallowed_methods,
    reason = "tests may read the environment; the library never does"
)]
fn blessing() -> bool {
    std::env::var("RMOS_BLESS").is_ok_and(|v| v == "1")
}

/// Fret slots across a 56 mm board for a 647.7 mm scale, frets 1 to 22, nut at x = 20 (d_n = L − L / 2^(n/12)).
fn fret_slots() -> Vec<Move> {
    let scale = 647.7;
    let mut moves = vec![operation(0, "fret_slots: 22 frets, scale 647.7 mm")];
    for n in 1..=22 {
        let x = 20.0 + scale - scale / 2f64.powf(f64::from(n) / 12.0);
        moves.push(rapid(x, 72.0, 5.0));
        moves.push(rapid(x, 72.0, 1.0));
        moves.push(feed(x, 72.0, -1.8, 300.0));
        moves.push(feed(x, 128.0, -1.8, 1000.0));
        moves.push(rapid(x, 128.0, 5.0));
    }
    moves
}

/// Rosette rings as full circles in two passes each, and a helical entry for the last ring.
fn rosette() -> Vec<Move> {
    let (cx, cy) = (250.0, 200.0);
    let mut moves = vec![operation(0, "rosette_channel (rings 50, 52.5 mm)")];
    for r in [50.0, 52.5] {
        moves.push(rapid(cx + r, cy, 5.0));
        moves.push(rapid(cx + r, cy, 1.0));
        for z in [-0.45, -0.9] {
            moves.push(feed(cx + r, cy, z, 300.0));
            moves.push(arc([cx + r, cy, z], [cx, cy], false, 1200.0));
        }
        moves.push(rapid(cx + r, cy, 5.0));
    }
    let r = 55.0;
    moves.push(operation(1, "helical ring 55 mm"));
    moves.push(rapid(cx + r, cy, 1.0));
    moves.push(feed(cx + r, cy, 0.0, 300.0));
    moves.push(arc([cx - r, cy, -0.45], [cx, cy], true, 1000.0));
    moves.push(arc([cx + r, cy, -0.9], [cx, cy], true, 1000.0));
    moves.push(arc([cx + r, cy, -0.9], [cx, cy], true, 1000.0));
    moves.push(rapid(cx + r, cy, 5.0));
    moves
}

/// A 3 × 2 grid of 3 mm deep holes in 1 mm pecks.
fn drill_grid() -> Vec<Move> {
    let mut moves = vec![operation(0, "drill_pattern: 6 holes")];
    for j in 0..2 {
        for i in 0..3 {
            moves.push(peck(
                50.0 + 12.5 * f64::from(i),
                50.0 + 10.0 * f64::from(j),
                1.0,
                -3.0,
                1.0,
                150.0,
            ));
        }
    }
    moves
}

/// Every (file name, program) the cases produce.
fn programs() -> Vec<(String, String)> {
    let lists: [(&str, Vec<Move>, &[Units]); 4] = [
        ("demo", demo_moves(), &[Units::Mm, Units::Inch]),
        ("fret_slots", fret_slots(), &[Units::Mm]),
        ("rosette", rosette(), &[Units::Mm, Units::Inch]),
        ("drill_grid", drill_grid(), &[Units::Mm]),
    ];
    let mut out = Vec::new();
    for (name, moves, units) in &lists {
        for post in Post::ALL {
            for &u in *units {
                let mut c = ctx();
                c.units = u;
                c.coolant = *name == "drill_grid";
                let program = emit(post, moves, &c).unwrap_or_else(|e| panic!("{name} {post}: {e}"));
                out.push((format!("{name}.{post}.{}.nc", u.label()), program));
            }
        }
    }
    out
}

#[test]
#[expect(
    clippy::disallowed_methods,
    reason = "the test reads and writes its golden files; the library does no I/O"
)]
fn programs_match_their_golden_files() {
    let dir = golden_dir();
    let programs = programs();
    if blessing() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "nc") {
                std::fs::remove_file(path).unwrap();
            }
        }
        for (name, program) in &programs {
            std::fs::write(dir.join(name), program).unwrap();
        }
        return;
    }
    let mut failures = Vec::new();
    for (name, program) in &programs {
        let path = dir.join(name);
        let Ok(golden) = std::fs::read_to_string(&path) else {
            failures.push(format!("{name}: missing (RMOS_BLESS=1 writes it)"));
            continue;
        };
        if golden != *program {
            let line = golden
                .lines()
                .zip(program.lines())
                .position(|(g, p)| g != p)
                .map_or_else(
                    || "length differs".to_owned(),
                    |i| {
                        format!(
                            "line {}: golden {:?}, emitted {:?}",
                            i + 1,
                            golden.lines().nth(i).unwrap_or(""),
                            program.lines().nth(i).unwrap_or("")
                        )
                    },
                );
            failures.push(format!("{name}: {line}"));
        }
    }
    let produced: BTreeSet<&str> = programs.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".nc") && !produced.contains(name.as_str()) {
            failures.push(format!("{name}: no case produces it (RMOS_BLESS=1 removes it)"));
        }
    }
    assert!(
        failures.is_empty(),
        "golden programs differ (after an intended change: RMOS_BLESS=1 cargo test -p rmos-core --lib posts::tests::golden):\n{}",
        failures.join("\n")
    );
}

#[test]
fn golden_fret_positions_are_the_equal_tempered_ones() {
    // d_1 = 36.353, d_12 = 323.850, d_22 = 465.945 for L = 647.7 (spec/gcode.md), plus the nut at x = 20.
    let program = emit(Post::Grbl, &fret_slots(), &ctx()).unwrap();
    for x in ["X56.353", "X343.850", "X485.945"] {
        assert!(program.contains(&format!("G0 {x} Y72.000\n")), "{x}");
    }
}
