//! Verification of a ledger edited outside RMOS: through SQL with the triggers dropped, and byte by byte in
//! the database file. Every edit is caught and the first bad seq is named.

mod common;

use std::path::Path;

use common::{approval, edit_outside, flip_byte_in_file, ledger_path, toolpath, SealAtHead};
use proptest::prelude::*;
use rmos_core::content::ContentHash;
use rmos_core::runs::{RunArtifact, RunStore, TamperError, VerifyReport};
use rmos_store::{LedgerError, SqliteStore};

/// A ledger of `n` artifacts; every third one (seq 1, 4, 7, ...) is a toolpath with a G-code attachment.
fn ledger_of(path: &Path, n: u64) -> Vec<RunArtifact> {
    let mut ledger = SqliteStore::open(path).unwrap();
    (0..n)
        .map(|i| {
            if i % 3 == 1 {
                let (record, attachments) = toolpath(i);
                ledger.seal_at_head(record, attachments).unwrap()
            } else {
                ledger.seal_at_head(approval(i), vec![]).unwrap()
            }
        })
        .collect()
}

fn tampered_seq(path: &Path) -> (u64, String) {
    match SqliteStore::open_existing(path).unwrap().verify() {
        Err(LedgerError::Tampered(TamperError { seq, reason })) => (seq, reason),
        other => panic!("expected a tampered chain, got {other:?}"),
    }
}

#[test]
fn an_untouched_ledger_verifies_and_reports_its_head() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let artifacts = ledger_of(&path, 10);
    let expected = VerifyReport {
        artifacts: 10,
        head: Some(artifacts[9].id),
    };
    assert_eq!(SqliteStore::open_existing(&path).unwrap().verify(), Ok(expected));
    assert_eq!(SqliteStore::open_verified(&path).unwrap().len().unwrap(), 10);
    assert_eq!(
        RunStore::verify(&SqliteStore::open_existing(&path).unwrap()),
        Ok(expected)
    );
    let empty = ledger_path(&dir.path().join("e"));
    std::fs::create_dir(dir.path().join("e")).unwrap();
    assert_eq!(
        SqliteStore::open(&empty).unwrap().verify(),
        Ok(VerifyReport {
            artifacts: 0,
            head: None
        })
    );
}

#[test]
fn open_verified_refuses_a_tampered_ledger_naming_the_seq() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    ledger_of(&path, 6);
    edit_outside(
        &path,
        "UPDATE artifacts SET bytes = CAST(REPLACE(CAST(bytes AS TEXT), 'luthier-000003', 'luthier-000333') AS BLOB)
         WHERE seq = 3",
    );
    match SqliteStore::open_verified(&path).unwrap_err() {
        LedgerError::Tampered(TamperError { seq, reason }) => {
            assert_eq!(seq, 3);
            assert!(reason.starts_with("content address mismatch"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        SqliteStore::open_existing(&path).is_ok(),
        "a plain open still works, for inspection"
    );
}

#[test]
fn editing_an_artifacts_bytes_by_sql_is_caught_at_its_seq() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    ledger_of(&path, 8);
    edit_outside(
        &path,
        "UPDATE artifacts SET bytes = CAST(REPLACE(CAST(bytes AS TEXT), '\"status\":\"BLOCKED\"', '\"status\":\"OK\"')
         AS BLOB) WHERE seq = 5",
    );
    let (seq, reason) = tampered_seq(&path);
    assert_eq!(seq, 5);
    assert!(
        reason.starts_with("content address mismatch: the artifact says sha256:"),
        "{reason}"
    );
}

#[test]
fn editing_a_seq_column_is_caught_where_the_chain_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    ledger_of(&path, 8);
    edit_outside(&path, "UPDATE artifacts SET seq = 100 WHERE seq = 6");
    assert_eq!(
        tampered_seq(&path),
        (
            6,
            "found the artifact of seq 7: an artifact is missing, reordered or inserted".to_owned()
        )
    );
}

#[test]
fn swapping_two_seq_columns_is_caught_at_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    ledger_of(&path, 8);
    edit_outside(
        &path,
        "UPDATE artifacts SET seq = 1000 WHERE seq = 2; UPDATE artifacts SET seq = 2 WHERE seq = 3;
         UPDATE artifacts SET seq = 3 WHERE seq = 1000;",
    );
    let (seq, reason) = tampered_seq(&path);
    assert_eq!(
        (seq, reason.as_str()),
        (
            2,
            "found the artifact of seq 3: an artifact is missing, reordered or inserted"
        )
    );
}

#[test]
fn editing_an_id_column_is_caught_at_its_seq() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let artifacts = ledger_of(&path, 5);
    let forged = ContentHash::of(b"forged");
    edit_outside(
        &path,
        &format!("UPDATE artifacts SET id = '{forged}' WHERE seq = 3"),
    );
    assert_eq!(
        tampered_seq(&path),
        (
            3,
            format!(
                "recorded id {forged} is not the artifact's id {}",
                artifacts[3].id
            )
        )
    );
}

#[test]
fn an_unreadable_row_is_named_by_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    ledger_of(&path, 5);
    edit_outside(&path, "UPDATE artifacts SET id = 'not a hash' WHERE seq = 2");
    assert_eq!(
        tampered_seq(&path),
        (
            2,
            "row is malformed: artifact seq 2 id: not a content address".to_owned()
        )
    );

    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    ledger_of(&path, 5);
    edit_outside(
        &path,
        "UPDATE artifacts SET bytes = CAST(REPLACE(CAST(bytes AS TEXT), 'luthier', 'LUTHIER') AS BLOB) WHERE seq = 1;
         UPDATE artifacts SET id = 'not a hash' WHERE seq = 3",
    );
    let (seq, reason) = tampered_seq(&path);
    assert_eq!(seq, 1, "the content edit at seq 1 comes first: {reason}");
}

#[test]
fn a_deleted_artifact_is_caught_at_its_seq() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    ledger_of(&path, 8);
    edit_outside(&path, "DELETE FROM artifacts WHERE seq = 4");
    assert_eq!(
        tampered_seq(&path),
        (
            4,
            "found the artifact of seq 5: an artifact is missing, reordered or inserted".to_owned()
        )
    );
}

#[test]
fn a_cut_tail_verifies_but_its_head_differs_from_the_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let artifacts = ledger_of(&path, 6);
    edit_outside(&path, "DELETE FROM artifacts WHERE seq = 5");
    let report = SqliteStore::open_existing(&path).unwrap().verify().unwrap();
    assert_eq!(
        report,
        VerifyReport {
            artifacts: 5,
            head: Some(artifacts[4].id)
        }
    );
    assert_ne!(
        report.head,
        Some(artifacts[5].id),
        "the head kept outside the ledger shows the cut"
    );
}

#[test]
fn editing_an_attachment_by_sql_is_caught_at_the_first_artifact_that_references_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let artifacts = ledger_of(&path, 8);
    let sha = artifacts[4].record.attachments[0].sha256;
    edit_outside(
        &path,
        &format!("UPDATE attachments SET bytes = CAST('G0 X0' AS BLOB) WHERE sha256 = '{sha}'"),
    );
    let (seq, reason) = tampered_seq(&path);
    assert_eq!(seq, 4);
    assert_eq!(
        reason,
        format!(
            "attachment program.nc does not match its content address: the artifact says {sha}, the stored bytes \
             hash to {}",
            ContentHash::of(b"G0 X0")
        )
    );
}

#[test]
fn a_deleted_attachment_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let artifacts = ledger_of(&path, 8);
    let sha = artifacts[7].record.attachments[0].sha256;
    edit_outside(&path, &format!("DELETE FROM attachments WHERE sha256 = '{sha}'"));
    assert_eq!(
        tampered_seq(&path),
        (7, format!("attachment program.nc ({sha}) is missing"))
    );
}

#[test]
fn flipping_a_byte_of_an_artifact_in_the_file_is_caught_at_its_seq() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    ledger_of(&path, 12);
    assert!(
        !dir.path().join("ledger.rmos-wal").exists(),
        "closing checkpointed the log into the file"
    );
    flip_byte_in_file(&path, b"luthier-000009", 10);
    let (seq, reason) = tampered_seq(&path);
    assert_eq!(seq, 9);
    assert!(reason.starts_with("content address mismatch"), "{reason}");
}

#[test]
fn flipping_the_seq_inside_an_artifacts_bytes_in_the_file_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    ledger_of(&path, 12);
    // `"seq":10,` -> `"seq":11,`: the artifact now claims another place in the chain.
    flip_byte_in_file(&path, b"\"seq\":10,", 7);
    let (seq, reason) = tampered_seq(&path);
    assert_eq!(seq, 10);
    assert!(reason.starts_with("content address mismatch"), "{reason}");
}

#[test]
fn flipping_a_byte_of_the_recorded_id_in_the_file_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let artifacts = ledger_of(&path, 6);
    // In a row the id column is followed by the prev column: this pair occurs in row 2 only (and in
    // the free space of pages, where SQLite leaves old copies of moved rows).
    let needle = [artifacts[2].id.to_string(), artifacts[1].id.to_string()].concat();
    flip_byte_in_file(&path, needle.as_bytes(), 20);
    let (seq, reason) = tampered_seq(&path);
    assert_eq!(seq, 2);
    assert!(reason.starts_with("recorded id sha256:"), "{reason}");
}

#[test]
fn flipping_a_byte_of_an_attachment_in_the_file_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    ledger_of(&path, 12);
    flip_byte_in_file(&path, b"rmos-test-program-000010", 20);
    let (seq, reason) = tampered_seq(&path);
    assert_eq!(seq, 10);
    assert!(
        reason.starts_with("attachment program.nc does not match its content address"),
        "{reason}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever bytes of the file are flipped, reading never panics, and a ledger that still verifies
    /// still reads back every artifact exactly as appended.
    #[test]
    fn random_byte_flips_never_panic_and_never_pass_as_the_original(
        flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..4)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = ledger_path(dir.path());
        let artifacts = ledger_of(&path, 6);
        let mut bytes = std::fs::read(&path).unwrap();
        for (at, mask) in &flips {
            let at = at.index(bytes.len());
            bytes[at] ^= mask;
        }
        std::fs::write(&path, &bytes).unwrap();
        let Ok(ledger) = SqliteStore::open_existing(&path) else { return Ok(()) };
        let verified = ledger.verify();
        let intact = verified.is_ok() && ledger.integrity_check().is_ok();
        let _ = ledger.len();
        let mut walked = vec![];
        let _ = ledger.for_each_stored(&mut |stored| {
            walked.push(stored.bytes);
            Ok(())
        });
        if verified.is_ok() {
            let originals: Vec<_> = artifacts.iter().map(|a| a.canonical_bytes()).collect();
            prop_assert_eq!(walked, originals);
        }
        for artifact in &artifacts {
            // Never a different artifact; with the indexes intact too, exactly the original.
            match ledger.get(&artifact.id) {
                Ok(Some(got)) => prop_assert_eq!(&got, artifact),
                other => prop_assert!(!intact, "{:?}", other),
            }
            for r in &artifact.record.attachments {
                match ledger.attachment(&r.sha256) {
                    Ok(Some(data)) => prop_assert_eq!(ContentHash::of(&data), r.sha256),
                    other => prop_assert!(!intact, "{:?}", other),
                }
            }
        }
        if let Ok(report) = verified {
            prop_assert_eq!(report.artifacts, 6);
        }
    }
}
