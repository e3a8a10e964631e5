"""rmos.outlines_from_dxf and ``rmos outlines`` on DXF files written by ezdxf, another program."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import pytest

import dxf_drawings as d
import rmos
from rmos.__main__ import main

Points = list[tuple[float, float]]


def bounds(points: Points) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def close(a: tuple[float, ...], b: tuple[float, ...], tol: float = 0.001) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= tol for x, y in zip(a, b))


@pytest.mark.parametrize("version", ["R12", "R2000"])
def test_a_guitar_body_and_its_soundhole(version: str) -> None:
    text = d.text(d.guitar_body(version))
    if version == "R12":
        with pytest.warns(UserWarning, match=r"the drawing has no units \(\$INSUNITS is 0 or absent\)"):
            outlines = rmos.outlines_from_dxf(text)
    else:
        outlines = rmos.outlines_from_dxf(text)
    assert len(outlines) == 2
    body, hole = outlines

    expected = d.body_points()
    assert len(body) == len(expected) == 150 + 99 + 39 + 2
    assert all(close(p, q, 1e-9) for p, q in zip(body, expected)), "the documented tessellation, point by point"
    assert body[0] != body[-1], "closed outlines do not repeat their first point"
    assert close(bounds(body), bounds(expected))
    assert close(bounds(body), (-180.0, -180.0, 180.0, 240.0), 0.01), "the analytic bounds within the chord tolerance"
    area = d.shoelace(body)
    assert area > 0, "counter-clockwise"
    assert abs(area - d.shoelace(expected)) < 1e-6
    assert abs(area - d.body_area()) < d.body_arc_length() * d.CHORD_TOL

    cx, cy, r = d.SOUNDHOLE
    n = d.chords(r, 2 * math.pi)
    assert len(hole) == n == 158
    assert hole[0] == (cx + r, cy), "a circle starts at angle 0"
    assert close(bounds(hole), (cx - r, cy - r, cx + r, cy + r), 0.01)
    assert all(abs(math.hypot(x - cx, y - cy) - r) < 1e-9 for x, y in hole)
    assert abs(d.shoelace(hole) - n / 2 * r * r * math.sin(2 * math.pi / n)) < 1e-6
    assert abs(d.shoelace(hole) - math.pi * r * r) < 2 * math.pi * r * d.CHORD_TOL


def test_the_committed_fixtures_are_what_ezdxf_writes_today() -> None:
    root = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "dxf"
    for name in d.FIXTURES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # R12 has no units: its warning is tested above
            committed = rmos.outlines_from_dxf((root / name).read_text(encoding="utf-8"))
            assert committed == rmos.outlines_from_dxf(d.text(d.FIXTURES[name]()))


def test_entities_left_out_are_named_in_a_warning() -> None:
    doc = d.inch_plate()
    label = doc.modelspace().add_text("neck pocket")
    spline = doc.modelspace().add_spline([(0, 0), (1, 1), (2, 0), (3, 1)])
    with pytest.warns(UserWarning) as caught:
        outlines = rmos.outlines_from_dxf(d.text(doc))
    assert len(outlines) == 2
    assert [str(w.message) for w in caught] == [f"entities left out: Text {label.dxf.handle}, Spline {spline.dxf.handle}"]


def test_a_drawing_in_inches_comes_out_in_mm() -> None:
    plate, hole = rmos.outlines_from_dxf(d.text(d.inch_plate()))
    # 3 in x 25.4 is 76.19999999999999 in binary floating point: compare to 1e-9 mm.
    assert len(plate) == 4
    assert all(close(p, q, 1e-9) for p, q in zip(plate, [(0.0, 0.0), (50.8, 0.0), (50.8, 76.2), (0.0, 76.2)]))
    assert d.shoelace(plate) == pytest.approx(50.8 * 76.2, abs=1e-9)
    r = 12.7
    assert close(bounds(hole), (25.4 - r, 38.1 - r, 25.4 + r, 38.1 + r), 0.01)
    assert len(hole) == d.chords(r, 2 * math.pi)
    assert abs(d.shoelace(hole) - math.pi * r * r) < 2 * math.pi * r * d.CHORD_TOL


def test_a_drawing_is_read_from_bytes_in_its_own_code_page() -> None:
    doc = d.inch_plate()
    doc.layers.add("Éclisse")  # a layer name an R2000 file writes in its code page, cp1252
    doc.modelspace().add_circle((5, 5), 0.25, dxfattribs={"layer": "Éclisse"})
    raw = d.text(doc).encode(doc.output_encoding)  # as ezdxf saves a file: cp1252 for R2000
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    outlines = rmos.outlines_from_dxf(raw)
    assert len(outlines) == 3
    assert close(bounds(outlines[2]), (127.0 - 6.35, 127.0 - 6.35, 127.0 + 6.35, 127.0 + 6.35), 0.01), "inches, read"


def test_a_coarser_chord_tolerance_gives_fewer_points() -> None:
    text = d.text(d.inch_plate())
    _, hole = rmos.outlines_from_dxf(text, chord_tolerance_mm=0.1)
    assert len(hole) == d.chords(12.7, 2 * math.pi, 0.1) == 26


def test_an_open_chain_is_refused_with_its_handles() -> None:
    doc = d.open_chain()
    with pytest.raises(rmos.DxfError) as e:
        rmos.outlines_from_dxf(d.text(doc))
    assert e.value.kind == "open_chain"
    assert list(e.value.handles) == d.handles(doc, "LINE")
    assert str(e.value) == f"entities {', '.join(d.handles(doc, 'LINE'))}: open chain from (0.000, 0.000) to (0.000, 50.000) mm"
    assert isinstance(e.value, ValueError) and isinstance(e.value, rmos.RmosError)


def test_a_self_intersecting_polyline_is_refused_with_its_handle() -> None:
    doc = d.bow_tie()
    with pytest.raises(rmos.DxfError) as e:
        rmos.outlines_from_dxf(d.text(doc))
    assert e.value.kind == "self_intersecting"
    assert list(e.value.handles) == d.handles(doc, "LWPOLYLINE")
    assert "crosses itself at (20.000, 20.000) mm" in str(e.value)


def test_bad_input_is_a_typed_error() -> None:
    with pytest.raises(rmos.DxfError) as e:
        rmos.outlines_from_dxf("0\nSECTION\n2\nENTITIES\n0\nLINE\n10\nnot-a-number\n")
    assert e.value.kind == "unreadable" and e.value.handles == ()
    with pytest.raises(rmos.InvalidArgumentError) as a:
        rmos.outlines_from_dxf(d.text(d.inch_plate()), join_tolerance_mm=-1.0)
    assert a.value.argument == "join_tolerance_mm"


def test_the_cli_prints_outlines_and_exits_by_outcome(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plate.dxf"
    plan.write_text(d.text(d.inch_plate()), encoding="utf-8")
    assert main(["outlines", str(plan)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "outline 0: 4 points, 3871.0 mm², x 0.000 .. 50.800, y 0.000 .. 76.200 mm"
    assert out[1].startswith(f"outline 1: {d.chords(12.7, 2 * math.pi)} points")

    assert main(["outlines", str(plan), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    plate = [tuple(p) for p in doc["outlines"][0]]
    assert len(plate) == 4
    assert all(close(p, q, 1e-9) for p, q in zip(plate, [(0.0, 0.0), (50.8, 0.0), (50.8, 76.2), (0.0, 76.2)]))

    chain = d.open_chain()
    plan.write_text(d.text(chain), encoding="utf-8")
    assert main(["outlines", str(plan), "--json"]) == 1
    err = json.loads(capsys.readouterr().out)["error"]
    assert err["type"] == "DxfError" and err["kind"] == "open_chain" and err["handles"] == d.handles(chain, "LINE")

    plan.write_text("0\nSECTION\n2\nENTITIES\n0\nLINE\n10\nx\n", encoding="utf-8")
    assert main(["outlines", str(plan)]) == 2
    assert main(["outlines", str(tmp_path / "missing.dxf")]) == 2
    capsys.readouterr()

    plan.write_text(d.text(d.guitar_body("R12")), encoding="utf-8")
    assert main(["outlines", str(plan), "--json"]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert notes == ["the drawing has no units ($INSUNITS is 0 or absent): its coordinates are read as millimetres"]
