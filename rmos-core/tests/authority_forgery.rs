//! The forgeries of issue 11, built as an attacker with write access to the ledger would (hashes and ids
//! recomputed with an independent RFC 8785 encoder), each caught at its seq or against a kept checkpoint.

mod authority_support;
#[path = "common/mod.rs"]
mod common;

use authority_support::*;
use proptest::prelude::*;
use rmos_core::authority::{seal_statement, verify_ledger, AuthorityError, SignedLedger};
use rmos_core::checkpoint::Checkpoint;
use rmos_core::content::merkle;
use rmos_core::content::ContentHash;
use rmos_core::gates::{Override, Policy};
use rmos_core::keys::{Signature, SigningKey};
use rmos_core::runs::{MemoryStore, StoredArtifact};
use rmos_core::workflow::Session;
use serde_json::{json, Value};

/// seq 0 adoption, 1 the AI's blocked attempt, 2 a blocked RED attempt, 3 an OK approval, 4 a blocked
/// unsigned attempt, 5 an OK YELLOW override.
fn history() -> (SignedLedger<MemoryStore>, Checkpoint) {
    let mut ledger = ledger();
    let green = Session::new(common::green_job()).evaluate(&Policy::default());
    let red = Session::new(common::red_job()).evaluate(&Policy::default());
    let yellow = Session::new(common::yellow_job()).evaluate(&Policy::default());
    green.approve_signed(&gpt(), None, AT, &mut ledger).unwrap_err();
    red.approve_signed(&luthier(), None, AT, &mut ledger).unwrap_err();
    green
        .approve_signed(&apprentice(), None, AT, &mut ledger)
        .unwrap();
    green
        .approve(&rmos_core::gates::Actor::human("luthier"), AT, &mut ledger)
        .unwrap_err();
    let why = Override::new("fresh bit, runout checked, air blast on", false);
    yellow
        .approve_signed(&luthier(), Some(&why), AT, &mut ledger)
        .unwrap();
    let checkpoint = ledger.checkpoint().unwrap();
    assert_eq!(checkpoint.size(), 6);
    (ledger, checkpoint)
}

type Raw = (Vec<StoredArtifact>, Vec<(ContentHash, Vec<u8>)>, Vec<Signature>);

fn raw(ledger: SignedLedger<MemoryStore>) -> Raw {
    let (store, seals) = ledger.into_parts();
    let (artifacts, attachments) = store.into_raw();
    (artifacts, attachments, seals)
}

/// Seals `artifacts` again with `key`: an insider who also holds the ledger key.
fn reseal_with(key: &SigningKey, artifacts: &[StoredArtifact]) -> Vec<Signature> {
    artifacts
        .iter()
        .map(|a| key.sign(&seal_statement(LEDGER, a.seq, &a.id)))
        .collect()
}

fn check(
    artifacts: Vec<StoredArtifact>,
    attachments: Vec<(ContentHash, Vec<u8>)>,
    seals: &[Signature],
    cp: Option<&Checkpoint>,
) -> Result<u64, AuthorityError> {
    let store = MemoryStore::from_raw(artifacts, attachments);
    verify_ledger(&store, seals, &ledger_key().public_key(), cp).map(|a| a.artifacts)
}

#[test]
fn the_honest_history_verifies_against_its_checkpoint_and_proves_inclusion() {
    let (ledger, cp) = history();
    assert_eq!(ledger.verify(Some(&cp)).unwrap().artifacts, 6);
    let cp = Checkpoint::from_text(&cp.text()).unwrap();
    let audit = verify_ledger(
        ledger.store(),
        ledger.seals(),
        &ledger_key().public_key(),
        Some(&cp),
    )
    .unwrap();
    assert_eq!(audit.root, *cp.root());
    for seq in 0..6u64 {
        let proof = ledger.inclusion_proof(seq).unwrap();
        let leaf = audit.leaves[seq as usize];
        merkle::verify_inclusion(&leaf, seq, 6, &proof, cp.root()).unwrap();
        assert!(merkle::verify_inclusion(&leaf, (seq + 1) % 6, 6, &proof, cp.root()).is_err());
    }
    assert!(ledger.inclusion_proof(6).is_err());
}

#[test]
fn deleting_two_blocked_attempts_and_resealing_is_caught_at_seq_1() {
    let (ledger, cp) = history();
    let (artifacts, attachments, seals) = raw(ledger);
    let kept: Vec<Value> = artifacts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 1 && *i != 2)
        .map(|(_, a)| value(a))
        .collect();
    let forged = reseal(kept);
    // The bytes chain verifies: only the seals and the meaning stand in the way.
    let plain = MemoryStore::from_raw(forged.clone(), attachments.clone());
    assert_eq!(rmos_core::runs::verify(&plain).unwrap().artifacts, 4);
    let old_seals: Vec<Signature> = [0, 3, 4, 5].iter().map(|&i| seals[i]).collect();
    assert_eq!(
        check(forged.clone(), attachments.clone(), &old_seals, None)
            .unwrap_err()
            .tampered_seq(),
        Some(1)
    );
    // Even an insider who re-seals with the ledger key: the signed statement names the deleted head.
    let new_seals = reseal_with(&ledger_key(), &forged);
    let err = check(forged.clone(), attachments.clone(), &new_seals, None).unwrap_err();
    assert_eq!(err.tampered_seq(), Some(1), "{err}");
    assert!(err.to_string().contains("does not agree"), "{err}");
    // And the kept checkpoint refuses it.
    assert!(check(forged, attachments, &new_seals, Some(&cp)).is_err());
}

#[test]
fn an_ai_attempt_rewritten_as_a_human_ok_approval_is_caught_at_its_seq() {
    let (ledger, _) = history();
    let (artifacts, attachments, seals) = raw(ledger);
    let mut values: Vec<Value> = artifacts.iter().map(value).collect();
    let v = values[1].as_object_mut().unwrap();
    v.insert("status".into(), json!("OK"));
    v.insert("actor".into(), json!({"id": "luthier", "kind": "human"}));
    v.insert("reasons".into(), json!([]));
    let forged = reseal(values);
    assert_eq!(
        check(forged.clone(), attachments.clone(), &seals, None)
            .unwrap_err()
            .tampered_seq(),
        Some(1)
    );
    let err = check(
        forged.clone(),
        attachments,
        &reseal_with(&ledger_key(), &forged),
        None,
    )
    .unwrap_err();
    assert_eq!(err.tampered_seq(), Some(1), "{err}");
}

#[test]
fn a_red_ok_approval_inserted_at_the_next_seq_is_caught_there() {
    let (ledger, _) = history();
    let (artifacts, attachments, seals) = raw(ledger);
    let mut values: Vec<Value> = artifacts.iter().map(value).collect();
    let mut red = values[2].clone();
    let r = red.as_object_mut().unwrap();
    r.insert("status".into(), json!("OK"));
    r.insert("reasons".into(), json!([]));
    values.push(red);
    let forged = reseal(values);
    let err = check(forged.clone(), attachments.clone(), &seals, None).unwrap_err();
    assert_eq!(err.tampered_seq(), Some(6), "{err}");
    let err = check(
        forged.clone(),
        attachments,
        &reseal_with(&ledger_key(), &forged),
        None,
    )
    .unwrap_err();
    assert_eq!(err.tampered_seq(), Some(6), "{err}");
}

#[test]
fn a_cut_tail_verifies_alone_but_not_against_the_checkpoint() {
    let (ledger, cp) = history();
    let (mut artifacts, attachments, mut seals) = raw(ledger);
    artifacts.pop();
    seals.pop();
    assert_eq!(
        check(artifacts.clone(), attachments.clone(), &seals, None).unwrap(),
        5
    );
    let err = check(artifacts, attachments, &seals, Some(&cp)).unwrap_err();
    assert_eq!(err.tampered_seq(), Some(5), "{err}");
    assert!(err.to_string().contains("its tail was cut"));
}

#[test]
fn a_replaced_ledger_is_refused_under_the_kept_key_and_checkpoint() {
    let (_, cp) = history();
    // Another valid ledger with the same id, made with another key.
    let other = ledger_named(LEDGER, key(102));
    let (artifacts, attachments, seals) = raw(other);
    let err = check(artifacts.clone(), attachments.clone(), &seals, None).unwrap_err();
    assert_eq!(err.tampered_seq(), Some(0), "{err}");
    // A ledger of the right key but another history: the checkpoint root differs.
    let mut second = ledger();
    Session::new(common::green_job())
        .evaluate(&Policy::default())
        .approve_signed(&luthier(), None, AT, &mut second)
        .unwrap();
    for _ in 0..4 {
        Session::new(common::green_job())
            .evaluate(&Policy::default())
            .approve_signed(&gpt(), None, AT, &mut second)
            .unwrap_err();
    }
    let err = second.verify(Some(&cp)).unwrap_err();
    assert!(
        matches!(
            err,
            AuthorityError::Invalid {
                field: "checkpoint",
                ..
            }
        ),
        "{err}"
    );
    // A checkpoint signed by another key is refused outright.
    let forged = Checkpoint::issue(LEDGER, cp.size(), *cp.root(), &key(102)).unwrap();
    assert!(matches!(
        second.verify(Some(&forged)).unwrap_err(),
        AuthorityError::Checkpoint(_)
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A single byte changed anywhere in the ledger's artifacts or attachments is always detected.
    #[test]
    fn a_single_byte_edit_anywhere_is_detected(pick in any::<prop::sample::Index>(), flip in 1u8..=255, in_attachment in any::<bool>()) {
        let (ledger, _) = history();
        let (mut artifacts, mut attachments, seals) = raw(ledger);
        if in_attachment {
            let total: usize = attachments.iter().map(|(_, d)| d.len()).sum();
            let mut at = pick.index(total);
            for (_, data) in attachments.iter_mut() {
                if at < data.len() {
                    data[at] ^= flip;
                    break;
                }
                at -= data.len();
            }
        } else {
            let total: usize = artifacts.iter().map(|a| a.bytes.len()).sum();
            let mut at = pick.index(total);
            for a in artifacts.iter_mut() {
                if at < a.bytes.len() {
                    a.bytes[at] ^= flip;
                    break;
                }
                at -= a.bytes.len();
            }
        }
        prop_assert!(check(artifacts, attachments, &seals, None).is_err());
    }
}
