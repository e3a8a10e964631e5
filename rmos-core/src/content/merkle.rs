//! RFC 9162 Merkle trees over leaf byte strings: roots, inclusion and consistency proofs, and an
//! append-only [`Frontier`].
//!
//! The tree hash of RFC 9162 section 2.1.1: a leaf hashes as SHA-256(0x00 || leaf), an inner node as
//! SHA-256(0x01 || left || right), and the tree of n leaves splits at the largest power of two below n. The
//! empty tree's hash is SHA-256 of no bytes. Proofs follow sections 2.1.3 (inclusion) and 2.1.4
//! (consistency), and their checks are the verification algorithms given there, step for step.
//!
//! Functions that build proofs take the leaf hashes of the whole tree (a ledger keeps them beside its
//! chain); the checks need only the proof, the sizes and the roots. A [`Frontier`] holds one hash per set
//! bit of the tree size, so a ledger can name its root after every append without reading old leaves.
//!
//! ```
//! use rmos_core::content::merkle::{self, Frontier};
//! let leaves: Vec<[u8; 32]> = (0u8..5).map(|i| merkle::leaf_hash(&[i])).collect();
//! let root = merkle::root(&leaves);
//! let proof = merkle::inclusion_proof(&leaves, 3).unwrap();
//! assert!(merkle::verify_inclusion(&leaves[3], 3, 5, &proof, &root).is_ok());
//! let older = merkle::root(&leaves[..2]);
//! let proof = merkle::consistency_proof(&leaves, 2).unwrap();
//! assert!(merkle::verify_consistency(2, 5, &older, &root, &proof).is_ok());
//! let mut frontier = Frontier::new();
//! for leaf in &leaves {
//!     frontier.push(*leaf);
//! }
//! assert_eq!(frontier.root(), root);
//! ```
#![allow(
    clippy::indexing_slicing,
    reason = "split points lie strictly inside the leaf range by RFC 9162's construction; tests/merkle.rs checks every tree of 1 to 1000 leaves against the reference"
)]

use sha2::{Digest, Sha256};

/// A SHA-256 tree hash: of a leaf, an inner node or a whole tree.
pub type TreeHash = [u8; 32];

/// Why a proof cannot be built or does not verify, or frontier parts do not fit together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MerkleError {
    /// A leaf index at or past the tree size.
    #[error("leaf index {index} is outside a tree of size {size}")]
    IndexOutOfRange {
        /// The index asked for.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// An older tree larger than the newer one.
    #[error("old tree size {old} is larger than new tree size {new}")]
    SizesOutOfOrder {
        /// The older size.
        old: u64,
        /// The newer size.
        new: u64,
    },
    /// The inclusion proof does not lead to the root.
    #[error("inclusion proof for leaf {index} in a tree of size {size} does not verify")]
    InclusionFailed {
        /// The leaf index.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// The consistency proof does not lead from the old root to the new one.
    #[error("consistency proof from size {old} to size {new} does not verify")]
    ConsistencyFailed {
        /// The older size.
        old: u64,
        /// The newer size.
        new: u64,
    },
    /// A frontier's hashes must number the set bits of its size.
    #[error("frontier of size {size} needs {expected} subtree hashes, got {found}")]
    FrontierShape {
        /// The size given.
        size: u64,
        /// The hashes it needs.
        expected: usize,
        /// The hashes given.
        found: usize,
    },
}

/// SHA-256(0x00 || leaf): the hash of one leaf.
pub fn leaf_hash(leaf: &[u8]) -> TreeHash {
    let mut hasher = Sha256::new();
    hasher.update([0x00]);
    hasher.update(leaf);
    hasher.finalize().into()
}

/// SHA-256(0x01 || left || right): the hash of an inner node.
pub fn node_hash(left: &TreeHash, right: &TreeHash) -> TreeHash {
    let mut hasher = Sha256::new();
    hasher.update([0x01]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

/// The hash of the empty tree: SHA-256 of no bytes.
pub fn empty_root() -> TreeHash {
    Sha256::digest([]).into()
}

/// The largest power of two strictly below `n` (n >= 2).
fn split(n: usize) -> usize {
    debug_assert!(n >= 2);
    1 << (usize::BITS - 1 - (n - 1).leading_zeros())
}

/// The root of the tree whose leaf hashes are `leaves` (MTH of RFC 9162 section 2.1.1).
pub fn root(leaves: &[TreeHash]) -> TreeHash {
    if leaves.is_empty() {
        return empty_root();
    }
    let mut frontier = Frontier::new();
    for leaf in leaves {
        frontier.push(*leaf);
    }
    frontier.root()
}

/// The root of the tree whose leaves are the byte strings `leaves`.
pub fn root_of_leaves<L: AsRef<[u8]>>(leaves: &[L]) -> TreeHash {
    let mut frontier = Frontier::new();
    for leaf in leaves {
        frontier.append(leaf.as_ref());
    }
    frontier.root()
}

/// MTH over a non-empty slice.
fn subtree(leaves: &[TreeHash]) -> TreeHash {
    root(leaves)
}

fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The inclusion proof of leaf `index` in the tree of leaf hashes `leaves` (PATH of section 2.1.3.1),
/// ordered from the leaf's sibling up to the root's child.
///
/// # Errors
/// [`MerkleError::IndexOutOfRange`].
pub fn inclusion_proof(leaves: &[TreeHash], index: u64) -> Result<Vec<TreeHash>, MerkleError> {
    let size = to_u64(leaves.len());
    let at = usize::try_from(index)
        .ok()
        .filter(|&i| i < leaves.len())
        .ok_or(MerkleError::IndexOutOfRange { index, size })?;
    let mut proof = Vec::new();
    path(at, leaves, &mut proof);
    Ok(proof)
}

fn path(m: usize, leaves: &[TreeHash], proof: &mut Vec<TreeHash>) {
    let n = leaves.len();
    if n <= 1 {
        return;
    }
    let k = split(n);
    if m < k {
        path(m, &leaves[..k], proof);
        proof.push(subtree(&leaves[k..]));
    } else {
        path(m - k, &leaves[k..], proof);
        proof.push(subtree(&leaves[..k]));
    }
}

/// Checks that `leaf` (a leaf hash) is leaf `index` of the tree of `size` leaves whose root is `root`
/// (section 2.1.3.2).
///
/// # Errors
/// [`MerkleError::IndexOutOfRange`]; [`MerkleError::InclusionFailed`].
pub fn verify_inclusion(
    leaf: &TreeHash,
    index: u64,
    size: u64,
    proof: &[TreeHash],
    root: &TreeHash,
) -> Result<(), MerkleError> {
    if index >= size {
        return Err(MerkleError::IndexOutOfRange { index, size });
    }
    let failed = MerkleError::InclusionFailed { index, size };
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return Err(failed);
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    if s == 0 && r == *root {
        Ok(())
    } else {
        Err(failed)
    }
}

/// The consistency proof from the tree of the first `old_size` leaves to the tree of all `leaves`
/// (PROOF of section 2.1.4.1). It is empty when `old_size` is 0 or the whole tree.
///
/// # Errors
/// [`MerkleError::SizesOutOfOrder`] when `old_size` exceeds the leaves.
pub fn consistency_proof(leaves: &[TreeHash], old_size: u64) -> Result<Vec<TreeHash>, MerkleError> {
    let new = to_u64(leaves.len());
    let m = usize::try_from(old_size)
        .ok()
        .filter(|&m| m <= leaves.len())
        .ok_or(MerkleError::SizesOutOfOrder { old: old_size, new })?;
    let mut proof = Vec::new();
    if m > 0 && m < leaves.len() {
        subproof(m, leaves, true, &mut proof);
    }
    Ok(proof)
}

fn subproof(m: usize, leaves: &[TreeHash], whole: bool, proof: &mut Vec<TreeHash>) {
    let n = leaves.len();
    if m == n {
        if !whole {
            proof.push(subtree(leaves));
        }
        return;
    }
    let k = split(n);
    if m <= k {
        subproof(m, &leaves[..k], whole, proof);
        proof.push(subtree(&leaves[k..]));
    } else {
        subproof(m - k, &leaves[k..], false, proof);
        proof.push(subtree(&leaves[..k]));
    }
}

/// Checks that the tree of `new_size` leaves with root `new_root` extends the tree of `old_size` leaves
/// with root `old_root` (section 2.1.4.2). Equal sizes need equal roots and an empty proof; an old size
/// of 0 needs the empty tree's root and an empty proof.
///
/// # Errors
/// [`MerkleError::SizesOutOfOrder`]; [`MerkleError::ConsistencyFailed`].
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &TreeHash,
    new_root: &TreeHash,
    proof: &[TreeHash],
) -> Result<(), MerkleError> {
    if old_size > new_size {
        return Err(MerkleError::SizesOutOfOrder {
            old: old_size,
            new: new_size,
        });
    }
    let failed = MerkleError::ConsistencyFailed {
        old: old_size,
        new: new_size,
    };
    if old_size == 0 {
        return if proof.is_empty() && *old_root == empty_root() {
            Ok(())
        } else {
            Err(failed)
        };
    }
    if old_size == new_size {
        return if proof.is_empty() && old_root == new_root {
            Ok(())
        } else {
            Err(failed)
        };
    }
    if proof.is_empty() {
        return Err(failed);
    }
    let mut path: Vec<TreeHash> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let (mut f, mut s) = (old_size - 1, new_size - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (path[0], path[0]);
    for c in &path[1..] {
        if s == 0 {
            return Err(failed);
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    if fr == *old_root && sr == *new_root && s == 0 {
        Ok(())
    } else {
        Err(failed)
    }
}

/// The right edge of an append-only tree: one hash per perfect subtree, largest first, so
/// `hashes().len()` is the number of set bits of `size()`. Appending and naming the root each cost
/// O(log n) hashes, and no old leaf is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    hashes: Vec<TreeHash>,
}

impl Frontier {
    /// The frontier of the empty tree.
    pub fn new() -> Self {
        Frontier::default()
    }

    /// A frontier restored from its [`Frontier::size`] and [`Frontier::hashes`], as a store saved them.
    ///
    /// # Errors
    /// [`MerkleError::FrontierShape`] when the count of hashes is not the count of set bits of `size`.
    pub fn from_parts(size: u64, hashes: Vec<TreeHash>) -> Result<Self, MerkleError> {
        let expected = size.count_ones() as usize;
        if hashes.len() != expected {
            return Err(MerkleError::FrontierShape {
                size,
                expected,
                found: hashes.len(),
            });
        }
        Ok(Frontier { size, hashes })
    }

    /// The number of leaves appended.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The perfect subtrees' hashes, largest (leftmost) first.
    pub fn hashes(&self) -> &[TreeHash] {
        &self.hashes
    }

    /// Appends the leaf whose bytes are `leaf`; returns its leaf hash.
    pub fn append(&mut self, leaf: &[u8]) -> TreeHash {
        let hash = leaf_hash(leaf);
        self.push(hash);
        hash
    }

    /// Appends a leaf given by its leaf hash.
    pub fn push(&mut self, leaf: TreeHash) {
        let mut carry = leaf;
        let mut size = self.size;
        // Each trailing set bit of the old size is a perfect subtree of the new leaf's height: merge it.
        while size & 1 == 1 {
            if let Some(left) = self.hashes.pop() {
                carry = node_hash(&left, &carry);
            }
            size >>= 1;
        }
        self.hashes.push(carry);
        self.size += 1;
    }

    /// The root of the tree so far (the empty tree's hash when nothing was appended).
    pub fn root(&self) -> TreeHash {
        let mut iter = self.hashes.iter().rev();
        let Some(last) = iter.next() else {
            return empty_root();
        };
        iter.fold(*last, |right, left| node_hash(left, &right))
    }
}
