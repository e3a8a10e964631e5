//! Criterion benchmarks of RMOS; see `benches/`.
