//! Lengths, times and bounds, worked out by hand for small toolpaths.

use super::*;
use crate::toolpaths::measure::arc_sweep;

fn one_slot(override_percent: Option<f64>) -> Job {
    let mut job = example("fretboard");
    job.cutting.stepdown_mm = 0.3;
    job.cutting.feed_override_percent = override_percent;
    job.operations = vec![Operation::FretSlots(FretSlots {
        scale_length_mm: 647.7,
        frets: 1,
        nut_at_mm: [10.0, 40.0],
        board_width_mm: 10.0,
        slot_depth_mm: 0.3,
        kerf_mm: 0.6,
    })];
    job
}

#[test]
fn one_fret_slot_by_hand() {
    let job = one_slot(None);
    let tp = plan(&job).unwrap();
    let x = 10.0 + crate::job::fret_position_mm(647.7, 1);
    let p = |y: f64, z: f64| Point3::new(x, y, z);
    let (feed, plunge): (f64, f64) = (600.0, 150.0);
    let ramp = 10.0f64.hypot(0.3);
    let ramp_feed = feed.min(plunge * ramp / 0.3);
    assert_eq!(ramp_feed, 600.0);
    let expected = vec![
        Move::Operation {
            index: 0,
            label: "fret_slots 1 frets scale 647.700 depth 0.300".to_owned(),
        },
        Move::Rapid { to: p(35.0, 3.0) },
        Move::Rapid { to: p(35.0, 1.0) },
        Move::Feed {
            to: p(35.0, 0.0),
            feed_mm_min: plunge,
        },
        Move::Feed {
            to: p(45.0, -0.3),
            feed_mm_min: ramp_feed,
        },
        Move::Feed {
            to: p(35.0, -0.3),
            feed_mm_min: feed,
        },
        Move::Rapid { to: p(35.0, 3.0) },
    ];
    assert_eq!(tp.moves(), expected.as_slice());
    // The first rapid's start is unknown: not counted.
    let rapid = 2.0 + 3.3;
    let cut = 1.0 + ramp + 10.0;
    assert!((tp.rapid_length_mm() - rapid).abs() < 1e-12);
    assert!((tp.cut_length_mm() - cut).abs() < 1e-12);
    let minutes = rapid / 10_000.0 + 1.0 / plunge + ramp / ramp_feed + 10.0 / feed;
    assert!((tp.cycle_time_s() - minutes * 60.0).abs() < 1e-9);
    // At a 50 % feed override, feeds take twice as long; rapids do not change.
    let slow = plan(&one_slot(Some(50.0))).unwrap();
    let slow_minutes = rapid / 10_000.0 + 2.0 * (minutes - rapid / 10_000.0);
    assert!((slow.cycle_time_s() - slow_minutes * 60.0).abs() < 1e-9);
    assert_eq!(
        tp.bounds(),
        Bounds {
            min: [x, 35.0, -0.3],
            max: [x, 45.0, 3.0]
        }
    );
    let span = &tp.operations()[0];
    assert_eq!(span.moves, 0..7);
    assert_eq!(span.cut_length_mm, tp.cut_length_mm());
    assert_eq!(span.cycle_time_s, tp.cycle_time_s());
}

#[test]
fn a_short_slot_zig_zags_down_at_the_ramp_angle() {
    let mut job = one_slot(None);
    job.operations = vec![Operation::FretSlots(FretSlots {
        scale_length_mm: 647.7,
        frets: 1,
        nut_at_mm: [10.0, 40.0],
        board_width_mm: 2.0,
        slot_depth_mm: 0.3,
        kerf_mm: 0.6,
    })];
    let tp = plan(&job).unwrap();
    let cuts = cutting(&steps(&tp));
    // 0.3 at tan 5° needs 3.43 mm: two legs of 2 mm (the first ends at -0.15), then level back.
    let zs: Vec<f64> = cuts.iter().map(|s| s.to().z).collect();
    assert_eq!(zs, [-0.3, -0.3]);
    let all: Vec<(f64, f64)> = steps(&tp)
        .iter()
        .filter(|s| s.feed().is_some())
        .map(|s| (s.to().y, s.to().z))
        .collect();
    assert_eq!(all, [(39.0, 0.0), (41.0, -0.15), (39.0, -0.3), (41.0, -0.3)]);
}

#[test]
fn from_moves_measures_arc_extremes_helices_and_drill_depths() {
    let job = example("guitar_top");
    let moves = vec![
        Move::Operation {
            index: 0,
            label: "hand made".to_owned(),
        },
        Move::Rapid {
            to: Point3::new(10.0, 0.0, 5.0),
        },
        Move::Feed {
            to: Point3::new(10.0, 0.0, 0.0),
            feed_mm_min: 100.0,
        },
        // Clockwise from +X all the way round to +Y: three quarters, through -Y and -X.
        Move::Arc {
            to: Point3::new(0.0, 10.0, -1.0),
            center: Point2::new(0.0, 0.0),
            clockwise: true,
            feed_mm_min: 1000.0,
        },
        Move::Rapid {
            to: Point3::new(0.0, 10.0, 5.0),
        },
        Move::Rapid {
            to: Point3::new(30.0, 10.0, 5.0),
        },
        Move::PeckDrill {
            at: Point2::new(30.0, 10.0),
            r_z: 1.0,
            bottom_z: -3.0,
            peck_mm: 1.5,
            feed_mm_min: 300.0,
        },
        Move::Operation {
            index: 1,
            label: "full circle".to_owned(),
        },
        Move::Rapid {
            to: Point3::new(40.0, 0.0, 5.0),
        },
        // Start and end the same: a full circle, as a controller reads it.
        Move::Arc {
            to: Point3::new(40.0, 0.0, 5.0),
            center: Point2::new(45.0, 0.0),
            clockwise: false,
            feed_mm_min: 500.0,
        },
    ];
    let tp = Toolpath::from_moves(moves, &job);
    assert_eq!(
        tp.bounds(),
        Bounds {
            min: [-10.0, -10.0, -3.0],
            max: [50.0, 10.0, 5.0]
        }
    );
    let helix = (1.5 * std::f64::consts::PI * 10.0).hypot(1.0);
    let full = TAU * 5.0;
    // Pecks of 1.5 over 4 mm: three pecks, out and back in after the first two (from 1.5 and 3.0
    // below the retract plane), then out from the bottom.
    let peck_rapid = 2.0 * 1.5 + 2.0 * 3.0 + 4.0;
    // From (30, 10, 5) down to the retract plane at 1.
    let peck_rapid = peck_rapid + 4.0;
    assert!((tp.cut_length_mm() - (5.0 + helix + 4.0 + full)).abs() < 1e-9);
    let rapid = 6.0 + 30.0 + peck_rapid + (10.0f64.hypot(10.0)).hypot(4.0);
    assert!(
        (tp.rapid_length_mm() - rapid).abs() < 1e-9,
        "{}",
        tp.rapid_length_mm()
    );
    let minutes = 5.0 / 100.0 + helix / 1000.0 + 4.0 / 300.0 + full / 500.0 + rapid / 10_000.0;
    assert!((tp.cycle_time_s() - minutes * 60.0).abs() < 1e-9);
    let spans = tp.operations();
    assert_eq!(spans.len(), 2);
    assert_eq!((spans[0].index, spans[0].moves.clone()), (0, 0..7));
    assert_eq!((spans[1].index, spans[1].moves.clone()), (1, 7..10));
    assert_eq!(
        spans[1].bounds,
        Some(Bounds {
            min: [30.0, -5.0, 1.0],
            max: [50.0, 10.0, 5.0]
        })
    );
    assert!((spans[0].cut_length_mm + spans[1].cut_length_mm - tp.cut_length_mm()).abs() < 1e-9);
}

#[test]
fn arc_sweeps_by_direction() {
    let c = Point2::new(0.0, 0.0);
    let (a, b) = (Point2::new(1.0, 0.0), Point2::new(0.0, 1.0));
    assert!((arc_sweep(a, b, c, false) - TAU / 4.0).abs() < 1e-12);
    assert!((arc_sweep(a, b, c, true) + 3.0 * TAU / 4.0).abs() < 1e-12);
    assert_eq!(arc_sweep(a, a, c, false), TAU);
    assert_eq!(arc_sweep(a, a, c, true), -TAU);
}

#[test]
fn an_empty_toolpath_has_zero_bounds_and_no_cost() {
    let tp = Toolpath::from_moves(Vec::new(), &example("guitar_top"));
    assert_eq!(
        tp.bounds(),
        Bounds {
            min: [0.0; 3],
            max: [0.0; 3]
        }
    );
    assert_eq!(
        (tp.cut_length_mm(), tp.rapid_length_mm(), tp.cycle_time_s()),
        (0.0, 0.0, 0.0)
    );
    assert!(tp.operations().is_empty());
}
