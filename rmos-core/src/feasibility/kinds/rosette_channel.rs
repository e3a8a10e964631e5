//! `rosette_channel`: ring channels split the annulus into `2·rings − 1` equal bands; walls between the
//! rings and towards the soundhole.

use std::f64::consts::PI;

use super::OperationGeometry;
use crate::feasibility::estimates::Pace;
use crate::feasibility::feature::{Feature, Fit, Rect};
use crate::feasibility::physics::{lutherie, Ctx};
use crate::feasibility::report::Finding;
use crate::job::{CircleCut, CircleSide, Operation, RosetteChannel};

/// Width of one ring channel of a rosette: the annulus splits into `2·rings − 1` bands of equal width,
/// channels alternating with the walls left between them (one ring: the whole annulus is the channel).
fn rosette_band(inner_diameter: f64, outer_diameter: f64, rings: u32) -> f64 {
    (outer_diameter - inner_diameter) / 2.0 / f64::from(rings.saturating_mul(2).saturating_sub(1).max(1))
}

/// The spruce left between a rosette's inner wall and the nearest soundhole: an inside circle cut of the
/// same job whose centre lies within the rosette's inner circle. Returns the wall (negative when the hole
/// cuts into the channel) and the soundhole's operation index.
fn soundhole_wall(operations: &[Operation], center: [f64; 2], inner_radius: f64) -> Option<(f64, usize)> {
    operations
        .iter()
        .enumerate()
        .filter_map(|(i, op)| match op {
            Operation::CircleCut(CircleCut {
                center_mm,
                diameter_mm,
                side: CircleSide::Inside,
                ..
            }) => {
                let offset = (center_mm[0] - center[0]).hypot(center_mm[1] - center[1]);
                (offset < inner_radius).then_some((inner_radius - (diameter_mm / 2.0 + offset), i))
            }
            _ => None,
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
}

impl RosetteChannel {
    fn band(&self) -> f64 {
        rosette_band(self.inner_diameter_mm, self.outer_diameter_mm, self.rings)
    }
}

impl OperationGeometry for RosetteChannel {
    fn feature(&self, tool_d: f64) -> Feature {
        let band = self.band();
        let (ri, ro) = (self.inner_diameter_mm / 2.0, self.outer_diameter_mm / 2.0);
        let reach = ro.max(ro - band + tool_d);
        Feature {
            strategy: "rosette_pocket",
            width: Some(band),
            length: Some(PI * (ri + ro)),
            smallest: Some(band),
            loop_count: i64::from(self.rings),
            closed: Some(true),
            swept: Rect::around(self.center_mm, [reach, reach]),
            fit: Some(Fit {
                width: band,
                what: "ring channel",
            }),
            clearing_width: Some(band),
            milling: true,
            on_stock: true,
        }
    }

    /// The thinnest wall the channel leaves: between its rings (when there are several) and towards the
    /// soundhole.
    fn wall_mm(&self, operations: &[Operation]) -> Option<f64> {
        let between = (self.rings > 1).then(|| self.band());
        let hole = soundhole_wall(operations, self.center_mm, self.inner_diameter_mm / 2.0).map(|(w, _)| w);
        match (between, hole) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Each ring: its middle circumference × the loops that clear its width.
    fn estimate(&self, pace: &Pace<'_>) -> (f64, f64) {
        let band = self.band();
        let cut = band.max(pace.tool_d);
        let (mut minutes, mut area) = (0.0, 0.0);
        for k in 0..self.rings {
            let inner = self.inner_diameter_mm / 2.0 + 2.0 * f64::from(k) * band;
            let middle = inner + band / 2.0;
            minutes += pace.per_loop(2.0 * PI * middle * pace.clearing_loops(band));
            area += 2.0 * PI * (inner + cut / 2.0) * cut;
        }
        (minutes, area * pace.depth)
    }

    /// `CHANNEL_WALL_THIN` between the rings, then towards the soundhole.
    fn push_checks(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let rings = self.rings;
        if rings > 1 {
            lutherie::channel_wall(ctx, self.band(), &format!("between the {rings} rings"), out);
        }
        let ops = &ctx.job.operations;
        if let Some((wall, hole)) = soundhole_wall(ops, self.center_mm, self.inner_diameter_mm / 2.0) {
            lutherie::channel_wall(ctx, wall, &format!("to the soundhole (operation {hole})"), out);
        }
    }
}
