//! What each operation kind means geometrically for the rules: its strategy, the widths the tool must fit,
//! the region the cutter sweeps, and how many loops it cuts. One place, so pack 1's mapping, pack 2 and
//! the estimates agree.

use std::f64::consts::PI;

use crate::job::{
    fret_position_mm, CircleCut, CircleSide, ContourProfile, DrillPattern, FretSlots, Operation, ProfileSide,
    RectPocket, RosetteChannel,
};

/// An axis-aligned rectangle in machine XY, mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Rect {
    fn around(center: [f64; 2], half: [f64; 2]) -> Self {
        Self {
            min: [center[0] - half[0], center[1] - half[1]],
            max: [center[0] + half[0], center[1] + half[1]],
        }
    }

    fn of_points(points: &[[f64; 2]]) -> Self {
        let start = Self {
            min: [f64::INFINITY; 2],
            max: [f64::NEG_INFINITY; 2],
        };
        points.iter().fold(start, |r, p| Self {
            min: [r.min[0].min(p[0]), r.min[1].min(p[1])],
            max: [r.max[0].max(p[0]), r.max[1].max(p[1])],
        })
    }

    fn grown(self, by: f64) -> Self {
        Self {
            min: [self.min[0] - by, self.min[1] - by],
            max: [self.max[0] + by, self.max[1] + by],
        }
    }

    fn union(self, other: Self) -> Self {
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
}

/// Width of one ring channel of a rosette: the annulus splits into `2·rings − 1` bands of equal width,
/// channels alternating with the walls left between them (one ring: the whole annulus is the channel).
pub(crate) fn rosette_band(inner_diameter: f64, outer_diameter: f64, rings: u32) -> f64 {
    (outer_diameter - inner_diameter) / 2.0 / f64::from(rings.saturating_mul(2).saturating_sub(1).max(1))
}

/// The geometry of `op` for a tool of diameter `tool_d`.
pub(crate) fn feature(op: &Operation, tool_d: f64) -> Feature {
    let r = tool_d / 2.0;
    match op {
        Operation::RosetteChannel(RosetteChannel {
            center_mm,
            inner_diameter_mm,
            outer_diameter_mm,
            rings,
            ..
        }) => {
            let band = rosette_band(*inner_diameter_mm, *outer_diameter_mm, *rings);
            let (ri, ro) = (inner_diameter_mm / 2.0, outer_diameter_mm / 2.0);
            let reach = ro.max(ro - band + tool_d);
            Feature {
                strategy: "rosette_pocket",
                width: Some(band),
                length: Some(PI * (ri + ro)),
                smallest: Some(band),
                loop_count: i64::from(*rings),
                closed: Some(true),
                swept: Rect::around(*center_mm, [reach, reach]),
                fit: Some(Fit {
                    width: band,
                    what: "ring channel",
                }),
                clearing_width: Some(band),
                milling: true,
            }
        }
        Operation::CircleCut(CircleCut {
            center_mm,
            diameter_mm,
            side,
            ..
        }) => {
            let radius = diameter_mm / 2.0;
            let inside = *side == CircleSide::Inside;
            let reach = if inside {
                (radius - r).abs() + r
            } else {
                radius + tool_d
            };
            Feature {
                strategy: "profile",
                width: inside.then_some(*diameter_mm),
                length: None,
                smallest: inside.then_some(*diameter_mm),
                loop_count: 1,
                closed: Some(true),
                swept: Rect::around(*center_mm, [reach, reach]),
                fit: inside.then_some(Fit {
                    width: *diameter_mm,
                    what: "hole",
                }),
                clearing_width: None,
                milling: true,
            }
        }
        Operation::FretSlots(FretSlots {
            scale_length_mm,
            frets,
            nut_at_mm,
            board_width_mm,
            kerf_mm,
            ..
        }) => {
            let first = nut_at_mm[0] + fret_position_mm(*scale_length_mm, 1);
            let last = nut_at_mm[0] + fret_position_mm(*scale_length_mm, *frets);
            let half_board = board_width_mm / 2.0;
            Feature {
                strategy: "slot",
                width: Some(*kerf_mm),
                length: Some(*board_width_mm),
                smallest: Some(*kerf_mm),
                loop_count: i64::from(*frets),
                closed: None,
                swept: Rect {
                    min: [first - r, nut_at_mm[1] - half_board - r],
                    max: [last + r, nut_at_mm[1] + half_board + r],
                },
                fit: None,
                clearing_width: None,
                milling: true,
            }
        }
        Operation::DrillPattern(DrillPattern {
            points_mm,
            diameter_mm,
            ..
        }) => Feature {
            strategy: "drill",
            width: Some(*diameter_mm),
            length: None,
            smallest: Some(*diameter_mm),
            loop_count: i64::try_from(points_mm.len()).unwrap_or(i64::MAX),
            closed: None,
            swept: Rect::of_points(points_mm).grown((diameter_mm / 2.0).max(r)),
            fit: Some(Fit {
                width: *diameter_mm,
                what: "hole",
            }),
            clearing_width: None,
            milling: false,
        },
        Operation::RectPocket(RectPocket {
            corner_mm,
            size_mm,
            corner_radius_mm,
            ..
        }) => {
            let [w, h] = *size_mm;
            let narrow = w.min(h);
            let mut smallest = narrow;
            if *corner_radius_mm > 0.0 {
                smallest = smallest.min(2.0 * corner_radius_mm);
            }
            let center = [corner_mm[0] + w / 2.0, corner_mm[1] + h / 2.0];
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
            }
        }
        Operation::ContourProfile(ContourProfile { points_mm, side, .. }) => {
            let bbox = Rect::of_points(points_mm);
            let (swept, fit) = match side {
                ProfileSide::Inside => {
                    let narrow = (bbox.max[0] - bbox.min[0]).min(bbox.max[1] - bbox.min[1]);
                    let center = [
                        (bbox.min[0] + bbox.max[0]) / 2.0,
                        (bbox.min[1] + bbox.max[1]) / 2.0,
                    ];
                    let inner = Rect::around(center, [r, r]);
                    (
                        bbox.union(inner),
                        Some(Fit {
                            width: narrow,
                            what: "inside profile",
                        }),
                    )
                }
                ProfileSide::On => (bbox.grown(r), None),
                ProfileSide::Outside => (bbox.grown(tool_d), None),
            };
            Feature {
                strategy: "profile",
                width: None,
                length: None,
                smallest: None,
                loop_count: 1,
                closed: Some(true),
                swept,
                fit,
                clearing_width: None,
                milling: true,
            }
        }
    }
}

/// Perimeter of a closed polyline, mm.
pub(crate) fn closed_perimeter(points: &[[f64; 2]]) -> f64 {
    points
        .iter()
        .zip(points.iter().cycle().skip(1))
        .map(|(a, b)| (b[0] - a[0]).hypot(b[1] - a[1]))
        .sum()
}

/// The spruce left between a rosette's inner wall and the nearest soundhole: an inside circle cut of the
/// same job whose centre lies within the rosette's inner circle. Returns the wall (negative when the hole
/// cuts into the channel) and the soundhole's operation index.
pub(crate) fn soundhole_wall(
    operations: &[Operation],
    center: [f64; 2],
    inner_radius: f64,
) -> Option<(f64, usize)> {
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

/// The thinnest wall a rosette channel leaves: between its rings (when there are several) and towards the
/// soundhole.
pub(crate) fn rosette_wall(operations: &[Operation], op: &Operation) -> Option<f64> {
    let Operation::RosetteChannel(RosetteChannel {
        center_mm,
        inner_diameter_mm,
        outer_diameter_mm,
        rings,
        ..
    }) = op
    else {
        return None;
    };
    let between = (*rings > 1).then(|| rosette_band(*inner_diameter_mm, *outer_diameter_mm, *rings));
    let hole = soundhole_wall(operations, *center_mm, inner_diameter_mm / 2.0).map(|(w, _)| w);
    match (between, hole) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
