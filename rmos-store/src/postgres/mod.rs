//! `PostgresStore`: the durable [`RunStore`] in a PostgreSQL database, for a ledger many machines share.
//!
//! The same guarantees as [`crate::SqliteStore`], said in PostgreSQL ([`schema`]): append-only tables
//! whose triggers refuse UPDATE, DELETE and TRUNCATE, a dense seq whose `prev` must be the id before it,
//! attachments whose address the server checks with its own `sha256()`, and an identity row (application
//! id and schema version) checked on every open. Every append is one transaction under the ledger's
//! advisory lock, committed with `synchronous_commit = on`: concurrent writers on any number of machines
//! queue for the lock and never fork the chain, and an append that returned is on the server's disk.
//!
//! A server that goes away (stopped, crashed, restarted) costs each call in flight a
//! [`LedgerError::Unreachable`]; the next call reconnects. An append that failed that way during its commit
//! may or may not have been committed: read the head after reconnecting.

mod append;
mod connect;
mod errors;
mod read;
mod schema;
mod session;

use std::time::Duration;

use rmos_core::content::ContentHash;
use rmos_core::runs::{
    AppendRight, Attachment, RunArtifact, RunRecord, RunStore, StoreError, StoredArtifact, TamperError,
    VerifyReport,
};

use crate::error::LedgerError;
use crate::options::OpenOptions;

pub use connect::{is_postgres_url, redact_url};

use connect::{Environment, Target};
use session::Session;

/// The durable RMOS ledger in a PostgreSQL database (see the [module docs](self)).
///
/// Opened with a `postgresql://` (or `postgres://`) URL; the password comes from the URL, `PGPASSWORD` or
/// the password file (`PGPASSFILE`, `~/.pgpass`, mode 0600) as libpq reads them, and no message or
/// `Debug` output ever shows it. The connection is plain TCP or a Unix socket, without TLS.
pub struct PostgresStore {
    // Boxed: the connection's state is large, and a `Ledger` holding this store should not be.
    session: Box<Session>,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore")
            .field("location", &self.location())
            .field("lock_timeout", &self.session.lock_timeout())
            .finish()
    }
}

impl PostgresStore {
    /// Opens the ledger in the database `url` names, creating its schema when the database holds none of
    /// RMOS's tables.
    pub fn open(url: &str) -> Result<Self, LedgerError> {
        Self::open_with(url, &OpenOptions::new())
    }

    /// Opens the ledger at `url` with `options`: `create(false)` refuses a database without the schema
    /// ([`LedgerError::NotALedger`]), `verify` verifies the whole chain first, `read_only` makes every
    /// transaction read-only (an append is [`LedgerError::ReadOnly`]), and the busy timeout is how long an
    /// append waits for another writer's lock ([`LedgerError::Busy`]). A size cap is for SQLite files only
    /// and is refused here.
    pub fn open_with(url: &str, options: &OpenOptions) -> Result<Self, LedgerError> {
        Self::open_in(url, options, &Environment::from_process())
    }

    fn open_in(url: &str, options: &OpenOptions, env: &Environment) -> Result<Self, LedgerError> {
        let target = Target::resolve(url, env)?;
        if options.max_size_bytes.is_some() {
            return Err(LedgerError::BadLocation {
                location: target.location,
                reason: "a size cap applies to sqlite ledger files only".into(),
            });
        }
        let session = Session::new(target, options.read_only, options.busy_timeout);
        session.open(options.create && !options.read_only)?;
        let store = Self {
            session: Box::new(session),
        };
        if options.verify {
            store.verify()?;
        }
        Ok(store)
    }

    /// The server address, its password removed.
    pub fn location(&self) -> &str {
        &self.session.target().location
    }

    /// How long an append waits for another writer's lock.
    pub fn busy_timeout(&self) -> Duration {
        self.session.lock_timeout()
    }

    /// The last artifact's seq and recorded id; `None` for an empty ledger.
    pub fn head_entry(&self) -> Result<Option<(u64, ContentHash)>, LedgerError> {
        self.session.with(read::head)
    }

    /// Walks the whole chain, streamed in batches from the server, and recomputes every content address
    /// ([`rmos_core::runs::verify`]), naming the first bad seq ([`LedgerError::Tampered`]); a row whose
    /// columns cannot be read as a seq and an id is named the same way.
    pub fn verify(&self) -> Result<VerifyReport, LedgerError> {
        match rmos_core::runs::verify(self) {
            Ok(report) => Ok(report),
            Err(err) => match self.session.with(read::first_malformed_row)? {
                Some(tamper) if err.tampered_seq().is_none_or(|seq| tamper.seq <= seq) => {
                    Err(LedgerError::Tampered(tamper))
                }
                _ => Err(err.into()),
            },
        }
    }
}

impl RunStore for PostgresStore {
    fn append(
        &mut self,
        record: RunRecord,
        attachments: Vec<Attachment>,
        right: AppendRight<'_>,
    ) -> Result<RunArtifact, StoreError> {
        Ok(append::append(&self.session, record, &attachments, right)?)
    }

    fn append_sealed(
        &mut self,
        artifact: &RunArtifact,
        attachments: &[Attachment],
    ) -> Result<(), StoreError> {
        Ok(append::append_sealed(&self.session, artifact, attachments)?)
    }

    fn get(&self, id: &ContentHash) -> Result<Option<RunArtifact>, StoreError> {
        let Some((seq, bytes)) = self.session.with(|live| read::by_id(live, id))? else {
            return Ok(None);
        };
        let what = || format!("artifact seq {seq}");
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

    fn len(&self) -> Result<u64, StoreError> {
        match self.head_entry()? {
            None => Ok(0),
            Some((seq, _)) => Ok(read::next_seq(seq)?),
        }
    }

    fn head(&self) -> Result<Option<ContentHash>, StoreError> {
        Ok(self.head_entry()?.map(|(_, id)| id))
    }

    fn for_each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut after: Option<i64> = None;
        loop {
            let batch = self.session.with(|live| read::batch(live, after))?;
            let Some(last) = batch.last_seq else {
                return Ok(());
            };
            for stored in batch.rows {
                visit(stored?)?;
            }
            after = Some(last);
        }
    }

    fn attachment_raw(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.session.with(|live| read::attachment(live, sha256))?)
    }
}

/// A [`TamperError`] at `seq`.
fn tamper(seq: u64, reason: String) -> TamperError {
    TamperError { seq, reason }
}
