"""Property tests: no input crashes the process or escapes as anything but a documented exception, and the
same input always gives the same output."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rmos
from support import AT, REASON, example_job, job_text

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What a bad argument may raise: RMOS's own errors, or the TypeError/OverflowError of a value Python cannot
# convert at all (a string for a number, an int too large for a float).
EXPECTED = (rmos.RmosError, TypeError, OverflowError)

json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from([0, -1, 1e-300, 1e300, math.nan, math.inf, -math.inf]),
)


def mutate(doc: Any, path: list[str | int], value: Any) -> Any:
    """`doc` with the value at `path` replaced (paths that do not exist are left alone)."""
    target = doc
    for key in path[:-1]:
        if isinstance(target, dict) and key in target:
            target = target[key]
        elif isinstance(target, list) and isinstance(key, int) and 0 <= key < len(target):
            target = target[key]
        else:
            return doc
    last = path[-1]
    if isinstance(target, dict):
        target[last] = value
    elif isinstance(target, list) and isinstance(last, int) and 0 <= last < len(target):
        target[last] = value
    return doc


FIELDS: list[list[str | int]] = [
    ["machine", "travel_mm", 0],
    ["machine", "spindle_rpm"],
    ["machine", "max_feed_mm_min"],
    ["stock", "material"],
    ["stock", "size_mm", 1],
    ["stock", "thickness_mm"],
    ["tool", "kind"],
    ["tool", "diameter_mm"],
    ["tool", "flutes"],
    ["tool", "stickout_mm"],
    ["cutting", "rpm"],
    ["cutting", "feed_mm_min"],
    ["cutting", "stepdown_mm"],
    ["cutting", "stepover"],
    ["cutting", "safe_z_mm"],
    ["operations", 0, "depth_mm"],
    ["operations", 0, "rings"],
    ["operations", 0, "center_mm"],
    ["operations", 1, "diameter_mm"],
    ["operations", 1, "tabs"],
    ["operations", 1, "side"],
    ["operations"],
    ["name"],
]


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_as_a_job_is_a_job_or_an_invalid_job(text: str) -> None:
    try:
        rmos.Job.from_json(text)
    except rmos.InvalidJobError as e:
        assert e.path and e.reason


@SETTINGS
@given(json_values)
def test_any_json_document_is_a_job_or_an_invalid_job(doc: Any) -> None:
    try:
        rmos.Job.from_json(json.dumps(doc))
    except rmos.InvalidJobError as e:
        assert str(e) == f"{e.path}: {e.reason}"


@SETTINGS
@given(st.sampled_from(FIELDS), json_values | numbers)
def test_a_job_with_any_field_changed_evaluates_or_names_the_field(path: list[str | int], value: Any) -> None:
    doc = mutate(json.loads(job_text("guitar_top")), path, value)
    try:
        text = json.dumps(doc)
    except ValueError:
        return  # NaN/inf are not JSON
    try:
        job = rmos.Job.from_json(text)
    except rmos.InvalidJobError as e:
        assert e.path.split("[")[0].split(".")[0] in {str(path[0]), "$"}
        return
    report = rmos.Session(job).evaluate().report
    assert report.bucket in ("GREEN", "YELLOW", "RED")
    assert 0.0 <= report.score <= 100.0


@SETTINGS
@given(numbers, numbers, numbers, st.integers(min_value=-(2**40), max_value=2**40))
def test_keyword_construction_never_crashes(a: float, b: float, c: float, count: int) -> None:
    job = example_job("guitar_top")
    try:
        op = rmos.RosetteChannel(center_mm=(a, b), inner_diameter_mm=c, outer_diameter_mm=b, depth_mm=a, rings=count)
        tool = rmos.Tool(kind="flat_end_mill", diameter_mm=c, flutes=count, flute_length_mm=a, stickout_mm=b, tool_material="carbide")
        built = rmos.Job(machine=job.machine, stock=job.stock, tool=tool, cutting=job.cutting, operations=[op])
    except EXPECTED:
        return
    assert rmos.Session(built).evaluate().report.bucket in ("GREEN", "YELLOW", "RED")


gcode_words = st.lists(
    st.tuples(
        st.sampled_from("GMXYZIJRFSQPTNKLH%O(;"),
        st.one_of(st.integers(-1000, 1000).map(str), st.floats(-1e4, 1e4).map(lambda f: f"{f:.3f}"), st.text(max_size=3)),
    ).map("".join),
    max_size=8,
).map(" ".join)


@SETTINGS
@given(st.lists(gcode_words, max_size=30).map("\n".join))
def test_any_program_is_read_or_refused_with_its_line(program: str) -> None:
    job = example_job("guitar_top")
    report = rmos.check_gcode(program, job)
    assert len(report.lines) == len(report.findings)
    assert report.passed == (report.bucket != "RED")
    for post in ("grbl", "fanuc"):
        assert rmos.check_gcode(program, job, post=post).bucket in ("GREEN", "YELLOW", "RED")
    try:
        rmos.read_gcode(program)
    except rmos.InvalidArgumentError as e:
        assert e.argument == "gcode" and e.reason.startswith("gcode line ")


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_is_read_or_refused(program: str) -> None:
    try:
        rmos.read_gcode(program)
    except rmos.InvalidArgumentError as e:
        assert e.argument == "gcode"
    rmos.check_gcode(program, example_job("fretboard"))


@SETTINGS
@given(st.text(max_size=80), st.text(max_size=40), st.booleans())
def test_any_actor_reason_and_timestamp_is_recorded_or_refused(who: str, at: str, acknowledge: bool) -> None:
    ledger = rmos.Ledger.memory()
    evaluated = rmos.Session(example_job("guitar_top")).evaluate()
    for actor in (rmos.Actor.human(who), rmos.Actor.ai(who), rmos.Actor.service(who)):
        try:
            evaluated.approve(actor, ledger, override_reason=who, acknowledge_risk=acknowledge, at=at)
        except rmos.BlockedError as e:
            assert e.artifact_id is not None and e.status in ("BLOCKED", "ERROR")
        else:
            assert actor.kind == "human"
    assert ledger.verify().artifacts == len(ledger) == 3


@SETTINGS
@given(st.sampled_from(["guitar_top", "fretboard", "body_12_ops", "ebony_fretboard_rushed"]))
def test_evaluation_is_deterministic(name: str) -> None:
    first = rmos.Session(example_job(name)).evaluate()
    second = rmos.Session(rmos.Job.from_json(job_text(name))).evaluate()
    assert first.report == second.report
    assert first.report.to_json() == second.report.to_json()
    assert (first.request_hash, first.report_hash) == (second.request_hash, second.report_hash)


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(["grbl", "linuxcnc", "mach3", "fanuc"]), st.sampled_from(["mm", "inch"]))
def test_release_is_deterministic(post: str, units: str) -> None:
    outputs = []
    for _ in range(2):
        ledger = rmos.Ledger.memory()
        approved = rmos.Session(example_job("guitar_top")).evaluate().approve(
            rmos.Actor.human("luthier"), ledger, override_reason=REASON, at=AT
        )
        program = approved.toolpath(post, ledger, units=units, at=AT)
        outputs.append((program.gcode, program.artifact_id, ledger.artifacts()))
    assert outputs[0] == outputs[1]
