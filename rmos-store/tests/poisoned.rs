//! The one rule after a panic (`SharedLedger`): a call that panicked while holding a ledger poisons it; the
//! next call verifies the ledger, takes over one that verifies and refuses, for good, one that does not.
//! The C ABI and the Python module hold their ledgers in a `SharedLedger`, so both follow it.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::{approval, ledger_path, toolpath, SealAtHead};
use rmos_core::runs::{MemoryStore, RunStore};
use rmos_store::{HostLedger, Ledger, LedgerError, SharedLedger};

/// A ledger of `n` artifacts (a toolpath with its attachment among them), in memory or durable.
fn filled(mut ledger: Ledger, n: u64) -> Ledger {
    for i in 0..n {
        if i == 1 {
            let (record, attachments) = toolpath(i);
            ledger.seal_at_head(record, attachments).unwrap();
        } else {
            ledger.seal_at_head(approval(i), vec![]).unwrap();
        }
    }
    ledger
}

/// Panics while holding `shared`, after `during` did what it does to the ledger.
fn panic_holding(shared: &SharedLedger, during: impl FnOnce(&mut Ledger)) {
    let panicked = catch_unwind(AssertUnwindSafe(|| {
        let mut held = shared.lock().unwrap();
        let HostLedger::Plain(ledger) = &mut *held else {
            panic!("a plain ledger")
        };
        during(ledger);
        panic!("a call fails half way");
    }));
    assert!(panicked.is_err());
}

/// The ledger's memory store with one byte of the artifact at `seq` changed.
fn flipped(ledger: &Ledger, seq: usize) -> Ledger {
    let Ledger::Memory(memory) = ledger else {
        panic!("a memory ledger")
    };
    let (mut artifacts, attachments) = memory.clone().into_raw();
    let bytes = &mut artifacts[seq].bytes;
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    Ledger::Memory(MemoryStore::from_raw(artifacts, attachments))
}

#[test]
fn an_intact_memory_ledger_is_taken_over_and_goes_on_recording() {
    let shared = SharedLedger::new(filled(Ledger::memory(), 3));
    panic_holding(&shared, |_| {});
    let mut held = shared.lock().unwrap();
    assert_eq!(held.len().unwrap(), 3);
    held.seal_at_head(approval(3), vec![]).unwrap();
    assert_eq!(held.verify().unwrap().artifacts, 4);
    drop(held);
    // Taken over for good: a second lock needs no verification and sees the same ledger.
    assert_eq!(shared.lock().unwrap().len().unwrap(), 4);
}

#[test]
fn an_intact_durable_ledger_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = ledger_path(dir.path());
    let ledger = Ledger::open(&path, &rmos_store::OpenOptions::new()).unwrap();
    let shared = SharedLedger::new(filled(ledger, 3));
    panic_holding(&shared, |_| {});
    let held = shared.lock().unwrap();
    assert_eq!(held.path(), Some(path.as_path()));
    let report = held.verify().unwrap();
    assert_eq!(report.artifacts, 3);
    assert_eq!(report.head, held.head().unwrap());
}

#[test]
fn a_ledger_broken_by_the_panic_is_refused_every_time_naming_the_seq() {
    let shared = SharedLedger::new(filled(Ledger::memory(), 3));
    panic_holding(&shared, |held| *held = flipped(held, 2));
    for _ in 0..3 {
        match shared.lock() {
            Err(LedgerError::Poisoned(why)) => {
                assert!(why.starts_with("ledger does not verify: seq 2: "), "{why}");
            }
            other => panic!("refused as poisoned, got {other:?}"),
        }
    }
    let message = shared.lock().unwrap_err().to_string();
    assert!(
        message.starts_with(
            "ledger is unusable: a call panicked while holding it and it no longer verifies: \
             ledger does not verify: seq 2: "
        ),
        "{message}"
    );
    // The owner can still take the ledger back out, to examine it.
    let ledger = shared.into_inner();
    assert_eq!(ledger.len().unwrap(), 3);
    assert_eq!(
        ledger
            .verify()
            .unwrap_err()
            .to_string()
            .split(':')
            .take(2)
            .collect::<Vec<_>>(),
        ["ledger does not verify", " seq 2"]
    );
}

#[test]
fn a_ledger_whose_attachment_was_lost_in_the_panic_is_refused() {
    let shared = SharedLedger::new(filled(Ledger::memory(), 3));
    panic_holding(&shared, |held| {
        let Ledger::Memory(memory) = &*held else {
            panic!("a memory ledger")
        };
        let (artifacts, _) = memory.clone().into_raw();
        *held = Ledger::Memory(MemoryStore::from_raw(artifacts, vec![]));
    });
    match shared.lock() {
        Err(LedgerError::Poisoned(why)) => {
            assert!(
                why.starts_with("ledger does not verify: seq 1: attachment "),
                "{why}"
            );
            assert!(why.ends_with(" is missing"), "{why}");
        }
        other => panic!("refused as poisoned, got {other:?}"),
    };
}

#[test]
fn without_a_panic_nothing_is_verified_and_a_broken_ledger_is_still_lent() {
    // The rule is about panics only: a ledger tampered with from outside is lent as usual, and `verify`
    // is what names it.
    let broken = flipped(&filled(Ledger::memory(), 2), 0);
    let shared = SharedLedger::new(broken);
    let held = shared.lock().unwrap();
    assert_eq!(held.len().unwrap(), 2);
    assert!(held
        .verify()
        .unwrap_err()
        .to_string()
        .starts_with("ledger does not verify: seq 0: "));
}
