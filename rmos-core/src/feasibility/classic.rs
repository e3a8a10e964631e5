//! Pack 1: the classic F-rules (F001–F041), code for code as the original RMOS of Luthier's ToolBox gave
//! them, as one pure function over [`ClassicInput`].
//!
//! Rules run in the fixed order F001–F007, F020–F029, F033, F041, F010–F013, F030–F032, F034–F040. A rule
//! on an optional field fires only when the field is present. "Depth" in the rules is
//! [`ClassicInput::depth`]: `geometry_depth_mm` when given, else `−z_rough`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::report::{num, Bucket, Finding};
use crate::catalog::Hardness;

/// The per-operation fields the classic rules read (names as in the original RMOS).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassicInput {
    /// Tool diameter, mm.
    pub tool_d: f64,
    /// Width of cut as a fraction of `tool_d`.
    pub stepover: f64,
    /// Depth per pass, mm.
    pub stepdown: f64,
    /// Final Z, mm (negative: below the stock top).
    pub z_rough: f64,
    /// Cutting feed, mm/min.
    pub feed_xy: f64,
    /// Plunge feed, mm/min.
    pub feed_z: f64,
    /// Safe height, mm above the stock top.
    pub safe_z: f64,
    /// Machining strategy (`pocket`, `profile`, `slot`, `rosette_pocket`, `drill`, ...).
    pub strategy: Cow<'static, str>,
    /// Whether the geometry's paths are closed.
    pub has_closed_paths: Option<bool>,
    /// How many loops (pockets, rings, holes, slots) the operation cuts.
    pub loop_count: Option<i64>,
    /// Smallest feature the tool has to resolve, mm.
    pub smallest_feature_mm: Option<f64>,
    /// Hardness class of the material ([`Hardness::Unknown`] when nothing is known: F024).
    pub hardness: Hardness,
    /// Stock thickness, mm.
    pub material_thickness_mm: Option<f64>,
    /// Resin or oil in the material.
    pub resinous: bool,
    /// Width of the feature, mm.
    pub geometry_width_mm: Option<f64>,
    /// Length of the feature, mm.
    pub geometry_length_mm: Option<f64>,
    /// Depth of the feature, mm.
    pub geometry_depth_mm: Option<f64>,
    /// Thinnest wall the operation leaves, mm.
    pub wall_thickness_mm: Option<f64>,
    /// Flute length of the tool, mm.
    pub tool_flute_length_mm: Option<f64>,
    /// Stickout of the tool from the collet, mm.
    pub tool_stickout_mm: Option<f64>,
    /// Coolant or air blast on.
    pub coolant: bool,
    /// Floor left under the feature, mm.
    pub floor_thickness_mm: Option<f64>,
    /// Islands of L, T or complex shape.
    pub geometry_complex: bool,
    /// Feed override the operator runs at, percent.
    pub feed_override_percent: Option<f64>,
}

impl ClassicInput {
    /// A soft-material pocket with everything optional left out; a starting point for building inputs.
    ///
    /// ```
    /// use rmos_core::feasibility::{check_classic, ClassicInput};
    /// let mut input = ClassicInput::pocket(6.0);
    /// assert!(check_classic(&input).is_empty());
    /// input.stepdown = 3.01;
    /// assert_eq!(check_classic(&input)[0].code, "F012");
    /// ```
    pub fn pocket(tool_d: f64) -> Self {
        Self {
            tool_d,
            stepover: 0.4,
            stepdown: 1.0,
            z_rough: -2.0,
            feed_xy: 1000.0,
            feed_z: 500.0,
            safe_z: 5.0,
            strategy: Cow::Borrowed("pocket"),
            has_closed_paths: None,
            loop_count: None,
            smallest_feature_mm: None,
            hardness: Hardness::Soft,
            material_thickness_mm: None,
            resinous: false,
            geometry_width_mm: None,
            geometry_length_mm: None,
            geometry_depth_mm: None,
            wall_thickness_mm: None,
            tool_flute_length_mm: None,
            tool_stickout_mm: None,
            coolant: false,
            floor_thickness_mm: None,
            geometry_complex: false,
            feed_override_percent: None,
        }
    }

    /// The depth the rules use: `geometry_depth_mm` when given, else `−z_rough`.
    pub fn depth(&self) -> f64 {
        self.geometry_depth_mm.unwrap_or(-self.z_rough)
    }

    fn is_slot(&self) -> bool {
        self.strategy == "slot"
    }
}

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

/// [`check_classic`] appending to `out`.
pub(crate) fn push_classic(c: &ClassicInput, out: &mut Vec<Finding>) {
    let mut red = |code: &str, message: String, value: Option<f64>, limit: Option<f64>| {
        out.push(Finding::new(code, Bucket::Red, message, value, limit));
    };
    let d = c.tool_d;
    let depth = c.depth();
    let hard_set = c.hardness.is_hard_set();
    let wall = c.wall_thickness_mm;
    let flute = c.tool_flute_length_mm;

    if d <= 0.0 {
        red(
            "F001",
            format!("tool diameter {} mm must be > 0", num(d)),
            Some(d),
            Some(0.0),
        );
    }
    let stepover_max = if c.is_slot() { 1.0 } else { 0.95 };
    if c.stepover <= 0.0 {
        red(
            "F002",
            format!("stepover {} must be > 0", num(c.stepover)),
            Some(c.stepover),
            Some(0.0),
        );
    } else if c.stepover > stepover_max {
        red(
            "F002",
            format!(
                "stepover {} is over {} of the tool diameter for a {} strategy",
                num(c.stepover),
                num(stepover_max),
                c.strategy
            ),
            Some(c.stepover),
            Some(stepover_max),
        );
    }
    if c.stepdown <= 0.0 {
        red(
            "F003",
            format!("stepdown {} mm must be > 0", num(c.stepdown)),
            Some(c.stepdown),
            Some(0.0),
        );
    }
    if c.z_rough >= 0.0 {
        red(
            "F004",
            format!("final z {} mm must be below the stock top (< 0)", num(c.z_rough)),
            Some(c.z_rough),
            Some(0.0),
        );
    }
    if c.safe_z <= 0.0 {
        red(
            "F005",
            format!("safe z {} mm must be above the stock top (> 0)", num(c.safe_z)),
            Some(c.safe_z),
            Some(0.0),
        );
    }
    if c.has_closed_paths == Some(false) {
        red("F006", "the geometry has no closed paths".to_owned(), None, None);
    }
    if let Some(n) = c.loop_count.filter(|n| *n <= 0) {
        red(
            "F007",
            format!("loop count {n} must be > 0"),
            Some(n as f64),
            Some(0.0),
        );
    }

    if hard_set && c.stepdown > 1.5 * d {
        red(
            "F020",
            format!(
                "stepdown {} mm is over 1.5 × the {} mm tool in a {} material",
                num(c.stepdown),
                num(d),
                hardness_name(c.hardness)
            ),
            Some(c.stepdown),
            Some(1.5 * d),
        );
    }
    if d > 0.0 && c.stepdown / d > 5.0 {
        red(
            "F021",
            format!("stepdown is {} × the tool diameter, over 5", num(c.stepdown / d)),
            Some(c.stepdown / d),
            Some(5.0),
        );
    }
    if let Some(t) = c.material_thickness_mm.filter(|t| depth > *t) {
        red(
            "F022",
            format!(
                "depth {} mm is over the {} mm material thickness",
                num(depth),
                num(t)
            ),
            Some(depth),
            Some(t),
        );
    }
    for (name, v) in [
        ("width", c.geometry_width_mm),
        ("length", c.geometry_length_mm),
        ("depth", c.geometry_depth_mm),
    ] {
        if let Some(v) = v.filter(|v| *v <= 0.0) {
            red(
                "F023",
                format!("geometry {name} {} mm must be > 0", num(v)),
                Some(v),
                Some(0.0),
            );
        }
    }
    if c.hardness == Hardness::Unknown {
        red("F024", "material hardness is unknown".to_owned(), None, None);
    }
    if let Some(w) = c.geometry_width_mm.filter(|w| d > *w) {
        red(
            "F025",
            format!("the {} mm tool is wider than the {} mm feature", num(d), num(w)),
            Some(d),
            Some(w),
        );
    }
    if let Some(s) = c.tool_stickout_mm {
        let limit = if hard_set { 5.0 } else { 8.0 };
        let ratio = s / d;
        if ratio > limit {
            red(
                "F026",
                format!(
                    "stickout {} mm is {} × the tool diameter, over {} in a {} material",
                    num(s),
                    num(ratio),
                    num(limit),
                    hardness_name(c.hardness)
                ),
                Some(ratio),
                Some(limit),
            );
        }
    }
    if c.resinous && d < 3.0 && !c.coolant {
        red(
            "F027",
            format!(
                "resinous material with a {} mm tool under 3 mm and no coolant: the flutes gum up",
                num(d)
            ),
            Some(d),
            Some(3.0),
        );
    }
    if c.resinous && matches!(c.hardness, Hardness::VeryHard | Hardness::Extreme) {
        red(
            "F027",
            format!(
                "resinous {} material: heat and resin load the tool",
                hardness_name(c.hardness)
            ),
            None,
            None,
        );
    }
    if let Some(w) = wall.filter(|w| *w < 1.0) {
        red(
            "F028",
            format!("wall {} mm is under 1 mm", num(w)),
            Some(w),
            Some(1.0),
        );
    }
    let f029 = [
        (hard_set, "hard material"),
        (d < 3.0, "tool under 3 mm"),
        (c.stepdown > 5.0, "stepdown over 5 mm"),
        (c.stepover > 0.7, "stepover over 0.7"),
        (wall.is_some_and(|w| w < 2.0), "wall under 2 mm"),
        (flute.is_some_and(|f| depth > f), "depth past the flutes"),
    ];
    let n = count(&f029);
    if n >= 3 {
        red(
            "F029",
            format!("{n} compounding risks: {}", held(&f029)),
            Some(n as f64),
            Some(3.0),
        );
    }
    if let Some(f) = flute.filter(|f| depth > *f) {
        red(
            "F033",
            format!("depth {} mm is beyond the {} mm flute length", num(depth), num(f)),
            Some(depth),
            Some(f),
        );
    }
    let f041 = [
        (hard_set, "hard material"),
        (depth >= 3.0 * d, "depth at least 3 × the tool"),
        (c.stepover >= 0.6, "stepover at least 0.6"),
        (c.stepdown >= 3.0, "stepdown at least 3 mm"),
        (wall.is_some_and(|w| w <= 3.0), "wall at most 3 mm"),
        (c.geometry_complex, "complex geometry"),
    ];
    let n = count(&f041);
    if n >= 3 {
        red(
            "F041",
            format!("{n} aggressive parameters together: {}", held(&f041)),
            Some(n as f64),
            Some(3.0),
        );
    }

    let mut yellow = |code: &str, message: String, value: Option<f64>, limit: Option<f64>| {
        out.push(Finding::new(code, Bucket::Yellow, message, value, limit));
    };
    if let Some(s) = c.smallest_feature_mm.filter(|s| d > *s) {
        yellow(
            "F010",
            format!(
                "the {} mm tool is larger than the smallest feature, {} mm",
                num(d),
                num(s)
            ),
            Some(d),
            Some(s),
        );
    }
    if c.feed_z > c.feed_xy {
        yellow(
            "F011",
            format!(
                "plunge feed {} mm/min is faster than the cutting feed {} mm/min",
                num(c.feed_z),
                num(c.feed_xy)
            ),
            Some(c.feed_z),
            Some(c.feed_xy),
        );
    }
    if c.stepdown > 3.0 {
        yellow(
            "F012",
            format!("stepdown {} mm is over 3 mm per pass", num(c.stepdown)),
            Some(c.stepdown),
            Some(3.0),
        );
    }
    if let Some(n) = c.loop_count.filter(|n| *n > 1000) {
        yellow(
            "F013",
            format!("{n} loops, over 1000"),
            Some(n as f64),
            Some(1000.0),
        );
    }
    if depth / d > 2.0 {
        yellow(
            "F030",
            format!("depth is {} × the tool diameter, over 2", num(depth / d)),
            Some(depth / d),
            Some(2.0),
        );
    }
    if hard_set && 0.5 * d < c.stepdown && c.stepdown <= 1.5 * d {
        yellow(
            "F031",
            format!(
                "stepdown {} mm is over half the {} mm tool in a {} material",
                num(c.stepdown),
                num(d),
                hardness_name(c.hardness)
            ),
            Some(c.stepdown),
            Some(0.5 * d),
        );
    }
    if d < 2.0 {
        yellow(
            "F032",
            format!("the {} mm tool is under 2 mm: fragile", num(d)),
            Some(d),
            Some(2.0),
        );
    }
    if let Some(w) = c.geometry_width_mm.filter(|w| c.is_slot() && depth / *w > 2.0) {
        yellow(
            "F034",
            format!("slot depth is {} × its width, over 2", num(depth / w)),
            Some(depth / w),
            Some(2.0),
        );
    }
    if c.stepover > 0.7 && !c.is_slot() {
        yellow(
            "F035",
            format!("stepover {} is over 0.7", num(c.stepover)),
            Some(c.stepover),
            Some(0.7),
        );
    }
    if let Some(w) = wall.filter(|w| (1.0..2.0).contains(w)) {
        yellow(
            "F036",
            format!("wall {} mm is under 2 mm", num(w)),
            Some(w),
            Some(2.0),
        );
    }
    let f037 = [
        (
            matches!(c.hardness, Hardness::Hard | Hardness::VeryHard),
            "hard material",
        ),
        (depth > 2.0 * d, "depth over 2 × the tool"),
        (c.stepover > 0.5, "stepover over 0.5"),
        (c.stepdown > 2.0, "stepdown over 2 mm"),
        (wall.is_some_and(|w| w < 3.0), "wall under 3 mm"),
    ];
    let n = count(&f037);
    if n >= 2 {
        yellow(
            "F037",
            format!("{n} demanding parameters together: {}", held(&f037)),
            Some(n as f64),
            Some(2.0),
        );
    }
    if let Some(f) = c.floor_thickness_mm.filter(|f| *f < 2.0) {
        yellow(
            "F038",
            format!("floor {} mm is under 2 mm", num(f)),
            Some(f),
            Some(2.0),
        );
    }
    if c.geometry_complex {
        yellow(
            "F039",
            "complex geometry (L, T or complex islands)".to_owned(),
            None,
            None,
        );
    }
    if let Some(p) = c.feed_override_percent {
        if p > 120.0 {
            yellow(
                "F040",
                format!("feed override {} % is over 120 %", num(p)),
                Some(p),
                Some(120.0),
            );
        } else if p < 80.0 {
            yellow(
                "F040",
                format!("feed override {} % is under 80 %", num(p)),
                Some(p),
                Some(80.0),
            );
        }
    }
}

fn count(criteria: &[(bool, &str)]) -> usize {
    criteria.iter().filter(|c| c.0).count()
}

/// The names of the criteria that hold, comma-separated.
fn held<'a>(criteria: &'a [(bool, &'a str)]) -> Held<'a> {
    Held(criteria)
}

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
pub(crate) fn hardness_name(h: Hardness) -> &'static str {
    match h {
        Hardness::Soft => "soft",
        Hardness::Medium => "medium",
        Hardness::Hard => "hard",
        Hardness::VeryHard => "very-hard",
        Hardness::Extreme => "extreme",
        Hardness::Unknown => "unknown",
    }
}
