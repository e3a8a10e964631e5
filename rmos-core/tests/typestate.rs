//! Invariant S2 at compile time: the programs under `tests/ui/` must not compile, with the committed errors.
//! Regenerate the expected output after a deliberate change with `TRYBUILD=overwrite cargo test --test typestate`.

#[test]
fn typestate_forbids_toolpaths_without_approval() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
