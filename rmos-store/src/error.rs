//! Why a ledger could not be opened, read, written, exported or imported.

use std::path::{Path, PathBuf};

use rmos_core::runs::{StoreError, TamperError, VerifyError};

/// Everything that can go wrong with a ledger file or a ledger database.
///
/// For a PostgreSQL ledger the `path` of the variants shared with SQLite is its address with the password
/// removed; no variant ever holds a password.
///
/// Messages are lower-case and name the path, the seq or the attachment concerned. Through the
/// [`rmos_core::runs::RunStore`] trait these arrive as [`StoreError`] (see the `From` impl below).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// The file exists but is not an RMOS ledger (another SQLite database, or not a database at all).
    #[error("{}: not an rmos ledger", path.display())]
    NotALedger {
        /// The file opened.
        path: PathBuf,
    },
    /// The file is an RMOS ledger of a schema version this build does not read.
    #[error("{}: ledger schema version {found}, this build reads version {expected}", path.display())]
    SchemaVersion {
        /// The file opened.
        path: PathBuf,
        /// The version recorded in the file.
        found: i64,
        /// The version this build reads.
        expected: i64,
    },
    /// The ledger's tables or triggers are not the ones RMOS created (something changed them).
    #[error("{}: ledger schema was altered: {reason}", path.display())]
    SchemaAltered {
        /// The file opened.
        path: PathBuf,
        /// The first difference found.
        reason: String,
    },
    /// `open_existing` found no file.
    #[error("{}: no ledger at this path", path.display())]
    Missing {
        /// The path asked for.
        path: PathBuf,
    },
    /// Another writer held the ledger for longer than the busy timeout; nothing was written.
    #[error("ledger is busy: another writer held it for more than {timeout_ms} ms")]
    Busy {
        /// The busy timeout that ran out, in milliseconds.
        timeout_ms: u64,
    },
    /// The ledger was opened read-only or its file cannot be written; nothing was written.
    #[error("ledger is read-only: {0}")]
    ReadOnly(String),
    /// The disk, or the ledger's size cap, is full; nothing was written.
    #[error("ledger is full (disk or size cap): {0}")]
    Full(String),
    /// SQLite could not open the file (a missing directory, a file it may not read, ...).
    #[error("ledger file cannot be opened: {0}")]
    CannotOpen(String),
    /// SQLite reported any other failure.
    #[error("ledger database failed: {0}")]
    Sqlite(String),
    /// A file of an export could not be read or written.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// An export directory is not laid out as [`crate::export`] writes it.
    #[error("{}: malformed ledger export: {reason}", path.display())]
    BadExport {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A stored row cannot be read as what RMOS wrote (edited outside RMOS).
    #[error("ledger row is malformed: {what}")]
    Malformed {
        /// The row and column, naming the seq.
        what: String,
    },
    /// The chain does not verify: the first bad seq and what is wrong with it.
    #[error("ledger does not verify: {0}")]
    Tampered(TamperError),
    /// A call panicked while it held a shared ledger, and the ledger no longer verifies: it is refused from
    /// then on (see [`crate::SharedLedger`]).
    #[error("ledger is unusable: a call panicked while holding it and it no longer verifies: {0}")]
    Poisoned(String),
    /// A PostgreSQL ledger address that cannot be used: not a valid URL, no user, an unreadable password
    /// file or one others may read, an option PostgreSQL ledgers do not take.
    #[error("{location}: {reason}")]
    BadLocation {
        /// The address, its password removed.
        location: String,
        /// What is wrong.
        reason: String,
    },
    /// The PostgreSQL server cannot be reached, or the connection broke during the call (the server
    /// stopped or restarted). The next call connects again. An append that failed this way during its
    /// commit may or may not be in the ledger: read the head once reconnected.
    #[error("{location}: ledger server unreachable: {reason}")]
    Unreachable {
        /// The address, its password removed.
        location: String,
        /// What the connection reported.
        reason: String,
    },
    /// The PostgreSQL server refused the user or the password.
    #[error("{location}: the ledger server refused the credentials: {reason}")]
    AuthenticationFailed {
        /// The address, its password removed.
        location: String,
        /// What the server said.
        reason: String,
    },
    /// PostgreSQL reported any other failure.
    #[error("{location}: ledger database failed: {reason}")]
    Postgres {
        /// The address, its password removed.
        location: String,
        /// What the server said, with its SQLSTATE.
        reason: String,
    },
    /// The store refused an artifact (taken seq, gap, inconsistent attachments, ...).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A signed ledger refused the call: a signer without the role, an incoherent policy, a bad key or
    /// checkpoint (see [`rmos_core::authority::AuthorityError`]).
    #[error("{0}")]
    Authority(String),
    /// The call needs a signed ledger (a checkpoint, an audit against a key) and this one has no key.
    #[error("the ledger is not signed: open it with its ledger key")]
    Unsigned,
}

impl LedgerError {
    /// An [`LedgerError::Io`] for `path`.
    pub(crate) fn io(path: &Path, err: &std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            reason: err.to_string().to_lowercase(),
        }
    }

    /// Classifies a SQLite failure: busy, read-only, full, not a database, or anything else.
    pub(crate) fn sqlite(err: rusqlite::Error, busy_timeout_ms: u64) -> Self {
        use rusqlite::ErrorCode;
        let text = err.to_string().to_lowercase();
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy {
                timeout_ms: busy_timeout_ms,
            },
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => Self::ReadOnly(text),
            Some(ErrorCode::DiskFull) => Self::Full(text),
            Some(ErrorCode::CannotOpen) => Self::CannotOpen(text),
            _ => Self::Sqlite(text),
        }
    }
}

impl From<VerifyError> for LedgerError {
    fn from(err: VerifyError) -> Self {
        match err {
            VerifyError::Tampered(tamper) => Self::Tampered(tamper),
            VerifyError::Store(store) => Self::Store(store),
            other => Self::Store(StoreError::Backend(other.to_string())),
        }
    }
}

impl From<LedgerError> for StoreError {
    /// A refused artifact stays what it was; a malformed row is [`StoreError::Corrupt`]; everything else is
    /// [`StoreError::Backend`] with the ledger's message.
    fn from(err: LedgerError) -> Self {
        match err {
            LedgerError::Store(inner) => inner,
            LedgerError::Malformed { what } => StoreError::Corrupt { what },
            LedgerError::Tampered(tamper) => StoreError::Corrupt {
                what: format!("chain at seq {}: {}", tamper.seq, tamper.reason),
            },
            other => StoreError::Backend(other.to_string()),
        }
    }
}
