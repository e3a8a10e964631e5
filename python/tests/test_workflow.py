"""Session → Evaluated → Approved: the reports, every gate and the guarantees of the typestate."""

from __future__ import annotations

import copy
import json
import pickle

import pytest

import rmos
from support import AT, REASON, example_job, pocket_job


def test_evaluate_computes_the_report(top: rmos.Job) -> None:
    session = rmos.Session(top)
    assert session.job == top
    assert session.request_hash.startswith("sha256:") and len(session.request_hash) == 71
    evaluated = session.evaluate()
    report = evaluated.report
    assert (evaluated.bucket, report.bucket, report.score) == ("YELLOW", "YELLOW", 81.0)
    assert report.codes() == ["F032", "F032"]
    assert report.engine.startswith("rmos.feasibility/")
    assert report.cycle_time_s > 0 and report.material_removed_mm3 > 0
    first = report.findings[0]
    assert (first.code, first.bucket, first.operation) == ("F032", "YELLOW", 0)
    assert first.message == "the 1.5875 mm tool is under 2 mm: fragile"
    assert (first.value, first.limit) == (1.5875, 2.0)
    assert first.to_dict() == {
        "code": "F032",
        "bucket": "YELLOW",
        "message": "the 1.5875 mm tool is under 2 mm: fragile",
        "value": 1.5875,
        "limit": 2.0,
        "operation": 0,
    }
    assert evaluated.request_hash == session.request_hash
    assert evaluated.policy_hash == rmos.Policy.default().hash
    assert evaluated.report_hash.startswith("sha256:")
    assert evaluated.job == top


def test_reports_have_readable_reprs(top: rmos.Job) -> None:
    evaluated = rmos.Session(top).evaluate()
    assert repr(evaluated.report) == "FeasibilityReport(bucket='YELLOW', score=81.0, findings=[F032, F032])"
    assert repr(evaluated.report.findings[1]) == (
        "Finding(YELLOW F032 at operations[1]: 'the 1.5875 mm tool is under 2 mm: fragile')"
    )
    assert repr(evaluated) == "Evaluated(bucket='YELLOW', findings=[F032, F032])"
    green = rmos.Session(pocket_job()).evaluate().report
    assert repr(green) == "FeasibilityReport(bucket='GREEN', score=100.0, findings=[])"


def test_report_to_dict_and_json_agree(top: rmos.Job) -> None:
    report = rmos.Session(top).evaluate().report
    doc = report.to_dict()
    assert doc == json.loads(report.to_json())
    assert doc["bucket"] == "YELLOW" and [f["code"] for f in doc["findings"]] == ["F032", "F032"]
    assert set(doc) == {"bucket", "score", "findings", "estimates", "engine", "client_feasibility_ignored"}


def test_a_green_job_approves_for_a_human(ledger: rmos.Ledger, luthier: rmos.Actor) -> None:
    approved = rmos.Session(pocket_job()).evaluate().approve(luthier, ledger, at=AT)
    assert approved.seq == 0 and approved.reasons == []
    assert approved.actor == luthier and approved.report.bucket == "GREEN"
    assert approved.job == pocket_job() and approved.policy == rmos.Policy.default()
    [artifact] = ledger.artifacts()
    assert artifact["id"] == approved.artifact_id
    assert (artifact["kind"], artifact["status"], artifact["at"]) == ("approval", "OK", AT)
    assert artifact["actor"] == {"kind": "human", "id": "luthier"}
    assert repr(approved) == (
        f"Approved(artifact_id='{approved.artifact_id}', seq=0, actor=Actor.human('luthier'), bucket='GREEN')"
    )


def test_yellow_needs_a_written_reason(top: rmos.Job, ledger: rmos.Ledger, luthier: rmos.Actor) -> None:
    evaluated = rmos.Session(top).evaluate()
    with pytest.raises(rmos.BlockedError) as plain:
        evaluated.approve(luthier, ledger, at=AT)
    e = plain.value
    assert e.status == "BLOCKED"
    assert list(e.reasons) == ["YELLOW job needs a human override with a written reason"]
    assert str(e) == "approval blocked: YELLOW job needs a human override with a written reason"
    assert e.report == evaluated.report
    assert e.artifact_id == ledger.artifacts()[0]["id"]

    with pytest.raises(rmos.BlockedError) as short:
        evaluated.approve(luthier, ledger, override_reason="ok", at=AT)
    assert list(short.value.reasons) == ["override reason has 2 letters and digits; at least 10 are required"]

    approved = evaluated.approve(luthier, ledger, override_reason=REASON, at=AT)
    assert approved.reasons == [f"YELLOW override: {REASON}"]
    assert approved.seq == 2
    assert [a["status"] for a in ledger.artifacts()] == ["BLOCKED", "BLOCKED", "OK"]


def test_red_is_refused_unless_the_policy_enables_red_overrides(ledger: rmos.Ledger, luthier: rmos.Actor) -> None:
    rushed = example_job("ebony_fretboard_rushed")
    evaluated = rmos.Session(rushed).evaluate()
    assert evaluated.bucket == "RED"
    with pytest.raises(rmos.BlockedError) as plain:
        evaluated.approve(luthier, ledger, at=AT)
    assert list(plain.value.reasons) == ["RED job is never approved without an enabled RED override"]
    with pytest.raises(rmos.BlockedError) as overridden:
        evaluated.approve(luthier, ledger, override_reason=REASON, acknowledge_risk=True, at=AT)
    assert list(overridden.value.reasons) == ["policy does not enable RED overrides"]

    lenient = rmos.Policy(allow_red_override=True)
    red_ok = rmos.Session(rushed).evaluate(lenient)
    with pytest.raises(rmos.BlockedError) as unacknowledged:
        red_ok.approve(luthier, ledger, override_reason=REASON, at=AT)
    assert list(unacknowledged.value.reasons) == ["RED override needs the risk acknowledged"]
    approved = red_ok.approve(luthier, ledger, override_reason=REASON, acknowledge_risk=True, at=AT)
    assert approved.reasons == [f"RED override, risk acknowledged: {REASON}"]
    assert approved.policy == lenient and approved.policy.hash != rmos.Policy.default().hash
    assert len(ledger) == 4


@pytest.mark.parametrize("job", ["pocket", "guitar_top"])
def test_the_ai_actor_is_refused_and_recorded(job: str, ledger: rmos.Ledger) -> None:
    evaluated = rmos.Session(pocket_job() if job == "pocket" else example_job(job)).evaluate()
    assistant = rmos.Actor.ai("cam-assistant")
    for reason, acknowledge in ((None, False), (REASON, False), (REASON, True)):
        with pytest.raises(rmos.BlockedError) as refused:
            evaluated.approve(assistant, ledger, override_reason=reason, acknowledge_risk=acknowledge, at=AT)
        assert refused.value.status == "BLOCKED"
        assert refused.value.reasons[0] == 'ai actor "cam-assistant" may not approve'
    assert [a["status"] for a in ledger.artifacts()] == ["BLOCKED"] * 3
    assert all(a["actor"] == {"kind": "ai", "id": "cam-assistant"} for a in ledger.artifacts())


def test_a_service_may_not_approve(ledger: rmos.Ledger) -> None:
    with pytest.raises(rmos.BlockedError) as refused:
        rmos.Session(pocket_job()).evaluate().approve(rmos.Actor.service("batch"), ledger, at=AT)
    assert list(refused.value.reasons) == ['service actor "batch" may not approve']


def test_a_bad_timestamp_is_an_error_artifact(ledger: rmos.Ledger, luthier: rmos.Actor) -> None:
    with pytest.raises(rmos.BlockedError) as failed:
        rmos.Session(pocket_job()).evaluate().approve(luthier, ledger, at="yesterday")
    assert failed.value.status == "ERROR"
    assert failed.value.reasons[0].startswith('at: "yesterday" is not an RFC 3339 UTC timestamp')
    assert ledger.artifacts()[0]["status"] == "ERROR"


def test_without_at_the_clock_is_read(ledger: rmos.Ledger, luthier: rmos.Actor) -> None:
    rmos.Session(pocket_job()).evaluate().approve(luthier, ledger)
    at = ledger.artifacts()[0]["at"]
    assert len(at) == 20 and at[4] == "-" and at[10] == "T" and at.endswith("Z")


def test_there_is_no_way_to_an_approved_but_approve(approved_pocket: rmos.Approved) -> None:
    for cls in (rmos.Approved, rmos.Evaluated):
        with pytest.raises(TypeError, match="cannot create"):
            cls()
        with pytest.raises(TypeError):
            cls.__new__(cls)
        with pytest.raises(TypeError):
            type("Forged", (cls,), {})
    with pytest.raises(TypeError):
        copy.copy(approved_pocket)
    with pytest.raises(TypeError):
        pickle.dumps(approved_pocket)
    with pytest.raises(AttributeError):
        approved_pocket.artifact_id = "sha256:" + "0" * 64  # type: ignore[misc]
    # What an approved session hands out are copies: changing them changes nothing it holds.
    assert approved_pocket.job == pocket_job()


def test_actors() -> None:
    a = rmos.Actor.human("luthier")
    assert (a.kind, a.id) == ("human", "luthier")
    assert (rmos.Actor.ai("m").kind, rmos.Actor.service("s").kind) == ("ai", "service")
    assert a == rmos.Actor.human("luthier") and a != rmos.Actor.ai("luthier")
    assert len({a, rmos.Actor.human("luthier"), rmos.Actor.ai("luthier")}) == 2
    assert repr(rmos.Actor.ai("cam-assistant")) == "Actor.ai('cam-assistant')"
    with pytest.raises(TypeError):
        rmos.Actor()


def test_policies() -> None:
    default = rmos.Policy.default()
    assert default == rmos.Policy()
    assert (default.allow_yellow_override, default.allow_red_override, default.min_override_reason_chars) == (
        True,
        False,
        10,
    )
    assert default.hash.startswith("sha256:") and default.hash == rmos.Policy.from_json(default.to_json()).hash
    assert rmos.Policy.from_json("{}") == default
    assert default.to_dict()["allow_red_override"] is False
    strict = rmos.Policy(allow_yellow_override=False, min_override_reason_chars=40)
    assert strict.hash != default.hash
    assert rmos.Policy.from_json(strict.to_json()) == strict
    assert default.allows(rmos.Actor.human("l"), "approve")
    assert not default.allows(rmos.Actor.ai("m"), "approve")
    assert not default.allows(rmos.Actor.ai("m"), "emit_gcode")
    assert default.allows(rmos.Actor.service("s"), "emit_gcode")
    assert repr(default) == (
        f"Policy(hash='{default.hash}', allow_yellow_override=True, allow_red_override=False, "
        "min_override_reason_chars=10)"
    )


def test_even_a_policy_granting_an_ai_approval_cannot_make_it_approve(ledger: rmos.Ledger) -> None:
    doc = rmos.Policy.default().to_dict()
    doc["grants"].append({"kind": "ai", "capabilities": []})
    for grant in doc["grants"]:
        grant["capabilities"] = ["approve", "override_yellow", "override_red", "emit_gcode"]
    generous = rmos.Policy.from_json(json.dumps(doc))
    assert not generous.allows(rmos.Actor.ai("m"), "approve")
    with pytest.raises(rmos.BlockedError):
        rmos.Session(pocket_job()).evaluate(generous).approve(rmos.Actor.ai("m"), ledger, at=AT)


def test_policy_errors_name_the_argument() -> None:
    with pytest.raises(rmos.InvalidArgumentError) as caught:
        rmos.Policy.from_json('{"allow_red_override": "yes"}')
    assert caught.value.argument == "policy.allow_red_override"
    assert isinstance(caught.value, ValueError)
    with pytest.raises(rmos.InvalidArgumentError) as caught:
        rmos.Policy.from_json("[")
    assert caught.value.argument == "policy"
    with pytest.raises(rmos.InvalidArgumentError) as caught:
        rmos.Policy.default().allows(rmos.Actor.human("l"), "fly")
    assert caught.value.argument == "capability"


def test_the_same_inputs_give_the_same_artifacts(top: rmos.Job) -> None:
    ids = []
    for _ in range(2):
        ledger = rmos.Ledger.memory()
        evaluated = rmos.Session(rmos.Job.from_json(top.to_json())).evaluate()
        approved = evaluated.approve(rmos.Actor.human("luthier"), ledger, override_reason=REASON, at=AT)
        ids.append((evaluated.report_hash, approved.artifact_id, ledger.artifacts()))
    assert ids[0] == ids[1]


def test_scenarios_are_evaluated_with_the_classic_rules() -> None:
    report = rmos.evaluate_scenario(
        json.dumps(
            {
                "geometry": {"type": "pocket", "depth_mm": 6, "wall_thickness_mm": 0.99},
                "material": {"id": "maple_hard", "hardness": "hard", "thickness_mm": 20},
                "tool": {"diameter_mm": 6.35},
                "params": {"doc_mm": 2, "woc_percent": 40},
            }
        )
    )
    assert (report.bucket, report.codes()) == ("RED", ["F028", "F010", "F037"])
    with pytest.raises(rmos.InvalidJobError) as caught:
        rmos.evaluate_scenario('{"geometry": {"type": "pocket"}, "params": {"doc_mm": "2"}}')
    assert caught.value.path == "params.doc_mm"
