//! `SigningKey`, `PublicKey`, `Provenance` and `verify_program`: Ed25519 keys and the gate a machine-side
//! sender runs before streaming a program.
//!
//! Randomness comes from the host, as the core requires: `SigningKey.generate()` draws its seed from
//! Python's `os.urandom`. Key bytes handed to Python (`to_bytes`, `to_pem`) are ordinary Python objects the
//! core can no longer wipe; a host writes them to a file created with mode 0600 and never logs them.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyType};
use rmos_core::keys::{self as core, pem};
use rmos_core::provenance::{self, ProgramTamper};

use crate::errors::{shielded, Error, Result};

/// An Ed25519 signing key: a person's, an agent's, a service's or a ledger's secret.
#[pyclass(module = "rmos._core", frozen)]
#[derive(Clone)]
pub struct SigningKey(core::SigningKey);

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

fn key_error(argument: &str, err: &core::KeyError) -> Error {
    Error::argument(argument, err.to_string())
}

#[pymethods]
impl SigningKey {
    /// A new key from 32 bytes of operating-system randomness (`os.urandom`).
    #[classmethod]
    fn generate(_cls: &Bound<'_, PyType>, py: Python<'_>) -> PyResult<Self> {
        let seed: Vec<u8> = py.import("os")?.call_method1("urandom", (32,))?.extract()?;
        Ok(Self(
            core::SigningKey::from_slice(&seed).map_err(|e| key_error("seed", &e))?,
        ))
    }

    /// The key whose 32-byte RFC 8032 seed is `seed`.
    #[classmethod]
    fn from_bytes(_cls: &Bound<'_, PyType>, seed: &[u8]) -> Result<Self> {
        core::SigningKey::from_slice(seed)
            .map(Self)
            .map_err(|e| key_error("seed", &e))
    }

    /// The 32-byte seed. Keep it secret: write it only to a file with mode 0600.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.to_seed()[..])
    }

    /// The key as a PKCS#8 v2 PEM document, for a key file created with mode 0600.
    fn to_pem(&self) -> Result<String> {
        pem::signing_key_to_pem(&self.0)
            .map(|text| text.as_str().to_owned())
            .map_err(|e| key_error("key", &e))
    }

    /// Reads a PKCS#8 v1 or v2 PEM document.
    #[classmethod]
    fn from_pem(_cls: &Bound<'_, PyType>, text: &str) -> Result<Self> {
        pem::signing_key_from_pem(text)
            .map(Self)
            .map_err(|e| key_error("pem", &e))
    }

    /// The public half.
    #[getter]
    fn public_key(&self) -> PublicKey {
        PublicKey(self.0.public_key())
    }

    /// The 64-byte RFC 8032 signature of `message`.
    fn sign<'py>(&self, py: Python<'py>, message: &[u8]) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.sign(message).to_bytes())
    }

    fn __repr__(&self) -> String {
        format!("SigningKey(public_key={:?})", self.0.public_key().to_hex())
    }
}

/// An Ed25519 public key: what an auditor or a machine-side sender holds.
#[pyclass(module = "rmos._core", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublicKey(core::PublicKey);

#[pymethods]
impl PublicKey {
    /// The key written as 64 hexadecimal digits.
    #[classmethod]
    fn from_hex(_cls: &Bound<'_, PyType>, text: &str) -> Result<Self> {
        core::PublicKey::from_hex(text)
            .map(Self)
            .map_err(|e| key_error("public_key", &e))
    }

    /// The key whose 32-byte encoding is `data`.
    #[classmethod]
    fn from_bytes(_cls: &Bound<'_, PyType>, data: &[u8]) -> Result<Self> {
        core::PublicKey::from_bytes(data)
            .map(Self)
            .map_err(|e| key_error("public_key", &e))
    }

    /// Reads an SPKI PEM document or 64 hexadecimal digits.
    #[classmethod]
    fn from_text(_cls: &Bound<'_, PyType>, text: &str) -> Result<Self> {
        pem::public_key_from_text(text)
            .map(Self)
            .map_err(|e| key_error("public_key", &e))
    }

    /// The key as 64 lower-case hexadecimal digits.
    fn to_hex(&self) -> String {
        self.0.to_hex()
    }

    /// The 32-byte encoding.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.to_bytes())
    }

    /// The key as an SPKI PEM document.
    fn to_pem(&self) -> Result<String> {
        pem::public_key_to_pem(&self.0).map_err(|e| key_error("public_key", &e))
    }

    /// True when `signature` is this key's strict RFC 8032 signature of `message`.
    fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        core::Signature::from_bytes(signature)
            .and_then(|s| self.0.verify(message, &s))
            .is_ok()
    }

    fn __str__(&self) -> String {
        self.0.to_hex()
    }

    fn __repr__(&self) -> String {
        format!("PublicKey({:?})", self.0.to_hex())
    }
}

/// What a verified program says about itself.
#[pyclass(module = "rmos._core", frozen, get_all)]
#[derive(Debug, Clone)]
pub struct Provenance {
    /// The toolpath artifact that released the program.
    artifact_id: String,
    /// The ledger that recorded the release.
    ledger_id: String,
    /// The member who approved the job.
    approver: String,
    /// The machine the program was posted for.
    machine: String,
    /// SHA-256 of the program without its provenance block, `sha256:<hex>`.
    body_hash: String,
    /// The ledger key's signature, in hex.
    signature: String,
}

#[pymethods]
impl Provenance {
    fn __repr__(&self) -> String {
        format!(
            "Provenance(artifact_id={:?}, ledger_id={:?}, approver={:?}, machine={:?})",
            self.artifact_id, self.ledger_id, self.approver, self.machine
        )
    }
}

/// `rmos.TamperError(reason)` with `seq` None: a program, not a ledger artifact, was altered.
fn tamper(py: Python<'_>, err: &ProgramTamper) -> PyResult<PyErr> {
    let class = py.import("rmos._core")?.getattr("TamperError")?;
    let message = err.to_string();
    let value = class.call1((format!("program does not verify: {message}"),))?;
    value.setattr("reason", message)?;
    Ok(PyErr::from_value(value))
}

/// Checks a program's provenance block under the ledger's public key (and, given `ledger_id`, that the
/// program comes from that ledger). Returns the provenance; raises `TamperError` on any edited byte, a
/// missing block, a wrong key or another ledger.
#[pyfunction]
#[pyo3(signature = (gcode, public_key, ledger_id = None))]
fn verify_program(
    py: Python<'_>,
    gcode: &str,
    public_key: &PublicKey,
    ledger_id: Option<&str>,
) -> PyResult<Provenance> {
    let checked = py.detach(|| {
        shielded(|| {
            Ok(match ledger_id {
                Some(id) => provenance::verify_program_in(gcode, &public_key.0, id),
                None => provenance::verify_program(gcode, &public_key.0),
            })
        })
    })?;
    match checked {
        Ok(p) => Ok(Provenance {
            artifact_id: p.fields.artifact_id,
            ledger_id: p.fields.ledger_id,
            approver: p.fields.approver,
            machine: p.fields.machine,
            body_hash: p.body_hash.to_string(),
            signature: p.signature.to_hex(),
        }),
        Err(err) => Err(tamper(py, &err)?),
    }
}

/// Test helper: `body` with a provenance block signed by `ledger_key` (the release path signs programs;
/// this lets the Python tests make one without a ledger).
#[pyfunction]
#[pyo3(signature = (body, *, artifact_id, ledger_id, approver, machine, ledger_key))]
fn _sign_program(
    body: &str,
    artifact_id: String,
    ledger_id: String,
    approver: String,
    machine: String,
    ledger_key: &SigningKey,
) -> Result<String> {
    let fields = provenance::ProvenanceFields {
        artifact_id,
        ledger_id,
        approver,
        machine,
    };
    shielded(|| {
        provenance::sign_program(
            body,
            &fields,
            &ledger_key.0,
            provenance::CommentStyle::Parentheses,
        )
        .map_err(|e| match e {
            provenance::ProvenanceError::InvalidField { field, reason } => Error::argument(field, reason),
            other => Error::argument("body", other.to_string()),
        })
    })
}

/// Adds the classes and functions to the module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<SigningKey>()?;
    module.add_class::<PublicKey>()?;
    module.add_class::<Provenance>()?;
    module.add_function(wrap_pyfunction!(verify_program, module)?)?;
    module.add_function(wrap_pyfunction!(_sign_program, module)?)?;
    Ok(())
}
