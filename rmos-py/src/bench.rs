//! A benchmark helper: the evaluate → approve → G-code round trip looped in Rust, to compare with the same
//! loop written in Python (`python/benches/bench_roundtrip.py`). Not part of the API: it approves as a
//! hard-coded human, so it is compiled only with the `bench` feature, which the shipped wheel leaves out.

use std::time::Instant;

use pyo3::prelude::*;
use rmos_core::gates::{Actor, Override, Policy};
use rmos_core::job::Job;
use rmos_core::program::Program;
use rmos_core::runs::MemoryStore;
use rmos_core::workflow::Session;

use crate::errors::{shielded, Result};
use crate::readback::post_arg;

/// Runs `n` round trips of `job_json` (parse, evaluate under the default policy, approve by a human with
/// `override_reason` when given, release for `post` into a fresh in-memory ledger) and returns the seconds
/// they took. Runs without the GIL.
#[pyfunction]
#[pyo3(signature = (job_json, n, *, post = "grbl", override_reason = None, at = "2026-11-22T10:00:00Z"))]
fn _bench_roundtrip_rust(
    py: Python<'_>,
    job_json: &str,
    n: u32,
    post: &str,
    override_reason: Option<&str>,
    at: &str,
) -> Result<f64> {
    let post = post_arg(post)?;
    py.detach(|| {
        shielded(|| {
            let actor = Actor::human("luthier");
            let start = Instant::now();
            for _ in 0..n {
                let job = Job::from_json(job_json)?;
                let policy = Policy::default();
                let evaluated = Session::new(job).evaluate(&policy);
                let mut store = MemoryStore::new();
                let approved = match override_reason {
                    None => evaluated.approve(&actor, at, &mut store)?,
                    Some(reason) => evaluated.approve_with_override(
                        &actor,
                        &Override::new(reason, false),
                        at,
                        &mut store,
                    )?,
                };
                let program = Program::release(&approved, post, at, &mut store)?;
                std::hint::black_box(program.gcode());
            }
            Ok(start.elapsed().as_secs_f64())
        })
    })
}

/// Registers the benchmark helper.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(_bench_roundtrip_rust, module)?)
}
