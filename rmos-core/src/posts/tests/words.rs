//! What every dialect writes and never writes: forbidden words, dwell units, modal feeds, arcs, pecks,
//! comments, line numbers and line length.

use super::support::*;
use crate::posts::{emit, Post, Units, MAX_COORD_MM};

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
