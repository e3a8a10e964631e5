//! Properties of the engine: determinism, no panics on any input, monotonicity, and client feasibility keys
//! never changing anything but the flag.

use proptest::prelude::*;
use rmos_core::catalog::{Hardness, ToolKind, ToolMaterial};
use rmos_core::feasibility::{
    check_classic, evaluate, score, Bucket, ClassicInput, FeasibilityReport, Thresholds,
};
use rmos_core::job::{
    CircleCut, CircleSide, ContourProfile, Cutting, DrillPattern, FretSlots, Job, Machine, Operation,
    ProfileSide, RectPocket, RosetteChannel, Stock, Tool, CLIENT_FEASIBILITY_KEYS,
};
use serde_json::{json, Value};

const TEMPLATE: &str = include_str!("../../examples/jobs/guitar_top.json");

/// Any float at all: mostly plausible sizes, with zeros, negatives, huge, tiny, NaN and infinities.
fn wild() -> BoxedStrategy<f64> {
    prop_oneof![
        4 => 0.01f64..1000.0,
        1 => -1e6f64..1e6,
        1 => Just(0.0),
        1 => prop::num::f64::ANY,
        1 => prop::sample::select(vec![f64::MAX, f64::MIN_POSITIVE, -f64::MAX, 1e300, 1e-300]),
    ]
    .boxed()
}

fn wild_count() -> impl Strategy<Value = u32> {
    prop_oneof![4 => 0u32..40, 1 => any::<u32>()]
}

fn point(n: BoxedStrategy<f64>) -> impl Strategy<Value = [f64; 2]> {
    (n.clone(), n).prop_map(|(x, y)| [x, y])
}

fn operation(n: BoxedStrategy<f64>, count: BoxedStrategy<u32>) -> impl Strategy<Value = Operation> {
    let c = count;
    prop_oneof![
        (point(n.clone()), n.clone(), n.clone(), n.clone(), c.clone()).prop_map(
            |(center_mm, a, b, depth_mm, rings)| {
                Operation::RosetteChannel(RosetteChannel {
                    center_mm,
                    inner_diameter_mm: a,
                    outer_diameter_mm: a + b.abs(),
                    depth_mm,
                    rings,
                })
            }
        ),
        (point(n.clone()), n.clone(), n.clone(), any::<bool>(), c.clone()).prop_map(
            |(center_mm, diameter_mm, depth_mm, inside, tabs)| {
                let side = if inside {
                    CircleSide::Inside
                } else {
                    CircleSide::Outside
                };
                Operation::CircleCut(CircleCut {
                    center_mm,
                    diameter_mm,
                    depth_mm,
                    side,
                    tabs: tabs % 70,
                })
            }
        ),
        (
            n.clone(),
            c.clone(),
            point(n.clone()),
            n.clone(),
            n.clone(),
            n.clone()
        )
            .prop_map(
                |(scale_length_mm, frets, nut_at_mm, board_width_mm, slot_depth_mm, kerf_mm)| {
                    Operation::FretSlots(FretSlots {
                        scale_length_mm,
                        frets,
                        nut_at_mm,
                        board_width_mm,
                        slot_depth_mm,
                        kerf_mm,
                    })
                }
            ),
        (
            prop::collection::vec(point(n.clone()), 0..4),
            n.clone(),
            n.clone(),
            n.clone()
        )
            .prop_map(
                |(points_mm, diameter_mm, depth_mm, peck_mm)| Operation::DrillPattern(DrillPattern {
                    points_mm,
                    diameter_mm,
                    depth_mm,
                    peck_mm
                })
            ),
        (point(n.clone()), point(n.clone()), n.clone(), n.clone()).prop_map(
            |(corner_mm, size_mm, r, depth_mm)| {
                Operation::RectPocket(RectPocket {
                    corner_mm,
                    size_mm,
                    corner_radius_mm: r.abs().min(size_mm[0].min(size_mm[1]) / 2.0),
                    depth_mm,
                })
            }
        ),
        (prop::collection::vec(point(n.clone()), 0..6), 0u8..3, n, c).prop_map(
            |(points_mm, side, depth_mm, tabs)| {
                let side = [ProfileSide::Inside, ProfileSide::Outside, ProfileSide::On][usize::from(side)];
                Operation::ContourProfile(ContourProfile {
                    points_mm,
                    side,
                    depth_mm,
                    tabs: tabs % 70,
                })
            }
        ),
    ]
}

fn material() -> impl Strategy<Value = String> {
    let mut ids: Vec<String> = rmos_core::catalog::materials()
        .iter()
        .map(|m| m.id.to_owned())
        .collect();
    ids.push("unobtainium".to_owned());
    prop::sample::select(ids)
}

/// Builds a job from parts; the template only supplies the private flag's default.
fn assemble(machine: Machine, stock: Stock, tool: Tool, cutting: Cutting, operations: Vec<Operation>) -> Job {
    let mut job = Job::from_json(TEMPLATE).unwrap();
    job.machine = machine;
    job.stock = stock;
    job.tool = tool;
    job.cutting = cutting;
    job.operations = operations;
    job
}

/// Jobs from arbitrary floats and counts: most fail validation somewhere.
fn wild_job() -> impl Strategy<Value = Job> {
    let machine = (
        prop::array::uniform3(wild()),
        prop::array::uniform2(wild()),
        wild(),
        wild(),
        wild(),
    )
        .prop_map(
            |(travel_mm, spindle_rpm, max_feed_mm_min, max_plunge_mm_min, rapid_mm_min)| Machine {
                name: String::new(),
                travel_mm,
                spindle_rpm,
                max_feed_mm_min,
                max_plunge_mm_min,
                rapid_mm_min,
            },
        );
    let stock = (material(), point(wild()), wild()).prop_map(|(material, size_mm, thickness_mm)| Stock {
        material,
        size_mm,
        thickness_mm,
    });
    let tool =
        (wild(), wild_count(), wild(), wild(), any::<bool>()).prop_map(|(d, flutes, fl, so, hss)| Tool {
            kind: ToolKind::FlatEndMill,
            diameter_mm: d,
            flutes,
            flute_length_mm: fl,
            stickout_mm: so,
            tool_material: if hss {
                ToolMaterial::Hss
            } else {
                ToolMaterial::Carbide
            },
        });
    let cutting = (
        wild(),
        wild(),
        wild(),
        wild(),
        wild(),
        wild(),
        any::<bool>(),
        prop::option::of(wild()),
    )
        .prop_map(
            |(rpm, feed, plunge, stepdown, stepover, safe_z, coolant, feed_override_percent)| Cutting {
                rpm,
                feed_mm_min: feed,
                plunge_mm_min: plunge,
                stepdown_mm: stepdown,
                stepover,
                safe_z_mm: safe_z,
                direction: Default::default(),
                coolant,
                feed_override_percent,
            },
        );
    let ops = prop::collection::vec(operation(wild(), wild_count().boxed()), 0..5);
    (machine, stock, tool, cutting, ops).prop_map(|(m, s, t, c, o)| assemble(m, s, t, c, o))
}

/// Jobs that mostly validate: every number positive and plausible.
fn plausible_job() -> impl Strategy<Value = Job> {
    let machine = (
        300.0f64..2000.0,
        300.0f64..2000.0,
        20.0f64..200.0,
        1000.0f64..12000.0,
        0.0f64..20000.0,
        1000.0f64..20000.0,
        200.0f64..5000.0,
    )
        .prop_map(|(x, y, z, lo, span, feed, plunge)| Machine {
            name: "m".into(),
            travel_mm: [x, y, z],
            spindle_rpm: [lo, lo + span],
            max_feed_mm_min: feed,
            max_plunge_mm_min: plunge,
            rapid_mm_min: 10000.0,
        });
    let stock = (material(), 50.0f64..1500.0, 50.0f64..1500.0, 1.0f64..60.0).prop_map(
        |(material, x, y, thickness_mm)| Stock {
            material,
            size_mm: [x, y],
            thickness_mm,
        },
    );
    let tool = (0.3f64..20.0, 1u32..5, 1.0f64..50.0, 3.0f64..80.0, any::<bool>()).prop_map(
        |(d, flutes, fl, so, hss)| Tool {
            kind: ToolKind::FlatEndMill,
            diameter_mm: d,
            flutes,
            flute_length_mm: fl,
            stickout_mm: so,
            tool_material: if hss {
                ToolMaterial::Hss
            } else {
                ToolMaterial::Carbide
            },
        },
    );
    let cutting = (
        5000.0f64..30000.0,
        50.0f64..10000.0,
        20.0f64..3000.0,
        0.05f64..10.0,
        0.05f64..1.0,
        0.5f64..30.0,
        any::<bool>(),
        prop::option::of(50.0f64..150.0),
    )
        .prop_map(
            |(rpm, feed, plunge, stepdown, stepover, safe_z, coolant, feed_override_percent)| Cutting {
                rpm,
                feed_mm_min: feed,
                plunge_mm_min: plunge,
                stepdown_mm: stepdown,
                stepover,
                safe_z_mm: safe_z,
                direction: Default::default(),
                coolant,
                feed_override_percent,
            },
        );
    let ops = prop::collection::vec(operation((0.1f64..600.0).boxed(), (1u32..30).boxed()), 1..5);
    (machine, stock, tool, cutting, ops).prop_map(|(m, s, t, c, o)| assemble(m, s, t, c, o))
}

fn report(job: &Job) -> FeasibilityReport {
    evaluate(job, &Thresholds::default())
}

/// A report that is internally consistent and serialises to plain JSON.
fn check_sane(r: &FeasibilityReport) -> Result<(), TestCaseError> {
    let worst = r.findings.iter().map(|f| f.bucket).max().unwrap_or(Bucket::Green);
    prop_assert_eq!(r.bucket, worst);
    prop_assert!((0.0..=100.0).contains(&r.score));
    prop_assert_eq!(r.findings.is_empty(), r.score == 100.0);
    for f in &r.findings {
        prop_assert!(f.value.is_none_or(f64::is_finite) && f.limit.is_none_or(f64::is_finite));
    }
    prop_assert!(r.estimates.cycle_time_s.is_finite() && r.estimates.cycle_time_s >= 0.0);
    prop_assert!(r.estimates.material_removed_mm3.is_finite() && r.estimates.material_removed_mm3 >= 0.0);
    let text = serde_json::to_string(r).unwrap();
    let back: FeasibilityReport = serde_json::from_str(&text).unwrap();
    prop_assert_eq!(&back, r);
    Ok(())
}

/// `after` is no better than `before`: bucket never improves, score never rises.
fn no_better(before: &FeasibilityReport, after: &FeasibilityReport) -> Result<(), TestCaseError> {
    prop_assert!(
        after.bucket >= before.bucket,
        "{:?} -> {:?}",
        before.codes(),
        after.codes()
    );
    prop_assert!(
        after.score <= before.score,
        "{:?} -> {:?}",
        before.codes(),
        after.codes()
    );
    Ok(())
}

/// Materials where each is at least as demanding as the one before in every figure the rules read
/// (hardness, chipload multiplier, rpm floor, depth and width of cut, cutting force, resin).
const HARDER: [&str; 6] = [
    "basswood",
    "spruce_sitka",
    "walnut_black",
    "maple_hard",
    "rosewood_east_indian",
    "ebony_african",
];

#[test]
fn the_material_chain_is_monotone_in_every_figure() {
    let m: Vec<_> = HARDER
        .iter()
        .map(|id| rmos_core::catalog::material(id).unwrap())
        .collect();
    for w in m.windows(2) {
        let (a, b) = (w[0], w[1]);
        assert!(
            a.hardness <= b.hardness && b.hardness != Hardness::Extreme,
            "{}",
            b.id
        );
        assert!(a.chipload_multiplier >= b.chipload_multiplier, "{}", b.id);
        assert!(
            a.rpm_range.0 <= b.rpm_range.0 && a.rpm_range.1 >= b.rpm_range.1,
            "{}",
            b.id
        );
        assert!(
            a.max_doc_mm >= b.max_doc_mm && a.doc_ratio >= b.doc_ratio && a.woc_ratio >= b.woc_ratio,
            "{}",
            b.id
        );
        assert!(
            a.specific_cutting_force_n_mm2 <= b.specific_cutting_force_n_mm2,
            "{}",
            b.id
        );
        assert!(!a.resinous || b.resinous, "{}", b.id);
    }
}

fn classic_input() -> impl Strategy<Value = ClassicInput> {
    let opt = |s: std::ops::Range<f64>| prop::option::of(s);
    (
        (
            0.1f64..30.0,
            -0.1f64..1.2,
            0.01f64..40.0,
            -60.0f64..1.0,
            1.0f64..5000.0,
            1.0f64..5000.0,
            -1.0f64..20.0,
        ),
        (
            prop::sample::select(vec!["pocket", "slot", "profile"]),
            prop::option::of(any::<bool>()),
            prop::option::of(-5i64..2000),
        ),
        (
            opt(0.0..10.0),
            0u8..4,
            opt(0.5..50.0),
            any::<bool>(),
            opt(-1.0..60.0),
            opt(-1.0..60.0),
            opt(-1.0..60.0),
        ),
        (
            opt(0.0..6.0),
            opt(0.5..60.0),
            opt(1.0..150.0),
            any::<bool>(),
            opt(0.0..5.0),
            any::<bool>(),
            opt(50.0..150.0),
        ),
    )
        .prop_map(
            |(
                (d, so, sd, z, fxy, fz, safe),
                (strategy, closed, loops),
                (smallest, h, thick, resinous, w, l, depth),
                (wall, flute, stick, coolant, floor, complex, over),
            )| {
                let mut c = ClassicInput::pocket(d);
                c.stepover = so;
                c.stepdown = sd;
                c.z_rough = z;
                c.feed_xy = fxy;
                c.feed_z = fz;
                c.safe_z = safe;
                c.strategy = strategy.into();
                c.has_closed_paths = closed;
                c.loop_count = loops;
                c.smallest_feature_mm = smallest;
                c.hardness = [
                    Hardness::Soft,
                    Hardness::Medium,
                    Hardness::Hard,
                    Hardness::VeryHard,
                ][usize::from(h)];
                c.material_thickness_mm = thick;
                c.resinous = resinous;
                c.geometry_width_mm = w;
                c.geometry_length_mm = l;
                c.geometry_depth_mm = depth;
                c.wall_thickness_mm = wall;
                c.tool_flute_length_mm = flute;
                c.tool_stickout_mm = stick;
                c.coolant = coolant;
                c.floor_thickness_mm = floor;
                c.geometry_complex = complex;
                c.feed_override_percent = over;
                c
            },
        )
}

fn classic_no_better(a: &ClassicInput, b: &ClassicInput) -> Result<(), TestCaseError> {
    let (fa, fb) = (check_classic(a), check_classic(b));
    let worst =
        |f: &[rmos_core::feasibility::Finding]| f.iter().map(|f| f.bucket).max().unwrap_or(Bucket::Green);
    prop_assert!(worst(&fb) >= worst(&fa), "{:?} -> {:?}", fa, fb);
    prop_assert!(score(&fb) <= score(&fa), "{:?} -> {:?}", fa, fb);
    Ok(())
}

/// Every object in a JSON tree, as JSON pointers.
fn object_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            out.push(at.clone());
            for (k, child) in map {
                object_pointers(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                object_pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn client_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("GREEN")),
        Just(json!(true)),
        any::<i32>().prop_map(|n| json!(n)),
        Just(json!({"bucket": "GREEN", "score": 100, "approved": true})),
        Just(json!([{"risk_level": "low"}, 1])),
        Just(Value::Null),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_and_stays_sane_on_any_input(job in wild_job()) {
        let r = report(&job);
        check_sane(&r)?;
        if job.validate().is_err() {
            prop_assert_eq!(r.codes(), vec!["INVALID_JOB"]);
            prop_assert_eq!(r.score, 0.0);
        }
    }

    #[test]
    fn plausible_jobs_stay_sane(job in plausible_job()) {
        check_sane(&report(&job))?;
    }

    #[test]
    fn evaluation_is_deterministic(job in prop_oneof![wild_job(), plausible_job()]) {
        let (a, b) = (report(&job), report(&job.clone()));
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }

    #[test]
    fn longer_stickout_is_never_better(job in plausible_job(), extra in 0.0f64..100.0) {
        let mut worse = job.clone();
        worse.tool.stickout_mm += extra;
        no_better(&report(&job), &report(&worse))?;
    }

    #[test]
    fn deeper_stepdown_is_never_better(job in plausible_job(), factor in 1.0f64..10.0) {
        let mut worse = job.clone();
        worse.cutting.stepdown_mm *= factor;
        no_better(&report(&job), &report(&worse))?;
    }

    /// Harder materials along the chain. The chipload is kept at or above 0.013 mm/tooth per mm of tool
    /// diameter, basswood's floor and the highest in the chain: a harder material accepts thinner chips
    /// (its whole chipload range is lower), so a chip that rubs in basswood can be right in ebony.
    #[test]
    fn harder_material_is_never_better(job in plausible_job(), from in 0usize..5, steps in 1usize..5, k in 0.013f64..0.2) {
        let mut job = job;
        let t = &job.tool;
        job.cutting.feed_mm_min = k * t.diameter_mm * job.cutting.rpm * f64::from(t.flutes);
        job.cutting.plunge_mm_min = job.cutting.plunge_mm_min.min(job.cutting.feed_mm_min);
        job.stock.material = HARDER[from].to_owned();
        let mut worse = job.clone();
        worse.stock.material = HARDER[(from + steps).min(HARDER.len() - 1)].to_owned();
        no_better(&report(&job), &report(&worse))?;
    }

    /// Higher feed once past the chipload maximum. The plunge stays at or under the feed: a faster feed
    /// would otherwise clear F011 (plunge faster than the feed), which is a fix, not a worsening.
    #[test]
    fn higher_feed_past_the_chipload_max_is_never_better(job in plausible_job(), over in 1.0f64..3.0, more in 1.0f64..3.0) {
        let mut job = job;
        let Some(m) = job.material() else { return Ok(()) };
        let t = &job.tool;
        let max_feed = 0.05 * t.diameter_mm * m.chipload_multiplier * job.cutting.rpm * f64::from(t.flutes);
        job.cutting.feed_mm_min = max_feed * over;
        job.cutting.plunge_mm_min = job.cutting.plunge_mm_min.min(job.cutting.feed_mm_min);
        let mut worse = job.clone();
        worse.cutting.feed_mm_min *= more;
        no_better(&report(&job), &report(&worse))?;
    }

    #[test]
    fn classic_rules_are_monotone(c in classic_input(), stick in 0.0f64..100.0, deeper in 0.0f64..20.0, harder in 0u8..4) {
        let mut worse = c.clone();
        worse.tool_stickout_mm = c.tool_stickout_mm.map(|s| s + stick);
        classic_no_better(&c, &worse)?;
        let mut worse = c.clone();
        worse.stepdown += deeper;
        classic_no_better(&c, &worse)?;
        let order = [Hardness::Soft, Hardness::Medium, Hardness::Hard, Hardness::VeryHard];
        let at = order.iter().position(|h| *h == c.hardness).unwrap();
        let mut worse = c.clone();
        worse.hardness = order[(at + usize::from(harder)).min(3)];
        classic_no_better(&c, &worse)?;
    }

    #[test]
    fn adding_a_finding_never_raises_the_score(c in classic_input()) {
        let findings = check_classic(&c);
        for n in 0..findings.len() {
            prop_assert!(score(&findings[..=n]) <= score(&findings[..n]));
        }
    }

    #[test]
    fn client_feasibility_keys_change_nothing_but_the_flag(
        job in plausible_job(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(CLIENT_FEASIBILITY_KEYS.to_vec()), client_value()), 1..6),
    ) {
        let text = job.to_json();
        let clean = Job::from_json(&text);
        let mut value: Value = serde_json::from_str(&text).unwrap();
        let mut pointers = Vec::new();
        object_pointers(&value, String::new(), &mut pointers);
        for (index, key, v) in picks {
            let at = index.get(&pointers);
            value.pointer_mut(at).unwrap().as_object_mut().unwrap().insert(key.to_owned(), v);
        }
        let dirty = Job::from_json(&value.to_string());
        match (clean, dirty) {
            (Ok(clean), Ok(dirty)) => {
                let (a, mut b) = (report(&clean), report(&dirty));
                prop_assert!(b.client_feasibility_ignored && !a.client_feasibility_ignored);
                b.client_feasibility_ignored = false;
                prop_assert_eq!(a, b);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a.err(), b.err()),
        }
    }
}
