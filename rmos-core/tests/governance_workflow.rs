//! The approval workflow: one artifact per attempt (S3), the report is RMOS's own (S1), AI never approves (S5).

mod common;

use common::*;
use proptest::prelude::*;
use rmos_core::feasibility::Bucket;
use rmos_core::gates::{Actor, ActorKind, Override, Policy};
use rmos_core::job::Job;
use rmos_core::runs::{ArtifactKind, MemoryStore, RunStatus, RunStore};
use rmos_core::workflow::Session;

fn last(store: &MemoryStore) -> rmos_core::runs::RunArtifact {
    let n = store.len().unwrap();
    let mut found = None;
    store
        .for_each_stored(&mut |s| {
            if s.seq + 1 == n {
                found = Some(rmos_core::runs::RunArtifact::from_canonical_bytes(&s.bytes).unwrap());
            }
            Ok(())
        })
        .unwrap();
    found.unwrap()
}

#[test]
fn green_job_approves_and_records_ok_with_rmos_report() {
    let policy = Policy::default();
    let mut store = MemoryStore::new();
    let evaluated = Session::new(green_job()).evaluate(&policy);
    assert_eq!(
        evaluated.bucket(),
        Bucket::Green,
        "{:?}",
        evaluated.report().findings
    );
    let approved = evaluated
        .approve(&Actor::human("luthier"), AT, &mut store)
        .unwrap();
    let a = last(&store);
    assert_eq!(store.len().unwrap(), 1);
    assert_eq!(a.id, approved.artifact_id());
    assert_eq!((a.seq, a.prev), (0, None));
    assert_eq!(a.record.kind, ArtifactKind::Approval);
    assert_eq!(a.record.status, RunStatus::Ok);
    assert_eq!(a.record.at, AT);
    assert_eq!(a.record.actor, Actor::human("luthier"));
    assert_eq!(a.record.report.as_deref(), Some(evaluated.report()));
    assert_eq!(a.record.policy_hash, policy.hash());
    assert_eq!(a.record.request_hash, evaluated.request_hash());
    assert!(a.record.engines.feasibility.starts_with("rmos.feasibility/"));
    store.verify().unwrap();
}

#[test]
fn client_feasibility_in_the_document_never_reaches_the_artifact() {
    let lying = GREEN_JOB
        .replace(
            "{\n  \"name\"",
            "{\"feasibility\": {\"bucket\": \"GREEN\"}, \"approved\": true, \"name\"",
        )
        .replace("\"depth_mm\": 6", "\"depth_mm\": 50, \"risk_bucket\": \"GREEN\"");
    let job = Job::from_json(&lying).unwrap();
    assert!(job.client_feasibility_ignored());
    let policy = Policy::default();
    let mut store = MemoryStore::new();
    let evaluated = Session::new(job).evaluate(&policy);
    assert_eq!(evaluated.bucket(), Bucket::Red);
    assert!(evaluated.report().client_feasibility_ignored);
    let blocked = evaluated
        .approve(&Actor::human("luthier"), AT, &mut store)
        .unwrap_err();
    assert_eq!(blocked.status, RunStatus::Blocked);
    let a = last(&store);
    assert_eq!(a.record.status, RunStatus::Blocked);
    assert_eq!(a.record.report.as_ref().unwrap().bucket, Bucket::Red);
    assert!(a.record.report.as_ref().unwrap().client_feasibility_ignored);
}

#[test]
fn yellow_is_blocked_then_approved_with_a_reason_and_both_are_recorded() {
    let policy = Policy::default();
    let mut store = MemoryStore::new();
    let evaluated = Session::new(yellow_job()).evaluate(&policy);
    assert_eq!(
        evaluated.bucket(),
        Bucket::Yellow,
        "{:?}",
        evaluated.report().findings
    );
    let luthier = Actor::human("luthier");
    let blocked = evaluated.approve(&luthier, AT, &mut store).unwrap_err();
    assert_eq!(
        blocked.reasons,
        ["YELLOW job needs a human override with a written reason"]
    );
    assert_eq!(blocked.artifact_id, Some(last(&store).id));
    let why = Override::new("fresh bit, runout checked", false);
    let approved = evaluated
        .approve_with_override(&luthier, &why, AT, &mut store)
        .unwrap();
    let a = last(&store);
    assert_eq!((a.seq, a.record.status), (1, RunStatus::Ok));
    assert_eq!(a.record.reasons, ["YELLOW override: fresh bit, runout checked"]);
    assert_eq!(approved.artifact_id(), a.id);
    store.verify().unwrap();
}

#[test]
fn red_is_blocked_with_its_findings_in_the_artifact() {
    let policy = Policy::default();
    let mut store = MemoryStore::new();
    let evaluated = Session::new(red_job()).evaluate(&policy);
    assert_eq!(evaluated.bucket(), Bucket::Red);
    let ack = Override::new("operator insists, scrap piece", true);
    let blocked = evaluated
        .approve_with_override(&Actor::human("luthier"), &ack, AT, &mut store)
        .unwrap_err();
    assert_eq!(blocked.reasons, ["policy does not enable RED overrides"]);
    let a = last(&store);
    assert_eq!(a.record.status, RunStatus::Blocked);
    let codes = a
        .record
        .report
        .as_ref()
        .unwrap()
        .codes()
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>();
    assert!(codes.contains(&"F022".to_string()), "{codes:?}");
}

#[test]
fn ai_actor_is_refused_even_on_a_green_job_and_the_attempt_is_recorded() {
    let policy = Policy::default();
    let mut store = MemoryStore::new();
    let evaluated = Session::new(green_job()).evaluate(&policy);
    let blocked = evaluated
        .approve(&Actor::ai("assistant"), AT, &mut store)
        .unwrap_err();
    assert_eq!(blocked.reasons, ["ai actor \"assistant\" may not approve"]);
    let a = last(&store);
    assert_eq!(
        (a.record.status, a.record.actor.kind),
        (RunStatus::Blocked, ActorKind::Ai)
    );
}

#[test]
fn the_approval_is_decided_under_the_policy_the_job_was_evaluated_under() {
    let strict = Policy::default();
    let loose = Policy {
        allow_red_override: true,
        ..Policy::default()
    };
    let why = Override::new("scrap top, operator at the stop", true);
    let mut store = MemoryStore::new();
    let under_strict = Session::new(red_job()).evaluate(&strict);
    let blocked = under_strict
        .approve_with_override(&Actor::human("luthier"), &why, AT, &mut store)
        .unwrap_err();
    assert_eq!(blocked.status, RunStatus::Blocked);
    assert!(blocked
        .reasons
        .contains(&"policy does not enable RED overrides".to_owned()));
    assert_eq!(last(&store).record.policy_hash, strict.hash());

    let under_loose = Session::new(red_job()).evaluate(&loose);
    let approved = under_loose
        .approve_with_override(&Actor::human("luthier"), &why, AT, &mut store)
        .unwrap();
    assert_eq!(approved.policy(), &loose);
    assert_eq!(last(&store).record.status, RunStatus::Ok);
    assert_eq!(last(&store).record.policy_hash, loose.hash());
}

#[test]
fn a_bad_timestamp_is_an_error_artifact() {
    let policy = Policy::default();
    let evaluated = Session::new(green_job()).evaluate(&policy);
    for at in [
        "",
        "yesterday",
        "2026-11-22 10:00:00",
        "2026-13-22T10:00:00Z",
        "2026-11-22T10:00:00+01:00",
    ] {
        let mut store = MemoryStore::new();
        let blocked = evaluated
            .approve(&Actor::human("luthier"), at, &mut store)
            .unwrap_err();
        assert_eq!(blocked.status, RunStatus::Error, "{at}");
        assert!(blocked.reasons[0].starts_with("at: "), "{:?}", blocked.reasons);
        assert_eq!(store.len().unwrap(), 1);
    }
    for at in ["2026-11-22T10:00:00Z", "2026-11-22T10:00:00.125Z"] {
        let mut store = MemoryStore::new();
        assert!(
            evaluated
                .approve(&Actor::human("luthier"), at, &mut store)
                .is_ok(),
            "{at}"
        );
    }
}

#[test]
fn a_failing_store_gives_no_approval_and_loses_nothing_already_stored() {
    let policy = Policy::default();
    let evaluated = Session::new(green_job()).evaluate(&policy);
    let mut store = FailingStore {
        ok: 1,
        ..FailingStore::default()
    };
    let luthier = Actor::human("luthier");
    evaluated.approve(&luthier, AT, &mut store).unwrap();
    let blocked = evaluated.approve(&luthier, AT, &mut store).unwrap_err();
    assert_eq!((blocked.status, blocked.artifact_id), (RunStatus::Error, None));
    assert!(blocked.store_error.is_some());
    assert_eq!(store.len().unwrap(), 1);
    store.inner.verify().unwrap();
}

#[test]
fn evaluation_is_deterministic_and_identical_attempts_differ_only_by_chain_position() {
    let policy = Policy::default();
    let a = Session::new(yellow_job()).evaluate(&policy);
    let b = Session::new(yellow_job()).evaluate(&policy);
    assert_eq!(a.report(), b.report());
    assert_eq!(a.request_hash(), b.request_hash());
    let mut s1 = MemoryStore::new();
    let mut s2 = MemoryStore::new();
    let luthier = Actor::human("luthier");
    let why = Override::new("fresh bit, runout checked", false);
    let x = a.approve_with_override(&luthier, &why, AT, &mut s1).unwrap();
    let y = b.approve_with_override(&luthier, &why, AT, &mut s2).unwrap();
    assert_eq!(x.artifact_id(), y.artifact_id());
}

#[derive(Debug, Clone)]
enum Attempt {
    Plain(usize, ActorKind),
    Override(usize, ActorKind, String, bool),
    OtherPolicy(usize),
    BadTime(usize),
}

fn attempt() -> impl Strategy<Value = Attempt> {
    let kind = prop_oneof![
        Just(ActorKind::Human),
        Just(ActorKind::Ai),
        Just(ActorKind::Service)
    ];
    prop_oneof![
        (0usize..3, kind.clone()).prop_map(|(j, k)| Attempt::Plain(j, k)),
        (0usize..3, kind, "[a-z ]{0,20}", any::<bool>())
            .prop_map(|(j, k, r, a)| Attempt::Override(j, k, r, a)),
        (0usize..3).prop_map(Attempt::OtherPolicy),
        (0usize..3).prop_map(Attempt::BadTime),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// S3: random attempts by random actors leave exactly one artifact each, and the chain verifies.
    #[test]
    fn every_attempt_leaves_exactly_one_artifact(attempts in proptest::collection::vec(attempt(), 1..12)) {
        let policy = Policy::default();
        let jobs = [green_job(), yellow_job(), red_job()];
        let loose = Policy { allow_red_override: true, ..Policy::default() };
        let loose_sessions: Vec<_> = jobs.iter().map(|j| Session::new(j.clone()).evaluate(&loose)).collect();
        let sessions: Vec<_> = jobs.into_iter().map(|j| Session::new(j).evaluate(&policy)).collect();
        let mut store = MemoryStore::new();
        for (n, a) in attempts.iter().enumerate() {
            let result = match a {
                Attempt::Plain(j, k) => sessions[*j].approve(&Actor { kind: *k, id: "a".into() }, AT, &mut store),
                Attempt::Override(j, k, r, ack) => sessions[*j].approve_with_override(
                    &Actor { kind: *k, id: "a".into() }, &Override::new(r.clone(), *ack), AT, &mut store),
                Attempt::OtherPolicy(j) => loose_sessions[*j].approve_with_override(
                    &Actor::human("h"), &Override::new("scrap top, operator at the stop", true), AT, &mut store),
                Attempt::BadTime(j) => sessions[*j].approve(&Actor::human("h"), "now", &mut store),
            };
            prop_assert_eq!(store.len().unwrap(), n as u64 + 1);
            let a = last(&store);
            match result {
                Ok(approved) => {
                    prop_assert_eq!(a.record.status, RunStatus::Ok);
                    prop_assert_eq!(a.record.actor.kind, ActorKind::Human);
                    prop_assert_eq!(approved.artifact_id(), a.id);
                }
                Err(blocked) => {
                    prop_assert_ne!(a.record.status, RunStatus::Ok);
                    prop_assert_eq!(blocked.artifact_id, Some(a.id));
                }
            }
        }
        prop_assert!(store.verify().is_ok());
    }
}
