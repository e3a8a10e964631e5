//! How a job operation becomes the classic rules' input.
//!
//! | field | from |
//! |---|---|
//! | `tool_d`, `tool_flute_length_mm`, `tool_stickout_mm` | `tool.diameter_mm`, `tool.flute_length_mm`, `tool.stickout_mm` |
//! | `stepover`, `stepdown`, `safe_z`, `coolant`, `feed_override_percent` | `cutting.*` |
//! | `feed_xy`, `feed_z` | `cutting.feed_mm_min`, `cutting.plunge_mm_min` |
//! | `z_rough`, `geometry_depth_mm` | −depth, depth of the operation (`slot_depth_mm` for fret slots) |
//! | `hardness`, `resinous` | the stock material in the catalog |
//! | `material_thickness_mm` | `stock.thickness_mm` |
//! | `floor_thickness_mm` | thickness − depth when the cut stops inside the stock; absent for through cuts |
//! | `geometry_complex` | false: job operations are plain shapes without islands |
//!
//! Per operation kind:
//!
//! | op | strategy | width | length | smallest feature | loops | closed | wall |
//! |---|---|---|---|---|---|---|---|
//! | `rosette_channel` | `rosette_pocket` | one ring's width | mean circumference | ring width | rings | yes | thinnest of the walls between rings and to the soundhole |
//! | `circle_cut` inside | `profile` | diameter | — | diameter | 1 | yes | — |
//! | `circle_cut` outside | `profile` | — | — | — | 1 | yes | — |
//! | `fret_slots` | `slot` | kerf | board width | kerf | frets | — | — |
//! | `drill_pattern` | `drill` | hole diameter | — | hole diameter | holes | — | — |
//! | `rect_pocket` | `pocket` | smaller side | larger side | smaller side, or 2 × corner radius when smaller and > 0 | 1 | yes | — |
//! | `contour_profile` | `profile` | — | — | — | 1 | yes | — |
//!
//! A rosette's rings split its annulus into `2·rings − 1` equal bands: ring channels alternating with the
//! walls between them.

use std::borrow::Cow;

use super::classic::ClassicInput;
use super::feature::Feature;
use super::kinds::{feature, wall_mm};
use crate::catalog::Hardness;
use crate::job::{Job, Operation};

impl ClassicInput {
    /// The classic input for operation `op` of `job` (see the module table for the mapping). A material
    /// missing from the catalog maps to [`Hardness::Unknown`].
    ///
    /// ```
    /// use rmos_core::{catalog::Hardness, feasibility::ClassicInput, job::Job};
    /// let job = Job::from_json(include_str!("../../../examples/jobs/guitar_top.json")).unwrap();
    /// let input = ClassicInput::from_operation(&job, &job.operations[0]);
    /// assert_eq!(input.strategy, "rosette_pocket");
    /// assert_eq!(input.z_rough, -0.9);
    /// assert_eq!(input.hardness, Hardness::Soft);
    /// ```
    pub fn from_operation(job: &Job, op: &Operation) -> Self {
        Self::from_feature(job, op, &feature(op, job.tool.diameter_mm))
    }

    /// [`ClassicInput::from_operation`] with the operation's geometry already worked out.
    pub(crate) fn from_feature(job: &Job, op: &Operation, geometry: &Feature) -> Self {
        let (tool, cutting) = (&job.tool, &job.cutting);
        let material = job.material();
        let depth = op.depth_mm();
        let thickness = job.stock.thickness_mm;
        Self {
            tool_d: tool.diameter_mm,
            stepover: cutting.stepover,
            stepdown: cutting.stepdown_mm,
            z_rough: -depth,
            feed_xy: cutting.feed_mm_min,
            feed_z: cutting.plunge_mm_min,
            safe_z: cutting.safe_z_mm,
            strategy: Cow::Borrowed(geometry.strategy),
            has_closed_paths: geometry.closed,
            loop_count: Some(geometry.loop_count),
            smallest_feature_mm: geometry.smallest,
            hardness: material.map_or(Hardness::Unknown, |m| m.hardness),
            material_thickness_mm: Some(thickness),
            resinous: material.is_some_and(|m| m.resinous),
            geometry_width_mm: geometry.width,
            geometry_length_mm: geometry.length,
            geometry_depth_mm: Some(depth),
            wall_thickness_mm: wall_mm(op, &job.operations),
            tool_flute_length_mm: Some(tool.flute_length_mm),
            tool_stickout_mm: Some(tool.stickout_mm),
            coolant: cutting.coolant,
            floor_thickness_mm: (depth < thickness).then_some(thickness - depth),
            geometry_complex: false,
            feed_override_percent: cutting.feed_override_percent,
        }
    }
}
