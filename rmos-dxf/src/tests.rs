//! Unit tests over small drawings written as DXF code pairs.

use std::f64::consts::PI;

use super::*;

/// An ASCII DXF with `$INSUNITS` = `units` (none when `None`) and the given entity code pairs.
fn drawing(units: Option<i64>, entities: &[String]) -> String {
    let mut s = String::from("0\nSECTION\n2\nHEADER\n");
    if let Some(u) = units {
        s += &format!("9\n$INSUNITS\n70\n{u}\n");
    }
    s += "0\nENDSEC\n0\nSECTION\n2\nENTITIES\n";
    for e in entities {
        s += e;
    }
    s + "0\nENDSEC\n0\nEOF\n"
}

fn line(h: u32, a: [f64; 2], b: [f64; 2]) -> String {
    format!(
        "0\nLINE\n5\n{h:X}\n8\n0\n10\n{}\n20\n{}\n30\n0\n11\n{}\n21\n{}\n31\n0\n",
        a[0], a[1], b[0], b[1]
    )
}

fn arc(h: u32, c: [f64; 2], r: f64, start: f64, end: f64, extrusion_z: f64) -> String {
    format!(
        "0\nARC\n5\n{h:X}\n8\n0\n10\n{}\n20\n{}\n30\n0\n40\n{r}\n50\n{start}\n51\n{end}\n210\n0\n220\n0\n230\n{extrusion_z}\n",
        c[0], c[1]
    )
}

fn circle(h: u32, c: [f64; 2], r: f64) -> String {
    format!(
        "0\nCIRCLE\n5\n{h:X}\n8\n0\n10\n{}\n20\n{}\n30\n0\n40\n{r}\n",
        c[0], c[1]
    )
}

fn lwpolyline(h: u32, closed: bool, vertices: &[([f64; 2], f64)]) -> String {
    let mut s = format!(
        "0\nLWPOLYLINE\n5\n{h:X}\n8\n0\n90\n{}\n70\n{}\n",
        vertices.len(),
        i32::from(closed)
    );
    for (p, b) in vertices {
        s += &format!("10\n{}\n20\n{}\n42\n{b}\n", p[0], p[1]);
    }
    s
}

fn polyline(h: u32, closed: bool, vertices: &[([f64; 2], f64)]) -> String {
    let mut s = format!(
        "0\nPOLYLINE\n5\n{h:X}\n8\n0\n66\n1\n10\n0\n20\n0\n30\n0\n70\n{}\n",
        i32::from(closed)
    );
    for (i, (p, b)) in vertices.iter().enumerate() {
        s += &format!(
            "0\nVERTEX\n5\n{:X}\n8\n0\n10\n{}\n20\n{}\n30\n0\n42\n{b}\n",
            h + 1 + i as u32,
            p[0],
            p[1]
        );
    }
    s + &format!("0\nSEQEND\n5\n{:X}\n8\n0\n", h + 0x100)
}

fn read(text: &str) -> Result<Outlines, DxfError> {
    outlines_from_dxf(text, &Options::default())
}

fn bounds(o: &Outline) -> [f64; 4] {
    o.points
        .iter()
        .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, p| {
            [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])]
        })
}

fn square_lines(first: u32, size: f64) -> Vec<String> {
    let c = [[0.0, 0.0], [size, 0.0], [size, size], [0.0, size]];
    (0..4)
        .map(|i| line(first + i as u32, c[i], c[(i + 1) % 4]))
        .collect()
}

#[test]
fn four_lines_in_any_order_and_direction_join_into_one_ccw_square() {
    // Drawn clockwise, shuffled, one line reversed.
    let text = drawing(
        Some(4),
        &[
            line(0x30, [0.0, 0.0], [0.0, 10.0]),
            line(0x31, [10.0, 10.0], [10.0, 0.0]),
            line(0x32, [0.0, 10.0], [10.0, 10.0]),
            line(0x33, [0.0, 0.0], [10.0, 0.0]),
        ],
    );
    let out = read(&text).unwrap();
    assert_eq!(out.outlines.len(), 1);
    let o = &out.outlines[0];
    assert_eq!(o.points, vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]);
    assert_eq!(
        o.handles,
        ["33", "31", "32", "30"],
        "travel order from the first point"
    );
    assert_eq!(o.area_mm2(), 100.0);
    assert!(out.skipped.is_empty());
}

#[test]
fn a_circle_is_an_outline_starting_at_angle_zero() {
    let out = read(&drawing(Some(4), &[circle(0x40, [5.0, 5.0], 10.0)])).unwrap();
    let o = &out.outlines[0];
    assert_eq!(o.handles, ["40"]);
    assert_eq!(
        o.points.len(),
        71,
        "71 chords keep the sagitta under 0.01 mm at r = 10"
    );
    assert_eq!(o.points[0], [15.0, 5.0]);
    let n = 71.0;
    let polygon = n / 2.0 * 100.0 * (2.0 * PI / n).sin();
    assert!((o.area_mm2() - polygon).abs() < 1e-9, "{}", o.area_mm2());
    for p in &o.points {
        assert!(((p[0] - 5.0).hypot(p[1] - 5.0) - 10.0).abs() < 1e-12);
    }
}

#[test]
fn an_arc_and_a_line_close_a_half_disc() {
    // Arc from 0 to 180 degrees around the origin, radius 10, closed by the diameter.
    let text = drawing(
        Some(4),
        &[
            arc(0x50, [0.0, 0.0], 10.0, 0.0, 180.0, 1.0),
            line(0x51, [-10.0, 0.0], [10.0, 0.0]),
        ],
    );
    let o = &read(&text).unwrap().outlines[0];
    assert_eq!(
        o.points.len(),
        36 + 1,
        "36 chords of the half circle, then the diameter"
    );
    assert_eq!(o.points[0], [10.0, 0.0]);
    assert_eq!(o.handles, ["50", "51"]);
    let b = bounds(o);
    assert!(
        (b[0] + 10.0).abs() < 1e-12
            && b[1].abs() < 1e-12
            && (b[2] - 10.0).abs() < 1e-12
            && (b[3] - 10.0).abs() < 1e-12
    );
    let polygon = 36.0 / 2.0 * 100.0 * (PI / 36.0).sin();
    assert!((o.area_mm2() - polygon).abs() < 1e-9);
}

#[test]
fn an_arc_seen_from_below_is_mirrored() {
    // Extrusion (0,0,-1): the OCS centre (5, 0) is the world point (-5, 0), and 0..180 degrees
    // counter-clockwise there is the upper half, clockwise, seen from above.
    let text = drawing(
        Some(4),
        &[
            arc(0x50, [5.0, 0.0], 5.0, 0.0, 180.0, -1.0),
            line(0x51, [-10.0, 0.0], [0.0, 0.0]),
        ],
    );
    let o = &read(&text).unwrap().outlines[0];
    let b = bounds(o);
    // 25 chords: the top of the arc falls between two points, within the 0.01 mm chord tolerance.
    assert!(
        (b[0] + 10.0).abs() < 1e-12 && b[2].abs() < 1e-12 && (b[3] - 5.0).abs() < 0.01 && b[1].abs() < 1e-12,
        "{b:?}"
    );
    assert!(o.area_mm2() > 0.0);
}

#[test]
fn bulge_sign_decides_which_side_the_arc_bows() {
    // A 20 x 10 slot: two straight sides, two half-circle ends of radius 5, counter-clockwise bulges +1.
    let slot = |h, b: f64| {
        lwpolyline(
            h,
            true,
            &[
                ([0.0, 0.0], 0.0),
                ([20.0, 0.0], b),
                ([20.0, 10.0], 0.0),
                ([0.0, 10.0], b),
            ],
        )
    };
    let ccw = read(&drawing(Some(4), &[slot(0x60, 1.0)])).unwrap();
    let o = &ccw.outlines[0];
    let b = bounds(o);
    assert!(
        (b[0] + 5.0).abs() < 0.01 && (b[2] - 25.0).abs() < 0.01 && b[1] == 0.0 && b[3] == 10.0,
        "ends bow outward: {b:?}"
    );
    // Two half circles of r = 5: 25 chords each at 0.01 mm; 4 vertices + 2 * 24 points inside the arcs.
    assert_eq!(o.points.len(), 52);
    let half = 25.0 / 2.0 * 25.0 * (PI / 25.0).sin();
    assert!(
        (o.area_mm2() - (200.0 + 2.0 * half)).abs() < 1e-9,
        "{}",
        o.area_mm2()
    );
    // Bulge -1 bows the ends inward: 200 - pi 25 (an hourglass that does not cross).
    let cw = read(&drawing(Some(4), &[slot(0x61, -1.0)])).unwrap();
    let o = &cw.outlines[0];
    let b = bounds(o);
    assert!(b[0].abs() < 1e-9 && (b[2] - 20.0).abs() < 1e-9, "{b:?}");
    assert!(
        (o.area_mm2() - (200.0 - 2.0 * half)).abs() < 1e-9,
        "{}",
        o.area_mm2()
    );
}

#[test]
fn a_clockwise_polyline_is_reversed_from_its_first_point() {
    let text = drawing(
        Some(4),
        &[polyline(
            0x70,
            true,
            &[
                ([0.0, 0.0], 0.0),
                ([0.0, 4.0], 0.0),
                ([3.0, 4.0], 0.0),
                ([3.0, 0.0], 0.0),
            ],
        )],
    );
    let o = &read(&text).unwrap().outlines[0];
    assert_eq!(o.points, vec![[0.0, 0.0], [3.0, 0.0], [3.0, 4.0], [0.0, 4.0]]);
    assert_eq!(o.handles, ["70"]);
    assert_eq!(o.area_mm2(), 12.0);
}

#[test]
fn a_bulged_polyline_vertex_list_reads_like_the_lightweight_one() {
    let v = [
        ([0.0, 0.0], 0.0),
        ([20.0, 0.0], 1.0),
        ([20.0, 10.0], 0.0),
        ([0.0, 10.0], 1.0),
    ];
    let heavy = read(&drawing(Some(4), &[polyline(0x80, true, &v)])).unwrap();
    let light = read(&drawing(Some(4), &[lwpolyline(0x80, true, &v)])).unwrap();
    assert_eq!(heavy.outlines[0].points, light.outlines[0].points);
}

#[test]
fn units_convert_to_mm_and_unitless_is_an_assumption() {
    let square = square_lines(0x20, 2.0);
    let inches = read(&drawing(Some(1), &square)).unwrap();
    assert_eq!(inches.units.name, "inches");
    assert_eq!(bounds(&inches.outlines[0]), [0.0, 0.0, 50.8, 50.8]);
    assert_eq!(inches.assumption, None);
    for (code, size) in [(2, 609.6), (4, 2.0), (5, 20.0), (6, 2000.0), (9, 0.0508)] {
        let out = read(&drawing(Some(code), &square)).unwrap();
        assert_eq!(bounds(&out.outlines[0])[2], size, "code {code}");
    }
    let none = read(&drawing(None, &square)).unwrap();
    assert_eq!(none.units.name, "unitless");
    assert_eq!(bounds(&none.outlines[0])[2], 2.0);
    assert!(none.assumption.as_deref().unwrap().contains("millimetres"));
    let zero = read(&drawing(Some(0), &square)).unwrap();
    assert!(zero.assumption.is_some());
    assert_eq!(
        read(&drawing(Some(99), &square)),
        Err(DxfError::UnknownUnits { code: 99 })
    );
    assert!(matches!(
        read(&drawing(Some(20), &square)),
        Err(DxfError::UnsupportedUnits { code: 20, .. })
    ));
}

#[test]
fn ends_join_within_the_tolerance_and_not_beyond() {
    // A gap of 0.0008 mm joins at the default 0.001 mm; 0.002 does not.
    let gap = |g: f64| {
        drawing(
            Some(4),
            &[
                line(0x20, [0.0, 0.0], [10.0, 0.0]),
                line(0x21, [10.0 + g, 0.0], [10.0, 10.0]),
                line(0x22, [10.0, 10.0], [0.0, 10.0]),
                line(0x23, [0.0, 10.0], [0.0, 0.0]),
            ],
        )
    };
    let joined = read(&gap(0.0008)).unwrap();
    assert_eq!(joined.outlines[0].points.len(), 4);
    assert_eq!(
        joined.outlines[0].points[1],
        [10.0, 0.0],
        "the chain keeps the point it reached first"
    );
    let refused = read(&gap(0.002)).unwrap_err();
    assert_eq!(
        refused,
        DxfError::OpenChain {
            handles: vec!["21".into(), "22".into(), "23".into(), "20".into()],
            start: [10.002, 0.0],
            end: [10.0, 0.0],
        }
    );
    let wide = Options {
        join_tolerance_mm: 0.01,
        ..Options::default()
    };
    assert_eq!(outlines_from_dxf(&gap(0.002), &wide).unwrap().outlines.len(), 1);
    // In inches the tolerance is still mm: 0.0001 in = 0.00254 mm is too far.
    let inch_gap = drawing(
        Some(1),
        &[
            line(0x20, [0.0, 0.0], [1.0, 0.0]),
            line(0x21, [1.0001, 0.0], [0.0, 1.0]),
            line(0x22, [0.0, 1.0], [0.0, 0.0]),
        ],
    );
    assert!(matches!(read(&inch_gap), Err(DxfError::OpenChain { .. })));
}

#[test]
fn an_open_chain_is_refused_with_its_handles() {
    let text = drawing(
        Some(4),
        &[
            line(0x20, [0.0, 0.0], [10.0, 0.0]),
            arc(0x21, [10.0, 5.0], 5.0, 270.0, 90.0, 1.0),
        ],
    );
    let err = read(&text).unwrap_err();
    assert_eq!(err.handles(), ["20", "21"]);
    assert_eq!(
        err.to_string(),
        "entities 20, 21: open chain from (0.000, 0.000) to (10.000, 10.000) mm"
    );
    let open_poly = drawing(
        Some(4),
        &[lwpolyline(
            0x22,
            false,
            &[([0.0, 0.0], 0.0), ([5.0, 0.0], 0.0), ([5.0, 5.0], 0.0)],
        )],
    );
    assert_eq!(read(&open_poly).unwrap_err().handles(), ["22"]);
}

#[test]
fn a_self_intersecting_outline_is_refused_with_its_handles() {
    // A bow tie as one closed polyline, and as four lines.
    let bow = drawing(
        Some(4),
        &[lwpolyline(
            0x90,
            true,
            &[
                ([0.0, 0.0], 0.0),
                ([10.0, 10.0], 0.0),
                ([10.0, 0.0], 0.0),
                ([0.0, 10.0], 0.0),
            ],
        )],
    );
    let err = read(&bow).unwrap_err();
    assert_eq!(
        err,
        DxfError::SelfIntersecting {
            handles: vec!["90".into()],
            at: [5.0, 5.0]
        }
    );
    let lines = drawing(
        Some(4),
        &[
            line(0x20, [0.0, 0.0], [10.0, 10.0]),
            line(0x21, [10.0, 10.0], [10.0, 0.0]),
            line(0x22, [10.0, 0.0], [0.0, 10.0]),
            line(0x23, [0.0, 10.0], [0.0, 0.0]),
        ],
    );
    match read(&lines).unwrap_err() {
        DxfError::SelfIntersecting { mut handles, at } => {
            handles.sort();
            assert_eq!(handles, ["20", "22"]);
            assert!((at[0] - 5.0).abs() < 1e-9 && (at[1] - 5.0).abs() < 1e-9);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn three_ends_at_one_point_are_refused_as_a_branch() {
    let mut entities = square_lines(0x20, 10.0);
    entities.push(line(0x30, [0.0, 0.0], [5.0, 5.0]));
    let err = read(&drawing(Some(4), &entities)).unwrap_err();
    assert!(
        matches!(&err, DxfError::Branching { at, .. } if *at == [0.0, 0.0]),
        "{err:?}"
    );
    assert_eq!(err.handles(), ["20", "23", "30"]);
}

#[test]
fn degenerate_and_unsupported_entities_are_refused_by_handle() {
    let two = drawing(
        Some(4),
        &[lwpolyline(0xA0, true, &[([0.0, 0.0], 0.0), ([5.0, 0.0], 0.0)])],
    );
    assert_eq!(
        read(&two).unwrap_err(),
        DxfError::Degenerate {
            handles: vec!["A0".into()]
        }
    );
    // Back and forth on one line overlaps itself.
    let flat = drawing(
        Some(4),
        &[lwpolyline(
            0xA3,
            true,
            &[([0.0, 0.0], 0.0), ([5.0, 0.0], 0.0), ([10.0, 0.0], 0.0)],
        )],
    );
    assert!(matches!(read(&flat), Err(DxfError::SelfIntersecting { handles, .. }) if handles == ["A3"]));
    // Two vertices with bulges 1 are a whole circle of diameter 10.
    let round = drawing(
        Some(4),
        &[lwpolyline(0xA4, true, &[([0.0, 0.0], 1.0), ([10.0, 0.0], 1.0)])],
    );
    let o = &read(&round).unwrap().outlines[0];
    assert!((o.area_mm2() - 25.0 * PI).abs() < 0.5, "{}", o.area_mm2());
    let tilted = drawing(
        Some(4),
        &[arc(0xA1, [0.0, 0.0], 1.0, 0.0, 90.0, 0.0).replace("220\n0\n", "220\n1\n")],
    );
    assert!(matches!(read(&tilted), Err(DxfError::UnsupportedEntity { handle, .. }) if handle == "A1"));
    let zero_radius = drawing(Some(4), &[circle(0xA2, [0.0, 0.0], 0.0)]);
    assert!(matches!(read(&zero_radius), Err(DxfError::UnsupportedEntity { handle, .. }) if handle == "A2"));
}

#[test]
fn other_entities_and_zero_length_lines_are_listed_as_skipped() {
    let mut entities = square_lines(0x20, 10.0);
    entities.push("0\nTEXT\n5\nB0\n8\n0\n10\n1\n20\n1\n30\n0\n40\n2\n1\nneck\n".to_owned());
    entities.push(line(0xB1, [3.0, 3.0], [3.0, 3.0]));
    let out = read(&drawing(Some(4), &entities)).unwrap();
    assert_eq!(out.outlines.len(), 1);
    assert_eq!(
        out.skipped,
        vec![
            SkippedEntity {
                handle: "B0".into(),
                kind: "Text".into()
            },
            SkippedEntity {
                handle: "B1".into(),
                kind: "zero length".into()
            },
        ]
    );
}

#[test]
fn outlines_come_in_file_order_of_their_first_entity() {
    let mut entities = vec![circle(0x10, [50.0, 50.0], 3.0)];
    entities.extend(square_lines(0x20, 10.0));
    entities.insert(2, circle(0x11, [80.0, 80.0], 3.0));
    let out = read(&drawing(Some(4), &entities)).unwrap();
    let firsts: Vec<&str> = out.outlines.iter().map(|o| o.handles[0].as_str()).collect();
    assert_eq!(firsts, ["10", "20", "11"]);
    assert_eq!(read(&drawing(Some(4), &entities)).unwrap(), out, "deterministic");
}

#[test]
fn bad_options_and_text_are_refused() {
    let bad = Options {
        chord_tolerance_mm: f64::NAN,
        ..Options::default()
    };
    assert!(matches!(
        outlines_from_dxf("", &bad),
        Err(DxfError::InvalidOption {
            field: "chord_tolerance_mm",
            ..
        })
    ));
    let bad = Options {
        join_tolerance_mm: 0.0,
        ..Options::default()
    };
    assert!(matches!(
        outlines_from_dxf("", &bad),
        Err(DxfError::InvalidOption {
            field: "join_tolerance_mm",
            ..
        })
    ));
    assert!(matches!(
        read("0\nSECTION\n2\nENTITIES\n0\nLINE\n10\nnot-a-number\n"),
        Err(DxfError::Unreadable { .. })
    ));
}

#[test]
fn units_are_read_from_a_drawing_in_a_legacy_code_page() {
    // A layer name in Windows-1252 (0xE9, not UTF-8) does not hide $INSUNITS from the scan.
    let legacy = |code| {
        let mut bytes = drawing(Some(code), &square_lines(0x20, 2.0)).into_bytes();
        let at = bytes.windows(4).position(|w| w == b"\n8\n0").unwrap();
        bytes.splice(at + 3..at + 4, [b'n', 0xE9, b'k']);
        bytes
    };
    assert!(std::str::from_utf8(&legacy(1)).is_err());
    assert_eq!(
        outlines_from_dxf_bytes(&legacy(99), &Options::default()),
        Err(DxfError::UnknownUnits { code: 99 })
    );
    let out = outlines_from_dxf_bytes(&legacy(1), &Options::default()).unwrap();
    assert_eq!(bounds(&out.outlines[0]), [0.0, 0.0, 50.8, 50.8]);
}
