//! Drawing entities as pieces of outlines: each LINE, ARC and open polyline becomes an open piece, each
//! CIRCLE and closed polyline a closed one, all in millimetres in the drawing's XY plane (top view).

use std::f64::consts::TAU;

use dxf::entities::{Entity, EntityType, LwPolyline, Polyline};
use dxf::{Point, Vector};

use crate::arcs::{arc_points, bulge_points, chord_count};
use crate::{DxfError, SkippedEntity};

/// Most chords one arc may need; an arc needing more (a huge radius against a tiny tolerance) is refused.
const MAX_CHORDS_PER_ARC: usize = 1_000_000;

/// One entity's points in mm.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    /// The entity's handle.
    pub handle: String,
    /// The points in travel order; a closed piece does not repeat its first point.
    pub points: Vec<[f64; 2]>,
    /// Whether the entity is closed by itself (CIRCLE, closed polyline).
    pub closed: bool,
}

/// What the reader takes from a drawing: pieces in file order, and the entities it left out.
pub(crate) struct Read {
    pub pieces: Vec<Piece>,
    pub skipped: Vec<SkippedEntity>,
}

/// The handle of the `index`-th entity as text: hexadecimal as in the file, `#index` without one.
fn handle_text(entity: &Entity, index: usize) -> String {
    match entity.common.handle.0 {
        0 => format!("#{index}"),
        h => format!("{h:X}"),
    }
}

/// Reads the model-space entities of `drawing` in file order, scaling by `mm_per_unit`.
pub(crate) fn read_pieces(
    entities: impl Iterator<Item = Entity>,
    mm_per_unit: f64,
    chord_tolerance: f64,
) -> Result<Read, DxfError> {
    let mut read = Read {
        pieces: Vec::new(),
        skipped: Vec::new(),
    };
    for (index, entity) in entities.enumerate() {
        let handle = handle_text(&entity, index);
        if entity.common.is_in_paper_space {
            read.skipped.push(SkippedEntity {
                handle,
                kind: "paper space".to_owned(),
            });
            continue;
        }
        let ctx = Ctx {
            handle,
            scale: mm_per_unit,
            tol: chord_tolerance,
        };
        match &entity.specific {
            EntityType::Line(line) => {
                let points = vec![ctx.wcs(&line.p1)?, ctx.wcs(&line.p2)?];
                read.pieces.push(ctx.piece(points, false));
            }
            EntityType::Arc(arc) => {
                let mirror = ctx.plane(&arc.normal)?;
                let center = ctx.wcs(&arc.center)?;
                let radius = ctx.radius(arc.radius)?;
                let start = ctx.finite(arc.start_angle)?.to_radians();
                let end = ctx.finite(arc.end_angle)?.to_radians();
                // Counter-clockwise from start to end in the entity's plane; equal angles are a full turn.
                let mut sweep = (end - start).rem_euclid(TAU);
                if sweep == 0.0 {
                    sweep = TAU;
                }
                ctx.chords(radius, sweep)?;
                let first = [center[0] + radius * start.cos(), center[1] + radius * start.sin()];
                let mut points = vec![first];
                points.extend(arc_points(center, radius, start, sweep, ctx.tol));
                read.pieces.push(ctx.piece(mirrored(points, mirror), false));
            }
            EntityType::Circle(circle) => {
                let mirror = ctx.plane(&circle.normal)?;
                let center = ctx.wcs(&circle.center)?;
                let radius = ctx.radius(circle.radius)?;
                ctx.chords(radius, TAU)?;
                let mut points = arc_points(center, radius, 0.0, TAU, ctx.tol);
                // Start at angle 0, counter-clockwise: the last point generated is the first, exactly.
                if let Some(last) = points.last_mut() {
                    *last = [center[0] + radius, center[1]];
                }
                points.rotate_right(1);
                read.pieces.push(ctx.piece(mirrored(points, mirror), true));
            }
            EntityType::LwPolyline(poly) => read.pieces.push(ctx.lwpolyline(poly)?),
            EntityType::Polyline(poly) => read.pieces.push(ctx.polyline(poly)?),
            other => {
                let name = format!("{other:?}");
                let kind = name.split(['(', ' ', '{']).next().unwrap_or("entity").to_owned();
                read.skipped.push(SkippedEntity {
                    handle: ctx.handle,
                    kind,
                });
            }
        }
    }
    Ok(read)
}

/// The points with X negated when the entity's plane is seen from below (extrusion (0, 0, -1)).
fn mirrored(mut points: Vec<[f64; 2]>, mirror: bool) -> Vec<[f64; 2]> {
    if mirror {
        for p in &mut points {
            p[0] = -p[0];
        }
    }
    points
}

/// The entity being read.
struct Ctx {
    handle: String,
    scale: f64,
    tol: f64,
}

impl Ctx {
    fn refuse(&self, reason: impl Into<String>) -> DxfError {
        DxfError::UnsupportedEntity {
            handle: self.handle.clone(),
            reason: reason.into(),
        }
    }

    fn piece(&self, points: Vec<[f64; 2]>, closed: bool) -> Piece {
        Piece {
            handle: self.handle.clone(),
            points,
            closed,
        }
    }

    fn finite(&self, v: f64) -> Result<f64, DxfError> {
        if v.is_finite() {
            Ok(v)
        } else {
            Err(self.refuse("non-finite number"))
        }
    }

    /// A point in mm; Z (elevation) is dropped: the outline is the top view. For an entity seen from
    /// below the caller mirrors X afterwards.
    fn wcs(&self, p: &Point) -> Result<[f64; 2], DxfError> {
        self.finite(p.z)?;
        Ok([self.finite(p.x)? * self.scale, self.finite(p.y)? * self.scale])
    }

    fn radius(&self, r: f64) -> Result<f64, DxfError> {
        if self.finite(r)? > 0.0 {
            Ok(r * self.scale)
        } else {
            Err(self.refuse(format!("radius must be > 0, got {r}")))
        }
    }

    /// Whether the entity's plane is the XY plane seen from below: its extrusion must be (0, 0, ±1).
    fn plane(&self, normal: &Vector) -> Result<bool, DxfError> {
        let (x, y, z) = (
            self.finite(normal.x)?,
            self.finite(normal.y)?,
            self.finite(normal.z)?,
        );
        let len = (x * x + y * y + z * z).sqrt();
        if len > 0.0 && (x / len).abs() < 1e-9 && (y / len).abs() < 1e-9 {
            Ok(z < 0.0)
        } else {
            Err(self.refuse(format!(
                "extrusion ({x}, {y}, {z}) is not along Z: the entity is not in the XY plane"
            )))
        }
    }

    fn chords(&self, radius: f64, sweep: f64) -> Result<(), DxfError> {
        if chord_count(radius, sweep, self.tol) > MAX_CHORDS_PER_ARC {
            Err(self.refuse(format!(
                "an arc of radius {radius} mm needs more than {MAX_CHORDS_PER_ARC} chords at this tolerance"
            )))
        } else {
            Ok(())
        }
    }

    /// Vertices with bulges in the entity's plane, as points in mm.
    fn bulged(&self, vertices: &[([f64; 2], f64)], closed: bool, mirror: bool) -> Result<Piece, DxfError> {
        let Some(&(first, _)) = vertices.first() else {
            return Err(self.refuse("polyline has no vertices"));
        };
        let mut points = vec![first];
        let count = vertices.len();
        let segments = if closed { count } else { count.saturating_sub(1) };
        for i in 0..segments {
            let (from, bulge) = vertices[i];
            let (to, _) = vertices[(i + 1) % count];
            self.finite(bulge)?;
            if bulge != 0.0 {
                let chord = (to[0] - from[0]).hypot(to[1] - from[1]);
                let radius = chord * (1.0 + bulge * bulge) / (4.0 * bulge.abs());
                self.chords(radius, 4.0 * bulge.atan())?;
            }
            points.extend(bulge_points(from, to, bulge, self.tol));
        }
        if closed && points.len() > 1 {
            // The closing segment ends where the polyline began.
            points.pop();
        }
        Ok(self.piece(mirrored(points, mirror), closed))
    }

    fn lwpolyline(&self, poly: &LwPolyline) -> Result<Piece, DxfError> {
        let mirror = self.plane(&poly.extrusion_direction)?;
        let vertices = poly
            .vertices
            .iter()
            .map(|v| {
                Ok((
                    [self.finite(v.x)? * self.scale, self.finite(v.y)? * self.scale],
                    v.bulge,
                ))
            })
            .collect::<Result<Vec<_>, DxfError>>()?;
        self.bulged(&vertices, poly.is_closed(), mirror)
    }

    fn polyline(&self, poly: &Polyline) -> Result<Piece, DxfError> {
        if poly.is_3d_polyline() || poly.is_3d_polygon_mesh() || poly.is_polyface_mesh() {
            return Err(self.refuse("3D polylines and meshes are not flat outlines"));
        }
        let mirror = self.plane(&poly.normal)?;
        let vertices = poly
            .vertices()
            .map(|v| Ok((self.wcs(&v.location)?, v.bulge)))
            .collect::<Result<Vec<_>, DxfError>>()?;
        self.bulged(&vertices, poly.is_closed(), mirror)
    }
}
