// An advisor cannot write G-code: the emitter is crate-private in rmos-core, and the one public road,
// `Program::release`, takes an `Approved` that an advisor cannot make (S4, S5).
use rmos_core::posts::{emit, Post};
use rmos_core::toolpaths::Move;

fn write_my_own_program(moves: &[Move]) -> String {
    emit(Post::Grbl, moves).unwrap()
}

fn main() {}
