//! The motion rules: each segment held against the job's machine, stock, approved depths and feeds.

use crate::feasibility::{Bucket, Finding};
use crate::job::Job;

use super::codes::{self, finding};
use super::reading::{Segment, SegmentKind};

/// Slack on every geometric comparison, mm. It covers output rounding (an inch program's 4 decimals are
/// ±0.00127 mm) and nothing more.
pub const TOLERANCE_MM: f64 = 0.005;

/// Slack on feed comparisons, as a fraction of the limit (0.1 %: an inch feed printed to 0.1 in/min).
pub const FEED_TOLERANCE: f64 = 0.001;

/// What the rules hold a program against, taken from the job.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Limits {
    travel: [f64; 3],
    thickness: f64,
    deepest_depth: f64,
    safe_z: f64,
    max_feed: f64,
    max_plunge: f64,
    material: Option<(&'static str, f64, f64)>,
}

impl Limits {
    pub(crate) fn new(job: &Job) -> Self {
        let deepest_depth = job.operations.iter().map(|op| op.depth_mm()).fold(0.0, f64::max);
        Self {
            travel: job.machine.travel_mm,
            thickness: job.stock.thickness_mm,
            deepest_depth,
            safe_z: job.cutting.safe_z_mm,
            max_feed: job.machine.max_feed_mm_min,
            max_plunge: job.machine.max_plunge_mm_min,
            material: job
                .material()
                .map(|m| (m.id, m.rough_feed_mm_min, m.plunge_feed_mm_min)),
        }
    }

    /// Highest Z the machine reaches: the stroke runs up from the table, the stock's underside.
    fn top_z(&self) -> f64 {
        self.travel[2] - self.thickness
    }
}

/// The lowest value a segment reaches on `axis` when it goes below its start (or starts where the axis is
/// unknown). A move that only leaves a point already reported is not reported again.
fn new_low(segment: &Segment, axis: usize) -> Option<f64> {
    let lo = segment.min.get(axis).copied().flatten()?;
    match segment.from.get(axis).copied().flatten() {
        Some(start) if lo >= start => None,
        _ => Some(lo),
    }
}

/// The highest value a segment reaches on `axis` when it goes above its start.
fn new_high(segment: &Segment, axis: usize) -> Option<f64> {
    let hi = segment.max.get(axis).copied().flatten()?;
    match segment.from.get(axis).copied().flatten() {
        Some(start) if hi <= start => None,
        _ => Some(hi),
    }
}

/// What a segment is, for messages (formatted only when a finding is made).
struct What<'a>(&'a Segment);

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.kind {
            SegmentKind::Rapid => f.write_str("rapid"),
            SegmentKind::Feed => f.write_str("feed move"),
            SegmentKind::Arc { clockwise, .. } => f.write_str(if clockwise { "G2 arc" } else { "G3 arc" }),
            SegmentKind::Drill { cycle, .. } => write!(f, "G{cycle} hole"),
        }
    }
}

/// Every finding one segment provokes, in rule order.
pub(crate) fn check_segment(
    segment: &Segment,
    limits: &Limits,
    memory: &mut Memory,
    out: &mut impl FnMut(Finding),
) {
    check_one(segment, limits, memory, out);
    memory.update(segment);
}

fn check_one(segment: &Segment, limits: &Limits, memory: &Memory, out: &mut impl FnMut(Finding)) {
    let line = Some(segment.line);
    let what = What(segment);
    let mut red = |code: &str, message: String, value: Option<f64>, limit: f64| {
        out(finding(code, Bucket::Red, line, message, value, Some(limit)));
    };

    // RB_ENVELOPE
    let names = ['x', 'y', 'z'];
    for axis in 0..3 {
        let name = names.get(axis).copied().unwrap_or('?');
        let low_limit = if axis == 2 { None } else { Some(0.0) };
        let high_limit = if axis == 2 {
            limits.top_z()
        } else {
            limits.travel.get(axis).copied().unwrap_or(0.0)
        };
        let ends_inside = |limit: f64, above: bool| {
            [segment.from, segment.to].iter().all(|p| {
                p.get(axis).copied().flatten().is_none_or(|v| {
                    if above {
                        v <= limit + TOLERANCE_MM
                    } else {
                        v >= limit - TOLERANCE_MM
                    }
                })
            })
        };
        let extreme_note = |inside: bool| {
            if inside && matches!(segment.kind, SegmentKind::Arc { .. }) {
                " at an arc extreme (both end points are inside)"
            } else {
                ""
            }
        };
        if let (Some(lo), Some(limit)) = (new_low(segment, axis), low_limit) {
            if lo < limit - TOLERANCE_MM {
                let note = extreme_note(ends_inside(limit, false));
                red(
                    codes::RB_ENVELOPE,
                    format!(
                        "{what} reaches {name} {lo:.3} mm{note}, below the machine's {name} travel from 0"
                    ),
                    Some(lo),
                    limit,
                );
            }
        }
        if let Some(hi) = new_high(segment, axis) {
            if hi > high_limit + TOLERANCE_MM {
                let note = extreme_note(ends_inside(high_limit, true));
                let range = if axis == 2 {
                    format!("the top of the z stroke {high_limit:.3} mm above the stock top")
                } else {
                    format!("the machine's {name} travel to {high_limit:.3} mm")
                };
                red(
                    codes::RB_ENVELOPE,
                    format!("{what} reaches {name} {hi:.3} mm{note}, beyond {range}"),
                    Some(hi),
                    high_limit,
                );
            }
        }
    }

    if let Some(lo) = new_low(segment, 2) {
        // RB_TOO_DEEP
        let deepest = -limits.deepest_depth;
        if lo < deepest - TOLERANCE_MM {
            red(
                codes::RB_TOO_DEEP,
                format!(
                    "{what} reaches z {lo:.3} mm, below the deepest approved depth {:.3} mm",
                    limits.deepest_depth
                ),
                Some(lo),
                deepest,
            );
        }
        // RB_THROUGH_STOCK
        let underside = -limits.thickness;
        if lo < underside - TOLERANCE_MM {
            red(
                codes::RB_THROUGH_STOCK,
                format!(
                    "{what} reaches z {lo:.3} mm, through the {:.3} mm stock into the table",
                    limits.thickness
                ),
                Some(lo),
                underside,
            );
        }
    }

    if matches!(segment.kind, SegmentKind::Rapid) {
        rapid_low(segment, limits, memory, &mut red);
        return;
    }

    // RB_SPINDLE_OFF
    if !segment.spindle.is_cutting() {
        let state = match segment.spindle {
            super::reading::Spindle::Off => "with the spindle off".to_owned(),
            _ => "with the spindle at S0".to_owned(),
        };
        out(finding(
            codes::RB_SPINDLE_OFF,
            Bucket::Red,
            line,
            format!("{what} {state}"),
            None,
            None,
        ));
    }

    // RB_FEED_ZERO
    let feed = match segment.feed_mm_min {
        Some(f) if f > 0.0 => f,
        other => {
            let message = match other {
                Some(f) => format!("{what} at F{f}"),
                None => format!("{what} with no F programmed"),
            };
            out(finding(
                codes::RB_FEED_ZERO,
                Bucket::Red,
                line,
                message,
                other,
                None,
            ));
            return;
        }
    };

    // RB_FEED_LIMIT
    let plunge = feed * down_fraction(segment);
    let over = |value: f64, limit: f64| value > limit * (1.0 + FEED_TOLERANCE);
    let machine_feed = over(feed, limits.max_feed);
    if machine_feed {
        out(finding(
            codes::RB_FEED_LIMIT,
            Bucket::Red,
            line,
            format!(
                "{what} at {feed:.1} mm/min, over the machine's {:.1} mm/min",
                limits.max_feed
            ),
            Some(feed),
            Some(limits.max_feed),
        ));
    }
    let machine_plunge = over(plunge, limits.max_plunge);
    if machine_plunge {
        out(finding(
            codes::RB_FEED_LIMIT,
            Bucket::Red,
            line,
            format!(
                "{what} plunges at {plunge:.1} mm/min, over the machine's {:.1} mm/min",
                limits.max_plunge
            ),
            Some(plunge),
            Some(limits.max_plunge),
        ));
    }
    if let Some((material, rough, plunge_limit)) = limits.material {
        if !machine_feed && over(feed, rough) {
            out(finding(
                codes::RB_FEED_LIMIT,
                Bucket::Yellow,
                line,
                format!("{what} at {feed:.1} mm/min, over {material}'s roughing feed {rough:.1} mm/min"),
                Some(feed),
                Some(rough),
            ));
        }
        if !machine_plunge && over(plunge, plunge_limit) {
            out(finding(
                codes::RB_FEED_LIMIT,
                Bucket::Yellow,
                line,
                format!(
                    "{what} plunges at {plunge:.1} mm/min, over {material}'s plunge feed {plunge_limit:.1} mm/min"
                ),
                Some(plunge),
                Some(plunge_limit),
            ));
        }
    }
}

/// RB_RAPID_LOW: rapids end at or above the stock top, and move in XY only at safe Z.
fn rapid_low(
    segment: &Segment,
    limits: &Limits,
    memory: &Memory,
    red: &mut impl FnMut(&str, String, Option<f64>, f64),
) {
    let fz = segment.from[2];
    if let Some(z) = segment.to[2] {
        let into_own_hole = memory
            .hole_bottom(segment)
            .is_some_and(|bottom| z >= bottom - TOLERANCE_MM);
        if z < -TOLERANCE_MM && !into_own_hole {
            let message = format!("rapid to z {z:.3} mm, below the stock top");
            red(codes::RB_RAPID_LOW, message, Some(z), 0.0);
            return;
        }
    }
    if !moves_in_xy(segment) {
        return;
    }
    let tz = segment.to[2];
    let safe = limits.safe_z;
    match (fz, tz) {
        (Some(a), Some(b)) => {
            let low = a.min(b);
            if low < safe - TOLERANCE_MM {
                let message = format!("rapid in xy at z {low:.3} mm, below safe z {safe:.3} mm");
                red(codes::RB_RAPID_LOW, message, Some(low), safe);
            }
        }
        _ => {
            let message =
                format!("rapid in xy while z is unknown (lift z alone to safe z {safe:.3} mm first)");
            red(codes::RB_RAPID_LOW, message, None, safe);
        }
    }
}

/// The share of a cutting move's feed that goes into Z downwards: 1 for a drill or a straight plunge. A
/// descent within [`TOLERANCE_MM`] is output rounding, not a plunge (a closing move of a few microns
/// after a helix), and a ramp's descent is counted less that rounding allowance.
fn down_fraction(segment: &Segment) -> f64 {
    let (from, to) = (segment.from[2], segment.to[2]);
    match segment.kind {
        SegmentKind::Drill { .. } => 1.0,
        SegmentKind::Rapid => 0.0,
        SegmentKind::Feed | SegmentKind::Arc { .. } => match (from, to) {
            (Some(a), Some(b)) if a - b <= TOLERANCE_MM => 0.0,
            (Some(_), Some(_)) if segment.kind == SegmentKind::Feed && !moves_in_xy(segment) => 1.0,
            (Some(a), Some(b)) if segment.length_mm > 0.0 => {
                ((a - b - TOLERANCE_MM) / segment.length_mm).clamp(0.0, 1.0)
            }
            (Some(_), Some(_)) => 0.0,
            // From an unknown Z the move may be a plunge: assume it is.
            (None, Some(_)) => 1.0,
            _ => 0.0,
        },
    }
}

/// True when a segment moves in X or Y by more than [`TOLERANCE_MM`], or goes to an XY from an unknown one.
fn moves_in_xy(segment: &Segment) -> bool {
    (0..2).any(|axis| {
        let a = segment.from.get(axis).copied().flatten();
        let b = segment.to.get(axis).copied().flatten();
        match (a, b) {
            (Some(a), Some(b)) => (b - a).abs() > TOLERANCE_MM,
            (None, Some(_)) => true,
            _ => false,
        }
    })
}

/// What the rules remember between segments: the hole the program last fed straight down into (its XY
/// and the deepest Z fed there). A rapid straight down that hole, ending no lower than that, moves through
/// air: a peck drill's re-approach, written as G0 where the dialect has no canned cycle.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Memory {
    hole: Option<([f64; 2], f64)>,
}

impl Memory {
    fn update(&mut self, segment: &Segment) {
        let (Some(x), Some(y)) = (segment.to[0], segment.to[1]) else {
            self.hole = None;
            return;
        };
        if moves_in_xy(segment) {
            self.hole = None;
        }
        let bottom = match segment.kind {
            SegmentKind::Drill { bottom_z, .. } => Some(bottom_z),
            SegmentKind::Feed => match (segment.from[2], segment.to[2]) {
                (Some(a), Some(b)) if b < a && !moves_in_xy(segment) => Some(b),
                _ => None,
            },
            SegmentKind::Arc { .. } => {
                self.hole = None;
                None
            }
            SegmentKind::Rapid => None,
        };
        if let Some(bottom) = bottom {
            let deepest = match self.hole {
                Some((_, fed)) => fed.min(bottom),
                None => bottom,
            };
            self.hole = Some(([x, y], deepest));
        }
    }

    /// The deepest Z fed in the hole a vertical segment is in, if it is in the remembered one.
    fn hole_bottom(&self, segment: &Segment) -> Option<f64> {
        let ([hx, hy], bottom) = self.hole?;
        let (x, y) = (segment.to[0]?, segment.to[1]?);
        let inside =
            !moves_in_xy(segment) && (x - hx).abs() <= TOLERANCE_MM && (y - hy).abs() <= TOLERANCE_MM;
        inside.then_some(bottom)
    }
}
