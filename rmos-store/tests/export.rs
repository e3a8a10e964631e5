//! Exports: the files an auditor gets, checking them without the database, and importing them back.

mod common;

use std::fs;
use std::path::Path;

use common::{approval, ledger_path, program_text, toolpath, SealAtHead};
use rmos_core::content::ContentHash;
use rmos_core::runs::{RunArtifact, RunStore, StoreError, TamperError, VerifyReport};
use rmos_store::{import, verify_export, ExportSummary, ExportedLedger, LedgerError, SqliteStore};

/// A ledger of `n` artifacts (every third a toolpath, seq 1, 4, ...) exported to `dir/export`.
fn exported(dir: &Path, n: u64) -> (Vec<RunArtifact>, std::path::PathBuf) {
    let mut ledger = SqliteStore::open(ledger_path(dir)).unwrap();
    let artifacts: Vec<_> = (0..n)
        .map(|i| {
            if i % 3 == 1 {
                let (record, attachments) = toolpath(i);
                ledger.seal_at_head(record, attachments).unwrap()
            } else {
                ledger.seal_at_head(approval(i), vec![]).unwrap()
            }
        })
        .collect();
    let export = dir.join("export");
    let summary = ledger.export(&export).unwrap();
    assert_eq!(
        summary,
        ExportSummary {
            artifacts: n,
            attachments: (n + 1) / 3,
            head: artifacts.last().map(|a| a.id)
        }
    );
    (artifacts, export)
}

fn tampered(dir: &Path) -> (u64, String) {
    match verify_export(dir) {
        Err(LedgerError::Tampered(TamperError { seq, reason })) => (seq, reason),
        other => panic!("expected a tampered export, got {other:?}"),
    }
}

#[test]
fn an_export_is_canonical_lines_attachment_files_and_a_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let (artifacts, export) = exported(dir.path(), 5);
    let lines = fs::read(export.join("artifacts.jsonl")).unwrap();
    let expected: Vec<u8> = artifacts
        .iter()
        .flat_map(|a| [a.canonical_bytes(), b"\n".to_vec()].concat())
        .collect();
    assert_eq!(lines, expected);
    let mut names: Vec<String> = fs::read_dir(export.join("attachments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut want: Vec<String> = [1, 4]
        .iter()
        .map(|&n| ContentHash::of(program_text(n).as_bytes()).hex())
        .collect();
    want.sort();
    assert_eq!(names, want);
    let four = ContentHash::of(program_text(4).as_bytes()).hex();
    assert_eq!(
        fs::read_to_string(export.join("attachments").join(four)).unwrap(),
        program_text(4)
    );
    assert_eq!(
        fs::read_to_string(export.join("manifest.json")).unwrap(),
        format!(
            "{{\"artifacts\":5,\"format\":\"rmos.ledger-export/1\",\"head\":\"{}\"}}\n",
            artifacts[4].id
        )
    );
}

#[test]
fn an_auditor_can_recompute_every_id_from_the_lines_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (artifacts, export) = exported(dir.path(), 4);
    let text = fs::read_to_string(export.join("artifacts.jsonl")).unwrap();
    let mut prev: Option<String> = None;
    for (line, artifact) in text.lines().zip(&artifacts) {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = value["id"].as_str().unwrap();
        let without_id = line.replace(&format!(",\"id\":\"{id}\""), "");
        assert_eq!(ContentHash::of(without_id.as_bytes()).to_string(), id);
        assert_eq!(id, artifact.id.to_string());
        assert_eq!(value["prev"].as_str().map(str::to_owned), prev);
        prev = Some(id.to_owned());
    }
}

#[test]
fn a_clean_export_verifies_like_its_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let (artifacts, export) = exported(dir.path(), 7);
    let expected = VerifyReport {
        artifacts: 7,
        head: Some(artifacts[6].id),
    };
    assert_eq!(verify_export(&export), Ok(expected));
    assert_eq!(
        SqliteStore::open_existing(ledger_path(dir.path()))
            .unwrap()
            .verify(),
        Ok(expected)
    );
    let read = ExportedLedger::open(&export).unwrap();
    assert_eq!(read.len().unwrap(), 7);
    assert_eq!(read.get(&artifacts[4].id).unwrap().as_ref(), Some(&artifacts[4]));
    let sha = artifacts[4].record.attachments[0].sha256;
    assert_eq!(read.attachment(&sha).unwrap(), Some(program_text(4).into_bytes()));
}

#[test]
fn an_empty_ledger_exports_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = SqliteStore::open(ledger_path(dir.path())).unwrap();
    let export = dir.path().join("export");
    assert_eq!(
        ledger.export(&export).unwrap(),
        ExportSummary {
            artifacts: 0,
            attachments: 0,
            head: None
        }
    );
    assert_eq!(
        fs::read_to_string(export.join("manifest.json")).unwrap(),
        "{\"artifacts\":0,\"format\":\"rmos.ledger-export/1\",\"head\":null}\n"
    );
    assert_eq!(
        verify_export(&export),
        Ok(VerifyReport {
            artifacts: 0,
            head: None
        })
    );
}

#[test]
fn an_edited_line_is_caught_at_its_seq() {
    let dir = tempfile::tempdir().unwrap();
    let (_, export) = exported(dir.path(), 6);
    let path = export.join("artifacts.jsonl");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("luthier-000003", "luthier-000303");
    fs::write(&path, text).unwrap();
    let (seq, reason) = tampered(&export);
    assert_eq!(seq, 3);
    assert!(reason.starts_with("content address mismatch"), "{reason}");
}

#[test]
fn a_line_that_is_not_an_artifact_is_caught_at_its_seq() {
    let dir = tempfile::tempdir().unwrap();
    let (_, export) = exported(dir.path(), 4);
    let path = export.join("artifacts.jsonl");
    let mut lines: Vec<String> = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    lines[2] = "{\"hello\":\"auditor\"}".to_owned();
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (seq, reason) = tampered(&export);
    assert_eq!(seq, 2);
    assert!(
        reason.starts_with("bytes do not parse as an rmos.run/1 artifact"),
        "{reason}"
    );
}

#[test]
fn reformatted_json_is_not_canonical_and_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let (_, export) = exported(dir.path(), 3);
    let path = export.join("artifacts.jsonl");
    let mut lines: Vec<String> = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    lines[1] = lines[1].replacen("\"at\":", "\"at\": ", 1);
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (seq, reason) = tampered(&export);
    assert_eq!(seq, 1);
    assert!(reason.contains("not in canonical form"), "{reason}");
}

#[test]
fn an_edited_or_missing_attachment_file_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let (artifacts, export) = exported(dir.path(), 6);
    let sha = artifacts[4].record.attachments[0].sha256;
    let file = export.join("attachments").join(sha.hex());
    fs::write(&file, "G0 X0\n").unwrap();
    let (seq, reason) = tampered(&export);
    assert_eq!(seq, 4);
    assert!(
        reason.starts_with("attachment program.nc does not match its content address"),
        "{reason}"
    );
    fs::remove_file(&file).unwrap();
    assert_eq!(
        tampered(&export),
        (4, format!("attachment program.nc ({sha}) is missing"))
    );
}

#[test]
fn a_cut_or_mismatched_manifest_is_a_malformed_export() {
    let dir = tempfile::tempdir().unwrap();
    let (artifacts, export) = exported(dir.path(), 5);
    let lines_path = export.join("artifacts.jsonl");
    let text = fs::read_to_string(&lines_path).unwrap();
    let cut: String = text.lines().take(4).map(|l| format!("{l}\n")).collect();
    fs::write(&lines_path, &cut).unwrap();
    assert_eq!(
        verify_export(&export),
        Err(LedgerError::BadExport {
            path: lines_path.clone(),
            reason: "holds 4 artifacts, the manifest says 5".into()
        })
    );

    let manifest = export.join("manifest.json");
    fs::write(
        &manifest,
        format!(
            "{{\"artifacts\":4,\"format\":\"rmos.ledger-export/1\",\"head\":\"{}\"}}",
            artifacts[4].id
        ),
    )
    .unwrap();
    assert_eq!(
        verify_export(&export),
        Err(LedgerError::BadExport {
            path: lines_path.clone(),
            reason: format!(
                "last id is {}, the manifest's head is {}",
                artifacts[3].id, artifacts[4].id
            )
        })
    );

    fs::write(&lines_path, text.trim_end()).unwrap();
    fs::write(
        &manifest,
        format!(
            "{{\"artifacts\":5,\"format\":\"rmos.ledger-export/1\",\"head\":\"{}\"}}",
            artifacts[4].id
        ),
    )
    .unwrap();
    assert_eq!(
        verify_export(&export),
        Err(LedgerError::BadExport {
            path: lines_path,
            reason: "the last line has no line break (cut short?)".into()
        })
    );

    fs::write(&manifest, "{\"artifacts\":5,\"format\":\"csv\",\"head\":null}").unwrap();
    assert_eq!(
        verify_export(&export),
        Err(LedgerError::BadExport {
            path: manifest.clone(),
            reason: "format is \"csv\", want \"rmos.ledger-export/1\"".into()
        })
    );
    fs::remove_file(&manifest).unwrap();
    assert!(matches!(verify_export(&export), Err(LedgerError::Io { path, .. }) if path == manifest));
}

#[test]
fn export_refuses_a_directory_that_holds_files() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = SqliteStore::open(ledger_path(dir.path())).unwrap();
    let target = dir.path().join("busy");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("keep.txt"), "mine").unwrap();
    assert_eq!(
        ledger.export(&target),
        Err(LedgerError::Io {
            path: target.clone(),
            reason: "export directory is not empty".into()
        })
    );
    assert_eq!(fs::read_to_string(target.join("keep.txt")).unwrap(), "mine");
}

#[test]
fn import_rebuilds_the_ledger_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let (artifacts, export) = exported(dir.path(), 9);
    let copy_path = dir.path().join("copy.rmos");
    let copy = import(&export, &copy_path).unwrap();
    assert_eq!(
        copy.verify(),
        Ok(VerifyReport {
            artifacts: 9,
            head: Some(artifacts[8].id)
        })
    );
    for artifact in &artifacts {
        assert_eq!(copy.get(&artifact.id).unwrap().as_ref(), Some(artifact));
    }
    drop(copy);
    let mut again = import(&export, &copy_path).unwrap();
    assert_eq!(again.len().unwrap(), 9);
    assert_eq!(again.copy_from(&ExportedLedger::open(&export).unwrap()), Ok(0));
    // The imported ledger goes on as a ledger.
    assert_eq!(
        again.seal_at_head(approval(9), vec![]).unwrap().prev,
        Some(artifacts[8].id)
    );
}

#[test]
fn import_extends_a_prefix_and_refuses_a_different_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (artifacts, export) = exported(dir.path(), 6);
    let prefix_path = dir.path().join("prefix.rmos");
    let mut prefix = SqliteStore::open(&prefix_path).unwrap();
    for artifact in &artifacts[..2] {
        let attachments: Vec<_> = artifact
            .record
            .attachments
            .iter()
            .map(|r| {
                rmos_core::runs::Attachment::new(r.name.clone(), program_text(artifact.seq).into_bytes())
            })
            .collect();
        prefix.append_sealed(artifact, &attachments).unwrap();
    }
    assert_eq!(prefix.copy_from(&ExportedLedger::open(&export).unwrap()), Ok(4));
    assert_eq!(prefix.verify().unwrap().head, Some(artifacts[5].id));

    let other_path = dir.path().join("other.rmos");
    let mut other = SqliteStore::open(&other_path).unwrap();
    other.seal_at_head(approval(50), vec![]).unwrap();
    drop(other);
    assert_eq!(
        import(&export, &other_path).unwrap_err(),
        LedgerError::Store(StoreError::SeqTaken { seq: 0 })
    );
    assert_eq!(
        SqliteStore::open_existing(&other_path).unwrap().len().unwrap(),
        1,
        "nothing was added"
    );
}

#[test]
fn a_tampered_export_is_not_imported_and_no_ledger_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let (_, export) = exported(dir.path(), 4);
    let path = export.join("artifacts.jsonl");
    fs::write(
        &path,
        fs::read_to_string(&path)
            .unwrap()
            .replace("luthier-000002", "luthier-000999"),
    )
    .unwrap();
    let target = dir.path().join("new.rmos");
    assert!(matches!(
        import(&export, &target),
        Err(LedgerError::Tampered(TamperError { seq: 2, .. }))
    ));
    assert!(!target.exists());
}

#[test]
fn copying_from_a_tampered_store_stops_at_the_bad_seq_and_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (artifacts, export) = exported(dir.path(), 5);
    let path = export.join("artifacts.jsonl");
    fs::write(
        &path,
        fs::read_to_string(&path)
            .unwrap()
            .replace("luthier-000003", "luthier-000333"),
    )
    .unwrap();
    let mut target = SqliteStore::open(dir.path().join("t.rmos")).unwrap();
    let err = target
        .copy_from(&ExportedLedger::open(&export).unwrap())
        .unwrap_err();
    match err {
        LedgerError::Store(StoreError::Inconsistent { seq, reason }) => {
            assert_eq!(seq, 3);
            assert!(
                reason.starts_with(&format!("id {} does not match the content", artifacts[3].id)),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        target.len().unwrap(),
        0,
        "one transaction: nothing of the good prefix either"
    );
}
