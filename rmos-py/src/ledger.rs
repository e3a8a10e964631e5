//! `Ledger`: the run store an approval and a release append to, shared by Python threads.
//!
//! A ledger holds one backend behind a lock (`rmos_store::SharedLedger`). Every call that touches it releases
//! the GIL first and takes the lock without it, so a long verification never blocks other Python threads and
//! two threads never append at once. After a panic in a call that held the lock, the ledger is used again
//! only once it verifies; otherwise every call raises `RmosError` (the rule the C ABI follows too).

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyType};
use rmos_core::content::ContentHash;
use rmos_core::documents::{artifacts_json, Document, VerifyResult};
use rmos_core::runs::{RunStore, VerifyReport as CoreVerifyReport};
/// The ledger a `Ledger` object holds (memory, SQLite or PostgreSQL; plain or signed), shared with the C ABI
/// through `rmos-store`.
pub use rmos_store::HostLedger as Backend;
use rmos_store::{OpenOptions, SharedLedger};

use crate::convert::{json_to_py, quoted};
use crate::errors::{shielded, Error, Result};

/// The hash-chained record of every approval attempt and every program.
#[pyclass(module = "rmos._core", frozen)]
#[derive(Debug)]
pub struct Ledger {
    backend: SharedLedger,
    path: Option<String>,
}

impl Ledger {
    /// Runs `f` on the locked backend without the GIL, shielded from panics.
    pub fn with<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Backend) -> Result<T> + Send,
    ) -> Result<T> {
        py.detach(|| shielded(|| f(&mut *self.backend.lock()?)))
    }
}

fn hash_arg(argument: &str, text: &str) -> Result<ContentHash> {
    text.parse()
        .map_err(|e: rmos_core::content::BadContentHash| Error::argument(argument, e.to_string()))
}

#[pymethods]
impl Ledger {
    /// A ledger in memory, gone when the object is.
    #[classmethod]
    fn memory(_cls: &Bound<'_, PyType>) -> Self {
        Self {
            backend: SharedLedger::new(rmos_store::Ledger::memory()),
            path: None,
        }
    }

    /// The durable ledger in the SQLite file at `path`, or in the PostgreSQL database a `postgresql://`
    /// or `postgres://` URL names; created when missing (unless `create` is false, when a missing one
    /// raises `StoreError`). Anything that is not an RMOS ledger raises `StoreError`.
    #[classmethod]
    #[pyo3(signature = (path, *, create = true))]
    fn open(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf, create: bool) -> Result<Self> {
        let location = path.to_string_lossy().into_owned();
        let store = py.detach(|| {
            shielded(|| {
                Ok(rmos_store::Ledger::open_location(
                    &location,
                    &OpenOptions::new().create(create),
                )?)
            })
        })?;
        Ok(Self {
            // A database's address is shown without its password.
            path: Some(store.path().map_or_else(
                || rmos_store::redact_url(&location),
                |p| p.to_string_lossy().into_owned(),
            )),
            backend: SharedLedger::new(store),
        })
    }

    /// The file the ledger lives in (a database's URL without its password); `None` in memory.
    #[getter]
    fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// Walks the whole chain and recomputes every content address. Raises `TamperError` naming the first
    /// bad seq, or `StoreError` when the ledger cannot be read.
    fn verify(&self, py: Python<'_>) -> Result<VerifyReport> {
        let report = self.with(py, |b| Ok(b.verify()?))?;
        Ok(VerifyReport(report))
    }

    /// The id of the last artifact; `None` for an empty ledger.
    #[getter]
    fn head(&self, py: Python<'_>) -> Result<Option<String>> {
        self.with(py, |b| Ok(b.head()?.map(|id| id.to_string())))
    }

    /// Every artifact in seq order, as the JSON objects the ledger holds (schema `rmos.run/1`).
    fn artifacts<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let text = self.artifacts_json(py)?;
        json_to_py(py, &text)?.extract()
    }

    /// Every artifact in seq order, as one JSON array of the canonical documents the ledger holds: the
    /// bytes the C ABI's `rmos_ledger_artifacts_json` gives.
    fn artifacts_json(&self, py: Python<'_>) -> Result<String> {
        self.with(py, |b| Ok(artifacts_json(b)?))
    }

    /// The artifact with this id (`sha256:<hex>`), or `None`.
    fn get<'py>(&self, py: Python<'py>, artifact_id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let id = hash_arg("artifact_id", artifact_id)?;
        let text = self.with(py, |b| {
            Ok(b.get(&id)?
                .map(|a| String::from_utf8_lossy(&a.canonical_bytes()).into_owned()))
        })?;
        text.map(|t| json_to_py(py, &t)).transpose()
    }

    /// The attachment with this SHA-256 (`sha256:<hex>`), or `None`; bytes that no longer match their
    /// address raise `StoreError`.
    fn attachment<'py>(&self, py: Python<'py>, sha256: &str) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let hash = hash_arg("sha256", sha256)?;
        let data = self.with(py, |b| Ok(b.attachment(&hash)?))?;
        Ok(data.map(|d| PyBytes::new(py, &d)))
    }

    fn __len__(&self, py: Python<'_>) -> Result<usize> {
        self.with(py, |b| Ok(usize::try_from(b.len()?).unwrap_or(usize::MAX)))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let len = self.with(py, |b| Ok(b.len()?)).ok();
        let count = len.map_or_else(|| "unreadable".to_owned(), |n| format!("{n} artifacts"));
        match &self.path {
            Some(path) => format!("Ledger.open({}) ({count})", quoted(path)),
            None => format!("Ledger.memory() ({count})"),
        }
    }
}

/// What a chain that verifies holds.
#[pyclass(module = "rmos._core", frozen)]
#[derive(Debug)]
pub struct VerifyReport(CoreVerifyReport);

#[pymethods]
impl VerifyReport {
    /// Number of artifacts walked.
    #[getter]
    fn artifacts(&self) -> u64 {
        self.0.artifacts
    }
    /// The last artifact's id; `None` for an empty ledger. Keep it outside the ledger to anchor the chain.
    #[getter]
    fn head(&self) -> Option<String> {
        self.0.head.map(|h| h.to_string())
    }
    /// The verify result as JSON, `{"verified": true, "artifacts", "head"}`: the bytes the C ABI's
    /// `rmos_ledger_verify` gives (a broken chain raises `TamperError`, whose `document` is the other form).
    fn to_json(&self) -> String {
        VerifyResult::verified(&self.0).to_json()
    }
    fn __repr__(&self) -> String {
        let head = self
            .0
            .head
            .map_or_else(|| "None".to_owned(), |h| quoted(&h.to_string()));
        format!("VerifyReport(artifacts={}, head={head})", self.0.artifacts)
    }
}

/// Registers the ledger classes.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Ledger>()?;
    module.add_class::<VerifyReport>()?;
    Ok(())
}
