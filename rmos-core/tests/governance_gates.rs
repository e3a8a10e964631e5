//! Gates: buckets, overrides, actors and capabilities (invariant S5), deny by default.

use proptest::prelude::*;
use rmos_core::feasibility::Bucket;
use rmos_core::gates::{Actor, ActorKind, Capability, Decision, Grant, Override, Policy};

fn human() -> Actor {
    Actor::human("luthier")
}

fn reason() -> Override {
    Override::new("bit replaced, runout checked", false)
}

#[test]
fn green_approves_for_a_human_with_no_reasons() {
    assert_eq!(
        Policy::default().decide(&human(), Bucket::Green, None),
        Decision::Approve { reasons: vec![] }
    );
}

#[test]
fn yellow_needs_a_written_reason() {
    let p = Policy::default();
    let d = p.decide(&human(), Bucket::Yellow, None);
    assert_eq!(
        d.reasons(),
        ["YELLOW job needs a human override with a written reason"]
    );
    let d = p.decide(&human(), Bucket::Yellow, Some(&reason()));
    assert_eq!(
        d,
        Decision::Approve {
            reasons: vec!["YELLOW override: bit replaced, runout checked".into()]
        }
    );
}

#[test]
fn override_reason_length_boundary_is_ten_characters() {
    let p = Policy::default();
    assert!(p
        .decide(
            &human(),
            Bucket::Yellow,
            Some(&Override::new("0123456789", false))
        )
        .approved());
    let short = p.decide(&human(), Bucket::Yellow, Some(&Override::new("012345678", false)));
    assert_eq!(
        short.reasons(),
        ["override reason has 9 letters and digits; at least 10 are required"]
    );
    // White space around the reason does not count.
    assert!(!p
        .decide(
            &human(),
            Bucket::Yellow,
            Some(&Override::new("   12345678   ", false))
        )
        .approved());
}

#[test]
fn yellow_override_can_be_switched_off() {
    let p = Policy {
        allow_yellow_override: false,
        ..Policy::default()
    };
    let d = p.decide(&human(), Bucket::Yellow, Some(&reason()));
    assert_eq!(d.reasons(), ["policy does not allow YELLOW overrides"]);
}

#[test]
fn red_never_approves_under_the_default_policy() {
    let p = Policy::default();
    assert!(!p.decide(&human(), Bucket::Red, None).approved());
    let ack = Override::new("scrap test piece, operator at the e-stop", true);
    let d = p.decide(&human(), Bucket::Red, Some(&ack));
    assert_eq!(d.reasons(), ["policy does not enable RED overrides"]);
}

#[test]
fn red_override_needs_the_policy_and_an_acknowledgement() {
    let p = Policy {
        allow_red_override: true,
        ..Policy::default()
    };
    let no_ack = p.decide(&human(), Bucket::Red, Some(&reason()));
    assert_eq!(no_ack.reasons(), ["RED override needs the risk acknowledged"]);
    let ack = Override::new("scrap test piece, operator at the e-stop", true);
    assert!(p.decide(&human(), Bucket::Red, Some(&ack)).approved());
}

#[test]
fn services_do_not_approve_by_default_even_green() {
    let d = Policy::default().decide(&Actor::service("batch"), Bucket::Green, None);
    assert_eq!(d.reasons(), ["service actor \"batch\" may not approve"]);
}

#[test]
fn capabilities_not_granted_are_denied() {
    let p = Policy {
        grants: vec![],
        ..Policy::default()
    };
    for kind in ActorKind::ALL {
        for cap in Capability::ALL {
            assert!(
                !p.allows(&Actor { kind, id: "x".into() }, cap),
                "{kind:?} {cap:?}"
            );
        }
    }
}

#[test]
fn policy_json_round_trips_and_rejects_unknown_fields() {
    let p = Policy::default();
    assert_eq!(Policy::from_json(&p.to_json()).unwrap(), p);
    let err = Policy::from_json(r#"{"allow_everything": true}"#).unwrap_err();
    assert_eq!(err.path, "allow_everything");
    assert!(
        err.reason.starts_with("unknown field `allow_everything`"),
        "{err}"
    );
    let err = Policy::from_json(r#"{"min_override_reason_chars": -1}"#).unwrap_err();
    assert_eq!(err.path, "min_override_reason_chars");
}

#[test]
fn policy_hash_changes_with_every_field() {
    let base = Policy::default().hash();
    assert_eq!(Policy::default().hash(), base);
    assert_ne!(
        Policy {
            allow_red_override: true,
            ..Policy::default()
        }
        .hash(),
        base
    );
    assert_ne!(
        Policy {
            min_override_reason_chars: 11,
            ..Policy::default()
        }
        .hash(),
        base
    );
    // Every physics threshold enters the hash: scale each one in turn.
    let thresholds = serde_json::to_value(&Policy::default().thresholds).unwrap();
    let keys: Vec<String> = thresholds.as_object().unwrap().keys().cloned().collect();
    assert!(keys.len() > 3, "{keys:?}");
    for key in keys {
        let mut t = thresholds.clone();
        let x = t[&key].as_f64().unwrap();
        t[&key] = serde_json::json!(x * 1.5 + 1.0);
        let changed = Policy {
            thresholds: serde_json::from_value(t).unwrap(),
            ..Policy::default()
        };
        assert_ne!(changed.hash(), base, "{key}");
    }
}

fn any_kind() -> impl Strategy<Value = ActorKind> {
    prop_oneof![
        Just(ActorKind::Human),
        Just(ActorKind::Ai),
        Just(ActorKind::Service)
    ]
}

fn any_cap() -> impl Strategy<Value = Capability> {
    proptest::sample::select(Capability::ALL.to_vec())
}

fn any_policy() -> impl Strategy<Value = Policy> {
    (
        any::<bool>(),
        any::<bool>(),
        0usize..30,
        proptest::collection::vec((any_kind(), proptest::collection::vec(any_cap(), 0..7)), 0..5),
    )
        .prop_map(|(y, r, min, grants)| Policy {
            allow_yellow_override: y,
            allow_red_override: r,
            min_override_reason_chars: min,
            grants: grants
                .into_iter()
                .map(|(kind, capabilities)| Grant { kind, capabilities })
                .collect(),
            ..Policy::default()
        })
}

fn any_bucket() -> impl Strategy<Value = Bucket> {
    prop_oneof![Just(Bucket::Green), Just(Bucket::Yellow), Just(Bucket::Red)]
}

proptest! {
    /// S5: whatever the policy grants, an AI never approves, overrides or emits G-code, and only a human approves.
    #[test]
    fn ai_never_approves_overrides_or_emits(
        policy in any_policy(),
        kind in any_kind(),
        bucket in any_bucket(),
        reason in "[a-z ]{0,40}",
        ack in any::<bool>(),
        with_override in any::<bool>(),
    ) {
        let actor = Actor { kind, id: "someone".into() };
        let o = Override::new(reason, ack);
        let d = policy.decide(&actor, bucket, with_override.then_some(&o));
        if kind != ActorKind::Human {
            prop_assert!(!d.approved());
            for cap in [Capability::Approve, Capability::OverrideYellow, Capability::OverrideRed] {
                prop_assert!(!policy.allows(&actor, cap));
            }
        }
        if kind == ActorKind::Ai {
            prop_assert!(!policy.allows(&actor, Capability::EmitGcode));
        }
        // RED approves only with the policy's RED override and an acknowledgement.
        if bucket == Bucket::Red && d.approved() {
            prop_assert!(policy.allow_red_override && with_override && ack);
        }
        if bucket == Bucket::Yellow && d.approved() {
            prop_assert!(policy.allow_yellow_override && with_override);
        }
        // Deny by default: nothing is allowed that the policy does not grant.
        for cap in Capability::ALL {
            if policy.allows(&actor, cap) {
                prop_assert!(policy.grants.iter().any(|g| g.kind == kind && g.capabilities.contains(&cap)));
            }
        }
    }
}
