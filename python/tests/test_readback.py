"""The read-back audit from Python: check_gcode against a job, read_gcode alone."""

from __future__ import annotations

import pytest

import rmos
from support import AT, POSTS, example_job

CLEAN = "G21 G90 G17\nM3 S18000\nG0 Z5\nG0 X230 Y210\nG0 Z1\nG1 Z-0.5 F300\nG2 X230 Y210 I50 J0 F1200\nG0 Z5\nM5\nM30\n"


def test_a_clean_program_passes(top: rmos.Job) -> None:
    report = rmos.check_gcode(CLEAN, top)
    assert report.passed and report.bucket == "GREEN"
    assert (report.findings, report.lines, report.codes()) == ([], [], [])
    assert report.post is None and report.engine.startswith("rmos.readback/")
    assert report.bounds is not None
    assert report.bounds.min == (230.0, 160.0, -0.5) and report.bounds.max == (330.0, 260.0, 5.0)
    assert report.deepest_z == -0.5
    assert report.stats["arc_moves"] == 1 and report.stats["feed_moves"] == 1
    assert repr(report) == "ReadbackReport(bucket='GREEN', passed=True, findings=[])"


def test_a_rapid_into_the_stock_is_found_on_its_line(top: rmos.Job) -> None:
    report = rmos.check_gcode("G21 G90\nG0 X230 Y210 Z-1\nM30\n", top)
    assert report.codes() == ["RB_RAPID_LOW"] and report.lines == [2]
    assert not report.passed and report.bucket == "RED"
    assert report.findings[0].bucket == "RED"
    assert repr(report) == "ReadbackReport(bucket='RED', passed=False, findings=[RB_RAPID_LOW@2])"
    doc = report.to_dict()
    assert doc["bucket"] == "RED" and doc["findings"][0]["code"] == "RB_RAPID_LOW"


def test_an_arc_past_the_envelope_is_found_at_its_extreme(top: rmos.Job) -> None:
    program = "G21 G90\nM3 S18000\nG0 Z5\nG0 X790 Y300\nG1 Z-0.5 F300\nG3 X790 Y330 I0 J15 F1000\nG0 Z5\nM30\n"
    report = rmos.check_gcode(program, top)
    assert report.codes() == ["RB_ENVELOPE"] and report.lines == [6]
    assert (report.findings[0].value, report.findings[0].limit) == (805.0, 800.0)
    assert report.bounds is not None and report.bounds.max[0] == 805.0


@pytest.mark.parametrize("post", POSTS)
def test_released_programs_pass_their_own_dialect(post: str) -> None:
    ledger = rmos.Ledger.memory()
    job = example_job("fretboard")
    approved = rmos.Session(job).evaluate().approve(
        rmos.Actor.human("luthier"), ledger, override_reason="slotting bit checked", at=AT
    )
    program = approved.toolpath(post, ledger, at=AT)
    report = rmos.check_gcode(program.gcode, job, post=post)
    assert report.passed and report.post == post
    assert report.bounds == program.readback.bounds
    assert report.deepest_z == program.readback.deepest_z == -1.8


def test_dialect_words_are_held_to_the_post(top: rmos.Job) -> None:
    report = rmos.check_gcode("%\nO0001\nG21 G90\nG0 Z5\nM30\n%\n", top, post="grbl")
    assert not report.passed
    with pytest.raises(rmos.InvalidArgumentError) as caught:
        rmos.check_gcode(CLEAN, top, post="heidenhain")
    assert caught.value.argument == "post"


def test_check_gcode_takes_no_policy(top: rmos.Job) -> None:
    # No policy field changes the read-back rules, so the audit takes none rather than ignore one.
    with pytest.raises(TypeError):
        rmos.check_gcode(CLEAN, top, policy=rmos.Policy.default())  # type: ignore[call-arg]


def test_read_gcode_alone() -> None:
    reading = rmos.read_gcode("G21 G90 G17\nM3 S18000\nG0 Z5\nG0 X10 Y0\nG1 Z-1 F300\nG2 X0 Y10 I-10 J0 F1200\nG0 Z5\nM30\n")
    assert reading.bounds is not None
    assert reading.bounds.max == (10.0, 10.0, 5.0)
    assert reading.deepest_z == -1.0 and reading.units == "mm"
    assert (reading.stats["feed_moves"], reading.stats["arc_moves"]) == (1, 1)
    assert reading.findings == [] and reading.skipped_lines == []
    assert repr(reading).startswith("Reading(bounds=Bounds(min=(")


def test_an_unreadable_program_is_an_invalid_argument() -> None:
    with pytest.raises(rmos.InvalidArgumentError) as caught:
        rmos.read_gcode("G21\nG1 X1..2\n")
    assert caught.value.argument == "gcode"
    assert caught.value.reason.startswith("gcode line 2, column ")
