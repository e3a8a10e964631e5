//! # rmos-py
//!
//! The Python face of RMOS: the extension module `rmos._core`, re-exported by the `rmos` package.
//!
//! A thin translation layer with no decisions of its own: each class wraps the rmos-core type of the same
//! name, each failure maps to one Python exception in [`errors`], and every call that runs the core's
//! engines is shielded from panics. Evaluation, approval, G-code emission, read-back and verification run without
//! the GIL.
#![forbid(unsafe_code)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[cfg(feature = "bench")]
mod bench;
mod catalog;
mod convert;
mod dxf;
mod errors;
mod gates;
mod job;
mod keys;
mod ledger;
mod operations;
mod readback;
mod release;
mod report;
mod workflow;

use pyo3::prelude::*;

/// The compiled core of the `rmos` package. Import `rmos`, not this module.
#[pymodule]
fn _core(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::Exceptions::register(module)?;
    catalog::register(module)?;
    operations::register(module)?;
    job::register(module)?;
    report::register(module)?;
    gates::register(module)?;
    ledger::register(module)?;
    workflow::register(module)?;
    release::register(module)?;
    readback::register(module)?;
    #[cfg(feature = "bench")]
    bench::register(module)?;
    keys::register(module)?;
    dxf::register(module)?;
    Ok(())
}
