//! The public geometry of toolpaths: fret positions against the spec's table, bounds and move ends,
//! and the planner's error messages. (Planning itself is reached only through an approval; its
//! tests live beside the planners.)

use nalgebra::{Point2, Point3};
use rmos_core::job::fret_position_mm;
use rmos_core::toolpaths::{Bounds, Move, PlanError, PlanFailure};

/// gcode.md, "Geometry facts": d_n = L − L / 2^(n/12), to three decimals.
const TABLE: [(f64, u32, f64); 12] = [
    (647.7, 1, 36.353),
    (647.7, 5, 162.473),
    (647.7, 12, 323.850),
    (647.7, 19, 431.556),
    (647.7, 22, 465.945),
    (647.7, 24, 485.775),
    (628.65, 1, 35.283),
    (628.65, 12, 314.325),
    (628.65, 22, 452.241),
    (650.0, 1, 36.482),
    (650.0, 12, 325.000),
    (650.0, 22, 467.600),
];

#[test]
fn fret_positions_match_the_spec_table() {
    for (scale, n, d) in TABLE {
        let got = fret_position_mm(scale, n);
        assert!((got - d).abs() <= 0.0005, "L {scale} fret {n}: {got:.6} vs {d}");
        // Worked out another way: the 12th root of 2, raised n times.
        let ratio = (0..n).fold(1.0, |r, _| r * 2f64.powf(1.0 / 12.0));
        assert!((got - (scale - scale / ratio)).abs() < 1e-9);
    }
    // The octave is exactly half the scale; the nut is fret 0.
    assert_eq!(fret_position_mm(647.7, 12), 647.7 / 2.0);
    assert_eq!(fret_position_mm(647.7, 0), 0.0);
}

#[test]
fn the_rule_of_18_would_miss_the_table() {
    // The 17.817 divisor accumulates error: by fret 22 it is 0.0024 mm off, outside the table's 0.0005.
    let mut remaining: f64 = 647.7;
    let mut d: f64 = 0.0;
    for _ in 0..22 {
        let step = remaining / 17.817;
        d += step;
        remaining -= step;
    }
    assert!((d - 465.945).abs() > 0.002, "{d}");
    assert!((fret_position_mm(647.7, 22) - 465.945).abs() <= 0.0005);
}

#[test]
fn bounds_grow_to_hold_points_and_other_bounds() {
    let mut b = Bounds::at(Point3::new(1.0, 2.0, 3.0));
    assert_eq!(
        b,
        Bounds {
            min: [1.0, 2.0, 3.0],
            max: [1.0, 2.0, 3.0]
        }
    );
    b.include(Point3::new(-1.0, 5.0, 0.0));
    assert_eq!(b.min, [-1.0, 2.0, 0.0]);
    assert_eq!(b.max, [1.0, 5.0, 3.0]);
    b.union(&Bounds {
        min: [0.0, 0.0, -4.0],
        max: [9.0, 1.0, 0.0],
    });
    assert_eq!(b.min, [-1.0, 0.0, -4.0]);
    assert_eq!(b.max, [9.0, 5.0, 3.0]);
    assert!(b.contains(Point3::new(9.0, 5.0, -4.0), 0.0));
    assert!(!b.contains(Point3::new(9.0, 5.0, -4.1), 0.0));
    assert!(b.contains(Point3::new(9.0, 5.0, -4.1), 0.1 + 1e-12));
    assert!(!b.contains(Point3::new(-1.001, 0.0, 0.0), 0.0));
}

#[test]
fn each_move_ends_where_the_tool_is_left() {
    let p = Point3::new(1.0, 2.0, -0.5);
    assert_eq!(Move::Rapid { to: p }.end(), Some(p));
    assert_eq!(
        Move::Feed {
            to: p,
            feed_mm_min: 100.0
        }
        .end(),
        Some(p)
    );
    assert_eq!(
        Move::Arc {
            to: p,
            center: Point2::new(0.0, 0.0),
            clockwise: true,
            feed_mm_min: 100.0
        }
        .end(),
        Some(p)
    );
    let hole = Move::PeckDrill {
        at: Point2::new(4.0, 5.0),
        r_z: 1.0,
        bottom_z: -6.0,
        peck_mm: 2.0,
        feed_mm_min: 300.0,
    };
    assert_eq!(hole.end(), Some(Point3::new(4.0, 5.0, 1.0)));
    assert_eq!(
        Move::Operation {
            index: 0,
            label: "rosette_channel".to_owned()
        }
        .end(),
        None
    );
}

#[test]
fn plan_errors_name_the_operation_and_read_as_lower_case_phrases() {
    let reasons = [
        PlanFailure::NarrowerThanTool {
            feature: "each of the 2 rings".to_owned(),
            width_mm: 2.5,
            tool_mm: 3.0,
        },
        PlanFailure::KerfMismatch {
            kerf_mm: 0.58,
            tool_mm: 0.6,
        },
        PlanFailure::HoleSize {
            diameter_mm: 3.2,
            tool_mm: 3.0,
            min_helix_mm: 3.3,
        },
        PlanFailure::OffsetCollapsed {
            feature: "pocket",
            offset_mm: 3.0,
        },
        PlanFailure::BadPolyline("crosses itself"),
        PlanFailure::TabsDoNotFit {
            tabs: 6,
            path_mm: 56.5,
            needed_mm: 58.9,
        },
        PlanFailure::OutOfRange {
            field: "center_mm[0]",
            value: 2e5,
            limit: 1e5,
        },
        PlanFailure::TooManyPasses { limit: 10_000 },
        PlanFailure::TooManyStepovers { limit: 10_000 },
        PlanFailure::TooManyMoves { limit: 1_000_000 },
    ];
    let expected = [
        "operations[3]: each of the 2 rings is 2.500 mm wide, narrower than the 3.000 mm tool",
        "operations[3]: slot kerf 0.580 mm needs a tool of that diameter, not 0.600 mm",
        "operations[3]: hole 3.200 mm is too wide to drill with the 3.000 mm tool and too tight to \
         interpolate: make it 3.000 mm or at least 3.300 mm",
        "operations[3]: pocket collapses when offset by 3.000 mm for the tool",
        "operations[3]: points_mm: crosses itself",
        "operations[3]: 6 tabs need 58.900 mm of a 56.500 mm tool path",
        "operations[3]: center_mm[0] is 200000 mm; the planner works within ±100000 mm",
        "operations[3]: depth needs more than 10000 passes at this stepdown",
        "operations[3]: the width needs more than 10000 step-overs at this stepover",
        "operations[3]: the toolpath would exceed 1000000 moves",
    ];
    for (reason, text) in reasons.into_iter().zip(expected) {
        let err = PlanError { index: 3, reason };
        let message = err.to_string();
        assert_eq!(message, text);
        assert!(!message.ends_with('.'));
        let after = message.trim_start_matches("operations[3]: ");
        assert!(!after.starts_with(char::is_uppercase), "{message}");
    }
}
