//! The canonical-JSON (RFC 8785) checker and the run-artifact decoder on arbitrary bytes: never a panic;
//! bytes the checker accepts are JSON whose canonical form is those very bytes; an artifact that decodes
//! re-encodes to the bytes it came from.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rmos_core::content::{canonical_json, check_canonical_json};
use rmos_core::runs::RunArtifact;

fuzz_target!(|data: &[u8]| {
    let canonical = check_canonical_json(data).is_ok();
    if canonical {
        let value: serde_json::Value = serde_json::from_slice(data).unwrap_or_else(|e| {
            panic!(
                "canonical bytes that are not JSON: {e}: {:?}",
                String::from_utf8_lossy(data)
            )
        });
        assert_eq!(
            canonical_json(&value),
            data,
            "canonical bytes re-encode differently: {}",
            String::from_utf8_lossy(data)
        );
    }
    if let Ok(artifact) = RunArtifact::from_canonical_bytes(data) {
        assert!(canonical, "an artifact decoded from bytes that are not canonical");
        assert_eq!(
            artifact.canonical_bytes(),
            data,
            "a decoded artifact re-encodes differently"
        );
    }
});
