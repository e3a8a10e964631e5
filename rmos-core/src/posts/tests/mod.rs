//! The posts' own tests. They live inside the crate because the emitter is crate-private: only an approved
//! release reaches it (S2), so no test outside the crate can hand it a motion list.

mod dialects;
mod golden;
mod props;
mod refusals;
mod support;
mod words;
