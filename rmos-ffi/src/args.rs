//! Checked reading of the host's arguments and writing of its out-parameters.
//!
//! The only places this crate reads or writes memory the host owns. Each check that can be made is made
//! (null, length, alignment, UTF-8); what cannot be checked (that a non-null pointer really points to that
//! many bytes) is the caller's contract, stated on every entry point's `# Safety`.

use std::ffi::c_char;

use crate::handles;
use crate::status::FfiError;

/// The most bytes a parameter may carry. The length is checked against it before any byte is read, so a
/// length far larger than its buffer is refused instead of read: documents (a job, a policy) up to the job
/// reader's cap, a program up to 64 MiB, an override reason up to 64 KiB, and every other text (a post, units,
/// a timestamp, an actor id, a path) up to 4 KiB. The core still applies its own, finer limits after.
pub(crate) fn max_len(name: &str) -> usize {
    match name {
        "job_json" | "policy_json" => rmos_core::job::MAX_JOB_JSON_BYTES,
        "gcode" => 64 * 1024 * 1024,
        "reason" => 64 * 1024,
        _ => 4 * 1024,
    }
}

/// The `len` bytes at `ptr`; `name` is the C parameter name for the message.
///
/// # Safety
/// When `ptr` is not null it must point to `len` readable bytes that do not change during the call.
pub(crate) unsafe fn bytes<'a>(ptr: *const c_char, len: usize, name: &str) -> Result<&'a [u8], FfiError> {
    if ptr.is_null() {
        return Err(FfiError::argument(name, "null pointer"));
    }
    let max = max_len(name);
    if len > max {
        return Err(FfiError::argument(
            name,
            format_args!("length {len} is over the {max}-byte limit"),
        ));
    }
    // SAFETY: `ptr` is not null, bytes need no alignment, `len` fits an isize, and the caller promises `len`
    // readable bytes that stay unchanged for the call (this function's contract).
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// The `len` bytes at `ptr` as UTF-8 text.
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn utf8<'a>(ptr: *const c_char, len: usize, name: &str) -> Result<&'a str, FfiError> {
    // SAFETY: this function's contract is `bytes`'s.
    let bytes = unsafe { bytes(ptr, len, name)? };
    std::str::from_utf8(bytes).map_err(|e| {
        FfiError::argument(
            name,
            format_args!("not valid UTF-8 (the byte at offset {} is not)", e.valid_up_to()),
        )
    })
}

/// Like [`utf8`], with NULL meaning "not given".
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn optional_utf8<'a>(
    ptr: *const c_char,
    len: usize,
    name: &str,
) -> Result<Option<&'a str>, FfiError> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: this function's contract is `bytes`'s.
    unsafe { utf8(ptr, len, name) }.map(Some)
}

/// A checked out-parameter: not null, aligned, and already set to its "nothing" value, so that on every
/// failure the host finds NULL (or 0) there.
pub(crate) struct Out<T: Copy> {
    ptr: *mut T,
}

impl<T: Copy> Out<T> {
    /// Checks `ptr` and writes `empty` to it.
    ///
    /// # Safety
    /// When `ptr` is not null and aligned, it must be valid for writing a `T` until the call returns.
    pub(crate) unsafe fn new(ptr: *mut T, name: &str, empty: T) -> Result<Self, FfiError> {
        if ptr.is_null() {
            return Err(FfiError::argument(name, "null out-pointer"));
        }
        if !ptr.is_aligned() {
            return Err(FfiError::argument(name, "misaligned out-pointer"));
        }
        let out = Self { ptr };
        out.write(empty);
        Ok(out)
    }

    /// Like [`Out::new`], with NULL meaning "the host does not want this".
    ///
    /// # Safety
    /// As [`Out::new`].
    pub(crate) unsafe fn optional(ptr: *mut T, name: &str, empty: T) -> Result<Option<Self>, FfiError> {
        if ptr.is_null() {
            return Ok(None);
        }
        // SAFETY: this function's contract is `new`'s.
        unsafe { Self::new(ptr, name, empty) }.map(Some)
    }

    pub(crate) fn write(&self, value: T) {
        // SAFETY: `ptr` was checked non-null and aligned in `new`, whose caller promised it is writable for
        // the rest of the call; `T: Copy`, so the old value needs no drop.
        unsafe { self.ptr.write(value) }
    }
}

/// A `(char **, size_t *)` pair receiving an owned string; the length pointer may be NULL.
pub(crate) struct StringOut {
    ptr: Out<*mut c_char>,
    len: Option<Out<usize>>,
}

impl StringOut {
    /// # Safety
    /// As [`Out::new`] for both pointers.
    pub(crate) unsafe fn new(ptr: *mut *mut c_char, len: *mut usize, name: &str) -> Result<Self, FfiError> {
        // SAFETY: this function's contract is `Out::new`'s, for each pointer.
        unsafe {
            Ok(Self {
                ptr: Out::new(ptr, name, std::ptr::null_mut())?,
                len: Out::optional(len, name, 0)?,
            })
        }
    }

    /// Like [`StringOut::new`], with a NULL string pointer meaning "the host does not want this".
    ///
    /// # Safety
    /// As [`Out::new`] for both pointers.
    pub(crate) unsafe fn optional(
        ptr: *mut *mut c_char,
        len: *mut usize,
        name: &str,
    ) -> Result<Option<Self>, FfiError> {
        if ptr.is_null() {
            return Ok(None);
        }
        // SAFETY: this function's contract is `new`'s.
        unsafe { Self::new(ptr, len, name) }.map(Some)
    }

    /// Gives the host an owned, NUL-terminated copy of `text` (freed by `rmos_string_free`).
    pub(crate) fn write(&self, text: &[u8]) {
        let (ptr, len) = handles::make_string(text);
        self.ptr.write(ptr);
        if let Some(l) = &self.len {
            l.write(len);
        }
    }
}

/// Serialises an RMOS value for the host.
pub(crate) fn to_json(value: &impl serde::Serialize) -> Result<Vec<u8>, FfiError> {
    serde_json::to_vec(value).map_err(|e| FfiError::internal(format_args!("json output failed: {e}")))
}
