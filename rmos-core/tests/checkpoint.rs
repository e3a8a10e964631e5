//! Signed tree heads: the C2SP tlog-checkpoint text, its signature by the ledger key, and the proof that a
//! newer ledger extends a kept checkpoint (which catches truncation, a replaced file and a re-sealed history).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use rmos_core::checkpoint::{Checkpoint, CheckpointError};
use rmos_core::content::merkle::{self, Frontier, MerkleError, TreeHash};
use rmos_core::keys::note::{key_id, NoteError};
use rmos_core::keys::SigningKey;

const ORIGIN: &str = "rmos.example/ledger/shop-1";

fn ledger_key() -> SigningKey {
    SigningKey::from_seed([11; 32])
}

fn artifacts(n: usize, tag: &str) -> Vec<TreeHash> {
    (0..n)
        .map(|i| merkle::leaf_hash(format!("sha256:{tag}{i:060}").as_bytes()))
        .collect()
}

#[test]
fn the_text_is_origin_size_root_then_the_ledger_keys_signature() {
    let key = ledger_key();
    let leaves = artifacts(13, "a");
    let root = merkle::root(&leaves);
    let checkpoint = Checkpoint::issue(ORIGIN, 13, root, &key).unwrap();
    let text = checkpoint.text();
    let body = format!("{ORIGIN}\n13\n{}\n", BASE64.encode(root));
    assert!(text.starts_with(&format!("{body}\n\u{2014} {ORIGIN} ")), "{text}");
    let line = text.lines().last().unwrap();
    let raw = BASE64.decode(line.rsplit(' ').next().unwrap()).unwrap();
    assert_eq!(raw.len(), 4 + 64);
    assert_eq!(
        u32::from_be_bytes(raw[..4].try_into().unwrap()),
        key_id(ORIGIN, &key.public_key())
    );
    assert_eq!(&raw[4..], &key.sign(body.as_bytes()).to_bytes()[..]);
    assert_eq!(text.lines().count(), 5);
    assert_eq!(checkpoint.to_string(), text);

    let read = Checkpoint::from_text(&text).unwrap();
    assert_eq!(read, checkpoint);
    assert_eq!((read.origin(), read.size(), *read.root()), (ORIGIN, 13, root));
    assert_eq!(read.verify(&key.public_key()), Ok(()));
}

#[test]
fn another_key_or_any_edited_character_is_refused() {
    let key = ledger_key();
    let root = merkle::root(&artifacts(9, "b"));
    let text = Checkpoint::issue(ORIGIN, 9, root, &key).unwrap().text();
    let other = SigningKey::from_seed([12; 32]).public_key();
    let read = Checkpoint::from_text(&text).unwrap();
    assert!(matches!(
        read.verify(&other),
        Err(CheckpointError::Note(NoteError::NotSignedByKey { .. }))
    ));
    let chars: Vec<char> = text.chars().collect();
    for at in 0..chars.len() {
        for replacement in ['A', '0', '\n'] {
            if chars[at] == replacement {
                continue;
            }
            let mut edited = chars.clone();
            edited[at] = replacement;
            let edited: String = edited.into_iter().collect();
            let outcome = Checkpoint::from_text(&edited).and_then(|c| c.verify(&key.public_key()));
            assert!(
                outcome.is_err(),
                "edit at {at} to {replacement:?} accepted:\n{edited}"
            );
        }
    }
    // The same body signed by another key under the same name.
    let forged = Checkpoint::issue(ORIGIN, 9, root, &SigningKey::from_seed([13; 32])).unwrap();
    assert!(Checkpoint::from_text(&forged.text())
        .unwrap()
        .verify(&key.public_key())
        .is_err());
}

#[test]
fn a_malformed_body_names_its_line() {
    let key = ledger_key();
    let root = BASE64.encode([7u8; 32]);
    let signed = |body: &str| {
        rmos_core::keys::note::Note::sign(body, ORIGIN, &key)
            .unwrap()
            .render()
    };
    let reason = |body: &str| match Checkpoint::from_text(&signed(body)) {
        Err(CheckpointError::Malformed { reason }) => reason,
        other => panic!("{body:?}: {other:?}"),
    };
    let size = "tree size must be a decimal number without leading zeros";
    assert_eq!(reason(&format!("{ORIGIN}\n012\n{root}\n")), size);
    assert_eq!(reason(&format!("{ORIGIN}\n+12\n{root}\n")), size);
    assert_eq!(reason(&format!("{ORIGIN}\n\n{root}\n")), size);
    assert_eq!(reason(&format!("{ORIGIN}\n1 2\n{root}\n")), size);
    assert_eq!(
        reason(&format!("{ORIGIN}\n99999999999999999999\n{root}\n")),
        "tree size does not fit in 64 bits"
    );
    let hash = "root hash must be the base64 of 32 bytes";
    assert_eq!(
        reason(&format!("{ORIGIN}\n12\n{}\n", BASE64.encode([7u8; 31]))),
        hash
    );
    assert_eq!(
        reason(&format!("{ORIGIN}\n12\n{}\n", hex::encode([7u8; 32]))),
        hash
    );
    assert_eq!(reason(&format!("{ORIGIN}\n12\n")), "no root hash line");
    assert_eq!(reason(&format!("{ORIGIN}\n")), "no tree size line");
    assert_eq!(
        reason(&format!("{ORIGIN}\n12\n{root}\nextension\n")),
        "extension lines are not issued by RMOS"
    );
    assert!(matches!(
        Checkpoint::from_text(&signed(&format!("shop one\n12\n{root}\n"))),
        Err(CheckpointError::InvalidOrigin { .. })
    ));
    assert!(matches!(
        Checkpoint::issue("shop+1", 1, [0; 32], &key),
        Err(CheckpointError::InvalidOrigin { .. })
    ));
    assert!(matches!(
        Checkpoint::from_text("no signature\n"),
        Err(CheckpointError::Note(NoteError::Malformed { .. }))
    ));
}

#[test]
fn a_kept_checkpoint_catches_truncation_replacement_and_resealing() {
    let key = ledger_key();
    let leaves = artifacts(40, "c");
    let kept = Checkpoint::issue(ORIGIN, 25, merkle::root(&leaves[..25]), &key).unwrap();
    let kept = Checkpoint::from_text(&kept.text()).unwrap();
    kept.verify(&key.public_key()).unwrap();

    // The honest ledger grew from 25 to 40 artifacts.
    let proof = merkle::consistency_proof(&leaves, 25).unwrap();
    assert_eq!(kept.is_extended_by(40, &merkle::root(&leaves), &proof), Ok(()));
    assert_eq!(kept.is_extended_by(25, kept.root(), &[]), Ok(()));

    // The tail was cut to 20 artifacts.
    let cut = &leaves[..20];
    assert_eq!(
        kept.is_extended_by(20, &merkle::root(cut), &[]),
        Err(CheckpointError::NotExtended {
            origin: ORIGIN.into(),
            size: 25,
            source: MerkleError::SizesOutOfOrder { old: 25, new: 20 },
        })
    );

    // Two early artifacts deleted and the history re-sealed to the same length with new ones.
    let mut resealed = leaves.clone();
    resealed.remove(3);
    resealed.remove(7);
    resealed.extend(artifacts(2, "forged"));
    let proof = merkle::consistency_proof(&resealed, 25).unwrap();
    assert!(matches!(
        kept.is_extended_by(40, &merkle::root(&resealed), &proof),
        Err(CheckpointError::NotExtended {
            source: MerkleError::ConsistencyFailed { old: 25, new: 40 },
            ..
        })
    ));

    // Another valid ledger put in the file's place.
    let other = artifacts(40, "d");
    let proof = merkle::consistency_proof(&other, 25).unwrap();
    assert!(kept.is_extended_by(40, &merkle::root(&other), &proof).is_err());
}

#[test]
fn a_frontier_root_checkpoints_a_large_ledger() {
    let key = ledger_key();
    let mut frontier = Frontier::new();
    for i in 0u32..5000 {
        frontier.append(&i.to_be_bytes());
    }
    let checkpoint = Checkpoint::issue(ORIGIN, frontier.size(), frontier.root(), &key).unwrap();
    let read = Checkpoint::from_text(&checkpoint.text()).unwrap();
    assert_eq!(read.size(), 5000);
    let leaves: Vec<TreeHash> = (0u32..5000)
        .map(|i| merkle::leaf_hash(&i.to_be_bytes()))
        .collect();
    assert_eq!(*read.root(), merkle::root(&leaves));
    assert_eq!(read.verify(&key.public_key()), Ok(()));
}
