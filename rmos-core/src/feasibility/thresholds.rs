//! Thresholds of the physics pack. They live in the policy and enter its hash.

use serde::{Deserialize, Serialize};

/// Limits the physics rules hold a job against. Defaults are documented on each field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Largest tool deflection before `DEFLECTION_HIGH` (YELLOW), mm. Default 0.05.
    pub deflection_yellow_mm: f64,
    /// Largest tool deflection before `DEFLECTION_HIGH` is RED, mm. Default 0.15.
    pub deflection_red_mm: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            deflection_yellow_mm: 0.05,
            deflection_red_mm: 0.15,
        }
    }
}
