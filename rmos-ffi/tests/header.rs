//! The committed `include/rmos.h` is exactly what the pinned cbindgen generates from this crate now.
//!
//! `build.rs` writes the fresh header to `OUT_DIR`; this test compares. `make ffi-header` (which sets
//! `RMOS_BLESS_HEADER=1`) copies the fresh header over the committed one instead.

use std::path::Path;

#[test]
fn committed_header_matches_a_fresh_one() {
    let fresh = include_str!(concat!(env!("OUT_DIR"), "/rmos.h"));
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../include/rmos.h");
    if std::env::var_os("RMOS_BLESS_HEADER").is_some() {
        std::fs::write(&committed_path, fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    if committed != fresh {
        let first = committed
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(fresh.lines().count()));
        panic!(
            "include/rmos.h differs from the header generated from rmos-ffi/src (first at line {}): \
             run `make ffi-header` and commit the result",
            first + 1
        );
    }
}

#[test]
fn header_declares_every_entry_point_with_a_doc_comment() {
    let header = include_str!(concat!(env!("OUT_DIR"), "/rmos.h"));
    let lines: Vec<&str> = header.lines().collect();
    let mut declared = 0;
    for (i, line) in lines.iter().enumerate() {
        let starts_decl = (line.starts_with("RmosStatus rmos_") || line.starts_with("const char *rmos_"))
            && line.contains('(');
        if starts_decl {
            declared += 1;
            assert_eq!(lines[i - 1].trim(), "*/", "no doc comment above `{line}`");
        }
    }
    assert!(declared >= 20, "only {declared} entry points found in the header");
}
