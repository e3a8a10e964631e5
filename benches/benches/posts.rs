//! G-code emission over a large synthetic motion list: `posts/emit_grbl_large` (and Fanuc, whose numbers
//! and line numbers are written differently). Criterion reports bytes of G-code per second; moves per
//! second are the move count divided by the time per iteration.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nalgebra::{Point2, Point3};
use rmos_core::posts::{emit, EmitContext, Post, Provenance, ToolCall};
use rmos_core::runs::ContentHash;
use rmos_core::toolpaths::Move;

/// Moves in the large list.
const MOVES: usize = 200_000;

/// Rounded-rectangle rings stepping down and inwards, with a pecked hole every few rings: feeds, arcs,
/// rapids and plunges in the proportions of a pocketing job.
fn large_moves() -> Vec<Move> {
    let mut moves = Vec::with_capacity(MOVES + 16);
    let mut ring = 0usize;
    while moves.len() < MOVES {
        let k = (ring % 40) as f64;
        let (x0, y0) = (100.0 + 0.3173 * k, 80.0 + 0.2911 * k);
        let (w, h, r) = (180.0 - 0.6 * k, 120.0 - 0.55 * k, 6.35);
        let z = -0.5 - 0.25 * (ring % 12) as f64;
        if ring.is_multiple_of(12) {
            moves.push(Move::Operation {
                index: ring / 12,
                label: "rect_pocket: 180 x 120 mm, corners 6.35 mm".to_owned(),
            });
            moves.push(Move::Rapid {
                to: Point3::new(x0 + r, y0, 5.0),
            });
        }
        moves.push(Move::Feed {
            to: Point3::new(x0 + r, y0, z),
            feed_mm_min: 300.0,
        });
        let corners = [
            ((x0 + w - r, y0), (x0 + w, y0 + r), (x0 + w - r, y0 + r)),
            (
                (x0 + w, y0 + h - r),
                (x0 + w - r, y0 + h),
                (x0 + w - r, y0 + h - r),
            ),
            ((x0 + r, y0 + h), (x0, y0 + h - r), (x0 + r, y0 + h - r)),
            ((x0, y0 + r), (x0 + r, y0), (x0 + r, y0 + r)),
        ];
        for (line_end, arc_end, center) in corners {
            moves.push(Move::Feed {
                to: Point3::new(line_end.0, line_end.1, z),
                feed_mm_min: 1200.0,
            });
            moves.push(Move::Arc {
                to: Point3::new(arc_end.0, arc_end.1, z),
                center: Point2::new(center.0, center.1),
                clockwise: false,
                feed_mm_min: 1200.0,
            });
        }
        if ring % 12 == 11 {
            moves.push(Move::Rapid {
                to: Point3::new(x0 + r, y0, 5.0),
            });
            moves.push(Move::PeckDrill {
                at: Point2::new(x0 + 20.0, y0 + 20.0),
                r_z: 1.0,
                bottom_z: -6.0,
                peck_mm: 1.5,
                feed_mm_min: 200.0,
            });
            moves.push(Move::Rapid {
                to: Point3::new(x0 + r, y0, 5.0),
            });
        }
        ring += 1;
    }
    moves
}

fn context() -> EmitContext {
    let h = ContentHash::of(b"bench");
    EmitContext::new(
        Provenance::new("bench pocket", h, h, h),
        18_000.0,
        5.0,
        ToolCall {
            number: 1,
            diameter_mm: 6.35,
        },
    )
}

fn posts(c: &mut Criterion) {
    let moves = large_moves();
    let ctx = context();
    let mut group = c.benchmark_group("posts");
    for (name, post) in [("emit_grbl_large", Post::Grbl), ("emit_fanuc_large", Post::Fanuc)] {
        let bytes = emit(post, &moves, &ctx).map(|g| g.len()).unwrap_or(0);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| b.iter(|| emit(post, black_box(&moves), &ctx)));
    }
    group.finish();
}

criterion_group!(benches, posts);
criterion_main!(benches);
