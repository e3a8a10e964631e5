//! Read-back check: a clean program passes, and each finding is provoked by a minimal program and
//! asserted by code and line, on both sides of its boundary.

use rmos_core::feasibility::Bucket;
use rmos_core::job::Job;
use rmos_core::posts::Post;
use rmos_core::readback::{self, codes::*, ReadbackReport, MAX_FINDINGS_PER_CODE, MAX_PROGRAM_BYTES};

/// Fretboard job: travel 800 × 600 × 120, stock 6.5 mm thick (top of the Z stroke at 113.5), deepest
/// approved depth 1.8, safe Z 3, rosewood (rough feed 2000, plunge 400), machine feed 6000, plunge 1500.
fn job() -> Job {
    Job::from_json(include_str!("../../examples/jobs/fretboard.json")).unwrap()
}

const HEAD: &str = "G21 G90 G17\nM3 S24000\nG0 Z3.\n";
const TAIL: &str = "G0 Z3.\nM5\nM30\n";

/// A program with a clean header (lines 1-3) and footer; `body` starts at line 4.
fn program(body: &str) -> String {
    format!("{HEAD}{body}{TAIL}")
}

fn check(gcode: &str) -> ReadbackReport {
    readback::check(gcode, &job())
}

fn check_for(gcode: &str, post: Post) -> ReadbackReport {
    readback::check_for(gcode, &job(), post)
}

/// A finding's code and line.
type Located = (&'static str, Option<usize>);

fn found(report: &ReadbackReport) -> Vec<(&str, Option<usize>)> {
    report
        .located()
        .map(|(line, f)| (f.code.as_str(), line))
        .collect()
}

/// Numbers carry a decimal point, as Fanuc-style controls need.
const CLEAN: &str = "G21 G90 G17\nM3 S24000\nG0 Z3.\nG0 X46.353 Y12.\nG0 Z1.\nG1 Z-0.3 F150\nG1 Y68. F600\n\
                     G1 Z-0.6 F150\nG1 Y12. F600\nG0 Z3.\nM5\nM30\n";

#[test]
fn clean_program_passes_every_dialect() {
    let report = check(CLEAN);
    assert_eq!(found(&report), []);
    assert_eq!(report.bucket, Bucket::Green);
    assert!(report.passed());
    let bounds = report.bounds.unwrap();
    assert_eq!(bounds.min, [46.353, 12.0, -0.6]);
    assert_eq!(bounds.max, [46.353, 68.0, 3.0]);
    assert_eq!(report.deepest_z, Some(-0.6));
    assert_eq!((report.stats.rapid_moves, report.stats.feed_moves), (4, 4));
    assert_eq!(report.engine, rmos_core::engines::READBACK);
    for post in Post::ALL {
        let report = check_for(CLEAN, post);
        assert_eq!(found(&report), [], "{post}");
        assert_eq!(report.post, Some(post));
    }
}

#[test]
fn every_finding_names_its_line() {
    let report = check("G21\nG0 Z-1\nG1 X900 F100\n");
    for (line, finding) in report.located() {
        match line {
            Some(n) => assert!(finding.message.starts_with(&format!("line {n}: ")), "{finding:?}"),
            None => assert!(!finding.message.starts_with("line ")),
        }
    }
    assert!(report.findings.len() >= 3);
}

#[test]
fn parse_errors() {
    let report = check(&program("G1 X1 $2 F100\nG1 X2 (open comment F100\n"));
    assert_eq!(found(&report), [(RB_PARSE, Some(4)), (RB_PARSE, Some(5))]);
    assert_eq!(
        report.findings[0].message,
        "line 4: column 7: unexpected character '$'"
    );
    let err = readback::read("G21\nG1 X1 $2\n").unwrap_err();
    assert_eq!(
        err,
        readback::ReadError::Parse {
            line: 2,
            column: 7,
            reason: "unexpected character '$'".to_owned()
        }
    );
    assert_eq!(
        err.to_string(),
        "gcode line 2, column 7: unexpected character '$'"
    );
}

#[test]
fn oversized_program_is_refused_not_read() {
    let huge = "(".to_owned() + &" ".repeat(MAX_PROGRAM_BYTES) + ")";
    let report = check(&huge);
    assert_eq!(found(&report), [(RB_PARSE, None)]);
    assert!(report.findings[0]
        .message
        .contains("over the 67108864-byte limit"));
    assert_eq!(
        readback::read(&huge).unwrap_err(),
        readback::ReadError::TooLarge {
            bytes: MAX_PROGRAM_BYTES + 2,
            limit: MAX_PROGRAM_BYTES
        }
    );
}

#[test]
fn forbidden_words_in_every_dialect() {
    for (body, word) in [
        ("M98 P100\n", "M98"),
        ("M99\n", "M99"),
        ("G28\n", "G28"),
        ("G30\n", "G30"),
        ("G92 X0 Y0\n", "G92"),
        ("G10 L2 P1 X0\n", "G10"),
        ("G41 D1\n", "G41"),
        ("G93\n", "G93"),
        ("G38.2 Z-5 F100\n", "G38.2"),
        ("M100\n", "M100"),
        ("G0 A90\n", "A90"),
        ("O100\n", "O100"),
    ] {
        let report = check(&program(body));
        let codes: Vec<_> = found(&report);
        assert!(codes.contains(&(RB_FORBIDDEN_WORD, Some(4))), "{body}: {codes:?}");
        assert!(
            report.findings[0].message.starts_with(&format!("line 4: {word}")),
            "{body}: {}",
            report.findings[0].message
        );
        assert!(!report.passed());
        for post in Post::ALL {
            assert!(!check_for(&program(body), post).passed(), "{body} {post}");
        }
    }
}

#[test]
fn ai_written_program_with_macros_and_subprograms_is_flagged() {
    let ai = "(generated: pocket)\nG21 G90\nM3 S18000\nG0 Z3\n#1=-1.5\nG0 X10 Y10\nG1 Z#1 F200\n\
              M98 P2000\nWHILE[#1GT-3]DO1\nEND1\nG0 Z3\nM30\n";
    let report = check(ai);
    assert_eq!(
        found(&report),
        [
            (RB_FORBIDDEN_WORD, Some(5)),
            (RB_FORBIDDEN_WORD, Some(7)),
            (RB_FORBIDDEN_WORD, Some(8)),
            (RB_FORBIDDEN_WORD, Some(9)),
            (RB_FORBIDDEN_WORD, Some(10)),
        ]
    );
    assert!(report.findings[0].message.contains("a parameter assignment"));
    assert!(report.findings[1].message.contains("a # parameter"));
    assert!(report.findings[2].message.contains("M98"));
    assert!(report.findings[3].message.contains("macro control keyword"));
    assert_eq!(report.bucket, Bucket::Red);
    let reading = readback::read(ai).unwrap();
    assert_eq!(reading.skipped_lines, [5, 7, 8, 9, 10]);
}

#[test]
fn program_number_only_at_the_start_and_only_where_the_dialect_has_one() {
    let numbered = format!("O1000\n{CLEAN}");
    assert!(check(&numbered).passed());
    assert!(check_for(&numbered, Post::Fanuc).passed());
    for post in [Post::Grbl, Post::LinuxCnc, Post::Mach3] {
        assert_eq!(
            found(&check_for(&numbered, post)),
            [(RB_FORBIDDEN_WORD, Some(1))],
            "{post}"
        );
    }
}

#[test]
fn grbl_rejects_what_its_parser_rejects() {
    let cases = [
        ("%\n", 1, "'%' lines are not accepted by grbl"),
        ("T1 M6\n", 4, "M6: grbl rejects tool changes"),
        ("G43 H1\n", 4, "G43: grbl has no tool length offset table"),
        (
            "G90.1\n",
            4,
            "G90.1: grbl takes arc centres as incremental I/J only",
        ),
        ("G64\n", 4, "G64: grbl accepts G61 only"),
    ];
    for (body, line, message) in cases {
        let gcode = if body == "%\n" {
            format!("%\n{CLEAN}%\n")
        } else {
            program(body)
        };
        let grbl = check_for(&gcode, Post::Grbl);
        assert_eq!(
            grbl.lines.first().copied(),
            Some(Some(line)),
            "{body}: {:?}",
            grbl.findings
        );
        assert!(
            grbl.findings[0].message.ends_with(message),
            "{}",
            grbl.findings[0].message
        );
        assert!(!grbl.passed());
        assert!(check_for(&gcode, Post::LinuxCnc).passed(), "{body}");
    }
    let drilling = program("G0 X50 Y40\nG98 G83 X50 Y40 Z-1.5 R1 Q0.5 F150\nG80\n");
    assert!(check_for(&drilling, Post::LinuxCnc).passed());
    let grbl = check_for(&drilling, Post::Grbl);
    let messages: Vec<_> = grbl.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "line 5: G98: grbl has no canned cycles (expand drilling to G0/G1)",
            "line 5: G83: grbl has no canned cycles (expand drilling to G0/G1)",
            "line 5: Q0.5: Q words (peck depth) are not accepted by grbl",
        ]
    );
    let dwell = program("G4 P0.5\n");
    assert_eq!(found(&check_for(&dwell, Post::Grbl)), []);
    let turns = program("G0 X100 Y100\nG0 Z1\nG1 Z-0.5 F150\nG2 X100 Y100 I10 J0 P2 F600\n");
    assert_eq!(found(&check_for(&turns, Post::LinuxCnc)), []);
    assert_eq!(
        found(&check_for(&turns, Post::Grbl)),
        [(RB_FORBIDDEN_WORD, Some(7))]
    );
    let m7 = check_for(&program("M7\n"), Post::Grbl);
    assert_eq!(found(&m7), [(RB_FORBIDDEN_WORD, Some(4))]);
    assert_eq!(m7.bucket, Bucket::Yellow);
    assert!(m7.passed());
}

#[test]
fn grbl_line_buffer_is_79_characters_without_comments() {
    // `N… G1 X…46 Y…1 F600`: 9 characters plus the digits of N, X and Y (numbers of up to 32 characters).
    let line = |chars: usize| {
        let n = "7".repeat(chars - 9 - 40);
        format!(
            "N{n} G1 X{:0>20} Y{:0>20} F600 (a comment does not count)\n",
            46, 1
        )
    };
    let gcode = |chars: usize| program(&format!("G0 X46 Y1\nG0 Z1\n{}", line(chars)));
    assert_eq!(found(&check_for(&gcode(79), Post::Grbl)), []);
    assert_eq!(
        found(&check_for(&gcode(80), Post::Grbl)),
        [(RB_LINE_LENGTH, Some(6))]
    );
    assert_eq!(found(&check_for(&gcode(80), Post::LinuxCnc)), []);
    let spaced = program(&format!("G0 X46 Y1\nG0 Z1\nG1 Y1{} F600\n", " ".repeat(300)));
    assert_eq!(found(&check_for(&spaced, Post::LinuxCnc)), []);
    // 256 significant characters are over every dialect's buffer.
    let long = program(&format!("#1=[{}1]\n", "1+".repeat(125)));
    for post in Post::ALL {
        let report = check_for(&long, post);
        assert_eq!(
            found(&report),
            [(RB_LINE_LENGTH, Some(4)), (RB_FORBIDDEN_WORD, Some(4))],
            "{post}"
        );
    }
    let at_limit = program(&format!("#1=[{}1]\n", "1+".repeat(124)));
    assert_eq!(
        found(&check_for(&at_limit, Post::LinuxCnc)),
        [(RB_FORBIDDEN_WORD, Some(4))]
    );
}

#[test]
fn fanuc_numbers_need_a_decimal_point() {
    // Without a point a Fanuc-style control reads X10 as 10 least increments: 0.010 mm.
    let bare = program("G0 X10 Y10.\nG0 Z1.\nG1 Z-0.5 F150\n");
    let report = check_for(&bare, Post::Fanuc);
    assert_eq!(found(&report), [(RB_FORBIDDEN_WORD, Some(4))]);
    assert!(report.findings[0]
        .message
        .starts_with("line 4: X10: fanuc-style controls read"));
    for post in [Post::Grbl, Post::LinuxCnc, Post::Mach3] {
        assert_eq!(found(&check_for(&bare, post)), [], "{post}");
    }
    assert_eq!(found(&check_for(&bare.replace("X10 ", "X10. "), Post::Fanuc)), []);
}

#[test]
fn semicolon_comments_where_the_dialect_has_none() {
    let gcode = program("G0 X10. Y10. ; over the first slot\n");
    assert!(check_for(&gcode, Post::Grbl).passed());
    assert!(check_for(&gcode, Post::LinuxCnc).passed());
    for post in [Post::Mach3, Post::Fanuc] {
        assert_eq!(
            found(&check_for(&gcode, post)),
            [(RB_FORBIDDEN_WORD, Some(4))],
            "{post}"
        );
    }
}

#[test]
fn a_percent_that_opens_must_close() {
    let open = format!("%\n{CLEAN}");
    let closed = format!("%\n{CLEAN}%\n");
    for post in [Post::LinuxCnc, Post::Fanuc] {
        assert_eq!(
            found(&check_for(&open, post)),
            [(RB_FORBIDDEN_WORD, None)],
            "{post}"
        );
        assert_eq!(found(&check_for(&closed, post)), [], "{post}");
    }
    assert_eq!(found(&check_for(&open, Post::Mach3)), []);
}

#[test]
fn modal_errors() {
    for (body, message) in [
        ("G0 G1 X10\n", "line 4: G0 and G1 in one block: one modal group"),
        ("M3 M5\n", "line 4: M3 and M5 in one block: one modal group"),
        ("G0 X10 X20\n", "line 4: X word twice in one block"),
        (
            "G80\nX10\n",
            "line 5: axis words with no motion mode (G0-G3 or a canned cycle)",
        ),
        ("S-100\n", "line 4: negative spindle speed"),
        ("G0 X10 I5\n", "line 4: value words I unused by the block's codes"),
        ("G4\n", "line 4: G4 dwell without a P of 0 or more"),
        ("G81 X10 Y10 Z-1 F100\n", "line 4: canned cycle G81 without R"),
        ("G81 X10 Y10 R1 F100\n", "line 4: canned cycle G81 without Z"),
        (
            "G83 X10 Y10 Z-1 R1 F100\n",
            "line 4: G83 without a peck depth Q above 0",
        ),
        (
            "G81 X10 Y10 Z2 R1 F100\n",
            "line 4: canned cycle G81 with its bottom Z 2.000 above R 1.000",
        ),
        (
            "G81 X10 Y10 Z-1 R1 L0 F100\n",
            "line 4: cycle repeats L0 not a whole number from 1 to 1000",
        ),
        (
            "G18 G81 X10 Y10 Z-1 R1 F100\n",
            "line 4: canned cycle G81 read in the G17 plane only",
        ),
    ] {
        let report = check(&program(body));
        let line: usize = message[5..6].parse().unwrap();
        assert_eq!(found(&report), [(RB_MODAL, Some(line))], "{body}");
        assert_eq!(report.findings[0].message, message);
    }
    // A rejected block is not executed: the dwell is fine once P is there.
    assert_eq!(found(&check(&program("G4 P0.5\n"))), []);
}

#[test]
fn units_must_come_before_the_first_move() {
    let report = check("M3 S24000\nG0 Z3\nG21\nG0 X10 Y10\nM30\n");
    assert_eq!(found(&report), [(RB_UNITS, Some(2))]);
    assert_eq!(found(&check("G21\nM3 S24000\nG0 Z3\nM30\n")), []);
    assert_eq!(found(&check("G20\nM3 S24000\nG0 Z0.1\nM30\n")), []);
}

#[test]
fn arcs_with_mismatched_radius_runaway_radius_or_off_plane_words() {
    // Start radius 100 (centre I-100 from X146); end radius 100.1 is within 0.1 % (0.1001), 100.2 is not.
    let arc = |end_y: &str| {
        program(&format!(
            "G0 X146 Y0\nG0 Z1\nG1 Z-0.5 F150\nG3 X46 Y{end_y} I-100 J0 F600\n"
        ))
    };
    assert_eq!(found(&check(&arc("100.1"))), []);
    let bad = check(&arc("100.2"));
    assert_eq!(found(&bad), [(RB_ARC_INVALID, Some(7))]);
    assert!((bad.findings[0].value.unwrap() - 0.2).abs() < 1e-9);
    assert!((bad.findings[0].limit.unwrap() - 0.1002).abs() < 1e-9);

    let runaway = program("G0 X100 Y100\nG0 Z1\nG1 Z-0.5 F150\nG2 X110 Y100 R20000 F600\n");
    let report = check(&runaway);
    assert_eq!(found(&report), [(RB_ARC_INVALID, Some(7))]);
    assert!(report.findings[0].message.contains("runaway arc"));

    let k_on_g17 = program("G0 X100 Y100\nG0 Z1\nG1 Z-0.5 F150\nG2 X120 Y100 I10 J0 K0 F600\n");
    let report = check(&k_on_g17);
    assert_eq!(found(&report), [(RB_ARC_INVALID, Some(7))]);
    assert_eq!(report.findings[0].message, "line 7: K word on a G17 arc");

    let unknown_start = "G21\nM3 S24000\nG2 X10 Y10 I5 J0 F600\nM30\n";
    let report = check(unknown_start);
    assert_eq!(found(&report), [(RB_ARC_INVALID, Some(3))]);
}

#[test]
fn inch_program_that_left_arc_centres_in_mm_is_caught() {
    // X/Y converted to inches, I/J still in mm: a circle of 25.4 times the radius.
    let gcode = "G20 G90 G17\nM3 S24000\nG0 Z0.1181\nG0 X1 Y1\nG0 Z0.04\nG1 Z-0.02 F6\n\
                 G2 X2 Y1 I12.7 J0 F24\nG0 Z0.1181\nM30\n";
    let report = check(gcode);
    assert_eq!(found(&report), [(RB_ARC_INVALID, Some(7))]);
    let fixed = gcode.replace("I12.7", "I0.5");
    assert_eq!(found(&check(&fixed)), []);
}

#[test]
fn g53_is_reported_and_loses_the_position() {
    let report = check(&program("G53 G0 Z0\n"));
    // The footer's G0 Z3 re-establishes Z, so nothing follows but the notice.
    assert_eq!(found(&report), [(RB_MACHINE_COORDS, Some(4))]);
    assert_eq!(report.bucket, Bucket::Yellow);
    assert!(report.passed());
    let report = check(&program("G53 G0 Z0\nG0 X10 Y10\n"));
    assert_eq!(
        found(&report),
        [(RB_MACHINE_COORDS, Some(4)), (RB_RAPID_LOW, Some(5))]
    );
}

#[test]
fn envelope_on_each_side_of_each_axis() {
    let moves = [
        ("G0 X-0.004 Y10\n", None),
        ("G0 X-0.01 Y10\n", Some((-0.01, 0.0))),
        ("G0 X800.004 Y10\n", None),
        ("G0 X800.01 Y10\n", Some((800.01, 800.0))),
        ("G0 X10 Y-1\n", Some((-1.0, 0.0))),
        ("G0 X10 Y600\n", None),
        ("G0 X10 Y600.5\n", Some((600.5, 600.0))),
        ("G0 Z113.5\n", None),
        ("G0 Z113.51\n", Some((113.51, 113.5))),
    ];
    for (body, expected) in moves {
        let report = check(&program(body));
        match expected {
            None => assert_eq!(found(&report), [], "{body}"),
            Some((value, limit)) => {
                assert_eq!(found(&report), [(RB_ENVELOPE, Some(4))], "{body}");
                assert_eq!(report.findings[0].value, Some(value));
                assert_eq!(report.findings[0].limit, Some(limit));
            }
        }
    }
}

#[test]
fn arc_beyond_x_max_only_at_its_extreme_is_caught() {
    // End points X790 are inside the 800 mm travel; the arc's extreme reaches X805.
    let gcode = program("G0 X790 Y300\nG0 Z1\nG1 Z-0.5 F150\nG3 X790 Y330 I0 J15 F600\n");
    let report = check(&gcode);
    assert_eq!(found(&report), [(RB_ENVELOPE, Some(7))]);
    assert_eq!(
        report.findings[0].message,
        "line 7: G3 arc reaches x 805.000 mm at an arc extreme (both end points are inside), beyond the \
         machine's x travel to 800.000 mm"
    );
    assert_eq!(report.bounds.unwrap().max[0], 805.0);
    // Clockwise the same arc bulges the other way, to X775: inside.
    assert_eq!(found(&check(&gcode.replace("G3 X790", "G2 X790"))), []);
}

#[test]
fn depth_against_the_deepest_approved_operation_and_the_stock() {
    let cut = |z: &str| program(&format!("G0 X46 Y12\nG0 Z1\nG1 Z{z} F150\n"));
    assert_eq!(found(&check(&cut("-1.8"))), []);
    assert_eq!(found(&check(&cut("-1.804"))), []);
    let deep = check(&cut("-1.81"));
    assert_eq!(found(&deep), [(RB_TOO_DEEP, Some(6))]);
    assert_eq!(
        (deep.findings[0].value, deep.findings[0].limit),
        (Some(-1.81), Some(-1.8))
    );
    let through = check(&cut("-6.6"));
    assert_eq!(
        found(&through),
        [(RB_TOO_DEEP, Some(6)), (RB_THROUGH_STOCK, Some(6))]
    );
    assert_eq!(through.findings[1].limit, Some(-6.5));
    assert_eq!(
        through.findings[1].message,
        "line 6: feed move reaches z -6.600 mm, through the 6.500 mm stock into the table"
    );
}

#[test]
fn canned_drilling_below_the_deepest_depth_is_caught() {
    let drill = |z: &str| program(&format!("G0 X50 Y40\nG98 G83 X50 Y40 Z{z} R1 Q0.5 F150\nG80\n"));
    assert_eq!(found(&check_for(&drill("-1.8"), Post::LinuxCnc)), []);
    let report = check_for(&drill("-2.5"), Post::LinuxCnc);
    assert_eq!(found(&report), [(RB_TOO_DEEP, Some(5))]);
    assert_eq!(
        report.findings[0].message,
        "line 5: G83 hole reaches z -2.500 mm, below the deepest approved depth 1.800 mm"
    );
    assert_eq!(report.deepest_z, Some(-2.5));
    // A canned cycle's R plane below the stock top is a rapid into the stock.
    let low_r = program("G0 X50 Y40\nG98 G81 X50 Y40 Z-1 R-0.5 F150\nG80\n");
    assert_eq!(found(&check(&low_r)), [(RB_RAPID_LOW, Some(5))]);
}

#[test]
fn rapids_below_the_safe_plane() {
    let cases: [(&str, &[Located]); 8] = [
        // A face operation plunging with G0 to cutting depth.
        ("G0 X46 Y12\nG0 Z-0.5\n", &[(RB_RAPID_LOW, Some(5))]),
        // Approach to a clearance plane above the stock top: allowed, down to Z 0 itself.
        ("G0 X46 Y12\nG0 Z1\n", &[]),
        ("G0 X46 Y12\nG0 Z0\n", &[]),
        ("G0 X46 Y12\nG0 Z-0.004\n", &[]),
        // Across the stock below safe Z (3), and the tolerance either side.
        ("G0 Z1\nG0 X20 Y20\n", &[(RB_RAPID_LOW, Some(5))]),
        ("G0 Z2.996\nG0 X20 Y20\n", &[]),
        ("G0 Z2.99\nG0 X20 Y20\n", &[(RB_RAPID_LOW, Some(5))]),
        // A diagonal rapid climbing out of a low start.
        ("G0 X46 Y12\nG0 Z1\nG0 X60 Z3\n", &[(RB_RAPID_LOW, Some(6))]),
    ];
    for (body, expected) in cases {
        assert_eq!(found(&check(&program(body))), expected, "{body}");
    }
    // A peck's re-approach written as G0 (GRBL has no G83) goes down the hole it has fed, no lower.
    let pecks = "G0 X46 Y12\nG0 Z1\nG1 Z-1 F150\nG0 Z1\nG0 Z-0.746\nG1 Z-1.7 F150\nG0 Z1\nG0 Z-1.446\n";
    assert_eq!(found(&check(&program(pecks))), []);
    let too_far = pecks.replace("G0 Z-1.446", "G0 Z-1.75");
    assert_eq!(found(&check(&program(&too_far))), [(RB_RAPID_LOW, Some(11))]);
    let elsewhere = pecks.replace("G0 Z1\nG0 Z-1.446", "G0 Z3\nG0 X50\nG0 Z-1.446");
    assert_eq!(found(&check(&program(&elsewhere))), [(RB_RAPID_LOW, Some(12))]);
    // The first XY rapid before any Z is known.
    let report = check("G21 G90\nM3 S24000\nG0 X10 Y10\nG0 Z3\nM30\n");
    assert_eq!(found(&report), [(RB_RAPID_LOW, Some(3))]);
    assert!(report.findings[0].message.contains("while z is unknown"));
}

#[test]
fn spindle_must_turn_for_every_cutting_move() {
    let base = "G21 G90\nG0 Z3\nG0 X46 Y12\nG0 Z1\nG1 Z-0.5 F150\nG0 Z3\nM30\n";
    assert_eq!(found(&check(base)), [(RB_SPINDLE_OFF, Some(5))]);
    let s0 = base.replace("G0 Z3\nG0 X46", "M3 S0\nG0 Z3\nG0 X46");
    let report = check(&s0);
    assert_eq!(found(&report), [(RB_SPINDLE_OFF, Some(6))]);
    assert_eq!(
        report.findings[0].message,
        "line 6: feed move with the spindle at S0"
    );
    let stopped = program("G0 X46 Y12\nG0 Z1\nM5\nG1 Z-0.5 F150\n");
    assert_eq!(found(&check(&stopped)), [(RB_SPINDLE_OFF, Some(7))]);
    // M5 in the move's own block stops the spindle before the move.
    let same_block = program("G0 X46 Y12\nG0 Z1\nG1 Z-0.5 F150 M5\n");
    assert_eq!(found(&check(&same_block)), [(RB_SPINDLE_OFF, Some(6))]);
    // M3 with S in the move's own block starts it before the move.
    let started = "G21 G90\nG0 Z3\nG0 X46 Y12\nG0 Z1\nG1 Z-0.5 F150 M3 S24000\nG0 Z3\nM30\n";
    assert_eq!(found(&check(started)), []);
}

#[test]
fn feeds_must_be_programmed_and_positive() {
    let no_f = program("G0 X46 Y12\nG0 Z1\nG1 Z-0.5\n");
    let report = check(&no_f);
    assert_eq!(found(&report), [(RB_FEED_ZERO, Some(6))]);
    assert_eq!(
        report.findings[0].message,
        "line 6: feed move with no F programmed"
    );
    let f0 = program("G0 X46 Y12\nG0 Z1\nG1 Z-0.5 F0\n");
    assert_eq!(found(&check(&f0)), [(RB_FEED_ZERO, Some(6))]);
}

#[test]
fn feeds_within_the_machine_and_the_material() {
    let feed = |f: &str| program(&format!("G0 X46 Y12\nG0 Z1\nG1 Z-0.5 F150\nG1 Y60 F{f}\n"));
    assert_eq!(found(&check(&feed("2000"))), []);
    assert_eq!(found(&check(&feed("2001.9"))), []);
    let material = check(&feed("2003"));
    assert_eq!(found(&material), [(RB_FEED_LIMIT, Some(7))]);
    assert_eq!(material.bucket, Bucket::Yellow);
    assert_eq!(
        material.findings[0].message,
        "line 7: feed move at 2003.0 mm/min, over rosewood_east_indian's roughing feed 2000.0 mm/min"
    );
    assert!(check(&feed("6005")).passed());
    let machine = check(&feed("6010"));
    assert_eq!(found(&machine), [(RB_FEED_LIMIT, Some(7))]);
    assert_eq!(machine.bucket, Bucket::Red);
    assert_eq!(
        (machine.findings[0].value, machine.findings[0].limit),
        (Some(6010.0), Some(6000.0))
    );

    let plunge = |f: &str| program(&format!("G0 X46 Y12\nG0 Z1\nG1 Z-0.5 F{f}\n"));
    assert_eq!(found(&check(&plunge("400"))), []);
    let soft = check(&plunge("500"));
    assert_eq!(
        (found(&soft), soft.bucket),
        (vec![(RB_FEED_LIMIT, Some(6))], Bucket::Yellow)
    );
    let hard = check(&plunge("1600"));
    assert_eq!(
        (found(&hard), hard.bucket),
        (vec![(RB_FEED_LIMIT, Some(6))], Bucket::Red)
    );
    assert!(hard.findings[0]
        .message
        .contains("plunges at 1600.0 mm/min, over the machine's 1500.0"));
    // A ramp of 1.2 down over 1.6 across plunges at 3/5 of its feed, less the 0.005 mm rounding allowance:
    // 1000 × 1.195 / 2 = 597.5, over the material's 400.
    let ramp = program("G0 X46 Y12\nG0 Z1\nG1 Z0 F150\nG1 Y13.6 Z-1.2 F1000\n");
    let report = check(&ramp);
    assert_eq!(found(&report), [(RB_FEED_LIMIT, Some(7))]);
    assert!((report.findings[0].value.unwrap() - 597.5).abs() < 1e-9);
    // A closing move of a few microns after a helix is rounding, not a plunge, even at a cutting feed
    // above the machine's plunge limit; a real descent at that feed is one.
    let closing = program("G0 X46 Y12\nG0 Z1\nG1 Z-0.5 F150\nG1 Y12.008 Z-0.503 F1800\nG1 Z-0.505\n");
    assert_eq!(found(&check(&closing)), []);
    let real = closing.replace("G1 Z-0.505", "G1 Z-0.6");
    assert_eq!(found(&check(&real)), [(RB_FEED_LIMIT, Some(8))]);
    assert_eq!(check(&real).bucket, Bucket::Red);
}

#[test]
fn a_program_must_end() {
    let report = check("G21 G90\nM3 S24000\nG0 Z3\nM5\n");
    assert_eq!(found(&report), [(RB_NO_END, None)]);
    assert!(!report.passed());
    assert_eq!(found(&check("G21 G90\nM3 S24000\nG0 Z3\nM5\nM2\n")), []);
}

#[test]
fn findings_beyond_the_cap_are_counted_not_listed() {
    let body: String = (0..30).map(|i| format!("G0 X{} Y10\n", 900 + i)).collect();
    let report = check(&program(&body));
    let envelope = report.codes().iter().filter(|c| **c == RB_ENVELOPE).count();
    assert_eq!(envelope, MAX_FINDINGS_PER_CODE + 1);
    let last = report.findings.last().unwrap();
    assert_eq!(last.message, "10 more RB_ENVELOPE findings not listed");
    assert_eq!(report.lines.last(), Some(&None));
    assert_eq!(last.bucket, Bucket::Red);
}

#[test]
fn reports_are_deterministic_and_serialise() {
    let gcode = program("G0 X900 Y10\nG1 Z-9 F0\nM98\n#1=2\n");
    let a = check(&gcode);
    let b = check(&gcode);
    assert_eq!(a, b);
    let json_a = serde_json::to_string(&a).unwrap();
    assert_eq!(json_a, serde_json::to_string(&b).unwrap());
    assert!(json_a.contains("\"bucket\":\"RED\""));
}
