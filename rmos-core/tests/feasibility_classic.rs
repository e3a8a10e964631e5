//! Pack 1: every classic F-rule at its boundary, both sides, with the exact findings on each side.

use rmos_core::catalog::Hardness;
use rmos_core::feasibility::{check_classic, Bucket, ClassicInput};

/// One row: `quiet` leaves the rule just inside its boundary, `fire` pushes it just past; each side lists
/// every code the input gives, in order.
struct Case {
    rule: &'static str,
    quiet: fn(&mut ClassicInput),
    quiet_codes: &'static [&'static str],
    fire: fn(&mut ClassicInput),
    fire_codes: &'static [&'static str],
}

/// The base input: soft pocket, 6 mm tool, stepover 0.4, stepdown 1, z −2, feeds 1000 / 500, safe z 5.
fn base() -> ClassicInput {
    ClassicInput::pocket(6.0)
}

fn hard(c: &mut ClassicInput) {
    c.hardness = Hardness::Hard;
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // F001 tool_d <= 0. A 0 mm tool also divides depth by zero (F030) and is under 2 mm (F032); the
    // smallest positive tool makes stepdown / tool_d enormous (F021).
    Case { rule: "F001", quiet: |c| c.tool_d = f64::MIN_POSITIVE, quiet_codes: &["F021", "F030", "F032"],
           fire: |c| c.tool_d = 0.0, fire_codes: &["F001", "F030", "F032"] },
    // F002 stepover > 0.95 (not slot); 0.95 itself only gives F035 (> 0.7).
    Case { rule: "F002", quiet: |c| c.stepover = 0.95, quiet_codes: &["F035"],
           fire: |c| c.stepover = 0.9501, fire_codes: &["F002", "F035"] },
    // F002 for a slot: up to 1.0 allowed.
    Case { rule: "F002", quiet: |c| { c.strategy = "slot".into(); c.stepover = 1.0 }, quiet_codes: &[],
           fire: |c| { c.strategy = "slot".into(); c.stepover = 1.0001 }, fire_codes: &["F002"] },
    // F002 stepover <= 0.
    Case { rule: "F002", quiet: |c| c.stepover = 1e-12, quiet_codes: &[],
           fire: |c| c.stepover = 0.0, fire_codes: &["F002"] },
    Case { rule: "F003", quiet: |c| c.stepdown = 1e-12, quiet_codes: &[],
           fire: |c| c.stepdown = 0.0, fire_codes: &["F003"] },
    Case { rule: "F004", quiet: |c| c.z_rough = -1e-9, quiet_codes: &[],
           fire: |c| c.z_rough = 0.0, fire_codes: &["F004"] },
    Case { rule: "F005", quiet: |c| c.safe_z = 0.001, quiet_codes: &[],
           fire: |c| c.safe_z = 0.0, fire_codes: &["F005"] },
    Case { rule: "F006", quiet: |c| c.has_closed_paths = Some(true), quiet_codes: &[],
           fire: |c| c.has_closed_paths = Some(false), fire_codes: &["F006"] },
    Case { rule: "F007", quiet: |c| c.loop_count = Some(1), quiet_codes: &[],
           fire: |c| c.loop_count = Some(0), fire_codes: &["F007"] },
    Case { rule: "F007", quiet: |c| c.loop_count = None, quiet_codes: &[],
           fire: |c| c.loop_count = Some(-5), fire_codes: &["F007"] },
    // F020 hard and stepdown > 1.5 × 6 = 9. At 9: F031 (3 < 9 <= 9), F012 (> 3), F037 (hard, stepdown > 2).
    Case { rule: "F020", quiet: |c| { hard(c); c.stepdown = 9.0 }, quiet_codes: &["F012", "F031", "F037"],
           fire: |c| { hard(c); c.stepdown = 9.01 }, fire_codes: &["F020", "F012", "F037"] },
    // F021 stepdown / tool_d > 5: 30 / 6 = 5 exactly.
    Case { rule: "F021", quiet: |c| c.stepdown = 30.0, quiet_codes: &["F012"],
           fire: |c| c.stepdown = 30.0001, fire_codes: &["F021", "F012"] },
    // F022 depth (2) > material thickness.
    Case { rule: "F022", quiet: |c| c.material_thickness_mm = Some(2.0), quiet_codes: &[],
           fire: |c| c.material_thickness_mm = Some(1.99), fire_codes: &["F022"] },
    // F023, one finding per dimension; a zero width also fits no tool (F025).
    Case { rule: "F023", quiet: |c| c.geometry_width_mm = Some(6.0), quiet_codes: &[],
           fire: |c| c.geometry_width_mm = Some(0.0), fire_codes: &["F023", "F025"] },
    Case { rule: "F023", quiet: |c| c.geometry_length_mm = Some(1e-9), quiet_codes: &[],
           fire: |c| c.geometry_length_mm = Some(0.0), fire_codes: &["F023"] },
    Case { rule: "F023", quiet: |c| c.geometry_depth_mm = Some(0.001), quiet_codes: &[],
           fire: |c| c.geometry_depth_mm = Some(-1.0), fire_codes: &["F023"] },
    Case { rule: "F023",
           quiet: |c| { c.geometry_width_mm = Some(7.0); c.geometry_length_mm = Some(7.0) }, quiet_codes: &[],
           fire: |c| { c.geometry_width_mm = Some(-1.0); c.geometry_length_mm = Some(0.0); c.geometry_depth_mm = Some(0.0) },
           fire_codes: &["F023", "F023", "F023", "F025"] },
    Case { rule: "F024", quiet: |c| c.hardness = Hardness::Extreme, quiet_codes: &[],
           fire: |c| c.hardness = Hardness::Unknown, fire_codes: &["F024"] },
    Case { rule: "F025", quiet: |c| c.geometry_width_mm = Some(6.0), quiet_codes: &[],
           fire: |c| c.geometry_width_mm = Some(5.99), fire_codes: &["F025"] },
    // F026 stickout / tool_d > 8 (soft): 48 / 6 = 8.
    Case { rule: "F026", quiet: |c| c.tool_stickout_mm = Some(48.0), quiet_codes: &[],
           fire: |c| c.tool_stickout_mm = Some(48.001), fire_codes: &["F026"] },
    // F026 > 5 in the hard set: 30 / 6 = 5.
    Case { rule: "F026", quiet: |c| { hard(c); c.tool_stickout_mm = Some(30.0) }, quiet_codes: &[],
           fire: |c| { hard(c); c.tool_stickout_mm = Some(30.001) }, fire_codes: &["F026"] },
    // F027 resinous, tool under 3 mm, no coolant.
    Case { rule: "F027", quiet: |c| { c.resinous = true; c.tool_d = 3.0 }, quiet_codes: &[],
           fire: |c| { c.resinous = true; c.tool_d = 2.99 }, fire_codes: &["F027"] },
    Case { rule: "F027", quiet: |c| { c.resinous = true; c.tool_d = 2.99; c.coolant = true }, quiet_codes: &[],
           fire: |c| { c.resinous = true; c.tool_d = 2.99; c.coolant = false }, fire_codes: &["F027"] },
    // F027's second finding: resinous and very-hard (F037 counts very-hard once: not enough alone).
    Case { rule: "F027", quiet: |c| { c.resinous = true; c.hardness = Hardness::Hard }, quiet_codes: &[],
           fire: |c| { c.resinous = true; c.hardness = Hardness::VeryHard }, fire_codes: &["F027"] },
    // Both F027 findings; F029 counts only hard and tool < 3.
    Case { rule: "F027", quiet: |c| { c.resinous = true; c.hardness = Hardness::Extreme; c.coolant = true; c.tool_d = 2.5 },
           quiet_codes: &["F027"],
           fire: |c| { c.resinous = true; c.hardness = Hardness::Extreme; c.tool_d = 2.5 }, fire_codes: &["F027", "F027"] },
    // The spec's boundary: wall 0.99 gives F028, 1.0 gives F036.
    Case { rule: "F028", quiet: |c| c.wall_thickness_mm = Some(1.0), quiet_codes: &["F036"],
           fire: |c| c.wall_thickness_mm = Some(0.99), fire_codes: &["F028"] },
    // F029: hard, tool under 3, stepover over 0.7 (also F035, and F037 for hard + stepover > 0.5).
    Case { rule: "F029", quiet: |c| { hard(c); c.tool_d = 2.5; c.stepover = 0.7 }, quiet_codes: &["F037"],
           fire: |c| { hard(c); c.tool_d = 2.5; c.stepover = 0.71 }, fire_codes: &["F029", "F035", "F037"] },
    // F029: tool under 3, stepdown over 5, wall under 2 (F012 > 3, F036 wall, F037 stepdown > 2 and wall < 3).
    Case { rule: "F029", quiet: |c| { c.tool_d = 2.5; c.stepdown = 5.0; c.wall_thickness_mm = Some(1.99) },
           quiet_codes: &["F012", "F036", "F037"],
           fire: |c| { c.tool_d = 2.5; c.stepdown = 5.01; c.wall_thickness_mm = Some(1.99) },
           fire_codes: &["F029", "F012", "F036", "F037"] },
    // F029: depth past the flutes counts too (with F033).
    Case { rule: "F029", quiet: |c| { hard(c); c.tool_d = 2.5; c.tool_flute_length_mm = Some(2.0) }, quiet_codes: &[],
           fire: |c| { hard(c); c.tool_d = 2.5; c.tool_flute_length_mm = Some(1.99) }, fire_codes: &["F029", "F033"] },
    Case { rule: "F033", quiet: |c| c.tool_flute_length_mm = Some(2.0), quiet_codes: &[],
           fire: |c| c.tool_flute_length_mm = Some(1.99), fire_codes: &["F033"] },
    // F041: hard, depth >= 3 × 6 = 18, stepover >= 0.6 (also F030 and F037).
    Case { rule: "F041", quiet: |c| { hard(c); c.z_rough = -18.0; c.stepover = 0.5999 }, quiet_codes: &["F030", "F037"],
           fire: |c| { hard(c); c.z_rough = -18.0; c.stepover = 0.6 }, fire_codes: &["F041", "F030", "F037"] },
    // F041: depth, stepdown >= 3, complex geometry (F039); F037 for depth > 12 and stepdown > 2.
    Case { rule: "F041", quiet: |c| { c.geometry_complex = true; c.z_rough = -18.0; c.stepdown = 2.99 },
           quiet_codes: &["F030", "F037", "F039"],
           fire: |c| { c.geometry_complex = true; c.z_rough = -18.0; c.stepdown = 3.0 },
           fire_codes: &["F041", "F030", "F037", "F039"] },
    // F041: wall <= 3 counts (wall 3 also: F037 needs < 3).
    Case { rule: "F041", quiet: |c| { hard(c); c.stepdown = 3.0; c.wall_thickness_mm = Some(3.01) }, quiet_codes: &["F037"],
           fire: |c| { hard(c); c.stepdown = 3.0; c.wall_thickness_mm = Some(3.0) }, fire_codes: &["F041", "F037"] },
    Case { rule: "F010", quiet: |c| c.smallest_feature_mm = Some(6.0), quiet_codes: &[],
           fire: |c| c.smallest_feature_mm = Some(5.99), fire_codes: &["F010"] },
    Case { rule: "F011", quiet: |c| c.feed_z = 1000.0, quiet_codes: &[],
           fire: |c| c.feed_z = 1000.01, fire_codes: &["F011"] },
    // The spec's boundary: stepdown 3.0 is GREEN, 3.01 gives F012.
    Case { rule: "F012", quiet: |c| c.stepdown = 3.0, quiet_codes: &[],
           fire: |c| c.stepdown = 3.01, fire_codes: &["F012"] },
    Case { rule: "F013", quiet: |c| c.loop_count = Some(1000), quiet_codes: &[],
           fire: |c| c.loop_count = Some(1001), fire_codes: &["F013"] },
    // F030 depth / tool_d > 2: 12 / 6 = 2.
    Case { rule: "F030", quiet: |c| c.z_rough = -12.0, quiet_codes: &[],
           fire: |c| c.z_rough = -12.01, fire_codes: &["F030"] },
    // F031 hard and 0.5 × 4 = 2 < stepdown (F037: hard and stepdown > 2).
    Case { rule: "F031", quiet: |c| { hard(c); c.tool_d = 4.0; c.stepdown = 2.0 }, quiet_codes: &[],
           fire: |c| { hard(c); c.tool_d = 4.0; c.stepdown = 2.01 }, fire_codes: &["F031", "F037"] },
    // Soft material: no F031; extreme is in the hard set (F031) but not counted by F037.
    Case { rule: "F031", quiet: |c| { c.tool_d = 4.0; c.stepdown = 2.01 }, quiet_codes: &[],
           fire: |c| { c.hardness = Hardness::Extreme; c.tool_d = 4.0; c.stepdown = 2.01 }, fire_codes: &["F031"] },
    Case { rule: "F032", quiet: |c| c.tool_d = 2.0, quiet_codes: &[],
           fire: |c| c.tool_d = 1.99, fire_codes: &["F032"] },
    // F034 slot and depth / width > 2: 12 / 6 = 2 (F030 too past it).
    Case { rule: "F034", quiet: |c| { c.strategy = "slot".into(); c.geometry_width_mm = Some(6.0); c.z_rough = -12.0 },
           quiet_codes: &[],
           fire: |c| { c.strategy = "slot".into(); c.geometry_width_mm = Some(6.0); c.z_rough = -12.01 },
           fire_codes: &["F030", "F034"] },
    Case { rule: "F034", quiet: |c| { c.geometry_width_mm = Some(6.0); c.z_rough = -12.01 }, quiet_codes: &["F030"],
           fire: |c| { c.strategy = "slot".into(); c.geometry_width_mm = Some(6.0); c.z_rough = -12.01 },
           fire_codes: &["F030", "F034"] },
    Case { rule: "F035", quiet: |c| c.stepover = 0.7, quiet_codes: &[],
           fire: |c| c.stepover = 0.7001, fire_codes: &["F035"] },
    Case { rule: "F035", quiet: |c| { c.strategy = "slot".into(); c.stepover = 0.8 }, quiet_codes: &[],
           fire: |c| { c.strategy = "profile".into(); c.stepover = 0.8 }, fire_codes: &["F035"] },
    Case { rule: "F036", quiet: |c| c.wall_thickness_mm = Some(2.0), quiet_codes: &[],
           fire: |c| c.wall_thickness_mm = Some(1.99), fire_codes: &["F036"] },
    // F037 two of: stepover > 0.5, stepdown > 2.
    Case { rule: "F037", quiet: |c| { c.stepover = 0.51; c.stepdown = 2.0 }, quiet_codes: &[],
           fire: |c| { c.stepover = 0.51; c.stepdown = 2.01 }, fire_codes: &["F037"] },
    // F037 two of: hard, wall < 3.
    Case { rule: "F037", quiet: |c| { hard(c); c.wall_thickness_mm = Some(3.0) }, quiet_codes: &[],
           fire: |c| { hard(c); c.wall_thickness_mm = Some(2.99) }, fire_codes: &["F037"] },
    // F037 two of: depth > 2 × 6, stepover > 0.5 (F030 with the depth).
    Case { rule: "F037", quiet: |c| { c.z_rough = -12.01; c.stepover = 0.5 }, quiet_codes: &["F030"],
           fire: |c| { c.z_rough = -12.01; c.stepover = 0.51 }, fire_codes: &["F030", "F037"] },
    // F037 counts hard and very-hard but not extreme.
    Case { rule: "F037", quiet: |c| { c.hardness = Hardness::Extreme; c.stepover = 0.51 }, quiet_codes: &[],
           fire: |c| { c.hardness = Hardness::VeryHard; c.stepover = 0.51 }, fire_codes: &["F037"] },
    Case { rule: "F038", quiet: |c| c.floor_thickness_mm = Some(2.0), quiet_codes: &[],
           fire: |c| c.floor_thickness_mm = Some(1.99), fire_codes: &["F038"] },
    Case { rule: "F039", quiet: |c| c.geometry_complex = false, quiet_codes: &[],
           fire: |c| c.geometry_complex = true, fire_codes: &["F039"] },
    Case { rule: "F040", quiet: |c| c.feed_override_percent = Some(120.0), quiet_codes: &[],
           fire: |c| c.feed_override_percent = Some(120.01), fire_codes: &["F040"] },
    Case { rule: "F040", quiet: |c| c.feed_override_percent = Some(80.0), quiet_codes: &[],
           fire: |c| c.feed_override_percent = Some(79.99), fire_codes: &["F040"] },
];

/// Buckets of the spec's table.
fn spec_bucket(code: &str) -> Bucket {
    let n: u32 = code[1..].parse().unwrap();
    match n {
        1..=7 | 20..=29 | 33 | 41 => Bucket::Red,
        10..=13 | 30..=32 | 34..=40 => Bucket::Yellow,
        _ => panic!("not a spec code: {code}"),
    }
}

#[test]
fn base_input_has_no_findings() {
    assert!(check_classic(&base()).is_empty());
}

#[test]
fn every_rule_at_its_boundary_both_sides() {
    for case in CASES {
        let mut quiet = base();
        (case.quiet)(&mut quiet);
        let mut fire = base();
        (case.fire)(&mut fire);
        let quiet_findings = check_classic(&quiet);
        let fire_findings = check_classic(&fire);
        let codes =
            |f: &[rmos_core::feasibility::Finding]| f.iter().map(|f| f.code.clone()).collect::<Vec<_>>();
        assert_eq!(
            codes(&quiet_findings),
            case.quiet_codes,
            "{} quiet side",
            case.rule
        );
        assert_eq!(codes(&fire_findings), case.fire_codes, "{} fire side", case.rule);
        let fired = fire_findings.iter().filter(|f| f.code == case.rule).count();
        let before = quiet_findings.iter().filter(|f| f.code == case.rule).count();
        assert!(fired > before, "{} must fire more past its boundary", case.rule);
        for f in &fire_findings {
            assert_eq!(f.bucket, spec_bucket(&f.code), "{} bucket", f.code);
            assert_eq!(f.operation, None);
        }
    }
}

#[test]
fn every_spec_code_is_in_the_table() {
    let spec: Vec<String> = (1..=7)
        .chain(10..=13)
        .chain(20..=41)
        .map(|n| format!("F{n:03}"))
        .collect();
    for code in &spec {
        assert!(
            CASES.iter().any(|c| c.rule == code),
            "{code} has no boundary case"
        );
    }
    assert_eq!(spec.len(), 33);
}

#[test]
fn findings_follow_the_documented_order() {
    // Everything at once: each code's rank in the documented order must never go down.
    let order: Vec<String> = (1..=7)
        .chain(20..=29)
        .chain([33, 41])
        .chain(10..=13)
        .chain(30..=32)
        .chain(34..=40)
        .map(|n| format!("F{n:03}"))
        .collect();
    let mut c = base();
    c.tool_d = 1.0;
    c.stepover = 0.96;
    c.stepdown = 6.0;
    c.z_rough = -20.0;
    c.safe_z = 0.0;
    c.feed_z = 2000.0;
    c.has_closed_paths = Some(false);
    c.loop_count = Some(2000);
    c.hardness = Hardness::VeryHard;
    c.resinous = true;
    c.material_thickness_mm = Some(10.0);
    c.geometry_width_mm = Some(0.5);
    c.wall_thickness_mm = Some(0.5);
    c.smallest_feature_mm = Some(0.5);
    c.tool_flute_length_mm = Some(5.0);
    c.tool_stickout_mm = Some(20.0);
    c.floor_thickness_mm = Some(1.0);
    c.geometry_complex = true;
    c.feed_override_percent = Some(150.0);
    let codes: Vec<String> = check_classic(&c).into_iter().map(|f| f.code).collect();
    assert_eq!(
        codes,
        [
            "F002", "F005", "F006", "F020", "F021", "F022", "F025", "F026", "F027", "F027", "F028", "F029",
            "F033", "F041", "F010", "F011", "F012", "F013", "F030", "F032", "F035", "F037", "F038", "F039",
            "F040"
        ]
    );
    let ranks: Vec<usize> = codes
        .iter()
        .map(|c| order.iter().position(|o| o == c).unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn findings_carry_value_and_limit() {
    let mut c = base();
    c.stepdown = 3.01;
    let f = &check_classic(&c)[0];
    assert_eq!(
        (f.code.as_str(), f.value, f.limit),
        ("F012", Some(3.01), Some(3.0))
    );
    assert_eq!(f.message, "stepdown 3.01 mm is over 3 mm per pass");

    let mut c = base();
    c.tool_stickout_mm = Some(60.0);
    let f = &check_classic(&c)[0];
    assert_eq!((f.value, f.limit), (Some(10.0), Some(8.0)));
    assert_eq!(
        f.message,
        "stickout 60 mm is 10 × the tool diameter, over 8 in a soft material"
    );
}

#[test]
fn depth_is_the_geometry_depth_when_given() {
    let mut c = base();
    c.z_rough = -2.0;
    c.geometry_depth_mm = Some(13.0); // 13 / 6 > 2
    assert_eq!(
        check_classic(&c)
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>(),
        ["F030"]
    );
    assert_eq!(c.depth(), 13.0);
    c.geometry_depth_mm = None;
    assert_eq!(c.depth(), 2.0);
}
