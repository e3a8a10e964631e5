"""The C face of RMOS, loaded with ctypes, so the Python tests can compare the two faces byte for byte.

The library is the one named by the environment variable ``RMOS_FFI_LIB`` (``make test-python`` sets it to
``target/debug/librmos_ffi.so``). Without it, :func:`library` skips the calling test and says how to run it.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import POINTER, byref, c_bool, c_char_p, c_int, c_size_t, c_uint32, c_void_p

import pytest

RMOS_OK = 0
RMOS_INVALID_ARGUMENT = 1
RMOS_BLOCKED = 3
RMOS_ACTOR_HUMAN = 1

_BUF = c_char_p  # (pointer, length) pairs are passed as bytes + len
_OUT_STR = POINTER(c_void_p)
_OUT_LEN = POINTER(c_size_t)

_SIGNATURES: dict[str, list[object]] = {
    "rmos_job_from_json": [_BUF, c_size_t, POINTER(c_void_p)],
    "rmos_job_free": [c_void_p],
    "rmos_evaluate": [c_void_p, _BUF, c_size_t, POINTER(c_void_p)],
    "rmos_evaluated_free": [c_void_p],
    "rmos_approve": [c_void_p, c_void_p, c_uint32, _BUF, c_size_t, _BUF, c_size_t, POINTER(c_void_p),
                     _OUT_STR, _OUT_LEN],
    "rmos_approve_with_override": [c_void_p, c_void_p, c_uint32, _BUF, c_size_t, _BUF, c_size_t, _BUF,
                                   c_size_t, c_bool, POINTER(c_void_p), _OUT_STR, _OUT_LEN],
    "rmos_approved_free": [c_void_p],
    "rmos_program_generate_with_units": [c_void_p, c_void_p, _BUF, c_size_t, _BUF, c_size_t, _BUF, c_size_t,
                                         POINTER(c_void_p), _OUT_STR, _OUT_LEN],
    "rmos_program_summary_json": [c_void_p, _OUT_STR, _OUT_LEN],
    "rmos_program_gcode": [c_void_p, _OUT_STR, _OUT_LEN],
    "rmos_program_free": [c_void_p],
    "rmos_ledger_memory": [POINTER(c_void_p)],
    "rmos_ledger_verify": [c_void_p, _OUT_STR, _OUT_LEN],
    "rmos_ledger_artifacts_json": [c_void_p, _OUT_STR, _OUT_LEN],
    "rmos_ledger_free": [c_void_p],
    "rmos_check_gcode": [c_void_p, _BUF, c_size_t, _BUF, c_size_t, _OUT_STR, _OUT_LEN],
    "rmos_string_free": [c_void_p],
}


class CError(Exception):
    """A C call returned a status other than the one the test expected."""


class CFace:
    """The few C entry points the parity tests call, each returning Python values."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._lib = lib
        for name, argtypes in _SIGNATURES.items():
            fn = getattr(lib, name)
            fn.argtypes = argtypes
            fn.restype = c_int
        lib.rmos_last_error_message.argtypes = []
        lib.rmos_last_error_message.restype = c_char_p

    def _call(self, name: str, *args: object, expect: int = RMOS_OK) -> int:
        status: int = getattr(self._lib, name)(*args)
        if status != expect:
            message = self._lib.rmos_last_error_message()
            raise CError(f"{name} returned {status}, expected {expect}: {message!r}")
        return status

    def _take(self, ptr: c_void_p, length: c_size_t) -> str | None:
        """The string RMOS gave out, freed."""
        if not ptr.value:
            return None
        text = ctypes.string_at(ptr.value, length.value).decode("utf-8")
        self._call("rmos_string_free", ptr)
        return text

    def job(self, text: str) -> c_void_p:
        data = text.encode("utf-8")
        handle = c_void_p()
        self._call("rmos_job_from_json", data, len(data), byref(handle))
        return handle

    def evaluate(self, job: c_void_p, policy_json: str | None = None) -> c_void_p:
        data = None if policy_json is None else policy_json.encode("utf-8")
        handle = c_void_p()
        self._call("rmos_evaluate", job, data, 0 if data is None else len(data), byref(handle))
        return handle

    def ledger(self) -> c_void_p:
        handle = c_void_p()
        self._call("rmos_ledger_memory", byref(handle))
        return handle

    def approve(
        self, evaluated: c_void_p, ledger: c_void_p, who: str, at: str, reason: str | None = None,
        expect: int = RMOS_OK,
    ) -> tuple[c_void_p, str | None]:
        """The approval handle (NULL when refused) and the refusal document (None when approved)."""
        w, a = who.encode(), at.encode()
        approved, refusal, length = c_void_p(), c_void_p(), c_size_t()
        if reason is None:
            self._call("rmos_approve", evaluated, ledger, RMOS_ACTOR_HUMAN, w, len(w), a, len(a), byref(approved),
                       byref(refusal), byref(length), expect=expect)
        else:
            r = reason.encode()
            self._call("rmos_approve_with_override", evaluated, ledger, RMOS_ACTOR_HUMAN, w, len(w), a, len(a), r,
                       len(r), False, byref(approved), byref(refusal), byref(length), expect=expect)
        return approved, self._take(refusal, length)

    def generate(
        self, approved: c_void_p, ledger: c_void_p, post: str, units: str, at: str, expect: int = RMOS_OK
    ) -> tuple[c_void_p, str | None]:
        """The program handle (NULL when refused) and the refusal document (None when released)."""
        p, u, a = post.encode(), units.encode(), at.encode()
        program, refusal, length = c_void_p(), c_void_p(), c_size_t()
        self._call("rmos_program_generate_with_units", approved, ledger, p, len(p), u, len(u), a, len(a),
                   byref(program), byref(refusal), byref(length), expect=expect)
        return program, self._take(refusal, length)

    def _string(self, name: str, handle: c_void_p, expect: int = RMOS_OK) -> str | None:
        ptr, length = c_void_p(), c_size_t()
        self._call(name, handle, byref(ptr), byref(length), expect=expect)
        return self._take(ptr, length)

    def summary(self, program: c_void_p) -> str | None:
        return self._string("rmos_program_summary_json", program)

    def gcode(self, program: c_void_p) -> str | None:
        return self._string("rmos_program_gcode", program)

    def verify(self, ledger: c_void_p) -> str | None:
        return self._string("rmos_ledger_verify", ledger)

    def artifacts(self, ledger: c_void_p) -> str | None:
        return self._string("rmos_ledger_artifacts_json", ledger)

    def check_gcode(self, job: c_void_p, gcode: str, post: str | None = None) -> str | None:
        g = gcode.encode("utf-8")
        p = None if post is None else post.encode("utf-8")
        ptr, length = c_void_p(), c_size_t()
        self._call("rmos_check_gcode", job, g, len(g), p, 0 if p is None else len(p), byref(ptr), byref(length))
        return self._take(ptr, length)

    def free(self, kind: str, handle: c_void_p) -> None:
        self._call(f"rmos_{kind}_free", handle)


def library() -> CFace:
    """The C library named by ``RMOS_FFI_LIB``; skips the test when it is not set."""
    path = os.environ.get("RMOS_FFI_LIB")
    if not path:
        pytest.skip(
            "RMOS_FFI_LIB is not set: build the C library (cargo build -p rmos-ffi) and set RMOS_FFI_LIB to "
            "target/debug/librmos_ffi.so to compare the C and Python faces (make test-python does both)"
        )
    return CFace(ctypes.CDLL(path))
