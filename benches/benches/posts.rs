//! G-code emission at scale, through the only road there is: `posts/release_large_grbl` (and Fanuc, whose
//! numbers and line numbers are written differently) releases an approved job of about 200,000 moves:
//! five deep rectangular pockets. The time covers planning, emission, read-back, hashing and recording;
//! criterion reports bytes of G-code per second. The emitter is crate-private (S2), so no bench can hand it
//! a motion list of its own.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rmos_core::gates::{Actor, Override, Policy};
use rmos_core::job::Job;
use rmos_core::posts::Post;
use rmos_core::program::Program;
use rmos_core::runs::MemoryStore;
use rmos_core::workflow::Session;

const AT: &str = "2026-11-22T10:00:00Z";

/// Five 300 × 200 mm pockets, 24 mm deep in 0.6 mm passes with a quarter-inch end mill, in MDF.
fn large_job() -> Job {
    let pockets: Vec<String> = (0..5)
        .map(|i| {
            format!(
                r#"{{"op": "rect_pocket", "corner_mm": [{}, 20], "size_mm": [60, 200], "corner_radius_mm": 6.35,
                    "depth_mm": 24}}"#,
                20 + 80 * i
            )
        })
        .collect();
    let text = format!(
        r#"{{
  "name": "bench pockets",
  "machine": {{"name": "shop-router", "travel_mm": [800, 600, 120], "spindle_rpm": [8000, 24000],
              "max_feed_mm_min": 6000, "max_plunge_mm_min": 1500, "rapid_mm_min": 10000}},
  "stock": {{"material": "mdf", "size_mm": [500, 400], "thickness_mm": 30}},
  "tool": {{"kind": "flat_end_mill", "diameter_mm": 6.35, "flutes": 2, "flute_length_mm": 32,
           "stickout_mm": 40, "tool_material": "carbide"}},
  "cutting": {{"rpm": 18000, "feed_mm_min": 3000, "plunge_mm_min": 800, "stepdown_mm": 0.6,
              "stepover": 0.15, "safe_z_mm": 5}},
  "operations": [{}]
}}"#,
        pockets.join(",\n")
    );
    Job::from_json(&text).expect("bench job parses")
}

fn posts(c: &mut Criterion) {
    let policy = Policy {
        allow_red_override: true,
        ..Policy::default()
    };
    let mut ledger = MemoryStore::new();
    let evaluated = Session::new(large_job()).evaluate(&policy);
    let luthier = Actor::human("luthier");
    let approved = match evaluated.approve(&luthier, AT, &mut ledger) {
        Ok(approved) => approved,
        Err(_) => {
            let why = Override::new("bench: deep MDF pockets, operator at the stop", true);
            evaluated
                .approve_with_override(&luthier, &why, AT, &mut ledger)
                .expect("approves")
        }
    };
    let mut group = c.benchmark_group("posts");
    group.sample_size(10);
    for (name, post) in [
        ("release_large_grbl", Post::Grbl),
        ("release_large_fanuc", Post::Fanuc),
    ] {
        let program = Program::release(&approved, post, AT, &mut MemoryStore::new()).expect("releases");
        println!(
            "{name}: {} moves, {} bytes of G-code",
            program.toolpath().moves().len(),
            program.gcode().len()
        );
        group.throughput(Throughput::Bytes(program.gcode().len() as u64));
        group.bench_function(name, |b| {
            b.iter_batched(
                MemoryStore::new,
                |mut store| Program::release(&approved, post, AT, &mut store).expect("releases"),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, posts);
criterion_main!(benches);
