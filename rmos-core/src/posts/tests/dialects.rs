//! Whole programs per dialect, byte for byte, in mm and in inches.

use super::support::*;
use crate::engines::POST_VERSION;
use crate::posts::{emit, Post, Units};

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
