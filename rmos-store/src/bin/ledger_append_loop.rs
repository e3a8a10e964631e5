//! Appends to a ledger in a loop and prints `<seq> <id>` for every append once it has returned.
//!
//! The driver of rmos-store's reliability tests (killed at random moments, or run several at once):
//!
//! ```text
//! ledger_append_loop LEDGER TAG COUNT [THREADS]   # COUNT appends per thread, or 0 until killed
//! ```
//!
//! LEDGER is a SQLite file path or a `postgresql://` URL ([`rmos_store::Ledger::open_location`]). With
//! THREADS (default 1), that many threads append at once, each on its own connection, tagged `TAG.t`.
//!
//! It appends the way RMOS does, through the approval and release paths: a GREEN job is evaluated once, and
//! every artifact is an approval of it by a human named `TAG-n`, except every third, which releases its
//! program, a toolpath artifact with a G-code attachment; so an interrupted append would show as an artifact
//! without its attachment. A line is printed and flushed only after the call returned, that is after the
//! commit is on disk: every printed seq must be in the ledger afterwards.
#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;
use std::sync::Mutex;

use rmos_core::gates::{Actor, Policy};
use rmos_core::job::Job;
use rmos_core::posts::Post;
use rmos_core::program::Program;
use rmos_core::workflow::{Approved, Evaluated, Session};
use rmos_store::{Ledger, OpenOptions};

/// A neck pocket in mahogany with a 1/4" end mill: GREEN under the default policy.
const GREEN_JOB: &str = r#"{
  "name": "neck pocket",
  "machine": {"name": "shop-router", "travel_mm": [800, 600, 120], "spindle_rpm": [8000, 24000],
              "max_feed_mm_min": 6000, "max_plunge_mm_min": 1500, "rapid_mm_min": 10000},
  "stock": {"material": "mahogany_honduran", "size_mm": [500, 400], "thickness_mm": 45},
  "tool": {"kind": "flat_end_mill", "diameter_mm": 6.35, "flutes": 2, "flute_length_mm": 22,
           "stickout_mm": 30, "tool_material": "carbide"},
  "cutting": {"rpm": 18000, "feed_mm_min": 3000, "plunge_mm_min": 800, "stepdown_mm": 2,
              "stepover": 0.4, "safe_z_mm": 5},
  "operations": [
    {"op": "rect_pocket", "corner_mm": [100, 100], "size_mm": [76, 56], "corner_radius_mm": 6.35, "depth_mm": 6}
  ]
}"#;
const AT: &str = "2025-03-01T12:00:00Z";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (ledger, tag, count, threads) = match args.as_slice() {
        [_, ledger, tag, count] => (ledger, tag, count, "1"),
        [_, ledger, tag, count, threads] => (ledger, tag, count, threads.as_str()),
        _ => {
            eprintln!("usage: ledger_append_loop LEDGER TAG COUNT [THREADS] (COUNT 0: until killed)");
            return ExitCode::from(2);
        }
    };
    let Ok(count) = count.parse::<u64>() else {
        eprintln!("count must be a whole number, got {count:?}");
        return ExitCode::from(2);
    };
    let Some(threads) = threads.parse::<u32>().ok().filter(|t| *t > 0) else {
        eprintln!("threads must be a positive whole number, got {threads:?}");
        return ExitCode::from(2);
    };
    let out = Mutex::new(std::io::stdout());
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let tag = if threads == 1 {
                    tag.clone()
                } else {
                    format!("{tag}.{t}")
                };
                let out = &out;
                scope.spawn(move || run(ledger, &tag, count, out).map_err(|m| format!("{tag}: {m}")))
            })
            .collect();
        workers
            .into_iter()
            .filter_map(|w| match w.join() {
                Ok(Ok(())) => None,
                Ok(Err(message)) => Some(message),
                Err(_) => Some("a writer thread panicked".to_owned()),
            })
            .collect()
    });
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        for message in failures {
            eprintln!("ledger_append_loop {message}");
        }
        ExitCode::FAILURE
    }
}

fn run(ledger: &str, tag: &str, count: u64, out: &Mutex<std::io::Stdout>) -> Result<(), String> {
    let mut store = Ledger::open_location(ledger, &OpenOptions::new()).map_err(|e| e.to_string())?;
    let job = Job::from_json(GREEN_JOB).map_err(|e| e.to_string())?;
    let evaluated = Session::new(job).evaluate(&Policy::default());
    let mut approved: Option<Approved<Session<Evaluated>>> = None;
    let mut n = 0u64;
    while count == 0 || n < count {
        let artifact = match approved.as_ref().filter(|_| n % 3 == 2) {
            Some(approval) => Program::release(approval, Post::Grbl, AT, &mut store)
                .map_err(|e| e.to_string())?
                .artifact()
                .clone(),
            None => {
                let actor = Actor::human(format!("{tag}-{n}"));
                let approval = evaluated
                    .approve(&actor, AT, &mut store)
                    .map_err(|e| e.to_string())?;
                let artifact = approval.artifact().clone();
                approved = Some(approval);
                artifact
            }
        };
        let mut out = out.lock().map_err(|_| "stdout lock poisoned".to_owned())?;
        writeln!(out, "{} {}", artifact.seq, artifact.id).map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        n += 1;
    }
    Ok(())
}
