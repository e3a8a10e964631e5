//! The stock as a height field: one integer height per square cell, in micrometres.
#![allow(
    clippy::indexing_slicing,
    reason = "cell indices are clamped to the field before use; the per-cell loops index for speed"
)]

use serde::Serialize;

use super::SimError;

/// Most cells a height field may hold (about 400 MB of heights): a guitar top of 560 × 420 mm at 0.1 mm is
/// 23.5 M cells. Coarser cells fit larger stock under the same bar.
pub const MAX_CELLS: usize = 100_000_000;

/// Micrometres per millimetre.
pub(crate) const UM_PER_MM: f64 = 1000.0;

/// The stock block a simulation starts from, in machine coordinates (mm, Z = 0 at the stock top).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StockBlock {
    /// The stock corner with the smallest X and Y.
    pub origin_mm: [f64; 2],
    /// Size along X and Y.
    pub size_mm: [f64; 2],
    /// Z of the top face (0 in RMOS's frame).
    pub top_z_mm: f64,
    /// Z of the underside (−thickness in RMOS's frame). A cut reaching it leaves no material.
    pub bottom_z_mm: f64,
}

impl StockBlock {
    /// A block of `size_mm` and `thickness_mm` with its corner at the machine origin and its top at Z = 0,
    /// as RMOS's job document places stock.
    ///
    /// ```
    /// use rmos_core::simulation::StockBlock;
    /// let s = StockBlock::at_origin([560.0, 420.0], 3.0);
    /// assert_eq!((s.top_z_mm, s.bottom_z_mm), (0.0, -3.0));
    /// ```
    pub fn at_origin(size_mm: [f64; 2], thickness_mm: f64) -> Self {
        Self {
            origin_mm: [0.0, 0.0],
            size_mm,
            top_z_mm: 0.0,
            bottom_z_mm: -thickness_mm,
        }
    }
}

/// Heights of the stock's upper surface over a grid of square cells.
///
/// Cell `(i, j)` covers X from `origin + i·cell` to `origin + (i+1)·cell` and is sampled at its centre.
/// Heights are whole micrometres: a cell holds the top of the material above its centre, between the
/// stock's underside and its top. Heights only ever fall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeightField {
    origin_um: [i64; 2],
    cell_um: i64,
    nx: usize,
    ny: usize,
    top_um: i32,
    bottom_um: i32,
    heights: Vec<i32>,
}

fn finite(field: &str, value: f64) -> Result<f64, SimError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(SimError::Invalid {
            field: field.into(),
            value,
        })
    }
}

/// Millimetres to whole micrometres, saturating far outside any machine.
pub(crate) fn to_um(mm: f64) -> i32 {
    (mm * UM_PER_MM).round() as i32
}

impl HeightField {
    /// A field over `stock` with square cells `cell_mm` wide (at least 1 µm), every cell at the top.
    ///
    /// Fails naming the field on a non-finite or non-positive size or cell, a top below the underside,
    /// a field over [`MAX_CELLS`] cells, or when the heights cannot be allocated.
    ///
    /// ```
    /// use rmos_core::simulation::{HeightField, StockBlock};
    /// let f = HeightField::new(&StockBlock::at_origin([10.0, 5.0], 3.0), 0.5).unwrap();
    /// assert_eq!((f.nx(), f.ny()), (20, 10));
    /// assert_eq!(f.height_um(3, 4), Some(0));
    /// ```
    pub fn new(stock: &StockBlock, cell_mm: f64) -> Result<Self, SimError> {
        let cell = finite("cell_mm", cell_mm)?;
        let cell_um = (cell * UM_PER_MM).round() as i64;
        if cell_um < 1 {
            return Err(SimError::Invalid {
                field: "cell_mm".into(),
                value: cell_mm,
            });
        }
        let mut n = [0usize; 2];
        for (axis, name) in ["stock.size_mm[0]", "stock.size_mm[1]"].iter().enumerate() {
            let size = finite(name, stock.size_mm[axis])?;
            finite(
                ["stock.origin_mm[0]", "stock.origin_mm[1]"][axis],
                stock.origin_mm[axis],
            )?;
            let cells = (size * UM_PER_MM / cell_um as f64).round();
            if !(size > 0.0 && cells >= 1.0 && cells <= MAX_CELLS as f64) {
                return Err(SimError::Invalid {
                    field: (*name).into(),
                    value: size,
                });
            }
            n[axis] = cells as usize;
        }
        let top = finite("stock.top_z_mm", stock.top_z_mm)?;
        let bottom = finite("stock.bottom_z_mm", stock.bottom_z_mm)?;
        if bottom > top || top.abs() > 1e6 || bottom.abs() > 1e6 {
            return Err(SimError::Invalid {
                field: "stock.bottom_z_mm".into(),
                value: bottom,
            });
        }
        let cells = n[0].saturating_mul(n[1]);
        if cells > MAX_CELLS {
            return Err(SimError::TooManyCells {
                cells,
                limit: MAX_CELLS,
            });
        }
        let mut heights = Vec::new();
        heights
            .try_reserve_exact(cells)
            .map_err(|_| SimError::OutOfMemory { cells })?;
        heights.resize(cells, to_um(top));
        Ok(Self {
            origin_um: [to_um(stock.origin_mm[0]).into(), to_um(stock.origin_mm[1]).into()],
            cell_um,
            nx: n[0],
            ny: n[1],
            top_um: to_um(top),
            bottom_um: to_um(bottom),
            heights,
        })
    }

    /// Cells along X.
    pub fn nx(&self) -> usize {
        self.nx
    }

    /// Cells along Y.
    pub fn ny(&self) -> usize {
        self.ny
    }

    /// Cell width, mm.
    pub fn cell_mm(&self) -> f64 {
        self.cell_um as f64 / UM_PER_MM
    }

    /// The grid's corner with the smallest X and Y, mm.
    pub fn origin_mm(&self) -> [f64; 2] {
        [
            self.origin_um[0] as f64 / UM_PER_MM,
            self.origin_um[1] as f64 / UM_PER_MM,
        ]
    }

    /// The stock's top, µm: no height rises above it.
    pub fn top_um(&self) -> i32 {
        self.top_um
    }

    /// The stock's underside, µm: no height falls below it.
    pub fn bottom_um(&self) -> i32 {
        self.bottom_um
    }

    /// Every height, µm, row by row (`j * nx + i`).
    pub fn heights(&self) -> &[i32] {
        &self.heights
    }

    /// The height of cell `(i, j)`, µm; `None` outside the grid.
    pub fn height_um(&self, i: usize, j: usize) -> Option<i32> {
        if i < self.nx && j < self.ny {
            self.heights.get(j * self.nx + i).copied()
        } else {
            None
        }
    }

    /// The centre of cell `(i, j)`, mm.
    pub fn center_mm(&self, i: usize, j: usize) -> [f64; 2] {
        [self.center_x(i as i64), self.center_y(j as i64)]
    }

    /// The height, mm, of the cell holding the point (`x`, `y`); `None` off the grid.
    pub fn height_at_mm(&self, x: f64, y: f64) -> Option<f64> {
        let (i, j) = (self.index_x(x)?, self.index_y(y)?);
        self.height_um(i, j).map(|h| f64::from(h) / UM_PER_MM)
    }

    pub(crate) fn center_x(&self, i: i64) -> f64 {
        (self.origin_um[0] as f64 + (i as f64 + 0.5) * self.cell_um as f64) / UM_PER_MM
    }

    pub(crate) fn center_y(&self, j: i64) -> f64 {
        (self.origin_um[1] as f64 + (j as f64 + 0.5) * self.cell_um as f64) / UM_PER_MM
    }

    fn index_x(&self, x: f64) -> Option<usize> {
        let i = ((x * UM_PER_MM - self.origin_um[0] as f64) / self.cell_um as f64).floor();
        (i >= 0.0 && i < self.nx as f64).then_some(i as usize)
    }

    fn index_y(&self, y: f64) -> Option<usize> {
        let j = ((y * UM_PER_MM - self.origin_um[1] as f64) / self.cell_um as f64).floor();
        (j >= 0.0 && j < self.ny as f64).then_some(j as usize)
    }

    /// The range of cell indices along X whose centres lie in `[lo, hi]` mm, clipped to the grid.
    pub(crate) fn span_x(&self, lo: f64, hi: f64) -> Option<(usize, usize)> {
        span(lo, hi, self.origin_um[0], self.cell_um, self.nx)
    }

    /// The range of cell indices along Y whose centres lie in `[lo, hi]` mm, clipped to the grid.
    pub(crate) fn span_y(&self, lo: f64, hi: f64) -> Option<(usize, usize)> {
        span(lo, hi, self.origin_um[1], self.cell_um, self.ny)
    }

    /// One row of heights, mutable.
    pub(crate) fn row_mut(&mut self, j: usize) -> &mut [i32] {
        let start = j * self.nx;
        &mut self.heights[start..start + self.nx]
    }
}

/// Cells `i` with `lo <= origin + (i + 0.5)·cell <= hi`, clipped to `0..n`; `None` when there are none.
fn span(lo: f64, hi: f64, origin_um: i64, cell_um: i64, n: usize) -> Option<(usize, usize)> {
    if lo.is_nan() || hi.is_nan() || lo > hi {
        return None;
    }
    let c = cell_um as f64;
    let first = ((lo * UM_PER_MM - origin_um as f64) / c - 0.5).ceil().max(0.0);
    let last = ((hi * UM_PER_MM - origin_um as f64) / c - 0.5)
        .floor()
        .min(n as f64 - 1.0);
    (first <= last).then_some((first as usize, last as usize))
}
