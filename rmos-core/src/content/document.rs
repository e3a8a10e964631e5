//! Reading a JSON document: a size cap checked before any byte is parsed, and deserialisation that names
//! the failing field's path.

use serde_json::Value;

/// A document that could not be read, with the path of the failing field (`$` for the whole document).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct InvalidDocument {
    /// Path of the failing field: `operations[2].depth_mm`, `tool.flutes`, or `$`.
    pub path: String,
    /// What is wrong with it, lower-case, no trailing period.
    pub reason: String,
}

impl InvalidDocument {
    fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// Parses a JSON document of at most `max_bytes`, refusing a larger one before reading it, and refusing an
/// object that names a key twice (the key's path, `duplicate key`), where a plain JSON reader would keep one
/// of the two values without a word.
///
/// ```
/// use rmos_core::content::parse_document;
/// assert_eq!(parse_document("[1]", 16).unwrap(), serde_json::json!([1]));
/// assert_eq!(parse_document("[1, 2, 3]", 4).unwrap_err().path, "$");
/// let twice = r#"{"stock": {"thickness_mm": 3, "thickness_mm": 30}}"#;
/// assert_eq!(parse_document(twice, 1024).unwrap_err().to_string(), "stock.thickness_mm: duplicate key");
/// ```
pub fn parse_document(text: &str, max_bytes: usize) -> Result<Value, InvalidDocument> {
    if text.len() > max_bytes {
        return Err(InvalidDocument::new(
            "$",
            format!("document is {} bytes; the limit is {max_bytes}", text.len()),
        ));
    }
    super::unique_keys::parse(text).map_err(|e| match e {
        super::unique_keys::ParseError::DuplicateKey(path) => InvalidDocument::new(path, "duplicate key"),
        super::unique_keys::ParseError::Syntax(e) => InvalidDocument::new("$", format!("invalid JSON: {e}")),
    })
}

/// Deserialises a JSON value, naming the failing field's path; a missing field is named itself
/// (`tool.flutes: is required`), not by its parent.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Tool { #[allow(dead_code)] flutes: u32 }
/// #[derive(serde::Deserialize)]
/// struct Doc { #[allow(dead_code)] tool: Tool }
/// let err = rmos_core::content::from_value::<Doc>(serde_json::json!({"tool": {}})).err().unwrap();
/// assert_eq!(err.to_string(), "tool.flutes: is required");
/// ```
pub fn from_value<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, InvalidDocument> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { "$".to_owned() } else { path };
        let inner = e.into_inner().to_string();
        if let Some(field) = missing_field(&inner) {
            let full = if path == "$" {
                field.to_owned()
            } else {
                format!("{path}.{field}")
            };
            return InvalidDocument::new(full, "is required");
        }
        InvalidDocument::new(path, inner)
    })
}

fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next()
}
