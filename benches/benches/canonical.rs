//! RFC 8785 canonical JSON: RMOS's hand-written encoder against `serde_json_canonicalizer`, on the same
//! values, so the second opinion's speed is measured beside its bytes (rmos-core/tests/content_canonical_jcs.rs).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rmos_core::content::{canonical_bytes, canonical_json};
use rmos_core::feasibility::{evaluate, Thresholds};
use rmos_core::gates::Policy;
use rmos_core::job::Job;
use serde_json::{json, Value};

/// The documents RMOS hashes most: a job, its feasibility report and the policy, as one object.
fn documents() -> Value {
    let job = Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).expect("example job");
    let report = evaluate(&job, &Thresholds::default());
    json!({
        "job": serde_json::to_value(&job).expect("job"),
        "report": serde_json::to_value(&report).expect("report"),
        "policy": serde_json::to_value(Policy::default()).expect("policy"),
    })
}

/// 1 000 doubles of every magnitude: the number form is the hard part of RFC 8785.
fn numbers() -> Value {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let values = (0..1000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if f.is_finite() {
                json!(f)
            } else {
                json!(0.5)
            }
        })
        .collect();
    Value::Array(values)
}

/// An object of 200 members with keys and values that need escaping and UTF-16 ordering.
fn strings() -> Value {
    let members = (0..200)
        .map(|i| {
            (
                format!("k\u{e000}{i}\u{1f600}"),
                json!(format!("line {i}\n\t\"quoted\" \u{1} €")),
            )
        })
        .collect();
    Value::Object(members)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("canonical");
    for (name, value) in [
        ("documents", documents()),
        ("numbers", numbers()),
        ("strings", strings()),
    ] {
        let bytes = canonical_json(&value);
        assert_eq!(
            bytes,
            serde_json_canonicalizer::to_vec(&value).expect("jcs"),
            "{name}"
        );
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("rmos", name), &value, |b, v| {
            b.iter(|| canonical_json(v))
        });
        group.bench_with_input(
            BenchmarkId::new("serde_json_canonicalizer", name),
            &value,
            |b, v| b.iter(|| serde_json_canonicalizer::to_vec(v)),
        );
    }
    // Typed values, as RMOS seals them: straight from `Serialize`, with no `Value` in between.
    let job = Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).expect("example job");
    let report = evaluate(&job, &Thresholds::default());
    assert_eq!(
        canonical_bytes(&report),
        serde_json_canonicalizer::to_vec(&report).expect("jcs")
    );
    group.throughput(Throughput::Bytes(canonical_bytes(&report).len() as u64));
    group.bench_function("rmos/typed_report", |b| b.iter(|| canonical_bytes(&report)));
    group.bench_function("serde_json_canonicalizer/typed_report", |b| {
        b.iter(|| serde_json_canonicalizer::to_vec(&report))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
