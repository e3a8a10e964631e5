//! Canned cycles (G73, G81-G89): each hole of a block, with its R plane, return level and repeats.

use super::{Interpreter, Sink, Values, MAX_CYCLE_REPEATS};
use crate::readback::codes::{self};
use crate::readback::reading::{Plane, Segment, SegmentKind};

impl Interpreter {
    pub(super) fn cycle(&mut self, line: usize, v: &Values, cycle: u32, sink: &mut impl Sink) {
        let factor = self.factor();
        if self.plane != Plane::G17 {
            let message = format!("canned cycle G{cycle} read in the G17 plane only");
            self.red(sink, codes::RB_MODAL, line, message);
            self.lose_named(v);
            return;
        }
        if let Some(r) = v.get('R') {
            self.cycle.r = Some(r * factor);
        }
        if let Some(z) = v.get('Z') {
            self.cycle.z = Some(z * factor);
        }
        if let Some(q) = v.get('Q') {
            self.cycle.q = Some(q * factor);
        }
        let repeats = match v.get('L') {
            None => 1,
            Some(l) if l.fract() == 0.0 && (1.0..=f64::from(MAX_CYCLE_REPEATS)).contains(&l) => {
                // A whole number from 1 to MAX_CYCLE_REPEATS: the cast is exact.
                l as u32
            }
            Some(l) => {
                let message = format!("cycle repeats L{l} not a whole number from 1 to {MAX_CYCLE_REPEATS}");
                self.red(sink, codes::RB_MODAL, line, message);
                return;
            }
        };
        let peck = if matches!(cycle, 73 | 83) {
            match self.cycle.q {
                Some(q) if q > 0.0 => Some(q),
                _ => {
                    let message = format!("G{cycle} without a peck depth Q above 0");
                    self.red(sink, codes::RB_MODAL, line, message);
                    return;
                }
            }
        } else {
            None
        };
        let (Some(r_word), Some(z_word)) = (self.cycle.r, self.cycle.z) else {
            let missing = if self.cycle.r.is_none() { "R" } else { "Z" };
            let message = format!("canned cycle G{cycle} without {missing}");
            self.red(sink, codes::RB_MODAL, line, message);
            return;
        };
        let initial_z = self.pos[2];
        if self.cycle.start_z.is_none() {
            self.cycle.start_z = initial_z;
        }
        let (r_z, bottom_z) = if self.incremental {
            let Some(z0) = initial_z else {
                let message = format!("incremental G{cycle} from an unknown Z");
                self.red(sink, codes::RB_MODAL, line, message);
                self.lose_named(v);
                return;
            };
            (z0 + r_word, z0 + r_word + z_word)
        } else {
            (r_word, z_word)
        };
        if bottom_z > r_z {
            let message = format!("canned cycle G{cycle} with its bottom Z {bottom_z:.3} above R {r_z:.3}");
            self.red(sink, codes::RB_MODAL, line, message);
            return;
        }
        let clear_z = match self.cycle.start_z {
            Some(z0) if !self.retract_to_r => z0.max(r_z),
            _ => r_z,
        };
        for _ in 0..repeats {
            self.hole(line, v, cycle, [r_z, bottom_z, clear_z], peck, sink);
        }
    }

    /// One hole: up to R if below it, across, down to R, then the drilling itself.
    pub(super) fn hole(
        &mut self,
        line: usize,
        v: &Values,
        cycle: u32,
        [r_z, bottom_z, clear_z]: [f64; 3],
        peck_mm: Option<f64>,
        sink: &mut impl Sink,
    ) {
        let factor = self.factor();
        let mut xy = [self.pos[0], self.pos[1]];
        for (axis, letter) in ['X', 'Y'].into_iter().enumerate() {
            if let (Some(value), Some(slot)) = (v.get(letter), xy.get_mut(axis)) {
                let mm = value * factor;
                *slot = if self.incremental {
                    slot.map(|p| p + mm)
                } else {
                    Some(mm)
                };
            }
        }
        if let Some(z) = self.pos[2] {
            if z < r_z {
                let to = [self.pos[0], self.pos[1], Some(r_z)];
                self.straight(line, SegmentKind::Rapid, to, sink);
            }
        }
        let level = self.pos[2];
        if xy != [self.pos[0], self.pos[1]] || xy.contains(&None) {
            self.straight(line, SegmentKind::Rapid, [xy[0], xy[1], level], sink);
        }
        if level != Some(r_z) {
            self.straight(line, SegmentKind::Rapid, [xy[0], xy[1], Some(r_z)], sink);
        }
        let segment = Segment {
            line,
            kind: SegmentKind::Drill {
                cycle,
                r_z,
                bottom_z,
                peck_mm,
            },
            from: [xy[0], xy[1], Some(r_z)],
            to: [xy[0], xy[1], Some(clear_z)],
            min: [xy[0], xy[1], Some(bottom_z)],
            max: [xy[0], xy[1], Some(r_z.max(clear_z))],
            feed_mm_min: self.feed,
            spindle: self.spindle(),
            coolant: self.coolant,
            length_mm: (r_z - bottom_z) * 2.0 + (clear_z - r_z),
        };
        self.emit(segment, sink);
    }
}
