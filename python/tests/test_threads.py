"""Threads: RMOS's heavy calls run without the GIL, and one ledger shared by threads stays one chain."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import rmos
from support import AT, REASON, example_job, mahogany_job


def big_job() -> rmos.Job:
    """90 000 pecked holes: a program of about 7.5 MB, long enough (over 0.1 s even on an idle, fast machine)
    to see threads interleave."""
    points = [(20 + (i % 300) * 1.5, 30 + (i // 300) * 1.2) for i in range(90_000)]
    return mahogany_job(rmos.DrillPattern(points_mm=points, diameter_mm=6.35, depth_mm=5, peck_mm=5))


def longest_pause_of_another_thread(call: Callable[[], object]) -> tuple[float, float]:
    """Runs `call` in a worker thread while this thread spins; returns (the call's duration, the longest
    time this thread went without running meanwhile). A call that held the GIL would pause this thread
    for its whole duration."""
    go = threading.Event()
    done = threading.Event()
    span: list[float] = []

    def worker() -> None:
        go.wait()
        start = time.perf_counter()
        call()
        span.append(time.perf_counter() - start)
        done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    last = time.perf_counter()
    longest = 0.0
    go.set()
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    thread.join()
    return span[0], longest


def test_the_measure_sees_a_call_that_holds_the_gil() -> None:
    duration, pause = longest_pause_of_another_thread(lambda: sum(range(5_000_000)))
    assert pause > duration / 2


def test_planning_and_emission_release_the_gil() -> None:
    ledger = rmos.Ledger.memory()
    job = big_job()
    approved = rmos.Session(job).evaluate().approve(rmos.Actor.human("luthier"), ledger, override_reason=REASON, at=AT)
    duration, pause = longest_pause_of_another_thread(lambda: approved.toolpath("linuxcnc", ledger, at=AT))
    assert duration > 0.1, "the job is big enough to measure"
    assert pause < duration / 2, f"another thread was paused {pause:.3f} s of a {duration:.3f} s call"


def test_read_back_releases_the_gil() -> None:
    job = big_job()
    ledger = rmos.Ledger.memory()
    approved = rmos.Session(job).evaluate().approve(rmos.Actor.human("luthier"), ledger, override_reason=REASON, at=AT)
    gcode = approved.toolpath("fanuc", ledger, at=AT).gcode * 3
    duration, pause = longest_pause_of_another_thread(lambda: rmos.check_gcode(gcode, job))
    assert duration > 0.1
    assert pause < duration / 2, f"another thread was paused {pause:.3f} s of a {duration:.3f} s call"


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_threads_sharing_a_ledger_append_one_chain(kind: str, tmp_path: Path) -> None:
    ledger = rmos.Ledger.memory() if kind == "memory" else rmos.Ledger.open(tmp_path / "shared.rmos")
    evaluated = rmos.Session(example_job("guitar_top")).evaluate()

    def approve_and_release(i: int) -> str:
        approved = evaluated.approve(rmos.Actor.human(f"luthier-{i}"), ledger, override_reason=REASON, at=AT)
        return approved.toolpath(("grbl", "linuxcnc", "mach3", "fanuc")[i % 4], ledger, at=AT).artifact_id

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(approve_and_release, range(8)))
    assert len(set(ids)) == 8
    report = ledger.verify()
    assert report.artifacts == len(ledger) == 16
    assert [a["seq"] for a in ledger.artifacts()] == list(range(16))
