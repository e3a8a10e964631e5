"""The Python README's examples run as written."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_the_readme_has_a_quickstart() -> None:
    assert len(python_blocks()) == 1


def test_the_quickstart_runs() -> None:
    for block in python_blocks():
        exec(compile(block, str(README), "exec"), {})
