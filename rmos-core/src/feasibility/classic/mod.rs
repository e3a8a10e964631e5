//! Pack 1: the classic F-rules (F001–F041), code for code as the original RMOS of Luthier's ToolBox gave
//! them, as pure functions over [`ClassicInput`].
//!
//! Rules run in the fixed order F001–F007, F020–F029, F033, F041, F010–F013, F030–F032, F034–F040. A rule
//! on an optional field fires only when the field is present. "Depth" in the rules is
//! [`ClassicInput::depth`]: `geometry_depth_mm` when given, else `−z_rough`.
//!
//! - `input`: [`ClassicInput`], the fields the rules read.
//! - `red`: the RED rules, one function per rule (F023 and F027 give one finding per case).
//! - `yellow`: the YELLOW rules, one function per rule.
//! - this module: the order they run in, and what the rules share ([`Rules`], counting criteria).

mod input;
mod red;
mod yellow;

pub use input::ClassicInput;

use super::report::{Bucket, Finding};
use crate::catalog::Hardness;

/// Runs the classic rules on one operation; findings come in the documented order, with
/// [`Finding::operation`] left `None`.
///
/// ```
/// use rmos_core::feasibility::{check_classic, Bucket, ClassicInput};
/// let mut input = ClassicInput::pocket(6.0);
/// input.wall_thickness_mm = Some(0.99);
/// let findings = check_classic(&input);
/// assert_eq!((findings[0].code.as_str(), findings[0].bucket), ("F028", Bucket::Red));
/// ```
pub fn check_classic(input: &ClassicInput) -> Vec<Finding> {
    let mut out = Vec::new();
    push_classic(input, &mut out);
    out
}

/// [`check_classic`] appending to `out`: every rule, in the documented order.
pub(crate) fn push_classic(c: &ClassicInput, out: &mut Vec<Finding>) {
    let mut r = Rules::new(c, out);
    red::f001_tool_diameter(&mut r);
    red::f002_stepover(&mut r);
    red::f003_stepdown(&mut r);
    red::f004_final_z(&mut r);
    red::f005_safe_z(&mut r);
    red::f006_closed_paths(&mut r);
    red::f007_loop_count(&mut r);
    red::f020_hard_stepdown(&mut r);
    red::f021_stepdown_ratio(&mut r);
    red::f022_material_thickness(&mut r);
    red::f023_dimensions(&mut r);
    red::f024_unknown_hardness(&mut r);
    red::f025_tool_wider_than_feature(&mut r);
    red::f026_stickout(&mut r);
    red::f027_resin(&mut r);
    red::f028_wall(&mut r);
    red::f029_compounding(&mut r);
    red::f033_flute_length(&mut r);
    red::f041_aggressive(&mut r);
    yellow::f010_smallest_feature(&mut r);
    yellow::f011_plunge_feed(&mut r);
    yellow::f012_stepdown(&mut r);
    yellow::f013_loop_count(&mut r);
    yellow::f030_depth_ratio(&mut r);
    yellow::f031_hard_stepdown(&mut r);
    yellow::f032_small_tool(&mut r);
    yellow::f034_slot_depth(&mut r);
    yellow::f035_stepover(&mut r);
    yellow::f036_wall(&mut r);
    yellow::f037_demanding(&mut r);
    yellow::f038_floor(&mut r);
    yellow::f039_complex(&mut r);
    yellow::f040_feed_override(&mut r);
}

/// One operation's input with the figures several rules share, and the list the rules append to.
struct Rules<'a> {
    c: &'a ClassicInput,
    /// Tool diameter, mm.
    d: f64,
    /// [`ClassicInput::depth`].
    depth: f64,
    /// Hard, very-hard or extreme.
    hard_set: bool,
    out: &'a mut Vec<Finding>,
}

impl<'a> Rules<'a> {
    fn new(c: &'a ClassicInput, out: &'a mut Vec<Finding>) -> Self {
        Self {
            c,
            d: c.tool_d,
            depth: c.depth(),
            hard_set: c.hardness.is_hard_set(),
            out,
        }
    }

    fn red(&mut self, code: &str, message: String, value: Option<f64>, limit: Option<f64>) {
        self.out
            .push(Finding::new(code, Bucket::Red, message, value, limit));
    }

    fn yellow(&mut self, code: &str, message: String, value: Option<f64>, limit: Option<f64>) {
        self.out
            .push(Finding::new(code, Bucket::Yellow, message, value, limit));
    }
}

/// How many of the criteria hold.
fn count(criteria: &[(bool, &str)]) -> usize {
    criteria.iter().filter(|c| c.0).count()
}

/// The names of the criteria that hold, comma-separated.
fn held<'a>(criteria: &'a [(bool, &'a str)]) -> Held<'a> {
    Held(criteria)
}

/// See [`held`].
struct Held<'a>(&'a [(bool, &'a str)]);

impl std::fmt::Display for Held<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (_, name)) in self.0.iter().filter(|c| c.0).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

/// The hardness class as the classic rules spell it.
fn hardness_name(h: Hardness) -> &'static str {
    match h {
        Hardness::Soft => "soft",
        Hardness::Medium => "medium",
        Hardness::Hard => "hard",
        Hardness::VeryHard => "very-hard",
        Hardness::Extreme => "extreme",
        Hardness::Unknown => "unknown",
    }
}
