//! Features the planner refuses, each naming the operation and the reason.

use super::*;

/// Plans a job whose second operation is `op` (the first always plans), returning the error.
fn refuse(tool_d: f64, op: Operation) -> PlanError {
    let ok = circle_op([400.0, 300.0], 60.0, 1.0, CircleSide::Inside, 0);
    let job = job_with(tool_d, |_| {}, vec![ok, op]);
    let err = plan(&job).unwrap_err();
    assert_eq!(err.index, 1);
    err
}

#[test]
fn a_ring_narrower_than_the_tool() {
    let err = refuse(
        3.0,
        Operation::RosetteChannel(RosetteChannel {
            center_mm: [200.0, 200.0],
            inner_diameter_mm: 100.0,
            outer_diameter_mm: 110.0,
            depth_mm: 1.0,
            rings: 2,
        }),
    );
    assert_eq!(
        err.to_string(),
        "operations[1]: each of the 2 rings is 1.667 mm wide, narrower than the 3.000 mm tool"
    );
    // One ring of 5 mm takes the same tool.
    let job = job_with(
        3.0,
        |_| {},
        vec![Operation::RosetteChannel(RosetteChannel {
            center_mm: [200.0, 200.0],
            inner_diameter_mm: 100.0,
            outer_diameter_mm: 110.0,
            depth_mm: 1.0,
            rings: 1,
        })],
    );
    assert!(plan(&job).is_ok());
    // A ring exactly the tool's width is one circle: 2 rings in 100-115 mm are bands of 2.5 mm.
    let job = job_with(
        2.5,
        |_| {},
        vec![Operation::RosetteChannel(RosetteChannel {
            center_mm: [200.0, 200.0],
            inner_diameter_mm: 100.0,
            outer_diameter_mm: 115.0,
            depth_mm: 0.5,
            rings: 2,
        })],
    );
    let tp = plan(&job).unwrap();
    let radii: Vec<f64> = cutting(&steps(&tp))
        .iter()
        .map(|s| (s.to().xy() - Point2::new(200.0, 200.0)).norm())
        .collect();
    assert!(radii
        .iter()
        .all(|r| (r - 51.25).abs() < 1e-9 || (r - 56.25).abs() < 1e-9));
}

#[test]
fn a_circle_no_wider_than_the_tool() {
    let err = refuse(6.0, circle_op([200.0, 200.0], 6.0, 1.0, CircleSide::Inside, 0));
    assert_eq!(
        err.reason,
        PlanFailure::NarrowerThanTool {
            feature: "the circle".to_owned(),
            width_mm: 6.0,
            tool_mm: 6.0
        }
    );
    // Outside, the same circle is a disc the tool goes round.
    let job = job_with(
        6.0,
        |_| {},
        vec![circle_op([200.0, 200.0], 6.0, 1.0, CircleSide::Outside, 0)],
    );
    assert!(plan(&job).is_ok());
}

#[test]
fn a_fret_kerf_other_than_the_tool() {
    let slots = |kerf| {
        Operation::FretSlots(FretSlots {
            scale_length_mm: 648.0,
            frets: 2,
            nut_at_mm: [20.0, 100.0],
            board_width_mm: 56.0,
            slot_depth_mm: 1.5,
            kerf_mm: kerf,
        })
    };
    assert_eq!(
        refuse(0.6, slots(0.58)).to_string(),
        "operations[1]: slot kerf 0.580 mm needs a tool of that diameter, not 0.600 mm"
    );
    assert_eq!(
        refuse(0.6, slots(0.6 + KERF_TOLERANCE_MM + 1e-6)).reason,
        PlanFailure::KerfMismatch {
            kerf_mm: 0.6 + KERF_TOLERANCE_MM + 1e-6,
            tool_mm: 0.6
        }
    );
    let job = job_with(0.6, |_| {}, vec![slots(0.6 + KERF_TOLERANCE_MM - 1e-6)]);
    assert!(plan(&job).is_ok());
}

#[test]
fn holes_narrower_than_the_tool_or_just_too_wide_to_drill() {
    let holes = |d| {
        Operation::DrillPattern(DrillPattern {
            points_mm: vec![[100.0, 100.0]],
            diameter_mm: d,
            depth_mm: 2.0,
            peck_mm: 1.0,
        })
    };
    assert_eq!(
        refuse(3.0, holes(2.9)).reason,
        PlanFailure::NarrowerThanTool {
            feature: "the hole".to_owned(),
            width_mm: 2.9,
            tool_mm: 3.0
        }
    );
    // 3.2 is 0.2 over the tool: a helix would need at least 3 + 2 × 0.15 = 3.3.
    let err = refuse(3.0, holes(3.2));
    assert_eq!(
        err.to_string(),
        "operations[1]: hole 3.200 mm is too wide to drill with the 3.000 mm tool and too tight to \
         interpolate: make it 3.000 mm or at least 3.300 mm"
    );
    for (d, pecked) in [(2.995, true), (3.005, true), (3.3, false)] {
        let job = job_with(3.0, |_| {}, vec![holes(d)]);
        let tp = plan(&job).unwrap();
        let pecks = tp.moves().iter().any(|m| matches!(m, Move::PeckDrill { .. }));
        assert_eq!(pecks, pecked, "{d}");
    }
}

#[test]
fn pockets_and_profiles_the_tool_cannot_enter() {
    let err = refuse(
        6.0,
        Operation::RectPocket(RectPocket {
            corner_mm: [100.0, 100.0],
            size_mm: [40.0, 5.0],
            corner_radius_mm: 1.0,
            depth_mm: 1.0,
        }),
    );
    assert_eq!(
        err.to_string(),
        "operations[1]: pocket collapses when offset by 3.000 mm for the tool"
    );
    let err = refuse(
        6.0,
        profile_op(
            &[[100.0, 100.0], [140.0, 100.0], [140.0, 105.0], [100.0, 105.0]],
            ProfileSide::Inside,
            1.0,
            0,
        ),
    );
    assert_eq!(
        err.reason,
        PlanFailure::OffsetCollapsed {
            feature: "profile",
            offset_mm: 3.0
        }
    );
}

#[test]
fn outlines_that_bound_nothing() {
    let err = refuse(
        3.0,
        profile_op(
            &[[100.0, 100.0], [200.0, 200.0], [200.0, 100.0], [100.0, 150.0]],
            ProfileSide::Outside,
            1.0,
            0,
        ),
    );
    assert_eq!(err.to_string(), "operations[1]: points_mm: crosses itself");
    let err = refuse(
        3.0,
        profile_op(
            &[[100.0, 100.0], [150.0, 100.0], [200.0, 100.0]],
            ProfileSide::On,
            1.0,
            0,
        ),
    );
    assert_eq!(err.reason, PlanFailure::BadPolyline("encloses no area"));
}

#[test]
fn tabs_that_take_the_whole_path() {
    // A 20 mm circle inside with a 2 mm tool: path 2π·9 ≈ 56.5 mm; 3 tabs of 6 + 3.81 need 29.4 mm,
    // 6 tabs 58.9 mm.
    let job = job_with(
        2.0,
        |_| {},
        vec![circle_op([100.0, 100.0], 20.0, 1.0, CircleSide::Inside, 3)],
    );
    assert!(plan(&job).is_ok());
    let err = refuse(2.0, circle_op([100.0, 100.0], 20.0, 1.0, CircleSide::Inside, 6));
    match err.reason {
        PlanFailure::TabsDoNotFit {
            tabs,
            path_mm,
            needed_mm,
        } => {
            assert_eq!(tabs, 6);
            assert!((path_mm - TAU * 9.0).abs() < 1e-9);
            let flank = (1.0 / 3.0) / RAMP_ANGLE_DEG.to_radians().tan();
            assert!((needed_mm - 6.0 * (6.0 + flank)).abs() < 1e-9);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn absurd_sizes_and_steps() {
    let err = refuse(3.0, circle_op([2e5, 100.0], 20.0, 1.0, CircleSide::Inside, 0));
    assert_eq!(
        err.to_string(),
        "operations[1]: center_mm[0] is 200000 mm; the planner works within ±100000 mm"
    );
    let base = example("guitar_top");
    let mut job = base.clone();
    job.cutting.stepdown_mm = 1e-5;
    assert_eq!(
        plan(&job).unwrap_err(),
        PlanError {
            index: 0,
            reason: PlanFailure::TooManyPasses { limit: MAX_PASSES }
        }
    );
    let mut job = base;
    job.cutting.stepover = 1e-6;
    assert_eq!(
        plan(&job).unwrap_err().reason,
        PlanFailure::TooManyStepovers { limit: MAX_STEPOVERS }
    );
}
