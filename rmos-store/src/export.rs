//! Ledger exports: the chain as plain files an auditor can check without RMOS's database.
//!
//! An export directory holds:
//!
//! - `artifacts.jsonl`: one line per artifact in seq order, each line exactly the artifact's canonical
//!   bytes (RFC 8785 JSON, which never contains a line break) followed by `\n`;
//! - `attachments/<64 hex digits>`: the bytes of every attachment, named by their SHA-256;
//! - `manifest.json`: `{"artifacts":N,"format":"rmos.ledger-export/1","head":"sha256:…"}` (`head` is `null`
//!   for an empty chain), written last, so a directory without it is an unfinished export.
//!
//! Any tool that can split lines, hash with SHA-256 and canonicalise JSON can check it: an artifact's id is
//! the SHA-256 of its line with the `,"id":"sha256:…"` member cut out. [`verify_export`] does exactly that
//! through [`rmos_core::runs::verify`].

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rmos_core::content::ContentHash;
use rmos_core::runs::{
    AppendRight, Attachment, RunArtifact, RunRecord, RunStore, StoreError, StoredArtifact, VerifyReport,
};

use crate::error::LedgerError;
use crate::store::{put_sealed, read_stored, SqliteStore};
use crate::{rows, OpenOptions};

/// The `format` of every export's manifest.
pub const EXPORT_FORMAT: &str = "rmos.ledger-export/1";

const MANIFEST: &str = "manifest.json";
const ARTIFACTS: &str = "artifacts.jsonl";
const ATTACHMENTS: &str = "attachments";

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportSummary {
    /// Artifacts written to `artifacts.jsonl`.
    pub artifacts: u64,
    /// Attachment files written.
    pub attachments: u64,
    /// The id of the last artifact, as recorded; `None` for an empty ledger.
    pub head: Option<ContentHash>,
}

impl SqliteStore {
    /// Writes the whole chain into `dir` (created if missing, and it must be empty) as described in
    /// [`crate::export`]. Reads one consistent snapshot, so appends by other processes during the export
    /// are simply not in it. Exports what is stored, as stored: verify the export (or the ledger) to
    /// check it.
    pub fn export(&self, dir: impl AsRef<Path>) -> Result<ExportSummary, LedgerError> {
        let dir = dir.as_ref();
        let in_dir = |e: std::io::Error| LedgerError::io(dir, &e);
        fs::create_dir_all(dir).map_err(in_dir)?;
        if fs::read_dir(dir).map_err(in_dir)?.next().is_some() {
            return Err(LedgerError::Io {
                path: dir.to_path_buf(),
                reason: "export directory is not empty".to_owned(),
            });
        }
        let sql = self.sql();
        // A read transaction: one snapshot for the artifacts and the attachments.
        let snapshot = self.conn().unchecked_transaction().map_err(&sql)?;

        let artifacts_path = dir.join(ARTIFACTS);
        let mut lines = Vec::new();
        let mut artifacts = 0u64;
        let mut head = None;
        {
            let mut stmt = snapshot
                .prepare("SELECT seq, id, bytes FROM artifacts ORDER BY seq")
                .map_err(&sql)?;
            let mut found = stmt.query([]).map_err(&sql)?;
            while let Some(row) = found.next().map_err(&sql)? {
                let stored = read_stored(row, &sql)?;
                if stored.bytes.contains(&b'\n') {
                    return Err(LedgerError::Malformed {
                        what: format!("artifact seq {} bytes hold a line break", stored.seq),
                    });
                }
                lines.extend_from_slice(&stored.bytes);
                lines.push(b'\n');
                artifacts += 1;
                head = Some(stored.id);
            }
        }
        write_synced(&artifacts_path, &lines)?;

        let attachments_dir = dir.join(ATTACHMENTS);
        fs::create_dir(&attachments_dir).map_err(|e| LedgerError::io(&attachments_dir, &e))?;
        let mut attachments = 0u64;
        {
            let mut stmt = snapshot
                .prepare("SELECT sha256, bytes FROM attachments ORDER BY sha256")
                .map_err(&sql)?;
            let mut found = stmt.query([]).map_err(&sql)?;
            while let Some(row) = found.next().map_err(&sql)? {
                // Parsed, so a name edited into `../somewhere` can never leave the directory.
                let sha = rows::hash(row.get_ref(0).map_err(&sql)?, || {
                    "attachment row sha256".to_owned()
                })?;
                let bytes = rows::blob(row.get_ref(1).map_err(&sql)?, || format!("attachment {sha}"))?;
                write_synced(&attachments_dir.join(sha.hex()), &bytes)?;
                attachments += 1;
            }
        }
        drop(snapshot);
        sync_dir(&attachments_dir)?;

        let manifest = serde_json::json!({
            "artifacts": artifacts,
            "format": EXPORT_FORMAT,
            "head": head.map(|h| h.to_string()),
        });
        write_synced(&dir.join(MANIFEST), format!("{manifest}\n").as_bytes())?;
        sync_dir(dir)?;
        Ok(ExportSummary {
            artifacts,
            attachments,
            head,
        })
    }

    /// Appends every artifact of `source` that this ledger does not hold yet, with its attachments, in one
    /// transaction: all of them or none. The ledger must hold a prefix of `source`'s chain (artifacts
    /// already held must be byte-identical). Each artifact is checked as an append checks it (canonical
    /// bytes, id, seq, prev, attachments), so a tampered source is refused at its first bad artifact.
    /// Returns how many artifacts were added.
    pub fn copy_from(&mut self, source: &dyn RunStore) -> Result<u64, LedgerError> {
        let sql = self.sql();
        let timeout_ms = self.timeout_ms();
        let tx = self.begin_write()?;
        let mut added = 0u64;
        let mut failure: Option<LedgerError> = None;
        let walked = source.for_each_stored(&mut |stored| {
            match copy_one(&tx, source, &stored, timeout_ms) {
                Ok(true) => added += 1,
                Ok(false) => {}
                Err(err) => {
                    failure = Some(err);
                    // Only stops the walk: `failure` is what gets reported.
                    return Err(StoreError::Backend("copy stopped".to_owned()));
                }
            }
            Ok(())
        });
        if let Some(err) = failure {
            return Err(err);
        }
        walked?;
        tx.commit().map_err(sql)?;
        Ok(added)
    }
}

/// Copies one stored artifact of `source` into the transaction.
fn copy_one(
    tx: &rusqlite::Transaction<'_>,
    source: &dyn RunStore,
    stored: &StoredArtifact,
    timeout_ms: u64,
) -> Result<bool, LedgerError> {
    let artifact =
        RunArtifact::from_canonical_bytes(&stored.bytes).map_err(|e| StoreError::Inconsistent {
            seq: stored.seq,
            reason: e.to_string(),
        })?;
    let mut attachments = Vec::with_capacity(artifact.record.attachments.len());
    for reference in &artifact.record.attachments {
        let data = source
            .attachment(&reference.sha256)?
            .ok_or_else(|| StoreError::Inconsistent {
                seq: stored.seq,
                reason: format!("attachment {} ({}) is missing", reference.name, reference.sha256),
            })?;
        attachments.push(Attachment::new(reference.name.clone(), data));
    }
    put_sealed(tx, &artifact, &attachments, timeout_ms)
}

/// Checks an export directory without any database: the manifest, then the whole chain and every
/// attachment ([`rmos_core::runs::verify`]). [`LedgerError::Tampered`] names the first bad seq.
///
/// ```
/// use rmos_core::runs::RunStore;
/// # use rmos_core::{gates::{Actor, Policy}, job::Job, workflow::Session};
/// # let job = Job::from_json(include_str!("../../examples/jobs/maple_neck_truss_rod.json")).unwrap();
/// # let policy = Policy::default();
/// # let evaluated = Session::new(job).evaluate(&policy);
/// let dir = tempfile::tempdir().unwrap();
/// let mut ledger = rmos_store::SqliteStore::open(dir.path().join("shop.rmos")).unwrap();
/// let approved = evaluated
///     .approve(&Actor::human("luthier"), "2025-01-01T00:00:00Z", &mut ledger)
///     .unwrap();
/// let artifact = approved.artifact().clone();
/// ledger.export(dir.path().join("audit")).unwrap();
/// let report = rmos_store::verify_export(dir.path().join("audit")).unwrap();
/// assert_eq!((report.artifacts, report.head), (1, Some(artifact.id)));
/// ```
pub fn verify_export(dir: impl AsRef<Path>) -> Result<VerifyReport, LedgerError> {
    let export = ExportedLedger::open(dir)?;
    Ok(rmos_core::runs::verify(&export)?)
}

/// Verifies the export in `export_dir` and copies it into the ledger at `db_path` (created if missing; a
/// ledger already holding a prefix of the exported chain is extended), all in one transaction.
pub fn import(export_dir: impl AsRef<Path>, db_path: impl AsRef<Path>) -> Result<SqliteStore, LedgerError> {
    let export = ExportedLedger::open(export_dir)?;
    rmos_core::runs::verify(&export)?;
    let mut ledger = OpenOptions::new().open(db_path)?;
    ledger.copy_from(&export)?;
    Ok(ledger)
}

/// An export directory read as a read-only [`RunStore`]: its artifacts are held in memory, its
/// attachments read from their files when asked for. The id recorded for each artifact is the `id` member
/// of its line.
#[derive(Debug, Clone)]
pub struct ExportedLedger {
    dir: PathBuf,
    /// Canonical bytes, position = seq, with the id each line records.
    artifacts: Vec<StoredArtifact>,
    by_id: BTreeMap<ContentHash, usize>,
}

impl ExportedLedger {
    /// Reads the manifest and `artifacts.jsonl` of the export in `dir`, checking that the manifest's count
    /// and head match the lines. Nothing is verified beyond that: run [`rmos_core::runs::verify`] (or use
    /// [`verify_export`]).
    pub fn open(dir: impl AsRef<Path>) -> Result<Self, LedgerError> {
        let dir = dir.as_ref().to_path_buf();
        let manifest_path = dir.join(MANIFEST);
        let (count, head) = read_manifest(&manifest_path)?;
        let artifacts_path = dir.join(ARTIFACTS);
        let text = fs::read(&artifacts_path).map_err(|e| LedgerError::io(&artifacts_path, &e))?;
        let bad = |reason: String| LedgerError::BadExport {
            path: artifacts_path.clone(),
            reason,
        };
        let body = match text.split_last() {
            None => &[][..],
            Some((b'\n', body)) => body,
            Some(_) => return Err(bad("the last line has no line break (cut short?)".to_owned())),
        };
        let mut artifacts = Vec::new();
        let mut by_id = BTreeMap::new();
        if !text.is_empty() {
            for (seq, line) in (0u64..).zip(body.split(|b| *b == b'\n')) {
                // A line with no readable id does not decode either, and verification names it by its
                // decode error before it looks at the recorded id: the stand-in is never reported.
                let id = recorded_id(line).unwrap_or_else(|| ContentHash::of(line));
                by_id.entry(id).or_insert(artifacts.len());
                artifacts.push(StoredArtifact {
                    seq,
                    id,
                    bytes: line.to_vec(),
                });
            }
        }
        let held = artifacts.len() as u64;
        if held != count {
            return Err(bad(format!("holds {held} artifacts, the manifest says {count}")));
        }
        let last = artifacts.last().map(|a| a.id);
        if last != head {
            let show = |h: Option<ContentHash>| h.map_or_else(|| "null".to_owned(), |h| h.to_string());
            return Err(bad(format!(
                "last id is {}, the manifest's head is {}",
                show(last),
                show(head)
            )));
        }
        Ok(Self {
            dir,
            artifacts,
            by_id,
        })
    }

    /// The export's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// The `id` member of one exported line, if it has a well-formed one.
fn recorded_id(line: &[u8]) -> Option<ContentHash> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    let found: IdOnly = serde_json::from_slice(line).ok()?;
    found.id.parse().ok()
}

/// The manifest's artifact count and head.
fn read_manifest(path: &Path) -> Result<(u64, Option<ContentHash>), LedgerError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Manifest {
        artifacts: u64,
        format: String,
        head: Option<String>,
    }
    let bad = |reason: String| LedgerError::BadExport {
        path: path.to_path_buf(),
        reason,
    };
    let text = fs::read(path).map_err(|e| LedgerError::io(path, &e))?;
    let manifest: Manifest = serde_json::from_slice(&text).map_err(|e| bad(e.to_string()))?;
    if manifest.format != EXPORT_FORMAT {
        return Err(bad(format!(
            "format is {:?}, want {EXPORT_FORMAT:?}",
            manifest.format
        )));
    }
    let head = match manifest.head {
        None => None,
        Some(h) => Some(
            h.parse()
                .map_err(|_| bad(format!("head {h:?} is not a content address")))?,
        ),
    };
    Ok((manifest.artifacts, head))
}

/// Writes `bytes` to a new file at `path` and syncs it.
fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), LedgerError> {
    let io = |e: std::io::Error| LedgerError::io(path, &e);
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)
}

/// Syncs a directory, so the names of the files just written in it are durable too.
fn sync_dir(dir: &Path) -> Result<(), LedgerError> {
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| LedgerError::io(dir, &e))
}

impl RunStore for ExportedLedger {
    fn append(
        &mut self,
        _: RunRecord,
        _: Vec<Attachment>,
        _: AppendRight<'_>,
    ) -> Result<RunArtifact, StoreError> {
        Err(StoreError::Backend("a ledger export is read-only".to_owned()))
    }

    fn append_sealed(&mut self, _: &RunArtifact, _: &[Attachment]) -> Result<(), StoreError> {
        Err(StoreError::Backend("a ledger export is read-only".to_owned()))
    }

    fn get(&self, id: &ContentHash) -> Result<Option<RunArtifact>, StoreError> {
        let Some(stored) = self.by_id.get(id).and_then(|&at| self.artifacts.get(at)) else {
            return Ok(None);
        };
        let corrupt = || StoreError::Corrupt {
            what: format!("exported artifact seq {}", stored.seq),
        };
        let artifact = RunArtifact::from_canonical_bytes(&stored.bytes).map_err(|_| corrupt())?;
        if artifact.id != *id || artifact.compute_id() != *id {
            return Err(corrupt());
        }
        Ok(Some(artifact))
    }

    fn attachment(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        match self.attachment_raw(sha256)? {
            Some(bytes) if ContentHash::of(&bytes) != *sha256 => Err(StoreError::Corrupt {
                what: format!("exported attachment {sha256}"),
            }),
            found => Ok(found),
        }
    }

    fn len(&self) -> Result<u64, StoreError> {
        Ok(self.artifacts.len() as u64)
    }

    fn head(&self) -> Result<Option<ContentHash>, StoreError> {
        Ok(self.artifacts.last().map(|a| a.id))
    }

    fn for_each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.artifacts.iter().try_for_each(|stored| visit(stored.clone()))
    }

    fn attachment_raw(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        let path = self.dir.join(ATTACHMENTS).join(sha256.hex());
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(LedgerError::io(&path, &e).into()),
        }
    }
}
