//! Reading columns of a ledger that may have been edited outside RMOS: every value is checked, nothing
//! panics, and every failure names the row.

use rmos_core::content::ContentHash;
use rusqlite::types::ValueRef;

use crate::error::LedgerError;

/// A `seq` column as a chain position.
pub(crate) fn seq(value: ValueRef<'_>) -> Result<u64, LedgerError> {
    match value {
        ValueRef::Integer(n) => u64::try_from(n).map_err(|_| LedgerError::Malformed {
            what: format!("artifact row with seq {n}: seq is negative"),
        }),
        other => Err(LedgerError::Malformed {
            what: format!("artifact row with a seq of type {}", other.data_type()),
        }),
    }
}

/// A text column holding a content address, for the row named by `what`.
pub(crate) fn hash(value: ValueRef<'_>, what: impl Fn() -> String) -> Result<ContentHash, LedgerError> {
    let text = match value {
        ValueRef::Text(text) => std::str::from_utf8(text).ok(),
        _ => None,
    };
    text.and_then(|t| t.parse().ok())
        .ok_or_else(|| LedgerError::Malformed {
            what: format!("{}: not a content address", what()),
        })
}

/// A blob column, for the row named by `what`.
pub(crate) fn blob(value: ValueRef<'_>, what: impl Fn() -> String) -> Result<Vec<u8>, LedgerError> {
    match value {
        ValueRef::Blob(bytes) => Ok(bytes.to_vec()),
        other => Err(LedgerError::Malformed {
            what: format!("{}: a {} where bytes belong", what(), other.data_type()),
        }),
    }
}

/// [`blob`] into `into`, replacing what it held: a scan that reads every row reuses one buffer.
pub(crate) fn blob_into(
    value: ValueRef<'_>,
    into: &mut Vec<u8>,
    what: impl Fn() -> String,
) -> Result<(), LedgerError> {
    match value {
        ValueRef::Blob(bytes) => {
            into.clear();
            into.extend_from_slice(bytes);
            Ok(())
        }
        other => Err(LedgerError::Malformed {
            what: format!("{}: a {} where bytes belong", what(), other.data_type()),
        }),
    }
}
