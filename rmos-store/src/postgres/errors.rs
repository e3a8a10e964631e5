//! What a PostgreSQL failure means for a ledger: the server gone, credentials refused, a writer holding the
//! ledger too long, a read-only session, a full disk, a contention worth retrying, or anything else.

use postgres::error::SqlState;

use crate::error::LedgerError;

/// Classifies `err` for the ledger at `location` (a redacted URL); `scrub` takes any secret out of the text.
pub(crate) fn classify(err: &postgres::Error, location: &str, scrub: impl Fn(&str) -> String) -> LedgerError {
    let reason = scrub(&describe(err));
    let location = location.to_owned();
    if lost_connection(err) {
        return LedgerError::Unreachable { location, reason };
    }
    match err.code() {
        Some(code)
            if *code == SqlState::INVALID_PASSWORD
                || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
        {
            LedgerError::AuthenticationFailed { location, reason }
        }
        Some(code) if *code == SqlState::READ_ONLY_SQL_TRANSACTION => {
            LedgerError::ReadOnly(format!("{location}: {reason}"))
        }
        Some(code) if *code == SqlState::DISK_FULL => LedgerError::Full(format!("{location}: {reason}")),
        _ => LedgerError::Postgres { location, reason },
    }
}

/// The connection is gone (or never came up): the server stopped, crashed, restarted or cannot be reached.
/// The client must be replaced before the next call.
pub(crate) fn lost_connection(err: &postgres::Error) -> bool {
    if err.is_closed() {
        return true;
    }
    match err.code() {
        Some(code) => {
            *code == SqlState::ADMIN_SHUTDOWN
                || *code == SqlState::CRASH_SHUTDOWN
                || *code == SqlState::CANNOT_CONNECT_NOW
                || code.code().starts_with("08")
        }
        // No SQLSTATE: an I/O failure, a refused or timed-out connection, a protocol error.
        None => err.as_db_error().is_none(),
    }
}

/// Contention another attempt may get past: a serialization failure, a deadlock, or a seq taken by a
/// writer that did not take the ledger's lock.
pub(crate) fn transient(err: &postgres::Error) -> bool {
    matches!(
        err.code(),
        Some(code) if *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
            || *code == SqlState::UNIQUE_VIOLATION
    )
}

/// The lock timeout ran out while waiting for another writer.
pub(crate) fn lock_timeout(err: &postgres::Error) -> bool {
    err.code() == Some(&SqlState::LOCK_NOT_AVAILABLE)
}

/// The error's text, lower-case, with the server's message and SQLSTATE when there is one.
fn describe(err: &postgres::Error) -> String {
    match err.as_db_error() {
        Some(db) => format!("{} (sqlstate {})", db.message(), db.code().code()).to_lowercase(),
        None => {
            let mut text = err.to_string();
            let mut source = std::error::Error::source(err);
            while let Some(inner) = source {
                let more = inner.to_string();
                if !text.contains(&more) {
                    text.push_str(": ");
                    text.push_str(&more);
                }
                source = inner.source();
            }
            text.to_lowercase()
        }
    }
}
