//! Generates the C header from this crate's source with the pinned cbindgen, into `OUT_DIR/rmos.h`.
//!
//! The build never writes into the source tree: `include/rmos.h` is committed, and the `header` test
//! (run by `cargo test` and `make test`) fails when it differs from this fresh one. `make ffi-header`
//! refreshes the committed copy.

use std::path::PathBuf;

fn main() {
    let crate_dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("rmos-ffi/cbindgen.toml reads");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=src");
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(crate_dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen generates the header from src/")
        .write_to_file(out_dir.join("rmos.h"));
}
