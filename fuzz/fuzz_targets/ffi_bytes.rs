//! The C entry points that take bytes, called as a C host would, with arbitrary bytes for each: the job
//! document, the policy document, the actor, the time, the override reason, the post name and a program
//! to read back against the job. The input is split at 0xFF bytes (which UTF-8 never holds) into those
//! seven parts. No call may panic
//! (`RMOS_INTERNAL`), every status is one the header documents for the call, and every handle and string
//! made is freed.
#![no_main]

use std::ffi::c_char;
use std::ptr;

use libfuzzer_sys::fuzz_target;
use rmos_ffi::*;

fn bytes(part: &[u8]) -> (*const c_char, usize) {
    (part.as_ptr().cast(), part.len())
}

fn ok(status: RmosStatus, what: &str) -> bool {
    assert!(
        matches!(
            status,
            RmosStatus::RMOS_OK
                | RmosStatus::RMOS_INVALID_ARGUMENT
                | RmosStatus::RMOS_INVALID_JOB
                | RmosStatus::RMOS_BLOCKED
        ),
        "{what}: {status:?}"
    );
    status == RmosStatus::RMOS_OK
}

fn free_string(s: *mut c_char) {
    assert_eq!(rmos_string_free(s), RmosStatus::RMOS_OK);
}

fuzz_target!(|data: &[u8]| {
    let live = live_count();
    run(data);
    assert_eq!(live_count(), live, "a handle or string was left live");
});

fn run(data: &[u8]) {
    let mut parts = data.split(|&b| b == 0xFF);
    let mut next = || parts.next().unwrap_or(&[]);
    let (job_json, policy, actor, at, reason, post) = (next(), next(), next(), next(), next(), next());
    let gcode = next();

    let mut job = ptr::null_mut();
    let (p, n) = bytes(job_json);
    // SAFETY: `p` points to `n` readable bytes; `job` is a writable handle pointer.
    if !ok(
        unsafe { rmos_job_from_json(p, n, &mut job) },
        "rmos_job_from_json",
    ) {
        assert!(job.is_null());
        return;
    }
    let (mut json, mut len) = (ptr::null_mut(), 0usize);
    // SAFETY: a live job handle and writable out-pointers.
    assert!(ok(
        unsafe { rmos_job_to_json(job, &mut json, &mut len) },
        "rmos_job_to_json"
    ));
    free_string(json);

    let mut evaluated = ptr::null_mut();
    // An empty part means the default policy (NULL), as the header documents.
    let (p, n) = if policy.is_empty() {
        (ptr::null(), 0)
    } else {
        bytes(policy)
    };
    // SAFETY: as above.
    let evaluated_ok = ok(
        unsafe { rmos_evaluate(job, p, n, &mut evaluated) },
        "rmos_evaluate",
    );
    // Read-back of any program against the job, with the post part as the dialect (empty: none named).
    let (mut report, mut report_len) = (ptr::null_mut(), 0usize);
    let ((gp, gn), (pp, pn)) = (
        bytes(gcode),
        if post.is_empty() {
            (ptr::null(), 0)
        } else {
            bytes(post)
        },
    );
    // SAFETY: a live job handle, `gp`/`pp` point to `gn`/`pn` readable bytes (or `pp` is NULL), writable
    // out-pointers.
    if ok(
        unsafe { rmos_check_gcode(job, gp, gn, pp, pn, &mut report, &mut report_len) },
        "rmos_check_gcode",
    ) {
        free_string(report);
    } else {
        assert!(report.is_null());
    }
    assert_eq!(rmos_job_free(job), RmosStatus::RMOS_OK);
    if !evaluated_ok {
        return;
    }
    let mut ledger = ptr::null_mut();
    // SAFETY: a writable handle pointer.
    assert!(ok(
        unsafe { rmos_ledger_memory(&mut ledger) },
        "rmos_ledger_memory"
    ));
    let (mut approved, mut refusal, mut refusal_len) = (ptr::null_mut(), ptr::null_mut(), 0usize);
    let ((ap, an), (tp, tn), (rp, rn)) = (bytes(actor), bytes(at), bytes(reason));
    // SAFETY: live handles, byte pointers with their lengths, writable out-pointers.
    let status = unsafe {
        rmos_approve_with_override(
            evaluated,
            ledger,
            RMOS_ACTOR_HUMAN,
            ap,
            an,
            tp,
            tn,
            rp,
            rn,
            true,
            &mut approved,
            &mut refusal,
            &mut refusal_len,
        )
    };
    if !refusal.is_null() {
        free_string(refusal);
    }
    if ok(status, "rmos_approve_with_override") {
        let (mut program, mut refusal, mut refusal_len) = (ptr::null_mut(), ptr::null_mut(), 0usize);
        let (pp, pn) = bytes(post);
        // SAFETY: as above.
        let status = unsafe {
            rmos_program_generate(
                approved,
                ledger,
                pp,
                pn,
                tp,
                tn,
                &mut program,
                &mut refusal,
                &mut refusal_len,
            )
        };
        if !refusal.is_null() {
            free_string(refusal);
        }
        if ok(status, "rmos_program_generate") {
            let (mut gcode, mut len) = (ptr::null_mut(), 0usize);
            // SAFETY: a live program handle and writable out-pointers.
            assert!(ok(
                unsafe { rmos_program_gcode(program, &mut gcode, &mut len) },
                "rmos_program_gcode"
            ));
            free_string(gcode);
            assert_eq!(rmos_program_free(program), RmosStatus::RMOS_OK);
        }
        assert_eq!(rmos_approved_free(approved), RmosStatus::RMOS_OK);
    }
    assert_eq!(rmos_ledger_free(ledger), RmosStatus::RMOS_OK);
    assert_eq!(rmos_evaluated_free(evaluated), RmosStatus::RMOS_OK);
}
