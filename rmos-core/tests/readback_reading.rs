//! The reader's modal interpretation: units, distance modes, planes, arcs, canned cycles, block order.

use rmos_core::posts::Units;
use rmos_core::readback::{read, Plane, Reading, Segment, SegmentKind, Spindle};

fn segments(gcode: &str) -> Vec<Segment> {
    read(gcode).unwrap().segments
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn at(p: [Option<f64>; 3]) -> [f64; 3] {
    p.map(|v| v.unwrap())
}

#[test]
fn inch_programs_are_converted_to_mm() {
    let reading = read("G20 G90\nG0 X1.0 Y0.5 Z0.2\nG1 X2 F10\nG2 X3 Y1.5 I0 J1\nM30\n").unwrap();
    assert_eq!(reading.units, Some(Units::Inch));
    let [first, feed, arc] = &reading.segments[..] else {
        panic!("{:?}", reading.segments)
    };
    let to = at(first.to);
    assert_eq!(to[0], 25.4);
    assert!(close(to[1], 12.7) && close(to[2], 5.08));
    assert_eq!(at(feed.to)[0], 50.8);
    assert_eq!(feed.feed_mm_min, Some(254.0));
    // I/J are inches too: the arc's radius is 25.4 mm, its centre 25.4 mm above the start.
    let SegmentKind::Arc { radius, center, .. } = arc.kind else {
        panic!("{arc:?}")
    };
    assert!(close(radius, 25.4));
    assert!(close(center[0], 50.8) && close(center[1], 38.1));
    assert!(close(at(arc.to)[0], 76.2) && close(at(arc.to)[1], 38.1));
    // Clockwise from the bottom of the circle to its right: through the leftmost point, X 25.4.
    assert!(close(arc.min[0].unwrap(), 25.4));
}

#[test]
fn incremental_moves_accumulate_and_unknown_axes_stay_unknown() {
    let segs = segments("G21 G90\nG0 X10 Y10 Z5\nG91\nG1 X5 F100\nG1 Y-5 Z-1\nG90\nG1 X0\nM30\n");
    let ends: Vec<_> = segs.iter().map(|s| at(s.to)).collect();
    assert_eq!(
        ends,
        [
            [10.0, 10.0, 5.0],
            [15.0, 10.0, 5.0],
            [15.0, 5.0, 4.0],
            [0.0, 5.0, 4.0]
        ]
    );
    assert_eq!(segs[0].from, [None, None, None]);
    let reading = read("G21 G91\nG0 X5\nG90 G0 Y2\nM30\n").unwrap();
    assert_eq!(reading.segments[0].to, [None, None, None]);
    assert_eq!(reading.segments[1].to, [None, Some(2.0), None]);
    assert_eq!(reading.bounds, None);
}

#[test]
fn spaces_case_and_block_delete_are_read_as_controllers_do() {
    let segs = segments("g21\ng0 x 1 0 y2.5(comment)z3\n/G0 X20\nM30\n");
    assert_eq!(at(segs[0].to), [10.0, 2.5, 3.0]);
    assert_eq!(at(segs[1].to), [20.0, 2.5, 3.0]);
}

#[test]
fn arcs_in_the_zx_and_yz_planes_reach_their_extremes() {
    // G18: G2 from X0 to X10 about X5 runs under, down to Z -5 (clockwise seen from +Y).
    let segs = segments("G21 G90 G18\nG0 X0 Y0 Z0\nG2 X10 Z0 I5 K0 F100\nM30\n");
    let arc = &segs[1];
    assert!(matches!(
        arc.kind,
        SegmentKind::Arc {
            plane: Plane::G18,
            clockwise: true,
            ..
        }
    ));
    assert!(close(arc.min[2].unwrap(), -5.0) && close(arc.max[2].unwrap(), 0.0));
    assert_eq!((arc.min[1], arc.max[1]), (Some(0.0), Some(0.0)));
    assert!(close(arc.length_mm, 5.0 * std::f64::consts::PI));
    // G19: G3 from Y0 to Y10 about Y5 also runs under.
    let segs = segments("G21 G90 G19\nG0 X0 Y0 Z0\nG3 Y10 Z0 J5 K0 F100\nM30\n");
    assert!(close(segs[1].min[2].unwrap(), -5.0));
    // J on a G18 arc is off its plane.
    let reading = read("G21 G90 G18\nG0 X0 Y0 Z0\nG2 X10 Z0 I5 J0 F100\nM30\n").unwrap();
    assert_eq!(reading.findings[0].message, "line 3: J word on a G18 arc");
}

#[test]
fn r_arcs_take_the_short_way_for_positive_r_and_the_long_way_for_negative() {
    let short = segments("G21 G90\nG0 X0 Y0\nG2 X10 Y0 R10 F100\nM30\n");
    let SegmentKind::Arc {
        center, sweep_deg, ..
    } = short[1].kind
    else {
        panic!()
    };
    assert!(close(center[0], 5.0) && close(center[1], -(75f64.sqrt())));
    assert!(close(sweep_deg, 60.0));
    let long = segments("G21 G90\nG0 X0 Y0\nG2 X10 Y0 R-10 F100\nM30\n");
    let SegmentKind::Arc { sweep_deg, .. } = long[1].kind else {
        panic!()
    };
    assert!(close(sweep_deg, 300.0));
    assert!(close(long[1].max[1].unwrap(), 10.0 + 75f64.sqrt()));
}

#[test]
fn full_circles_helices_turns_and_absolute_centres() {
    let segs = segments("G21 G90\nG0 X10 Y0 Z0\nG2 X10 Y0 Z-1 I5 J0 F100\nM30\n");
    let helix = &segs[1];
    assert_eq!((helix.min[0], helix.max[0]), (Some(10.0), Some(20.0)));
    assert_eq!((helix.min[1], helix.max[1]), (Some(-5.0), Some(5.0)));
    assert_eq!((helix.min[2], helix.max[2]), (Some(-1.0), Some(0.0)));
    assert!(close(helix.length_mm, (10.0 * std::f64::consts::PI).hypot(1.0)));
    let turns = segments("G21 G90\nG0 X10 Y0 Z0\nG3 X10 Y0 I5 J0 P3 F100\nM30\n");
    let SegmentKind::Arc { sweep_deg, .. } = turns[1].kind else {
        panic!()
    };
    assert!(close(sweep_deg, 1080.0));
    let absolute = segments("G21 G90 G90.1\nG0 X10 Y0\nG3 X0 Y10 I0 J0 F100\nM30\n");
    let SegmentKind::Arc { center, radius, .. } = absolute[1].kind else {
        panic!()
    };
    assert_eq!((center[0], center[1], radius), (0.0, 0.0, 10.0));
}

#[test]
fn canned_cycles_retract_to_r_with_g99_and_to_the_initial_level_with_g98() {
    let reading =
        read("G21 G90\nM3 S24000\nG0 Z10\nG0 X10 Y10\nG99 G81 X10 Y10 Z-1 R2 F100\nX20\nG98 X30\nG80\nM30\n")
            .unwrap();
    let drills: Vec<_> = reading
        .segments
        .iter()
        .filter_map(|s| match s.kind {
            SegmentKind::Drill {
                cycle, r_z, bottom_z, ..
            } => Some((s.line, cycle, r_z, bottom_z, at(s.to))),
            _ => None,
        })
        .collect();
    assert_eq!(
        drills,
        [
            (5, 81, 2.0, -1.0, [10.0, 10.0, 2.0]),
            (6, 81, 2.0, -1.0, [20.0, 10.0, 2.0]),
            (7, 81, 2.0, -1.0, [30.0, 10.0, 10.0]),
        ]
    );
    let rapids: Vec<_> = reading
        .segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Rapid && s.line >= 5)
        .map(|s| (s.line, at(s.from), at(s.to)))
        .collect();
    assert_eq!(
        rapids,
        [
            (5, [10.0, 10.0, 10.0], [10.0, 10.0, 2.0]),
            (6, [10.0, 10.0, 2.0], [20.0, 10.0, 2.0]),
            (7, [20.0, 10.0, 2.0], [30.0, 10.0, 2.0]),
        ]
    );
    assert_eq!(reading.stats.drill_holes, 3);
    assert_eq!(reading.deepest_z, Some(-1.0));
}

#[test]
fn incremental_canned_cycles_repeat_with_l() {
    let reading =
        read("G21 G90\nM3 S24000\nG0 X0 Y0 Z5\nG91 G99 G83 X10 Y0 Z-3 R-4 Q1 L3 F100\nG90 G80\nM30\n")
            .unwrap();
    let holes: Vec<_> = reading
        .segments
        .iter()
        .filter_map(|s| match s.kind {
            SegmentKind::Drill {
                r_z,
                bottom_z,
                peck_mm,
                ..
            } => Some((at(s.from), r_z, bottom_z, peck_mm)),
            _ => None,
        })
        .collect();
    assert_eq!(
        holes,
        [
            ([10.0, 0.0, 1.0], 1.0, -2.0, Some(1.0)),
            ([20.0, 0.0, 1.0], 1.0, -2.0, Some(1.0)),
            ([30.0, 0.0, 1.0], 1.0, -2.0, Some(1.0)),
        ]
    );
    let bounds = reading.bounds.unwrap();
    assert_eq!((bounds.min, bounds.max), ([0.0, 0.0, -2.0], [30.0, 0.0, 5.0]));
}

#[test]
fn block_order_spindle_before_motion_and_end_after() {
    let reading =
        read("G21 G90\nG0 Z5\nM3 S1000 G1 Z1 F100\nG1 Z0 M5\nG1 Z-1 M4\nM30 G0 Z5\nG0 Z6\n").unwrap();
    let spindles: Vec<_> = reading.segments.iter().map(|s| s.spindle).collect();
    assert_eq!(
        spindles,
        [
            Spindle::Off,
            Spindle::Clockwise { rpm: 1000.0 },
            Spindle::Off,
            Spindle::CounterClockwise { rpm: 1000.0 },
            Spindle::CounterClockwise { rpm: 1000.0 },
            Spindle::Off,
        ]
    );
    let coolant = read("G21 G90\nG0 Z5\nM8\nG0 Z6\nM9 G0 Z7\nM7\nM30\nG0 Z8\n").unwrap();
    let states: Vec<_> = coolant.segments.iter().map(|s| s.coolant).collect();
    assert_eq!(states, [false, true, false, false]);
    // Lines after the program end are still read: a streaming sender keeps sending them.
    assert_eq!(reading.program_end, Some(6));
    assert_eq!(reading.segments.last().unwrap().line, 7);
}

#[test]
fn modal_motion_feed_and_counts() {
    let reading: Reading =
        read("G21 G90\nG0 X0 Y0 Z5\nG1 Z-1 F100\nX30\nY40\nG0 Z5\nX0 Y0\nT2 M6\nM30\n").unwrap();
    let kinds: Vec<_> = reading
        .segments
        .iter()
        .map(|s| (s.line, s.kind == SegmentKind::Feed))
        .collect();
    assert_eq!(
        kinds,
        [
            (2, false),
            (3, true),
            (4, true),
            (5, true),
            (6, false),
            (7, false)
        ]
    );
    assert!(reading.segments[1..4]
        .iter()
        .all(|s| s.feed_mm_min == Some(100.0)));
    let stats = reading.stats;
    assert_eq!(
        (
            stats.lines,
            stats.rapid_moves,
            stats.feed_moves,
            stats.tool_changes
        ),
        (9, 3, 3, 1)
    );
    assert!(close(stats.feed_length_mm, 6.0 + 30.0 + 40.0));
    assert!(close(stats.rapid_length_mm, 6.0 + 50.0));
}

#[test]
fn blocks_the_reader_cannot_place_are_skipped_and_lose_the_position() {
    let reading = read("G21 G90\nG0 X1 Y1 Z5\nG38.2 Z-5 F10\nG0 X2\nG28\nG0 Z3\nM30\n").unwrap();
    assert_eq!(reading.skipped_lines, [3, 5]);
    assert_eq!(reading.segments[1].from, [Some(1.0), Some(1.0), None]);
    assert_eq!(reading.segments[2].from, [None, None, None]);
}

#[test]
fn a_rosette_channel_program_reads_as_planned_and_passes_its_job() {
    // Ø106 inner wall about (280, 210), Ø1.5875 tool: the tool centre runs at radius 53.794, two passes.
    let program = "G21 G90 G17\nM3 S18000\nG0 Z5.\nG0 X333.794 Y210.\nG0 Z1.\nG1 Z-0.45 F300\n\
                   G2 X333.794 Y210. I-53.794 J0. F1200\nG1 Z-0.9 F300\nG2 X333.794 Y210. I-53.794 J0. F1200\n\
                   G0 Z5.\nM5\nM30\n";
    let reading = read(program).unwrap();
    assert!(reading.findings.is_empty(), "{:?}", reading.findings);
    let bounds = reading.bounds.unwrap();
    let expected_min = [226.206, 156.206, -0.9];
    let expected_max = [333.794, 263.794, 5.0];
    for axis in 0..3 {
        assert!((bounds.min[axis] - expected_min[axis]).abs() < 1e-9, "{bounds:?}");
        assert!((bounds.max[axis] - expected_max[axis]).abs() < 1e-9, "{bounds:?}");
    }
    assert_eq!(reading.deepest_z, Some(-0.9));
    assert_eq!((reading.stats.arc_moves, reading.stats.feed_moves), (2, 2));
    let job = rmos_core::job::Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).unwrap();
    for post in rmos_core::posts::Post::ALL {
        let report = rmos_core::readback::check_for(program, &job, post);
        assert!(report.findings.is_empty(), "{post}: {:?}", report.findings);
        assert_eq!(report.bounds, reading.bounds);
    }
}
