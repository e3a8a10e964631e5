//! Invariant S4 at compile time: an advisor, depending only on rmos-core's public API as this crate does,
//! cannot make an `Approved`, call the emitter or append to a ledger. The programs under `tests/ui/` must not
//! compile, with the committed errors. Regenerate them after a deliberate change with
//! `TRYBUILD=overwrite cargo test -p rmos-advisory --test boundary`.

#[test]
fn an_advisor_cannot_reach_the_approval_path() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
