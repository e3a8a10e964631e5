//! Release: programs exist only from approvals and are recorded before they are returned (S2, S3, S8, D1).

mod common;

use common::*;
use rmos_core::content::ContentHash;
use rmos_core::gates::{Actor, ActorKind, Capability, Grant, Override, Policy};
use rmos_core::job::Job;
use rmos_core::posts::{Post, Units};
use rmos_core::program::Program;
use rmos_core::runs::{ArtifactKind, MemoryStore, RunStatus, RunStore};
use rmos_core::workflow::{Approved, Evaluated, Session};
use rmos_core::{PostOptions, ReleaseError};

const LATER: &str = "2026-11-22T10:05:00Z";

fn approve(job: Job, policy: &Policy, store: &mut impl RunStore) -> Approved<Session<Evaluated>> {
    let why = Override::new("fresh bit, runout checked", true);
    Session::new(job)
        .evaluate(policy)
        .approve_with_override(&Actor::human("luthier"), &why, AT, store)
        .unwrap()
}

#[test]
fn every_post_releases_a_recorded_program_with_its_gcode_attached() {
    for post in Post::ALL {
        let policy = Policy::default();
        let mut store = MemoryStore::new();
        let approved = approve(yellow_job(), &policy, &mut store);
        let program = Program::release(&approved, post, LATER, &mut store).unwrap();
        assert_eq!(store.len().unwrap(), 2, "{post}");
        let a = store.get(&program.artifact_id()).unwrap().unwrap();
        assert_eq!((a.seq, a.prev), (1, Some(approved.artifact_id())));
        assert_eq!(
            (a.record.kind, a.record.status),
            (ArtifactKind::Toolpath, RunStatus::Ok)
        );
        assert_eq!(a.record.post.as_deref(), Some(post.id()));
        assert_eq!(a.record.actor, Actor::human("luthier"));
        assert_eq!(a.record.reasons, [format!("approval {}", approved.artifact_id())]);
        let hash = ContentHash::of(program.gcode().as_bytes());
        assert_eq!(a.record.output_hash, Some(hash));
        assert_eq!(a.record.attachments.len(), 1);
        assert_eq!(a.record.attachments[0].sha256, hash);
        assert_eq!(
            store.attachment(&hash).unwrap().unwrap(),
            program.gcode().as_bytes()
        );
        assert!(a
            .record
            .engines
            .post
            .as_deref()
            .unwrap()
            .starts_with(&format!("rmos.post.{}/", post.id())));
        assert!(a.record.engines.toolpath.is_some());
        // The program names the approval, the request and the policy it came from (Fanuc comments are
        // upper case, without colons).
        for needle in [
            approved.artifact_id(),
            approved.session().request_hash(),
            policy.hash(),
        ] {
            let needle = match post {
                Post::Fanuc => needle.to_string().to_uppercase().replace(':', " "),
                _ => needle.to_string(),
            };
            assert!(program.gcode().contains(&needle), "{post}: {needle} missing");
        }
        assert!(program.readback().passed());
        store.verify().unwrap();
    }
}

#[test]
fn the_same_approval_gives_the_same_bytes() {
    for post in Post::ALL {
        let policy = Policy::default();
        let (mut s1, mut s2) = (MemoryStore::new(), MemoryStore::new());
        let a1 = approve(yellow_job(), &policy, &mut s1);
        let a2 = approve(yellow_job(), &policy, &mut s2);
        let p1 = Program::release(&a1, post, LATER, &mut s1).unwrap();
        let p2 = Program::release(&a2, post, LATER, &mut s2).unwrap();
        assert_eq!(p1.gcode(), p2.gcode());
        assert_eq!(p1.artifact_id(), p2.artifact_id());
    }
}

#[test]
fn inch_output_is_recorded_and_reads_back_to_the_same_bounds() {
    let policy = Policy::default();
    let mut store = MemoryStore::new();
    let approved = approve(yellow_job(), &policy, &mut store);
    let mm = Program::release(&approved, Post::LinuxCnc, LATER, &mut store).unwrap();
    let options = PostOptions {
        post: Post::LinuxCnc,
        units: Units::Inch,
    };
    let inch = Program::release(&approved, options, LATER, &mut store).unwrap();
    assert!(inch.gcode().contains("G20"));
    let (a, b) = (mm.readback().bounds.unwrap(), inch.readback().bounds.unwrap());
    for i in 0..3 {
        assert!((a.min[i] - b.min[i]).abs() < 0.003, "{a:?} {b:?}");
        assert!((a.max[i] - b.max[i]).abs() < 0.003, "{a:?} {b:?}");
    }
}

#[test]
fn a_policy_that_withholds_gcode_blocks_release_and_records_it() {
    let policy = Policy {
        grants: vec![Grant {
            kind: ActorKind::Human,
            capabilities: vec![Capability::Approve, Capability::OverrideYellow],
        }],
        ..Policy::default()
    };
    let mut store = MemoryStore::new();
    let approved = approve(yellow_job(), &policy, &mut store);
    match Program::release(&approved, Post::Grbl, LATER, &mut store) {
        Err(ReleaseError::NotPermitted { artifact_id, reason }) => {
            assert_eq!(reason, "human actor \"luthier\" may not produce G-code");
            let a = store.get(&artifact_id).unwrap().unwrap();
            assert_eq!(
                (a.record.status, a.record.output_hash.is_none()),
                (RunStatus::Blocked, true)
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_job_the_planner_cannot_cut_is_an_error_artifact_and_no_program() {
    // Rings narrower than the tool: RED, approved only under a policy that enables RED overrides.
    let text = include_str!("../../examples/jobs/guitar_top.json").replace("\"rings\": 2", "\"rings\": 8");
    let policy = Policy {
        allow_red_override: true,
        ..Policy::default()
    };
    let mut store = MemoryStore::new();
    let approved = approve(Job::from_json(&text).unwrap(), &policy, &mut store);
    match Program::release(&approved, Post::Grbl, LATER, &mut store) {
        Err(ReleaseError::Failed { artifact_id, reasons }) => {
            assert!(reasons[0].starts_with("planning failed: "), "{reasons:?}");
            let a = store.get(&artifact_id).unwrap().unwrap();
            assert_eq!(
                (a.record.status, a.record.attachments.len()),
                (RunStatus::Error, 0)
            );
        }
        other => panic!("{other:?}"),
    }
    store.verify().unwrap();
}

#[test]
fn a_bad_timestamp_or_a_failing_store_releases_nothing() {
    let policy = Policy::default();
    let mut store = FailingStore {
        ok: 1,
        ..FailingStore::default()
    };
    let approved = approve(yellow_job(), &policy, &mut store);
    assert!(matches!(
        Program::release(&approved, Post::Grbl, LATER, &mut store),
        Err(ReleaseError::Store(_))
    ));
    assert_eq!(store.len().unwrap(), 1);

    let mut store = MemoryStore::new();
    let approved = approve(yellow_job(), &policy, &mut store);
    match Program::release(&approved, Post::Grbl, "tomorrow", &mut store) {
        Err(ReleaseError::Failed { reasons, .. }) => assert!(reasons[0].starts_with("at: ")),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.len().unwrap(), 2);
}
