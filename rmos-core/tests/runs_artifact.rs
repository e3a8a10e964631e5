//! Sealing artifacts, their canonical bytes and content address, and strict decoding.

mod runs_support;

use rmos_core::content::{canonical_bytes, canonical_json, hash_canonical, ContentHash};
use rmos_core::engines::EngineStamps;
use rmos_core::gates::Actor;
use rmos_core::runs::{ArtifactKind, AttachmentRef, DecodeError, RunArtifact, RunRecord, RunStatus, SCHEMA};
use runs_support::{approval, program, toolpath};

/// A record whose every field is spelled out, so its bytes and id are pinned (determinism, D1).
fn pinned() -> RunRecord {
    RunRecord {
        kind: ArtifactKind::Toolpath,
        status: RunStatus::Ok,
        at: "2025-06-01T09:30:00Z".into(),
        actor: Actor::human("luthier"),
        request_hash: ContentHash::of(b"job"),
        report_hash: None,
        report: None,
        policy_hash: ContentHash::of(b"policy"),
        engines: EngineStamps {
            feasibility: "rmos.feasibility/1.0.0".into(),
            toolpath: Some("rmos.toolpath/1.0.0".into()),
            post: Some("rmos.post.grbl/1.0.0".into()),
            readback: None,
        },
        reasons: vec!["override: \"thin top\"".into()],
        post: Some("grbl".into()),
        output_hash: Some(ContentHash::of(b"G21\n")),
        attachments: vec![AttachmentRef {
            bytes: 4,
            name: "program.nc".into(),
            sha256: ContentHash::of(b"G21\n"),
        }],
    }
}

#[test]
fn canonical_bytes_and_id_are_pinned() {
    let artifact = RunArtifact::seal(pinned(), 7, Some(ContentHash::of(b"six")));
    let job = ContentHash::of(b"job");
    let policy = ContentHash::of(b"policy");
    let gcode = ContentHash::of(b"G21\n");
    let prev = ContentHash::of(b"six");
    let body = format!(
        concat!(
            r#"{{"actor":{{"id":"luthier","kind":"human"}},"at":"2025-06-01T09:30:00Z","#,
            r#""attachments":[{{"bytes":4,"name":"program.nc","sha256":"{gcode}"}}],"#,
            r#""engines":{{"feasibility":"rmos.feasibility/1.0.0","post":"rmos.post.grbl/1.0.0","#,
            r#""readback":null,"toolpath":"rmos.toolpath/1.0.0"}},{id}"kind":"toolpath","#,
            r#""output_hash":"{gcode}","policy_hash":"{policy}","post":"grbl","prev":"{prev}","#,
            r#""reasons":["override: \"thin top\""],"report":null,"report_hash":null,"#,
            r#""request_hash":"{job}","schema":"rmos.run/1","seq":7,"status":"OK"}}"#
        ),
        gcode = gcode,
        policy = policy,
        prev = prev,
        job = job,
        id = "{id}",
    );
    let without_id = body.replace("{id}", "");
    assert_eq!(artifact.id, ContentHash::of(without_id.as_bytes()));
    let whole = body.replace("{id}", &format!(r#""id":"{}","#, artifact.id));
    assert_eq!(String::from_utf8(artifact.canonical_bytes()).unwrap(), whole);
    assert_eq!(
        artifact.id.to_string(),
        "sha256:3fc07bc8f7631a106c626cc5c3c755924d5167e6a0a4826a6d0e420cdce75a52"
    );
}

#[test]
fn seal_sets_schema_seq_prev_and_a_matching_id() {
    let first = RunArtifact::seal(approval(0), 0, None);
    assert_eq!((first.schema.as_str(), first.seq, first.prev), (SCHEMA, 0, None));
    assert_eq!(first.compute_id(), first.id);
    assert_eq!(first.record, approval(0));
    let second = RunArtifact::seal(approval(0), 1, Some(first.id));
    assert_ne!(second.id, first.id, "seq and prev are part of the content");
    let again = RunArtifact::seal(approval(0), 0, None);
    assert_eq!(again.id, first.id, "sealing is deterministic");
}

#[test]
fn the_id_covers_every_field() {
    let base = RunArtifact::seal(approval(1), 3, Some(ContentHash::of(b"2")));
    let changes: Vec<fn(&mut RunArtifact)> = vec![
        |a| a.seq = 4,
        |a| a.prev = None,
        |a| a.schema = "rmos.run/2".into(),
        |a| a.record.kind = ArtifactKind::Toolpath,
        |a| a.record.status = RunStatus::Error,
        |a| a.record.at.push('0'),
        |a| a.record.actor = Actor::ai("luthier"),
        |a| a.record.request_hash = ContentHash::of(b"other job"),
        |a| a.record.report_hash = None,
        |a| std::sync::Arc::make_mut(a.record.report.as_mut().unwrap()).score += 1e-9,
        |a| a.record.policy_hash = ContentHash::of(b"other policy"),
        |a| a.record.engines.readback = Some("r".into()),
        |a| a.record.reasons.clear(),
        |a| a.record.post = Some("grbl".into()),
        |a| a.record.output_hash = Some(ContentHash::of(b"x")),
        |a| a.record.attachments.push(program(1).reference()),
        |a| {
            std::sync::Arc::make_mut(a.record.report.as_mut().unwrap()).findings[0]
                .code
                .push('X')
        },
    ];
    for (i, change) in changes.iter().enumerate() {
        let mut changed = base.clone();
        change(&mut changed);
        assert_ne!(changed.compute_id(), base.id, "change {i}");
        assert_eq!(changed.id, base.id, "the stored id is not updated by itself");
    }
    let mut id_only = base.clone();
    id_only.id = ContentHash::of(b"forged");
    assert_eq!(
        id_only.compute_id(),
        base.id,
        "the id is not part of its own content"
    );
}

#[test]
fn canonical_bytes_read_back_to_the_same_artifact() {
    let program = program(2);
    for artifact in [
        RunArtifact::seal(approval(0), 0, None),
        RunArtifact::seal(approval(1), 1, Some(ContentHash::of(b"0"))),
        RunArtifact::seal(toolpath(2, &program), 2, Some(ContentHash::of(b"1"))),
    ] {
        let bytes = artifact.canonical_bytes();
        assert_eq!(bytes, canonical_bytes(&artifact));
        assert_eq!(bytes, canonical_json(&serde_json::to_value(&artifact).unwrap()));
        assert_eq!(RunArtifact::from_canonical_bytes(&bytes).unwrap(), artifact);
    }
}

#[test]
fn report_hash_is_the_content_address_of_the_report_bytes_inside() {
    let artifact = RunArtifact::seal(approval(1), 0, None);
    let report = artifact.record.report.as_ref().unwrap();
    let report_bytes = canonical_bytes(report);
    assert_eq!(artifact.record.report_hash, Some(hash_canonical(report)));
    let text = artifact.canonical_bytes();
    let inner = format!(r#""report":{},"#, String::from_utf8(report_bytes).unwrap());
    assert!(String::from_utf8(text).unwrap().contains(&inner));
}

fn decode(text: &str) -> Result<RunArtifact, DecodeError> {
    RunArtifact::from_canonical_bytes(text.as_bytes())
}

#[test]
fn decoding_refuses_anything_but_the_canonical_form() {
    let artifact = RunArtifact::seal(approval(1), 5, Some(ContentHash::of(b"4")));
    let good = String::from_utf8(artifact.canonical_bytes()).unwrap();
    assert_eq!(decode(&good).unwrap(), artifact);

    let at = |needle: &str| good.find(needle).unwrap();
    let spaced = good.replacen(r#""seq":5"#, r#""seq": 5"#, 1);
    assert_eq!(
        decode(&spaced),
        Err(DecodeError::NotCanonical {
            offset: at(r#""seq":5"#) + 6
        })
    );
    let trailing = format!("{good}\n");
    assert_eq!(
        decode(&trailing),
        Err(DecodeError::NotCanonical { offset: good.len() })
    );
    let float_seq = good.replacen(r#""seq":5"#, r#""seq":5.0"#, 1);
    assert_eq!(
        decode(&float_seq),
        Err(DecodeError::NotCanonical {
            offset: at(r#""seq":5"#) + 6
        })
    );
    let fractional_seq = good.replacen(r#""seq":5"#, r#""seq":5.5"#, 1);
    assert!(
        matches!(
            decode(&fractional_seq),
            Err(DecodeError::Parse(m)) if m.contains("invalid type: floating point `5.5`")
        ),
        "a seq is a whole number"
    );
    let long_score = good.replacen(r#""score":87.375"#, r#""score":87.3750"#, 1);
    assert_ne!(long_score, good);
    assert_eq!(
        decode(&long_score),
        Err(DecodeError::NotCanonical {
            offset: at(r#""score":87.375"#) + 8
        })
    );
    let escaped = good.replacen("luthier", "lu\\u0074hier", 1);
    assert_eq!(
        decode(&escaped),
        Err(DecodeError::NotCanonical {
            offset: at("luthier") + 2
        })
    );
    let swapped = good.replacen(
        r#"{"id":"luthier","kind":"human"}"#,
        r#"{"kind":"human","id":"luthier"}"#,
        1,
    );
    assert_eq!(
        decode(&swapped),
        Err(DecodeError::NotCanonical {
            offset: at(r#""id":"luthier""#) + r#""kind":"human","#.len()
        })
    );
    // Still canonical JSON, and serde reads a missing option as None: only re-encoding shows the gap.
    let no_post = good.replacen(r#""post":null,"#, "", 1);
    assert_eq!(
        decode(&no_post),
        Err(DecodeError::NotCanonical {
            offset: at(r#""post":null,"#) + 1
        })
    );
    let unknown = good.replacen(r#""at":"#, r#""approved":true,"at":"#, 1);
    assert!(matches!(decode(&unknown), Err(DecodeError::Parse(m)) if m.contains("unknown field `approved`")));
    let schema = good.replacen("rmos.run/1", "rmos.run/2", 1);
    assert_eq!(decode(&schema), Err(DecodeError::Schema("rmos.run/2".into())));
    assert_eq!(
        DecodeError::Schema("rmos.run/2".into()).to_string(),
        "schema is \"rmos.run/2\", want \"rmos.run/1\""
    );
    assert!(matches!(decode("{}"), Err(DecodeError::Parse(m)) if m.contains("missing field")));
    assert_eq!(decode(""), Err(DecodeError::NotCanonical { offset: 0 }));
    let bad_hash = good.replacen("sha256:", "sha256:X", 1);
    assert!(matches!(decode(&bad_hash), Err(DecodeError::Parse(m)) if m.contains("not a content address")));
}

#[test]
fn a_report_with_a_non_finite_number_does_not_read_back() {
    let mut record = approval(1);
    std::sync::Arc::make_mut(record.report.as_mut().unwrap()).score = f64::NAN;
    let artifact = RunArtifact::seal(record, 0, None);
    let bytes = artifact.canonical_bytes();
    assert!(String::from_utf8(bytes.clone())
        .unwrap()
        .contains(r#""score":null"#));
    assert!(matches!(
        RunArtifact::from_canonical_bytes(&bytes),
        Err(DecodeError::Parse(_))
    ));
}
