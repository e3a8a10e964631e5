"""Type stubs of the compiled module ``rmos._core``; ``mypy.stubtest`` holds them to the module."""

import os
from collections.abc import Sequence
from typing import Any, Literal, final

__all__ = [
    "Actor",
    "Approved",
    "BlockedError",
    "Bounds",
    "CircleCut",
    "ContourProfile",
    "Cutting",
    "DrillPattern",
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
    "_sign_program",
    "check_gcode",
    "evaluate_scenario",
    "material",
    "materials",
    "read_gcode",
    "tool_kinds",
    "verify_program",
]

__version__: str

_Bucket = Literal["GREEN", "YELLOW", "RED"]
_PostName = Literal["grbl", "linuxcnc", "mach3", "fanuc"]

# Exceptions -----------------------------------------------------------------------------------------

class RmosError(Exception):
    """Base of every error RMOS raises."""

class InvalidJobError(RmosError, ValueError):
    """A job, or one of its parts, is invalid."""

    path: str
    reason: str

class InvalidArgumentError(RmosError, ValueError):
    """An argument other than a job is invalid (post, units, timestamp, policy document)."""

    argument: str
    reason: str

class BlockedError(RmosError):
    """An approval, or a release of G-code, was refused or failed."""

    status: str
    artifact_id: str | None
    report: FeasibilityReport | None
    reasons: Sequence[str]
    document: str

class TamperError(RmosError):
    """The ledger's chain does not verify at ``seq``."""

    seq: int | None
    reason: str
    document: str

class StoreError(RmosError, OSError):
    """The ledger could not be opened, read or written."""

# Catalog --------------------------------------------------------------------------------------------

@final
class Material:
    """A stock material of the built-in catalog."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def hardness(self) -> str: ...
    @property
    def density_kg_m3(self) -> float: ...
    @property
    def resinous(self) -> bool: ...
    @property
    def chipload_multiplier(self) -> float: ...
    @property
    def rpm_range(self) -> tuple[float, float]: ...
    @property
    def rough_feed_mm_min(self) -> float: ...
    @property
    def finish_feed_mm_min(self) -> float: ...
    @property
    def plunge_feed_mm_min(self) -> float: ...
    @property
    def max_doc_mm(self) -> float: ...
    @property
    def doc_ratio(self) -> float: ...
    @property
    def woc_ratio(self) -> float: ...
    @property
    def specific_cutting_force_n_mm2(self) -> float: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def materials() -> list[Material]:
    """Every built-in material, in catalog order."""

def material(id: str) -> Material | None:
    """The material with this id, or ``None``."""

def tool_kinds() -> list[str]:
    """The tool kinds a job's ``tool.kind`` may name."""

# Operations -----------------------------------------------------------------------------------------

@final
class RosetteChannel:
    """An annular channel for rosette rings, cut from the inside out."""

    def __new__(
        cls,
        *,
        center_mm: Sequence[float],
        inner_diameter_mm: float,
        outer_diameter_mm: float,
        depth_mm: float,
        rings: int = 1,
    ) -> RosetteChannel: ...
    @property
    def center_mm(self) -> tuple[float, float]: ...
    @property
    def inner_diameter_mm(self) -> float: ...
    @property
    def outer_diameter_mm(self) -> float: ...
    @property
    def depth_mm(self) -> float: ...
    @property
    def rings(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class CircleCut:
    """A circle cut through or into the stock (a soundhole)."""

    def __new__(
        cls,
        *,
        center_mm: Sequence[float],
        diameter_mm: float,
        depth_mm: float,
        side: Literal["inside", "outside"] | str,
        tabs: int = 0,
    ) -> CircleCut: ...
    @property
    def center_mm(self) -> tuple[float, float]: ...
    @property
    def diameter_mm(self) -> float: ...
    @property
    def depth_mm(self) -> float: ...
    @property
    def side(self) -> str: ...
    @property
    def tabs(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class FretSlots:
    """Fret slots across a fretboard at equal-temperament positions."""

    def __new__(
        cls,
        *,
        scale_length_mm: float,
        frets: int,
        nut_at_mm: Sequence[float],
        board_width_mm: float,
        slot_depth_mm: float,
        kerf_mm: float,
    ) -> FretSlots: ...
    @property
    def scale_length_mm(self) -> float: ...
    @property
    def frets(self) -> int: ...
    @property
    def nut_at_mm(self) -> tuple[float, float]: ...
    @property
    def board_width_mm(self) -> float: ...
    @property
    def slot_depth_mm(self) -> float: ...
    @property
    def kerf_mm(self) -> float: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class DrillPattern:
    """Holes drilled (pecked) at points."""

    def __new__(
        cls,
        *,
        points_mm: Sequence[Sequence[float]],
        diameter_mm: float,
        depth_mm: float,
        peck_mm: float,
    ) -> DrillPattern: ...
    @property
    def points_mm(self) -> list[tuple[float, float]]: ...
    @property
    def diameter_mm(self) -> float: ...
    @property
    def depth_mm(self) -> float: ...
    @property
    def peck_mm(self) -> float: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class RectPocket:
    """A rectangular pocket with rounded corners."""

    def __new__(
        cls,
        *,
        corner_mm: Sequence[float],
        size_mm: Sequence[float],
        depth_mm: float,
        corner_radius_mm: float = 0.0,
    ) -> RectPocket: ...
    @property
    def corner_mm(self) -> tuple[float, float]: ...
    @property
    def size_mm(self) -> tuple[float, float]: ...
    @property
    def corner_radius_mm(self) -> float: ...
    @property
    def depth_mm(self) -> float: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class ContourProfile:
    """A profile along a closed polyline."""

    def __new__(
        cls,
        *,
        points_mm: Sequence[Sequence[float]],
        depth_mm: float,
        side: Literal["inside", "outside", "on"] | str,
        tabs: int = 0,
    ) -> ContourProfile: ...
    @property
    def points_mm(self) -> list[tuple[float, float]]: ...
    @property
    def side(self) -> str: ...
    @property
    def depth_mm(self) -> float: ...
    @property
    def tabs(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

_Operation = RosetteChannel | CircleCut | FretSlots | DrillPattern | RectPocket | ContourProfile

# Job ------------------------------------------------------------------------------------------------

@final
class Machine:
    """The machine's envelope and limits."""

    def __new__(
        cls,
        *,
        travel_mm: Sequence[float],
        spindle_rpm: Sequence[float],
        max_feed_mm_min: float,
        max_plunge_mm_min: float,
        rapid_mm_min: float,
        name: str = ...,
    ) -> Machine: ...
    @property
    def name(self) -> str: ...
    @property
    def travel_mm(self) -> tuple[float, float, float]: ...
    @property
    def spindle_rpm(self) -> tuple[float, float]: ...
    @property
    def max_feed_mm_min(self) -> float: ...
    @property
    def max_plunge_mm_min(self) -> float: ...
    @property
    def rapid_mm_min(self) -> float: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Stock:
    """The stock: catalog material and size."""

    def __new__(cls, *, material: str, size_mm: Sequence[float], thickness_mm: float) -> Stock: ...
    @property
    def material(self) -> str: ...
    @property
    def size_mm(self) -> tuple[float, float]: ...
    @property
    def thickness_mm(self) -> float: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Tool:
    """The one cutter a job uses."""

    def __new__(
        cls,
        *,
        kind: str,
        diameter_mm: float,
        flutes: int,
        flute_length_mm: float,
        stickout_mm: float,
        tool_material: str,
    ) -> Tool: ...
    @property
    def kind(self) -> str: ...
    @property
    def diameter_mm(self) -> float: ...
    @property
    def flutes(self) -> int: ...
    @property
    def flute_length_mm(self) -> float: ...
    @property
    def stickout_mm(self) -> float: ...
    @property
    def tool_material(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Cutting:
    """Spindle, feeds and depths for the whole job."""

    def __new__(
        cls,
        *,
        rpm: float,
        feed_mm_min: float,
        plunge_mm_min: float,
        stepdown_mm: float,
        stepover: float,
        safe_z_mm: float,
        direction: str = "climb",
        coolant: bool = False,
        feed_override_percent: float | None = None,
    ) -> Cutting: ...
    @property
    def rpm(self) -> float: ...
    @property
    def feed_mm_min(self) -> float: ...
    @property
    def plunge_mm_min(self) -> float: ...
    @property
    def stepdown_mm(self) -> float: ...
    @property
    def stepover(self) -> float: ...
    @property
    def safe_z_mm(self) -> float: ...
    @property
    def direction(self) -> str: ...
    @property
    def coolant(self) -> bool: ...
    @property
    def feed_override_percent(self) -> float | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Job:
    """A validated machining job. Invalid input raises ``InvalidJobError`` naming the field."""

    def __new__(
        cls,
        *,
        machine: Machine,
        stock: Stock,
        tool: Tool,
        cutting: Cutting,
        operations: Sequence[_Operation],
        name: str | None = None,
    ) -> Job: ...
    @classmethod
    def from_json(cls, text: str) -> Job:
        """Reads and validates a job document; client feasibility keys are dropped."""
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def name(self) -> str | None: ...
    @property
    def machine(self) -> Machine: ...
    @property
    def stock(self) -> Stock: ...
    @property
    def tool(self) -> Tool: ...
    @property
    def cutting(self) -> Cutting: ...
    @property
    def operations(self) -> list[_Operation]: ...
    @property
    def client_feasibility_ignored(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

# Reports --------------------------------------------------------------------------------------------

@final
class Finding:
    """One rule that fired."""

    @property
    def code(self) -> str: ...
    @property
    def bucket(self) -> _Bucket: ...
    @property
    def message(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def limit(self) -> float | None: ...
    @property
    def operation(self) -> int | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class FeasibilityReport:
    """The result of evaluating a job, always computed by RMOS."""

    @property
    def bucket(self) -> _Bucket: ...
    @property
    def score(self) -> float: ...
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def cycle_time_s(self) -> float: ...
    @property
    def material_removed_mm3(self) -> float: ...
    @property
    def engine(self) -> str: ...
    @property
    def client_feasibility_ignored(self) -> bool: ...
    def codes(self) -> list[str]: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

def evaluate_scenario(text: str) -> FeasibilityReport:
    """Evaluates a scenario document ``{geometry, material, tool, params}`` with the classic rules alone."""

# Gates ----------------------------------------------------------------------------------------------

@final
class Policy:
    """The rules an approval is held to; its hash enters every artifact."""

    def __new__(
        cls,
        *,
        allow_yellow_override: bool | None = None,
        allow_red_override: bool | None = None,
        min_override_reason_chars: int | None = None,
    ) -> Policy: ...
    @classmethod
    def default(cls) -> Policy: ...
    @classmethod
    def from_json(cls, text: str) -> Policy: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def hash(self) -> str: ...
    @property
    def allow_yellow_override(self) -> bool: ...
    @property
    def allow_red_override(self) -> bool: ...
    @property
    def min_override_reason_chars(self) -> int: ...
    def allows(self, actor: Actor, capability: str) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Actor:
    """Who is asking. Made only by ``Actor.human``, ``Actor.ai`` or ``Actor.service``."""

    @staticmethod
    def human(id: str) -> Actor: ...
    @staticmethod
    def ai(id: str) -> Actor: ...
    @staticmethod
    def service(id: str) -> Actor: ...
    @property
    def kind(self) -> Literal["human", "ai", "service"]: ...
    @property
    def id(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

# Ledger ---------------------------------------------------------------------------------------------

@final
class VerifyReport:
    """What a chain that verifies holds."""

    @property
    def artifacts(self) -> int: ...
    @property
    def head(self) -> str | None: ...
    def to_json(self) -> str: ...

@final
class Ledger:
    """The hash-chained record of every approval attempt and every program."""

    @classmethod
    def memory(cls) -> Ledger: ...
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True) -> Ledger: ...
    @property
    def path(self) -> str | None: ...
    def verify(self) -> VerifyReport: ...
    @property
    def head(self) -> str | None: ...
    def artifacts(self) -> list[dict[str, Any]]: ...
    def artifacts_json(self) -> str: ...
    def get(self, artifact_id: str) -> dict[str, Any] | None: ...
    def attachment(self, sha256: str) -> bytes | None: ...
    def __len__(self) -> int: ...

# Workflow -------------------------------------------------------------------------------------------

@final
class Session:
    """A job on its way to approval."""

    def __new__(cls, job: Job) -> Session: ...
    @property
    def job(self) -> Job: ...
    @property
    def request_hash(self) -> str: ...
    def evaluate(self, policy: Policy | None = None) -> Evaluated: ...

@final
class Evaluated:
    """A session whose report RMOS computed. Made only by ``Session.evaluate``."""

    @property
    def report(self) -> FeasibilityReport: ...
    @property
    def bucket(self) -> _Bucket: ...
    @property
    def job(self) -> Job: ...
    @property
    def policy(self) -> Policy: ...
    @property
    def request_hash(self) -> str: ...
    @property
    def report_hash(self) -> str: ...
    @property
    def policy_hash(self) -> str: ...
    def approve(
        self,
        actor: Actor,
        ledger: Ledger,
        *,
        override_reason: str | None = None,
        acknowledge_risk: bool = False,
        at: str | None = None,
    ) -> Approved: ...

@final
class Approved:
    """An approved session. Made only by ``Evaluated.approve``."""

    @property
    def job(self) -> Job: ...
    @property
    def report(self) -> FeasibilityReport: ...
    @property
    def artifact_id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def reasons(self) -> list[str]: ...
    @property
    def actor(self) -> Actor: ...
    @property
    def policy(self) -> Policy: ...
    def toolpath(
        self, post: _PostName | str, ledger: Ledger, *, units: str = "mm", at: str | None = None
    ) -> Program: ...

# Release and read-back ------------------------------------------------------------------------------

@final
class Bounds:
    """Axis-aligned bounds of every point reached, mm."""

    @property
    def min(self) -> tuple[float, float, float]: ...
    @property
    def max(self) -> tuple[float, float, float]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Program:
    """G-code released from an approval, recorded in the ledger."""

    @property
    def gcode(self) -> str: ...
    @property
    def artifact_id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def output_hash(self) -> str | None: ...
    @property
    def bounds(self) -> Bounds: ...
    @property
    def cycle_time_s(self) -> float: ...
    @property
    def cut_length_mm(self) -> float: ...
    @property
    def rapid_length_mm(self) -> float: ...
    @property
    def post(self) -> _PostName: ...
    @property
    def units(self) -> str: ...
    def summary_json(self) -> str: ...
    def summary(self) -> dict[str, Any]: ...
    @property
    def readback(self) -> ReadbackReport: ...

@final
class ReadbackReport:
    """What the read-back check found in one program."""

    @property
    def bucket(self) -> _Bucket: ...
    @property
    def passed(self) -> bool: ...
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def lines(self) -> list[int | None]: ...
    @property
    def bounds(self) -> Bounds | None: ...
    @property
    def deepest_z(self) -> float | None: ...
    @property
    def post(self) -> _PostName | None: ...
    @property
    def engine(self) -> str: ...
    @property
    def stats(self) -> dict[str, int | float]: ...
    def codes(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def summary_json(self) -> str: ...
    def summary(self) -> dict[str, Any]: ...

@final
class Reading:
    """A G-code program as RMOS's reader understands it."""

    @property
    def bounds(self) -> Bounds | None: ...
    @property
    def deepest_z(self) -> float | None: ...
    @property
    def units(self) -> str | None: ...
    @property
    def stats(self) -> dict[str, int | float]: ...
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def skipped_lines(self) -> list[int]: ...

def check_gcode(gcode: str, job: Job, *, post: _PostName | str | None = None) -> ReadbackReport:
    """Holds a G-code program against a job: the read-back audit every released program passed."""

def read_gcode(gcode: str) -> Reading:
    """Reads a G-code program alone: bounds, deepest Z, statistics."""

# --- Keys and signed programs (issue 11) ---

@final
class SigningKey:
    """An Ed25519 signing key. Its bytes are secret: write them only to a file with mode 0600."""

    @classmethod
    def generate(cls) -> SigningKey:
        """A new key from 32 bytes of ``os.urandom``."""
    @classmethod
    def from_bytes(cls, seed: bytes) -> SigningKey:
        """The key whose 32-byte RFC 8032 seed is ``seed``."""
    def to_bytes(self) -> bytes: ...
    def to_pem(self) -> str:
        """PKCS#8 v2 PEM."""
    @classmethod
    def from_pem(cls, text: str) -> SigningKey:
        """Reads PKCS#8 v1 or v2 PEM."""
    @property
    def public_key(self) -> PublicKey: ...
    def sign(self, message: bytes) -> bytes:
        """The 64-byte RFC 8032 signature of ``message``."""

@final
class PublicKey:
    """An Ed25519 public key."""

    @classmethod
    def from_hex(cls, text: str) -> PublicKey: ...
    @classmethod
    def from_bytes(cls, data: bytes) -> PublicKey: ...
    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        """SPKI PEM or 64 hexadecimal digits."""
    def to_hex(self) -> str: ...
    def to_bytes(self) -> bytes: ...
    def to_pem(self) -> str: ...
    def verify(self, message: bytes, signature: bytes) -> bool:
        """True when ``signature`` is this key's strict RFC 8032 signature of ``message``."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Provenance:
    """What a verified program says about itself."""

    @property
    def artifact_id(self) -> str: ...
    @property
    def ledger_id(self) -> str: ...
    @property
    def approver(self) -> str: ...
    @property
    def machine(self) -> str: ...
    @property
    def body_hash(self) -> str: ...
    @property
    def signature(self) -> str: ...

def verify_program(gcode: str, public_key: PublicKey, ledger_id: str | None = None) -> Provenance:
    """Checks a program's provenance block; raises ``TamperError`` on any edit, a missing block, a wrong
    key or another ledger."""

def _sign_program(
    body: str, *, artifact_id: str, ledger_id: str, approver: str, machine: str, ledger_key: SigningKey
) -> str:
    """Test helper: ``body`` with a provenance block signed by ``ledger_key``."""
# --- DXF outlines -----------------------------------------------------------------------------------

__all__ += ["DxfError", "outlines_from_dxf"]

class DxfError(RmosError, ValueError):
    """A DXF drawing gave no closed outlines."""

    kind: str
    handles: tuple[str, ...]

def outlines_from_dxf(
    text: str | bytes, *, chord_tolerance_mm: float = 0.01, join_tolerance_mm: float = 0.001
) -> list[list[tuple[float, float]]]:
    """The closed outlines of a DXF drawing (its text, or its file's bytes), each a list of (x, y) in mm,
    counter-clockwise."""
