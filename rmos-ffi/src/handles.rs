//! The registry of live handles: the address and kind of every handle and owned string RMOS gave out.
//!
//! Every incoming pointer is looked up here before anything touches it, so a null, freed, foreign or
//! wrong-kind pointer is an `RMOS_INVALID_ARGUMENT`, never a read of memory that is not ours. A handle is an
//! `Arc` the host holds one count of: a call takes its own count under the registry's lock, so a handle freed
//! by one thread while another uses it stays alive until that call returns.
//!
//! The registry owns nothing and keeps each address bit-inverted. A conservative leak checker
//! (LeakSanitizer, valgrind) therefore sees nothing here that points at a host's handle, and still reports
//! a handle or string the host never freed.
//!
//! The one thing no registry can see: a pointer that was freed and whose address was then reused for a new
//! handle of the same kind. Hosts set freed pointers to NULL (the C++ wrappers in `examples/host.cpp` do).

use std::collections::HashMap;
use std::ffi::c_char;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use foldhash::fast::FixedState;

use crate::status::FfiError;
use crate::types::{RmosApproved, RmosEvaluated, RmosJob, RmosLedger, RmosProgram};
/// What lives at a registered address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Job,
    Evaluated,
    Approved,
    Program,
    Ledger,
    /// An owned string of this many bytes, its NUL included (freed by `rmos_string_free`).
    String {
        len: usize,
    },
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Self::Job => RmosJob::NAME,
            Self::Evaluated => RmosEvaluated::NAME,
            Self::Approved => RmosApproved::NAME,
            Self::Program => RmosProgram::NAME,
            Self::Ledger => RmosLedger::NAME,
            Self::String { .. } => "string",
        }
    }
}

/// Number of shards. Each address lives in one shard, picked from its bits, so calls on different handles
/// rarely take the same lock, and calls on one handle share it for reading.
const SHARDS: usize = 64;
const _: () = assert!(SHARDS.is_power_of_two());

/// Registered addresses, bit-inverted (see the module docs), and their kinds: one shard of the registry, on
/// a cache line of its own so that threads working in different shards do not slow each other down.
#[repr(align(64))]
struct Shard(RwLock<HashMap<usize, Kind, FixedState>>);

/// The registry: a handle's own shard is read-locked to use it and write-locked to make or free it.
static REGISTRY: [Shard; SHARDS] =
    [const { Shard(RwLock::new(HashMap::with_hasher(FixedState::with_seed(0)))) }; SHARDS];

/// The shard of the key `key`. Allocations are at least 16-byte aligned, so the low bits carry nothing; a
/// Fibonacci multiply spreads the rest over the shards.
fn shard(key: usize) -> &'static RwLock<HashMap<usize, Kind, FixedState>> {
    let mixed = ((key >> 4) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // The top 6 bits of a u64 are below SHARDS = 64: the index is always in range.
    let index = (mixed >> (u64::BITS - SHARDS.trailing_zeros())) as usize;
    match REGISTRY.get(index) {
        Some(shard) => &shard.0,
        None => &REGISTRY[0].0,
    }
}

/// The shard of `key`, read-locked. Nothing panics while holding a shard's lock, but a poisoned lock is
/// still usable: a shard is only ever changed by single inserts and removes.
fn read(key: usize) -> RwLockReadGuard<'static, HashMap<usize, Kind, FixedState>> {
    shard(key).read().unwrap_or_else(PoisonError::into_inner)
}

/// The shard of `key`, write-locked (poisoning as in [`read`]).
fn write(key: usize) -> RwLockWriteGuard<'static, HashMap<usize, Kind, FixedState>> {
    shard(key).write().unwrap_or_else(PoisonError::into_inner)
}

/// The registry's key for an address.
fn key<T: ?Sized>(ptr: *const T) -> usize {
    !ptr.cast::<u8>().addr()
}

/// A kind of handle: its C type name and registry kind.
pub(crate) trait Handle: Sized + Send + Sync + 'static {
    /// The C type name, for messages.
    const NAME: &'static str;
    const KIND: Kind;
}

macro_rules! handle_kind {
    ($ty:ident, $kind:ident) => {
        impl Handle for $ty {
            const NAME: &'static str = stringify!($ty);
            const KIND: Kind = Kind::$kind;
        }
    };
}

handle_kind!(RmosJob, Job);
handle_kind!(RmosEvaluated, Evaluated);
handle_kind!(RmosApproved, Approved);
handle_kind!(RmosProgram, Program);
handle_kind!(RmosLedger, Ledger);

/// Makes a handle the host owns: one `Arc` count, given out as the pointer.
pub(crate) fn make<T: Handle>(value: T) -> *mut T {
    let ptr = Arc::into_raw(Arc::new(value));
    write(key(ptr)).insert(key(ptr), T::KIND);
    ptr.cast_mut()
}

/// The live handle `ptr` of kind `T`, with a count of its own; `name` is the C parameter name for messages.
pub(crate) fn get<T: Handle>(ptr: *const T, name: &str) -> Result<Arc<T>, FfiError> {
    if ptr.is_null() {
        return Err(FfiError::argument(name, "null handle"));
    }
    let key = key(ptr);
    let map = read(key);
    match map.get(&key) {
        Some(kind) if *kind == T::KIND => {
            // SAFETY: the registry holds `ptr` as a live `T`: it came from `Arc::<T>::into_raw` in `make`, and
            // the host's count is only given back in `free`, which takes this shard's write lock first. So the
            // count is at least one while we hold the read lock, and adding one for this call keeps it alive
            // after.
            unsafe {
                Arc::increment_strong_count(ptr);
                Ok(Arc::from_raw(ptr))
            }
        }
        Some(kind) => Err(wrong_kind::<T>(name, kind.name())),
        None => Err(not_live(name, T::NAME)),
    }
}

/// Frees the handle `ptr` of kind `T`: gives back the host's count. NULL is a no-op; a freed, foreign or
/// wrong-kind pointer is an error and frees nothing. A call still using it on another thread keeps it alive
/// until that call returns.
pub(crate) fn free<T: Handle>(ptr: *const T, name: &str) -> Result<(), FfiError> {
    if ptr.is_null() {
        return Ok(());
    }
    {
        let key = key(ptr);
        let mut map = write(key);
        match map.get(&key) {
            Some(kind) if *kind == T::KIND => map.remove(&key),
            Some(kind) => return Err(wrong_kind::<T>(name, kind.name())),
            None => return Err(not_live(name, T::NAME)),
        };
    }
    // SAFETY: `ptr` was registered as a live `T` made by `Arc::into_raw` and we just removed it, under the
    // lock, so the host's count is given back exactly once. Dropped outside the lock.
    drop(unsafe { Arc::from_raw(ptr) });
    Ok(())
}

/// Gives the host an owned copy of `bytes` with a NUL after it; returns the pointer and the length without
/// the NUL.
pub(crate) fn make_string(bytes: &[u8]) -> (*mut c_char, usize) {
    let mut buf = Vec::with_capacity(bytes.len() + 1);
    buf.extend_from_slice(bytes);
    buf.push(0);
    let len = buf.len();
    let ptr = Box::into_raw(buf.into_boxed_slice()).cast::<c_char>();
    write(key(ptr)).insert(key(ptr), Kind::String { len });
    (ptr, bytes.len())
}

/// Frees a string made by [`make_string`]. NULL is a no-op.
pub(crate) fn free_string(ptr: *mut c_char, name: &str) -> Result<(), FfiError> {
    if ptr.is_null() {
        return Ok(());
    }
    let len = {
        let key = key(ptr);
        let mut map = write(key);
        match map.get(&key) {
            Some(Kind::String { len }) => {
                let len = *len;
                map.remove(&key);
                len
            }
            Some(kind) => {
                return Err(FfiError::argument(
                    name,
                    format_args!(
                        "is an {} handle, not a string from rmos: free it with its own rmos_*_free",
                        kind.name()
                    ),
                ))
            }
            None => return Err(not_live(name, "string")),
        }
    };
    // SAFETY: `ptr` was registered as a string of `len` bytes made by `Box::<[u8]>::into_raw` in
    // `make_string`, and we just removed it under its shard's lock, so it is freed exactly once.
    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr.cast::<u8>(), len)) });
    Ok(())
}

/// Number of live handles and strings (for tests: every test ends where it started).
pub fn live_count() -> usize {
    REGISTRY
        .iter()
        .map(|shard| shard.0.read().unwrap_or_else(PoisonError::into_inner).len())
        .sum()
}

fn wrong_kind<T: Handle>(name: &str, found: &str) -> FfiError {
    let article = if found == "string" { "a" } else { "an" };
    FfiError::argument(
        name,
        format_args!("is {article} {found}, expected an {}", T::NAME),
    )
}

fn not_live(name: &str, expected: &str) -> FfiError {
    FfiError::argument(
        name,
        format_args!("not a live {expected} (already freed, or not made by rmos)"),
    )
}
