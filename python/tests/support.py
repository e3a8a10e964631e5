"""Jobs and constants the tests share."""

from __future__ import annotations

from pathlib import Path

import rmos

REPO = Path(__file__).resolve().parents[2]
JOBS = REPO / "examples" / "jobs"
AT = "2026-11-22T10:00:00Z"
REASON = "fresh bit, runout checked, air blast on"
POSTS = ("grbl", "linuxcnc", "mach3", "fanuc")


def job_text(name: str) -> str:
    """The text of ``examples/jobs/<name>.json``."""
    return (JOBS / f"{name}.json").read_text(encoding="utf-8")


def example_job(name: str) -> rmos.Job:
    return rmos.Job.from_json(job_text(name))


def body_machine() -> rmos.Machine:
    return rmos.Machine(
        name="shop-router",
        travel_mm=(800, 600, 120),
        spindle_rpm=(8000, 24000),
        max_feed_mm_min=6000,
        max_plunge_mm_min=1500,
        rapid_mm_min=10000,
    )


def mahogany_job(*operations: rmos.Operation, name: str = "mahogany blank") -> rmos.Job:
    """A GREEN setup: a 1/4 in two-flute end mill in Honduran mahogany, 20 mm thick."""
    return rmos.Job(
        name=name,
        machine=body_machine(),
        stock=rmos.Stock(material="mahogany_honduran", size_mm=(520, 400), thickness_mm=20),
        tool=rmos.Tool(
            kind="flat_end_mill", diameter_mm=6.35, flutes=2, flute_length_mm=38, stickout_mm=45, tool_material="carbide"
        ),
        cutting=rmos.Cutting(
            rpm=18000, feed_mm_min=3500, plunge_mm_min=800, stepdown_mm=2.5, stepover=0.45, safe_z_mm=5
        ),
        operations=list(operations),
    )


def pocket_job() -> rmos.Job:
    """A GREEN neck pocket that every post releases."""
    return mahogany_job(
        rmos.RectPocket(corner_mm=(40, 172), size_mm=(76, 56), corner_radius_mm=6.35, depth_mm=6),
        name="neck pocket",
    )


def drill_job() -> rmos.Job:
    """GREEN pecked holes: canned G83 cycles where the dialect has them."""
    return mahogany_job(
        rmos.DrillPattern(points_mm=[(60, 180), (60, 220), (100, 180)], diameter_mm=6.35, depth_mm=12, peck_mm=4),
        name="bridge pin holes",
    )


def contour_job() -> rmos.Job:
    """A GREEN outline with holding tabs."""
    return mahogany_job(
        rmos.ContourProfile(
            points_mm=[(20, 60), (150, 30), (300, 40), (470, 80), (500, 200), (470, 320), (300, 360), (150, 370), (20, 340)],
            side="outside",
            depth_mm=8,
            tabs=4,
        ),
        name="body outline",
    )


