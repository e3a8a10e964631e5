//! Signed releases: only into the ledger that recorded the approval, only by a member with the release
//! role, with a program that ends in a provenance block the machine can check.

mod authority_support;
#[path = "common/mod.rs"]
mod common;

use authority_support::*;
use rmos_core::authority::{seal_statement, verify_ledger};
use rmos_core::content::ContentHash;
use rmos_core::gates::{Actor, Policy};
use rmos_core::posts::Post;
use rmos_core::program::{Program, ReleaseError};
use rmos_core::provenance::verify_program;
use rmos_core::runs::{MemoryStore, RunStatus, RunStore};
use rmos_core::workflow::Session;
use serde_json::{json, Value};

const LATER: &str = "2026-11-22T10:05:00Z";

#[test]
fn a_release_member_releases_a_signed_program_naming_approver_and_releaser() {
    let mut ledger = ledger();
    let evaluated = Session::new(common::green_job()).evaluate(&Policy::default());
    let approved = evaluated
        .approve_signed(&apprentice(), None, AT, &mut ledger)
        .unwrap();
    let program = Program::release_signed(&approved, Post::Grbl, LATER, &luthier(), &mut ledger).unwrap();
    let record = &program.artifact().record;
    assert_eq!((program.artifact().seq, record.status), (2, RunStatus::Ok));
    assert_eq!(record.actor, Actor::human("luthier"));
    assert_eq!(
        record.reasons[..3],
        [
            format!("approval {}", approved.artifact_id()),
            "approved by apprentice".to_owned(),
            "released by luthier".to_owned(),
        ]
    );
    let provenance = verify_program(program.gcode(), &ledger.public_key()).unwrap();
    assert_eq!(provenance.fields.ledger_id, LEDGER);
    assert_eq!(provenance.fields.approver, "human:apprentice");
    assert_eq!(provenance.fields.artifact_id, approved.artifact_id().to_string());
    assert_eq!(provenance.fields.machine, "shop-router");
    assert!(program.gcode().trim_end().ends_with("(END RMOS PROVENANCE)"));
    let stored = ledger
        .store()
        .attachment(&record.output_hash.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(stored, program.gcode().as_bytes());
    let cp = ledger.checkpoint().unwrap();
    assert_eq!(ledger.verify(Some(&cp)).unwrap().artifacts, 3);
    // Another key, or one edited byte, is refused at the machine.
    assert!(verify_program(program.gcode(), &key(7).public_key()).is_err());
    assert!(verify_program(&program.gcode().replacen("G0", "G1", 1), &ledger.public_key()).is_err());
}

#[test]
fn releasing_needs_the_release_role_and_the_refusal_is_recorded() {
    let mut ledger = ledger();
    let approved = Session::new(common::green_job())
        .evaluate(&Policy::default())
        .approve_signed(&apprentice(), None, AT, &mut ledger)
        .unwrap();
    for (signer, reason) in [
        (
            apprentice(),
            "human member \"apprentice\" does not hold the release role".to_owned(),
        ),
        (
            gpt(),
            "ai member \"gpt\" does not hold the release role".to_owned(),
        ),
        (
            stranger(),
            format!(
                "key {} is not a member of the roster in force",
                stranger().public_key()
            ),
        ),
    ] {
        match Program::release_signed(&approved, Post::Grbl, LATER, &signer, &mut ledger) {
            Err(ReleaseError::NotPermitted {
                artifact_id,
                reason: got,
            }) => {
                assert_eq!(got, reason);
                let a = ledger.store().get(&artifact_id).unwrap().unwrap();
                assert_eq!(a.record.status, RunStatus::Blocked);
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(ledger.store().len().unwrap(), 5);
    assert_eq!(ledger.verify(None).unwrap().artifacts, 5);
}

#[test]
fn an_approval_releases_only_into_the_ledger_that_recorded_it() {
    let mut shop = ledger();
    let mut other = ledger_named("shop.example/ledger-2", key(101));
    let evaluated = Session::new(common::green_job()).evaluate(&Policy::default());
    let approved = evaluated
        .approve_signed(&apprentice(), None, AT, &mut shop)
        .unwrap();
    let err = Program::release_signed(&approved, Post::Grbl, LATER, &luthier(), &mut other).unwrap_err();
    assert_eq!(
        err,
        ReleaseError::NotThisLedger {
            reason: format!("the approval was recorded by ledger {LEDGER}, not shop.example/ledger-2")
        }
    );
    // A ledger with the same id and another key refuses it too.
    let mut twin = ledger_named(LEDGER, key(102));
    assert!(matches!(
        Program::release_signed(&approved, Post::Grbl, LATER, &luthier(), &mut twin),
        Err(ReleaseError::NotThisLedger { .. })
    ));
    assert_eq!(
        (other.store().len().unwrap(), twin.store().len().unwrap()),
        (1, 1)
    );
    // An approval from an unsigned ledger, and the unsigned release, are refused as well.
    let mut plain = MemoryStore::new();
    let unsigned = evaluated
        .approve(&Actor::human("luthier"), AT, &mut plain)
        .unwrap();
    assert!(matches!(
        Program::release_signed(&unsigned, Post::Grbl, LATER, &luthier(), &mut shop),
        Err(ReleaseError::NotThisLedger { .. })
    ));
    assert!(matches!(
        Program::release(&approved, Post::Grbl, LATER, &mut shop),
        Err(ReleaseError::Store(_))
    ));
    assert_eq!(shop.store().len().unwrap(), 2);
}

#[test]
fn a_policy_change_after_the_approval_stops_its_release() {
    let mut ledger = ledger();
    let approved = Session::new(common::green_job())
        .evaluate(&Policy::default())
        .approve_signed(&apprentice(), None, AT, &mut ledger)
        .unwrap();
    let stricter = Policy {
        allow_yellow_override: false,
        ..Policy::default()
    };
    ledger.adopt(roster(), stricter, &luthier(), AT).unwrap();
    let err = Program::release_signed(&approved, Post::Grbl, LATER, &luthier(), &mut ledger).unwrap_err();
    assert!(matches!(err, ReleaseError::NotThisLedger { .. }), "{err}");
    assert_eq!(ledger.store().len().unwrap(), 3);
}

#[test]
fn a_swapped_program_is_caught_at_its_seq_and_at_the_machine() {
    let mut ledger = ledger();
    let approved = Session::new(common::green_job())
        .evaluate(&Policy::default())
        .approve_signed(&apprentice(), None, AT, &mut ledger)
        .unwrap();
    let program = Program::release_signed(&approved, Post::Grbl, LATER, &luthier(), &mut ledger).unwrap();
    let (store, seals) = ledger.into_parts();
    let (artifacts, mut attachments) = store.into_raw();
    // The attacker swaps in a through-cut, keeping the signed block, and re-hashes everything.
    let through_cut = program.gcode().replacen("G0 Z5", "G1 Z-40", 1);
    assert_ne!(through_cut, program.gcode());
    let old = ContentHash::of(program.gcode().as_bytes());
    let new = ContentHash::of(through_cut.as_bytes());
    attachments.retain(|(h, _)| *h != old);
    attachments.push((new, through_cut.clone().into_bytes()));
    let mut values: Vec<Value> = artifacts.iter().map(value).collect();
    let t = values[2].as_object_mut().unwrap();
    t.insert("output_hash".into(), json!(new.to_string()));
    let refs = t.get_mut("attachments").unwrap().as_array_mut().unwrap();
    refs[0] = json!({"bytes": through_cut.len(), "name": "program.nc", "sha256": new.to_string()});
    let forged = reseal(values);
    let plain = MemoryStore::from_raw(forged.clone(), attachments.clone());
    assert_eq!(rmos_core::runs::verify(&plain).unwrap().artifacts, 3);
    let err = verify_ledger(&plain, &seals, &ledger_key().public_key(), None).unwrap_err();
    assert_eq!(err.tampered_seq(), Some(2), "{err}");
    // With the seals re-made by the ledger key, the program's own provenance still refuses the body.
    let resealed: Vec<_> = forged
        .iter()
        .map(|a| ledger_key().sign(&seal_statement(LEDGER, a.seq, &a.id)))
        .collect();
    let err = verify_ledger(&plain, &resealed, &ledger_key().public_key(), None).unwrap_err();
    assert_eq!(err.tampered_seq(), Some(2), "{err}");
    assert!(err.to_string().contains("provenance"), "{err}");
    assert!(verify_program(&through_cut, &ledger_key().public_key()).is_err());
}
