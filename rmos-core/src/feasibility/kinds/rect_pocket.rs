//! `rect_pocket`: a rounded rectangle cleared with side-by-side passes.

use std::f64::consts::PI;

use super::OperationGeometry;
use crate::feasibility::estimates::Pace;
use crate::feasibility::feature::{Feature, Fit, Rect};
use crate::job::RectPocket;

impl OperationGeometry for RectPocket {
    fn feature(&self, tool_d: f64) -> Feature {
        let r = tool_d / 2.0;
        let [w, h] = self.size_mm;
        let narrow = w.min(h);
        let mut smallest = narrow;
        if self.corner_radius_mm > 0.0 {
            smallest = smallest.min(2.0 * self.corner_radius_mm);
        }
        let corner = self.corner_mm;
        let center = [corner[0] + w / 2.0, corner[1] + h / 2.0];
        Feature {
            strategy: "pocket",
            width: Some(narrow),
            length: Some(w.max(h)),
            smallest: Some(smallest),
            loop_count: 1,
            closed: Some(true),
            swept: Rect::around(center, [(w / 2.0).max(r), (h / 2.0).max(r)]),
            fit: Some(Fit {
                width: narrow,
                what: "pocket",
            }),
            clearing_width: Some(narrow),
            milling: true,
            on_stock: true,
        }
    }

    /// Its area / (stepover × d); a pocket no wider than the tool, area / width.
    fn estimate(&self, pace: &Pace<'_>) -> (f64, f64) {
        let d = pace.tool_d;
        let [w, h] = self.size_mm;
        let area = w * h - (4.0 - PI) * self.corner_radius_mm * self.corner_radius_mm;
        let narrow = w.min(h);
        let swath = if narrow > d {
            pace.cutting.stepover * d
        } else {
            narrow
        };
        (pace.per_loop(area / swath), area * pace.depth)
    }
}
