//! Advisory proposals (S4): a proposal becomes a new draft that must be evaluated and approved again.

mod common;

use common::*;
use rmos_advisory::{Change, Proposal, ProposalError};
use rmos_core::feasibility::Bucket;
use rmos_core::gates::{Actor, Policy};
use rmos_core::runs::{MemoryStore, RunStore};
use rmos_core::workflow::Session;

fn proposal(based_on: rmos_core::content::ContentHash, changes: Vec<Change>) -> Proposal {
    Proposal {
        based_on,
        changes,
        rationale: "shallower cut".into(),
        author: Actor::ai("assistant"),
    }
}

#[test]
fn a_proposal_fixing_a_red_job_yields_a_draft_that_still_needs_a_human() {
    let policy = Policy::default();
    let red = Session::new(red_job());
    let p = proposal(
        red.request_hash(),
        vec![Change::new("operations[0].depth_mm", 6.0)],
    );
    let draft = p.apply(red.job()).unwrap();
    assert_eq!(draft.job(), &green_job());
    let evaluated = draft.evaluate(&policy);
    assert_eq!(evaluated.bucket(), Bucket::Green);
    let mut store = MemoryStore::new();
    // The proposal's author cannot approve its own proposal.
    assert!(evaluated.approve(&p.author, AT, &mut store).is_err());
    assert!(evaluated
        .approve(&Actor::human("luthier"), AT, &mut store)
        .is_ok());
    assert_eq!(store.len().unwrap(), 2);
}

#[test]
fn a_stale_proposal_is_refused() {
    let green = Session::new(green_job());
    let red = Session::new(red_job());
    let p = proposal(
        red.request_hash(),
        vec![Change::new("cutting.feed_mm_min", 2500.0)],
    );
    match p.apply(green.job()) {
        Err(ProposalError::Stale { based_on, current }) => {
            assert_eq!((based_on, current), (red.request_hash(), green.request_hash()));
        }
        other => panic!("expected Stale, got {other:?}"),
    }
}

#[test]
fn bad_paths_and_invalid_results_are_typed_errors() {
    let s = Session::new(green_job());
    let h = s.request_hash();
    let cases = [
        ("cutting.no_such_field", "no field \"no_such_field\""),
        ("operations[7].depth_mm", "no item 7"),
        ("operations[x].depth_mm", "bad index"),
        ("", "must name a field"),
    ];
    for (path, want) in cases {
        match proposal(h, vec![Change::new(path, 1.0)]).apply(s.job()) {
            Err(ProposalError::BadPath { index: 0, reason }) => assert!(reason.contains(want), "{reason}"),
            other => panic!("{path}: {other:?}"),
        }
    }
    match proposal(h, vec![Change::new("operations[0].depth_mm", -1.0)]).apply(s.job()) {
        Err(ProposalError::InvalidJob(e)) => assert_eq!(e.to_string(), "operations[0].depth_mm: must be > 0"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_proposal_cannot_smuggle_feasibility_into_the_job() {
    let s = Session::new(red_job());
    let value = serde_json::json!({"op": "rect_pocket", "corner_mm": [100, 100], "size_mm": [76, 56],
        "corner_radius_mm": 6.35, "depth_mm": 50, "risk_bucket": "GREEN", "approved": true});
    let draft = proposal(s.request_hash(), vec![Change::new("operations[0]", value)])
        .apply(s.job())
        .unwrap();
    let evaluated = draft.evaluate(&Policy::default());
    assert_eq!(evaluated.bucket(), Bucket::Red);
    assert!(evaluated.report().client_feasibility_ignored);
}
