"""DXF drawings written by ezdxf (another program than RMOS), with what RMOS should read from them.

Used by ``test_dxf.py``; run as a script to rewrite the fixtures under ``tests/fixtures/dxf/`` that the
Rust tests of rmos-dxf read: ``python python/tests/dxf_drawings.py``.
"""

from __future__ import annotations

import io
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ezdxf.document import Drawing
from ezdxf.filemanagement import new

CHORD_TOL = 0.01
"""The default chord tolerance of ``rmos.outlines_from_dxf``, mm."""


def chords(radius: float, sweep: float, tol: float = CHORD_TOL) -> int:
    """The documented chord count of an arc: ceil(|sweep| / (2 acos(1 - tol / r))), >= 1, >= 3 if full."""
    step = math.pi if tol >= radius else 2.0 * math.acos(1.0 - tol / radius)
    n = max(math.ceil(abs(sweep) / step), 1)
    return max(n, 3) if abs(sweep) >= 2 * math.pi - 1e-12 else n


@dataclass
class Arc:
    """An arc as RMOS should see it: centre, radius, start angle and signed sweep (radians)."""

    cx: float
    cy: float
    r: float
    start: float
    sweep: float

    def points(self) -> list[tuple[float, float]]:
        """The tessellated points after the start, the end included."""
        n = chords(self.r, self.sweep)
        return [
            (
                self.cx + self.r * math.cos(self.start + self.sweep * k / n),
                self.cy + self.r * math.sin(self.start + self.sweep * k / n),
            )
            for k in range(1, n + 1)
        ]

    def segment_area(self) -> float:
        """The signed area between the arc and its chord (positive for a counter-clockwise sweep)."""
        t = abs(self.sweep)
        return math.copysign(self.r**2 / 2 * (t - math.sin(t)), self.sweep)

    def length(self) -> float:
        """The arc's length."""
        return self.r * abs(self.sweep)


def bulge_arc(p: tuple[float, float], q: tuple[float, float], b: float) -> Arc:
    """The arc of a polyline segment from p to q with bulge b (tan of a quarter of the sweep)."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    c = math.hypot(dx, dy)
    off = (1 - b * b) / (4 * b)
    cx, cy = (p[0] + q[0]) / 2 - dy * off, (p[1] + q[1]) / 2 + dx * off
    return Arc(cx, cy, c * (1 + b * b) / (4 * abs(b)), math.atan2(p[1] - cy, p[0] - cx), 4 * math.atan(b))


# The guitar body, counter-clockwise from (-180, 0): a lower bout (ARC, centre (0, 0), r 180, the lower
# half), the right side as two LINEs with a waist at (150, 75), the upper bout as a bulged polyline
# segment to (-180, 150), and the left side as a bulged segment bowing in (a waist) back to the start.
BODY_BOTTOM = Arc(0.0, 0.0, 180.0, math.pi, math.pi)
BODY_RIGHT = [(180.0, 0.0), (150.0, 75.0), (180.0, 150.0)]
UPPER_BULGE = 0.5
WAIST_BULGE = -0.2
BODY_UPPER = bulge_arc((180.0, 150.0), (-180.0, 150.0), UPPER_BULGE)
BODY_LEFT = bulge_arc((-180.0, 150.0), (-180.0, 0.0), WAIST_BULGE)
SOUNDHOLE = (0.0, 60.0, 50.0)
"""Centre x, y and radius of the soundhole circle, mm."""


def body_points() -> list[tuple[float, float]]:
    """The body outline's points as RMOS should give them, from (-180, 0)."""
    pts = [(-180.0, 0.0)]
    pts += BODY_BOTTOM.points()[:-1] + [(180.0, 0.0)]
    pts += BODY_RIGHT[1:]
    pts += BODY_UPPER.points()[:-1] + [(-180.0, 150.0)]
    pts += BODY_LEFT.points()[:-1]
    return pts


def body_area() -> float:
    """The body's exact area: the corner polygon plus the arcs' segments."""
    corners = [(-180.0, 0.0), (180.0, 0.0), (150.0, 75.0), (180.0, 150.0), (-180.0, 150.0)]
    return shoelace(corners) + sum(a.segment_area() for a in (BODY_BOTTOM, BODY_UPPER, BODY_LEFT))


def body_arc_length() -> float:
    """The length of the body's arcs, which bounds the tessellation's area error by length * tolerance."""
    return sum(a.length() for a in (BODY_BOTTOM, BODY_UPPER, BODY_LEFT))


def shoelace(points: list[tuple[float, float]]) -> float:
    """The signed area of a polygon, positive counter-clockwise."""
    n = len(points)
    return sum(points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1] for i in range(n)) / 2


def guitar_body(version: str) -> Drawing:
    """The body and its soundhole, in mm; R12 uses POLYLINE for the bulged segments, later versions
    LWPOLYLINE."""
    doc = new(version)
    if version != "R12":
        doc.header["$INSUNITS"] = 4
    msp = doc.modelspace()
    msp.add_arc((0, 0), 180.0, 180.0, 360.0)
    msp.add_line(BODY_RIGHT[0], BODY_RIGHT[1])
    msp.add_line(BODY_RIGHT[2], BODY_RIGHT[1])  # drawn backwards: the reader turns it round
    upper = [(180.0, 150.0, 0, 0, UPPER_BULGE), (-180.0, 150.0, 0, 0, WAIST_BULGE), (-180.0, 0.0, 0, 0, 0)]
    if version == "R12":
        msp.add_polyline2d(upper, format="xyseb")
    else:
        msp.add_lwpolyline(upper, format="xyseb")
    cx, cy, r = SOUNDHOLE
    msp.add_circle((cx, cy), r)
    return doc


def inch_plate() -> Drawing:
    """A 2 x 3 inch plate as a closed LWPOLYLINE with a 1 inch hole, $INSUNITS = 1 (inches)."""
    doc = new("R2000")
    doc.header["$INSUNITS"] = 1
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (2, 0), (2, 3), (0, 3)], close=True)
    msp.add_circle((1, 1.5), 0.5)
    return doc


def open_chain() -> Drawing:
    """Three sides of a square: a chain that does not close."""
    doc = new("R2000")
    doc.header["$INSUNITS"] = 4
    msp = doc.modelspace()
    msp.add_line((0, 0), (50, 0))
    msp.add_line((50, 0), (50, 50))
    msp.add_line((50, 50), (0, 50))
    return doc


def bow_tie() -> Drawing:
    """A closed LWPOLYLINE that crosses itself at (20, 20)."""
    doc = new("R2000")
    doc.header["$INSUNITS"] = 4
    doc.modelspace().add_lwpolyline([(0, 0), (40, 40), (40, 0), (0, 40)], close=True)
    return doc


def text(doc: Drawing) -> str:
    """The drawing as DXF text."""
    out = io.StringIO()
    doc.write(out)
    return out.getvalue()


def handles(doc: Drawing, kind: str) -> list[str]:
    """The handles of the model-space entities of a kind, in file order."""
    return [e.dxf.handle for e in doc.modelspace().query(kind)]


def guitar_body_r12() -> Drawing:
    """The body as DXF R12."""
    return guitar_body("R12")


def guitar_body_r2000() -> Drawing:
    """The body as DXF R2000."""
    return guitar_body("R2000")


FIXTURES: dict[str, Callable[[], Drawing]] = {
    "guitar_body_r12.dxf": guitar_body_r12,
    "guitar_body_r2000.dxf": guitar_body_r2000,
}


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "dxf"
    root.mkdir(parents=True, exist_ok=True)
    for name, make in FIXTURES.items():
        (root / name).write_text(text(make()), encoding="utf-8")
        print(f"wrote {root / name}", file=sys.stderr)
