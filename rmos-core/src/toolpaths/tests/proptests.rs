//! Random valid jobs: planning never panics, is deterministic, and its bounds hold every move.

use proptest::prelude::*;

use super::*;
use crate::job::CutDirection;

fn centre() -> impl Strategy<Value = [f64; 2]> {
    (150.0..650.0f64, 150.0..450.0f64).prop_map(|(x, y)| [x, y])
}

/// A simple polygon: vertices at increasing angles about a centre, at random radii.
fn star(reverse: bool) -> impl Strategy<Value = Vec<[f64; 2]>> {
    (
        centre(),
        prop::collection::vec((0.2..1.0f64, 5.0..100.0f64), 3..12),
    )
        .prop_map(move |(c, spokes)| {
            let n = spokes.len() as f64;
            let mut pts: Vec<[f64; 2]> = spokes
                .iter()
                .enumerate()
                .map(|(i, (jitter, r))| {
                    let a = (i as f64 + jitter) * TAU / n;
                    [c[0] + r * a.cos(), c[1] + r * a.sin()]
                })
                .collect();
            if reverse {
                pts.reverse();
            }
            pts
        })
}

fn operation(tool_d: f64) -> impl Strategy<Value = Operation> {
    let depth = 0.1..6.0f64;
    prop_oneof![
        (centre(), 2.0..120.0f64, 0.0..20.0f64, depth.clone(), 1u32..4).prop_map(
            move |(c, inner, extra, depth, rings)| Operation::RosetteChannel(RosetteChannel {
                center_mm: c,
                inner_diameter_mm: inner,
                outer_diameter_mm: inner + 2.0 * tool_d * f64::from(rings) + extra,
                depth_mm: depth,
                rings,
            })
        ),
        (centre(), 0.5..200.0f64, depth.clone(), any::<bool>(), 0u32..8).prop_map(
            |(c, d, depth, inside, tabs)| Operation::CircleCut(CircleCut {
                center_mm: c,
                diameter_mm: d,
                depth_mm: depth,
                side: if inside {
                    CircleSide::Inside
                } else {
                    CircleSide::Outside
                },
                tabs,
            })
        ),
        (
            400.0..700.0f64,
            1u32..25,
            20.0..70.0f64,
            depth.clone(),
            -0.02..0.02f64
        )
            .prop_map(
                move |(scale, frets, width, depth, kerf_error)| Operation::FretSlots(FretSlots {
                    scale_length_mm: scale,
                    frets,
                    nut_at_mm: [20.0, 300.0],
                    board_width_mm: width,
                    slot_depth_mm: depth,
                    kerf_mm: tool_d + kerf_error,
                })
            ),
        (
            prop::collection::vec(centre(), 1..4),
            0.2..15.0f64,
            depth.clone(),
            0.2..4.0f64
        )
            .prop_map(|(points, d, depth, peck)| Operation::DrillPattern(DrillPattern {
                points_mm: points,
                diameter_mm: d,
                depth_mm: depth,
                peck_mm: peck,
            })),
        (centre(), 1.0..120.0f64, 1.0..120.0f64, 0.0..0.5f64, depth.clone()).prop_map(
            |(c, w, h, rc, depth)| Operation::RectPocket(RectPocket {
                corner_mm: c,
                size_mm: [w, h],
                corner_radius_mm: rc * w.min(h),
                depth_mm: depth,
            })
        ),
        // A pocket one tool wide (a channel) or about that, either way round.
        (
            centre(),
            0.0..150.0f64,
            -0.02..0.02f64,
            any::<bool>(),
            depth.clone()
        )
            .prop_map(move |(c, extra, error, across, depth)| {
                let (long, short) = (tool_d + extra, tool_d + error);
                Operation::RectPocket(RectPocket {
                    corner_mm: c,
                    size_mm: if across { [short, long] } else { [long, short] },
                    corner_radius_mm: short.min(long) / 2.0,
                    depth_mm: depth,
                })
            }),
        (any::<bool>().prop_flat_map(star), 0u8..3, depth, 0u32..5).prop_map(
            |(points, side, depth, tabs)| Operation::ContourProfile(ContourProfile {
                points_mm: points,
                side: match side {
                    0 => ProfileSide::Inside,
                    1 => ProfileSide::Outside,
                    _ => ProfileSide::On,
                },
                depth_mm: depth,
                tabs,
            })
        ),
    ]
}

fn job() -> impl Strategy<Value = Job> {
    (0.3..8.0f64).prop_flat_map(|tool_d| {
        (
            prop::collection::vec(operation(tool_d), 1..4),
            0.1..3.0f64,
            0.05..1.0f64,
            0.3..10.0f64,
            any::<bool>(),
        )
            .prop_map(move |(ops, stepdown, stepover, safe_z, climb)| {
                job_with(
                    tool_d,
                    |c| {
                        c.stepdown_mm = stepdown;
                        c.stepover = stepover;
                        c.safe_z_mm = safe_z;
                        c.direction = if climb {
                            CutDirection::Climb
                        } else {
                            CutDirection::Conventional
                        };
                    },
                    ops,
                )
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn planning_never_panics_is_deterministic_and_bounded(job in job()) {
        let first = plan(&job);
        let second = plan(&job);
        prop_assert_eq!(&first, &second);
        let Ok(tp) = first else { return Ok(()) };
        let b = tp.bounds();
        let safe = job.cutting.safe_z_mm;
        for s in steps(&tp) {
            prop_assert!(b.contains(s.to(), 0.0), "{} outside {:?}", s.to(), b);
            for p in s.samples(12) {
                prop_assert!(b.contains(p, 1e-9), "{} outside {:?}", p, b);
            }
            for v in [s.to().x, s.to().y, s.to().z] {
                prop_assert!(v.is_finite() && !(v == 0.0 && v.is_sign_negative()));
            }
            if let Move::Rapid { to } = s.mv {
                let across = (to.xy() - s.from.xy()).norm() > 0.0;
                prop_assert!(
                    to.z == safe || (!across && to.z == CLEARANCE_MM.min(safe)),
                    "rapid to {} from {}", to, s.from
                );
                if across {
                    prop_assert_eq!(s.from.z, safe);
                }
            }
            if s.horizontal() == 0.0 && s.dz() < 0.0 && !matches!(s.mv, Move::PeckDrill { .. }) {
                prop_assert!(s.to().z >= 0.0, "straight down into stock to {}", s.to());
            }
            if let Move::Arc { to, center, .. } = s.mv {
                let (r0, r1) = ((s.from.xy() - center).norm(), (to.xy() - center).norm());
                prop_assert!((r0 - r1).abs() < 1e-9);
                prop_assert!((to.xy() - s.from.xy()).norm() >= MIN_ARC_CHORD_MM);
            }
        }
        let deepest = job.operations.iter().map(Operation::depth_mm).fold(0.0, f64::max);
        prop_assert_eq!(b.min[2], -deepest);
        prop_assert_eq!(tp.operations().len(), job.operations.len());
    }
}
