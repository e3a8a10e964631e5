//! Signed approvals: on a [`SignedLedger`], an approval is a human member's Ed25519 signature over the
//! canonical [`ApprovalStatement`], decided under the policy in force in that ledger.
//!
//! The actor recorded is the roster member who owns the key, never a declared kind; a key outside the
//! roster is recorded as the AI-kind actor `key:<first 16 hex digits>`, the kind that may do nothing.
//! Every attempt, blocked too, is recorded with the statement, the signature and the job document attached.

use std::sync::Arc;

use super::{check_timestamp, recorded_timestamp, Approved, Blocked, Evaluated, Session};
use crate::authority::{
    ApprovalStatement, AuthorityError, InForce, Role, SignedLedger, SignedStatement, APPROVAL_ATTACHMENT,
    APPROVAL_SCHEMA, JOB_ATTACHMENT,
};
use crate::content::{canonical_bytes, hash_canonical};
use crate::gates::{Decision, Override};
use crate::identity::Actor;
use crate::keys::{PublicKey, Signature, SigningKey};
use crate::runs::{ArtifactKind, Attachment, RunRecord, RunStatus, RunStore, StoreError};

impl Session<Evaluated> {
    /// The bytes a human member signs to approve this job on `ledger` now (after its current head), under
    /// the policy in force there, with `override_` and at `at`. Hand them to a detached signer, then submit
    /// the signature with [`Session::approve_with_signature`] before anything else is appended.
    ///
    /// # Errors
    /// [`AuthorityError::Invalid`] naming `ledger` before any adoption; [`AuthorityError::Store`].
    pub fn approval_statement<S: RunStore>(
        &self,
        ledger: &SignedLedger<S>,
        override_: Option<&Override>,
        at: &str,
    ) -> Result<Vec<u8>, AuthorityError> {
        let in_force = ledger.shared_in_force().ok_or(no_adoption())?;
        let evaluated = self.under(&in_force);
        Ok(evaluated
            .statement(ledger.id(), ledger.head()?, override_, at)
            .bytes())
    }

    /// Approves on a signed ledger with the member's local signing key: signs the statement of
    /// [`Session::approval_statement`] and submits it.
    ///
    /// Appends an approval artifact (OK, BLOCKED or ERROR) before returning.
    pub fn approve_signed<S: RunStore>(
        &self,
        signer: &SigningKey,
        override_: Option<&Override>,
        at: &str,
        ledger: &mut SignedLedger<S>,
    ) -> Result<Approved<Session<Evaluated>>, Blocked> {
        let Some(in_force) = ledger.shared_in_force() else {
            return Err(Blocked::store_failed(self.report().clone(), no_adoption_store()));
        };
        let public = signer.public_key();
        self.under(&in_force)
            .signed_attempt(&in_force, &public, Signed::Here(signer), override_, at, ledger)
    }

    /// Approves on a signed ledger with a signature made elsewhere over the bytes of
    /// [`Session::approval_statement`]. A signature over another statement (another ledger, head, job,
    /// report, policy, bucket, override or time) does not verify and the attempt is BLOCKED.
    ///
    /// Appends an approval artifact (OK, BLOCKED or ERROR) before returning.
    pub fn approve_with_signature<S: RunStore>(
        &self,
        public_key: &PublicKey,
        signature: &Signature,
        override_: Option<&Override>,
        at: &str,
        ledger: &mut SignedLedger<S>,
    ) -> Result<Approved<Session<Evaluated>>, Blocked> {
        let Some(in_force) = ledger.shared_in_force() else {
            return Err(Blocked::store_failed(self.report().clone(), no_adoption_store()));
        };
        self.under(&in_force).signed_attempt(
            &in_force,
            public_key,
            Signed::Submitted(signature),
            override_,
            at,
            ledger,
        )
    }

    /// This session evaluated under the policy in force (itself, when it already was).
    fn under(&self, in_force: &InForce) -> Session<Evaluated> {
        if self.state.policy_hash == in_force.policy_hash {
            return self.clone();
        }
        let report = crate::feasibility::evaluate(&self.job, &in_force.policy.thresholds);
        Session {
            job: Arc::clone(&self.job),
            request_hash: self.request_hash,
            state: Evaluated {
                report_hash: hash_canonical(&report),
                report: Arc::new(report),
                policy: Arc::new(in_force.policy.clone()),
                policy_hash: in_force.policy_hash,
            },
        }
    }

    fn statement(
        &self,
        ledger: &str,
        prev: Option<crate::content::ContentHash>,
        override_: Option<&Override>,
        at: &str,
    ) -> ApprovalStatement {
        ApprovalStatement {
            acknowledge_risk: override_.is_some_and(|o| o.acknowledge_risk),
            at: recorded_timestamp(at),
            bucket: self.bucket(),
            ledger: ledger.to_owned(),
            override_reason: override_.map(|o| o.reason.clone()),
            policy_hash: self.state.policy_hash,
            prev,
            report_hash: self.state.report_hash,
            request_hash: self.request_hash,
            schema: APPROVAL_SCHEMA.to_owned(),
        }
    }

    fn signed_attempt<S: RunStore>(
        &self,
        in_force: &InForce,
        key: &PublicKey,
        signed: Signed<'_>,
        override_: Option<&Override>,
        at: &str,
        ledger: &mut SignedLedger<S>,
    ) -> Result<Approved<Session<Evaluated>>, Blocked> {
        let head = ledger
            .head()
            .map_err(|e| Blocked::store_failed(self.report().clone(), e))?;
        let statement = self.statement(ledger.id(), head, override_, at);
        let bytes = statement.bytes();
        // A signature made here over these very bytes needs no check; a submitted one does.
        let (signature, verified) = match signed {
            Signed::Here(signer) => (signer.sign(&bytes), true),
            Signed::Submitted(signature) => (*signature, key.verify(&bytes, signature).is_ok()),
        };
        let member = in_force.roster.by_key(key);
        let actor = member.map_or_else(
            || Actor::ai(format!("key:{}", key.to_hex().get(..16).unwrap_or_default())),
            |m| m.actor(),
        );
        let role = if override_.is_some() {
            Role::Override
        } else {
            Role::Approve
        };
        let (status, reasons) = if let Err(reason) = check_timestamp(at) {
            (RunStatus::Error, vec![reason])
        } else if member.is_none() {
            (
                RunStatus::Blocked,
                vec![format!("key {key} is not a member of the roster in force")],
            )
        } else if !verified {
            (
                RunStatus::Blocked,
                vec![format!(
                    "the signature does not verify over the approval statement of ledger {} after head {}",
                    ledger.id(),
                    head.map_or_else(|| "null".to_owned(), |h| h.to_string())
                )],
            )
        } else if !member.is_some_and(|m| m.has(role)) {
            (
                RunStatus::Blocked,
                vec![format!(
                    "{} member {:?} does not hold the {} role",
                    actor.kind.as_str(),
                    actor.id,
                    role.as_str()
                )],
            )
        } else {
            match in_force.policy.decide(&actor, self.bucket(), override_) {
                Decision::Approve { reasons } => (RunStatus::Ok, reasons),
                Decision::Block { reasons } => (RunStatus::Blocked, reasons),
            }
        };
        let signed = SignedStatement {
            signature,
            signer: *key,
            statement,
        };
        let job = Attachment::new(JOB_ATTACHMENT, canonical_bytes(&*self.job));
        let approval = Attachment::new(APPROVAL_ATTACHMENT, signed.bytes());
        let record = RunRecord {
            kind: ArtifactKind::Approval,
            status,
            at: recorded_timestamp(at),
            actor: actor.clone(),
            request_hash: self.request_hash,
            report_hash: Some(self.state.report_hash),
            report: Some(Arc::clone(&self.state.report)),
            policy_hash: self.state.policy_hash,
            engines: crate::engines::EngineStamps::approval(),
            reasons,
            post: None,
            output_hash: None,
            attachments: vec![job.reference(), approval.reference()],
        };
        let artifact = match ledger.append_signed(record, vec![job, approval]) {
            Ok(artifact) => artifact,
            Err(err) => return Err(Blocked::store_failed(self.report().clone(), err)),
        };
        if artifact.record.status == RunStatus::Ok {
            Ok(Approved {
                inner: self.clone(),
                actor,
                artifact,
                ledger: Some((ledger.id().to_owned(), ledger.public_key())),
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

/// Where the signature over an approval statement comes from.
enum Signed<'a> {
    /// Made here with the member's local key.
    Here(&'a SigningKey),
    /// Made elsewhere and submitted.
    Submitted(&'a Signature),
}

fn no_adoption() -> AuthorityError {
    AuthorityError::Invalid {
        field: "ledger",
        reason: "no roster and policy are adopted yet".into(),
    }
}

fn no_adoption_store() -> StoreError {
    StoreError::Backend("the signed ledger has no roster and policy adopted yet".into())
}
