//! Appending: the chain a ledger builds, attachments, sealed imports, and the failures that write nothing.

mod common;

use std::time::{Duration, Instant};

use common::{approval, edit_outside, ledger_path, program_text, toolpath, SealAtHead};
use rmos_core::content::ContentHash;
use rmos_core::runs::{Attachment, RunArtifact, RunStore, StoreError};
use rmos_store::{OpenOptions, SqliteStore};
use rusqlite::Connection;

fn count(path: &std::path::Path, table: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn appends_build_a_dense_chain_that_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    assert!(ledger.is_empty().unwrap());
    assert_eq!(ledger.head_entry().unwrap(), None);
    let artifacts: Vec<_> = (0..5)
        .map(|n| ledger.seal_at_head(approval(n), vec![]).unwrap())
        .collect();
    for (n, artifact) in artifacts.iter().enumerate() {
        assert_eq!(artifact.seq, n as u64);
        assert_eq!(
            artifact.prev,
            if n == 0 { None } else { Some(artifacts[n - 1].id) }
        );
        assert_eq!(artifact.record, approval(n as u64));
    }
    assert_eq!(ledger.len().unwrap(), 5);
    assert_eq!(ledger.head_entry().unwrap(), Some((4, artifacts[4].id)));
    drop(ledger);

    let ledger = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(ledger.len().unwrap(), 5);
    for artifact in &artifacts {
        assert_eq!(ledger.get(&artifact.id).unwrap().as_ref(), Some(artifact));
    }
    assert_eq!(ledger.get(&ContentHash::of(b"nothing")).unwrap(), None);
    let mut seen = vec![];
    ledger
        .for_each_stored(&mut |stored| {
            seen.push((stored.seq, stored.id));
            Ok(())
        })
        .unwrap();
    assert_eq!(seen, artifacts.iter().map(|a| (a.seq, a.id)).collect::<Vec<_>>());
}

#[test]
fn query_columns_copy_the_artifact() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    let first = ledger.seal_at_head(approval(2), vec![]).unwrap();
    let (record, attachments) = toolpath(3);
    let second = ledger.seal_at_head(record, attachments).unwrap();
    drop(ledger);
    let conn = Connection::open(&path).unwrap();
    let rows: Vec<(i64, String, Option<String>, String, String)> = conn
        .prepare("SELECT seq, id, prev, kind, status FROM artifacts ORDER BY seq")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        vec![
            (0, first.id.to_string(), None, "approval".into(), "BLOCKED".into()),
            (
                1,
                second.id.to_string(),
                Some(first.id.to_string()),
                "toolpath".into(),
                "OK".into()
            ),
        ]
    );
}

#[test]
fn attachments_are_stored_once_by_content_address() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    let (record, attachments) = toolpath(7);
    let sha = record.attachments[0].sha256;
    ledger.seal_at_head(record.clone(), attachments.clone()).unwrap();
    ledger.seal_at_head(record, attachments).unwrap();
    assert_eq!(
        ledger.attachment(&sha).unwrap(),
        Some(program_text(7).into_bytes())
    );
    assert_eq!(
        ledger.attachment_raw(&sha).unwrap(),
        Some(program_text(7).into_bytes())
    );
    assert_eq!(ledger.attachment(&ContentHash::of(b"absent")).unwrap(), None);
    drop(ledger);
    assert_eq!(count(&path, "artifacts"), 2);
    assert_eq!(count(&path, "attachments"), 1);
}

#[test]
fn attachments_that_do_not_match_the_record_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    ledger.seal_at_head(approval(0), vec![]).unwrap();

    let (record, _) = toolpath(1);
    let sha = record.attachments[0].sha256;
    let err = ledger.seal_at_head(record.clone(), vec![]).unwrap_err();
    assert_eq!(
        err,
        StoreError::Inconsistent {
            seq: 1,
            reason: format!("attachment program.nc ({sha}) is not among the attachments given"),
        }
    );

    let stray = Attachment::new("notes.txt", b"unreferenced".to_vec());
    let err = ledger.seal_at_head(approval(1), vec![stray.clone()]).unwrap_err();
    assert_eq!(
        err,
        StoreError::Inconsistent {
            seq: 1,
            reason: format!(
                "attachment notes.txt ({}) is given but the artifact does not reference it",
                stray.reference().sha256
            ),
        }
    );

    let wrong_bytes = Attachment::new("program.nc", b"G0 X0".to_vec());
    assert!(matches!(
        ledger.seal_at_head(record, vec![wrong_bytes]),
        Err(StoreError::Inconsistent { seq: 1, .. })
    ));
    assert_eq!(ledger.len().unwrap(), 1);
    drop(ledger);
    assert_eq!(count(&path, "attachments"), 0);
}

#[test]
fn append_sealed_copies_a_chain_and_refuses_what_does_not_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = SqliteStore::open(dir.path().join("source.rmos")).unwrap();
    let a0 = source.seal_at_head(approval(0), vec![]).unwrap();
    let (record, attachments) = toolpath(1);
    let a1 = source.seal_at_head(record, attachments.clone()).unwrap();
    let a2 = source.seal_at_head(approval(2), vec![]).unwrap();

    let mut copy = SqliteStore::open(dir.path().join("copy.rmos")).unwrap();
    assert_eq!(
        copy.append_sealed(&a1, &attachments),
        Err(StoreError::OutOfOrder { expected: 0, got: 1 })
    );
    copy.append_sealed(&a0, &[]).unwrap();
    copy.append_sealed(&a0, &[]).unwrap();
    assert_eq!(copy.len().unwrap(), 1, "the same artifact again is a no-op");
    assert_eq!(copy.append_sealed(&a1, &[]).unwrap_err(), {
        let sha = a1.record.attachments[0].sha256;
        StoreError::Inconsistent {
            seq: 1,
            reason: format!("attachment program.nc ({sha}) is not among the attachments given"),
        }
    });
    copy.append_sealed(&a1, &attachments).unwrap();

    let mut other = SqliteStore::open(dir.path().join("other.rmos")).unwrap();
    let b0 = other.seal_at_head(approval(9), vec![]).unwrap();
    assert_eq!(copy.append_sealed(&b0, &[]), Err(StoreError::SeqTaken { seq: 0 }));

    let mut forged = a2.clone();
    forged.prev = Some(a0.id);
    assert!(matches!(
        copy.append_sealed(&forged, &[]),
        Err(StoreError::Inconsistent { seq: 2, .. })
    ));
    let relinked = RunArtifact::seal(b0.record.clone(), 2, Some(a0.id));
    assert_eq!(
        copy.append_sealed(&relinked, &[]),
        Err(StoreError::Inconsistent {
            seq: 2,
            reason: format!("prev is {} but the artifact before it is {}", a0.id, a1.id)
        })
    );
    copy.append_sealed(&a2, &[]).unwrap();
    assert_eq!(copy.len().unwrap(), 3);
    assert_eq!(copy.get(&a2.id).unwrap(), Some(a2));
}

#[test]
fn a_busy_ledger_waits_the_timeout_then_fails_having_written_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = OpenOptions::new()
        .busy_timeout(Duration::from_millis(300))
        .open(&path)
        .unwrap();
    ledger.seal_at_head(approval(0), vec![]).unwrap();

    let mut holder = Connection::open(&path).unwrap();
    let lock = holder
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let started = Instant::now();
    let err = ledger.seal_at_head(approval(1), vec![]).unwrap_err();
    let waited = started.elapsed();
    assert_eq!(
        err,
        StoreError::Backend("ledger is busy: another writer held it for more than 300 ms".into())
    );
    assert!(waited >= Duration::from_millis(300), "gave up after {waited:?}");
    assert_eq!(ledger.len().unwrap(), 1, "readers are not blocked by a writer");
    lock.rollback().unwrap();

    assert_eq!(ledger.seal_at_head(approval(1), vec![]).unwrap().seq, 1);
}

#[test]
fn a_read_only_ledger_refuses_appends_and_keeps_what_it_has() {
    // Tests run as root, which ignores file permissions, so read-only is SQLite's SQLITE_OPEN_READ_ONLY.
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    let kept: Vec<_> = (0..3)
        .map(|n| ledger.seal_at_head(approval(n), vec![]).unwrap())
        .collect();
    drop(ledger);

    let mut read_only = OpenOptions::new().read_only(true).open(&path).unwrap();
    let err = read_only.seal_at_head(approval(3), vec![]).unwrap_err();
    match &err {
        StoreError::Backend(message) => assert!(message.starts_with("ledger is read-only: "), "{message}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(read_only.len().unwrap(), 3);
    for artifact in &kept {
        assert_eq!(read_only.get(&artifact.id).unwrap().as_ref(), Some(artifact));
    }
    drop(read_only);
    assert_eq!(SqliteStore::open_existing(&path).unwrap().len().unwrap(), 3);
}

#[test]
fn a_full_ledger_refuses_appends_and_keeps_what_it_has() {
    // A real full disk cannot be made without privileges; a size cap makes SQLite fail with SQLITE_FULL,
    // the same error and the same rollback path as ENOSPC.
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = OpenOptions::new()
        .max_size_bytes(Some(64 * 1024))
        .open(&path)
        .unwrap();
    let mut kept = vec![];
    let err = loop {
        let (record, attachments) = toolpath(kept.len() as u64);
        match ledger.seal_at_head(record, attachments) {
            Ok(artifact) => kept.push(artifact),
            Err(err) => break err,
        }
        assert!(kept.len() < 1000, "the cap never filled");
    };
    match &err {
        StoreError::Backend(message) => assert!(
            message.starts_with("ledger is full (disk or size cap): "),
            "{message}"
        ),
        other => panic!("{other:?}"),
    }
    assert!(kept.len() >= 5, "only {} fitted", kept.len());
    assert_eq!(ledger.len().unwrap(), kept.len() as u64);
    drop(ledger);

    let mut ledger = SqliteStore::open_existing(&path).unwrap();
    for artifact in &kept {
        assert_eq!(ledger.get(&artifact.id).unwrap().as_ref(), Some(artifact));
        let sha = artifact.record.attachments[0].sha256;
        assert_eq!(
            ledger.attachment(&sha).unwrap(),
            Some(program_text(artifact.seq).into_bytes())
        );
    }
    let (record, attachments) = toolpath(kept.len() as u64);
    assert_eq!(
        ledger.seal_at_head(record, attachments).unwrap().seq,
        kept.len() as u64,
        "no seq was lost"
    );
}

#[test]
fn a_stored_attachment_that_no_longer_hashes_is_corrupt_on_read_and_on_reuse() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    let (record, attachments) = toolpath(4);
    let sha = record.attachments[0].sha256;
    ledger.seal_at_head(record.clone(), attachments.clone()).unwrap();
    drop(ledger);
    edit_outside(&path, "UPDATE attachments SET bytes = CAST('G0 X999' AS BLOB)");

    let mut ledger = SqliteStore::open_existing(&path).unwrap();
    let corrupt = StoreError::Corrupt {
        what: format!("attachment {sha}"),
    };
    assert_eq!(ledger.attachment(&sha), Err(corrupt.clone()));
    assert_eq!(ledger.attachment_raw(&sha).unwrap(), Some(b"G0 X999".to_vec()));
    assert_eq!(ledger.seal_at_head(record, attachments), Err(corrupt));
    assert_eq!(ledger.len().unwrap(), 1, "the failed append wrote nothing");
}

#[test]
fn rows_edited_into_nonsense_are_errors_naming_the_seq() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    let artifacts: Vec<_> = (0..4)
        .map(|n| ledger.seal_at_head(approval(n), vec![]).unwrap())
        .collect();
    drop(ledger);
    edit_outside(
        &path,
        "UPDATE artifacts SET bytes = CAST('{not json' AS BLOB) WHERE seq = 1;
         UPDATE artifacts SET id = 'garbage' WHERE seq = 2;",
    );
    let ledger = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(
        ledger.get(&artifacts[1].id),
        Err(StoreError::Corrupt {
            what: "artifact seq 1".into()
        })
    );
    assert_eq!(
        ledger.get(&artifacts[0].id).unwrap().as_ref(),
        Some(&artifacts[0])
    );
    let mut visited = vec![];
    let err = ledger
        .for_each_stored(&mut |stored| {
            visited.push(stored.seq);
            Ok(())
        })
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::Corrupt {
            what: "artifact seq 2 id: not a content address".into()
        }
    );
    assert_eq!(visited, [0, 1]);
    assert_eq!(ledger.len().unwrap(), 4);
}

#[test]
fn an_appender_after_a_malformed_head_fails_instead_of_extending_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let mut ledger = SqliteStore::open(&path).unwrap();
    ledger.seal_at_head(approval(0), vec![]).unwrap();
    drop(ledger);
    edit_outside(&path, "UPDATE artifacts SET id = 'sha256:nothex' WHERE seq = 0");
    let mut ledger = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(
        ledger.seal_at_head(approval(1), vec![]),
        Err(StoreError::Corrupt {
            what: "artifact seq 0 id: not a content address".into()
        })
    );
    drop(ledger);
    assert_eq!(count(&path, "artifacts"), 1);
}
