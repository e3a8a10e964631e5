//! The durable RMOS ledger on embedded SQLite.
