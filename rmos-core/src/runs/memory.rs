//! `MemoryStore`: a [`RunStore`] in memory, for tests, hosts without a disk, and auditors who load an
//! exported chain to verify it.

use std::collections::BTreeMap;

use crate::content::ContentHash;
use crate::runs::chain::admit;
use crate::runs::{
    Admitted, AppendRight, Attachment, RunArtifact, RunRecord, RunStore, StoreError, StoredArtifact,
};

/// A run store held in memory: the artifacts' canonical bytes in chain order and the attachments by
/// content address.
///
/// ```
/// use rmos_core::gates::{Actor, Policy};
/// use rmos_core::job::Job;
/// use rmos_core::posts::Post;
/// use rmos_core::program::Program;
/// use rmos_core::runs::{MemoryStore, RunStore};
/// use rmos_core::workflow::Session;
///
/// let job = Job::from_json(include_str!("../../../examples/jobs/maple_neck_truss_rod.json")).unwrap();
/// let policy = Policy::default();
/// let mut store = MemoryStore::new();
/// let at = "2025-06-01T09:31:00Z";
/// let approved = Session::new(job).evaluate(&policy)
///     .approve(&Actor::human("luthier"), at, &mut store).unwrap();
/// let program = Program::release(&approved, Post::Grbl, at, &mut store).unwrap();
/// assert_eq!(store.get(&program.artifact_id()).unwrap().as_ref(), Some(program.artifact()));
/// let sha = program.artifact().record.attachments[0].sha256;
/// assert_eq!(store.attachment(&sha).unwrap(), Some(program.gcode().as_bytes().to_vec()));
/// let report = store.verify().unwrap();
/// assert_eq!((report.artifacts, report.head), (2, Some(program.artifact_id())));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryStore {
    /// In chain order: position = seq, for a store that was never tampered with.
    artifacts: Vec<StoredArtifact>,
    /// Position of each recorded id (the first, should an id be recorded twice).
    by_id: BTreeMap<ContentHash, usize>,
    attachments: BTreeMap<ContentHash, Vec<u8>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store holding exactly what it is given, unchecked: an exported chain to audit, or bytes a test
    /// has tampered with. Artifacts keep the given order; an attachment given twice keeps its last bytes.
    /// Run [`crate::runs::verify`] before trusting it.
    pub fn from_raw(artifacts: Vec<StoredArtifact>, attachments: Vec<(ContentHash, Vec<u8>)>) -> Self {
        let mut by_id = BTreeMap::new();
        for (at, stored) in artifacts.iter().enumerate() {
            by_id.entry(stored.id).or_insert(at);
        }
        Self {
            artifacts,
            by_id,
            attachments: attachments.into_iter().collect(),
        }
    }

    /// Everything the store holds, as [`MemoryStore::from_raw`] takes it.
    pub fn into_raw(self) -> (Vec<StoredArtifact>, Vec<(ContentHash, Vec<u8>)>) {
        (self.artifacts, self.attachments.into_iter().collect())
    }

    /// The stored artifacts in chain order and the attachments by content address, as they are held.
    pub fn raw(&self) -> (&[StoredArtifact], &BTreeMap<ContentHash, Vec<u8>>) {
        (&self.artifacts, &self.attachments)
    }

    fn head_id(&self) -> Option<ContentHash> {
        self.artifacts.last().map(|a| a.id)
    }

    fn next_seq(&self) -> u64 {
        self.artifacts.len() as u64
    }

    /// Checks `artifact` against the head and keeps it with its attachments, all or nothing.
    fn store(&mut self, artifact: &RunArtifact, attachments: &[Attachment]) -> Result<(), StoreError> {
        let head = self.head_id();
        let admitted = admit(artifact, self.next_seq(), head.as_ref(), attachments)?;
        self.keep(admitted);
        Ok(())
    }

    /// Keeps an admitted artifact and its attachments.
    fn keep(&mut self, admitted: Admitted<'_>) {
        for (hash, attachment) in admitted.attachments {
            self.attachments
                .entry(hash)
                .or_insert_with(|| attachment.data.clone());
        }
        self.by_id
            .entry(admitted.stored.id)
            .or_insert(self.artifacts.len());
        self.artifacts.push(admitted.stored);
    }
}

impl RunStore for MemoryStore {
    fn append(
        &mut self,
        record: RunRecord,
        attachments: Vec<Attachment>,
        right: AppendRight<'_>,
    ) -> Result<RunArtifact, StoreError> {
        let (artifact, admitted) = right.seal(record, self.next_seq(), self.head_id(), &attachments)?;
        self.keep(admitted);
        Ok(artifact)
    }

    fn append_sealed(
        &mut self,
        artifact: &RunArtifact,
        attachments: &[Attachment],
    ) -> Result<(), StoreError> {
        let taken = usize::try_from(artifact.seq)
            .ok()
            .and_then(|at| self.artifacts.get(at));
        if let Some(stored) = taken {
            return if stored.bytes == artifact.canonical_bytes() {
                Ok(())
            } else {
                Err(StoreError::SeqTaken { seq: artifact.seq })
            };
        }
        self.store(artifact, attachments)
    }

    fn get(&self, id: &ContentHash) -> Result<Option<RunArtifact>, StoreError> {
        let Some(stored) = self.by_id.get(id).and_then(|&at| self.artifacts.get(at)) else {
            return Ok(None);
        };
        let corrupt = || StoreError::Corrupt {
            what: format!("artifact {id}"),
        };
        let artifact = RunArtifact::from_canonical_bytes(&stored.bytes).map_err(|_| corrupt())?;
        if artifact.id != *id || artifact.compute_id() != *id {
            return Err(corrupt());
        }
        Ok(Some(artifact))
    }

    fn attachment(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        match self.attachments.get(sha256) {
            None => Ok(None),
            Some(data) if ContentHash::of(data) == *sha256 => Ok(Some(data.clone())),
            Some(_) => Err(StoreError::Corrupt {
                what: format!("attachment {sha256}"),
            }),
        }
    }

    fn len(&self) -> Result<u64, StoreError> {
        Ok(self.next_seq())
    }

    fn head(&self) -> Result<Option<ContentHash>, StoreError> {
        Ok(self.head_id())
    }

    fn for_each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.artifacts.iter().try_for_each(|stored| visit(stored.clone()))
    }

    fn for_each_stored_ref(
        &self,
        visit: &mut dyn FnMut(&StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.artifacts.iter().try_for_each(visit)
    }

    fn attachment_raw(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.attachments.get(sha256).cloned())
    }
}
