//! Ledgers: where every approval attempt and program is recorded, and their verification.

use std::ffi::c_char;

use rmos_core::documents::{artifacts_json, Document, VerifyResult};
use rmos_core::runs::{verify, RunStore};

use crate::args::{self, Out, StringOut};
use crate::guard::guard;
use crate::handles;
use crate::status::{FfiError, RmosStatus};
use crate::types::RmosLedger;
use rmos_store::Ledger;

/// Makes an empty ledger held in memory (for tests, and hosts that export the chain themselves).
///
/// On `RMOS_OK`, `*ledger_out` is a new handle the caller owns and frees with `rmos_ledger_free`;
/// everything recorded in it is gone then.
///
/// # Safety
/// `ledger_out` must be a writable `RmosLedger *` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn rmos_ledger_memory(ledger_out: *mut *mut RmosLedger) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { Out::new(ledger_out, "ledger_out", std::ptr::null_mut())? };
        out.write(handles::make(RmosLedger::new(Ledger::memory())));
        Ok(())
    })
}

/// Opens the durable ledger at `path` (UTF-8), creating it when it is missing or empty: a SQLite file, or
/// the PostgreSQL database a `postgresql://` or `postgres://` URL names (its password from the URL,
/// `PGPASSWORD` or `~/.pgpass`, and never in a message).
///
/// The file is append-only (every append is one transaction, on disk before the call that made it returns)
/// and may be shared with other processes, which wait for each other's writes.
///
/// On `RMOS_OK`, `*ledger_out` is a new handle the caller owns and frees with `rmos_ledger_free`, which
/// closes the file. `RMOS_STORE` when the file cannot be opened or created, is not an RMOS ledger, or is one
/// of another schema version (the message names the path); `*ledger_out` is NULL then. The path is only
/// read during the call.
///
/// # Safety
/// `path` must point to `path_len` readable bytes (or be NULL); `ledger_out` must be a writable
/// `RmosLedger *` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn rmos_ledger_open(
    path: *const c_char,
    path_len: usize,
    ledger_out: *mut *mut RmosLedger,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { Out::new(ledger_out, "ledger_out", std::ptr::null_mut())? };
        // SAFETY: the caller's contract above.
        let path = unsafe { args::utf8(path, path_len, "path")? };
        let store = Ledger::open_location(path, &rmos_store::OpenOptions::new())
            .map_err(|e| FfiError::new(RmosStatus::RMOS_STORE, e.to_string()))?;
        out.write(handles::make(RmosLedger::new(store)));
        Ok(())
    })
}

/// The number of artifacts in the ledger, written to `*len_out` (0 on failure).
///
/// `RMOS_STORE` when the ledger cannot be read.
///
/// # Safety
/// `len_out` must be a writable `uint64_t` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn rmos_ledger_len(ledger: *const RmosLedger, len_out: *mut u64) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { Out::new(len_out, "len_out", 0)? };
        let ledger = handles::get(ledger, "ledger")?;
        let len = ledger.lock()?.len()?;
        out.write(len);
        Ok(())
    })
}

/// Walks the whole chain and recomputes every content address.
///
/// - `RMOS_OK`: the chain verifies. `*detail_out` (when `detail_out` is not NULL) is the verify result
///   `{"verified": true, "artifacts": N, "head": "sha256:..." | null}` (Python's `VerifyReport.to_json()`
///   gives the same bytes): keep the head outside the ledger to anchor it (a chain with its tail cut off
///   still verifies).
/// - `RMOS_TAMPERED`: an artifact was edited, deleted, reordered or inserted, or an attachment changed;
///   the message and `{"verified": false, "seq": N, "reason": "..."}` name the first bad seq.
/// - `RMOS_STORE`: the ledger could not be read (no detail).
///
/// `*detail_out` is a new string the caller frees with `rmos_string_free`, `*detail_len_out` (when not
/// NULL) its length; NULL when there is no detail.
///
/// # Safety
/// `detail_out` must be a writable `char *` or NULL; `detail_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_ledger_verify(
    ledger: *const RmosLedger,
    detail_out: *mut *mut c_char,
    detail_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { StringOut::optional(detail_out, detail_len_out, "detail_out")? };
        let ledger = handles::get(ledger, "ledger")?;
        let verified = verify(&*ledger.lock()?);
        let Some(detail) = VerifyResult::of(&verified) else {
            return verified.map(drop).map_err(FfiError::from);
        };
        if let Some(out) = &out {
            out.write(detail.to_json().as_bytes());
        }
        verified.map(drop).map_err(FfiError::from)
    })
}

/// Every artifact in the ledger, in seq order, as one JSON array of the canonical artifact documents the
/// ledger holds (schema `rmos.run/1`): `[{"actor": ..., "id": "sha256:...", "seq": 0, ...}, ...]`, `[]` for
/// an empty ledger. Python's `Ledger.artifacts_json()` gives the same bytes.
///
/// On `RMOS_OK`, `*json_out` is a new string the caller frees with `rmos_string_free`, `*json_len_out`
/// (when not NULL) its length. `RMOS_STORE` when the ledger cannot be read or an artifact in it does not
/// read back (the message names its seq); `*json_out` is NULL then.
///
/// # Safety
/// `json_out` must be a writable `char *` (or NULL); `json_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_ledger_artifacts_json(
    ledger: *const RmosLedger,
    json_out: *mut *mut c_char,
    json_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { StringOut::new(json_out, json_len_out, "json_out")? };
        let ledger = handles::get(ledger, "ledger")?;
        let text = artifacts_json(&*ledger.lock()?)?;
        out.write(text.as_bytes());
        Ok(())
    })
}

/// Frees a ledger handle (closing its file, for a durable ledger). NULL is a no-op (`RMOS_OK`); a freed
/// handle or one of another kind is `RMOS_INVALID_ARGUMENT` and nothing is freed. A call still using the
/// ledger on another thread finishes first.
#[no_mangle]
pub extern "C" fn rmos_ledger_free(ledger: *mut RmosLedger) -> RmosStatus {
    guard(|| handles::free(ledger.cast_const(), "ledger"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{rmos_approve, rmos_evaluate, rmos_job_from_json, rmos_string_free, RmosJob};
    use rmos_core::runs::MemoryStore;
    use std::ffi::CStr;

    fn approve_one(ledger: *mut RmosLedger) {
        let text = include_str!("../../examples/jobs/maple_neck_truss_rod.json");
        let (mut job, mut evaluated, mut approved) = (
            std::ptr::null_mut::<RmosJob>(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
        let at = "2026-11-22T10:00:00Z";
        // SAFETY: every pointer is a live local or a string with its length.
        unsafe {
            assert_eq!(
                rmos_job_from_json(text.as_ptr().cast(), text.len(), &mut job),
                RmosStatus::RMOS_OK
            );
            assert_eq!(
                rmos_evaluate(job, std::ptr::null(), 0, &mut evaluated),
                RmosStatus::RMOS_OK
            );
            let status = rmos_approve(
                evaluated,
                ledger,
                crate::RMOS_ACTOR_HUMAN,
                c"luthier".as_ptr(),
                7,
                at.as_ptr().cast(),
                at.len(),
                &mut approved,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            assert_eq!(status, RmosStatus::RMOS_OK);
        }
        handles::free(approved.cast_const(), "approved").unwrap();
        handles::free(evaluated.cast_const(), "evaluated").unwrap();
        handles::free(job.cast_const(), "job").unwrap();
    }

    /// The chain of a memory ledger whose bytes were changed does not verify, and the detail names the seq.
    #[test]
    fn a_tampered_memory_ledger_is_rmos_tampered() {
        let ledger = handles::make(RmosLedger::new(Ledger::memory()));
        approve_one(ledger);
        approve_one(ledger);
        let tampered = {
            let held = handles::get(ledger.cast_const(), "ledger").unwrap();
            let store = held.lock().unwrap();
            let rmos_store::HostLedger::Plain(Ledger::Memory(memory)) = &*store else {
                unreachable!()
            };
            let (artifacts, attachments) = memory.clone().into_raw();
            let mut artifacts = artifacts;
            let text = String::from_utf8(artifacts[1].bytes.clone())
                .unwrap()
                .replace("luthier", "lutheir");
            artifacts[1].bytes = text.into_bytes();
            MemoryStore::from_raw(artifacts, attachments)
        };
        let bad = handles::make(RmosLedger::new(Ledger::Memory(tampered)));
        let mut detail = std::ptr::null_mut();
        // SAFETY: `detail` is a live local; the length pointer may be NULL.
        let status = unsafe { rmos_ledger_verify(bad, &mut detail, std::ptr::null_mut()) };
        assert_eq!(status, RmosStatus::RMOS_TAMPERED);
        assert!(crate::last_error().starts_with("ledger tampered: seq 1: content address mismatch"));
        // SAFETY: `detail` is a NUL-terminated string from rmos.
        let text = unsafe { CStr::from_ptr(detail) }.to_str().unwrap().to_owned();
        assert!(
            text.starts_with(r#"{"verified":false,"seq":1,"reason":"content address mismatch"#),
            "{text}"
        );
        assert_eq!(rmos_string_free(detail), RmosStatus::RMOS_OK);

        // The untouched ledger still verifies.
        // SAFETY: NULL detail is allowed.
        let status = unsafe { rmos_ledger_verify(ledger, std::ptr::null_mut(), std::ptr::null_mut()) };
        assert_eq!(status, RmosStatus::RMOS_OK);
        assert_eq!(rmos_ledger_free(bad), RmosStatus::RMOS_OK);
        assert_eq!(rmos_ledger_free(ledger), RmosStatus::RMOS_OK);
    }
}
