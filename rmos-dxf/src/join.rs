//! Open pieces joined end to end into closed chains, within the join tolerance.

use crate::entities::Piece;
use crate::DxfError;

/// A closed chain: its points (first not repeated) and the handle of the entity each segment came from
/// (segment `i` runs from point `i` to point `i + 1`, the last back to the first).
#[derive(Debug, Clone)]
pub(crate) struct Chain {
    pub points: Vec<[f64; 2]>,
    pub segment_handles: Vec<String>,
    /// The file index of the chain's first piece, which orders the outlines.
    pub first: usize,
}

fn near(a: [f64; 2], b: [f64; 2], tol: f64) -> bool {
    (a[0] - b[0]).hypot(a[1] - b[1]) <= tol
}

/// An end of a piece: `(piece, 0)` its start, `(piece, 1)` its end.
type End = (usize, usize);

fn end_point(pieces: &[(usize, &Piece)], (p, e): End) -> [f64; 2] {
    let points = &pieces[p].1.points;
    if e == 0 {
        points[0]
    } else {
        points[points.len() - 1]
    }
}

/// For every end, the one other end within `tol` of it, if any; more than one is a branch.
fn partners(pieces: &[(usize, &Piece)], tol: f64) -> Result<Vec<[Option<End>; 2]>, DxfError> {
    let mut ends: Vec<(End, [f64; 2])> = (0..pieces.len())
        .flat_map(|p| [(p, 0), (p, 1)])
        .map(|end| (end, end_point(pieces, end)))
        .collect();
    ends.sort_by(|a, b| a.1[0].total_cmp(&b.1[0]).then(a.0.cmp(&b.0)));
    let mut found: Vec<Vec<End>> = vec![Vec::new(); pieces.len() * 2];
    for (i, &(a, pa)) in ends.iter().enumerate() {
        for &(b, pb) in ends[i + 1..].iter().take_while(|(_, pb)| pb[0] - pa[0] <= tol) {
            if near(pa, pb, tol) {
                found[a.0 * 2 + a.1].push(b);
                found[b.0 * 2 + b.1].push(a);
            }
        }
    }
    let mut out = vec![[None, None]; pieces.len()];
    for (slot, others) in found.iter().enumerate() {
        let end = (slot / 2, slot % 2);
        match others.as_slice() {
            [] => {}
            [one] => out[end.0][end.1] = Some(*one),
            many => {
                let mut idx: Vec<usize> = std::iter::once(end.0).chain(many.iter().map(|e| e.0)).collect();
                idx.sort_unstable();
                idx.dedup();
                return Err(DxfError::Branching {
                    handles: idx.iter().map(|&i| pieces[i].1.handle.clone()).collect(),
                    at: end_point(pieces, end),
                });
            }
        }
    }
    Ok(out)
}

/// Joins the open `pieces` (each with its file index) into closed chains, in the order of their lowest
/// file index; each chain runs in the direction of its first piece.
pub(crate) fn join(pieces: &[(usize, &Piece)], tol: f64) -> Result<Vec<Chain>, DxfError> {
    let partner = partners(pieces, tol)?;
    let mut used = vec![false; pieces.len()];
    let mut chains = Vec::new();
    for start in 0..pieces.len() {
        if used[start] {
            continue;
        }
        used[start] = true;
        let mut order: Vec<End> = vec![(start, 0)]; // (piece, end it is entered by)
        let mut at: End = (start, 1);
        let closed = loop {
            match partner[at.0][at.1] {
                Some(next) if next == (start, 0) => break true,
                Some(next) if !used[next.0] => {
                    used[next.0] = true;
                    order.push(next);
                    at = (next.0, 1 - next.1);
                }
                _ => break false,
            }
        };
        if !closed {
            // Walk back from the start too, so the refusal names the whole chain.
            let mut back: Vec<End> = Vec::new();
            let mut at: End = (start, 0);
            while let Some(prev) = partner[at.0][at.1] {
                if used[prev.0] {
                    break;
                }
                used[prev.0] = true;
                back.push((prev.0, 1 - prev.1));
                at = (prev.0, 1 - prev.1);
            }
            back.reverse();
            back.extend(order);
            let first = back[0];
            let last = back[back.len() - 1];
            return Err(DxfError::OpenChain {
                handles: back.iter().map(|e| pieces[e.0].1.handle.clone()).collect(),
                start: end_point(pieces, first),
                end: end_point(pieces, (last.0, 1 - last.1)),
            });
        }
        let mut points = Vec::new();
        let mut segment_handles = Vec::new();
        for &(p, entered) in &order {
            let piece = pieces[p].1;
            let mut pts = piece.points.clone();
            if entered == 1 {
                pts.reverse();
            }
            // Each piece's first point coincides with the previous piece's last (or, for the first piece,
            // the last piece's end): keep the chain's point, take this piece's others.
            if points.is_empty() {
                points.push(pts[0]);
            }
            for q in &pts[1..] {
                points.push(*q);
                segment_handles.push(piece.handle.clone());
            }
        }
        // The last point is the first piece's start again.
        points.pop();
        chains.push(Chain {
            points,
            segment_handles,
            first: pieces[start].0,
        });
    }
    Ok(chains)
}
