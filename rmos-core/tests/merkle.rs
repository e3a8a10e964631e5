//! RFC 9162 Merkle trees: the library's roots, proofs and frontier against a plain recursive reference
//! written from the RFC's definitions (section 2.1), on trees of 1 to 1000 leaves.

use std::cell::RefCell;
use std::collections::BTreeMap;

use proptest::prelude::*;
use rmos_core::content::merkle::{
    self, consistency_proof, inclusion_proof, verify_consistency, verify_inclusion, Frontier, MerkleError,
    TreeHash,
};
use sha2::{Digest, Sha256};

fn sha(parts: &[&[u8]]) -> TreeHash {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// The largest power of two smaller than n.
fn k_of(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// MTH(D[n]), section 2.1.1, memoised by leaf range so that checking every proof of a tree stays cheap.
struct Reference<'a> {
    d: &'a [Vec<u8>],
    memo: RefCell<BTreeMap<(usize, usize), TreeHash>>,
}

impl<'a> Reference<'a> {
    fn new(d: &'a [Vec<u8>]) -> Self {
        Reference {
            d,
            memo: RefCell::new(BTreeMap::new()),
        }
    }

    /// MTH(D[lo:hi]).
    fn mth(&self, lo: usize, hi: usize) -> TreeHash {
        if let Some(hash) = self.memo.borrow().get(&(lo, hi)) {
            return *hash;
        }
        let hash = match hi - lo {
            0 => sha(&[]),
            1 => sha(&[&[0], &self.d[lo]]),
            n => {
                let k = k_of(n);
                sha(&[&[1], &self.mth(lo, lo + k), &self.mth(lo + k, hi)])
            }
        };
        self.memo.borrow_mut().insert((lo, hi), hash);
        hash
    }

    /// PATH(m, D[lo:hi]), section 2.1.3.1.
    fn path(&self, m: usize, lo: usize, hi: usize) -> Vec<TreeHash> {
        let n = hi - lo;
        if n == 1 {
            return vec![];
        }
        let k = k_of(n);
        if m < k {
            let mut p = self.path(m, lo, lo + k);
            p.push(self.mth(lo + k, hi));
            p
        } else {
            let mut p = self.path(m - k, lo + k, hi);
            p.push(self.mth(lo, lo + k));
            p
        }
    }

    /// SUBPROOF(m, D[lo:hi], b), section 2.1.4.1.
    fn subproof(&self, m: usize, lo: usize, hi: usize, b: bool) -> Vec<TreeHash> {
        let n = hi - lo;
        if m == n {
            return if b { vec![] } else { vec![self.mth(lo, hi)] };
        }
        let k = k_of(n);
        if m <= k {
            let mut p = self.subproof(m, lo, lo + k, b);
            p.push(self.mth(lo + k, hi));
            p
        } else {
            let mut p = self.subproof(m - k, lo + k, hi, false);
            p.push(self.mth(lo, lo + k));
            p
        }
    }
}

/// MTH of a whole list, without the memo.
fn mth(d: &[Vec<u8>]) -> TreeHash {
    Reference::new(d).mth(0, d.len())
}

fn leaves(n: usize, salt: u8) -> Vec<Vec<u8>> {
    (0..n)
        .map(|i| format!("artifact {i} {salt}").into_bytes())
        .collect()
}

fn hashes(d: &[Vec<u8>]) -> Vec<TreeHash> {
    d.iter().map(|l| merkle::leaf_hash(l)).collect()
}

/// Every way to spoil a proof by one change: each element with one bit flipped, one element dropped
/// from either end, one element added.
fn spoiled(proof: &[TreeHash]) -> Vec<Vec<TreeHash>> {
    let mut out = Vec::new();
    for i in 0..proof.len() {
        let mut p = proof.to_vec();
        p[i][i % 32] ^= 1 << (i % 8);
        out.push(p);
    }
    if !proof.is_empty() {
        out.push(proof[1..].to_vec());
        out.push(proof[..proof.len() - 1].to_vec());
    }
    let mut longer = proof.to_vec();
    longer.push([7; 32]);
    out.push(longer);
    out
}

fn check_inclusion(r: &Reference, leaf_hashes: &[TreeHash], root: &TreeHash, m: usize) {
    let d = r.d;
    let n = d.len() as u64;
    let proof = inclusion_proof(leaf_hashes, m as u64).unwrap();
    assert_eq!(proof, r.path(m, 0, d.len()), "PATH({m}, D[{n}])");
    assert_eq!(
        verify_inclusion(&leaf_hashes[m], m as u64, n, &proof, root),
        Ok(())
    );
    let failed = Err(MerkleError::InclusionFailed {
        index: m as u64,
        size: n,
    });
    for bad in spoiled(&proof) {
        assert_eq!(verify_inclusion(&leaf_hashes[m], m as u64, n, &bad, root), failed);
    }
    let mut other_leaf = leaf_hashes[m];
    other_leaf[0] ^= 1;
    assert_eq!(verify_inclusion(&other_leaf, m as u64, n, &proof, root), failed);
    if n > 1 {
        let other = (m + 1) % d.len();
        assert!(verify_inclusion(&leaf_hashes[m], other as u64, n, &proof, root).is_err());
    }
    // The size is not always bound by the proof (RFC 9162 trusts the signed tree head for it), but a
    // size that cannot hold the leaf is refused.
    assert!(verify_inclusion(&leaf_hashes[m], m as u64, m as u64, &proof, root).is_err());
}

fn check_consistency(r: &Reference, leaf_hashes: &[TreeHash], m: usize) {
    let n = r.d.len();
    let (old_root, new_root) = (r.mth(0, m), r.mth(0, n));
    let proof = consistency_proof(leaf_hashes, m as u64).unwrap();
    let expected = if m == 0 || m == n {
        vec![]
    } else {
        r.subproof(m, 0, n, true)
    };
    assert_eq!(proof, expected, "PROOF({m}, D[{n}])");
    let (old, new) = (m as u64, n as u64);
    assert_eq!(
        verify_consistency(old, new, &old_root, &new_root, &proof),
        Ok(()),
        "{m} -> {n}"
    );
    let failed = Err(MerkleError::ConsistencyFailed { old, new });
    for bad in spoiled(&proof) {
        assert_eq!(
            verify_consistency(old, new, &old_root, &new_root, &bad),
            failed,
            "{m} -> {n}"
        );
    }
    let mut wrong = old_root;
    wrong[31] ^= 0x80;
    assert_eq!(verify_consistency(old, new, &wrong, &new_root, &proof), failed);
    if m > 0 {
        // Every tree extends the empty one; any other old tree binds the new root.
        let mut wrong = new_root;
        wrong[0] ^= 0x01;
        assert_eq!(verify_consistency(old, new, &old_root, &wrong, &proof), failed);
    }
}

#[test]
fn roots_and_frontier_match_the_reference_for_every_size_up_to_1000() {
    let d = leaves(1000, 0);
    let r = Reference::new(&d);
    let leaf_hashes = hashes(&d);
    let mut frontier = Frontier::new();
    assert_eq!(frontier.root(), sha(&[]));
    assert_eq!(merkle::root(&[]), merkle::empty_root());
    for n in 1..=1000 {
        frontier.push(leaf_hashes[n - 1]);
        let reference = r.mth(0, n);
        assert_eq!(frontier.root(), reference, "size {n}");
        assert_eq!(frontier.size(), n as u64);
        assert_eq!(frontier.hashes().len(), n.count_ones() as usize);
        assert_eq!(merkle::root(&leaf_hashes[..n]), reference, "size {n}");
        if n % 97 == 0 {
            assert_eq!(merkle::root_of_leaves(&d[..n]), reference);
            let restored = Frontier::from_parts(n as u64, frontier.hashes().to_vec()).unwrap();
            assert_eq!(restored, frontier);
        }
    }
}

#[test]
fn every_inclusion_proof_up_to_200_leaves_and_samples_to_1000() {
    for n in 1..=200 {
        let d = leaves(n, 1);
        let leaf_hashes = hashes(&d);
        let r = Reference::new(&d);
        let root = r.mth(0, n);
        for m in 0..n {
            check_inclusion(&r, &leaf_hashes, &root, m);
        }
    }
    for n in (201..=1000).step_by(53).chain([256, 511, 512, 513, 999, 1000]) {
        let d = leaves(n, 2);
        let leaf_hashes = hashes(&d);
        let r = Reference::new(&d);
        let root = r.mth(0, n);
        for m in [0, 1, n / 3, n / 2, n - 2, n - 1] {
            check_inclusion(&r, &leaf_hashes, &root, m);
        }
    }
}

#[test]
fn every_consistency_proof_up_to_64_leaves_and_samples_to_1000() {
    for n in 1..=64 {
        let d = leaves(n, 3);
        let leaf_hashes = hashes(&d);
        let r = Reference::new(&d);
        for m in 0..=n {
            check_consistency(&r, &leaf_hashes, m);
        }
    }
    for n in (65..=1000).step_by(71).chain([128, 129, 1000]) {
        let d = leaves(n, 4);
        let leaf_hashes = hashes(&d);
        let r = Reference::new(&d);
        for m in [1, 2, 3, 7, 8, 63, 64, 65, n / 2, n - 1, n] {
            check_consistency(&r, &leaf_hashes, m);
        }
    }
}

#[test]
fn out_of_range_requests_are_typed() {
    let leaf_hashes = hashes(&leaves(5, 5));
    assert_eq!(
        inclusion_proof(&leaf_hashes, 5),
        Err(MerkleError::IndexOutOfRange { index: 5, size: 5 })
    );
    assert_eq!(
        verify_inclusion(&leaf_hashes[0], 5, 5, &[], &[0; 32]),
        Err(MerkleError::IndexOutOfRange { index: 5, size: 5 })
    );
    assert_eq!(
        consistency_proof(&leaf_hashes, 6),
        Err(MerkleError::SizesOutOfOrder { old: 6, new: 5 })
    );
    assert_eq!(
        verify_consistency(6, 5, &[0; 32], &[0; 32], &[]),
        Err(MerkleError::SizesOutOfOrder { old: 6, new: 5 })
    );
    assert_eq!(
        Frontier::from_parts(5, vec![[0; 32]]),
        Err(MerkleError::FrontierShape {
            size: 5,
            expected: 2,
            found: 1
        })
    );
    // Any tree extends the empty one, but only from the empty tree's own root.
    let root = merkle::root(&leaf_hashes);
    assert_eq!(
        verify_consistency(0, 5, &merkle::empty_root(), &root, &[]),
        Ok(())
    );
    assert!(verify_consistency(0, 5, &[0; 32], &root, &[]).is_err());
    assert!(verify_consistency(5, 5, &root, &root, &[[0; 32]]).is_err());
}

#[test]
fn a_tree_with_one_leaf_changed_or_removed_is_not_consistent() {
    let d = leaves(40, 6);
    let leaf_hashes = hashes(&d);
    let old_root = mth(&d[..17]);
    let mut changed = d.clone();
    changed[3] = b"forged".to_vec();
    let proof = consistency_proof(&hashes(&changed), 17).unwrap();
    assert!(verify_consistency(17, 40, &old_root, &mth(&changed), &proof).is_err());
    let mut cut = d.clone();
    cut.remove(5);
    let proof = consistency_proof(&hashes(&cut), 17).unwrap();
    assert!(verify_consistency(17, 39, &old_root, &mth(&cut), &proof).is_err());
    let proof = consistency_proof(&leaf_hashes, 17).unwrap();
    assert_eq!(verify_consistency(17, 40, &old_root, &mth(&d), &proof), Ok(()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_trees_prove_inclusion_and_consistency(
        d in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..40), 1..300),
        pick in any::<prop::sample::Index>(),
        old in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
    ) {
        let n = d.len();
        let leaf_hashes = hashes(&d);
        let root = mth(&d);
        let mut frontier = Frontier::new();
        for leaf in &d {
            frontier.append(leaf);
        }
        prop_assert_eq!(frontier.root(), root);
        let m = pick.index(n);
        let proof = inclusion_proof(&leaf_hashes, m as u64).unwrap();
        prop_assert_eq!(&proof, &Reference::new(&d).path(m, 0, n));
        prop_assert!(verify_inclusion(&leaf_hashes[m], m as u64, n as u64, &proof, &root).is_ok());
        if !proof.is_empty() {
            let mut bad = proof.clone();
            let at = flip.index(bad.len());
            bad[at][flip.index(32)] ^= 0x10;
            prop_assert!(verify_inclusion(&leaf_hashes[m], m as u64, n as u64, &bad, &root).is_err());
        }
        let o = old.index(n + 1);
        let proof = consistency_proof(&leaf_hashes, o as u64).unwrap();
        let old_root = mth(&d[..o]);
        prop_assert!(verify_consistency(o as u64, n as u64, &old_root, &root, &proof).is_ok());
        if !proof.is_empty() {
            let mut bad = proof.clone();
            let at = flip.index(bad.len());
            bad[at][flip.index(32)] ^= 0x01;
            prop_assert!(verify_consistency(o as u64, n as u64, &old_root, &root, &bad).is_err());
        }
    }
}
