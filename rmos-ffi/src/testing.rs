//! Entry points that exist only in the `testing` build, so the C tests can reach states no correct call
//! can: a panic while a ledger is locked.

use crate::guard::guard;
use crate::handles;
use crate::status::{FfiError, RmosStatus};
use crate::types::RmosLedger;
use rmos_core::runs::MemoryStore;
use rmos_store::{HostLedger, Ledger};

/// Panics inside the boundary's guard while holding `ledger`'s lock, which poisons it: the call returns
/// `RMOS_INTERNAL`. With `corrupt` not 0, first flips one byte of the last artifact of a memory ledger, as
/// if the panic had struck half way through a write, so that the ledger no longer verifies.
///
/// What follows is the rule every face of RMOS follows after a panic (`rmos_store::SharedLedger`): the next
/// call on the ledger verifies it; a ledger that verifies is used as before, one that does not is refused
/// with `RMOS_INTERNAL` by every call from then on.
///
/// `RMOS_INVALID_ARGUMENT` (nothing locked, nothing panics) for a handle that is not a live ledger, or for
/// `corrupt` on a durable ledger or an empty one. Built only with the `testing` feature; declared when
/// `RMOS_TESTING` is defined.
#[no_mangle]
#[allow(clippy::panic)] // the point of this function
pub extern "C" fn rmos_testing_panic_holding_ledger(ledger: *const RmosLedger, corrupt: bool) -> RmosStatus {
    guard(|| {
        let ledger = handles::get(ledger, "ledger")?;
        let mut held = ledger.lock()?;
        if corrupt {
            let HostLedger::Plain(Ledger::Memory(memory)) = &*held else {
                return Err(FfiError::argument(
                    "corrupt",
                    "only a memory ledger can be corrupted",
                ));
            };
            let (mut artifacts, attachments) = memory.clone().into_raw();
            let Some(byte) = artifacts.last_mut().and_then(|last| {
                let middle = last.bytes.len() / 2;
                last.bytes.get_mut(middle)
            }) else {
                return Err(FfiError::argument("corrupt", "the ledger holds no artifact"));
            };
            *byte ^= 1;
            *held = HostLedger::Plain(Ledger::Memory(MemoryStore::from_raw(artifacts, attachments)));
        }
        panic!("rmos_testing_panic_holding_ledger was called")
    })
}
