//! Thresholds of the physics pack. They live in the policy and enter its hash.
//!
//! Each physics rule has a YELLOW band and a RED band; the fields below set them. The classic F-rules keep
//! their fixed limits (they are the compatibility pack) and take nothing from here.

use serde::{Deserialize, Serialize};

/// Limits the physics rules hold a job against. Defaults are documented on each field.
///
/// Missing fields take their defaults, unknown ones are refused:
///
/// ```
/// use rmos_core::feasibility::Thresholds;
/// let t: Thresholds = serde_json::from_str(r#"{"deflection_red_mm": 0.1}"#).unwrap();
/// assert_eq!(t.deflection_red_mm, 0.1);
/// assert_eq!(t.deflection_yellow_mm, 0.05);
/// assert!(serde_json::from_str::<Thresholds>(r#"{"deflection": 1}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Largest tool deflection before `DEFLECTION_HIGH` (YELLOW), mm. Default 0.05.
    pub deflection_yellow_mm: f64,
    /// Largest tool deflection before `DEFLECTION_HIGH` is RED, mm. Default 0.15.
    pub deflection_red_mm: f64,
    /// Diameter of the fluted core as a fraction of the tool diameter, used for the second moment of area
    /// in the deflection rule. Default 0.8 (a two-flute cutter bends like a solid rod of about 0.8 × d).
    pub deflection_core_ratio: f64,
    /// Lowest chipload per mm of tool diameter for a material with chipload multiplier 1.0, mm/tooth.
    /// Below it (times the material's multiplier) `CHIPLOAD_LOW` is YELLOW. Default 0.010.
    pub chipload_min_per_mm: f64,
    /// Highest chipload per mm of tool diameter for a material with chipload multiplier 1.0, mm/tooth.
    /// Above it (times the material's multiplier) `CHIPLOAD_HIGH` is YELLOW. Default 0.050.
    pub chipload_max_per_mm: f64,
    /// `CHIPLOAD_LOW` is RED below this fraction of the lowest chipload (heavy rubbing, burning). Default 0.5.
    pub chipload_low_red_fraction: f64,
    /// `CHIPLOAD_HIGH` is RED above this multiple of the highest chipload (tool breakage). Default 1.5.
    pub chipload_high_red_factor: f64,
    /// `SURFACE_SPEED_HIGH` is YELLOW above the tool material's limit and RED above this multiple of it.
    /// Default 1.25.
    pub surface_speed_red_factor: f64,
    /// `FEED_LIMIT` and `PLUNGE_LIMIT` are YELLOW above this fraction of the machine's maximum, RED above the
    /// maximum itself. Default 0.9.
    pub machine_feed_yellow_fraction: f64,
    /// `FLUTE_LENGTH` is YELLOW when the depth is over this fraction of the flute length (chips cannot clear),
    /// RED when it is over the flute length. Default 0.9.
    pub flute_length_yellow_fraction: f64,
    /// `DEPTH_PER_PASS` is YELLOW above the material's limit and RED above this multiple of it. Default 2.0.
    pub depth_per_pass_red_factor: f64,
    /// `WIDTH_OF_CUT` is YELLOW above the material's width-of-cut ratio and RED above this multiple of it.
    /// Default 2.0.
    pub width_of_cut_red_factor: f64,
    /// `KERF_MISMATCH` is YELLOW when the tool diameter and the fret slot kerf differ by more than this, mm.
    /// Default 0.01.
    pub kerf_tolerance_mm: f64,
    /// `KERF_MISMATCH` is RED when they differ by more than this, mm (a fret no longer seats). Default 0.05.
    pub kerf_red_mm: f64,
    /// `FRET_OUTSIDE_BOARD` is YELLOW when a slot's edge comes closer than this to the end of the stock in X
    /// (the slot breaks out through the end grain); RED when a slot leaves the stock. Default 2.0 mm.
    pub fret_end_margin_mm: f64,
    /// Shortest scale length before `UNUSUAL_SCALE_LENGTH` (YELLOW), mm. Default 400.
    pub scale_length_min_mm: f64,
    /// Longest scale length before `UNUSUAL_SCALE_LENGTH` (YELLOW), mm. Default 1000.
    pub scale_length_max_mm: f64,
    /// `CHANNEL_WALL_THIN` is YELLOW for a rosette wall thinner than this, mm. Default 2.0 (as F036).
    pub channel_wall_yellow_mm: f64,
    /// `CHANNEL_WALL_THIN` is RED for a rosette wall thinner than this, mm. Default 1.0 (as F028).
    pub channel_wall_red_mm: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            deflection_yellow_mm: 0.05,
            deflection_red_mm: 0.15,
            deflection_core_ratio: 0.8,
            chipload_min_per_mm: 0.010,
            chipload_max_per_mm: 0.050,
            chipload_low_red_fraction: 0.5,
            chipload_high_red_factor: 1.5,
            surface_speed_red_factor: 1.25,
            machine_feed_yellow_fraction: 0.9,
            flute_length_yellow_fraction: 0.9,
            depth_per_pass_red_factor: 2.0,
            width_of_cut_red_factor: 2.0,
            kerf_tolerance_mm: 0.01,
            kerf_red_mm: 0.05,
            fret_end_margin_mm: 2.0,
            scale_length_min_mm: 400.0,
            scale_length_max_mm: 1000.0,
            channel_wall_yellow_mm: 2.0,
            channel_wall_red_mm: 1.0,
        }
    }
}
