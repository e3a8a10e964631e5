//! Rosters and adoption: who may be a member with which role, who may adopt, which policies can be adopted.

mod authority_support;

use authority_support::*;
use rmos_core::authority::{AdoptionDocument, AuthorityError, Member, Role, Roster, SignedLedger};
use rmos_core::gates::Policy;
use rmos_core::identity::ActorKind;
use rmos_core::runs::{ArtifactKind, MemoryStore, RunStatus, RunStore};

fn field_of(members: Vec<Member>) -> String {
    Roster::new(members).unwrap_err().field
}

#[test]
fn a_roster_refuses_approving_roles_for_ai_and_services_duplicates_and_no_lead() {
    let lead = Member::new("luthier", ActorKind::Human, luthier().public_key(), &[Role::Lead]);
    for role in [Role::Lead, Role::Approve, Role::Override, Role::Release] {
        for kind in [ActorKind::Ai, ActorKind::Service] {
            let other = Member::new("bot", kind, gpt().public_key(), &[Role::Propose, role]);
            assert_eq!(
                field_of(vec![lead.clone(), other]),
                "members[1].roles",
                "{kind:?} {role:?}"
            );
        }
    }
    let same_id = Member::new(
        "luthier",
        ActorKind::Human,
        apprentice().public_key(),
        &[Role::Approve],
    );
    assert_eq!(field_of(vec![lead.clone(), same_id]), "members[1].id");
    let same_key = Member::new(
        "apprentice",
        ActorKind::Human,
        luthier().public_key(),
        &[Role::Approve],
    );
    assert_eq!(field_of(vec![lead.clone(), same_key]), "members[1].public_key");
    let twice = Member::new(
        "apprentice",
        ActorKind::Human,
        apprentice().public_key(),
        &[Role::Approve, Role::Approve],
    );
    assert_eq!(field_of(vec![lead.clone(), twice]), "members[1].roles");
    let bad_id = Member::new(
        "a\nb",
        ActorKind::Human,
        apprentice().public_key(),
        &[Role::Approve],
    );
    assert_eq!(field_of(vec![lead, bad_id]), "members[1].id");
    let no_lead = Member::new(
        "apprentice",
        ActorKind::Human,
        apprentice().public_key(),
        &[Role::Approve],
    );
    assert_eq!(field_of(vec![no_lead]), "members");
    assert_eq!(field_of(vec![]), "members");
    // An AI may propose.
    let ai = Member::new("gpt", ActorKind::Ai, gpt().public_key(), &[Role::Propose]);
    let lead = Member::new("luthier", ActorKind::Human, luthier().public_key(), &[Role::Lead]);
    assert_eq!(Roster::new(vec![lead, ai]).unwrap().members().len(), 2);
}

#[test]
fn a_roster_read_from_json_is_held_to_the_same_rules() {
    let text = format!(
        r#"{{"members":[{{"id":"luthier","kind":"human","public_key":"{}","roles":["lead"]}},
        {{"id":"gpt","kind":"ai","public_key":"{}","roles":["approve"]}}]}}"#,
        luthier().public_key(),
        gpt().public_key()
    );
    let err = serde_json::from_str::<Roster>(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("members[1].roles: ai member \"gpt\" may not hold the approve role"),
        "{err}"
    );
}

#[test]
fn the_genesis_is_an_adoption_that_stores_the_whole_roster_and_policy() {
    let ledger = ledger();
    let store = ledger.store();
    assert_eq!(store.len().unwrap(), 1);
    let genesis = store.for_each_artifact_vec();
    assert_eq!(genesis.record.kind, ArtifactKind::Adoption);
    assert_eq!(genesis.record.status, RunStatus::Ok);
    assert_eq!(genesis.record.actor.id, "luthier");
    assert_eq!(genesis.record.policy_hash, Policy::default().hash());
    let sha = genesis.record.attachments[0].sha256;
    assert_eq!(genesis.record.attachments[0].name, "adoption.json");
    let doc = AdoptionDocument::from_bytes(&store.attachment(&sha).unwrap().unwrap()).unwrap();
    assert_eq!(doc.statement.policy, Policy::default());
    assert_eq!(doc.statement.roster, roster());
    assert_eq!(doc.statement.ledger, LEDGER);
    assert_eq!(doc.statement.ledger_key, ledger_key().public_key());
    assert_eq!(doc.statement.prev, None);
    assert_eq!(ledger.verify(None).unwrap().artifacts, 1);
}

trait First {
    fn for_each_artifact_vec(&self) -> rmos_core::runs::RunArtifact;
}
impl First for MemoryStore {
    fn for_each_artifact_vec(&self) -> rmos_core::runs::RunArtifact {
        let mut all = Vec::new();
        self.for_each_artifact(&mut |a| {
            all.push(a);
            Ok(())
        })
        .unwrap();
        all.remove(0)
    }
}

#[test]
fn only_a_lead_adopts_first_of_the_roster_itself_then_of_the_roster_in_force() {
    let fresh = || SignedLedger::create(MemoryStore::new(), LEDGER, ledger_key()).unwrap();
    let err = fresh()
        .adopt(roster(), Policy::default(), &apprentice(), AT)
        .unwrap_err();
    assert!(
        matches!(err, AuthorityError::NotPermitted { field: "signer", .. }),
        "{err}"
    );
    let err = fresh()
        .adopt(roster(), Policy::default(), &stranger(), AT)
        .unwrap_err();
    assert!(
        matches!(err, AuthorityError::NotPermitted { field: "signer", .. }),
        "{err}"
    );

    // A roster that makes the apprentice a lead cannot be adopted by the apprentice: the roster in force decides.
    let mut ledger = ledger();
    let coup = Roster::new(vec![Member::new(
        "apprentice",
        ActorKind::Human,
        apprentice().public_key(),
        &[Role::Lead, Role::Approve],
    )])
    .unwrap();
    let err = ledger
        .adopt(coup.clone(), Policy::default(), &apprentice(), AT)
        .unwrap_err();
    assert!(
        matches!(err, AuthorityError::NotPermitted { field: "signer", .. }),
        "{err}"
    );
    assert_eq!(ledger.store().len().unwrap(), 1);
    // The luthier may hand over.
    let handover = ledger.adopt(coup, Policy::default(), &luthier(), AT).unwrap();
    assert_eq!(handover.seq, 1);
    assert_eq!(ledger.in_force().unwrap().roster.members()[0].id, "apprentice");
    assert_eq!(ledger.verify(None).unwrap().artifacts, 2);
}

#[test]
fn incoherent_policies_are_refused_at_adoption_naming_the_field() {
    type Edit = Box<dyn Fn(&mut Policy)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "thresholds.deflection_red_mm",
            Box::new(|p| p.thresholds.deflection_red_mm = -0.1),
        ),
        (
            "thresholds.kerf_red_mm",
            Box::new(|p| p.thresholds.kerf_red_mm = f64::INFINITY),
        ),
        (
            "thresholds.chipload_min_per_mm",
            Box::new(|p| p.thresholds.chipload_min_per_mm = f64::NAN),
        ),
        (
            "thresholds.deflection_yellow_mm",
            Box::new(|p| p.thresholds.deflection_yellow_mm = 0.2),
        ),
        (
            "thresholds.kerf_tolerance_mm",
            Box::new(|p| p.thresholds.kerf_tolerance_mm = 0.06),
        ),
        (
            "thresholds.channel_wall_red_mm",
            Box::new(|p| p.thresholds.channel_wall_red_mm = 3.0),
        ),
        (
            "thresholds.surface_speed_red_factor",
            Box::new(|p| p.thresholds.surface_speed_red_factor = 0.9),
        ),
        (
            "min_override_reason_chars",
            Box::new(|p| {
                p.allow_red_override = true;
                p.min_override_reason_chars = 9;
            }),
        ),
    ];
    for (field, edit) in cases {
        let mut policy = Policy::default();
        edit(&mut policy);
        let mut ledger = SignedLedger::create(MemoryStore::new(), LEDGER, ledger_key()).unwrap();
        match ledger.adopt(roster(), policy, &luthier(), AT) {
            Err(AuthorityError::Policy(e)) => assert_eq!(e.path, field),
            other => panic!("{field}: {other:?}"),
        }
        assert_eq!(ledger.store().len().unwrap(), 0);
    }
    // Exactly 10 is enough.
    let policy = Policy {
        allow_red_override: true,
        ..Policy::default()
    };
    let mut ledger = SignedLedger::create(MemoryStore::new(), LEDGER, ledger_key()).unwrap();
    assert!(ledger.adopt(roster(), policy, &luthier(), AT).is_ok());
}

#[test]
fn a_bad_ledger_id_timestamp_or_non_empty_store_is_refused_by_name() {
    let err = SignedLedger::create(MemoryStore::new(), "has space", ledger_key()).unwrap_err();
    assert!(matches!(
        err,
        AuthorityError::Invalid {
            field: "ledger_id",
            ..
        }
    ));
    let (store, _) = ledger().into_parts();
    let err = SignedLedger::create(store, LEDGER, ledger_key()).unwrap_err();
    assert!(matches!(err, AuthorityError::Invalid { field: "store", .. }));
    let mut fresh = SignedLedger::create(MemoryStore::new(), LEDGER, ledger_key()).unwrap();
    let err = fresh
        .adopt(roster(), Policy::default(), &luthier(), "yesterday")
        .unwrap_err();
    assert!(matches!(err, AuthorityError::Invalid { field: "at", .. }));
}

#[test]
fn a_signed_ledger_reopens_from_its_store_and_seals() {
    let mut ledger = ledger();
    ledger.adopt(roster(), Policy::default(), &luthier(), AT).unwrap();
    let checkpoint = ledger.checkpoint().unwrap();
    let (store, seals) = ledger.into_parts();
    let reopened = SignedLedger::open(store, LEDGER, ledger_key(), seals).unwrap();
    assert_eq!(reopened.in_force().unwrap().roster, roster());
    assert_eq!(reopened.checkpoint().unwrap().text(), checkpoint.text());
    let (store, seals) = reopened.into_parts();
    let err = SignedLedger::open(store, "shop.example/other", ledger_key(), seals).unwrap_err();
    assert!(
        matches!(
            err,
            AuthorityError::Invalid {
                field: "ledger_id",
                ..
            }
        ),
        "{err}"
    );
}
