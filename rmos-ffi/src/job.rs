//! Jobs: from a JSON document to an `RmosJob` handle, and back.

use std::ffi::c_char;

use rmos_core::job::Job;

use crate::args::{self, Out, StringOut};
use crate::guard::guard;
use crate::handles;
use crate::status::RmosStatus;
use crate::types::RmosJob;

/// Reads and validates a job document (UTF-8 JSON, the schema of `Job::from_json`).
///
/// On `RMOS_OK`, `*job_out` is a new job handle that the caller owns and frees with `rmos_job_free`.
/// On failure `*job_out` is NULL: `RMOS_INVALID_JOB` when the text is not JSON or not a valid job (the
/// message names the field, `$` for the document as a whole, e.g. a document over 8 MiB),
/// `RMOS_INVALID_ARGUMENT` for a NULL pointer or text that is not UTF-8.
///
/// The text is only read during the call; the caller keeps it.
///
/// # Safety
/// `job_json` must point to `job_json_len` readable bytes (or be NULL); `job_out` must be a writable
/// `RmosJob *` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn rmos_job_from_json(
    job_json: *const c_char,
    job_json_len: usize,
    job_out: *mut *mut RmosJob,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { Out::new(job_out, "job_out", std::ptr::null_mut())? };
        // SAFETY: the caller's contract above.
        let text = unsafe { args::utf8(job_json, job_json_len, "job_json")? };
        let job = Job::from_json(text)?;
        out.write(handles::make(RmosJob { job }));
        Ok(())
    })
}

/// Writes the job as a JSON document (the schema of `Job::from_json`, without any client feasibility keys).
///
/// On `RMOS_OK`, `*json_out` is a new NUL-terminated string the caller owns and frees with
/// `rmos_string_free`, and `*json_len_out` (when `json_len_out` is not NULL) its length without the NUL.
/// The job handle is only read; the caller keeps it.
///
/// # Safety
/// `json_out` must be a writable `char *` (or NULL); `json_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_job_to_json(
    job: *const RmosJob,
    json_out: *mut *mut c_char,
    json_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { StringOut::new(json_out, json_len_out, "json_out")? };
        let job = handles::get(job, "job")?;
        out.write(job.job.to_json().as_bytes());
        Ok(())
    })
}

/// Frees a job handle. NULL is a no-op (`RMOS_OK`).
///
/// Handles made from this job (evaluations) do not depend on it and stay valid. A handle already freed, or
/// one of another kind, is `RMOS_INVALID_ARGUMENT` and nothing is freed.
#[no_mangle]
pub extern "C" fn rmos_job_free(job: *mut RmosJob) -> RmosStatus {
    guard(|| handles::free(job.cast_const(), "job"))
}
