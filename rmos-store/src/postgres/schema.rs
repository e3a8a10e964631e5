//! The ledger's schema on PostgreSQL: the identity row, the two tables, the checks on insert and the
//! triggers that keep rows immutable; created on first open and checked on every open.
//!
//! The same rules as the SQLite schema, said in PostgreSQL: `artifacts` takes a row only at the next seq
//! and only when its `prev` is the id of the row before; an attachment's address must be the SHA-256 of
//! its bytes (checked by the server's own `sha256()`); no row of any table can be updated or deleted, and
//! no table truncated.

use postgres::Client;

use crate::error::LedgerError;
use crate::schema::{APPLICATION_ID, SCHEMA_VERSION};

use super::connect::Target;

/// The key of the transaction-level advisory lock every append and the schema creation take: the bytes
/// `RMOS`, as [`APPLICATION_ID`]. Advisory locks are per database, so each database is its own ledger.
pub(crate) const LOCK_KEY: i64 = APPLICATION_ID;

/// The statements creating the schema, run in one transaction.
const CREATE: &str = r#"
CREATE TABLE rmos_ledger (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    application_id bigint NOT NULL,
    schema_version bigint NOT NULL
);
CREATE TABLE artifacts (
    seq bigint PRIMARY KEY CHECK (seq >= 0),
    id text NOT NULL UNIQUE CHECK (id ~ '^sha256:[0-9a-f]{64}$'),
    prev text CHECK (prev ~ '^sha256:[0-9a-f]{64}$'),
    kind text NOT NULL,
    status text NOT NULL,
    bytes bytea NOT NULL
);
CREATE TABLE attachments (
    sha256 text PRIMARY KEY CONSTRAINT attachments_content_address
        CHECK (sha256 = 'sha256:' || encode(sha256(bytes), 'hex')),
    bytes bytea NOT NULL
);
CREATE FUNCTION rmos_artifacts_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    head_seq bigint;
    head_id text;
BEGIN
    SELECT seq, id INTO head_seq, head_id FROM artifacts ORDER BY seq DESC LIMIT 1;
    IF NEW.seq IS DISTINCT FROM COALESCE(head_seq + 1, 0) THEN
        RAISE EXCEPTION 'rmos ledger: artifacts are appended at the next seq only';
    END IF;
    IF NEW.prev IS DISTINCT FROM head_id THEN
        RAISE EXCEPTION 'rmos ledger: an artifact''s prev must be the id of the one before';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE FUNCTION rmos_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'rmos ledger: % rows are immutable', TG_TABLE_NAME;
END
$fn$;
CREATE TRIGGER artifacts_append BEFORE INSERT ON artifacts
    FOR EACH ROW EXECUTE FUNCTION rmos_artifacts_append();
CREATE TRIGGER artifacts_immutable BEFORE UPDATE OR DELETE ON artifacts
    FOR EACH ROW EXECUTE FUNCTION rmos_refuse_change();
CREATE TRIGGER artifacts_no_truncate BEFORE TRUNCATE ON artifacts
    FOR EACH STATEMENT EXECUTE FUNCTION rmos_refuse_change();
CREATE TRIGGER attachments_immutable BEFORE UPDATE OR DELETE ON attachments
    FOR EACH ROW EXECUTE FUNCTION rmos_refuse_change();
CREATE TRIGGER attachments_no_truncate BEFORE TRUNCATE ON attachments
    FOR EACH STATEMENT EXECUTE FUNCTION rmos_refuse_change();
CREATE TRIGGER rmos_ledger_immutable BEFORE UPDATE OR DELETE ON rmos_ledger
    FOR EACH ROW EXECUTE FUNCTION rmos_refuse_change();
CREATE TRIGGER rmos_ledger_no_truncate BEFORE TRUNCATE ON rmos_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION rmos_refuse_change();
"#;

/// Every trigger of the schema as `(table, trigger, function)`.
const TRIGGERS: &[(&str, &str, &str)] = &[
    ("artifacts", "artifacts_append", "rmos_artifacts_append"),
    ("artifacts", "artifacts_immutable", "rmos_refuse_change"),
    ("artifacts", "artifacts_no_truncate", "rmos_refuse_change"),
    ("attachments", "attachments_immutable", "rmos_refuse_change"),
    ("attachments", "attachments_no_truncate", "rmos_refuse_change"),
    ("rmos_ledger", "rmos_ledger_immutable", "rmos_refuse_change"),
    ("rmos_ledger", "rmos_ledger_no_truncate", "rmos_refuse_change"),
];

/// Every check constraint of the schema as `(table, constraint)`.
const CHECKS: &[(&str, &str)] = &[
    ("artifacts", "artifacts_seq_check"),
    ("artifacts", "artifacts_id_check"),
    ("artifacts", "artifacts_prev_check"),
    ("attachments", "attachments_content_address"),
];

/// Reads the identity of the database and creates the schema when it holds none of RMOS's tables and
/// `create` is set. Two clients creating the same new ledger at once are safe: creation takes the
/// ledger's lock and looks again.
pub(crate) fn prepare(client: &mut Client, target: &Target, create: bool) -> Result<(), LedgerError> {
    let err = |e: postgres::Error| target.error(&e);
    let mut tx = client.transaction().map_err(err)?;
    if create {
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])
            .map_err(err)?;
    }
    let row = tx
        .query_one(
            "SELECT to_regclass('rmos_ledger') IS NOT NULL, to_regclass('artifacts') IS NOT NULL,
                    to_regclass('attachments') IS NOT NULL",
            &[],
        )
        .map_err(err)?;
    let (meta, artifacts, attachments): (bool, bool, bool) = (row.get(0), row.get(1), row.get(2));
    let not_a_ledger = || LedgerError::NotALedger {
        path: target.location.clone().into(),
    };
    if !meta {
        if artifacts || attachments || !create {
            return Err(not_a_ledger());
        }
        tx.batch_execute(CREATE).map_err(err)?;
        tx.execute(
            "INSERT INTO rmos_ledger (application_id, schema_version) VALUES ($1, $2)",
            &[&APPLICATION_ID, &SCHEMA_VERSION],
        )
        .map_err(err)?;
    }
    let rows = tx
        .query("SELECT application_id, schema_version FROM rmos_ledger", &[])
        .map_err(err)?;
    let identity: Vec<(i64, i64)> = rows
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect::<Result<_, postgres::Error>>()
        .map_err(|_| not_a_ledger())?;
    match identity.as_slice() {
        [(app, version)] if *app == APPLICATION_ID => {
            if *version != SCHEMA_VERSION {
                return Err(LedgerError::SchemaVersion {
                    path: target.location.clone().into(),
                    found: *version,
                    expected: SCHEMA_VERSION,
                });
            }
        }
        _ => return Err(not_a_ledger()),
    }
    check_objects(&mut tx, target)?;
    tx.commit().map_err(err)
}

/// Checks that every trigger and check constraint RMOS creates is there, enabled, and calls the function
/// RMOS wrote.
fn check_objects(tx: &mut postgres::Transaction<'_>, target: &Target) -> Result<(), LedgerError> {
    let err = |e: postgres::Error| target.error(&e);
    let altered = |reason: String| LedgerError::SchemaAltered {
        path: target.location.clone().into(),
        reason,
    };
    let found = tx
        .query(
            "SELECT c.relname::text, t.tgname::text, p.proname::text, t.tgenabled::text
               FROM pg_trigger t
               JOIN pg_class c ON c.oid = t.tgrelid
               JOIN pg_proc p ON p.oid = t.tgfoid
              WHERE c.oid IN (to_regclass('artifacts'), to_regclass('attachments'), to_regclass('rmos_ledger'))
                AND NOT t.tgisinternal",
            &[],
        )
        .map_err(err)?;
    let found: Vec<(String, String, String, String)> = found
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
    for (table, name, function) in TRIGGERS {
        match found.iter().find(|(t, n, _, _)| t == table && n == name) {
            None => return Err(altered(format!("trigger {name} on {table} is missing"))),
            Some((_, _, f, _)) if f != function => {
                return Err(altered(format!("trigger {name} on {table} was redefined")))
            }
            Some((_, _, _, enabled)) if enabled != "O" && enabled != "A" => {
                return Err(altered(format!("trigger {name} on {table} is disabled")))
            }
            Some(_) => {}
        }
    }
    if let Some((table, name, _, _)) = found
        .iter()
        .find(|(t, n, _, _)| !TRIGGERS.iter().any(|(table, name, _)| table == t && name == n))
    {
        return Err(altered(format!("unexpected trigger {name} on {table}")));
    }
    let checks = tx
        .query(
            "SELECT c.relname::text, k.conname::text
               FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
              WHERE c.oid IN (to_regclass('artifacts'), to_regclass('attachments')) AND k.contype = 'c'
                AND k.convalidated",
            &[],
        )
        .map_err(err)?;
    for (table, name) in CHECKS {
        if !checks
            .iter()
            .any(|r| r.get::<_, String>(0) == *table && r.get::<_, String>(1) == *name)
        {
            return Err(altered(format!("check {name} on {table} is missing")));
        }
    }
    let functions = tx
        .query(
            "SELECT proname::text, prosrc FROM pg_proc
              WHERE proname IN ('rmos_artifacts_append', 'rmos_refuse_change')
                AND pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())",
            &[],
        )
        .map_err(err)?;
    for name in ["rmos_artifacts_append", "rmos_refuse_change"] {
        let want = function_source(name);
        if !functions
            .iter()
            .any(|r| r.get::<_, String>(0) == name && Some(r.get::<_, &str>(1)) == want)
        {
            return Err(altered(format!("function {name} is missing or was redefined")));
        }
    }
    Ok(())
}

/// The body RMOS writes for function `name`, as `pg_proc.prosrc` holds it.
fn function_source(name: &str) -> Option<&'static str> {
    let start = CREATE.find(&format!("CREATE FUNCTION {name}()"))?;
    let (_, body) = CREATE.get(start..)?.split_once("$fn$")?;
    body.split_once("$fn$").map(|(body, _)| body)
}
