//! Job-level physics: the spindle, feeds, chipload and surface speed, and the safe height.

use std::f64::consts::PI;

use super::{over, under, Ctx};
use crate::feasibility::report::{num, Bucket, Finding};

pub(super) fn push(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    spindle(ctx, out);
    machine_feed(
        ctx,
        out,
        "FEED_LIMIT",
        "feed",
        ctx.feed,
        ctx.job.machine.max_feed_mm_min,
    );
    machine_feed(
        ctx,
        out,
        "PLUNGE_LIMIT",
        "plunge feed",
        ctx.plunge,
        ctx.job.machine.max_plunge_mm_min,
    );
    chipload(ctx, out);
    surface_speed(ctx, out);
    safe_z(ctx, out);
}

/// `SPINDLE_RANGE`: RED outside the machine's range, YELLOW outside the material's.
fn spindle(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let rpm = ctx.job.cutting.rpm;
    let [lo, hi] = ctx.job.machine.spindle_rpm;
    let mut range = |bucket: Bucket, lo: f64, hi: f64, whose: &dyn Fn() -> String| {
        let limit = if rpm < lo {
            lo
        } else if rpm > hi {
            hi
        } else {
            return;
        };
        out.push(Finding::new(
            "SPINDLE_RANGE",
            bucket,
            format!(
                "spindle {} rpm is outside {} {}–{} rpm",
                num(rpm),
                whose(),
                num(lo),
                num(hi)
            ),
            Some(rpm),
            Some(limit),
        ));
    };
    range(Bucket::Red, lo, hi, &|| "the machine's".to_owned());
    let (mlo, mhi) = ctx.material.rpm_range;
    range(Bucket::Yellow, mlo, mhi, &|| {
        format!(
            "the range that cuts {} cleanly,",
            ctx.material.name.to_lowercase()
        )
    });
}

/// `FEED_LIMIT` / `PLUNGE_LIMIT`: YELLOW above a fraction of the machine's maximum, RED above it.
fn machine_feed(ctx: &Ctx<'_>, out: &mut Vec<Finding>, code: &str, what: &str, feed: f64, max: f64) {
    let yellow = max * ctx.t.machine_feed_yellow_fraction;
    if let Some((bucket, limit)) = over(feed, yellow, max) {
        let message = if bucket == Bucket::Red {
            format!(
                "{what} {} mm/min is over the machine's {} mm/min maximum",
                num(feed),
                num(max)
            )
        } else {
            format!(
                "{what} {} mm/min is over {} % of the machine's {} mm/min maximum",
                num(feed),
                num(ctx.t.machine_feed_yellow_fraction * 100.0),
                num(max)
            )
        };
        out.push(Finding::new(code, bucket, message, Some(feed), Some(limit)));
    }
}

/// `CHIPLOAD_LOW` / `CHIPLOAD_HIGH`: feed / (rpm × flutes) against the material's range for the tool
/// diameter, `[min, max] = [chipload_min_per_mm, chipload_max_per_mm] × d × chipload_multiplier`.
fn chipload(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let (tool, c, m, t) = (&ctx.job.tool, &ctx.job.cutting, ctx.material, ctx.t);
    let scale = tool.diameter_mm * m.chipload_multiplier;
    let (min, max) = (t.chipload_min_per_mm * scale, t.chipload_max_per_mm * scale);
    let chip = ctx.chipload;
    let how = || {
        format!(
            "chipload {} mm/tooth ({} mm/min / ({} rpm × {} flutes))",
            num(chip),
            num(ctx.feed),
            num(c.rpm),
            tool.flutes
        )
    };
    let tool_in = || {
        format!(
            "{} with a {} mm tool",
            m.name.to_lowercase(),
            num(tool.diameter_mm)
        )
    };
    if let Some((bucket, limit)) = under(chip, min, min * t.chipload_low_red_fraction) {
        out.push(Finding::new(
            "CHIPLOAD_LOW",
            bucket,
            format!(
                "{} is under {} mm/tooth, the least {} takes: the tool rubs and burns",
                how(),
                num(limit),
                tool_in()
            ),
            Some(chip),
            Some(limit),
        ));
    }
    if let Some((bucket, limit)) = over(chip, max, max * t.chipload_high_red_factor) {
        out.push(Finding::new(
            "CHIPLOAD_HIGH",
            bucket,
            format!(
                "{} is over {} mm/tooth (the most {} takes is {} mm/tooth): tear-out and tool breakage",
                how(),
                num(limit),
                tool_in(),
                num(max)
            ),
            Some(chip),
            Some(limit),
        ));
    }
}

/// `SURFACE_SPEED_HIGH`: π × d × rpm against the tool material's limit.
fn surface_speed(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let tool = &ctx.job.tool;
    let speed = PI * tool.diameter_mm * ctx.job.cutting.rpm / 1000.0;
    let max = tool.tool_material.max_surface_speed_m_min();
    if let Some((bucket, limit)) = over(speed, max, max * ctx.t.surface_speed_red_factor) {
        out.push(Finding::new(
            "SURFACE_SPEED_HIGH",
            bucket,
            format!(
                "surface speed {} m/min (π × {} mm × {} rpm) is over {} m/min (the tool material's limit is {} m/min)",
                num(speed),
                num(tool.diameter_mm),
                num(ctx.job.cutting.rpm),
                num(limit),
                num(max)
            ),
            Some(speed),
            Some(limit),
        ));
    }
}

/// `ENVELOPE`: the safe height must lie within the Z travel.
fn safe_z(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let z = ctx.job.cutting.safe_z_mm;
    let travel = ctx.job.machine.travel_mm[2];
    if z > travel {
        out.push(Finding::new(
            "ENVELOPE",
            Bucket::Red,
            format!(
                "safe z {} mm is beyond the machine's {} mm z travel",
                num(z),
                num(travel)
            ),
            Some(z),
            Some(travel),
        ));
    }
}
