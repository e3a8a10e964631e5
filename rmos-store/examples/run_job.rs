//! Runs a real job end to end in Rust: evaluate, approve as a human, write G-code, record everything in a
//! durable ledger and verify it.
//!
//! ```sh
//! cargo run -p rmos-store --example run_job -- examples/jobs/guitar_top.json grbl out/ [LEDGER]
//! ```
//! LEDGER is where the ledger lives: a SQLite file (default `OUT_DIR/shop.rmos`) or a `postgresql://` URL
//! (`make demo-pg` runs it against a private server).
//! A YELLOW job is approved with the written reason a luthier would give; a RED job is refused, and the
//! refusal is in the ledger too.

use std::path::PathBuf;
use std::process::ExitCode;

use rmos_core::gates::{Actor, Override, Policy};
use rmos_core::job::Job;
use rmos_core::posts::Post;
use rmos_core::program::Program;
use rmos_core::runs::RunStore;
use rmos_core::workflow::Session;
use rmos_store::{Ledger, OpenOptions};

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("run_job: {err}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let job_path = PathBuf::from(
        args.next()
            .ok_or("usage: run_job JOB.json [POST] [OUT_DIR] [LEDGER]")?,
    );
    let post: Post = args.next().as_deref().unwrap_or("grbl").parse()?;
    let out = PathBuf::from(args.next().unwrap_or_else(|| "out".into()));
    std::fs::create_dir_all(&out)?;

    let job = Job::from_json(&std::fs::read_to_string(&job_path)?)?;
    let name = job.name.clone().unwrap_or_else(|| job_path.display().to_string());
    let policy = Policy::default();
    let location = args
        .next()
        .unwrap_or_else(|| out.join("shop.rmos").display().to_string());
    let mut ledger = Ledger::open_location(&location, &OpenOptions::new())?;
    let shown = match ledger.path() {
        Some(path) => path.display().to_string(),
        None => rmos_store::redact_url(&location),
    };
    let at = "2026-11-22T10:00:00Z"; // a host passes its clock; a fixed time keeps the demo repeatable

    let evaluated = Session::new(job).evaluate(&policy);
    let report = evaluated.report();
    println!("job      {name}");
    println!(
        "report   {} (score {:.0}), {} findings",
        report.bucket,
        report.score,
        report.findings.len()
    );
    for f in &report.findings {
        let op = f
            .operation
            .map_or_else(|| "job".to_owned(), |i| format!("op {i}"));
        println!("         {:<5} {:<20} {:<6} {}", op, f.code, f.bucket, f.message);
    }

    let luthier = Actor::human("luthier");
    let why = Override::new(
        "1/16 in bit is new, runout checked under 0.01 mm, air blast on",
        false,
    );
    let attempt = match report.bucket {
        rmos_core::feasibility::Bucket::Green => evaluated.approve(&luthier, at, &mut ledger),
        _ => evaluated.approve_with_override(&luthier, &why, at, &mut ledger),
    };
    let approved = match attempt {
        Ok(a) => a,
        Err(blocked) => {
            println!(
                "blocked  {} (artifact {:?})",
                blocked.reasons.join("; "),
                blocked.artifact_id
            );
            println!(
                "ledger   {} artifacts, chain verifies: {}",
                ledger.len()?,
                ledger.verify().is_ok()
            );
            return Ok(ExitCode::from(1));
        }
    };
    println!(
        "approved by {} as {}",
        approved.actor().id,
        approved.artifact_id()
    );

    let program = Program::release(&approved, post, at, &mut ledger)?;
    let path = out.join(format!(
        "{}.{}.nc",
        job_path.file_stem().and_then(|s| s.to_str()).unwrap_or("job"),
        post
    ));
    std::fs::write(&path, program.gcode())?;
    let tp = program.toolpath();
    println!(
        "program  {} lines of {post} G-code, {} moves, cycle {:.0} s -> {}",
        program.gcode().lines().count(),
        tp.moves().len(),
        tp.cycle_time_s(),
        path.display()
    );
    println!("         toolpath artifact {}", program.artifact_id());
    let verified = ledger.verify()?;
    println!(
        "ledger   {} artifacts in {}, chain verifies",
        verified.artifacts, shown
    );
    Ok(ExitCode::SUCCESS)
}
