//! The C ABI gives rmos-core's output documents byte for byte: the same job run through the core directly
//! and through the C entry points, into ledgers that start empty, gives the same refusal, program summary,
//! read-back summary, verify result and artifact list. The exact shapes are asserted too, so a change to
//! one shows here as well as in every host that parses it.

use std::ffi::{c_char, CStr};
use std::ptr::{null, null_mut};

use rmos_core::documents::{
    artifacts_json, Document, ProgramSummary, ReadbackSummary, Refusal, VerifyResult,
};
use rmos_core::gates::{Actor, Override, Policy};
use rmos_core::job::Job;
use rmos_core::posts::{Post, Units};
use rmos_core::program::{PostOptions, Program};
use rmos_core::readback;
use rmos_core::runs::{verify, MemoryStore, RunStore};
use rmos_core::workflow::Session;
use rmos_ffi::*;

const TOP: &str = include_str!("../../examples/jobs/guitar_top.json");
const AT: &str = "2026-11-22T10:00:00Z";
const WHO: &str = "luthier";
const WHY: &str = "fresh 1/16 bit, runout checked, air blast on";

/// Takes an RMOS string: its text, freed.
fn take(ptr: *mut c_char, len: usize) -> String {
    assert!(!ptr.is_null());
    // SAFETY: RMOS gave a NUL-terminated string of `len` bytes.
    let text = unsafe { CStr::from_ptr(ptr) }.to_str().unwrap().to_owned();
    assert_eq!(text.len(), len);
    assert_eq!(rmos_string_free(ptr), RmosStatus::RMOS_OK);
    text
}

struct CRun {
    job: *mut RmosJob,
    evaluated: *mut RmosEvaluated,
    ledger: *mut RmosLedger,
}

impl CRun {
    fn new(text: &str, policy: Option<&str>) -> Self {
        let (mut job, mut evaluated, mut ledger) = (null_mut(), null_mut(), null_mut());
        let (policy_ptr, policy_len) = policy.map_or((null(), 0), |p| (p.as_ptr().cast(), p.len()));
        // SAFETY: every pointer is a live local or a string with its length.
        unsafe {
            assert_eq!(
                rmos_job_from_json(text.as_ptr().cast(), text.len(), &mut job),
                RmosStatus::RMOS_OK
            );
            assert_eq!(
                rmos_evaluate(job, policy_ptr, policy_len, &mut evaluated),
                RmosStatus::RMOS_OK
            );
            assert_eq!(rmos_ledger_memory(&mut ledger), RmosStatus::RMOS_OK);
        }
        Self {
            job,
            evaluated,
            ledger,
        }
    }

    /// Approves (with `why` when given); the handle, or the refusal document.
    fn approve(&self, why: Option<&str>) -> Result<*mut RmosApproved, (RmosStatus, String)> {
        let (mut approved, mut refusal, mut len) = (null_mut(), null_mut(), 0);
        // SAFETY: every pointer is a live local or a string with its length.
        let status = unsafe {
            match why {
                None => rmos_approve(
                    self.evaluated,
                    self.ledger,
                    RMOS_ACTOR_HUMAN,
                    WHO.as_ptr().cast(),
                    WHO.len(),
                    AT.as_ptr().cast(),
                    AT.len(),
                    &mut approved,
                    &mut refusal,
                    &mut len,
                ),
                Some(why) => rmos_approve_with_override(
                    self.evaluated,
                    self.ledger,
                    RMOS_ACTOR_HUMAN,
                    WHO.as_ptr().cast(),
                    WHO.len(),
                    AT.as_ptr().cast(),
                    AT.len(),
                    why.as_ptr().cast(),
                    why.len(),
                    false,
                    &mut approved,
                    &mut refusal,
                    &mut len,
                ),
            }
        };
        match status {
            RmosStatus::RMOS_OK => Ok(approved),
            other => Err((other, take(refusal, len))),
        }
    }

    fn generate(
        &self,
        approved: *mut RmosApproved,
        units: &str,
    ) -> Result<*mut RmosProgram, (RmosStatus, String)> {
        let (mut program, mut refusal, mut len) = (null_mut(), null_mut(), 0);
        // SAFETY: every pointer is a live local or a string with its length.
        let status = unsafe {
            rmos_program_generate_with_units(
                approved,
                self.ledger,
                c"grbl".as_ptr(),
                4,
                units.as_ptr().cast(),
                units.len(),
                AT.as_ptr().cast(),
                AT.len(),
                &mut program,
                &mut refusal,
                &mut len,
            )
        };
        match status {
            RmosStatus::RMOS_OK => Ok(program),
            other => Err((other, take(refusal, len))),
        }
    }

    fn verify(&self) -> String {
        let (mut detail, mut len) = (null_mut(), 0);
        // SAFETY: live locals.
        assert_eq!(
            unsafe { rmos_ledger_verify(self.ledger, &mut detail, &mut len) },
            RmosStatus::RMOS_OK
        );
        take(detail, len)
    }

    fn artifacts(&self) -> String {
        let (mut json, mut len) = (null_mut(), 0);
        // SAFETY: live locals.
        assert_eq!(
            unsafe { rmos_ledger_artifacts_json(self.ledger, &mut json, &mut len) },
            RmosStatus::RMOS_OK
        );
        take(json, len)
    }
}

impl Drop for CRun {
    fn drop(&mut self) {
        assert_eq!(rmos_evaluated_free(self.evaluated), RmosStatus::RMOS_OK);
        assert_eq!(rmos_job_free(self.job), RmosStatus::RMOS_OK);
        assert_eq!(rmos_ledger_free(self.ledger), RmosStatus::RMOS_OK);
    }
}

#[test]
fn a_refused_approval_is_the_core_refusal() {
    let c = CRun::new(TOP, None);
    let (status, c_refusal) = c.approve(None).unwrap_err();
    assert_eq!(status, RmosStatus::RMOS_BLOCKED);

    let mut store = MemoryStore::new();
    let session = Session::new(Job::from_json(TOP).unwrap()).evaluate(&Policy::default());
    let blocked = session.approve(&Actor::human(WHO), AT, &mut store).unwrap_err();
    assert_eq!(c_refusal, Refusal::of_approval(&blocked).to_json());

    let id = store.head().unwrap().unwrap();
    let report = serde_json::to_string(session.report()).unwrap();
    assert_eq!(
        c_refusal,
        format!(
            r#"{{"status":"BLOCKED","artifact_id":"{id}","reasons":["YELLOW job needs a human override with a written reason"],"report":{report}}}"#
        )
    );
}

#[test]
fn a_released_inch_program_its_ledger_and_its_verification_are_the_core_documents() {
    let c = CRun::new(TOP, None);
    let approved = c.approve(Some(WHY)).unwrap();
    let program = c.generate(approved, "inch").unwrap();
    let (mut summary, mut len) = (null_mut(), 0);
    // SAFETY: live locals.
    assert_eq!(
        unsafe { rmos_program_summary_json(program, &mut summary, &mut len) },
        RmosStatus::RMOS_OK
    );
    let c_summary = take(summary, len);

    let mut store = MemoryStore::new();
    let session = Session::new(Job::from_json(TOP).unwrap()).evaluate(&Policy::default());
    let core_approved = session
        .approve_with_override(&Actor::human(WHO), &Override::new(WHY, false), AT, &mut store)
        .unwrap();
    let options = PostOptions {
        post: Post::Grbl,
        units: Units::Inch,
    };
    let core_program = Program::release(&core_approved, options, AT, &mut store).unwrap();
    assert_eq!(c_summary, ProgramSummary::of(&core_program).to_json());

    let toolpath = core_program.toolpath();
    let bounds = serde_json::to_string(&toolpath.bounds()).unwrap();
    let num = |v: f64| serde_json::to_string(&v).unwrap();
    assert_eq!(
        c_summary,
        format!(
            r#"{{"artifact_id":"{}","seq":1,"post":"grbl","units":"inch","gcode_bytes":{},"output_hash":"{}","bounds":{bounds},"cut_length_mm":{},"rapid_length_mm":{},"cycle_time_s":{}}}"#,
            core_program.artifact_id(),
            core_program.gcode().len(),
            rmos_core::content::ContentHash::of(core_program.gcode().as_bytes()),
            num(toolpath.cut_length_mm()),
            num(toolpath.rapid_length_mm()),
            num(toolpath.cycle_time_s()),
        )
    );

    let verified = verify(&store);
    assert_eq!(c.verify(), VerifyResult::of(&verified).unwrap().to_json());
    assert_eq!(
        c.verify(),
        format!(
            r#"{{"verified":true,"artifacts":2,"head":"{}"}}"#,
            core_program.artifact_id()
        )
    );
    assert_eq!(c.artifacts(), artifacts_json(&store).unwrap());
    let listed: Vec<serde_json::Value> = serde_json::from_str(&c.artifacts()).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["id"], core_program.artifact_id().to_string());
    assert_eq!(listed[1]["kind"], "toolpath");

    assert_eq!(rmos_program_free(program), RmosStatus::RMOS_OK);
    assert_eq!(rmos_approved_free(approved), RmosStatus::RMOS_OK);
}

#[test]
fn a_refused_release_is_the_core_refusal_without_a_report() {
    let no_emit = r#"{"grants": [{"kind": "human", "capabilities": ["approve", "override_yellow"]}]}"#;
    let c = CRun::new(TOP, Some(no_emit));
    let approved = c.approve(Some(WHY)).unwrap();
    let (status, c_refusal) = c.generate(approved, "mm").unwrap_err();
    assert_eq!(status, RmosStatus::RMOS_BLOCKED);

    let mut store = MemoryStore::new();
    let policy = Policy::from_json(no_emit).unwrap();
    let session = Session::new(Job::from_json(TOP).unwrap()).evaluate(&policy);
    let core_approved = session
        .approve_with_override(&Actor::human(WHO), &Override::new(WHY, false), AT, &mut store)
        .unwrap();
    let err = Program::release(&core_approved, Post::Grbl, AT, &mut store).unwrap_err();
    assert_eq!(c_refusal, Refusal::of_release(&err).to_json());
    assert_eq!(
        c_refusal,
        format!(
            r#"{{"status":"BLOCKED","artifact_id":"{}","reasons":["human actor \"luthier\" may not produce G-code"]}}"#,
            store.head().unwrap().unwrap()
        )
    );
    assert_eq!(rmos_approved_free(approved), RmosStatus::RMOS_OK);
}

#[test]
fn a_read_back_is_the_core_read_back_summary() {
    let hand = "G21 G90\nG0 X230 Y210 Z-1\nM30\n";
    let c = CRun::new(TOP, None);
    let job = Job::from_json(TOP).unwrap();
    for post in [None, Some(Post::Grbl), Some(Post::LinuxCnc)] {
        let (mut report, mut len) = (null_mut(), 0);
        let name = post.map(Post::id);
        let (post_ptr, post_len) = name.map_or((null(), 0), |p| (p.as_ptr().cast(), p.len()));
        // SAFETY: live locals and strings with their lengths.
        let status = unsafe {
            rmos_check_gcode(
                c.job,
                hand.as_ptr().cast(),
                hand.len(),
                post_ptr,
                post_len,
                &mut report,
                &mut len,
            )
        };
        assert_eq!(status, RmosStatus::RMOS_OK);
        let c_report = take(report, len);
        let core = match post {
            Some(post) => readback::check_for(hand, &job, post),
            None => readback::check(hand, &job),
        };
        assert_eq!(c_report, ReadbackSummary::of(&core).to_json());
        let doc: serde_json::Value = serde_json::from_str(&c_report).unwrap();
        assert_eq!(doc.as_object().unwrap().len(), 8);
        assert!(c_report.starts_with(r#"{"passed":false,"bucket":"RED","findings":[{"code":"RB_RAPID_LOW","#));
        let at = |key: &str| c_report.rfind(&format!(r#""{key}":"#)).unwrap();
        let order = ["findings", "bounds", "deepest_z", "post", "stats", "engine"].map(at);
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{c_report}");
        assert_eq!(doc["findings"][0]["code"], "RB_RAPID_LOW");
        assert_eq!(doc["findings"][0]["line"], 2);
        assert_eq!(doc["post"], name.map_or(serde_json::Value::Null, Into::into));
    }
}
