//! Whole programs per dialect, byte for byte, and the refusals every post makes.

use super::support::*;
use crate::engines::POST_VERSION;
use crate::posts::{emit, Post, PostError, Units, MAX_COORD_MM};

/// `{V}` in the expected text stands for the crate version in the engine stamps.
fn expected(text: &str) -> String {
    text.replace("{V}", POST_VERSION)
}

fn assert_program(actual: &str, expected: &str) {
    if actual != expected {
        for (n, (a, e)) in actual.lines().zip(expected.lines()).enumerate() {
            assert_eq!(a, e, "first difference at line {}", n + 1);
        }
        assert_eq!(actual, expected, "programs differ in length or line endings");
    }
}

const HEADER_COMMENTS: &str = "\
(job Rosette top 3)
(approval sha256:1111111111111111111111111111111111111111111111111111111111111111)
(request sha256:2222222222222222222222222222222222222222222222222222222222222222)
(policy sha256:3333333333333333333333333333333333333333333333333333333333333333)
(feasibility rmos.feasibility/{V})
(toolpath rmos.toolpath/{V})
";

#[test]
fn grbl_program() {
    let program = emit(Post::Grbl, &demo_moves(), &ctx()).unwrap();
    let want = expected(&format!(
        "(rmos program for grbl)
{HEADER_COMMENTS}(post rmos.post.grbl/{{V}})
(tool 1 diameter 3.175 mm)
G90 G94 G17 G21
G0 Z5.000
M3 S18000
G4 P3
(operation 0 rosette_channel: ring 1)
G0 X60.000 Y50.000
G0 Z1.000
G1 Z-0.500 F300
G1 X70.000 F1000
G3 X50.000 Y70.000 I-20.000 J0.000
G2 X70.000 Y50.000 I0.000 J-20.000
G3 X70.000 Y50.000 Z-1.000 I-20.000 J0.000 F800
G0 Z5.000
(operation 1 drill_pattern)
G0 X20.000 Y20.000
G0 Z1.000
G1 Z0.000 F200
G0 Z1.000
G0 Z0.254
G1 Z-1.000
G0 Z1.000
G0 Z-0.746
G1 Z-2.000
G0 Z1.000
G0 Z-1.746
G1 Z-2.500
G0 Z1.000
G0 Z5.000
M5
M2
"
    ));
    assert_program(&program, &want);
}

#[test]
fn linuxcnc_program_with_coolant() {
    let mut c = ctx();
    c.coolant = true;
    let program = emit(Post::LinuxCnc, &demo_moves(), &c).unwrap();
    let want = expected(&format!(
        "(rmos program for linuxcnc)
{HEADER_COMMENTS}(post rmos.post.linuxcnc/{{V}})
(tool 1 diameter 3.175 mm)
G90 G94 G17 G21 G91.1 G40 G49 G80
T1 M6
G0 G43 H1 Z5.000
M3 S18000
M8
G4 P3
(operation 0 rosette_channel: ring 1)
G0 X60.000 Y50.000
G0 Z1.000
G1 Z-0.500 F300
G1 X70.000 F1000
G3 X50.000 Y70.000 I-20.000 J0.000
G2 X70.000 Y50.000 I0.000 J-20.000
G3 X70.000 Y50.000 Z-1.000 I-20.000 J0.000 F800
G0 Z5.000
(operation 1 drill_pattern)
G99 G83 X20.000 Y20.000 Z-2.500 R1.000 Q1.000 F200
G80
G0 Z5.000
M9
M5
M2
"
    ));
    assert_program(&program, &want);
}

#[test]
fn mach3_program() {
    let program = emit(Post::Mach3, &demo_moves(), &ctx()).unwrap();
    let want = expected(&format!(
        "(rmos program for mach3)
{HEADER_COMMENTS}(post rmos.post.mach3/{{V}})
(tool 1 diameter 3.175 mm)
G90 G94 G17 G21 G91.1 G40 G49 G80
T1 M6
G0 G43 H1 Z5.000
M3 S18000
G4 P3000 (dwell in ms)
(operation 0 rosette_channel: ring 1)
G0 X60.000 Y50.000
G0 Z1.000
G1 Z-0.500 F300
G1 X70.000 F1000
G3 X50.000 Y70.000 I-20.000 J0.000
G2 X70.000 Y50.000 I0.000 J-20.000
G3 X70.000 Y50.000 Z-1.000 I-20.000 J0.000 F800
G0 Z5.000
(operation 1 drill_pattern)
G99 G83 X20.000 Y20.000 Z-2.500 R1.000 Q1.000 F200
G80
G0 Z5.000
M5
M30
"
    ));
    assert_program(&program, &want);
}

#[test]
fn fanuc_program() {
    let mut c = ctx();
    c.program_number = 1234;
    c.coolant = true;
    let program = emit(Post::Fanuc, &demo_moves(), &c).unwrap();
    let want = expected(
        "%
O1234
(RMOS PROGRAM FOR FANUC)
(JOB ROSETTE TOP 3)
(APPROVAL SHA256 1111111111111111111111111111111111111111111111111111111111111111)
(REQUEST SHA256 2222222222222222222222222222222222222222222222222222222222222222)
(POLICY SHA256 3333333333333333333333333333333333333333333333333333333333333333)
(FEASIBILITY RMOS.FEASIBILITY/{V})
(TOOLPATH RMOS.TOOLPATH/{V})
(POST RMOS.POST.FANUC/{V})
(TOOL 1 DIAMETER 3.175 MM)
N10 G90 G94 G17 G21 G40 G49 G80
N20 T1 M06
N30 G00 G43 H01 Z5.
N40 M03 S18000
N50 M08
N60 G04 P3000
(OPERATION 0 ROSETTE CHANNEL RING 1)
N70 G00 X60. Y50.
N80 G00 Z1.
N90 G01 Z-0.5 F300.
N100 G01 X70. F1000.
N110 G03 X50. Y70. I-20. J0.
N120 G02 X70. Y50. I0. J-20.
N130 G03 X70. Y50. Z-1. I-20. J0. F800.
N140 G00 Z5.
(OPERATION 1 DRILL PATTERN)
N150 G99 G83 X20. Y20. Z-2.5 R1. Q1. F200.
N160 G80
N170 G00 Z5.
N180 M09
N190 M05
N200 M30
%
",
    );
    assert_program(&program, &want);
    assert!(program.starts_with("%\nO1234\n"));
    assert!(program.ends_with("M30\n%\n"));
}

#[test]
fn grbl_inch_program_converts_every_length_and_feed() {
    let mut c = ctx();
    c.units = Units::Inch;
    let program = emit(Post::Grbl, &demo_moves(), &c).unwrap();
    let want = expected(&format!(
        "(rmos program for grbl)
{HEADER_COMMENTS}(post rmos.post.grbl/{{V}})
(tool 1 diameter 0.1250 in)
G90 G94 G17 G20
G0 Z0.1969
M3 S18000
G4 P3
(operation 0 rosette_channel: ring 1)
G0 X2.3622 Y1.9685
G0 Z0.0394
G1 Z-0.0197 F11.811
G1 X2.7559 F39.3701
G3 X1.9685 Y2.7559 I-0.7874 J0.0000
G2 X2.7559 Y1.9685 I0.0000 J-0.7874
G3 X2.7559 Y1.9685 Z-0.0394 I-0.7874 J0.0000 F31.4961
G0 Z0.1969
(operation 1 drill_pattern)
G0 X0.7874 Y0.7874
G0 Z0.0394
G1 Z0.0000 F7.874
G0 Z0.0394
G0 Z0.0100
G1 Z-0.0394
G0 Z0.0394
G0 Z-0.0294
G1 Z-0.0787
G0 Z0.0394
G0 Z-0.0687
G1 Z-0.0984
G0 Z0.0394
G0 Z0.1969
M5
M2
"
    ));
    assert_program(&program, &want);
}

#[test]
fn inch_output_converts_i_j_r_q_and_f_in_every_dialect() {
    let moves = vec![
        rapid(0.0, 0.0, 5.0),
        feed(25.4, 0.0, 5.0, 254.0),
        arc([76.2, 0.0, 5.0], [50.8, 0.0], true, 127.0),
        peck(254.0, 254.0, 2.54, -12.7, 6.35, 25.4),
    ];
    let mut c = ctx();
    c.units = Units::Inch;
    for (post, lines) in [
        (
            Post::Grbl,
            ["G1 X1.0000 F10", "G2 X3.0000 Y0.0000 I1.0000 J0.0000 F5", ""],
        ),
        (
            Post::LinuxCnc,
            [
                "G1 X1.0000 F10",
                "G2 X3.0000 Y0.0000 I1.0000 J0.0000 F5",
                "G99 G83 X10.0000 Y10.0000 Z-0.5000 R0.1000 Q0.2500 F1",
            ],
        ),
        (
            Post::Mach3,
            [
                "G1 X1.0000 F10",
                "G2 X3.0000 Y0.0000 I1.0000 J0.0000 F5",
                "G99 G83 X10.0000 Y10.0000 Z-0.5000 R0.1000 Q0.2500 F1",
            ],
        ),
        (
            Post::Fanuc,
            [
                "G01 X1. F10.",
                "G02 X3. Y0. I1. J0. F5.",
                "G99 G83 X10. Y10. Z-0.5 R0.1 Q0.25 F1.",
            ],
        ),
    ] {
        let program = emit(post, &moves, &c).unwrap();
        let codes: Vec<String> = program.lines().map(code_part).collect();
        for line in lines.iter().filter(|l| !l.is_empty()) {
            assert!(
                codes
                    .iter()
                    .any(|c| c == line || c.ends_with(&format!(" {line}"))),
                "{post}: no line {line:?} in\n{program}"
            );
        }
        assert!(program.contains(" G20"), "{post}");
        assert!(!program.contains("G21"), "{post}");
    }
    // GRBL's expanded pecks in inches: 0.1 in retract plane, 0.25 in pecks, 0.01 in re-approach.
    let program = emit(Post::Grbl, &moves, &c).unwrap();
    assert!(program.contains(
        "\nG0 Z0.1000\nG1 Z-0.1500 F1\nG0 Z0.1000\nG0 Z-0.1400\nG1 Z-0.4000\nG0 Z0.1000\nG0 Z-0.3900\n"
    ));
}

#[test]
fn grbl_never_writes_what_grbl_rejects() {
    for units in [Units::Mm, Units::Inch] {
        let mut c = ctx();
        c.units = units;
        c.coolant = true;
        let program = emit(Post::Grbl, &demo_moves(), &c).unwrap();
        assert!(!program.contains('%'));
        for line in program.lines() {
            let w = words(line);
            let code = code_part(line);
            assert!(code.len() <= 80, "{line}");
            for (letter, value) in w {
                assert!(!matches!(letter, 'K' | 'Q' | 'O' | 'R' | 'H' | 'T'), "{line}");
                if letter == 'M' {
                    assert!([2.0, 3.0, 5.0, 8.0, 9.0].contains(&value), "{line}");
                }
                if letter == 'G' {
                    assert!(
                        [0.0, 1.0, 2.0, 3.0, 4.0, 17.0, 20.0, 21.0, 90.0, 94.0].contains(&value),
                        "{line}"
                    );
                }
            }
        }
    }
}

#[test]
fn no_dialect_writes_forbidden_words() {
    for post in Post::ALL {
        let program = emit(post, &demo_moves(), &ctx()).unwrap();
        for line in program.lines() {
            for (letter, value) in words(line) {
                if letter == 'M' {
                    assert!(![98.0, 99.0].contains(&value), "{post}: {line}");
                }
                if letter == 'G' {
                    assert!(![10.0, 28.0, 92.0, 65.0, 90.1].contains(&value), "{post}: {line}");
                }
                if letter == 'O' {
                    assert_eq!(post, Post::Fanuc, "{line}");
                }
                assert_ne!(letter, 'K', "{post}: {line}");
                assert_ne!(letter, '#', "{post}: {line}");
            }
        }
        assert_eq!(program.contains('%'), post == Post::Fanuc, "{post}");
    }
}

#[test]
fn dwell_units_per_dialect() {
    let mut c = ctx();
    c.spindle_dwell_s = Some(2.5);
    let dwell = |post, c: &crate::posts::EmitContext| {
        let program = emit(post, &demo_moves(), c).unwrap();
        program
            .lines()
            .find(|l| l.contains("G4 ") || l.contains("G04 "))
            .unwrap()
            .to_owned()
    };
    assert_eq!(dwell(Post::Grbl, &c), "G4 P2.5");
    assert_eq!(dwell(Post::LinuxCnc, &c), "G4 P2.5");
    assert_eq!(dwell(Post::Mach3, &c), "G4 P2500 (dwell in ms)");
    assert_eq!(dwell(Post::Fanuc, &c), "N50 G04 P2500");
    c.spindle_dwell_s = None;
    c.spindle_rpm = 24_000.0;
    assert_eq!(dwell(Post::Grbl, &c), "G4 P4");
    c.spindle_rpm = 8_000.0;
    assert_eq!(dwell(Post::Fanuc, &c), "N50 G04 P2000");
}

#[test]
fn spindle_starts_and_dwells_before_the_first_motion() {
    for post in Post::ALL {
        let program = emit(post, &demo_moves(), &ctx()).unwrap();
        let lines: Vec<&str> = program.lines().collect();
        let spindle = lines
            .iter()
            .position(|l| l.contains("M3 S") || l.contains("M03 S"))
            .unwrap();
        let dwell = lines
            .iter()
            .position(|l| l.contains("G4 P") || l.contains("G04 P"))
            .unwrap();
        let first_feed = lines
            .iter()
            .position(|l| {
                words(l)
                    .iter()
                    .any(|&(w, v)| w == 'G' && [1.0, 2.0, 3.0, 83.0].contains(&v))
            })
            .unwrap();
        assert!(spindle < dwell && dwell < first_feed, "{post}");
        let stop = lines
            .iter()
            .position(|l| code_part(l).ends_with("M5") || l.ends_with("M05"))
            .unwrap();
        assert!(stop > first_feed, "{post}");
    }
}

#[test]
fn feeds_are_written_only_when_they_change() {
    let moves = vec![
        rapid(0.0, 0.0, 1.0),
        feed(0.0, 0.0, -1.0, 300.0),
        feed(10.0, 0.0, -1.0, 300.0),
        feed(10.0, 10.0, -1.0, 300.0),
        feed(0.0, 10.0, -1.0, 450.5),
        feed(0.0, 0.0, -1.0, 450.5),
    ];
    let program = emit(Post::Grbl, &moves, &ctx()).unwrap();
    assert!(program
        .contains("\nG1 Z-1.000 F300\nG1 X10.000\nG1 Y10.000\nG1 X0.000 F450.5\nG1 Y0.000\nG0 Z5.000\nM5\n"));
}

#[test]
fn moves_that_change_nothing_are_not_written() {
    let moves = vec![
        rapid(1.0, 2.0, 5.0),
        rapid(1.0, 2.0, 5.0),
        rapid(1.0004, 2.0, 5.0),
    ];
    let program = emit(Post::Grbl, &moves, &ctx()).unwrap();
    assert!(program.contains("\nG4 P3\nG0 X1.000 Y2.000\nM5\n"), "{program}");
}

#[test]
fn full_circles_and_sub_step_arcs() {
    // A full circle ends where it starts: X and Y are written anyway.
    let moves = vec![
        rapid(10.0, 0.0, 1.0),
        feed(10.0, 0.0, -1.0, 300.0),
        arc([10.0, 0.0, -1.0], [0.0, 0.0], true, 900.0),
        // An arc of a few micrometres would read as a full circle once rounded: it becomes a line.
        arc([10.0, 0.0004, -1.5], [0.0, 0.0], false, 900.0),
    ];
    let program = emit(Post::Grbl, &moves, &ctx()).unwrap();
    assert!(
        program.contains("\nG2 X10.000 Y0.000 I-10.000 J0.000 F900\nG1 Z-1.500\n"),
        "{program}"
    );
}

#[test]
fn a_rounded_inch_arc_keeps_its_radius_where_naive_rounding_would_not() {
    // A 0.013 mm half circle: rounding its centre on its own leaves the end radius 0.0055 mm off.
    let (s, e, c) = ([114.316, 7.579], [114.296, 7.596], [114.306674, 7.587984]);
    let q = |v: f64| (v / 25.4 * 10_000.0).round();
    let naive = ((q(c[0]) - q(s[0])).hypot(q(c[1]) - q(s[1])) - (q(c[0]) - q(e[0])).hypot(q(c[1]) - q(e[1])))
        .abs()
        * 0.00254;
    assert!(naive > 0.005, "{naive}");
    let moves = vec![
        rapid(s[0], s[1], 1.0),
        feed(s[0], s[1], -1.0, 300.0),
        arc([e[0], e[1], -1.0], c, true, 300.0),
    ];
    let mut ctx = ctx();
    ctx.units = Units::Inch;
    let program = emit(Post::Grbl, &moves, &ctx).unwrap();
    let errors = arc_radius_errors_mm(&program);
    assert_eq!(errors.len(), 1);
    assert!(errors[0] <= 0.005, "{errors:?}\n{program}");
}

#[test]
fn pecks_start_from_the_retract_plane_when_the_tool_is_below_it() {
    let moves = vec![
        rapid(0.0, 0.0, 5.0),
        feed(0.0, 0.0, -0.5, 300.0),
        peck(10.0, 0.0, 2.0, -1.0, 2.0, 100.0),
    ];
    let grbl = emit(Post::Grbl, &moves, &ctx()).unwrap();
    assert!(
        grbl.contains("\nG1 Z-0.500 F300\nG0 Z2.000\nG0 X10.000\nG1 Z0.000 F100\nG0 Z2.000\nG0 Z0.254\nG1 Z-1.000\nG0 Z2.000\nG0 Z5.000\n"),
        "{grbl}"
    );
    let linuxcnc = emit(Post::LinuxCnc, &moves, &ctx()).unwrap();
    assert!(
        linuxcnc.contains(
            "\nG1 Z-0.500 F300\nG0 Z2.000\nG99 G83 X10.000 Y0.000 Z-1.000 R2.000 Q2.000 F100\nG80\n"
        ),
        "{linuxcnc}"
    );
}

#[test]
fn a_peck_shallower_than_the_re_approach_skips_it() {
    // Pecks of 0.2 mm: the re-approach (previous depth + 0.254) is above R, so the tool feeds from R.
    let moves = vec![peck(0.0, 0.0, 0.0, -0.4, 0.2, 100.0)];
    let grbl = emit(Post::Grbl, &moves, &ctx()).unwrap();
    assert!(
        grbl.contains(
            "\nG0 X0.000 Y0.000\nG0 Z0.000\nG1 Z-0.200 F100\nG0 Z0.000\nG1 Z-0.400\nG0 Z0.000\nG0 Z5.000\n"
        ),
        "{grbl}"
    );
}

#[test]
fn comments_are_sanitised() {
    let mut c = ctx();
    c.provenance.job_name = "top (spruce) ; M30 % ~!?".to_owned();
    let moves = vec![operation(4, "pocket (corner (r3)), MSG,hi"), rapid(0.0, 0.0, 5.0)];
    let grbl = emit(Post::Grbl, &moves, &c).unwrap();
    assert!(grbl.contains("\n(job top spruce M30)\n"), "{grbl}");
    assert!(
        grbl.contains("\n(operation 4 pocket corner r3 MSG hi)\n"),
        "{grbl}"
    );
    for line in grbl.lines() {
        assert!(
            line.matches('(').count() <= 1 && line.matches(')').count() <= 1,
            "{line}"
        );
    }
    c.provenance.job_name = "((()))".to_owned();
    let fanuc = emit(Post::Fanuc, &moves, &c).unwrap();
    assert!(fanuc.contains("\n(JOB UNNAMED)\n"), "{fanuc}");
    assert!(
        fanuc.contains("\n(OPERATION 4 POCKET CORNER R3 MSG HI)\n"),
        "{fanuc}"
    );
}

#[test]
fn fanuc_line_numbers_wrap_after_n99990() {
    let moves: Vec<_> = (0..10_000)
        .map(|i| feed(f64::from(i), 0.0, -1.0, 500.0))
        .collect();
    let program = emit(Post::Fanuc, &moves, &ctx()).unwrap();
    assert!(
        program.contains("\nN99990 G01 X9993.\nN10 G01 X9994.\n"),
        "wrap not found"
    );
}

#[test]
fn extreme_coordinates_stay_within_grbls_80_characters() {
    let m = MAX_COORD_MM - 0.001;
    let moves = vec![
        rapid(-m, m, 5.0),
        feed(m, -m, -m, 999_999.999),
        // A quarter circle of radius 2m around (-m, -m): I = -199999.998, J = 0.
        arc([-m, m, -m + 1.0], [-m, -m], false, 999_999.998),
    ];
    for units in [Units::Mm, Units::Inch] {
        let mut c = ctx();
        c.units = units;
        let program = emit(Post::Grbl, &moves, &c).unwrap();
        let longest = program.lines().map(|l| code_part(l).len()).max().unwrap();
        assert!(longest <= 80, "{longest}\n{program}");
        if units == Units::Mm {
            assert!(program.contains(
                "\nG1 X99999.999 Y-99999.999 Z-99999.999 F999999.999\n\
                 G3 X-99999.999 Y99999.999 Z-99998.999 I-199999.998 J0.000 F999999.998\n"
            ));
        }
    }
}

// ----- refusals -----

#[test]
fn feeds_must_be_positive_finite_and_not_round_to_zero() {
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, -0.0] {
        let moves = vec![rapid(0.0, 0.0, 5.0), feed(0.0, 0.0, -1.0, bad)];
        match emit(Post::Grbl, &moves, &ctx()) {
            Err(PostError::BadFeed { index: 1, value }) => assert!(value.is_nan() || value == bad),
            other => panic!("{bad}: {other:?}"),
        }
    }
    // 0.001 mm/min is F0.001 in mm but F0.0000 in inches: refused there.
    let moves = vec![rapid(0.0, 0.0, 5.0), feed(0.0, 0.0, -1.0, 0.001)];
    assert!(emit(Post::Grbl, &moves, &ctx()).unwrap().contains("F0.001\n"));
    let mut c = ctx();
    c.units = Units::Inch;
    assert!(matches!(
        emit(Post::Grbl, &moves, &c),
        Err(PostError::BadFeed { index: 1, .. })
    ));
    // The same check on arcs and holes.
    let moves = vec![rapid(1.0, 0.0, 5.0), arc([-1.0, 0.0, 5.0], [0.0, 0.0], true, 0.0)];
    assert!(matches!(
        emit(Post::Grbl, &moves, &ctx()),
        Err(PostError::BadFeed { index: 1, .. })
    ));
    let moves = vec![peck(0.0, 0.0, 1.0, -1.0, 0.5, -5.0)];
    assert!(matches!(
        emit(Post::LinuxCnc, &moves, &ctx()),
        Err(PostError::BadFeed { index: 0, .. })
    ));
    let err = emit(Post::Grbl, &[feed(0.0, 0.0, 1.0, 0.0)], &ctx()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "moves[0].feed_mm_min: must be a positive finite feed that is not F0 once rounded, got 0"
    );
}

#[test]
fn coordinates_must_be_finite_and_in_range() {
    let cases: Vec<(Vec<_>, &str)> = vec![
        (vec![rapid(f64::NAN, 0.0, 5.0)], "to.x"),
        (vec![feed(0.0, f64::INFINITY, 5.0, 100.0)], "to.y"),
        (vec![rapid(0.0, 0.0, f64::NEG_INFINITY)], "to.z"),
        (
            vec![
                rapid(1.0, 0.0, 5.0),
                arc([-1.0, 0.0, 5.0], [f64::NAN, 0.0], true, 100.0),
            ],
            "center.x",
        ),
        (vec![peck(0.0, f64::NAN, 1.0, -1.0, 0.5, 100.0)], "at.y"),
        (vec![peck(0.0, 0.0, f64::NAN, -1.0, 0.5, 100.0)], "r_z"),
    ];
    for (moves, field) in cases {
        match emit(Post::LinuxCnc, &moves, &ctx()) {
            Err(PostError::NonFinite { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert!(emit(Post::Grbl, &[rapid(MAX_COORD_MM, 0.0, 5.0)], &ctx()).is_ok());
    assert_eq!(
        emit(Post::Grbl, &[rapid(MAX_COORD_MM + 0.001, 0.0, 5.0)], &ctx()),
        Err(PostError::OutOfRange {
            index: 0,
            field: "to.x",
            value: MAX_COORD_MM + 0.001,
            limit: MAX_COORD_MM
        })
    );
    let moves = vec![rapid(0.0, 0.0, 5.0), feed(1.0, 0.0, 5.0, 1.0e6 + 1.0)];
    assert!(matches!(
        emit(Post::Grbl, &moves, &ctx()),
        Err(PostError::OutOfRange {
            index: 1,
            field: "feed_mm_min",
            ..
        })
    ));
}

#[test]
fn rapids_never_go_below_the_stock_top() {
    assert!(emit(Post::Grbl, &[rapid(0.0, 0.0, 0.0)], &ctx()).is_ok());
    // -0.0004 rounds to Z0.000, what the controller reads.
    let program = emit(Post::Grbl, &[rapid(0.0, 0.0, -0.0004)], &ctx()).unwrap();
    assert!(program.contains("G0 X0.000 Y0.000 Z0.000\n"));
    assert_eq!(
        emit(Post::Grbl, &[rapid(0.0, 0.0, -0.001)], &ctx()),
        Err(PostError::RapidIntoStock {
            index: 0,
            field: "to.z",
            z_mm: -0.001
        })
    );
    assert!(matches!(
        emit(Post::Fanuc, &[peck(0.0, 0.0, -0.5, -3.0, 1.0, 100.0)], &ctx()),
        Err(PostError::RapidIntoStock { field: "r_z", .. })
    ));
}

#[test]
fn arcs_need_a_start_and_matching_radii() {
    assert_eq!(
        emit(
            Post::Grbl,
            &[arc([1.0, 0.0, 5.0], [0.0, 0.0], true, 100.0)],
            &ctx()
        ),
        Err(PostError::ArcWithoutStart { index: 0 })
    );
    // Radii 10 and 10.0009: accepted; 10 and 10.0011: refused.
    let ok = vec![
        rapid(10.0, 0.0, 5.0),
        arc([-10.0009, 0.0, 5.0], [0.0, 0.0], true, 100.0),
    ];
    assert!(emit(Post::Grbl, &ok, &ctx()).is_ok());
    let bad = vec![
        rapid(10.0, 0.0, 5.0),
        arc([-10.0011, 0.0, 5.0], [0.0, 0.0], true, 100.0),
    ];
    match emit(Post::Grbl, &bad, &ctx()) {
        Err(PostError::ArcRadiusMismatch {
            index: 1,
            start_radius_mm,
            end_radius_mm,
            tolerance_mm,
        }) => {
            assert_eq!((start_radius_mm, tolerance_mm), (10.0, 0.001));
            assert!((end_radius_mm - 10.0011).abs() < 1e-12);
        }
        other => panic!("{other:?}"),
    }
    // A radius below one output step (0.001 mm) is refused.
    let tiny = vec![
        rapid(0.0, 0.0, 5.0),
        arc([0.0, 0.0, 5.0], [0.0009, 0.0], true, 100.0),
    ];
    assert!(matches!(
        emit(Post::Grbl, &tiny, &ctx()),
        Err(PostError::DegenerateArc { index: 1, .. })
    ));
    let small = vec![
        rapid(0.0, 0.0, 5.0),
        arc([0.0, 0.0, 5.0], [0.001, 0.0], true, 100.0),
    ];
    assert!(emit(Post::Grbl, &small, &ctx())
        .unwrap()
        .contains("G2 X0.000 Y0.000 I0.001 J0.000 F100\n"));
}

#[test]
fn holes_must_go_down_in_a_bounded_number_of_pecks() {
    let err = |m| emit(Post::Grbl, &[m], &ctx()).unwrap_err();
    assert_eq!(
        err(peck(0.0, 0.0, 1.0, 1.0, 0.5, 100.0)).to_string(),
        "moves[0].bottom_z: must be below r_z (1), got 1"
    );
    assert!(matches!(
        err(peck(0.0, 0.0, 1.0, -1.0, 0.0, 100.0)),
        PostError::BadDrill { field: "peck_mm", .. }
    ));
    assert!(matches!(
        err(peck(0.0, 0.0, 1.0, -1.0, f64::NAN, 100.0)),
        PostError::BadDrill { field: "peck_mm", .. }
    ));
    // 10 000 pecks are accepted, 10 001 refused.
    assert!(emit(
        Post::LinuxCnc,
        &[peck(0.0, 0.0, 0.0, -10.0, 0.001, 100.0)],
        &ctx()
    )
    .is_ok());
    assert_eq!(
        err(peck(0.0, 0.0, 0.0, -10.001, 0.001, 100.0)).to_string(),
        "moves[0].peck_mm: 10001 pecks to reach the bottom, at most 10000"
    );
}

#[test]
fn the_context_is_checked() {
    let check = |edit: &dyn Fn(&mut crate::posts::EmitContext), post, field: &str| {
        let mut c = ctx();
        edit(&mut c);
        match emit(post, &demo_moves(), &c) {
            Err(PostError::BadContext { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    };
    check(&|c| c.spindle_rpm = 0.0, Post::Grbl, "spindle_rpm");
    check(&|c| c.spindle_rpm = f64::NAN, Post::Grbl, "spindle_rpm");
    check(&|c| c.spindle_dwell_s = Some(0.0), Post::Grbl, "spindle_dwell_s");
    check(
        &|c| c.spindle_dwell_s = Some(601.0),
        Post::Grbl,
        "spindle_dwell_s",
    );
    check(&|c| c.safe_z_mm = 0.0, Post::Grbl, "safe_z_mm");
    check(&|c| c.safe_z_mm = 0.0004, Post::Grbl, "safe_z_mm");
    check(&|c| c.tool.number = 0, Post::LinuxCnc, "tool.number");
    check(&|c| c.tool.diameter_mm = -3.0, Post::Mach3, "tool.diameter_mm");
    check(&|c| c.program_number = 0, Post::Fanuc, "program_number");
    check(&|c| c.program_number = 10_000, Post::Fanuc, "program_number");
    // The program number only matters to Fanuc; the smallest dwell and safe height are accepted.
    let mut c = ctx();
    c.program_number = 0;
    c.spindle_dwell_s = Some(0.001);
    c.safe_z_mm = 0.001;
    let program = emit(Post::Grbl, &demo_moves(), &c).unwrap();
    assert!(program.contains("\nG0 Z0.001\nM3 S18000\nG4 P0.001\n"));
    assert_eq!(emit(Post::Grbl, &[], &ctx()), Err(PostError::NoMoves));
}
