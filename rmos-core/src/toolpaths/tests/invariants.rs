//! Rules every planned toolpath keeps, checked over the example jobs and a job with every operation.

use super::*;

/// A job with one of every operation, valid for planning (the tool fits every feature).
fn every_operation() -> Job {
    job_with(
        1.5875,
        |c| c.stepdown_mm = 0.8,
        vec![
            Operation::RosetteChannel(RosetteChannel {
                center_mm: [250.0, 200.0],
                inner_diameter_mm: 100.0,
                outer_diameter_mm: 110.0,
                depth_mm: 1.5,
                rings: 2,
            }),
            circle_op([250.0, 200.0], 96.0, 3.0, CircleSide::Inside, 4),
            Operation::FretSlots(FretSlots {
                scale_length_mm: 648.0,
                frets: 3,
                nut_at_mm: [20.0, 350.0],
                board_width_mm: 56.0,
                slot_depth_mm: 3.0,
                kerf_mm: 1.5875,
            }),
            Operation::DrillPattern(DrillPattern {
                points_mm: vec![[50.0, 50.0], [60.0, 50.0]],
                diameter_mm: 1.5875,
                depth_mm: 3.0,
                peck_mm: 1.0,
            }),
            Operation::DrillPattern(DrillPattern {
                points_mm: vec![[50.0, 80.0]],
                diameter_mm: 6.0,
                depth_mm: 3.0,
                peck_mm: 1.0,
            }),
            Operation::RectPocket(RectPocket {
                corner_mm: [300.0, 50.0],
                size_mm: [76.0, 56.0],
                corner_radius_mm: 3.0,
                depth_mm: 2.0,
            }),
            profile_op(
                &[[10.0, 10.0], [490.0, 10.0], [490.0, 390.0], [10.0, 390.0]],
                ProfileSide::Outside,
                3.0,
                4,
            ),
        ],
    )
}

fn jobs() -> Vec<(&'static str, Job)> {
    let mut jobs = examples();
    jobs.push(("every_operation", every_operation()));
    jobs
}

#[test]
fn rapids_stay_at_the_safe_height_or_drop_straight_to_the_clearance_plane() {
    for (name, job) in jobs() {
        let tp = plan(&job).unwrap();
        let safe = job.cutting.safe_z_mm;
        let mut rapids = 0;
        for s in steps(&tp) {
            if let Move::Rapid { to } = s.mv {
                rapids += 1;
                let across = (to.xy() - s.from.xy()).norm() > 0.0;
                if across {
                    assert_eq!(
                        (s.from.z, to.z),
                        (safe, safe),
                        "{name}: rapid across below safe Z"
                    );
                } else if to.z < s.from.z {
                    assert_eq!((s.from.z, to.z), (safe, CLEARANCE_MM), "{name}: rapid descent");
                } else {
                    assert_eq!(to.z, safe, "{name}: rapid up to somewhere else");
                }
            }
        }
        assert!(rapids > 0);
        // The program starts and ends at the safe height.
        assert_eq!(steps(&tp)[0].to().z, safe, "{name}");
        assert_eq!(steps(&tp).last().unwrap().to().z, safe, "{name}");
    }
}

#[test]
fn nothing_but_drilling_goes_straight_down_into_stock() {
    let tan = RAMP_ANGLE_DEG.to_radians().tan();
    for (name, job) in jobs() {
        let tp = plan(&job).unwrap();
        for s in steps(&tp) {
            if matches!(s.mv, Move::Rapid { .. } | Move::PeckDrill { .. }) || s.dz() >= 0.0 {
                continue;
            }
            if s.to().z >= 0.0 {
                // Through the air from the clearance plane to the stock top.
                assert_eq!(s.horizontal(), 0.0, "{name}");
                assert_eq!(s.to().z, 0.0, "{name}");
                continue;
            }
            let slope = -s.dz() / s.horizontal();
            // A piece of a helix too short to print as an arc is its chord: a hair steeper.
            assert!(
                slope <= tan * (1.0 + 1e-5),
                "{name}: descent at slope {slope} to {}",
                s.to()
            );
        }
    }
}

#[test]
fn feeds_never_descend_faster_than_the_plunge_rate() {
    for (name, job) in jobs() {
        let (feed, plunge) = (job.cutting.feed_mm_min, job.cutting.plunge_mm_min);
        let tp = plan(&job).unwrap();
        for s in steps(&tp) {
            let Some(f) = s.feed() else { continue };
            assert!(f > 0.0 && f <= feed, "{name}: feed {f}");
            let length = s.horizontal().hypot(s.dz());
            if s.horizontal() == 0.0 {
                assert_eq!(f, plunge, "{name}: vertical move at {f}");
            } else if s.dz() < 0.0 {
                assert!(f * -s.dz() / length <= plunge * (1.0 + 1e-12), "{name}: Z rate");
            } else {
                assert_eq!(f, feed, "{name}: level or rising move at {f}");
            }
        }
    }
}

#[test]
fn arcs_are_at_most_half_a_turn_with_matching_radii_and_printable_chords() {
    let mut arcs = 0;
    for (name, job) in jobs() {
        let tp = plan(&job).unwrap();
        for s in steps(&tp) {
            let Move::Arc { to, center, .. } = s.mv else {
                continue;
            };
            arcs += 1;
            let (r0, r1) = ((s.from.xy() - center).norm(), (to.xy() - center).norm());
            assert!((r0 - r1).abs() < 1e-9, "{name}: radii {r0} {r1}");
            assert!(r0 < 1000.0, "{name}: radius {r0}");
            let (_, sweep) = arc_angles(s.from, *to, *center, s.clockwise());
            assert!(
                sweep.abs() <= std::f64::consts::PI + 1e-9,
                "{name}: sweep {sweep}"
            );
            assert!(
                (to.xy() - s.from.xy()).norm() >= MIN_ARC_CHORD_MM,
                "{name}: chord"
            );
        }
    }
    assert!(arcs > 100, "{arcs}");
}

#[test]
fn no_negative_zero_and_no_non_finite_numbers() {
    for (name, job) in jobs() {
        let tp = plan(&job).unwrap();
        let text = serde_json::to_string(tp.moves()).unwrap();
        assert!(
            !text.contains("-0.0,") && !text.contains("-0.0]") && !text.contains("-0.0}"),
            "{name}"
        );
        for s in steps(&tp) {
            let p = s.to();
            for v in [p.x, p.y, p.z] {
                assert!(v.is_finite(), "{name}");
                assert!(!(v == 0.0 && v.is_sign_negative()), "{name}: -0.0");
            }
        }
    }
}

#[test]
fn every_move_stays_inside_the_machine_and_above_the_spoilboard() {
    for (name, job) in jobs() {
        let tp = plan(&job).unwrap();
        let [tx, ty, _] = job.machine.travel_mm;
        for s in steps(&tp) {
            for p in s.samples(16) {
                assert!(p.x >= 0.0 && p.x <= tx, "{name}: {p}");
                assert!(p.y >= 0.0 && p.y <= ty, "{name}: {p}");
                assert!(p.z >= -job.stock.thickness_mm, "{name}: {p}");
                assert!(p.z <= job.cutting.safe_z_mm, "{name}: {p}");
            }
        }
    }
}

#[test]
fn bounds_hold_every_point_and_the_deepest_is_the_deepest_operation() {
    for (name, job) in jobs() {
        let tp = plan(&job).unwrap();
        let b = tp.bounds();
        for s in steps(&tp) {
            for p in s.samples(32) {
                assert!(b.contains(p, 1e-9), "{name}: {p} outside {b:?}");
            }
        }
        let deepest = job.operations.iter().map(Operation::depth_mm).fold(0.0, f64::max);
        assert_eq!(b.min[2], -deepest, "{name}");
        assert_eq!(b.max[2], job.cutting.safe_z_mm, "{name}");
        for span in tp.operations() {
            let depth = job.operations[span.index].depth_mm();
            assert_eq!(span.bounds.unwrap().min[2], -depth, "{name} op {}", span.index);
        }
    }
}

#[test]
fn planning_is_deterministic() {
    for (name, job) in jobs() {
        let a = plan(&job).unwrap();
        let b = plan(&job.clone()).unwrap();
        assert_eq!(a, b, "{name}");
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn each_operation_starts_with_its_marker_in_job_order() {
    let job = every_operation();
    let tp = plan(&job).unwrap();
    let markers: Vec<(usize, &str)> = tp
        .moves()
        .iter()
        .filter_map(|m| match m {
            Move::Operation { index, label } => Some((*index, label.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(markers.len(), 7);
    assert_eq!(
        markers[0],
        (0, "rosette_channel 2 rings d100.000-110.000 depth 1.500")
    );
    assert_eq!(markers[1], (1, "circle_cut d96.000 tabs 4 depth 3.000"));
    assert_eq!(markers[2], (2, "fret_slots 3 frets scale 648.000 depth 3.000"));
    assert_eq!(markers[3], (3, "drill_pattern 2 holes d1.587 depth 3.000"));
    assert_eq!(markers[5], (5, "rect_pocket 76.000 x 56.000 depth 2.000"));
    assert_eq!(markers[6], (6, "contour_profile 4 points tabs 4 depth 3.000"));
    assert!(matches!(tp.moves()[0], Move::Operation { index: 0, .. }));
}

#[test]
fn tabs_lift_the_tool_on_the_passes_below_the_tab_top() {
    // The soundhole of the guitar top: 3.0 deep in passes of 0.5, four tabs 1.0 thick (top at -2.0).
    let job = example("guitar_top");
    let tp = plan(&job).unwrap();
    let ops = op_steps(&tp, 1);
    let lifts: Vec<Step> = ops
        .iter()
        .copied()
        .filter(|s| s.horizontal() == 0.0 && s.dz() > 0.0 && s.to().z < 0.0)
        .collect();
    // Passes at -2.5 and -3.0 go below the tab top: four lifts each, all to -2.0.
    assert_eq!(lifts.len(), 8);
    assert!(lifts.iter().all(|s| s.to().z == -2.0));
    // On the last pass the lifts are a quarter turn apart.
    let c = Point2::new(280.0, 210.0);
    let angles: Vec<f64> = lifts[4..]
        .iter()
        .map(|s| (s.to().y - c.y).atan2(s.to().x - c.x))
        .collect();
    for pair in angles.windows(2) {
        let step = (pair[1] - pair[0]).rem_euclid(TAU);
        assert!((step - TAU / 4.0).abs() < 1e-9, "{angles:?}");
    }
    // Each tab top runs level for the tab length plus the tool diameter along the path.
    let first_lift = ops
        .iter()
        .position(|s| s.to() == lifts[0].to() && s.dz() > 0.0)
        .unwrap();
    let level_on_tab: f64 = ops[first_lift..]
        .iter()
        .filter(|s| s.from.z == -2.0 && s.to().z == -2.0)
        .map(Step::horizontal)
        .sum();
    let per_tab = TAB_LENGTH_MM + job.tool.diameter_mm;
    assert!((level_on_tab - 8.0 * per_tab).abs() < 1e-6, "{level_on_tab}");
    // No cutting at the final depth within a tab: the bridge stays.
    let r = 50.0 - job.tool.diameter_mm / 2.0;
    let bridge = TAB_LENGTH_MM / 2.0 / r;
    for s in ops.iter().filter(|s| s.from.z == -3.0 && s.to().z == -3.0) {
        for p in s.samples(16) {
            let a = (p.y - c.y).atan2(p.x - c.x);
            for tab in &angles {
                let off = (a - tab).rem_euclid(TAU);
                let half_span = per_tab / 2.0 / r;
                let centre_off = (off - half_span).abs();
                assert!(centre_off > bridge - 1e-9, "cut through the tab at {p}");
            }
        }
    }
}
