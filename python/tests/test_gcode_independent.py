"""Every post's G-code read by an independent reader, pygcode, whose bounds must equal RMOS's own.

pygcode parses each line and its ``Machine`` tracks the modal state (units, distance mode, motion mode
with its retained canned-cycle words, return plane) and the end point of every block. It reports end
points only, so this module adds what lies between them itself:

- arcs (G2/G3 in the XY plane, incremental I/J): the axis extremes the arc sweeps through;
- canned drilling cycles (G81/G83/G73): the hole's bottom Z and the retract plane R at its X/Y.

Pre-pass: every dialect RMOS writes is read by pygcode 0.2.1 as written (``%``, ``O0001``, ``N`` numbers,
trailing-dot numbers like ``X10.``, ``G43 H01``, comments), so the pre-pass strips nothing but the line
ending. Points count once all three axes have a known position, as RMOS's reader counts them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pygcode import GCodeArcMove, GCodeArcMoveCW, GCodeCannedCycle, GCodeUseInches, Line, Machine

import rmos
from support import AT, POSTS, REASON, contour_job, drill_job, example_job, pocket_job

Point = tuple[float, float, float]


@dataclass
class Extent:
    """Bounds of the points a program reaches, as read by pygcode plus arc and cycle geometry."""

    points: list[Point] = field(default_factory=list)

    def add(self, p: Point) -> None:
        self.points.append(p)

    @property
    def min(self) -> Point:
        return (min(p[0] for p in self.points), min(p[1] for p in self.points), min(p[2] for p in self.points))

    @property
    def max(self) -> Point:
        return (max(p[0] for p in self.points), max(p[1] for p in self.points), max(p[2] for p in self.points))


def arc_extremes(start: Point, end: Point, i: float, j: float, clockwise: bool) -> list[Point]:
    """The points where an XY arc from `start` to `end` about `start + (i, j)` crosses an axis direction."""
    cx, cy = start[0] + i, start[1] + j
    radius = math.hypot(start[0] - cx, start[1] - cy)
    a0 = math.atan2(start[1] - cy, start[0] - cx)
    a1 = math.atan2(end[1] - cy, end[0] - cx)
    # Sweep measured in the arc's own direction; a closed arc is a full turn.
    sweep = (a0 - a1) if clockwise else (a1 - a0)
    sweep %= 2 * math.pi
    if math.isclose(sweep, 0.0, abs_tol=1e-12):
        sweep = 2 * math.pi
    points = []
    for k in range(4):
        axis = k * math.pi / 2
        travelled = ((a0 - axis) if clockwise else (axis - a0)) % (2 * math.pi)
        if travelled <= sweep:
            t = travelled / sweep
            z = start[2] + (end[2] - start[2]) * t
            points.append((cx + radius * math.cos(axis), cy + radius * math.sin(axis), z))
    return points


def read_with_pygcode(gcode: str) -> Extent:
    machine = Machine()
    extent = Extent()
    known: set[str] = set()
    scale = 1.0
    for raw in gcode.splitlines():
        block = Line(raw).block
        gcodes = machine.block_modal_gcodes(block)
        if any(isinstance(g, GCodeUseInches) for g in gcodes):
            scale = 25.4
        started_known = known == {"X", "Y", "Z"}
        known |= {w.letter for w in block.words if w.letter in "XYZ"}
        before = machine.pos.vector
        start = (before[0] * scale, before[1] * scale, before[2] * scale)
        machine.process_block(block)
        after = machine.pos.vector
        end = (after[0] * scale, after[1] * scale, after[2] * scale)
        if known != {"X", "Y", "Z"}:
            continue
        if started_known:
            extent.add(start)
        for g in gcodes:
            if isinstance(g, GCodeArcMove):
                i, j = (g.I or 0.0) * scale, (g.J or 0.0) * scale
                for p in arc_extremes(start, end, i, j, isinstance(g, GCodeArcMoveCW)):
                    extent.add(p)
            elif isinstance(g, GCodeCannedCycle):
                for depth in (g.Z, g.R):
                    extent.add((end[0], end[1], depth * scale))
        extent.add(end)
    return extent


def released(job: rmos.Job, post: str, units: str = "mm") -> rmos.Program:
    ledger = rmos.Ledger.memory()
    evaluated = rmos.Session(job).evaluate()
    reason = None if evaluated.bucket == "GREEN" else REASON
    approved = evaluated.approve(rmos.Actor.human("luthier"), ledger, override_reason=reason, at=AT)
    return approved.toolpath(post, ledger, units=units, at=AT)


# Arcs (rosette, soundhole, pocket corners), straight slots, tabs, and pecked holes (canned G83 cycles; GRBL
# has none, so RMOS expands the pecks into moves there), in every post.
CASES = [(name, post) for name in ("guitar_top", "fretboard", "pocket", "contour", "drill") for post in POSTS]
JOBS = {
    "guitar_top": lambda: example_job("guitar_top"),
    "fretboard": lambda: example_job("fretboard"),
    "pocket": pocket_job,
    "contour": contour_job,
    "drill": drill_job,
}

# Programs are written with 3 decimals in mm: bounds agree within one unit of the last digit. (Arc ends are
# rounded, so an arc's end radius differs from its start radius by up to that much: this reader sweeps the
# start radius, RMOS's takes the larger of the two.)
OUTPUT_MM = 0.001 + 1e-9


@pytest.mark.parametrize(("name", "post"), CASES)
def test_pygcode_reads_the_bounds_rmos_reports(name: str, post: str) -> None:
    program = released(JOBS[name](), post)
    ours = rmos.read_gcode(program.gcode)
    theirs = read_with_pygcode(program.gcode)
    assert ours.bounds is not None and ours.deepest_z is not None
    # RMOS's reader and pygcode read the same written numbers.
    assert theirs.min == pytest.approx(ours.bounds.min, abs=OUTPUT_MM)
    assert theirs.max == pytest.approx(ours.bounds.max, abs=OUTPUT_MM)
    assert theirs.min[2] == pytest.approx(ours.deepest_z, abs=OUTPUT_MM)
    # The plan (unrounded) and what was written agree within the output precision.
    assert theirs.min == pytest.approx(program.bounds.min, abs=OUTPUT_MM)
    assert theirs.max == pytest.approx(program.bounds.max, abs=OUTPUT_MM)
    # And the program's own read-back saw the same.
    assert program.readback.bounds == ours.bounds
    assert program.readback.deepest_z == ours.deepest_z


@pytest.mark.parametrize("post", POSTS)
def test_inch_programs_convert_back_to_the_same_bounds(post: str) -> None:
    program = released(example_job("guitar_top"), post, units="inch")
    ours = rmos.read_gcode(program.gcode)
    theirs = read_with_pygcode(program.gcode)
    assert ours.units == "inch" and ours.bounds is not None
    # 4 decimals in inches: one unit of the last digit is 0.0001 in = 0.00254 mm.
    output_inch = 0.00254 + 1e-9
    for reference in (ours.bounds, program.bounds):
        assert theirs.min == pytest.approx(reference.min, abs=output_inch)
        assert theirs.max == pytest.approx(reference.max, abs=output_inch)


def test_the_arc_geometry_of_this_module() -> None:
    """The helper itself: a quarter arc and a full circle."""
    quarter = arc_extremes((10, 0, 0), (0, 10, 0), -10, 0, clockwise=False)
    assert [tuple(round(c, 9) for c in p) for p in quarter] == [(10.0, 0.0, 0.0), (0.0, 10.0, 0.0)]
    full = arc_extremes((10, 0, 0), (10, 0, -1), -10, 0, clockwise=True)
    assert len(full) == 4
    assert min(p[1] for p in full) == pytest.approx(-10) and max(p[0] for p in full) == pytest.approx(10)


GOLDEN = sorted((Path(__file__).resolve().parents[2] / "rmos-core" / "tests" / "golden" / "programs").glob("*.nc"))


def test_the_golden_program_folder_holds_every_operation_in_every_post() -> None:
    assert len(GOLDEN) == 24, [p.name for p in GOLDEN]


@pytest.mark.parametrize("path", GOLDEN, ids=[p.name for p in GOLDEN])
def test_pygcode_reads_every_golden_program_as_rmos_does(path: Path) -> None:
    gcode = path.read_text()
    ours = rmos.read_gcode(gcode)
    theirs = read_with_pygcode(gcode)
    assert ours.bounds is not None and ours.deepest_z is not None
    assert theirs.min == pytest.approx(ours.bounds.min, abs=OUTPUT_MM)
    assert theirs.max == pytest.approx(ours.bounds.max, abs=OUTPUT_MM)
    assert theirs.min[2] == pytest.approx(ours.deepest_z, abs=OUTPUT_MM)
