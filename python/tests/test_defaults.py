"""Python constructor defaults equal the job reader's for an omitted key, field by field; the choices that
decide where the tool cuts (tool material, a cut's side) have no default in either."""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest

import rmos
from support import job_text

CENTRE = (280.0, 210.0)
POINTS = [(10.0, 10.0), (100.0, 10.0), (100.0, 100.0)]

# Every operation with only its required keys: (document without the optional key, Python class, keywords).
REQUIRED: dict[str, tuple[dict[str, Any], Callable[..., Any], dict[str, Any]]] = {
    "rosette_channel": (
        {"op": "rosette_channel", "center_mm": list(CENTRE), "inner_diameter_mm": 106,
         "outer_diameter_mm": 120, "depth_mm": 0.9},
        rmos.RosetteChannel,
        {"center_mm": CENTRE, "inner_diameter_mm": 106, "outer_diameter_mm": 120, "depth_mm": 0.9},
    ),
    "circle_cut": (
        {"op": "circle_cut", "center_mm": list(CENTRE), "diameter_mm": 100, "depth_mm": 3, "side": "inside"},
        rmos.CircleCut,
        {"center_mm": CENTRE, "diameter_mm": 100, "depth_mm": 3, "side": "inside"},
    ),
    "rect_pocket": (
        {"op": "rect_pocket", "corner_mm": [10, 10], "size_mm": [40, 30], "depth_mm": 2},
        rmos.RectPocket,
        {"corner_mm": (10, 10), "size_mm": (40, 30), "depth_mm": 2},
    ),
    "contour_profile": (
        {"op": "contour_profile", "points_mm": [list(p) for p in POINTS], "side": "on", "depth_mm": 1},
        rmos.ContourProfile,
        {"points_mm": POINTS, "side": "on", "depth_mm": 1},
    ),
}


def document(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(job_text("guitar_top"))
    doc.update(changes)
    return doc


def read_operation(op: dict[str, Any]) -> Any:
    return rmos.Job.from_json(json.dumps(document(operations=[op]))).operations[0]


@pytest.mark.parametrize(
    ("kind", "field", "expected"),
    [
        ("rosette_channel", "rings", 1),
        ("rect_pocket", "corner_radius_mm", 0.0),
        ("circle_cut", "tabs", 0),
        ("contour_profile", "tabs", 0),
    ],
)
def test_operation_defaults_match_the_reader(kind: str, field: str, expected: Any) -> None:
    doc, cls, kwargs = REQUIRED[kind]
    assert field not in doc
    from_json = read_operation(doc)
    from_python = cls(**kwargs)
    assert getattr(from_json, field) == expected
    assert getattr(from_python, field) == expected
    assert from_json == from_python


@pytest.mark.parametrize(
    ("field", "expected"),
    [("direction", "climb"), ("coolant", False), ("feed_override_percent", None)],
)
def test_cutting_defaults_match_the_reader(field: str, expected: Any) -> None:
    doc = document()
    assert field not in doc["cutting"]
    read = rmos.Job.from_json(json.dumps(doc)).cutting
    built = rmos.Cutting(**doc["cutting"])
    assert getattr(read, field) == expected
    assert getattr(built, field) == expected
    assert read == built


def test_machine_name_defaults_to_empty_in_both() -> None:
    doc = document()
    del doc["machine"]["name"]
    read = rmos.Job.from_json(json.dumps(doc)).machine
    built = rmos.Machine(**doc["machine"])
    assert (read.name, built.name) == ("", "")
    assert read == built


@pytest.mark.parametrize("kind", ["circle_cut", "contour_profile"])
def test_a_cuts_side_is_required_in_both(kind: str) -> None:
    doc, cls, kwargs = REQUIRED[kind]
    doc = {k: v for k, v in doc.items() if k != "side"}
    with pytest.raises(rmos.InvalidJobError) as err:
        read_operation(doc)
    assert (err.value.path, err.value.reason) == ("operations[0].side", "is required")
    kwargs = {k: v for k, v in kwargs.items() if k != "side"}
    with pytest.raises(TypeError, match="side"):
        cls(**kwargs)


def test_tool_material_is_required_in_both() -> None:
    doc = document()
    tool = dict(doc["tool"])
    del doc["tool"]["tool_material"]
    with pytest.raises(rmos.InvalidJobError) as err:
        rmos.Job.from_json(json.dumps(doc))
    assert (err.value.path, err.value.reason) == ("tool.tool_material", "is required")
    del tool["tool_material"]
    with pytest.raises(TypeError, match="tool_material"):
        rmos.Tool(**tool)
