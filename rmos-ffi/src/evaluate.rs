//! Evaluation: a job and a policy to an `RmosEvaluated` handle with RMOS's own report.

use std::ffi::c_char;

use rmos_core::feasibility::Bucket;
use rmos_core::gates::Policy;
use rmos_core::workflow::Session;

use crate::args::{self, Out, StringOut};
use crate::guard::guard;
use crate::handles;
use crate::status::RmosStatus;
use crate::types::{RmosEvaluated, RmosJob};

/// A report's risk bucket.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// The variant names are the C names hosts compile against, so they are not camel case.
#[allow(non_camel_case_types)]
pub enum RmosBucket {
    /// Safe to run as planned: a human (or a policy-granted actor) may approve it.
    RMOS_BUCKET_GREEN = 0,
    /// Runs only with a human's written override reason.
    RMOS_BUCKET_YELLOW = 1,
    /// Never runs unless the policy enables RED overrides and the human acknowledges the risk.
    RMOS_BUCKET_RED = 2,
}

impl From<Bucket> for RmosBucket {
    fn from(bucket: Bucket) -> Self {
        match bucket {
            Bucket::Green => Self::RMOS_BUCKET_GREEN,
            Bucket::Yellow => Self::RMOS_BUCKET_YELLOW,
            Bucket::Red => Self::RMOS_BUCKET_RED,
        }
    }
}

/// Evaluates a job under a policy: RMOS computes the feasibility report itself (anything the job document
/// claimed about feasibility was dropped when it was read).
///
/// `policy_json` is a policy document (UTF-8 JSON; missing fields take their defaults, unknown ones are
/// an error); NULL means the default policy. The evaluation keeps its policy: approvals of it are held to
/// the same one.
///
/// On `RMOS_OK`, `*evaluated_out` is a new handle the caller owns and frees with `rmos_evaluated_free`.
/// On failure it is NULL: `RMOS_INVALID_ARGUMENT` for a NULL or wrong handle, or a policy that is not
/// UTF-8 or not a valid policy (the message names its field). The job is only read; the caller keeps it.
///
/// # Safety
/// `policy_json` must point to `policy_json_len` readable bytes, or be NULL; `evaluated_out` must be a
/// writable `RmosEvaluated *` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn rmos_evaluate(
    job: *const RmosJob,
    policy_json: *const c_char,
    policy_json_len: usize,
    evaluated_out: *mut *mut RmosEvaluated,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { Out::new(evaluated_out, "evaluated_out", std::ptr::null_mut())? };
        // SAFETY: the caller's contract above.
        let policy_text = unsafe { args::optional_utf8(policy_json, policy_json_len, "policy_json")? };
        let job = handles::get(job, "job")?;
        let policy = match policy_text {
            Some(text) => Policy::from_json(text)?,
            None => Policy::default(),
        };
        let session = Session::new(job.job.clone()).evaluate(&policy);
        out.write(handles::make(RmosEvaluated { session }));
        Ok(())
    })
}

/// The evaluation's risk bucket, written to `*bucket_out`.
///
/// On failure (a NULL, freed or wrong handle) `*bucket_out` is `RMOS_BUCKET_RED`: a failed call never reads
/// as a safe job.
///
/// # Safety
/// `bucket_out` must be a writable `RmosBucket` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn rmos_evaluated_bucket(
    evaluated: *const RmosEvaluated,
    bucket_out: *mut RmosBucket,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { Out::new(bucket_out, "bucket_out", RmosBucket::RMOS_BUCKET_RED)? };
        let evaluated = handles::get(evaluated, "evaluated")?;
        out.write(evaluated.session.bucket().into());
        Ok(())
    })
}

/// The feasibility report as JSON: `{"bucket", "score", "findings": [{"code", "bucket", "message",
/// "value", "limit", "operation"}], "estimates", "engine", "client_feasibility_ignored"}`.
///
/// On `RMOS_OK`, `*report_out` is a new NUL-terminated string the caller owns and frees with
/// `rmos_string_free`; `*report_len_out` (when not NULL) is its length without the NUL.
///
/// # Safety
/// `report_out` must be a writable `char *` (or NULL); `report_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_evaluated_report_json(
    evaluated: *const RmosEvaluated,
    report_out: *mut *mut c_char,
    report_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { StringOut::new(report_out, report_len_out, "report_out")? };
        let evaluated = handles::get(evaluated, "evaluated")?;
        out.write(&args::to_json(evaluated.session.report())?);
        Ok(())
    })
}

/// Frees an evaluation handle. NULL is a no-op (`RMOS_OK`); a freed handle or one of another kind is
/// `RMOS_INVALID_ARGUMENT` and nothing is freed. Approvals made from it stay valid.
#[no_mangle]
pub extern "C" fn rmos_evaluated_free(evaluated: *mut RmosEvaluated) -> RmosStatus {
    guard(|| handles::free(evaluated.cast_const(), "evaluated"))
}
