// G-code has one road: an approved job through `Program::release`. The emitter that turns a motion list into
// G-code is crate-private, so no code outside rmos-core can hand it moves of its own (S2).
use rmos_core::posts::{emit, Post};
use rmos_core::toolpaths::Move;

fn main() {
    let moves: Vec<Move> = Vec::new();
    let _ = emit(Post::Grbl, &moves);
}
