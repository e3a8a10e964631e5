//! Arcs as chords: circular arcs (from ARC, CIRCLE and polyline bulges) become points whose chords stay
//! within the chord tolerance of the true arc.

use std::f64::consts::TAU;

/// The number of chords for an arc of `radius` sweeping `sweep` radians (sign ignored), so that no
/// chord's sagitta exceeds `chord_tolerance`: `ceil(|sweep| / (2 acos(1 - tol / r)))`, at least 1, and
/// at least 3 for a full circle.
pub(crate) fn chord_count(radius: f64, sweep: f64, chord_tolerance: f64) -> usize {
    let max_step = if chord_tolerance >= radius {
        std::f64::consts::PI
    } else {
        2.0 * (1.0 - chord_tolerance / radius).acos()
    };
    let n = (sweep.abs() / max_step).ceil();
    // The tolerance is checked finite and positive and the radius bounded by the caller, so n is finite;
    // a drawing needing more than a million chords for one arc is refused before it gets here.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = n as usize;
    let full = sweep.abs() >= TAU - 1e-12;
    n.max(if full { 3 } else { 1 })
}

/// The points of the arc of `center` and `radius` from angle `start` through signed `sweep` (radians,
/// positive counter-clockwise), excluding the start point and including the end point.
pub(crate) fn arc_points(
    center: [f64; 2],
    radius: f64,
    start: f64,
    sweep: f64,
    chord_tolerance: f64,
) -> Vec<[f64; 2]> {
    let n = chord_count(radius, sweep, chord_tolerance);
    (1..=n)
        .map(|k| {
            #[allow(clippy::cast_precision_loss)]
            let a = start + sweep * (k as f64) / (n as f64);
            [center[0] + radius * a.cos(), center[1] + radius * a.sin()]
        })
        .collect()
}

/// The points after `from` of the bulged segment from `from` to `to` (bulge = tan(sweep / 4), positive
/// counter-clockwise), ending exactly at `to`. A zero bulge is a straight segment: just `to`.
pub(crate) fn bulge_points(from: [f64; 2], to: [f64; 2], bulge: f64, chord_tolerance: f64) -> Vec<[f64; 2]> {
    let (dx, dy) = (to[0] - from[0], to[1] - from[1]);
    let chord = dx.hypot(dy);
    if bulge == 0.0 || chord == 0.0 {
        return vec![to];
    }
    let sweep = 4.0 * bulge.atan();
    let radius = chord * (1.0 + bulge * bulge) / (4.0 * bulge.abs());
    // The centre lies on the chord's perpendicular bisector, to the left of the travel for a
    // counter-clockwise arc: offset (chord / 2) (1 - b^2) / (2 b) along the left normal.
    let offset = (1.0 - bulge * bulge) / (4.0 * bulge);
    let center = [
        (from[0] + to[0]) / 2.0 - dy * offset,
        (from[1] + to[1]) / 2.0 + dx * offset,
    ];
    let start = (from[1] - center[1]).atan2(from[0] - center[0]);
    let mut points = arc_points(center, radius, start, sweep, chord_tolerance);
    if let Some(last) = points.last_mut() {
        *last = to;
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chord_count_keeps_the_sagitta_within_tolerance() {
        // r = 10, tol = 0.01: step = 2 acos(0.999) = 0.089446 rad; a half circle needs ceil(35.12) = 36.
        assert_eq!(chord_count(10.0, std::f64::consts::PI, 0.01), 36);
        assert_eq!(chord_count(10.0, TAU, 0.01), 71);
        assert_eq!(chord_count(0.001, TAU, 0.01), 3);
        assert_eq!(chord_count(0.001, 0.1, 0.01), 1);
        let n = chord_count(10.0, TAU, 0.01);
        #[allow(clippy::cast_precision_loss)]
        let sagitta = 10.0 * (1.0 - (TAU / n as f64 / 2.0).cos());
        assert!(sagitta <= 0.01, "{sagitta}");
    }

    #[test]
    fn positive_bulge_turns_left_and_negative_right() {
        // A half circle from (0,0) to (2,0): bulge 1 is counter-clockwise, below the chord (centre (1,0)).
        let ccw = bulge_points([0.0, 0.0], [2.0, 0.0], 1.0, 0.01);
        assert!(ccw.iter().all(|p| p[1] <= 1e-12), "{ccw:?}");
        assert!(
            ccw.iter().any(|p| p[1] < -0.99),
            "reaches the bottom within the chord tolerance"
        );
        let cw = bulge_points([0.0, 0.0], [2.0, 0.0], -1.0, 0.01);
        assert!(cw.iter().all(|p| p[1] >= -1e-12), "{cw:?}");
        assert!(cw.iter().any(|p| p[1] > 0.99));
        assert_eq!(ccw.last(), Some(&[2.0, 0.0]));
        for p in &ccw {
            assert!(
                ((p[0] - 1.0).hypot(p[1]) - 1.0).abs() < 1e-12,
                "every point on the unit circle"
            );
        }
    }

    #[test]
    fn a_quarter_bulge_has_the_radius_of_its_chord() {
        // Bulge tan(pi/8) sweeps 90 degrees: chord 2 gives radius sqrt(2), centre (1, 1) for ccw.
        let b = (std::f64::consts::PI / 8.0).tan();
        let pts = bulge_points([0.0, 0.0], [2.0, 0.0], b, 0.001);
        for p in &pts {
            assert!(((p[0] - 1.0).hypot(p[1] - 1.0) - 2f64.sqrt()).abs() < 1e-12);
        }
        assert!(
            pts.iter().all(|p| p[1] <= 1e-12),
            "a small ccw arc bulges to the right of travel"
        );
    }
}
