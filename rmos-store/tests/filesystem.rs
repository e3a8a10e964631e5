//! A real full disk and a real read-only file system: small tmpfs mounts, so these need the privilege to
//! mount (CI runs as root). Where mounting is refused they say so and check nothing; the simulations in
//! `append.rs` (a size cap, SQLite's read-only open) cover the same paths everywhere.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{approval, program_text, toolpath, SealAtHead};
use rmos_core::runs::{RunArtifact, RunStore, StoreError};
use rmos_store::{LedgerError, OpenOptions, SqliteStore};

/// A tmpfs of `size` mounted on a fresh directory, unmounted when dropped.
struct Mount {
    dir: PathBuf,
    _parent: tempfile::TempDir,
}

impl Mount {
    /// `None` when this process may not mount (not root, or no mount namespace rights).
    fn tmpfs(size: &str) -> Option<Mount> {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("mnt");
        std::fs::create_dir(&dir).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(Mount { dir, _parent: parent })
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.dir)
            .status();
        assert!(status.unwrap().success(), "remount {options}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}

fn fill(path: &Path) -> (Vec<RunArtifact>, StoreError) {
    let mut ledger = SqliteStore::open(path).unwrap();
    let mut kept = vec![];
    loop {
        let (record, attachments) = toolpath(kept.len() as u64);
        match ledger.seal_at_head(record, attachments) {
            Ok(artifact) => kept.push(artifact),
            Err(err) => return (kept, err),
        }
        assert!(kept.len() < 100_000, "the disk never filled");
    }
}

#[test]
fn a_full_disk_refuses_appends_and_loses_nothing_committed() {
    let Some(mount) = Mount::tmpfs("256k") else {
        eprintln!("not run: mounting a tmpfs needs privileges this process lacks");
        return;
    };
    let path = mount.dir.join("full.rmos");
    let (kept, err) = fill(&path);
    assert_eq!(
        err,
        StoreError::Backend("ledger is full (disk or size cap): database or disk is full".into())
    );
    assert!(kept.len() >= 3, "only {} appends fitted", kept.len());

    let ledger = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(ledger.verify().unwrap().head, Some(kept[kept.len() - 1].id));
    for artifact in &kept {
        assert_eq!(ledger.get(&artifact.id).unwrap().as_ref(), Some(artifact));
        let sha = artifact.record.attachments[0].sha256;
        assert_eq!(
            ledger.attachment(&sha).unwrap(),
            Some(program_text(artifact.seq).into_bytes())
        );
    }
    drop(ledger);

    mount.remount("size=4m");
    let mut ledger = SqliteStore::open_existing(&path).unwrap();
    let (record, attachments) = toolpath(kept.len() as u64);
    let next = ledger.seal_at_head(record, attachments).unwrap();
    assert_eq!(
        (next.seq, next.prev),
        (kept.len() as u64, Some(kept[kept.len() - 1].id))
    );
    assert_eq!(ledger.verify().unwrap().artifacts, kept.len() as u64 + 1);
}

#[test]
fn a_read_only_file_system_gives_a_clear_error_and_stays_readable() {
    let Some(mount) = Mount::tmpfs("1m") else {
        eprintln!("not run: mounting a tmpfs needs privileges this process lacks");
        return;
    };
    let path = mount.dir.join("ro.rmos");
    let mut ledger = SqliteStore::open(&path).unwrap();
    let kept: Vec<_> = (0..4)
        .map(|n| ledger.seal_at_head(approval(n), vec![]).unwrap())
        .collect();
    drop(ledger);
    mount.remount("ro");

    let err = SqliteStore::open_existing(&path).unwrap_err();
    assert_eq!(
        err,
        LedgerError::ReadOnly(format!("{}: read-only file system (os error 30)", path.display()))
    );
    assert_eq!(
        err.to_string(),
        format!(
            "ledger is read-only: {}: read-only file system (os error 30)",
            path.display()
        )
    );

    let mut read_only = OpenOptions::new().read_only(true).open(&path).unwrap();
    assert_eq!(read_only.verify().unwrap().head, Some(kept[3].id));
    for artifact in &kept {
        assert_eq!(read_only.get(&artifact.id).unwrap().as_ref(), Some(artifact));
    }
    match read_only.seal_at_head(approval(4), vec![]).unwrap_err() {
        StoreError::Backend(message) => assert!(message.starts_with("ledger is read-only: "), "{message}"),
        other => panic!("{other:?}"),
    }
    drop(read_only);

    mount.remount("rw");
    let mut ledger = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(ledger.seal_at_head(approval(4), vec![]).unwrap().seq, 4);
}
