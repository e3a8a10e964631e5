//! Read-back: any G-code program held against a job, as the audit every released program passed.

use std::ffi::c_char;

use rmos_core::documents::{Document, ReadbackSummary};
use rmos_core::posts::Post;
use rmos_core::readback;

use crate::args::{self, StringOut};
use crate::guard::guard;
use crate::handles;
use crate::status::{FfiError, RmosStatus};
use crate::types::RmosJob;

/// Reads a G-code program that RMOS did not write (by hand, by another CAM tool) and holds it against
/// `job`: the read-back audit every released program passed, with the word rules of `post` (`grbl`,
/// `linuxcnc`, `mach3` or `fanuc`, case-insensitive), or the dialect-neutral rules when `post` is NULL.
/// Nothing is recorded.
///
/// On `RMOS_OK`, `*report_out` is a new string the caller frees with `rmos_string_free`, the read-back
/// summary document `{"bounds", "bucket", "deepest_z", "engine", "findings": [{"bucket", "code", "limit",
/// "line", "message", "operation", "value"}], "passed", "post", "stats"}`, the same bytes as Python's
/// `check_gcode(gcode, job, post=...).summary_json()`; `*report_len_out` (when not NULL) its length.
/// A program with findings is still `RMOS_OK`: `"passed"` is false when one is RED.
/// `RMOS_INVALID_ARGUMENT` for a NULL or wrong handle, a NULL `gcode`, text that is not UTF-8 or an
/// unknown post; `*report_out` is NULL then.
///
/// # Safety
/// `gcode` must point to `gcode_len` readable bytes (or be NULL); `post` to `post_len` readable bytes, or be
/// NULL; `report_out` must be a writable `char *` (or NULL); `report_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_check_gcode(
    job: *const RmosJob,
    gcode: *const c_char,
    gcode_len: usize,
    post: *const c_char,
    post_len: usize,
    report_out: *mut *mut c_char,
    report_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above, pointer by pointer.
        let (out, gcode, post) = unsafe {
            (
                StringOut::new(report_out, report_len_out, "report_out")?,
                args::utf8(gcode, gcode_len, "gcode")?,
                args::optional_utf8(post, post_len, "post")?,
            )
        };
        let post = post
            .map(|p| p.parse::<Post>().map_err(|e| FfiError::argument("post", e)))
            .transpose()?;
        let job = &handles::get(job, "job")?.job;
        let report = match post {
            Some(post) => readback::check_for(gcode, job, post),
            None => readback::check(gcode, job),
        };
        out.write(ReadbackSummary::of(&report).to_json().as_bytes());
        Ok(())
    })
}
