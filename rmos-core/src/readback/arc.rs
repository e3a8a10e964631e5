//! Arc geometry in the plane of an arc: the centre (from I/J/K offsets or an R radius, as GRBL computes
//! it), the validity rule controllers apply, the angle swept and the extremes the arc passes through.

use std::f64::consts::{FRAC_PI_2, TAU};

/// Largest arc radius the reader accepts, mm. A larger one is a runaway arc (a radius of kilometres sent
/// a machine off its table in a real CAM tool).
pub const MAX_ARC_RADIUS_MM: f64 = 10_000.0;

/// End radius may differ from start radius by this much, mm, whatever the radius (GRBL's rule).
pub const ARC_RADIUS_SLACK_MM: f64 = 0.005;

/// Beyond the slack, the difference must stay within this, mm...
pub const ARC_RADIUS_MAX_DIFF_MM: f64 = 0.5;

/// ...and within this fraction of the end radius (0.1 %).
pub const ARC_RADIUS_MAX_DIFF_RATIO: f64 = 0.001;

/// An arc sweeping less than this, radians, is a full circle (GRBL's `ARC_ANGULAR_TRAVEL_EPSILON`).
const FULL_CIRCLE_EPSILON: f64 = 5e-7;

/// How an arc names its centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Centre {
    /// Offsets along the plane's two axes (mm; `None` when the word is absent), incremental from the
    /// start (G91.1) or absolute (G90.1).
    Offsets {
        a: Option<f64>,
        b: Option<f64>,
        absolute: bool,
    },
    /// A radius, mm: positive for the arc under 180°, negative for the one over it.
    Radius(f64),
}

/// An arc in its plane: start and end in the plane's (first, second) axes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PlaneArc {
    pub start: [f64; 2],
    pub end: [f64; 2],
    pub centre: Centre,
    pub clockwise: bool,
    /// Turns (LinuxCNC's P word), at least 1.
    pub turns: u32,
}

/// The solved arc.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ArcSolution {
    pub centre: [f64; 2],
    /// Start radius, mm.
    pub radius: f64,
    /// Angle swept, radians, turns included (positive either way round).
    pub sweep: f64,
    /// Smallest and largest values reached on the plane's two axes, extremes included.
    pub min: [f64; 2],
    pub max: [f64; 2],
    /// Length in the plane, mm.
    pub length: f64,
}

/// Why an arc is not valid, with the measured value and the limit where one applies.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ArcFault {
    pub reason: String,
    pub value: Option<f64>,
    pub limit: Option<f64>,
}

fn fault(reason: impl Into<String>, value: Option<f64>, limit: Option<f64>) -> ArcFault {
    ArcFault {
        reason: reason.into(),
        value,
        limit,
    }
}

/// Solves an arc, or says why a controller would reject it.
pub(crate) fn solve(arc: &PlaneArc) -> Result<ArcSolution, ArcFault> {
    let [sa, sb] = arc.start;
    let [ea, eb] = arc.end;
    let centre = match arc.centre {
        Centre::Radius(r) => radius_centre(arc, r)?,
        Centre::Offsets { a: None, b: None, .. } => {
            return Err(fault(
                "arc without a centre (no I/J/K offset and no R)",
                None,
                None,
            ))
        }
        Centre::Offsets {
            a,
            b,
            absolute: false,
        } => [sa + a.unwrap_or(0.0), sb + b.unwrap_or(0.0)],
        Centre::Offsets {
            a: Some(a),
            b: Some(b),
            absolute: true,
        } => [a, b],
        Centre::Offsets { absolute: true, .. } => {
            return Err(fault(
                "absolute arc centre (G90.1) needs both offsets of the plane",
                None,
                None,
            ))
        }
    };
    let start_r = (sa - centre[0]).hypot(sb - centre[1]);
    let end_r = (ea - centre[0]).hypot(eb - centre[1]);
    if start_r > MAX_ARC_RADIUS_MM || end_r > MAX_ARC_RADIUS_MM {
        return Err(fault(
            format!(
                "runaway arc: radius {:.3} mm over the {MAX_ARC_RADIUS_MM:.0} mm limit",
                start_r.max(end_r)
            ),
            Some(start_r.max(end_r)),
            Some(MAX_ARC_RADIUS_MM),
        ));
    }
    if start_r < 1e-9 {
        return Err(fault(
            "arc with a zero radius (centre at the start)",
            Some(0.0),
            None,
        ));
    }
    let diff = (start_r - end_r).abs();
    let allowed = ARC_RADIUS_SLACK_MM.max(ARC_RADIUS_MAX_DIFF_MM.min(ARC_RADIUS_MAX_DIFF_RATIO * end_r));
    if diff > allowed {
        return Err(fault(
            format!(
                "end radius {end_r:.4} mm differs from start radius {start_r:.4} mm by {diff:.4} mm \
                 (allowed {allowed:.4} mm)"
            ),
            Some(diff),
            Some(allowed),
        ));
    }

    let start_angle = (sb - centre[1]).atan2(sa - centre[0]);
    let end_angle = (eb - centre[1]).atan2(ea - centre[0]);
    let mut sweep = if arc.clockwise {
        (start_angle - end_angle).rem_euclid(TAU)
    } else {
        (end_angle - start_angle).rem_euclid(TAU)
    };
    if sweep < FULL_CIRCLE_EPSILON {
        sweep += TAU;
    }
    let sweep = sweep + TAU * f64::from(arc.turns.saturating_sub(1));

    let reach = start_r.max(end_r);
    let mut min = [sa.min(ea), sb.min(eb)];
    let mut max = [sa.max(ea), sb.max(eb)];
    for quarter in 0..4u8 {
        let angle = f64::from(quarter) * FRAC_PI_2;
        let travelled = if arc.clockwise {
            (start_angle - angle).rem_euclid(TAU)
        } else {
            (angle - start_angle).rem_euclid(TAU)
        };
        if travelled <= sweep {
            let (sin, cos) = match quarter {
                0 => (0.0, 1.0),
                1 => (1.0, 0.0),
                2 => (0.0, -1.0),
                _ => (-1.0, 0.0),
            };
            let p = [centre[0] + reach * cos, centre[1] + reach * sin];
            for ((lo, hi), v) in min.iter_mut().zip(max.iter_mut()).zip(p) {
                *lo = lo.min(v);
                *hi = hi.max(v);
            }
        }
    }
    Ok(ArcSolution {
        centre,
        radius: start_r,
        sweep,
        min,
        max,
        length: start_r * sweep,
    })
}

/// GRBL's centre for an R arc (`gcode.c`): positive R takes the arc under 180°, negative the one over it.
fn radius_centre(arc: &PlaneArc, r: f64) -> Result<[f64; 2], ArcFault> {
    if r.abs() > MAX_ARC_RADIUS_MM {
        return Err(fault(
            format!(
                "runaway arc: radius {:.3} mm over the {MAX_ARC_RADIUS_MM:.0} mm limit",
                r.abs()
            ),
            Some(r.abs()),
            Some(MAX_ARC_RADIUS_MM),
        ));
    }
    let x = arc.end[0] - arc.start[0];
    let y = arc.end[1] - arc.start[1];
    let chord = x.hypot(y);
    if chord < 1e-9 {
        return Err(fault(
            "R arc ending where it starts (a full circle needs I/J/K)",
            None,
            None,
        ));
    }
    let squared = 4.0 * r * r - chord * chord;
    if squared < 0.0 && chord / 2.0 - r.abs() > 1e-6 {
        return Err(fault(
            format!(
                "radius {:.4} mm cannot reach an end point {:.4} mm away",
                r.abs(),
                chord
            ),
            Some(chord / 2.0),
            Some(r.abs()),
        ));
    }
    let mut h = -squared.max(0.0).sqrt() / chord;
    if !arc.clockwise {
        h = -h;
    }
    if r < 0.0 {
        h = -h;
    }
    Ok([arc.start[0] + 0.5 * (x - y * h), arc.start[1] + 0.5 * (y + x * h)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offsets(a: f64, b: f64) -> Centre {
        Centre::Offsets {
            a: Some(a),
            b: Some(b),
            absolute: false,
        }
    }

    fn arc(start: [f64; 2], end: [f64; 2], centre: Centre, clockwise: bool) -> PlaneArc {
        PlaneArc {
            start,
            end,
            centre,
            clockwise,
            turns: 1,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn quarter_arc_reaches_its_extreme() {
        // From (10, 0) counter-clockwise about the origin to (0, 10): passes no axis direction between.
        let s = solve(&arc([10.0, 0.0], [0.0, 10.0], offsets(-10.0, 0.0), false)).unwrap();
        assert!(close(s.sweep, FRAC_PI_2));
        assert_eq!(s.max, [10.0, 10.0]);
        // Clockwise the other way round: 270°, through (-10, 0) and (0, -10).
        let s = solve(&arc([10.0, 0.0], [0.0, 10.0], offsets(-10.0, 0.0), true)).unwrap();
        assert!(close(s.sweep, 3.0 * FRAC_PI_2));
        assert_eq!(s.min, [-10.0, -10.0]);
    }

    #[test]
    fn full_circle_when_start_is_end() {
        let s = solve(&arc([0.0, 0.0], [0.0, 0.0], offsets(5.0, 0.0), true)).unwrap();
        assert!(close(s.sweep, TAU));
        assert_eq!((s.min, s.max), ([0.0, -5.0], [10.0, 5.0]));
        assert!(close(s.length, 10.0 * std::f64::consts::PI));
    }

    #[test]
    fn r_arcs_follow_grbl_sign_rule() {
        let short = solve(&arc([0.0, 0.0], [10.0, 0.0], Centre::Radius(10.0), true)).unwrap();
        assert!(close(short.centre[0], 5.0) && close(short.centre[1], -(75f64.sqrt())));
        assert!(close(short.sweep, std::f64::consts::PI / 3.0));
        assert!(close(short.max[1], 10.0 - 75f64.sqrt()));
        let long = solve(&arc([0.0, 0.0], [10.0, 0.0], Centre::Radius(-10.0), true)).unwrap();
        assert!(close(long.sweep, 5.0 * std::f64::consts::PI / 3.0));
        assert!(close(long.max[1], 75f64.sqrt() + 10.0));
        assert!(close(long.min[0], -5.0) && close(long.max[0], 15.0) && long.min[1] == 0.0);
        let semi = solve(&arc([0.0, 0.0], [10.0, 0.0], Centre::Radius(5.0), false)).unwrap();
        assert!(close(semi.min[1], -5.0));
    }

    #[test]
    fn radius_mismatch_uses_grbls_rule() {
        // Start radius 100, end radius 100.1: 0.1 mm is within 0.1 % of 100.1 (0.1001).
        let ok = solve(&arc([100.0, 0.0], [0.0, 100.1], offsets(-100.0, 0.0), false));
        assert!(ok.is_ok());
        let bad = solve(&arc([100.0, 0.0], [0.0, 100.2], offsets(-100.0, 0.0), false)).unwrap_err();
        assert!(close(bad.value.unwrap(), 0.2) && close(bad.limit.unwrap(), 0.1002));
        // Small arcs get 0.005 mm whatever the ratio.
        assert!(solve(&arc([1.0, 0.0], [0.0, 1.005], offsets(-1.0, 0.0), false)).is_ok());
        assert!(solve(&arc([1.0, 0.0], [0.0, 1.006], offsets(-1.0, 0.0), false)).is_err());
    }

    #[test]
    fn invalid_arcs() {
        let none = Centre::Offsets {
            a: None,
            b: None,
            absolute: false,
        };
        assert!(solve(&arc([0.0, 0.0], [1.0, 0.0], none, true)).is_err());
        assert!(solve(&arc([0.0, 0.0], [0.0, 0.0], Centre::Radius(5.0), true)).is_err());
        assert!(solve(&arc([0.0, 0.0], [20.0, 0.0], Centre::Radius(5.0), true)).is_err());
        assert!(solve(&arc([0.0, 0.0], [1.0, 0.0], Centre::Radius(20_000.0), true)).is_err());
        let runaway = solve(&arc([0.0, 0.0], [0.0, 0.0], offsets(1e6, 0.0), true)).unwrap_err();
        assert_eq!(runaway.limit, Some(MAX_ARC_RADIUS_MM));
        assert!(solve(&arc([0.0, 0.0], [1.0, 0.0], offsets(0.0, 0.0), true)).is_err());
    }
}
