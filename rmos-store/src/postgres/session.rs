//! The one connection of a [`super::PostgresStore`], with its prepared statements, replaced after the
//! server went away.
//!
//! A call that finds the connection broken fails with [`LedgerError::Unreachable`] and drops it; the next
//! call connects again (and fails the same way while the server is still down). So a restart of the server
//! costs the caller one typed error per call in flight, and nothing else.

use std::cell::RefCell;
use std::time::Duration;

use postgres::{Client, Statement};

use crate::error::LedgerError;

use super::connect::Target;
use super::errors;

/// Why a step of a call failed: the server said so, or the ledger's own checks did.
pub(crate) enum Fail {
    /// A failure of the server or the connection, still to be classified.
    Pg(postgres::Error),
    /// A ledger verdict (a refused artifact, a malformed row, ...).
    Ledger(LedgerError),
}

impl From<postgres::Error> for Fail {
    fn from(err: postgres::Error) -> Self {
        Self::Pg(err)
    }
}

impl From<LedgerError> for Fail {
    fn from(err: LedgerError) -> Self {
        Self::Ledger(err)
    }
}

impl From<rmos_core::runs::StoreError> for Fail {
    fn from(err: rmos_core::runs::StoreError) -> Self {
        Self::Ledger(err.into())
    }
}

/// The statements every connection prepares once.
pub(crate) struct Statements {
    /// `(seq, id)` of the last artifact.
    pub(crate) head: Statement,
    /// `(seq, bytes)` of the artifact with id `$1`.
    pub(crate) by_id: Statement,
    /// `bytes` of the artifact at seq `$1`.
    pub(crate) bytes_at: Statement,
    /// The first `$1` artifacts `(seq, id, bytes)` in seq order.
    pub(crate) first_batch: Statement,
    /// The next `$2` artifacts after seq `$1`.
    pub(crate) next_batch: Statement,
    /// Inserts an artifact row.
    pub(crate) insert_artifact: Statement,
    /// Inserts an attachment unless one with its address is stored.
    pub(crate) insert_attachment: Statement,
    /// The bytes of attachment `$1`.
    pub(crate) attachment: Statement,
}

/// A live connection and its statements.
pub(crate) struct Live {
    pub(crate) client: Client,
    pub(crate) statements: Statements,
}

/// The connection of one store, or none after it broke.
pub(crate) struct Session {
    target: Target,
    read_only: bool,
    lock_timeout: Duration,
    live: RefCell<Option<Live>>,
}

impl Session {
    /// Connects to `target` (the schema is prepared by the caller on [`Session::with`]'s first use).
    pub(crate) fn new(target: Target, read_only: bool, lock_timeout: Duration) -> Self {
        Self {
            target,
            read_only,
            lock_timeout,
            live: RefCell::new(None),
        }
    }

    /// The server's address, redacted.
    pub(crate) fn target(&self) -> &Target {
        &self.target
    }

    /// How long an append waits for another writer's lock.
    pub(crate) fn lock_timeout(&self) -> Duration {
        self.lock_timeout
    }

    /// The lock timeout in whole milliseconds.
    pub(crate) fn lock_timeout_ms(&self) -> u64 {
        u64::try_from(self.lock_timeout.as_millis()).unwrap_or(u64::MAX)
    }

    /// Runs `step` on the live connection, connecting first when there is none. A failure that lost the
    /// connection drops it, so the next call reconnects; a lock timeout is [`LedgerError::Busy`].
    pub(crate) fn with<T>(&self, step: impl FnOnce(&mut Live) -> Result<T, Fail>) -> Result<T, LedgerError> {
        let mut slot = self.live.try_borrow_mut().map_err(|_| LedgerError::Postgres {
            location: self.target.location.clone(),
            reason: "the ledger was called again from inside one of its own calls".into(),
        })?;
        if slot.as_ref().is_none_or(|live| live.client.is_closed()) {
            *slot = None;
            *slot = Some(self.connect()?);
        }
        let Some(live) = slot.as_mut() else {
            return Err(LedgerError::Unreachable {
                location: self.target.location.clone(),
                reason: "no connection".into(),
            });
        };
        match step(live) {
            Ok(value) => Ok(value),
            Err(Fail::Ledger(err)) => Err(err),
            Err(Fail::Pg(err)) => {
                if errors::lost_connection(&err) {
                    *slot = None;
                }
                if errors::lock_timeout(&err) {
                    return Err(LedgerError::Busy {
                        timeout_ms: self.lock_timeout_ms(),
                    });
                }
                Err(self.target.error(&err))
            }
        }
    }

    /// Opens a connection and sets its lock timeout.
    fn client(&self) -> Result<Client, LedgerError> {
        let mut client = self.target.connect(self.read_only)?;
        // lock_timeout = 0 would wait forever: a zero busy timeout means "do not wait" here, as in SQLite.
        let timeout_ms = self.lock_timeout_ms().clamp(1, i32::MAX as u64);
        client
            .batch_execute(&format!("SET lock_timeout = {timeout_ms}"))
            .map_err(|e| self.target.error(&e))?;
        Ok(client)
    }

    /// Opens a connection and prepares the statements.
    fn connect(&self) -> Result<Live, LedgerError> {
        let client = self.client()?;
        self.prepare(client)
    }

    /// Prepares the statements on `client`.
    fn prepare(&self, mut client: Client) -> Result<Live, LedgerError> {
        let err = |e: postgres::Error| self.target.error(&e);
        let mut prepare = |sql: &str| client.prepare(sql).map_err(err);
        let statements = Statements {
            head: prepare("SELECT seq, id FROM artifacts ORDER BY seq DESC LIMIT 1")?,
            by_id: prepare("SELECT seq, bytes FROM artifacts WHERE id = $1")?,
            bytes_at: prepare("SELECT bytes FROM artifacts WHERE seq = $1")?,
            first_batch: prepare("SELECT seq, id, bytes FROM artifacts ORDER BY seq LIMIT $1")?,
            next_batch: prepare("SELECT seq, id, bytes FROM artifacts WHERE seq > $1 ORDER BY seq LIMIT $2")?,
            insert_artifact: prepare(
                "INSERT INTO artifacts (seq, id, prev, kind, status, bytes) VALUES ($1, $2, $3, $4, $5, $6)",
            )?,
            insert_attachment: prepare(
                "INSERT INTO attachments (sha256, bytes) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )?,
            attachment: prepare("SELECT bytes FROM attachments WHERE sha256 = $1")?,
        };
        Ok(Live { client, statements })
    }

    /// Connects now and checks the schema (created when `create`); the connection is kept.
    pub(crate) fn open(&self, create: bool) -> Result<(), LedgerError> {
        let mut client = self.client()?;
        super::schema::prepare(&mut client, &self.target, create && !self.read_only)?;
        let live = self.prepare(client)?;
        let mut slot = self.live.try_borrow_mut().map_err(|_| LedgerError::Postgres {
            location: self.target.location.clone(),
            reason: "the ledger was opened from inside one of its own calls".into(),
        })?;
        *slot = Some(live);
        Ok(())
    }
}
