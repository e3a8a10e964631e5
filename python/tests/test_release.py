"""Approved → Program: G-code for every post, recorded in the ledger, and every way a release is refused."""

from __future__ import annotations

import hashlib
import json

import pytest

import rmos
import rmos._core
from support import AT, POSTS, REASON, example_job, job_text, pocket_job


@pytest.mark.parametrize("post", POSTS)
def test_every_post_releases_a_recorded_program(post: str, ledger: rmos.Ledger, approved_pocket: rmos.Approved) -> None:
    program = approved_pocket.toolpath(post, ledger, at=AT)
    assert program.post == post and program.units == "mm"
    assert program.seq == 1
    assert program.readback.passed and program.readback.post == post
    assert program.bounds.min == pytest.approx((43.175, 175.175, -6.0))
    assert program.bounds.max == pytest.approx((112.825, 224.825, 5.0))
    assert program.cycle_time_s > 0 and program.cut_length_mm > 0 and program.rapid_length_mm > 0
    digest = "sha256:" + hashlib.sha256(program.gcode.encode()).hexdigest()
    assert program.output_hash == digest
    assert ledger.attachment(digest) == program.gcode.encode()
    artifact = ledger.get(program.artifact_id)
    assert artifact is not None
    assert (artifact["kind"], artifact["status"], artifact["post"], artifact["output_hash"]) == (
        "toolpath",
        "OK",
        post,
        digest,
    )
    assert artifact["reasons"] == [f"approval {approved_pocket.artifact_id}"]
    assert approved_pocket.artifact_id.removeprefix("sha256:") in program.gcode.lower().replace(" ", "")
    assert repr(program).startswith(f"Program(post='{post}', lines={len(program.gcode.splitlines())}, ")
    ledger.verify()


def test_the_program_says_what_it_is(ledger: rmos.Ledger, approved_pocket: rmos.Approved) -> None:
    gcode = approved_pocket.toolpath("grbl", ledger, at=AT).gcode
    lines = gcode.splitlines()
    assert lines[0] == "(rmos program for grbl)"
    assert "G90 G94 G17 G21" in lines and lines[-2:] == ["M5", "M2"]


def test_inch_output(ledger: rmos.Ledger, approved_pocket: rmos.Approved) -> None:
    program = approved_pocket.toolpath("linuxcnc", ledger, units="inch", at=AT)
    assert program.units == "inch"
    assert "G20" in program.gcode and "G21" not in program.gcode
    # The toolpath stays in millimetres; the read-back converted the inches back.
    assert program.bounds.max == pytest.approx((112.825, 224.825, 5.0))
    rb = program.readback.bounds
    assert rb is not None and rb.max == pytest.approx((112.825, 224.825, 5.0), abs=0.0026)


def test_the_same_approval_gives_the_same_program() -> None:
    runs = []
    for _ in range(2):
        ledger = rmos.Ledger.memory()
        approved = rmos.Session(example_job("guitar_top")).evaluate().approve(
            rmos.Actor.human("luthier"), ledger, override_reason=REASON, at=AT
        )
        program = approved.toolpath("fanuc", ledger, at=AT)
        runs.append((program.gcode, program.artifact_id, ledger.head))
    assert runs[0] == runs[1]


def test_unknown_post_and_units_are_invalid_arguments(ledger: rmos.Ledger, approved_pocket: rmos.Approved) -> None:
    with pytest.raises(rmos.InvalidArgumentError) as caught:
        approved_pocket.toolpath("haas", ledger, at=AT)
    assert caught.value.argument == "post"
    assert caught.value.reason == 'unknown post "haas" (known: grbl, linuxcnc, mach3, fanuc)'
    with pytest.raises(rmos.InvalidArgumentError) as caught:
        approved_pocket.toolpath("grbl", ledger, units="furlong", at=AT)
    assert caught.value.argument == "units"
    assert len(ledger) == 1, "nothing is recorded for arguments that never reached the core"


def test_a_failed_release_is_an_error_artifact(ledger: rmos.Ledger, approved_pocket: rmos.Approved) -> None:
    with pytest.raises(rmos.BlockedError) as failed:
        approved_pocket.toolpath("grbl", ledger, at="not a time")
    e = failed.value
    assert e.status == "ERROR" and e.report is None
    assert e.reasons[0].startswith('at: "not a time" is not an RFC 3339 UTC timestamp')
    assert e.artifact_id == ledger.head
    assert ledger.artifacts()[-1]["status"] == "ERROR"


def test_an_approver_without_emit_rights_is_blocked(ledger: rmos.Ledger) -> None:
    doc = rmos.Policy.default().to_dict()
    for grant in doc["grants"]:
        if grant["kind"] == "human":
            grant["capabilities"].remove("emit_gcode")
    no_emit = rmos.Policy.from_json(json.dumps(doc))
    approved = rmos.Session(pocket_job()).evaluate(no_emit).approve(rmos.Actor.human("luthier"), ledger, at=AT)
    with pytest.raises(rmos.BlockedError) as refused:
        approved.toolpath("grbl", ledger, at=AT)
    assert refused.value.status == "BLOCKED"
    assert list(refused.value.reasons) == ['human actor "luthier" may not produce G-code']
    assert refused.value.artifact_id == ledger.head
    assert [a["status"] for a in ledger.artifacts()] == ["OK", "BLOCKED"]


def test_an_approval_releases_into_the_ledger_it_is_given(approved_pocket: rmos.Approved) -> None:
    other = rmos.Ledger.memory()
    program = approved_pocket.toolpath("mach3", other, at=AT)
    assert program.seq == 0 and len(other) == 1
    other.verify()


def test_the_shipped_module_has_no_bench_helper() -> None:
    # The helper approves as a hard-coded human: only a wheel built with rmos-py's `bench` feature has it.
    assert not hasattr(rmos._core, "_bench_roundtrip_rust")
    assert not [name for name in dir(rmos._core) if name.startswith("_bench")]
