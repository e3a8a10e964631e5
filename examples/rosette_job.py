"""An acoustic guitar top and its fretboard, run end to end through RMOS from a Python CAM script.

The top (Sitka spruce, 3 mm) gets two rosette channels and its soundhole; the fretboard (East Indian
rosewood) gets 20 fret slots at a 647.7 mm scale. Each job is evaluated, approved by a human (both need a
written override: a 1/16" bit and a 0.6 mm slotting saw are fragile), turned into G-code for GRBL, read
back, and recorded in a durable ledger whose chain is verified at the end. An AI assistant asking to
approve the same job is refused, and its attempt is recorded too.

Run: ``python examples/rosette_job.py [OUT_DIR]`` (default ``out/python``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import rmos

SHOP_ROUTER = rmos.Machine(
    name="shop-router",
    travel_mm=(800, 600, 120),
    spindle_rpm=(8000, 24000),
    max_feed_mm_min=6000,
    max_plunge_mm_min=1500,
    rapid_mm_min=10000,
)

SOUNDHOLE_CENTER = (280.0, 210.0)


def guitar_top() -> rmos.Job:
    """A dreadnought top: a rosette of two channels around a 100 mm soundhole."""
    return rmos.Job(
        name="dreadnought top: rosette channels and soundhole",
        machine=SHOP_ROUTER,
        stock=rmos.Stock(material="spruce_sitka", size_mm=(560, 420), thickness_mm=3.0),
        tool=rmos.Tool(
            kind="flat_end_mill",
            diameter_mm=1.5875,
            flutes=2,
            flute_length_mm=6.0,
            stickout_mm=12.0,
            tool_material="carbide",
        ),
        cutting=rmos.Cutting(
            rpm=18000, feed_mm_min=1200, plunge_mm_min=300, stepdown_mm=0.5, stepover=0.4, safe_z_mm=5.0
        ),
        operations=[
            # The main rosette: two rings of purfling between 106 and 120 mm.
            rmos.RosetteChannel(
                center_mm=SOUNDHOLE_CENTER, inner_diameter_mm=106, outer_diameter_mm=120, depth_mm=0.9, rings=2
            ),
            # An outer herringbone ring.
            rmos.RosetteChannel(
                center_mm=SOUNDHOLE_CENTER, inner_diameter_mm=126, outer_diameter_mm=130, depth_mm=0.9, rings=1
            ),
            # The soundhole, cut through with four holding tabs.
            rmos.CircleCut(center_mm=SOUNDHOLE_CENTER, diameter_mm=100, depth_mm=3.0, side="inside", tabs=4),
        ],
    )


def fretboard() -> rmos.Job:
    """A rosewood fretboard: 20 slots at a 647.7 mm scale, cut with a 0.6 mm bit in one job of its own."""
    return rmos.Job(
        name="rosewood fretboard: 20 slots at 647.7 mm",
        machine=SHOP_ROUTER,
        stock=rmos.Stock(material="rosewood_east_indian", size_mm=(520, 80), thickness_mm=6.5),
        tool=rmos.Tool(kind="flat_end_mill", diameter_mm=0.6, flutes=2, flute_length_mm=2.5, stickout_mm=3.0, tool_material="carbide"),
        cutting=rmos.Cutting(
            rpm=24000,
            feed_mm_min=600,
            plunge_mm_min=150,
            stepdown_mm=0.3,
            stepover=0.5,
            safe_z_mm=3.0,
            coolant=True,
        ),
        operations=[
            rmos.FretSlots(
                scale_length_mm=647.7,
                frets=20,
                nut_at_mm=(10, 40),
                board_width_mm=56,
                slot_depth_mm=1.8,
                kerf_mm=0.6,
            )
        ],
    )


def run(job: rmos.Job, reason: str, ledger: rmos.Ledger, out: Path, stem: str) -> Path:
    """Evaluates, approves (with `reason` when the job is not GREEN) and releases GRBL G-code for `job`."""
    print(f"\n== {job.name}")
    evaluated = rmos.Session(job).evaluate()
    report = evaluated.report
    print(f"feasibility {report.bucket}, score {report.score:g}, about {report.cycle_time_s / 60:.1f} min")
    for finding in report.findings:
        where = "job" if finding.operation is None else f"op {finding.operation}"
        print(f"  {finding.bucket:<6} {finding.code:<16} {where:<5} {finding.message}")

    luthier = rmos.Actor.human("luthier")
    try:
        approved = evaluated.approve(luthier, ledger)
    except rmos.BlockedError as blocked:
        print(f"plain approval {blocked.status}: {'; '.join(blocked.reasons)}")
        print(f"  the attempt is artifact {blocked.artifact_id}")
        approved = evaluated.approve(luthier, ledger, override_reason=reason)
    print(f"approved by {approved.actor.kind} {approved.actor.id!r}, artifact {approved.artifact_id}")
    for note in approved.reasons:
        print(f"  {note}")

    program = approved.toolpath("grbl", ledger)
    path = out / f"{stem}.nc"
    path.write_text(program.gcode, encoding="utf-8")
    lo, hi = program.bounds.min, program.bounds.max
    print(
        f"G-code: {len(program.gcode.splitlines())} lines for {program.post}, "
        f"X {lo[0]:.3f}..{hi[0]:.3f} Y {lo[1]:.3f}..{hi[1]:.3f} Z {lo[2]:.3f}..{hi[2]:.3f} mm, "
        f"read-back {program.readback.bucket}"
    )
    print(f"  recorded as artifact {program.artifact_id}")
    print(f"  wrote {path}")
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("out") / "python"
    out.mkdir(parents=True, exist_ok=True)
    ledger = rmos.Ledger.open(str(out / "shop.rmos"))
    print(f"ledger {ledger.path}: {len(ledger)} artifacts so far")

    top = guitar_top()
    run(top, "fresh 1/16 in bit, runout checked, air blast on the spruce", ledger, out, "guitar_top")
    run(fretboard(), "new 0.6 mm slotting bit, feeds proven on this rosewood", ledger, out, "fretboard")

    print("\n== an AI assistant asks to approve the top")
    try:
        rmos.Session(top).evaluate().approve(
            rmos.Actor.ai("cam-assistant"), ledger, override_reason="the numbers look fine to me"
        )
        print("approved: this must never happen")
        return 1
    except rmos.BlockedError as refused:
        print(f"refused ({refused.status}): {'; '.join(refused.reasons)}")
        print(f"  the attempt is artifact {refused.artifact_id}")

    verified = ledger.verify()
    print(f"\nledger verified: {verified.artifacts} artifacts, head {verified.head}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
