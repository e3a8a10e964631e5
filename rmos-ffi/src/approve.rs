//! Approval: an evaluation, an actor and a ledger to an `RmosApproved` handle, or a recorded refusal.

use std::ffi::c_char;

use rmos_core::documents::{Document, Refusal};
use rmos_core::gates::{Actor, Override};
use rmos_core::workflow::Blocked;

use crate::args::{self, Out, StringOut};
use crate::guard::guard;
use crate::handles;
use crate::status::{FfiError, RmosStatus};
use crate::types::{RmosApproved, RmosEvaluated, RmosLedger};

/// The kind of actor asking for an approval: one of the `RMOS_ACTOR_*` values.
///
/// A plain integer, not a C enum, so that any value a host passes is checked rather than undefined:
/// anything else is `RMOS_INVALID_ARGUMENT`.
pub type RmosActorKind = u32;

/// A person at the machine or the CAM desk: the only kind that may approve or override.
pub const RMOS_ACTOR_HUMAN: RmosActorKind = 1;
/// An AI or other advisory system: may evaluate and propose, never approve or produce G-code.
pub const RMOS_ACTOR_AI: RmosActorKind = 2;
/// An automated service (a CAM host's batch process): may produce G-code from a human's approval.
pub const RMOS_ACTOR_SERVICE: RmosActorKind = 3;

/// Asks for approval of an evaluated job without an override: a GREEN job approves for an actor the
/// evaluation's policy lets approve (a human, under the default policy).
///
/// `actor_id` names the actor (UTF-8); `at` is the host's timestamp, RFC 3339 UTC
/// (`2026-11-22T10:00:00Z`): RMOS reads no clock. Every attempt is appended to `ledger` before this
/// returns, whatever its outcome.
///
/// - `RMOS_OK`: `*approved_out` is a new handle the caller owns and frees with `rmos_approved_free`.
/// - `RMOS_BLOCKED`: the gate said no (a YELLOW or RED job, an AI actor, ...) or the timestamp was not
///   RFC 3339; the refusal is in the ledger. When `refusal_out` is not NULL, `*refusal_out` is a new string
///   the caller frees with `rmos_string_free`, the refusal document `{"status": "BLOCKED" | "ERROR",
///   "artifact_id": "sha256:...", "reasons": [...], "report": {...}}` (Python's `BlockedError.document`
///   holds the same bytes), and `*refusal_len_out` (when not NULL) its length.
/// - `RMOS_STORE`: the ledger failed and nothing was recorded (the refusal, when asked for, says so with
///   `"artifact_id": null`).
/// - `RMOS_INVALID_ARGUMENT`: a NULL or wrong handle, an unknown actor kind, text that is not UTF-8;
///   nothing was recorded.
///
/// On every outcome but `RMOS_OK`, `*approved_out` is NULL; `*refusal_out` is NULL except as above.
/// The evaluation and the ledger are only used during the call; the caller keeps both.
///
/// # Safety
/// `actor_id` and `at` must point to `actor_id_len` and `at_len` readable bytes (or be NULL);
/// `approved_out` must be a writable `RmosApproved *` (or NULL); `refusal_out` a writable `char *` or NULL,
/// `refusal_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_approve(
    evaluated: *const RmosEvaluated,
    ledger: *mut RmosLedger,
    actor_kind: RmosActorKind,
    actor_id: *const c_char,
    actor_id_len: usize,
    at: *const c_char,
    at_len: usize,
    approved_out: *mut *mut RmosApproved,
    refusal_out: *mut *mut c_char,
    refusal_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let request = unsafe {
            Request::read(
                approved_out,
                refusal_out,
                refusal_len_out,
                actor_kind,
                (actor_id, actor_id_len),
                (at, at_len),
            )?
        };
        request.approve(evaluated, ledger, None)
    })
}

/// Asks for approval with a human's override: a YELLOW job approves with a written `reason` (at least the
/// policy's minimum length, 10 characters by default); a RED job only where the policy enables RED
/// overrides and `acknowledge_risk` is true. Only a human may override.
///
/// Outcomes, ownership and lifetimes are those of `rmos_approve`; the override reason is recorded in the
/// approval artifact.
///
/// # Safety
/// As `rmos_approve`; `reason` must point to `reason_len` readable bytes (or be NULL).
#[no_mangle]
pub unsafe extern "C" fn rmos_approve_with_override(
    evaluated: *const RmosEvaluated,
    ledger: *mut RmosLedger,
    actor_kind: RmosActorKind,
    actor_id: *const c_char,
    actor_id_len: usize,
    at: *const c_char,
    at_len: usize,
    reason: *const c_char,
    reason_len: usize,
    acknowledge_risk: bool,
    approved_out: *mut *mut RmosApproved,
    refusal_out: *mut *mut c_char,
    refusal_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let request = unsafe {
            Request::read(
                approved_out,
                refusal_out,
                refusal_len_out,
                actor_kind,
                (actor_id, actor_id_len),
                (at, at_len),
            )?
        };
        // SAFETY: the caller's contract above.
        let reason = unsafe { args::utf8(reason, reason_len, "reason")? };
        request.approve(evaluated, ledger, Some(Override::new(reason, acknowledge_risk)))
    })
}

/// Id of the approval's run artifact (`sha256:<hex>`), as a new string the caller frees with
/// `rmos_string_free`; `*id_len_out` (when not NULL) is its length.
///
/// # Safety
/// `id_out` must be a writable `char *` (or NULL); `id_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_approved_artifact_id(
    approved: *const RmosApproved,
    id_out: *mut *mut c_char,
    id_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { StringOut::new(id_out, id_len_out, "id_out")? };
        let approved = handles::get(approved, "approved")?;
        out.write(approved.approved.artifact_id().to_string().as_bytes());
        Ok(())
    })
}

/// The approval's run artifact as JSON (schema `rmos.run/1`: id, seq, prev, kind, status, at, actor,
/// hashes, the report, engines, reasons), in the canonical form the ledger holds, as a new string the caller
/// frees with `rmos_string_free`.
///
/// # Safety
/// `artifact_out` must be a writable `char *` (or NULL); `artifact_len_out` a writable `size_t` or NULL.
#[no_mangle]
pub unsafe extern "C" fn rmos_approved_artifact_json(
    approved: *const RmosApproved,
    artifact_out: *mut *mut c_char,
    artifact_len_out: *mut usize,
) -> RmosStatus {
    guard(|| {
        // SAFETY: the caller's contract above.
        let out = unsafe { StringOut::new(artifact_out, artifact_len_out, "artifact_out")? };
        let approved = handles::get(approved, "approved")?;
        out.write(&approved.approved.artifact().canonical_bytes());
        Ok(())
    })
}

/// Frees an approval handle. NULL is a no-op (`RMOS_OK`); a freed handle or one of another kind is
/// `RMOS_INVALID_ARGUMENT` and nothing is freed. Programs generated from it stay valid.
#[no_mangle]
pub extern "C" fn rmos_approved_free(approved: *mut RmosApproved) -> RmosStatus {
    guard(|| handles::free(approved.cast_const(), "approved"))
}

/// The checked arguments every approval shares.
struct Request<'a> {
    approved_out: Out<*mut RmosApproved>,
    refusal_out: Option<StringOut>,
    actor: Actor,
    at: &'a str,
}

impl<'a> Request<'a> {
    /// # Safety
    /// As `rmos_approve`'s, for these arguments.
    unsafe fn read(
        approved_out: *mut *mut RmosApproved,
        refusal_out: *mut *mut c_char,
        refusal_len_out: *mut usize,
        actor_kind: RmosActorKind,
        (actor_id, actor_id_len): (*const c_char, usize),
        (at, at_len): (*const c_char, usize),
    ) -> Result<Self, FfiError> {
        // SAFETY: the caller's contract, passed on pointer by pointer.
        unsafe {
            Ok(Self {
                approved_out: Out::new(approved_out, "approved_out", std::ptr::null_mut())?,
                refusal_out: StringOut::optional(refusal_out, refusal_len_out, "refusal_out")?,
                actor: actor(actor_kind, args::utf8(actor_id, actor_id_len, "actor_id")?)?,
                at: args::utf8(at, at_len, "at")?,
            })
        }
    }

    fn approve(
        self,
        evaluated: *const RmosEvaluated,
        ledger: *mut RmosLedger,
        override_: Option<Override>,
    ) -> Result<(), FfiError> {
        let evaluated = handles::get(evaluated, "evaluated")?;
        let ledger = handles::get(ledger.cast_const(), "ledger")?;
        let session = &evaluated.session;
        let outcome = {
            let mut store = ledger.lock()?;
            match &override_ {
                None => session.approve(&self.actor, self.at, &mut *store),
                Some(o) => session.approve_with_override(&self.actor, o, self.at, &mut *store),
            }
        };
        match outcome {
            Ok(approved) => {
                self.approved_out.write(handles::make(RmosApproved { approved }));
                Ok(())
            }
            Err(blocked) => {
                if let Some(out) = &self.refusal_out {
                    out.write(Refusal::of_approval(&blocked).to_json().as_bytes());
                }
                Err(blocked_error(&blocked))
            }
        }
    }
}

/// The actor a host named.
fn actor(kind: RmosActorKind, id: &str) -> Result<Actor, FfiError> {
    match kind {
        RMOS_ACTOR_HUMAN => Ok(Actor::human(id)),
        RMOS_ACTOR_AI => Ok(Actor::ai(id)),
        RMOS_ACTOR_SERVICE => Ok(Actor::service(id)),
        other => Err(FfiError::argument(
            "actor_kind",
            format_args!(
                "{other} is not an actor kind (RMOS_ACTOR_HUMAN 1, RMOS_ACTOR_AI 2, RMOS_ACTOR_SERVICE 3)"
            ),
        )),
    }
}

fn blocked_error(blocked: &Blocked) -> FfiError {
    let status = if blocked.store_error.is_some() {
        RmosStatus::RMOS_STORE
    } else {
        RmosStatus::RMOS_BLOCKED
    };
    FfiError::new(status, blocked.to_string())
}
