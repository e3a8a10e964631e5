//! The road from a job to a released program: evaluate, approve + append, and the whole generate
//! (plan, post, read back, record) for a guitar top with rosette, soundhole and 22 fret slots.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rmos_core::gates::{Actor, Override, Policy};
use rmos_core::job::Job;
use rmos_core::posts::Post;
use rmos_core::program::Program;
use rmos_core::runs::MemoryStore;
use rmos_core::workflow::Session;

const AT: &str = "2026-11-22T10:00:00Z";

fn full_job() -> Job {
    Job::from_json(include_str!("../../examples/jobs/guitar_top_and_frets.json")).expect("bench job parses")
}

fn approve_and_append(c: &mut Criterion) {
    let policy = Policy::default();
    let evaluated =
        Session::new(Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).expect("job"))
            .evaluate(&policy);
    let luthier = Actor::human("luthier");
    let why = Override::new("fresh bit, runout checked", false);
    let mut store = MemoryStore::new();
    c.bench_function("workflow/approve_and_append", |b| {
        b.iter(|| {
            evaluated
                .approve_with_override(&luthier, &why, AT, &mut store)
                .expect("approves")
        })
    });
}

fn generate_guitar_top(c: &mut Criterion) {
    // The bench job is RED for the classic rules (a 0.6 mm bit through a 3 mm top); a policy that enables RED
    // overrides lets it be approved so the release path itself can be timed.
    let policy = Policy {
        allow_red_override: true,
        ..Policy::default()
    };
    let why = Override::new("bench: scrap top, operator at the stop", true);
    let mut store = MemoryStore::new();
    let approved = Session::new(full_job())
        .evaluate(&policy)
        .approve_with_override(&Actor::human("luthier"), &why, AT, &mut store)
        .expect("approves");
    let program = Program::release(&approved, Post::Grbl, AT, &mut store).expect("generates");
    let bytes = program.gcode().len() as u64;
    let moves = program.toolpath().moves().len() as u64;
    println!("guitar top + 22 frets: {moves} moves, {bytes} bytes of G-code");

    let mut group = c.benchmark_group("release");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("generate_guitar_top_22_frets_grbl", |b| {
        b.iter_batched(
            MemoryStore::new,
            |mut s| Program::release(&approved, Post::Grbl, AT, &mut s).expect("generates"),
            BatchSize::SmallInput,
        )
    });
    group.throughput(Throughput::Elements(moves));
    group.bench_function("generate_guitar_top_22_frets_moves", |b| {
        b.iter_batched(
            MemoryStore::new,
            |mut s| Program::release(&approved, Post::Grbl, AT, &mut s).expect("generates"),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, approve_and_append, generate_guitar_top);
criterion_main!(benches);
