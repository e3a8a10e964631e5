// An advisor cannot record anything as if RMOS had decided it: `RunStore::append` takes an `AppendRight`,
// which only rmos-core's approval and release paths can make (S3, S4).
use rmos_core::runs::{AppendRight, RunRecord, RunStore};

fn record_my_own_approval(ledger: &mut impl RunStore, record: RunRecord) {
    let _ = ledger.append(record, Vec::new(), AppendRight::new());
}

fn main() {}
