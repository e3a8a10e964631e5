//! Signed approvals: the member owning the key is the actor, the policy in force decides, every attempt is
//! recorded, and a statement made for one ledger or head approves nothing anywhere else.

mod authority_support;
#[path = "common/mod.rs"]
mod common;

use authority_support::*;
use proptest::prelude::*;
use rmos_core::authority::{SignedStatement, APPROVAL_ATTACHMENT, JOB_ATTACHMENT};
use rmos_core::content::{canonical_bytes, hash_canonical};
use rmos_core::gates::{Actor, ActorKind, Override, Policy};
use rmos_core::keys::SigningKey;
use rmos_core::runs::{RunStatus, RunStore};
use rmos_core::workflow::Session;

#[test]
fn a_human_members_signature_approves_a_green_job_as_that_member() {
    let mut ledger = ledger();
    let evaluated = Session::new(common::green_job()).evaluate(&Policy::default());
    let approved = evaluated
        .approve_signed(&apprentice(), None, AT, &mut ledger)
        .unwrap();
    assert_eq!(approved.actor(), &Actor::human("apprentice"));
    assert_eq!(approved.artifact().seq, 1);
    assert_eq!(approved.ledger().map(|(id, _)| id), Some(LEDGER));
    let record = &approved.artifact().record;
    assert_eq!(record.status, RunStatus::Ok);
    assert_eq!(record.policy_hash, Policy::default().hash());
    let names: Vec<&str> = record.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, [JOB_ATTACHMENT, APPROVAL_ATTACHMENT]);
    // The job document is attached by its content address: the request hash.
    let job = ledger.store().attachment(&record.request_hash).unwrap().unwrap();
    assert_eq!(job, canonical_bytes(&common::green_job()));
    let signed = SignedStatement::from_bytes(
        &ledger
            .store()
            .attachment(&record.attachments[1].sha256)
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(signed.signer, apprentice().public_key());
    assert_eq!(signed.statement.ledger, LEDGER);
    assert_eq!(signed.statement.prev, approved.artifact().prev);
    assert_eq!(ledger.verify(None).unwrap().artifacts, 2);
}

#[test]
fn an_ai_member_or_a_key_outside_the_roster_is_blocked_and_recorded() {
    let mut ledger = ledger();
    let evaluated = Session::new(common::green_job()).evaluate(&Policy::default());
    let blocked = evaluated
        .approve_signed(&gpt(), None, AT, &mut ledger)
        .unwrap_err();
    assert_eq!(blocked.status, RunStatus::Blocked);
    assert_eq!(
        blocked.reasons,
        ["ai member \"gpt\" does not hold the approve role"]
    );
    let blocked = evaluated
        .approve_signed(&stranger(), None, AT, &mut ledger)
        .unwrap_err();
    let outsider = format!(
        "key {} is not a member of the roster in force",
        stranger().public_key()
    );
    assert_eq!(blocked.reasons, [outsider]);
    let artifact = ledger
        .store()
        .get(&blocked.artifact_id.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(artifact.seq, 2);
    assert_eq!(artifact.record.actor.kind, ActorKind::Ai);
    assert_eq!(
        artifact.record.actor.id,
        format!("key:{}", &stranger().public_key().to_hex()[..16])
    );
    assert_eq!(ledger.verify(None).unwrap().artifacts, 3);
}

#[test]
fn an_approver_without_the_override_role_cannot_override() {
    let mut ledger = ledger();
    let evaluated = Session::new(common::yellow_job()).evaluate(&Policy::default());
    let why = Override::new("fresh bit, runout checked, air blast on", false);
    let blocked = evaluated
        .approve_signed(&apprentice(), Some(&why), AT, &mut ledger)
        .unwrap_err();
    assert_eq!(
        blocked.reasons,
        ["human member \"apprentice\" does not hold the override role"]
    );
    let approved = evaluated
        .approve_signed(&luthier(), Some(&why), AT, &mut ledger)
        .unwrap();
    assert_eq!(approved.artifact().seq, 2);
}

#[test]
fn the_unsigned_approve_is_refused_on_a_signed_ledger_and_recorded() {
    let mut ledger = ledger();
    let evaluated = Session::new(common::green_job()).evaluate(&Policy::default());
    let blocked = evaluated
        .approve(&Actor::human("luthier"), AT, &mut ledger)
        .unwrap_err();
    assert_eq!(blocked.status, RunStatus::Blocked);
    assert_eq!(
        blocked.reasons,
        ["a signed ledger refuses an unsigned approval: a human member signs the approval statement"]
    );
    let artifact = ledger
        .store()
        .get(&blocked.artifact_id.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!((artifact.seq, artifact.record.status), (1, RunStatus::Blocked));
    assert_eq!(ledger.verify(None).unwrap().artifacts, 2);
}

#[test]
fn the_policy_in_force_decides_not_the_one_the_caller_evaluated_under() {
    let mut ledger = ledger();
    let loose = Policy {
        allow_red_override: true,
        min_override_reason_chars: 0,
        ..Policy::default()
    };
    let evaluated = Session::new(common::red_job()).evaluate(&loose);
    let why = Override::new("x", true);
    let blocked = evaluated
        .approve_signed(&luthier(), Some(&why), AT, &mut ledger)
        .unwrap_err();
    assert!(
        blocked
            .reasons
            .contains(&"policy does not enable RED overrides".to_owned()),
        "{:?}",
        blocked.reasons
    );
    let artifact = ledger
        .store()
        .get(&blocked.artifact_id.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(artifact.record.policy_hash, Policy::default().hash());
    assert_ne!(artifact.record.policy_hash, loose.hash());
}

#[test]
fn a_detached_signature_over_the_handed_out_bytes_approves_once_and_only_after_that_head() {
    let mut ledger = ledger();
    let evaluated = Session::new(common::green_job()).evaluate(&Policy::default());
    let bytes = evaluated.approval_statement(&ledger, None, AT).unwrap();
    let signature = apprentice().sign(&bytes); // on another device
    let approved = evaluated
        .approve_with_signature(&apprentice().public_key(), &signature, None, AT, &mut ledger)
        .unwrap();
    assert_eq!(approved.actor().id, "apprentice");
    // The head moved: the same signature no longer matches the statement.
    let blocked = evaluated
        .approve_with_signature(&apprentice().public_key(), &signature, None, AT, &mut ledger)
        .unwrap_err();
    assert_eq!(blocked.status, RunStatus::Blocked);
    assert!(blocked.reasons[0].starts_with("the signature does not verify over the approval statement"));
    // A statement claiming another time is not the one signed either.
    let bytes = evaluated.approval_statement(&ledger, None, AT).unwrap();
    let signature = apprentice().sign(&bytes);
    let blocked = evaluated
        .approve_with_signature(
            &apprentice().public_key(),
            &signature,
            None,
            "2026-11-22T10:00:01Z",
            &mut ledger,
        )
        .unwrap_err();
    assert!(blocked.reasons[0].starts_with("the signature does not verify"));
    assert_eq!(ledger.store().len().unwrap(), 4);
    assert_eq!(ledger.verify(None).unwrap().artifacts, 4);
}

#[test]
fn an_approval_statement_from_one_ledger_is_refused_by_another() {
    let mut shop = ledger();
    let mut other = ledger_named("shop.example/ledger-2", key(101));
    let evaluated = Session::new(common::green_job()).evaluate(&Policy::default());
    let bytes = evaluated.approval_statement(&shop, None, AT).unwrap();
    let signature = apprentice().sign(&bytes);
    let blocked = evaluated
        .approve_with_signature(&apprentice().public_key(), &signature, None, AT, &mut other)
        .unwrap_err();
    assert!(
        blocked.reasons[0].contains("ledger shop.example/ledger-2"),
        "{:?}",
        blocked.reasons
    );
    assert!(evaluated
        .approve_with_signature(&apprentice().public_key(), &signature, None, AT, &mut shop)
        .is_ok());
}

#[test]
fn a_bad_timestamp_is_an_error_artifact() {
    let mut ledger = ledger();
    let evaluated = Session::new(common::green_job()).evaluate(&Policy::default());
    let blocked = evaluated
        .approve_signed(&apprentice(), None, "soon", &mut ledger)
        .unwrap_err();
    assert_eq!(blocked.status, RunStatus::Error);
    assert!(blocked.artifact_id.is_some());
}

#[test]
fn approving_before_any_adoption_records_nothing() {
    let mut ledger =
        rmos_core::authority::SignedLedger::create(rmos_core::runs::MemoryStore::new(), LEDGER, ledger_key())
            .unwrap();
    let evaluated = Session::new(common::green_job()).evaluate(&Policy::default());
    let blocked = evaluated
        .approve_signed(&luthier(), None, AT, &mut ledger)
        .unwrap_err();
    assert_eq!((blocked.status, blocked.artifact_id), (RunStatus::Error, None));
    assert!(evaluated.approval_statement(&ledger, None, AT).is_err());
    assert_eq!(ledger.store().len().unwrap(), 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any key outside the roster, or the AI member's, never approves; the attempt is recorded BLOCKED.
    #[test]
    fn a_key_outside_the_roster_or_an_ai_members_never_approves(seed in any::<[u8; 32]>(), ai in any::<bool>()) {
        let signer = if ai { gpt() } else { SigningKey::from_seed(seed) };
        prop_assume!(ai || ![luthier(), apprentice(), gpt()].iter().any(|k| k.public_key() == signer.public_key()));
        let mut ledger = ledger();
        let evaluated = Session::new(common::green_job()).evaluate(&Policy::default());
        let blocked = evaluated.approve_signed(&signer, None, AT, &mut ledger).unwrap_err();
        prop_assert_eq!(blocked.status, RunStatus::Blocked);
        let artifact = ledger.store().get(&blocked.artifact_id.unwrap()).unwrap().unwrap();
        prop_assert_eq!(artifact.record.actor.kind, ActorKind::Ai);
        prop_assert_eq!(artifact.record.request_hash, hash_canonical(&common::green_job()));
        prop_assert_eq!(ledger.verify(None).unwrap().artifacts, 2);
    }
}
