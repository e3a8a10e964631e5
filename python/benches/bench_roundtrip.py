"""Bench: what Python adds to a full evaluate → approve → G-code round trip.

The same loop runs twice on the same job: written in Python against the ``rmos`` API, and written in Rust
against rmos-core (``rmos._core._bench_roundtrip_rust``, the benchmark helper, present only in a wheel built
with rmos-py's ``bench`` feature: ``make bench-python`` builds one). Each iteration parses the
job document, evaluates it under the default policy, approves it by a human with a written override into
a fresh in-memory ledger, and releases GRBL G-code. The two sides alternate over several timed repeats; each takes its best.

Run: ``make bench-python`` (or ``python python/benches/bench_roundtrip.py [JOB.json ...]``).
Goal: Python adds under 20 % on a typical job.
"""

from __future__ import annotations

import sys
import timeit
from collections.abc import Callable
from pathlib import Path

import rmos
import rmos._core

RustRoundtrip = Callable[..., float]

AT = "2026-11-22T10:00:00Z"
REASON = "fresh bit, runout checked, air blast on"
JOBS = Path(__file__).resolve().parents[2] / "examples" / "jobs"
GOAL = 0.20


def python_roundtrip(text: str, reason: str | None) -> str:
    job = rmos.Job.from_json(text)
    evaluated = rmos.Session(job).evaluate()
    ledger = rmos.Ledger.memory()
    approved = evaluated.approve(rmos.Actor.human("luthier"), ledger, override_reason=reason, at=AT)
    return approved.toolpath("grbl", ledger, at=AT).gcode


def rust_helper() -> RustRoundtrip:
    helper: RustRoundtrip | None = getattr(rmos._core, "_bench_roundtrip_rust", None)
    if helper is None:
        raise SystemExit(
            "rmos._core has no _bench_roundtrip_rust: this wheel was built without rmos-py's `bench` feature "
            "(run `make bench-python`, which builds one with it)"
        )
    return helper


def bench(path: Path, repeat: int = 15) -> float:
    _bench_roundtrip_rust = rust_helper()
    text = path.read_text(encoding="utf-8")
    reason = None if rmos.Session(rmos.Job.from_json(text)).evaluate().bucket == "GREEN" else REASON
    # Warm up both sides, then enough iterations for about 0.1 s per timed repeat.
    _bench_roundtrip_rust(text, 3, override_reason=reason)
    once = timeit.timeit(lambda: python_roundtrip(text, reason), number=5) / 5
    n = max(1, int(0.1 / max(once, 1e-6)))
    # The two sides alternate, so a machine busy with something else slows both alike; each takes its best.
    py, rust = [], []
    for _ in range(repeat):
        py.append(timeit.timeit(lambda: python_roundtrip(text, reason), number=n) / n)
        rust.append(_bench_roundtrip_rust(text, n, override_reason=reason) / n)
    overhead = min(py) / min(rust) - 1
    print(
        f"{path.name:<28} rust {min(rust) * 1e6:10.1f} µs   python {min(py) * 1e6:10.1f} µs   "
        f"python adds {overhead * 100:6.1f} %   ({n} iterations x {repeat} repeats)"
    )
    return overhead


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv[1:]] or [JOBS / "guitar_top.json", JOBS / "fretboard.json"]
    overheads = [bench(p) for p in paths]
    worst = max(overheads)
    verdict = "within" if worst < GOAL else "over"
    print(f"worst: Python adds {worst * 100:.1f} % ({verdict} the {GOAL * 100:.0f} % goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
