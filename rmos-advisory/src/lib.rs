//! # rmos-advisory
//!
//! Advisory proposals: parameter changes that become a new draft, never an approval (invariant S4).
//!
//! An AI or any other advisor builds a [`Proposal`] against the request hash of the job it read. Applied to
//! that same job, it gives a new [`Session<Draft>`] that must be evaluated and approved again like any other.
//!
//! This crate stands outside `rmos-core` and depends only on its public API, so the compiler holds the
//! boundary: no item of the approval path that is not public can be named here, and the cases under
//! `tests/ui/` prove that the public API gives an advisor no `Approved`, no emitter and no way to append to
//! a ledger. What it uses of the core: the job document, content addresses, and `Session::new`.
//!
//! ```
//! use rmos_advisory::{Change, Proposal};
//! use rmos_core::gates::Actor;
//! use rmos_core::job::Job;
//! use rmos_core::workflow::Session;
//!
//! let job = Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).unwrap();
//! let draft = Session::new(job);
//! let proposal = Proposal {
//!     based_on: draft.request_hash(),
//!     changes: vec![Change::new("cutting.feed_mm_min", 1000.0)],
//!     rationale: "slower feed for a cleaner channel wall".into(),
//!     author: Actor::ai("assistant"),
//! };
//! let next = proposal.apply(draft.job()).unwrap();
//! assert_eq!(next.job().cutting.feed_mm_min, 1000.0);
//! assert_ne!(next.request_hash(), draft.request_hash());
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use serde::{Deserialize, Serialize};
use serde_json::Value;

use rmos_core::content::{hash_canonical, ContentHash};
use rmos_core::identity::Actor;
use rmos_core::job::Job;
use rmos_core::workflow::{Draft, Session};

/// Most changes in one proposal.
pub const MAX_CHANGES: usize = 256;

/// One change: a field of the job document, by path, and its new value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Path in the job document, dotted, with `[i]` for list items: `cutting.feed_mm_min`,
    /// `operations[1].depth_mm`.
    pub path: String,
    /// The new value.
    pub value: Value,
}

impl Change {
    /// A change of `path` to `value`.
    pub fn new(path: impl Into<String>, value: impl Into<Value>) -> Self {
        Self {
            path: path.into(),
            value: value.into(),
        }
    }
}

/// Changes an advisor proposes, with why, against the job it read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// Request hash of the job the proposal was made against.
    pub based_on: ContentHash,
    /// The changes, applied in order.
    pub changes: Vec<Change>,
    /// Why, in the advisor's words.
    pub rationale: String,
    /// Who proposes (any kind of actor may).
    pub author: Actor,
}

/// A proposal that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProposalError {
    /// The job changed since the proposal was made.
    #[error("proposal is stale: it was made against {based_on}, the job is {current}")]
    Stale {
        /// What the proposal was made against.
        based_on: ContentHash,
        /// The job's request hash now.
        current: ContentHash,
    },
    /// A change names no field of the job document.
    #[error("changes[{index}].path: {reason}")]
    BadPath {
        /// Index of the change.
        index: usize,
        /// What is wrong.
        reason: String,
    },
    /// The changed job is not valid.
    #[error("changed job is invalid: {0}")]
    InvalidJob(#[from] rmos_core::InvalidJob),
    /// Too many changes.
    #[error("changes: at most {MAX_CHANGES} changes are allowed")]
    TooManyChanges,
}

impl Proposal {
    /// Applies the changes to `job`, which must be the job the proposal was made against, and starts a new draft.
    ///
    /// Values that try to carry feasibility or approval (invariant S1) are dropped as in [`Job::from_json`].
    pub fn apply(&self, job: &Job) -> Result<Session<Draft>, ProposalError> {
        let current = hash_canonical(job);
        if current != self.based_on {
            return Err(ProposalError::Stale {
                based_on: self.based_on,
                current,
            });
        }
        if self.changes.len() > MAX_CHANGES {
            return Err(ProposalError::TooManyChanges);
        }
        let mut doc = job.to_value();
        for (index, change) in self.changes.iter().enumerate() {
            let slot =
                locate(&mut doc, &change.path).map_err(|reason| ProposalError::BadPath { index, reason })?;
            *slot = change.value.clone();
        }
        let next = Job::from_json(&doc.to_string())?;
        Ok(Session::new(next))
    }
}

/// Finds the existing slot a path names; proposals change fields, they do not invent them.
fn locate<'a>(doc: &'a mut Value, path: &str) -> Result<&'a mut Value, String> {
    if path.is_empty() || path.len() > 256 {
        return Err("must name a field (at most 256 characters)".to_owned());
    }
    let mut here = doc;
    for part in path.split('.') {
        let (name, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if name.is_empty() {
            return Err(format!("{path:?} has an empty field name"));
        }
        here = here
            .get_mut(name)
            .ok_or_else(|| format!("{path:?}: no field {name:?}"))?;
        let mut rest = indexes;
        while let Some(tail) = rest.strip_prefix('[') {
            let close = tail.find(']').ok_or_else(|| format!("{path:?}: unclosed ["))?;
            let i: usize = tail[..close]
                .parse()
                .map_err(|_| format!("{path:?}: bad index {:?}", &tail[..close]))?;
            here = here.get_mut(i).ok_or_else(|| format!("{path:?}: no item {i}"))?;
            rest = &tail[close + 1..];
        }
        if !rest.is_empty() {
            return Err(format!("{path:?}: unexpected {rest:?}"));
        }
    }
    Ok(here)
}
