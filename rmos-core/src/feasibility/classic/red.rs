//! The RED classic rules, one function per rule, in the order they run (F001–F007, F020–F029, F033, F041).

use super::{count, hardness_name, held, Rules};
use crate::catalog::Hardness;
use crate::feasibility::report::num;

/// F001: tool_d ≤ 0.
pub(super) fn f001_tool_diameter(r: &mut Rules<'_>) {
    let d = r.d;
    if d <= 0.0 {
        r.red(
            "F001",
            format!("tool diameter {} mm must be > 0", num(d)),
            Some(d),
            Some(0.0),
        );
    }
}

/// F002: stepover ≤ 0, or over 0.95 (over 1.0 for a slot).
pub(super) fn f002_stepover(r: &mut Rules<'_>) {
    let c = r.c;
    let stepover_max = if c.is_slot() { 1.0 } else { 0.95 };
    if c.stepover <= 0.0 {
        r.red(
            "F002",
            format!("stepover {} must be > 0", num(c.stepover)),
            Some(c.stepover),
            Some(0.0),
        );
    } else if c.stepover > stepover_max {
        r.red(
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
}

/// F003: stepdown ≤ 0.
pub(super) fn f003_stepdown(r: &mut Rules<'_>) {
    let s = r.c.stepdown;
    if s <= 0.0 {
        r.red(
            "F003",
            format!("stepdown {} mm must be > 0", num(s)),
            Some(s),
            Some(0.0),
        );
    }
}

/// F004: z_rough ≥ 0.
pub(super) fn f004_final_z(r: &mut Rules<'_>) {
    let z = r.c.z_rough;
    if z >= 0.0 {
        r.red(
            "F004",
            format!("final z {} mm must be below the stock top (< 0)", num(z)),
            Some(z),
            Some(0.0),
        );
    }
}

/// F005: safe_z ≤ 0.
pub(super) fn f005_safe_z(r: &mut Rules<'_>) {
    let z = r.c.safe_z;
    if z <= 0.0 {
        r.red(
            "F005",
            format!("safe z {} mm must be above the stock top (> 0)", num(z)),
            Some(z),
            Some(0.0),
        );
    }
}

/// F006: has_closed_paths given and false.
pub(super) fn f006_closed_paths(r: &mut Rules<'_>) {
    if r.c.has_closed_paths == Some(false) {
        r.red("F006", "the geometry has no closed paths".to_owned(), None, None);
    }
}

/// F007: loop_count given and ≤ 0.
pub(super) fn f007_loop_count(r: &mut Rules<'_>) {
    if let Some(n) = r.c.loop_count.filter(|n| *n <= 0) {
        r.red(
            "F007",
            format!("loop count {n} must be > 0"),
            Some(n as f64),
            Some(0.0),
        );
    }
}

/// F020: hard set and stepdown > 1.5 × tool_d.
pub(super) fn f020_hard_stepdown(r: &mut Rules<'_>) {
    let (c, d) = (r.c, r.d);
    if r.hard_set && c.stepdown > 1.5 * d {
        r.red(
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
}

/// F021: tool_d > 0 and stepdown / tool_d > 5.
pub(super) fn f021_stepdown_ratio(r: &mut Rules<'_>) {
    let (c, d) = (r.c, r.d);
    if d > 0.0 && c.stepdown / d > 5.0 {
        r.red(
            "F021",
            format!("stepdown is {} × the tool diameter, over 5", num(c.stepdown / d)),
            Some(c.stepdown / d),
            Some(5.0),
        );
    }
}

/// F022: depth > material_thickness_mm.
pub(super) fn f022_material_thickness(r: &mut Rules<'_>) {
    let depth = r.depth;
    if let Some(t) = r.c.material_thickness_mm.filter(|t| depth > *t) {
        r.red(
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
}

/// F023: width, length or depth given and ≤ 0, one finding per dimension.
pub(super) fn f023_dimensions(r: &mut Rules<'_>) {
    let c = r.c;
    for (name, v) in [
        ("width", c.geometry_width_mm),
        ("length", c.geometry_length_mm),
        ("depth", c.geometry_depth_mm),
    ] {
        if let Some(v) = v.filter(|v| *v <= 0.0) {
            r.red(
                "F023",
                format!("geometry {name} {} mm must be > 0", num(v)),
                Some(v),
                Some(0.0),
            );
        }
    }
}

/// F024: hardness unknown.
pub(super) fn f024_unknown_hardness(r: &mut Rules<'_>) {
    if r.c.hardness == Hardness::Unknown {
        r.red("F024", "material hardness is unknown".to_owned(), None, None);
    }
}

/// F025: width given and tool_d > width.
pub(super) fn f025_tool_wider_than_feature(r: &mut Rules<'_>) {
    let d = r.d;
    if let Some(w) = r.c.geometry_width_mm.filter(|w| d > *w) {
        r.red(
            "F025",
            format!("the {} mm tool is wider than the {} mm feature", num(d), num(w)),
            Some(d),
            Some(w),
        );
    }
}

/// F026: stickout / tool_d > 5 in the hard set, > 8 otherwise.
pub(super) fn f026_stickout(r: &mut Rules<'_>) {
    let c = r.c;
    if let Some(s) = c.tool_stickout_mm {
        let limit = if r.hard_set { 5.0 } else { 8.0 };
        let ratio = s / r.d;
        if ratio > limit {
            r.red(
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
}

/// F027: resinous with a tool under 3 mm and no coolant; a second finding when resinous and very-hard or
/// extreme.
pub(super) fn f027_resin(r: &mut Rules<'_>) {
    let (c, d) = (r.c, r.d);
    if c.resinous && d < 3.0 && !c.coolant {
        r.red(
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
        r.red(
            "F027",
            format!(
                "resinous {} material: heat and resin load the tool",
                hardness_name(c.hardness)
            ),
            None,
            None,
        );
    }
}

/// F028: wall under 1 mm.
pub(super) fn f028_wall(r: &mut Rules<'_>) {
    if let Some(w) = r.c.wall_thickness_mm.filter(|w| *w < 1.0) {
        r.red(
            "F028",
            format!("wall {} mm is under 1 mm", num(w)),
            Some(w),
            Some(1.0),
        );
    }
}

/// F029: at least 3 compounding risks.
pub(super) fn f029_compounding(r: &mut Rules<'_>) {
    let (c, d, depth) = (r.c, r.d, r.depth);
    let f029 = [
        (r.hard_set, "hard material"),
        (d < 3.0, "tool under 3 mm"),
        (c.stepdown > 5.0, "stepdown over 5 mm"),
        (c.stepover > 0.7, "stepover over 0.7"),
        (c.wall_thickness_mm.is_some_and(|w| w < 2.0), "wall under 2 mm"),
        (
            c.tool_flute_length_mm.is_some_and(|f| depth > f),
            "depth past the flutes",
        ),
    ];
    let n = count(&f029);
    if n >= 3 {
        r.red(
            "F029",
            format!("{n} compounding risks: {}", held(&f029)),
            Some(n as f64),
            Some(3.0),
        );
    }
}

/// F033: depth beyond the tool's flute length.
pub(super) fn f033_flute_length(r: &mut Rules<'_>) {
    let depth = r.depth;
    if let Some(f) = r.c.tool_flute_length_mm.filter(|f| depth > *f) {
        r.red(
            "F033",
            format!("depth {} mm is beyond the {} mm flute length", num(depth), num(f)),
            Some(depth),
            Some(f),
        );
    }
}

/// F041: at least 3 aggressive parameters together.
pub(super) fn f041_aggressive(r: &mut Rules<'_>) {
    let (c, d, depth) = (r.c, r.d, r.depth);
    let f041 = [
        (r.hard_set, "hard material"),
        (depth >= 3.0 * d, "depth at least 3 × the tool"),
        (c.stepover >= 0.6, "stepover at least 0.6"),
        (c.stepdown >= 3.0, "stepdown at least 3 mm"),
        (c.wall_thickness_mm.is_some_and(|w| w <= 3.0), "wall at most 3 mm"),
        (c.geometry_complex, "complex geometry"),
    ];
    let n = count(&f041);
    if n >= 3 {
        r.red(
            "F041",
            format!("{n} aggressive parameters together: {}", held(&f041)),
            Some(n as f64),
            Some(3.0),
        );
    }
}
