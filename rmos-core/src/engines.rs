//! Version stamps of every engine (invariant S7).

use serde::{Deserialize, Serialize};

/// The feasibility engine's stamp.
pub const FEASIBILITY: &str = concat!("rmos.feasibility/", env!("CARGO_PKG_VERSION"));
/// The toolpath engine's stamp.
pub const TOOLPATH: &str = concat!("rmos.toolpath/", env!("CARGO_PKG_VERSION"));
/// The read-back checker's stamp.
pub const READBACK: &str = concat!("rmos.readback/", env!("CARGO_PKG_VERSION"));
/// The version of the post processors; a stamp is `rmos.post.<dialect>/<version>`.
pub const POST_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The post stamp for a dialect id: `rmos.post.grbl/0.1.0`.
///
/// ```
/// assert!(rmos_core::engines::post_stamp("grbl").starts_with("rmos.post.grbl/"));
/// ```
pub fn post_stamp(dialect: &str) -> String {
    format!("rmos.post.{dialect}/{POST_VERSION}")
}

/// The engines that took part in one artifact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineStamps {
    /// Feasibility engine stamp.
    pub feasibility: String,
    /// Toolpath engine stamp (toolpath artifacts).
    pub toolpath: Option<String>,
    /// Post stamp (toolpath artifacts).
    pub post: Option<String>,
    /// Read-back checker stamp (toolpath artifacts).
    pub readback: Option<String>,
}

impl EngineStamps {
    /// Stamps for an approval artifact.
    pub fn approval() -> Self {
        Self {
            feasibility: FEASIBILITY.to_owned(),
            toolpath: None,
            post: None,
            readback: None,
        }
    }

    /// Stamps for a toolpath artifact made with `dialect`.
    pub fn toolpath(dialect: &str) -> Self {
        Self {
            feasibility: FEASIBILITY.to_owned(),
            toolpath: Some(TOOLPATH.to_owned()),
            post: Some(post_stamp(dialect)),
            readback: Some(READBACK.to_owned()),
        }
    }
}
