//! The opaque handle types, one per state of the workflow, and the ledger's store.
//!
//! C sees only their names (`typedef struct RmosJob RmosJob;`): no field, size or layout crosses.

use std::sync::{Mutex, MutexGuard};

use rmos_core::gates::Policy;
use rmos_core::job::Job;
use rmos_core::runs::{
    Attachment, ContentHash, MemoryStore, RunArtifact, RunRecord, RunStore, StoreError, StoredArtifact,
};
use rmos_core::workflow::{Approved, Evaluated, Session};
use rmos_store::SqliteStore;

use crate::status::FfiError;

/// A validated job (from `rmos_job_from_json`). Immutable; share it across threads freely.
#[derive(Debug)]
pub struct RmosJob {
    pub(crate) job: Job,
}

/// A job RMOS evaluated, with its report and the policy it was evaluated under (from `rmos_evaluate`).
/// Immutable; share it across threads freely.
#[derive(Debug)]
pub struct RmosEvaluated {
    pub(crate) session: Session<Evaluated>,
    pub(crate) policy: Policy,
}

/// An approved job (from `rmos_approve` or `rmos_approve_with_override`): the only thing a program is
/// generated from. Immutable; share it across threads freely.
#[derive(Debug)]
pub struct RmosApproved {
    pub(crate) approved: Approved<Session<Evaluated>>,
}

/// A released program: G-code that passed read-back, its toolpath and its artifact (from
/// `rmos_program_generate`). Immutable; share it across threads freely.
#[derive(Debug)]
pub struct RmosProgram {
    pub(crate) program: rmos_core::Program,
}

/// A run ledger (in memory, or a durable file). Calls on one ledger from many threads are serialised by a
/// lock inside it.
#[derive(Debug)]
pub struct RmosLedger {
    store: Mutex<LedgerStore>,
}

impl RmosLedger {
    pub(crate) fn new(store: LedgerStore) -> Self {
        Self {
            store: Mutex::new(store),
        }
    }

    /// The store, locked. A poisoned lock (a panic in the middle of a ledger call) is refused from then on:
    /// nobody can say what that call left half done.
    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, LedgerStore>, FfiError> {
        self.store.lock().map_err(|_| {
            FfiError::internal("the ledger is unusable after an internal error during an earlier call")
        })
    }
}

/// The stores a ledger handle can hold.
#[derive(Debug)]
pub(crate) enum LedgerStore {
    Memory(MemoryStore),
    Sqlite(SqliteStore),
}

/// Forwards every [`RunStore`] method to the store inside.
macro_rules! each_store {
    ($self:ident, $s:ident => $body:expr) => {
        match $self {
            LedgerStore::Memory($s) => $body,
            LedgerStore::Sqlite($s) => $body,
        }
    };
}

impl RunStore for LedgerStore {
    fn append(&mut self, record: RunRecord, attachments: Vec<Attachment>) -> Result<RunArtifact, StoreError> {
        each_store!(self, s => s.append(record, attachments))
    }

    fn append_sealed(
        &mut self,
        artifact: &RunArtifact,
        attachments: &[Attachment],
    ) -> Result<(), StoreError> {
        each_store!(self, s => s.append_sealed(artifact, attachments))
    }

    fn get(&self, id: &ContentHash) -> Result<Option<RunArtifact>, StoreError> {
        each_store!(self, s => s.get(id))
    }

    fn attachment(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        each_store!(self, s => s.attachment(sha256))
    }

    fn len(&self) -> Result<u64, StoreError> {
        each_store!(self, s => s.len())
    }

    fn for_each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        each_store!(self, s => s.for_each_stored(visit))
    }

    fn attachment_raw(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        each_store!(self, s => s.attachment_raw(sha256))
    }
}
