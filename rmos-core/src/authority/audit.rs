//! `verify_ledger`: what a third party checks with a signed ledger's public key alone.
//!
//! The byte chain first ([`crate::runs::verify`]), then for every artifact in seq order its seal and its
//! meaning, then a kept checkpoint. The first violation is named by seq.

use std::collections::BTreeMap;

use crate::checkpoint::Checkpoint;
use crate::content::merkle::{self, TreeHash};
use crate::content::{hash_canonical, ContentHash};
use crate::gates::Override;
use crate::job::Job;
use crate::keys::{PublicKey, Signature};
use crate::runs::{ArtifactKind, RunArtifact, RunStatus, RunStore, StoreError, TamperError};

use super::adoption::{AdoptionDocument, ADOPTION_ATTACHMENT, ADOPTION_SCHEMA};
use super::coherence::check_policy;
use super::ledger::{seal_statement, InForce};
use super::release::{ReleaseDocument, RELEASE_ATTACHMENT};
use super::roster::Role;
use super::statement::{SignedStatement, APPROVAL_ATTACHMENT, APPROVAL_SCHEMA, JOB_ATTACHMENT};
use super::AuthorityError;

/// What a signed ledger that verifies holds.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerAudit {
    /// Number of artifacts.
    pub artifacts: u64,
    /// The last artifact's id.
    pub head: Option<ContentHash>,
    /// The RFC 9162 root over the artifact ids.
    pub root: TreeHash,
    /// The ledger id the genesis pins; `None` for an empty ledger.
    pub ledger: Option<String>,
    /// The roster and policy in force at the head.
    pub in_force: Option<InForce>,
    /// The leaf hash of every artifact id, by seq.
    pub leaves: Vec<TreeHash>,
}

/// Verifies a signed ledger held in `store`, with one seal per artifact in `seals`, under the ledger's
/// public key `ledger_key`, and against `checkpoint` when one was kept.
///
/// Checks, naming the first artifact that fails ([`AuthorityError::Tampered`] with its seq):
/// 1. every check of [`crate::runs::verify`] (canonical bytes, ids, seq, prev, attachments);
/// 2. seq 0 is an adoption pinning this ledger key, and every artifact carries a seal by it;
/// 3. every adoption is signed by a lead (of the roster in force, or of its own roster for the genesis),
///    with a coherent policy stored whole;
/// 4. every OK approval carries a statement signed by a human member of the roster in force with the
///    role its bucket needs, whose fields agree with the artifact; its report is what the stored policy
///    computes for the attached job, and the stored policy approves it;
/// 5. every OK toolpath carries a release signed by a member with the release role, naming an OK
///    approval earlier in the same ledger.
///
/// Then the checkpoint: signed by `ledger_key` with this ledger's id as origin, no larger than the
/// ledger (a cut tail), and with the root of the ledger's first `size` artifacts (a replaced or re-sealed
/// history).
///
/// # Errors
/// [`AuthorityError::Tampered`], [`AuthorityError::Checkpoint`], [`AuthorityError::Store`].
pub fn verify_ledger<S: RunStore + ?Sized>(
    store: &S,
    seals: &[Signature],
    ledger_key: &PublicKey,
    checkpoint: Option<&Checkpoint>,
) -> Result<LedgerAudit, AuthorityError> {
    let report = crate::runs::verify(store)?;
    let mut audit = Audit {
        ledger_key,
        seals,
        ledger: None,
        in_force: None,
        approvals: BTreeMap::new(),
        leaves: Vec::new(),
    };
    let mut broken = None;
    let walked = store.for_each_artifact(&mut |artifact| match audit.step(store, &artifact) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(reason)) => {
            broken = Some(TamperError {
                seq: artifact.seq,
                reason,
            });
            Err(StoreError::Backend(
                "verification stopped at a broken artifact".into(),
            ))
        }
        Err(e) => Err(e),
    });
    if let Some(broken) = broken {
        return Err(broken.into());
    }
    walked?;
    let count = report.artifacts;
    if seals.len() as u64 != count {
        return Err(TamperError {
            seq: count.min(seals.len() as u64),
            reason: format!("{} seals for {count} artifacts", seals.len()),
        }
        .into());
    }
    let root = merkle::root(&audit.leaves);
    if let Some(cp) = checkpoint {
        cp.verify(ledger_key)?;
        let ledger = audit.ledger.as_deref().unwrap_or_default();
        if cp.origin() != ledger {
            return Err(AuthorityError::Invalid {
                field: "checkpoint",
                reason: format!(
                    "the checkpoint is of ledger {:?}, this is ledger {ledger:?}",
                    cp.origin()
                ),
            });
        }
        if cp.size() > count {
            return Err(TamperError {
                seq: count,
                reason: format!(
                    "the checkpoint covers {} artifacts but the ledger holds {count}: its tail was cut",
                    cp.size()
                ),
            }
            .into());
        }
        let prefix = usize::try_from(cp.size())
            .ok()
            .and_then(|n| audit.leaves.get(..n))
            .unwrap_or_default();
        if merkle::root(prefix) != *cp.root() {
            return Err(AuthorityError::Invalid {
                field: "checkpoint",
                reason: format!(
                    "the ledger's first {} artifacts are not those the checkpoint signed: its history was \
                     replaced or re-sealed",
                    cp.size()
                ),
            });
        }
    }
    Ok(LedgerAudit {
        artifacts: count,
        head: report.head,
        root,
        ledger: audit.ledger,
        in_force: audit.in_force,
        leaves: audit.leaves,
    })
}

struct Audit<'a> {
    ledger_key: &'a PublicKey,
    seals: &'a [Signature],
    ledger: Option<String>,
    in_force: Option<InForce>,
    approvals: BTreeMap<ContentHash, String>,
    leaves: Vec<TreeHash>,
}

type Step = Result<Result<(), String>, StoreError>;

/// The bytes of the attachment named `name` that `artifact` references.
fn attached<S: RunStore + ?Sized>(
    store: &S,
    artifact: &RunArtifact,
    name: &str,
) -> Result<Result<Vec<u8>, String>, StoreError> {
    let Some(r) = artifact.record.attachments.iter().find(|r| r.name == name) else {
        return Ok(Err(format!("no {name} attached")));
    };
    Ok(store.attachment(&r.sha256)?.ok_or(format!("{name} is missing")))
}

macro_rules! check {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(reason) => return Ok(Err(reason)),
        }
    };
}

impl Audit<'_> {
    fn step<S: RunStore + ?Sized>(&mut self, store: &S, artifact: &RunArtifact) -> Step {
        if artifact.seq == 0 && artifact.record.kind != ArtifactKind::Adoption {
            return Ok(Err("the genesis of a signed ledger must be an adoption".into()));
        }
        match artifact.record.kind {
            ArtifactKind::Adoption => check!(self.adoption(store, artifact)?),
            ArtifactKind::Approval if artifact.record.status == RunStatus::Ok => {
                check!(self.approval(store, artifact)?)
            }
            ArtifactKind::Toolpath if artifact.record.status == RunStatus::Ok => {
                check!(self.toolpath(store, artifact)?)
            }
            ArtifactKind::Approval | ArtifactKind::Toolpath => {}
        }
        let ledger = self.ledger.as_deref().unwrap_or_default();
        let seq = usize::try_from(artifact.seq).unwrap_or(usize::MAX);
        let Some(seal) = self.seals.get(seq) else {
            return Ok(Err("the artifact carries no seal of the ledger key".into()));
        };
        let sealed = seal_statement(ledger, artifact.seq, &artifact.id);
        if self.ledger_key.verify(&sealed, seal).is_err() {
            return Ok(Err(format!(
                "the seal is not the ledger key's ({}) signature over this artifact",
                self.ledger_key
            )));
        }
        self.leaves.push(merkle::leaf_hash(artifact.id.as_bytes()));
        Ok(Ok(()))
    }

    fn adoption<S: RunStore + ?Sized>(&mut self, store: &S, artifact: &RunArtifact) -> Step {
        let record = &artifact.record;
        let bytes = check!(attached(store, artifact, ADOPTION_ATTACHMENT)?);
        let doc = check!(AdoptionDocument::from_bytes(&bytes));
        let st = &doc.statement;
        if record.status != RunStatus::Ok {
            return Ok(Err("an adoption is always OK".into()));
        }
        if st.schema != ADOPTION_SCHEMA {
            return Ok(Err(format!("adoption schema is {:?}", st.schema)));
        }
        match &self.ledger {
            None => self.ledger = Some(st.ledger.clone()),
            Some(id) if *id != st.ledger => {
                return Ok(Err(format!(
                    "the adoption names ledger {:?}, not {id:?}",
                    st.ledger
                )))
            }
            Some(_) => {}
        }
        if st.ledger_key != *self.ledger_key {
            return Ok(Err(format!(
                "the adoption pins ledger key {}, not {}",
                st.ledger_key, self.ledger_key
            )));
        }
        if st.prev != artifact.prev {
            return Ok(Err("the adoption was signed after another head".into()));
        }
        if let Err(e) = check_policy(&st.policy) {
            return Ok(Err(format!("the adopted policy is not coherent: {e}")));
        }
        let policy_hash = st.policy.hash();
        if policy_hash != record.policy_hash || ContentHash::of(&bytes) != record.request_hash {
            return Ok(Err(
                "the artifact's hashes are not those of its adoption document".into(),
            ));
        }
        let deciding = self.in_force.as_ref().map_or(&st.roster, |f| &f.roster);
        let Some(lead) = deciding.by_key(&doc.signer).filter(|m| m.has(Role::Lead)) else {
            return Ok(Err(format!(
                "the adoption is signed by {}, not a lead of the roster in force",
                doc.signer
            )));
        };
        if lead.actor() != record.actor {
            return Ok(Err(format!(
                "the artifact names {:?}, the signer is {:?}",
                record.actor.id, lead.id
            )));
        }
        if doc.signer.verify(&st.bytes(), &doc.signature).is_err() {
            return Ok(Err(
                "the lead's signature over the adoption does not verify".into()
            ));
        }
        self.in_force = Some(InForce {
            roster: st.roster.clone(),
            policy: st.policy.clone(),
            policy_hash,
            adoption: artifact.id,
        });
        Ok(Ok(()))
    }

    fn approval<S: RunStore + ?Sized>(&mut self, store: &S, artifact: &RunArtifact) -> Step {
        let record = &artifact.record;
        let Some(in_force) = &self.in_force else {
            return Ok(Err("an approval before any adoption".into()));
        };
        if record.policy_hash != in_force.policy_hash {
            return Ok(Err(format!(
                "approved under policy {}, but the policy in force is {}",
                record.policy_hash, in_force.policy_hash
            )));
        }
        let bytes = check!(attached(store, artifact, APPROVAL_ATTACHMENT)?);
        let signed = check!(SignedStatement::from_bytes(&bytes));
        let st = &signed.statement;
        let Some(report) = &record.report else {
            return Ok(Err("an OK approval without its report".into()));
        };
        let agrees = st.schema == APPROVAL_SCHEMA
            && Some(st.ledger.as_str()) == self.ledger.as_deref()
            && st.prev == artifact.prev
            && st.request_hash == record.request_hash
            && Some(st.report_hash) == record.report_hash
            && st.policy_hash == record.policy_hash
            && st.at == record.at
            && st.bucket == report.bucket;
        if !agrees {
            return Ok(Err("the signed statement does not agree with the artifact".into()));
        }
        let Some(member) = in_force.roster.by_key(&signed.signer) else {
            return Ok(Err(format!(
                "signed by key {}, outside the roster in force",
                signed.signer
            )));
        };
        if member.actor() != record.actor {
            return Ok(Err(format!(
                "the artifact names {:?}, the signer is {:?}",
                record.actor.id, member.id
            )));
        }
        let role = if st.override_reason.is_some() {
            Role::Override
        } else {
            Role::Approve
        };
        if !member.has(role) {
            return Ok(Err(format!(
                "member {:?} does not hold the {} role",
                member.id,
                role.as_str()
            )));
        }
        if signed.signer.verify(&st.bytes(), &signed.signature).is_err() {
            return Ok(Err(format!(
                "the signature of {:?} over the statement does not verify",
                member.id
            )));
        }
        let override_ = st
            .override_reason
            .as_ref()
            .map(|r| Override::new(r.clone(), st.acknowledge_risk));
        let decision = in_force
            .policy
            .decide(&member.actor(), st.bucket, override_.as_ref());
        if !decision.approved() {
            return Ok(Err(format!(
                "the policy in force does not approve it: {}",
                decision.reasons().join("; ")
            )));
        }
        let job_bytes = check!(attached(store, artifact, JOB_ATTACHMENT)?);
        let job: Job = check!(super::read_document(&job_bytes, JOB_ATTACHMENT));
        if hash_canonical(&job) != record.request_hash {
            return Ok(Err("the attached job is not the approved one".into()));
        }
        let recomputed = crate::feasibility::evaluate(&job, &in_force.policy.thresholds);
        if hash_canonical(&recomputed) != st.report_hash {
            return Ok(Err(format!(
                "the report is not what the policy in force computes for the job (bucket {:?})",
                recomputed.bucket
            )));
        }
        self.approvals.insert(artifact.id, member.id.clone());
        Ok(Ok(()))
    }

    fn toolpath<S: RunStore + ?Sized>(&mut self, store: &S, artifact: &RunArtifact) -> Step {
        let Some(in_force) = &self.in_force else {
            return Ok(Err("a toolpath before any adoption".into()));
        };
        let bytes = check!(attached(store, artifact, RELEASE_ATTACHMENT)?);
        let doc = check!(ReleaseDocument::from_bytes(&bytes));
        let st = &doc.statement;
        let Some(approver) = self.approvals.get(&st.approval) else {
            return Ok(Err(format!(
                "the release names approval {}, not an OK approval earlier in this ledger",
                st.approval
            )));
        };
        let Some(member) = in_force
            .roster
            .by_key(&doc.signer)
            .filter(|m| m.has(Role::Release))
        else {
            return Ok(Err(format!(
                "released by key {}, not a member with the release role",
                doc.signer
            )));
        };
        let agrees = Some(st.ledger.as_str()) == self.ledger.as_deref()
            && st.prev == artifact.prev
            && st.releaser == member.id
            && st.approver == *approver
            && member.actor() == artifact.record.actor
            && artifact.record.request_hash == st.request_hash;
        if !agrees {
            return Ok(Err("the signed release does not agree with the artifact".into()));
        }
        if doc.signer.verify(&st.bytes(), &doc.signature).is_err() {
            return Ok(Err(format!(
                "the signature of {:?} over the release does not verify",
                member.id
            )));
        }
        let Some(output) = artifact.record.output_hash else {
            return Ok(Err("an OK toolpath without its program".into()));
        };
        let Some(gcode) = store.attachment(&output)? else {
            return Ok(Err("the program is missing".into()));
        };
        match crate::provenance::verify_program_bytes(&gcode, self.ledger_key) {
            Ok(p)
                if Some(p.fields.ledger_id.as_str()) == self.ledger.as_deref()
                    && p.fields.artifact_id == st.approval.to_string() => {}
            Ok(_) => {
                return Ok(Err(
                    "the program's provenance names another ledger or approval".into()
                ))
            }
            Err(e) => return Ok(Err(format!("the program's provenance does not verify: {e}"))),
        }
        Ok(Ok(()))
    }
}
