//! The controller dialects RMOS posts for.

use serde::{Deserialize, Serialize};

/// A controller dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Post {
    /// GRBL 1.1.
    Grbl,
    /// LinuxCNC 2.9.
    LinuxCnc,
    /// Mach3 / Mach4.
    Mach3,
    /// Fanuc-style controls.
    Fanuc,
}

/// Output units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Units {
    /// Millimetres (G21), 3 decimals.
    #[default]
    Mm,
    /// Inches (G20), 4 decimals, converted exactly from mm.
    Inch,
}

/// A post id that RMOS does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown post {0:?} (known: grbl, linuxcnc, mach3, fanuc)")]
pub struct UnknownPost(pub String);

impl Post {
    /// Every dialect, in a fixed order.
    pub const ALL: [Post; 4] = [Self::Grbl, Self::LinuxCnc, Self::Mach3, Self::Fanuc];

    /// The id used on command lines, in artifacts and in stamps (`grbl`, `linuxcnc`, `mach3`, `fanuc`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Grbl => "grbl",
            Self::LinuxCnc => "linuxcnc",
            Self::Mach3 => "mach3",
            Self::Fanuc => "fanuc",
        }
    }
}

impl std::fmt::Display for Post {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for Post {
    type Err = UnknownPost;

    /// Parses an id, case-insensitively; `linux_cnc`, `mach4` are accepted too.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "grbl" => Ok(Self::Grbl),
            "linuxcnc" | "linux_cnc" => Ok(Self::LinuxCnc),
            "mach3" | "mach4" => Ok(Self::Mach3),
            "fanuc" => Ok(Self::Fanuc),
            _ => Err(UnknownPost(s.chars().take(40).collect())),
        }
    }
}

/// How a dialect reads the `P` word of a dwell (`G4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DwellUnit {
    /// `P` in seconds, decimals allowed (`G4 P2.5`): GRBL, LinuxCNC.
    Seconds,
    /// `P` in whole milliseconds, no decimal point (`G04 P2500`): Fanuc; Mach4; Mach3 with
    /// "G04 dwell param in ms" set. Never shorter than asked where the setting is off: it then waits longer.
    Milliseconds,
}

impl Post {
    /// Whether the program opens and closes with a `%` line. Only Fanuc-style tapes need it; GRBL rejects it
    /// (error 1), LinuxCNC and Mach3 do not need it, so RMOS writes it nowhere else.
    pub fn percent_wrapper(self) -> bool {
        matches!(self, Self::Fanuc)
    }

    /// Whether blocks carry `N` numbers. Fanuc: yes (`N10`, `N20`, ... by tens, wrapping after `N99990`:
    /// they are labels for search, not addresses). GRBL, LinuxCNC and Mach3: no (GRBL's 80-character line
    /// budget is better spent on coordinates; the others do not need them).
    pub fn line_numbers(self) -> bool {
        matches!(self, Self::Fanuc)
    }

    /// Whether pecked holes are written as a `G83` canned cycle; otherwise they are expanded to `G0`/`G1`.
    /// GRBL has no canned cycles.
    pub fn canned_cycles(self) -> bool {
        !matches!(self, Self::Grbl)
    }

    /// Whether the program calls the tool (`T1 M6`) and its length offset (`G43 H1`). GRBL treats `M6` as
    /// an error and has no `G43 H`; it gets the tool in a comment only.
    pub fn tool_change(self) -> bool {
        !matches!(self, Self::Grbl)
    }

    /// Longest line the controller accepts, comments not counted: 80 on GRBL, unlimited elsewhere.
    pub fn max_line_chars(self) -> Option<usize> {
        match self {
            Self::Grbl => Some(80),
            _ => None,
        }
    }

    /// Whether whole numbers keep their decimal point (`X10.`) and trailing zeros are dropped (`X10.5`).
    /// Fanuc-style controls read `X10` as ten least increments, so every dimension word carries a point.
    /// The other dialects write every coordinate with all its decimals (`X10.000`).
    pub fn trailing_point(self) -> bool {
        matches!(self, Self::Fanuc)
    }

    /// Whether comments are written in upper case, without `_` and `:`: Fanuc-style controls accept a
    /// narrow character set in comments.
    pub fn upper_case_comments(self) -> bool {
        matches!(self, Self::Fanuc)
    }

    /// How the dwell's `P` word is read.
    ///
    /// GRBL and LinuxCNC take seconds. Fanuc takes whole milliseconds in `P`. Mach3 reads `P` as seconds or
    /// milliseconds depending on a setting (Mach4 follows Fanuc): RMOS writes milliseconds, so a
    /// mis-set control waits too long rather than cutting before the spindle is at speed.
    pub fn dwell_unit(self) -> DwellUnit {
        match self {
            Self::Grbl | Self::LinuxCnc => DwellUnit::Seconds,
            Self::Mach3 | Self::Fanuc => DwellUnit::Milliseconds,
        }
    }

    /// The program end word: `M2` on GRBL and LinuxCNC, `M30` on Mach3 and Fanuc.
    pub fn program_end(self) -> &'static str {
        self.words().end
    }

    /// The words this dialect spells its codes with.
    pub(crate) fn words(self) -> &'static Words {
        match self {
            Self::Grbl => &GRBL_WORDS,
            Self::LinuxCnc => &LINUXCNC_WORDS,
            Self::Mach3 => &MACH3_WORDS,
            Self::Fanuc => &FANUC_WORDS,
        }
    }
}

/// The spelling of every code a post writes, per dialect.
#[derive(Debug)]
pub(crate) struct Words {
    /// Modal set-up written once after the header comments, before the units word.
    pub setup: &'static str,
    /// Set-up written after the units word (arc centre mode, cancels).
    pub setup_tail: &'static str,
    pub rapid: &'static str,
    pub linear: &'static str,
    pub arc_cw: &'static str,
    pub arc_ccw: &'static str,
    pub dwell: &'static str,
    pub spindle_cw: &'static str,
    pub spindle_stop: &'static str,
    pub coolant_on: &'static str,
    pub coolant_off: &'static str,
    pub tool_change: &'static str,
    pub length_offset: &'static str,
    pub peck_cycle: &'static str,
    pub cycle_cancel: &'static str,
    pub end: &'static str,
}

const GRBL_WORDS: Words = Words {
    setup: "G90 G94 G17",
    setup_tail: "",
    rapid: "G0",
    linear: "G1",
    arc_cw: "G2",
    arc_ccw: "G3",
    dwell: "G4",
    spindle_cw: "M3",
    spindle_stop: "M5",
    coolant_on: "M8",
    coolant_off: "M9",
    tool_change: "",
    length_offset: "",
    peck_cycle: "",
    cycle_cancel: "",
    end: "M2",
};

const LINUXCNC_WORDS: Words = Words {
    setup: "G90 G94 G17",
    setup_tail: " G91.1 G40 G49 G80",
    rapid: "G0",
    linear: "G1",
    arc_cw: "G2",
    arc_ccw: "G3",
    dwell: "G4",
    spindle_cw: "M3",
    spindle_stop: "M5",
    coolant_on: "M8",
    coolant_off: "M9",
    tool_change: "M6",
    length_offset: "G43 H",
    peck_cycle: "G99 G83",
    cycle_cancel: "G80",
    end: "M2",
};

const MACH3_WORDS: Words = Words {
    end: "M30",
    ..LINUXCNC_WORDS
};

const FANUC_WORDS: Words = Words {
    setup: "G90 G94 G17",
    setup_tail: " G40 G49 G80",
    rapid: "G00",
    linear: "G01",
    arc_cw: "G02",
    arc_ccw: "G03",
    dwell: "G04",
    spindle_cw: "M03",
    spindle_stop: "M05",
    coolant_on: "M08",
    coolant_off: "M09",
    tool_change: "M06",
    length_offset: "G43 H",
    peck_cycle: "G99 G83",
    cycle_cancel: "G80",
    end: "M30",
};

impl Units {
    /// Decimal places written: 3 for mm, 4 for inches.
    pub fn decimals(self) -> u32 {
        match self {
            Self::Mm => 3,
            Self::Inch => 4,
        }
    }

    /// The units word: `G21` or `G20`.
    pub fn gcode(self) -> &'static str {
        match self {
            Self::Mm => "G21",
            Self::Inch => "G20",
        }
    }

    /// The short name used in comments: `mm` or `in`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Mm => "mm",
            Self::Inch => "in",
        }
    }

    /// Converts a length (or a feed per minute) from mm into these units: unchanged for mm, `mm / 25.4`
    /// (a correctly rounded division, never a multiplication by an inexact reciprocal) for inches.
    ///
    /// ```
    /// use rmos_core::posts::Units;
    /// assert_eq!(Units::Inch.convert(25.4), 1.0);
    /// assert_eq!(Units::Mm.convert(25.4), 25.4);
    /// ```
    pub fn convert(self, mm: f64) -> f64 {
        match self {
            Self::Mm => mm,
            Self::Inch => mm / MM_PER_INCH,
        }
    }
}

/// Millimetres per inch, exactly.
pub const MM_PER_INCH: f64 = 25.4;
