"""The exception hierarchy: one base, a class per kind, the builtin bases callers catch."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import rmos


def test_the_hierarchy() -> None:
    assert issubclass(rmos.RmosError, Exception)
    assert rmos.InvalidJobError.__mro__[1:3] == (rmos.RmosError, ValueError)
    assert rmos.InvalidArgumentError.__mro__[1:3] == (rmos.RmosError, ValueError)
    assert rmos.StoreError.__mro__[1:3] == (rmos.RmosError, OSError)
    assert rmos.BlockedError.__mro__[1] is rmos.RmosError
    assert rmos.TamperError.__mro__[1] is rmos.RmosError
    for cls in (rmos.InvalidJobError, rmos.InvalidArgumentError, rmos.BlockedError, rmos.TamperError, rmos.StoreError):
        assert cls.__module__ == "rmos"
        assert cls.__doc__


def test_exceptions_raised_by_hand_have_their_attributes() -> None:
    """Hosts may raise RMOS's exceptions in their own code; the attributes then read as empty."""
    e = rmos.BlockedError("nope")
    assert (e.status, e.artifact_id, e.report, tuple(e.reasons)) == ("", None, None, ())
    assert (rmos.InvalidJobError("x").path, rmos.TamperError("x").seq) == ("", None)
    with pytest.raises(rmos.RmosError):
        raise rmos.StoreError("disk full")


def test_every_failure_of_the_api_is_an_rmos_error() -> None:
    ledger = rmos.Ledger.memory()
    failures: list[Callable[[], object]] = [
        lambda: rmos.Job.from_json("[]"),
        lambda: rmos.Policy.from_json("1"),
        lambda: rmos.read_gcode("G1 X" + "9" * 100),
        lambda: ledger.get("sha1:abc"),
    ]
    for fail in failures:
        with pytest.raises(rmos.RmosError):
            fail()


def test_a_key_named_twice_is_an_invalid_job_naming_its_path() -> None:
    text = '{"name": "a", "name": "b"}'
    with pytest.raises(rmos.InvalidJobError) as e:
        rmos.Job.from_json(text)
    assert e.value.path == "name"
    assert str(e.value) == "name: duplicate key"
