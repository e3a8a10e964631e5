//! [`Ledger`]: a run store of either backend, and [`SharedLedger`]: one ledger shared by many threads, with the
//! one rule every face follows after a panic.
//!
//! A shared ledger holds a [`HostLedger`]: plain, or signed with its ledger key.
//!
//! The C ABI, the Python module and the command line each hold a ledger a host opened: in memory, or a
//! durable file. This is the type they hold, written once.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rmos_core::content::ContentHash;
use rmos_core::runs::{
    AppendRight, Attachment, MemoryStore, RunArtifact, RunRecord, RunStore, StoreError, StoredArtifact,
    VerifyReport,
};

use crate::error::LedgerError;
use crate::held::HostLedger;
use crate::options::OpenOptions;
use crate::postgres::{is_postgres_url, PostgresStore};
use crate::store::SqliteStore;

/// A ledger in memory, in a durable SQLite file, or in a PostgreSQL database.
///
/// ```
/// use rmos_core::runs::RunStore;
/// use rmos_store::Ledger;
/// let dir = tempfile::tempdir().unwrap();
/// let durable = Ledger::open(dir.path().join("shop.rmos"), &rmos_store::OpenOptions::new()).unwrap();
/// assert_eq!(durable.path(), Some(dir.path().join("shop.rmos").as_path()));
/// let memory = Ledger::memory();
/// assert_eq!((memory.len().unwrap(), memory.head().unwrap()), (0, None));
/// assert_eq!(memory.verify().unwrap().artifacts, 0);
/// ```
#[derive(Debug)]
pub enum Ledger {
    /// In memory: for tests and hosts without a disk; gone with the value.
    Memory(MemoryStore),
    /// The durable ledger: one SQLite file.
    Sqlite(SqliteStore),
    /// The durable ledger in a PostgreSQL database, shared by many machines.
    Postgres(PostgresStore),
}

/// Forwards a call to the store inside.
macro_rules! each {
    ($self:ident, $s:ident => $body:expr) => {
        match $self {
            Ledger::Memory($s) => $body,
            Ledger::Sqlite($s) => $body,
            Ledger::Postgres($s) => $body,
        }
    };
}

impl Ledger {
    /// An empty ledger in memory.
    pub fn memory() -> Self {
        Self::Memory(MemoryStore::new())
    }

    /// Opens (or creates, as `options` say) the durable ledger at `path`.
    pub fn open(path: impl AsRef<Path>, options: &OpenOptions) -> Result<Self, LedgerError> {
        Ok(Self::Sqlite(options.open(path)?))
    }

    /// Opens (or creates, as `options` say) the durable ledger at `location`: a `postgresql://` or
    /// `postgres://` URL is a PostgreSQL database ([`PostgresStore`]), anything else a SQLite file path.
    pub fn open_location(location: &str, options: &OpenOptions) -> Result<Self, LedgerError> {
        if is_postgres_url(location) {
            Ok(Self::Postgres(PostgresStore::open_with(location, options)?))
        } else {
            Self::open(location, options)
        }
    }

    /// The file of a SQLite ledger; `None` in memory and in PostgreSQL.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::Memory(_) | Self::Postgres(_) => None,
            Self::Sqlite(s) => Some(s.path()),
        }
    }

    /// Walks the whole chain and recomputes every content address, naming the first bad seq
    /// ([`LedgerError::Tampered`]).
    pub fn verify(&self) -> Result<VerifyReport, LedgerError> {
        match self {
            Self::Memory(s) => Ok(rmos_core::runs::verify(s)?),
            Self::Sqlite(s) => s.verify(),
            Self::Postgres(s) => s.verify(),
        }
    }
}

impl RunStore for Ledger {
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

/// One ledger shared by many threads: calls are serialised by a lock inside it.
///
/// **After a panic.** A call that panicked while it held the lock poisons it. Every store appends all or
/// nothing, but nobody can say from the outside what the interrupted call left, so the next call to
/// [`SharedLedger::lock`] verifies the whole ledger first. When the chain and every attachment verify, the
/// ledger is taken over and used as before; when not, the lock stays poisoned and every call is refused
/// with [`LedgerError::Poisoned`], naming what failed. The C ABI and the Python module both follow this one
/// rule.
///
/// ```
/// use rmos_store::{Ledger, SharedLedger};
/// let shared = SharedLedger::new(Ledger::memory());
/// let _ = std::panic::catch_unwind(|| {
///     let _held = shared.lock().unwrap();
///     panic!("a call fails half way");
/// });
/// // The ledger verifies, so it is taken over.
/// assert!(shared.lock().is_ok());
/// ```
#[derive(Debug)]
pub struct SharedLedger {
    inner: Mutex<HostLedger>,
}

impl SharedLedger {
    /// Shares `ledger`, plain ([`Ledger`]) or signed.
    pub fn new(ledger: impl Into<HostLedger>) -> Self {
        Self {
            inner: Mutex::new(ledger.into()),
        }
    }

    /// The ledger, locked; after a panic, only once it verifies (see the type's docs).
    pub fn lock(&self) -> Result<MutexGuard<'_, HostLedger>, LedgerError> {
        match self.inner.lock() {
            Ok(guard) => Ok(guard),
            Err(poisoned) => {
                let guard = poisoned.into_inner();
                match guard.verify() {
                    Ok(_) => {
                        self.inner.clear_poison();
                        Ok(guard)
                    }
                    Err(err) => Err(LedgerError::Poisoned(err.to_string())),
                }
            }
        }
    }

    /// Gives the ledger back (the lock's state does not matter: the caller owns it now).
    pub fn into_inner(self) -> HostLedger {
        self.inner
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
