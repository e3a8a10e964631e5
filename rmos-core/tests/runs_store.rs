//! `MemoryStore`: appending, importing sealed artifacts, reading back, and refusing what does not fit.

mod runs_support;

use rmos_core::content::ContentHash;
use rmos_core::runs::{admit, Attachment, MemoryStore, RunArtifact, RunStore, StoreError, StoredArtifact};
use runs_support::{approval, chain, program, tampered, toolpath, SealAtHead};

#[test]
fn append_seals_each_record_after_the_head() {
    let mut store = MemoryStore::new();
    assert!(store.is_empty().unwrap());
    assert_eq!(store.head().unwrap(), None);
    let first = store.seal_at_head(approval(0), vec![]).unwrap();
    let program = program(1);
    let second = store
        .seal_at_head(toolpath(1, &program), vec![program.clone()])
        .unwrap();
    assert_eq!((first.seq, first.prev), (0, None));
    assert_eq!((second.seq, second.prev), (1, Some(first.id)));
    assert_eq!(
        second,
        RunArtifact::seal(toolpath(1, &program), 1, Some(first.id))
    );
    assert_eq!(store.len().unwrap(), 2);
    assert!(!store.is_empty().unwrap());
    assert_eq!(store.head().unwrap(), Some(second.id));
    assert_eq!(store.get(&first.id).unwrap(), Some(first.clone()));
    assert_eq!(store.get(&second.id).unwrap(), Some(second.clone()));
    assert_eq!(store.get(&ContentHash::of(b"nothing")).unwrap(), None);
    assert_eq!(
        store.attachment(&program.reference().sha256).unwrap(),
        Some(program.data.clone())
    );
    assert_eq!(store.attachment(&ContentHash::of(b"nothing")).unwrap(), None);
    let (stored, attachments) = store.raw();
    assert_eq!(
        stored[1],
        StoredArtifact {
            seq: 1,
            id: second.id,
            bytes: second.canonical_bytes()
        }
    );
    assert_eq!(attachments.len(), 1);
}

#[test]
fn for_each_artifact_reads_the_chain_in_order() {
    let store = chain(10);
    let mut seen = Vec::new();
    store
        .for_each_artifact(&mut |a| {
            seen.push((a.seq, a.record.kind));
            Ok(())
        })
        .unwrap();
    assert_eq!(seen.len(), 10);
    assert!(seen.iter().enumerate().all(|(i, (seq, _))| *seq == i as u64));
    assert_eq!(
        seen.iter()
            .filter(|(_, k)| *k == rmos_core::runs::ArtifactKind::Toolpath)
            .count(),
        3
    );
    let broken = tampered(&store, |a, _| a[4].bytes[0] = b' ');
    let mut count = 0;
    let err = broken.for_each_artifact(&mut |_| {
        count += 1;
        Ok(())
    });
    assert_eq!(
        err,
        Err(StoreError::Corrupt {
            what: "artifact seq 4".into()
        })
    );
    assert_eq!(count, 4);
}

#[test]
fn importing_the_same_artifact_again_is_a_no_op() {
    let source = chain(5);
    let mut copy = MemoryStore::new();
    source
        .for_each_artifact(&mut |a| {
            let attachments: Vec<Attachment> = a
                .record
                .attachments
                .iter()
                .map(|r| Attachment::new(r.name.clone(), source.attachment(&r.sha256).unwrap().unwrap()))
                .collect();
            copy.append_sealed(&a, &attachments).unwrap();
            copy.append_sealed(&a, &attachments).unwrap();
            copy.append_sealed(&a, &[]).unwrap();
            Ok(())
        })
        .unwrap();
    assert_eq!(copy, source);
    let third = source.get(&source.raw().0[2].id).unwrap().unwrap();
    copy.append_sealed(&third, &[]).unwrap();
    assert_eq!(copy.len().unwrap(), 5);
}

#[test]
fn a_different_artifact_under_a_taken_seq_is_refused() {
    let mut store = chain(3);
    let before = store.clone();
    let head = store.head().unwrap();
    let other = RunArtifact::seal(approval(100), 1, head);
    assert_eq!(
        store.append_sealed(&other, &[]),
        Err(StoreError::SeqTaken { seq: 1 })
    );
    let mut same_content_other_id = store.get(&store.raw().0[0].id).unwrap().unwrap();
    same_content_other_id.id = ContentHash::of(b"forged");
    assert_eq!(
        store.append_sealed(&same_content_other_id, &[]),
        Err(StoreError::SeqTaken { seq: 0 })
    );
    assert_eq!(store, before);
    assert_eq!(
        StoreError::SeqTaken { seq: 1 }.to_string(),
        "seq 1 is taken by a different artifact"
    );
}

#[test]
fn a_gap_is_out_of_order() {
    let mut store = chain(3);
    let gap = RunArtifact::seal(approval(3), 4, store.head().unwrap());
    assert_eq!(
        store.append_sealed(&gap, &[]),
        Err(StoreError::OutOfOrder { expected: 3, got: 4 })
    );
    let next = RunArtifact::seal(approval(3), 3, store.head().unwrap());
    store.append_sealed(&next, &[]).unwrap();
    assert_eq!(store.head().unwrap(), Some(next.id));
    assert_eq!(
        StoreError::OutOfOrder { expected: 3, got: 4 }.to_string(),
        "artifact seq 4 does not follow the chain (next seq is 3)"
    );
}

fn reason(err: StoreError) -> String {
    match err {
        StoreError::Inconsistent { seq, reason } => format!("{seq}: {reason}"),
        other => panic!("expected Inconsistent, got {other:?}"),
    }
}

#[test]
fn an_artifact_that_does_not_follow_the_head_is_inconsistent() {
    let mut store = chain(2);
    let before = store.clone();
    let wrong_prev = RunArtifact::seal(approval(2), 2, Some(ContentHash::of(b"elsewhere")));
    assert_eq!(
        reason(store.append_sealed(&wrong_prev, &[]).unwrap_err()),
        format!(
            "2: prev is {} but the artifact before it is {}",
            ContentHash::of(b"elsewhere"),
            store.head().unwrap().unwrap()
        )
    );
    let no_prev = RunArtifact::seal(approval(2), 2, None);
    assert_eq!(
        reason(store.append_sealed(&no_prev, &[]).unwrap_err()),
        format!(
            "2: prev is null but the artifact before it is {}",
            store.head().unwrap().unwrap()
        )
    );
    let mut empty = MemoryStore::new();
    let dangling = RunArtifact::seal(approval(0), 0, Some(ContentHash::of(b"x")));
    assert_eq!(
        reason(empty.append_sealed(&dangling, &[]).unwrap_err()),
        format!(
            "0: prev is {} but the chain has no artifact before it",
            ContentHash::of(b"x")
        )
    );
    assert_eq!(store, before);
}

#[test]
fn an_id_that_does_not_match_the_content_is_inconsistent() {
    let mut store = chain(2);
    let mut edited = RunArtifact::seal(approval(2), 2, store.head().unwrap());
    let sealed_id = edited.id;
    edited.record.at = "2030-01-01T00:00:00Z".into();
    assert_eq!(
        reason(store.append_sealed(&edited, &[]).unwrap_err()),
        format!(
            "2: id {sealed_id} does not match the content, which hashes to {}",
            edited.compute_id()
        )
    );
    assert_eq!(store.len().unwrap(), 2);
}

#[test]
fn attachments_must_match_the_references_exactly() {
    let mut store = chain(2);
    let before = store.clone();
    let program = program(2);
    let sealed = RunArtifact::seal(toolpath(2, &program), 2, store.head().unwrap());
    let sha = program.reference().sha256;
    assert_eq!(
        reason(store.append_sealed(&sealed, &[]).unwrap_err()),
        format!("2: attachment program.nc ({sha}) is not among the attachments given")
    );
    let other = Attachment::new("program.nc", "M30\n");
    assert_eq!(
        reason(
            store
                .append_sealed(&sealed, std::slice::from_ref(&other))
                .unwrap_err()
        ),
        format!("2: attachment program.nc ({sha}) is not among the attachments given")
    );
    assert_eq!(
        reason(
            store
                .append_sealed(&sealed, &[program.clone(), other.clone()])
                .unwrap_err()
        ),
        format!(
            "2: attachment program.nc ({}) is given but the artifact does not reference it",
            ContentHash::of(b"M30\n")
        )
    );
    let mut short = toolpath(2, &program);
    short.attachments[0].bytes -= 1;
    let short = RunArtifact::seal(short, 2, store.head().unwrap());
    let expected_len = program.data.len();
    assert_eq!(
        reason(
            store
                .append_sealed(&short, std::slice::from_ref(&program))
                .unwrap_err()
        ),
        format!(
            "2: attachment program.nc has {expected_len} bytes, the artifact says {}",
            expected_len - 1
        )
    );
    let mut no_output = toolpath(2, &program);
    no_output.output_hash = Some(ContentHash::of(b"other"));
    assert_eq!(
        reason(store.seal_at_head(no_output, vec![program.clone()]).unwrap_err()),
        format!(
            "2: output_hash {} is not among the attachments",
            ContentHash::of(b"other")
        )
    );
    assert_eq!(store, before, "nothing is kept from a refused append");
    store
        .append_sealed(&sealed, &[program.clone(), program.clone()])
        .unwrap();
    assert_eq!(store.raw().1.len(), 1);
}

#[test]
fn a_report_hash_must_be_the_reports_content_address() {
    let mut store = MemoryStore::new();
    let mut wrong = approval(1);
    wrong.report_hash = Some(ContentHash::of(b"another report"));
    let actual = rmos_core::content::hash_canonical(wrong.report.as_ref().unwrap());
    assert_eq!(
        reason(store.seal_at_head(wrong, vec![]).unwrap_err()),
        format!(
            "0: report_hash {} does not match the report, which hashes to {actual}",
            ContentHash::of(b"another report")
        )
    );
    let mut missing = approval(1);
    missing.report = None;
    assert_eq!(
        reason(store.seal_at_head(missing.clone(), vec![]).unwrap_err()),
        format!(
            "0: report_hash {} is set but the report is null",
            missing.report_hash.unwrap()
        )
    );
    assert!(store.is_empty().unwrap());
}

#[test]
fn an_artifact_that_would_not_read_back_is_refused() {
    let mut store = MemoryStore::new();
    let mut record = approval(1);
    std::sync::Arc::make_mut(record.report.as_mut().unwrap())
        .estimates
        .cycle_time_s = f64::INFINITY;
    record.report_hash = record.report.as_deref().map(rmos_core::content::hash_canonical);
    let err = reason(store.seal_at_head(record, vec![]).unwrap_err());
    assert!(
        err.starts_with("0: canonical bytes do not read back: a number is not finite"),
        "{err}"
    );
    assert!(store.is_empty().unwrap());
}

#[test]
fn reads_recheck_content_addresses() {
    let store = chain(3);
    let program_sha = program(2).reference().sha256;
    let swapped = tampered(&store, |_, attachments| attachments[0].1 = b"M30\n".to_vec());
    assert_eq!(
        swapped.attachment(&program_sha),
        Err(StoreError::Corrupt {
            what: format!("attachment {program_sha}")
        })
    );
    assert_eq!(
        swapped.attachment_raw(&program_sha).unwrap(),
        Some(b"M30\n".to_vec())
    );
    let id = store.raw().0[1].id;
    let edited = tampered(&store, |a, _| {
        let at = a[1].bytes.len() - 3;
        a[1].bytes[at] = b'X';
    });
    assert_eq!(
        edited.get(&id),
        Err(StoreError::Corrupt {
            what: format!("artifact {id}")
        })
    );
    let resealed = tampered(&store, |a, _| {
        let mut artifact = RunArtifact::from_canonical_bytes(&a[1].bytes).unwrap();
        artifact.record.at = "2030-01-01T00:00:00Z".into();
        a[1].bytes = artifact.canonical_bytes();
    });
    assert_eq!(
        resealed.get(&id),
        Err(StoreError::Corrupt {
            what: format!("artifact {id}")
        })
    );
    assert_eq!(
        StoreError::Corrupt {
            what: "attachment x".into()
        }
        .to_string(),
        "stored data at attachment x does not match its content address"
    );
}

#[test]
fn raw_parts_round_trip() {
    let store = chain(6);
    let (artifacts, attachments) = store.clone().into_raw();
    assert_eq!(artifacts.len(), 6);
    assert_eq!(attachments.len(), 2);
    assert_eq!(MemoryStore::from_raw(artifacts, attachments), store);
}

#[test]
fn admit_is_usable_by_any_store() {
    let first = RunArtifact::seal(approval(0), 0, None);
    let admitted = admit(&first, 0, None, &[]).unwrap();
    assert_eq!(
        admitted.stored,
        StoredArtifact {
            seq: 0,
            id: first.id,
            bytes: first.canonical_bytes()
        }
    );
    assert!(admitted.attachments.is_empty());
    let program = program(1);
    let second = RunArtifact::seal(toolpath(1, &program), 1, Some(first.id));
    let given = [program.clone()];
    let admitted = admit(&second, 1, Some(&first.id), &given).unwrap();
    assert_eq!(
        admitted.attachments,
        vec![(program.reference().sha256, &given[0])]
    );
    assert_eq!(
        admit(&second, 0, None, &given),
        Err(StoreError::OutOfOrder { expected: 0, got: 1 })
    );
    assert_eq!(
        admit(&second, 2, Some(&first.id), &given),
        Err(StoreError::SeqTaken { seq: 1 })
    );
}
