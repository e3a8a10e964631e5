//! `Policy` and `Actor`: the rules an approval is held to, and who is asking.

use pyo3::prelude::*;
use pyo3::types::PyType;
use rmos_core::gates::{self as core, Capability};

use crate::convert::{json_to_py, parse_enum, quoted};
use crate::errors::{shielded, Error, Result};

/// The rules an approval is held to; its hash enters every artifact.
#[pyclass(module = "rmos._core", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Policy(pub core::Policy);

#[pymethods]
impl Policy {
    /// The default policy, with the switches that matter most open to change.
    #[new]
    #[pyo3(signature = (*, allow_yellow_override = None, allow_red_override = None, min_override_reason_chars = None))]
    fn new(
        allow_yellow_override: Option<bool>,
        allow_red_override: Option<bool>,
        min_override_reason_chars: Option<usize>,
    ) -> Self {
        let mut policy = core::Policy::default();
        if let Some(v) = allow_yellow_override {
            policy.allow_yellow_override = v;
        }
        if let Some(v) = allow_red_override {
            policy.allow_red_override = v;
        }
        if let Some(v) = min_override_reason_chars {
            policy.min_override_reason_chars = v;
        }
        Self(policy)
    }

    /// The default policy: humans may do everything, services emit G-code from a human's approval, AI is
    /// granted nothing; YELLOW overrides allowed, RED overrides not.
    #[classmethod]
    fn default(_cls: &Bound<'_, PyType>) -> Self {
        Self(core::Policy::default())
    }

    /// Reads a policy document; missing fields take their defaults, unknown ones are an error.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &str) -> Result<Self> {
        shielded(|| Ok(Self(core::Policy::from_json(text)?)))
    }

    /// The policy as JSON.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The policy as Python dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.to_json())
    }

    /// Content address of the canonical policy document (`sha256:<hex>`).
    #[getter]
    fn hash(&self) -> String {
        self.0.hash().to_string()
    }
    #[getter]
    fn allow_yellow_override(&self) -> bool {
        self.0.allow_yellow_override
    }
    #[getter]
    fn allow_red_override(&self) -> bool {
        self.0.allow_red_override
    }
    #[getter]
    fn min_override_reason_chars(&self) -> usize {
        self.0.min_override_reason_chars
    }

    /// Whether `actor` may do `capability` (`approve`, `override_yellow`, `override_red`, `emit_gcode`)
    /// under this policy.
    fn allows(&self, actor: PyRef<'_, Actor>, capability: &str) -> Result<bool> {
        let capability: Capability =
            parse_enum(capability).map_err(|reason| Error::argument("capability", reason))?;
        Ok(self.0.allows(&actor.0, capability))
    }

    fn __repr__(&self) -> String {
        format!(
            "Policy(hash={}, allow_yellow_override={}, allow_red_override={}, min_override_reason_chars={})",
            quoted(&self.0.hash().to_string()),
            py_bool(self.0.allow_yellow_override),
            py_bool(self.0.allow_red_override),
            self.0.min_override_reason_chars
        )
    }
}

fn py_bool(v: bool) -> &'static str {
    if v {
        "True"
    } else {
        "False"
    }
}

/// Who is asking: a human, an AI or a service, with an id.
#[pyclass(module = "rmos._core", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Actor(pub core::Actor);

#[pymethods]
impl Actor {
    /// A person at the machine or the CAM desk: the only kind that may approve.
    #[staticmethod]
    fn human(id: String) -> Self {
        Self(core::Actor::human(id))
    }
    /// An AI or other advisory system: may evaluate and propose, never approve or emit G-code.
    #[staticmethod]
    fn ai(id: String) -> Self {
        Self(core::Actor::ai(id))
    }
    /// An automated service: may evaluate, and emit G-code from a human's approval.
    #[staticmethod]
    fn service(id: String) -> Self {
        Self(core::Actor::service(id))
    }
    /// `human`, `ai` or `service`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    pub(crate) fn __repr__(&self) -> String {
        format!("Actor.{}({})", self.0.kind.as_str(), quoted(&self.0.id))
    }
}

/// Registers the gate classes.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Policy>()?;
    module.add_class::<Actor>()?;
    Ok(())
}
