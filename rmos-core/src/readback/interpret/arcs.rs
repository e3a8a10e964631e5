//! Arcs (G2/G3): the centre from I/J/K or R, the radii checked against each other, helices and full turns.

use super::{Interpreter, Sink, Values, MAX_ARC_TURNS};
use crate::feasibility::Bucket;
use crate::readback::arc::{self, Centre, PlaneArc};
use crate::readback::codes::{self, finding};
use crate::readback::reading::{Position, Segment, SegmentKind};

impl Interpreter {
    pub(super) fn arc(&mut self, line: usize, v: &Values, clockwise: bool, sink: &mut impl Sink) {
        let [a, b, n] = self.plane.axes();
        let factor = self.factor();
        let letters = ['X', 'Y', 'Z'];
        let offsets = ['I', 'J', 'K'];
        let at = |p: &Position, axis: usize| p.get(axis).copied().flatten();
        let letter = |axis: usize| offsets.get(axis).copied().unwrap_or('?');
        let plane = self.plane;

        if v.has(letter(n)) {
            let message = format!("{} word on a {plane:?} arc", letter(n));
            self.red(sink, codes::RB_ARC_INVALID, line, message);
            return;
        }
        let in_plane = |axis: usize| letters.get(axis).is_some_and(|&l| v.has(l));
        if !in_plane(a) && !in_plane(b) {
            let message = format!("arc without an end point in the {plane:?} plane");
            self.red(sink, codes::RB_ARC_INVALID, line, message);
            return;
        }
        let has_offsets = v.has(letter(a)) || v.has(letter(b));
        if v.has('R') && has_offsets {
            self.red(sink, codes::RB_ARC_INVALID, line, "arc with both R and I/J/K");
            return;
        }
        let turns = match v.get('P') {
            None => 1,
            Some(p) if p.fract() == 0.0 && (1.0..=f64::from(MAX_ARC_TURNS)).contains(&p) => {
                // A whole number from 1 to MAX_ARC_TURNS: the cast is exact.
                p as u32
            }
            Some(p) => {
                let message = format!("arc turns P{p} not a whole number from 1 to {MAX_ARC_TURNS}");
                self.red(sink, codes::RB_ARC_INVALID, line, message);
                return;
            }
        };
        let to = self.target(v);
        let (Some(sa), Some(sb), Some(ea), Some(eb)) =
            (at(&self.pos, a), at(&self.pos, b), at(&to, a), at(&to, b))
        else {
            self.red(sink, codes::RB_ARC_INVALID, line, "arc from an unknown position");
            self.pos = to;
            return;
        };
        let centre = match v.get('R') {
            Some(r) => Centre::Radius(r * factor),
            None => Centre::Offsets {
                a: v.get(letter(a)).map(|o| o * factor),
                b: v.get(letter(b)).map(|o| o * factor),
                absolute: self.arc_absolute,
            },
        };
        let plane_arc = PlaneArc {
            start: [sa, sb],
            end: [ea, eb],
            centre,
            clockwise,
            turns,
        };
        let solution = match arc::solve(&plane_arc) {
            Ok(s) => s,
            Err(fault) => {
                sink.finding(
                    Some(line),
                    finding(
                        codes::RB_ARC_INVALID,
                        Bucket::Red,
                        Some(line),
                        fault.reason,
                        fault.value,
                        fault.limit,
                    ),
                );
                return;
            }
        };
        let from = self.pos;
        let (zn_from, zn_to) = (at(&from, n), at(&to, n));
        let rise = match (zn_from, zn_to) {
            (Some(p), Some(q)) => q - p,
            _ => 0.0,
        };
        let mut min = [None; 3];
        let mut max = [None; 3];
        let mut center = [0.0; 3];
        for (i, axis) in [a, b].into_iter().enumerate() {
            if let (Some(l), Some(h), Some(c)) = (min.get_mut(axis), max.get_mut(axis), center.get_mut(axis))
            {
                *l = solution.min.get(i).copied();
                *h = solution.max.get(i).copied();
                *c = solution.centre.get(i).copied().unwrap_or(0.0);
            }
        }
        if let (Some(l), Some(h), Some(c)) = (min.get_mut(n), max.get_mut(n), center.get_mut(n)) {
            let known = [zn_from, zn_to];
            *l = known.iter().flatten().copied().reduce(f64::min);
            *h = known.iter().flatten().copied().reduce(f64::max);
            *c = zn_from.or(zn_to).unwrap_or(0.0);
        }
        let segment = Segment {
            line,
            kind: SegmentKind::Arc {
                clockwise,
                plane: self.plane,
                center,
                radius: solution.radius,
                sweep_deg: solution.sweep.to_degrees(),
            },
            from,
            to,
            min,
            max,
            feed_mm_min: self.feed,
            spindle: self.spindle(),
            coolant: self.coolant,
            length_mm: solution.length.hypot(rise),
        };
        self.emit(segment, sink);
    }
}
