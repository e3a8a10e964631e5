//! The PostgreSQL ledger against a local server (`RMOS_TEST_PG_URL`, a superuser's URL, as for its tests;
//! `tests/pg/cluster.sh start DIR` makes one): durable appends by one writer and by 8 writers at once, the
//! append time as the ledger grows (1k, 10k, 100k artifacts; `RMOS_BENCH_PG_MAX=1000000` adds 1M), and
//! verification of 100k artifacts streamed from the server. Without the variable it says so and measures
//! nothing.
//!
//! Every append commits with `synchronous_commit = on` under the ledger's lock: one WAL flush per append,
//! so the disk's flush rate bounds one writer and all writers together alike.

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use rmos_core::content::ContentHash;
use rmos_core::engines::EngineStamps;
use rmos_core::gates::{Actor, Policy};
use rmos_core::job::Job;
use rmos_core::runs::{ArtifactKind, RunArtifact, RunRecord, RunStatus, RunStore};
use rmos_core::workflow::Session;
use rmos_store::PostgresStore;

/// A plain OK approval (about 600 bytes), as in the SQLite benches.
fn approval(n: u64) -> RunRecord {
    RunRecord {
        kind: ArtifactKind::Approval,
        status: RunStatus::Ok,
        at: format!("2025-06-01T09:{:02}:{:02}Z", (n / 60) % 60, n % 60),
        actor: Actor::human(format!("luthier-{n}")),
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

/// `url` with its database replaced by `db`.
fn with_db(url: &str, db: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a url");
    let authority = rest.split(['/', '?']).next().expect("an authority");
    format!("{scheme}://{authority}/{db}")
}

/// A new empty database `rmos_bench_<name>` and its URL.
fn fresh_db(server: &str, name: &str) -> String {
    let db = format!("rmos_bench_{name}");
    let mut admin = postgres::Client::connect(server, postgres::NoTls).expect("the bench server");
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
        .expect("drop");
    admin
        .batch_execute(&format!("CREATE DATABASE {db}"))
        .expect("create");
    with_db(server, &db)
}

/// Grows the ledger at `url` to `size` artifacts quickly: rows sealed here and inserted 2,000 at a time
/// through the schema's own triggers and checks (the bench measures appends, not the filling).
fn fill_to(url: &str, store: &PostgresStore, size: u64) {
    let mut seq = store.len().expect("len");
    let mut prev = store.head().expect("head");
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("the bench server");
    while seq < size {
        let end = (seq + 2_000).min(size);
        let (mut seqs, mut ids, mut prevs, mut bytes) = (vec![], vec![], vec![], vec![]);
        for n in seq..end {
            let artifact = RunArtifact::seal(approval(n), n, prev);
            seqs.push(n as i64);
            ids.push(artifact.id.to_string());
            prevs.push(prev.map(|p| p.to_string()));
            bytes.push(artifact.canonical_bytes());
            prev = Some(artifact.id);
        }
        client
            .execute(
                "INSERT INTO artifacts (seq, id, prev, kind, status, bytes)
                 SELECT s, i, p, 'approval', 'OK', b FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[])
                     AS t(s, i, p, b) ORDER BY s",
                &[&seqs, &ids, &prevs, &bytes],
            )
            .expect("bulk insert");
        seq = end;
    }
}

fn append_one_writer(c: &mut Criterion, server: &str) {
    let url = fresh_db(server, "append");
    let mut store = PostgresStore::open(&url).expect("open");
    let mut group = c.benchmark_group("postgres");
    group.throughput(Throughput::Elements(1));
    let mut n = 0;
    group.bench_function("append_durable", |b| {
        b.iter(|| {
            n += 1;
            rmos_benches::seal_at_head(&mut store, approval(n), &[]).expect("append")
        })
    });
    group.finish();
}

fn append_eight_writers(c: &mut Criterion, server: &str) {
    let url = fresh_db(server, "writers");
    PostgresStore::open(&url).expect("open");
    let job = Job::from_json(include_str!("../../examples/jobs/maple_neck_truss_rod.json")).expect("job");
    let mut group = c.benchmark_group("postgres");
    group.throughput(Throughput::Elements(1));
    group.sample_size(10);
    group.bench_function("append_8_writers", |b| {
        b.iter_custom(|iters| {
            let per_writer = iters.div_ceil(8);
            let started = Instant::now();
            std::thread::scope(|scope| {
                for w in 0..8u64 {
                    let (url, job) = (&url, &job);
                    scope.spawn(move || {
                        // Through the approval path, as a shop's writers append: `append` under the
                        // ledger's lock (sealing at a head read outside it would lose the race).
                        let mut store = PostgresStore::open(url).expect("open");
                        let evaluated = Session::new(job.clone()).evaluate(&Policy::default());
                        for n in 0..per_writer {
                            let actor = Actor::human(format!("luthier-{w}-{n}"));
                            evaluated
                                .approve(&actor, "2025-06-01T09:00:00Z", &mut store)
                                .expect("append");
                        }
                    });
                }
            });
            // The time per append of all writers together.
            started.elapsed().mul_f64(iters as f64 / (per_writer * 8) as f64)
        })
    });
    group.finish();
}

fn append_as_the_ledger_grows(c: &mut Criterion, server: &str) -> (String, PostgresStore) {
    let max: u64 = std::env::var("RMOS_BENCH_PG_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let url = fresh_db(server, "growth");
    let mut store = PostgresStore::open(&url).expect("open");
    let mut group = c.benchmark_group("postgres");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    let mut n = u64::MAX / 2;
    for size in [1_000u64, 10_000, 100_000, 1_000_000]
        .into_iter()
        .filter(|s| *s <= max)
    {
        fill_to(&url, &store, size);
        group.bench_function(format!("append_at_{}k", size / 1_000), |b| {
            b.iter(|| {
                n += 1;
                rmos_benches::seal_at_head(&mut store, approval(n), &[]).expect("append")
            })
        });
    }
    group.finish();
    (url, store)
}

fn verify_streamed(c: &mut Criterion, url: &str, store: &mut PostgresStore) {
    let fill = Instant::now();
    fill_to(url, store, 100_000);
    let len = store.len().expect("len");
    eprintln!("ledger of {len} artifacts ready in {:?}", fill.elapsed());
    let mut group = c.benchmark_group("postgres");
    group.throughput(Throughput::Elements(len));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("verify_streamed_100k", |b| {
        b.iter(|| {
            let report = store.verify().expect("verify");
            assert_eq!(report.artifacts, len);
            report
        })
    });
    group.finish();
}

fn main() {
    let Some(server) = std::env::var("RMOS_TEST_PG_URL").ok().filter(|u| !u.is_empty()) else {
        println!("postgres bench: SKIPPED: RMOS_TEST_PG_URL is not set (tests/pg/cluster.sh start DIR makes a server)");
        return;
    };
    let mut c = Criterion::default().configure_from_args();
    append_one_writer(&mut c, &server);
    append_eight_writers(&mut c, &server);
    let (url, mut store) = append_as_the_ledger_grows(&mut c, &server);
    verify_streamed(&mut c, &url, &mut store);
    c.final_summary();
}
