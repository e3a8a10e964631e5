//! Cutter shapes: the height of a tool's lower surface above its tip, as a function of the distance from
//! its axis.

use serde::Serialize;

use super::SimError;

/// Largest cutter diameter the simulation takes, mm (a fly cutter is a few hundred).
pub const MAX_DIAMETER_MM: f64 = 1000.0;

/// The shape of a cutter's lower end, in mm.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cutter {
    /// A flat end mill: its lower surface is a disc of `diameter_mm` at the tip.
    Flat {
        /// Cutting diameter.
        diameter_mm: f64,
    },
    /// A ball end mill: a hemisphere of radius `diameter_mm / 2` whose lowest point is the tip.
    Ball {
        /// Cutting diameter.
        diameter_mm: f64,
    },
    /// A V-bit (cone): the tip is a point, the flanks rise at half the included angle from the axis, up
    /// to `diameter_mm` across.
    Vee {
        /// Largest cutting diameter.
        diameter_mm: f64,
        /// Included angle between the flanks, degrees (0 < angle < 180).
        included_angle_deg: f64,
    },
}

impl Cutter {
    /// The cutting diameter, mm.
    pub fn diameter_mm(&self) -> f64 {
        match *self {
            Self::Flat { diameter_mm } | Self::Ball { diameter_mm } | Self::Vee { diameter_mm, .. } => {
                diameter_mm
            }
        }
    }

    /// The cutting radius, mm.
    pub fn radius_mm(&self) -> f64 {
        self.diameter_mm() / 2.0
    }

    /// Fails on a diameter that is not positive and at most [`MAX_DIAMETER_MM`], or a V angle outside
    /// (0, 180) degrees.
    pub fn validate(&self) -> Result<(), SimError> {
        let d = self.diameter_mm();
        if !(d > 0.0 && d <= MAX_DIAMETER_MM) {
            return Err(SimError::Invalid {
                field: "cutter.diameter_mm".into(),
                value: d,
            });
        }
        if let Self::Vee {
            included_angle_deg: a,
            ..
        } = *self
        {
            if !(a.is_finite() && a > 0.0 && a < 180.0) {
                return Err(SimError::Invalid {
                    field: "cutter.included_angle_deg".into(),
                    value: a,
                });
            }
        }
        Ok(())
    }

    /// Height of the lower surface above the tip at `r` mm from the axis (`0 <= r <= radius`).
    ///
    /// ```
    /// use rmos_core::simulation::Cutter;
    /// assert_eq!(Cutter::Flat { diameter_mm: 6.0 }.profile_mm(2.0), 0.0);
    /// assert_eq!(Cutter::Ball { diameter_mm: 10.0 }.profile_mm(3.0), 1.0);
    /// let v = Cutter::Vee { diameter_mm: 10.0, included_angle_deg: 90.0 };
    /// assert!((v.profile_mm(2.0) - 2.0).abs() < 1e-12);
    /// ```
    pub fn profile_mm(&self, r: f64) -> f64 {
        match *self {
            Self::Flat { .. } => 0.0,
            Self::Ball { diameter_mm } => {
                let radius = diameter_mm / 2.0;
                radius - (radius * radius - r * r).max(0.0).sqrt()
            }
            Self::Vee {
                included_angle_deg, ..
            } => r / (included_angle_deg.to_radians() / 2.0).tan(),
        }
    }

    /// True for a flat end mill, whose surface is level and whose sweep the simulation fills by spans.
    pub(crate) fn is_flat(&self) -> bool {
        matches!(self, Self::Flat { .. })
    }
}
