#!/usr/bin/env python3
"""Invariant D2: rmos-core does no I/O. A structural scan of Rust source, not a line regex.

The scanner tokenizes each file (comments, strings, raw strings, char literals and lifetimes are
understood), expands every `use` tree into full paths (nested groups, `self`, renames and globs), resolves
path expressions through the names those `use` items bind, and reports:

- any path under a forbidden prefix (`std::fs`, `std::net`, `std::env`, `std::process`, `std::thread`,
  `std::os`, `std::time::SystemTime`, `std::time::Instant`, `std::io::stdin`/`stdout`/`stderr`, ...), also
  when it is reached through `::std`, `extern crate std as x` or `use std as x`;
- a glob import that would bring a forbidden item into scope (`use std::*`, `use std::io::*`);
- a call of `print!`, `println!`, `eprint!`, `eprintln!`, `dbg!`, bare or through a path (`std::println!`);
- `env!` / `option_env!` of a variable that is not one of Cargo's (`CARGO_*`): the builder's environment
  would leak into the library;
- `include!` and `#[path]`, which hide source from this scan: they are refused rather than skipped.

Given a directory with `lib.rs` it walks the module tree the compiler builds (only modules that are
declared, skipping items and modules under `#[cfg(test)]`, which `cargo build` never compiles); given a file
it scans that file and the modules it declares.

`--prove DIR` checks the fixture crate instead: every `src/cases/*.rs` must fail, and must fail for the
reason its `//! expect-scan:` line names. With `--clippy` each case is also built by clippy with
rmos-core's `clippy.toml`, and must fail with the lint its `//! expect-clippy:` line names (or `none`
where clippy cannot see the form, such as an import that is never used).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

# Paths whose use is I/O or reads the host. A path is forbidden when it equals one of these or lies below it.
FORBIDDEN = [
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::thread",
    "std::os",
    "std::time::SystemTime",
    "std::time::Instant",
    "std::time::UNIX_EPOCH",
    "std::io::stdin",
    "std::io::stdout",
    "std::io::stderr",
    "std::io::Stdin",
    "std::io::Stdout",
    "std::io::Stderr",
    "std::io::StdinLock",
    "std::io::StdoutLock",
    "std::io::StderrLock",
]
PRINT_MACROS = {"print", "println", "eprint", "eprintln", "dbg"}
ENV_MACROS = {"env", "option_env"}
HIDING_MACROS = {"include"}


@dataclass
class Tok:
    kind: str  # "ident", "punct", "str", "lit", "lifetime"
    text: str
    line: int


def tokenize(src: str) -> list[Tok]:
    """Rust tokens with comments dropped. `::` is one token; other punctuation is one character."""
    toks: list[Tok] = []
    i, n, line = 0, len(src), 1
    while i < n:
        c = src[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
        elif src.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if src.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif src.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    line += src[i] == "\n"
                    i += 1
        elif (m := re.compile(r'(b|c)?r(#*)"').match(src, i)) and (
            i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")
        ):
            close = '"' + m.group(2)
            j = src.find(close, m.end())
            j = n if j < 0 else j + len(close)
            toks.append(Tok("str", src[m.end() : j - len(close)], line))
            line += src.count("\n", i, j)
            i = j
        elif c == '"' or (c in "bc" and src.startswith('"', i + 1)):
            j = i + (2 if c != '"' else 1)
            start = j
            while j < n and src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            toks.append(Tok("str", src[start:j], line))
            line += src.count("\n", i, j)
            i = j + 1
        elif c == "'" or (c == "b" and src.startswith("'", i + 1)):
            j = i + (2 if c == "b" else 1)
            m = re.compile(r"\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F_]+\}|.)'|[^\\\n]'").match(src, j)
            if m:  # a char literal
                toks.append(Tok("lit", src[i : m.end()], line))
                i = m.end()
            else:  # a lifetime or label
                m = re.compile(r"[A-Za-z_][A-Za-z0-9_]*").match(src, j)
                end = m.end() if m else j
                toks.append(Tok("lifetime", src[i:end], line))
                i = end
        elif c.isalpha() or c == "_":
            m = re.compile(r"(r#)?[A-Za-z_][A-Za-z0-9_]*").match(src, i)
            assert m
            text = m.group(0)
            toks.append(Tok("ident", text[2:] if text.startswith("r#") else text, line))
            i = m.end()
        elif c.isdigit():
            m = re.compile(r"[0-9][0-9A-Za-z_]*(\.[0-9][0-9A-Za-z_]*)?([eE][+-]?[0-9_]+)?").match(src, i)
            assert m
            toks.append(Tok("lit", m.group(0), line))
            i = m.end()
        elif src.startswith("::", i):
            toks.append(Tok("punct", "::", line))
            i += 2
        else:
            toks.append(Tok("punct", c, line))
            i += 1
    return toks


@dataclass
class Finding:
    path: Path
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


@dataclass
class FileScan:
    """The findings of one file and the modules it declares outside `#[cfg(test)]`."""

    findings: list[Finding] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)


def forbidden(path: str) -> str | None:
    for f in FORBIDDEN:
        if path == f or path.startswith(f + "::"):
            return f
    return None


def glob_forbidden(prefix: str) -> str | None:
    for f in FORBIDDEN:
        if f.startswith(prefix + "::"):
            return f
    return None


def matching(toks: list[Tok], i: int) -> int:
    """The index just past the bracket group opening at `i`."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[toks[i].text]]
    i += 1
    while i < len(toks) and stack:
        t = toks[i].text if toks[i].kind == "punct" else None
        if t in pairs:
            stack.append(pairs[t])
        elif t is not None and t == stack[-1]:
            stack.pop()
        i += 1
    return i


def skip_item(toks: list[Tok], i: int) -> int:
    """The index just past the item starting at `i` (its attributes included)."""
    while i < len(toks):
        t = toks[i]
        if t.kind == "punct" and t.text == ";":
            return i + 1
        if t.kind == "punct" and t.text == "{":
            return matching(toks, i)
        if t.kind == "punct" and t.text in "([":
            i = matching(toks, i)
            continue
        i += 1
    return i


def is_cfg_test(toks: list[Tok], i: int) -> bool:
    """Whether the attribute at `i` (`#`) is exactly `#[cfg(test)]`."""
    texts = [t.text for t in toks[i : i + 7]]
    return texts == ["#", "[", "cfg", "(", "test", ")", "]"]


def parse_use_tree(toks: list[Tok], i: int, prefix: list[str], out: list[tuple[list[str], str | None, int]]) -> int:
    """Expands the use tree at `i` into (full path, bound name or `*` for a glob, line). Returns the index after it."""
    path = list(prefix)
    while i < len(toks):
        t = toks[i]
        if t.kind == "punct" and t.text == "::":
            if not path:  # a leading `::` names an extern crate
                path = ["::"]
            i += 1
        elif t.kind == "ident" and t.text != "as":
            if path == ["::"]:
                path = []
            path.append(t.text)
            i += 1
        elif t.kind == "punct" and t.text == "*":
            out.append((path, "*", t.line))
            return i + 1
        elif t.kind == "punct" and t.text == "{":
            i += 1
            while i < len(toks) and not (toks[i].kind == "punct" and toks[i].text == "}"):
                i = parse_use_tree(toks, i, path, out)
                if i < len(toks) and toks[i].kind == "punct" and toks[i].text == ",":
                    i += 1
            return i + 1
        else:
            break
    bound: str | None = path[-1] if path else None
    if bound == "self":
        path = path[:-1]
        bound = path[-1] if path else None
    if i < len(toks) and toks[i].kind == "ident" and toks[i].text == "as":
        bound = toks[i + 1].text
        i += 2
    if path:
        out.append((path, bound, toks[i - 1].line if i > 0 else 0))
    return i


def scan_tokens(file: Path, toks: list[Tok]) -> FileScan:
    scan = FileScan()
    aliases: dict[str, str] = {"std": "std"}
    uses: list[tuple[list[str], str | None, int]] = []
    i = 0
    code: list[Tok] = []  # tokens outside `use` items and `#[cfg(test)]` items
    while i < len(toks):
        t = toks[i]
        if t.kind == "punct" and t.text == "#" and is_cfg_test(toks, i):
            i = skip_item(toks, i + 7)
            continue
        if t.kind == "punct" and t.text == "#" and i + 3 < len(toks) and toks[i + 2].text == "path":
            scan.findings.append(Finding(file, t.line, "#[path] hides a module from this scan"))
        if t.kind == "ident" and t.text == "use":
            i = parse_use_tree(toks, i + 1, [], uses)
            continue
        if t.kind == "ident" and t.text == "extern" and i + 2 < len(toks) and toks[i + 1].text == "crate":
            name = toks[i + 2].text
            if i + 4 < len(toks) and toks[i + 3].text == "as":
                aliases[toks[i + 4].text] = name
            i += 3
            continue
        if (
            t.kind == "ident"
            and t.text == "mod"
            and i + 2 < len(toks)
            and toks[i + 1].kind == "ident"
            and toks[i + 2].text == ";"
        ):
            scan.modules.append(toks[i + 1].text)
        code.append(t)
        i += 1

    for path, bound, line in uses:
        if path and path[0] in aliases:
            path = aliases[path[0]].split("::") + path[1:]
        full = "::".join(path)
        if bound == "*":
            hit = glob_forbidden(full) or forbidden(full)
            if hit:
                scan.findings.append(Finding(file, line, f"use {full}::* brings {hit} into scope"))
            continue
        hit = forbidden(full)
        if hit:
            scan.findings.append(Finding(file, line, f"use {full} ({hit})"))
        if bound is not None and bound != "_":
            aliases[bound] = full

    i = 0
    while i < len(code):
        t = code[i]
        starts_path = t.kind == "ident" and not (i > 0 and code[i - 1].text == "::")
        leading = t.kind == "punct" and t.text == "::" and i + 1 < len(code) and code[i + 1].kind == "ident"
        if not (starts_path or leading):
            i += 1
            continue
        j = i + 1 if leading else i
        segs = [code[j].text]
        j += 1
        while j + 1 < len(code) and code[j].text == "::" and code[j + 1].kind == "ident":
            segs.append(code[j + 1].text)
            j += 2
        if not leading and segs[0] in aliases:
            resolved = aliases[segs[0]].split("::") + segs[1:]
        else:
            resolved = segs
        full = "::".join(resolved)
        is_macro = j + 1 < len(code) and code[j].text == "!" and code[j + 1].text in "([{"
        if is_macro:
            name = resolved[-1]
            if name in PRINT_MACROS:
                scan.findings.append(Finding(file, t.line, f"{'::'.join(segs)}! writes to the host's terminal"))
            elif name in ENV_MACROS:
                arg = code[j + 2] if j + 2 < len(code) else None
                if arg is None or arg.kind != "str" or not arg.text.startswith("CARGO_"):
                    var = arg.text if arg is not None and arg.kind == "str" else "?"
                    scan.findings.append(Finding(file, t.line, f"{name}!(\"{var}\") reads the builder's environment"))
            elif name in HIDING_MACROS:
                scan.findings.append(Finding(file, t.line, f"{name}! hides source from this scan"))
        elif len(resolved) > 1 or segs[0] != resolved[0]:
            hit = forbidden(full)
            if hit:
                scan.findings.append(Finding(file, t.line, f"{'::'.join(segs)} ({hit})"))
        i = j
    return scan


def module_file(parent: Path, is_mod_root: bool, name: str) -> Path | None:
    base = parent.parent if is_mod_root else parent.parent / parent.stem
    for candidate in (base / f"{name}.rs", base / name / "mod.rs"):
        if candidate.is_file():
            return candidate
    return None


def scan_tree(root: Path) -> list[Finding]:
    """Scans `root` and every module it declares outside `#[cfg(test)]`, as rustc would load them."""
    findings: list[Finding] = []
    queue = [root]
    seen: set[Path] = set()
    while queue:
        file = queue.pop()
        if file in seen:
            continue
        seen.add(file)
        scan = scan_tokens(file, tokenize(file.read_text(encoding="utf-8")))
        findings.extend(scan.findings)
        is_mod_root = file.name in ("lib.rs", "main.rs", "mod.rs") or file == root
        for name in scan.modules:
            child = module_file(file, is_mod_root, name)
            if child is None:
                findings.append(Finding(file, 0, f"mod {name}; has no file this scan can find"))
            else:
                queue.append(child)
    return findings


def header(file: Path, key: str) -> str | None:
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"//! {key}:"):
            return line.split(":", 1)[1].strip()
    return None


def prove(fixture: Path, clippy: bool) -> int:
    """Every case in the fixture must fail the scan (and clippy, where it can see the form) for its reason."""
    cases = sorted((fixture / "src" / "cases").glob("*.rs"))
    if not cases:
        print(f"io-check: no cases under {fixture}/src/cases", file=sys.stderr)
        return 1
    failed = 0
    if clippy and run_clippy(fixture, None).returncode != 0:
        print(f"io-check: {fixture} fails clippy with no case enabled; a case could fail for another reason",
              file=sys.stderr)
        failed += 1
    for case in cases:
        expect = header(case, "expect-scan")
        findings = scan_tree(case)
        if not expect:
            print(f"io-check: {case} names no `//! expect-scan:`", file=sys.stderr)
            failed += 1
        elif not any(expect in f.what for f in findings):
            print(f"io-check: the scan missed {case}: expected {expect!r}, got {[str(f) for f in findings]}",
                  file=sys.stderr)
            failed += 1
        if clippy:
            failed += prove_clippy(fixture, case)
    if failed == 0:
        print(f"io-check: all {len(cases)} fixture cases fail as they must")
    return 1 if failed else 0


def prove_clippy(fixture: Path, case: Path) -> int:
    lint = header(case, "expect-clippy")
    if lint is None:
        print(f"io-check: {case} names no `//! expect-clippy:`", file=sys.stderr)
        return 1
    if lint == "none":
        return 0
    run = run_clippy(fixture, case.stem)
    if run.returncode == 0 or f"clippy::{lint}" not in run.stderr:
        print(f"io-check: clippy did not refuse {case} with clippy::{lint}:\n{run.stderr}", file=sys.stderr)
        return 1
    return 0


def run_clippy(fixture: Path, feature: str | None) -> subprocess.CompletedProcess[str]:
    """Clippy over the fixture with rmos-core's clippy.toml, with one case's feature (or none) enabled."""
    repo = Path(__file__).resolve().parent.parent
    env = dict(os.environ)
    env["CLIPPY_CONF_DIR"] = str(repo / "rmos-core")
    env.setdefault("CARGO_TARGET_DIR", str(repo / "target" / "io-fixture"))
    cmd = [env.get("CARGO", "cargo"), "clippy", "--quiet", "--manifest-path", str(fixture / "Cargo.toml")]
    cmd += ["--features", feature] if feature else []
    return subprocess.run(cmd + ["--", "-D", "warnings"], env=env, capture_output=True, text=True)


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "--prove":
        return prove(Path(argv[1]), "--clippy" in argv[2:])
    target = Path(argv[0] if argv else "rmos-core/src")
    root = target / "lib.rs" if target.is_dir() else target
    if not root.is_file():
        print(f"io-check: {root} is not a file", file=sys.stderr)
        return 2
    findings = scan_tree(root)
    if findings:
        print("rmos-core must do no I/O (invariant D2); found:", file=sys.stderr)
        for f in findings:
            print(f"  {f}", file=sys.stderr)
        return 1
    print(f"core I/O check: the module tree under {root} is clean")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
