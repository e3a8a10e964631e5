//! Tests of the planners against geometry computed independently of them.

mod errors;
mod geometry;
mod invariants;
mod proptests;
mod stats;

use std::f64::consts::TAU;

use nalgebra::{Point2, Point3};

use super::*;
use crate::job::{
    CircleCut, CircleSide, ContourProfile, Cutting, DrillPattern, FretSlots, ProfileSide, RectPocket,
    RosetteChannel,
};

/// The example jobs in `examples/jobs/`.
fn examples() -> Vec<(&'static str, Job)> {
    [
        (
            "guitar_top",
            include_str!("../../../../examples/jobs/guitar_top.json"),
        ),
        (
            "fretboard",
            include_str!("../../../../examples/jobs/fretboard.json"),
        ),
        (
            "ebony_fretboard_rushed",
            include_str!("../../../../examples/jobs/ebony_fretboard_rushed.json"),
        ),
        (
            "maple_neck_truss_rod",
            include_str!("../../../../examples/jobs/maple_neck_truss_rod.json"),
        ),
        (
            "body_12_ops",
            include_str!("../../../../examples/jobs/body_12_ops.json"),
        ),
        (
            "guitar_top_and_frets",
            include_str!("../../../../examples/jobs/guitar_top_and_frets.json"),
        ),
    ]
    .into_iter()
    .map(|(name, text)| (name, Job::from_json(text).unwrap()))
    .collect()
}

fn example(name: &str) -> Job {
    examples()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, j)| j)
        .unwrap()
}

/// The guitar-top job's machine, stock and tool with other operations and cutting settings.
fn job_with(tool_d: f64, cutting: impl FnOnce(&mut Cutting), operations: Vec<Operation>) -> Job {
    let base = example("guitar_top");
    let mut tool = base.tool.clone();
    tool.diameter_mm = tool_d;
    let mut c = base.cutting.clone();
    cutting(&mut c);
    Job::new(base.machine, base.stock, tool, c, operations).unwrap()
}

fn circle_op(center: [f64; 2], diameter: f64, depth: f64, side: CircleSide, tabs: u32) -> Operation {
    Operation::CircleCut(CircleCut {
        center_mm: center,
        diameter_mm: diameter,
        depth_mm: depth,
        side,
        tabs,
    })
}

fn profile_op(points: &[[f64; 2]], side: ProfileSide, depth: f64, tabs: u32) -> Operation {
    Operation::ContourProfile(ContourProfile {
        points_mm: points.to_vec(),
        side,
        depth_mm: depth,
        tabs,
    })
}

/// One motion with the point it starts from.
#[derive(Debug, Clone, Copy)]
struct Step<'a> {
    from: Point3<f64>,
    mv: &'a Move,
}

impl Step<'_> {
    fn to(&self) -> Point3<f64> {
        self.mv.end().unwrap()
    }

    fn horizontal(&self) -> f64 {
        match self.mv {
            Move::Arc { center, .. } => {
                let (_, sweep) = arc_angles(self.from, self.to(), *center, self.clockwise());
                (self.from.xy() - center).norm() * sweep.abs()
            }
            _ => (self.to().xy() - self.from.xy()).norm(),
        }
    }

    fn dz(&self) -> f64 {
        self.to().z - self.from.z
    }

    fn clockwise(&self) -> bool {
        matches!(self.mv, Move::Arc { clockwise: true, .. })
    }

    fn feed(&self) -> Option<f64> {
        match self.mv {
            Move::Feed { feed_mm_min, .. } | Move::Arc { feed_mm_min, .. } => Some(*feed_mm_min),
            _ => None,
        }
    }

    /// `n + 1` points along the move (a pecked hole: its top and bottom).
    fn samples(&self, n: usize) -> Vec<Point3<f64>> {
        match self.mv {
            Move::Arc { center, .. } => {
                let (a0, sweep) = arc_angles(self.from, self.to(), *center, self.clockwise());
                let r = (self.from.xy() - center).norm();
                (0..=n)
                    .map(|i| {
                        let f = i as f64 / n as f64;
                        let a = a0 + sweep * f;
                        Point3::new(
                            center.x + r * a.cos(),
                            center.y + r * a.sin(),
                            self.from.z + self.dz() * f,
                        )
                    })
                    .collect()
            }
            Move::PeckDrill {
                at, r_z, bottom_z, ..
            } => vec![Point3::new(at.x, at.y, *r_z), Point3::new(at.x, at.y, *bottom_z)],
            _ => (0..=n)
                .map(|i| self.from + (self.to() - self.from) * (i as f64 / n as f64))
                .collect(),
        }
    }

    /// Distance in XY from `p` to the path of the move.
    fn distance_xy(&self, p: Point2<f64>) -> f64 {
        match self.mv {
            Move::Arc { center, .. } => {
                let (a0, sweep) = arc_angles(self.from, self.to(), *center, self.clockwise());
                let r = (self.from.xy() - center).norm();
                let v = p - center;
                let along = if sweep >= 0.0 {
                    (v.y.atan2(v.x) - a0).rem_euclid(TAU)
                } else {
                    (a0 - v.y.atan2(v.x)).rem_euclid(TAU)
                };
                if along <= sweep.abs() {
                    (v.norm() - r).abs()
                } else {
                    (p - self.from.xy()).norm().min((p - self.to().xy()).norm())
                }
            }
            _ => {
                let (a, b) = (self.from.xy(), self.to().xy());
                let d = b - a;
                let t = if d.norm() > 0.0 {
                    ((p - a).dot(&d) / d.norm_squared()).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                (p - (a + d * t)).norm()
            }
        }
    }
}

/// Start angle and signed sweep of an arc, worked out here rather than by the planner.
fn arc_angles(from: Point3<f64>, to: Point3<f64>, c: Point2<f64>, cw: bool) -> (f64, f64) {
    let a0 = (from.y - c.y).atan2(from.x - c.x);
    let a1 = (to.y - c.y).atan2(to.x - c.x);
    let ccw_sweep = (a1 - a0).rem_euclid(TAU);
    let sweep = if cw { -((TAU - ccw_sweep) % TAU) } else { ccw_sweep };
    (a0, sweep)
}

/// Every motion of the toolpath with its start (the first starts where it ends).
fn steps(tp: &Toolpath) -> Vec<Step<'_>> {
    steps_of(tp.moves(), None)
}

fn steps_of(moves: &[Move], start: Option<Point3<f64>>) -> Vec<Step<'_>> {
    let mut pos = start;
    let mut out = Vec::new();
    for mv in moves {
        if let Some(end) = mv.end() {
            out.push(Step {
                from: pos.unwrap_or(end),
                mv,
            });
            pos = Some(end);
        }
    }
    out
}

/// The motions of operation `index`.
fn op_steps(tp: &Toolpath, index: usize) -> Vec<Step<'_>> {
    let span = tp.operations().iter().find(|s| s.index == index).unwrap();
    let start = tp.moves()[..span.moves.start].iter().rev().find_map(Move::end);
    steps_of(&tp.moves()[span.moves.clone()], start)
}

/// Motions that cut: below the stock top at both ends.
fn cutting<'a>(steps: &[Step<'a>]) -> Vec<Step<'a>> {
    steps
        .iter()
        .copied()
        .filter(|s| s.from.z < 0.0 && s.to().z < 0.0 && !matches!(s.mv, Move::PeckDrill { .. }))
        .collect()
}
