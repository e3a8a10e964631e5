//! Positions, radii and walls checked against figures worked out here or given by the spec.

use super::*;

fn fret_job(scale: f64, frets: u32) -> Job {
    let mut job = example("fretboard");
    job.operations = vec![Operation::FretSlots(FretSlots {
        scale_length_mm: scale,
        frets,
        nut_at_mm: [10.0, 40.0],
        board_width_mm: 56.0,
        slot_depth_mm: 1.8,
        kerf_mm: 0.6,
    })];
    job
}

/// The X of every slot, in cutting order.
fn slot_xs(tp: &Toolpath) -> Vec<f64> {
    let mut xs: Vec<f64> = Vec::new();
    for s in cutting(&steps(tp)) {
        if xs.last() != Some(&s.to().x) {
            xs.push(s.to().x);
        }
    }
    xs
}

#[test]
fn fret_slots_sit_at_the_spec_table_positions() {
    // gcode.md: "Fret n from the nut: d_n = L − L / 2^(n/12)".
    let table: [(f64, &[(u32, f64)]); 3] = [
        (
            647.7,
            &[
                (1, 36.353),
                (5, 162.473),
                (12, 323.850),
                (19, 431.556),
                (22, 465.945),
                (24, 485.775),
            ],
        ),
        (628.65, &[(1, 35.283), (12, 314.325), (22, 452.241)]),
        (650.0, &[(1, 36.482), (12, 325.000), (22, 467.600)]),
    ];
    for (scale, rows) in table {
        let tp = plan(&fret_job(scale, 24)).unwrap();
        let xs = slot_xs(&tp);
        assert_eq!(xs.len(), 24, "scale {scale}");
        for (n, x) in xs.iter().enumerate() {
            let n = n as f64 + 1.0;
            // Worked out here: the nut is at x = 10; 2^(-n/12) from exp2.
            let expected = 10.0 + scale * (1.0 - (-n / 12.0).exp2());
            assert!(
                (x - expected).abs() < 1e-9,
                "scale {scale} fret {n}: {x} vs {expected}"
            );
        }
        for &(n, d) in rows {
            let x = xs[n as usize - 1] - 10.0;
            assert!(
                (x - d).abs() <= 0.0005,
                "scale {scale} fret {n}: {x:.6} vs table {d}"
            );
        }
    }
}

#[test]
fn fret_slots_cross_the_board_at_the_kerf_depth() {
    let job = example("fretboard");
    let tp = plan(&job).unwrap();
    let cuts = cutting(&steps(&tp));
    let ys: Vec<f64> = cuts.iter().map(|s| s.to().y).collect();
    // nut_y 40, board 56 wide: from 12 to 68, exactly.
    assert_eq!(ys.iter().copied().fold(f64::INFINITY, f64::min), 12.0);
    assert_eq!(ys.iter().copied().fold(f64::NEG_INFINITY, f64::max), 68.0);
    assert!(
        cuts.iter().all(|s| s.from.x == s.to().x),
        "slots run along Y only"
    );
    assert_eq!(tp.bounds().min[2], -1.8);
    assert_eq!(slot_xs(&tp).len(), 20);
    // Six passes of 0.3 per slot, each down along the slot and back level.
    let first_slot: Vec<_> = cuts.iter().filter(|s| s.to().x == slot_xs(&tp)[0]).collect();
    let levels: Vec<f64> = first_slot
        .iter()
        .filter(|s| s.dz() == 0.0)
        .map(|s| s.to().z)
        .collect();
    let expected: Vec<f64> = (1..=6)
        .map(|k| if k == 6 { -1.8 } else { -1.8 * k as f64 / 6.0 })
        .collect();
    assert_eq!(levels, expected);
}

#[test]
fn rosette_ring_walls_are_exact() {
    let job = example("guitar_top");
    let tp = plan(&job).unwrap();
    let Operation::RosetteChannel(RosetteChannel {
        center_mm,
        inner_diameter_mm,
        outer_diameter_mm,
        rings: 2,
        ..
    }) = job.operations[0]
    else {
        panic!("the guitar top starts with a two-ring rosette channel")
    };
    let c = Point2::from(center_mm);
    let tool_r = job.tool.diameter_mm / 2.0;
    // Two ring channels and the wall of top wood between them: three bands of equal width.
    let (r0, r3) = (inner_diameter_mm / 2.0, outer_diameter_mm / 2.0);
    let band = (r3 - r0) / 3.0;
    let walls = [(r0, r0 + band), (r3 - band, r3)];
    let radii: Vec<f64> = cutting(&op_steps(&tp, 0))
        .iter()
        .flat_map(|s| [s.from, s.to()])
        .map(|p| (p.xy() - c).norm())
        .collect();
    for (inner, outer) in walls {
        let ring: Vec<f64> = radii
            .iter()
            .copied()
            .filter(|r| *r > inner && *r < outer)
            .collect();
        let min = ring.iter().copied().fold(f64::INFINITY, f64::min);
        let max = ring.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert!(
            (min - tool_r - inner).abs() < 1e-9,
            "inner wall {inner}: {}",
            min - tool_r
        );
        assert!(
            (max + tool_r - outer).abs() < 1e-9,
            "outer wall {outer}: {}",
            max + tool_r
        );
    }
    // Every point lies in one ring's reach: none between the rings' tool-centre bands.
    for r in &radii {
        assert!(
            walls
                .iter()
                .any(|(i, o)| *r >= i + tool_r - 1e-9 && *r <= o - tool_r + 1e-9),
            "radius {r}"
        );
    }
    // Arcs are centred on the rosette.
    for s in op_steps(&tp, 0) {
        if let Move::Arc { center, .. } = s.mv {
            assert_eq!(*center, c);
        }
    }
}

#[test]
fn rosette_rings_leave_no_stock_inside_the_channel() {
    let job = job_with(
        1.0,
        |c| c.stepover = 0.9,
        vec![Operation::RosetteChannel(RosetteChannel {
            center_mm: [100.0, 100.0],
            inner_diameter_mm: 40.0,
            outer_diameter_mm: 50.0,
            depth_mm: 0.5,
            rings: 1,
        })],
    );
    let tp = plan(&job).unwrap();
    let floor: Vec<Step> = cutting(&steps(&tp))
        .into_iter()
        .filter(|s| s.from.z == -0.5 && s.to().z == -0.5)
        .collect();
    let c = Point2::new(100.0, 100.0);
    for i in 0..=50 {
        let r = 20.0 + 5.0 * i as f64 / 50.0;
        for k in 0..72 {
            let a = k as f64 * TAU / 72.0;
            let p = c + nalgebra::Vector2::new(a.cos(), a.sin()) * r;
            let d = floor
                .iter()
                .map(|s| s.distance_xy(p))
                .fold(f64::INFINITY, f64::min);
            assert!(d <= 0.5 + 1e-9, "uncut at radius {r}, angle {a}: {d}");
        }
    }
}

#[test]
fn circle_cuts_run_a_tool_radius_on_the_waste_side() {
    let c = [200.0, 150.0];
    for (side, expected) in [
        (CircleSide::Inside, 50.0 - 1.5),
        (CircleSide::Outside, 50.0 + 1.5),
    ] {
        let job = job_with(3.0, |_| {}, vec![circle_op(c, 100.0, 1.0, side, 0)]);
        let tp = plan(&job).unwrap();
        let cuts = cutting(&steps(&tp));
        assert!(!cuts.is_empty());
        for s in &cuts {
            let r = (s.to().xy() - Point2::from(c)).norm();
            assert!((r - expected).abs() < 1e-9, "{side:?}: {r}");
        }
        // The arcs' extremes, not only their end points, set the bounds.
        let b = tp.bounds();
        assert!((b.max[1] - (c[1] + expected)).abs() < 1e-9);
        assert!((b.min[1] - (c[1] - expected)).abs() < 1e-9);
        assert!((b.max[0] - (c[0] + expected)).abs() < 1e-9);
        assert!((b.min[0] - (c[0] - expected)).abs() < 1e-9);
    }
}

#[test]
fn climb_keeps_the_kept_stock_on_the_right() {
    use crate::job::CutDirection::{Climb, Conventional};
    // (side, direction, expected clockwise)
    let cases = [
        (CircleSide::Inside, Climb, false),
        (CircleSide::Inside, Conventional, true),
        (CircleSide::Outside, Climb, true),
        (CircleSide::Outside, Conventional, false),
    ];
    for (side, direction, cw) in cases {
        let job = job_with(
            2.0,
            |c| c.direction = direction,
            vec![circle_op([100.0, 100.0], 40.0, 1.0, side, 0)],
        );
        let tp = plan(&job).unwrap();
        let arcs: Vec<bool> = steps(&tp)
            .iter()
            .filter(|s| matches!(s.mv, Move::Arc { .. }))
            .map(Step::clockwise)
            .collect();
        assert!(!arcs.is_empty());
        assert!(arcs.iter().all(|a| *a == cw), "{side:?} {direction:?}");
        // Stock on the right: for the kept wall (outside a hole, inside a disc), the cross product
        // of travel and the direction to the kept stock is negative.
        for s in cutting(&steps(&tp)) {
            let out = s.from.xy() - Point2::new(100.0, 100.0);
            // Direction of travel where the move starts: the chord of a line, the tangent of an arc.
            let travel = match s.mv {
                Move::Arc { clockwise: true, .. } => nalgebra::Vector2::new(out.y, -out.x),
                Move::Arc { .. } => nalgebra::Vector2::new(-out.y, out.x),
                _ => s.to().xy() - s.from.xy(),
            };
            if travel.norm() < 1e-6 {
                continue;
            }
            let to_kept = if side == CircleSide::Inside { out } else { -out };
            let cross = travel.x * to_kept.y - travel.y * to_kept.x;
            let right = cross < 0.0;
            assert_eq!(right, direction == Climb, "{side:?} {direction:?}");
        }
    }
}

#[test]
fn pecked_holes_sit_on_their_centres() {
    let points = vec![[50.0, 50.0], [60.5, 50.25], [70.0, 80.0]];
    let job = job_with(
        3.0,
        |_| {},
        vec![Operation::DrillPattern(DrillPattern {
            points_mm: points.clone(),
            diameter_mm: 3.0,
            depth_mm: 2.5,
            peck_mm: 1.0,
        })],
    );
    let tp = plan(&job).unwrap();
    let pecks: Vec<&Move> = tp
        .moves()
        .iter()
        .filter(|m| matches!(m, Move::PeckDrill { .. }))
        .collect();
    assert_eq!(pecks.len(), 3);
    for (m, p) in pecks.iter().zip(&points) {
        assert_eq!(
            **m,
            Move::PeckDrill {
                at: Point2::new(p[0], p[1]),
                r_z: CLEARANCE_MM,
                bottom_z: -2.5,
                peck_mm: 1.0,
                feed_mm_min: job.cutting.plunge_mm_min,
            }
        );
    }
    assert_eq!(tp.bounds().min[2], -2.5);
}

#[test]
fn wide_holes_are_interpolated_to_their_diameter() {
    let job = job_with(
        3.0,
        |c| c.stepover = 0.5,
        vec![Operation::DrillPattern(DrillPattern {
            points_mm: vec![[40.0, 40.0], [80.0, 40.0]],
            diameter_mm: 10.0,
            depth_mm: 2.0,
            peck_mm: 1.0,
        })],
    );
    let tp = plan(&job).unwrap();
    assert!(!tp.moves().iter().any(|m| matches!(m, Move::PeckDrill { .. })));
    for centre in [Point2::new(40.0, 40.0), Point2::new(80.0, 40.0)] {
        let near: Vec<Step> = cutting(&steps(&tp))
            .into_iter()
            .filter(|s| (s.to().xy() - centre).norm() < 5.0)
            .collect();
        let radii: Vec<f64> = near.iter().map(|s| (s.to().xy() - centre).norm()).collect();
        let max = radii.iter().copied().fold(0.0, f64::max);
        let min = radii.iter().copied().fold(f64::INFINITY, f64::min);
        // The tool's edge reaches the 5 mm wall exactly; the innermost circle keeps the centre cut.
        assert!((max + 1.5 - 5.0).abs() < 1e-9, "{max}");
        assert!(min <= 1.5, "{min}");
        for s in &near {
            if let Move::Arc { center, .. } = s.mv {
                assert_eq!(*center, centre);
            }
        }
        let deepest = near.iter().map(|s| s.to().z).fold(0.0, f64::min);
        assert_eq!(deepest, -2.0);
    }
}

fn pocket_job(tool_d: f64, stepover: f64) -> Job {
    job_with(
        tool_d,
        |c| {
            c.stepover = stepover;
            c.stepdown_mm = 1.0;
        },
        vec![Operation::RectPocket(RectPocket {
            corner_mm: [100.0, 50.0],
            size_mm: [76.0, 56.0],
            corner_radius_mm: 6.35,
            depth_mm: 2.0,
        })],
    )
}

#[test]
fn pockets_stay_inside_their_rectangle_and_reach_its_walls() {
    for (tool_d, stepover) in [(6.35, 0.4), (3.0, 0.9), (1.5875, 0.5)] {
        let job = pocket_job(tool_d, stepover);
        let tp = plan(&job).unwrap();
        let r = tool_d / 2.0;
        let (x0, y0, x1, y1) = (100.0, 50.0, 176.0, 106.0);
        let b = tp.operations()[0].bounds.unwrap();
        assert!((b.min[0] - (x0 + r)).abs() < 1e-9, "{b:?}");
        assert!((b.max[0] - (x1 - r)).abs() < 1e-9, "{b:?}");
        assert!((b.min[1] - (y0 + r)).abs() < 1e-9, "{b:?}");
        assert!((b.max[1] - (y1 - r)).abs() < 1e-9, "{b:?}");
        // The tool's edge stays inside the rounded corners too.
        let rc = 6.35;
        for s in cutting(&steps(&tp)) {
            for p in s.samples(16) {
                let cx = p.x.clamp(x0 + rc, x1 - rc);
                let cy = p.y.clamp(y0 + rc, y1 - rc);
                let d = (p.xy() - Point2::new(cx, cy)).norm();
                assert!(d + r <= rc + 1e-9, "tool {tool_d}: {p} reaches {}", d + r);
            }
        }
        assert_eq!(b.min[2], -2.0);
    }
}

#[test]
fn pockets_leave_no_stock_on_the_floor() {
    for (tool_d, stepover) in [(6.35, 0.4), (3.0, 0.9)] {
        let job = pocket_job(tool_d, stepover);
        let tp = plan(&job).unwrap();
        let r = tool_d / 2.0;
        let floor: Vec<Step> = cutting(&steps(&tp))
            .into_iter()
            .filter(|s| s.from.z == -2.0 && s.to().z == -2.0)
            .collect();
        // Every point of the rounded rectangle (its corners are wider than the tool).
        let rc = 6.35;
        for i in 0..=76 {
            for j in 0..=56 {
                let p = Point2::new(100.0 + i as f64, 50.0 + j as f64);
                let nearest = Point2::new(
                    p.x.clamp(100.0 + rc, 176.0 - rc),
                    p.y.clamp(50.0 + rc, 106.0 - rc),
                );
                if (p - nearest).norm() > rc {
                    continue;
                }
                let d = floor
                    .iter()
                    .map(|s| s.distance_xy(p))
                    .fold(f64::INFINITY, f64::min);
                assert!(d <= r + 1e-9, "tool {tool_d}: uncut at {p}: {d}");
            }
        }
    }
}

#[test]
fn pocket_rings_are_cut_from_the_inside_out_counter_clockwise_for_climb() {
    let tp = plan(&pocket_job(6.35, 0.4)).unwrap();
    let centre = Point2::new(138.0, 78.0);
    let cuts = cutting(&steps(&tp));
    let first = cuts.first().unwrap();
    let last = cuts.last().unwrap();
    // The first cut is on the innermost ring, the last on the wall ring (a tool radius from a wall).
    assert!((first.to().x - centre.x).abs() < 20.0 && (first.to().y - centre.y).abs() < 5.0);
    let on_wall = |p: Point3<f64>| {
        (p.x - 103.175).abs() < 1e-9
            || (p.x - 172.825).abs() < 1e-9
            || (p.y - 53.175).abs() < 1e-9
            || (p.y - 102.825).abs() < 1e-9
    };
    assert!(on_wall(last.to()), "{}", last.to());
    assert!(cuts
        .iter()
        .filter(|s| matches!(s.mv, Move::Arc { .. }))
        .all(|s| !s.clockwise()));
}

#[test]
fn depth_passes_are_equal_with_the_last_at_the_depth() {
    let job = job_with(
        2.0,
        |c| c.stepdown_mm = 0.7,
        vec![circle_op([100.0, 100.0], 60.0, 3.0, CircleSide::Inside, 0)],
    );
    let tp = plan(&job).unwrap();
    let mut levels: Vec<f64> = cutting(&steps(&tp))
        .iter()
        .filter(|s| s.dz() == 0.0)
        .map(|s| s.to().z)
        .collect();
    levels.dedup();
    // ceil(3.0 / 0.7) = 5 passes of 0.6.
    assert_eq!(levels.len(), 5);
    for (k, z) in levels.iter().enumerate() {
        assert!((z + 0.6 * (k as f64 + 1.0)).abs() < 1e-12, "{levels:?}");
    }
    assert_eq!(*levels.last().unwrap(), -3.0);
}

#[test]
fn profiles_follow_the_offset_line_for_either_winding() {
    let square = [[100.0, 100.0], [200.0, 100.0], [200.0, 180.0], [100.0, 180.0]];
    let mut reversed = square;
    reversed.reverse();
    for points in [square, reversed] {
        for (side, inset) in [
            (ProfileSide::Inside, 1.5),
            (ProfileSide::Outside, -1.5),
            (ProfileSide::On, 0.0),
        ] {
            let job = job_with(3.0, |_| {}, vec![profile_op(&points, side, 1.0, 0)]);
            let tp = plan(&job).unwrap();
            let b = tp.bounds();
            assert!((b.min[0] - (100.0 + inset)).abs() < 1e-9, "{side:?} {b:?}");
            assert!((b.max[0] - (200.0 - inset)).abs() < 1e-9, "{side:?} {b:?}");
            assert!((b.min[1] - (100.0 + inset)).abs() < 1e-9, "{side:?} {b:?}");
            assert!((b.max[1] - (180.0 - inset)).abs() < 1e-9, "{side:?} {b:?}");
            let arcs: Vec<Step> = steps(&tp)
                .into_iter()
                .filter(|s| matches!(s.mv, Move::Arc { .. }))
                .collect();
            match side {
                // Outside corners turn on arcs of the tool radius, clockwise for climb.
                ProfileSide::Outside => {
                    assert!(!arcs.is_empty());
                    for s in &arcs {
                        assert!(s.clockwise());
                        if let Move::Arc { center, .. } = s.mv {
                            assert!(((s.to().xy() - center).norm() - 1.5).abs() < 1e-9);
                        }
                    }
                }
                _ => assert!(arcs.is_empty(), "{side:?}"),
            }
        }
    }
}

#[test]
fn inside_profiles_turn_counter_clockwise_for_climb_and_on_keeps_the_drawn_order() {
    let square = [[100.0, 100.0], [200.0, 100.0], [200.0, 180.0], [100.0, 180.0]];
    let first_cut = |points: &[[f64; 2]], side| {
        let job = job_with(3.0, |_| {}, vec![profile_op(points, side, 1.0, 0)]);
        let tp = plan(&job).unwrap();
        let cuts = cutting(&steps(&tp));
        let s = cuts.iter().find(|s| s.horizontal() > 1.0).copied().unwrap();
        let travel = s.to().xy() - s.from.xy();
        let from_centre = s.from.xy() - Point2::new(150.0, 140.0);
        from_centre.x * travel.y - from_centre.y * travel.x > 0.0
    };
    let mut cw = square;
    cw.reverse();
    assert!(first_cut(&square, ProfileSide::Inside));
    assert!(first_cut(&cw, ProfileSide::Inside));
    assert!(first_cut(&square, ProfileSide::On));
    assert!(!first_cut(&cw, ProfileSide::On));
}

#[test]
fn a_pocket_as_wide_as_the_tool_is_a_slot_on_its_centre_line() {
    // The truss rod channel: 460 × 6.35 with a 6.35 mm tool, 9.5 deep in passes of at most 1.5.
    let job = example("maple_neck_truss_rod");
    let tp = plan(&job).unwrap();
    let cuts = cutting(&op_steps(&tp, 0));
    assert!(!cuts.is_empty());
    for s in &cuts {
        assert_eq!(s.to().y, 40.0);
        assert!(s.to().x == 103.175 || s.to().x == 556.825, "{}", s.to());
        assert!(matches!(s.mv, Move::Feed { .. }));
    }
    let mut levels: Vec<f64> = cuts.iter().filter(|s| s.dz() == 0.0).map(|s| s.to().z).collect();
    levels.dedup();
    assert_eq!(levels.len(), 7);
    assert_eq!(levels.last(), Some(&-9.5));
    let b = tp.operations()[0].bounds.unwrap();
    assert_eq!(
        (b.min[0], b.max[0], b.min[1], b.max[1]),
        (103.175, 556.825, 40.0, 40.0)
    );
    // As wide as the tool both ways: a hole.
    let square = job_with(
        6.35,
        |_| {},
        vec![Operation::RectPocket(RectPocket {
            corner_mm: [100.0, 100.0],
            size_mm: [6.35, 6.355],
            corner_radius_mm: 3.175,
            depth_mm: 4.0,
        })],
    );
    let tp = plan(&square).unwrap();
    let pecks: Vec<&Move> = tp
        .moves()
        .iter()
        .filter(|m| matches!(m, Move::PeckDrill { .. }))
        .collect();
    assert_eq!(
        pecks,
        [&Move::PeckDrill {
            at: Point2::new(103.175, 103.1775),
            r_z: CLEARANCE_MM,
            bottom_z: -4.0,
            peck_mm: square.cutting.stepdown_mm,
            feed_mm_min: square.cutting.plunge_mm_min,
        }]
    );
}
