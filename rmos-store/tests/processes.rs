//! Reliability across processes: appenders killed with SIGKILL at random moments, and several processes
//! appending to one ledger at once. Both run `ledger_append_loop` (src/bin), which prints `<seq> <id>` after
//! every append that returned.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rmos_core::content::ContentHash;
use rmos_core::runs::{RunStore, VerifyReport};
use rmos_store::{LedgerError, SqliteStore};

const APPENDER: &str = env!("CARGO_BIN_EXE_ledger_append_loop");

/// A small deterministic generator (xorshift64*), so a failing run can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn spawn(ledger: &Path, tag: &str, count: u64) -> Child {
    Command::new(APPENDER)
        .arg(ledger)
        .arg(tag)
        .arg(count.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// What an appender that stopped before it was killed said.
fn stopped_on_its_own(child: &mut Child) -> String {
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    format!("the appender stopped on its own ({status}): {stderr}")
}

/// Parses a `<seq> <id>` line.
fn confirmed(line: &str) -> (u64, ContentHash) {
    let (seq, id) = line.split_once(' ').unwrap();
    (seq.parse().unwrap(), id.parse().unwrap())
}

/// Checks that every confirmed append is in the ledger, at its seq, and that the whole chain verifies.
fn check(ledger: &Path, confirmed: &BTreeMap<u64, ContentHash>) -> VerifyReport {
    let store = SqliteStore::open_existing(ledger).unwrap();
    let report = store.verify().unwrap();
    for (seq, id) in confirmed {
        let artifact = store
            .get(id)
            .unwrap()
            .unwrap_or_else(|| panic!("confirmed seq {seq} ({id}) is gone"));
        assert_eq!(artifact.seq, *seq);
    }
    report
}

#[test]
fn appends_that_returned_survive_sigkill_at_random_moments() {
    let seed = std::env::var("RMOS_STORE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
        | 1;
    println!("crash seed {seed} (replay the moments with RMOS_STORE_CRASH_SEED={seed})");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("crash.rmos");
    let mut confirmed_appends: BTreeMap<u64, ContentHash> = BTreeMap::new();
    let mut kills = 0;
    let mut kills_mid_stream = 0;
    let started = Instant::now();
    for round in 0..60 {
        let mut child = spawn(&ledger, &format!("crash{round}"), 0);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Let it confirm a random number of appends (none: killed while starting or opening), then wait a
        // random fraction of an append so the kill lands anywhere in the next one.
        let wait_for = rng.below(6);
        for _ in 0..wait_for {
            let Some(line) = lines.next() else {
                panic!("round {round}: {}", stopped_on_its_own(&mut child))
            };
            let (seq, id) = confirmed(&line.unwrap());
            confirmed_appends.insert(seq, id);
        }
        std::thread::sleep(Duration::from_micros(rng.below(3_000)));
        if child.try_wait().unwrap().is_some() {
            panic!("round {round}: {}", stopped_on_its_own(&mut child));
        }
        kills += 1;
        if wait_for > 0 {
            kills_mid_stream += 1;
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the appender only stops when killed"
        );
        // Lines already in the pipe were printed after their append returned: they count too.
        for line in lines {
            let (seq, id) = confirmed(&line.unwrap());
            confirmed_appends.insert(seq, id);
        }
        match SqliteStore::open_existing(&ledger) {
            Ok(_) => {
                check(&ledger, &confirmed_appends);
            }
            // Killed before the schema was committed: no ledger yet, which is fine while nothing was confirmed;
            // the next appender creates it.
            Err(LedgerError::Missing { .. } | LedgerError::NotALedger { .. }) => {
                assert!(
                    confirmed_appends.is_empty(),
                    "round {round}: confirmed appends but no ledger"
                )
            }
            Err(other) => panic!("round {round}: {other}"),
        }
    }
    let report = check(&ledger, &confirmed_appends);
    println!(
        "{kills} kills ({kills_mid_stream} after appends had returned), {} appends confirmed, {} \
         in the ledger, {:?}",
        confirmed_appends.len(),
        report.artifacts,
        started.elapsed()
    );
    assert_eq!(kills, 60, "every round killed a running appender");
    assert!(
        confirmed_appends.len() >= 60,
        "the appenders confirmed {} appends",
        confirmed_appends.len()
    );
    assert!(confirmed_appends.keys().all(|&seq| seq < report.artifacts));
}

fn concurrent_appenders(processes: u64, each: u64) {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("shared.rmos");
    let children: Vec<Child> = (0..processes)
        .map(|p| spawn(&ledger, &format!("proc{p}"), each))
        .collect();
    let mut seen: BTreeMap<u64, (u64, ContentHash)> = BTreeMap::new();
    for (p, child) in (0..processes).zip(children) {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "process {p}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8(output.stdout).unwrap();
        let mine: Vec<(u64, ContentHash)> = text.lines().map(confirmed).collect();
        assert_eq!(mine.len() as u64, each, "process {p} confirmed every append");
        assert!(
            mine.windows(2).all(|w| w[0].0 < w[1].0),
            "process {p} saw its seqs rise"
        );
        for (seq, id) in mine {
            assert_eq!(seen.insert(seq, (p, id)), None, "seq {seq} was handed out twice");
        }
    }
    let total = processes * each;
    assert_eq!(
        seen.keys().copied().collect::<Vec<_>>(),
        (0..total).collect::<Vec<_>>(),
        "seq is dense"
    );
    let store = SqliteStore::open_existing(&ledger).unwrap();
    assert_eq!(store.len().unwrap(), total);
    let report = store.verify().unwrap();
    assert_eq!(
        report,
        VerifyReport {
            artifacts: total,
            head: Some(seen[&(total - 1)].1)
        }
    );
    for (seq, (p, id)) in &seen {
        let artifact = store.get(id).unwrap().unwrap();
        assert_eq!(artifact.seq, *seq);
        assert!(artifact.record.actor.id.starts_with(&format!("proc{p}-")));
    }
}

#[test]
fn two_processes_appending_at_once_serialise() {
    concurrent_appenders(2, 60);
}

#[test]
fn four_processes_appending_at_once_serialise() {
    concurrent_appenders(4, 40);
}
