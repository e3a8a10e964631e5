//! Verification of the durable ledger as it grows: the cost per artifact at 1k, 10k and 100k artifacts,
//! which should stay flat. Every other artifact is a toolpath with its program attached, as in a shop's
//! ledger where each approval is followed by its release, so the walk also looks up one attachment per
//! two artifacts. `store_scale/scan_N` reads the same rows and checks nothing, for comparison.
//!
//! 1M artifacts are left out of the default run (a ledger of that size takes minutes to build); set
//! `RMOS_BENCH_SCALE_1M=1` to add them.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rmos_core::content::ContentHash;
use rmos_core::engines::EngineStamps;
use rmos_core::gates::Actor;
use rmos_core::runs::{ArtifactKind, Attachment, MemoryStore, RunRecord, RunStatus, RunStore};
use rmos_store::SqliteStore;

/// Artifact `n`: an approval for even `n`, the toolpath released from it (with its program) for odd `n`.
fn artifact(n: u64) -> (RunRecord, Vec<Attachment>) {
    let mut record = RunRecord {
        kind: ArtifactKind::Approval,
        status: RunStatus::Ok,
        at: format!("2025-06-01T09:{:02}:{:02}Z", (n / 60) % 60, n % 60),
        actor: Actor::human("luthier"),
        request_hash: ContentHash::of(&(n / 2).to_le_bytes()),
        report_hash: None,
        report: None,
        policy_hash: ContentHash::of(b"policy"),
        engines: EngineStamps::approval(),
        reasons: vec![],
        post: None,
        output_hash: None,
        attachments: vec![],
    };
    if n.is_multiple_of(2) {
        return (record, vec![]);
    }
    let gcode = format!(
        "(rmos program {n})\nG21\nG90\nG0 Z5\nG0 X{n} Y10\nG1 Z-1 F300\nG1 X{} F1000\nG0 Z5\nM30\n",
        n + 10
    );
    let program = Attachment::new("program.nc", gcode.into_bytes());
    record.kind = ArtifactKind::Toolpath;
    record.engines = EngineStamps::toolpath("grbl");
    record.post = Some("grbl".to_owned());
    record.output_hash = Some(program.reference().sha256);
    record.attachments = vec![program.reference()];
    (record, vec![program])
}

/// A durable ledger of `n` artifacts in `dir`.
fn ledger_of(dir: &std::path::Path, n: u64) -> SqliteStore {
    let mut memory = MemoryStore::new();
    for i in 0..n {
        let (record, attachments) = artifact(i);
        rmos_benches::seal_at_head(&mut memory, record, &attachments).unwrap();
    }
    let mut ledger = SqliteStore::open(dir.join(format!("scale-{n}.rmos"))).unwrap();
    assert_eq!(ledger.copy_from(&memory).unwrap(), n);
    ledger
}

fn scale(c: &mut Criterion) {
    let mut sizes = vec![1_000u64, 10_000, 100_000];
    if std::env::var_os("RMOS_BENCH_SCALE_1M").is_some() {
        sizes.push(1_000_000);
    }
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("store_scale");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for n in sizes {
        let ledger = ledger_of(dir.path(), n);
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(BenchmarkId::new("verify", n), &ledger, |b, ledger| {
            b.iter(|| assert_eq!(ledger.verify().unwrap().artifacts, n))
        });
        group.bench_with_input(BenchmarkId::new("scan", n), &ledger, |b, ledger| {
            b.iter(|| {
                let mut bytes = 0;
                ledger
                    .for_each_stored_ref(&mut |stored| {
                        bytes += stored.bytes.len();
                        Ok(())
                    })
                    .unwrap();
                black_box(bytes)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
