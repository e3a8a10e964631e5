//! How a ledger is opened: create or not, verify or not, read-only, busy timeout, size cap.

use std::path::Path;
use std::time::Duration;

use crate::error::LedgerError;
use crate::store::SqliteStore;

/// The busy timeout unless one is set: how long a write waits for another writer before it gives up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Options for opening a ledger; [`SqliteStore::open`] and its siblings are shorthands for the common ones.
///
/// ```
/// use std::time::Duration;
/// use rmos_store::OpenOptions;
/// let dir = tempfile::tempdir().unwrap();
/// let ledger = OpenOptions::new()
///     .busy_timeout(Duration::from_millis(500))
///     .open(dir.path().join("shop.rmos"))
///     .unwrap();
/// assert_eq!(ledger.busy_timeout(), Duration::from_millis(500));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOptions {
    pub(crate) create: bool,
    pub(crate) verify: bool,
    pub(crate) read_only: bool,
    pub(crate) busy_timeout: Duration,
    pub(crate) max_size_bytes: Option<u64>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self {
            create: true,
            verify: false,
            read_only: false,
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
            max_size_bytes: None,
        }
    }
}

impl OpenOptions {
    /// Creates a missing ledger, does not verify, writes, waits [`DEFAULT_BUSY_TIMEOUT`], no size cap.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a missing file (or an empty one) becomes a new ledger; otherwise it is an error.
    pub fn create(mut self, create: bool) -> Self {
        self.create = create;
        self
    }

    /// Whether opening also verifies the whole chain and every attachment (see [`SqliteStore::verify`]).
    pub fn verify(mut self, verify: bool) -> Self {
        self.verify = verify;
        self
    }

    /// Opens the file read-only (SQLite's `SQLITE_OPEN_READ_ONLY`): reads and verification work, every
    /// append fails with [`LedgerError::ReadOnly`]. Implies `create(false)`.
    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// How long a write waits for another process's write to finish before it fails with
    /// [`LedgerError::Busy`] (rounded down to whole milliseconds).
    pub fn busy_timeout(mut self, timeout: Duration) -> Self {
        self.busy_timeout = timeout;
        self
    }

    /// Caps the database file's size (SQLite's `max_page_count`): an append that would grow past it fails
    /// with [`LedgerError::Full`] exactly as on a full disk, and writes nothing.
    pub fn max_size_bytes(mut self, bytes: Option<u64>) -> Self {
        self.max_size_bytes = bytes;
        self
    }

    /// Opens the ledger at `path` with these options.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<SqliteStore, LedgerError> {
        SqliteStore::open_with(path.as_ref(), self)
    }
}
