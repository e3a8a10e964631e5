//! Policy coherence, checked when a policy is adopted into a signed ledger: a policy that could never be
//! meant (a negative or non-finite threshold, a YELLOW limit beyond its RED one, RED overrides with a reason
//! shorter than 10 characters) is refused with the field it breaks.

use crate::feasibility::Thresholds;
use crate::gates::{InvalidPolicy, Policy};

/// Shortest override reason a policy that enables RED overrides may ask for, characters.
pub const MIN_RED_REASON_CHARS: usize = 10;

/// Checks that `policy` can be adopted.
///
/// # Errors
/// [`InvalidPolicy`] naming the first failing field (`thresholds.kerf_red_mm`,
/// `min_override_reason_chars`, ...).
///
/// ```
/// use rmos_core::authority::check_policy;
/// use rmos_core::gates::Policy;
/// assert!(check_policy(&Policy::default()).is_ok());
/// let mut loose = Policy::default();
/// loose.allow_red_override = true;
/// loose.min_override_reason_chars = 0;
/// assert_eq!(check_policy(&loose).unwrap_err().path, "min_override_reason_chars");
/// loose.min_override_reason_chars = 10;
/// loose.thresholds.deflection_yellow_mm = f64::NAN;
/// assert_eq!(check_policy(&loose).unwrap_err().path, "thresholds.deflection_yellow_mm");
/// ```
pub fn check_policy(policy: &Policy) -> Result<(), InvalidPolicy> {
    let t = &policy.thresholds;
    for (name, value) in values(t) {
        if !value.is_finite() {
            return Err(bad(name, format!("{value} is not a finite number")));
        }
        if value < 0.0 {
            return Err(bad(name, format!("{value} is negative")));
        }
    }
    // (field, its value, the bound, the bound's name, whether the field must be at most the bound).
    let order: [(&str, f64, f64, &str, bool); 12] = [
        (
            "deflection_yellow_mm",
            t.deflection_yellow_mm,
            t.deflection_red_mm,
            "deflection_red_mm",
            true,
        ),
        (
            "kerf_tolerance_mm",
            t.kerf_tolerance_mm,
            t.kerf_red_mm,
            "kerf_red_mm",
            true,
        ),
        (
            "channel_wall_red_mm",
            t.channel_wall_red_mm,
            t.channel_wall_yellow_mm,
            "channel_wall_yellow_mm",
            true,
        ),
        (
            "chipload_min_per_mm",
            t.chipload_min_per_mm,
            t.chipload_max_per_mm,
            "chipload_max_per_mm",
            true,
        ),
        (
            "scale_length_min_mm",
            t.scale_length_min_mm,
            t.scale_length_max_mm,
            "scale_length_max_mm",
            true,
        ),
        (
            "chipload_low_red_fraction",
            t.chipload_low_red_fraction,
            1.0,
            "1",
            true,
        ),
        (
            "machine_feed_yellow_fraction",
            t.machine_feed_yellow_fraction,
            1.0,
            "1",
            true,
        ),
        (
            "flute_length_yellow_fraction",
            t.flute_length_yellow_fraction,
            1.0,
            "1",
            true,
        ),
        (
            "chipload_high_red_factor",
            t.chipload_high_red_factor,
            1.0,
            "1",
            false,
        ),
        (
            "surface_speed_red_factor",
            t.surface_speed_red_factor,
            1.0,
            "1",
            false,
        ),
        (
            "depth_per_pass_red_factor",
            t.depth_per_pass_red_factor,
            1.0,
            "1",
            false,
        ),
        (
            "width_of_cut_red_factor",
            t.width_of_cut_red_factor,
            1.0,
            "1",
            false,
        ),
    ];
    for (name, value, bound, bound_name, at_most) in order {
        if at_most && value > bound {
            return Err(bad(
                name,
                format!(
                    "{value} is above {bound_name} ({bound}): the YELLOW limit must come before the RED one"
                ),
            ));
        }
        if !at_most && value < bound {
            return Err(bad(
                name,
                format!("{value} is below 1: a RED factor must lie beyond the YELLOW limit"),
            ));
        }
    }
    if policy.allow_red_override && policy.min_override_reason_chars < MIN_RED_REASON_CHARS {
        return Err(InvalidPolicy {
            path: "min_override_reason_chars".into(),
            reason: format!(
                "{} characters; a policy that enables RED overrides asks for at least {MIN_RED_REASON_CHARS}",
                policy.min_override_reason_chars
            ),
        });
    }
    Ok(())
}

fn bad(name: &str, reason: String) -> InvalidPolicy {
    InvalidPolicy {
        path: format!("thresholds.{name}"),
        reason,
    }
}

/// Every threshold with its name.
fn values(t: &Thresholds) -> [(&'static str, f64); 19] {
    [
        ("deflection_yellow_mm", t.deflection_yellow_mm),
        ("deflection_red_mm", t.deflection_red_mm),
        ("deflection_core_ratio", t.deflection_core_ratio),
        ("chipload_min_per_mm", t.chipload_min_per_mm),
        ("chipload_max_per_mm", t.chipload_max_per_mm),
        ("chipload_low_red_fraction", t.chipload_low_red_fraction),
        ("chipload_high_red_factor", t.chipload_high_red_factor),
        ("surface_speed_red_factor", t.surface_speed_red_factor),
        ("machine_feed_yellow_fraction", t.machine_feed_yellow_fraction),
        ("flute_length_yellow_fraction", t.flute_length_yellow_fraction),
        ("depth_per_pass_red_factor", t.depth_per_pass_red_factor),
        ("width_of_cut_red_factor", t.width_of_cut_red_factor),
        ("kerf_tolerance_mm", t.kerf_tolerance_mm),
        ("kerf_red_mm", t.kerf_red_mm),
        ("fret_end_margin_mm", t.fret_end_margin_mm),
        ("scale_length_min_mm", t.scale_length_min_mm),
        ("scale_length_max_mm", t.scale_length_max_mm),
        ("channel_wall_yellow_mm", t.channel_wall_yellow_mm),
        ("channel_wall_red_mm", t.channel_wall_red_mm),
    ]
}
