//! The PostgreSQL ledger against a real server: `RMOS_TEST_PG_URL` names a superuser's URL on it (what
//! `tests/pg/cluster.sh start` prints). Every test is `#[ignore]`d so that a plain `cargo test` does not
//! count them as passed without a server; `make test-pg` runs them with `--ignored`, and each one fails,
//! saying so, when the variable is missing or the server cannot be reached. Each test works in a database of
//! its own, created afresh.
//!
//! The restart test starts a private cluster of its own with `tests/pg/cluster.sh`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rmos_core::content::ContentHash;
use rmos_core::runs::{RunArtifact, RunStore, StoreError};
use rmos_store::{Ledger, LedgerError, OpenOptions, PostgresStore};

const APPENDER: &str = env!("CARGO_BIN_EXE_ledger_append_loop");

/// The superuser URL of the test server; fails the test, saying why, without one.
fn server_url() -> String {
    match std::env::var("RMOS_TEST_PG_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "RMOS_TEST_PG_URL is not set: these tests need a PostgreSQL server \
             (`make test-pg` with one, or tests/pg/cluster.sh start DIR)"
        ),
    }
}

/// `url` with its database replaced by `db`.
fn with_db(url: &str, db: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (before, query) = match rest.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (rest, String::new()),
    };
    let authority = before.split('/').next().unwrap();
    format!("{scheme}://{authority}/{db}{query}")
}

/// A superuser connection to `url`.
fn admin(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot reach the test server at RMOS_TEST_PG_URL: {e}"))
}

/// A new empty database `rmos_test_<name>` on the test server (dropped first if a run left it), and its URL.
fn fresh_db(name: &str) -> String {
    let url = server_url();
    let db = format!("rmos_test_{name}");
    let mut client = admin(&url);
    client
        .batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
        .unwrap();
    client.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    with_db(&url, &db)
}

/// Approval `n` sealed after `prev` at `seq`.
fn sealed(n: u64, seq: u64, prev: Option<ContentHash>) -> RunArtifact {
    RunArtifact::seal(common::approval(n), seq, prev)
}

/// Appends `count` artifacts in this process: approvals, every third a toolpath with its attachment.
fn append_sealed(store: &mut PostgresStore, count: u64) -> Vec<RunArtifact> {
    let mut out = Vec::new();
    for n in 0..count {
        let seq = store.len().unwrap();
        let prev = store.head().unwrap();
        let (record, attachments) = if n % 3 == 2 {
            common::toolpath(seq)
        } else {
            (common::approval(seq), vec![])
        };
        let artifact = RunArtifact::seal(record, seq, prev);
        store.append_sealed(&artifact, &attachments).unwrap();
        out.push(artifact);
    }
    out
}

fn spawn(ledger: &str, tag: &str, count: u64, threads: u32) -> Child {
    Command::new(APPENDER)
        .args([ledger, tag, &count.to_string(), &threads.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// A line `<seq> <id>` the appender printed once its append had returned.
fn confirmed(line: &str) -> (u64, ContentHash) {
    let (seq, id) = line
        .split_once(' ')
        .unwrap_or_else(|| panic!("bad line {line:?}"));
    (seq.parse().unwrap(), id.parse().unwrap())
}

/// Every confirmed append is in the ledger at its seq, and the whole chain verifies.
fn check_confirmed(url: &str, confirmed: &BTreeMap<u64, ContentHash>) -> u64 {
    let store = PostgresStore::open_with(url, &OpenOptions::new().create(false)).unwrap();
    for (seq, id) in confirmed {
        let artifact = store
            .get(id)
            .unwrap()
            .unwrap_or_else(|| panic!("confirmed seq {seq} ({id}) is gone"));
        assert_eq!(artifact.seq, *seq);
    }
    let report = store.verify().unwrap();
    assert_eq!(report.artifacts, store.len().unwrap());
    report.artifacts
}

#[test]
#[ignore = "needs a PostgreSQL server: RMOS_TEST_PG_URL, run by `make test-pg`"]
fn eight_writers_in_four_processes_append_ten_thousand_without_fork_or_gap() {
    let url = fresh_db("eight_writers");
    PostgresStore::open(&url).unwrap();
    let started = Instant::now();
    let children: Vec<Child> = (0..4).map(|p| spawn(&url, &format!("p{p}"), 1250, 2)).collect();
    let mut seen: BTreeMap<u64, ContentHash> = BTreeMap::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "an appender failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        for line in String::from_utf8(output.stdout).unwrap().lines() {
            let (seq, id) = confirmed(line);
            assert!(
                seen.insert(seq, id).is_none(),
                "seq {seq} was handed out twice: a fork"
            );
        }
    }
    let elapsed = started.elapsed();
    assert_eq!(seen.len(), 10_000);
    assert_eq!(
        seen.keys().copied().collect::<Vec<_>>(),
        (0..10_000).collect::<Vec<_>>(),
        "a gap"
    );
    assert_eq!(check_confirmed(&url, &seen), 10_000);
    println!(
        "10000 appends by 8 writers in 4 processes: {elapsed:?} ({:.0}/s)",
        10_000.0 / elapsed.as_secs_f64()
    );
}

#[test]
#[ignore = "needs a PostgreSQL server: RMOS_TEST_PG_URL, run by `make test-pg`"]
fn writers_killed_mid_append_lose_no_acknowledged_append() {
    let url = fresh_db("sigkill");
    PostgresStore::open(&url).unwrap();
    let mut confirmed_appends: BTreeMap<u64, ContentHash> = BTreeMap::new();
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    for round in 0..12 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = spawn(&url, &format!("kill{round}"), 0, 2);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        for _ in 0..(1 + seed % 8) {
            let line = lines
                .next()
                .unwrap_or_else(|| panic!("round {round}: the appender stopped"));
            let (seq, id) = confirmed(&line.unwrap());
            confirmed_appends.insert(seq, id);
        }
        std::thread::sleep(Duration::from_micros(seed % 5_000));
        child.kill().unwrap();
        assert!(!child.wait().unwrap().success());
        for line in lines {
            let (seq, id) = confirmed(&line.unwrap());
            confirmed_appends.insert(seq, id);
        }
        check_confirmed(&url, &confirmed_appends);
    }
    assert!(confirmed_appends.len() >= 24);
}

/// A private cluster for one test, stopped when dropped.
struct Cluster {
    dir: PathBuf,
    url: String,
}

impl Cluster {
    fn script() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pg/cluster.sh")
    }

    fn start() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("rmos-pg-")
            .tempdir()
            .unwrap()
            .keep();
        // As root the server runs as `postgres`, which must be able to enter the directory.
        #[cfg(unix)]
        std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o711)).unwrap();
        let out = Command::new("bash")
            .arg(Self::script())
            .arg("start")
            .arg(dir.join("cluster"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "cluster.sh start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        Self { dir, url }
    }

    fn run(&self, command: &str) {
        let out = Command::new("bash")
            .arg(Self::script())
            .arg(command)
            .arg(self.dir.join("cluster"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "cluster.sh {command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(Self::script())
            .arg("stop")
            .arg(self.dir.join("cluster"))
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
#[ignore = "needs PostgreSQL's server binaries and RMOS_TEST_PG_URL, run by `make test-pg`"]
fn a_server_stopped_immediately_and_restarted_loses_no_acknowledged_append() {
    server_url();
    let cluster = Cluster::start();
    let url = cluster.url.clone();
    let mut store = PostgresStore::open(&url).unwrap();
    let mut acknowledged: BTreeMap<u64, ContentHash> = BTreeMap::new();
    for artifact in append_sealed(&mut store, 5) {
        acknowledged.insert(artifact.seq, artifact.id);
    }
    // A writer process appending when the server goes down.
    let mut child = spawn(&url, "restart", 0, 2);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for _ in 0..6 {
        let (seq, id) = confirmed(&lines.next().unwrap().unwrap());
        acknowledged.insert(seq, id);
    }
    cluster.run("crash");
    let status = child.wait().unwrap();
    for line in lines {
        let (seq, id) = confirmed(&line.unwrap());
        acknowledged.insert(seq, id);
    }
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(!status.success(), "the writer cannot go on without its server");
    assert!(stderr.contains("ledger server unreachable"), "{stderr}");
    // This process's store: a typed error while the server is down, for reads and for appends.
    match store.head_entry() {
        Err(LedgerError::Unreachable { location, reason }) => {
            assert_eq!(location, rmos_store::redact_url(&url));
            assert!(!reason.is_empty());
        }
        other => panic!("expected Unreachable, got {other:?}"),
    }
    let next = sealed(1000, 0, None);
    match store.append_sealed(&next, &[]) {
        Err(StoreError::Backend(text)) => assert!(text.contains("ledger server unreachable"), "{text}"),
        other => panic!("expected a backend error, got {other:?}"),
    }
    cluster.run("restart");
    // The same store reconnects on its next call and finds every acknowledged append.
    let len = store.len().unwrap();
    assert!(len >= acknowledged.len() as u64);
    for (seq, id) in &acknowledged {
        assert_eq!(
            store.get(id).unwrap().map(|a| a.seq),
            Some(*seq),
            "seq {seq} lost"
        );
    }
    append_sealed(&mut store, 3);
    assert_eq!(store.verify().unwrap().artifacts, len + 3);
    check_confirmed(&url, &acknowledged);
}

#[test]
#[ignore = "needs a PostgreSQL server: RMOS_TEST_PG_URL, run by `make test-pg`"]
fn rows_are_immutable_and_a_superuser_edit_is_caught_at_its_seq() {
    let url = fresh_db("tamper");
    let mut store = PostgresStore::open(&url).unwrap();
    let artifacts = append_sealed(&mut store, 9);
    let mut db = admin(&url);
    for sql in [
        "UPDATE artifacts SET kind = 'x' WHERE seq = 1",
        "DELETE FROM artifacts WHERE seq = 8",
        "TRUNCATE artifacts",
        "UPDATE attachments SET bytes = 'x'",
        "DELETE FROM attachments",
        "TRUNCATE attachments CASCADE",
        "UPDATE rmos_ledger SET schema_version = 2",
        "INSERT INTO artifacts (seq, id, kind, status, bytes) SELECT 20, id, kind, status, bytes FROM artifacts WHERE seq = 0",
        "INSERT INTO attachments (sha256, bytes) VALUES ('sha256:' || repeat('0', 64), 'not that')",
    ] {
        let err = db.batch_execute(sql).unwrap_err();
        assert!(err.as_db_error().is_some(), "{sql}: {err}");
    }
    assert_eq!(store.verify().unwrap().artifacts, 9);

    // A superuser disables the triggers and edits one byte of seq 4.
    db.batch_execute(
        "ALTER TABLE artifacts DISABLE TRIGGER USER;
         UPDATE artifacts SET bytes = overlay(bytes placing '\\x20'::bytea from 60 for 1) WHERE seq = 4;",
    )
    .unwrap();
    match PostgresStore::open(&url) {
        Err(LedgerError::SchemaAltered { reason, .. }) => assert!(reason.contains("disabled"), "{reason}"),
        other => panic!("expected SchemaAltered, got {other:?}"),
    }
    // Already open, or reopened once the triggers are back: verify names seq 4.
    match store.verify() {
        Err(LedgerError::Tampered(t)) => assert_eq!(t.seq, 4, "{t:?}"),
        other => panic!("expected Tampered at 4, got {other:?}"),
    }
    db.batch_execute("ALTER TABLE artifacts ENABLE TRIGGER USER")
        .unwrap();
    match PostgresStore::open(&url).unwrap().verify() {
        Err(LedgerError::Tampered(t)) => assert_eq!(t.seq, 4),
        other => panic!("expected Tampered at 4, got {other:?}"),
    }

    // An attachment's bytes changed with its check dropped: named at the toolpath that holds it (seq 2).
    let url2 = fresh_db("tamper_attachment");
    let mut store2 = PostgresStore::open(&url2).unwrap();
    append_sealed(&mut store2, 6);
    let mut db2 = admin(&url2);
    db2.batch_execute(
        "ALTER TABLE attachments DISABLE TRIGGER USER;
         ALTER TABLE attachments DROP CONSTRAINT attachments_content_address;
         UPDATE attachments SET bytes = bytes || '\\x0a'::bytea;",
    )
    .unwrap();
    match store2.verify() {
        Err(LedgerError::Tampered(t)) => assert_eq!(t.seq, 2, "{t:?}"),
        other => panic!("expected Tampered at 2, got {other:?}"),
    }
    match PostgresStore::open(&url2) {
        Err(LedgerError::SchemaAltered { reason, .. }) => assert!(reason.contains("disabled"), "{reason}"),
        other => panic!("expected SchemaAltered, got {other:?}"),
    }

    // A row whose id is not a content address: named at its position.
    db.batch_execute(
        "ALTER TABLE artifacts DISABLE TRIGGER USER;
         ALTER TABLE artifacts DROP CONSTRAINT artifacts_id_check;
         UPDATE artifacts SET id = 'forged' WHERE seq = 2;",
    )
    .unwrap();
    match store.verify() {
        Err(LedgerError::Tampered(t)) => assert_eq!(t.seq, 2, "{t:?}"),
        other => panic!("expected Tampered at 2, got {other:?}"),
    }
    assert_eq!(artifacts.len(), 9);
}

#[test]
#[ignore = "needs a PostgreSQL server: RMOS_TEST_PG_URL, run by `make test-pg`"]
fn other_schemas_and_versions_are_refused_clearly() {
    let url = fresh_db("schemas");
    match PostgresStore::open_with(&url, &OpenOptions::new().create(false)) {
        Err(LedgerError::NotALedger { path }) => {
            assert_eq!(path, PathBuf::from(rmos_store::redact_url(&url)))
        }
        other => panic!("expected NotALedger, got {other:?}"),
    }
    let mut db = admin(&url);
    db.batch_execute("CREATE TABLE artifacts (n int)").unwrap();
    assert!(matches!(
        PostgresStore::open(&url),
        Err(LedgerError::NotALedger { .. })
    ));

    let url = fresh_db("schema_version");
    PostgresStore::open(&url).unwrap();
    let mut db = admin(&url);
    db.batch_execute(
        "ALTER TABLE rmos_ledger DISABLE TRIGGER USER; UPDATE rmos_ledger SET schema_version = 7;
         ALTER TABLE rmos_ledger ENABLE TRIGGER USER;",
    )
    .unwrap();
    let err = PostgresStore::open(&url).unwrap_err();
    assert!(
        matches!(
            err,
            LedgerError::SchemaVersion {
                found: 7,
                expected: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("schema version 7"), "{err}");
    db.batch_execute(
        "ALTER TABLE rmos_ledger DISABLE TRIGGER USER;
         UPDATE rmos_ledger SET schema_version = 1, application_id = 42;
         ALTER TABLE rmos_ledger ENABLE TRIGGER USER;",
    )
    .unwrap();
    assert!(matches!(
        PostgresStore::open(&url),
        Err(LedgerError::NotALedger { .. })
    ));

    let url = fresh_db("schema_redefined");
    PostgresStore::open(&url).unwrap();
    admin(&url)
        .batch_execute(
            "CREATE OR REPLACE FUNCTION rmos_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RETURN NEW; END $$;",
        )
        .unwrap();
    match PostgresStore::open(&url) {
        Err(LedgerError::SchemaAltered { reason, .. }) => {
            assert_eq!(reason, "function rmos_refuse_change is missing or was redefined")
        }
        other => panic!("expected SchemaAltered, got {other:?}"),
    }
}

#[test]
#[ignore = "needs a PostgreSQL server: RMOS_TEST_PG_URL, run by `make test-pg`"]
fn passwords_never_reach_errors_or_debug_output() {
    let url = fresh_db("secrets");
    let store = PostgresStore::open(&url).unwrap();
    let password = url
        .split_once("://")
        .unwrap()
        .1
        .split('@')
        .next()
        .unwrap()
        .split_once(':')
        .unwrap()
        .1;
    assert!(!format!("{store:?}").contains(password));
    assert!(!store.location().contains(password));
    let wrong = url.replacen(password, "not-the-password-3141", 1);
    let err = PostgresStore::open(&wrong).unwrap_err();
    assert!(matches!(err, LedgerError::AuthenticationFailed { .. }), "{err:?}");
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains("not-the-password-3141"), "{text}");
    }
    // No server at this port: unreachable, and still no password.
    let port = url.split_once('@').unwrap().1.split(['/', ':']).nth(1).unwrap();
    let nowhere = url.replacen(&format!(":{port}/"), ":1/", 1);
    let err = PostgresStore::open(&nowhere).unwrap_err();
    assert!(matches!(err, LedgerError::Unreachable { .. }), "{err:?}");
    assert!(!err.to_string().contains(password) && !format!("{err:?}").contains(password));
    let err = Ledger::open_location(&url.replacen(port, "notaport", 1), &OpenOptions::new()).unwrap_err();
    assert!(matches!(err, LedgerError::BadLocation { .. }), "{err:?}");
    assert!(!err.to_string().contains(password), "{err}");
}

#[test]
#[ignore = "needs a PostgreSQL server: RMOS_TEST_PG_URL, run by `make test-pg`"]
fn a_writer_held_up_past_the_busy_timeout_is_busy_and_writes_nothing() {
    let url = fresh_db("busy");
    let mut store =
        PostgresStore::open_with(&url, &OpenOptions::new().busy_timeout(Duration::from_millis(200))).unwrap();
    append_sealed(&mut store, 2);
    let mut holder = admin(&url);
    let mut tx = holder.transaction().unwrap();
    tx.execute("SELECT pg_advisory_xact_lock(1380798291)", &[])
        .unwrap();
    let started = Instant::now();
    let err = store
        .append_sealed(&sealed(7, 2, store.head().unwrap()), &[])
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::Backend("ledger is busy: another writer held it for more than 200 ms".into())
    );
    assert!(started.elapsed() >= Duration::from_millis(200));
    tx.rollback().unwrap();
    assert_eq!(store.len().unwrap(), 2);
    let next = sealed(7, 2, store.head().unwrap());
    store.append_sealed(&next, &[]).unwrap();
    // The same artifact again is a no-op; another one at a taken seq is refused.
    store.append_sealed(&next, &[]).unwrap();
    assert_eq!(
        store.append_sealed(&sealed(8, 2, next.prev), &[]),
        Err(StoreError::SeqTaken { seq: 2 })
    );
    assert_eq!(store.len().unwrap(), 3);
}

#[test]
#[ignore = "needs a PostgreSQL server: RMOS_TEST_PG_URL, run by `make test-pg`"]
fn one_address_picks_the_backend_and_read_only_refuses_appends() {
    let url = fresh_db("location");
    let mut ledger = Ledger::open_location(&url, &OpenOptions::new()).unwrap();
    assert!(matches!(ledger, Ledger::Postgres(_)));
    assert_eq!(ledger.path(), None);
    let first = sealed(1, 0, None);
    ledger.append_sealed(&first, &[]).unwrap();
    assert_eq!(ledger.get(&first.id).unwrap(), Some(first.clone()));
    assert_eq!(ledger.verify().unwrap().artifacts, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.rmos");
    let file = Ledger::open_location(path.to_str().unwrap(), &OpenOptions::new()).unwrap();
    assert_eq!(file.path(), Some(path.as_path()));

    let read_only = PostgresStore::open_with(&url, &OpenOptions::new().read_only(true)).unwrap();
    let mut read_only = Ledger::Postgres(read_only);
    assert_eq!(read_only.len().unwrap(), 1);
    match read_only.append_sealed(&sealed(2, 1, Some(first.id)), &[]) {
        Err(StoreError::Backend(text)) => assert!(text.starts_with("ledger is read-only"), "{text}"),
        other => panic!("expected read-only, got {other:?}"),
    }
    assert!(matches!(
        PostgresStore::open_with(&url, &OpenOptions::new().max_size_bytes(Some(1 << 20))),
        Err(LedgerError::BadLocation { .. })
    ));
}
