//! Small conversions between Python values and the core's: enum spellings, counts, JSON, the clock.
//!
//! Enum spellings go through the core's own serde names, so Python accepts exactly what a job document does.

use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::errors::{Error, Result};
use rmos_core::InvalidJob;

/// Parses `text` as the core's enum `T`, spelled as in a job document.
pub fn parse_enum<T: DeserializeOwned>(text: &str) -> std::result::Result<T, String> {
    serde_json::from_value(Value::String(text.to_owned())).map_err(|e| e.to_string())
}

/// A job field holding an enum spelling; a bad spelling is an `InvalidJobError` naming `path`.
pub fn job_enum<T: DeserializeOwned>(path: &str, text: &str) -> Result<T> {
    parse_enum(text).map_err(|reason| Error::InvalidJob(InvalidJob::new(path, reason)))
}

/// The spelling a job document uses for `value` (an enum that serialises as a string).
pub fn enum_id<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A count field: a Python int that must fit the core's `u32`.
pub fn count(path: &str, value: i64) -> Result<u32> {
    u32::try_from(value).map_err(|_| {
        Error::InvalidJob(InvalidJob::new(
            path,
            format!("must be a whole number from 0 to {}", u32::MAX),
        ))
    })
}

/// A JSON document as Python values (dicts, lists, numbers, strings), read by Python's own `json`.
pub fn json_to_py<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.getattr("loads")?.call1((text,))
}

/// The host's clock, as the RFC 3339 UTC timestamp the core records (`YYYY-MM-DDTHH:MM:SSZ`).
/// The core never reads a clock; its Python face does, for callers that pass no `at`.
pub fn now_utc(py: Python<'_>) -> PyResult<String> {
    let datetime = py.import("datetime")?;
    let utc = datetime.getattr("timezone")?.getattr("utc")?;
    datetime
        .getattr("datetime")?
        .call_method1("now", (utc,))?
        .call_method1("strftime", ("%Y-%m-%dT%H:%M:%SZ",))?
        .extract()
}

/// `at` as given, or now.
pub fn at_or_now(py: Python<'_>, at: Option<String>) -> PyResult<String> {
    match at {
        Some(at) => Ok(at),
        None => now_utc(py),
    }
}

/// `Name(field=repr, ...)` for a value class, from its own attributes.
pub fn keyword_repr(obj: &Bound<'_, PyAny>, fields: &[&str]) -> PyResult<String> {
    let name = obj.get_type().name()?;
    let mut parts = Vec::with_capacity(fields.len());
    for field in fields {
        parts.push(format!("{field}={}", obj.getattr(*field)?.repr()?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// A string as Python's `repr` writes it, for the strings RMOS shows (ids, hashes, names).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}
