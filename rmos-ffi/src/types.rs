//! The opaque handle types, one per state of the workflow, and the ledger's store.
//!
//! C sees only their names (`typedef struct RmosJob RmosJob;`): no field, size or layout crosses.

use std::sync::MutexGuard;

use rmos_core::job::Job;
use rmos_core::workflow::{Approved, Evaluated, Session};
use rmos_store::{HostLedger, LedgerError, SharedLedger};

use crate::status::FfiError;

/// A validated job (from `rmos_job_from_json`). Immutable; share it across threads freely.
#[derive(Debug)]
pub struct RmosJob {
    pub(crate) job: Job,
}

/// A job RMOS evaluated, with its report and the policy it was evaluated under, which the session itself
/// keeps (from `rmos_evaluate`).
/// Immutable; share it across threads freely.
#[derive(Debug)]
pub struct RmosEvaluated {
    pub(crate) session: Session<Evaluated>,
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
/// lock inside it; after a panic in a call that held it, the ledger is used again only once it verifies, and
/// every call on one that does not is `RMOS_INTERNAL` from then on (the rule of `rmos_store::SharedLedger`,
/// which the Python module follows too).
#[derive(Debug)]
pub struct RmosLedger {
    store: SharedLedger,
}

impl RmosLedger {
    pub(crate) fn new(store: impl Into<HostLedger>) -> Self {
        Self {
            store: SharedLedger::new(store),
        }
    }

    /// The store, locked; a ledger that no longer verifies after a panic is `RMOS_INTERNAL`.
    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, HostLedger>, FfiError> {
        self.store.lock().map_err(|e| match e {
            LedgerError::Poisoned(_) => FfiError::internal(e),
            other => FfiError::new(crate::status::RmosStatus::RMOS_STORE, other.to_string()),
        })
    }
}
