//! Properties of the reader: no input makes it panic, reports are consistent and deterministic, bounds
//! hold every point reached, clean programs pass, and arc extremes match a dense sampling of the arc.

use proptest::prelude::*;
use rmos_core::feasibility::Bucket;
use rmos_core::job::Job;
use rmos_core::posts::Post;
use rmos_core::readback::{self, ReadbackReport, Reading, SegmentKind, MAX_FINDINGS_PER_CODE};

fn job() -> Job {
    Job::from_json(include_str!("../../examples/jobs/fretboard.json")).unwrap()
}

fn assert_consistent(report: &ReadbackReport, gcode: &str) {
    assert_eq!(report.findings.len(), report.lines.len());
    let worst = report
        .findings
        .iter()
        .map(|f| f.bucket)
        .max()
        .unwrap_or(Bucket::Green);
    assert_eq!(report.bucket, worst);
    assert_eq!(report.passed(), worst != Bucket::Red);
    let line_count = readback::blocks(gcode).count();
    for (line, finding) in report.located() {
        if let Some(line) = line {
            assert!(line >= 1 && line <= line_count, "{line} of {line_count}");
            assert!(finding.message.starts_with(&format!("line {line}: ")));
        }
        let same = report.findings.iter().filter(|f| f.code == finding.code).count();
        assert!(same <= MAX_FINDINGS_PER_CODE + 1);
    }
}

fn assert_bounds_hold(reading: &Reading) {
    let mut counts = [0usize; 4];
    for segment in &reading.segments {
        counts[match segment.kind {
            SegmentKind::Rapid => 0,
            SegmentKind::Feed => 1,
            SegmentKind::Arc { .. } => 2,
            SegmentKind::Drill { .. } => 3,
        }] += 1;
        assert!(segment.length_mm.is_finite() && segment.length_mm >= 0.0);
        for axis in 0..3 {
            for value in [segment.min[axis], segment.max[axis], segment.to[axis]]
                .into_iter()
                .flatten()
            {
                assert!(value.is_finite());
                if let Some(bounds) = reading.bounds {
                    assert!(bounds.min[axis] <= value && value <= bounds.max[axis]);
                }
            }
            if let (Some(lo), Some(hi)) = (segment.min[axis], segment.max[axis]) {
                assert!(lo <= hi);
            }
        }
        if let (Some(z), Some(deepest)) = (segment.min[2], reading.deepest_z) {
            assert!(deepest <= z);
        }
    }
    let stats = reading.stats;
    assert_eq!(
        counts,
        [
            stats.rapid_moves,
            stats.feed_moves,
            stats.arc_moves,
            stats.drill_holes
        ]
    );
    if let Some(bounds) = reading.bounds {
        assert_eq!(reading.deepest_z, Some(bounds.min[2]));
    }
}

/// One token of G-code-like soup: known and unknown words, numbers from tiny to absurd, macro syntax,
/// comments, tape marks and line ends.
fn token() -> impl Strategy<Value = String> {
    let codes = prop::sample::select(vec![
        "G0",
        "G1",
        "G2",
        "G3",
        "G4",
        "G17",
        "G18",
        "G19",
        "G20",
        "G21",
        "G53",
        "G80",
        "G81",
        "G83",
        "G73",
        "G85",
        "G90",
        "G91",
        "G90.1",
        "G91.1",
        "G98",
        "G99",
        "G28",
        "G92",
        "G10",
        "G43",
        "G38.2",
        "M3",
        "M4",
        "M5",
        "M6",
        "M2",
        "M30",
        "M98",
        "M99",
        "M8",
        "O100",
        "%",
        "/",
        "#1=2",
        "#<a>",
        "[1+2]",
        "(c)",
        "(",
        ")",
        ";x",
        "\n",
        "\r\n",
        "\n",
        " ",
        "IF",
        "GOTO5",
        "o<sub> call",
    ]);
    let letters = prop::sample::select(vec![
        'X', 'Y', 'Z', 'I', 'J', 'K', 'R', 'F', 'S', 'P', 'Q', 'L', 'N', 'T',
    ]);
    let number = prop_oneof![
        (-1000i32..1000).prop_map(|v| v.to_string()),
        (-1e6f64..1e6).prop_map(|v| format!("{v:.3}")),
        any::<f64>().prop_map(|v| format!("{v}")),
        Just("1e400".to_owned()),
        Just("-".to_owned()),
        Just(".".to_owned()),
        Just("9".repeat(40)),
    ];
    prop_oneof![
        3 => codes.prop_map(str::to_owned),
        4 => (letters, number).prop_map(|(l, n)| format!("{l}{n}")),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..120).prop_map(|tokens| tokens.join(" "))
}

/// Lines of mostly well-formed words, so that the interpreter runs deep: modes, motion in every plane,
/// arcs of both kinds, canned cycles, spindle and feed words with moderate numbers.
fn programs() -> impl Strategy<Value = String> {
    let codes = prop::sample::select(vec![
        "G0", "G1", "G2", "G3", "G2", "G3", "G17", "G18", "G19", "G20", "G21", "G80", "G81", "G82", "G83",
        "G73", "G85", "G86", "G89", "G90", "G91", "G90.1", "G91.1", "G98", "G99", "G53", "G4 P1", "M3 S9000",
        "M4 S0", "M5", "M30", "M6",
    ]);
    let axes = (
        prop::sample::subsequence(vec!['X', 'Y'], 0..=2),
        -50.0f64..850.0,
        -50.0f64..850.0,
        prop::option::weighted(0.5, -10.0f64..20.0),
    )
        .prop_map(|(xy, a, b, z)| {
            let mut words: Vec<String> = xy.iter().zip([a, b]).map(|(l, v)| format!("{l}{v:.3}")).collect();
            words.extend(z.map(|z| format!("Z{z:.3}")));
            words.join(" ")
        });
    let arc = prop_oneof![
        (-1000.0f64..1000.0).prop_map(|r| format!("R{r:.3}")),
        (-120.0f64..120.0, -120.0f64..120.0).prop_map(|(i, j)| format!("I{i:.3} J{j:.3}")),
        (prop::sample::select(vec!['I', 'J', 'K']), -120.0f64..120.0).prop_map(|(l, v)| format!("{l}{v:.3}")),
    ];
    let other = prop_oneof![
        (0u32..3000).prop_map(|v| format!("F{v}")),
        (1u32..5).prop_map(|v| format!("Q{v} R{}", v + 1)),
        (1u32..4).prop_map(|v| format!("L{v}")),
    ];
    let line = (
        prop::option::weighted(0.7, codes),
        axes,
        prop::option::weighted(0.3, arc),
        prop::option::weighted(0.3, other),
    )
        .prop_map(|(code, axes, arc, other)| {
            [code.map(str::to_owned), Some(axes), arc, other]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        });
    prop::collection::vec(line, 0..60).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        let report = readback::check(&text, &job());
        assert_consistent(&report, &text);
        if let Ok(reading) = readback::read(&text) {
            assert_bounds_hold(&reading);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        for post in Post::ALL {
            assert_consistent(&readback::check_for(&text, &job(), post), &text);
        }
    }

    #[test]
    fn word_soup_never_panics_and_reports_consistently(text in prop_oneof![soup(), programs()]) {
        let job = job();
        let report = readback::check(&text, &job);
        assert_consistent(&report, &text);
        prop_assert_eq!(&report, &readback::check(&text, &job));
        for post in Post::ALL {
            assert_consistent(&readback::check_for(&text, &job, post), &text);
        }
        match readback::read(&text) {
            Ok(reading) => {
                assert_bounds_hold(&reading);
                prop_assert_eq!(reading.bounds, report.bounds);
                prop_assert_eq!(reading.stats, report.stats);
            }
            Err(err) => prop_assert!(report.codes().contains(&"RB_PARSE"), "{}", err),
        }
    }

    #[test]
    fn clean_programs_inside_the_job_pass_with_exact_bounds(
        cuts in prop::collection::vec(((0u32..800_000, 0u32..600_000), (0u32..600_000, 0u32..1800)), 1..20),
    ) {
        // Thousandths of a mm: points inside the 800 × 600 travel, depths down to the approved 1.8.
        let mm = |t: u32| format!("{}.{:03}", t / 1000, t % 1000);
        let mut gcode = String::from("G21 G90 G17\nM3 S24000\nG0 Z3.\n");
        let (mut min, mut max) = ([f64::MAX, f64::MAX, -0.0f64], [f64::MIN, f64::MIN, 3.0f64]);
        for ((x, y), (y2, depth)) in &cuts {
            let z = format!("-{}", mm(*depth));
            gcode += &format!("G0 X{} Y{}\nG0 Z1.\nG1 Z{z} F150\nG1 Y{} F600\nG0 Z3.\n", mm(*x), mm(*y), mm(*y2));
            let parse = |t: &str| t.parse::<f64>().unwrap();
            let (x, y, y2, z) = (parse(&mm(*x)), parse(&mm(*y)), parse(&mm(*y2)), parse(&z));
            min = [min[0].min(x), min[1].min(y).min(y2), min[2].min(z)];
            max = [max[0].max(x), max[1].max(y).max(y2), max[2]];
        }
        gcode += "M5\nM30\n";
        for post in Post::ALL {
            let report = readback::check_for(&gcode, &job(), post);
            prop_assert!(report.findings.is_empty(), "{}: {:?}", post, report.findings);
            let bounds = report.bounds.unwrap();
            prop_assert_eq!(bounds.min, min);
            prop_assert_eq!(bounds.max, max);
        }
    }

    #[test]
    fn arc_bounds_match_a_dense_sampling_of_the_arc(
        centre in (200.0f64..600.0, 200.0f64..400.0),
        radius in 1.0f64..150.0,
        start in 0.0f64..std::f64::consts::TAU,
        sweep in 0.01f64..(std::f64::consts::TAU - 0.01),
        clockwise in any::<bool>(),
    ) {
        let end = if clockwise { start - sweep } else { start + sweep };
        let point = |a: f64| (centre.0 + radius * a.cos(), centre.1 + radius * a.sin());
        let (sx, sy) = point(start);
        let (ex, ey) = point(end);
        let gcode = format!(
            "G21 G90 G17\nM3 S24000\nG0 Z3\nG0 X{sx:.4} Y{sy:.4}\nG0 Z1\nG1 Z-0.5 F150\n{} X{ex:.4} Y{ey:.4} I{:.4} J{:.4} F600\nG0 Z3\nM30\n",
            if clockwise { "G2" } else { "G3" },
            centre.0 - sx,
            centre.1 - sy,
        );
        let reading = readback::read(&gcode).unwrap();
        prop_assert!(reading.findings.is_empty(), "{:?}", reading.findings);
        let arc = reading.segments.iter().find(|s| matches!(s.kind, SegmentKind::Arc { .. })).unwrap();
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        for i in 0..=4000 {
            let (x, y) = point(start + (end - start) * f64::from(i) / 4000.0);
            lo = [lo[0].min(x), lo[1].min(y)];
            hi = [hi[0].max(x), hi[1].max(y)];
        }
        for axis in 0..2 {
            let (min, max) = (arc.min[axis].unwrap(), arc.max[axis].unwrap());
            prop_assert!((min - lo[axis]).abs() < 1e-3, "axis {} min {} sampled {}", axis, min, lo[axis]);
            prop_assert!((max - hi[axis]).abs() < 1e-3, "axis {} max {} sampled {}", axis, max, hi[axis]);
        }
        let SegmentKind::Arc { sweep_deg, .. } = arc.kind else { unreachable!() };
        prop_assert!((sweep_deg - sweep.to_degrees()).abs() < 0.01, "{} vs {}", sweep_deg, sweep.to_degrees());
    }
}

#[test]
fn huge_and_pathological_inputs_are_findings() {
    let job = job();
    for text in [
        "(".repeat(100_000),
        "[".repeat(100_000),
        "#".repeat(100_000),
        "G1 X".to_owned() + &"9".repeat(100_000),
        "\n".repeat(100_000),
        "G0 X1e308 Y-1e308\n".repeat(100),
        "G91 G0 X99999999999999999999999999999\n".repeat(1000),
        "G2 X1 Y1 I1e30 J0\n".to_owned(),
        "G81 X1 Y1 Z-1 R1 L1000000\n".to_owned(),
        "G3 X0 Y0 I1 P1000000000\n".to_owned(),
    ] {
        let report = readback::check(&text, &job);
        assert_consistent(&report, &text);
        assert!(!report.passed(), "{}", &text[..text.len().min(40)]);
    }
}
