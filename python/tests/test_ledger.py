"""Ledgers in memory and on disk: what they hold, verification, tampering and store failures."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import rmos
from support import AT, REASON, example_job, pocket_job


def fill(ledger: rmos.Ledger) -> list[str]:
    """A blocked attempt, an approval and a program: three artifacts. Returns their ids."""
    evaluated = rmos.Session(example_job("guitar_top")).evaluate()
    luthier = rmos.Actor.human("luthier")
    with pytest.raises(rmos.BlockedError) as blocked:
        evaluated.approve(luthier, ledger, at=AT)
    approved = evaluated.approve(luthier, ledger, override_reason=REASON, at=AT)
    program = approved.toolpath("grbl", ledger, at=AT)
    assert blocked.value.artifact_id is not None
    return [blocked.value.artifact_id, approved.artifact_id, program.artifact_id]


def test_a_memory_ledger_holds_the_chain() -> None:
    ledger = rmos.Ledger.memory()
    assert (len(ledger), ledger.head, ledger.path, ledger.artifacts()) == (0, None, None, [])
    assert repr(ledger) == "Ledger.memory() (0 artifacts)"
    empty = ledger.verify()
    assert (empty.artifacts, empty.head) == (0, None)
    ids = fill(ledger)
    assert len(ledger) == 3 and ledger.head == ids[-1]
    artifacts = ledger.artifacts()
    assert [a["id"] for a in artifacts] == ids
    assert [a["seq"] for a in artifacts] == [0, 1, 2]
    assert [a["prev"] for a in artifacts] == [None, ids[0], ids[1]]
    assert all(a["schema"] == "rmos.run/1" for a in artifacts)
    assert ledger.get(ids[1]) == artifacts[1]
    assert ledger.get("sha256:" + "0" * 64) is None
    assert ledger.attachment("sha256:" + "0" * 64) is None
    report = ledger.verify()
    assert (report.artifacts, report.head) == (3, ids[-1])
    assert repr(report) == f"VerifyReport(artifacts=3, head='{ids[-1]}')"


def test_bad_addresses_are_invalid_arguments() -> None:
    ledger = rmos.Ledger.memory()
    with pytest.raises(rmos.InvalidArgumentError) as caught:
        ledger.get("abc")
    assert caught.value.argument == "artifact_id"
    with pytest.raises(rmos.InvalidArgumentError) as caught:
        ledger.attachment("sha256:xyz")
    assert caught.value.argument == "sha256"


def test_a_durable_ledger_keeps_the_chain_across_opens(tmp_path: Path) -> None:
    path = tmp_path / "shop.rmos"
    ledger = rmos.Ledger.open(path)
    assert ledger.path == str(path) and len(ledger) == 0
    ids = fill(ledger)
    del ledger
    again = rmos.Ledger.open(str(path), create=False)
    assert [a["id"] for a in again.artifacts()] == ids
    assert again.verify().head == ids[-1]
    assert repr(again) == f"Ledger.open('{path}') (3 artifacts)"
    # The next approval continues the chain.
    more = rmos.Session(pocket_job()).evaluate().approve(rmos.Actor.human("luthier"), again, at=AT)
    assert more.seq == 3 and again.artifacts()[3]["prev"] == ids[-1]


def test_memory_and_disk_ledgers_record_the_same_artifacts(tmp_path: Path) -> None:
    memory, disk = rmos.Ledger.memory(), rmos.Ledger.open(tmp_path / "l.rmos")
    assert fill(memory) == fill(disk)
    assert memory.artifacts() == disk.artifacts()


def edit_outside(path: Path, sql: str) -> None:
    """Edits a ledger file with SQLite directly, dropping RMOS's immutability triggers for the edit."""
    with sqlite3.connect(path) as conn:
        triggers = conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").fetchall()
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute(sql)
        for _, create in triggers:
            conn.execute(create)
    conn.close()


def test_an_edited_artifact_is_named_by_its_seq(tmp_path: Path) -> None:
    path = tmp_path / "shop.rmos"
    fill(rmos.Ledger.open(path))
    edit_outside(
        path,
        "UPDATE artifacts SET bytes = CAST(REPLACE(CAST(bytes AS TEXT), 'luthier', 'intruder') AS BLOB) WHERE seq = 1",
    )
    with pytest.raises(rmos.TamperError) as caught:
        rmos.Ledger.open(path).verify()
    assert caught.value.seq == 1
    assert caught.value.reason.startswith("content address mismatch")
    assert str(caught.value).startswith("ledger does not verify at seq 1: content address mismatch")
    assert isinstance(caught.value, rmos.RmosError)
    # The verify result document, the bytes rmos_ledger_verify gives for the same chain.
    assert caught.value.document == json.dumps(
        {"verified": False, "seq": 1, "reason": caught.value.reason}, separators=(",", ":"), ensure_ascii=False
    )


def test_a_changed_program_is_named_by_its_seq(tmp_path: Path) -> None:
    path = tmp_path / "shop.rmos"
    fill(rmos.Ledger.open(path))
    edit_outside(path, "UPDATE attachments SET bytes = CAST(REPLACE(CAST(bytes AS TEXT), 'G1', 'G0') AS BLOB)")
    ledger = rmos.Ledger.open(path)
    with pytest.raises(rmos.TamperError) as caught:
        ledger.verify()
    assert caught.value.seq == 2
    assert "does not match its content address" in caught.value.reason
    program = ledger.artifacts()[2]
    with pytest.raises(rmos.StoreError):
        ledger.attachment(program["output_hash"])


def test_a_deleted_artifact_is_named(tmp_path: Path) -> None:
    path = tmp_path / "shop.rmos"
    fill(rmos.Ledger.open(path))
    edit_outside(path, "DELETE FROM artifacts WHERE seq = 0")
    with pytest.raises(rmos.TamperError) as caught:
        rmos.Ledger.open(path).verify()
    assert caught.value.seq == 0


def test_store_errors_are_os_errors(tmp_path: Path) -> None:
    with pytest.raises(rmos.StoreError) as missing:
        rmos.Ledger.open(tmp_path / "none.rmos", create=False)
    assert isinstance(missing.value, OSError) and isinstance(missing.value, rmos.RmosError)
    assert "no ledger at this path" in str(missing.value)
    not_a_ledger = tmp_path / "notes.txt"
    not_a_ledger.write_text("these are not the artifacts you are looking for " * 200)
    with pytest.raises(rmos.StoreError, match="not an rmos ledger"):
        rmos.Ledger.open(not_a_ledger)
    other_db = tmp_path / "other.sqlite"
    with sqlite3.connect(other_db) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(rmos.StoreError, match="not an rmos ledger"):
        rmos.Ledger.open(other_db)
    with pytest.raises(rmos.StoreError):
        rmos.Ledger.open(tmp_path / "no" / "such" / "dir" / "l.rmos")


def test_a_failing_store_during_approval_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "shop.rmos"
    ledger = rmos.Ledger.open(path)
    fill(ledger)
    # Another program makes the ledger refuse every write from now on.
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TRIGGER refuse_all BEFORE INSERT ON artifacts BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
    conn.close()
    with pytest.raises(rmos.StoreError, match="disk on fire"):
        rmos.Session(pocket_job()).evaluate().approve(rmos.Actor.human("luthier"), ledger, at=AT)
