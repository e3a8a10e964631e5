//! The cost of the C ABI: what a call through `rmos-ffi` adds to the same work done in Rust.
//!
//! - `ffi/rmos_version`: the cheapest entry point (a static string): the floor of a call.
//! - `ffi/bucket_via_abi` vs `ffi/bucket_rust`: one accessor on a live handle, i.e. the guard (panic catch,
//!   last-error reset) plus the registry lookup, against a field read.
//! - `ffi/evaluate_via_abi` vs `ffi/evaluate_rust`: a full evaluation from JSON text (read the job, evaluate
//!   under the default policy, read the bucket, free), five ABI calls against the same Rust calls. The ABI
//!   also copies the job out of its `const` handle (a Rust caller can move it into the session).
//! - `ffi/evaluate_handle_via_abi` vs `ffi/evaluate_handle_rust`: evaluating a job already read, both copying
//!   it, so the difference is the two calls' ABI cost alone.
//! - `ffi/make_free_via_abi` vs `ffi/make_free_rust`: the cheapest handle there is made and freed
//!   (`rmos_ledger_memory` + `rmos_ledger_free` against `Arc::new` + drop of the same value): the registry's
//!   insert and remove, and two guards.
//! - `ffi_8_threads/*`: the same accessor and make/free pairs from 8 threads at once, each thread doing
//!   every iteration (so one iteration is 8 calls, run side by side). The accessor threads share one
//!   handle; the make/free threads each make their own. Against the same Rust work from 8 threads, this is
//!   what contention on the registry adds.
//!
//! The entry points are called from Rust directly (rmos-ffi is also built as an rlib), so the difference
//! is the ABI layer itself; a C host adds only an ordinary function call.

use std::hint::black_box;
use std::ptr::{null, null_mut};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use rmos_core::gates::Policy;
use rmos_core::job::Job;
use rmos_core::workflow::Session;
use rmos_ffi::{
    rmos_evaluate, rmos_evaluated_bucket, rmos_evaluated_free, rmos_job_free, rmos_job_from_json,
    rmos_ledger_free, rmos_ledger_memory, rmos_version, RmosBucket, RmosEvaluated, RmosStatus,
};
use rmos_store::{Ledger, SharedLedger};

const JOB: &str = include_str!("../../examples/jobs/guitar_top.json");

fn abi(c: &mut Criterion) {
    let mut group = c.benchmark_group("ffi");
    group.measurement_time(Duration::from_secs(3));

    group.bench_function("rmos_version", |b| b.iter(|| black_box(rmos_version())));

    // One accessor on a live handle.
    let mut job = null_mut();
    let mut evaluated = null_mut();
    // SAFETY: the text is `len` readable bytes; the out-pointers are live locals.
    unsafe {
        assert_eq!(
            rmos_job_from_json(JOB.as_ptr().cast(), JOB.len(), &mut job),
            RmosStatus::RMOS_OK
        );
        assert_eq!(rmos_evaluate(job, null(), 0, &mut evaluated), RmosStatus::RMOS_OK);
    }
    group.bench_function("bucket_via_abi", |b| {
        let mut bucket = RmosBucket::RMOS_BUCKET_RED;
        b.iter(|| {
            // SAFETY: `bucket` is a live local.
            let status = unsafe { rmos_evaluated_bucket(black_box(evaluated), &mut bucket) };
            black_box((status, bucket))
        })
    });
    let session = Session::new(Job::from_json(JOB).unwrap()).evaluate(&Policy::default());
    group.bench_function("bucket_rust", |b| {
        b.iter(|| black_box(black_box(&session).bucket()))
    });
    assert_eq!(rmos_evaluated_free(evaluated), RmosStatus::RMOS_OK);
    assert_eq!(rmos_job_free(job), RmosStatus::RMOS_OK);

    // A whole evaluation from the job's JSON text.
    group.bench_function("evaluate_via_abi", |b| {
        b.iter(|| {
            let text = black_box(JOB);
            let (mut job, mut evaluated) = (null_mut(), null_mut());
            let mut bucket = RmosBucket::RMOS_BUCKET_RED;
            // SAFETY: the text is `len` readable bytes; the out-pointers are live locals.
            unsafe {
                rmos_job_from_json(text.as_ptr().cast(), text.len(), &mut job);
                rmos_evaluate(job, null(), 0, &mut evaluated);
                rmos_evaluated_bucket(evaluated, &mut bucket);
            }
            rmos_evaluated_free(evaluated);
            rmos_job_free(job);
            black_box(bucket)
        })
    });
    group.bench_function("evaluate_rust", |b| {
        b.iter(|| {
            let job = Job::from_json(black_box(JOB)).unwrap();
            let evaluated = Session::new(job).evaluate(&Policy::default());
            black_box(evaluated.bucket())
        })
    });

    // Evaluation of a job already read: both sides copy the job.
    let mut job = null_mut();
    // SAFETY: the text is `len` readable bytes; the out-pointer is a live local.
    let status = unsafe { rmos_job_from_json(JOB.as_ptr().cast(), JOB.len(), &mut job) };
    assert_eq!(status, RmosStatus::RMOS_OK);
    group.bench_function("evaluate_handle_via_abi", |b| {
        b.iter(|| {
            let mut evaluated = null_mut();
            // SAFETY: the out-pointer is a live local.
            unsafe { rmos_evaluate(black_box(job), null(), 0, &mut evaluated) };
            black_box(rmos_evaluated_free(evaluated))
        })
    });
    let rust_job = Job::from_json(JOB).unwrap();
    group.bench_function("evaluate_handle_rust", |b| {
        b.iter(|| {
            let evaluated = Session::new(black_box(&rust_job).clone()).evaluate(&Policy::default());
            black_box(evaluated.bucket())
        })
    });
    assert_eq!(rmos_job_free(job), RmosStatus::RMOS_OK);

    // The cheapest handle made and freed.
    group.bench_function("make_free_via_abi", |b| b.iter(|| black_box(ledger_make_free())));
    group.bench_function("make_free_rust", |b| {
        b.iter(|| drop(black_box(Arc::new(SharedLedger::new(Ledger::memory())))))
    });
    group.finish();
}

/// `rmos_ledger_memory` + `rmos_ledger_free`.
fn ledger_make_free() -> RmosStatus {
    let mut ledger = null_mut();
    // SAFETY: the out-pointer is a live local.
    let status = unsafe { rmos_ledger_memory(&mut ledger) };
    assert_eq!(status, RmosStatus::RMOS_OK);
    rmos_ledger_free(black_box(ledger))
}

/// Runs `call` `iters` times on each of `THREADS` threads at once and returns the wall time from the moment
/// all are ready until the last one finished.
fn on_threads(iters: u64, call: impl Fn() + Sync) -> Duration {
    const THREADS: usize = 8;
    let ready = Barrier::new(THREADS + 1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    ready.wait();
                    for _ in 0..iters {
                        call();
                    }
                })
            })
            .collect();
        ready.wait();
        let start = Instant::now();
        for worker in workers {
            worker.join().unwrap();
        }
        start.elapsed()
    })
}

/// A handle's address, to share it with the worker threads (the handle itself is thread-safe).
#[derive(Clone, Copy)]
struct Shared(*const RmosEvaluated);
// SAFETY: every RMOS handle may be used from any thread (rmos-ffi's conventions).
unsafe impl Send for Shared {}
// SAFETY: as above.
unsafe impl Sync for Shared {}

fn threads(c: &mut Criterion) {
    let mut group = c.benchmark_group("ffi_8_threads");
    group.measurement_time(Duration::from_secs(3));

    let mut job = null_mut();
    let mut evaluated = null_mut();
    // SAFETY: the text is `len` readable bytes; the out-pointers are live locals.
    unsafe {
        assert_eq!(
            rmos_job_from_json(JOB.as_ptr().cast(), JOB.len(), &mut job),
            RmosStatus::RMOS_OK
        );
        assert_eq!(rmos_evaluate(job, null(), 0, &mut evaluated), RmosStatus::RMOS_OK);
    }
    let shared = Shared(evaluated);
    group.bench_function("bucket_via_abi", |b| {
        b.iter_custom(|iters| {
            on_threads(iters, || {
                let handle = shared;
                let mut bucket = RmosBucket::RMOS_BUCKET_RED;
                // SAFETY: `bucket` is a live local; the handle is live until after the bench.
                let status = unsafe { rmos_evaluated_bucket(black_box(handle.0), &mut bucket) };
                black_box((status, bucket));
            })
        })
    });
    let session = Session::new(Job::from_json(JOB).unwrap()).evaluate(&Policy::default());
    group.bench_function("bucket_rust", |b| {
        b.iter_custom(|iters| {
            on_threads(iters, || {
                black_box(black_box(&session).bucket());
            })
        })
    });
    assert_eq!(rmos_evaluated_free(evaluated), RmosStatus::RMOS_OK);
    assert_eq!(rmos_job_free(job), RmosStatus::RMOS_OK);

    group.bench_function("make_free_via_abi", |b| {
        b.iter_custom(|iters| {
            on_threads(iters, || {
                black_box(ledger_make_free());
            })
        })
    });
    group.bench_function("make_free_rust", |b| {
        b.iter_custom(|iters| {
            on_threads(iters, || {
                drop(black_box(Arc::new(SharedLedger::new(Ledger::memory()))));
            })
        })
    });
    group.finish();
}

criterion_group!(benches, abi, threads);
criterion_main!(benches);
