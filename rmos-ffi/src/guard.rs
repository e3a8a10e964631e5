//! The boundary every `extern "C"` body runs inside: no panic crosses it, every failure becomes a status
//! code and this thread's last error message.

use std::cell::RefCell;
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::status::{FfiError, RmosStatus};

thread_local! {
    /// The message of this thread's last failed call, NUL-terminated; empty after a call that succeeded.
    static LAST_ERROR: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Runs `body` as an entry point: clears this thread's last error, catches any panic (`RMOS_INTERNAL`), and
/// turns an `Err` into its status code and message.
///
/// The body is not unwind-safe in general (it may hold a lock), so a panic is reported and whatever it
/// touched is treated by its owner as poisoned (the ledger's mutex is).
pub(crate) fn guard(body: impl FnOnce() -> Result<(), FfiError>) -> RmosStatus {
    clear_last_error();
    let err = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return RmosStatus::RMOS_OK,
        Ok(Err(err)) => err,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_owned());
            FfiError::internal(format_args!("panic caught at the C boundary: {what}"))
        }
    };
    set_last_error(&err.message);
    err.status
}

fn clear_last_error() {
    LAST_ERROR.with(|e| {
        // `try_borrow_mut` cannot fail here (nothing borrows across calls); if it ever did, keep the old text.
        if let Ok(mut buf) = e.try_borrow_mut() {
            buf.clear();
        }
    });
}

fn set_last_error(message: &str) {
    LAST_ERROR.with(|e| {
        if let Ok(mut buf) = e.try_borrow_mut() {
            buf.clear();
            // An interior NUL would cut the C string short: show it instead.
            for b in message.bytes() {
                if b == 0 {
                    buf.extend_from_slice(b"\\0");
                } else {
                    buf.push(b);
                }
            }
            buf.push(0);
        }
    });
}

/// Pointer to this thread's last error message (`""` when the last call succeeded). Valid until this
/// thread's next call into RMOS that returns an `RmosStatus`.
pub(crate) fn last_error_ptr() -> *const c_char {
    LAST_ERROR.with(|e| match e.try_borrow() {
        Ok(buf) if !buf.is_empty() => buf.as_ptr().cast::<c_char>(),
        _ => c"".as_ptr(),
    })
}

/// This thread's last error message, for tests and the benches.
pub fn last_error() -> String {
    LAST_ERROR.with(|e| {
        let buf = e.borrow();
        String::from_utf8_lossy(buf.strip_suffix(&[0]).unwrap_or(&buf)).into_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_clears_the_last_error() {
        assert_eq!(
            guard(|| Err(FfiError::argument("job", "null handle"))),
            RmosStatus::RMOS_INVALID_ARGUMENT
        );
        assert_eq!(last_error(), "job: null handle");
        assert_eq!(guard(|| Ok(())), RmosStatus::RMOS_OK);
        assert_eq!(last_error(), "");
        // SAFETY: the pointer is this thread's buffer or a static, NUL-terminated either way.
        assert_eq!(unsafe { std::ffi::CStr::from_ptr(last_error_ptr()) }, c"");
    }

    #[test]
    fn a_panic_is_internal_with_its_message() {
        let status = guard(|| panic!("boom at op 3"));
        assert_eq!(status, RmosStatus::RMOS_INTERNAL);
        assert_eq!(
            last_error(),
            "internal error: panic caught at the C boundary: boom at op 3"
        );
        let status = guard(|| std::panic::panic_any(17_u32));
        assert_eq!(status, RmosStatus::RMOS_INTERNAL);
        assert_eq!(
            last_error(),
            "internal error: panic caught at the C boundary: a panic without a message"
        );
    }

    #[test]
    fn an_interior_nul_is_shown_not_cut() {
        guard(|| Err(FfiError::argument("actor_id", "a\0b")));
        // SAFETY: as above.
        let c = unsafe { std::ffi::CStr::from_ptr(last_error_ptr()) };
        assert_eq!(c.to_str().unwrap(), "actor_id: a\\0b");
    }

    #[test]
    fn messages_are_per_thread() {
        guard(|| Err(FfiError::argument("here", "main thread")));
        std::thread::spawn(|| {
            assert_eq!(last_error(), "");
            guard(|| Err(FfiError::argument("there", "other thread")));
            assert_eq!(last_error(), "there: other thread");
        })
        .join()
        .unwrap();
        assert_eq!(last_error(), "here: main thread");
    }
}
