//! The ledger's schema: what identifies a file as an RMOS ledger, its tables and its immutability triggers.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, TransactionBehavior};

use crate::error::LedgerError;

/// `PRAGMA application_id` of every RMOS ledger: the bytes `RMOS` read as a big-endian integer.
pub const APPLICATION_ID: i64 = 0x524D_4F53;

/// `PRAGMA user_version` of the schema this build writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

/// Every object of the schema, as `(type, name, sql)`, in the order they are created.
///
/// `seq`, `id`, `prev`, `kind` and `status` are copies for queries; the canonical bytes are the record, and
/// verification relies only on them and on the recorded `seq` and `id`.
const OBJECTS: &[(&str, &str, &str)] = &[
    (
        "table",
        "artifacts",
        "CREATE TABLE artifacts (
    seq INTEGER PRIMARY KEY CHECK (seq >= 0),
    id TEXT NOT NULL UNIQUE,
    prev TEXT,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    bytes BLOB NOT NULL
) STRICT",
    ),
    (
        "table",
        "attachments",
        "CREATE TABLE attachments (
    sha256 TEXT PRIMARY KEY,
    bytes BLOB NOT NULL
) STRICT, WITHOUT ROWID",
    ),
    (
        "trigger",
        "artifacts_dense",
        "CREATE TRIGGER artifacts_dense BEFORE INSERT ON artifacts
WHEN NEW.seq IS NOT (SELECT IFNULL(MAX(seq) + 1, 0) FROM artifacts)
BEGIN SELECT RAISE(ABORT, 'rmos ledger: artifacts are appended at the next seq only'); END",
    ),
    (
        "trigger",
        "artifacts_no_update",
        "CREATE TRIGGER artifacts_no_update BEFORE UPDATE ON artifacts
BEGIN SELECT RAISE(ABORT, 'rmos ledger: artifacts are immutable'); END",
    ),
    (
        "trigger",
        "artifacts_no_delete",
        "CREATE TRIGGER artifacts_no_delete BEFORE DELETE ON artifacts
BEGIN SELECT RAISE(ABORT, 'rmos ledger: artifacts are immutable'); END",
    ),
    (
        "trigger",
        "attachments_no_update",
        "CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
BEGIN SELECT RAISE(ABORT, 'rmos ledger: attachments are immutable'); END",
    ),
    (
        "trigger",
        "attachments_no_delete",
        "CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
BEGIN SELECT RAISE(ABORT, 'rmos ledger: attachments are immutable'); END",
    ),
];

/// What the file at hand holds.
enum Found {
    /// No schema at all: a new (or zero-length) file.
    Empty,
    /// An RMOS ledger of this schema version.
    Ledger,
}

/// Reads the identity of the open file and creates the schema when the file is new and `create` is set.
///
/// Two processes creating the same new ledger at once are safe: creation runs in an immediate transaction
/// that looks again before it writes.
pub(crate) fn prepare(
    conn: &mut Connection,
    path: &Path,
    create: bool,
    timeout: Duration,
) -> Result<(), LedgerError> {
    let timeout_ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
    let sql = |e: rusqlite::Error| classify(e, path, timeout_ms);
    // One read transaction, so the three values read belong to one moment even while another process
    // is creating the schema.
    let found = {
        let tx = conn.transaction().map_err(sql)?;
        identify(&tx, path).map_err(|e| e.or_sqlite(path, timeout_ms))?
    };
    match found {
        Found::Ledger => check_objects(conn, path).map_err(|e| e.or_sqlite(path, timeout_ms)),
        Found::Empty if !create => Err(LedgerError::NotALedger {
            path: path.to_path_buf(),
        }),
        Found::Empty => {
            // WAL must be chosen outside a transaction; it is persistent in the file from then on.
            set_wal(conn, timeout).map_err(sql)?;
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(sql)?;
            if let Found::Empty = identify(&tx, path).map_err(|e| e.or_sqlite(path, timeout_ms))? {
                for (_, _, create_sql) in OBJECTS {
                    tx.execute_batch(create_sql).map_err(sql)?;
                }
                tx.pragma_update(None, "application_id", APPLICATION_ID)
                    .map_err(sql)?;
                tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                    .map_err(sql)?;
            }
            tx.commit().map_err(sql)?;
            check_objects(conn, path).map_err(|e| e.or_sqlite(path, timeout_ms))
        }
    }
}

/// Puts the file in write-ahead-log mode (a no-op when it already is).
///
/// Switching a new file to WAL needs it to itself for a moment, and SQLite answers "busy" at once rather
/// than through the busy handler when another connection is looking at it; this retries until `timeout`.
pub(crate) fn set_wal(conn: &Connection, timeout: Duration) -> rusqlite::Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => {
                return Err(rusqlite::Error::InvalidParameterName(format!(
                    "journal mode stayed {mode}, not wal"
                )))
            }
            Err(err)
                if err.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(err) => return Err(err),
        }
    }
}

/// Either a ledger verdict or a SQLite failure still to be classified.
enum Check {
    Ledger(LedgerError),
    Sqlite(rusqlite::Error),
}

impl Check {
    fn or_sqlite(self, path: &Path, timeout_ms: u64) -> LedgerError {
        match self {
            Self::Ledger(err) => err,
            Self::Sqlite(err) => classify(err, path, timeout_ms),
        }
    }
}

impl From<rusqlite::Error> for Check {
    fn from(err: rusqlite::Error) -> Self {
        Self::Sqlite(err)
    }
}

/// A SQLite failure while opening: "not a database" names the file, everything else is classified as usual.
fn classify(err: rusqlite::Error, path: &Path, timeout_ms: u64) -> LedgerError {
    if err.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
        LedgerError::NotALedger {
            path: path.to_path_buf(),
        }
    } else {
        LedgerError::sqlite(err, timeout_ms)
    }
}

/// Tells an RMOS ledger from an empty file and from anything else.
fn identify(conn: &Connection, path: &Path) -> Result<Found, Check> {
    let app: i64 = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let objects: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |row| row.get(0))?;
    if app == APPLICATION_ID {
        if version == SCHEMA_VERSION {
            Ok(Found::Ledger)
        } else {
            Err(Check::Ledger(LedgerError::SchemaVersion {
                path: path.to_path_buf(),
                found: version,
                expected: SCHEMA_VERSION,
            }))
        }
    } else if app == 0 && version == 0 && objects == 0 {
        Ok(Found::Empty)
    } else {
        Err(Check::Ledger(LedgerError::NotALedger {
            path: path.to_path_buf(),
        }))
    }
}

/// Checks that the file holds exactly the tables and triggers RMOS creates, with their original SQL.
fn check_objects(conn: &Connection, path: &Path) -> Result<(), Check> {
    let altered = |reason: String| {
        Check::Ledger(LedgerError::SchemaAltered {
            path: path.to_path_buf(),
            reason,
        })
    };
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex_%' ORDER BY name",
    )?;
    let found = stmt
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (kind, name, sql) in OBJECTS {
        match found.iter().find(|(_, n, _)| n == name) {
            None => return Err(altered(format!("{kind} {name} is missing"))),
            Some((k, _, s)) if k != kind || s.as_deref() != Some(*sql) => {
                return Err(altered(format!("{kind} {name} was redefined")))
            }
            Some(_) => {}
        }
    }
    if let Some((kind, name, _)) = found
        .iter()
        .find(|(_, n, _)| !OBJECTS.iter().any(|(_, o, _)| o == n))
    {
        return Err(altered(format!("unexpected {kind} {name}")));
    }
    Ok(())
}
