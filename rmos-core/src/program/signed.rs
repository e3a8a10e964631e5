//! Signed releases: on a [`SignedLedger`], a program is released only from an approval that ledger
//! recorded OK under the policy still in force, with the signature of a member holding the release role.
//! The toolpath artifact records the releasing member as its actor, names the approver, and attaches the
//! signed release beside the program; the program ends with a provenance block signed by the ledger key.
//!
//! The block's `ARTIFACT` is the approval artifact's id: the toolpath artifact's own id covers the signed
//! program, so the program cannot name it.

use super::{file_extension, produce, PostOptions, Program, ReleaseError};
use crate::authority::{
    ReleaseDocument, ReleaseStatement, Role, SignedLedger, RELEASE_ATTACHMENT, RELEASE_SCHEMA,
};
use crate::content::ContentHash;
use crate::engines::EngineStamps;
use crate::identity::Actor;
use crate::keys::SigningKey;
use crate::provenance::{CommentStyle, ProvenanceFields, MAX_FIELD_LEN};
use crate::runs::{ArtifactKind, Attachment, RunRecord, RunStatus, RunStore};
use crate::workflow::{check_timestamp, recorded_timestamp, Approved, Evaluated, Session};

impl Program {
    /// Releases the approved job's program into the signed `ledger` that recorded the approval, signed by
    /// `signer`, a member holding the release role.
    ///
    /// # Errors
    /// [`ReleaseError::NotThisLedger`] (nothing recorded) for an approval of another ledger, one this
    /// ledger does not hold OK, or one given under a policy no longer in force; [`ReleaseError::NotPermitted`]
    /// (a BLOCKED artifact) for a signer outside the roster or without the release role;
    /// [`ReleaseError::Failed`] and [`ReleaseError::Store`] as [`Program::release`].
    pub fn release_signed<S: RunStore>(
        approved: &Approved<Session<Evaluated>>,
        options: impl Into<PostOptions>,
        at: &str,
        signer: &SigningKey,
        ledger: &mut SignedLedger<S>,
    ) -> Result<Program, ReleaseError> {
        let options = options.into();
        let not_here = |reason: String| Err(ReleaseError::NotThisLedger { reason });
        match approved.ledger() {
            Some((id, key)) if id == ledger.id() && *key == ledger.public_key() => {}
            Some((id, _)) => {
                return not_here(format!(
                    "the approval was recorded by ledger {id}, not {}",
                    ledger.id()
                ))
            }
            None => {
                return not_here(format!(
                    "the approval was recorded by an unsigned ledger, not {}",
                    ledger.id()
                ))
            }
        }
        match ledger.get(&approved.artifact_id())? {
            Some(a) if a.record.status == RunStatus::Ok && a.record.kind == ArtifactKind::Approval => {}
            _ => {
                return not_here(format!(
                    "ledger {} holds no OK approval {}",
                    ledger.id(),
                    approved.artifact_id()
                ))
            }
        }
        let Some(in_force) = ledger.shared_in_force() else {
            return not_here(format!("ledger {} has adopted nothing", ledger.id()));
        };
        let session = approved.session();
        if in_force.policy_hash != session.policy_hash() {
            return not_here(format!(
                "approved under policy {}, but policy {} is in force now",
                session.policy_hash(),
                in_force.policy_hash
            ));
        }
        let key = signer.public_key();
        let member = in_force.roster.by_key(&key).cloned();
        let actor = member.as_ref().map_or_else(
            || Actor::ai(format!("key:{}", key.to_hex().get(..16).unwrap_or_default())),
            |m| m.actor(),
        );
        let approver = approved.actor().id.clone();
        let statement = ReleaseStatement {
            approval: approved.artifact_id(),
            approver: approver.clone(),
            at: recorded_timestamp(at),
            ledger: ledger.id().to_owned(),
            post: options.post.id().to_owned(),
            prev: ledger.head()?,
            releaser: actor.id.clone(),
            request_hash: session.request_hash(),
            schema: RELEASE_SCHEMA.to_owned(),
        };
        let document = ReleaseDocument {
            signature: signer.sign(&statement.bytes()),
            signer: key,
            statement,
        };
        let release = Attachment::new(RELEASE_ATTACHMENT, document.bytes());
        let record = |status: RunStatus, reasons: Vec<String>| RunRecord {
            kind: ArtifactKind::Toolpath,
            status,
            at: recorded_timestamp(at),
            actor: actor.clone(),
            request_hash: session.request_hash(),
            report_hash: Some(session.report_hash()),
            report: Some(session.shared_report()),
            policy_hash: session.policy_hash(),
            engines: EngineStamps::toolpath(options.post.id()),
            reasons: [
                vec![
                    format!("approval {}", approved.artifact_id()),
                    format!("approved by {approver}"),
                    format!("released by {}", actor.id),
                ],
                reasons,
            ]
            .concat(),
            post: Some(options.post.id().to_owned()),
            output_hash: None,
            attachments: Vec::new(),
        };
        let fail = |ledger: &mut SignedLedger<S>, status: RunStatus, reasons: Vec<String>| {
            let mut r = record(status, reasons.clone());
            r.attachments = vec![release.reference()];
            match ledger.append_signed(r, vec![release.clone()]) {
                Ok(a) if status == RunStatus::Blocked => ReleaseError::NotPermitted {
                    artifact_id: a.id,
                    reason: reasons.join("; "),
                },
                Ok(a) => ReleaseError::Failed {
                    artifact_id: a.id,
                    reasons,
                },
                Err(e) => ReleaseError::Store(e),
            }
        };
        if !member.as_ref().is_some_and(|m| m.has(Role::Release)) {
            let reason = match &member {
                None => format!("key {key} is not a member of the roster in force"),
                Some(m) => format!(
                    "{} member {:?} does not hold the release role",
                    m.kind.as_str(),
                    m.id
                ),
            };
            return Err(fail(ledger, RunStatus::Blocked, vec![reason]));
        }
        let released_at = match check_timestamp(at) {
            Ok(t) => t,
            Err(reason) => return Err(fail(ledger, RunStatus::Error, vec![reason])),
        };
        if let Ok(approved_at) = check_timestamp(&approved.artifact().record.at) {
            if released_at < approved_at {
                let reason = format!("at: {released_at} precedes the approval's {approved_at}");
                return Err(fail(ledger, RunStatus::Error, vec![reason]));
            }
        }
        let (toolpath, body, readback) = match produce(approved, options) {
            Ok(made) => made,
            Err(reasons) => return Err(fail(ledger, RunStatus::Error, reasons)),
        };
        let fields = ProvenanceFields {
            artifact_id: approved.artifact_id().to_string(),
            ledger_id: ledger.id().to_owned(),
            approver: field(&format!("{}:{}", approved.actor().kind.as_str(), approver)),
            machine: field(&session.job().machine.name),
        };
        let gcode = match ledger.sign_program(&body, &fields, CommentStyle::Parentheses) {
            Ok(g) => g,
            Err(e) => return Err(fail(ledger, RunStatus::Error, vec![format!("provenance: {e}")])),
        };
        let program = Attachment::new(format!("program.{}", file_extension(options.post)), gcode.clone());
        let mut ok = record(RunStatus::Ok, Vec::new());
        ok.output_hash = Some(ContentHash::of(gcode.as_bytes()));
        ok.attachments = vec![program.reference(), release.reference()];
        let artifact = ledger.append_signed(ok, vec![program, release])?;
        Ok(Program {
            gcode,
            toolpath,
            artifact,
            options,
            readback,
        })
    }
}

/// A value a provenance block can carry: printable ASCII without spaces, parentheses, `;` or `%`, others
/// written `_`; at most [`MAX_FIELD_LEN`] characters; `-` when empty.
fn field(text: &str) -> String {
    let out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && !matches!(c, '(' | ')' | ';' | '%') {
                c
            } else {
                '_'
            }
        })
        .take(MAX_FIELD_LEN)
        .collect();
    if out.is_empty() {
        "-".to_owned()
    } else {
        out
    }
}
