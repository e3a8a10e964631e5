//! Closed tool-centre paths in the XY plane: lines and arcs of at most half a turn, addressed by
//! path length so that a pass can start, ramp and lift for tabs anywhere along them.

use std::f64::consts::{PI, TAU};

use nalgebra::{Point2, Vector2};

/// Segments shorter than this (mm) are dropped when a contour is built.
const MIN_SEGMENT_MM: f64 = 1e-9;

/// One piece of a contour, in travel order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Seg {
    /// A straight line from `a` to `b`.
    Line { a: Point2<f64>, b: Point2<f64> },
    /// An arc from `a` to `b` about `center`; `sweep` is signed (positive counter-clockwise) and at
    /// most half a turn.
    Arc {
        a: Point2<f64>,
        b: Point2<f64>,
        center: Point2<f64>,
        radius: f64,
        start_angle: f64,
        sweep: f64,
    },
}

impl Seg {
    /// An arc about `center` of `radius` from `start_angle` through the signed `sweep` (radians).
    pub(crate) fn arc(center: Point2<f64>, radius: f64, start_angle: f64, sweep: f64) -> Self {
        let at = |angle: f64| center + Vector2::new(angle.cos(), angle.sin()) * radius;
        Self::Arc {
            a: at(start_angle),
            b: at(start_angle + sweep),
            center,
            radius,
            start_angle,
            sweep,
        }
    }

    /// Start point.
    pub(crate) fn start(&self) -> Point2<f64> {
        match self {
            Self::Line { a, .. } | Self::Arc { a, .. } => *a,
        }
    }

    /// End point.
    pub(crate) fn end(&self) -> Point2<f64> {
        match self {
            Self::Line { b, .. } | Self::Arc { b, .. } => *b,
        }
    }

    /// Length along the segment, mm.
    pub(crate) fn len(&self) -> f64 {
        match self {
            Self::Line { a, b } => (b - a).norm(),
            Self::Arc { radius, sweep, .. } => radius * sweep.abs(),
        }
    }

    /// The point `u` mm from the start (clamped to the segment; the end points are exact).
    pub(crate) fn point(&self, u: f64) -> Point2<f64> {
        let len = self.len();
        if u <= 0.0 || len <= 0.0 {
            return self.start();
        }
        if u >= len {
            return self.end();
        }
        match self {
            Self::Line { a, b } => a + (b - a) * (u / len),
            Self::Arc {
                center,
                radius,
                start_angle,
                sweep,
                ..
            } => {
                let angle = start_angle + sweep * (u / len);
                center + Vector2::new(angle.cos(), angle.sin()) * *radius
            }
        }
    }

    /// The same segment travelled the other way.
    pub(crate) fn reversed(&self) -> Self {
        match self {
            Self::Line { a, b } => Self::Line { a: *b, b: *a },
            Self::Arc {
                a,
                b,
                center,
                radius,
                start_angle,
                sweep,
            } => Self::Arc {
                a: *b,
                b: *a,
                center: *center,
                radius: *radius,
                start_angle: start_angle + sweep,
                sweep: -sweep,
            },
        }
    }

    /// The distance along the segment of the point nearest `p`, and how far `p` is from it.
    pub(crate) fn closest(&self, p: Point2<f64>) -> (f64, f64) {
        let len = self.len();
        match self {
            Self::Line { a, b } => {
                let d = b - a;
                let t = if len > 0.0 {
                    ((p - a).dot(&d) / (len * len)).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                (t * len, (p - (a + d * t)).norm())
            }
            Self::Arc {
                a,
                b,
                center,
                radius,
                start_angle,
                sweep,
            } => {
                let v = p - center;
                let phi = v.y.atan2(v.x);
                let along = ((phi - start_angle) * sweep.signum()).rem_euclid(TAU);
                if along <= sweep.abs() {
                    (along * radius, (v.norm() - radius).abs())
                } else {
                    let (da, db) = ((p - a).norm(), (p - b).norm());
                    if da <= db {
                        (0.0, da)
                    } else {
                        (len, db)
                    }
                }
            }
        }
    }
}

/// A closed path of segments in travel order, each ending where the next starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Contour {
    segs: Vec<Seg>,
    /// Path length at the start of each segment.
    starts: Vec<f64>,
    length: f64,
}

impl Contour {
    /// A contour from segments in travel order; arcs of more than half a turn are halved and
    /// segments of no length dropped. `None` when nothing is left.
    pub(crate) fn new(segs: impl IntoIterator<Item = Seg>) -> Option<Self> {
        let mut kept = Vec::new();
        for seg in segs {
            if seg.len() < MIN_SEGMENT_MM {
                continue;
            }
            match seg {
                Seg::Arc {
                    center,
                    radius,
                    start_angle,
                    sweep,
                    a,
                    b,
                } if sweep.abs() > PI + 1e-12 => {
                    let half = sweep / 2.0;
                    let first = Seg::arc(center, radius, start_angle, half);
                    let mid = first.end();
                    kept.push(Seg::Arc {
                        a,
                        b: mid,
                        center,
                        radius,
                        start_angle,
                        sweep: half,
                    });
                    kept.push(Seg::Arc {
                        a: mid,
                        b,
                        center,
                        radius,
                        start_angle: start_angle + half,
                        sweep: half,
                    });
                }
                seg => kept.push(seg),
            }
        }
        if kept.is_empty() {
            return None;
        }
        let mut starts = Vec::with_capacity(kept.len());
        let mut length = 0.0;
        for seg in &kept {
            starts.push(length);
            length += seg.len();
        }
        Some(Self {
            segs: kept,
            starts,
            length,
        })
    }

    /// A full circle as two half-turn arcs starting at angle 0 (the +X side of the centre).
    pub(crate) fn circle(center: Point2<f64>, radius: f64, ccw: bool) -> Option<Self> {
        let half = if ccw { PI } else { -PI };
        let first = Seg::arc(center, radius, 0.0, half);
        let second = Seg::arc(center, radius, half, half);
        // Close exactly on the start point.
        let second = match second {
            Seg::Arc {
                a,
                center,
                radius,
                start_angle,
                sweep,
                ..
            } => Seg::Arc {
                a,
                b: first.start(),
                center,
                radius,
                start_angle,
                sweep,
            },
            line => line,
        };
        Self::new([first, second])
    }

    /// Total length, mm.
    pub(crate) fn length(&self) -> f64 {
        self.length
    }

    /// The segments in travel order.
    pub(crate) fn segments(&self) -> &[Seg] {
        &self.segs
    }

    /// Path length at the start of segment `i`.
    pub(crate) fn start_of(&self, i: usize) -> f64 {
        self.starts.get(i).copied().unwrap_or(self.length)
    }

    /// The segment holding path length `s` (wrapped into one lap) and the distance into it.
    pub(crate) fn locate(&self, s: f64) -> (usize, f64) {
        let s = s.rem_euclid(self.length);
        let i = self.starts.partition_point(|&start| start <= s).saturating_sub(1);
        (i, s - self.start_of(i))
    }

    /// The point at path length `s` (wrapped into one lap).
    pub(crate) fn point_at(&self, s: f64) -> Point2<f64> {
        let (i, u) = self.locate(s);
        self.segs.get(i).map_or(Point2::origin(), |seg| seg.point(u))
    }

    /// Path length of the point nearest `p` (the first such point on a tie).
    pub(crate) fn closest_s(&self, p: Point2<f64>) -> f64 {
        let mut best = (0.0, f64::INFINITY);
        for (i, seg) in self.segs.iter().enumerate() {
            let (u, d) = seg.closest(p);
            if d < best.1 {
                best = (self.start_of(i) + u, d);
            }
        }
        if best.0 >= self.length {
            0.0
        } else {
            best.0
        }
    }

    /// The contour travelled the other way, from the same start point.
    pub(crate) fn reversed(&self) -> Self {
        // The old last segment, reversed, starts where the old first one started.
        let segs: Vec<Seg> = self.segs.iter().rev().map(Seg::reversed).collect();
        Self::new(segs).unwrap_or_else(|| self.clone())
    }

    /// True when the contour turns counter-clockwise (positive signed area).
    pub(crate) fn is_ccw(&self) -> bool {
        self.signed_area() > 0.0
    }

    /// Signed area enclosed, mm² (positive counter-clockwise).
    pub(crate) fn signed_area(&self) -> f64 {
        self.segs
            .iter()
            .map(|seg| match seg {
                Seg::Line { a, b } => (a.x * b.y - b.x * a.y) / 2.0,
                Seg::Arc {
                    a, b, radius, sweep, ..
                } => (a.x * b.y - b.x * a.y) / 2.0 + radius * radius * (sweep - sweep.sin()) / 2.0,
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Contour {
        let p = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)].map(|(x, y)| Point2::new(x, y));
        Contour::new((0..4).map(|i| Seg::Line {
            a: p[i],
            b: p[(i + 1) % 4],
        }))
        .unwrap()
    }

    #[test]
    fn circle_has_two_half_turns_and_closes_on_its_start() {
        let c = Contour::circle(Point2::new(5.0, 5.0), 2.0, true).unwrap();
        assert_eq!(c.segments().len(), 2);
        assert!((c.length() - 4.0 * PI).abs() < 1e-12);
        assert_eq!(c.segments()[1].end(), c.segments()[0].start());
        assert_eq!(c.segments()[0].start(), Point2::new(7.0, 5.0));
        assert!(c.is_ccw());
        assert!((c.signed_area() - PI * 4.0).abs() < 1e-9);
        let cw = Contour::circle(Point2::new(5.0, 5.0), 2.0, false).unwrap();
        assert!(!cw.is_ccw());
        // A quarter of the way round a counter-clockwise circle is at the top.
        let top = c.point_at(PI);
        assert!((top - Point2::new(5.0, 7.0)).norm() < 1e-12);
        let bottom = cw.point_at(PI);
        assert!((bottom - Point2::new(5.0, 3.0)).norm() < 1e-12);
    }

    #[test]
    fn locate_and_point_at_wrap_by_path_length() {
        let sq = square();
        assert_eq!(sq.length(), 40.0);
        assert_eq!(sq.locate(0.0), (0, 0.0));
        assert_eq!(sq.locate(10.0), (1, 0.0));
        assert_eq!(sq.locate(39.0), (3, 9.0));
        assert_eq!(sq.locate(45.0), (0, 5.0));
        assert_eq!(sq.point_at(15.0), Point2::new(10.0, 5.0));
        assert_eq!(sq.point_at(-5.0), Point2::new(0.0, 5.0));
    }

    #[test]
    fn closest_point_on_lines_and_arcs() {
        let sq = square();
        assert_eq!(sq.closest_s(Point2::new(12.0, 4.0)), 14.0);
        assert_eq!(sq.closest_s(Point2::new(5.0, -3.0)), 5.0);
        let c = Contour::circle(Point2::new(0.0, 0.0), 10.0, true).unwrap();
        let s = c.closest_s(Point2::new(0.0, 3.0));
        assert!((s - 5.0 * PI).abs() < 1e-12, "{s}");
        let s = c.closest_s(Point2::new(0.0, -3.0));
        assert!((s - 15.0 * PI).abs() < 1e-12, "{s}");
    }

    #[test]
    fn reversing_keeps_the_start_and_flips_the_turn() {
        let c = Contour::circle(Point2::new(0.0, 0.0), 3.0, true).unwrap();
        let r = c.reversed();
        assert!(!r.is_ccw());
        assert_eq!(r.segments()[0].start(), c.segments()[1].end());
        assert!((r.length() - c.length()).abs() < 1e-12);
        let sq = square().reversed();
        assert_eq!(sq.segments()[0].start(), Point2::new(0.0, 0.0));
        assert_eq!(sq.segments()[0].end(), Point2::new(0.0, 10.0));
    }

    #[test]
    fn arcs_over_half_a_turn_are_halved_and_empty_segments_dropped() {
        let big = Seg::arc(Point2::new(0.0, 0.0), 1.0, 0.0, 1.5 * PI);
        let back = Seg::Line {
            a: big.end(),
            b: big.start(),
        };
        let dot = Seg::Line {
            a: big.start(),
            b: big.start(),
        };
        let c = Contour::new([big, back, dot]).unwrap();
        assert_eq!(c.segments().len(), 3);
        match &c.segments()[0] {
            Seg::Arc { sweep, .. } => assert!((sweep - 0.75 * PI).abs() < 1e-15),
            other => panic!("{other:?}"),
        }
        assert!(Contour::new([]).is_none());
    }
}
