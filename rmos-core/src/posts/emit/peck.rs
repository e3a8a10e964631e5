//! Pecked holes: a canned cycle where the dialect has one, else the pecks expanded into `G0`/`G1` moves.

use super::{Hole, Writer, MAX_COORD_MM, MAX_PECKS, PECK_CLEARANCE_MM};
use crate::posts::number::quantize;
use crate::posts::PostError;

impl Writer {
    pub(super) fn peck(&mut self, index: usize, hole: Hole) -> Result<(), PostError> {
        let at = [
            self.steps(index, ("at.x", hole.at[0]))?,
            self.steps(index, ("at.y", hole.at[1]))?,
        ];
        let r = self.steps(index, ("r_z", hole.r_z))?;
        let bottom = self.steps(index, ("bottom_z", hole.bottom_z))?;
        let feed = self.feed_steps(index, hole.feed_mm_min)?;
        if r < 0 {
            return Err(PostError::RapidIntoStock {
                index,
                field: "r_z",
                z_mm: hole.r_z,
            });
        }
        let bad = |field: &'static str, reason: String| PostError::BadDrill { index, field, reason };
        if bottom >= r {
            return Err(bad(
                "bottom_z",
                format!("must be below r_z ({}), got {}", hole.r_z, hole.bottom_z),
            ));
        }
        let peck = hole.peck_mm;
        let peck_steps = if peck.is_finite() && peck > 0.0 && peck <= MAX_COORD_MM {
            quantize(self.units.convert(peck), self.scale).filter(|q| *q > 0)
        } else {
            None
        };
        let Some(peck_steps) = peck_steps else {
            return Err(bad("peck_mm", format!("must be a positive length, got {peck}")));
        };
        // Both ends are finite and within range: the count is a small positive number or refused.
        let pecks = ((hole.r_z - hole.bottom_z) / peck - 1e-9).ceil().max(1.0);
        if pecks > MAX_PECKS as f64 {
            return Err(bad(
                "peck_mm",
                format!("{pecks} pecks to reach the bottom, at most {MAX_PECKS}"),
            ));
        }
        let pecks = pecks as u64;

        // Never cross to the hole below its retract plane.
        if self.pos[2].is_none_or(|z| z < r) {
            self.rapid_z(r, hole.r_z)?;
        }
        let real_end = [hole.at[0], hole.at[1], hole.r_z];
        if self.post.canned_cycles() {
            self.block();
            self.code(self.words.peck_cycle);
            self.coord('X', at[0]);
            self.coord('Y', at[1]);
            self.coord('Z', bottom);
            self.coord('R', r);
            self.coord('Q', peck_steps);
            self.feed_word(feed, true);
            self.end()?;
            self.arrive([at[0], at[1], r], real_end);
            return self.code_line(self.words.cycle_cancel);
        }
        // Expanded like G83: feed down one peck at a time, retract to R, rapid back down to just above the
        // last depth.
        let z = self.pos[2].unwrap_or(r);
        let real_z = self.real[2].unwrap_or(hole.r_z);
        self.linear(
            self.words.rapid,
            [at[0], at[1], z],
            [hole.at[0], hole.at[1], real_z],
            None,
        )?;
        if self.pos[2] != Some(r) {
            self.rapid_z(r, hole.r_z)?;
        }
        let mut previous = hole.r_z;
        for k in 1..=pecks {
            let depth = if k == pecks {
                hole.bottom_z
            } else {
                (hole.r_z - k as f64 * peck).max(hole.bottom_z)
            };
            if k > 1 {
                let clear = previous + PECK_CLEARANCE_MM;
                let clear_steps = self.steps(index, ("bottom_z", clear))?;
                if clear_steps < r {
                    self.rapid_z(clear_steps, clear)?;
                }
            }
            let depth_steps = self.steps(index, ("bottom_z", depth))?;
            self.block();
            self.code(self.words.linear);
            self.coord('Z', depth_steps);
            self.feed_word(feed, false);
            self.end()?;
            self.pos[2] = Some(depth_steps);
            self.real[2] = Some(depth);
            self.rapid_z(r, hole.r_z)?;
            previous = depth;
        }
        Ok(())
    }
}
