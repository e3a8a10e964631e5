//! The run ledger: sealing and appending one artifact, and verifying a long chain.
//!
//! `ledger/sha256_100k` hashes the very bytes `ledger/verify_100k` verifies, once each, in the same run:
//! the ratio of the two throughputs is how close verification comes to the SHA-256 it cannot avoid.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rmos_core::content::{hash_canonical, ContentHash};
use rmos_core::engines::EngineStamps;
use rmos_core::feasibility::{Bucket, Estimates, FeasibilityReport, Finding};
use rmos_core::gates::Actor;
use rmos_core::runs::{ArtifactKind, Attachment, MemoryStore, RunRecord, RunStatus, RunStore};

/// A plain OK approval: the small artifact most ledgers are made of (about 600 bytes).
fn approval(n: u64) -> RunRecord {
    RunRecord {
        kind: ArtifactKind::Approval,
        status: RunStatus::Ok,
        at: format!("2025-06-01T09:{:02}:{:02}Z", (n / 60) % 60, n % 60),
        actor: Actor::human("luthier"),
        request_hash: ContentHash::of(&n.to_le_bytes()),
        report_hash: None,
        report: None,
        policy_hash: ContentHash::of(b"policy"),
        engines: EngineStamps::approval(),
        reasons: vec![],
        post: None,
        output_hash: None,
        attachments: vec![],
    }
}

/// A BLOCKED approval carrying its report with two findings (about 1.2 kB).
fn blocked(n: u64) -> RunRecord {
    let finding = |code: &str, value: f64| Finding {
        code: code.into(),
        bucket: Bucket::Yellow,
        message: format!("{code} at {value} mm"),
        value: Some(value),
        limit: Some(0.05),
        operation: Some(0),
    };
    let report = FeasibilityReport {
        bucket: Bucket::Yellow,
        score: 72.5,
        findings: vec![
            finding("DEFLECTION_HIGH", 0.061),
            finding("CHIPLOAD_HIGH", 0.0312),
        ],
        estimates: Estimates {
            cycle_time_s: 412.25,
            material_removed_mm3: 18_250.5,
        },
        engine: "rmos.feasibility/0.1.0".into(),
        client_feasibility_ignored: false,
    };
    RunRecord {
        status: RunStatus::Blocked,
        report_hash: Some(hash_canonical(&report)),
        report: Some(report.into()),
        reasons: vec!["bucket YELLOW needs a written override".into()],
        ..approval(n)
    }
}

fn store_of(n: u64, record: impl Fn(u64) -> RunRecord) -> MemoryStore {
    let mut store = MemoryStore::new();
    for i in 0..n {
        rmos_benches::seal_at_head(&mut store, record(i), &[]).expect("append");
    }
    store
}

fn ledger(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger");

    let mut store = MemoryStore::new();
    let record = approval(1);
    group.throughput(Throughput::Elements(1));
    group.bench_function("append_memory", |b| {
        b.iter_batched(
            || record.clone(),
            |r| rmos_benches::seal_at_head(&mut store, r, &[]).expect("append"),
            BatchSize::SmallInput,
        )
    });

    let program = Attachment::new("program.nc", "G21\nG90\nG0 Z5\nG1 X10 F1000\nM30\n".repeat(200));
    let mut toolpaths = MemoryStore::new();
    group.bench_function("append_memory_toolpath_5kB", |b| {
        b.iter_batched(
            || {
                let mut record = approval(2);
                record.kind = ArtifactKind::Toolpath;
                record.output_hash = Some(program.reference().sha256);
                record.attachments = vec![program.reference()];
                (record, vec![program.clone()])
            },
            |(r, a)| rmos_benches::seal_at_head(&mut toolpaths, r, &a).expect("append"),
            BatchSize::SmallInput,
        )
    });

    const N: u64 = 100_000;
    group.throughput(Throughput::Elements(N));
    group.sample_size(10);
    let small = store_of(N, approval);
    group.bench_function("verify_100k", |b| {
        b.iter(|| assert_eq!(small.verify().expect("verify").artifacts, N))
    });
    let (stored, _) = small.raw();
    group.bench_function("sha256_100k", |b| {
        b.iter(|| {
            stored
                .iter()
                .fold(0u8, |acc, s| acc ^ ContentHash::of(&s.bytes).as_bytes()[0])
        })
    });
    drop(small);
    let with_reports = store_of(N, blocked);
    group.bench_function("verify_100k_with_reports", |b| {
        b.iter(|| assert_eq!(with_reports.verify().expect("verify").artifacts, N))
    });
    group.finish();
}

criterion_group!(benches, ledger);
criterion_main!(benches);
