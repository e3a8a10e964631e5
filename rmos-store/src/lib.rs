//! # rmos-store
//!
//! The durable RMOS ledger: [`SqliteStore`] implements [`rmos_core::runs::RunStore`] on one embedded SQLite
//! file (the bundled SQLite, nothing to install). It is the only RMOS crate that touches files.
//!
//! - **Schema**: tables `artifacts` (seq, id, prev, kind, status, canonical bytes) and `attachments`
//!   (sha256, bytes); triggers reject every UPDATE and DELETE and any insert that is not the next seq;
//!   `PRAGMA application_id` ([`APPLICATION_ID`]) and `user_version` ([`SCHEMA_VERSION`]) identify a ledger,
//!   and opening anything else is [`LedgerError::NotALedger`] or [`LedgerError::SchemaVersion`].
//! - **Durability**: WAL mode with `synchronous=FULL`; one immediate transaction per append, so concurrent
//!   processes serialise and a killed process leaves either the whole artifact or nothing.
//! - **Audit**: [`SqliteStore::verify`] walks the chain ([`rmos_core::runs::verify`]) and names the first bad
//!   seq; [`SqliteStore::integrity_check`] runs SQLite's own structural check. [`SqliteStore::export`]
//!   writes the chain as JSON Lines of canonical artifacts plus attachment files ([`export`]);
//!   [`verify_export`] checks such a directory without any database and [`import`] loads it.
//!
//! [`PostgresStore`] keeps the same ledger in a PostgreSQL database that many machines share, with the same
//! guarantees; [`Ledger::open_location`] picks the backend from the address (`postgresql://...` or a path).
//!
//! ## What is guaranteed, and how it is tested
//!
//! | promise | test (`rmos-store/tests/`) |
//! |---|---|
//! | an append that returned is in the ledger, even if the process is killed right after | `processes.rs`: an appender killed with SIGKILL at random moments (60 times), then reopened and verified |
//! | concurrent processes get dense, distinct seqs and one chain | `processes.rs`: 2 and 4 processes appending at once |
//! | a busy ledger waits at most the busy timeout, then fails having written nothing | `append.rs` |
//! | a full disk or a read-only file is a clear error and loses nothing committed | `filesystem.rs` on real tmpfs mounts (needs the right to mount); `append.rs` simulates both everywhere (a size cap, SQLite's read-only open) |
//! | any edit outside RMOS (bytes, seq, id, attachments; by SQL or in the file) is named by `verify` | `verify.rs`, including random byte flips |
//! | after a panic in a call holding a [`SharedLedger`], the ledger is used again only once it verifies, and is refused for good (naming the seq) when it does not; the C ABI and the Python module both hold a `SharedLedger` | `poisoned.rs`; through C, `tests/c/status_codes.c` with `rmos_testing_panic_holding_ledger` |
//!
//! The trigger that keeps rows immutable only stops honest mistakes: whoever can write the file can drop
//! it. What cannot be forged is the chain of content addresses, and [`SqliteStore::verify`] checks it.
//! Cutting off the chain's tail leaves a chain that verifies: keep the head id that `verify` reports
//! somewhere else and compare.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod error;
pub mod export;
mod held;
mod ledger;
mod open;
mod options;
mod postgres;
mod rows;
mod schema;
mod store;

pub use error::LedgerError;
pub use export::{import, verify_export, ExportSummary, ExportedLedger, EXPORT_FORMAT};
pub use held::HostLedger;
pub use ledger::{Ledger, SharedLedger};
pub use options::{OpenOptions, DEFAULT_BUSY_TIMEOUT};
pub use postgres::{is_postgres_url, redact_url, PostgresStore};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use store::SqliteStore;
