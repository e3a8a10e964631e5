//! # rmos-core
//!
//! The pure, I/O-free manufacturing authority of RMOS. A CAM host describes a machining job; RMOS
//! recomputes its feasibility, lets only a human approve it, produces toolpaths and G-code only from that
//! approval, and records every attempt as an immutable, hash-chained run artifact.
//!
//! This crate reads no file, clock, environment or network: the host passes time, keys and the store.
//!
//! ```
//! use rmos_core::{feasibility::Bucket, job::Job};
//! let job = Job::from_json(include_str!("../../examples/jobs/guitar_top.json")).unwrap();
//! assert_eq!(job.operations.len(), 2);
//! # let _ = Bucket::Green;
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod advisory;
pub mod catalog;
pub mod engines;
pub mod error;
pub mod feasibility;
pub mod gates;
pub mod job;
pub mod posts;
pub mod readback;
pub mod release;
pub mod runs;
pub mod toolpaths;
pub mod workflow;

pub use error::InvalidJob;
pub use release::{PostOptions, Program, ReleaseError};
