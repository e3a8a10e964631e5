//! Z along a walk: a piecewise-linear function of the distance travelled, with upward steps where
//! the tool lifts onto a holding tab.

/// Knots closer than this (mm of travel) are one knot.
const KNOT_EPS: f64 = 1e-9;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Knot {
    /// Distance travelled, mm.
    t: f64,
    /// Z arriving at the knot.
    left: f64,
    /// Z leaving the knot (above `left` where the tool lifts onto a tab).
    right: f64,
}

/// Z as a function of the distance travelled along a walk, linear between knots.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DepthProfile {
    /// Sorted by `t`, the first at 0 and the last at the walk's distance.
    knots: Vec<Knot>,
}

/// A holding tab in walk distance: level at `top` over `[start, end_level]`, then falling at `slope`
/// (mm of Z per mm of travel) until `end`, where it reaches `floor`, the bottom of the cut.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TabShape {
    pub(crate) start: f64,
    pub(crate) end_level: f64,
    pub(crate) end: f64,
    pub(crate) top: f64,
    pub(crate) floor: f64,
    pub(crate) slope: f64,
}

impl TabShape {
    fn z(&self, t: f64) -> f64 {
        if t <= self.end_level {
            self.top
        } else if t >= self.end {
            self.floor
        } else {
            (self.top - (t - self.end_level) * self.slope).max(self.floor)
        }
    }
}

impl DepthProfile {
    /// Level at `z` for `distance` mm.
    pub(crate) fn level(z: f64, distance: f64) -> Self {
        Self::ramp(z, z, 0.0, distance)
    }

    /// Z falling linearly from `from` to `to` over the first `ramp` mm, then level until `distance`.
    pub(crate) fn ramp(from: f64, to: f64, ramp: f64, distance: f64) -> Self {
        let distance = distance.max(0.0);
        let mut knots = vec![Knot {
            t: 0.0,
            left: from,
            right: from,
        }];
        if ramp > KNOT_EPS && ramp < distance - KNOT_EPS {
            knots.push(Knot {
                t: ramp,
                left: to,
                right: to,
            });
        }
        let end = if ramp > KNOT_EPS && ramp >= distance - KNOT_EPS {
            // The ramp does not finish within the walk: stop part way down it.
            from + (to - from) * (distance / ramp)
        } else {
            to
        };
        knots.push(Knot {
            t: distance,
            left: end,
            right: end,
        });
        if ramp <= KNOT_EPS {
            if let Some(first) = knots.first_mut() {
                *first = Knot {
                    t: 0.0,
                    left: to,
                    right: to,
                };
            }
        }
        Self { knots }
    }

    /// Length of the walk, mm.
    pub(crate) fn distance(&self) -> f64 {
        self.knots.last().map_or(0.0, |k| k.t)
    }

    /// The distances where the slope changes or the tool steps up.
    pub(crate) fn breakpoints(&self) -> impl Iterator<Item = f64> + '_ {
        self.knots.iter().map(|k| k.t)
    }

    /// Z arriving at distance `t`.
    pub(crate) fn left(&self, t: f64) -> f64 {
        self.eval(t, true)
    }

    /// Z leaving distance `t`.
    pub(crate) fn right(&self, t: f64) -> f64 {
        self.eval(t, false)
    }

    /// Lowest Z anywhere on the walk.
    #[cfg(test)]
    pub(crate) fn lowest(&self) -> f64 {
        self.knots
            .iter()
            .map(|k| k.left.min(k.right))
            .fold(f64::INFINITY, f64::min)
    }

    fn eval(&self, t: f64, arriving: bool) -> f64 {
        let i = self.knots.partition_point(|k| k.t < t);
        match (
            self.knots.get(i),
            i.checked_sub(1).and_then(|p| self.knots.get(p)),
        ) {
            (Some(k), _) if k.t == t => {
                if arriving {
                    k.left
                } else {
                    k.right
                }
            }
            (Some(k), Some(p)) => p.right + (k.left - p.right) * ((t - p.t) / (k.t - p.t)),
            (Some(k), None) => k.left,
            (None, _) => self.knots.last().map_or(0.0, |k| k.right),
        }
    }

    /// Keeps the tool on or above `tab` wherever the tab lies within the walk: Z becomes the higher
    /// of the two, with a step up where the tab starts.
    pub(crate) fn raise(&mut self, tab: &TabShape) {
        let lo = tab.start.max(0.0);
        let hi = tab.end.min(self.distance());
        if hi - lo <= KNOT_EPS {
            return;
        }
        let mut ts = vec![lo, hi];
        if tab.end_level > lo && tab.end_level < hi {
            ts.push(tab.end_level);
        }
        ts.extend(self.knots.iter().map(|k| k.t).filter(|&t| t > lo && t < hi));
        ts.sort_by(f64::total_cmp);
        ts.dedup_by(|b, a| *b - *a <= KNOT_EPS);
        // Where the walk and the tab cross between two candidates, the higher of them turns.
        let mut crossings = Vec::new();
        for pair in ts.windows(2) {
            if let [t0, t1] = *pair {
                let d0 = self.right(t0) - tab.z(t0);
                let d1 = self.left(t1) - tab.z(t1);
                if d0 * d1 < 0.0 {
                    let t = t0 + (t1 - t0) * (d0 / (d0 - d1));
                    if t - t0 > KNOT_EPS && t1 - t > KNOT_EPS {
                        crossings.push(t);
                    }
                }
            }
        }
        ts.extend(crossings);
        ts.sort_by(f64::total_cmp);

        let tab_starts_here = tab.start >= 0.0;
        let tab_ends_here = tab.end <= self.distance();
        let new: Vec<Knot> = ts
            .iter()
            .map(|&t| {
                let (left, right) = (self.left(t), self.right(t));
                let g = tab.z(t);
                Knot {
                    t,
                    left: if tab_starts_here && t == lo {
                        left
                    } else {
                        left.max(g)
                    },
                    right: if tab_ends_here && t == hi {
                        right
                    } else {
                        right.max(g)
                    },
                }
            })
            .collect();
        // A tab wholly below the walk (a pass above the tab top) changes nothing: keep the knots.
        let raised = new
            .iter()
            .any(|k| k.left > self.left(k.t) || k.right > self.right(k.t));
        if !raised {
            return;
        }
        self.knots.retain(|k| k.t < lo || k.t > hi);
        self.knots.extend(new);
        self.knots.sort_by(|a, b| a.t.total_cmp(&b.t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramp_then_level() {
        let p = DepthProfile::ramp(0.0, -1.0, 10.0, 30.0);
        assert_eq!(p.breakpoints().collect::<Vec<_>>(), [0.0, 10.0, 30.0]);
        assert_eq!(p.right(0.0), 0.0);
        assert_eq!(p.left(5.0), -0.5);
        assert_eq!(p.left(10.0), -1.0);
        assert_eq!(p.right(20.0), -1.0);
        assert_eq!(p.distance(), 30.0);
        assert_eq!(p.lowest(), -1.0);
    }

    #[test]
    fn a_ramp_longer_than_the_walk_stops_part_way() {
        let p = DepthProfile::ramp(0.0, -1.0, 40.0, 10.0);
        assert_eq!(p.breakpoints().collect::<Vec<_>>(), [0.0, 10.0]);
        assert_eq!(p.left(10.0), -0.25);
    }

    #[test]
    fn level_profile() {
        let p = DepthProfile::level(-2.0, 5.0);
        assert_eq!(p.breakpoints().collect::<Vec<_>>(), [0.0, 5.0]);
        assert_eq!(p.right(0.0), -2.0);
        assert_eq!(p.left(5.0), -2.0);
    }

    #[test]
    fn a_tab_on_the_level_part_steps_up_and_ramps_down() {
        let mut p = DepthProfile::level(-3.0, 100.0);
        p.raise(&TabShape {
            start: 20.0,
            end_level: 26.0,
            end: 36.0,
            top: -2.0,
            floor: -3.0,
            slope: 0.1,
        });
        assert_eq!(
            p.breakpoints().collect::<Vec<_>>(),
            [0.0, 20.0, 26.0, 36.0, 100.0]
        );
        // Arriving at the tab at depth, leaving it on top.
        assert_eq!(p.left(20.0), -3.0);
        assert_eq!(p.right(20.0), -2.0);
        assert_eq!(p.left(26.0), -2.0);
        assert!((p.left(31.0) + 2.5).abs() < 1e-12);
        assert!((p.left(36.0) + 3.0).abs() < 1e-12);
        assert_eq!(p.right(36.0), -3.0);
        assert_eq!(p.lowest(), -3.0);
    }

    #[test]
    fn a_tab_over_a_ramp_meets_it_where_they_cross() {
        // The ramp falls 1 mm over 10 mm; the tab's top is at -0.5 from t = 2 to t = 4, then falls at 0.1.
        let mut p = DepthProfile::ramp(0.0, -1.0, 10.0, 50.0);
        p.raise(&TabShape {
            start: 2.0,
            end_level: 4.0,
            end: 9.0,
            top: -0.5,
            floor: -1.0,
            slope: 0.1,
        });
        // Until t = 5 the ramp is above the tab top: nothing changes there.
        assert_eq!(p.right(2.0), -0.2);
        assert!((p.left(4.0) + 0.4).abs() < 1e-12);
        // The tab's flank (-0.5 - 0.1 (t - 4)) stays below the ramp (-0.1 t) throughout.
        assert!((p.left(9.0) + 0.9).abs() < 1e-12);
        assert!((p.left(12.0) + 1.0).abs() < 1e-12);

        // A deeper ramp does cross the tab: the tool rides the tab top after the crossing.
        let mut q = DepthProfile::ramp(0.0, -2.0, 10.0, 50.0);
        q.raise(&TabShape {
            start: 2.0,
            end_level: 8.0,
            end: 18.0,
            top: -1.0,
            floor: -2.0,
            slope: 0.1,
        });
        // -0.2 t = -1 at t = 5: a knot appears there.
        assert!(q.breakpoints().any(|t| (t - 5.0).abs() < 1e-12));
        assert!((q.left(6.0) + 1.0).abs() < 1e-12);
        assert!((q.left(8.0) + 1.0).abs() < 1e-12);
        // The ramp is at -2 from t = 10; the flank reaches -2 at t = 18.
        assert!((q.left(13.0) + 1.5).abs() < 1e-12);
        assert!((q.left(18.0) + 2.0).abs() < 1e-12);
        assert_eq!(q.lowest(), -2.0);
    }

    #[test]
    fn a_tab_cut_by_the_walk_start_or_end_is_kept_without_a_step() {
        let mut p = DepthProfile::level(-3.0, 10.0);
        p.raise(&TabShape {
            start: -2.0,
            end_level: 1.0,
            end: 11.0,
            top: -2.0,
            floor: -3.0,
            slope: 0.1,
        });
        assert_eq!(p.right(0.0), -2.0);
        assert_eq!(p.left(1.0), -2.0);
        assert!((p.left(10.0) + 2.9).abs() < 1e-12);
        // A tab wholly outside the walk changes nothing.
        let mut q = DepthProfile::level(-3.0, 10.0);
        let before = q.clone();
        q.raise(&TabShape {
            start: 12.0,
            end_level: 14.0,
            end: 20.0,
            top: -2.0,
            floor: -2.6,
            slope: 0.1,
        });
        assert_eq!(q, before);
    }
}
