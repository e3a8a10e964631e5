//! The scenario mapping: the scenario shape `{geometry, material, tool, params}` shops use for validation scenarios: pack 1 alone,
//! mapped exactly as `spec/feasibility.md` says.
//!
//! | scenario | classic input |
//! |---|---|
//! | `geometry.type` | `strategy` |
//! | `geometry.width_mm`, `length_mm` | `geometry_width_mm`, `geometry_length_mm`, only when given (the estimates take 50 mm for a missing one) |
//! | `geometry.depth_mm` (default 10) | `geometry_depth_mm`; `z_rough = −|depth|` |
//! | `geometry.wall_thickness_mm`, `floor_thickness_mm` | `wall_thickness_mm`, `floor_thickness_mm` |
//! | `geometry.pockets` | `loop_count`: their number for `multi_pocket` (none given: 0), else 1 |
//! | `geometry.type` in pocket, pocket_with_island, multi_pocket, rosette_pocket, slot | `has_closed_paths` true, else false |
//! | wall, island | `smallest_feature_mm`: the wall when given; the island's smaller side when smaller |
//! | island type L-shape, T-shape or complex; multi_pocket with an island | `geometry_complex` |
//! | `material.hardness` | soft, medium, medium-hard → hard, hard, very-hard, extreme; anything else unknown. No material or no `id`: unknown. No `hardness` (or `resinous`) but a catalog `id`: the catalog's |
//! | `material.thickness_mm`, `resinous` | `material_thickness_mm`, `resinous` |
//! | `tool.diameter_mm` (default 6), `flute_length_mm`, `stick_out_mm` | `tool_d`, `tool_flute_length_mm`, `tool_stickout_mm` |
//! | `params.doc_mm` (default 2), `woc_percent` (default 50) / 100 | `stepdown`, `stepover` |
//! | `params.feed_rate_mm_min` (default 1000), half of it | `feed_xy`, `feed_z` |
//! | `params.coolant`, `feed_override_percent` | `coolant`, `feed_override_percent` |
//! | — | `safe_z` 5 mm, rapid 3000 mm/min |
//!
//! Keys of the published schema that no rule reads (`name`, `description`, `material.name`, `material.type`,
//! `tool.id`, `tool.name`, `tool.type`, `tool.flutes`, `geometry.inner_diameter_mm`, `outer_diameter_mm`)
//! are accepted and not mapped: hardness comes from `material.hardness` or the catalog `id`, never from the
//! descriptive `material.type`. Any other key is refused (a misspelt `doc_mm` must not silently take its
//! default). Client feasibility keys are dropped wherever they are (invariant S1) and the report says so.

use std::borrow::Cow;

use super::document::Scenario;
use crate::catalog::{self, Hardness};
use crate::feasibility::classic::ClassicInput;
use crate::feasibility::report::Estimates;

const DEFAULT_SIDE_MM: f64 = 50.0;
const DEFAULT_DEPTH_MM: f64 = 10.0;
const DEFAULT_TOOL_D_MM: f64 = 6.0;
const DEFAULT_DOC_MM: f64 = 2.0;
const DEFAULT_WOC_PERCENT: f64 = 50.0;
const DEFAULT_FEED_MM_MIN: f64 = 1000.0;
const SAFE_Z_MM: f64 = 5.0;
const RAPID_MM_MIN: f64 = 3000.0;
const CLOSED_TYPES: [&str; 5] = [
    "pocket",
    "pocket_with_island",
    "multi_pocket",
    "rosette_pocket",
    "slot",
];
const NAMED_TYPES: [&str; 6] = [
    "pocket",
    "pocket_with_island",
    "multi_pocket",
    "rosette_pocket",
    "slot",
    "profile",
];
const COMPLEX_ISLANDS: [&str; 3] = ["L-shape", "T-shape", "complex"];

/// The classic input and the estimates of a scenario (see the module table).
pub(super) fn map(mut s: Scenario<'_>) -> (ClassicInput, Estimates) {
    let strategy = strategy(std::mem::take(&mut s.geometry.kind.0));
    let g = &s.geometry;
    let depth = g.depth_mm.unwrap_or(DEFAULT_DEPTH_MM);
    let multi = strategy == "multi_pocket";
    let loops = if multi {
        g.pockets
            .as_ref()
            .map_or(0, |p| i64::try_from(p.len()).unwrap_or(i64::MAX))
    } else {
        1
    };
    let island_side = g.island.as_ref().and_then(|i| match (i.width_mm, i.length_mm) {
        (Some(w), Some(l)) => Some(w.min(l)),
        (w, l) => w.or(l),
    });
    let smallest = match (g.wall_thickness_mm, island_side) {
        (Some(w), Some(i)) => Some(w.min(i)),
        (w, i) => w.or(i),
    };
    let complex_island = g
        .island
        .as_ref()
        .and_then(|i| i.kind.as_ref())
        .map(|k| k.0.as_ref())
        .is_some_and(|k| COMPLEX_ISLANDS.iter().any(|c| c.eq_ignore_ascii_case(k)));
    let complex = complex_island || (multi && g.island.is_some());

    let catalog_material = s
        .material
        .as_ref()
        .and_then(|m| m.id.as_ref())
        .and_then(|id| catalog::material(&id.0));
    let (hardness, resinous, thickness) = match &s.material {
        Some(m) if m.id.is_some() => (
            match &m.hardness {
                Some(h) => Hardness::from_scenario(&h.0),
                None => catalog_material.map_or(Hardness::Unknown, |c| c.hardness),
            },
            m.resinous
                .unwrap_or_else(|| catalog_material.is_some_and(|c| c.resinous)),
            m.thickness_mm,
        ),
        Some(m) => (Hardness::Unknown, m.resinous.unwrap_or(false), m.thickness_mm),
        None => (Hardness::Unknown, false, None),
    };

    let p = &s.params;
    let feed = p.feed_rate_mm_min.unwrap_or(DEFAULT_FEED_MM_MIN);
    let input = ClassicInput {
        tool_d: s.tool.diameter_mm.unwrap_or(DEFAULT_TOOL_D_MM),
        stepover: p.woc_percent.unwrap_or(DEFAULT_WOC_PERCENT) / 100.0,
        stepdown: p.doc_mm.unwrap_or(DEFAULT_DOC_MM),
        z_rough: -depth.abs(),
        feed_xy: feed,
        feed_z: feed / 2.0,
        safe_z: SAFE_Z_MM,
        has_closed_paths: Some(CLOSED_TYPES.contains(&strategy.as_ref())),
        strategy,
        loop_count: Some(loops),
        smallest_feature_mm: smallest,
        hardness,
        material_thickness_mm: thickness,
        resinous,
        geometry_width_mm: g.width_mm,
        geometry_length_mm: g.length_mm,
        geometry_depth_mm: Some(depth),
        wall_thickness_mm: g.wall_thickness_mm,
        tool_flute_length_mm: s.tool.flute_length_mm,
        tool_stickout_mm: s.tool.stick_out_mm,
        coolant: p.coolant.unwrap_or(false),
        floor_thickness_mm: g.floor_thickness_mm,
        geometry_complex: complex,
        feed_override_percent: p.feed_override_percent,
    };
    let island_area = g
        .island
        .as_ref()
        .map_or(0.0, |i| i.width_mm.unwrap_or(0.0) * i.length_mm.unwrap_or(0.0));
    let area = g.width_mm.unwrap_or(DEFAULT_SIDE_MM) * g.length_mm.unwrap_or(DEFAULT_SIDE_MM) - island_area;
    let estimates = estimate(&input, area, loops.max(1) as f64);
    (input, estimates)
}

/// The strategy name: a static one for the types the schema names (no copy), else the text's.
fn strategy(kind: Cow<'_, str>) -> Cow<'static, str> {
    match NAMED_TYPES.iter().find(|t| **t == kind) {
        Some(t) => Cow::Borrowed(*t),
        None => Cow::Owned(kind.into_owned()),
    }
}

/// Pocket clearing of `area` mm² per loop: ⌈depth / stepdown⌉ passes of area / (stepover × d) mm at the
/// feed, the depth plunged at the plunge feed, one approach and retract at 3000 mm/min. Zero when the
/// parameters cannot cut (a zero or negative tool, step or feed: the F-rules say why).
fn estimate(c: &ClassicInput, area: f64, loops: f64) -> Estimates {
    let depth = c.z_rough.abs();
    if c.tool_d <= 0.0 || c.stepover <= 0.0 || c.stepdown <= 0.0 || c.feed_xy <= 0.0 || area <= 0.0 {
        return Estimates::default();
    }
    let passes = (depth / c.stepdown).ceil().max(1.0);
    let length = area / (c.stepover * c.tool_d);
    let minutes =
        loops * (passes * length / c.feed_xy + depth / c.feed_z + (2.0 * c.safe_z + depth) / RAPID_MM_MIN);
    let finite = |v: f64| if v.is_finite() { v } else { f64::MAX };
    Estimates {
        cycle_time_s: finite(minutes * 60.0),
        material_removed_mm3: finite(loops * area * depth),
    }
}
