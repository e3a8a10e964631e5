//! The YELLOW classic rules, one function per rule, in the order they run (F010–F013, F030–F032,
//! F034–F040).

use super::{count, hardness_name, held, Rules};
use crate::catalog::Hardness;
use crate::feasibility::report::num;

/// F010: smallest feature given and tool_d > it.
pub(super) fn f010_smallest_feature(r: &mut Rules<'_>) {
    let d = r.d;
    if let Some(s) = r.c.smallest_feature_mm.filter(|s| d > *s) {
        r.yellow(
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
}

/// F011: feed_z > feed_xy.
pub(super) fn f011_plunge_feed(r: &mut Rules<'_>) {
    let c = r.c;
    if c.feed_z > c.feed_xy {
        r.yellow(
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
}

/// F012: stepdown > 3.0 mm.
pub(super) fn f012_stepdown(r: &mut Rules<'_>) {
    let s = r.c.stepdown;
    if s > 3.0 {
        r.yellow(
            "F012",
            format!("stepdown {} mm is over 3 mm per pass", num(s)),
            Some(s),
            Some(3.0),
        );
    }
}

/// F013: loop_count > 1000.
pub(super) fn f013_loop_count(r: &mut Rules<'_>) {
    if let Some(n) = r.c.loop_count.filter(|n| *n > 1000) {
        r.yellow(
            "F013",
            format!("{n} loops, over 1000"),
            Some(n as f64),
            Some(1000.0),
        );
    }
}

/// F030: depth / tool_d > 2.
pub(super) fn f030_depth_ratio(r: &mut Rules<'_>) {
    let ratio = r.depth / r.d;
    if ratio > 2.0 {
        r.yellow(
            "F030",
            format!("depth is {} × the tool diameter, over 2", num(ratio)),
            Some(ratio),
            Some(2.0),
        );
    }
}

/// F031: hard set and 0.5 × tool_d < stepdown ≤ 1.5 × tool_d.
pub(super) fn f031_hard_stepdown(r: &mut Rules<'_>) {
    let (c, d) = (r.c, r.d);
    if r.hard_set && 0.5 * d < c.stepdown && c.stepdown <= 1.5 * d {
        r.yellow(
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
}

/// F032: tool_d < 2.0 mm.
pub(super) fn f032_small_tool(r: &mut Rules<'_>) {
    let d = r.d;
    if d < 2.0 {
        r.yellow(
            "F032",
            format!("the {} mm tool is under 2 mm: fragile", num(d)),
            Some(d),
            Some(2.0),
        );
    }
}

/// F034: a slot deeper than twice its width.
pub(super) fn f034_slot_depth(r: &mut Rules<'_>) {
    let (c, depth) = (r.c, r.depth);
    if let Some(w) = c.geometry_width_mm.filter(|w| c.is_slot() && depth / *w > 2.0) {
        r.yellow(
            "F034",
            format!("slot depth is {} × its width, over 2", num(depth / w)),
            Some(depth / w),
            Some(2.0),
        );
    }
}

/// F035: stepover > 0.7 when the strategy is not a slot.
pub(super) fn f035_stepover(r: &mut Rules<'_>) {
    let c = r.c;
    if c.stepover > 0.7 && !c.is_slot() {
        r.yellow(
            "F035",
            format!("stepover {} is over 0.7", num(c.stepover)),
            Some(c.stepover),
            Some(0.7),
        );
    }
}

/// F036: 1.0 ≤ wall < 2.0 mm.
pub(super) fn f036_wall(r: &mut Rules<'_>) {
    if let Some(w) = r.c.wall_thickness_mm.filter(|w| (1.0..2.0).contains(w)) {
        r.yellow(
            "F036",
            format!("wall {} mm is under 2 mm", num(w)),
            Some(w),
            Some(2.0),
        );
    }
}

/// F037: at least 2 demanding parameters together.
pub(super) fn f037_demanding(r: &mut Rules<'_>) {
    let (c, d, depth) = (r.c, r.d, r.depth);
    let f037 = [
        (
            matches!(c.hardness, Hardness::Hard | Hardness::VeryHard),
            "hard material",
        ),
        (depth > 2.0 * d, "depth over 2 × the tool"),
        (c.stepover > 0.5, "stepover over 0.5"),
        (c.stepdown > 2.0, "stepdown over 2 mm"),
        (c.wall_thickness_mm.is_some_and(|w| w < 3.0), "wall under 3 mm"),
    ];
    let n = count(&f037);
    if n >= 2 {
        r.yellow(
            "F037",
            format!("{n} demanding parameters together: {}", held(&f037)),
            Some(n as f64),
            Some(2.0),
        );
    }
}

/// F038: floor under 2 mm.
pub(super) fn f038_floor(r: &mut Rules<'_>) {
    if let Some(f) = r.c.floor_thickness_mm.filter(|f| *f < 2.0) {
        r.yellow(
            "F038",
            format!("floor {} mm is under 2 mm", num(f)),
            Some(f),
            Some(2.0),
        );
    }
}

/// F039: complex geometry.
pub(super) fn f039_complex(r: &mut Rules<'_>) {
    if r.c.geometry_complex {
        r.yellow(
            "F039",
            "complex geometry (L, T or complex islands)".to_owned(),
            None,
            None,
        );
    }
}

/// F040: feed override over 120 % or under 80 %.
pub(super) fn f040_feed_override(r: &mut Rules<'_>) {
    if let Some(p) = r.c.feed_override_percent {
        if p > 120.0 {
            r.yellow(
                "F040",
                format!("feed override {} % is over 120 %", num(p)),
                Some(p),
                Some(120.0),
            );
        } else if p < 80.0 {
            r.yellow(
                "F040",
                format!("feed override {} % is under 80 %", num(p)),
                Some(p),
                Some(80.0),
            );
        }
    }
}
