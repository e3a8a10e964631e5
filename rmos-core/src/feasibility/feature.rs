//! The shape of what an operation kind means geometrically for the rules: its strategy, the widths the
//! tool must fit, the region the cutter sweeps, and how many loops it cuts. Each kind fills it in once, in
//! `kinds/`, so pack 1's mapping, pack 2 and the estimates agree.

/// An axis-aligned rectangle in machine XY, mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Rect {
    /// The rectangle `half` either side of `center`.
    pub fn around(center: [f64; 2], half: [f64; 2]) -> Self {
        Self {
            min: [center[0] - half[0], center[1] - half[1]],
            max: [center[0] + half[0], center[1] + half[1]],
        }
    }

    /// The smallest rectangle holding every point.
    pub fn of_points(points: &[[f64; 2]]) -> Self {
        let start = Self {
            min: [f64::INFINITY; 2],
            max: [f64::NEG_INFINITY; 2],
        };
        points.iter().fold(start, |r, p| Self {
            min: [r.min[0].min(p[0]), r.min[1].min(p[1])],
            max: [r.max[0].max(p[0]), r.max[1].max(p[1])],
        })
    }

    /// The rectangle grown by `by` on every side.
    pub fn grown(self, by: f64) -> Self {
        Self {
            min: [self.min[0] - by, self.min[1] - by],
            max: [self.max[0] + by, self.max[1] + by],
        }
    }

    /// The smallest rectangle holding both.
    pub fn union(self, other: Self) -> Self {
        Self {
            min: [self.min[0].min(other.min[0]), self.min[1].min(other.min[1])],
            max: [self.max[0].max(other.max[0]), self.max[1].max(other.max[1])],
        }
    }

    /// True when the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Self) -> bool {
        self.min[0] < other.max[0]
            && other.min[0] < self.max[0]
            && self.min[1] < other.max[1]
            && other.min[1] < self.max[1]
    }
}

/// A feature the tool has to fit into: its width and what it is called in messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fit {
    pub width: f64,
    pub what: &'static str,
}

/// The rule-relevant geometry of one operation for a tool of diameter `tool_d`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Feature {
    /// Classic strategy name.
    pub strategy: &'static str,
    /// Width of the feature for F023/F025.
    pub width: Option<f64>,
    /// Length of the feature for F023.
    pub length: Option<f64>,
    /// Smallest feature the tool must resolve (F010).
    pub smallest: Option<f64>,
    /// Loops cut: rings, slots, holes, or 1.
    pub loop_count: i64,
    /// Whether the paths are closed (`None` for open slots and drilled points).
    pub closed: Option<bool>,
    /// The region the cutter sweeps in XY.
    pub swept: Rect,
    /// The feature the tool must fit (TOOL_TOO_WIDE); `None` when another rule owns the fit.
    pub fit: Option<Fit>,
    /// Width of an area cleared with side-by-side passes (WIDTH_OF_CUT applies when it is over the tool).
    pub clearing_width: Option<f64>,
    /// True for side milling (deflection and depth per pass apply); false for drilling.
    pub milling: bool,
    /// True when `THROUGH_STOCK` holds the swept region to the stock in XY; false for fret slots, which
    /// answer to `FRET_OUTSIDE_BOARD` instead.
    pub on_stock: bool,
}
