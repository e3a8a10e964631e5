// Only RMOS's approval and release paths append to a ledger: `RunStore::append` needs an `AppendRight`, which
// no code outside rmos-core can make (S3).
use rmos_core::runs::{AppendRight, MemoryStore, RunRecord, RunStore};

fn forge(store: &mut MemoryStore, record: RunRecord) {
    let _ = store.append(record, Vec::new(), AppendRight::new());
    let _ = store.append(record, Vec::new(), AppendRight(std::marker::PhantomData));
}

fn main() {}
