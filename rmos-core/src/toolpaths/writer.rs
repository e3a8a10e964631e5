//! The one place moves are made: rapids only at the safe height or straight down to the clearance
//! plane, feeds that never descend faster than the plunge rate, arcs that every dialect accepts.

use nalgebra::{Point2, Point3};

use super::contour::{Contour, Seg};
use super::depth_profile::DepthProfile;
use super::{PlanFailure, CLEARANCE_MM, MAX_MOVES, MIN_ARC_CHORD_MM, STOCK_TOP_Z};
use crate::job::Job;
use crate::toolpaths::Move;

/// Travel shorter than this (mm) makes no move.
const SAME_POINT_MM: f64 = 1e-9;
/// Knots and segment ends closer than this (mm of travel) are one break.
const BREAK_EPS: f64 = 1e-9;

/// Writes moves for the planners, tracking where the tool is.
#[derive(Debug)]
pub(crate) struct PathWriter<'a> {
    job: &'a Job,
    moves: Vec<Move>,
    pos: Option<Point3<f64>>,
    safe_z: f64,
    clear_z: f64,
    feed: f64,
    plunge: f64,
}

/// `-0.0` becomes `0.0`: coordinates print the same on every platform and post.
fn norm(v: f64) -> f64 {
    v + 0.0
}

fn norm3(p: Point3<f64>) -> Point3<f64> {
    Point3::new(norm(p.x), norm(p.y), norm(p.z))
}

impl<'a> PathWriter<'a> {
    /// A writer for `job`'s heights and feeds.
    pub(crate) fn new(job: &'a Job) -> Self {
        let safe_z = job.cutting.safe_z_mm;
        Self {
            job,
            moves: Vec::new(),
            pos: None,
            safe_z,
            clear_z: clearance_z(safe_z),
            feed: job.cutting.feed_mm_min,
            plunge: job.cutting.plunge_mm_min,
        }
    }

    /// The job being planned.
    pub(crate) fn job(&self) -> &'a Job {
        self.job
    }

    /// The moves written.
    pub(crate) fn into_moves(self) -> Vec<Move> {
        self.moves
    }

    /// Where the tool is (`None` before the first move).
    pub(crate) fn position(&self) -> Option<Point3<f64>> {
        self.pos
    }

    /// Where the tool is in XY (the origin before the first move).
    pub(crate) fn xy(&self) -> Point2<f64> {
        self.pos.map_or(Point2::origin(), |p| p.xy())
    }

    fn z(&self) -> f64 {
        self.pos.map_or(self.safe_z, |p| p.z)
    }

    fn push(&mut self, mv: Move) -> Result<(), PlanFailure> {
        if self.moves.len() >= MAX_MOVES {
            return Err(PlanFailure::TooManyMoves { limit: MAX_MOVES });
        }
        let mv = match mv {
            Move::Rapid { to } => Move::Rapid { to: norm3(to) },
            Move::Feed { to, feed_mm_min } => Move::Feed {
                to: norm3(to),
                feed_mm_min,
            },
            Move::Arc {
                to,
                center,
                clockwise,
                feed_mm_min,
            } => Move::Arc {
                to: norm3(to),
                center: Point2::new(norm(center.x), norm(center.y)),
                clockwise,
                feed_mm_min,
            },
            Move::PeckDrill {
                at,
                r_z,
                bottom_z,
                peck_mm,
                feed_mm_min,
            } => Move::PeckDrill {
                at: Point2::new(norm(at.x), norm(at.y)),
                r_z: norm(r_z),
                bottom_z: norm(bottom_z),
                peck_mm,
                feed_mm_min,
            },
            marker @ Move::Operation { .. } => marker,
        };
        if let Some(end) = mv.end() {
            self.pos = Some(end);
        }
        self.moves.push(mv);
        Ok(())
    }

    /// Marks the start of operation `index`.
    pub(crate) fn mark(&mut self, index: usize, label: String) -> Result<(), PlanFailure> {
        self.push(Move::Operation { index, label })
    }

    /// Rapids up to the safe height (where the tool is below it).
    pub(crate) fn retract(&mut self) -> Result<(), PlanFailure> {
        if let Some(p) = self.pos {
            if p.z < self.safe_z {
                self.push(Move::Rapid {
                    to: Point3::new(p.x, p.y, self.safe_z),
                })?;
            }
        }
        Ok(())
    }

    /// Retracts, then rapids at the safe height to above `p`.
    pub(crate) fn over(&mut self, p: Point2<f64>) -> Result<(), PlanFailure> {
        self.retract()?;
        let here = self.pos;
        if here.is_none_or(|h| (h.xy() - p).norm() > SAME_POINT_MM) {
            self.push(Move::Rapid {
                to: Point3::new(p.x, p.y, self.safe_z),
            })?;
        }
        Ok(())
    }

    /// Brings the tool over `p` and down to the stock top: a rapid to the clearance plane, then a
    /// plunge-rate feed through the air to Z 0.
    pub(crate) fn approach(&mut self, p: Point2<f64>) -> Result<(), PlanFailure> {
        self.over(p)?;
        if self.clear_z < self.safe_z {
            self.push(Move::Rapid {
                to: Point3::new(p.x, p.y, self.clear_z),
            })?;
        }
        self.push(Move::Feed {
            to: Point3::new(p.x, p.y, STOCK_TOP_Z),
            feed_mm_min: self.plunge,
        })
    }

    /// A pecked hole at `at` from the clearance plane down to `bottom_z`, then back to the safe height.
    pub(crate) fn peck(&mut self, at: Point2<f64>, bottom_z: f64, peck_mm: f64) -> Result<(), PlanFailure> {
        self.over(at)?;
        self.push(Move::PeckDrill {
            at,
            r_z: self.clear_z,
            bottom_z,
            peck_mm,
            feed_mm_min: self.plunge,
        })?;
        self.retract()
    }

    /// The feed for a straight or helical move covering `horizontal` mm in XY and `dz` in Z: the
    /// cutting feed, slowed where needed so the tool never descends faster than the plunge feed.
    fn feed_for(&self, horizontal: f64, dz: f64) -> f64 {
        if horizontal <= SAME_POINT_MM {
            self.plunge
        } else if dz < 0.0 {
            let length = horizontal.hypot(dz);
            self.feed.min(self.plunge * length / -dz)
        } else {
            self.feed
        }
    }

    /// A straight feed to `to`.
    pub(crate) fn line_to(&mut self, to: Point3<f64>) -> Result<(), PlanFailure> {
        let from = self.pos.unwrap_or(to);
        let horizontal = (to.xy() - from.xy()).norm();
        let dz = to.z - from.z;
        if horizontal <= SAME_POINT_MM && dz.abs() <= SAME_POINT_MM {
            return Ok(());
        }
        let feed_mm_min = self.feed_for(horizontal, dz);
        self.push(Move::Feed { to, feed_mm_min })
    }

    /// The piece of `seg` from `u0` to `u1` mm along it, ending at `z`: an arc (helical when Z
    /// changes) or, for a chord too short to print distinctly, a line.
    fn seg_piece(&mut self, seg: &Seg, u0: f64, u1: f64, z: f64) -> Result<(), PlanFailure> {
        let end = seg.point(u1);
        let to = Point3::new(end.x, end.y, z);
        match seg {
            Seg::Line { .. } => self.line_to(to),
            Seg::Arc {
                center,
                radius,
                sweep,
                ..
            } => {
                let from = self.pos.unwrap_or(to);
                let chord = (end - from.xy()).norm();
                if chord < MIN_ARC_CHORD_MM {
                    return self.line_to(to);
                }
                let len = seg.len();
                let horizontal = if len > 0.0 {
                    radius * (sweep.abs() * (u1 - u0) / len)
                } else {
                    0.0
                };
                let feed_mm_min = self.feed_for(horizontal, z - from.z);
                self.push(Move::Arc {
                    to,
                    center: *center,
                    clockwise: *sweep < 0.0,
                    feed_mm_min,
                })
            }
        }
    }

    /// Walks `contour` from path length `s0` for the profile's distance with Z following the
    /// profile; returns the path length where the walk ends. The tool must be at the walk's start in XY.
    pub(crate) fn walk(
        &mut self,
        contour: &Contour,
        s0: f64,
        profile: &DepthProfile,
    ) -> Result<f64, PlanFailure> {
        let length = contour.length();
        let distance = profile.distance();
        if length <= 0.0 || distance <= 0.0 {
            return Ok(s0);
        }
        // Breaks: the profile's knots (kept exactly: the tool steps up there) and segment ends.
        let mut breaks: Vec<(f64, bool)> = profile.breakpoints().map(|t| (t, true)).collect();
        let laps = ((s0 + distance) / length).ceil();
        let mut lap = 0.0;
        while lap <= laps {
            for i in 0..contour.segments().len() {
                let t = contour.start_of(i) + lap * length - s0;
                if t > 0.0 && t < distance {
                    breaks.push((t, false));
                }
            }
            lap += 1.0;
        }
        breaks.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut ts: Vec<f64> = Vec::with_capacity(breaks.len());
        for (t, is_knot) in breaks {
            match ts.last_mut() {
                Some(last) if t - *last <= BREAK_EPS => {
                    if is_knot {
                        *last = t;
                    }
                }
                _ => ts.push(t),
            }
        }

        let start = contour.point_at(s0);
        if (self.xy() - start).norm() > 1e-6 {
            let z = self.z();
            self.line_to(Point3::new(start.x, start.y, z))?;
        }
        for pair in ts.windows(2) {
            let &[t0, t1] = pair else { continue };
            let (z0, z1) = (profile.right(t0), profile.left(t1));
            if (self.z() - z0).abs() > SAME_POINT_MM {
                let here = self.xy();
                self.line_to(Point3::new(here.x, here.y, z0))?;
            }
            let mid = (t0 + t1) / 2.0;
            let (i, u_mid) = contour.locate(s0 + mid);
            let Some(seg) = contour.segments().get(i) else {
                continue;
            };
            let len = seg.len();
            let snap = |u: f64| {
                if u <= BREAK_EPS {
                    0.0
                } else if u >= len - BREAK_EPS {
                    len
                } else {
                    u
                }
            };
            let (u0, u1) = (snap(u_mid - (mid - t0)), snap(u_mid + (t1 - mid)));
            self.seg_piece(seg, u0, u1, z1)?;
        }
        Ok((s0 + distance).rem_euclid(length))
    }
}

/// The clearance plane: [`CLEARANCE_MM`] above the stock top, or the safe height if that is lower.
pub(crate) fn clearance_z(safe_z: f64) -> f64 {
    CLEARANCE_MM.min(safe_z)
}
