"""The command line: every command, its exit code (0 / 1 / 2) and its --json output."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import rmos
from rmos.__main__ import main
from support import JOBS, REASON


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code, out, _ = run(capsys, *argv, "--json")
    return code, json.loads(out)


def test_evaluate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "evaluate", str(JOBS / "guitar_top.json"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("feasibility: YELLOW  score 81  (rmos.feasibility/")
    assert lines[1].split() == ["YELLOW", "F032", "operations[0]", "the", "1.5875", "mm", "tool", "is", "under", "2",
                                "mm:", "fragile", "(value", "1.5875,", "limit", "2)"]
    code, doc = run_json(capsys, "evaluate", str(JOBS / "guitar_top.json"))
    assert code == 1 and doc["report"]["bucket"] == "YELLOW"
    green = tmp_path / "green.json"
    green.write_text(json.dumps(
        dict(json.loads((JOBS / "body_12_ops.json").read_text()), operations=[
            {"op": "rect_pocket", "corner_mm": [40, 172], "size_mm": [76, 56], "corner_radius_mm": 6.35,
             "depth_mm": 6}])))
    code, doc = run_json(capsys, "evaluate", str(green))
    assert (code, doc["report"]["bucket"], doc["report"]["findings"]) == (0, "GREEN", [])


def test_run_then_verify_then_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ledger, out_nc = tmp_path / "shop.rmos", tmp_path / "top.nc"
    top = str(JOBS / "guitar_top.json")
    base = ["run", top, "--post", "grbl", "--ledger", str(ledger), "-o", str(out_nc)]

    code, doc = run_json(capsys, *base, "--actor", "luthier")
    assert code == 1 and doc["blocked"]["status"] == "BLOCKED"
    assert doc["blocked"]["reasons"] == ["YELLOW job needs a human override with a written reason"]
    assert not out_nc.exists()

    code, out, _ = run(capsys, *base, "--actor", "luthier", "--override-reason", REASON)
    assert code == 0
    assert f"wrote {out_nc}" in out.splitlines()
    assert "approved by human 'luthier': artifact sha256:" in out
    gcode = out_nc.read_text()
    assert gcode.startswith("(rmos program for grbl)")

    code, doc = run_json(capsys, "verify", str(ledger))
    assert code == 0 and doc["verified"] and doc["artifacts"] == 3
    assert doc["head"] == rmos.Ledger.open(ledger).head

    code, doc = run_json(capsys, "check", str(out_nc), "--job", top, "--post", "grbl")
    assert (code, doc["passed"], doc["findings"]) == (0, True, [])
    assert doc["bounds"]["min"][2] == -3.0

    code, out, _ = run(capsys, "verify", str(ledger))
    assert (code, out) == (0, f"verified: 3 artifacts, head {doc_head(ledger)}\n")


def doc_head(ledger: Path) -> str | None:
    return rmos.Ledger.open(ledger).head


def test_run_writes_json_with_the_program(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, doc = run_json(
        capsys, "run", str(JOBS / "fretboard.json"), "--post", "fanuc", "--actor", "human:luthier",
        "--ledger", str(tmp_path / "l.rmos"), "-o", str(tmp_path / "f.nc"), "--override-reason", REASON,
        "--units", "inch",
    )
    assert code == 0
    assert doc["approval"]["seq"] == 0 and doc["program"]["seq"] == 1
    assert (doc["program"]["post"], doc["program"]["units"]) == ("fanuc", "inch")
    assert (tmp_path / "f.nc").read_text().startswith("%\nO0001")


def test_the_ai_is_refused_on_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, doc = run_json(
        capsys, "run", str(JOBS / "guitar_top.json"), "--post", "grbl", "--actor", "ai:cam-assistant",
        "--ledger", str(tmp_path / "l.rmos"), "-o", str(tmp_path / "x.nc"), "--override-reason", REASON,
    )
    assert code == 1
    assert doc["blocked"]["reasons"][0] == 'ai actor "cam-assistant" may not approve'
    assert not (tmp_path / "x.nc").exists()


def test_verify_names_the_tampered_seq(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ledger = tmp_path / "shop.rmos"
    assert main(["run", str(JOBS / "guitar_top.json"), "--post", "mach3", "--actor", "luthier", "--ledger",
                 str(ledger), "-o", str(tmp_path / "t.nc"), "--override-reason", REASON]) == 0
    capsys.readouterr()
    with sqlite3.connect(ledger) as conn:
        triggers = conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").fetchall()
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE artifacts SET bytes = CAST(REPLACE(CAST(bytes AS TEXT), 'YELLOW override', "
                     "'GREEN  override') AS BLOB) WHERE seq = 0")
        for _, create in triggers:
            conn.execute(create)
    conn.close()
    code, out, _ = run(capsys, "verify", str(ledger))
    assert code == 1 and out.startswith("TAMPERED at seq 0: content address mismatch")
    code, doc = run_json(capsys, "verify", str(ledger))
    assert (code, doc["verified"], doc["seq"]) == (1, False, 0)


def test_check_reports_findings_with_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    program = tmp_path / "hand.nc"
    program.write_text("G21 G90\nG0 X230 Y210 Z-1\nM30\n")
    code, out, _ = run(capsys, "check", str(program), "--job", str(JOBS / "guitar_top.json"))
    assert code == 1
    assert out.splitlines()[1].split()[:3] == ["RED", "RB_RAPID_LOW", "line"]
    code, doc = run_json(capsys, "check", str(program), "--job", str(JOBS / "guitar_top.json"))
    assert doc["findings"][0]["line"] == 2 and not doc["passed"]


def test_materials(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "materials")
    assert code == 0 and out.splitlines()[0].split()[0] == "maple_hard" and len(out.splitlines()) == 15
    code, doc = run_json(capsys, "materials")
    assert [m["id"] for m in doc["materials"]][:2] == ["maple_hard", "maple_soft"]


def test_check_takes_no_policy(capsys: pytest.CaptureFixture[str]) -> None:
    top = str(JOBS / "guitar_top.json")
    with pytest.raises(SystemExit) as caught:
        run(capsys, "check", top, "--job", top, "--policy", top)
    assert caught.value.code == 2
    assert "unrecognized arguments: --policy" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["evaluate", "no/such/job.json"], "BadInput"),
        (["evaluate", str(JOBS / "../jobs")], "BadInput"),
        (["verify", "no/such/ledger.rmos"], "StoreError"),
        (["check", str(JOBS / "guitar_top.json"), "--job", str(JOBS / "guitar_top.json"), "--post", "haas"],
         "InvalidArgumentError"),
    ],
)
def test_bad_input_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str], error: str) -> None:
    code, doc = run_json(capsys, *argv)
    assert code == 2 and doc["error"]["type"] == error


def test_an_invalid_job_exits_2_naming_the_field(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text((JOBS / "guitar_top.json").read_text().replace('"depth_mm": 0.9', '"depth_mm": -1'))
    code, out, err = run(capsys, "evaluate", str(bad))
    assert (code, out, err) == (2, "", "invalid job: operations[0].depth_mm: must be > 0\n")
    code, doc = run_json(capsys, "evaluate", str(bad))
    assert doc["error"] == {"type": "InvalidJobError", "message": "operations[0].depth_mm: must be > 0",
                            "path": "operations[0].depth_mm"}


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["run", str(JOBS / "guitar_top.json")])
    assert exited.value.code == 2
    assert "the following arguments are required: --post, --actor, --ledger, -o/--output" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    code, doc = run_json(capsys, "run", str(JOBS / "guitar_top.json"), "--post", "grbl", "--actor", "robot:x",
                         "--ledger", "l", "-o", "o")
    assert code == 2 and "KIND human, ai or service" in doc["error"]["message"]


def test_python_dash_m_rmos_and_the_console_script(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "rmos", "materials", "--json"], capture_output=True, text=True)
    assert done.returncode == 0 and len(json.loads(done.stdout)["materials"]) == 15
    script = Path(sys.executable).with_name("rmos")
    done = subprocess.run([str(script), "evaluate", str(JOBS / "guitar_top.json")], capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout.startswith("feasibility: YELLOW")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, f"rmos {rmos.__version__}\n")


def test_an_unwritable_output_refuses_the_run_before_anything_is_recorded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ledger = tmp_path / "shop.rmos"
    top = str(JOBS / "guitar_top.json")
    for bad, why in [(tmp_path / "missing" / "top.nc", "No such file or directory"), (tmp_path, "is a directory")]:
        code, doc = run_json(capsys, "run", top, "--post", "grbl", "--ledger", str(ledger), "-o", str(bad),
                             "--actor", "luthier", "--override-reason", REASON)
        assert code == 2 and doc["error"]["type"] == "BadInput", doc
        assert doc["error"]["message"] == f"output {bad}: {why}"
        assert "report" not in doc
    assert not ledger.exists() or rmos.Ledger.open(ledger).artifacts() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_failed_write_after_the_release_names_the_artifact(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger, out_nc = tmp_path / "shop.rmos", tmp_path / "top.nc"

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("rmos.__main__.os.replace", refuse)
    code, doc = run_json(capsys, "run", str(JOBS / "guitar_top.json"), "--post", "grbl", "--ledger", str(ledger),
                         "-o", str(out_nc), "--actor", "luthier", "--override-reason", REASON)
    assert code == 2
    artifacts = rmos.Ledger.open(ledger).artifacts()
    assert [a["kind"] for a in artifacts] == ["approval", "toolpath"]
    assert doc["error"]["message"] == (
        f"output {out_nc}: No space left on device; the release is recorded as artifact {artifacts[1]['id']}"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.rmos"]


def test_the_program_file_has_ordinary_permissions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_nc = tmp_path / "top.nc"
    code, _, _ = run(capsys, "run", str(JOBS / "guitar_top.json"), "--post", "grbl", "--ledger",
                     str(tmp_path / "l.rmos"), "-o", str(out_nc), "--actor", "luthier", "--override-reason", REASON)
    assert code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out_nc.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
