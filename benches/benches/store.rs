//! The durable ledger: appends per second with every commit synced to disk, and verification of a
//! 100,000-artifact ledger (with the time spent only reading its rows beside it).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rmos_core::content::{hash_canonical, ContentHash};
use rmos_core::engines::EngineStamps;
use rmos_core::feasibility::{Bucket, Estimates, FeasibilityReport, Finding};
use rmos_core::gates::Actor;
use rmos_core::runs::{ArtifactKind, MemoryStore, RunRecord, RunStatus, RunStore};
use rmos_store::SqliteStore;

const LEDGER_SIZE: u64 = 100_000;

/// An approval record the size of a real one: a report with a few findings.
fn record(n: u64) -> RunRecord {
    let finding = |code: &str, bucket, value: f64, limit: f64| Finding {
        code: code.to_owned(),
        bucket,
        message: format!("{code} measured {value} against {limit}"),
        value: Some(value),
        limit: Some(limit),
        operation: Some(0),
    };
    let report = FeasibilityReport {
        bucket: Bucket::Yellow,
        score: 82.5,
        findings: vec![
            finding("CHIPLOAD_HIGH", Bucket::Yellow, 0.031, 0.025),
            finding("STEPDOWN_DEEP", Bucket::Green, 0.5, 0.79),
            finding("TOOL_STICKOUT", Bucket::Green, 15.0, 19.05),
        ],
        estimates: Estimates {
            cycle_time_s: 412.7,
            material_removed_mm3: 1834.2,
        },
        engine: rmos_core::engines::FEASIBILITY.to_owned(),
        client_feasibility_ignored: false,
    };
    RunRecord {
        kind: ArtifactKind::Approval,
        status: RunStatus::Ok,
        at: "2025-03-01T12:00:00Z".to_owned(),
        actor: Actor::human(format!("luthier-{n}")),
        request_hash: ContentHash::of(format!("job {n}").as_bytes()),
        report_hash: Some(hash_canonical(&report)),
        report: Some(report.into()),
        policy_hash: ContentHash::of(b"policy"),
        engines: EngineStamps::approval(),
        reasons: vec!["yellow override: chipload checked on scrap".to_owned()],
        post: None,
        output_hash: None,
        attachments: vec![],
    }
}

fn append_durable(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = SqliteStore::open(dir.path().join("append.rmos")).unwrap();
    let mut group = c.benchmark_group("store");
    group.throughput(Throughput::Elements(1));
    let mut n = 0;
    group.bench_function("append_durable", |b| {
        b.iter(|| {
            n += 1;
            black_box(rmos_benches::seal_at_head(&mut ledger, record(n), &[]).unwrap())
        })
    });
    group.finish();
}

fn verify_100k(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut memory = MemoryStore::new();
    for n in 0..LEDGER_SIZE {
        rmos_benches::seal_at_head(&mut memory, record(n), &[]).unwrap();
    }
    let mut ledger = SqliteStore::open(dir.path().join("verify.rmos")).unwrap();
    assert_eq!(ledger.copy_from(&memory).unwrap(), LEDGER_SIZE);
    drop(memory);
    let mut group = c.benchmark_group("store");
    group.throughput(Throughput::Elements(LEDGER_SIZE));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("verify_100k", |b| {
        b.iter(|| {
            let report = ledger.verify().unwrap();
            assert_eq!(report.artifacts, LEDGER_SIZE);
            report
        })
    });
    // The share of verify_100k spent reading the rows out of SQLite, nothing checked.
    group.bench_function("scan_100k", |b| {
        b.iter(|| {
            let mut bytes = 0;
            ledger
                .for_each_stored(&mut |stored| {
                    bytes += stored.bytes.len();
                    Ok(())
                })
                .unwrap();
            bytes
        })
    });
    group.finish();
}

criterion_group!(benches, append_durable, verify_100k);
criterion_main!(benches);
