//! Per-operation placement: inside the machine's envelope, above the spoilboard, on the stock.

use super::Ctx;
use crate::feasibility::feature::{Feature, Rect};
use crate::feasibility::report::{num, Bucket, Finding};
use crate::job::Operation;

pub(super) fn push(ctx: &Ctx<'_>, op: &Operation, feature: &Feature, out: &mut Vec<Finding>) {
    let depth = op.depth_mm();
    envelope_xy(ctx, &feature.swept, out);
    envelope_z(ctx, depth, out);
    through_stock(ctx, depth, out);
    if feature.on_stock {
        off_stock(ctx, &feature.swept, out);
    }
}

/// The first side of `swept` outside `[0, size]` in X then Y, low before high: (axis, coordinate, limit).
fn first_outside(swept: &Rect, size: [f64; 2]) -> Option<(char, f64, f64)> {
    [
        ('x', swept.min[0], swept.max[0], size[0]),
        ('y', swept.min[1], swept.max[1], size[1]),
    ]
    .into_iter()
    .find_map(|(name, lo, hi, limit)| {
        if lo < 0.0 {
            Some((name, lo, 0.0))
        } else if hi > limit {
            Some((name, hi, limit))
        } else {
            None
        }
    })
}

/// `ENVELOPE` (RED): the region the cutter sweeps (features plus the tool) leaves the machine's XY travel.
fn envelope_xy(ctx: &Ctx<'_>, swept: &Rect, out: &mut Vec<Finding>) {
    let [tx, ty, _] = ctx.job.machine.travel_mm;
    if let Some((axis, at, limit)) = first_outside(swept, [tx, ty]) {
        out.push(Finding::new(
            "ENVELOPE",
            Bucket::Red,
            format!(
                "the cutter reaches {axis} = {} mm, outside the machine's {}–{} mm {axis} travel",
                num(at),
                0,
                num(if axis == 'x' { tx } else { ty })
            ),
            Some(at),
            Some(limit),
        ));
    }
}

/// `ENVELOPE` (RED): from the safe height down to the depth must fit in the Z travel.
fn envelope_z(ctx: &Ctx<'_>, depth: f64, out: &mut Vec<Finding>) {
    let span = ctx.job.cutting.safe_z_mm + depth;
    let travel = ctx.job.machine.travel_mm[2];
    if span > travel {
        out.push(Finding::new(
            "ENVELOPE",
            Bucket::Red,
            format!(
                "safe z plus depth spans {} mm, over the machine's {} mm z travel",
                num(span),
                num(travel)
            ),
            Some(span),
            Some(travel),
        ));
    }
}

/// `THROUGH_STOCK` (RED): a depth past the stock's thickness cuts the spoilboard.
fn through_stock(ctx: &Ctx<'_>, depth: f64, out: &mut Vec<Finding>) {
    let thickness = ctx.job.stock.thickness_mm;
    if depth > thickness {
        out.push(Finding::new(
            "THROUGH_STOCK",
            Bucket::Red,
            format!(
                "depth {} mm is past the {} mm stock: the cutter goes {} mm into the spoilboard",
                num(depth),
                num(thickness),
                num(depth - thickness)
            ),
            Some(depth),
            Some(thickness),
        ));
    }
}

/// `THROUGH_STOCK` in XY: YELLOW when the cutter leaves the stock (it runs where clamps and fixtures sit),
/// RED when the whole feature is off the stock (the job is misplaced: nothing of the part is cut and the
/// cutter goes to depth among the fixtures). Fret slots answer to `FRET_OUTSIDE_BOARD` instead.
fn off_stock(ctx: &Ctx<'_>, swept: &Rect, out: &mut Vec<Finding>) {
    let size = ctx.job.stock.size_mm;
    let stock = Rect {
        min: [0.0, 0.0],
        max: size,
    };
    if !swept.overlaps(&stock) {
        out.push(Finding::new(
            "THROUGH_STOCK",
            Bucket::Red,
            format!(
                "the feature lies entirely off the {} × {} mm stock",
                num(size[0]),
                num(size[1])
            ),
            None,
            None,
        ));
    } else if let Some((axis, at, limit)) = first_outside(swept, size) {
        out.push(Finding::new(
            "THROUGH_STOCK",
            Bucket::Yellow,
            format!(
                "the cutter reaches {axis} = {} mm, off the stock's 0–{} mm: clamps and fixtures sit there",
                num(at),
                num(if axis == 'x' { size[0] } else { size[1] })
            ),
            Some(at),
            Some(limit),
        ));
    }
}
