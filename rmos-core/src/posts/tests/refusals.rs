//! The refusals every post makes: bad feeds, coordinates, rapids into the stock, arcs, holes and context.

use super::support::*;
use crate::posts::{emit, Post, PostError, Units, MAX_COORD_MM};

#[test]
fn feeds_must_be_positive_finite_and_not_round_to_zero() {
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, -0.0] {
        let moves = vec![rapid(0.0, 0.0, 5.0), feed(0.0, 0.0, -1.0, bad)];
        match emit(Post::Grbl, &moves, &ctx()) {
            Err(PostError::BadFeed { index: 1, value }) => assert!(value.is_nan() || value == bad),
            other => panic!("{bad}: {other:?}"),
        }
    }
    // 0.001 mm/min is F0.001 in mm but F0.0000 in inches: refused there.
    let moves = vec![rapid(0.0, 0.0, 5.0), feed(0.0, 0.0, -1.0, 0.001)];
    assert!(emit(Post::Grbl, &moves, &ctx()).unwrap().contains("F0.001\n"));
    let mut c = ctx();
    c.units = Units::Inch;
    assert!(matches!(
        emit(Post::Grbl, &moves, &c),
        Err(PostError::BadFeed { index: 1, .. })
    ));
    // The same check on arcs and holes.
    let moves = vec![rapid(1.0, 0.0, 5.0), arc([-1.0, 0.0, 5.0], [0.0, 0.0], true, 0.0)];
    assert!(matches!(
        emit(Post::Grbl, &moves, &ctx()),
        Err(PostError::BadFeed { index: 1, .. })
    ));
    let moves = vec![peck(0.0, 0.0, 1.0, -1.0, 0.5, -5.0)];
    assert!(matches!(
        emit(Post::LinuxCnc, &moves, &ctx()),
        Err(PostError::BadFeed { index: 0, .. })
    ));
    let err = emit(Post::Grbl, &[feed(0.0, 0.0, 1.0, 0.0)], &ctx()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "moves[0].feed_mm_min: must be a positive finite feed that is not F0 once rounded, got 0"
    );
}

#[test]
fn coordinates_must_be_finite_and_in_range() {
    let cases: Vec<(Vec<_>, &str)> = vec![
        (vec![rapid(f64::NAN, 0.0, 5.0)], "to.x"),
        (vec![feed(0.0, f64::INFINITY, 5.0, 100.0)], "to.y"),
        (vec![rapid(0.0, 0.0, f64::NEG_INFINITY)], "to.z"),
        (
            vec![
                rapid(1.0, 0.0, 5.0),
                arc([-1.0, 0.0, 5.0], [f64::NAN, 0.0], true, 100.0),
            ],
            "center.x",
        ),
        (vec![peck(0.0, f64::NAN, 1.0, -1.0, 0.5, 100.0)], "at.y"),
        (vec![peck(0.0, 0.0, f64::NAN, -1.0, 0.5, 100.0)], "r_z"),
    ];
    for (moves, field) in cases {
        match emit(Post::LinuxCnc, &moves, &ctx()) {
            Err(PostError::NonFinite { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert!(emit(Post::Grbl, &[rapid(MAX_COORD_MM, 0.0, 5.0)], &ctx()).is_ok());
    assert_eq!(
        emit(Post::Grbl, &[rapid(MAX_COORD_MM + 0.001, 0.0, 5.0)], &ctx()),
        Err(PostError::OutOfRange {
            index: 0,
            field: "to.x",
            value: MAX_COORD_MM + 0.001,
            limit: MAX_COORD_MM
        })
    );
    let moves = vec![rapid(0.0, 0.0, 5.0), feed(1.0, 0.0, 5.0, 1.0e6 + 1.0)];
    assert!(matches!(
        emit(Post::Grbl, &moves, &ctx()),
        Err(PostError::OutOfRange {
            index: 1,
            field: "feed_mm_min",
            ..
        })
    ));
}

#[test]
fn rapids_never_go_below_the_stock_top() {
    assert!(emit(Post::Grbl, &[rapid(0.0, 0.0, 0.0)], &ctx()).is_ok());
    // -0.0004 rounds to Z0.000, what the controller reads.
    let program = emit(Post::Grbl, &[rapid(0.0, 0.0, -0.0004)], &ctx()).unwrap();
    assert!(program.contains("G0 X0.000 Y0.000 Z0.000\n"));
    assert_eq!(
        emit(Post::Grbl, &[rapid(0.0, 0.0, -0.001)], &ctx()),
        Err(PostError::RapidIntoStock {
            index: 0,
            field: "to.z",
            z_mm: -0.001
        })
    );
    assert!(matches!(
        emit(Post::Fanuc, &[peck(0.0, 0.0, -0.5, -3.0, 1.0, 100.0)], &ctx()),
        Err(PostError::RapidIntoStock { field: "r_z", .. })
    ));
}

#[test]
fn arcs_need_a_start_and_matching_radii() {
    assert_eq!(
        emit(
            Post::Grbl,
            &[arc([1.0, 0.0, 5.0], [0.0, 0.0], true, 100.0)],
            &ctx()
        ),
        Err(PostError::ArcWithoutStart { index: 0 })
    );
    // Radii 10 and 10.0009: accepted; 10 and 10.0011: refused.
    let ok = vec![
        rapid(10.0, 0.0, 5.0),
        arc([-10.0009, 0.0, 5.0], [0.0, 0.0], true, 100.0),
    ];
    assert!(emit(Post::Grbl, &ok, &ctx()).is_ok());
    let bad = vec![
        rapid(10.0, 0.0, 5.0),
        arc([-10.0011, 0.0, 5.0], [0.0, 0.0], true, 100.0),
    ];
    match emit(Post::Grbl, &bad, &ctx()) {
        Err(PostError::ArcRadiusMismatch {
            index: 1,
            start_radius_mm,
            end_radius_mm,
            tolerance_mm,
        }) => {
            assert_eq!((start_radius_mm, tolerance_mm), (10.0, 0.001));
            assert!((end_radius_mm - 10.0011).abs() < 1e-12);
        }
        other => panic!("{other:?}"),
    }
    // A radius below one output step (0.001 mm) is refused.
    let tiny = vec![
        rapid(0.0, 0.0, 5.0),
        arc([0.0, 0.0, 5.0], [0.0009, 0.0], true, 100.0),
    ];
    assert!(matches!(
        emit(Post::Grbl, &tiny, &ctx()),
        Err(PostError::DegenerateArc { index: 1, .. })
    ));
    let small = vec![
        rapid(0.0, 0.0, 5.0),
        arc([0.0, 0.0, 5.0], [0.001, 0.0], true, 100.0),
    ];
    assert!(emit(Post::Grbl, &small, &ctx())
        .unwrap()
        .contains("G2 X0.000 Y0.000 I0.001 J0.000 F100\n"));
}

#[test]
fn holes_must_go_down_in_a_bounded_number_of_pecks() {
    let err = |m| emit(Post::Grbl, &[m], &ctx()).unwrap_err();
    assert_eq!(
        err(peck(0.0, 0.0, 1.0, 1.0, 0.5, 100.0)).to_string(),
        "moves[0].bottom_z: must be below r_z (1), got 1"
    );
    assert!(matches!(
        err(peck(0.0, 0.0, 1.0, -1.0, 0.0, 100.0)),
        PostError::BadDrill { field: "peck_mm", .. }
    ));
    assert!(matches!(
        err(peck(0.0, 0.0, 1.0, -1.0, f64::NAN, 100.0)),
        PostError::BadDrill { field: "peck_mm", .. }
    ));
    // 10 000 pecks are accepted, 10 001 refused.
    assert!(emit(
        Post::LinuxCnc,
        &[peck(0.0, 0.0, 0.0, -10.0, 0.001, 100.0)],
        &ctx()
    )
    .is_ok());
    assert_eq!(
        err(peck(0.0, 0.0, 0.0, -10.001, 0.001, 100.0)).to_string(),
        "moves[0].peck_mm: 10001 pecks to reach the bottom, at most 10000"
    );
}

#[test]
fn the_context_is_checked() {
    let check = |edit: &dyn Fn(&mut crate::posts::EmitContext), post, field: &str| {
        let mut c = ctx();
        edit(&mut c);
        match emit(post, &demo_moves(), &c) {
            Err(PostError::BadContext { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    };
    check(&|c| c.spindle_rpm = 0.0, Post::Grbl, "spindle_rpm");
    check(&|c| c.spindle_rpm = f64::NAN, Post::Grbl, "spindle_rpm");
    check(&|c| c.spindle_dwell_s = Some(0.0), Post::Grbl, "spindle_dwell_s");
    check(
        &|c| c.spindle_dwell_s = Some(601.0),
        Post::Grbl,
        "spindle_dwell_s",
    );
    check(&|c| c.safe_z_mm = 0.0, Post::Grbl, "safe_z_mm");
    check(&|c| c.safe_z_mm = 0.0004, Post::Grbl, "safe_z_mm");
    check(&|c| c.tool.number = 0, Post::LinuxCnc, "tool.number");
    check(&|c| c.tool.diameter_mm = -3.0, Post::Mach3, "tool.diameter_mm");
    check(&|c| c.program_number = 0, Post::Fanuc, "program_number");
    check(&|c| c.program_number = 10_000, Post::Fanuc, "program_number");
    // The program number only matters to Fanuc; the smallest dwell and safe height are accepted.
    let mut c = ctx();
    c.program_number = 0;
    c.spindle_dwell_s = Some(0.001);
    c.safe_z_mm = 0.001;
    let program = emit(Post::Grbl, &demo_moves(), &c).unwrap();
    assert!(program.contains("\nG0 Z0.001\nM3 S18000\nG4 P0.001\n"));
    assert_eq!(emit(Post::Grbl, &[], &ctx()), Err(PostError::NoMoves));
}
