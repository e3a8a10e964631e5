//! The motion a planner produces and a post turns into G-code.

use nalgebra::{Point2, Point3};
use serde::Serialize;

/// One motion of the machine, in machine coordinates (mm, Z = 0 at the stock top).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "move", rename_all = "snake_case")]
pub enum Move {
    /// Start of an operation's moves (posts write it as a comment).
    Operation {
        /// Index in the job's operation list.
        index: usize,
        /// Operation kind and a short description.
        label: String,
    },
    /// Rapid move (G0) to a point.
    Rapid {
        /// End point.
        to: Point3<f64>,
    },
    /// Straight feed move (G1) to a point; a plunge when only Z changes.
    Feed {
        /// End point.
        to: Point3<f64>,
        /// Feed rate, mm/min.
        feed_mm_min: f64,
    },
    /// Arc in the XY plane (G2 clockwise, G3 counter-clockwise); a helix when Z changes.
    Arc {
        /// End point.
        to: Point3<f64>,
        /// Arc centre in XY.
        center: Point2<f64>,
        /// Clockwise (G2) when true.
        clockwise: bool,
        /// Feed rate, mm/min.
        feed_mm_min: f64,
    },
    /// A pecked hole: from the retract plane `r_z` down to `bottom_z` in pecks, back to `r_z`.
    /// Posts write a canned cycle (G83) where the dialect has one and expand it otherwise.
    PeckDrill {
        /// Hole centre.
        at: Point2<f64>,
        /// Retract plane, mm.
        r_z: f64,
        /// Bottom of the hole, mm (negative).
        bottom_z: f64,
        /// Depth of each peck, mm.
        peck_mm: f64,
        /// Feed rate, mm/min.
        feed_mm_min: f64,
    },
}

/// Axis-aligned bounds of every point a toolpath reaches (arc extremes and drill depths included).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    /// Smallest X, Y, Z.
    pub min: [f64; 3],
    /// Largest X, Y, Z.
    pub max: [f64; 3],
}

impl Move {
    /// Where the tool is after the move: a pecked hole ends back at its retract plane; an
    /// [`Move::Operation`] marker does not move the tool (`None`).
    ///
    /// ```
    /// use nalgebra::{Point2, Point3};
    /// use rmos_core::toolpaths::Move;
    /// let rapid = Move::Rapid { to: Point3::new(1.0, 2.0, 5.0) };
    /// assert_eq!(rapid.end(), Some(Point3::new(1.0, 2.0, 5.0)));
    /// let peck = Move::PeckDrill {
    ///     at: Point2::new(10.0, 20.0), r_z: 1.0, bottom_z: -3.0, peck_mm: 1.0, feed_mm_min: 300.0,
    /// };
    /// assert_eq!(peck.end(), Some(Point3::new(10.0, 20.0, 1.0)));
    /// ```
    pub fn end(&self) -> Option<Point3<f64>> {
        match self {
            Self::Operation { .. } => None,
            Self::Rapid { to } | Self::Feed { to, .. } | Self::Arc { to, .. } => Some(*to),
            Self::PeckDrill { at, r_z, .. } => Some(Point3::new(at.x, at.y, *r_z)),
        }
    }
}

impl Bounds {
    /// The bounds of one point.
    pub fn at(p: Point3<f64>) -> Self {
        Self {
            min: [p.x, p.y, p.z],
            max: [p.x, p.y, p.z],
        }
    }

    /// Grows the bounds to hold `p`.
    pub fn include(&mut self, p: Point3<f64>) {
        for ((lo, hi), v) in self.min.iter_mut().zip(self.max.iter_mut()).zip([p.x, p.y, p.z]) {
            *lo = lo.min(v);
            *hi = hi.max(v);
        }
    }

    /// Grows the bounds to hold `other`.
    pub fn union(&mut self, other: &Bounds) {
        self.include(Point3::from(other.min));
        self.include(Point3::from(other.max));
    }

    /// True when `p` lies inside the bounds or on their faces, give or take `tolerance` mm.
    ///
    /// ```
    /// use nalgebra::Point3;
    /// use rmos_core::toolpaths::Bounds;
    /// let mut b = Bounds::at(Point3::new(0.0, 0.0, 0.0));
    /// b.include(Point3::new(10.0, 5.0, -2.0));
    /// assert_eq!(b.min, [0.0, 0.0, -2.0]);
    /// assert!(b.contains(Point3::new(10.0, 5.0, 0.0), 0.0));
    /// assert!(!b.contains(Point3::new(10.001, 5.0, 0.0), 0.0));
    /// ```
    pub fn contains(&self, p: Point3<f64>, tolerance: f64) -> bool {
        self.min
            .iter()
            .zip(&self.max)
            .zip([p.x, p.y, p.z])
            .all(|((lo, hi), v)| v >= lo - tolerance && v <= hi + tolerance)
    }
}
