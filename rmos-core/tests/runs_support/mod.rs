//! Records, reports and stores the run tests build on.
#![allow(dead_code)]

use rmos_core::content::{hash_canonical, ContentHash};
use rmos_core::engines::EngineStamps;
use rmos_core::feasibility::{Bucket, Estimates, FeasibilityReport, Finding};
use rmos_core::gates::Actor;
use rmos_core::runs::{ArtifactKind, Attachment, MemoryStore, RunRecord, RunStatus, StoredArtifact};

/// A report with one YELLOW finding, its numbers depending on `n`.
pub fn report(n: u64) -> FeasibilityReport {
    FeasibilityReport {
        bucket: Bucket::Yellow,
        score: 87.5 - n as f64 / 8.0,
        findings: vec![Finding {
            code: "CHIPLOAD_HIGH".into(),
            bucket: Bucket::Yellow,
            message: format!("chip load 0.0{n} mm above 0.03 mm"),
            value: Some(0.031 + n as f64 * 1e-4),
            limit: Some(0.03),
            operation: Some(0),
        }],
        estimates: Estimates {
            cycle_time_s: 412.25,
            material_removed_mm3: 1.5e-7 * (n + 1) as f64,
        },
        engine: "rmos.feasibility/0.1.0".into(),
        client_feasibility_ignored: n % 2 == 1,
    }
}

/// An approval record for attempt `n`: BLOCKED with a report for odd `n`, plain OK for even.
pub fn approval(n: u64) -> RunRecord {
    let blocked = n % 2 == 1;
    let report = blocked.then(|| report(n));
    RunRecord {
        kind: ArtifactKind::Approval,
        status: if blocked {
            RunStatus::Blocked
        } else {
            RunStatus::Ok
        },
        at: format!("2025-06-01T09:{:02}:{:02}Z", (n / 60) % 60, n % 60),
        actor: Actor::human("luthier"),
        request_hash: ContentHash::of(format!("job {n}").as_bytes()),
        report_hash: report.as_ref().map(hash_canonical),
        report: report.map(Into::into),
        policy_hash: ContentHash::of(b"policy"),
        engines: EngineStamps::approval(),
        reasons: if blocked {
            vec!["bucket YELLOW needs an override".into()]
        } else {
            vec![]
        },
        post: None,
        output_hash: None,
        attachments: vec![],
    }
}

/// The G-code of toolpath `n`.
pub fn program(n: u64) -> Attachment {
    Attachment::new("program.nc", format!("G21\nG90\nG0 Z5\nG1 X{n} F1000\nM30\n"))
}

/// A toolpath record carrying `program`.
pub fn toolpath(n: u64, program: &Attachment) -> RunRecord {
    let reference = program.reference();
    RunRecord {
        kind: ArtifactKind::Toolpath,
        status: RunStatus::Ok,
        at: format!("2025-06-01T10:00:{:02}Z", n % 60),
        actor: Actor::human("luthier"),
        request_hash: ContentHash::of(format!("job {n}").as_bytes()),
        report_hash: None,
        report: None,
        policy_hash: ContentHash::of(b"policy"),
        engines: EngineStamps::toolpath("grbl"),
        reasons: vec![],
        post: Some("grbl".into()),
        output_hash: Some(reference.sha256),
        attachments: vec![reference],
    }
}

/// A store of `n` artifacts: approvals, with a toolpath (and its program) every third one.
pub fn chain(n: u64) -> MemoryStore {
    let mut store = MemoryStore::new();
    for i in 0..n {
        if i % 3 == 2 {
            let program = program(i);
            store.seal_at_head(toolpath(i, &program), vec![program]).unwrap();
        } else {
            store.seal_at_head(approval(i), vec![]).unwrap();
        }
    }
    store
}

/// The raw parts of `store`, changed by `edit`, as a new store.
pub fn tampered(
    store: &MemoryStore,
    edit: impl FnOnce(&mut Vec<StoredArtifact>, &mut Vec<(ContentHash, Vec<u8>)>),
) -> MemoryStore {
    let (mut artifacts, mut attachments) = store.clone().into_raw();
    edit(&mut artifacts, &mut attachments);
    MemoryStore::from_raw(artifacts, attachments)
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
