//! Rapids, feeds and arcs: each move written as the blocks that reach it from the tracked position.

use super::{distance, Hole, Writer};
use crate::posts::arc::{grid_center, ARC_INPUT_TOLERANCE_MM, ARC_TARGET_MM, ARC_TOLERANCE_MM};
use crate::posts::comment::push_comment_text;
use crate::posts::number::write_digits;
use crate::posts::PostError;
use crate::toolpaths::Move;

impl Writer {
    pub(super) fn motion(&mut self, index: usize, m: &Move) -> Result<(), PostError> {
        match m {
            Move::Operation { index: op, label } => {
                self.comment_block();
                let op = *op as u64;
                self.comment(|out, post| {
                    out.extend_from_slice(if post.upper_case_comments() {
                        b"OPERATION "
                    } else {
                        b"operation "
                    });
                    write_digits(out, op, 1);
                    out.push(b' ');
                    let before = out.len();
                    push_comment_text(out, post, label);
                    if out.len() == before {
                        out.pop();
                    }
                });
                self.end()
            }
            Move::Rapid { to } => {
                let target = self.point(index, [("to.x", to.x), ("to.y", to.y), ("to.z", to.z)])?;
                if target[2] < 0 {
                    return Err(PostError::RapidIntoStock {
                        index,
                        field: "to.z",
                        z_mm: to.z,
                    });
                }
                self.linear(self.words.rapid, target, [to.x, to.y, to.z], None)
            }
            Move::Feed { to, feed_mm_min } => {
                let target = self.point(index, [("to.x", to.x), ("to.y", to.y), ("to.z", to.z)])?;
                let feed = self.feed_steps(index, *feed_mm_min)?;
                self.linear(self.words.linear, target, [to.x, to.y, to.z], Some(feed))
            }
            Move::Arc {
                to,
                center,
                clockwise,
                feed_mm_min,
            } => self.arc(
                index,
                [to.x, to.y, to.z],
                [center.x, center.y],
                *clockwise,
                *feed_mm_min,
            ),
            Move::PeckDrill {
                at,
                r_z,
                bottom_z,
                peck_mm,
                feed_mm_min,
            } => self.peck(
                index,
                Hole {
                    at: [at.x, at.y],
                    r_z: *r_z,
                    bottom_z: *bottom_z,
                    peck_mm: *peck_mm,
                    feed_mm_min: *feed_mm_min,
                },
            ),
        }
    }

    /// A `G0` or `G1` block; nothing when no axis changes.
    pub(super) fn linear(
        &mut self,
        code: &str,
        target: [i64; 3],
        real: [f64; 3],
        feed: Option<i64>,
    ) -> Result<(), PostError> {
        if !self.moved(target) {
            self.real = real.map(Some);
            return Ok(());
        }
        self.block();
        self.code(code);
        self.axes(target, real);
        if let Some(feed) = feed {
            self.feed_word(feed, false);
        }
        self.end()
    }

    pub(super) fn arc(
        &mut self,
        index: usize,
        to: [f64; 3],
        center: [f64; 2],
        clockwise: bool,
        feed_mm_min: f64,
    ) -> Result<(), PostError> {
        let mut target = self.point(index, [("to.x", to[0]), ("to.y", to[1]), ("to.z", to[2])])?;
        let c = [
            self.steps(index, ("center.x", center[0]))?,
            self.steps(index, ("center.y", center[1]))?,
        ];
        let feed = self.feed_steps(index, feed_mm_min)?;
        let (Some(sx), Some(sy), Some(rx), Some(ry)) = (self.pos[0], self.pos[1], self.real[0], self.real[1])
        else {
            return Err(PostError::ArcWithoutStart { index });
        };
        let start_radius_mm = distance(center, [rx, ry]);
        let end_radius_mm = distance(center, [to[0], to[1]]);
        if (start_radius_mm - end_radius_mm).abs() > ARC_INPUT_TOLERANCE_MM {
            return Err(PostError::ArcRadiusMismatch {
                index,
                start_radius_mm,
                end_radius_mm,
                tolerance_mm: ARC_INPUT_TOLERANCE_MM,
            });
        }
        let step_mm = self.step_mm();
        if start_radius_mm < step_mm {
            return Err(PostError::DegenerateArc {
                index,
                radius_mm: start_radius_mm,
            });
        }
        let start = [sx, sy];
        if to[0] == rx && to[1] == ry {
            // A full circle: the planner ends it exactly where it started; so does the controller.
            target[0] = sx;
            target[1] = sy;
        } else if [target[0], target[1]] == start {
            // A real arc shorter than one output step: a controller would read a full circle.
            return self.linear(self.words.linear, target, to, Some(feed));
        }
        let exact = [
            self.units.convert(center[0]) * self.scale as f64,
            self.units.convert(center[1]) * self.scale as f64,
        ];
        let g = grid_center(start, [target[0], target[1]], exact, c, ARC_TARGET_MM / step_mm);
        let delta_mm = g.mismatch * step_mm;
        if delta_mm > ARC_TOLERANCE_MM {
            return Err(PostError::ArcRounding {
                index,
                delta_mm,
                tolerance_mm: ARC_TOLERANCE_MM,
            });
        }
        self.block();
        self.code(if clockwise {
            self.words.arc_cw
        } else {
            self.words.arc_ccw
        });
        self.coord('X', target[0]);
        self.coord('Y', target[1]);
        if self.pos[2] != Some(target[2]) {
            self.coord('Z', target[2]);
        }
        self.coord('I', g.offset[0]);
        self.coord('J', g.offset[1]);
        self.feed_word(feed, false);
        self.arrive(target, to);
        self.end()
    }

    /// A rapid along Z only.
    pub(super) fn rapid_z(&mut self, z: i64, real_z: f64) -> Result<(), PostError> {
        self.block();
        self.code(self.words.rapid);
        self.coord('Z', z);
        self.pos[2] = Some(z);
        self.real[2] = Some(real_z);
        self.end()
    }
}
