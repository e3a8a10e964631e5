//! Released programs turned into sweeps for the stock simulation, through the public API only.
#![allow(dead_code)]

use rmos_core::catalog::ToolKind;
use rmos_core::gates::{Actor, Override, Policy};
use rmos_core::job::Job;
use rmos_core::posts::Post;
use rmos_core::program::Program;
use rmos_core::readback::{self, Plane, SegmentKind};
use rmos_core::runs::MemoryStore;
use rmos_core::simulation::{simulate, Cutter, Limits, SimulationReport, StockBlock, Sweep};
use rmos_core::workflow::Session;

const AT: &str = "2026-11-22T10:00:00Z";

/// Releases `job` in `post` under a policy that lets a human override any bucket: the tests are about the
/// program's geometry, whatever the rules say of the job.
pub fn release(job: &Job, post: Post) -> String {
    release_program(job, post).gcode().to_owned()
}

/// The released program itself, approved as [`release`] does.
pub fn release_program(job: &Job, post: Post) -> Program {
    let policy = Policy {
        allow_red_override: true,
        ..Policy::default()
    };
    let mut store = MemoryStore::new();
    let why = Override::new("simulation check of a released program", true);
    let approved = Session::new(job.clone())
        .evaluate(&policy)
        .approve_with_override(&Actor::human("luthier"), &why, AT, &mut store)
        .unwrap();
    Program::release(&approved, post, AT, &mut store).unwrap()
}

/// The sweeps of a program as the read-back reader reads it: rapids, feeds and XY arcs as they are, each
/// drilling cycle as a plunge from its R plane and a retract. Moves before the reader knows all three
/// axes are rapids to the first position and carry no cut.
pub fn sweeps(gcode: &str) -> Vec<Sweep> {
    let reading = readback::read(gcode).unwrap();
    let mut out = Vec::new();
    for s in &reading.segments {
        let (Some(from), Some(to)) = (known(s.from), known(s.to)) else {
            assert!(
                !s.is_cutting_move(),
                "line {}: a cut from an unknown position",
                s.line
            );
            continue;
        };
        match s.kind {
            SegmentKind::Rapid => out.push(Sweep {
                rapid: true,
                ..Sweep::line(s.line, from, to)
            }),
            SegmentKind::Feed => out.push(Sweep::line(s.line, from, to)),
            SegmentKind::Arc {
                clockwise,
                plane,
                center,
                ..
            } => {
                assert_eq!(plane, Plane::G17, "line {}", s.line);
                out.push(Sweep::arc(s.line, from, to, [center[0], center[1]], clockwise));
            }
            SegmentKind::Drill { r_z, bottom_z, .. } => {
                let top = [to[0], to[1], r_z];
                let bottom = [to[0], to[1], bottom_z];
                out.push(Sweep {
                    rapid: true,
                    ..Sweep::line(s.line, from, top)
                });
                out.push(Sweep::line(s.line, top, bottom));
                out.push(Sweep::line(s.line, bottom, to));
            }
        }
    }
    out
}

fn known(p: [Option<f64>; 3]) -> Option<[f64; 3]> {
    Some([p[0]?, p[1]?, p[2]?])
}

/// The job's tool as a cutter.
pub fn cutter(job: &Job) -> Cutter {
    let d = job.tool.diameter_mm;
    match job.tool.kind {
        ToolKind::FlatEndMill | ToolKind::Drill => Cutter::Flat { diameter_mm: d },
        ToolKind::BallNose => Cutter::Ball { diameter_mm: d },
        ToolKind::VBit => Cutter::Vee {
            diameter_mm: d,
            included_angle_deg: 90.0,
        },
    }
}

/// The job's stock, corner at the origin, top at Z = 0.
pub fn stock(job: &Job) -> StockBlock {
    StockBlock::at_origin(job.stock.size_mm, job.stock.thickness_mm)
}

/// Releases `job` in `post` and simulates the program over the job's stock at `cell_mm`.
pub fn simulate_release(job: &Job, post: Post, cell_mm: f64) -> SimulationReport {
    let gcode = release(job, post);
    let moves = sweeps(&gcode);
    simulate(&stock(job), cell_mm, &cutter(job), &moves, &Limits::default()).unwrap()
}

/// The example jobs the tests simulate.
pub fn example(name: &str) -> Job {
    let text = match name {
        "guitar_top" => include_str!("../../../examples/jobs/guitar_top.json"),
        "fretboard" => include_str!("../../../examples/jobs/fretboard.json"),
        "maple_neck_truss_rod" => include_str!("../../../examples/jobs/maple_neck_truss_rod.json"),
        "body_12_ops" => include_str!("../../../examples/jobs/body_12_ops.json"),
        other => panic!("no example job {other}"),
    };
    Job::from_json(text).unwrap()
}
