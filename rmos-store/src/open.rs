//! Opening the SQLite connection of a ledger: flags, pragmas, the schema check, and clear errors for files
//! that cannot be written.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::LedgerError;
use crate::options::OpenOptions;
use crate::schema;

/// Opens and prepares the connection: identity and schema checked (created when `create`), WAL mode,
/// `synchronous=FULL`, the busy timeout and the size cap set.
///
/// A read-write open of a file that cannot be written is [`LedgerError::ReadOnly`] naming the file. A
/// read-only open of a ledger on read-only media (where SQLite cannot create the WAL index beside it) falls
/// back to SQLite's `immutable` mode, sound there because nothing can change the file.
pub(crate) fn connect(path: &Path, options: &OpenOptions, create: bool) -> Result<Connection, LedgerError> {
    match prepare(path, options, create, false) {
        Err(LedgerError::CannotOpen(_)) if options.read_only => prepare(path, options, false, true),
        Err(LedgerError::CannotOpen(reason)) => {
            if path.exists() {
                if let Err(e) = std::fs::OpenOptions::new().read(true).write(true).open(path) {
                    let reason = e.to_string().to_lowercase();
                    return Err(LedgerError::ReadOnly(format!("{}: {reason}", path.display())));
                }
            }
            Err(LedgerError::Io {
                path: path.to_path_buf(),
                reason,
            })
        }
        other => other,
    }
}

fn prepare(
    path: &Path,
    options: &OpenOptions,
    create: bool,
    immutable: bool,
) -> Result<Connection, LedgerError> {
    let timeout_ms = u64::try_from(options.busy_timeout.as_millis()).unwrap_or(u64::MAX);
    let sql = |e: rusqlite::Error| LedgerError::sqlite(e, timeout_ms);
    let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX
        | if options.read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else if create {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
    let mut conn = if immutable {
        Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
    } else {
        Connection::open_with_flags(path, flags)
    }
    .map_err(sql)?;
    conn.busy_timeout(options.busy_timeout).map_err(sql)?;
    // Extra B-tree checks: a file edited outside RMOS fails with an error rather than misreading.
    conn.pragma_update(None, "cell_size_check", true).map_err(sql)?;
    conn.pragma_update(None, "trusted_schema", false).map_err(sql)?;
    schema::prepare(&mut conn, path, create, options.busy_timeout)?;
    if !options.read_only {
        schema::set_wal(&conn, options.busy_timeout).map_err(sql)?;
    }
    conn.pragma_update(None, "synchronous", "FULL").map_err(sql)?;
    if let Some(bytes) = options.max_size_bytes {
        let page: i64 = conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .map_err(sql)?;
        let page = u64::try_from(page).unwrap_or(1).max(1);
        let pages = i64::try_from(bytes / page).unwrap_or(i64::MAX).max(1);
        conn.pragma_update(None, "max_page_count", pages).map_err(sql)?;
    }
    Ok(conn)
}

/// `file:<path>?immutable=1`, with every byte of the path outside `[A-Za-z0-9/._~-]` percent-encoded.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"/._~-".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immutable_uris_escape_everything_a_uri_would_read() {
        assert_eq!(
            immutable_uri(Path::new("/srv/shop ledgers/50%#1?.rmos")),
            "file:/srv/shop%20ledgers/50%25%231%3F.rmos?immutable=1"
        );
        assert_eq!(
            immutable_uri(Path::new("relative/l.rmos")),
            "file:relative/l.rmos?immutable=1"
        );
    }
}
