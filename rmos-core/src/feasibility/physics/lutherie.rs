//! Lutherie checks: fret slots (kerf, positions, scale length) and rosette channel walls. The kinds they
//! belong to call them (`kinds/fret_slots.rs`, `kinds/rosette_channel.rs`) with their own figures.

use super::{over, under, Ctx};
use crate::feasibility::report::{num, Bucket, Finding};
use crate::job::fret_position_mm;

/// `KERF_MISMATCH`: the slot is as wide as the tool, so the tool must be the kerf asked for.
pub(crate) fn kerf(ctx: &Ctx<'_>, kerf: f64, out: &mut Vec<Finding>) {
    let d = ctx.job.tool.diameter_mm;
    let gap = (d - kerf).abs();
    if let Some((bucket, limit)) = over(gap, ctx.t.kerf_tolerance_mm, ctx.t.kerf_red_mm) {
        let effect = if d > kerf {
            "slots too wide: frets will not hold"
        } else {
            "slots too narrow: frets will not seat"
        };
        out.push(Finding::new(
            "KERF_MISMATCH",
            bucket,
            format!(
                "the {} mm tool cuts a slot {} mm off the {} mm kerf asked for, over {} mm: {effect}",
                num(d),
                num(gap),
                num(kerf),
                num(limit)
            ),
            Some(gap),
            Some(limit),
        ));
    }
}

/// `FRET_OUTSIDE_BOARD`: RED when a slot (with the tool's half width) leaves the stock in X, or the board's
/// width runs off the stock in Y; YELLOW when the first or last slot comes within `fret_end_margin_mm` of
/// the stock's end (it breaks out through the end grain).
pub(crate) fn fret_positions(
    ctx: &Ctx<'_>,
    scale: f64,
    frets: u32,
    nut: [f64; 2],
    board_width: f64,
    out: &mut Vec<Finding>,
) {
    let [sx, sy] = ctx.job.stock.size_mm;
    let r = ctx.job.tool.diameter_mm / 2.0;
    let edges = |n: u32| {
        let x = nut[0] + fret_position_mm(scale, n);
        (x - r, x + r)
    };
    let off: Vec<u32> = (1..=frets)
        .filter(|n| {
            let (lo, hi) = edges(*n);
            lo < 0.0 || hi > sx
        })
        .collect();
    if let Some(&first) = off.first() {
        let (lo, hi) = edges(first);
        let (at, limit) = if lo < 0.0 { (lo, 0.0) } else { (hi, sx) };
        out.push(Finding::new(
            "FRET_OUTSIDE_BOARD",
            Bucket::Red,
            format!(
                "{} of {frets} fret slots fall off the stock's 0–{} mm in x (fret {first} reaches x = {} mm)",
                off.len(),
                num(sx),
                num(at)
            ),
            Some(at),
            Some(limit),
        ));
    } else {
        let margin = ctx.t.fret_end_margin_mm;
        let (first_lo, _) = edges(1);
        let (_, last_hi) = edges(frets);
        let (gap, which) = if first_lo <= sx - last_hi {
            (first_lo, "first")
        } else {
            (sx - last_hi, "last")
        };
        if gap < margin {
            out.push(Finding::new(
                "FRET_OUTSIDE_BOARD",
                Bucket::Yellow,
                format!(
                    "the {which} fret slot comes {} mm from the end of the stock, under {} mm: it breaks out through the end grain",
                    num(gap),
                    num(margin)
                ),
                Some(gap),
                Some(margin),
            ));
        }
    }
    let half = board_width / 2.0;
    let (lo, hi) = (nut[1] - half, nut[1] + half);
    if lo < 0.0 || hi > sy {
        let (at, limit) = if lo < 0.0 { (lo, 0.0) } else { (hi, sy) };
        out.push(Finding::new(
            "FRET_OUTSIDE_BOARD",
            Bucket::Red,
            format!(
                "the {} mm board runs from y = {} to {} mm, off the stock's 0–{} mm",
                num(board_width),
                num(lo),
                num(hi),
                num(sy)
            ),
            Some(at),
            Some(limit),
        ));
    }
}

/// `UNUSUAL_SCALE_LENGTH` (YELLOW): a scale length outside the usual range of fretted instruments.
pub(crate) fn scale_length(ctx: &Ctx<'_>, scale: f64, out: &mut Vec<Finding>) {
    let (min, max) = (ctx.t.scale_length_min_mm, ctx.t.scale_length_max_mm);
    let limit = if scale < min {
        min
    } else if scale > max {
        max
    } else {
        return;
    };
    out.push(Finding::new(
        "UNUSUAL_SCALE_LENGTH",
        Bucket::Yellow,
        format!(
            "scale length {} mm is outside the usual {}–{} mm",
            num(scale),
            num(min),
            num(max)
        ),
        Some(scale),
        Some(limit),
    ));
}

/// `CHANNEL_WALL_THIN`: a rosette wall under the policy's YELLOW or RED thickness.
pub(crate) fn channel_wall(ctx: &Ctx<'_>, wall: f64, which: &str, out: &mut Vec<Finding>) {
    let t = ctx.t;
    if let Some((bucket, limit)) = under(wall, t.channel_wall_yellow_mm, t.channel_wall_red_mm) {
        out.push(Finding::new(
            "CHANNEL_WALL_THIN",
            bucket,
            format!("the wall {which} is {} mm, under {} mm", num(wall), num(limit)),
            Some(wall),
            Some(limit),
        ));
    }
}
