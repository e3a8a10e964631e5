//! # rmos-core
//!
//! The pure, I/O-free manufacturing authority of RMOS. A CAM host describes a machining job; RMOS
//! recomputes its feasibility, lets only a human approve it, produces toolpaths and G-code only from that
//! approval, and records every attempt as an immutable, hash-chained run artifact.
//!
//! This crate reads no file, clock, environment or network: the host passes time, keys and the store.
//!
//! ## The road
//!
//! [`job::Job`] → [`workflow::Session::new`] → `evaluate` (the report is always RMOS's own) → `approve`, which
//! records the attempt and gives an [`workflow::Approved`] only when the gate says yes →
//! [`program::Program::release`], which plans, writes the G-code in the controller's dialect, reads it back,
//! records it, and only then returns it. There is no other road to G-code: the planner and the emitter are
//! crate-private, `Approved` has private fields, and only the approval and release paths may append to a
//! ledger ([`runs::AppendRight`]). Advisory proposals live outside this crate, in `rmos-advisory`, which sees
//! only the public API.
//!
//! ## Floors
//!
//! Every module imports only modules on its own floor or below, and no import runs in a loop;
//! `tests/floors.rs` fails on any import that breaks the plan. Bottom to top:
//!
//! | floor | modules | what they hold |
//! |---|---|---|
//! | 0 | [`catalog`], [`content`], [`engines`], [`error`], [`identity`] | materials and tool kinds; content addresses and canonical JSON (importing nothing else of the crate); version stamps; the job error; who an actor is |
//! | 1 | [`job`] | the job document and its validation |
//! | 2 | [`feasibility`], [`simulation`], [`toolpaths`] | the rule packs and their report; the stock's height-field simulation; the planners |
//! | 3 | [`gates`] | the policy and what it lets each actor do |
//! | 4 | [`runs`] | run artifacts, the ledger's store trait, the memory store, verification |
//! | 5 | [`workflow`] | the typestate, which records every approval attempt before it returns |
//! | 6 | [`posts`], [`readback`] | the controller dialects; the G-code reader that checks any program |
//! | 7 | [`program`] | the release: the one road from an approval to G-code |
//!
//! The ledger sits below the workflow because every approval appends its artifact before it returns (S3):
//! the store an approval writes to must be visible to the approval.
//!
//! ```
//! use rmos_core::{feasibility::Bucket, job::Job};
//! let job = Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).unwrap();
//! assert_eq!(job.operations.len(), 2);
//! # let _ = Bucket::Green;
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod catalog;
pub mod content;
pub mod engines;
pub mod error;
pub mod feasibility;
pub mod gates;
pub mod identity;
pub mod job;
pub mod posts;
pub mod program;
pub mod readback;
pub mod runs;
pub mod simulation;
pub mod toolpaths;
pub mod workflow;

pub use error::InvalidJob;
pub use program::{PostOptions, Program, ReleaseError};
