//! Appends to a PostgreSQL ledger: one transaction under the ledger's advisory lock, so writers on every
//! machine take turns, read the head the last one committed, and never fork the chain.
//!
//! Taking the lock and reading the head is retried with a bounded backoff when the server reports
//! contention (a serialization failure or a deadlock); the lock itself waits up to the busy timeout, then
//! the append is [`LedgerError::Busy`]. Once an artifact is sealed for the head read under the lock, no
//! writer that takes the lock can take its seq, so sealing happens once per append.

use std::time::Duration;

use rmos_core::content::ContentHash;
use rmos_core::runs::{admit, Admitted, AppendRight, Attachment, RunArtifact, RunRecord, StoreError};

use crate::error::LedgerError;

use super::errors;
use super::read;
use super::schema::LOCK_KEY;
use super::session::{Fail, Live, Session};

/// Attempts at taking the lock and reading the head when the server reports contention.
const ATTEMPTS: u32 = 6;

/// The first pause between attempts; each later one doubles, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(2);

/// The longest pause between attempts.
const MAX_BACKOFF: Duration = Duration::from_millis(100);

/// Seals `record` after the head and stores it with its attachments, in one locked transaction.
pub(crate) fn append(
    session: &Session,
    record: RunRecord,
    attachments: &[Attachment],
    right: AppendRight<'_>,
) -> Result<RunArtifact, LedgerError> {
    session.with(move |live| {
        let head = begin_locked(live)?;
        let outcome = (|| {
            let (seq, prev) = match head {
                None => (0, None),
                Some((seq, id)) => (read::next_seq(seq)?, Some(id)),
            };
            let (artifact, admitted) = right.seal(record, seq, prev, attachments)?;
            insert(live, &artifact, &admitted)?;
            live.client.batch_execute("COMMIT")?;
            Ok(artifact)
        })();
        finish(live, outcome)
    })
}

/// Stores an artifact sealed elsewhere as the next one; the same artifact again is a no-op.
pub(crate) fn append_sealed(
    session: &Session,
    artifact: &RunArtifact,
    attachments: &[Attachment],
) -> Result<(), LedgerError> {
    let seq = i64::try_from(artifact.seq).map_err(|_| StoreError::OutOfOrder {
        expected: 0,
        got: artifact.seq,
    });
    session.with(move |live| {
        let seq = seq?;
        let mut attempt = 0;
        loop {
            let head = begin_locked(live)?;
            let outcome = (|| {
                if let Some(existing) = read::bytes_at(live, seq)? {
                    live.client.batch_execute("ROLLBACK")?;
                    return if existing == artifact.canonical_bytes() {
                        Ok(())
                    } else {
                        Err(Fail::Ledger(StoreError::SeqTaken { seq: artifact.seq }.into()))
                    };
                }
                let (next, head_id) = match head {
                    None => (0, None),
                    Some((seq, id)) => (read::next_seq(seq)?, Some(id)),
                };
                let admitted = admit(artifact, next, head_id.as_ref(), attachments)?;
                insert(live, artifact, &admitted)?;
                live.client.batch_execute("COMMIT")?;
                Ok(())
            })();
            match finish(live, outcome) {
                Err(Fail::Pg(err)) if errors::transient(&err) && attempt + 1 < ATTEMPTS => {
                    pause(attempt);
                    attempt += 1;
                }
                other => return other,
            }
        }
    })
}

/// Rolls back a transaction that failed (the connection may be gone: then there is nothing to roll back).
fn finish<T>(live: &mut Live, outcome: Result<T, Fail>) -> Result<T, Fail> {
    if outcome.is_err() && !live.client.is_closed() {
        let _ = live.client.batch_execute("ROLLBACK");
    }
    outcome
}

/// Begins a transaction, takes the ledger's lock and reads the head, in one round trip; retried with a
/// bounded backoff on contention.
fn begin_locked(live: &mut Live) -> Result<Option<(u64, ContentHash)>, Fail> {
    let sql = format!(
        "BEGIN; SELECT pg_advisory_xact_lock({LOCK_KEY}); SELECT seq, id FROM artifacts ORDER BY seq DESC LIMIT 1"
    );
    let mut attempt = 0;
    loop {
        match live.client.simple_query(&sql) {
            Ok(messages) => return head_of(&messages),
            Err(err) => {
                if !live.client.is_closed() {
                    let _ = live.client.batch_execute("ROLLBACK");
                }
                if errors::transient(&err) && attempt + 1 < ATTEMPTS {
                    pause(attempt);
                    attempt += 1;
                } else {
                    return Err(err.into());
                }
            }
        }
    }
}

/// The head row among the answers to [`begin_locked`]'s query: the only row with two columns.
fn head_of(messages: &[postgres::SimpleQueryMessage]) -> Result<Option<(u64, ContentHash)>, Fail> {
    for message in messages {
        if let postgres::SimpleQueryMessage::Row(row) = message {
            if row.len() != 2 {
                continue;
            }
            let malformed = |what: String| Fail::Ledger(LedgerError::Malformed { what });
            let raw = row.get(0).unwrap_or("");
            let seq: u64 = raw
                .parse()
                .map_err(|_| malformed(format!("artifact row with seq {raw}: not a chain position")))?;
            let id = row
                .get(1)
                .and_then(|text| text.parse().ok())
                .ok_or_else(|| malformed(format!("artifact seq {seq} id: not a content address")))?;
            return Ok(Some((seq, id)));
        }
    }
    Ok(None)
}

/// Sleeps before attempt `attempt + 1`: doubling from [`FIRST_BACKOFF`] up to [`MAX_BACKOFF`], with a
/// little jitter so that writers that collided do not collide again.
fn pause(attempt: u32) {
    let base = FIRST_BACKOFF
        .saturating_mul(1u32 << attempt.min(16))
        .min(MAX_BACKOFF);
    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::from(d.subsec_nanos()) % 1000);
    std::thread::sleep(base + Duration::from_micros(jitter));
}

/// Inserts an admitted artifact's row and its attachments. An attachment already stored is kept, after
/// checking that its stored bytes still hash to its address.
fn insert(live: &mut Live, artifact: &RunArtifact, admitted: &Admitted<'_>) -> Result<(), Fail> {
    let stored = &admitted.stored;
    let seq = i64::try_from(stored.seq).map_err(|_| StoreError::OutOfOrder {
        expected: 0,
        got: stored.seq,
    })?;
    live.client.execute(
        &live.statements.insert_artifact,
        &[
            &seq,
            &stored.id.to_string(),
            &artifact.prev.map(|p| p.to_string()),
            &json_name(&artifact.record.kind),
            &json_name(&artifact.record.status),
            &stored.bytes,
        ],
    )?;
    for (sha, attachment) in &admitted.attachments {
        let added = live.client.execute(
            &live.statements.insert_attachment,
            &[&sha.to_string(), &attachment.data],
        )?;
        if added == 0 {
            let kept = read::attachment(live, sha)?;
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

/// A value's JSON string form (`approval`, `OK`), for the query columns `kind` and `status`.
fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
