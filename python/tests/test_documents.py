"""The output documents: one shape each, shaped in rmos-core, and the same bytes from C and from Python.

Each test runs the same job through both faces into fresh in-memory ledgers with the same actor and
timestamps, so every artifact id, and therefore every document, must match byte for byte.
"""

from __future__ import annotations

import json

import pytest

import rmos
from cface import RMOS_BLOCKED, CFace, library
from support import AT, REASON, job_text

NO_EMIT = '{"grants": [{"kind": "human", "capabilities": ["approve", "override_yellow"]}]}'
HAND_WRITTEN = "G21 G90\nG0 X230 Y210 Z-1\nM30\n"


@pytest.fixture
def c() -> CFace:
    return library()


def test_a_refused_approval_is_the_same_document_from_both_faces(c: CFace) -> None:
    text = job_text("guitar_top")
    py_ledger = rmos.Ledger.memory()
    with pytest.raises(rmos.BlockedError) as refused:
        rmos.Session(rmos.Job.from_json(text)).evaluate().approve(rmos.Actor.human("luthier"), py_ledger, at=AT)

    job, ledger = c.job(text), c.ledger()
    evaluated = c.evaluate(job)
    approved, c_refusal = c.approve(evaluated, ledger, "luthier", AT, expect=RMOS_BLOCKED)
    assert approved.value is None
    assert c_refusal == refused.value.document

    doc = json.loads(refused.value.document)
    assert list(doc) == ["status", "artifact_id", "reasons", "report"]
    assert doc["status"] == refused.value.status == "BLOCKED"
    assert doc["artifact_id"] == refused.value.artifact_id == py_ledger.head
    assert doc["reasons"] == ["YELLOW job needs a human override with a written reason"]
    assert refused.value.report is not None
    assert doc["report"] == refused.value.report.to_dict()
    for kind, handle in (("evaluated", evaluated), ("job", job), ("ledger", ledger)):
        c.free(kind, handle)


def test_an_inch_program_and_its_ledger_are_the_same_from_both_faces(c: CFace) -> None:
    text = job_text("guitar_top")
    py_ledger = rmos.Ledger.memory()
    py_approved = rmos.Session(rmos.Job.from_json(text)).evaluate().approve(
        rmos.Actor.human("luthier"), py_ledger, override_reason=REASON, at=AT
    )
    py_program = py_approved.toolpath("fanuc", py_ledger, units="inch", at=AT)

    job, ledger = c.job(text), c.ledger()
    evaluated = c.evaluate(job)
    approved, refusal = c.approve(evaluated, ledger, "luthier", AT, reason=REASON)
    assert refusal is None
    program, refusal = c.generate(approved, ledger, "fanuc", "inch", AT)
    assert refusal is None

    assert c.gcode(program) == py_program.gcode
    assert c.summary(program) == py_program.summary_json()
    summary = py_program.summary()
    assert list(summary) == [
        "artifact_id", "seq", "post", "units", "gcode_bytes", "output_hash", "bounds", "cut_length_mm",
        "rapid_length_mm", "cycle_time_s",
    ]
    assert (summary["artifact_id"], summary["seq"]) == (py_program.artifact_id, 1)
    assert (summary["post"], summary["units"]) == ("fanuc", "inch")
    assert summary["gcode_bytes"] == len(py_program.gcode.encode("utf-8"))
    assert summary["output_hash"] == py_program.output_hash
    assert summary["bounds"] == {"min": list(py_program.bounds.min), "max": list(py_program.bounds.max)}
    assert summary["cycle_time_s"] == py_program.cycle_time_s

    assert c.verify(ledger) == py_ledger.verify().to_json()
    assert json.loads(py_ledger.verify().to_json()) == {"verified": True, "artifacts": 2, "head": py_ledger.head}
    listed = c.artifacts(ledger)
    assert listed == py_ledger.artifacts_json()
    assert json.loads(py_ledger.artifacts_json()) == py_ledger.artifacts()
    assert [a["seq"] for a in py_ledger.artifacts()] == [0, 1]
    for kind, handle in (("program", program), ("approved", approved), ("evaluated", evaluated), ("job", job),
                         ("ledger", ledger)):
        c.free(kind, handle)


def test_a_refused_release_is_the_same_document_from_both_faces(c: CFace) -> None:
    text = job_text("guitar_top")
    policy = rmos.Policy.from_json(NO_EMIT)
    py_ledger = rmos.Ledger.memory()
    py_approved = rmos.Session(rmos.Job.from_json(text)).evaluate(policy).approve(
        rmos.Actor.human("luthier"), py_ledger, override_reason=REASON, at=AT
    )
    with pytest.raises(rmos.BlockedError) as refused:
        py_approved.toolpath("grbl", py_ledger, at=AT)

    job, ledger = c.job(text), c.ledger()
    evaluated = c.evaluate(job, NO_EMIT)
    approved, _ = c.approve(evaluated, ledger, "luthier", AT, reason=REASON)
    program, c_refusal = c.generate(approved, ledger, "grbl", "mm", AT, expect=RMOS_BLOCKED)
    assert program.value is None
    assert c_refusal == refused.value.document
    assert json.loads(refused.value.document) == {
        "status": "BLOCKED",
        "artifact_id": py_ledger.head,
        "reasons": ['human actor "luthier" may not produce G-code'],
    }
    for kind, handle in (("approved", approved), ("evaluated", evaluated), ("job", job), ("ledger", ledger)):
        c.free(kind, handle)


@pytest.mark.parametrize("post", [None, "grbl", "linuxcnc"])
def test_a_read_back_of_an_outside_program_is_the_same_from_both_faces(c: CFace, post: str | None) -> None:
    text = job_text("guitar_top")
    report = rmos.check_gcode(HAND_WRITTEN, rmos.Job.from_json(text), post=post)
    job = c.job(text)
    assert c.check_gcode(job, HAND_WRITTEN, post) == report.summary_json()
    c.free("job", job)

    summary = report.summary()
    assert list(summary) == ["passed", "bucket", "findings", "bounds", "deepest_z", "post", "stats", "engine"]
    assert (summary["passed"], summary["bucket"], summary["post"]) == (report.passed, report.bucket, post)
    assert [(f["code"], f["line"]) for f in summary["findings"]] == list(zip(report.codes(), report.lines))
    assert summary["findings"][0] == dict(report.findings[0].to_dict(), line=report.lines[0])
    assert summary["engine"] == report.engine
    assert summary["stats"] == report.stats


def test_an_empty_ledger_verifies_and_lists_alike(c: CFace) -> None:
    ledger = c.ledger()
    py_ledger = rmos.Ledger.memory()
    assert c.verify(ledger) == py_ledger.verify().to_json() == '{"verified":true,"artifacts":0,"head":null}'
    assert c.artifacts(ledger) == py_ledger.artifacts_json() == "[]"
    c.free("ledger", ledger)
