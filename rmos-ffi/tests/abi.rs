//! The ABI called from Rust: what C tests cannot reach portably (misaligned pointers, random addresses) and
//! properties over many inputs.

use std::ffi::CStr;
use std::ptr::{null, null_mut};

use proptest::prelude::*;
use rmos_ffi::*;

fn last_error() -> String {
    // SAFETY: rmos_last_error_message returns a NUL-terminated string valid until this thread's next call.
    unsafe { CStr::from_ptr(rmos_last_error_message()) }
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_length_over_its_limit_is_refused_before_a_byte_is_read() {
    // A 16-byte buffer passed with lengths far past its end: only the limit check stands between RMOS and a
    // read past the buffer, so each call must refuse on the length alone.
    let buf = [b'{'; 16];
    let mut job = null_mut();
    for (len, message) in [
        (
            8 * 1024 * 1024 + 1,
            "job_json: length 8388609 is over the 8388608-byte limit",
        ),
        (
            usize::MAX,
            "job_json: length 18446744073709551615 is over the 8388608-byte limit",
        ),
    ] {
        // SAFETY: the length is refused before the buffer is read (what this test proves).
        let status = unsafe { rmos_job_from_json(buf.as_ptr().cast(), len, &mut job) };
        assert_eq!(status, RmosStatus::RMOS_INVALID_ARGUMENT);
        assert_eq!(last_error(), message);
        assert!(job.is_null());
    }
}

#[test]
fn misaligned_out_pointers_are_refused_and_not_written() {
    let text = include_str!("../../examples/jobs/fretboard.json");
    let mut buf = [0xAA_u8; 32];
    // An out-pointer one byte into an aligned buffer: never a valid `RmosJob *` slot.
    let base = buf.as_mut_ptr();
    let offset = base.align_offset(std::mem::align_of::<*mut RmosJob>()) + 1;
    let misaligned = base.wrapping_add(offset).cast::<*mut RmosJob>();
    // SAFETY: the text is `len` readable bytes; the out-pointer is checked before any write.
    let status = unsafe { rmos_job_from_json(text.as_ptr().cast(), text.len(), misaligned) };
    assert_eq!(status, RmosStatus::RMOS_INVALID_ARGUMENT);
    assert_eq!(last_error(), "job_out: misaligned out-pointer");
    assert!(buf.iter().all(|b| *b == 0xAA));

    let mut len_buf = [0xAA_u8; 16];
    let base = len_buf.as_mut_ptr();
    let offset = base.align_offset(std::mem::align_of::<u64>()) + 1;
    let misaligned_len = base.wrapping_add(offset).cast::<u64>();
    let mut ledger = null_mut();
    // SAFETY: `ledger` is a live local; the misaligned pointer is checked before any write.
    unsafe {
        assert_eq!(rmos_ledger_memory(&mut ledger), RmosStatus::RMOS_OK);
        assert_eq!(
            rmos_ledger_len(ledger, misaligned_len),
            RmosStatus::RMOS_INVALID_ARGUMENT
        );
    }
    assert_eq!(last_error(), "len_out: misaligned out-pointer");
    assert!(len_buf.iter().all(|b| *b == 0xAA));
    assert_eq!(rmos_ledger_free(ledger), RmosStatus::RMOS_OK);
}

#[test]
fn an_evaluation_keeps_its_policy_for_the_approval() {
    // Under a policy that needs 40 characters of reason, a 30-character override is refused.
    let text = include_str!("../../examples/jobs/guitar_top.json");
    let policy = r#"{"min_override_reason_chars": 40}"#;
    let at = "2026-11-22T10:00:00Z";
    let why = "fresh bit, runout checked, ok"; // 29 characters
    let (mut job, mut evaluated, mut ledger, mut approved) = (null_mut(), null_mut(), null_mut(), null_mut());
    let mut refusal = null_mut();
    // SAFETY: every pointer is a live local or a string with its length.
    unsafe {
        assert_eq!(
            rmos_job_from_json(text.as_ptr().cast(), text.len(), &mut job),
            RmosStatus::RMOS_OK
        );
        let status = rmos_evaluate(job, policy.as_ptr().cast(), policy.len(), &mut evaluated);
        assert_eq!(status, RmosStatus::RMOS_OK);
        assert_eq!(rmos_ledger_memory(&mut ledger), RmosStatus::RMOS_OK);
        let status = rmos_approve_with_override(
            evaluated,
            ledger,
            RMOS_ACTOR_HUMAN,
            c"luthier".as_ptr(),
            7,
            at.as_ptr().cast(),
            at.len(),
            why.as_ptr().cast(),
            why.len(),
            false,
            &mut approved,
            &mut refusal,
            null_mut(),
        );
        assert_eq!(status, RmosStatus::RMOS_BLOCKED);
        assert!(approved.is_null());
        let refusal_text = CStr::from_ptr(refusal).to_str().unwrap();
        assert!(refusal_text.contains("40"), "{refusal_text}");
    }
    assert_eq!(rmos_string_free(refusal), RmosStatus::RMOS_OK);
    assert_eq!(rmos_ledger_free(ledger), RmosStatus::RMOS_OK);
    assert_eq!(rmos_evaluated_free(evaluated), RmosStatus::RMOS_OK);
    assert_eq!(rmos_job_free(job), RmosStatus::RMOS_OK);
}

proptest! {
    /// Any bytes as a job document: a job, an invalid job, or (not UTF-8) an invalid argument. Never a panic.
    #[test]
    fn any_bytes_as_a_job_are_answered(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut job = null_mut();
        // SAFETY: `bytes` is `len` readable bytes; `job` is a live local.
        let status = unsafe { rmos_job_from_json(bytes.as_ptr().cast(), bytes.len(), &mut job) };
        let expected = if std::str::from_utf8(&bytes).is_ok() {
            RmosStatus::RMOS_INVALID_JOB
        } else {
            RmosStatus::RMOS_INVALID_ARGUMENT
        };
        prop_assert_eq!(status, expected);
        prop_assert!(job.is_null());
        prop_assert!(!last_error().is_empty());
    }

    /// Addresses rmos never gave out are refused by every kind of call, without being read or written.
    #[test]
    fn foreign_addresses_are_refused(addr in 1usize..usize::MAX) {
        let addr = addr & !7; // aligned, so only the registry can refuse it
        prop_assume!(addr != 0);
        let job = std::ptr::without_provenance_mut::<RmosJob>(addr);
        let mut evaluated = null_mut();
        // SAFETY: the handle is looked up, never dereferenced; `evaluated` is a live local.
        let status = unsafe { rmos_evaluate(job, null(), 0, &mut evaluated) };
        prop_assert_eq!(status, RmosStatus::RMOS_INVALID_ARGUMENT);
        prop_assert_eq!(rmos_job_free(job), RmosStatus::RMOS_INVALID_ARGUMENT);
        prop_assert_eq!(rmos_ledger_free(job.cast()), RmosStatus::RMOS_INVALID_ARGUMENT);
        prop_assert_eq!(rmos_program_free(job.cast()), RmosStatus::RMOS_INVALID_ARGUMENT);
        prop_assert_eq!(rmos_string_free(job.cast()), RmosStatus::RMOS_INVALID_ARGUMENT);
    }

    /// Every actor kind that is not one of the three named ones is refused before anything is recorded.
    #[test]
    fn unknown_actor_kinds_record_nothing(kind in any::<u32>()) {
        prop_assume!(![RMOS_ACTOR_HUMAN, RMOS_ACTOR_AI, RMOS_ACTOR_SERVICE].contains(&kind));
        let text = include_str!("../../examples/jobs/maple_neck_truss_rod.json");
        let at = "2026-11-22T10:00:00Z";
        let (mut job, mut evaluated, mut ledger, mut approved) = (null_mut(), null_mut(), null_mut(), null_mut());
        let mut len = 99;
        // SAFETY: every pointer is a live local or a string with its length.
        unsafe {
            prop_assert_eq!(rmos_job_from_json(text.as_ptr().cast(), text.len(), &mut job), RmosStatus::RMOS_OK);
            prop_assert_eq!(rmos_evaluate(job, null(), 0, &mut evaluated), RmosStatus::RMOS_OK);
            prop_assert_eq!(rmos_ledger_memory(&mut ledger), RmosStatus::RMOS_OK);
            let status = rmos_approve(evaluated, ledger, kind, c"x".as_ptr(), 1, at.as_ptr().cast(), at.len(),
                &mut approved, null_mut(), null_mut());
            prop_assert_eq!(status, RmosStatus::RMOS_INVALID_ARGUMENT);
            prop_assert_eq!(rmos_ledger_len(ledger, &mut len), RmosStatus::RMOS_OK);
        }
        prop_assert_eq!(len, 0);
        prop_assert_eq!(rmos_ledger_free(ledger), RmosStatus::RMOS_OK);
        prop_assert_eq!(rmos_evaluated_free(evaluated), RmosStatus::RMOS_OK);
        prop_assert_eq!(rmos_job_free(job), RmosStatus::RMOS_OK);
    }
}
