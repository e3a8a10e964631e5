//! `SqliteStore`: the durable [`RunStore`] on one SQLite file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rmos_core::content::ContentHash;
use rmos_core::runs::{
    admit, Admitted, AppendRight, Attachment, AttachmentDigest, RunArtifact, RunRecord, RunStore, StoreError,
    StoredArtifact, TamperError, VerifyReport,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::error::LedgerError;
use crate::options::OpenOptions;
use crate::rows;

/// The durable RMOS ledger: run artifacts and their attachments in one SQLite file (WAL mode,
/// `synchronous=FULL`), append-only by trigger, safe to share between processes.
///
/// Every append is one immediate transaction: the artifact row and its attachments are committed together,
/// and the call returns only once the commit is on disk. Writers in other processes wait up to the busy
/// timeout, then fail with [`LedgerError::Busy`] having written nothing.
///
/// ```
/// use rmos_core::runs::RunStore;
/// use rmos_store::SqliteStore;
/// # use rmos_core::{gates::{Actor, Policy}, job::Job, workflow::Session};
/// # let job = Job::from_json(include_str!("../../examples/jobs/maple_neck_truss_rod.json")).unwrap();
/// # let policy = Policy::default();
/// # let evaluated = Session::new(job).evaluate(&policy);
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("shop.rmos");
/// let mut ledger = SqliteStore::open(&path).unwrap();
/// let approved = evaluated
///     .approve(&Actor::human("luthier"), "2025-01-01T00:00:00Z", &mut ledger)
///     .unwrap();
/// let artifact = approved.artifact().clone();
/// assert_eq!(artifact.seq, 0);
/// drop(ledger);
/// let ledger = SqliteStore::open_existing(&path).unwrap();
/// assert_eq!(ledger.get(&artifact.id).unwrap(), Some(artifact));
/// ```
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    busy_timeout: Duration,
}

impl SqliteStore {
    /// Opens the ledger at `path`, creating it when the file is missing or empty.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, LedgerError> {
        OpenOptions::new().open(path)
    }

    /// Opens the ledger at `path`, which must exist: [`LedgerError::Missing`] otherwise.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Self, LedgerError> {
        OpenOptions::new().create(false).open(path)
    }

    /// Opens the ledger at `path`, which must exist, and verifies the whole chain and every attachment:
    /// [`LedgerError::Tampered`] names the first bad seq.
    pub fn open_verified(path: impl AsRef<Path>) -> Result<Self, LedgerError> {
        OpenOptions::new().create(false).verify(true).open(path)
    }

    pub(crate) fn open_with(path: &Path, options: &OpenOptions) -> Result<Self, LedgerError> {
        let create = options.create && !options.read_only;
        if !create && !path.exists() {
            return Err(LedgerError::Missing {
                path: path.to_path_buf(),
            });
        }
        let conn = crate::open::connect(path, options, create)?;
        conn.set_prepared_statement_cache_capacity(32);
        let store = Self {
            conn,
            path: path.to_path_buf(),
            busy_timeout: options.busy_timeout,
        };
        if options.verify {
            store.verify()?;
        }
        Ok(store)
    }

    /// The file this ledger lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How long a write waits for another writer.
    pub fn busy_timeout(&self) -> Duration {
        self.busy_timeout
    }

    /// The last artifact's seq and recorded id; `None` for an empty ledger.
    pub fn head_entry(&self) -> Result<Option<(u64, ContentHash)>, LedgerError> {
        head(&self.conn, self.timeout_ms())
    }

    pub(crate) fn timeout_ms(&self) -> u64 {
        u64::try_from(self.busy_timeout.as_millis()).unwrap_or(u64::MAX)
    }

    pub(crate) fn sql(&self) -> impl Fn(rusqlite::Error) -> LedgerError {
        let timeout_ms = self.timeout_ms();
        move |e| LedgerError::sqlite(e, timeout_ms)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Starts a write transaction, waiting for other writers up to the busy timeout.
    pub(crate) fn begin_write(&mut self) -> Result<Transaction<'_>, LedgerError> {
        let sql = self.sql();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)
    }

    /// Walks the whole chain and recomputes every content address ([`rmos_core::runs::verify`]), naming
    /// the first bad seq. A row whose columns cannot even be read (a seq that is not a non-negative
    /// integer, an id that is not a content address, bytes that are not a blob) is named the same way.
    ///
    /// This is what `RunStore::verify` gives for other stores, with [`LedgerError::Tampered`] for a
    /// broken chain. It reads the rows in seq order; damage to SQLite's own structures or indexes that
    /// leaves every row intact is for [`SqliteStore::integrity_check`].
    ///
    /// The attachments are read in one scan of their table, in its own order, before the walk, and each is
    /// hashed once, rather than looked up by address for every reference: the cost per artifact stays the
    /// same however long the ledger grows. Their digests are held in memory during the walk (about 100
    /// bytes per attachment).
    pub fn verify(&self) -> Result<VerifyReport, LedgerError> {
        let digests = self.attachment_digests()?;
        let timeout_ms = self.timeout_ms();
        let walked = rmos_core::runs::verify_with_attachments(self, &mut |sha| match digests.get(sha) {
            None => Ok(None),
            Some(Some(digest)) => Ok(Some(*digest)),
            // A row whose bytes are not a blob: read it again by address for the error the lookup gives.
            Some(None) => Ok(attachment_raw(&self.conn, sha, timeout_ms)?.map(|b| AttachmentDigest::of(&b))),
        });
        match walked {
            Ok(report) => Ok(report),
            Err(err) => match self.first_malformed_row()? {
                Some(tamper) if err.tampered_seq().is_none_or(|seq| tamper.seq <= seq) => {
                    Err(LedgerError::Tampered(tamper))
                }
                _ => Err(err.into()),
            },
        }
    }

    /// The digest of every attachment, by the address it is stored under, in one scan of the table; `None`
    /// for a row whose bytes are not a blob. A row whose address is not one is left out: no reference can
    /// find it by address either.
    fn attachment_digests(&self) -> Result<HashMap<ContentHash, Option<AttachmentDigest>>, LedgerError> {
        let sql = self.sql();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT sha256, bytes FROM attachments")
            .map_err(&sql)?;
        let mut found = stmt.query([]).map_err(&sql)?;
        let mut digests = HashMap::new();
        while let Some(row) = found.next().map_err(&sql)? {
            let key = match row.get_ref(0).map_err(&sql)? {
                rusqlite::types::ValueRef::Text(text) => {
                    std::str::from_utf8(text).ok().and_then(|t| t.parse().ok())
                }
                _ => None,
            };
            let Some(key) = key else { continue };
            let digest = match row.get_ref(1).map_err(&sql)? {
                rusqlite::types::ValueRef::Blob(bytes) => Some(AttachmentDigest::of(bytes)),
                _ => None,
            };
            digests.insert(key, digest);
        }
        Ok(digests)
    }

    /// Runs SQLite's own `PRAGMA integrity_check` on the file: damage to its structure or to an index (which
    /// [`SqliteStore::verify`], reading the rows in order, does not look at) is [`LedgerError::Sqlite`]
    /// with SQLite's first complaint.
    pub fn integrity_check(&self) -> Result<(), LedgerError> {
        let sql = self.sql();
        let first: String = self
            .conn
            .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
            .map_err(&sql)?;
        if first == "ok" {
            Ok(())
        } else {
            Err(LedgerError::Sqlite(format!(
                "integrity check failed: {}",
                first.to_lowercase()
            )))
        }
    }

    /// The first row, in seq order, whose columns do not read as a seq, an id and bytes.
    fn first_malformed_row(&self) -> Result<Option<TamperError>, LedgerError> {
        let sql = self.sql();
        let mut stmt = self
            .conn
            .prepare("SELECT seq, id, bytes FROM artifacts ORDER BY seq")
            .map_err(&sql)?;
        let mut found = stmt.query([]).map_err(&sql)?;
        let mut position = 0u64;
        while let Some(row) = found.next().map_err(&sql)? {
            if let Err(LedgerError::Malformed { what }) = read_stored(row, &sql) {
                return Ok(Some(TamperError {
                    seq: position,
                    reason: format!("row is malformed: {what}"),
                }));
            }
            position += 1;
        }
        Ok(None)
    }

    fn append_record(
        &mut self,
        record: RunRecord,
        attachments: &[Attachment],
        right: AppendRight<'_>,
    ) -> Result<RunArtifact, LedgerError> {
        let sql = self.sql();
        let timeout_ms = self.timeout_ms();
        let tx = self.begin_write()?;
        let head = head(&tx, timeout_ms)?;
        let (seq, prev) = match head {
            None => (0, None),
            Some((seq, id)) => (next_seq(seq)?, Some(id)),
        };
        let (artifact, admitted) = right.seal(record, seq, prev, attachments)?;
        insert(&tx, &artifact, &admitted, timeout_ms)?;
        tx.commit().map_err(sql)?;
        Ok(artifact)
    }

    fn append_sealed_one(
        &mut self,
        artifact: &RunArtifact,
        attachments: &[Attachment],
    ) -> Result<(), LedgerError> {
        let sql = self.sql();
        let timeout_ms = self.timeout_ms();
        let tx = self.begin_write()?;
        put_sealed(&tx, artifact, attachments, timeout_ms)?;
        tx.commit().map_err(sql)?;
        Ok(())
    }
}

/// Reads one `(seq, id, bytes)` row as stored.
pub(crate) fn read_stored(
    row: &rusqlite::Row<'_>,
    sql: &impl Fn(rusqlite::Error) -> LedgerError,
) -> Result<StoredArtifact, LedgerError> {
    let seq = rows::seq(row.get_ref(0).map_err(sql)?)?;
    let id = rows::hash(row.get_ref(1).map_err(sql)?, || format!("artifact seq {seq} id"))?;
    let bytes = rows::blob(row.get_ref(2).map_err(sql)?, || {
        format!("artifact seq {seq} bytes")
    })?;
    Ok(StoredArtifact { seq, id, bytes })
}

/// The seq after `seq`.
fn next_seq(seq: u64) -> Result<u64, LedgerError> {
    seq.checked_add(1).ok_or_else(|| LedgerError::Malformed {
        what: format!("artifact seq {seq}: no seq follows it"),
    })
}

/// The last row's seq and recorded id.
pub(crate) fn head(conn: &Connection, timeout_ms: u64) -> Result<Option<(u64, ContentHash)>, LedgerError> {
    let sql = |e| LedgerError::sqlite(e, timeout_ms);
    let mut stmt = conn
        .prepare_cached("SELECT seq, id FROM artifacts ORDER BY seq DESC LIMIT 1")
        .map_err(sql)?;
    let mut found = stmt.query([]).map_err(sql)?;
    let Some(row) = found.next().map_err(sql)? else {
        return Ok(None);
    };
    let seq = rows::seq(row.get_ref(0).map_err(sql)?)?;
    let id = rows::hash(row.get_ref(1).map_err(sql)?, || format!("artifact seq {seq} id"))?;
    Ok(Some((seq, id)))
}

/// Stores an artifact sealed elsewhere as the next one; the same artifact again is a no-op.
/// Returns whether a row was written.
pub(crate) fn put_sealed(
    tx: &Transaction<'_>,
    artifact: &RunArtifact,
    attachments: &[Attachment],
    timeout_ms: u64,
) -> Result<bool, LedgerError> {
    let sql = |e| LedgerError::sqlite(e, timeout_ms);
    let existing: Option<Vec<u8>> = tx
        .prepare_cached("SELECT bytes FROM artifacts WHERE seq = ?1")
        .and_then(|mut s| s.query_row([seq_param(artifact.seq)?], |r| r.get(0)).optional())
        .map_err(sql)?;
    if let Some(existing) = existing {
        return if existing == artifact.canonical_bytes() {
            Ok(false)
        } else {
            Err(StoreError::SeqTaken { seq: artifact.seq }.into())
        };
    }
    let (next, head_id) = match head(tx, timeout_ms)? {
        None => (0, None),
        Some((seq, id)) => (next_seq(seq)?, Some(id)),
    };
    let admitted = admit(artifact, next, head_id.as_ref(), attachments)?;
    insert(tx, artifact, &admitted, timeout_ms)?;
    Ok(true)
}

/// Inserts an admitted artifact's row and its attachments. An attachment already stored is kept, after
/// checking that its stored bytes still hash to its address.
fn insert(
    tx: &Transaction<'_>,
    artifact: &RunArtifact,
    admitted: &Admitted<'_>,
    timeout_ms: u64,
) -> Result<(), LedgerError> {
    let sql = |e| LedgerError::sqlite(e, timeout_ms);
    let stored = &admitted.stored;
    tx.prepare_cached(
        "INSERT INTO artifacts (seq, id, prev, kind, status, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .and_then(|mut s| {
        s.execute(params![
            seq_param(stored.seq)?,
            stored.id.to_string(),
            artifact.prev.map(|p| p.to_string()),
            json_name(&artifact.record.kind),
            json_name(&artifact.record.status),
            stored.bytes,
        ])
    })
    .map_err(sql)?;
    for (sha, attachment) in &admitted.attachments {
        let added = tx
            .prepare_cached("INSERT INTO attachments (sha256, bytes) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
            .and_then(|mut s| s.execute(params![sha.to_string(), attachment.data]))
            .map_err(sql)?;
        if added == 0 {
            let kept = attachment_raw(tx, sha, timeout_ms)?;
            if kept.map(|b| ContentHash::of(&b)) != Some(*sha) {
                return Err(StoreError::Corrupt {
                    what: format!("attachment {sha}"),
                }
                .into());
            }
        }
    }
    Ok(())
}

/// The stored bytes of one attachment, unchecked.
pub(crate) fn attachment_raw(
    conn: &Connection,
    sha256: &ContentHash,
    timeout_ms: u64,
) -> Result<Option<Vec<u8>>, LedgerError> {
    let sql = |e| LedgerError::sqlite(e, timeout_ms);
    let mut stmt = conn
        .prepare_cached("SELECT bytes FROM attachments WHERE sha256 = ?1")
        .map_err(sql)?;
    let mut found = stmt.query([sha256.to_string()]).map_err(sql)?;
    match found.next().map_err(sql)? {
        None => Ok(None),
        Some(row) => rows::blob(row.get_ref(0).map_err(sql)?, || format!("attachment {sha256}")).map(Some),
    }
}

/// A value's JSON string form (`approval`, `OK`), for the query columns `kind` and `status`.
fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A seq as SQLite's integer (a seq beyond `i64::MAX` is out of range for SQLite, refused by it).
fn seq_param(seq: u64) -> rusqlite::Result<i64> {
    i64::try_from(seq).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

impl RunStore for SqliteStore {
    fn append(
        &mut self,
        record: RunRecord,
        attachments: Vec<Attachment>,
        right: AppendRight<'_>,
    ) -> Result<RunArtifact, StoreError> {
        Ok(self.append_record(record, &attachments, right)?)
    }

    fn append_sealed(
        &mut self,
        artifact: &RunArtifact,
        attachments: &[Attachment],
    ) -> Result<(), StoreError> {
        Ok(self.append_sealed_one(artifact, attachments)?)
    }

    fn get(&self, id: &ContentHash) -> Result<Option<RunArtifact>, StoreError> {
        let sql = self.sql();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, bytes FROM artifacts WHERE id = ?1")
            .map_err(&sql)?;
        let mut found = stmt.query([id.to_string()]).map_err(&sql)?;
        let Some(row) = found.next().map_err(&sql)? else {
            return Ok(None);
        };
        let seq = rows::seq(row.get_ref(0).map_err(&sql)?)?;
        let what = || format!("artifact seq {seq}");
        let bytes = rows::blob(row.get_ref(1).map_err(&sql)?, what)?;
        let artifact =
            RunArtifact::from_canonical_bytes(&bytes).map_err(|_| StoreError::Corrupt { what: what() })?;
        if artifact.id != *id || artifact.seq != seq || artifact.compute_id() != *id {
            return Err(StoreError::Corrupt { what: what() });
        }
        Ok(Some(artifact))
    }

    fn attachment(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        match self.attachment_raw(sha256)? {
            Some(bytes) if ContentHash::of(&bytes) != *sha256 => Err(StoreError::Corrupt {
                what: format!("attachment {sha256}"),
            }),
            found => Ok(found),
        }
    }

    fn head(&self) -> Result<Option<ContentHash>, StoreError> {
        Ok(self.head_entry()?.map(|(_, id)| id))
    }

    fn len(&self) -> Result<u64, StoreError> {
        match self.head_entry()? {
            None => Ok(0),
            Some((seq, _)) => Ok(next_seq(seq)?),
        }
    }

    fn for_each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let sql = self.sql();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, id, bytes FROM artifacts ORDER BY seq")
            .map_err(&sql)?;
        let mut found = stmt.query([]).map_err(&sql)?;
        while let Some(row) = found.next().map_err(&sql)? {
            let seq = rows::seq(row.get_ref(0).map_err(&sql)?)?;
            let id = rows::hash(row.get_ref(1).map_err(&sql)?, || format!("artifact seq {seq} id"))?;
            let bytes = rows::blob(row.get_ref(2).map_err(&sql)?, || {
                format!("artifact seq {seq} bytes")
            })?;
            visit(StoredArtifact { seq, id, bytes })?;
        }
        Ok(())
    }

    /// The rows in seq order, lent one at a time from one buffer: verification reads every artifact
    /// without allocating for each.
    fn for_each_stored_ref(
        &self,
        visit: &mut dyn FnMut(&StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let sql = self.sql();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, id, bytes FROM artifacts ORDER BY seq")
            .map_err(&sql)?;
        let mut found = stmt.query([]).map_err(&sql)?;
        let mut stored = StoredArtifact {
            seq: 0,
            id: ContentHash::from_bytes([0; 32]),
            bytes: Vec::new(),
        };
        while let Some(row) = found.next().map_err(&sql)? {
            let seq = rows::seq(row.get_ref(0).map_err(&sql)?)?;
            stored.id = rows::hash(row.get_ref(1).map_err(&sql)?, || format!("artifact seq {seq} id"))?;
            rows::blob_into(row.get_ref(2).map_err(&sql)?, &mut stored.bytes, || {
                format!("artifact seq {seq} bytes")
            })?;
            stored.seq = seq;
            visit(&stored)?;
        }
        Ok(())
    }

    fn attachment_raw(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(attachment_raw(&self.conn, sha256, self.timeout_ms())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_connection_is_wal_with_full_sync_and_the_busy_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.rmos");
        let store = OpenOptions::new()
            .busy_timeout(Duration::from_millis(1234))
            .open(&path)
            .unwrap();
        let pragma = |name: &str| -> rusqlite::types::Value {
            store.conn.pragma_query_value(None, name, |r| r.get(0)).unwrap()
        };
        assert_eq!(
            pragma("synchronous"),
            rusqlite::types::Value::Integer(2),
            "2 is FULL"
        );
        assert_eq!(pragma("journal_mode"), rusqlite::types::Value::Text("wal".into()));
        assert_eq!(pragma("busy_timeout"), rusqlite::types::Value::Integer(1234));
        assert_eq!(pragma("trusted_schema"), rusqlite::types::Value::Integer(0));
        let reopened = SqliteStore::open_existing(&path).unwrap();
        let sync: i64 = reopened
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2);
    }

    #[test]
    fn json_names_are_the_serialised_forms() {
        assert_eq!(json_name(&rmos_core::runs::ArtifactKind::Toolpath), "toolpath");
        assert_eq!(json_name(&rmos_core::runs::RunStatus::Blocked), "BLOCKED");
    }
}
