//! Records, ledgers and raw edits shared by the rmos-store tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rmos_core::content::ContentHash;
use rmos_core::engines::EngineStamps;
use rmos_core::gates::Actor;
use rmos_core::runs::{ArtifactKind, Attachment, RunRecord, RunStatus};

/// An approval record whose actor id (`luthier-000042`) is unique to `n` and easy to find in the file.
pub fn approval(n: u64) -> RunRecord {
    RunRecord {
        kind: ArtifactKind::Approval,
        status: if n % 3 == 2 {
            RunStatus::Blocked
        } else {
            RunStatus::Ok
        },
        at: format!("2025-03-01T12:{:02}:{:02}Z", (n / 60) % 60, n % 60),
        actor: Actor::human(format!("luthier-{n:06}")),
        request_hash: ContentHash::of(format!("job {n}").as_bytes()),
        report_hash: None,
        report: None,
        policy_hash: ContentHash::of(b"policy"),
        engines: EngineStamps::approval(),
        reasons: if n % 3 == 2 {
            vec!["chipload too high".to_owned()]
        } else {
            vec![]
        },
        post: None,
        output_hash: None,
        attachments: vec![],
    }
}

/// A toolpath record with its G-code attachment, whose text (`(rmos-test-program-000042)`) is unique to `n`.
pub fn toolpath(n: u64) -> (RunRecord, Vec<Attachment>) {
    let program = Attachment::new("program.nc", program_text(n).into_bytes());
    let mut record = approval(n);
    record.kind = ArtifactKind::Toolpath;
    record.status = RunStatus::Ok;
    record.reasons = vec![];
    record.engines = EngineStamps::toolpath("grbl");
    record.post = Some("grbl".to_owned());
    record.output_hash = Some(ContentHash::of(&program.data));
    record.attachments = vec![program.reference()];
    (record, vec![program])
}

/// The G-code of [`toolpath`] `n`.
pub fn program_text(n: u64) -> String {
    format!(
        "(rmos-test-program-{n:06})\nG21\nG90\nG0 Z5\nG0 X{n} Y10\nG1 Z-1 F300\nG1 X{} F1000\nM2\n",
        n + 10
    )
}

/// `ledger.rmos` inside `dir`.
pub fn ledger_path(dir: &Path) -> PathBuf {
    dir.join("ledger.rmos")
}

/// Runs `sql` on the ledger file as someone outside RMOS would: drops the immutability triggers, edits, and
/// puts the triggers back exactly as they were (so the schema check passes and only verification can tell).
pub fn edit_outside(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let triggers: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    conn.execute_batch(sql).unwrap();
    for (_, create) in &triggers {
        conn.execute_batch(create).unwrap();
    }
}

/// Flips one byte of the file at `offset` into every occurrence of `needle` (SQLite may leave stale copies
/// of a moved row in the free space of a page; an attacker edits them all). Returns how many it changed.
pub fn flip_byte_in_file(path: &Path, needle: &[u8], offset: usize) -> usize {
    let mut bytes = std::fs::read(path).unwrap();
    let hits: Vec<usize> = bytes
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect();
    assert!(
        !hits.is_empty(),
        "needle {:?} is not in the file",
        String::from_utf8_lossy(needle)
    );
    for at in &hits {
        bytes[at + offset] ^= 0x01;
    }
    std::fs::write(path, bytes).unwrap();
    hits.len()
}

/// Seals a record at a store's head and stores it: the tests' stand-in for `RunStore::append`, which only
/// RMOS's approval and release paths can call (they alone hold an `AppendRight`). For one writer it stores
/// exactly what `append` would.
pub trait SealAtHead {
    /// Seals `record` as the next artifact and stores it with `attachments`.
    fn seal_at_head(
        &mut self,
        record: rmos_core::runs::RunRecord,
        attachments: Vec<rmos_core::runs::Attachment>,
    ) -> Result<rmos_core::runs::RunArtifact, rmos_core::runs::StoreError>;
}

impl<S: rmos_core::runs::RunStore> SealAtHead for S {
    fn seal_at_head(
        &mut self,
        record: rmos_core::runs::RunRecord,
        attachments: Vec<rmos_core::runs::Attachment>,
    ) -> Result<rmos_core::runs::RunArtifact, rmos_core::runs::StoreError> {
        let artifact = rmos_core::runs::RunArtifact::seal(record, self.len()?, self.head()?);
        self.append_sealed(&artifact, &attachments)?;
        Ok(artifact)
    }
}
