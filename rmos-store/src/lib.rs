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
//! - **Audit**: [`SqliteStore::export`] writes the chain as JSON Lines of canonical artifacts plus attachment
//!   files; [`verify_export`] checks such a directory without any database and [`import`] loads it.
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
mod open;
mod options;
mod rows;
mod schema;
mod store;

pub use error::LedgerError;
pub use export::{import, verify_export, ExportSummary, ExportedLedger, EXPORT_FORMAT};
pub use options::{OpenOptions, DEFAULT_BUSY_TIMEOUT};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use store::SqliteStore;
