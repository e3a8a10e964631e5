//! The stock simulation on moves whose result is known in closed form: engagement, cutter shapes, arcs,
//! findings at their boundary, and typed errors.

use rmos_core::simulation::{
    simulate, Cutter, Limits, SimError, Simulation, SimulationReport, StockBlock, Sweep, ENGAGEMENT_HIGH,
    GOUGE, MAX_CELLS,
};

const CELL: f64 = 0.1;

fn stock() -> StockBlock {
    StockBlock::at_origin([20.0, 20.0], 3.0)
}

fn run(cutter: Cutter, sweeps: &[Sweep]) -> SimulationReport {
    simulate(&stock(), CELL, &cutter, sweeps, &Limits::default()).unwrap()
}

fn flat(d: f64) -> Cutter {
    Cutter::Flat { diameter_mm: d }
}

/// Heights in mm along X at `y`.
fn at(report: &SimulationReport, x: f64, y: f64) -> f64 {
    report.field.height_at_mm(x, y).unwrap()
}

#[test]
fn a_full_width_slot_reports_its_volume_depth_and_width() {
    let r = run(
        flat(2.0),
        &[Sweep::line(3, [2.0, 10.0, -1.0], [18.0, 10.0, -1.0])],
    );
    let m = r.moves[0];
    assert_eq!((m.index, m.line, m.rapid), (0, 3, false));
    // 16 × 2 mm plus the two half discs, 1 mm deep.
    let volume = 16.0 * 2.0 + std::f64::consts::PI;
    assert!((m.removed_mm3 - volume).abs() < 0.2, "{}", m.removed_mm3);
    assert_eq!(m.axial_depth_mm, 1.0);
    assert!((m.radial_width_mm - 2.0).abs() <= CELL, "{}", m.radial_width_mm);
    assert_eq!(m.cells_visited, m.cells_updated);
    assert_eq!(
        (r.cells_visited, r.cells_updated),
        (m.cells_visited, m.cells_updated)
    );
    assert!((m.cells_updated as f64 * CELL * CELL - volume).abs() < 0.2);
    assert_eq!(at(&r, 10.0, 10.95), -1.0);
    assert_eq!(at(&r, 10.0, 11.05), 0.0);
    assert_eq!(at(&r, 18.95, 10.05), -1.0);
    assert_eq!(at(&r, 19.05, 10.05), 0.0);
}

#[test]
fn a_pass_beside_a_slot_engages_its_stepover_and_a_repeat_cuts_air() {
    let slot = Sweep::line(1, [2.0, 10.0, -1.0], [18.0, 10.0, -1.0]);
    let beside = Sweep::line(2, [2.0, 10.8, -1.0], [18.0, 10.8, -1.0]);
    let r = run(flat(2.0), &[slot, beside, beside]);
    let m = r.moves[1];
    assert!((m.radial_width_mm - 0.8).abs() <= CELL, "{}", m.radial_width_mm);
    assert_eq!(m.axial_depth_mm, 1.0);
    assert!(m.cells_updated < m.cells_visited);
    let again = r.moves[2];
    assert!(again.is_air_cut());
    assert_eq!(
        (again.removed_mm3, again.axial_depth_mm, again.radial_width_mm),
        (0.0, 0.0, 0.0)
    );
    assert_eq!(again.cells_visited, m.cells_visited);
}

#[test]
fn moves_above_the_stock_visit_no_cell() {
    let rapid = Sweep {
        rapid: true,
        ..Sweep::line(1, [0.0, 0.0, 5.0], [20.0, 20.0, 0.0])
    };
    let r = run(flat(6.0), &[rapid]);
    assert!(r.moves[0].rapid && r.moves[0].is_air_cut());
    assert_eq!(r.cells_visited, 0);
}

#[test]
fn a_plunge_cuts_the_tool_disc_and_reports_its_extent_as_width() {
    let r = run(
        flat(4.0),
        &[Sweep::line(1, [10.0, 10.0, 2.0], [10.0, 10.0, -2.5])],
    );
    let m = r.moves[0];
    assert_eq!(m.axial_depth_mm, 2.5);
    assert!((m.radial_width_mm - 4.0).abs() <= CELL);
    assert!((m.removed_mm3 - std::f64::consts::PI * 4.0 * 2.5).abs() < 0.5);
    assert_eq!(at(&r, 11.95, 10.05), -2.5);
    assert_eq!(at(&r, 12.05, 10.05), 0.0);
}

#[test]
fn a_ball_cuts_a_round_groove() {
    let r = run(
        Cutter::Ball { diameter_mm: 4.0 },
        &[Sweep::line(1, [2.0, 10.05, -1.0], [18.0, 10.05, -1.0])],
    );
    // The surface at dy from the groove's centre: −1 + 2 − √(4 − dy²), where that is below the top.
    for k in 0..25 {
        let dy = k as f64 * CELL;
        let expected = 1.0 - (4.0 - dy * dy).sqrt();
        let want = (expected.min(0.0) * 1000.0).round() / 1000.0;
        assert_eq!(at(&r, 10.05, 10.05 + dy), want, "dy {dy}");
    }
    assert_eq!(r.moves[0].axial_depth_mm, 1.0);
    // The groove is 2·√3 mm wide at the top.
    assert!((r.moves[0].radial_width_mm - 2.0 * 3f64.sqrt()).abs() <= CELL);
}

#[test]
fn a_vee_cuts_a_v_groove_at_its_angle() {
    let vee = Cutter::Vee {
        diameter_mm: 6.0,
        included_angle_deg: 90.0,
    };
    let r = run(vee, &[Sweep::line(1, [2.0, 10.05, -2.0], [18.0, 10.05, -2.0])]);
    for k in 0..30 {
        let dy = k as f64 * CELL;
        let want = ((-2.0 + dy).min(0.0) * 1000.0).round() / 1000.0;
        assert_eq!(at(&r, 10.05, 10.05 + dy), want, "dy {dy}");
    }
}

#[test]
fn a_ball_ramp_leaves_the_lowest_point_its_surface_reaches() {
    let (a, b) = ([2.0, 10.05, 0.0], [18.0, 10.05, -2.0]);
    let r = run(Cutter::Ball { diameter_mm: 4.0 }, &[Sweep::line(1, a, b)]);
    for (x, dy) in [
        (2.05, 0.0),
        (6.05, 0.7),
        (10.05, 1.5),
        (15.05, 0.3),
        (18.95, 0.0),
        (19.55, 1.0),
    ] {
        let q = [x, 10.05 + dy];
        // Brute force over the move.
        let mut lowest = f64::INFINITY;
        for k in 0..=200_000 {
            let t = f64::from(k) / 200_000.0;
            let (px, py, pz) = (
                a[0] + (b[0] - a[0]) * t,
                a[1] + (b[1] - a[1]) * t,
                a[2] + (b[2] - a[2]) * t,
            );
            let d2 = (q[0] - px).powi(2) + (q[1] - py).powi(2);
            if d2 <= 4.0 {
                lowest = lowest.min(pz + 2.0 - (4.0 - d2).sqrt());
            }
        }
        let want = (lowest.clamp(-3.0, 0.0) * 1000.0).round() / 1000.0;
        let got = at(&r, q[0], q[1]);
        assert!((got - want).abs() <= 0.001, "at {q:?}: {got} against {want}");
    }
}

#[test]
fn a_vee_ramp_leaves_the_lowest_point_its_cone_reaches() {
    let (a, b) = ([3.0, 10.05, 0.5], [17.0, 12.05, -2.5]);
    let vee = Cutter::Vee {
        diameter_mm: 5.0,
        included_angle_deg: 60.0,
    };
    let k = 1.0 / 30f64.to_radians().tan();
    let r = run(vee, &[Sweep::line(1, a, b)]);
    for q in [
        [3.05, 10.05],
        [7.05, 11.25],
        [10.05, 12.55],
        [16.05, 10.45],
        [17.05, 12.05],
        [18.55, 13.05],
    ] {
        let mut lowest = f64::INFINITY;
        for n in 0..=200_000 {
            let t = f64::from(n) / 200_000.0;
            let p = [
                a[0] + (b[0] - a[0]) * t,
                a[1] + (b[1] - a[1]) * t,
                a[2] + (b[2] - a[2]) * t,
            ];
            let d = (q[0] - p[0]).hypot(q[1] - p[1]);
            if d <= 2.5 {
                lowest = lowest.min(p[2] + k * d);
            }
        }
        let want = (lowest.clamp(-3.0, 0.0) * 1000.0).round() / 1000.0;
        let got = at(&r, q[0], q[1]);
        assert!((got - want).abs() <= 0.001, "at {q:?}: {got} against {want}");
    }
}

#[test]
fn a_full_circle_cuts_an_annulus_and_a_helix_descends_with_the_angle() {
    let circle = Sweep::arc(1, [15.0, 10.0, -0.5], [15.0, 10.0, -0.5], [10.0, 10.0], false);
    let r = run(flat(1.0), &[circle]);
    for j in 0..r.field.ny() {
        for i in 0..r.field.nx() {
            let p = r.field.center_mm(i, j);
            let d = (p[0] - 10.0).hypot(p[1] - 10.0);
            let h = r.field.height_um(i, j).unwrap();
            if (d - 5.0).abs() <= 0.5 - CELL {
                assert_eq!(h, -500, "{p:?}");
            } else if (d - 5.0).abs() >= 0.5 + CELL {
                assert_eq!(h, 0, "{p:?}");
            }
        }
    }
    let area = std::f64::consts::TAU * 5.0 * 1.0 * 0.5;
    assert!((r.removed_mm3() - area).abs() < 0.1, "{}", r.removed_mm3());
    // Half a turn clockwise from (15, 10) to (5, 10) through (10, 5), Z 0 → −1.
    let helix = Sweep::arc(1, [15.0, 10.0, 0.0], [5.0, 10.0, -1.0], [10.0, 10.0], true);
    let r = run(flat(1.0), &[helix]);
    // The flat tool leaves each point at the Z where its disc last covers it: brute force on the arc.
    for q in [
        [10.05, 5.05],
        [14.55, 7.95],
        [6.45, 6.45],
        [5.05, 10.05],
        [10.05, 5.45],
    ] {
        let mut lowest = f64::INFINITY;
        for k in 0..=200_000 {
            let t = f64::from(k) / 200_000.0;
            let angle = -std::f64::consts::PI * t;
            let (px, py) = (10.0 + 5.0 * angle.cos(), 10.0 + 5.0 * angle.sin());
            if (q[0] - px).hypot(q[1] - py) <= 0.5 {
                lowest = lowest.min(-t);
            }
        }
        let got = at(&r, q[0], q[1]);
        assert!((got - lowest).abs() <= 0.005, "at {q:?}: {got} against {lowest}");
    }
    assert_eq!(at(&r, 10.05, 14.95), 0.0);
}

#[test]
fn a_cut_below_the_underside_stops_at_it() {
    let r = run(
        flat(2.0),
        &[Sweep::line(1, [5.0, 5.0, -10.0], [15.0, 5.0, -10.0])],
    );
    assert_eq!(at(&r, 10.0, 5.0), -3.0);
    assert_eq!(r.moves[0].axial_depth_mm, 3.0);
    assert!(r.field.heights().iter().all(|&h| h >= -3000));
}

#[test]
fn gouge_and_high_engagement_are_found_past_their_limit_only() {
    let slot = [Sweep::line(7, [2.0, 10.0, -1.0], [18.0, 10.0, -1.0])];
    let limits = |floor: f64, slot_depth: f64| Limits {
        floor_z_mm: Some(floor),
        max_slot_depth_mm: Some(slot_depth),
    };
    let r = simulate(&stock(), CELL, &flat(2.0), &slot, &limits(-1.0, 1.0)).unwrap();
    assert!(r.findings.is_empty());
    let r = simulate(&stock(), CELL, &flat(2.0), &slot, &limits(-0.999, 0.999)).unwrap();
    assert_eq!(r.codes(), [GOUGE, ENGAGEMENT_HIGH]);
    let (g, e) = (&r.findings[0], &r.findings[1]);
    assert_eq!((g.index, g.line, g.value, g.limit), (0, 7, -1.0, -0.999));
    assert_eq!((e.index, e.line, e.value, e.limit), (0, 7, 1.0, 0.999));
    assert!(g.message.contains("line 7"), "{}", g.message);
    // Beside the slot, half the tool's width as deep: not slotting.
    let side = [slot[0], Sweep::line(8, [2.0, 11.0, -1.0], [18.0, 11.0, -1.0])];
    let r = simulate(&stock(), CELL, &flat(2.0), &side, &limits(-5.0, 0.9)).unwrap();
    assert_eq!(r.codes(), [ENGAGEMENT_HIGH]);
    assert_eq!(r.findings[0].line, 7);
    assert!((r.moves[1].radial_width_mm - 1.0).abs() <= CELL);
}

#[test]
fn bad_inputs_are_typed_errors_naming_the_field_and_leave_the_field_as_it_was() {
    let line = Sweep::line(1, [0.0, 0.0, -1.0], [10.0, 0.0, -1.0]);
    let field_of = |e: SimError| match e {
        SimError::Invalid { field, .. } => field,
        other => panic!("{other:?}"),
    };
    let e = simulate(&stock(), 0.0, &flat(1.0), &[line], &Limits::default()).unwrap_err();
    assert_eq!(field_of(e), "cell_mm");
    let e = simulate(&stock(), f64::NAN, &flat(1.0), &[line], &Limits::default()).unwrap_err();
    assert_eq!(field_of(e), "cell_mm");
    for d in [-1.0, 0.0, 1000.001, f64::INFINITY] {
        let e = simulate(&stock(), CELL, &flat(d), &[line], &Limits::default()).unwrap_err();
        assert_eq!(field_of(e), "cutter.diameter_mm");
    }
    assert!(simulate(&stock(), CELL, &flat(1000.0), &[line], &Limits::default()).is_ok());
    let vee = Cutter::Vee {
        diameter_mm: 3.0,
        included_angle_deg: 180.0,
    };
    let e = simulate(&stock(), CELL, &vee, &[line], &Limits::default()).unwrap_err();
    assert_eq!(field_of(e), "cutter.included_angle_deg");
    let bad = StockBlock {
        size_mm: [20.0, f64::INFINITY],
        ..stock()
    };
    let e = simulate(&bad, CELL, &flat(1.0), &[line], &Limits::default()).unwrap_err();
    assert_eq!(field_of(e), "stock.size_mm[1]");
    let limits = Limits {
        floor_z_mm: Some(f64::NAN),
        ..Limits::default()
    };
    let e = simulate(&stock(), CELL, &flat(1.0), &[line], &limits).unwrap_err();
    assert_eq!(field_of(e), "limits.floor_z_mm");
    let e = simulate(
        &StockBlock::at_origin([560.0, 420.0], 3.0),
        0.01,
        &flat(1.0),
        &[],
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        e,
        SimError::TooManyCells {
            cells: 56_000 * 42_000,
            limit: MAX_CELLS
        }
    );
    assert_eq!(
        e.to_string(),
        format!("cell_mm: the stock needs 2352000000 cells, more than the limit of {MAX_CELLS}")
    );
    let mut sim = Simulation::new(&stock(), CELL).unwrap();
    let nan = Sweep::line(9, [0.0, 0.0, -1.0], [10.0, 0.0, f64::NAN]);
    let e = sim.run(&flat(1.0), &[line, nan], &Limits::default()).unwrap_err();
    assert_eq!(field_of(e), "sweeps[1].to[2]");
    assert!(sim.field().heights().iter().all(|&h| h == 0));
    assert!(sim.finish().moves.is_empty());
}
