//! The classic rules' input: the per-operation fields of the original RMOS, by their names there.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

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

    pub(super) fn is_slot(&self) -> bool {
        self.strategy == "slot"
    }
}
