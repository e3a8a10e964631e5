//! Opening files: what identifies a ledger, what is refused, and the triggers that keep it append-only.

mod common;

use common::{approval, edit_outside, ledger_path, toolpath, SealAtHead};
use rmos_core::runs::RunStore;
use rmos_store::{LedgerError, OpenOptions, SqliteStore, APPLICATION_ID, SCHEMA_VERSION};
use rusqlite::Connection;

fn pragma(conn: &Connection, name: &str) -> rusqlite::types::Value {
    conn.pragma_query_value(None, name, |r| r.get(0)).unwrap()
}

#[test]
fn a_new_ledger_is_identified_and_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    drop(SqliteStore::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    assert_eq!(
        pragma(&conn, "application_id"),
        rusqlite::types::Value::Integer(0x524D_4F53)
    );
    assert_eq!(APPLICATION_ID, 0x524D_4F53);
    assert_eq!(
        pragma(&conn, "user_version"),
        rusqlite::types::Value::Integer(SCHEMA_VERSION)
    );
    assert_eq!(SCHEMA_VERSION, 1);
    assert_eq!(
        pragma(&conn, "journal_mode"),
        rusqlite::types::Value::Text("wal".into())
    );
    let names: Vec<String> = conn
        .prepare("SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        names,
        [
            "table artifacts",
            "trigger artifacts_dense",
            "trigger artifacts_no_delete",
            "trigger artifacts_no_update",
            "table attachments",
            "trigger attachments_no_delete",
            "trigger attachments_no_update",
        ]
    );
}

#[test]
fn another_sqlite_database_is_not_a_ledger_and_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('ada');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    for opened in [SqliteStore::open(&path), SqliteStore::open_existing(&path)] {
        assert_eq!(
            opened.unwrap_err(),
            LedgerError::NotALedger { path: path.clone() }
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("other.db-wal").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_not_a_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "G21\nG90\nthis is a G-code file, not a ledger, and it is long enough to have a header\n",
    )
    .unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(err, LedgerError::NotALedger { path: path.clone() });
    assert_eq!(err.to_string(), format!("{}: not an rmos ledger", path.display()));
}

#[test]
fn a_sqlite_database_with_only_a_foreign_application_id_is_not_a_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "application_id", 7)
        .unwrap();
    assert_eq!(
        SqliteStore::open(&path).unwrap_err(),
        LedgerError::NotALedger { path }
    );
}

#[test]
fn another_schema_version_is_refused_with_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    drop(SqliteStore::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 2)
        .unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(
        err,
        LedgerError::SchemaVersion {
            path: path.clone(),
            found: 2,
            expected: 1
        }
    );
    assert_eq!(
        err.to_string(),
        format!(
            "{}: ledger schema version 2, this build reads version 1",
            path.display()
        )
    );
}

#[test]
fn open_existing_needs_a_file_and_open_creates_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    assert_eq!(
        SqliteStore::open_existing(&path).unwrap_err(),
        LedgerError::Missing { path: path.clone() }
    );
    assert!(!path.exists(), "open_existing created nothing");
    drop(SqliteStore::open(&path).unwrap());
    assert!(path.exists());
    assert_eq!(SqliteStore::open_existing(&path).unwrap().len().unwrap(), 0);
}

#[test]
fn an_empty_file_becomes_a_ledger_only_when_creating() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    std::fs::write(&path, b"").unwrap();
    assert_eq!(
        SqliteStore::open_existing(&path).unwrap_err(),
        LedgerError::NotALedger { path: path.clone() }
    );
    assert_eq!(SqliteStore::open(&path).unwrap().len().unwrap(), 0);
    assert!(SqliteStore::open_existing(&path).is_ok());
}

#[test]
fn a_read_only_open_of_a_missing_file_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let err = OpenOptions::new().read_only(true).open(&path).unwrap_err();
    assert_eq!(err, LedgerError::Missing { path: path.clone() });
    assert!(!path.exists());
}

#[test]
fn triggers_reject_update_and_delete_on_both_tables() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    let (record, attachments) = toolpath(1);
    ledger.seal_at_head(record, attachments).unwrap();
    drop(ledger);
    let conn = Connection::open(&path).unwrap();
    for sql in [
        "UPDATE artifacts SET status = 'BLOCKED'",
        "UPDATE artifacts SET seq = 5",
        "DELETE FROM artifacts",
        "UPDATE attachments SET bytes = x'00'",
        "DELETE FROM attachments",
    ] {
        let err = conn.execute_batch(sql).unwrap_err().to_string();
        assert!(
            err.contains("rmos ledger:") && err.contains("immutable"),
            "{sql}: {err}"
        );
    }
    let rows: i64 = conn
        .query_row("SELECT COUNT(*) FROM artifacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
    let rows: i64 = conn
        .query_row("SELECT COUNT(*) FROM attachments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn the_dense_trigger_accepts_only_the_next_seq() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    ledger.seal_at_head(approval(0), vec![]).unwrap();
    drop(ledger);
    let conn = Connection::open(&path).unwrap();
    let insert = |seq: i64| {
        conn.execute(
            "INSERT INTO artifacts (seq, id, prev, kind, status, bytes) VALUES (?1, ?2, NULL, 'approval', 'OK', x'7b7d')",
            rusqlite::params![seq, format!("id-{seq}")],
        )
    };
    for seq in [0, 2, 7] {
        let err = insert(seq).unwrap_err().to_string();
        assert!(err.contains("appended at the next seq only"), "seq {seq}: {err}");
    }
    assert_eq!(insert(1).unwrap(), 1, "seq 1 is the next one");
}

#[test]
fn a_dropped_trigger_is_reported_as_an_altered_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    drop(SqliteStore::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TRIGGER artifacts_no_update")
        .unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(
        err,
        LedgerError::SchemaAltered {
            path: path.clone(),
            reason: "trigger artifacts_no_update is missing".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!(
            "{}: ledger schema was altered: trigger artifacts_no_update is missing",
            path.display()
        )
    );
}

#[test]
fn a_redefined_trigger_or_an_extra_object_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    drop(SqliteStore::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER attachments_no_delete;
             CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments WHEN 0 BEGIN SELECT 1; END;",
        )
        .unwrap();
    let reason = |err| match err {
        LedgerError::SchemaAltered { reason, .. } => reason,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        reason(SqliteStore::open(&path).unwrap_err()),
        "trigger attachments_no_delete was redefined"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    drop(SqliteStore::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE VIEW everything AS SELECT * FROM artifacts")
        .unwrap();
    assert_eq!(
        reason(SqliteStore::open(&path).unwrap_err()),
        "unexpected view everything"
    );
}

#[test]
fn an_edit_that_restores_the_triggers_passes_the_schema_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    ledger.seal_at_head(approval(0), vec![]).unwrap();
    drop(ledger);
    edit_outside(&path, "UPDATE artifacts SET status = 'ERROR'");
    assert_eq!(SqliteStore::open_existing(&path).unwrap().len().unwrap(), 1);
}

#[test]
fn threads_creating_one_new_ledger_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let opened: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| SqliteStore::open(&path).map(|_| ())))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(opened, vec![Ok(()); 4]);
    assert_eq!(SqliteStore::open_existing(&path).unwrap().len().unwrap(), 0);
}
