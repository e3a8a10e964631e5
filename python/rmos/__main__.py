"""The ``rmos`` command line: evaluate, run, verify, check and list materials.

Exit codes: 0 when everything passed; 1 when a job is not GREEN, an approval or release was blocked, a
program has read-back findings or a ledger does not verify; 2 for bad input (an unreadable or invalid job,
policy, program or ledger, an unknown post). ``--json`` prints one JSON object on standard output instead
of text, errors included; its refusal, program, verify and read-back parts are RMOS's own output documents,
the bytes the C ABI gives for the same outcome.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import rmos

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors reported as bad input (exit 2) in the same form as any other."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"rmos: error: {message}\n")


class _BadInput(Exception):
    """A file that cannot be read, or an argument the command cannot use."""


def _read(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise _BadInput(f"{what} {path}: {e}") from e


def _policy(path: str | None) -> rmos.Policy:
    return rmos.Policy.default() if path is None else rmos.Policy.from_json(_read(path, "policy"))


def _actor(text: str) -> rmos.Actor:
    kind, sep, name = text.partition(":")
    if not sep:
        return rmos.Actor.human(text)
    makers: dict[str, Callable[[str], rmos.Actor]] = {
        "human": rmos.Actor.human,
        "ai": rmos.Actor.ai,
        "service": rmos.Actor.service,
    }
    if kind not in makers or not name:
        raise _BadInput(f"--actor {text!r}: expected NAME or KIND:NAME with KIND human, ai or service")
    return makers[kind](name)


def _finding_line(f: rmos.Finding, where: str) -> str:
    numbers = []
    if f.value is not None:
        numbers.append(f"value {f.value:g}")
    if f.limit is not None:
        numbers.append(f"limit {f.limit:g}")
    tail = f" ({', '.join(numbers)})" if numbers else ""
    return f"  {f.bucket:<6} {f.code:<18} {where:<14} {f.message}{tail}"


def _report_text(report: rmos.FeasibilityReport) -> list[str]:
    lines = [f"feasibility: {report.bucket}  score {report.score:g}  ({report.engine})"]
    for f in report.findings:
        where = "job" if f.operation is None else f"operations[{f.operation}]"
        lines.append(_finding_line(f, where))
    lines.append(
        f"  estimated cycle {report.cycle_time_s:.0f} s, "
        f"{report.material_removed_mm3:.0f} mm³ removed"
    )
    if report.client_feasibility_ignored:
        lines.append("  the job carried its own feasibility keys: they were ignored")
    return lines


def _evaluate(args: argparse.Namespace) -> tuple[int, dict[str, Any], list[str]]:
    job = rmos.Job.from_json(_read(args.job, "job"))
    evaluated = rmos.Session(job).evaluate(_policy(args.policy))
    report = evaluated.report
    code = EXIT_OK if report.bucket == "GREEN" else EXIT_FAILED
    return code, {"report": report.to_dict()}, _report_text(report)


class _StagedOutput:
    """The output file, staged before anything is recorded: a temporary file in the target folder, renamed over
    the target only after the release is in the ledger, so a path that cannot be written refuses the run
    before the ledger records a release that never reached a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.is_dir():
            raise _BadInput(f"output {path}: is a directory")
        try:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except OSError as e:
            raise _BadInput(f"output {path}: {e.strerror or e}") from e
        os.close(fd)
        self.tmp: Path | None = Path(tmp)

    def commit(self, text: str, artifact_id: str) -> None:
        """Writes ``text`` to the temporary file, flushes it to disk and renames it over the target."""
        tmp = self.tmp
        if tmp is None:
            raise _BadInput(f"output {self.path}: already written")
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            # mkstemp makes the file private; the program gets the permissions any new file would.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, self.path)
            self.tmp = None
        except OSError as e:
            raise _BadInput(
                f"output {self.path}: {e.strerror or e}; the release is recorded as artifact {artifact_id}"
            ) from e

    def discard(self) -> None:
        """Removes the temporary file when nothing was written."""
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
            self.tmp = None


def _run(args: argparse.Namespace) -> tuple[int, dict[str, Any], list[str]]:
    job = rmos.Job.from_json(_read(args.job, "job"))
    actor = _actor(args.actor)
    output = _StagedOutput(Path(args.output))
    try:
        return _run_staged(args, job, actor, output)
    finally:
        output.discard()


def _run_staged(
    args: argparse.Namespace, job: rmos.Job, actor: rmos.Actor, output: _StagedOutput
) -> tuple[int, dict[str, Any], list[str]]:
    ledger = rmos.Ledger.open(args.ledger)
    evaluated = rmos.Session(job).evaluate(_policy(args.policy))
    out: dict[str, Any] = {"report": evaluated.report.to_dict()}
    text = _report_text(evaluated.report)
    try:
        approved = evaluated.approve(
            actor,
            ledger,
            override_reason=args.override_reason,
            acknowledge_risk=args.acknowledge_risk,
        )
        text.append(f"approved by {actor.kind} {actor.id!r}: artifact {approved.artifact_id}")
        text.extend(f"  {reason}" for reason in approved.reasons)
        out["approval"] = {"artifact_id": approved.artifact_id, "seq": approved.seq}
        program = approved.toolpath(args.post, ledger, units=args.units)
    except rmos.BlockedError as e:
        text.append(f"{e.status}: {e}")
        text.append(f"  recorded as artifact {e.artifact_id}")
        out["blocked"] = json.loads(e.document)
        return EXIT_FAILED, out, text
    output.commit(program.gcode, program.artifact_id)
    text.append(
        f"program: {program.post}, {len(program.gcode.splitlines())} lines, "
        f"cycle {program.cycle_time_s:.0f} s: artifact {program.artifact_id}"
    )
    text.append(f"wrote {output.path}")
    out["program"] = dict(program.summary(), path=str(output.path))
    return EXIT_OK, out, text


def _verify(args: argparse.Namespace) -> tuple[int, dict[str, Any], list[str]]:
    ledger = rmos.Ledger.open(args.ledger, create=False)
    try:
        report = ledger.verify()
    except rmos.TamperError as e:
        return EXIT_FAILED, json.loads(e.document), [f"TAMPERED at seq {e.seq}: {e.reason}"]
    return EXIT_OK, json.loads(report.to_json()), [f"verified: {report.artifacts} artifacts, head {report.head}"]


def _check(args: argparse.Namespace) -> tuple[int, dict[str, Any], list[str]]:
    gcode = _read(args.program, "program")
    job = rmos.Job.from_json(_read(args.job, "job"))
    report = rmos.check_gcode(gcode, job, post=args.post)
    text = [f"read-back: {report.bucket}, {len(report.findings)} findings ({report.engine})"]
    for line, f in zip(report.lines, report.findings):
        text.append(_finding_line(f, "program" if line is None else f"line {line}"))
    if report.bounds is not None:
        text.append(f"  bounds {report.bounds.min} .. {report.bounds.max}, deepest Z {report.deepest_z}")
    return (EXIT_FAILED if report.findings else EXIT_OK), report.summary(), text


def _materials(args: argparse.Namespace) -> tuple[int, dict[str, Any], list[str]]:
    ms = rmos.materials()
    text = [f"{m.id:<22} {m.name:<26} {m.hardness:<10} {m.density_kg_m3:>6g} kg/m³" for m in ms]
    out = {
        "materials": [
            {
                "id": m.id,
                "name": m.name,
                "hardness": m.hardness,
                "density_kg_m3": m.density_kg_m3,
                "rpm_range": list(m.rpm_range),
            }
            for m in ms
        ]
    }
    return EXIT_OK, out, text


def _outlines(args: argparse.Namespace) -> tuple[int, dict[str, Any], list[str]]:
    try:
        drawing = Path(args.plan).read_bytes()  # any code page, or binary DXF: the reader decodes it
    except OSError as e:
        raise _BadInput(f"drawing {args.plan}: {e}") from e
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            outlines = rmos.outlines_from_dxf(drawing)
    except rmos.DxfError as e:
        code = EXIT_BAD_INPUT if e.kind == "unreadable" else EXIT_FAILED
        out = {"error": {"type": "DxfError", "message": str(e), "kind": e.kind, "handles": list(e.handles)}}
        return code, out, [f"refused: {e}"]
    lines = []
    for i, points in enumerate(outlines):
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        n = len(points)
        area = sum(points[k][0] * points[(k + 1) % n][1] - points[(k + 1) % n][0] * points[k][1] for k in range(n)) / 2
        lines.append(
            f"outline {i}: {n} points, {area:.1f} mm², "
            f"x {min(xs):.3f} .. {max(xs):.3f}, y {min(ys):.3f} .. {max(ys):.3f} mm"
        )
    notes = [str(w.message) for w in caught]
    lines.extend(f"note: {n}" for n in notes)
    return EXIT_OK, {"outlines": [[list(p) for p in points] for points in outlines], "notes": notes}, lines


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="rmos", description="RMOS: feasibility, human approval, G-code and a tamper-evident ledger.")
    p.add_argument("--version", action="version", version=f"rmos {rmos.__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help, description=help)
        c.add_argument("--json", action="store_true", help="print one JSON object instead of text")
        return c

    c = command("evaluate", "evaluate a job: exit 1 unless it is GREEN")
    c.add_argument("job", metavar="JOB.json")
    c.add_argument("--policy", metavar="POLICY.json")
    c.set_defaults(handler=_evaluate)

    c = command("run", "evaluate, approve, generate G-code and record it all in a ledger")
    c.add_argument("job", metavar="JOB.json")
    c.add_argument("--post", required=True, help="grbl, linuxcnc, mach3 or fanuc")
    c.add_argument("--actor", required=True, help="NAME (a human) or KIND:NAME, KIND human, ai or service")
    c.add_argument("--ledger", required=True, metavar="PATH|URL", help="a ledger file, or postgresql://...")
    c.add_argument("-o", "--output", required=True, metavar="OUT.nc")
    c.add_argument("--override-reason", metavar="TEXT", help="a human's written reason (YELLOW, RED)")
    c.add_argument("--acknowledge-risk", action="store_true", help="acknowledge a RED job's risk")
    c.add_argument("--units", default="mm", help="mm or inch")
    c.add_argument("--policy", metavar="POLICY.json")
    c.set_defaults(handler=_run)

    c = command("verify", "verify a ledger's chain: exit 1 naming the first tampered seq")
    c.add_argument("ledger", metavar="PATH|URL", help="a ledger file, or postgresql://...")
    c.set_defaults(handler=_verify)

    c = command("check", "audit a G-code program against a job: exit 1 on any finding")
    c.add_argument("program", metavar="PROGRAM.nc")
    c.add_argument("--job", required=True, metavar="JOB.json")
    c.add_argument("--post", help="hold the words to this dialect (grbl, linuxcnc, mach3, fanuc)")
    c.set_defaults(handler=_check)

    c = command("outlines", "read the closed outlines of a DXF drawing, in mm: exit 1 if it is refused")
    c.add_argument("plan", metavar="PLAN.dxf")
    c.set_defaults(handler=_outlines)

    c = command("materials", "list the built-in materials")
    c.set_defaults(handler=_materials)
    return p


def _error(kind: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": dict({"type": kind, "message": message}, **extra)}


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        code, out, text = args.handler(args)
    except rmos.InvalidJobError as e:
        code, out, text = EXIT_BAD_INPUT, _error("InvalidJobError", str(e), path=e.path), [f"invalid job: {e}"]
    except rmos.InvalidArgumentError as e:
        code, out = EXIT_BAD_INPUT, _error("InvalidArgumentError", str(e), argument=e.argument)
        text = [f"invalid argument: {e}"]
    except rmos.StoreError as e:
        code, out, text = EXIT_BAD_INPUT, _error("StoreError", str(e)), [f"ledger: {e}"]
    except _BadInput as e:
        code, out, text = EXIT_BAD_INPUT, _error("BadInput", str(e)), [str(e)]
    if args.json:
        print(json.dumps(out, indent=2, sort_keys=True))
    else:
        stream = sys.stderr if code == EXIT_BAD_INPUT else sys.stdout
        for line in text:
            print(line, file=stream)
    return code


if __name__ == "__main__":
    sys.exit(main())
