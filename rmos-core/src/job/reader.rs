//! The job document reader: size cap, client feasibility keys (invariant S1), and errors that name the
//! failing field's path down into each operation (`operations[0].rings: invalid type: ...`).

use serde_json::Value;

use super::document::Job;
use super::operations::Operation;
use super::{CLIENT_FEASIBILITY_KEYS, MAX_JOB_JSON_BYTES};
use crate::content;
use crate::error::InvalidJob;

/// Reads a job document without validating it: parse within the size cap, drop client feasibility keys,
/// deserialise the sections, then each operation by its tag.
pub(super) fn read_job(text: &str) -> Result<Job, InvalidJob> {
    let mut value = parse_document(text)?;
    let ignored = strip_client_feasibility(&mut value);
    // Operations are read one by one below, so that an error inside one names its field.
    let operations = match value.get_mut("operations") {
        Some(ops @ Value::Array(_)) => Some(std::mem::replace(ops, Value::Array(Vec::new()))),
        _ => None,
    };
    let mut job = from_value::<Job>(value)?;
    if let Some(Value::Array(items)) = operations {
        job.operations = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| read_operation(i, item))
            .collect::<Result<_, _>>()?;
    }
    job.client_feasibility_ignored = ignored;
    Ok(job)
}

/// Reads `operations[i]`: its `op` tag first, then its body as that kind's struct.
fn read_operation(i: usize, item: Value) -> Result<Operation, InvalidJob> {
    let at = |e: content::InvalidDocument| {
        let path = if e.path == "$" {
            format!("operations[{i}]")
        } else {
            format!("operations[{i}].{}", e.path)
        };
        InvalidJob::new(path, e.reason)
    };
    match item {
        Value::Object(mut body) => {
            let tag = body
                .remove("op")
                .ok_or_else(|| InvalidJob::new(format!("operations[{i}].op"), "is required"))?;
            let kind = content::from_value(tag)
                .map_err(|e| InvalidJob::new(format!("operations[{i}].op"), e.reason))?;
            Operation::from_body(kind, body).map_err(at)
        }
        other => content::from_value::<Operation>(other).map_err(at),
    }
}

/// Parses a job-sized JSON document ([`MAX_JOB_JSON_BYTES`]).
pub(crate) fn parse_document(text: &str) -> Result<Value, InvalidJob> {
    Ok(content::parse_document(text, MAX_JOB_JSON_BYTES)?)
}

/// Deserialises a JSON value, naming the failing field's path.
pub(crate) fn from_value<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, InvalidJob> {
    Ok(content::from_value(value)?)
}

/// Drops [`CLIENT_FEASIBILITY_KEYS`] anywhere in `value`; true when any was present.
pub fn strip_client_feasibility(value: &mut Value) -> bool {
    match value {
        Value::Object(map) => {
            let mut found = false;
            for key in CLIENT_FEASIBILITY_KEYS {
                found |= map.remove(key).is_some();
            }
            for v in map.values_mut() {
                found |= strip_client_feasibility(v);
            }
            found
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |found, v| strip_client_feasibility(v) | found),
        _ => false,
    }
}
