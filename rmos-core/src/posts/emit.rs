//! One pass over the motion list into one pre-sized buffer.
//!
//! Every coordinate is converted to the output units and rounded once to the output grid (3 decimals in
//! mm, 4 in inches); the emitter then works on those integers. What the controller reads is exactly what
//! the emitter tracked: arcs start where the previous block ended, to the last step.
//!
//! Choices that hold for every dialect:
//! - every motion block names its motion word (`G0`, `G1`, `G2`, `G3`): explicit, so any line reads alone;
//! - `G0`/`G1` write only the axes that change, and a move that changes none is not written; arcs always
//!   write X and Y (GRBL needs an in-plane word), Z only for a helix, then both I and J (never K);
//! - an arc whose end is exactly its start (same X and Y) is a full circle; an arc whose end only rounds
//!   to its start is written as a straight `G1`, since a controller would read a full circle;
//! - `F` is written when it changes (it is modal), and on every canned-cycle block;
//! - a rapid never ends below Z = 0, the stock top;
//! - the header starts the spindle and dwells before the first move, and ends coolant and spindle at the
//!   end; nothing depends on time, so the same input gives the same bytes.

use super::arc::{grid_center, ARC_INPUT_TOLERANCE_MM, ARC_TARGET_MM, ARC_TOLERANCE_MM};
use super::comment::{comment_text, push_comment_text};
use super::context::{MAX_DWELL_S, MAX_SPINDLE_RPM, MAX_TOOL_NUMBER};
use super::dialect::Words;
use super::number::{quantize, scale_of, steps_text, write_digits, write_steps, Style};
use super::{DwellUnit, EmitContext, Post, PostError, Units, MM_PER_INCH};
use crate::engines;
use crate::toolpaths::Move;

/// Largest coordinate magnitude written, mm (100 m: beyond any machine, so an arc of kilometres cannot be
/// written).
pub const MAX_COORD_MM: f64 = 100_000.0;
/// Largest feed written, mm/min.
pub const MAX_FEED_MM_MIN: f64 = 1.0e6;
/// Height above the previous peck that an expanded peck cycle rapids back down to, mm (LinuxCNC's G83
/// uses the same 0.254 mm, 0.010 in).
pub const PECK_CLEARANCE_MM: f64 = 0.254;
/// Most pecks in one hole.
pub const MAX_PECKS: u64 = 10_000;
/// Line numbers count in tens and wrap after this one (Fanuc).
const LAST_LINE_NUMBER: u32 = 99_990;
/// Expected bytes per move when sizing the output.
const BYTES_PER_MOVE: usize = 40;

/// Writes the G-code program for `moves` in the dialect `post`.
///
/// The program: header comments (job, approval artifact id, request and policy hashes, engine stamps),
/// modal set-up and units, tool call where the dialect has one, a rapid to the safe height, spindle start,
/// coolant, dwell, the moves, then a retract to the safe height, coolant and spindle stop and program
/// end. Any move with a feed that is not positive and finite, a non-finite or out-of-range coordinate, a
/// rapid below the stock top, an arc whose radii disagree or a hole that cannot be pecked is refused.
///
pub(crate) fn emit(post: Post, moves: &[Move], ctx: &EmitContext) -> Result<String, PostError> {
    if moves.is_empty() {
        return Err(PostError::NoMoves);
    }
    let mut w = Writer::new(post, ctx.units, moves.len());
    let setup = Setup::check(post, ctx, &w)?;
    w.header(ctx, &setup)?;
    for (index, m) in moves.iter().enumerate() {
        w.motion(index, m)?;
    }
    w.footer(ctx, &setup)?;
    // Every byte written is ASCII (words, digits and sanitised comments), so this never replaces anything.
    Ok(match String::from_utf8(w.out) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Distance between two points in the plane; both are within ±MAX_COORD_MM, so nothing overflows.
fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    (dx * dx + dy * dy).sqrt()
}

/// The context's numbers, checked and rounded.
#[derive(Debug)]
struct Setup {
    rpm: u64,
    /// Dwell in seconds × 1000 (milliseconds), whatever unit the dialect writes.
    dwell_ms: i64,
    safe_z: i64,
    tool: u32,
    tool_diameter: i64,
    program_number: u32,
}

impl Setup {
    fn check(post: Post, ctx: &EmitContext, w: &Writer) -> Result<Self, PostError> {
        let bad = |field: &'static str, reason: String| PostError::BadContext { field, reason };
        let rpm = ctx.spindle_rpm;
        if !(0.5..=MAX_SPINDLE_RPM).contains(&rpm) {
            return Err(bad(
                "spindle_rpm",
                format!("must be 1 to {MAX_SPINDLE_RPM} rpm, got {rpm}"),
            ));
        }
        let dwell = ctx.dwell_s();
        let dwell_ms = quantize(dwell, 1000).filter(|ms| *ms >= 1 && dwell <= MAX_DWELL_S);
        let Some(dwell_ms) = dwell_ms else {
            return Err(bad(
                "spindle_dwell_s",
                format!("must be 0.001 to {MAX_DWELL_S} s, got {dwell}"),
            ));
        };
        let z = ctx.safe_z_mm;
        let safe_z = if z.is_finite() && z > 0.0 && z <= MAX_COORD_MM {
            quantize(w.units.convert(z), w.scale).filter(|steps| *steps > 0)
        } else {
            None
        };
        let Some(safe_z) = safe_z else {
            return Err(bad(
                "safe_z_mm",
                format!("must be above the stock top (z > 0), got {z}"),
            ));
        };
        let tool = ctx.tool.number;
        if !(1..=MAX_TOOL_NUMBER).contains(&tool) {
            return Err(bad(
                "tool.number",
                format!("must be 1 to {MAX_TOOL_NUMBER}, got {tool}"),
            ));
        }
        let d = ctx.tool.diameter_mm;
        let tool_diameter = if d.is_finite() && d > 0.0 && d <= MAX_COORD_MM {
            quantize(w.units.convert(d), w.scale).filter(|steps| *steps > 0)
        } else {
            None
        };
        let Some(tool_diameter) = tool_diameter else {
            return Err(bad(
                "tool.diameter_mm",
                format!("must be a positive length, got {d}"),
            ));
        };
        let program_number = ctx.program_number;
        if post == Post::Fanuc && !(1..=9999).contains(&program_number) {
            return Err(bad(
                "program_number",
                format!("must be 1 to 9999, got {program_number}"),
            ));
        }
        Ok(Self {
            // In 0.5..=1e6 after the check: rounding and the cast are exact.
            rpm: rpm.round() as u64,
            dwell_ms,
            safe_z,
            tool,
            tool_diameter,
            program_number,
        })
    }
}

/// The output being written and the modal state the controller will have when it reads it.
struct Writer {
    post: Post,
    words: &'static Words,
    units: Units,
    decimals: u32,
    scale: i64,
    coord_style: Style,
    feed_style: Style,
    out: Vec<u8>,
    /// Next `N` number, for dialects that number blocks.
    next_n: Option<u32>,
    line_start: usize,
    comment_chars: usize,
    lines: usize,
    /// Whether the current block has no word yet.
    fresh: bool,
    /// Position on the output grid, per axis; `None` until a block sets it.
    pos: [Option<i64>; 3],
    /// The same position as the planner gave it, mm.
    real: [Option<f64>; 3],
    /// The last feed written, output steps.
    feed: Option<i64>,
}

/// One coordinate to check and round: its field path and value in mm.
type Coord = (&'static str, f64);

impl Writer {
    fn new(post: Post, units: Units, moves: usize) -> Self {
        let decimals = units.decimals();
        let (coord_style, feed_style) = if post.trailing_point() {
            (Style::TrimmedPoint, Style::TrimmedPoint)
        } else {
            (Style::Fixed, Style::Trimmed)
        };
        Self {
            post,
            words: post.words(),
            units,
            decimals,
            scale: scale_of(decimals),
            coord_style,
            feed_style,
            out: Vec::with_capacity(1024 + moves.saturating_mul(BYTES_PER_MOVE)),
            next_n: post.line_numbers().then_some(10),
            line_start: 0,
            comment_chars: 0,
            lines: 0,
            fresh: true,
            pos: [None; 3],
            real: [None; 3],
            feed: None,
        }
    }

    // ----- blocks and words -----

    /// Starts a block, with its `N` number where the dialect numbers blocks.
    fn block(&mut self) {
        self.line_start = self.out.len();
        self.comment_chars = 0;
        self.fresh = true;
        if let Some(n) = self.next_n {
            self.out.push(b'N');
            write_digits(&mut self.out, u64::from(n), 1);
            self.fresh = false;
            self.next_n = Some(if n >= LAST_LINE_NUMBER { 10 } else { n + 10 });
        }
    }

    /// Starts a line that holds only a comment (never numbered).
    fn comment_block(&mut self) {
        self.line_start = self.out.len();
        self.comment_chars = 0;
        self.fresh = true;
    }

    fn space(&mut self) {
        if !self.fresh {
            self.out.push(b' ');
        }
        self.fresh = false;
    }

    /// Writes literal words (`G90 G94 G17`).
    fn code(&mut self, words: &str) {
        self.space();
        self.out.extend_from_slice(words.as_bytes());
    }

    /// Writes an axis or offset word from output steps.
    fn coord(&mut self, letter: char, steps: i64) {
        self.space();
        self.out.push(letter as u8);
        write_steps(&mut self.out, steps, self.decimals, self.coord_style);
    }

    /// Writes `F` when it differs from the last one written, or always when `force`.
    fn feed_word(&mut self, steps: i64, force: bool) {
        if force || self.feed != Some(steps) {
            self.space();
            self.out.push(b'F');
            write_steps(&mut self.out, steps, self.decimals, self.feed_style);
            self.feed = Some(steps);
        }
    }

    /// Writes a whole-number word (`S18000`, `T1`, `H01`).
    fn int_word(&mut self, letter: char, value: u64, min_digits: u32) {
        self.space();
        self.out.push(letter as u8);
        write_digits(&mut self.out, value, min_digits);
    }

    /// Writes a comment at the end of the block.
    fn comment(&mut self, write: impl FnOnce(&mut Vec<u8>, Post)) {
        self.space();
        let start = self.out.len();
        self.out.push(b'(');
        write(&mut self.out, self.post);
        self.out.push(b')');
        self.comment_chars += self.out.len() - start;
    }

    /// Ends the block; refuses it when it is longer than the controller accepts.
    fn end(&mut self) -> Result<(), PostError> {
        self.lines += 1;
        if let Some(limit) = self.post.max_line_chars() {
            let chars = self.out.len() - self.line_start - self.comment_chars;
            if chars > limit {
                return Err(PostError::LineTooLong {
                    line: self.lines,
                    chars,
                    limit,
                });
            }
        }
        self.out.push(b'\n');
        Ok(())
    }

    /// A line with only a comment.
    fn comment_line(&mut self, text: &str) -> Result<(), PostError> {
        self.comment_block();
        self.comment(|out, post| push_comment_text(out, post, text));
        self.end()
    }

    /// A line with only literal words.
    fn code_line(&mut self, words: &str) -> Result<(), PostError> {
        self.block();
        self.code(words);
        self.end()
    }

    // ----- numbers -----

    /// Checks a coordinate and rounds it to the output grid.
    fn steps(&self, index: usize, (field, mm): Coord) -> Result<i64, PostError> {
        if !mm.is_finite() {
            return Err(PostError::NonFinite {
                index,
                field,
                value: mm,
            });
        }
        let out_of_range = || PostError::OutOfRange {
            index,
            field,
            value: mm,
            limit: MAX_COORD_MM,
        };
        if mm.abs() > MAX_COORD_MM {
            return Err(out_of_range());
        }
        quantize(self.units.convert(mm), self.scale).ok_or_else(out_of_range)
    }

    fn point(&self, index: usize, coords: [Coord; 3]) -> Result<[i64; 3], PostError> {
        let [x, y, z] = coords;
        Ok([
            self.steps(index, x)?,
            self.steps(index, y)?,
            self.steps(index, z)?,
        ])
    }

    /// Checks a feed and rounds it; `F0` is impossible.
    fn feed_steps(&self, index: usize, feed_mm_min: f64) -> Result<i64, PostError> {
        let bad = PostError::BadFeed {
            index,
            value: feed_mm_min,
        };
        if !(feed_mm_min.is_finite() && feed_mm_min > 0.0) {
            return Err(bad);
        }
        if feed_mm_min > MAX_FEED_MM_MIN {
            return Err(PostError::OutOfRange {
                index,
                field: "feed_mm_min",
                value: feed_mm_min,
                limit: MAX_FEED_MM_MIN,
            });
        }
        match quantize(self.units.convert(feed_mm_min), self.scale) {
            Some(steps) if steps > 0 => Ok(steps),
            _ => Err(bad),
        }
    }

    /// One output step in mm.
    fn step_mm(&self) -> f64 {
        let step = 1.0 / self.scale as f64;
        match self.units {
            Units::Mm => step,
            Units::Inch => step * MM_PER_INCH,
        }
    }

    fn moved(&self, target: [i64; 3]) -> bool {
        self.pos.iter().zip(target).any(|(p, t)| *p != Some(t))
    }

    /// Writes the axis words that change and records the new position.
    fn axes(&mut self, target: [i64; 3], real: [f64; 3]) {
        for ((letter, p), t) in ['X', 'Y', 'Z'].into_iter().zip(self.pos).zip(target) {
            if p != Some(t) {
                self.coord(letter, t);
            }
        }
        self.arrive(target, real);
    }

    fn arrive(&mut self, target: [i64; 3], real: [f64; 3]) {
        self.pos = target.map(Some);
        self.real = real.map(Some);
    }

    // ----- program parts -----

    fn header(&mut self, ctx: &EmitContext, setup: &Setup) -> Result<(), PostError> {
        let words = self.words;
        if self.post.percent_wrapper() {
            self.comment_block();
            self.out.push(b'%');
            self.end()?;
        }
        if self.post == Post::Fanuc {
            self.comment_block();
            self.out.push(b'O');
            write_digits(&mut self.out, u64::from(setup.program_number), 4);
            self.end()?;
        }
        let p = &ctx.provenance;
        self.comment_line(&format!("rmos program for {}", self.post.id()))?;
        let job = comment_text(self.post, &p.job_name);
        let job = if job.is_empty() { "unnamed" } else { job.as_str() };
        self.comment_line(&format!("job {job}"))?;
        self.comment_line(&format!("approval {}", p.approval_id))?;
        self.comment_line(&format!("request {}", p.request_hash))?;
        self.comment_line(&format!("policy {}", p.policy_hash))?;
        self.comment_line(&format!("feasibility {}", p.feasibility_engine))?;
        self.comment_line(&format!("toolpath {}", p.toolpath_engine))?;
        self.comment_line(&format!("post {}", engines::post_stamp(self.post.id())))?;
        let diameter = steps_text(setup.tool_diameter, self.decimals, self.coord_style);
        self.comment_line(&format!(
            "tool {} diameter {diameter} {}",
            setup.tool,
            self.units.label()
        ))?;

        self.block();
        self.code(words.setup);
        self.code(self.units.gcode());
        self.out.extend_from_slice(words.setup_tail.as_bytes());
        self.end()?;
        let real_z = ctx.safe_z_mm;
        if self.post.tool_change() {
            self.block();
            self.int_word('T', u64::from(setup.tool), 1);
            self.code(words.tool_change);
            self.end()?;
            self.block();
            self.code(words.rapid);
            self.code(words.length_offset);
            let digits = if self.post == Post::Fanuc { 2 } else { 1 };
            write_digits(&mut self.out, u64::from(setup.tool), digits);
        } else {
            self.block();
            self.code(words.rapid);
        }
        self.coord('Z', setup.safe_z);
        self.end()?;
        self.pos[2] = Some(setup.safe_z);
        self.real[2] = Some(real_z);

        self.block();
        self.code(words.spindle_cw);
        self.int_word('S', setup.rpm, 1);
        self.end()?;
        if ctx.coolant {
            self.code_line(words.coolant_on)?;
        }
        self.block();
        self.code(words.dwell);
        self.space();
        self.out.push(b'P');
        // A positive count of milliseconds (checked in Setup).
        let ms = setup.dwell_ms.unsigned_abs();
        match self.post.dwell_unit() {
            DwellUnit::Seconds => write_steps(&mut self.out, setup.dwell_ms, 3, Style::Trimmed),
            DwellUnit::Milliseconds => write_digits(&mut self.out, ms, 1),
        }
        if self.post == Post::Mach3 {
            self.comment(|out, _| out.extend_from_slice(b"dwell in ms"));
        }
        self.end()
    }

    fn footer(&mut self, ctx: &EmitContext, setup: &Setup) -> Result<(), PostError> {
        let words = self.words;
        if self.pos[2].is_none_or(|z| z < setup.safe_z) {
            self.block();
            self.code(words.rapid);
            self.coord('Z', setup.safe_z);
            self.end()?;
        }
        if ctx.coolant {
            self.code_line(words.coolant_off)?;
        }
        self.code_line(words.spindle_stop)?;
        self.code_line(words.end)?;
        if self.post.percent_wrapper() {
            self.comment_block();
            self.out.push(b'%');
            self.end()?;
        }
        Ok(())
    }

    fn motion(&mut self, index: usize, m: &Move) -> Result<(), PostError> {
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
    fn linear(
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

    fn arc(
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

    fn peck(&mut self, index: usize, hole: Hole) -> Result<(), PostError> {
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

    /// A rapid along Z only.
    fn rapid_z(&mut self, z: i64, real_z: f64) -> Result<(), PostError> {
        self.block();
        self.code(self.words.rapid);
        self.coord('Z', z);
        self.pos[2] = Some(z);
        self.real[2] = Some(real_z);
        self.end()
    }
}

/// A pecked hole's numbers, mm.
#[derive(Debug, Clone, Copy)]
struct Hole {
    at: [f64; 2],
    r_z: f64,
    bottom_z: f64,
    peck_mm: f64,
    feed_mm_min: f64,
}

#[cfg(test)]
mod tests {
    use nalgebra::{Point2, Point3};

    use super::*;
    use crate::content::ContentHash;
    use crate::posts::{Provenance, ToolCall};

    #[test]
    fn a_rapid_a_plunge_and_an_arc_in_grbl() {
        let h = ContentHash::of(b"job");
        let ctx = EmitContext::new(
            Provenance::new("demo", h, h, h),
            18_000.0,
            5.0,
            ToolCall {
                number: 1,
                diameter_mm: 3.175,
            },
        );
        let moves = [
            Move::Rapid {
                to: Point3::new(10.0, 0.0, 5.0),
            },
            Move::Feed {
                to: Point3::new(10.0, 0.0, -1.0),
                feed_mm_min: 300.0,
            },
            Move::Arc {
                to: Point3::new(-10.0, 0.0, -1.0),
                center: Point2::new(0.0, 0.0),
                clockwise: false,
                feed_mm_min: 1000.0,
            },
        ];
        let gcode = emit(Post::Grbl, &moves, &ctx).unwrap();
        assert!(gcode.contains("\nG1 Z-1.000 F300\nG3 X-10.000 Y0.000 I-10.000 J0.000 F1000\n"));
        assert!(gcode.ends_with("M5\nM2\n"));
        assert_eq!(gcode, emit(Post::Grbl, &moves, &ctx).unwrap());
    }
}
