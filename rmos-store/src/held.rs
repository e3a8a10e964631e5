//! [`HostLedger`]: the ledger a host holds through a face, plain or signed.

use std::path::Path;

use rmos_core::authority::{LedgerAudit, SignedLedger};
use rmos_core::checkpoint::Checkpoint;
use rmos_core::content::ContentHash;
use rmos_core::runs::{
    AppendRight, Attachment, RunArtifact, RunRecord, RunStore, StoreError, StoredArtifact, VerifyReport,
};

use crate::error::LedgerError;
use crate::ledger::Ledger;

/// A ledger as the C ABI, the Python module and the command line hold it: a plain [`Ledger`], whose chain
/// catches careless edits only, or a [`SignedLedger`] over one, whose seals, roster and checkpoints a third
/// party can verify with its public key.
///
/// ```
/// use rmos_core::runs::RunStore;
/// use rmos_store::{HostLedger, Ledger};
/// let plain = HostLedger::from(Ledger::memory());
/// assert!(plain.signed().is_none());
/// assert_eq!(plain.verify().unwrap().artifacts, 0);
/// ```
#[derive(Debug)]
pub enum HostLedger {
    /// A ledger without a key.
    Plain(Ledger),
    /// A ledger with a key, a roster and a policy in force.
    Signed(Box<SignedLedger<Ledger>>),
}

impl From<Ledger> for HostLedger {
    fn from(ledger: Ledger) -> Self {
        Self::Plain(ledger)
    }
}

impl From<SignedLedger<Ledger>> for HostLedger {
    fn from(ledger: SignedLedger<Ledger>) -> Self {
        Self::Signed(Box::new(ledger))
    }
}

impl HostLedger {
    /// The store underneath, signed or not.
    pub fn store(&self) -> &Ledger {
        match self {
            Self::Plain(l) => l,
            Self::Signed(s) => s.store(),
        }
    }

    /// The signed ledger, when this one has a key.
    pub fn signed(&self) -> Option<&SignedLedger<Ledger>> {
        match self {
            Self::Plain(_) => None,
            Self::Signed(s) => Some(s),
        }
    }

    /// The signed ledger, mutably, when this one has a key.
    pub fn signed_mut(&mut self) -> Option<&mut SignedLedger<Ledger>> {
        match self {
            Self::Plain(_) => None,
            Self::Signed(s) => Some(s),
        }
    }

    /// The file of a SQLite ledger; `None` in memory and in PostgreSQL.
    pub fn path(&self) -> Option<&Path> {
        self.store().path()
    }

    /// Verifies the ledger: the chain of a plain one ([`Ledger::verify`]); for a signed one also its seals,
    /// its roster and the meaning of every artifact ([`SignedLedger::verify`]).
    pub fn verify(&self) -> Result<VerifyReport, LedgerError> {
        match self {
            Self::Plain(l) => l.verify(),
            Self::Signed(s) => {
                let audit = s.verify(None).map_err(authority_error)?;
                Ok(VerifyReport {
                    artifacts: audit.artifacts,
                    head: audit.head,
                })
            }
        }
    }

    /// Verifies a signed ledger against a checkpoint kept elsewhere (or none); a plain ledger has no key to
    /// check against and is refused with [`LedgerError::Unsigned`].
    pub fn audit(&self, checkpoint: Option<&Checkpoint>) -> Result<LedgerAudit, LedgerError> {
        match self {
            Self::Plain(_) => Err(LedgerError::Unsigned),
            Self::Signed(s) => s.verify(checkpoint).map_err(authority_error),
        }
    }
}

/// A signed ledger's refusal as a [`LedgerError`]: a tampered ledger stays [`LedgerError::Tampered`].
fn authority_error(err: rmos_core::authority::AuthorityError) -> LedgerError {
    match err {
        rmos_core::authority::AuthorityError::Tampered(t) => LedgerError::Tampered(t),
        rmos_core::authority::AuthorityError::Store(s) => LedgerError::Store(s),
        other => LedgerError::Authority(other.to_string()),
    }
}

/// Forwards a call to the ledger inside.
macro_rules! each {
    ($self:ident, $s:ident => $body:expr) => {
        match $self {
            HostLedger::Plain($s) => $body,
            HostLedger::Signed($s) => $body,
        }
    };
}

impl RunStore for HostLedger {
    fn append(
        &mut self,
        record: RunRecord,
        attachments: Vec<Attachment>,
        right: AppendRight<'_>,
    ) -> Result<RunArtifact, StoreError> {
        each!(self, s => s.append(record, attachments, right))
    }

    fn append_sealed(
        &mut self,
        artifact: &RunArtifact,
        attachments: &[Attachment],
    ) -> Result<(), StoreError> {
        each!(self, s => s.append_sealed(artifact, attachments))
    }

    fn get(&self, id: &ContentHash) -> Result<Option<RunArtifact>, StoreError> {
        each!(self, s => s.get(id))
    }

    fn attachment(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        each!(self, s => s.attachment(sha256))
    }

    fn len(&self) -> Result<u64, StoreError> {
        each!(self, s => s.len())
    }

    fn head(&self) -> Result<Option<ContentHash>, StoreError> {
        each!(self, s => s.head())
    }

    fn for_each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        each!(self, s => s.for_each_stored(visit))
    }

    fn for_each_stored_ref(
        &self,
        visit: &mut dyn FnMut(&StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        each!(self, s => s.for_each_stored_ref(visit))
    }

    fn attachment_raw(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        each!(self, s => s.attachment_raw(sha256))
    }
}
