//! The sweep of one straight piece of tool path over the height field.
//!
//! For each row of cells the piece can reach, the cells under the swept disc of the tool (a capsule: the
//! segment grown by the tool radius, convex, so one interval per row) are found in closed form. A flat
//! end mill moving level lowers every cell of the interval to its Z: a plain minimum over a slice. Any
//! other case takes, for each cell, the lowest point the tool's surface reaches over the cell's centre
//! during the move: exact for a flat tool (the lower end of the interval of the move over the cell), the
//! closest approach for a level ball or V, and for a ball or V that moves in Z the least of the height at
//! the interval's ends and at its stationary points, which a quadratic gives in closed form.
#![allow(
    clippy::indexing_slicing,
    reason = "cell indices are clamped to the field before use; the per-cell loops index for speed"
)]

use super::cutter::Cutter;
use super::field::{to_um, HeightField, UM_PER_MM};

/// What one move did to the field, summed over its pieces.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tally {
    /// Sum of height lost over updated cells, µm.
    pub removed_um: i64,
    /// Largest height lost at one cell, µm.
    pub max_depth_um: i32,
    /// Lowest height left in an updated cell, µm.
    pub lowest_um: i32,
    /// Cells under the tool's disc during the move.
    pub visited: u64,
    /// Cells whose height fell.
    pub updated: u64,
    /// Smallest and largest signed offset of an updated cell from a piece's line, mm (left positive).
    pub offset: Option<(f64, f64)>,
    /// Bounds of the updated cells' centres: min X, min Y, max X, max Y, mm.
    pub extent: Option<[f64; 4]>,
}

impl Tally {
    pub(crate) fn new() -> Self {
        Self {
            removed_um: 0,
            max_depth_um: 0,
            lowest_um: i32::MAX,
            visited: 0,
            updated: 0,
            offset: None,
            extent: None,
        }
    }

    fn cut(&mut self, x: f64, y: f64, depth_um: i32, new_um: i32) {
        self.removed_um += i64::from(depth_um);
        self.max_depth_um = self.max_depth_um.max(depth_um);
        self.lowest_um = self.lowest_um.min(new_um);
        self.updated += 1;
        self.extent = Some(match self.extent {
            None => [x, y, x, y],
            Some([a, b, c, d]) => [a.min(x), b.min(y), c.max(x), d.max(y)],
        });
    }

    /// A row's run of cells cut to one level: `cells` updated between centres `xs`, `removed` µm in all.
    fn run(&mut self, xs: [f64; 2], y: f64, removed: i64, deepest: i32, level: i32, cells: u64) {
        self.removed_um += removed;
        self.max_depth_um = self.max_depth_um.max(deepest);
        self.lowest_um = self.lowest_um.min(level);
        self.updated += cells;
        for x in xs {
            self.extent = Some(match self.extent {
                None => [x, y, x, y],
                Some([a, b, c, d]) => [a.min(x), b.min(y), c.max(x), d.max(y)],
            });
        }
    }

    fn offset_at(&mut self, s: f64) {
        self.offset = Some(match self.offset {
            None => (s, s),
            Some((lo, hi)) => (lo.min(s), hi.max(s)),
        });
    }
}

/// An interval of X, mm: low, high.
type Interval = (f64, f64);

/// `k·x` within `[m, big_m]` as an interval of `x` (unbounded when `k` is 0 and the bound holds).
fn linear(k: f64, m: f64, big_m: f64) -> Option<(f64, f64)> {
    if k > 0.0 {
        Some((m / k, big_m / k))
    } else if k < 0.0 {
        Some((big_m / k, m / k))
    } else if m <= 0.0 && 0.0 <= big_m {
        Some((f64::NEG_INFINITY, f64::INFINITY))
    } else {
        None
    }
}

/// The X interval where the row at `y` crosses the capsule of radius `r` about segment `a`–`b`, and the
/// part of it beside the segment (between the perpendiculars at its ends), if any.
fn row_interval(a: [f64; 2], b: [f64; 2], r: f64, y: f64) -> Option<(Interval, Option<Interval>)> {
    let mut band = None;
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for p in [a, b] {
        let dy = y - p[1];
        if dy.abs() <= r {
            let h = (r * r - dy * dy).sqrt();
            lo = lo.min(p[0] - h);
            hi = hi.max(p[0] + h);
        }
    }
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let l2 = dx * dx + dy * dy;
    if l2 > 1e-18 {
        let rel = y - a[1];
        let along = linear(dx, a[0] * dx - rel * dy, a[0] * dx - rel * dy + l2);
        let rl = r * l2.sqrt();
        let across = linear(dy, a[0] * dy + rel * dx - rl, a[0] * dy + rel * dx + rl);
        if let (Some((l1, h1)), Some((l2_, h2))) = (along, across) {
            let (l, h) = (l1.max(l2_), h1.min(h2));
            if l <= h {
                lo = lo.min(l);
                hi = hi.max(h);
                band = Some((l, h));
            }
        }
    }
    (lo <= hi).then_some(((lo, hi), band))
}

/// The lowest Z, mm, the tool's lower surface reaches over point `q` while its tip moves `a`→`b`; `None`
/// when the tool's disc never covers `q`.
fn surface_over(cutter: &Cutter, a: [f64; 3], b: [f64; 3], q: [f64; 2]) -> Option<f64> {
    let r = cutter.radius_mm();
    let d = [b[0] - a[0], b[1] - a[1]];
    let w = [a[0] - q[0], a[1] - q[1]];
    let l2 = d[0] * d[0] + d[1] * d[1];
    let ww = w[0] * w[0] + w[1] * w[1];
    let (t1, t2) = if l2 <= 1e-18 {
        if ww > r * r {
            return None;
        }
        (0.0, 1.0)
    } else {
        let wd = w[0] * d[0] + w[1] * d[1];
        let disc = wd * wd - l2 * (ww - r * r);
        if disc < 0.0 {
            return None;
        }
        let root = disc.sqrt();
        let (t1, t2) = (((-wd - root) / l2).max(0.0), ((-wd + root) / l2).min(1.0));
        if t1 > t2 {
            return None;
        }
        (t1, t2)
    };
    let z = |t: f64| a[2] + (b[2] - a[2]) * t;
    let dist = |t: f64| {
        let (x, y) = (w[0] + d[0] * t, w[1] + d[1] * t);
        (x * x + y * y).sqrt().min(r)
    };
    let height = |t: f64| z(t) + cutter.profile_mm(dist(t));
    if cutter.is_flat() {
        return Some(z(t1).min(z(t2)));
    }
    if a[2] == b[2] {
        let t = if l2 <= 1e-18 {
            0.0
        } else {
            (-(w[0] * d[0] + w[1] * d[1]) / l2).clamp(t1, t2)
        };
        return Some(height(t));
    }
    // With Q(t) = a·t² + b·t + c the squared distance from the axis, the height is
    //   ball: z(t) + R − √(R² − Q(t)),   V: z(t) + k·√Q(t)   (k = 1 / tan(half angle)),
    // and squaring h'(t) = 0 leaves a quadratic in t. Its roots (with any the squaring added) and the
    // interval's ends hold the minimum; each candidate is judged by its real height.
    let (a2, b1, c0) = (l2, 2.0 * (w[0] * d[0] + w[1] * d[1]), ww);
    let dz = b[2] - a[2];
    let dz2 = dz * dz;
    let (qa, qb, qc) = match *cutter {
        Cutter::Ball { .. } => {
            let m = dz2 + a2;
            (-4.0 * a2 * m, -4.0 * b1 * m, 4.0 * dz2 * (r * r - c0) - b1 * b1)
        }
        Cutter::Vee {
            included_angle_deg, ..
        } => {
            let k = 1.0 / (included_angle_deg.to_radians() / 2.0).tan();
            let m = dz2 - k * k * a2;
            (a2 * m, b1 * m, dz2 * c0 - k * k * b1 * b1 / 4.0)
        }
        // Taken above: the lower end of the interval.
        Cutter::Flat { .. } => return Some(z(t1).min(z(t2))),
    };
    let mut lowest = height(t1).min(height(t2));
    for t in roots(qa, qb, qc).into_iter().flatten() {
        if t > t1 && t < t2 {
            lowest = lowest.min(height(t));
        }
    }
    Some(lowest)
}

/// The real roots of `a·t² + b·t + c` (a linear or constant one when `a` is negligible).
fn roots(a: f64, b: f64, c: f64) -> [Option<f64>; 2] {
    let scale = a.abs().max(b.abs()).max(c.abs());
    if scale == 0.0 || !scale.is_finite() {
        return [None, None];
    }
    if a.abs() <= 1e-12 * scale {
        return [(b != 0.0).then(|| -c / b), None];
    }
    let disc = b * b - 4.0 * a * c;
    if disc < 0.0 {
        return [None, None];
    }
    let root = disc.sqrt();
    // The numerically stable pair.
    let q = -0.5 * (b + b.signum() * root);
    let first = q / a;
    let second = if q != 0.0 { c / q } else { first };
    [Some(first), Some(second)]
}

/// Sweeps `cutter` with its tip moving `a`→`b` over `field`, adding what it did to `tally`.
pub(crate) fn sweep_piece(
    field: &mut HeightField,
    cutter: &Cutter,
    a: [f64; 3],
    b: [f64; 3],
    tally: &mut Tally,
) {
    let r = cutter.radius_mm();
    let bottom = field.bottom_um();
    // A tip that stays at or above the stock's top cuts nothing: heights start there and only fall.
    if to_um(a[2].min(b[2])) >= field.top_um() {
        return;
    }
    let Some((j0, j1)) = field.span_y(a[1].min(b[1]) - r, a[1].max(b[1]) + r) else {
        return;
    };
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len = dx.hypot(dy);
    let directed = len > 1e-9;
    let offset = |x: f64, y: f64| ((x - a[0]) * dy - (y - a[1]) * dx) / len;
    let level_flat = cutter.is_flat() && a[2] == b[2];
    let level_um = to_um(a[2]).max(bottom);
    for j in j0..=j1 {
        let y = field.center_y(j as i64);
        let Some(((lo, hi), band)) = row_interval([a[0], a[1]], [b[0], b[1]], r, y) else {
            continue;
        };
        let Some((i0, i1)) = field.span_x(lo, hi) else {
            continue;
        };
        tally.visited += (i1 - i0 + 1) as u64;
        // Cells beside the segment, as offsets into the row's span: their offsets measure the width.
        let (b0, b1) = match band.and_then(|(l, h)| field.span_x(l, h)) {
            Some((s0, s1)) if directed => (s0.max(i0) - i0, s1.min(i1).saturating_sub(i0)),
            _ => (1, 0),
        };
        let (mut first, mut last) = (usize::MAX, 0usize);
        if level_flat {
            let row = &mut field.row_mut(j)[i0..=i1];
            let above = |h: &i32| *h > level_um;
            // The first and last cells above the level, overall and beside the segment; then one
            // branch-free pass between them (the compiler vectorises it).
            let Some(cut_first) = row.iter().position(above) else {
                continue;
            };
            let cut_last = row.iter().rposition(above).unwrap_or(cut_first);
            if b0 <= b1 {
                if let Some(f) = row[b0..=b1].iter().position(above) {
                    first = b0 + f;
                    last = b0 + row[b0..=b1].iter().rposition(above).unwrap_or(f);
                }
            }
            let (mut removed, mut deepest, mut cells) = (0i64, 0i32, 0u64);
            for h in &mut row[cut_first..=cut_last] {
                let depth = (*h - level_um).max(0);
                removed += i64::from(depth);
                deepest = deepest.max(depth);
                cells += u64::from(depth > 0);
                *h -= depth;
            }
            let (x0, x1) = (
                field.center_x((i0 + cut_first) as i64),
                field.center_x((i0 + cut_last) as i64),
            );
            tally.run([x0, x1], y, removed, deepest, level_um, cells);
        } else {
            for i in i0..=i1 {
                let x = field.center_x(i as i64);
                let Some(z) = surface_over(cutter, a, b, [x, y]) else {
                    continue;
                };
                let new = to_um(z).max(bottom);
                let row = field.row_mut(j);
                let old = row[i];
                if new < old {
                    row[i] = new;
                    tally.cut(x, y, old - new, new);
                    let k = i - i0;
                    if b0 <= k && k <= b1 {
                        first = first.min(k);
                        last = k;
                    }
                }
            }
        }
        if first != usize::MAX {
            for k in [first, last] {
                tally.offset_at(offset(field.center_x((i0 + k) as i64), y));
            }
        }
    }
}

/// Millimetres of height per µm, for reports.
pub(crate) fn um_to_mm(um: i64) -> f64 {
    um as f64 / UM_PER_MM
}
