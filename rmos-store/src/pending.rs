//! Stand-ins for rmos-core's sealing and canonical encoding until they land (replaced at merge).

use rmos_core::runs::{ContentHash, RunArtifact, RunRecord, SCHEMA};

pub(crate) fn seal(record: RunRecord, seq: u64, prev: Option<ContentHash>) -> RunArtifact {
    let mut artifact = RunArtifact {
        schema: SCHEMA.to_owned(),
        id: ContentHash::of(b""),
        seq,
        prev,
        record,
    };
    let mut value = serde_json::to_value(&artifact).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.remove("id");
    }
    artifact.id = ContentHash::of(&serde_json::to_vec(&value).unwrap_or_default());
    artifact
}

pub(crate) fn canonical(artifact: &RunArtifact) -> Vec<u8> {
    let value = serde_json::to_value(artifact).unwrap_or_default();
    serde_json::to_vec(&value).unwrap_or_default()
}

pub(crate) fn parse(bytes: &[u8]) -> Result<RunArtifact, String> {
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
}
