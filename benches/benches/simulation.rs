//! The stock simulation: a fresh field for a guitar top, the guitar top (560 × 420 mm at 0.1 mm cells, 23.5 M cells) faced by a raster, the
//! released guitar-top program (rosette channel and soundhole), and ball-nose ramps that take the
//! per-cell path (closed form). Throughput is in cell updates (cells the tool lowered); each bench prints the cells it
//! visited and updated once.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rmos_core::gates::{Actor, Override, Policy};
use rmos_core::job::Job;
use rmos_core::posts::Post;
use rmos_core::program::Program;
use rmos_core::runs::MemoryStore;
use rmos_core::simulation::{simulate, sweeps_from_moves, Cutter, HeightField, Limits, StockBlock, Sweep};
use rmos_core::workflow::Session;

const AT: &str = "2026-11-22T10:00:00Z";
const CELL: f64 = 0.1;

fn top() -> StockBlock {
    StockBlock::at_origin([560.0, 420.0], 3.0)
}

/// A level raster over the whole top with a 1/4" end mill, 40 % stepover, 0.5 mm deep.
fn facing() -> Vec<Sweep> {
    let (d, step) = (6.35, 6.35 * 0.4);
    let mut sweeps = Vec::new();
    let mut y = 0.0;
    let mut left = true;
    let z = -0.5;
    let mut at = [-d, 0.0, z];
    while y <= 420.0 {
        let next = [if left { 560.0 + d } else { -d }, y, z];
        sweeps.push(Sweep::line(sweeps.len() + 1, at, [at[0], y, z]));
        sweeps.push(Sweep::line(sweeps.len() + 1, [at[0], y, z], next));
        at = next;
        left = !left;
        y += step;
    }
    sweeps
}

/// Ball-nose ramps down and back over a 100 × 100 mm block: every cell takes the golden-section path.
fn ball_ramps() -> Vec<Sweep> {
    let mut sweeps = Vec::new();
    let mut y = 0.0;
    while y <= 100.0 {
        sweeps.push(Sweep::line(sweeps.len() + 1, [0.0, y, 0.0], [100.0, y, -2.0]));
        sweeps.push(Sweep::line(
            sweeps.len() + 1,
            [100.0, y, -2.0],
            [0.0, y + 1.5, 0.0],
        ));
        y += 3.0;
    }
    sweeps
}

fn guitar_top_program() -> Vec<Sweep> {
    let job = Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).expect("job");
    let policy = Policy::default();
    let why = Override::new("bench: fresh bit, runout checked", true);
    let mut store = MemoryStore::new();
    let approved = Session::new(job)
        .evaluate(&policy)
        .approve_with_override(&Actor::human("luthier"), &why, AT, &mut store)
        .expect("approves");
    let program = Program::release(&approved, Post::Grbl, AT, &mut store).expect("releases");
    sweeps_from_moves(program.toolpath().moves())
}

fn bench(c: &mut Criterion, name: &str, stock: StockBlock, cutter: Cutter, sweeps: &[Sweep]) {
    let limits = Limits::default();
    let once = simulate(&stock, CELL, &cutter, sweeps, &limits).expect("simulates");
    let cells = once.field.heights().len();
    println!(
        "{name}: {cells} cells, {} moves, {} visited, {} updated",
        sweeps.len(),
        once.cells_visited,
        once.cells_updated
    );
    let mut group = c.benchmark_group("simulation");
    group.throughput(Throughput::Elements(once.cells_updated));
    group.bench_function(name, |b| {
        b.iter(|| simulate(&stock, CELL, &cutter, sweeps, &limits).expect("simulates"))
    });
    group.finish();
}

fn simulation(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulation");
    group.throughput(Throughput::Elements(5600 * 4200));
    group.bench_function("new_field_guitar_top_0.1mm", |b| {
        b.iter(|| HeightField::new(&top(), CELL).expect("allocates"))
    });
    group.finish();
    let flat = Cutter::Flat { diameter_mm: 6.35 };
    bench(c, "face_guitar_top_0.1mm", top(), flat, &facing());
    let program = guitar_top_program();
    let bit = Cutter::Flat { diameter_mm: 1.5875 };
    bench(c, "guitar_top_program_0.1mm", top(), bit, &program);
    let block = StockBlock::at_origin([100.0, 100.0], 10.0);
    let ball = Cutter::Ball { diameter_mm: 6.0 };
    bench(c, "ball_ramps_100mm_0.1mm", block, ball, &ball_ramps());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = simulation
}
criterion_main!(benches);
