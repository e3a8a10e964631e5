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
//! records it, and only then returns it. On a signed ledger ([`authority::SignedLedger`]) the approval is a
//! roster member's signature (`approve_signed`) and the release a release member's (`Program::release_signed`).
//! There is no other road to G-code: the planner and the emitter are
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
//! | 0 | [`catalog`], [`content`], [`engines`], [`error`], [`identity`], [`keys`], [`timestamp`] | materials and tool kinds; content addresses, canonical JSON and RFC 9162 Merkle trees (importing nothing else of the crate); version stamps; the job error; who an actor is; Ed25519 keys and signed notes; the host's timestamps on the real calendar |
//! | 1 | [`job`], [`checkpoint`], [`provenance`] | the job document and its validation; signed tree heads; the signed block that ends a released program |
//! | 2 | [`feasibility`], [`simulation`], [`toolpaths`] | the rule packs and their report; the stock's height-field simulation; the planners |
//! | 3 | [`gates`] | the policy and what it lets each actor do |
//! | 4 | [`runs`], [`authority`] | run artifacts, the ledger's store trait, the memory store, verification; rosters, adoptions, signed statements, the signed ledger and its audit |
//! | 5 | [`workflow`] | the typestate, which records every approval attempt before it returns |
//! | 6 | [`posts`], [`readback`] | the controller dialects; the G-code reader that checks any program |
//! | 7 | [`program`] | the release: the one road from an approval to G-code |
//! | 8 | [`documents`] | the output documents and status words every face gives (refusal, program and read-back summaries, verify result) |
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
//!
//! ## Invariants
//!
//! Each invariant of DESIGN.md has one module that enforces it and a test that fails when it breaks
//! (files under `rmos-core/tests/` unless named otherwise). `tests/invariant_table.rs` fails when a test or file
//! named here does not exist.
//!
//! | invariant | enforced by | proving test |
//! |---|---|---|
//! | S1 feasibility is computed by RMOS; a caller's feasibility, score, bucket or approval is ignored | [`job`] drops the client keys and flags them; [`workflow::Session::evaluate`] computes the report | `governance_workflow.rs`: `client_feasibility_in_the_document_never_reaches_the_artifact`; `feasibility_props.rs`: `client_feasibility_keys_change_nothing_but_the_flag` |
//! | S2 a toolpath or G-code exists only from an approval | [`workflow`] makes [`workflow::Approved`] (private fields); [`program::Program::release`] and [`program::Program::release_signed`] are the only callers of the crate-private planner and emitter; on a signed ledger, `release_signed` releases only into the ledger that recorded the approval, under the policy still in force, signed by a member with the release role | `typestate.rs`: `typestate_forbids_toolpaths_without_approval`, which must see `tests/ui/forge_approved.rs`, `tests/ui/draft_to_toolpath.rs`, `tests/ui/evaluated_to_toolpath.rs`, `tests/ui/emit_outside_the_crate.rs`, `tests/ui/mutate_approved_job.rs` and `tests/ui/approval_internals.rs` fail to compile; `authority_release.rs`: `an_approval_releases_only_into_the_ledger_that_recorded_it`, `a_policy_change_after_the_approval_stops_its_release` |
//! | S3 every approval attempt and every release is recorded before the caller gets a result | `approve` in [`workflow`] and [`program::Program::release`] append first; only they hold a [`runs::AppendRight`] | `governance_workflow.rs`: `every_attempt_leaves_exactly_one_artifact`, `a_failing_store_gives_no_approval_and_loses_nothing_already_stored`; `release_programs.rs`: `a_bad_timestamp_or_a_failing_store_releases_nothing`; `tests/ui/append_outside_the_crate.rs` |
//! | S4 advisory code cannot reach authority internals | `rmos-advisory` is a separate crate that sees only this crate's public API | `rmos-advisory/tests/boundary.rs`: `an_advisor_cannot_reach_the_approval_path`, which must see `rmos-advisory/tests/ui/forge_an_approval.rs`, `rmos-advisory/tests/ui/emit_gcode.rs` and `rmos-advisory/tests/ui/append_to_the_ledger.rs` fail to compile |
//! | S5 an AI actor never approves, overrides or emits G-code | [`gates`]: the actor kind is checked before any capability; on a signed ledger the actor is the [`authority::Roster`] member owning the key, and a roster refuses an AI or service member any approving, releasing or leading role | `governance_gates.rs`: `ai_never_approves_overrides_or_emits` (every actor and capability); `governance_workflow.rs`: `ai_actor_is_refused_even_on_a_green_job_and_the_attempt_is_recorded`; `authority_roster.rs`: `a_roster_refuses_approving_roles_for_ai_and_services_duplicates_and_no_lead`; `authority_approvals.rs`: `a_key_outside_the_roster_or_an_ai_members_never_approves`; `authority_release.rs`: `releasing_needs_the_release_role_and_the_refusal_is_recorded` |
//! | S6 artifacts are immutable and tamper-evident | [`runs`] seals each artifact over its canonical bytes ([`content`]) with the previous one's hash; `verify` walks the chain; on a signed ledger [`authority`] seals every artifact with the ledger key beside an RFC 9162 tree of the ids, and [`authority::verify_ledger`] checks seals, meaning and a kept checkpoint | `runs_verify.rs`: `a_flipped_byte_is_named_at_exactly_its_seq`, `swapped_artifacts_are_named_at_the_first`, `non_canonical_bytes_are_caught_even_with_a_matching_hash`; `runs_artifact.rs`: `the_id_covers_every_field`; `authority_forgery.rs`: `deleting_two_blocked_attempts_and_resealing_is_caught_at_seq_1`, `an_ai_attempt_rewritten_as_a_human_ok_approval_is_caught_at_its_seq`, `a_cut_tail_verifies_alone_but_not_against_the_checkpoint`, `a_single_byte_edit_anywhere_is_detected`; `authority_release.rs`: `a_swapped_program_is_caught_at_its_seq_and_at_the_machine` |
//! | S7 every artifact carries version stamps | [`engines`] stamps feasibility, toolpath, post and read-back; [`runs`] records them with the policy hash | `governance_workflow.rs`: `green_job_approves_and_records_ok_with_rmos_report`; `release_programs.rs`: `every_post_releases_a_recorded_program_with_its_gcode_attached`; `runs_artifact.rs`: `canonical_bytes_and_id_are_pinned` |
//! | S8 attachments are content-addressed | [`runs`]: stored and fetched by SHA-256, rechecked on read | `runs_store.rs`: `attachments_must_match_the_references_exactly`, `reads_recheck_content_addresses`; `runs_verify.rs`: `a_swapped_or_missing_attachment_is_caught` |
//! | D1 the same job, policy and versions give byte-identical reports, G-code and artifact ids | [`content`]'s RFC 8785 encoder; ordered maps only (`clippy.toml` denies `HashMap`/`HashSet`); [`posts`] rounds every number once | `feasibility_props.rs`: `evaluation_is_deterministic`; `release_programs.rs`: `the_same_approval_gives_the_same_bytes`; `release_golden.rs`: `released_programs_match_their_golden_files`; `content_canonical_jcs.rs`: `values_agree` (the encoder against an independent one) |
//! | D2 the core does no I/O | `rmos-core/clippy.toml` (calls, types, macros) and `.ci/check_core_io.py` (use trees, paths, macros) | `tests/fixtures/core-io-violation`: `make io-check` proves the scan and clippy each refuse every case (one form of I/O each), and runs the scan on this crate |
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Library code cannot panic: no unwrap, expect, panic or unchecked indexing (tests may). The few modules whose
// hot loops index by offsets they computed say so, and why, in an `allow` at their top.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod authority;
pub mod catalog;
pub mod checkpoint;
pub mod content;
pub mod documents;
pub mod engines;
pub mod error;
pub mod feasibility;
pub mod gates;
pub mod identity;
pub mod job;
pub mod keys;
pub mod posts;
pub mod program;
pub mod provenance;
pub mod readback;
pub mod runs;
pub mod simulation;
pub mod timestamp;
pub mod toolpaths;
pub mod workflow;

pub use error::InvalidJob;
pub use program::{PostOptions, Program, ReleaseError};
