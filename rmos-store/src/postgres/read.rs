//! Reads of a PostgreSQL ledger: the head, one artifact, one attachment, and the chain in batches (so
//! verifying a ledger of any size holds one batch in memory). Every column is checked as it is read: a
//! superuser can put anything in a row, and nothing here panics on it.

use postgres::Row;
use rmos_core::content::ContentHash;
use rmos_core::runs::{StoredArtifact, TamperError};

use crate::error::LedgerError;

use super::session::{Fail, Live};

/// Rows per batch of [`batch`]: a few megabytes of artifacts.
pub(crate) const BATCH_ROWS: i64 = 2048;

/// One batch of the chain in seq order.
pub(crate) struct Batch {
    /// The rows, each read or refused.
    pub(crate) rows: Vec<Result<StoredArtifact, LedgerError>>,
    /// The last row's seq as stored, where the next batch starts; `None` past the end.
    pub(crate) last_seq: Option<i64>,
}

/// The seq after `seq`.
pub(crate) fn next_seq(seq: u64) -> Result<u64, LedgerError> {
    seq.checked_add(1).ok_or_else(|| LedgerError::Malformed {
        what: format!("artifact seq {seq}: no seq follows it"),
    })
}

/// A stored seq as a chain position.
fn seq_of(raw: i64) -> Result<u64, LedgerError> {
    u64::try_from(raw).map_err(|_| LedgerError::Malformed {
        what: format!("artifact row with seq {raw}: seq is negative"),
    })
}

/// Column `index` of `row`, or [`LedgerError::Malformed`] naming `what`.
fn column<'a, T: postgres::types::FromSql<'a>>(
    row: &'a Row,
    index: usize,
    what: impl Fn() -> String,
) -> Result<T, LedgerError> {
    row.try_get(index).map_err(|_| LedgerError::Malformed {
        what: format!("{}: not of the type rmos wrote", what()),
    })
}

/// A text column holding a content address.
fn hash(row: &Row, index: usize, what: impl Fn() -> String) -> Result<ContentHash, LedgerError> {
    let text: &str = column(row, index, &what)?;
    text.parse().map_err(|_| LedgerError::Malformed {
        what: format!("{}: not a content address", what()),
    })
}

/// The last artifact's seq and recorded id.
pub(crate) fn head(live: &mut Live) -> Result<Option<(u64, ContentHash)>, Fail> {
    let Some(row) = live.client.query_opt(&live.statements.head, &[])? else {
        return Ok(None);
    };
    let seq = seq_of(column(&row, 0, || "the last artifact's seq".into())?)?;
    let id = hash(&row, 1, || format!("artifact seq {seq} id"))?;
    Ok(Some((seq, id)))
}

/// The seq and bytes of the artifact recorded with `id`.
pub(crate) fn by_id(live: &mut Live, id: &ContentHash) -> Result<Option<(u64, Vec<u8>)>, Fail> {
    let Some(row) = live
        .client
        .query_opt(&live.statements.by_id, &[&id.to_string()])?
    else {
        return Ok(None);
    };
    let seq = seq_of(column(&row, 0, || format!("artifact {id} seq"))?)?;
    let bytes: &[u8] = column(&row, 1, || format!("artifact seq {seq} bytes"))?;
    Ok(Some((seq, bytes.to_vec())))
}

/// The stored bytes of the artifact at `seq`, if there is one.
pub(crate) fn bytes_at(live: &mut Live, seq: i64) -> Result<Option<Vec<u8>>, Fail> {
    let Some(row) = live.client.query_opt(&live.statements.bytes_at, &[&seq])? else {
        return Ok(None);
    };
    let bytes: &[u8] = column(&row, 0, || format!("artifact seq {seq} bytes"))?;
    Ok(Some(bytes.to_vec()))
}

/// The stored bytes of one attachment, unchecked.
pub(crate) fn attachment(live: &mut Live, sha256: &ContentHash) -> Result<Option<Vec<u8>>, Fail> {
    let Some(row) = live
        .client
        .query_opt(&live.statements.attachment, &[&sha256.to_string()])?
    else {
        return Ok(None);
    };
    let bytes: &[u8] = column(&row, 0, || format!("attachment {sha256}"))?;
    Ok(Some(bytes.to_vec()))
}

/// The next [`BATCH_ROWS`] artifacts after the stored seq `after` (from the start when `None`).
pub(crate) fn batch(live: &mut Live, after: Option<i64>) -> Result<Batch, Fail> {
    let rows = match after {
        None => live.client.query(&live.statements.first_batch, &[&BATCH_ROWS])?,
        Some(after) => live
            .client
            .query(&live.statements.next_batch, &[&after, &BATCH_ROWS])?,
    };
    let mut last_seq = None;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let raw: Result<i64, LedgerError> = column(row, 0, || "an artifact's seq".into());
        if let Ok(raw) = raw {
            last_seq = Some(raw);
        }
        out.push(raw.and_then(|raw| stored(row, raw)));
        if last_seq.is_none() {
            break;
        }
    }
    Ok(Batch { rows: out, last_seq })
}

/// One `(seq, id, bytes)` row as stored.
fn stored(row: &Row, raw_seq: i64) -> Result<StoredArtifact, LedgerError> {
    let seq = seq_of(raw_seq)?;
    let id = hash(row, 1, || format!("artifact seq {seq} id"))?;
    let bytes: &[u8] = column(row, 2, || format!("artifact seq {seq} bytes"))?;
    Ok(StoredArtifact {
        seq,
        id,
        bytes: bytes.to_vec(),
    })
}

/// The first row, in seq order, whose seq or id does not read as RMOS wrote it, with its position.
pub(crate) fn first_malformed_row(live: &mut Live) -> Result<Option<TamperError>, Fail> {
    let found = live.client.query_opt(
        "SELECT seq, (SELECT count(*) FROM artifacts b WHERE b.seq < a.seq)
           FROM artifacts a
          WHERE a.seq < 0 OR a.id !~ '^sha256:[0-9a-f]{64}$'
          ORDER BY a.seq LIMIT 1",
        &[],
    )?;
    let Some(row) = found else {
        return Ok(None);
    };
    let raw: i64 = column(&row, 0, || "an artifact's seq".into())?;
    let position: i64 = column(&row, 1, || "an artifact's position".into())?;
    let what = if raw < 0 {
        format!("artifact row with seq {raw}: seq is negative")
    } else {
        format!("artifact seq {raw} id: not a content address")
    };
    Ok(Some(super::tamper(
        u64::try_from(position).unwrap_or(0),
        format!("row is malformed: {what}"),
    )))
}
