//! The ground floor: content addresses, canonical JSON and the JSON document reader.
//!
//! Everything RMOS records or refers to is named by the SHA-256 of its canonical bytes: a job by its request
//! hash, a policy by its policy hash, an artifact by its id, an attachment by its digest. This module holds
//! that vocabulary, and nothing of the authority: it imports no other module of the crate, so every floor
//! above can use it without reaching into the ledger.
//!
//! - [`ContentHash`]: a SHA-256 digest, printed `sha256:<hex>`.
//! - [`canonical_bytes`], [`canonical_json`], [`try_canonical_bytes`]: the RFC 8785 encoder;
//!   [`check_canonical_json`]: its checker; [`hash_canonical`]: the content address of a value.
//! - [`parse_document`], [`from_value`]: read a JSON document within a size cap and deserialise it, naming
//!   the failing field's path ([`InvalidDocument`]); a key named twice in one object is refused.
//!
//! ```
//! use rmos_core::content::{canonical_json, hash_canonical, ContentHash};
//! let value = serde_json::json!({"b": 1, "a": [0.5, 1e21]});
//! assert_eq!(canonical_json(&value), br#"{"a":[0.5,1e+21],"b":1}"#.to_vec());
//! assert_eq!(hash_canonical(&value), ContentHash::of(br#"{"a":[0.5,1e+21],"b":1}"#));
//! ```

mod canonical;
mod document;
mod hash;
pub mod merkle;
mod unique_keys;

pub use canonical::{
    canonical_bytes, canonical_json, check_canonical_json, hash_canonical, try_canonical_bytes,
    CanonicalError, NotCanonical,
};
pub(crate) use canonical::{check_canonical, check_canonical_shape, RootMember, Writer};
pub use document::{from_value, parse_document, InvalidDocument};
pub use hash::{BadContentHash, ContentHash};
