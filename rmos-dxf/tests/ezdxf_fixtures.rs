//! Drawings written by another program (ezdxf 1.4.5, see `python/tests/dxf_drawings.py`): a guitar body of
//! an ARC, two LINEs (one drawn backwards) and a bulged polyline, with a soundhole CIRCLE, as R12 (POLYLINE,
//! no units) and R2000 (LWPOLYLINE, `$INSUNITS` = 4, mm).

use std::f64::consts::PI;

use rmos_dxf::{outlines_from_dxf, Options, Outline, Outlines};

const R12: &str = include_str!("../../tests/fixtures/dxf/guitar_body_r12.dxf");
const R2000: &str = include_str!("../../tests/fixtures/dxf/guitar_body_r2000.dxf");

fn bounds(o: &Outline) -> [f64; 4] {
    o.points
        .iter()
        .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, p| {
            [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])]
        })
}

/// The exact area of the body: the corner polygon (-180,0) (180,0) (150,75) (180,150) (-180,150) plus the
/// lower half disc, plus the upper bout's segment (bulge 0.5) and minus the waist's (bulge -0.2).
fn body_area() -> f64 {
    let segment = |chord: f64, bulge: f64| {
        let sweep = 4.0 * f64::atan(bulge).abs();
        let r = chord * (1.0 + bulge * bulge) / (4.0 * bulge.abs());
        (r * r / 2.0 * (sweep - sweep.sin())).copysign(bulge)
    };
    let corners = 360.0 * 150.0 - 30.0 * 150.0 / 2.0;
    corners + PI * 180.0 * 180.0 / 2.0 + segment(360.0, 0.5) + segment(150.0, -0.2)
}

fn check_body(read: &Outlines) {
    assert_eq!(read.outlines.len(), 2, "the body and the soundhole");
    let body = &read.outlines[0];
    // Chords: 150 for the lower bout (r 180, 180 degrees), 99 for the upper bout (r 225), 39 for the
    // waist (r 195), plus the two line corners: 150 + 99 + 39 + 2 points.
    assert_eq!(body.points.len(), 290);
    let first = body.points[0];
    assert!(
        (first[0] + 180.0).abs() < 1e-9 && first[1].abs() < 1e-9,
        "starts at the ARC's start: {first:?}"
    );
    let b = bounds(body);
    assert!((b[0] + 180.0).abs() < 1e-9 && (b[1] + 180.0).abs() < 1e-9 && (b[2] - 180.0).abs() < 1e-9);
    // The upper bout peaks at y = 150 + 0.5 * 360 / 2 = 240 between two chord ends.
    assert!((b[3] - 239.990_130_05).abs() < 1e-6, "{b:?}");
    let area = body.area_mm2();
    assert!((area - 123_770.748_236_8).abs() < 1e-3, "{area}");
    // Chords fall inside outward arcs and outside inward ones: within arc length x chord tolerance.
    assert!(
        (area - body_area()).abs() < 1136.74 * 0.01,
        "{area} vs {}",
        body_area()
    );
    assert_eq!(
        body.handles.len(),
        4,
        "ARC, two LINEs, one polyline: {:?}",
        body.handles
    );

    let hole = &read.outlines[1];
    assert_eq!(hole.points.len(), 158);
    assert_eq!(hole.points[0], [50.0, 60.0]);
    assert_eq!(hole.handles.len(), 1);
    let n = 158.0;
    assert!((hole.area_mm2() - n / 2.0 * 2500.0 * (2.0 * PI / n).sin()).abs() < 1e-6);
    assert!((hole.area_mm2() - PI * 2500.0).abs() < 0.01 * 2.0 * PI * 50.0);
}

#[test]
fn the_r2000_body_reads_in_millimetres() {
    let read = outlines_from_dxf(R2000, &Options::default()).unwrap();
    assert_eq!(read.units.name, "millimeters");
    assert_eq!(read.assumption, None);
    assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    check_body(&read);
}

#[test]
fn the_r12_body_reads_as_unitless_millimetres() {
    let read = outlines_from_dxf(R12, &Options::default()).unwrap();
    assert_eq!(read.units.name, "unitless");
    assert!(
        read.assumption.is_some(),
        "R12 has no $INSUNITS: the mm reading is stated"
    );
    check_body(&read);
}

#[test]
fn both_versions_give_the_same_points() {
    let a = outlines_from_dxf(R12, &Options::default()).unwrap();
    let b = outlines_from_dxf(R2000, &Options::default()).unwrap();
    let points = |o: &Outlines| o.outlines.iter().map(|o| o.points.clone()).collect::<Vec<_>>();
    assert_eq!(points(&a), points(&b));
}
