//! Moves: the target of a block, straight rapids and feeds, machine-coordinate moves, and handing each
//! segment to the sink with the bounds and statistics it adds.

use super::{Interpreter, Motion, Sink, Values};
use crate::feasibility::Bucket;
use crate::readback::codes::{self, finding};
use crate::readback::reading::{Position, Segment, SegmentKind};

impl Interpreter {
    pub(super) fn machine_coords(&mut self, line: usize, v: &Values, sink: &mut impl Sink) {
        let message = "G53 moves in machine coordinates, which the reader cannot place in the job's frame";
        sink.finding(
            Some(line),
            finding(
                codes::RB_MACHINE_COORDS,
                Bucket::Yellow,
                Some(line),
                message,
                None,
                None,
            ),
        );
        self.lose_named(v);
    }

    /// Where the axis words of this block lead, in mm.
    pub(super) fn target(&self, v: &Values) -> Position {
        let factor = self.factor();
        let mut to = self.pos;
        for (axis, letter) in ['X', 'Y', 'Z'].into_iter().enumerate() {
            if let (Some(value), Some(slot)) = (v.get(letter), to.get_mut(axis)) {
                let mm = value * factor;
                *slot = if self.incremental {
                    self.pos.get(axis).copied().flatten().map(|p| p + mm)
                } else {
                    Some(mm)
                };
            }
        }
        to
    }

    pub(super) fn move_block(&mut self, line: usize, v: &Values, sink: &mut impl Sink) {
        let Some(motion) = self.motion else {
            return;
        };
        if !v.has_axis() {
            if matches!(motion, Motion::Arc { .. }) && ['I', 'J', 'K', 'R'].iter().any(|&l| v.has(l)) {
                self.red(sink, codes::RB_ARC_INVALID, line, "arc without an end point");
            }
            return;
        }
        if self.units.is_none() && !self.units_reported {
            self.units_reported = true;
            self.red(
                sink,
                codes::RB_UNITS,
                line,
                "move before any G20/G21 sets the units",
            );
        }
        match motion {
            Motion::Rapid => {
                let to = self.target(v);
                self.straight(line, SegmentKind::Rapid, to, sink);
            }
            Motion::Linear => {
                let to = self.target(v);
                self.straight(line, SegmentKind::Feed, to, sink);
            }
            Motion::Arc { clockwise } => self.arc(line, v, clockwise, sink),
            Motion::Cycle(cycle) => self.cycle(line, v, cycle, sink),
        }
    }

    pub(super) fn emit(&mut self, segment: Segment, sink: &mut impl Sink) {
        for (axis, extent) in self.extent.iter_mut().enumerate() {
            let lo = segment.min.get(axis).copied().flatten();
            let hi = segment.max.get(axis).copied().flatten();
            if let (Some(lo), Some(hi)) = (lo, hi) {
                *extent = Some(match *extent {
                    Some((a, b)) => (a.min(lo), b.max(hi)),
                    None => (lo, hi),
                });
            }
        }
        match segment.kind {
            SegmentKind::Rapid => {
                self.stats.rapid_moves += 1;
                self.stats.rapid_length_mm += segment.length_mm;
            }
            SegmentKind::Feed => self.stats.feed_moves += 1,
            SegmentKind::Arc { .. } => self.stats.arc_moves += 1,
            SegmentKind::Drill { .. } => self.stats.drill_holes += 1,
        }
        if segment.is_cutting_move() {
            self.stats.feed_length_mm += segment.length_mm;
        }
        self.pos = segment.to;
        sink.segment(segment);
    }

    pub(super) fn straight(&mut self, line: usize, kind: SegmentKind, to: Position, sink: &mut impl Sink) {
        let from = self.pos;
        let mut min = [None; 3];
        let mut max = [None; 3];
        let mut squared = 0.0;
        for axis in 0..3 {
            let a = from.get(axis).copied().flatten();
            let b = to.get(axis).copied().flatten();
            let (lo, hi) = match (a, b) {
                (Some(a), Some(b)) => {
                    squared += (b - a) * (b - a);
                    (Some(a.min(b)), Some(a.max(b)))
                }
                (one, other) => (one.or(other), one.or(other)),
            };
            if let (Some(l), Some(h)) = (min.get_mut(axis), max.get_mut(axis)) {
                *l = lo;
                *h = hi;
            }
        }
        let feed_mm_min = match kind {
            SegmentKind::Rapid => None,
            _ => self.feed,
        };
        let segment = Segment {
            line,
            kind,
            from,
            to,
            min,
            max,
            feed_mm_min,
            spindle: self.spindle(),
            coolant: self.coolant,
            length_mm: squared.sqrt(),
        };
        self.emit(segment, sink);
    }
}
