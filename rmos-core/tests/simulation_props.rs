//! Properties of the stock simulation over random moves: heights never rise and stay within the stock,
//! the volume reported is the volume the field lost, runs are deterministic, and no input panics.

use proptest::prelude::*;
use rmos_core::simulation::{simulate, Cutter, Limits, Simulation, StockBlock, Sweep};

const CELL: f64 = 0.25;

fn stock() -> StockBlock {
    StockBlock::at_origin([20.0, 20.0], 3.0)
}

fn cutter() -> impl Strategy<Value = Cutter> {
    prop_oneof![
        (0.2..8.0f64).prop_map(|d| Cutter::Flat { diameter_mm: d }),
        (0.2..8.0f64).prop_map(|d| Cutter::Ball { diameter_mm: d }),
        (0.2..8.0f64, 10.0..170.0f64).prop_map(|(d, a)| Cutter::Vee {
            diameter_mm: d,
            included_angle_deg: a
        }),
    ]
}

fn point() -> impl Strategy<Value = [f64; 3]> {
    [-5.0..25.0f64, -5.0..25.0f64, -4.0..1.0f64]
}

fn sweep() -> impl Strategy<Value = Sweep> {
    prop_oneof![
        (point(), point(), any::<bool>()).prop_map(|(a, b, rapid)| Sweep {
            rapid,
            ..Sweep::line(1, a, b)
        }),
        // Level moves, the flat tool's fast path.
        (point(), -5.0..25.0f64, -5.0..25.0f64).prop_map(|(a, x, y)| Sweep::line(2, a, [x, y, a[2]])),
        (point(), point(), [0.0..20.0f64, 0.0..20.0f64], any::<bool>())
            .prop_map(|(a, b, c, cw)| Sweep::arc(3, a, b, c, cw)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn heights_never_rise_and_stay_in_the_stock(c in cutter(), moves in prop::collection::vec(sweep(), 1..6)) {
        let mut sim = Simulation::new(&stock(), CELL).unwrap();
        let mut before = sim.field().heights().to_vec();
        for m in &moves {
            sim.run(&c, std::slice::from_ref(m), &Limits::default()).unwrap();
            let after = sim.field().heights();
            for (k, (&old, &new)) in before.iter().zip(after).enumerate() {
                prop_assert!(new <= old, "cell {k} rose from {old} to {new}");
                prop_assert!((-3000..=0).contains(&new), "cell {k} at {new}");
            }
            before = after.to_vec();
        }
    }

    #[test]
    fn removed_volume_is_what_the_field_lost(c in cutter(), moves in prop::collection::vec(sweep(), 1..6)) {
        let r = simulate(&stock(), CELL, &c, &moves, &Limits::default()).unwrap();
        let lost_um: i64 = r.field.heights().iter().map(|&h| -i64::from(h)).sum();
        let lost = lost_um as f64 / 1000.0 * CELL * CELL;
        prop_assert!((r.removed_mm3() - lost).abs() <= 1e-9 * lost.max(1.0));
        for m in &r.moves {
            prop_assert!(m.cells_updated <= m.cells_visited);
            prop_assert!(m.radial_width_mm <= c.diameter_mm() + 1e-12);
            prop_assert!((0.0..=3.0).contains(&m.axial_depth_mm));
            prop_assert_eq!(m.is_air_cut(), m.removed_mm3 == 0.0);
        }
        let again = simulate(&stock(), CELL, &c, &moves, &Limits::default()).unwrap();
        prop_assert_eq!(r, again);
    }

    #[test]
    fn no_input_panics(
        size in [any::<f64>(), any::<f64>()],
        cell in any::<f64>(),
        d in any::<f64>(),
        angle in any::<f64>(),
        coords in prop::collection::vec(any::<f64>(), 8),
        cw in any::<bool>(),
    ) {
        let block = StockBlock { size_mm: [size[0] % 50.0, size[1] % 50.0], ..stock() };
        let c = Cutter::Vee { diameter_mm: d, included_angle_deg: angle };
        let moves = [
            Sweep::line(1, [coords[0], coords[1], coords[2]], [coords[3], coords[4], coords[5]]),
            Sweep::arc(2, [coords[3], coords[4], coords[5]], [coords[0], coords[1], coords[2]],
                [coords[6], coords[7]], cw),
        ];
        let _ = simulate(&block, cell, &c, &moves, &Limits::default());
        let _ = simulate(&block, 0.5, &Cutter::Flat { diameter_mm: d }, &moves, &Limits::default());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Inputs in range that reach the simulation's arithmetic, not only its validation.
    #[test]
    fn no_in_range_input_panics(
        c in cutter(),
        cell in 0.05..2.0f64,
        coords in prop::collection::vec(-1e6..1e6f64, 8),
        cw in any::<bool>(),
    ) {
        let moves = [
            Sweep::line(1, [coords[0], coords[1], coords[2]], [coords[3], coords[4], coords[5]]),
            Sweep::arc(2, [coords[3], coords[4], coords[5]], [coords[0], coords[1], coords[2]],
                [coords[6], coords[7]], cw),
        ];
        prop_assert!(simulate(&stock(), cell, &c, &moves, &Limits::default()).is_ok());
    }
}
