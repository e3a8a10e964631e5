//! The typestate workflow: `Session<Draft>` → `evaluate` → `Session<Evaluated>` → `approve` → `Approved`.
//!
//! Approval is the only road to a toolpath (invariant S2): [`Approved`] has private fields and is made only
//! here, after the gate said yes and the approval artifact was stored (S3). Every attempt, approved, blocked or
//! failed, appends an artifact before `approve` returns.
//!
//! ```
//! use rmos_core::gates::{Actor, Override, Policy};
//! use rmos_core::job::Job;
//! use rmos_core::runs::{MemoryStore, RunStore};
//! use rmos_core::workflow::Session;
//!
//! let job = Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).unwrap();
//! let policy = Policy::default();
//! let mut store = MemoryStore::new();
//! let evaluated = Session::new(job).evaluate(&policy);
//! let luthier = Actor::human("luthier");
//! let at = "2026-11-22T10:00:00Z";
//!
//! // The top needs a 1/16" bit, which the classic rules flag YELLOW: a plain approval is blocked.
//! let blocked = evaluated.approve(&luthier, at, &mut store).unwrap_err();
//! assert!(blocked.artifact_id.is_some());
//!
//! // With a written reason the human may approve it; both attempts are in the ledger.
//! let why = Override::new("fresh bit, runout checked, air blast on", false);
//! let approved = evaluated.approve_with_override(&luthier, &why, at, &mut store).unwrap();
//! assert_eq!(store.len().unwrap(), 2);
//! assert_eq!(approved.job().operations.len(), 2);
//! ```

use std::sync::Arc;

use crate::content::{hash_canonical, ContentHash};
use crate::feasibility::{self, Bucket, FeasibilityReport};
use crate::gates::{Decision, Override, Policy};
use crate::identity::Actor;
use crate::job::Job;
use crate::runs::{AppendRight, ArtifactKind, RunArtifact, RunRecord, RunStatus, RunStore, StoreError};
use crate::timestamp::Timestamp;

mod signed;

/// The state of a session whose job has not been evaluated.
#[derive(Debug, Clone)]
pub struct Draft {
    _private: (),
}

/// The state of a session whose report RMOS computed: the report and the policy it was computed under,
/// shared (never copied) by the session, its approvals and their artifacts.
#[derive(Debug, Clone)]
pub struct Evaluated {
    report: Arc<FeasibilityReport>,
    report_hash: ContentHash,
    policy: Arc<Policy>,
    policy_hash: ContentHash,
}

/// A job on its way to approval. The state parameter is [`Draft`] or [`Evaluated`].
#[derive(Debug, Clone)]
pub struct Session<S> {
    job: Arc<Job>,
    request_hash: ContentHash,
    state: S,
}

impl<S> Session<S> {
    /// The job (read-only: a changed job is a new draft).
    pub fn job(&self) -> &Job {
        &self.job
    }

    /// Content address of the canonical job document: what an approval and a proposal refer to.
    pub fn request_hash(&self) -> ContentHash {
        self.request_hash
    }
}

impl Session<Draft> {
    /// Starts a session for `job`.
    pub fn new(job: Job) -> Self {
        let request_hash = hash_canonical(&job);
        Self {
            job: Arc::new(job),
            request_hash,
            state: Draft { _private: () },
        }
    }

    /// Computes the feasibility report under `policy`'s thresholds. The report is always RMOS's own (S1).
    /// The evaluated session keeps the policy: its approval is decided under that one and no other.
    pub fn evaluate(self, policy: &Policy) -> Session<Evaluated> {
        let report = feasibility::evaluate(&self.job, &policy.thresholds);
        let report_hash = hash_canonical(&report);
        Session {
            job: self.job,
            request_hash: self.request_hash,
            state: Evaluated {
                report: Arc::new(report),
                report_hash,
                policy: Arc::new(policy.clone()),
                policy_hash: policy.hash(),
            },
        }
    }

    /// Gives the job back, to change it and start a new draft.
    pub fn into_job(self) -> Job {
        Arc::try_unwrap(self.job).unwrap_or_else(|shared| (*shared).clone())
    }
}

impl Session<Evaluated> {
    /// The report RMOS computed.
    pub fn report(&self) -> &FeasibilityReport {
        &self.state.report
    }

    /// The report's bucket.
    pub fn bucket(&self) -> Bucket {
        self.state.report.bucket
    }

    /// Content address of the canonical report.
    pub fn report_hash(&self) -> ContentHash {
        self.state.report_hash
    }

    /// Content address of the policy the report was computed under.
    pub fn policy_hash(&self) -> ContentHash {
        self.state.policy_hash
    }

    /// The report, shared: what artifacts of this session carry without a copy.
    pub(crate) fn shared_report(&self) -> Arc<FeasibilityReport> {
        Arc::clone(&self.state.report)
    }

    /// The policy the report was computed under: the one its approval is decided under.
    pub fn policy(&self) -> &Policy {
        &self.state.policy
    }

    /// Asks for approval without an override: GREEN jobs approve for an actor the evaluation's policy lets
    /// approve.
    ///
    /// Appends an approval artifact (OK or BLOCKED, or ERROR) before returning.
    pub fn approve(
        &self,
        actor: &Actor,
        at: &str,
        store: &mut impl RunStore,
    ) -> Result<Approved<Session<Evaluated>>, Blocked> {
        self.attempt(actor, None, at, store)
    }

    /// Asks for approval with a human's override (YELLOW, or RED where the evaluation's policy enables it).
    ///
    /// Appends an approval artifact (OK or BLOCKED, or ERROR) before returning.
    pub fn approve_with_override(
        &self,
        actor: &Actor,
        override_: &Override,
        at: &str,
        store: &mut impl RunStore,
    ) -> Result<Approved<Session<Evaluated>>, Blocked> {
        self.attempt(actor, Some(override_), at, store)
    }

    fn attempt(
        &self,
        actor: &Actor,
        override_: Option<&Override>,
        at: &str,
        store: &mut impl RunStore,
    ) -> Result<Approved<Session<Evaluated>>, Blocked> {
        let (status, reasons) = if let Err(reason) = check_timestamp(at) {
            (RunStatus::Error, vec![reason])
        } else if let Err(reason) = actor.check_id() {
            (RunStatus::Error, vec![reason])
        } else {
            match self.state.policy.decide(actor, self.bucket(), override_) {
                Decision::Approve { reasons } => (RunStatus::Ok, reasons),
                Decision::Block { reasons } => (RunStatus::Blocked, reasons),
            }
        };
        let record = RunRecord {
            kind: ArtifactKind::Approval,
            status,
            at: recorded_timestamp(at),
            actor: actor.recorded(),
            request_hash: self.request_hash,
            report_hash: Some(self.state.report_hash),
            report: Some(Arc::clone(&self.state.report)),
            policy_hash: self.state.policy_hash,
            engines: crate::engines::EngineStamps::approval(),
            reasons,
            post: None,
            output_hash: None,
            attachments: Vec::new(),
        };
        let artifact = match store.append(record, Vec::new(), AppendRight::new()) {
            Ok(artifact) => artifact,
            Err(err) => return Err(Blocked::store_failed(self.report().clone(), err)),
        };
        // A signed ledger records an unsigned approval BLOCKED whatever the gate said: its status rules.
        if artifact.record.status == RunStatus::Ok {
            Ok(Approved {
                inner: self.clone(),
                actor: actor.clone(),
                artifact,
                ledger: None,
            })
        } else {
            Err(Blocked {
                status: artifact.record.status,
                artifact_id: Some(artifact.id),
                report: Box::new(self.report().clone()),
                reasons: artifact.record.reasons,
                store_error: None,
            })
        }
    }
}

/// An approved session. Made only by [`Session::approve`] after its artifact was stored; hosts cannot build
/// or change one, and a toolpath takes nothing else (S2).
#[derive(Debug)]
pub struct Approved<T> {
    inner: T,
    artifact: RunArtifact,
    actor: Actor,
    /// The signed ledger that recorded the approval: its id and public key; `None` for an unsigned one.
    ledger: Option<(String, crate::keys::PublicKey)>,
}

impl Approved<Session<Evaluated>> {
    /// The approved session.
    pub fn session(&self) -> &Session<Evaluated> {
        &self.inner
    }

    /// The approved job (read-only).
    pub fn job(&self) -> &Job {
        &self.inner.job
    }

    /// The report the approval was based on.
    pub fn report(&self) -> &FeasibilityReport {
        &self.inner.state.report
    }

    /// The approval artifact.
    pub fn artifact(&self) -> &RunArtifact {
        &self.artifact
    }

    /// Id of the approval artifact.
    pub fn artifact_id(&self) -> ContentHash {
        self.artifact.id
    }

    /// The human who approved.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The signed ledger that recorded the approval (its id and public key); `None` for an unsigned ledger.
    /// A release goes only into that ledger.
    pub fn ledger(&self) -> Option<(&str, &crate::keys::PublicKey)> {
        self.ledger.as_ref().map(|(id, key)| (id.as_str(), key))
    }

    /// The policy the approval was given under; toolpaths and read-back are held to it too.
    pub fn policy(&self) -> &Policy {
        self.inner.policy()
    }
}

/// An approval attempt that did not approve. When the store worked, its artifact is in the ledger.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("approval {}: {}", status_word(*.status), .reasons.join("; "))]
pub struct Blocked {
    /// BLOCKED (a gate said no) or ERROR (bad input or the store failed).
    pub status: RunStatus,
    /// The artifact recording the attempt; `None` only when the store itself failed.
    pub artifact_id: Option<ContentHash>,
    /// The report RMOS computed.
    pub report: Box<FeasibilityReport>,
    /// Every reason that applied.
    pub reasons: Vec<String>,
    /// The store's error, when the append failed.
    pub store_error: Option<Box<StoreError>>,
}

impl Blocked {
    fn store_failed(report: FeasibilityReport, err: StoreError) -> Self {
        Self {
            status: RunStatus::Error,
            artifact_id: None,
            report: Box::new(report),
            reasons: vec![format!("the run store failed: {err}")],
            store_error: Some(Box::new(err)),
        }
    }
}

fn status_word(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Ok => "ok",
        RunStatus::Blocked => "blocked",
        RunStatus::Error => "failed",
    }
}

/// Checks that `at` is an RFC 3339 UTC timestamp on the real calendar ([`crate::timestamp`]).
pub(crate) fn check_timestamp(at: &str) -> Result<Timestamp, String> {
    Timestamp::parse(at).map_err(|e| e.to_string())
}

/// The timestamp as an artifact records it: at most 64 characters, control characters replaced.
pub(crate) fn recorded_timestamp(at: &str) -> String {
    crate::timestamp::shown(at)
}
