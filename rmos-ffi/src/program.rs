//! Release: an approval, a post and units to an `RmosProgram` handle with its G-code, or a recorded refusal.

use std::ffi::c_char;

use rmos_core::documents::{Document, ProgramSummary, Refusal};
use rmos_core::posts::{Post, Units};
use rmos_core::program::{PostOptions, Program};
use rmos_core::ReleaseError;

use crate::args::{self, Out, StringOut};
use crate::guard::guard;
use crate::handles;
use crate::status::{FfiError, RmosStatus};
use crate::types::{RmosApproved, RmosLedger, RmosProgram};

/// Plans the approved job's toolpaths, writes them in a controller's dialect in millimetres, reads the
/// program back against the job, records a `toolpath` artifact with the G-code attached, and only then
/// gives the program: `rmos_program_generate_with_units` with units `mm`. An approval is the only road
/// here: there is no way to a program from any other handle.
///
/// `post` names the dialect (UTF-8, case-insensitive): `grbl`, `linuxcnc`, `mach3` or `fanuc`. `at` is the
/// host's timestamp, RFC 3339 UTC.
///
/// - `RMOS_OK`: `*program_out` is a new handle the caller owns and frees with `rmos_program_free`.
/// - `RMOS_BLOCKED`: no program was released and the ledger records why: the approving actor may not
///   produce G-code under the approval's policy (`"status": "BLOCKED"`), or planning, posting, read-back
///   or the timestamp failed (`"status": "ERROR"`). When `refusal_out` is not NULL, `*refusal_out` is a
///   new string the caller frees with `rmos_string_free`, the refusal document `{"status",
///   "artifact_id": "sha256:...", "reasons": [...]}`, and `*refusal_len_out` (when not NULL) its length.
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
        let request = unsafe {
            Request::read(
                program_out,
                (refusal_out, refusal_len_out),
                (post, post_len),
                (at, at_len),
            )?
        };
        request.release(approved, ledger, Units::Mm)
    })
}

/// Like `rmos_program_generate`, with the output units named: `units` is `mm` (G21, 3 decimals) or `inch`
/// (G20, 4 decimals, converted exactly from mm), UTF-8; anything else is `RMOS_INVALID_ARGUMENT` and
/// nothing is recorded. Outcomes, ownership and lifetimes are those of `rmos_program_generate`.
///
/// # Safety
/// As `rmos_program_generate`; `units` must point to `units_len` readable bytes (or be NULL).
#[no_mangle]
pub unsafe extern "C" fn rmos_program_generate_with_units(
    approved: *const RmosApproved,
    ledger: *mut RmosLedger,
    post: *const c_char,
    post_len: usize,
    units: *const c_char,
    units_len: usize,
    at: *const c_char,
    at_len: usize,
    program_out: *mut *mut RmosProgram,
    refusal_out: *mut *mut c_char,
    refusal_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above, pointer by pointer.
        let request = unsafe {
            Request::read(
                program_out,
                (refusal_out, refusal_len_out),
                (post, post_len),
                (at, at_len),
            )?
        };
        // SAFETY: the caller's contract above.
        let units = unsafe { args::utf8(units, units_len, "units")? };
        request.release(approved, ledger, units_arg(units)?)
    })
}

/// The output units a host named, spelled as the core spells them (`mm`, `inch`).
fn units_arg(text: &str) -> Result<Units, FfiError> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| FfiError::argument("units", format_args!("unknown units {text:?} (known: mm, inch)")))
}

/// The checked arguments every release shares.
struct Request<'a> {
    program_out: Out<*mut RmosProgram>,
    refusal_out: Option<StringOut>,
    post: Post,
    at: &'a str,
}

impl<'a> Request<'a> {
    /// # Safety
    /// As `rmos_program_generate`'s, for these arguments.
    unsafe fn read(
        program_out: *mut *mut RmosProgram,
        (refusal_out, refusal_len_out): (*mut *mut c_char, *mut usize),
        (post, post_len): (*const c_char, usize),
        (at, at_len): (*const c_char, usize),
    ) -> Result<Self, FfiError> {
        // SAFETY: the caller's contract, passed on pointer by pointer.
        let (program_out, refusal_out, post, at) = unsafe {
            (
                Out::new(program_out, "program_out", std::ptr::null_mut())?,
                StringOut::optional(refusal_out, refusal_len_out, "refusal_out")?,
                args::utf8(post, post_len, "post")?,
                args::utf8(at, at_len, "at")?,
            )
        };
        Ok(Self {
            program_out,
            refusal_out,
            post: post.parse().map_err(|e| FfiError::argument("post", e))?,
            at,
        })
    }

    fn release(
        self,
        approved: *const RmosApproved,
        ledger: *mut RmosLedger,
        units: Units,
    ) -> Result<(), FfiError> {
        let approved = handles::get(approved, "approved")?;
        let ledger = handles::get(ledger.cast_const(), "ledger")?;
        let options = PostOptions {
            post: self.post,
            units,
        };
        let released = {
            let mut store = ledger.lock()?;
            Program::release(&approved.approved, options, self.at, &mut *store)
        };
        match released {
            Ok(program) => {
                self.program_out.write(handles::make(RmosProgram { program }));
                Ok(())
            }
            Err(err) => {
                if let Some(out) = &self.refusal_out {
                    out.write(Refusal::of_release(&err).to_json().as_bytes());
                }
                let status = match err {
                    ReleaseError::Store(_) => RmosStatus::RMOS_STORE,
                    _ => RmosStatus::RMOS_BLOCKED,
                };
                Err(FfiError::new(status, err.to_string()))
            }
        }
    }
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

/// What the program is, the program summary document: `{"artifact_id": "sha256:...", "seq": N, "post":
/// "grbl", "units": "mm" | "inch", "gcode_bytes": N, "output_hash": "sha256:...", "bounds": {"min": [x, y,
/// z], "max": [x, y, z]}, "cut_length_mm", "rapid_length_mm", "cycle_time_s"}` (bounds and lengths of the
/// planned toolpath, mm; the estimated running time, s), as a new string the caller frees with
/// `rmos_string_free`; `*summary_len_out` (when not NULL) is its length. Python's `Program.summary_json()`
/// gives the same bytes.
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
        out.write(ProgramSummary::of(program).to_json().as_bytes());
        Ok(())
    })
}

/// The program's `toolpath` run artifact as JSON (schema `rmos.run/1`, with the G-code's attachment
/// reference), in the canonical form the ledger holds, as a new string the caller frees with `rmos_string_free`.
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
        out.write(&program.program.artifact().canonical_bytes());
        Ok(())
    })
}

/// Frees a program handle. NULL is a no-op (`RMOS_OK`); a freed handle or one of another kind is
/// `RMOS_INVALID_ARGUMENT` and nothing is freed. Strings taken from it stay valid.
#[no_mangle]
pub extern "C" fn rmos_program_free(program: *mut RmosProgram) -> RmosStatus {
    guard(|| handles::free(program.cast_const(), "program"))
}
