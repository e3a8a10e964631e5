"""docs/ keeps up with the code: every field the job reader accepts is documented in docs/job.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import rmos

ROOT = Path(__file__).resolve().parents[2]
JOB_DOC = ROOT / "docs" / "job.md"


def keys_and_kinds(value: Any, found: set[str]) -> set[str]:
    """Every object key in a JSON value, and every operation kind (the value of `op`)."""
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            if key == "op" and isinstance(item, str):
                found.add(item)
            keys_and_kinds(item, found)
    elif isinstance(value, list):
        for item in value:
            keys_and_kinds(item, found)
    return found


def full_example() -> str:
    """The page's own full example, which sets every optional field."""
    blocks = re.findall(r"```json\n(.*?)```", JOB_DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 1, "docs/job.md holds one full example"
    return str(blocks[0])


def accepted_names() -> set[str]:
    """The names the reader accepts, as the reader writes them back: the page's example and every
    example job, each read by rmos and serialised again."""
    texts = [full_example()] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "jobs").glob("*.json"))]
    names: set[str] = set()
    for text in texts:
        keys_and_kinds(json.loads(rmos.Job.from_json(text).to_json()), names)
    return names


def documented() -> set[str]:
    """Every field in the first column of a table of docs/job.md, and every operation kind (the
    `"kind"` in the second column of an `op` row)."""
    rows = [line.split("|") for line in JOB_DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    fields = {name for row in rows for name in re.findall(r"`([^`]+)`", row[1])}
    kinds = {kind for row in rows if row[1].strip() == "`op`" for kind in re.findall(r'`"([^"`]+)"`', row[2])}
    return fields | kinds


def test_every_field_the_reader_accepts_has_a_row_in_docs_job_md() -> None:
    names = accepted_names()
    # The example sets every optional field, so the reader wrote them all back.
    assert {"name", "direction", "coolant", "feed_override_percent", "tabs"} <= names
    missing = sorted(names - documented())
    assert missing == [], f"fields without a row in docs/job.md: {missing}"


def test_the_full_example_is_a_valid_job_with_every_operation_kind() -> None:
    job = rmos.Job.from_json(full_example())
    kinds = {op["op"] for op in json.loads(job.to_json())["operations"]}
    assert kinds == {"rosette_channel", "circle_cut", "fret_slots", "drill_pattern", "rect_pocket", "contour_profile"}


def test_a_misspelt_field_is_refused_so_the_table_is_the_whole_format() -> None:
    text = full_example().replace('"stepover"', '"step_over"', 1)
    try:
        rmos.Job.from_json(text)
    except rmos.InvalidJobError as e:
        assert "step_over" in str(e)
    else:
        raise AssertionError("an unknown key was accepted")


def test_the_python_readme_links_to_the_docs_page() -> None:
    readme = (ROOT / "python" / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", readme)
    assert "../docs/job.md" in links
    for link in links:
        if not link.startswith(("http://", "https://", "#")):
            assert (ROOT / "python" / link).resolve().exists(), f"broken link {link}"
