//! Every handle and string a full run gives out is freed by its free function: the registry ends where it
//! started. (One test in its own binary, so no other test changes the count meanwhile.)

use std::ptr::{null, null_mut};

use rmos_ffi::*;

#[test]
fn a_full_run_leaves_no_live_handle() {
    let before = live_count();
    let text = include_str!("../../examples/jobs/guitar_top.json");
    let at = "2026-11-22T10:00:00Z";
    let why = "fresh 1/16 bit, runout checked";
    let (mut job, mut evaluated, mut ledger, mut approved, mut program) =
        (null_mut(), null_mut(), null_mut(), null_mut(), null_mut());
    let (mut report, mut gcode, mut refusal) = (null_mut(), null_mut(), null_mut());
    // SAFETY: every pointer is a live local or a string with its length.
    unsafe {
        assert_eq!(
            rmos_job_from_json(text.as_ptr().cast(), text.len(), &mut job),
            RmosStatus::RMOS_OK
        );
        assert_eq!(rmos_evaluate(job, null(), 0, &mut evaluated), RmosStatus::RMOS_OK);
        assert_eq!(
            rmos_evaluated_report_json(evaluated, &mut report, null_mut()),
            RmosStatus::RMOS_OK
        );
        assert_eq!(rmos_ledger_memory(&mut ledger), RmosStatus::RMOS_OK);
        let status = rmos_approve(
            evaluated,
            ledger,
            RMOS_ACTOR_HUMAN,
            c"luthier".as_ptr(),
            7,
            at.as_ptr().cast(),
            at.len(),
            &mut approved,
            &mut refusal,
            null_mut(),
        );
        assert_eq!(status, RmosStatus::RMOS_BLOCKED);
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
            null_mut(),
            null_mut(),
        );
        assert_eq!(status, RmosStatus::RMOS_OK);
        let status = rmos_program_generate(
            approved,
            ledger,
            c"fanuc".as_ptr(),
            5,
            at.as_ptr().cast(),
            at.len(),
            &mut program,
            null_mut(),
            null_mut(),
        );
        assert_eq!(status, RmosStatus::RMOS_OK);
        assert_eq!(
            rmos_program_gcode(program, &mut gcode, null_mut()),
            RmosStatus::RMOS_OK
        );
    }
    // Job, evaluation, ledger, approval, program and three strings.
    assert_eq!(live_count(), before + 8);
    for s in [report, gcode, refusal] {
        assert_eq!(rmos_string_free(s), RmosStatus::RMOS_OK);
    }
    assert_eq!(rmos_program_free(program), RmosStatus::RMOS_OK);
    assert_eq!(rmos_approved_free(approved), RmosStatus::RMOS_OK);
    assert_eq!(rmos_ledger_free(ledger), RmosStatus::RMOS_OK);
    assert_eq!(rmos_evaluated_free(evaluated), RmosStatus::RMOS_OK);
    assert_eq!(rmos_job_free(job), RmosStatus::RMOS_OK);
    assert_eq!(live_count(), before);
}
