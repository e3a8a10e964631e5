//! # rmos-ffi
//!
//! The C ABI of RMOS, for C and C++ CAM hosts: a thin translation layer over `rmos-core` (and the durable
//! ledger of `rmos-store`) with no decisions of its own. The header is `include/rmos.h`, generated from
//! this crate by cbindgen (see `build.rs`).
//!
//! ## Conventions
//! - **Handles**: one opaque type per state (`RmosJob` → `RmosEvaluated` → `RmosApproved` →
//!   `RmosProgram`), and `RmosLedger`. Transitions take `const` handles and make new ones, so C's type
//!   system keeps the states apart. Each type has an `rmos_*_free` that accepts NULL. Every handle is
//!   looked up in a registry of live handles before it is touched, so a NULL, freed, foreign or
//!   wrong-kind handle is `RMOS_INVALID_ARGUMENT`, not a crash.
//! - **Data**: jobs, policies, reports and artifacts cross as UTF-8 JSON (pointer + length in; owned,
//!   NUL-terminated string + length out, freed by `rmos_string_free`).
//! - **Errors**: every call that can fail returns an [`RmosStatus`]; `rmos_last_error_message()` gives this
//!   thread's message for the last call. No panic crosses the boundary: it is `RMOS_INTERNAL`.
//! - **Threads**: every handle may be used from any thread; jobs, evaluations, approvals and programs are
//!   immutable, and a ledger serialises the calls on it with a lock.
//!
//! ```
//! use rmos_ffi::*;
//! let text = include_str!("../../examples/jobs/fretboard.json");
//! let mut job = std::ptr::null_mut();
//! // SAFETY: the text is `len` readable bytes; `job` is a writable pointer.
//! let status = unsafe { rmos_job_from_json(text.as_ptr().cast(), text.len(), &mut job) };
//! assert_eq!(status, RmosStatus::RMOS_OK);
//! assert_eq!(rmos_job_free(job), RmosStatus::RMOS_OK);
//! assert_eq!(rmos_job_free(job), RmosStatus::RMOS_INVALID_ARGUMENT); // a double free is reported
//! ```
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod args;
mod guard;
mod handles;
mod status;
#[cfg(feature = "testing")]
mod testing;
mod types;

// The entry points, in the order of the workflow: the header follows this order.
mod job;
// then
mod evaluate;
// then
mod approve;
// then
mod program;
// and
mod ledger;
// and
mod readback;

use std::ffi::{c_char, CStr};

pub use approve::{
    rmos_approve, rmos_approve_with_override, rmos_approved_artifact_id, rmos_approved_artifact_json,
    rmos_approved_free, RmosActorKind, RMOS_ACTOR_AI, RMOS_ACTOR_HUMAN, RMOS_ACTOR_SERVICE,
};
pub use evaluate::{
    rmos_evaluate, rmos_evaluated_bucket, rmos_evaluated_free, rmos_evaluated_report_json, RmosBucket,
};
pub use guard::last_error;
pub use handles::live_count;
pub use job::{rmos_job_free, rmos_job_from_json, rmos_job_to_json};
pub use ledger::{
    rmos_ledger_artifacts_json, rmos_ledger_free, rmos_ledger_len, rmos_ledger_memory, rmos_ledger_open,
    rmos_ledger_verify,
};
pub use program::{
    rmos_program_artifact_json, rmos_program_free, rmos_program_gcode, rmos_program_generate,
    rmos_program_generate_with_units, rmos_program_summary_json,
};
pub use readback::rmos_check_gcode;
pub use status::RmosStatus;
#[cfg(feature = "testing")]
pub use testing::rmos_testing_panic_holding_ledger;
pub use types::{RmosApproved, RmosEvaluated, RmosJob, RmosLedger, RmosProgram};

/// Major version of the library (the `x` of `x.y.z`).
pub const RMOS_VERSION_MAJOR: u32 = 0;
/// Minor version of the library.
pub const RMOS_VERSION_MINOR: u32 = 1;
/// Patch version of the library.
pub const RMOS_VERSION_PATCH: u32 = 0;

const VERSION: &CStr = match CStr::from_bytes_with_nul(
    concat!("rmos ", env!("CARGO_PKG_VERSION"), " (schema rmos.run/1)\0").as_bytes(),
) {
    Ok(v) => v,
    Err(_) => panic!("the version string has an interior NUL"),
};

/// The library and schema versions: `"rmos <major>.<minor>.<patch> (schema rmos.run/1)"`.
///
/// The string is static: never free it. Thread-safe; it does not change `rmos_last_error_message()`.
#[no_mangle]
pub extern "C" fn rmos_version() -> *const c_char {
    VERSION.as_ptr()
}

/// This thread's message for its last call that returned an `RmosStatus`: what went wrong and where
/// (`operations[2].depth_mm: must be > 0`, `job: not a live RmosJob (already freed, or not made by rmos)`);
/// `""` after a call that returned `RMOS_OK`.
///
/// The string belongs to RMOS: never free it. It stays valid until this thread's next call that returns an
/// `RmosStatus`; copy it to keep it. Other threads have their own.
#[no_mangle]
pub extern "C" fn rmos_last_error_message() -> *const c_char {
    guard::last_error_ptr()
}

/// The C name of a status code (`"RMOS_BLOCKED"`), or `"RMOS_UNKNOWN_STATUS"` for a number that is none.
///
/// The string is static: never free it. It does not change `rmos_last_error_message()`.
#[no_mangle]
pub extern "C" fn rmos_status_name(status: i32) -> *const c_char {
    RmosStatus::ALL
        .into_iter()
        .find(|s| *s as i32 == status)
        .map_or(c"RMOS_UNKNOWN_STATUS", RmosStatus::name)
        .as_ptr()
}

/// Frees a string RMOS gave the host (JSON, G-code, artifact ids). NULL is a no-op (`RMOS_OK`).
///
/// A string already freed, one RMOS did not give out, or a handle is `RMOS_INVALID_ARGUMENT` and nothing
/// is freed.
#[no_mangle]
pub extern "C" fn rmos_string_free(string: *mut c_char) -> RmosStatus {
    guard::guard(|| handles::free_string(string, "string"))
}

/// Panics inside the boundary's guard, to prove a panic becomes `RMOS_INTERNAL` and never an abort.
/// Built only with the `testing` feature; declared when `RMOS_TESTING` is defined.
#[cfg(feature = "testing")]
#[no_mangle]
#[allow(clippy::panic)] // the point of this function
pub extern "C" fn rmos_testing_panic() -> RmosStatus {
    guard::guard(|| panic!("rmos_testing_panic was called"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_constants_match_the_crate() {
        assert_eq!(RMOS_VERSION_MAJOR.to_string(), env!("CARGO_PKG_VERSION_MAJOR"));
        assert_eq!(RMOS_VERSION_MINOR.to_string(), env!("CARGO_PKG_VERSION_MINOR"));
        assert_eq!(RMOS_VERSION_PATCH.to_string(), env!("CARGO_PKG_VERSION_PATCH"));
        // SAFETY: rmos_version returns a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(rmos_version()) }.to_str().unwrap();
        assert_eq!(
            v,
            format!(
                "rmos {RMOS_VERSION_MAJOR}.{RMOS_VERSION_MINOR}.{RMOS_VERSION_PATCH} (schema {})",
                rmos_core::runs::SCHEMA
            )
        );
    }

    #[test]
    fn status_numbers_are_fixed() {
        let numbers: Vec<(i32, &str)> = RmosStatus::ALL
            .iter()
            .map(|s| (*s as i32, s.name().to_str().unwrap()))
            .collect();
        assert_eq!(
            numbers,
            [
                (0, "RMOS_OK"),
                (1, "RMOS_INVALID_ARGUMENT"),
                (2, "RMOS_INVALID_JOB"),
                (3, "RMOS_BLOCKED"),
                (4, "RMOS_TAMPERED"),
                (5, "RMOS_STORE"),
                (6, "RMOS_INTERNAL"),
            ]
        );
        // SAFETY: static strings.
        let name = |n| unsafe { CStr::from_ptr(rmos_status_name(n)) }.to_str().unwrap();
        assert_eq!(name(3), "RMOS_BLOCKED");
        assert_eq!(name(7), "RMOS_UNKNOWN_STATUS");
        assert_eq!(name(-1), "RMOS_UNKNOWN_STATUS");
    }
}
