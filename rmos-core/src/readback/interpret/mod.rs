//! The modal interpreter: blocks in, segments and job-independent findings out.
//!
//! Within a block the RS274/NGC order applies: units, feed, spindle speed, tool change, spindle on/off,
//! dwell, plane, distance modes, cycle return mode, then motion, then program stop. So `G1 X10 M5` moves
//! with the spindle stopped, and `G20 F10` is 254 mm/min. F is converted to mm/min with the units in force
//! after the block's own G20/G21 (as GRBL does).
//!
//! A block a controller would reject (a modal conflict, a word twice, an unused word, an invalid arc) is
//! reported and not executed: the position stays where it was. A block with macro syntax or a code the
//! reader does not know is skipped and listed; the axes it names lose their known position, and all axes
//! do after a homing move (G28/G30), a coordinate change (G10/G92), a subprogram call or macro control
//! flow. Lines after M2/M30 are still read: a streaming sender such as GRBL's keeps sending them.
//!
//! Canned cycles (G17 only) follow LinuxCNC: a hole below the current Z first rapids up to R, then across
//! at that level, down to R, feeds to the bottom and leaves at R (G99) or at the higher of R and the Z
//! before the series of cycles began (G98). In G91, R counts from the Z at the block's start and Z from
//! R; L repeats the hole (shifted by X/Y in G91).

use crate::feasibility::{Bucket, Finding};
use crate::posts::Units;
use crate::toolpaths::Bounds;

use super::codes::{self, finding};
use super::parse::{Block, MacroKind};
use super::reading::{Plane, Position, Segment, Spindle, Stats};
use super::words::{code_text, g_group, m_group, tenths, GGroup, MGroup};

mod arcs;
mod cycles;
mod motion;

/// Most repeats (L) of one canned-cycle block the reader expands.
pub const MAX_CYCLE_REPEATS: u32 = 1000;

/// Most turns (P) of one LinuxCNC arc the reader accepts.
pub const MAX_ARC_TURNS: u32 = 1000;

/// Millimetres per inch.
const MM_PER_INCH: f64 = 25.4;

/// Where the interpreter sends what it finds.
pub(crate) trait Sink {
    /// One motion.
    fn segment(&mut self, segment: Segment);
    /// One job-independent finding.
    fn finding(&mut self, line: Option<usize>, finding: Finding);
}

/// What remains after the last block.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Summary {
    pub bounds: Option<Bounds>,
    pub deepest_z: Option<f64>,
    pub stats: Stats,
    pub units: Option<Units>,
    pub program_end: Option<usize>,
    pub skipped_lines: Vec<usize>,
}

/// The value words the reader reads, in the order of [`Values::slot`].
const VALUE_LETTERS: [char; 14] = [
    'X', 'Y', 'Z', 'I', 'J', 'K', 'R', 'F', 'S', 'T', 'P', 'Q', 'L', 'H',
];

/// Values of one block's value words, in the block's own units.
#[derive(Debug, Default)]
struct Values([Option<f64>; 14]);

impl Values {
    fn slot(letter: char) -> Option<usize> {
        Some(match letter {
            'X' => 0,
            'Y' => 1,
            'Z' => 2,
            'I' => 3,
            'J' => 4,
            'K' => 5,
            'R' => 6,
            'F' => 7,
            'S' => 8,
            'T' => 9,
            'P' => 10,
            'Q' => 11,
            'L' => 12,
            'H' => 13,
            _ => return None,
        })
    }

    fn get(&self, letter: char) -> Option<f64> {
        Self::slot(letter).and_then(|i| self.0.get(i).copied().flatten())
    }

    fn has(&self, letter: char) -> bool {
        self.get(letter).is_some()
    }

    fn has_axis(&self) -> bool {
        self.has('X') || self.has('Y') || self.has('Z')
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Motion {
    Rapid,
    Linear,
    Arc {
        clockwise: bool,
    },
    /// A canned cycle: 73, 81, 82, 83, 85, 86 or 89.
    Cycle(u32),
}

/// Sticky canned-cycle words, mm, as programmed (absolute or incremental).
#[derive(Debug, Clone, Copy, Default)]
struct CycleWords {
    r: Option<f64>,
    z: Option<f64>,
    q: Option<f64>,
    /// Z before the first cycle of this series: where G98 returns to.
    start_z: Option<f64>,
}

/// The controller's modal state and position.
#[derive(Debug)]
pub(crate) struct Interpreter {
    units: Option<Units>,
    first_units: Option<Units>,
    incremental: bool,
    arc_absolute: bool,
    plane: Plane,
    motion: Option<Motion>,
    cycle: CycleWords,
    retract_to_r: bool,
    feed: Option<f64>,
    rpm: f64,
    spindle_dir: Option<bool>,
    coolant: bool,
    pos: Position,
    extent: [Option<(f64, f64)>; 3],
    stats: Stats,
    units_reported: bool,
    program_end: Option<usize>,
    skipped_lines: Vec<usize>,
}

impl Interpreter {
    pub(crate) fn new() -> Self {
        Self {
            units: None,
            first_units: None,
            incremental: false,
            arc_absolute: false,
            plane: Plane::G17,
            motion: None,
            cycle: CycleWords::default(),
            retract_to_r: false,
            feed: None,
            rpm: 0.0,
            spindle_dir: None,
            coolant: false,
            pos: [None; 3],
            extent: [None; 3],
            stats: Stats::default(),
            units_reported: false,
            program_end: None,
            skipped_lines: Vec::new(),
        }
    }

    /// The summary after the last block.
    pub(crate) fn finish(self) -> Summary {
        let bounds = match self.extent {
            [Some(x), Some(y), Some(z)] => Some(Bounds {
                min: [x.0, y.0, z.0],
                max: [x.1, y.1, z.1],
            }),
            _ => None,
        };
        Summary {
            bounds,
            deepest_z: self.extent[2].map(|(lo, _)| lo),
            stats: self.stats,
            units: self.first_units,
            program_end: self.program_end,
            skipped_lines: self.skipped_lines,
        }
    }

    fn factor(&self) -> f64 {
        if self.units == Some(Units::Inch) {
            MM_PER_INCH
        } else {
            1.0
        }
    }

    fn spindle(&self) -> Spindle {
        match self.spindle_dir {
            None => Spindle::Off,
            Some(true) => Spindle::Clockwise { rpm: self.rpm },
            Some(false) => Spindle::CounterClockwise { rpm: self.rpm },
        }
    }

    fn red(&self, sink: &mut impl Sink, code: &str, line: usize, message: impl std::fmt::Display) {
        sink.finding(
            Some(line),
            finding(code, Bucket::Red, Some(line), message, None, None),
        );
    }

    /// Reads one block.
    pub(crate) fn step(&mut self, block: &Block, sink: &mut impl Sink) {
        let line = block.line;
        self.stats.lines = line;
        if let Some(error) = &block.error {
            let message = format!("column {}: {}", error.column, error.reason);
            self.red(sink, codes::RB_PARSE, line, message);
            return;
        }
        if !block.macros.is_empty() {
            let flow = block.macros.iter().any(|m| matches!(m.kind, MacroKind::Keyword));
            self.skip(block, flow);
            return;
        }
        if block.words.is_empty() {
            return;
        }

        let mut g = Vec::new();
        let mut m = Vec::new();
        let mut values = Values::default();
        let mut unknown = false;
        for word in &block.words {
            let Some(v) = word.value.number() else {
                continue;
            };
            match word.letter {
                'G' => match tenths(v).filter(|&c| g_group(c).is_some()) {
                    Some(c) => g.push(c),
                    None => unknown = true,
                },
                'M' => match tenths(v).filter(|&c| m_group(c).is_some()) {
                    Some(c) => m.push(c),
                    None => unknown = true,
                },
                'N' | 'O' => {}
                letter => match Values::slot(letter).and_then(|i| values.0.get_mut(i)) {
                    Some(Some(_)) => {
                        let message = format!("{letter} word twice in one block");
                        self.red(sink, codes::RB_MODAL, line, message);
                        return;
                    }
                    Some(slot) => *slot = Some(v),
                    None => unknown = true,
                },
            }
        }
        let lost = g.iter().any(|&c| g_group(c) == Some(GGroup::Forbidden))
            || m.iter().any(|&c| m_group(c) == Some(MGroup::Forbidden));
        if unknown || lost {
            // Word findings come from the word rules; the motion of such a block is unknown.
            self.skip(block, lost);
            return;
        }
        if let Some(message) = conflict(&g, &m) {
            self.red(sink, codes::RB_MODAL, line, message);
            return;
        }
        let motion = self.next_motion(&g);
        if let Some(message) = self.invalid_values(&g, &values, motion) {
            self.red(sink, codes::RB_MODAL, line, message);
            return;
        }
        self.apply_modes(&g, &m, &values);
        self.motion = motion;
        if !matches!(motion, Some(Motion::Cycle(_))) {
            self.cycle = CycleWords::default();
        }
        if g.contains(&530) {
            self.machine_coords(line, &values, sink);
        } else {
            self.move_block(line, &values, sink);
        }
        if m.iter().any(|&c| c == 20 || c == 300) {
            self.program_end.get_or_insert(line);
            self.spindle_dir = None;
            self.coolant = false;
            self.motion = None;
        }
    }

    /// A block the reader does not execute: listed, and the axes it names (all of them when `all`) lose
    /// their known position.
    fn skip(&mut self, block: &Block, all: bool) {
        self.skipped_lines.push(block.line);
        for (axis, letter) in ['X', 'Y', 'Z'].into_iter().enumerate() {
            let named = block.words.iter().any(|w| w.letter == letter);
            if all || named {
                if let Some(p) = self.pos.get_mut(axis) {
                    *p = None;
                }
            }
        }
    }

    fn next_motion(&self, g: &[u32]) -> Option<Motion> {
        let code = g.iter().copied().find(|&c| g_group(c) == Some(GGroup::Motion));
        match code {
            None => self.motion,
            Some(0) => Some(Motion::Rapid),
            Some(10) => Some(Motion::Linear),
            Some(20) => Some(Motion::Arc { clockwise: true }),
            Some(30) => Some(Motion::Arc { clockwise: false }),
            Some(800) => None,
            Some(c) => Some(Motion::Cycle(c / 10)),
        }
    }

    /// Values a controller rejects, and value words nothing in the block uses.
    fn invalid_values(&self, g: &[u32], v: &Values, motion: Option<Motion>) -> Option<String> {
        if v.get('S').is_some_and(|s| s < 0.0) {
            return Some("negative spindle speed".to_owned());
        }
        let dwell = g.contains(&40);
        if dwell && !v.get('P').is_some_and(|p| p >= 0.0) {
            return Some("G4 dwell without a P of 0 or more".to_owned());
        }
        let arc = matches!(motion, Some(Motion::Arc { .. }));
        let cycle = matches!(motion, Some(Motion::Cycle(_)));
        let peck = matches!(motion, Some(Motion::Cycle(73 | 83)));
        let uses = |letter: char| match letter {
            'I' | 'J' | 'K' => arc,
            'R' => arc || cycle,
            'P' => dwell || arc || cycle,
            'Q' => peck,
            'L' => cycle,
            'H' => g.contains(&430),
            _ => true,
        };
        let unused: String = VALUE_LETTERS
            .iter()
            .copied()
            .filter(|&l| v.has(l) && !uses(l))
            .collect();
        if !unused.is_empty() {
            return Some(format!("value words {unused} unused by the block's codes"));
        }
        if v.has_axis() && motion.is_none() && !g.contains(&530) {
            return Some("axis words with no motion mode (G0-G3 or a canned cycle)".to_owned());
        }
        None
    }

    fn apply_modes(&mut self, g: &[u32], m: &[u32], v: &Values) {
        for &code in g {
            match code {
                200 => self.units = Some(Units::Inch),
                210 => self.units = Some(Units::Mm),
                170 => self.plane = Plane::G17,
                180 => self.plane = Plane::G18,
                190 => self.plane = Plane::G19,
                900 => self.incremental = false,
                910 => self.incremental = true,
                901 => self.arc_absolute = true,
                911 => self.arc_absolute = false,
                980 => self.retract_to_r = false,
                990 => self.retract_to_r = true,
                _ => {}
            }
        }
        if self.first_units.is_none() {
            self.first_units = self.units;
        }
        if let Some(f) = v.get('F') {
            self.feed = Some(f * self.factor());
        }
        if let Some(s) = v.get('S') {
            self.rpm = s;
        }
        for &code in m {
            match code {
                60 => self.stats.tool_changes += 1,
                30 => self.spindle_dir = Some(true),
                40 => self.spindle_dir = Some(false),
                50 => self.spindle_dir = None,
                70 | 80 => self.coolant = true,
                90 => self.coolant = false,
                _ => {}
            }
        }
    }

    fn lose_named(&mut self, v: &Values) {
        for (axis, letter) in ['X', 'Y', 'Z'].into_iter().enumerate() {
            if v.has(letter) {
                if let Some(p) = self.pos.get_mut(axis) {
                    *p = None;
                }
            }
        }
    }
}

/// Two codes of one modal group in a block (G4 and G53 are non-modal and may share one).
fn conflict(g: &[u32], m: &[u32]) -> Option<String> {
    for (i, &first) in g.iter().enumerate() {
        let group = g_group(first);
        if group == Some(GGroup::NonModal) {
            continue;
        }
        if let Some(&second) = g.iter().skip(i + 1).find(|&&c| g_group(c) == group) {
            return Some(format!(
                "{} and {} in one block: one modal group",
                code_text('G', first),
                code_text('G', second)
            ));
        }
    }
    for (i, &first) in m.iter().enumerate() {
        let group = m_group(first);
        if group == Some(MGroup::Coolant) {
            continue;
        }
        if let Some(&second) = m.iter().skip(i + 1).find(|&&c| m_group(c) == group) {
            return Some(format!(
                "{} and {} in one block: one modal group",
                code_text('M', first),
                code_text('M', second)
            ));
        }
    }
    None
}
