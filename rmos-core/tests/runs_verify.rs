//! `verify`: a good chain passes; every kind of tampering is caught at the first bad seq.

mod runs_support;

use proptest::prelude::*;
use rmos_core::content::{canonical_json, ContentHash};
use rmos_core::runs::{
    verify, verify_strict, AppendRight, Attachment, MemoryStore, RunArtifact, RunRecord, RunStore,
    StoreError, StoredArtifact, TamperError, VerifyError, VerifyReport,
};
use runs_support::{approval, chain, program, tampered, toolpath, SealAtHead};

fn broken_at(store: &MemoryStore) -> (u64, String) {
    match verify(store) {
        Err(VerifyError::Tampered(TamperError { seq, reason })) => (seq, reason),
        other => panic!("expected a broken chain, got {other:?}"),
    }
}

#[test]
fn a_good_chain_verifies() {
    let store = chain(2_000);
    let report = verify(&store).unwrap();
    assert_eq!(
        report,
        VerifyReport {
            artifacts: 2_000,
            head: store.head().unwrap()
        }
    );
    assert_eq!(
        store.verify().unwrap(),
        report,
        "the trait method walks the same chain"
    );
    assert_eq!(
        verify(&MemoryStore::new()).unwrap(),
        VerifyReport {
            artifacts: 0,
            head: None
        }
    );
}

#[test]
fn an_edited_byte_is_named_at_its_seq() {
    let store = chain(60);
    for seq in [0usize, 1, 2, 29, 59] {
        let len = store.raw().0[seq].bytes.len();
        for at in [0, 1, 9, len / 3, len / 2, len - 80, len - 2, len - 1] {
            let edited = tampered(&store, |a, _| a[seq].bytes[at] ^= 0x01);
            let (bad, reason) = broken_at(&edited);
            assert_eq!(bad, seq as u64, "byte {at} of seq {seq}: {reason}");
        }
    }
}

#[test]
fn an_edited_value_is_a_content_address_mismatch() {
    let store = chain(10);
    let edited = tampered(&store, |a, _| {
        let text = String::from_utf8(a[4].bytes.clone()).unwrap();
        a[4].bytes = text.replace("luthier", "lutheir").into_bytes();
    });
    let artifact = RunArtifact::from_canonical_bytes(&edited.raw().0[4].bytes).unwrap();
    assert_eq!(
        broken_at(&edited),
        (
            4,
            format!(
                "content address mismatch: the artifact says {}, its content hashes to {}",
                artifact.id,
                artifact.compute_id()
            )
        )
    );
    let err = verify(&edited).unwrap_err();
    assert_eq!(err.tampered_seq(), Some(4));
    assert!(err
        .to_string()
        .starts_with("chain does not verify: seq 4: content address mismatch: the artifact says sha256:"));
}

#[test]
fn a_changed_recorded_id_is_caught() {
    let store = chain(10);
    let recorded = tampered(&store, |a, _| a[6].id = ContentHash::of(b"forged"));
    let real = store.raw().0[6].id;
    assert_eq!(
        broken_at(&recorded),
        (
            6,
            format!(
                "recorded id {} is not the artifact's id {real}",
                ContentHash::of(b"forged")
            )
        )
    );
}

#[test]
fn non_canonical_bytes_are_caught_even_with_a_matching_hash() {
    let store = chain(5);
    // Same JSON value, other spelling: parses fine but is not the canonical form.
    let spaced = tampered(&store, |a, _| a[2].bytes.insert(1, b' '));
    assert_eq!(
        broken_at(&spaced),
        (2, "bytes are not in canonical form (rfc 8785) at byte 1".into())
    );
    let garbage = tampered(&store, |a, _| a[3].bytes = b"not json".to_vec());
    assert_eq!(
        broken_at(&garbage),
        (3, "bytes are not in canonical form (rfc 8785) at byte 0".into())
    );
    // Canonical JSON, but not an artifact: a key is missing.
    let no_post = tampered(&store, |a, _| {
        let text = String::from_utf8(a[1].bytes.clone()).unwrap();
        a[1].bytes = text
            .replacen(r#""post":null,"prev""#, r#""prev""#, 1)
            .into_bytes();
    });
    assert_eq!(
        broken_at(&no_post),
        (
            1,
            r#"bytes do not parse as an rmos.run/1 artifact: found key "prev" where "post" belongs"#.into()
        )
    );
}

#[test]
fn a_deleted_artifact_is_named_where_it_is_missing() {
    let store = chain(20);
    for gone in [0usize, 7, 18] {
        let deleted = tampered(&store, |a, _| {
            a.remove(gone);
        });
        assert_eq!(
            broken_at(&deleted),
            (
                gone as u64,
                format!(
                    "found the artifact of seq {}: an artifact is missing, reordered or inserted",
                    gone + 1
                )
            )
        );
    }
}

#[test]
fn swapped_artifacts_are_named_at_the_first() {
    let store = chain(20);
    let swapped = tampered(&store, |a, _| a.swap(5, 12));
    assert_eq!(
        broken_at(&swapped),
        (
            5,
            "found the artifact of seq 12: an artifact is missing, reordered or inserted".into()
        )
    );
    // Swapping the bytes but keeping the seq and id columns in place is caught too.
    let contents = tampered(&store, |a, _| {
        let (left, right) = a.split_at_mut(6);
        std::mem::swap(&mut left[5].bytes, &mut right[0].bytes);
    });
    let (seq, reason) = broken_at(&contents);
    assert_eq!(seq, 5);
    assert!(reason.starts_with("recorded id "), "{reason}");
}

#[test]
fn an_inserted_artifact_is_named_where_it_was_put() {
    let store = chain(20);
    // A copy of seq 3 put in at position 8 is out of place at once.
    let copy = tampered(&store, |a, _| {
        let third = a[3].clone();
        a.insert(8, third);
    });
    assert_eq!(
        broken_at(&copy),
        (
            8,
            "found the artifact of seq 3: an artifact is missing, reordered or inserted".into()
        )
    );
    // A well-formed artifact sealed to follow seq 9, slipped in before the real seq 10. At position 10 it
    // is indistinguishable from a real artifact (a chain that stopped there would be valid), so the first
    // position that fails is 11, where the displaced seq 10 now stands.
    let prev = store.raw().0[9].id;
    let intruder = RunArtifact::seal(approval(999), 10, Some(prev));
    let stored = StoredArtifact {
        seq: 10,
        id: intruder.id,
        bytes: intruder.canonical_bytes(),
    };
    let inserted = tampered(&store, |a, _| a.insert(10, stored.clone()));
    assert_eq!(
        broken_at(&inserted),
        (
            11,
            "found the artifact of seq 10: an artifact is missing, reordered or inserted".into()
        )
    );
    // Renumbered to fit, it still breaks the link after it.
    let renumbered = tampered(&store, |a, _| {
        a.insert(10, stored.clone());
        for (i, s) in a.iter_mut().enumerate().skip(11) {
            let mut artifact = RunArtifact::from_canonical_bytes(&s.bytes).unwrap();
            artifact.seq = i as u64;
            artifact.id = artifact.compute_id();
            *s = StoredArtifact {
                seq: i as u64,
                id: artifact.id,
                bytes: artifact.canonical_bytes(),
            };
        }
    });
    assert_eq!(
        broken_at(&renumbered),
        (
            11,
            format!("prev is {prev} but the artifact before it is {}", intruder.id)
        )
    );
}

#[test]
fn a_swapped_or_missing_attachment_is_caught() {
    let store = chain(9);
    let first_program = program(2).reference();
    let second_program = program(5).reference();
    let swapped = tampered(&store, |_, attachments| {
        let (left, right) = attachments.split_at_mut(1);
        std::mem::swap(&mut left[0].1, &mut right[0].1);
    });
    let (low, high) = if first_program.sha256 < second_program.sha256 {
        (first_program, second_program)
    } else {
        (second_program, first_program)
    };
    // The map is ordered by hash: seq 2's program sits at whichever index its hash sorts to.
    assert_eq!(
        broken_at(&swapped),
        (
            2,
            format!(
                "attachment program.nc does not match its content address: the artifact says {}, \
                 the stored bytes hash to {}",
                program(2).reference().sha256,
                if program(2).reference().sha256 == low.sha256 {
                    high.sha256
                } else {
                    low.sha256
                }
            )
        )
    );
    let missing = tampered(&store, |_, attachments| {
        attachments.retain(|(h, _)| *h != program(5).reference().sha256)
    });
    assert_eq!(
        broken_at(&missing),
        (
            5,
            format!(
                "attachment program.nc ({}) is missing",
                program(5).reference().sha256
            )
        )
    );
}

#[test]
fn a_wrong_byte_count_for_an_attachment_is_caught() {
    // Sealed elsewhere with a byte count that does not match, then imported raw.
    let program = program(0);
    let mut record = toolpath(0, &program);
    record.attachments[0].bytes += 1;
    let artifact = RunArtifact::seal(record, 0, None);
    let store = MemoryStore::from_raw(
        vec![StoredArtifact {
            seq: 0,
            id: artifact.id,
            bytes: artifact.canonical_bytes(),
        }],
        vec![(program.reference().sha256, program.data.clone())],
    );
    let n = program.data.len();
    assert_eq!(
        broken_at(&store),
        (
            0,
            format!("attachment program.nc has {n} bytes, the artifact says {}", n + 1)
        )
    );
}

#[test]
fn a_truncated_tail_is_not_an_error() {
    // Nothing inside a chain says how long it should be: each artifact names only the one before it, and
    // the head is not anchored anywhere in the store. A chain cut after any artifact is a valid, shorter
    // chain. Hosts catch this by keeping `VerifyReport::head` elsewhere and comparing it.
    let store = chain(20);
    let cut = tampered(&store, |a, _| a.truncate(12));
    let report = verify(&cut).unwrap();
    assert_eq!(report.artifacts, 12);
    assert_eq!(report.head, Some(store.raw().0[11].id));
    assert_ne!(
        report.head,
        store.head().unwrap(),
        "the kept head tells the two apart"
    );
}

#[test]
fn a_resealed_head_passes_until_compared_with_a_kept_head() {
    // The same limit: whoever can rewrite the store can re-seal its last artifact.
    let store = chain(8);
    let forged = tampered(&store, |a, _| {
        let mut artifact = RunArtifact::from_canonical_bytes(&a[7].bytes).unwrap();
        artifact.record.reasons = vec!["never happened".into()];
        artifact.id = artifact.compute_id();
        a[7] = StoredArtifact {
            seq: 7,
            id: artifact.id,
            bytes: artifact.canonical_bytes(),
        };
    });
    let report = verify(&forged).unwrap();
    assert_ne!(report.head, store.head().unwrap());
    // Re-sealing any earlier artifact breaks the next link.
    let earlier = tampered(&store, |a, _| {
        let mut artifact = RunArtifact::from_canonical_bytes(&a[3].bytes).unwrap();
        artifact.record.reasons = vec!["never happened".into()];
        artifact.id = artifact.compute_id();
        a[3] = StoredArtifact {
            seq: 3,
            id: artifact.id,
            bytes: artifact.canonical_bytes(),
        };
    });
    assert_eq!(broken_at(&earlier).0, 4);
}

#[test]
fn a_wrong_first_prev_or_stored_seq_is_caught() {
    let orphan = RunArtifact::seal(approval(0), 0, Some(ContentHash::of(b"before time")));
    let store = MemoryStore::from_raw(
        vec![StoredArtifact {
            seq: 0,
            id: orphan.id,
            bytes: orphan.canonical_bytes(),
        }],
        vec![],
    );
    assert_eq!(
        broken_at(&store),
        (
            0,
            format!(
                "prev is {} but the chain has no artifact before it",
                ContentHash::of(b"before time")
            )
        )
    );
    let relabelled = tampered(&chain(4), |a, _| a[2].seq = 7);
    assert_eq!(broken_at(&relabelled), (2, "stored under seq 7".into()));
}

/// A store that fails, or that lies about its length, around a good chain.
struct Faulty {
    inner: MemoryStore,
    len: u64,
    fail_attachments: bool,
}

impl RunStore for Faulty {
    fn append(
        &mut self,
        record: RunRecord,
        attachments: Vec<Attachment>,
        right: AppendRight<'_>,
    ) -> Result<RunArtifact, StoreError> {
        self.inner.append(record, attachments, right)
    }
    fn append_sealed(
        &mut self,
        artifact: &RunArtifact,
        attachments: &[Attachment],
    ) -> Result<(), StoreError> {
        self.inner.append_sealed(artifact, attachments)
    }
    fn head(&self) -> Result<Option<ContentHash>, StoreError> {
        self.inner.head()
    }
    fn get(&self, id: &ContentHash) -> Result<Option<RunArtifact>, StoreError> {
        self.inner.get(id)
    }
    fn attachment(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        self.inner.attachment(sha256)
    }
    fn len(&self) -> Result<u64, StoreError> {
        Ok(self.len)
    }
    fn for_each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArtifact) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.inner.for_each_stored(visit)
    }
    fn attachment_raw(&self, sha256: &ContentHash) -> Result<Option<Vec<u8>>, StoreError> {
        if self.fail_attachments {
            return Err(StoreError::Backend("disk unplugged".into()));
        }
        self.inner.attachment_raw(sha256)
    }
}

#[test]
fn store_failures_are_not_tampering() {
    let failing = Faulty {
        inner: chain(6),
        len: 6,
        fail_attachments: true,
    };
    let err = verify(&failing).unwrap_err();
    assert_eq!(
        err,
        VerifyError::Store(StoreError::Backend("disk unplugged".into()))
    );
    assert_eq!(err.tampered_seq(), None);
    assert_eq!(
        err.to_string(),
        "store could not be read for verification: store backend failed: disk unplugged"
    );
}

#[test]
fn a_length_that_disagrees_with_the_walk_is_caught() {
    let longer = Faulty {
        inner: chain(6),
        len: 9,
        fail_attachments: false,
    };
    assert_eq!(
        verify(&longer),
        Err(VerifyError::Tampered(TamperError {
            seq: 6,
            reason: "store says it holds 9 artifacts but 6 were walked".into()
        }))
    );
    let shorter = Faulty {
        inner: chain(6),
        len: 4,
        fail_attachments: false,
    };
    assert_eq!(verify(&shorter).unwrap_err().tampered_seq(), Some(4));
}

fn any_record() -> impl Strategy<Value = (RunRecord, Option<Attachment>)> {
    (
        any::<u16>(),
        any::<bool>(),
        "\\PC{0,12}",
        prop::collection::vec("\\PC{0,20}", 0..3),
        -1e9f64..1e9,
    )
        .prop_map(|(n, with_program, actor, reasons, score)| {
            let n = u64::from(n);
            if with_program {
                let program = Attachment::new("program.nc", format!("G1 X{n}\n{actor}"));
                let mut record = toolpath(n, &program);
                record.reasons = reasons;
                (record, Some(program))
            } else {
                let mut record = approval(n);
                record.actor.id = actor;
                record.reasons = reasons;
                if let Some(report) = record.report.as_mut() {
                    std::sync::Arc::make_mut(report).score = score;
                }
                record.report_hash = record.report.as_deref().map(rmos_core::content::hash_canonical);
                (record, None)
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any one flipped byte of any one artifact is named at exactly that artifact's seq.
    #[test]
    fn a_flipped_byte_is_named_at_exactly_its_seq(
        records in prop::collection::vec(any_record(), 1..24),
        pick in any::<prop::sample::Index>(),
        offset in any::<prop::sample::Index>(),
        mask in 1u8..,
    ) {
        let mut store = MemoryStore::new();
        for (record, program) in records {
            store.seal_at_head(record, program.into_iter().collect()).unwrap();
        }
        prop_assert_eq!(verify(&store).unwrap().artifacts, store.len().unwrap());
        let seq = pick.index(store.raw().0.len());
        let at = offset.index(store.raw().0[seq].bytes.len());
        let edited = tampered(&store, |a, _| a[seq].bytes[at] ^= mask);
        match verify(&edited) {
            Err(VerifyError::Tampered(t)) => prop_assert_eq!(t.seq, seq as u64, "{}", t.reason),
            other => prop_assert!(false, "flip at {} of seq {} not caught: {:?}", at, seq, other),
        }
    }
}

/// An artifact that is canonical JSON, correctly hashed and linked, but whose report has a field the
/// schema does not know: it was never sealed by RMOS (its report would not read back as written).
fn foreign_artifact() -> MemoryStore {
    let sealed = RunArtifact::seal(approval(1), 0, None);
    let mut value = serde_json::to_value(&sealed).unwrap();
    value["report"]["zz_extra"] = serde_json::json!(1);
    value["report_hash"] = serde_json::json!(ContentHash::of(&canonical_json(&value["report"])));
    value.as_object_mut().unwrap().remove("id");
    let id = ContentHash::of(&canonical_json(&value));
    value["id"] = serde_json::json!(id);
    MemoryStore::from_raw(
        vec![StoredArtifact {
            seq: 0,
            id,
            bytes: canonical_json(&value),
        }],
        vec![],
    )
}

#[test]
fn strict_verification_also_reads_every_artifact_back() {
    let store = foreign_artifact();
    // Integrity holds: every content address and link matches.
    assert_eq!(verify(&store).unwrap().artifacts, 1);
    // But the artifact is not the canonical form of anything RMOS can decode, so `get` refuses it and the
    // strict walk names it.
    let id = store.head().unwrap().unwrap();
    assert_eq!(
        store.get(&id),
        Err(StoreError::Corrupt {
            what: format!("artifact {id}")
        })
    );
    let text = String::from_utf8(store.raw().0[0].bytes.clone()).unwrap();
    let offset = text.find(r#","zz_extra""#).unwrap();
    assert_eq!(
        verify_strict(&store),
        Err(VerifyError::Tampered(TamperError {
            seq: 0,
            reason: format!("bytes are not in canonical form (rfc 8785) at byte {offset}"),
        }))
    );
    // On chains built through a store, the two agree.
    let good = chain(50);
    assert_eq!(verify_strict(&good).unwrap(), verify(&good).unwrap());
}
