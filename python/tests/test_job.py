"""Job and its parts: keyword construction, the document round trip, and errors that name the field."""

from __future__ import annotations

import json
from typing import Any

import pytest

import rmos
from support import body_machine, example_job, job_text, mahogany_job, pocket_job


def test_from_json_reads_every_part_of_the_document() -> None:
    job = example_job("guitar_top")
    assert job.name == "dreadnought top: rosette channels and soundhole"
    assert job.machine == rmos.Machine(
        name="shop-router",
        travel_mm=(800, 600, 120),
        spindle_rpm=(8000, 24000),
        max_feed_mm_min=6000,
        max_plunge_mm_min=1500,
        rapid_mm_min=10000,
    )
    assert job.stock.material == "spruce_sitka"
    assert job.stock.size_mm == (560.0, 420.0)
    assert job.stock.thickness_mm == 3.0
    assert (job.tool.kind, job.tool.diameter_mm, job.tool.flutes) == ("flat_end_mill", 1.5875, 2)
    assert (job.tool.flute_length_mm, job.tool.stickout_mm, job.tool.tool_material) == (6.0, 12.0, "carbide")
    c = job.cutting
    assert (c.rpm, c.feed_mm_min, c.plunge_mm_min, c.stepdown_mm, c.stepover, c.safe_z_mm) == (
        18000,
        1200,
        300,
        0.5,
        0.4,
        5.0,
    )
    assert (c.direction, c.coolant, c.feed_override_percent) == ("climb", False, None)
    assert job.operations == [
        rmos.RosetteChannel(center_mm=(280, 210), inner_diameter_mm=106, outer_diameter_mm=120, depth_mm=0.9, rings=2),
        rmos.CircleCut(center_mm=(280, 210), diameter_mm=100, depth_mm=3.0, side="inside", tabs=4),
    ]
    assert not job.client_feasibility_ignored


def test_the_keyword_job_equals_the_document_job() -> None:
    from_doc = example_job("fretboard")
    built = rmos.Job(
        name=from_doc.name,
        machine=from_doc.machine,
        stock=rmos.Stock(material="rosewood_east_indian", size_mm=[520, 80], thickness_mm=6.5),
        tool=rmos.Tool(kind="flat_end_mill", diameter_mm=0.6, flutes=2, flute_length_mm=2.5, stickout_mm=3.0, tool_material="carbide"),
        cutting=rmos.Cutting(
            rpm=24000, feed_mm_min=600, plunge_mm_min=150, stepdown_mm=0.3, stepover=0.5, safe_z_mm=3.0, coolant=True
        ),
        operations=[
            rmos.FretSlots(
                scale_length_mm=647.7, frets=20, nut_at_mm=(10, 40), board_width_mm=56, slot_depth_mm=1.8, kerf_mm=0.6
            )
        ],
    )
    assert built == from_doc
    assert built.to_json() == from_doc.to_json()


def test_to_json_and_to_dict_round_trip() -> None:
    job = mahogany_job(
        rmos.RectPocket(corner_mm=(40, 172), size_mm=(76, 56), corner_radius_mm=6.35, depth_mm=6),
        rmos.DrillPattern(points_mm=[(60, 180), (60, 220)], diameter_mm=6.35, depth_mm=12, peck_mm=4),
        rmos.ContourProfile(points_mm=[(10, 10), (100, 10), (100, 100)], depth_mm=8, side="on", tabs=2),
    )
    again = rmos.Job.from_json(job.to_json())
    assert again == job
    doc = job.to_dict()
    assert doc == json.loads(job.to_json())
    assert doc["name"] == "mahogany blank"
    assert [op["op"] for op in doc["operations"]] == ["rect_pocket", "drill_pattern", "contour_profile"]
    assert doc["operations"][1]["points_mm"] == [[60.0, 180.0], [60.0, 220.0]]
    assert doc["cutting"]["direction"] == "climb"


def test_every_operation_class_keeps_its_fields_and_writes_its_document() -> None:
    ops: list[tuple[rmos.Operation, dict[str, Any]]] = [
        (
            rmos.RosetteChannel(center_mm=(1, 2), inner_diameter_mm=3, outer_diameter_mm=4, depth_mm=0.5),
            {"op": "rosette_channel", "center_mm": [1.0, 2.0], "inner_diameter_mm": 3.0, "outer_diameter_mm": 4.0,
             "depth_mm": 0.5, "rings": 1},
        ),
        (
            rmos.CircleCut(center_mm=(1, 2), diameter_mm=30, depth_mm=2, side="outside", tabs=3),
            {"op": "circle_cut", "center_mm": [1.0, 2.0], "diameter_mm": 30.0, "depth_mm": 2.0, "side": "outside",
             "tabs": 3},
        ),
        (
            rmos.FretSlots(scale_length_mm=628, frets=22, nut_at_mm=(5, 6), board_width_mm=50, slot_depth_mm=2,
                           kerf_mm=0.5),
            {"op": "fret_slots", "scale_length_mm": 628.0, "frets": 22, "nut_at_mm": [5.0, 6.0],
             "board_width_mm": 50.0, "slot_depth_mm": 2.0, "kerf_mm": 0.5},
        ),
        (
            rmos.DrillPattern(points_mm=[(1, 2)], diameter_mm=3, depth_mm=4, peck_mm=1),
            {"op": "drill_pattern", "points_mm": [[1.0, 2.0]], "diameter_mm": 3.0, "depth_mm": 4.0, "peck_mm": 1.0},
        ),
        (
            rmos.RectPocket(corner_mm=(1, 2), size_mm=(30, 20), depth_mm=2),
            {"op": "rect_pocket", "corner_mm": [1.0, 2.0], "size_mm": [30.0, 20.0], "corner_radius_mm": 0.0,
             "depth_mm": 2.0},
        ),
        (
            rmos.ContourProfile(points_mm=[(0, 0), (1, 0), (1, 1)], depth_mm=2, side="outside"),
            {"op": "contour_profile", "points_mm": [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]], "side": "outside",
             "depth_mm": 2.0, "tabs": 0},
        ),
    ]
    for op, doc in ops:
        assert op.to_dict() == doc
        job = mahogany_job(op)
        assert job.operations == [op]
        assert job.to_dict()["operations"] == [doc]


def test_operation_attributes_read_back_as_given() -> None:
    r = rmos.RosetteChannel(center_mm=[280, 210], inner_diameter_mm=106, outer_diameter_mm=120, depth_mm=0.9, rings=2)
    assert (r.center_mm, r.inner_diameter_mm, r.outer_diameter_mm, r.depth_mm, r.rings) == ((280.0, 210.0), 106, 120, 0.9, 2)
    c = rmos.CircleCut(center_mm=(1, 2), diameter_mm=96, depth_mm=3.2, side="inside")
    assert (c.center_mm, c.diameter_mm, c.depth_mm, c.side, c.tabs) == ((1.0, 2.0), 96, 3.2, "inside", 0)
    f = rmos.FretSlots(scale_length_mm=648, frets=22, nut_at_mm=(20, 100), board_width_mm=56, slot_depth_mm=3, kerf_mm=0.6)
    assert (f.scale_length_mm, f.frets, f.nut_at_mm, f.board_width_mm, f.slot_depth_mm, f.kerf_mm) == (
        648, 22, (20.0, 100.0), 56, 3, 0.6)
    d = rmos.DrillPattern(points_mm=[[50, 50], [60, 50]], diameter_mm=3, depth_mm=3, peck_mm=1)
    assert (d.points_mm, d.diameter_mm, d.depth_mm, d.peck_mm) == ([(50.0, 50.0), (60.0, 50.0)], 3, 3, 1)
    p = rmos.RectPocket(corner_mm=(300, 50), size_mm=(76, 56), corner_radius_mm=3, depth_mm=2)
    assert (p.corner_mm, p.size_mm, p.corner_radius_mm, p.depth_mm) == ((300.0, 50.0), (76.0, 56.0), 3, 2)
    k = rmos.ContourProfile(points_mm=[(10, 10), (490, 10), (490, 390)], side="inside", depth_mm=3.2, tabs=4)
    assert (k.points_mm, k.side, k.depth_mm, k.tabs) == ([(10.0, 10.0), (490.0, 10.0), (490.0, 390.0)], "inside", 3.2, 4)


def test_reprs_are_readable_keyword_forms() -> None:
    assert repr(rmos.CircleCut(center_mm=(1, 2), diameter_mm=96, depth_mm=3.2, tabs=4, side="inside")) == (
        "CircleCut(center_mm=(1.0, 2.0), diameter_mm=96.0, depth_mm=3.2, side='inside', tabs=4)"
    )
    assert repr(rmos.Stock(material="mdf", size_mm=(10, 20), thickness_mm=3)) == (
        "Stock(material='mdf', size_mm=(10.0, 20.0), thickness_mm=3.0)"
    )
    assert repr(body_machine()).startswith("Machine(name='shop-router', travel_mm=(800.0, 600.0, 120.0), ")
    assert repr(rmos.Tool(kind="drill", diameter_mm=3, flutes=2, flute_length_mm=20, stickout_mm=30, tool_material="carbide")) == (
        "Tool(kind='drill', diameter_mm=3.0, flutes=2, flute_length_mm=20.0, stickout_mm=30.0, tool_material='carbide')"
    )
    assert repr(example_job("guitar_top")) == (
        "Job(name='dreadnought top: rosette channels and soundhole', material='spruce_sitka', "
        "operations=[rosette_channel, circle_cut])"
    )
    assert repr(pocket_job().cutting) == (
        "Cutting(rpm=18000.0, feed_mm_min=3500.0, plunge_mm_min=800.0, stepdown_mm=2.5, stepover=0.45, "
        "safe_z_mm=5.0, direction='climb', coolant=False, feed_override_percent=None)"
    )


def test_client_feasibility_is_dropped_and_flagged() -> None:
    doc = json.loads(job_text("guitar_top"))
    doc["feasibility"] = {"bucket": "GREEN"}
    doc["operations"][0]["score"] = 100
    job = rmos.Job.from_json(json.dumps(doc))
    assert job.client_feasibility_ignored
    assert "feasibility" not in job.to_json() and "score" not in job.to_json()
    assert rmos.Session(job).evaluate().report.client_feasibility_ignored


@pytest.mark.parametrize(
    ("edit", "path", "reason"),
    [
        (lambda d: d.pop("machine"), "machine", "is required"),
        (lambda d: d["operations"][0].update(depth_mm=-1), "operations[0].depth_mm", "must be > 0"),
        (lambda d: d["stock"].update(material="unobtainium"), "stock.material", 'unknown material "unobtainium"'),
        (lambda d: d["tool"].update(flutes=0), "tool.flutes", "must be >= 1"),
        (lambda d: d.update(operations=[]), "operations", "must list at least one operation"),
        (lambda d: d["cutting"].update(stepover=1.5), "cutting.stepover", "must be <= 1 (a fraction of the tool diameter)"),
        (lambda d: d["machine"].update(spindle_rpm=[24000, 8000]), "machine.spindle_rpm", "min must be <= max"),
        (lambda d: d["operations"][1].update(tabs=65), "operations[1].tabs", "must be <= 64"),
    ],
)
def test_invalid_documents_name_the_field(edit: Any, path: str, reason: str) -> None:
    doc = json.loads(job_text("guitar_top"))
    edit(doc)
    with pytest.raises(rmos.InvalidJobError) as caught:
        rmos.Job.from_json(json.dumps(doc))
    assert (caught.value.path, caught.value.reason) == (path, reason)
    assert str(caught.value) == f"{path}: {reason}"
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, rmos.RmosError)


def test_unreadable_json_and_unknown_keys_are_invalid_jobs() -> None:
    with pytest.raises(rmos.InvalidJobError) as caught:
        rmos.Job.from_json("{not json")
    assert caught.value.path == "$"
    assert caught.value.reason.startswith("invalid JSON: ")
    doc = json.loads(job_text("guitar_top"))
    doc["tool"]["colour"] = "red"
    with pytest.raises(rmos.InvalidJobError) as caught:
        rmos.Job.from_json(json.dumps(doc))
    assert caught.value.path == "tool.colour"
    assert caught.value.reason.startswith("unknown field `colour`")


def test_the_keyword_constructor_validates_like_the_document() -> None:
    with pytest.raises(rmos.InvalidJobError) as caught:
        mahogany_job(rmos.RectPocket(corner_mm=(0, 0), size_mm=(10, 10), corner_radius_mm=6, depth_mm=2))
    assert (caught.value.path, caught.value.reason) == (
        "operations[0].corner_radius_mm",
        "must be <= half the pocket's smaller side",
    )
    with pytest.raises(rmos.InvalidJobError) as caught:
        mahogany_job(rmos.CircleCut(center_mm=(0, float("nan")), diameter_mm=10, depth_mm=2, side="inside"))
    assert (caught.value.path, caught.value.reason) == ("operations[0].center_mm[1]", "must be a finite number")
    with pytest.raises(rmos.InvalidJobError) as caught:
        mahogany_job()
    assert caught.value.path == "operations"


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda: rmos.Tool(kind="saw", diameter_mm=1, flutes=2, flute_length_mm=1, stickout_mm=1, tool_material="carbide"), "tool.kind"),
        (lambda: rmos.Tool(kind="drill", diameter_mm=1, flutes=2, flute_length_mm=1, stickout_mm=1,
                           tool_material="diamond"), "tool.tool_material"),
        (lambda: rmos.Tool(kind="drill", diameter_mm=1, flutes=-1, flute_length_mm=1, stickout_mm=1, tool_material="carbide"), "tool.flutes"),
        (lambda: rmos.Cutting(rpm=1, feed_mm_min=1, plunge_mm_min=1, stepdown_mm=1, stepover=0.5, safe_z_mm=1,
                              direction="sideways"), "cutting.direction"),
        (lambda: rmos.CircleCut(center_mm=(0, 0), diameter_mm=1, depth_mm=1, side="middle"), "circle_cut.side"),
        (lambda: rmos.CircleCut(center_mm=(0, 0), diameter_mm=1, depth_mm=1, tabs=2**40, side="inside"), "circle_cut.tabs"),
        (lambda: rmos.ContourProfile(points_mm=[], depth_mm=1, side="left"), "contour_profile.side"),
        (lambda: rmos.RosetteChannel(center_mm=(0, 0), inner_diameter_mm=1, outer_diameter_mm=2, depth_mm=1,
                                     rings=-3), "rosette_channel.rings"),
        (lambda: rmos.FretSlots(scale_length_mm=1, frets=-1, nut_at_mm=(0, 0), board_width_mm=1, slot_depth_mm=1,
                                kerf_mm=1), "fret_slots.frets"),
    ],
)
def test_part_constructors_name_the_field_they_reject(make: Any, path: str) -> None:
    with pytest.raises(rmos.InvalidJobError) as caught:
        make()
    assert caught.value.path == path


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match=r"operations\[1\]: expected an operation .* got dict"):
        mahogany_job(
            rmos.RectPocket(corner_mm=(40, 172), size_mm=(76, 56), depth_mm=6),
            {"op": "rect_pocket"},  # type: ignore[arg-type]
        )
    with pytest.raises(TypeError):
        rmos.Stock(material="mdf", size_mm="ab", thickness_mm=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rmos.Job(machine=body_machine())  # type: ignore[call-arg]


def test_parts_are_immutable_values() -> None:
    job = pocket_job()
    with pytest.raises(AttributeError):
        job.name = "other"  # type: ignore[misc]
    op = job.operations[0]
    assert isinstance(op, rmos.RectPocket)
    with pytest.raises(AttributeError):
        op.depth_mm = 100  # type: ignore[misc]
    assert job == pocket_job() and job != example_job("guitar_top")
