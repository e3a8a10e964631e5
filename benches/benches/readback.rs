//! Read-back of emitted programs: reading and checking a large program, as done before every release.

use std::fmt::Write;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rmos_core::job::Job;
use rmos_core::posts::Post;
use rmos_core::readback;

/// A program of the shape RMOS emits: rosette rings as full G2 circles in passes, fret slots as G1
/// plunges and traverses, and pecked holes as G83. About 20 000 blocks.
fn program() -> String {
    let mut g = String::from("G21 G90 G17\nM3 S18000\nG0 Z5.000\n");
    for ring in 0..40 {
        let r = 50.0 + f64::from(ring) * 0.5;
        let _ = write!(g, "G0 X{:.3} Y210.000\nG0 Z1.000\n", 280.0 + r);
        for pass in 1..=3 {
            let _ = write!(
                g,
                "G1 Z{:.3} F300\nG2 X{:.3} Y210.000 I{:.3} J0.000 F1200\n",
                -0.3 * f64::from(pass),
                280.0 + r,
                -r
            );
        }
        g.push_str("G0 Z5.000\n");
    }
    for slot in 0..2000 {
        let x = 20.0 + f64::from(slot) * 0.25;
        let _ = write!(
            g,
            "G0 X{x:.3} Y12.000\nG0 Z1.000\nG1 Z-0.900 F300\nG1 Y68.000 F1200\nG1 Z-1.800 F300\nG1 Y12.000 F1200\nG0 Z5.000\n"
        );
    }
    g.push_str("G98 G83 X50.000 Y50.000 Z-2.900 R1.000 Q1.000 F300\n");
    for hole in 1..2000 {
        let _ = writeln!(g, "X{:.3} Y50.000", 50.0 + f64::from(hole) * 0.2);
    }
    g.push_str("G80\nG0 Z5.000\nM5\nM30\n");
    g
}

fn bench(c: &mut Criterion) {
    let job = Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).expect("example job");
    let gcode = program();
    let report = readback::check_for(&gcode, &job, Post::LinuxCnc);
    assert!(report.passed(), "{:?}", report.findings);

    let mut group = c.benchmark_group("readback");
    group.throughput(Throughput::Bytes(gcode.len() as u64));
    group.bench_function("read_20k_blocks", |b| b.iter(|| readback::read(&gcode)));
    group.bench_function("check_for_linuxcnc_20k_blocks", |b| {
        b.iter(|| readback::check_for(&gcode, &job, Post::LinuxCnc))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
