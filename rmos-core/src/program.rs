//! Programs: the only road from an approval to G-code (invariants S2, S3, S5).
//!
//! [`Program::release`] takes an [`Approved`] session and nothing else. It plans every operation, writes the
//! program in the controller's dialect, reads the program back against the job and the policy, appends a
//! `toolpath` artifact with the G-code attached by content address, and only then returns the [`Program`].
//! When anything fails, the artifact says ERROR (or BLOCKED) and there is no program.

use crate::content::ContentHash;
use crate::engines::EngineStamps;
use crate::gates::Capability;
use crate::posts::{self, EmitContext, Post, Provenance, ToolCall, Units};
use crate::readback::{self, ReadbackReport};
use crate::runs::{
    AppendRight, ArtifactKind, Attachment, RunArtifact, RunRecord, RunStatus, RunStore, StoreError,
};
use crate::toolpaths::{self, Toolpath};
use crate::workflow::{check_timestamp, recorded_timestamp, Approved, Evaluated, Session};

mod signed;

/// How to write the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostOptions {
    /// Controller dialect.
    pub post: Post,
    /// Output units (mm by default; inch output is converted exactly).
    pub units: Units,
}

impl From<Post> for PostOptions {
    fn from(post: Post) -> Self {
        Self {
            post,
            units: Units::Mm,
        }
    }
}

/// A released program: G-code that passed read-back, its toolpath and the artifact that records it.
#[derive(Debug, Clone)]
pub struct Program {
    gcode: String,
    toolpath: Toolpath,
    artifact: RunArtifact,
    options: PostOptions,
    readback: ReadbackReport,
}

impl Program {
    /// The G-code, byte for byte as recorded in the ledger.
    pub fn gcode(&self) -> &str {
        &self.gcode
    }

    /// The planned toolpath (moves, bounds, lengths, cycle time).
    pub fn toolpath(&self) -> &Toolpath {
        &self.toolpath
    }

    /// The `toolpath` run artifact.
    pub fn artifact(&self) -> &RunArtifact {
        &self.artifact
    }

    /// Id of the `toolpath` run artifact.
    pub fn artifact_id(&self) -> ContentHash {
        self.artifact.id
    }

    /// Dialect and units the program was written in.
    pub fn options(&self) -> PostOptions {
        self.options
    }

    /// What the read-back found (no RED finding, or there would be no program).
    pub fn readback(&self) -> &ReadbackReport {
        &self.readback
    }
}

/// Why no program was released.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReleaseError {
    /// The approving actor may not produce G-code under the approval's policy; a BLOCKED artifact records it.
    #[error("not permitted: {reason}")]
    NotPermitted {
        /// The BLOCKED artifact.
        artifact_id: ContentHash,
        /// Why.
        reason: String,
    },
    /// Planning, posting or read-back failed; an ERROR artifact records every reason.
    #[error("no program released: {}", .reasons.join("; "))]
    Failed {
        /// The ERROR artifact.
        artifact_id: ContentHash,
        /// What failed (read-back findings by code and line).
        reasons: Vec<String>,
    },
    /// The approval was not recorded OK by this signed ledger, or was given under a policy no longer in
    /// force there: nothing was released and nothing was recorded.
    #[error("not this ledger's approval: {reason}")]
    NotThisLedger {
        /// Which ledger recorded it, or what changed.
        reason: String,
    },
    /// The run store failed: nothing was released and nothing was recorded.
    #[error("the run store failed: {0}")]
    Store(#[from] StoreError),
}

impl Program {
    /// Releases the approved job's program: plans every operation, writes it in the chosen dialect (and
    /// units: `Post::Grbl` alone means millimetres), reads it back, records a `toolpath` artifact with the
    /// G-code attached, and only then returns it. This is the only road from an approval to G-code (S2, S3).
    ///
    /// ```
    /// use rmos_core::gates::{Actor, Override, Policy};
    /// use rmos_core::job::Job;
    /// use rmos_core::posts::Post;
    /// use rmos_core::program::Program;
    /// use rmos_core::runs::{MemoryStore, RunStore};
    /// use rmos_core::workflow::Session;
    ///
    /// let job = Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).unwrap();
    /// let policy = Policy::default();
    /// let mut store = MemoryStore::new();
    /// let why = Override::new("fresh 1/16 bit, runout checked", false);
    /// let approved = Session::new(job)
    ///     .evaluate(&policy)
    ///     .approve_with_override(&Actor::human("luthier"), &why, "2026-11-22T10:00:00Z", &mut store)
    ///     .unwrap();
    /// let program = Program::release(&approved, Post::Grbl, "2026-11-22T10:01:00Z", &mut store).unwrap();
    /// assert!(program.gcode().contains("G21"));
    /// assert_eq!(store.len().unwrap(), 2);
    /// store.verify().unwrap();
    /// ```
    pub fn release<S: RunStore>(
        approved: &Approved<Session<Evaluated>>,
        options: impl Into<PostOptions>,
        at: &str,
        store: &mut S,
    ) -> Result<Program, ReleaseError> {
        let options = options.into();
        let session = approved.session();
        let policy = approved.policy();
        let record = |status: RunStatus, reasons: Vec<String>| RunRecord {
            kind: ArtifactKind::Toolpath,
            status,
            at: recorded_timestamp(at),
            actor: approved.actor().clone(),
            request_hash: session.request_hash(),
            report_hash: Some(session.report_hash()),
            report: Some(session.shared_report()),
            policy_hash: session.policy_hash(),
            engines: EngineStamps::toolpath(options.post.id()),
            reasons: [vec![format!("approval {}", approved.artifact_id())], reasons].concat(),
            post: Some(options.post.id().to_owned()),
            output_hash: None,
            attachments: Vec::new(),
        };
        let fail = |store: &mut S, reasons: Vec<String>| -> ReleaseError {
            match store.append(
                record(RunStatus::Error, reasons.clone()),
                Vec::new(),
                AppendRight::new(),
            ) {
                Ok(artifact) => ReleaseError::Failed {
                    artifact_id: artifact.id,
                    reasons,
                },
                Err(err) => ReleaseError::Store(err),
            }
        };

        let released_at = match check_timestamp(at) {
            Ok(t) => t,
            Err(reason) => return Err(fail(store, vec![reason])),
        };
        // The approval's `at` passed the same check before it was recorded.
        if let Ok(approved_at) = check_timestamp(&approved.artifact().record.at) {
            if released_at < approved_at {
                let reason = format!(
                    "at: {} precedes the approval's {}; a release cannot happen before its approval",
                    released_at, approved_at
                );
                return Err(fail(store, vec![reason]));
            }
        }
        if !policy.allows(approved.actor(), Capability::EmitGcode) {
            let reason = format!(
                "{} actor {:?} may not produce G-code",
                approved.actor().kind.as_str(),
                approved.actor().id
            );
            let artifact = store.append(
                record(RunStatus::Blocked, vec![reason.clone()]),
                Vec::new(),
                AppendRight::new(),
            )?;
            return Err(ReleaseError::NotPermitted {
                artifact_id: artifact.id,
                reason,
            });
        }
        let (toolpath, gcode, readback) = match produce(approved, options) {
            Ok(made) => made,
            Err(reasons) => return Err(fail(store, reasons)),
        };
        let attachment = Attachment::new(format!("program.{}", file_extension(options.post)), gcode.clone());
        let mut ok = record(RunStatus::Ok, Vec::new());
        ok.output_hash = Some(ContentHash::of(gcode.as_bytes()));
        ok.attachments = vec![attachment.reference()];
        let artifact = store.append(ok, vec![attachment], AppendRight::new())?;
        Ok(Program {
            gcode,
            toolpath,
            artifact,
            options,
            readback,
        })
    }
}

/// Plans, posts and reads back the approved job's program: the toolpath, the G-code and its read-back, or
/// every reason it failed.
pub(crate) fn produce(
    approved: &Approved<Session<Evaluated>>,
    options: PostOptions,
) -> Result<(Toolpath, String, ReadbackReport), Vec<String>> {
    let session = approved.session();
    let job = session.job();
    let toolpath = match toolpaths::plan(job) {
        Ok(t) => t,
        Err(err) => return Err(vec![format!("planning failed: {err}")]),
    };
    let provenance = Provenance::new(
        job.name.clone().unwrap_or_default(),
        approved.artifact_id(),
        session.request_hash(),
        session.policy_hash(),
    );
    let mut ctx = EmitContext::new(
        provenance,
        job.cutting.rpm,
        job.cutting.safe_z_mm,
        ToolCall {
            number: 1,
            diameter_mm: job.tool.diameter_mm,
        },
    );
    ctx.units = options.units;
    ctx.coolant = job.cutting.coolant;
    let gcode = match posts::emit(options.post, toolpath.moves(), &ctx) {
        Ok(g) => g,
        Err(err) => return Err(vec![format!("post failed: {err}")]),
    };
    let readback = readback::check_for(&gcode, job, options.post);
    if !readback.passed() {
        let reasons = readback
            .findings
            .iter()
            .filter(|f| f.bucket == crate::feasibility::Bucket::Red)
            .map(|f| format!("read-back {}: {}", f.code, f.message))
            .collect();
        return Err(reasons);
    }
    Ok((toolpath, gcode, readback))
}

/// The file extension each controller's software expects.
pub(crate) fn file_extension(post: Post) -> &'static str {
    match post {
        Post::Grbl | Post::Fanuc => "nc",
        Post::LinuxCnc => "ngc",
        Post::Mach3 => "tap",
    }
}
