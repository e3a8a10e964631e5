//! Per-operation physics of the cut itself: fit, flute length, depth and width of cut, deflection.

use std::f64::consts::PI;

use super::{over, Ctx};
use crate::feasibility::feature::Feature;
use crate::feasibility::report::{num, Bucket, Finding};
use crate::job::Operation;

pub(super) fn push(ctx: &Ctx<'_>, op: &Operation, feature: &Feature, out: &mut Vec<Finding>) {
    let d = ctx.job.tool.diameter_mm;
    let depth = op.depth_mm();
    tool_too_wide(d, feature, out);
    flute_length(ctx, depth, out);
    if feature.milling {
        depth_per_pass(ctx, depth, out);
        if feature.clearing_width.is_some_and(|w| w > d) {
            width_of_cut(ctx, out);
        }
        deflection(ctx, depth, out);
    }
}

/// `TOOL_TOO_WIDE` (RED): the feature is narrower than the tool. Fret slots are held to their kerf by
/// `KERF_MISMATCH` instead.
fn tool_too_wide(d: f64, feature: &Feature, out: &mut Vec<Finding>) {
    if let Some(fit) = feature.fit.filter(|f| d > f.width) {
        out.push(Finding::new(
            "TOOL_TOO_WIDE",
            Bucket::Red,
            format!(
                "the {} mm tool is wider than the {} mm {}",
                num(d),
                num(fit.width),
                fit.what
            ),
            Some(d),
            Some(fit.width),
        ));
    }
}

/// `FLUTE_LENGTH`: YELLOW past `flute_length_yellow_fraction` of the flutes (chips cannot clear), RED past
/// the flutes (the shank rubs in the cut).
fn flute_length(ctx: &Ctx<'_>, depth: f64, out: &mut Vec<Finding>) {
    let flute = ctx.job.tool.flute_length_mm;
    if let Some((bucket, limit)) = over(depth, flute * ctx.t.flute_length_yellow_fraction, flute) {
        let why = if bucket == Bucket::Red {
            "the shank rubs in the cut"
        } else {
            "chips cannot clear"
        };
        out.push(Finding::new(
            "FLUTE_LENGTH",
            bucket,
            format!(
                "depth {} mm is over {} mm of the {} mm flute length: {why}",
                num(depth),
                num(limit),
                num(flute)
            ),
            Some(depth),
            Some(limit),
        ));
    }
}

/// `DEPTH_PER_PASS`: the depth of each pass, min(stepdown, depth), against the material's
/// min(max_doc_mm, doc_ratio × d); RED above `depth_per_pass_red_factor` × that.
fn depth_per_pass(ctx: &Ctx<'_>, depth: f64, out: &mut Vec<Finding>) {
    let (m, d) = (ctx.material, ctx.job.tool.diameter_mm);
    let ap = ctx.job.cutting.stepdown_mm.min(depth);
    let max = m.max_doc_mm.min(m.doc_ratio * d);
    if let Some((bucket, limit)) = over(ap, max, max * ctx.t.depth_per_pass_red_factor) {
        out.push(Finding::new(
            "DEPTH_PER_PASS",
            bucket,
            format!(
                "{} mm per pass is over {} mm ({} takes at most {} mm, or {} × the {} mm tool)",
                num(ap),
                num(limit),
                m.name.to_lowercase(),
                num(m.max_doc_mm),
                num(m.doc_ratio),
                num(d)
            ),
            Some(ap),
            Some(limit),
        ));
    }
}

/// `WIDTH_OF_CUT`: the stepover of clearing passes against the material's woc_ratio; RED above
/// `width_of_cut_red_factor` × that.
fn width_of_cut(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let m = ctx.material;
    let stepover = ctx.job.cutting.stepover;
    if let Some((bucket, limit)) = over(stepover, m.woc_ratio, m.woc_ratio * ctx.t.width_of_cut_red_factor) {
        out.push(Finding::new(
            "WIDTH_OF_CUT",
            bucket,
            format!(
                "stepover {} of the tool diameter is over {} ({} takes at most {})",
                num(stepover),
                num(limit),
                m.name.to_lowercase(),
                num(m.woc_ratio)
            ),
            Some(stepover),
            Some(limit),
        ));
    }
}

/// The tool's deflection as a cantilever clamped in the collet, mm, and the cutting force, N.
///
/// δ = F·L³ / (3·E·I), with L the stickout, E the tool material's Young's modulus and
/// I = π·(k·d)⁴/64 for the fluted core (k = `deflection_core_ratio`, taken over the whole stickout: the
/// weakest section governs). F = kc × fz × ap: the material's specific cutting force on the chip section of
/// one tooth at full chip thickness (the chipload fz) over the depth of the pass ap. Chip thinning at
/// partial radial engagement is ignored, which errs on the safe side.
pub(crate) fn deflection_mm(ctx: &Ctx<'_>, depth: f64) -> (f64, f64) {
    let tool = &ctx.job.tool;
    let ap = ctx.job.cutting.stepdown_mm.min(depth);
    let force = ctx.material.specific_cutting_force_n_mm2 * ctx.chipload * ap;
    let core = ctx.t.deflection_core_ratio * tool.diameter_mm;
    let inertia = PI * core.powi(4) / 64.0;
    let e = tool.tool_material.youngs_modulus_n_mm2();
    (force * tool.stickout_mm.powi(3) / (3.0 * e * inertia), force)
}

/// `DEFLECTION_HIGH`: [`deflection_mm`] against the policy's YELLOW and RED limits.
fn deflection(ctx: &Ctx<'_>, depth: f64, out: &mut Vec<Finding>) {
    let (delta, force) = deflection_mm(ctx, depth);
    let t = ctx.t;
    if let Some((bucket, limit)) = over(delta, t.deflection_yellow_mm, t.deflection_red_mm) {
        out.push(Finding::new(
            "DEFLECTION_HIGH",
            bucket,
            format!(
                "tool deflection {} mm is over {} mm (cutting force {} N on a {} mm tool at {} mm stickout)",
                num(delta),
                num(limit),
                num(force),
                num(ctx.job.tool.diameter_mm),
                num(ctx.job.tool.stickout_mm)
            ),
            Some(delta),
            Some(limit),
        ));
    }
}
