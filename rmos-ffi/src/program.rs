//! Release: an approval and a post to an `RmosProgram` handle with its G-code, or a recorded refusal.

use std::ffi::c_char;

use rmos_core::content::ContentHash;
use rmos_core::posts::Post;
use rmos_core::program::Program;
use rmos_core::runs::RunStatus;
use rmos_core::toolpaths::Bounds;
use rmos_core::ReleaseError;

use crate::args::{self, Out, StringOut};
use crate::guard::guard;
use crate::handles;
use crate::status::{FfiError, RmosStatus};
use crate::types::{RmosApproved, RmosLedger, RmosProgram};

/// Plans the approved job's toolpaths, writes them in a controller's dialect, reads the program back
/// against the job and the approval's policy, records a `toolpath` artifact with the G-code attached, and
/// only then gives the program. An approval is the only road here: there is no way to a program from any
/// other handle.
///
/// `post` names the dialect (UTF-8, case-insensitive): `grbl`, `linuxcnc`, `mach3` or `fanuc`; output is
/// in millimetres. `at` is the host's timestamp, RFC 3339 UTC.
///
/// - `RMOS_OK`: `*program_out` is a new handle the caller owns and frees with `rmos_program_free`.
/// - `RMOS_BLOCKED`: no program was released and the ledger records why: the approving actor may not
///   produce G-code under the approval's policy (`"status": "BLOCKED"`), or planning, posting, read-back
///   or the timestamp failed (`"status": "ERROR"`). When `refusal_out` is not NULL, `*refusal_out` is a
///   new string the caller frees with `rmos_string_free`: `{"status", "artifact_id": "sha256:...",
///   "reasons": [...]}`, and `*refusal_len_out` (when not NULL) its length.
/// - `RMOS_STORE`: the ledger failed; nothing was released or recorded.
/// - `RMOS_INVALID_ARGUMENT`: a NULL or wrong handle, an unknown post, text that is not UTF-8; nothing was
///   recorded.
///
/// On every outcome but `RMOS_OK`, `*program_out` is NULL. The approval and the ledger are only used during
/// the call; the caller keeps both.
///
/// # Safety
/// `post` and `at` must point to `post_len` and `at_len` readable bytes (or be NULL); `program_out` must be
/// a writable `RmosProgram *` (or NULL); `refusal_out` a writable `char *` or NULL, `refusal_len_out` a
/// writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_program_generate(
    approved: *const RmosApproved,
    ledger: *mut RmosLedger,
    post: *const c_char,
    post_len: usize,
    at: *const c_char,
    at_len: usize,
    program_out: *mut *mut RmosProgram,
    refusal_out: *mut *mut c_char,
    refusal_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above, pointer by pointer.
        let (out, refusal, post, at) = unsafe {
            (
                Out::new(program_out, "program_out", std::ptr::null_mut())?,
                StringOut::optional(refusal_out, refusal_len_out, "refusal_out")?,
                args::utf8(post, post_len, "post")?,
                args::utf8(at, at_len, "at")?,
            )
        };
        let post: Post = post.parse().map_err(|e| FfiError::argument("post", e))?;
        let approved = handles::get(approved, "approved")?;
        let ledger = handles::get(ledger.cast_const(), "ledger")?;
        let released = {
            let mut store = ledger.lock()?;
            Program::release(&approved.approved, post, at, &mut *store)
        };
        match released {
            Ok(program) => {
                out.write(handles::make(RmosProgram { program }));
                Ok(())
            }
            Err(err) => {
                let refused = Refusal::of(&err);
                if let Some(out) = &refusal {
                    out.write(&args::to_json(&refused)?);
                }
                let status = match err {
                    ReleaseError::Store(_) => RmosStatus::RMOS_STORE,
                    _ => RmosStatus::RMOS_BLOCKED,
                };
                Err(FfiError::new(status, err.to_string()))
            }
        }
    })
}

/// The program's G-code, byte for byte as recorded in the ledger, as a new NUL-terminated string the caller
/// frees with `rmos_string_free`; `*gcode_len_out` (when not NULL) is its length without the NUL.
///
/// # Safety
/// `gcode_out` must be a writable `char *` (or NULL); `gcode_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_program_gcode(
    program: *const RmosProgram,
    gcode_out: *mut *mut c_char,
    gcode_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { StringOut::new(gcode_out, gcode_len_out, "gcode_out")? };
        let program = handles::get(program, "program")?;
        out.write(program.program.gcode().as_bytes());
        Ok(())
    })
}

/// What the program is: `{"artifact_id": "sha256:...", "post": "grbl", "gcode_bytes": N, "bounds": {"min":
/// [x, y, z], "max": [x, y, z]}, "cut_length_mm", "rapid_length_mm", "cycle_time_s"}` (bounds of everything
/// the tool centre reaches, mm; the estimated running time, s), as a new string the caller frees with
/// `rmos_string_free`; `*summary_len_out` (when not NULL) is its length.
///
/// # Safety
/// `summary_out` must be a writable `char *` (or NULL); `summary_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_program_summary_json(
    program: *const RmosProgram,
    summary_out: *mut *mut c_char,
    summary_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { StringOut::new(summary_out, summary_len_out, "summary_out")? };
        let program = &handles::get(program, "program")?.program;
        let toolpath = program.toolpath();
        out.write(&args::to_json(&Summary {
            artifact_id: program.artifact_id(),
            post: program.options().post.id(),
            gcode_bytes: program.gcode().len(),
            bounds: toolpath.bounds(),
            cut_length_mm: toolpath.cut_length_mm(),
            rapid_length_mm: toolpath.rapid_length_mm(),
            cycle_time_s: toolpath.cycle_time_s(),
        })?);
        Ok(())
    })
}

/// The program's `toolpath` run artifact as JSON (schema `rmos.run/1`, with the G-code's attachment
/// reference), as a new string the caller frees with `rmos_string_free`.
///
/// # Safety
/// `artifact_out` must be a writable `char *` (or NULL); `artifact_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_program_artifact_json(
    program: *const RmosProgram,
    artifact_out: *mut *mut c_char,
    artifact_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { StringOut::new(artifact_out, artifact_len_out, "artifact_out")? };
        let program = handles::get(program, "program")?;
        out.write(&args::to_json(program.program.artifact())?);
        Ok(())
    })
}

/// Frees a program handle. NULL is a no-op (`RMOS_OK`); a freed handle or one of another kind is
/// `RMOS_INVALID_ARGUMENT` and nothing is freed. Strings taken from it stay valid.
#[no_mangle]
pub extern "C" fn rmos_program_free(program: *mut RmosProgram) -> RmosStatus {
    guard(|| handles::free(program.cast_const(), "program"))
}

/// What a released program is, in this key order.
#[derive(serde::Serialize)]
struct Summary {
    artifact_id: ContentHash,
    post: &'static str,
    gcode_bytes: usize,
    bounds: Bounds,
    cut_length_mm: f64,
    rapid_length_mm: f64,
    cycle_time_s: f64,
}

/// Why no program was released, in this key order.
#[derive(serde::Serialize)]
struct Refusal {
    status: RunStatus,
    artifact_id: Option<ContentHash>,
    reasons: Vec<String>,
}

impl Refusal {
    fn of(err: &ReleaseError) -> Self {
        match err {
            ReleaseError::NotPermitted { artifact_id, reason } => Self {
                status: RunStatus::Blocked,
                artifact_id: Some(*artifact_id),
                reasons: vec![reason.clone()],
            },
            ReleaseError::Failed { artifact_id, reasons } => Self {
                status: RunStatus::Error,
                artifact_id: Some(*artifact_id),
                reasons: reasons.clone(),
            },
            ReleaseError::Store(e) => Self {
                status: RunStatus::Error,
                artifact_id: None,
                reasons: vec![format!("the run store failed: {e}")],
            },
        }
    }
}
