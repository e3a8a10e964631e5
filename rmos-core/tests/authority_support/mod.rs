//! A signed ledger with a small roster, and an attacker's re-sealing encoder, shared by the authority tests.
#![allow(dead_code)]

use rmos_core::authority::{Member, Role, Roster, SignedLedger};
use rmos_core::content::ContentHash;
use rmos_core::gates::Policy;
use rmos_core::identity::ActorKind;
use rmos_core::keys::SigningKey;
use rmos_core::runs::{MemoryStore, StoredArtifact};
use serde_json::Value;

pub const LEDGER: &str = "shop.example/ledger-1";
pub const AT: &str = "2026-11-22T10:00:00Z";

pub fn key(n: u8) -> SigningKey {
    SigningKey::from_seed([n; 32])
}

/// The ledger's key.
pub fn ledger_key() -> SigningKey {
    key(100)
}
/// The luthier: human, every role.
pub fn luthier() -> SigningKey {
    key(1)
}
/// An apprentice: human, approve only (no override, no release, no lead).
pub fn apprentice() -> SigningKey {
    key(2)
}
/// An AI member: propose only.
pub fn gpt() -> SigningKey {
    key(3)
}
/// A key outside the roster.
pub fn stranger() -> SigningKey {
    key(4)
}

pub fn roster() -> Roster {
    Roster::new(vec![
        Member::new(
            "luthier",
            ActorKind::Human,
            luthier().public_key(),
            &[Role::Lead, Role::Approve, Role::Override, Role::Release],
        ),
        Member::new(
            "apprentice",
            ActorKind::Human,
            apprentice().public_key(),
            &[Role::Approve],
        ),
        Member::new("gpt", ActorKind::Ai, gpt().public_key(), &[Role::Propose]),
    ])
    .unwrap()
}

/// A signed memory ledger with the roster and the default policy adopted at seq 0.
pub fn ledger() -> SignedLedger<MemoryStore> {
    ledger_named(LEDGER, ledger_key())
}

pub fn ledger_named(id: &str, key: SigningKey) -> SignedLedger<MemoryStore> {
    let mut ledger = SignedLedger::create(MemoryStore::new(), id, key).unwrap();
    ledger.adopt(roster(), Policy::default(), &luthier(), AT).unwrap();
    ledger
}

/// The artifact's JSON.
pub fn value(stored: &StoredArtifact) -> Value {
    serde_json::from_slice(&stored.bytes).unwrap()
}

/// Re-seals `values` as a chain from seq 0 with an independent RFC 8785 encoder, as an attacker with
/// write access to the file would: seq, prev and id recomputed.
pub fn reseal(values: Vec<Value>) -> Vec<StoredArtifact> {
    let mut prev: Option<String> = None;
    let mut out = Vec::new();
    for (seq, mut v) in values.into_iter().enumerate() {
        let obj = v.as_object_mut().unwrap();
        obj.remove("id");
        obj.insert("seq".into(), Value::from(seq as u64));
        obj.insert("prev".into(), prev.clone().map_or(Value::Null, Value::String));
        let without_id = serde_json_canonicalizer::to_vec(&v).unwrap();
        let id = ContentHash::of(&without_id);
        v.as_object_mut()
            .unwrap()
            .insert("id".into(), Value::String(id.to_string()));
        let bytes = serde_json_canonicalizer::to_vec(&v).unwrap();
        prev = Some(id.to_string());
        out.push(StoredArtifact {
            seq: seq as u64,
            id,
            bytes,
        });
    }
    out
}
