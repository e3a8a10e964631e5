//! # rmos-dxf
//!
//! Closed outlines in millimetres from DXF drawings, for the contours of RMOS jobs (whose outlines are
//! lists of `[x, y]` points in mm, so arcs are tessellated here).
//!
//! The crate takes the drawing's text or bytes, never a path: the host reads the file.
//!
//! - **Entities read:** LINE, ARC, CIRCLE, LWPOLYLINE and 2D POLYLINE (with bulges: each bulged segment is
//!   an arc) in model space. Other entities (TEXT, DIMENSION, SPLINE, ELLIPSE, INSERT, ...) and
//!   paper-space entities are left out and listed in [`Outlines::skipped`]; blocks are not expanded.
//! - **Arcs** become chords whose sagitta is at most [`Options::chord_tolerance_mm`] (default 0.01 mm):
//!   an arc of radius r sweeping θ gets `ceil(θ / (2 acos(1 - tol / r)))` chords, at least 1, at least 3
//!   for a full circle.
//! - **Joining:** open entities are joined end to end where their ends lie within
//!   [`Options::join_tolerance_mm`] (default 0.001 mm, measured after conversion to mm). A chain that does
//!   not close is refused ([`DxfError::OpenChain`]), and so is a point where more than two ends meet
//!   ([`DxfError::Branching`]). CIRCLEs and closed polylines are outlines by themselves.
//! - **Checks:** an outline that crosses or touches itself is refused ([`DxfError::SelfIntersecting`],
//!   found with cavalier_contours' self-intersection search over the tessellated outline), one without
//!   area too ([`DxfError::Degenerate`]). Every refusal names the handles of the entities involved.
//! - **Units:** from `$INSUNITS` (inches, feet, mm, cm, m, yards, mils, microns, US survey units, ...),
//!   converted exactly to mm. A drawing without units (`$INSUNITS` 0 or absent, as in R12 files) is read as
//!   mm and [`Outlines::assumption`] says so; an unknown code is refused.
//! - **Top view:** Z is dropped. An entity whose extrusion is (0, 0, -1) (drawn seen from below) is
//!   mirrored into the XY plane; any other extrusion is refused.
//!
//! Every outline is **counter-clockwise** (positive shoelace area), does not repeat its first point, and
//! carries the handles of the entities it was made from, in travel order. Outlines come in the file order
//! of their first entity; each starts at the start of that entity (a CIRCLE at angle 0, its rightmost
//! point) and runs in that entity's direction, reversed from its first point when that direction is
//! clockwise. The same text and options always give the same outlines.
//!
//! ```
//! use rmos_dxf::{outlines_from_dxf, Options};
//!
//! // A 10 mm square of four LINEs, drawn in mm, and a circle of radius 2 at its centre.
//! let mut dxf = String::from("0\nSECTION\n2\nHEADER\n9\n$INSUNITS\n70\n4\n0\nENDSEC\n0\nSECTION\n2\nENTITIES\n");
//! let corners = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
//! for (i, (a, b)) in corners.iter().zip(corners.iter().cycle().skip(1)).enumerate() {
//!     dxf += &format!("0\nLINE\n5\n{:X}\n8\n0\n10\n{}\n20\n{}\n30\n0\n11\n{}\n21\n{}\n31\n0\n", 0x20 + i, a.0, a.1, b.0, b.1);
//! }
//! dxf += "0\nCIRCLE\n5\n30\n8\n0\n10\n5\n20\n5\n30\n0\n40\n2\n0\nENDSEC\n0\nEOF\n";
//!
//! let read = outlines_from_dxf(&dxf, &Options::default())?;
//! assert_eq!(read.outlines.len(), 2);
//! let square = &read.outlines[0];
//! assert_eq!(square.points, vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]);
//! assert_eq!(square.handles, ["20", "21", "22", "23"]);
//! assert_eq!(square.area_mm2(), 100.0);
//! assert_eq!(read.outlines[1].handles, ["30"]);
//! assert_eq!(read.units.name, "millimeters");
//! assert_eq!(read.assumption, None);
//! # Ok::<(), rmos_dxf::DxfError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod arcs;
mod entities;
mod error;
mod join;
mod simple;
mod units;

pub use error::DxfError;
pub use units::DrawingUnits;

/// How finely arcs are cut and how near ends must be to join.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// The largest distance (mm) between an arc and its chords. Default 0.01 mm.
    pub chord_tolerance_mm: f64,
    /// The largest gap (mm) between two entity ends that still joins them. Default 0.001 mm.
    pub join_tolerance_mm: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            chord_tolerance_mm: 0.01,
            join_tolerance_mm: 0.001,
        }
    }
}

impl Options {
    fn check(&self) -> Result<(), DxfError> {
        for (field, v) in [
            ("chord_tolerance_mm", self.chord_tolerance_mm),
            ("join_tolerance_mm", self.join_tolerance_mm),
        ] {
            if !(v.is_finite() && v > 0.0) {
                return Err(DxfError::InvalidOption {
                    field,
                    reason: format!("must be a finite number > 0, got {v}"),
                });
            }
            if v > 10.0 {
                return Err(DxfError::InvalidOption {
                    field,
                    reason: format!("must be at most 10 mm, got {v}"),
                });
            }
        }
        Ok(())
    }
}

/// One closed outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// The points in mm, counter-clockwise; the first is not repeated at the end.
    pub points: Vec<[f64; 2]>,
    /// The handles of the entities the outline was made from, in travel order, each once.
    pub handles: Vec<String>,
}

impl Outline {
    /// The enclosed area in mm² (shoelace; positive, as the outline is counter-clockwise).
    pub fn area_mm2(&self) -> f64 {
        simple::doubled_area(&self.points) / 2.0
    }
}

/// An entity the reader left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedEntity {
    /// Its handle.
    pub handle: String,
    /// Its kind (`"Text"`, `"Spline"`, `"paper space"`, `"zero length"`).
    pub kind: String,
}

/// Everything read from one drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlines {
    /// The closed outlines, in the file order of their first entity.
    pub outlines: Vec<Outline>,
    /// The drawing's units, as `$INSUNITS` gave them.
    pub units: DrawingUnits,
    /// What the reader assumed, when the drawing did not say (a unitless drawing read as mm).
    pub assumption: Option<String>,
    /// The entities left out: those of kinds not read, in file order, then zero-length ones.
    pub skipped: Vec<SkippedEntity>,
}

/// Reads the closed outlines of a DXF drawing given as text (ASCII DXF).
///
/// # Errors
/// A [`DxfError`] naming the option, the header value or the entity handles that stop the drawing from
/// giving simple closed outlines.
pub fn outlines_from_dxf(text: &str, options: &Options) -> Result<Outlines, DxfError> {
    outlines_from_dxf_bytes(text.as_bytes(), options)
}

/// Reads the closed outlines of a DXF drawing given as bytes (ASCII or binary DXF).
///
/// # Errors
/// As [`outlines_from_dxf`].
pub fn outlines_from_dxf_bytes(bytes: &[u8], options: &Options) -> Result<Outlines, DxfError> {
    options.check()?;
    let raw_units = units::raw_insunits(bytes)?;
    let mut reader = bytes;
    let drawing = dxf::Drawing::load(&mut reader).map_err(|e| DxfError::Unreadable {
        reason: e.to_string(),
    })?;
    let code = raw_units.unwrap_or(drawing.header.default_drawing_units as i64);
    let units = units::units_of(code)?;
    let assumption = (code == 0).then(|| {
        let mut said =
            "the drawing has no units ($INSUNITS is 0 or absent): its coordinates are read as millimetres"
                .to_owned();
        if units::is_binary(bytes) {
            said += " (in binary DXF an unknown $INSUNITS code also reads as none)";
        }
        said
    });
    let read = entities::read_pieces(
        drawing.entities().cloned(),
        units.mm_per_unit,
        options.chord_tolerance_mm,
    )?;
    let tol = options.join_tolerance_mm;
    let mut skipped = read.skipped;
    let mut closed = Vec::new();
    let mut open = Vec::new();
    for (index, piece) in read.pieces.iter().enumerate() {
        let length: f64 = piece
            .points
            .windows(2)
            .map(|w| (w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]))
            .sum();
        if !piece.closed && length <= tol {
            skipped.push(SkippedEntity {
                handle: piece.handle.clone(),
                kind: "zero length".to_owned(),
            });
        } else if piece.closed {
            closed.push((index, piece));
        } else {
            open.push((index, piece));
        }
    }
    let mut made: Vec<(usize, Vec<[f64; 2]>, Vec<String>)> = closed
        .iter()
        .map(|(i, p)| (*i, p.points.clone(), vec![p.handle.clone(); p.points.len()]))
        .collect();
    made.extend(
        join::join(&open, tol)?
            .into_iter()
            .map(|c| (c.first, c.points, c.segment_handles)),
    );
    made.sort_by_key(|(first, _, _)| *first);
    let outlines = made
        .into_iter()
        .map(|(_, points, handles)| simple::outline(points, handles, tol))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Outlines {
        outlines,
        units,
        assumption,
        skipped,
    })
}

#[cfg(test)]
mod tests;
