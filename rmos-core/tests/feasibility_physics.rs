//! Pack 2: each physics rule with a hand-computed case on both sides of its limits.

mod feasibility_support;

use feasibility_support::{base, close, eval, found, frets, one, rosette, set, with};
use rmos_core::feasibility::{evaluate, Bucket, Thresholds};
use rmos_core::job::fret_position_mm;
use serde_json::json;

#[test]
fn base_job_is_green() {
    let r = eval(&base());
    assert_eq!(r.bucket, Bucket::Green, "{:?}", r.findings);
    assert_eq!(r.score, 100.0);
    let r = eval(&frets());
    assert_eq!(
        found(&r, "CHIPLOAD_LOW").len() + found(&r, "CHIPLOAD_HIGH").len(),
        0
    );
}

#[test]
fn chipload_high_yellow_then_red() {
    // Mahogany (multiplier 1.0), 6.35 mm: max = 0.050 × 6.35 × 1.0 = 0.3175 mm/tooth; RED above
    // 1.5 × 0.3175 = 0.47625. The machine is given room so FEED_LIMIT stays out of it.
    let mut v = with("/machine/max_feed_mm_min", json!(40000));
    set(&mut v, "/cutting/feed_mm_min", json!(11000)); // 11000 / (18000 × 2) = 0.30556: inside
    assert!(found(&eval(&v), "CHIPLOAD_HIGH").is_empty());
    set(&mut v, "/cutting/feed_mm_min", json!(12000)); // 12000 / 36000 = 0.33333 > 0.3175
    let r = eval(&v);
    let f = one(&r, "CHIPLOAD_HIGH");
    assert_eq!(f.bucket, Bucket::Yellow);
    assert!(close(f.value.unwrap(), 1.0 / 3.0) && close(f.limit.unwrap(), 0.3175));
    assert_eq!(f.operation, None);
    set(&mut v, "/cutting/feed_mm_min", json!(18000)); // 0.5 > 0.47625
    let r = eval(&v);
    let f = one(&r, "CHIPLOAD_HIGH");
    assert_eq!(f.bucket, Bucket::Red);
    assert!(close(f.value.unwrap(), 0.5) && close(f.limit.unwrap(), 0.47625));
    assert_eq!(
        f.message,
        "chipload 0.5 mm/tooth (18000 mm/min / (18000 rpm × 2 flutes)) is over 0.4763 mm/tooth \
         (the most honduran mahogany with a 6.35 mm tool takes is 0.3175 mm/tooth): tear-out and tool breakage"
    );
}

#[test]
fn chipload_low_yellow_then_red() {
    // min = 0.010 × 6.35 = 0.0635 mm/tooth; RED below half: 0.03175.
    let v = with("/cutting/feed_mm_min", json!(2400)); // 2400 / 36000 = 0.0667: inside
    assert!(found(&eval(&v), "CHIPLOAD_LOW").is_empty());
    let r = eval(&with("/cutting/feed_mm_min", json!(2000))); // 0.0556 < 0.0635
    let f = one(&r, "CHIPLOAD_LOW");
    assert_eq!(f.bucket, Bucket::Yellow);
    assert!(close(f.value.unwrap(), 2000.0 / 36000.0) && close(f.limit.unwrap(), 0.0635));
    let mut v = with("/cutting/feed_mm_min", json!(1000)); // 0.0278 < 0.03175
    set(&mut v, "/cutting/plunge_mm_min", json!(500));
    let f = one(&eval(&v), "CHIPLOAD_LOW").clone();
    assert_eq!(f.bucket, Bucket::Red);
    assert!(close(f.limit.unwrap(), 0.03175));
}

#[test]
fn chipload_sanity_cases_are_inside_the_range() {
    // 0.6 mm two-flute at 24000 rpm, 0.018 mm/tooth (864 mm/min) in rosewood:
    // range 0.6 × 0.7 × [0.010, 0.050] = [0.0042, 0.021].
    let mut v = frets();
    set(&mut v, "/cutting/feed_mm_min", json!(864));
    let r = eval(&v);
    assert!(found(&r, "CHIPLOAD_LOW").is_empty() && found(&r, "CHIPLOAD_HIGH").is_empty());
    // 1/16" at 18000 rpm and 1200 mm/min in spruce: 0.0333 in 1.5875 × 1.15 × [0.01, 0.05] = [0.0183, 0.0913].
    let v = rosette(106.0, 120.0, 2, 100.0, 0.0);
    let r = eval(&v);
    assert!(found(&r, "CHIPLOAD_LOW").is_empty() && found(&r, "CHIPLOAD_HIGH").is_empty());
    // 6.35 mm in hard maple at 18000 rpm / 3000 mm/min: 0.0833 in 6.35 × 0.85 × [0.01, 0.05] = [0.054, 0.27].
    let v = with("/stock/material", json!("maple_hard"));
    let r = eval(&v);
    assert!(found(&r, "CHIPLOAD_LOW").is_empty() && found(&r, "CHIPLOAD_HIGH").is_empty());
}

#[test]
fn surface_speed() {
    // Carbide: 1500 m/min, RED above 1.25 × 1500 = 1875. π × 20 × 24000 / 1000 = 1507.96.
    let mut v = with("/tool/diameter_mm", json!(20));
    set(&mut v, "/cutting/rpm", json!(24000));
    let r = eval(&v);
    let f = one(&r, "SURFACE_SPEED_HIGH");
    assert_eq!(f.bucket, Bucket::Yellow);
    assert!(close(f.value.unwrap(), std::f64::consts::PI * 20.0 * 24.0) && close(f.limit.unwrap(), 1500.0));
    // HSS: 600 m/min, RED above 750. π × 8 × 24000 / 1000 = 603.19; π × 10 × 24000 / 1000 = 753.98.
    set(&mut v, "/tool/tool_material", json!("hss"));
    set(&mut v, "/tool/diameter_mm", json!(8));
    assert_eq!(one(&eval(&v), "SURFACE_SPEED_HIGH").bucket, Bucket::Yellow);
    set(&mut v, "/tool/diameter_mm", json!(10));
    let r = eval(&v);
    let f = one(&r, "SURFACE_SPEED_HIGH");
    assert_eq!((f.bucket, f.limit), (Bucket::Red, Some(750.0)));
    // HSS 6.35 mm at 24000: π × 6.35 × 24 = 478.8 m/min: fine.
    set(&mut v, "/tool/diameter_mm", json!(6.35));
    assert!(found(&eval(&v), "SURFACE_SPEED_HIGH").is_empty());
}

#[test]
fn deflection_hand_computed() {
    // Mahogany kc = 40 N/mm², fz = 3000 / 36000 = 0.083333 mm, ap = min(2, 6) = 2 mm:
    //   F = 40 × 0.083333 × 2 = 6.6667 N.
    // Core 0.8 × 6.35 = 5.08 mm: I = π × 5.08⁴ / 64 = π × 665.97 / 64 = 32.691 mm⁴. E = 600000 N/mm².
    // Stickout 60: δ = 6.6667 × 60³ / (3 × 600000 × 32.691) = 1 440 000 / 58 843 000 = 0.02447 mm (fine).
    // Stickout 80: δ = 6.6667 × 512 000 / 58 843 000 = 0.05801 mm > 0.05 (YELLOW).
    // Stickout 120: δ = 6.6667 × 1 728 000 / 58 843 000 = 0.19578 mm > 0.15 (RED).
    let inertia = std::f64::consts::PI * 5.08f64.powi(4) / 64.0;
    let delta = |l: f64| (40.0 * (3000.0 / 36000.0) * 2.0) * l.powi(3) / (3.0 * 600_000.0 * inertia);
    assert!((delta(60.0) - 0.02447).abs() < 1e-5);
    assert!(found(&eval(&with("/tool/stickout_mm", json!(60))), "DEFLECTION_HIGH").is_empty());
    let r = eval(&with("/tool/stickout_mm", json!(80)));
    let f = one(&r, "DEFLECTION_HIGH");
    assert_eq!(
        (f.bucket, f.limit, f.operation),
        (Bucket::Yellow, Some(0.05), Some(0))
    );
    assert!(close(f.value.unwrap(), delta(80.0)) && (f.value.unwrap() - 0.05801).abs() < 1e-5);
    let r = eval(&with("/tool/stickout_mm", json!(120)));
    let f = one(&r, "DEFLECTION_HIGH");
    assert_eq!((f.bucket, f.limit), (Bucket::Red, Some(0.15)));
    assert!(close(f.value.unwrap(), delta(120.0)) && (f.value.unwrap() - 0.19578).abs() < 1e-5);
    assert_eq!(
        f.message,
        "tool deflection 0.1958 mm is over 0.15 mm (cutting force 6.6667 N on a 6.35 mm tool at 120 mm stickout)"
    );
    // The pass depth is min(stepdown, depth): a 1 mm deep pocket loads the tool half as much.
    let mut v = with("/tool/stickout_mm", json!(80));
    set(&mut v, "/operations/0/depth_mm", json!(1));
    assert!(found(&eval(&v), "DEFLECTION_HIGH").is_empty()); // 0.05801 / 2 = 0.029
                                                             // HSS bends 600000 / 210000 = 2.857 times more: 0.02447 × 2.857 = 0.0699 > 0.05.
    let mut v = with("/tool/stickout_mm", json!(60));
    set(&mut v, "/tool/tool_material", json!("hss"));
    let r = eval(&v);
    let f = one(&r, "DEFLECTION_HIGH");
    assert!(close(f.value.unwrap(), delta(60.0) * 600_000.0 / 210_000.0));
    // The limits come from the policy.
    let t = Thresholds {
        deflection_yellow_mm: 0.02,
        ..Thresholds::default()
    };
    let job = feasibility_support::job(&with("/tool/stickout_mm", json!(60)));
    assert_eq!(one(&evaluate(&job, &t), "DEFLECTION_HIGH").limit, Some(0.02));
}

#[test]
fn spindle_range() {
    // 25000 rpm: over the machine's 24000 (RED) and over mahogany's 12000–24000 (YELLOW).
    let r = eval(&with("/cutting/rpm", json!(25000)));
    let spindle = found(&r, "SPINDLE_RANGE");
    assert_eq!(spindle.len(), 2);
    assert_eq!(
        (spindle[0].bucket, spindle[0].value, spindle[0].limit),
        (Bucket::Red, Some(25000.0), Some(24000.0))
    );
    assert_eq!(
        (spindle[1].bucket, spindle[1].limit),
        (Bucket::Yellow, Some(24000.0))
    );
    assert_eq!(
        spindle[0].message,
        "spindle 25000 rpm is outside the machine's 8000–24000 rpm"
    );
    // 10000 rpm: the machine can, mahogany wants 12000 at least.
    let r = eval(&with("/cutting/rpm", json!(10000)));
    let f = one(&r, "SPINDLE_RANGE");
    assert_eq!((f.bucket, f.limit), (Bucket::Yellow, Some(12000.0)));
    assert!(found(&eval(&with("/cutting/rpm", json!(12000))), "SPINDLE_RANGE").is_empty());
    assert!(found(&eval(&with("/cutting/rpm", json!(24000))), "SPINDLE_RANGE").is_empty());
}

#[test]
fn feed_and_plunge_limits() {
    // Machine 6000 mm/min: YELLOW above 0.9 × 6000 = 5400, RED above 6000.
    assert!(found(&eval(&with("/cutting/feed_mm_min", json!(5400))), "FEED_LIMIT").is_empty());
    let r = eval(&with("/cutting/feed_mm_min", json!(5401)));
    let f = one(&r, "FEED_LIMIT");
    assert_eq!(
        (f.bucket, f.value, f.limit),
        (Bucket::Yellow, Some(5401.0), Some(5400.0))
    );
    let r = eval(&with("/cutting/feed_mm_min", json!(6001)));
    assert_eq!(one(&r, "FEED_LIMIT").bucket, Bucket::Red);
    // Plunge: 1500 mm/min machine, YELLOW above 1350.
    assert!(found(
        &eval(&with("/cutting/plunge_mm_min", json!(1350))),
        "PLUNGE_LIMIT"
    )
    .is_empty());
    let r = eval(&with("/cutting/plunge_mm_min", json!(1351)));
    assert_eq!(one(&r, "PLUNGE_LIMIT").limit, Some(1350.0));
    let r = eval(&with("/cutting/plunge_mm_min", json!(1501)));
    let f = one(&r, "PLUNGE_LIMIT");
    assert_eq!((f.bucket, f.limit), (Bucket::Red, Some(1500.0)));
    // Feeds are taken as run: 4000 at a 150 % override is 6000 (YELLOW; F040 for the override itself).
    let mut v = with("/cutting/feed_mm_min", json!(4000));
    set(&mut v, "/cutting/feed_override_percent", json!(150));
    let r = eval(&v);
    let f = one(&r, "FEED_LIMIT");
    assert_eq!((f.bucket, f.value), (Bucket::Yellow, Some(6000.0)));
    assert_eq!(one(&r, "F040").bucket, Bucket::Yellow);
}

#[test]
fn envelope() {
    // The 60 mm pocket from x = 780 to 840: past the 800 mm X travel (and entirely off the 500 mm stock).
    let r = eval(&with("/operations/0/corner_mm", json!([780, 100])));
    let f = one(&r, "ENVELOPE");
    assert_eq!(
        (f.bucket, f.value, f.limit, f.operation),
        (Bucket::Red, Some(840.0), Some(800.0), Some(0))
    );
    assert_eq!(
        f.message,
        "the cutter reaches x = 840 mm, outside the machine's 0–800 mm x travel"
    );
    let through = one(&r, "THROUGH_STOCK");
    assert_eq!((through.bucket, through.value), (Bucket::Red, None));
    // A drilled hole's radius counts: a 10 mm hole at y = 4 reaches y = −1.
    let mut v = base();
    set(
        &mut v,
        "/operations/0",
        json!({"op": "drill_pattern", "points_mm": [[50, 4]], "diameter_mm": 10, "depth_mm": 5, "peck_mm": 2}),
    );
    let r = eval(&v);
    assert_eq!(one(&r, "ENVELOPE").value, Some(-1.0));
    // An outside profile sweeps a full tool diameter past its line: 6.35 from x = 6 is −0.35.
    set(
        &mut v,
        "/operations/0",
        json!({"op": "contour_profile", "points_mm": [[6, 10], [100, 10], [100, 100]], "side": "outside", "depth_mm": 3}),
    );
    let r = eval(&v);
    assert!(close(one(&r, "ENVELOPE").value.unwrap(), -0.35));
    set(&mut v, "/operations/0/points_mm/0/0", json!(6.35));
    assert!(found(&eval(&v), "ENVELOPE").is_empty());
    // Z: safe z 5 + depth 6 = 11 mm must fit the Z travel.
    let r = eval(&with("/machine/travel_mm", json!([800, 600, 10.99])));
    let f = one(&r, "ENVELOPE");
    assert_eq!((f.value, f.limit), (Some(11.0), Some(10.99)));
    assert!(found(
        &eval(&with("/machine/travel_mm", json!([800, 600, 11]))),
        "ENVELOPE"
    )
    .is_empty());
    // Safe z above the Z travel: a job-level finding first, then the operation's span.
    let r = eval(&with("/machine/travel_mm", json!([800, 600, 4])));
    let env = found(&r, "ENVELOPE");
    assert_eq!(env.len(), 2);
    assert_eq!(
        (env[0].operation, env[0].value, env[0].limit),
        (None, Some(5.0), Some(4.0))
    );
    assert_eq!(env[1].operation, Some(0));
}

#[test]
fn through_stock() {
    // 20 mm stock: 20 deep is through, 20.01 cuts 0.01 into the spoilboard (also F022).
    let r = eval(&with("/operations/0/depth_mm", json!(20)));
    assert!(found(&r, "THROUGH_STOCK").is_empty());
    let r = eval(&with("/operations/0/depth_mm", json!(20.01)));
    let f = one(&r, "THROUGH_STOCK");
    assert_eq!(
        (f.bucket, f.value, f.limit),
        (Bucket::Red, Some(20.01), Some(20.0))
    );
    assert_eq!(one(&r, "F022").bucket, Bucket::Red);
    // Partly off the 500 × 400 stock: the pocket runs to x = 510 (YELLOW).
    let r = eval(&with("/operations/0/corner_mm", json!([450, 100])));
    let f = one(&r, "THROUGH_STOCK");
    assert_eq!(
        (f.bucket, f.value, f.limit),
        (Bucket::Yellow, Some(510.0), Some(500.0))
    );
    // Touching the edge is on the stock.
    assert!(found(
        &eval(&with("/operations/0/corner_mm", json!([440, 0]))),
        "THROUGH_STOCK"
    )
    .is_empty());
}

#[test]
fn tool_too_wide() {
    // A 6.34 mm wide pocket for a 6.35 mm tool (F025 agrees); 6.35 wide fits.
    let mut v = with("/operations/0/size_mm", json!([6.34, 40]));
    set(&mut v, "/operations/0/corner_radius_mm", json!(3));
    let r = eval(&v);
    let f = one(&r, "TOOL_TOO_WIDE");
    assert_eq!(
        (f.bucket, f.value, f.limit),
        (Bucket::Red, Some(6.35), Some(6.34))
    );
    assert_eq!(f.message, "the 6.35 mm tool is wider than the 6.34 mm pocket");
    set(&mut v, "/operations/0/size_mm", json!([6.35, 40]));
    assert!(found(&eval(&v), "TOOL_TOO_WIDE").is_empty());
    // A 6 mm hole, drilled or cut as a circle inside.
    let mut v = base();
    set(
        &mut v,
        "/operations/0",
        json!({"op": "drill_pattern", "points_mm": [[50, 50]], "diameter_mm": 6, "depth_mm": 5, "peck_mm": 2}),
    );
    assert_eq!(one(&eval(&v), "TOOL_TOO_WIDE").limit, Some(6.0));
    set(
        &mut v,
        "/operations/0",
        json!({"op": "circle_cut", "center_mm": [50, 50], "diameter_mm": 6, "depth_mm": 5, "side": "inside"}),
    );
    assert_eq!(
        one(&eval(&v), "TOOL_TOO_WIDE").message,
        "the 6.35 mm tool is wider than the 6 mm hole"
    );
    set(&mut v, "/operations/0/side", json!("outside"));
    assert!(found(&eval(&v), "TOOL_TOO_WIDE").is_empty());
    // Rosette: 4 rings in a 5 mm annulus are 5 / 7 = 0.714 mm each, under the 1.5875 mm tool.
    let r = eval(&rosette(106.0, 116.0, 4, 100.0, 0.0));
    let f = one(&r, "TOOL_TOO_WIDE");
    assert!(close(f.limit.unwrap(), 5.0 / 7.0));
    assert_eq!(f.operation, Some(0));
}

#[test]
fn flute_length() {
    // 25 mm flutes: YELLOW past 0.9 × 25 = 22.5, RED past 25 (F033 agrees). Stock 40 mm thick.
    let mut v = with("/stock/thickness_mm", json!(40));
    set(&mut v, "/operations/0/depth_mm", json!(22.5));
    assert!(found(&eval(&v), "FLUTE_LENGTH").is_empty());
    set(&mut v, "/operations/0/depth_mm", json!(22.6));
    let r = eval(&v);
    let f = one(&r, "FLUTE_LENGTH");
    assert_eq!((f.bucket, f.limit), (Bucket::Yellow, Some(22.5)));
    set(&mut v, "/operations/0/depth_mm", json!(25.1));
    let r = eval(&v);
    let f = one(&r, "FLUTE_LENGTH");
    assert_eq!(
        (f.bucket, f.value, f.limit),
        (Bucket::Red, Some(25.1), Some(25.0))
    );
    assert_eq!(one(&r, "F033").bucket, Bucket::Red);
}

#[test]
fn depth_per_pass() {
    // Mahogany: min(12 mm, 0.5 × 6.35 = 3.175 mm); RED above 2 × 3.175 = 6.35. Pocket 10 mm deep.
    let mut v = with("/operations/0/depth_mm", json!(10));
    set(&mut v, "/cutting/stepdown_mm", json!(3.175));
    assert!(found(&eval(&v), "DEPTH_PER_PASS").is_empty());
    set(&mut v, "/cutting/stepdown_mm", json!(3.2));
    let r = eval(&v);
    let f = one(&r, "DEPTH_PER_PASS");
    assert_eq!(
        (f.bucket, f.value, f.limit),
        (Bucket::Yellow, Some(3.2), Some(3.175))
    );
    set(&mut v, "/cutting/stepdown_mm", json!(6.36));
    let f = one(&eval(&v), "DEPTH_PER_PASS").clone();
    assert_eq!((f.bucket, f.limit), (Bucket::Red, Some(6.35)));
    // The pass is never deeper than the operation: stepdown 5 on a 3 mm pocket cuts 3 mm.
    let mut v = with("/cutting/stepdown_mm", json!(5));
    set(&mut v, "/operations/0/depth_mm", json!(3));
    assert!(found(&eval(&v), "DEPTH_PER_PASS").is_empty());
    // max_doc_mm governs large tools: ebony 3 mm against 0.2 × 20 = 4 mm.
    let mut v = with("/stock/material", json!("ebony_african"));
    set(&mut v, "/tool/diameter_mm", json!(20));
    set(&mut v, "/cutting/stepdown_mm", json!(3.5));
    assert_eq!(one(&eval(&v), "DEPTH_PER_PASS").limit, Some(3.0));
    // Drilling is not side milling.
    let mut v = with("/cutting/stepdown_mm", json!(10));
    set(
        &mut v,
        "/operations/0",
        json!({"op": "drill_pattern", "points_mm": [[50, 50]], "diameter_mm": 8, "depth_mm": 10, "peck_mm": 2}),
    );
    assert!(found(&eval(&v), "DEPTH_PER_PASS").is_empty());
}

#[test]
fn width_of_cut() {
    // Mahogany woc 0.5: 0.5 fine, 0.51 YELLOW.
    assert!(found(&eval(&with("/cutting/stepover", json!(0.5))), "WIDTH_OF_CUT").is_empty());
    let r = eval(&with("/cutting/stepover", json!(0.51)));
    let f = one(&r, "WIDTH_OF_CUT");
    assert_eq!(
        (f.bucket, f.value, f.limit),
        (Bucket::Yellow, Some(0.51), Some(0.5))
    );
    // Ebony woc 0.25: RED above 0.5.
    let mut v = with("/stock/material", json!("ebony_african"));
    set(&mut v, "/cutting/stepover", json!(0.51));
    let f = one(&eval(&v), "WIDTH_OF_CUT").clone();
    assert_eq!((f.bucket, f.limit), (Bucket::Red, Some(0.5)));
    // A pocket no wider than the tool is a slot: no side-by-side passes, no WIDTH_OF_CUT.
    set(&mut v, "/operations/0/size_mm", json!([6.35, 40]));
    set(&mut v, "/operations/0/corner_radius_mm", json!(3));
    assert!(found(&eval(&v), "WIDTH_OF_CUT").is_empty());
}

#[test]
fn kerf_mismatch() {
    // Tool 0.6 mm: kerf 0.605 (0.005 off) fine; 0.62 (0.02 off) YELLOW; 0.7 (0.1 off) RED.
    let mut v = frets();
    set(&mut v, "/operations/0/kerf_mm", json!(0.605));
    assert!(found(&eval(&v), "KERF_MISMATCH").is_empty());
    set(&mut v, "/operations/0/kerf_mm", json!(0.62));
    let r = eval(&v);
    let f = one(&r, "KERF_MISMATCH");
    assert_eq!((f.bucket, f.limit), (Bucket::Yellow, Some(0.01)));
    assert!(close(f.value.unwrap(), 0.02));
    assert!(f.message.ends_with("slots too narrow: frets will not seat"));
    set(&mut v, "/operations/0/kerf_mm", json!(0.5));
    let r = eval(&v);
    let f = one(&r, "KERF_MISMATCH");
    assert_eq!((f.bucket, f.limit), (Bucket::Red, Some(0.05)));
    assert!(f.message.ends_with("slots too wide: frets will not hold"));
}

#[test]
fn fret_positions() {
    // Nut at x = 10: fret 22 at 10 + 648 × (1 − 2^(−22/12)) = 10 + 648 × (1 − 0.280616) = 476.161; its
    // slot edge with the 0.3 mm tool radius at 476.461.
    let last_edge = 10.0 + fret_position_mm(648.0, 22) + 0.3;
    assert!((last_edge - 476.461).abs() < 1e-3, "{last_edge}");
    let mut v = frets();
    set(&mut v, "/stock/size_mm", json!([last_edge + 2.0, 70]));
    assert!(found(&eval(&v), "FRET_OUTSIDE_BOARD").is_empty());
    // 1.5 mm left to the end: YELLOW (margin 2 mm).
    set(&mut v, "/stock/size_mm", json!([last_edge + 1.5, 70]));
    let r = eval(&v);
    let f = one(&r, "FRET_OUTSIDE_BOARD");
    assert_eq!((f.bucket, f.limit), (Bucket::Yellow, Some(2.0)));
    assert!(close(f.value.unwrap(), 1.5));
    // A 470 mm board: fret 22 (476.161) is off; fret 21 sits at 10 + 648 × (1 − 2^(−21/12)) = 465.348,
    // its edge at 465.648, on the board.
    set(&mut v, "/stock/size_mm", json!([470, 70]));
    let r = eval(&v);
    let f = one(&r, "FRET_OUTSIDE_BOARD");
    assert_eq!(f.bucket, Bucket::Red);
    assert!(close(f.value.unwrap(), last_edge) && f.limit == Some(470.0));
    assert!(f
        .message
        .starts_with("1 of 22 fret slots fall off the stock's 0–470 mm in x (fret 22"));
    // The board's 56 mm across, centred at y = 35, needs 7..63: a 60 mm stock is too narrow.
    let mut v = frets();
    set(&mut v, "/stock/size_mm", json!([520, 60]));
    let r = eval(&v);
    let f = one(&r, "FRET_OUTSIDE_BOARD");
    assert_eq!(
        (f.bucket, f.value, f.limit),
        (Bucket::Red, Some(63.0), Some(60.0))
    );
}

#[test]
fn unusual_scale_length() {
    let mut v = frets();
    set(&mut v, "/operations/0/frets", json!(12));
    set(&mut v, "/stock/size_mm", json!([700, 70]));
    for (scale, fires) in [(400.0, false), (399.0, true), (1000.0, false), (1001.0, true)] {
        set(&mut v, "/operations/0/scale_length_mm", json!(scale));
        let r = eval(&v);
        assert_eq!(
            found(&r, "UNUSUAL_SCALE_LENGTH").len(),
            usize::from(fires),
            "scale {scale}"
        );
        if fires {
            let f = one(&r, "UNUSUAL_SCALE_LENGTH");
            assert_eq!((f.bucket, f.value), (Bucket::Yellow, Some(scale)));
        }
    }
}

#[test]
fn channel_wall_thin() {
    // Annulus 106–116: 5 mm wide. 2 rings: 3 bands of 5 / 3 = 1.667 mm: the wall between them is YELLOW
    // (under 2); F036 agrees. Soundhole 100 mm: 53 − 50 = 3 mm to the hole: fine.
    let r = eval(&rosette(106.0, 116.0, 2, 100.0, 0.0));
    let f = one(&r, "CHANNEL_WALL_THIN");
    assert_eq!(
        (f.bucket, f.limit, f.operation),
        (Bucket::Yellow, Some(2.0), Some(0))
    );
    assert!(close(f.value.unwrap(), 5.0 / 3.0));
    assert_eq!(f.message, "the wall between the 2 rings is 1.6667 mm, under 2 mm");
    assert_eq!(one(&r, "F036").bucket, Bucket::Yellow);
    // 3 rings: 5 bands of 1.0 mm: still YELLOW (RED is under 1.0).
    let r = eval(&rosette(106.0, 116.0, 3, 100.0, 0.0));
    assert_eq!(one(&r, "CHANNEL_WALL_THIN").bucket, Bucket::Yellow);
    // Soundhole 105 mm: 53 − 52.5 = 0.5 mm to the rosette: RED (F028 agrees).
    let r = eval(&rosette(106.0, 120.0, 1, 105.0, 0.0));
    let f = one(&r, "CHANNEL_WALL_THIN");
    assert_eq!((f.bucket, f.value, f.limit), (Bucket::Red, Some(0.5), Some(1.0)));
    assert_eq!(
        f.message,
        "the wall to the soundhole (operation 1) is 0.5 mm, under 1 mm"
    );
    assert_eq!(one(&r, "F028").value, Some(0.5));
    // A soundhole 1 mm off centre: 53 − (50 + 1) = 2.0 mm: fine. 2 mm off: 1.0: YELLOW.
    assert!(found(&eval(&rosette(106.0, 120.0, 1, 100.0, 1.0)), "CHANNEL_WALL_THIN").is_empty());
    let r = eval(&rosette(106.0, 120.0, 1, 100.0, 2.0));
    assert_eq!(one(&r, "CHANNEL_WALL_THIN").bucket, Bucket::Yellow);
}

#[test]
fn physics_finding_order_is_job_level_first_then_operations() {
    // Spindle over the machine, a feed over the machine, and a pocket past the stock thickness (F022,
    // and F030 for 21 / 6.35 > 2).
    let mut v = with("/cutting/rpm", json!(25000));
    set(&mut v, "/cutting/feed_mm_min", json!(6500));
    set(&mut v, "/operations/0/depth_mm", json!(21));
    let r = eval(&v);
    assert_eq!(
        r.codes(),
        [
            "SPINDLE_RANGE",
            "SPINDLE_RANGE",
            "FEED_LIMIT",
            "F022",
            "F030",
            "THROUGH_STOCK"
        ]
    );
    let ops: Vec<Option<usize>> = r.findings.iter().map(|f| f.operation).collect();
    assert_eq!(ops, [None, None, None, Some(0), Some(0), Some(0)]);
}
