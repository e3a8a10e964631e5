//! `SignedLedger`: a run store with a ledger key, a roster and a policy in force, a seal on every artifact
//! and an RFC 9162 Merkle tree over the artifact ids kept beside the chain.

use std::sync::Arc;

use crate::checkpoint::Checkpoint;
use crate::content::merkle::{self, Frontier, TreeHash};
use crate::content::ContentHash;
use crate::gates::Policy;
use crate::keys::{PublicKey, Signature, SigningKey};
use crate::runs::{
    AppendRight, ArtifactKind, Attachment, RunArtifact, RunRecord, RunStatus, RunStore, StoreError,
    StoredArtifact,
};

use super::adoption::{AdoptionDocument, AdoptionStatement, ADOPTION_ATTACHMENT, ADOPTION_SCHEMA};
use super::audit::verify_ledger;
use super::coherence::check_policy;
use super::roster::{Role, Roster};
use super::{AuthorityError, LedgerAudit};

/// The roster and policy in force on a signed ledger, as its last adoption stored them.
#[derive(Debug, Clone, PartialEq)]
pub struct InForce {
    /// The members.
    pub roster: Roster,
    /// The whole policy.
    pub policy: Policy,
    /// Its content address.
    pub policy_hash: ContentHash,
    /// The adoption artifact that put them in force.
    pub adoption: ContentHash,
}

/// The bytes the ledger key signs to seal artifact `id` at `seq` of ledger `ledger`.
///
/// ```
/// use rmos_core::{authority::seal_statement, content::ContentHash};
/// let id = ContentHash::of(b"x");
/// assert_eq!(seal_statement("shop/ledger", 3, &id), format!("rmos.seal/1\nshop/ledger\n3\n{id}\n").into_bytes());
/// ```
pub fn seal_statement(ledger: &str, seq: u64, id: &ContentHash) -> Vec<u8> {
    format!("rmos.seal/1\n{ledger}\n{seq}\n{id}\n").into_bytes()
}

/// A ledger whose history a third party can verify with its public key.
///
/// Holds any [`RunStore`] ([`crate::runs::MemoryStore`] or a durable one), the ledger's signing key, the
/// ledger id, the roster and policy in force, one seal (the ledger key's signature over
/// [`seal_statement`]) per artifact, and the Merkle tree of the artifact ids. The seals are kept beside the
/// chain: [`SignedLedger::into_parts`] gives them with the store, [`SignedLedger::open`] takes them back.
///
/// As a [`RunStore`] it takes only what keeps the guarantee: an unsigned approval that the gate let
/// through is recorded BLOCKED, an unsigned release and an import are refused, and nothing comes before
/// the genesis adoption.
#[derive(Debug)]
pub struct SignedLedger<S> {
    store: S,
    key: SigningKey,
    public: PublicKey,
    id: String,
    in_force: Option<Arc<InForce>>,
    leaves: Vec<TreeHash>,
    frontier: Frontier,
    seals: Vec<Signature>,
}

impl<S: RunStore> SignedLedger<S> {
    /// A new signed ledger over the empty `store`, with id `ledger_id` (a checkpoint origin: printable,
    /// no space or `+`) and signing key `key`. Nothing is in force until [`SignedLedger::adopt`].
    ///
    /// # Errors
    /// [`AuthorityError::Invalid`] naming `ledger_id` or `store` (not empty).
    pub fn create(store: S, ledger_id: &str, key: SigningKey) -> Result<Self, AuthorityError> {
        if !crate::keys::note::is_valid_key_name(ledger_id) {
            return Err(AuthorityError::Invalid {
                field: "ledger_id",
                reason: format!("{ledger_id:?} is not a checkpoint origin (printable, no space, no +)"),
            });
        }
        if !store.is_empty()? {
            return Err(AuthorityError::Invalid {
                field: "store",
                reason: "a new signed ledger starts from an empty store; open a signed one with its seals"
                    .into(),
            });
        }
        let public = key.public_key();
        Ok(Self {
            store,
            key,
            public,
            id: ledger_id.to_owned(),
            in_force: None,
            leaves: Vec::new(),
            frontier: Frontier::new(),
            seals: Vec::new(),
        })
    }

    /// Opens a signed ledger: verifies `store` with `seals` under `key`'s public half ([`verify_ledger`])
    /// and takes the roster and policy in force from it.
    ///
    /// # Errors
    /// As [`verify_ledger`]; [`AuthorityError::Invalid`] naming `ledger_id` when the genesis pins another id.
    pub fn open(
        store: S,
        ledger_id: &str,
        key: SigningKey,
        seals: Vec<Signature>,
    ) -> Result<Self, AuthorityError> {
        let public = key.public_key();
        let audit = verify_ledger(&store, &seals, &public, None)?;
        if audit.ledger.as_deref().is_some_and(|id| id != ledger_id) {
            return Err(AuthorityError::Invalid {
                field: "ledger_id",
                reason: format!("the genesis pins ledger {:?}", audit.ledger.unwrap_or_default()),
            });
        }
        let mut frontier = Frontier::new();
        for leaf in &audit.leaves {
            frontier.push(*leaf);
        }
        Ok(Self {
            store,
            key,
            public,
            id: ledger_id.to_owned(),
            in_force: audit.in_force.map(Arc::new),
            leaves: audit.leaves,
            frontier,
            seals,
        })
    }

    /// The ledger id: every checkpoint's origin and every approval statement's `ledger`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The ledger's public key: what an auditor or a machine keeps.
    pub fn public_key(&self) -> PublicKey {
        self.public
    }

    /// The roster and policy in force; `None` before the genesis adoption.
    pub fn in_force(&self) -> Option<&InForce> {
        self.in_force.as_deref()
    }

    /// The seal of every artifact, by seq.
    pub fn seals(&self) -> &[Signature] {
        &self.seals
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The store and the seals, to keep or to export.
    pub fn into_parts(self) -> (S, Vec<Signature>) {
        (self.store, self.seals)
    }

    /// Adopts `roster` and `policy`, signed by `signer`: a lead of the roster in force, or for the genesis a
    /// lead of `roster` itself. Stores the whole adoption document as the `adoption` artifact's attachment.
    ///
    /// # Errors
    /// [`AuthorityError::Policy`] for an incoherent policy ([`check_policy`]); [`AuthorityError::NotPermitted`]
    /// naming `signer`; [`AuthorityError::Invalid`] naming `at`; [`AuthorityError::Store`].
    pub fn adopt(
        &mut self,
        roster: Roster,
        policy: Policy,
        signer: &SigningKey,
        at: &str,
    ) -> Result<RunArtifact, AuthorityError> {
        check_policy(&policy)?;
        crate::timestamp::Timestamp::parse(at).map_err(|e| AuthorityError::Invalid {
            field: "at",
            reason: e.to_string(),
        })?;
        let signer_key = signer.public_key();
        let deciding = match &self.in_force {
            Some(in_force) => &in_force.roster,
            None => &roster,
        };
        let lead = match deciding.by_key(&signer_key) {
            Some(m) if m.has(Role::Lead) => m.actor(),
            Some(m) => {
                return Err(AuthorityError::NotPermitted {
                    field: "signer",
                    reason: format!("member {:?} does not hold the lead role", m.id),
                })
            }
            None => {
                return Err(AuthorityError::NotPermitted {
                    field: "signer",
                    reason: format!("key {signer_key} is not a member of the roster in force"),
                })
            }
        };
        let statement = AdoptionStatement {
            at: at.to_owned(),
            ledger: self.id.clone(),
            ledger_key: self.public,
            policy: policy.clone(),
            prev: self.store.head()?,
            roster: roster.clone(),
            schema: ADOPTION_SCHEMA.to_owned(),
        };
        let document = AdoptionDocument {
            signature: signer.sign(&statement.bytes()),
            signer: signer_key,
            statement,
        };
        let attachment = Attachment::new(ADOPTION_ATTACHMENT, document.bytes());
        let policy_hash = policy.hash();
        let record = RunRecord {
            kind: ArtifactKind::Adoption,
            status: RunStatus::Ok,
            at: at.to_owned(),
            actor: lead,
            request_hash: ContentHash::of(&attachment.data),
            report_hash: None,
            report: None,
            policy_hash,
            engines: crate::engines::EngineStamps::approval(),
            reasons: vec![format!(
                "adopted a roster of {} members and policy {policy_hash}",
                roster.members().len()
            )],
            post: None,
            output_hash: None,
            attachments: vec![attachment.reference()],
        };
        let artifact = self.append_signed(record, vec![attachment])?;
        self.in_force = Some(Arc::new(InForce {
            roster,
            policy,
            policy_hash,
            adoption: artifact.id,
        }));
        Ok(artifact)
    }

    /// The signed tree head: origin (the ledger id), size and RFC 9162 root, in the C2SP checkpoint form.
    ///
    /// # Errors
    /// [`AuthorityError::Checkpoint`].
    pub fn checkpoint(&self) -> Result<Checkpoint, AuthorityError> {
        Ok(Checkpoint::issue(
            &self.id,
            self.frontier.size(),
            self.frontier.root(),
            &self.key,
        )?)
    }

    /// The RFC 9162 inclusion proof of the artifact at `seq` in the current tree; check it with
    /// [`merkle::verify_inclusion`] against a checkpoint's root, with the leaf hash of the artifact id's 32
    /// bytes.
    ///
    /// # Errors
    /// [`AuthorityError::Invalid`] naming `seq` when there is no such artifact.
    pub fn inclusion_proof(&self, seq: u64) -> Result<Vec<TreeHash>, AuthorityError> {
        merkle::inclusion_proof(&self.leaves, seq).map_err(|e| AuthorityError::Invalid {
            field: "seq",
            reason: e.to_string(),
        })
    }

    /// The RFC 9162 consistency proof from the tree of `old_size` artifacts to the current one.
    ///
    /// # Errors
    /// [`AuthorityError::Invalid`] naming `old_size` when it is larger than the ledger.
    pub fn consistency_proof(&self, old_size: u64) -> Result<Vec<TreeHash>, AuthorityError> {
        merkle::consistency_proof(&self.leaves, old_size).map_err(|e| AuthorityError::Invalid {
            field: "old_size",
            reason: e.to_string(),
        })
    }

    /// [`verify_ledger`] under this ledger's own public key.
    ///
    /// # Errors
    /// As [`verify_ledger`].
    pub fn verify(&self, checkpoint: Option<&Checkpoint>) -> Result<LedgerAudit, AuthorityError> {
        verify_ledger(&self.store, &self.seals, &self.public, checkpoint)
    }

    /// Appends `record` to the store, then seals it and adds its id to the tree.
    pub(crate) fn append_signed(
        &mut self,
        record: RunRecord,
        attachments: Vec<Attachment>,
    ) -> Result<RunArtifact, StoreError> {
        let artifact = self.store.append(record, attachments, AppendRight::new())?;
        self.seals.push(
            self.key
                .sign(&seal_statement(&self.id, artifact.seq, &artifact.id)),
        );
        let leaf = self.frontier.append(artifact.id.as_bytes());
        self.leaves.push(leaf);
        Ok(artifact)
    }

    /// Appends the provenance block to a released program's body, signed by the ledger key.
    pub(crate) fn sign_program(
        &self,
        body: &str,
        fields: &crate::provenance::ProvenanceFields,
        style: crate::provenance::CommentStyle,
    ) -> Result<String, crate::provenance::ProvenanceError> {
        crate::provenance::sign_program(body, fields, &self.key, style)
    }

    /// The policy in force, shared.
    pub(crate) fn shared_in_force(&self) -> Option<Arc<InForce>> {
        self.in_force.clone()
    }
}

impl<S: RunStore> RunStore for SignedLedger<S> {
    fn append(
        &mut self,
        mut record: RunRecord,
        attachments: Vec<Attachment>,
        _right: AppendRight<'_>,
    ) -> Result<RunArtifact, StoreError> {
        if self.in_force.is_none() {
            return Err(StoreError::Backend(format!(
                "signed ledger {}: the genesis must be an adoption signed by a lead",
                self.id
            )));
        }
        match record.kind {
            ArtifactKind::Approval if record.status == RunStatus::Ok => {
                record.status = RunStatus::Blocked;
                record.reasons = vec![
                    "a signed ledger refuses an unsigned approval: a human member signs the approval statement"
                        .to_owned(),
                ];
            }
            ArtifactKind::Toolpath | ArtifactKind::Adoption => {
                return Err(StoreError::Backend(format!(
                    "signed ledger {}: a program is released only with a release member's signature",
                    self.id
                )))
            }
            ArtifactKind::Approval => {}
        }
        self.append_signed(record, attachments)
    }

    fn append_sealed(&mut self, artifact: &RunArtifact, _: &[Attachment]) -> Result<(), StoreError> {
        Err(StoreError::Inconsistent {
            seq: artifact.seq,
            reason: format!("signed ledger {} takes no artifact sealed elsewhere", self.id),
        })
    }

    fn get(&self, id: &ContentHash) -> Result<Option<RunArtifact>, StoreError> {
        self.store.get(id)
    }

    fn attachment(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        self.store.attachment(sha256)
    }

    fn len(&self) -> Result<u64, StoreError> {
        self.store.len()
    }

    fn head(&self) -> Result<Option<ContentHash>, StoreError> {
        self.store.head()
    }

    fn for_each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.store.for_each_stored(visit)
    }

    fn attachment_raw(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        self.store.attachment_raw(sha256)
    }

    fn for_each_stored_ref(
        &self,
        visit: &mut dyn FnMut(&StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.store.for_each_stored_ref(visit)
    }
}
