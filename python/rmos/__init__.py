"""RMOS: the manufacturing authority a CAM script embeds.

RMOS recomputes whether a machining job is safe, lets only a human approve it, produces G-code only
from that approval, and records every attempt in a hash-chained ledger::

    import rmos

    job = rmos.Job.from_json(open("examples/jobs/guitar_top.json").read())
    ledger = rmos.Ledger.open("shop.rmos")          # rmos.Ledger.memory() for tests
    evaluated = rmos.Session(job).evaluate()
    print(evaluated.report.bucket, evaluated.report.codes())
    approved = evaluated.approve(rmos.Actor.human("luthier"), ledger,
                                 override_reason="fresh 1/16 bit, runout checked")
    program = approved.toolpath("grbl", ledger)
    ledger.verify()

Units are millimetres, mm/min and rpm; coordinates are machine coordinates with Z = 0 at the stock top.
Every error RMOS raises is an ``rmos.RmosError``.
"""

from typing import TypeAlias

from rmos._core import (
    Actor,
    Approved,
    BlockedError,
    Bounds,
    CircleCut,
    ContourProfile,
    Cutting,
    DrillPattern,
    DxfError,
    Evaluated,
    FeasibilityReport,
    Finding,
    FretSlots,
    InvalidArgumentError,
    InvalidJobError,
    Job,
    Ledger,
    Machine,
    Material,
    Policy,
    Program,
    Provenance,
    PublicKey,
    ReadbackReport,
    Reading,
    RectPocket,
    RmosError,
    RosetteChannel,
    Session,
    SigningKey,
    Stock,
    StoreError,
    TamperError,
    Tool,
    VerifyReport,
    __version__,
    check_gcode,
    evaluate_scenario,
    material,
    materials,
    outlines_from_dxf,
    read_gcode,
    tool_kinds,
    verify_program,
)

Operation: TypeAlias = RosetteChannel | CircleCut | FretSlots | DrillPattern | RectPocket | ContourProfile
"""Any of the operation classes a ``Job`` takes."""

__all__ = [
    "Actor",
    "Approved",
    "BlockedError",
    "Bounds",
    "CircleCut",
    "ContourProfile",
    "Cutting",
    "DrillPattern",
    "DxfError",
    "Evaluated",
    "FeasibilityReport",
    "Finding",
    "FretSlots",
    "InvalidArgumentError",
    "InvalidJobError",
    "Job",
    "Ledger",
    "Machine",
    "Material",
    "Operation",
    "Policy",
    "Program",
    "Provenance",
    "PublicKey",
    "ReadbackReport",
    "Reading",
    "RectPocket",
    "RmosError",
    "RosetteChannel",
    "Session",
    "SigningKey",
    "Stock",
    "StoreError",
    "TamperError",
    "Tool",
    "VerifyReport",
    "__version__",
    "check_gcode",
    "evaluate_scenario",
    "material",
    "materials",
    "outlines_from_dxf",
    "read_gcode",
    "tool_kinds",
    "verify_program",
]
