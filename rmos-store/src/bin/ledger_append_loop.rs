//! Appends to a ledger in a loop and prints `<seq> <id>` for every append once it has returned.
//!
//! The driver of rmos-store's reliability tests (killed at random moments, or run several at once):
//!
//! ```text
//! ledger_append_loop LEDGER TAG COUNT    # COUNT appends, or 0 to append until killed
//! ```
//!
//! Every third artifact is a toolpath with a G-code attachment, so an interrupted append would show as an
//! artifact without its attachment. A line is printed and flushed only after `append` returned, that is
//! after the commit is on disk: every printed seq must be in the ledger afterwards.
#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;

use rmos_core::engines::EngineStamps;
use rmos_core::gates::Actor;
use rmos_core::runs::{ArtifactKind, Attachment, ContentHash, RunRecord, RunStatus, RunStore};
use rmos_store::SqliteStore;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, ledger, tag, count] = args.as_slice() else {
        eprintln!("usage: ledger_append_loop LEDGER TAG COUNT (0: until killed)");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<u64>() else {
        eprintln!("count must be a whole number, got {count:?}");
        return ExitCode::from(2);
    };
    match run(ledger, tag, count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ledger_append_loop {tag}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(ledger: &str, tag: &str, count: u64) -> Result<(), String> {
    let mut store = SqliteStore::open(ledger).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    let mut n = 0u64;
    while count == 0 || n < count {
        let (record, attachments) = record(tag, n);
        let artifact = store.append(record, attachments).map_err(|e| e.to_string())?;
        writeln!(out, "{} {}", artifact.seq, artifact.id).map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        n += 1;
    }
    Ok(())
}

/// The `n`th record of the process tagged `tag`.
fn record(tag: &str, n: u64) -> (RunRecord, Vec<Attachment>) {
    let mut record = RunRecord {
        kind: ArtifactKind::Approval,
        status: RunStatus::Ok,
        at: "2025-03-01T12:00:00Z".to_owned(),
        actor: Actor::human(format!("{tag}-{n}")),
        request_hash: ContentHash::of(format!("{tag} job {n}").as_bytes()),
        report_hash: None,
        report: None,
        policy_hash: ContentHash::of(b"policy"),
        engines: EngineStamps::approval(),
        reasons: vec![],
        post: None,
        output_hash: None,
        attachments: vec![],
    };
    if n % 3 != 2 {
        return (record, vec![]);
    }
    let program = Attachment::new(
        "program.nc",
        format!("({tag} {n})\nG21\nG0 X{n} Y0\nM2\n").into_bytes(),
    );
    record.kind = ArtifactKind::Toolpath;
    record.engines = EngineStamps::toolpath("grbl");
    record.post = Some("grbl".to_owned());
    record.output_hash = Some(ContentHash::of(&program.data));
    record.attachments = vec![program.reference()];
    (record, vec![program])
}
