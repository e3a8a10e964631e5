//! Signed authority: signing and checking statements, appending to the Merkle frontier, issuing a
//! checkpoint of a million-artifact ledger, a signed approval appended to a signed memory ledger, and
//! verifying a signed 5 MB program at the machine.
//!
//! `SignedLedger::checkpoint` is `Checkpoint::issue` over the Merkle frontier the ledger keeps, so
//! "checkpoint issue at 1M artifacts" times it at a million artifacts; "signed ledger checkpoint at 10k
//! artifacts" times the ledger's own call.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rmos_core::authority::{Member, Role, Roster, SignedLedger};
use rmos_core::checkpoint::Checkpoint;
use rmos_core::content::merkle::{self, Frontier};
use rmos_core::gates::{Actor, Policy};
use rmos_core::identity::ActorKind;
use rmos_core::job::Job;
use rmos_core::keys::SigningKey;
use rmos_core::provenance::{sign_program, verify_program, CommentStyle, ProvenanceFields};
use rmos_core::runs::MemoryStore;
use rmos_core::workflow::Session;

const ORIGIN: &str = "rmos.example/ledger/shop-1";

fn key() -> SigningKey {
    SigningKey::from_seed([42; 32])
}

fn keys(c: &mut Criterion) {
    let key = key();
    let public = key.public_key();
    let statement = [7u8; 320]; // about the size of a canonical approval statement
    let signature = key.sign(&statement);
    c.bench_function("sign approval statement", |b| b.iter(|| key.sign(&statement)));
    c.bench_function("verify approval statement", |b| {
        b.iter(|| public.verify(&statement, &signature))
    });
}

fn frontier_of(n: u32) -> Frontier {
    let mut frontier = Frontier::new();
    for i in 0..n {
        frontier.append(format!("sha256:{i:064}").as_bytes());
    }
    frontier
}

fn checkpoints(c: &mut Criterion) {
    let key = key();
    let million = frontier_of(1_000_000);
    assert_eq!(million.size(), 1_000_000);
    c.bench_function("checkpoint issue at 1M artifacts", |b| {
        b.iter(|| Checkpoint::issue(ORIGIN, million.size(), million.root(), &key).map(|cp| cp.text()))
    });
    c.bench_function("frontier append at 1M artifacts", |b| {
        b.iter_batched_ref(
            || million.clone(),
            |f| f.push(merkle::leaf_hash(b"sha256:next")),
            BatchSize::SmallInput,
        )
    });
    let text = Checkpoint::issue(ORIGIN, million.size(), million.root(), &key)
        .map(|cp| cp.text())
        .unwrap_or_default();
    let public = key.public_key();
    c.bench_function("checkpoint read and verify", |b| {
        b.iter(|| Checkpoint::from_text(&text).and_then(|cp| cp.verify(&public)))
    });
}

/// A 5 MB program of straight cuts.
fn big_program() -> String {
    let mut body = String::with_capacity(5_100_000);
    body.push_str("G21 G90 G17\nM3 S18000\nG0 Z5.000\n");
    let mut i = 0u32;
    while body.len() < 5_000_000 {
        body.push_str(&format!(
            "G1 X{:.3} Y{:.3} F1200\n",
            f64::from(i % 4000) * 0.05,
            f64::from(i / 4000) * 0.05
        ));
        i += 1;
    }
    body.push_str("G0 Z5.000\nM5\nM30\n");
    body
}

fn programs(c: &mut Criterion) {
    let key = key();
    let fields = ProvenanceFields {
        artifact_id: format!("sha256:{}", "ab".repeat(32)),
        ledger_id: ORIGIN.into(),
        approver: "human:luthier".into(),
        machine: "shapeoko-4".into(),
    };
    let program = sign_program(&big_program(), &fields, &key, CommentStyle::Parentheses).unwrap_or_default();
    let public = key.public_key();
    assert!(verify_program(&program, &public).is_ok());
    let mut group = c.benchmark_group("program");
    group.throughput(Throughput::Bytes(program.len() as u64));
    group.sample_size(20);
    group.bench_function("verify_program 5 MB", |b| {
        b.iter(|| verify_program(&program, &public))
    });
    group.finish();
}

const AT: &str = "2026-11-22T10:00:00Z";

/// A signed memory ledger whose roster names the luthier (every role) and an AI member.
fn signed_ledger(luthier: &SigningKey) -> SignedLedger<MemoryStore> {
    let roster = Roster::new(vec![
        Member::new(
            "luthier",
            ActorKind::Human,
            luthier.public_key(),
            &[Role::Lead, Role::Approve, Role::Override, Role::Release],
        ),
        Member::new(
            "gpt",
            ActorKind::Ai,
            SigningKey::from_seed([9; 32]).public_key(),
            &[Role::Propose],
        ),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    let mut ledger =
        SignedLedger::create(MemoryStore::new(), ORIGIN, key()).unwrap_or_else(|e| panic!("{e}"));
    ledger
        .adopt(roster, Policy::default(), luthier, AT)
        .unwrap_or_else(|e| panic!("{e}"));
    ledger
}

fn signed_ledgers(c: &mut Criterion) {
    let luthier = SigningKey::from_seed([1; 32]);
    let job = Job::from_json(include_str!("../../examples/jobs/maple_neck_truss_rod.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let evaluated = Session::new(job).evaluate(&Policy::default());
    let mut ledger = signed_ledger(&luthier);
    assert!(evaluated.approve_signed(&luthier, None, AT, &mut ledger).is_ok());
    c.bench_function("signed approve + append, memory ledger", |b| {
        b.iter(|| evaluated.approve_signed(&luthier, None, AT, &mut ledger).is_ok())
    });
    let mut big = signed_ledger(&luthier);
    let human = Actor::human("luthier");
    for _ in 0..10_000 {
        // Unsigned attempts are recorded BLOCKED: a cheap way to grow a signed ledger.
        let _ = evaluated.approve(&human, AT, &mut big);
    }
    c.bench_function("signed ledger checkpoint at 10k artifacts", |b| {
        b.iter(|| big.checkpoint().map(|cp| cp.text()))
    });
}

criterion_group!(benches, keys, checkpoints, signed_ledgers, programs);
criterion_main!(benches);
